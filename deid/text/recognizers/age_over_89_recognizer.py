"""Ages over 89 however written: ``92 yo``, ``94F``, ``she is 97``, ``Mrs. Diaz (91)``, ``ninety-two``.

Safe Harbor pools every age over 89 into "90 or older" and younger ages are not PHI, so the
only candidates are the numbers 90 to 129, the number words ``ninety`` to ``a hundred and
twenty-nine`` and the nouns ``nonagenarian`` and ``centenarian``. A candidate is an age when
an age word follows it (``yo``, ``-year-old``, ``años``, a sex letter), an age label precedes
it (``aged``, ``Age:``), or a person is its subject (``dad is 94``, ``dad frank is 94``,
``turned 100``, ``at 95 she``, ``Mrs. Diaz (91)``). A unit or ``%`` after it, or a
measurement word just before it (``HR is ninety``, ``temp turned 100``), rules it out, so
vitals and labs stay.

Each text is scanned once for number candidates and once for number words; the words around
a candidate are looked at only when the word just before it could start an age.
"""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern

from data_contracts.entities import EntityType
from deid.text.recognizers._regex_recognizer import CompiledPattern, RegexRecognizer
from deid.text.recognizers.name_lexicon import COMMON, GIVEN, NEVER, SURNAME, is_name_shaped, name_lexicon

__all__ = ["AgeOver89Recognizer"]

_FLAGS = re.IGNORECASE

_DIGITS = (
    r"\b(?=[19])(?<![$£€#.,/+])(?<![^e]-)"
    r"(?P<value>(?:9|1[0-2])\d(?:st|nd|rd|th)?)(?!\d|[%°]|[.,/:]\d)"
)
"""90 to 129 (or ``100th``), not in a decimal, range, ratio, sum of money or code; ``age-94`` is fine.

The leading word boundary and look-ahead for ``1`` or ``9`` let the scan skip most positions.
"""
_UNIT_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_WORDS = (
    r"\b(?=[nhaocs])(?P<value>ninetieth|ninety[\s-]{1,2}(?:first|second|third|fourth|fifth|sixth|seventh|eighth"
    r"|ninth)|(?:one\s{1,2})?hundredth|(?:nonagenari|(?:super)?centenari)(?:an|a|o)s?"
    rf"|ninety(?:[\s-]{{1,2}}{_UNIT_WORD})?"
    r"|(?:(?:a|one)[\s-]{1,2})?hundred(?:[\s-]{1,2}(?:and[\s-]{1,2})?(?:ten|eleven|twelve|thirteen"
    rf"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[\s-]{{1,2}}{_UNIT_WORD})?"
    rf"|{_UNIT_WORD}))?"
    r"|noventa(?:\s{1,2}y\s{1,2}(?:un|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve))?)\b"
)
"""``ninety-two``, ``one hundred and three``, ``noventa y dos``, ``ninetieth``, ``centenarian``."""
_DECADE = (
    r"\bin\s{1,2}(?:his|her|their|my|your)\s{1,2}(?:(?:late|mid|early)(?:\s{1,2}|-))?"
    r"(?P<value>(?:9|1[0-2])0['\u2019]?s|nineties)\b"
)

_DIGITS_NAME = "age in digits"
_WORDS_NAME = "age in words"

_WITH_AGE_WORD = 0.9
_AFTER_AGE_LABEL = 0.85
_AGE_NOUN_SCORE = 0.85
_WITH_PERSON = 0.8

