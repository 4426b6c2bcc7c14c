"""The lexicons the safe list is built from, read offline from installed packages.

- English: ``wordfreq`` (large English list), word to Zipf frequency;
- WordNet 3.0 lemmas and irregular forms, as the pinned spaCy pipeline's lemmatizer ships them;
- ICD-10-CM: every word of the tabular list shipped with ``simple-icd-10-cm`` (CMS, public domain);
- drugs: every word of the names and brands of ``drug-named-entity-recognition`` (MIT);
- names: the US Census 1990 given-name and surname lists (``names`` 0.3.0) and the world lists.

Packages whose import parses their data (seconds) are not imported: their data files are
found through their distribution's file list.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

__all__ = [
    "LETTERS",
    "TOP_GIVEN_NAMES",
    "TOP_SURNAMES",
    "Lemmas",
    "drug_words",
    "english_words",
    "icd_words",
    "listed_names",
    "wordnet_lemmas",
]

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


def english_words() -> dict[str, float]:
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


def icd_words() -> set[str]:
    """Every word of the ICD-10-CM tabular list shipped with simple-icd-10-cm."""
    tabular = _package_file(_ICD_DISTRIBUTION, ".xml")
    return set(LETTERS.findall(_TAG.sub(" ", tabular.read_text(encoding="utf-8")).lower()))


def drug_words() -> set[str]:
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
class Lemmas:
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


def wordnet_lemmas() -> Lemmas:
    from spacy.lookups import Lookups  # noqa: PLC0415

    from deid.offline import DEFAULT_SPACY_PIPELINE  # noqa: PLC0415

    folder = Path(str(resources.files(DEFAULT_SPACY_PIPELINE)))
    lookups = Lookups().from_disk(next(folder.glob("*/lemmatizer/lookups")))
    index, irregular = lookups.get_table("lemma_index"), lookups.get_table("lemma_exc")

    def words(*parts: str) -> frozenset[str]:
        return frozenset(
            str(word)
            for part in parts
            for table in (index, irregular)
            for word in table[part]
            if str(word).isalpha()
        )

    verbs = frozenset(str(word) for word in index["verb"] if str(word).isalpha())
    return Lemmas(nouns=words("noun"), others=words("verb", "adj", "adv"), verbs=verbs)
