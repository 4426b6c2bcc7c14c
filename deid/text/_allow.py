"""Allow lists: words and values that look like PHI but are not, and the rules that drop them.

The word lists are versioned data files under ``deid/text/lists/`` (first line
``# version: ...``), general-purpose and written by hand, except
``english_name_words.txt``, derived once from the Census name lists and WordNet (its
header says how). :data:`ALLOW_LIST_VERSIONS` names the version of each, for the report.

Rules on top of the lists: a place detection naming a US state, a country or a continent
is dropped (Safe Harbor removes only geographic subdivisions smaller than a state); ages
under 90 and bare years are not PHI (45 CFR 164.514(b)(2)(i)(C) keeps years and ages up
to 89), and a name detection made only of
clinical words, drug names, eponyms or lab and unit abbreviations is dropped, unless a
title (``Dr. Parkinson``) stands right before it. A name detection inside a run of
capitalised words with an organisation word (``Patient Services``, ``Northside
Cardiology``) is dropped as an organisation, except when the run names a health-care
facility (``Mercy Hospital``, ``Quarrow Vale Health``: a naming word before a facility head
word, see :func:`deid.text.recognizers._facility_words.names_facility`): a facility's name
is PHI, so its organisation words must not hide it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from data_contracts.entities import EntityType
from deid.text._spans import TextSpan
from deid.text.recognizers._facility_words import names_facility

__all__ = [
    "ALLOW_LIST_VERSIONS",
    "CLINICAL_ABBREVIATIONS",
    "CLINICAL_TERMS",
    "DRUG_NAMES",
    "ENGLISH_NAME_WORDS",
    "EPONYMS",
    "LAB_UNIT_ABBREVIATIONS",
    "NAME_STOP_WORDS",
    "ORGANISATION_WORDS",
    "REGIONS",
    "WORLD_GIVEN_NAMES",
    "WORLD_SURNAMES",
    "WordList",
    "filter_allowed",
    "is_allowed",
    "never_name_words",
]

_VERSION_LINE = re.compile(r"#\s*version:\s*(\S+)")


@dataclass(frozen=True, slots=True)
class WordList:
    """A versioned set of lower-case words read from ``deid/text/lists/<name>.txt``.

    Parameters
    ----------
    name
        The file stem (``"eponyms"``).
    version
        The version written on the file's first line.
    words
        The words, lower case.
    """

    name: str
    version: str
    words: frozenset[str]

    @classmethod
    def load(cls, name: str) -> WordList:
        """Read the list ``name`` shipped with the package.

        Examples
        --------
        >>> "parkinson" in WordList.load("eponyms").words
        True
        """
        lines = (
            resources.files("deid.text")
            .joinpath("lists", f"{name}.txt")
            .read_text(encoding="utf-8")
            .splitlines()
        )
        version = _VERSION_LINE.match(lines[0]) if lines else None
        if version is None:
            msg = f"word list {name!r}: first line must be '# version: <version>'"
            raise ValueError(msg)
        words = frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))
        return cls(name=name, version=version.group(1), words=words)


CLINICAL_TERMS = WordList.load("clinical_terms")
"""Clinical vocabulary often capitalised in headers and lists."""
EPONYMS = WordList.load("eponyms")
"""Surnames that name diseases, signs, scores and devices (Parkinson, Foley, Apgar)."""
DRUG_NAMES = WordList.load("drug_names")
"""Common generic and brand drug names."""
LAB_UNIT_ABBREVIATIONS = WordList.load("lab_unit_abbreviations")
"""Lab tests, units, routes, frequencies and charting abbreviations."""
NAME_STOP_WORDS = WordList.load("name_stop_words")
"""Names that are everyday words or clinical terms (Brown, Hope, Will): names only with evidence."""
ENGLISH_NAME_WORDS = WordList.load("english_name_words")
"""Census names that are also English verbs, adjectives or adverbs."""
WORLD_GIVEN_NAMES = WordList.load("world_given_names")
"""International given names (Faker's locales) that are not on the Census lists nor English words."""
WORLD_SURNAMES = WordList.load("world_surnames")
"""International surnames (Faker's locales) that are not on the Census lists nor English words."""
CLINICAL_ABBREVIATIONS = WordList.load("clinical_abbreviations")
"""Clinical, nursing, scheduling and texting abbreviations an English dictionary lacks."""
EMPLOYERS = WordList.load("employers")
"""Large US employers and chains (Walmart, Union Pacific, Hy-Vee): a patient's employer is PHI."""
REGIONS = WordList.load("regions")
"""US states and their codes, countries and continents: places larger than Safe Harbor removes."""

ALLOW_LIST_VERSIONS: dict[str, str] = {
    word_list.name: word_list.version
    for word_list in (
        CLINICAL_TERMS,
        EPONYMS,
        DRUG_NAMES,
        LAB_UNIT_ABBREVIATIONS,
        NAME_STOP_WORDS,
        ENGLISH_NAME_WORDS,
        WORLD_GIVEN_NAMES,
        WORLD_SURNAMES,
        CLINICAL_ABBREVIATIONS,
        EMPLOYERS,
        REGIONS,
    )
}
"""The version of each word list, by list name."""

_NEVER_NAMES = CLINICAL_TERMS.words | EPONYMS.words | DRUG_NAMES.words | LAB_UNIT_ABBREVIATIONS.words


def never_name_words() -> frozenset[str]:
    """Words that are never a name without a title: clinical terms, eponyms, drugs, lab abbreviations.

    Examples
    --------
    >>> {"crohn", "lisinopril", "mg"} <= never_name_words()
    True
    """
    return _NEVER_NAMES


_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['\u2019]s$", re.IGNORECASE)
_BARE_YEAR = re.compile(r"(?:in |year )?(1[89]\d\d|20\d\d)", re.IGNORECASE)
_NUMBER = re.compile(r"\d+")
_TITLE_BEFORE = re.compile(r"\b(?:dr|doctor|mr|mrs|ms|miss|mx|prof)\.?\s*$", re.IGNORECASE)
_CUE_BEFORE = re.compile(
    r"\b(?:dr|doctor|mr|mrs|ms|miss|mx|prof|wife|husband|spouse|partner|son|daughter|mother|father|"
    r"brother|sister|friend|caregiver|contact|nurse|rn|np)\.?['\u2019s]*\s*[,:(]?\s*$",
    re.IGNORECASE,
)
_ORGANISATION_WORD_LIST = (
    "clinic clinics health healthcare services service hospital hospitals center centre centers medical "
    "medicine cardiology oncology pediatrics orthopedics dermatology radiology neurology pharmacy "
    "associates group partners practice physicians care labs laboratory laboratories imaging institute "
    "foundation university college insurance plan plans program department dept county community "
    "wellness therapy rehab rehabilitation urgent family primary specialty surgical surgery"
)
ORGANISATION_WORDS = frozenset(_ORGANISATION_WORD_LIST.split())
"""Words that make a run of capitalised words an organisation (``Prairie View Health``), not a name."""
_MESSAGE_VERB_LIST = (
    "reply text call press click tap visit confirm cancel reschedule schedule contact dial email "
    "respond sign log download open"
)
_MESSAGE_VERBS = frozenset(_MESSAGE_VERB_LIST.split())
"""Imperatives that open CRM messages (``Reply C to confirm``); NER sometimes takes them for names."""
_CUE_WINDOW = 30
_OLDEST_UNPOOLED_AGE = 89
_NAME_LIKE = frozenset({EntityType.PERSON, EntityType.CITY})
_TRUSTED_SOURCES = frozenset({"KnownPhiRecognizer"})


def _name_words(covered: str) -> list[str]:
    return [_POSSESSIVE.sub("", word).lower() for word in _WORD.findall(covered)]


_CAPITALISED_AFTER = re.compile(r"(?:[ \t]+[A-Z][^\W\d_]*)+")
_AFTER_WINDOW = 60


def _capitalised_after(text: str, end: int) -> list[str]:
    """The capitalised words right after ``end`` (lower case): the rest of a run like ``View Health``."""
    run = _CAPITALISED_AFTER.match(text[end : end + _AFTER_WINDOW])
    return run.group().lower().split() if run else []


_LEADING_THE = re.compile(r"^the\s+")
_EDGE_PUNCTUATION = " \t\n,;:!?()[]\"'"


def is_region(covered: str) -> bool:
    """Whether ``covered`` names a US state, a country or a continent (not PHI under Safe Harbor).

    Examples
    --------
    >>> is_region("Nebraska"), is_region("the Netherlands"), is_region("NE"), is_region("Omaha")
    (True, True, True, False)
    """
    name = _LEADING_THE.sub("", " ".join(covered.strip(_EDGE_PUNCTUATION).lower().split()))
    return name in REGIONS.words


def _name_is_allowed(text: str, span: TextSpan) -> bool:
    words = _name_words(text[span.start : span.end])
    if not words:
        return False
    before = text[max(0, span.start - _CUE_WINDOW) : span.start]
    if all(word in _NEVER_NAMES for word in words):
        return _TITLE_BEFORE.search(before) is None
    if span.entity_type == EntityType.PERSON:
        run = [*words, *_capitalised_after(text, span.end)]
        if any(word in ORGANISATION_WORDS for word in run) and not names_facility(run, never=_NEVER_NAMES):
            return True  # "Patient Services": an organisation; "Mercy Hospital" is a facility, PHI
    longer = [word for word in words if len(word) > 1]
    if longer and all(word in _MESSAGE_VERBS for word in longer):
        return True
    if len(words) == 1 and words[0] in NAME_STOP_WORDS.words:
        return _CUE_BEFORE.search(before) is None
    return False


def is_allowed(text: str, span: TextSpan, *, trusted_sources: frozenset[str] = _TRUSTED_SOURCES) -> bool:
    """Whether ``span`` covers something the allow lists say is not PHI.

    Parameters
    ----------
    text
        The text the span points into.
    span
        One detection.
    trusted_sources
        Recognizers whose detections are never dropped (by default the record-aware one:
        a word from the person's own record is PHI in that person's texts).

    Examples
    --------
    >>> from deid.text._spans import TextSpan
    >>> note = "Hx of Parkinson disease, seen by Dr. Parkinson in 2019."
    >>> def person(start, end):
    ...     return TextSpan(start=start, end=end, entity_type="PERSON", score=0.8, source="ner")
    >>> is_allowed(note, person(6, 15)), is_allowed(note, person(37, 46))
    (True, False)
    >>> is_allowed(note, TextSpan(start=50, end=54, entity_type="DATE", score=0.8, source="ner"))
    True
    """
    if span.source in trusted_sources:
        return False
    covered = text[span.start : span.end].strip()
    if span.entity_type == EntityType.DATE:
        return _BARE_YEAR.fullmatch(covered) is not None
    if span.entity_type == EntityType.AGE_OVER_89:
        number = _NUMBER.search(covered)
        return number is not None and int(number.group()) <= _OLDEST_UNPOOLED_AGE
    if span.entity_type == EntityType.CITY and is_region(covered):
        return True
    if span.entity_type in _NAME_LIKE:
        return _name_is_allowed(text, span)
    return False


def filter_allowed(
    text: str, spans: list[TextSpan], *, trusted_sources: frozenset[str] = _TRUSTED_SOURCES
) -> list[TextSpan]:
    """The spans of ``spans`` that the allow lists do not drop, in their order.

    Examples
    --------
    >>> from deid.text._spans import TextSpan
    >>> note = "Continue Lisinopril, call Amy"
    >>> spans = [
    ...     TextSpan(start=9, end=19, entity_type="PERSON", score=0.6, source="ner"),
    ...     TextSpan(start=26, end=29, entity_type="PERSON", score=0.6, source="ner"),
    ... ]
    >>> [note[s.start : s.end] for s in filter_allowed(note, spans)]
    ['Amy']
    """
    return [span for span in spans if not is_allowed(text, span, trusted_sources=trusted_sources)]