# What is looked for around a candidate. After it: regexes matched at its end. Before it:
# regexes searched in the text just before it and anchored at its start with \Z.
_AGE_WORD = (
    r"(?:y/?o[fm]?|y\.\s?o\.?|y-o|yoa|yrs?\.?(?:\s{0,2}|-)old|years?(?:\s{0,2}|-)old"
    r"|years?\s{1,2}of\s{1,2}age|years?|yrs?\.?|a[ñn]os|ans)(?![A-Za-z0-9])"
)
_AGE_WORD_AFTER = re.compile(
    rf"(?:\s{{0,2}}|-)(?:{_AGE_WORD}|(?P<sex>(?:/\s?)?[fm](?![A-Za-z0-9/])))", _FLAGS
)
"""An age word, or after digits a sex letter: ``94F``, ``94 M``, ``94/F``; not ``94 f/u``."""
_BARE_YEARS_AFTER = re.compile(
    r"(?:\s{0,2}|-)(?:years?|yrs?\.?|a[ñn]os|ans)(?![A-Za-z0-9])"
    r"(?!\s{0,2}-?\s{0,2}old|\s{1,2}of\s{1,2}age)(?P<since>\s{1,2}(?:ago|later|earlier|prior|before"
    r"|after|since|from|hence|back|long|of|de(?!\s{1,2}edad))(?![A-Za-z]))?",
    _FLAGS,
)
"""``years`` without ``old``: an age, unless it reads as a duration (``90 years ago``)."""
_BIRTHDAY_AFTER = re.compile(r"\s{1,2}(?:birthday|bday|b-day)\b", _FLAGS)
_UNIT_AFTER = re.compile(
    r"(?:\s{0,2}|-)(?:[%°/]|(?:percent|pct|percentile|mg|mcg|g|kg|kgs|kilos?|lbs?|pounds?|oz|ml|cc|l"
    r"|mmhg|mm|cm|ft|feet|inch(?:es)?|bpm|beats|units?|iu|mmol|meq|degrees?|deg|minutes?|mins?"
    r"|seconds?|secs?|hours?|hrs?|days?|d|weeks?|wks?|months?|mos?|x|times|dollars?|bucks|cents|usd"
    r"|miles?|mph|steps|points?|pts|over|point|on\s{1,2}(?:ra|room\s{1,2}air|o2|oxygen|nc|\d))(?![A-Za-z]))",
    _FLAGS,
)
"""``94 mg``, ``95 %``, ``ninety minutes``, ``a hundred times``, ``100 over 60``, ``92 on RA``."""

_TITLE = r"(?:mr|mrs|ms|miss|mx|dr|sr|sra|srta|mister|madam)\.?"
_KIN_WORDS = frozenset(
    (
        *("mom", "mommy", "mum", "mother", "dad", "daddy", "father", "grandma", "grandpa"),
        *("grandmother", "grandfather", "grandmom", "grandmum", "granddad", "granny", "gran"),
        *("nana", "nanna", "papa", "abuela", "abuelo", "wife", "husband", "spouse", "partner"),
        *("aunt", "auntie", "uncle", "sister", "brother", "son", "daughter", "friend"),
        *("neighbor", "neighbour"),
    )
)
"""Relatives and others whose age a note gives (``dad is 94``, ``my mother (93)``)."""
_PERSON_NOUNS = frozenset(
    (
        *("pt", "patient", "resident", "client", "member", "caller", "veteran", "lady"),
        *("gentleman", "man", "woman"),
    )
)


def _alternation(words: frozenset[str]) -> str:
    """A regex group of ``words``, longest first, in a fixed order."""
    return "(?:" + "|".join(sorted(words, key=lambda word: (-len(word), word))) + ")"


