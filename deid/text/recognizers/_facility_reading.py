"""Reading the words around a facility anchor: the name before a head word, and the cue before a name."""

from __future__ import annotations

import re
from collections.abc import Iterable

from deid.text._allow import is_region
from deid.text.recognizers._everyday_words import is_clinical_shorthand, is_everyday
from deid.text.recognizers._facility_words import (
    CALENDAR_WORDS,
    FOLLOWERS,
    FUNCTION_WORDS,
    LEADING_NOISE,
    head_length,
    is_naming_word,
)
from deid.text.recognizers._world_places import place_names, small_place_names
from deid.text.recognizers.name_lexicon import COMMON, GIVEN, name_lexicon

__all__ = [
    "CARE_AT",
    "CUE_WINDOW",
    "FACILITY_CUE",
    "FACILITY_VERBS",
    "OF_TAIL",
    "Word",
    "continued_end",
    "cue",
    "is_bare_name",
    "is_saint_place",
    "is_town",
    "name_before",
    "naming_words",
    "next_word",
    "opens_sentence",
    "previous_word",
]

Word = tuple[int, int, str]
"""A word's start, end and text."""

CUE_WINDOW = 40
"""How far before a name its cue may start."""
_ANY_CUE = re.compile(r"(?<![\w])(?:at|from|to|into|in|via|@)[ \t]{1,2}(?:the[ \t]{1,2})?$")
FACILITY_VERBS = (
    r"transferred|transfer|xfer(?:red)?|admitted|readmitted|discharged|d/?c'?d|hospitali[sz]ed|seen|treated|"
    r"rehab|delivered|born|presented"
)
"""Verbs whose "to", "from" or "at" is followed by a facility, not a town or a ward (lower case)."""
CARE_AT = (
    r"care|hospice|dialysis|surgery|procedure|replaced|repaired|removed|done|performed|operated|followed|"
    r"chemo(?:therapy)?|radiation|infusions?|treatments?|therapy|patient|inpatient|outpatient"
)
"""Care words whose "at" is followed by the place of care ("hospice at", "had her knee replaced at")."""
_STRONG_CUE = re.compile(
    rf"(?<![\w/])(?:(?:{FACILITY_VERBS}|admit|sent|brought|taken|transported|returned|went|referred|"
    r"evaluated|followed|stay(?:ed)?|admission|visit|care|resides?|lives?|living)"
    r"(?:[ \t]{1,2}(?:back|over|out|home))?[ \t]{1,2}(?:to|from|at|in|by)"
    rf"|(?:{CARE_AT})[ \t]{{1,2}}at)[ \t]{{1,2}}(?:the[ \t]{{1,2}})?$"
)
FACILITY_CUE = re.compile(
    rf"(?<![\w/])(?:{FACILITY_VERBS})(?:[ \t]{{1,2}}(?:back|over|out))?[ \t]{{1,2}}(?:to|from|at)"
    r"[ \t]{1,2}(?:the[ \t]{1,2})?$"
)
"""A facility verb and its preposition, right before a name (matched in lower case)."""
OF_TAIL = re.compile(
    r"[ \t]+(?i:of)[ \t]+(?:(?i:the)[ \t]+)?[A-Z][A-Za-z'\u2019-]*(?:[ \t]+[A-Z][A-Za-z'\u2019-]*){0,2}"
    r"(?![\w'\u2019-])"
)
"""What may follow a head word as part of the name (``Mercy Hospital of Omaha``, ``Bank of America``)."""
_NAME_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*|&|(?i:st|ste|mt)\.")
_SAINT_TOKEN = re.compile(r"(?i:st|ste|mt|saint|mount)\.?")
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z][A-Za-z'\u2019-]*)")
_LONGEST_WORD = 48
_BLANKS = (" ", "\t", "\n", "\r")
_SHORT_CUE_WINDOW = 12
_MAX_NAME_WORDS = 5
_MAX_LOWER_NAME_WORDS = 3
_CONNECTORS = frozenset({"and", "&", "of", "de", "la", "del"})
_SENTENCE_END = frozenset(".!?\n\r")
_TITLE_WORD = re.compile(r"[ \t]([A-Z][a-z][A-Za-z'\u2019]*(?:-[A-Z][A-Za-z'\u2019]*)*)(?![\w'\u2019&-])")
_UPPER_WORD = re.compile(r"[ \t]([A-Z]{2,}(?:-[A-Z]+)*)(?![\w'\u2019&-])")
_MAX_PLACE_WORDS = 3
_STREET_WORD_LIST = (
    "st street ave avenue rd road blvd boulevard dr drive ln lane way ct court pl place pkwy parkway hwy "
    "highway cir circle ter terrace trl trail plaza sq square"
)
_STREET_WORDS = frozenset(_STREET_WORD_LIST.split())


def cue(text: str, start: int) -> tuple[bool, bool]:
    """Whether a facility cue ("at", "from") and a strong one ("transferred to") end at ``start``."""
    before = text[max(0, start - CUE_WINDOW) : start].lower()
    if not before.endswith((" ", "\t")):
        return False, False
    strong = _STRONG_CUE.search(before) is not None
    return strong or _ANY_CUE.search(before, max(0, len(before) - _SHORT_CUE_WINDOW)) is not None, strong


def next_word(text: str, end: int) -> str:
    """The lower-case word right after ``end`` (after blanks), or ``""``."""
    following = _NEXT_WORD.match(text, end)
    return following.group(1).lower() if following else ""


def _fits(word: str, mode: str, kept: list[str]) -> bool:
    """Whether ``word`` may extend the name leftwards in this case ``mode``."""
    lower = word.lower()
    if not _NAME_TOKEN.fullmatch(word) or lower in LEADING_NOISE:
        return False
    if lower in _CONNECTORS or _SAINT_TOKEN.fullmatch(word):
        return True
    if lower in FUNCTION_WORDS:
        return lower == "our" and bool(kept) and kept[0].lower() == "lady"
    if mode == "upper":
        return word.isupper()
    return word.islower() if mode == "lower" else word[0].isupper()


def previous_word(text: str, position: int) -> Word | None:
    """The word before ``position`` on the same line, separated from it by blanks only."""
    end = position
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    if end in (position, 0) or text[end - 1].isspace():
        return None
    low = max(0, end - _LONGEST_WORD)
    start = max(text.rfind(blank, low, end) for blank in _BLANKS) + 1 or low
    return start, end, text[start:end]


def name_before(text: str, end: int, mode: str) -> list[Word]:
    """The words of a name ending right before ``end``, separated by blanks only."""
    limit = _MAX_LOWER_NAME_WORDS if mode == "lower" else _MAX_NAME_WORDS
    kept: list[Word] = []
    previous = previous_word(text, end)
    while previous is not None and _fits(previous[2], mode, [word for _, _, word in kept]):
        kept.insert(0, previous)
        if len(kept) == limit:
            break
        previous = previous_word(text, previous[0])
    for index in range(len(kept) - 1, 0, -1):
        if kept[index][2].lower() in {"and", "&"} and any(
            head_length([word.lower()], 0) for _, _, word in kept[:index]
        ):
            kept = kept[index + 1 :]  # "Family Medicine and Mercy Hospital": two names
            break
    while kept and kept[0][2].lower() in _CONNECTORS:
        kept.pop(0)
    return kept


def naming_words(words: Iterable[str], never: frozenset[str]) -> list[str]:
    """The words of ``words`` that can name a facility (no saint's title, month, verb or generic word)."""
    return [
        word
        for word in words
        if not _SAINT_TOKEN.fullmatch(word)
        and word.lower() not in CALENDAR_WORDS
        and word.lower() not in LEADING_NOISE
        and is_naming_word(word.lower(), never=never)
    ]


def opens_sentence(text: str, position: int) -> bool:
    """Whether the word at ``position`` is the first of its sentence or line."""
    before = text[max(0, position - CUE_WINDOW) : position].rstrip(" \t\"'(")
    return not before or before[-1] in _SENTENCE_END


def is_saint_place(name: str) -> bool:
    """Whether ``St. <name>`` or ``Mount <name>`` is a town of the gazetteer (``St. Louis``)."""
    places = place_names()
    titled = name.title()
    return any(f"{form} {titled}" in places for form in ("St.", "Saint", "Mount", "Mt."))


def is_town(name: str) -> bool:
    """Whether ``name`` is a town of the gazetteer, a state, a country or a continent."""
    places = place_names()
    return is_region(name) or name in places or name.title() in places


def _place_after(text: str, end: int, never: frozenset[str], *, upper: bool) -> list[Word]:
    """The capitalised naming words right after ``end`` (blanks between), at most three.

    None when a street word follows them (``Mercy Hospital Dodge St``: an address).
    """
    pattern = _UPPER_WORD if upper else _TITLE_WORD
    words: list[Word] = []
    position = end
    while len(words) < _MAX_PLACE_WORDS:
        match = pattern.match(text, position)
        if match is None:
            break
        word = match.group(1)
        lower = word.lower()
        if lower in _STREET_WORDS:
            return []
        if lower in FOLLOWERS or head_length([lower], 0) or is_clinical_shorthand(word):
            break
        if not naming_words([word], never):
            break
        words.append((match.start(1), match.end(1), word))
        position = match.end()
    return words


def continued_end(text: str, end: int, never: frozenset[str], *, upper: bool = False) -> int:
    """Where a facility name ending at ``end`` ends, with the place right after it that belongs to it.

    ``UCSF Mission Bay``, ``Gilchrist Center Towson``, ``Fresenius Kidney Care
    Cedar-Riverside``: capitalised words after a facility's name that are a town or
    neighbourhood of the gazetteer, or no everyday words nor a given name. In capitals
    (``upper``) only a town of the gazetteer.

    Examples
    --------
    >>> text = "UCSF Mission Bay today"
    >>> text[: continued_end(text, 4, frozenset())]
    'UCSF Mission Bay'
    """
    words = _place_after(text, end, never, upper=upper)
    for size in range(len(words), 0, -1):
        run = " ".join(word for _, _, word in words[:size])
        place = run.title() if upper else run
        if place in place_names() or (size > 1 and place in small_place_names()):
            return words[size - 1][1]
        if not upper and all(_is_rare_place_word(word) for _, _, word in words[:size]):
            return words[size - 1][1]
    return end


def _is_rare_place_word(word: str) -> bool:
    flags = name_lexicon().of(word)
    return not is_everyday(word) and not (flags & GIVEN and not flags & COMMON)


def is_bare_name(word: str, never: frozenset[str]) -> bool:
    """Whether one capitalised word after a care cue names a facility ("admitted to Midlands").

    It does when it is no department, generic word, weekday, month, head word, clinical
    abbreviation nor everyday English word.

    Examples
    --------
    >>> never = frozenset()
    >>> is_bare_name("Midlands", never), is_bare_name("HEARTLANDS", never), is_bare_name("Telemetry", never)
    (True, True, False)
    >>> is_bare_name("Home", never), is_bare_name("PCU", never), is_bare_name("Monday", never)
    (False, False, False)
    """
    return (
        bool(naming_words([word], never))
        and not head_length([word.lower()], 0)
        and not is_clinical_shorthand(word)
        and not is_everyday(word)
    )
