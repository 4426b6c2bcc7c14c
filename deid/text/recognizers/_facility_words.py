"""The vocabulary of health-care facility names: head words, generic words, well-known names.

A facility name is a *naming word* (``Methodist``, ``Bryan``, ``CVS``) followed by a
*head word* (``Hospital``, ``Medical Center``, ``Clinic``). Departments, specialties and
generic adjectives (``Cardiology Clinic``, ``Family Medicine``, ``the County Hospital``)
are no naming words. Shared by the facility recognizer and by the allow rules, which
must not hide a facility name behind its organisation words; this module imports
nothing of ours so both can use it.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "CALENDAR_WORDS",
    "CARE_CUE_HEADS",
    "CHAIN_NAMES",
    "CLINICAL_ACRONYMS",
    "CUE_HEADS",
    "CUE_ONLY_ACRONYMS",
    "FOLLOWERS",
    "FUNCTION_WORDS",
    "GENERIC_WORDS",
    "KNOWN_ACRONYMS",
    "KNOWN_NAMES",
    "LEADING_NOISE",
    "NOT_DEVOTIONS",
    "PICKY_FOLLOWERS",
    "PICKY_HEADS",
    "PICKY_NOT_NAMES",
    "SAINT_FOLLOWERS",
    "STRONG_HEADS",
    "WEAK_HEADS",
    "head_length",
    "is_naming_word",
    "names_facility",
]


def _listed(source: str) -> frozenset[str]:
    """The comma-separated phrases of ``source``."""
    return frozenset(phrase.strip() for phrase in source.split(","))


def _words(source: str) -> frozenset[str]:
    """The blank-separated words of ``source``."""
    return frozenset(source.split())


STRONG_HEADS = _listed(
    "hospital, hospitals, medical center, medical centre, health center, health centre, health system, "
    "healthcare system, health care system, medical group, clinic, clinics, infirmary, nursing home, "
    "nursing center, nursing facility, rehabilitation center, rehabilitation hospital, rehab center, "
    "hospice, pharmacy, urgent care, assisted living, senior living, surgery center, surgical center, "
    "care center, cancer center, institute, heart institute, cancer institute, kidney care, "
    "endoscopy center, recovery center, treatment center, addiction treatment, retirement community, "
    "retirement village, apothecary"
)
"""Head words that make a named run a facility (``Methodist Hospital``, ``Hillcrest Nursing Home``)."""
WEAK_HEADS = _listed(
    "memorial, manor, healthcare, health care, health, medicine, pediatrics, associates, rehab, "
    "rehabilitation, cardiology, oncology, dermatology, orthopedics, orthopaedics, radiology, neurology, "
    "urology, gastroenterology, pulmonology, endocrinology, rheumatology, ophthalmology, podiatry, "
    "obstetrics, gynecology, psychiatry, dentistry, dental, eye care, imaging, family practice, "
    "physical therapy, women's health, womens health, specialists, cancer specialists, dialysis, "
    "gardens, primary care, ortho, specialty"
)
"""Head words that are also everyday words (``Memorial Day``, ``Chinese Medicine``) or specialties
(``Northside Cardiology``, a named practice; ``Pediatric Cardiology`` names no one): scored lower."""
PICKY_HEADS = _listed("general, regional, drug, drugs")
"""Head words that are mostly adjectives or common nouns (``general surgery``, ``Illicit Drugs``): the
name before one needs a word no everyday word (``Lowell General``, ``Kohll's Drug``) or a town
(``Grand Island Regional``), and is scored like a weak head's."""
CUE_HEADS = _listed("village")
"""Head words of care communities that name a place as often (``Greenwich Village``): after a cue only."""
CARE_CUE_HEADS = _listed("center, centre")
"""Head words that make a facility only after a care cue ("hospice at Gilchrist Center")."""

_DEPARTMENTS = (
    "cardiology oncology hematology pediatrics pediatric paediatric orthopedics orthopedic orthopaedic "
    "dermatology radiology neurology neurosurgery urology nephrology gastroenterology pulmonology "
    "pulmonary endocrinology rheumatology psychiatry psychiatric psych psychology ophthalmology optometry "
    "podiatry obstetrics gynecology obgyn gyn ob ent gi id hiv tb std sti ivf oncologic surgical surgery "
    "cardiac cardiothoracic vascular renal kidney liver heart lung breast spine eye ear dental dentistry "
    "oral vision hearing skin bone joint sleep pain wound memory diabetes diabetic anticoagulation "
    "coumadin warfarin infusion dialysis transplant fertility allergy immunology infectious geriatric "
    "geriatrics neonatal nicu picu icu micu sicu ccu er ed or pacu snf ltac ltc ltach alf irf "
    "maternity birthing trauma stroke burn cancer addiction recovery detox substance methadone suboxone "
    "physical occupational speech respiratory behavioral behavioural mental women men children child "
    "kids veterans senior seniors adult adolescent youth student employee sports travel weight "
    "bariatric lipid hypertension headache migraine epilepsy movement vein laser cosmetic plastic hand "
    "foot ortho neuro cardio onc derm uro endo rheum nephro pulm peds pedi heme hepatology continuity "
    "failure pre-op preop post-op postop teen vaccine vaccination flu covid immunization education "
    "nutrition dietitian smoking cessation disorders marrow palliative critical maternal fetal "
    "maternal-fetal transfusion veterinary aviation hospice labor delivery observation obs step stepdown "
    "down baseline bed lab labs laboratory therapy imaging xray x-ray mri ct ultrasound telemetry tele "
    "triage intake bedside pcu tcu imc aru sar ecf peritoneal hemodialysis hemo nocturnal skilled "
    "disease diseases social ems"
)
_GENERIC_ADJECTIVES = (
    "family internal primary urgent emergency general specialty specialist community county city state "
    "regional university teaching academic medical health healthcare clinical outpatient inpatient "
    "ambulatory walk walk-in public private local outside nearby nearest another same different prior "
    "previous recent current new old main central north south east west northern southern eastern "
    "western upper lower downtown rural urban integrative integrated functional holistic alternative "
    "traditional chinese natural naturopathic osteopathic preventive preventative nuclear hospital "
    "hospitalist tropical lifestyle home good poor better optimal overall brief daily weekly monthly "
    "annual resident residents fellow fellows attending faculty staff nurse nursing nurses doctor "
    "doctors physician physicians provider providers patient patients pt pts free charity mobile "
    "virtual online tele telehealth telemedicine digital express quick convenient retail minute "
    "memorial baby infant newborn pregnancy prenatal postpartum reproductive sexual global "
    "population care services service center centre clinic group practice department dept unit floor "
    "ward wing building campus site office program discharge admission admitting mail order compounding "
    "preferred well same day night weekend after-hours shelter daycare jail prison bedtime noon midnight"
)
GENERIC_WORDS = _words(f"{_DEPARTMENTS} {_GENERIC_ADJECTIVES}")
"""Departments, specialties and generic adjectives: no naming word of a facility."""

FUNCTION_WORDS = _words(
    "a an the and or but nor of to from at in on by for with without via into onto per as is are was "
    "were be been being am this that these those his her hers their our my your its it he she they we "
    "i you him them us me who whom which what where when while since until after before during then "
    "than so if not no yes all any some each every both either neither other another such own "
    "very too also just only even still again once here there now today tomorrow yesterday"
)
"""Words that never start or name a facility (``the``, ``at``, ``his``)."""

FOLLOWERS = _words(
    "course day days stay stays admission admissions readmission note notes visit visits record records "
    "bed beds policy policies staff acquired discharge follow followup follow-up based setting settings "
    "consult consults consultation questionnaire reconciliation list potential evaluation eval team "
    "unit units floor ward level levels order orders summary problem problems history number no "
    "account bill billing charges wort eve employee employees physician physicians aide aides bag bags "
    "gown gowns bracelet band food worker workers insurance benefit benefits services service "
    "provider providers referral referrals appointment appointments workup transport transfer"
)
"""Words that, right after a head word, make it an adjective (``Hospital Course``, ``Clinic Note``)."""
PICKY_FOLLOWERS = FOLLOWERS | _words(
    "surgery surgeon surgeons medicine anesthesia anaesthesia anesthetic appearance condition health "
    "practice practitioner practitioners public population consent impression idea manager assembly "
    "store lymph node nodes nerve block wall screen use abuse test testing seeking interaction "
    "interactions allergy allergies reaction reactions rash fever eruption holiday class classes dealer "
    "dealers overdose court administration enforcement free"
)
"""Words after which a picky head is an adjective (``General Surgery``, ``Drug Screen``)."""
PICKY_NOT_NAMES = _words(
    "attorney surgeon major brigadier lieutenant secretary inspector solicitor consul governor postmaster "
    "accountant comptroller adjutant director vicar auditor receiver paymaster quartermaster illicit "
    "street recreational prescription study antiepileptic antiseizure generic brand"
)
"""Words before a picky head that make it a title or a kind (``Attorney General``, ``Illicit Drugs``)."""

SAINT_FOLLOWERS = FOLLOWERS | _words(
    "church cathedral parish chapel school academy college university cemetery street st ave avenue rd road "
    "blvd boulevard dr drive ln lane way ct court pl place pkwy hwy apt suite"
)
"""Words after which ``St. X`` is a church, a school, a street or a day, not a facility."""
NOT_DEVOTIONS = _words(
    "communion week land bible ghost water day days see city grail war orders matrimony scripture book mass "
    "cow moly smoke crap"
)
"""Words after ``Holy`` that make no facility name (``Holy Communion``, ``Holy Week``)."""
LEADING_NOISE = _words(
    "called call calling seen see saw transferred transfer admitted admit discharged visited visit went "
    "go sent send contacted contact presented followed follow ask check fax faxed phone phoned notify "
    "notified refill refills return returned come came arrived referred refer re fyi mr mrs ms dr hx "
    "history status post took taken brought reports states says said please thanks thank hi hello dear "
    "reminder appointment appt scheduled schedule confirm cancel establish establishing needs need"
)
"""Verbs, titles and greetings that end a name read leftwards (``Called Methodist Hospital``)."""
CALENDAR_WORDS = _words(
    "january february march april may june july august september october november december monday "
    "tuesday wednesday thursday friday saturday sunday"
)
"""Months and weekdays: no naming word (``Monday Clinic``)."""

KNOWN_NAMES = _listed(
    "johns hopkins, brigham and women's, brigham & women's, beth israel deaconess, beth israel, "
    "mass general, massachusetts general, cedars-sinai, cedars sinai, mount sinai, mt. sinai, mt sinai, "
    "sloan kettering, memorial sloan kettering, md anderson, kaiser permanente, nyu langone"
)
"""Facilities well known by a name with no head word (lower case)."""
CHAIN_NAMES = _listed(
    "cvs, walgreens, rite aid, hy-vee, hyvee, fresenius, davita, encompass, kindred, brookdale, "
    "select specialty, banner, kaiser, minuteclinic"
)
"""Chains of pharmacies, dialysis units, rehab and care homes named as the place of care, after a cue
("at the CVS", "discharged to Kindred"): many are everyday words or initials too (lower case)."""
KNOWN_ACRONYMS = _words("vamc gbmc mgh bidmc ucsf upmc unmc bwh jhh ohsu mskcc nyulmc hcmc")
"""Facility abbreviations that need no cue."""
CUE_ONLY_ACRONYMS = frozenset(("va", "chop"))
"""Facility abbreviations that are also something else (Virginia, visual acuity, a chemo regimen)."""
CLINICAL_ACRONYMS = _words(
    "pmh psh fh sh hh lh gh hgh tsh fsh ldh pth bph pph sdh nph mch lvh rvh tvh tlh mph ddh cdh dph "
    "cmc pmc smc ugh shh osh nh bh mh"
)
"""Clinical and other abbreviations shaped like a facility's (``PMH`` past medical history, ``OSH``)."""

_CUED_HEADS = CUE_HEADS | CARE_CUE_HEADS
_ALL_HEADS = STRONG_HEADS | WEAK_HEADS | PICKY_HEADS | _CUED_HEADS
_LONGEST_HEAD = max(len(head.split()) for head in _ALL_HEADS)


def head_length(words: Sequence[str], index: int) -> int:
    """How many words of ``words`` (lower case) from ``index`` on form a head word, 0 if none.

    Examples
    --------
    >>> head_length(["mercy", "medical", "center"], 1), head_length(["mercy", "hospital"], 0)
    (2, 0)
    """
    for size in range(_LONGEST_HEAD, 0, -1):
        if index + size <= len(words) and " ".join(words[index : index + size]) in _ALL_HEADS:
            return size
    return 0


def is_naming_word(word: str, *, never: frozenset[str] = frozenset()) -> bool:
    """Whether ``word`` (lower case) can name a facility: no department, generic, function or head word.

    Parameters
    ----------
    word
        The word, lower case; a final ``'s`` is ignored.
    never
        Further words that name nothing (clinical terms, drug names).

    Examples
    --------
    >>> is_naming_word("methodist"), is_naming_word("cardiology"), is_naming_word("women's")
    (True, False, False)
    """
    bare = word.removesuffix("'s").removesuffix("\u2019s")
    return (
        len(bare) > 1
        and bare not in GENERIC_WORDS
        and bare not in FUNCTION_WORDS
        and bare not in _ALL_HEADS
        and bare not in never
    )


def names_facility(words: Sequence[str], *, never: frozenset[str] = frozenset()) -> bool:
    """Whether a run of capitalised words (given in lower case) names a health-care facility.

    It does when a head word follows a naming word and the word right after the head
    does not make it an adjective; a head word that needs a cue (``Center``,
    ``Village``) does not count, as the run carries no context.

    Parameters
    ----------
    words
        The run's words, lower case, in order.
    never
        Further words that name nothing (clinical terms, drug names).

    Returns
    -------
    bool
        True for ``Mercy Hospital`` or ``Quarrow Vale Health``; False for ``Cardiology
        Clinic``, ``Patient Services`` or ``Brief Hospital Course``.

    Examples
    --------
    >>> names_facility(["mercy", "hospital"]), names_facility(["family", "medicine"])
    (True, False)
    >>> names_facility(["kellogg", "center"]), names_facility(["lowell", "general"])
    (False, True)
    """
    for index in range(1, len(words)):
        size = head_length(words, index)
        if not size or " ".join(words[index : index + size]) in _CUED_HEADS:
            continue  # "Kellogg Center": a facility only after a cue, which this run lacks
        after = words[index + size] if index + size < len(words) else ""
        if after not in FOLLOWERS and any(is_naming_word(word, never=never) for word in words[:index]):
            return True
    return False