_KIN = _alternation(_KIN_WORDS)
_PERSON_NOUN = _alternation(_PERSON_NOUNS)
_NAME_WORD = r"[^\W\d_][\w'\u2019-]*"
_ADVERB_WORDS = frozenset(
    (
        *("now", "already", "just", "almost", "nearly", "about", "around", "over", "only", "still"),
        *("actually", "currently", "officially", "finally", "soon", "turning"),
    )
)
_ADVERBS = (
    rf"(?:(?:{_alternation(_ADVERB_WORDS)}|gonna\s{{1,2}}be|going\s{{1,2}}to\s{{1,2}}be)\s{{1,2}}){{0,2}}"
)
_PERSON_CUE = re.compile(
    rf"\b(?<!['\u2019])(?:(?:she|he|i|who|pt\.|{_PERSON_NOUN}|{_KIN}|{_TITLE}\s{{1,2}}{_NAME_WORD}"
    rf"(?:\s{{1,2}}{_NAME_WORD})?)(?:\s{{1,2}}(?:is|was|am|will\s{{1,2}}(?:be|turn)|turns|turned"
    r"|is\s{1,2}turning|just\s{1,2}turned)|['\u2019]s|['\u2019]ll\s{1,2}be|['\u2019]m)"
    rf"|(?:he|she|{_KIN})s|im)\s{{1,2}}{_ADVERBS}\Z",
    _FLAGS,
)
"""``pt is``, ``she's``, ``hes``, ``my mother is now``, ``Mrs. Diaz will be``."""
_KIN_NAMED_CUE = re.compile(
    rf"\b{_KIN}\s{{1,2}}{_NAME_WORD}\s{{1,2}}(?:is|was|will\s{{1,2}}(?:be|turn)|turns|turned)\s{{1,2}}{_ADVERBS}\Z",
    _FLAGS,
)
"""A relative and a name before ``is``: ``my dad frank is``, ``grandma grace is now`` (not ``mom sat is``)."""
_AGE_LABEL_CUE = re.compile(
    r"\b(?:aged?|age\s{0,2}[:=-]|age\s{1,2}of|at\s{1,2}the\s{1,2}age\s{1,2}of"
    r"|edad(?:\s{0,2}:|\s{1,2}de)?)\s{0,2}\Z",
    _FLAGS,
)
_VERB_CUE = re.compile(
    r"\b(?:turn(?:s|ed|ing)|will\s{1,2}(?:be|turn)|['\u2019]ll\s{1,2}be|reach(?:ed|es|ing)?"
    rf"|celebrat(?:ed|es|ing))\s{{1,2}}{_ADVERBS}\Z",
    _FLAGS,
)
_WORD_CUE = re.compile(rf"\b(?:is|at)\s{{1,2}}{_ADVERBS}\Z", _FLAGS)
"""Before number words ``is`` and ``at`` suffice: ``is ninety`` is an age or a measurement."""
_PERSON_AFTER = re.compile(
    rf",?\s{{1,2}}(?:she|he|i|they|(?:the\s{{1,2}})?{_PERSON_NOUN}|{_KIN})(?![A-Za-z])", _FLAGS
)
"""``at 95 she ...``, ``at 95, the patient ...``."""
_NAME_CUE = re.compile(
    rf"\b(?<!['\u2019])(?P<title>{_TITLE}\s{{1,2}})?(?P<name>{_NAME_WORD}(?:\s{{1,2}}{_NAME_WORD})?)"
    r"(?:\s?\(|\s?,\s{1,2}|\s{1,2}(?:is|was|turns|turned|will\s{1,2}be)\s{1,2})\Z",
    _FLAGS,
)
"""A name, title or relative just before ``(91)``, ``, 91,`` or ``is 91``."""
_BRACKET_CLOSED_AFTER = re.compile(r"\s?[),;]")
_COMMA_AFTER = re.compile(r"\s?,(?!\s?\d)")
_LAST_WORD = re.compile(r"[\w'\u2019]+\Z")
_LABEL_ENDS = frozenset(("age", "aged", "edad", "de", "of", ":", "=", "-"))
_COPULA_ENDS = (
    frozenset(
        (
            *("is", "was", "am", "be", "turn", "turns", "turned", "turning", "reach", "reached"),
            *("reaches", "reaching", "celebrated", "celebrates", "celebrating", "im", "hes", "shes"),
        )
    )
    | _ADVERB_WORDS
    | {kin + "s" for kin in _KIN_WORDS}
)
"""The last word of a person or verb cue: the cue regexes run only after one of these."""
_CONTRACTIONS = ("'s", "\u2019s", "'m", "\u2019m")

