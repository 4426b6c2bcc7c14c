"""Word formation: whether an unlisted word is a listed word with an affix, or a medical coinage.

The safe list (:mod:`deid.text._safelist`) cannot list every inflection and derivation of
clinical English. A word is taken as safe when stripping a common English or medical
suffix or prefix leaves a safe word of at least four letters (``tachycardic`` from
``tachycardia``, ``afebrile`` from ``febrile``, ``ambulating`` from ``ambulate``,
``nontender`` from ``tender``), or when it is built with a strictly medical suffix
(``paracentesis``, ``cholangiogram``, ``feculent``): surnames are not formed that way.
"""

from __future__ import annotations

import re

__all__ = ["is_derived", "is_medical_word"]

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


def is_derived(word: str, safe: frozenset[str]) -> bool:
    """Whether ``word`` is a word of ``safe`` with an English or medical prefix or suffix.

    Examples
    --------
    >>> is_derived("tachycardic", frozenset({"tachycardia"})), is_derived("nontender", frozenset({"tender"}))
    (True, True)
    """
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


def is_medical_word(word: str) -> bool:
    """Whether the lower-case ``word`` is built with a medical suffix.

    Examples
    --------
    >>> is_medical_word("paracentesis"), is_medical_word("cholangiogram"), is_medical_word("kowalczyk")
    (True, True, False)
    """
    return _MEDICAL_WORD.fullmatch(word) is not None
