"""Whether a word is an everyday English word or clinical shorthand, for judging bare names.

A capitalised word after "admitted to" or before "Bank" names a place or a firm when it
is no word of everyday English (``Midlands``, ``Sarpy``): ``wordfreq``'s English list
(large) gives its frequency on the Zipf scale. Clinical shorthand (``PCU``, ``Cards``)
comes from the project's hand-written list ``clinical_abbreviations``. Both are read
once per process, on first use; each word is looked up once.
"""

from __future__ import annotations

from functools import lru_cache

from deid.text._allow import CLINICAL_ABBREVIATIONS

__all__ = ["EVERYDAY_ZIPF", "is_clinical_shorthand", "is_distinctive", "is_everyday"]

EVERYDAY_ZIPF = 4.3
"""A word at least this frequent in English (Zipf scale: 4.3 is 20 per million words) is everyday
(``home``, ``floor``, ``target``); rarer ones may name a place (``Suburban`` 3.9, ``Methodist`` 3.7)."""
_CACHED_WORDS = 8192


@lru_cache(maxsize=_CACHED_WORDS)
def _zipf(word: str) -> float:
    import wordfreq  # noqa: PLC0415 - its data loads on first use (a tenth of a second)

    return float(wordfreq.zipf_frequency(word, "en", wordlist="large"))


def is_everyday(word: str) -> bool:
    """Whether ``word`` (any case; a final ``'s`` ignored) is an everyday English word.

    Examples
    --------
    >>> is_everyday("Home"), is_everyday("FLOOR"), is_everyday("Midlands"), is_everyday("Sarpy")
    (True, True, False, False)
    """
    bare = word.lower().removesuffix("'s").removesuffix("\u2019s")
    return _zipf(bare) >= EVERYDAY_ZIPF


def is_clinical_shorthand(word: str) -> bool:
    """Whether ``word`` (any case) is on the list of clinical abbreviations and jargon.

    Examples
    --------
    >>> is_clinical_shorthand("PCU"), is_clinical_shorthand("Cards"), is_clinical_shorthand("Bergan")
    (True, True, False)
    """
    return word.lower() in CLINICAL_ABBREVIATIONS.words


def is_distinctive(word: str, *, upper_case_text: bool = False) -> bool:
    """Whether ``word`` can name a firm or a place on its own: possessive, initials, or no everyday word.

    Parameters
    ----------
    word
        The word as written.
    upper_case_text
        Whether the text around it is in capitals, so that capitals are no initials.

    Examples
    --------
    >>> is_distinctive("Kohll's"), is_distinctive("USPS"), is_distinctive("Creighton")
    (True, True, True)
    >>> is_distinctive("Food"), is_distinctive("PCU"), is_distinctive("FOOD", upper_case_text=True)
    (False, False, False)
    """
    if word.lower().endswith(("'s", "\u2019s")) and len(word) > 3:
        return True
    if word.isupper() and len(word) > 1 and not upper_case_text:
        return not is_clinical_shorthand(word)
    return not is_everyday(word) and not is_clinical_shorthand(word)