_MEASUREMENT_WORDS = frozenset(
    (
        *("hr", "heart", "rate", "pulse", "sat", "sats", "saturation", "saturations", "spo2"),
        *("sao2", "o2", "ox", "pox", "temp", "temperature", "t", "tmax", "bp", "sbp", "dbp", "map"),
        *("rr", "resp", "respirations", "glucose", "bg", "bs", "cbg", "fsbg", "sugar", "sugars"),
        *("a1c", "weight", "wt", "height", "ht", "bmi", "score", "scored", "scores", "room", "rm"),
        *("bed", "level", "levels", "count", "k", "na", "cl", "co2", "bun", "cr", "creat", "ldl"),
        *("hdl", "tg", "hgb", "hb", "hct", "plt", "plts", "wbc", "iron", "ferritin", "tsh"),
        *("chloride", "sodium", "potassium", "calcium", "ca", "mg", "phos", "alt", "ast", "dose"),
        *("dosage", "lab", "labs", "value", "values", "result", "results", "reading", "readings"),
        *("fio2", "peep", "ef", "iq", "mmse", "moca", "gcs", "pain", "bill", "cost", "copay"),
        *("price", "charge", "fee", "total", "balance", "owe", "owes", "paid", "pay", "number"),
        *("no", "page", "line", "ext", "extension", "code", "unit", "floor", "ward", "suite"),
        *("apt", "test", "grade", "stage", "day", "pod", "visit", "week", "walked", "ambulated"),
        *("distance", "flexion", "angle", "speed", "setting", "set", "volume", "capacity", "kept"),
        *("maintained", "titrated", "titrate", "held", "running", "infusing", "drip"),
        *("cholesterol", "triglycerides", "vitamin", "goal", "target", "systolic", "diastolic"),
        *("limit", "threshold", "max", "min", "maximum", "minimum", "range"),
    )
)
"""Words that make a following number a vital, a lab, a score, a price or a place."""
_DURATION_WORDS = frozenset(
    (
        *("for", "past", "last", "within", "in", "than", "after", "since", "every", "next"),
        *("those", "these", "the", "all", "spent", "lived", "married", "worked", "smoked", "hace"),
        *("durante", "x"),
    )
)
_ORDINAL = re.compile(r"(?:st|nd|rd|th)\Z", _FLAGS)
_AGE_NOUN = re.compile(r"nonagenari|centenari", _FLAGS)
_TOKEN = re.compile(r"[\w'\u2019]+")
_CLAUSE_BREAK = re.compile(r"[.;!?\n,]")
_WINDOW = 50
_TOKENS_LOOKED_AT = 4
_NAME_FLAGS = GIVEN | SURNAME


