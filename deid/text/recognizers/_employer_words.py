"""The vocabulary of employer and school names: the cues before one, its head words, its stop words.

An employer is named right after a cue ("works at", "laid off from", "a roofer with",
"FMLA paperwork for") or by a run of capitalised words ending in an organisation head
word (``Creighton University``, ``Sarpy County Fire``, ``Kiewit Corporation``). The
cues are regex sources, matched in lower case; the words are lower case.
"""

from __future__ import annotations

__all__ = [
    "AMBIGUOUS_HEADS",
    "CAPITALISED_CUES",
    "CONNECTORS",
    "CUE_STARTS",
    "EXTENSIONS",
    "GENERIC_PLACES",
    "LOWER_CASE_CUES",
    "NOT_NAMES",
    "STOP_WORDS",
    "STRONG_HEADS",
]


def _words(source: str) -> frozenset[str]:
    """The blank-separated words of ``source``."""
    return frozenset(source.split())


def _listed(source: str) -> frozenset[str]:
    """The comma-separated phrases of ``source``."""
    return frozenset(phrase.strip() for phrase in source.split(","))


_BLANK = r"[ \t]{1,2}"
_SCHEDULE = (
    rf"(?:{_BLANK}(?:part|full)[ \t-]?time|{_BLANK}(?:nights|days|weekends|evenings|now|currently|still))?"
)
"""Words that may sit between "works" and its "at" ("works part time at Target")."""
_SHOP_JOBS = (
    "associate|cashier|clerk|teller|stocker|loader|packer|picker|barista|bartender|waitress|waiter|cook|"
    "janitor|custodian|housekeeper"
)
"""Shop-floor jobs whose "at" names the employer even in lower case ("cashier at walmart")."""
_JOBS = (
    "pilot|paramedic|emt|firefighter|fireman|roofer|driver|trucker|mechanic|welder|electrician|plumber|"
    "carpenter|machinist|engineer|accountant|manager|supervisor|foreman|server|chef|laborer|labourer|"
    "officer|deputy|trooper|dispatcher|secretary|receptionist|analyst|programmer|developer|consultant|"
    "attorney|lawyer|paralegal|banker|agent|representative|rep|salesman|coordinator|director|"
    "administrator|librarian|coach|counselor|pharmacist|volunteer|intern|employee|worker|operator|"
    "conductor|lineman|linesman|miner|guard|contractor|installer|executive|owner|courier|carrier|mailman|"
    "crewman|steward|stewardess|flight[ \t]attendant|soldier|airman|sailor|marine"
)
"""Other jobs, whose "at", "with" or "for" names the employer when capitalised ("pilot with SOUTHWEST";
"driver at fault", "guard at door" name none)."""
LOWER_CASE_CUES = (
    rf"(?:works?|working|worked){_SCHEDULE}{_BLANK}at"
    rf"|employed{_BLANK}(?:at|by|with)|(?:job|position|career){_BLANK}(?:at|with)"
    rf"|employer(?:{_BLANK}is|[ \t]*[:=-])"
    rf"|retired{_BLANK}from|(?:student|teacher|professor|instructor|freshman|sophomore|junior|senior|"
    rf"enrolled){_BLANK}(?:at|in)"
    r"|(?:(?<=laid[ \t])|(?<=day[ \t])|(?<=days[ \t])|(?<=time[ \t])|(?<=leave[ \t]))"
    rf"off{_BLANK}(?:from|at|by)"
    rf"|fired{_BLANK}from|(?<=on[ \t])break{_BLANK}from|shifts?{_BLANK}at|office{_BLANK}at|window{_BLANK}at"
    rf"|(?:{_SHOP_JOBS})s?{_BLANK}at"
)
"""Cues strong enough for a name written in lower case ("works at conagra", "shift at walmart")."""
CAPITALISED_CUES = (
    rf"(?:works?|working|worked){_SCHEDULE}{_BLANK}for|employer|attends|studies{_BLANK}at|"
    rf"teaches{_BLANK}at|(?:works|worked|working){_BLANK}as{_BLANK}(?:a|an){_BLANK}[a-z]+"
    rf"(?:{_BLANK}[a-z]+)?{_BLANK}(?:at|for)|(?:{_SHOP_JOBS}|{_JOBS})s?{_BLANK}(?:at|with|for)"
    rf"|(?:fmla|work|employer|rtw|return[ \t-]to[ \t-]work|disability){_BLANK}"
    rf"(?:paperwork|note|letter|excuse|forms?){_BLANK}for"
)
"""Cues that need the name capitalised ("works for" also says what a drug works for)."""
_CUE_START_LIST = (
    "work employ job position career retired student teacher professor instructor freshman sophomore "
    "junior senior enrolled attends studies teaches off fired break shift office window fmla rtw return "
    "disability flight"
)
CUE_STARTS = frozenset(_CUE_START_LIST.split()) | frozenset(
    job.split("[")[0] for job in f"{_SHOP_JOBS}|{_JOBS}".split("|")
)
"""The first word of every cue, in lower case: where the employer pattern is tried."""