def _words_before(text: str, start: int) -> list[str]:
    """The last few words of the clause that ends at ``start``, lower case."""
    clause = _CLAUSE_BREAK.split(text[max(0, start - _WINDOW // 2) : start])[-1]
    return _TOKEN.findall(clause.lower())[-_TOKENS_LOOKED_AT:]


def _measured(text: str, start: int) -> bool:
    return not _MEASUREMENT_WORDS.isdisjoint(_words_before(text, start))


def _last_word(text: str, start: int) -> str:
    """The word (lower case) or the mark just before ``start``; empty at the start of the text."""
    tail = text[max(0, start - 16) : start].rstrip()
    word = _LAST_WORD.search(tail)
    return word.group().lower() if word is not None else tail[-1:]


def _is_duration(text: str, start: int, end: int) -> bool:
    """``for 90 years``, ``90 years ago``: ``years`` without ``old`` after a duration word."""
    years = _BARE_YEARS_AFTER.match(text, end)
    if years is None:
        return False
    return years.group("since") is not None or not _DURATION_WORDS.isdisjoint(_words_before(text, start)[-2:])


def _is_person(words: str, *, titled: bool) -> bool:
    """Whether ``words`` (one or two words before an age) name a person or a relative."""
    tokens = words.split()
    if titled or tokens[-1].lower() in _KIN_WORDS | _PERSON_NOUNS:
        return True
    lexicon = name_lexicon()
    flags = lexicon.of(tokens[-1])
    if not flags & _NAME_FLAGS or flags & NEVER or not is_name_shaped(tokens[-1], upper_case_text=True):
        return False
    if not flags & COMMON:
        return True
    first = lexicon.of(tokens[0]) if len(tokens) > 1 else 0
    return bool(first & GIVEN) and not first & (NEVER | COMMON) and is_name_shaped(tokens[0])


def _named_before(text: str, start: int) -> bool:
    """``Mrs. Diaz (91)``, ``my mother, 94``, ``Maria Lopez is 93``."""
    named = _NAME_CUE.search(text, max(0, start - _WINDOW), start)
    return named is not None and _is_person(named.group("name"), titled=named.group("title") is not None)


def _score_after_cue(text: str, start: int, end: int, *, in_words: bool) -> float:
    """The score given by what precedes a number: an age label, a person, a verb of age, a name.

    The word just before the number picks the one or two cues worth searching for, so a
    number after ``HR`` or ``BP`` costs a dictionary lookup.
    """
    last = _last_word(text, start)
    window = max(0, start - _WINDOW)
    if last in _LABEL_ENDS:
        return _AFTER_AGE_LABEL if _AGE_LABEL_CUE.search(text, window, start) else 0.0
    if last in ("(", ","):
        closing = _BRACKET_CLOSED_AFTER if last == "(" else _COMMA_AFTER
        return _WITH_PERSON if closing.match(text, end) and _named_before(text, start) else 0.0
    if last == "at":
        cued = in_words or _PERSON_AFTER.match(text, end) is not None
        return _WITH_PERSON if cued and not _measured(text, start) else 0.0
    if last not in _COPULA_ENDS and not text[max(0, start - 8) : start].rstrip().endswith(_CONTRACTIONS):
        return 0.0
    if _PERSON_CUE.search(text, window, start) or _named_before(text, start):
        return _WITH_PERSON
    if _KIN_NAMED_CUE.search(text, window, start) and not _measured(text, start):
        return _WITH_PERSON
    cues = (_VERB_CUE, _WORD_CUE) if in_words else (_VERB_CUE,)
    if any(cue.search(text, window, start) for cue in cues):
        return 0.0 if _measured(text, start) else _WITH_PERSON
    return 0.0


def _score_in_context(text: str, start: int, end: int, *, in_words: bool) -> float:
    """The score of a number (in digits or words) as an age, from the words around it; 0 if none."""
    age_word = _AGE_WORD_AFTER.match(text, end)
    if age_word is not None and age_word.group("sex") is None:
        return 0.0 if _is_duration(text, start, end) else _WITH_AGE_WORD
    if age_word is not None and not in_words:
        return 0.0 if _measured(text, start) else _WITH_AGE_WORD
    if (not in_words and text[end : end + 1].isalpha()) or _UNIT_AFTER.match(text, end):
        return 0.0
    return _score_after_cue(text, start, end, in_words=in_words)


class AgeOver89Recognizer(RegexRecognizer):
    """An age of 90 or more in digits or words, with an age word, an age label or a person.

    Ages under 90 never match, nor do numbers with a unit, ``%`` or a measurement word.

    Examples
    --------
    >>> text = "a 92 yo F and her 64-year-old son; mom is ninety-one, HR is 94"
    >>> [text[r.start : r.end] for r in AgeOver89Recognizer().analyze(text, [])]
    ['92', 'ninety-one']
    """

    ENTITY: ClassVar[EntityType] = EntityType.AGE_OVER_89
    PATTERNS: ClassVar[tuple[Pattern, ...]] = (
        Pattern(_DIGITS_NAME, _DIGITS, _WITH_AGE_WORD),
        Pattern(_WORDS_NAME, _WORDS, _WITH_AGE_WORD),
        Pattern("decade of life", _DECADE, 0.8),
    )
    CONTEXT: ClassVar[tuple[str, ...]] = ("age", "aged", "old", "yo")
    PREFILTER: ClassVar[re.Pattern[str] | None] = re.compile(
        r"\b(?=[19nhcs])(?:(?:9|1[0-2])\d|ninet|hundred|noventa|nonagenari|centenari|supercentenari)", _FLAGS
    )

    def rescore(self, text: str, start: int, end: int, pattern: CompiledPattern) -> float:
        """Keep a candidate only where it reads as an age (see the module docstring)."""
        if pattern.name not in (_DIGITS_NAME, _WORDS_NAME):
            return pattern.score
        in_words = pattern.name == _WORDS_NAME
        value = text[start:end]
        if value[-1].isalpha() and _ORDINAL.search(value):
            return pattern.score if _BIRTHDAY_AFTER.match(text, end) else 0.0
        if in_words and _AGE_NOUN.search(value):
            return _AGE_NOUN_SCORE
        return _score_in_context(text, start, end, in_words=in_words)