_STOP_WORD_LIST = (
    "and as for since until till in on at by with from to of or but the a an who which that where when "
    "while because about around after before during through into via per than then so if is was are "
    "were be been has have had will would can could should may might must do does did not no yes "
    "he she they we i you it him her them his their our my your its this these those there here "
    "himself herself themselves myself yourself itself self none unknown n/a na retired unemployed "
    "disabled disability homemaker housewife student students jobs job odd part full time part-time "
    "full-time shifts shift night nights day days weekend weekends morning mornings evening evenings "
    "today yesterday tomorrow currently now still also again already recently since years year months "
    "month weeks week hours hour least most work home-based remote rn asap tonight "
    "remotely desk computer light heavy duty modified full regular normal usual restricted reduced "
    "same different another other local family friends friend farming teaching nursing construction "
    "military army navy marines air force daycare dialysis therapy meetings meeting classes class "
    "mass aa na pt ot st iop php present times baseline capacity level pace dr doctor mr mrs ms miss "
    "physical occupational speech support group groups counseling sessions appointments scene fault "
    "january february march april may june july august september october november december monday "
    "tuesday wednesday thursday friday saturday sunday"
)
STOP_WORDS = _words(_STOP_WORD_LIST)
"""Words that end a name, or that no employer is called ("works at night", "employer: self")."""
_GENERIC_PLACE_LIST = (
    "home house office school college university church hospital clinic store restaurant factory plant "
    "farm company business bank shop mall warehouse"
)
GENERIC_PLACES = _words(_GENERIC_PLACE_LIST)
"""Words that may end an employer's name (``First National Bank``) but are none alone ("works at home")."""
CONNECTORS = frozenset({"of", "the", "&", "de"})
"""Words that may join the words of a capitalised name (``Mutual of Omaha``, ``Procter & Gamble``)."""

STRONG_HEADS = _listed(
    "airlines, motors, inc, llc, ltd, corp, corporation, co, elementary, middle school, high school, "
    "junior high"
)
"""Head words that make any named run before them an organisation (``Kiewit Corporation``)."""
AMBIGUOUS_HEADS = _listed(
    "bank, energy, airways, chemical, steel, foods, restaurant, roofing, siding, construction, academy, "
    "prep, college, university, fire, police, schools, company, group"
)
"""Head words that are everyday nouns too (``Food Bank``, ``Kitchen Fire``, ``Support Group``): the name
before one needs a word no everyday word, initials, a possessive or a town (``Sarpy County Fire``)."""
EXTENSIONS = _words("department dept district rescue authority inc llc ltd corp corporation co company")
"""Words after a head word that belong to the name (``Sarpy County Fire Department``, ``Foods Inc.``)."""
NOT_NAMES = _words(
    "sperm piggy cord fatty fried processed spicy salty sugary starchy acidic canned frozen organic greasy "
    "junk stainless galvanized carbon vinyl asphalt shingle aluminum cedar reactive hyperreactive distal "
    "proximal peripheral conducting bowel colon colonoscopy skin kinetic renewable solar hazardous toxic "
    "corrosive caustic inorganic industrial household brush grease chimney forest wild camp tribal "
    "transit thai vietnamese korean greek sushi seafood buffet residential commercial charter catholic "
    "parochial boarding bible technical junior senior ambulance trucking moving"
)
"""Words before an everyday head that make it a kind, not a name (``Fatty Foods``, ``Bowel Prep``)."""
