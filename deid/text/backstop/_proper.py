"""Proper nouns in mixed-case text: capitalised runs in mid sentence that no list explains.

In mixed-case text a word written with a capital in the middle of a sentence is a proper
noun: a person, a place, a facility, an employer, a brand. The backstop replaces such a
run of capitalised words (``Union Pacific``, ``White House``, ``Methodist Women's``) even
when each word is also an English word, unless every word is explained: clinical
vocabulary (drug brands, eponyms, ICD-10-CM words), function words (``You``, ``My``),
weekdays, languages, nationalities and religions. Runs that open a sentence or a line
(headings such as ``Hospital Course``) or that end in a colon (field labels such as
``Discharged:``) are left alone, and so is upper- or lower-case text, where capitals carry
no information.
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from deid.text._calendar import WEEKDAYS

__all__ = ["proper_noun_runs"]

_SENTENCE_END = frozenset(".!?\n\r:;\u2022*>|")
_LABEL_AFTER = re.compile(r"[ \t]*:")
_BETWEEN_RUN = re.compile(r"[ \t]+|[ \t]*&[ \t]*|[ \t]+of[ \t]+")
_KNOWN_CAPITALISED_LIST = (
    "i english spanish french german italian portuguese russian ukrainian polish chinese mandarin "
    "cantonese japanese korean vietnamese tagalog filipino arabic hindi urdu bengali punjabi somali "
    "swahili amharic haitian creole hmong karen nepali farsi persian hebrew greek turkish dutch "
    "american african asian european hispanic latino latina latinx native indian caucasian black white "
    "catholic christian jewish muslim hindu buddhist mormon baptist lutheran methodist jehovah witness "
    "god lord jesus christ bible covid medicare medicaid tricare english-speaking asl braille "
    "mr mrs ms dr prof st mt ok ps pm am"
)
_KNOWN_CAPITALISED = frozenset(_KNOWN_CAPITALISED_LIST.split()) | WEEKDAYS
"""Capitalised by convention, not because they name a person or place."""


def _opens_sentence(text: str, position: int) -> bool:
    index = position - 1
    while index >= 0 and text[index] in " \t\"'([-":
        index -= 1
    return index < 0 or text[index] in _SENTENCE_END


def _title_case(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


def proper_noun_runs(
    text: str, words: list[re.Match[str]], explained: frozenset[str]
) -> list[tuple[int, int]]:
    r"""``(start, end)`` of each word of a capitalised mid-sentence run that a list does not explain.

    Parameters
    ----------
    text
        A mixed-case text.
    words
        Its words outside the detections, in order.
    explained
        Lower-case words that are capitalised for another reason (clinical vocabulary).

    Returns
    -------
    list of tuple of (int, int)
        Offsets of the words to replace.

    Examples
    --------
    >>> text = "Pt works for Union Pacific. Hospital Course: stable on Lasix."
    >>> words = list(re.finditer(r"[^\W\d_]+", text))
    >>> [text[start:end] for start, end in proper_noun_runs(text, words, frozenset({"lasix"}))]
    ['Union', 'Pacific']
    """
    found: list[tuple[int, int]] = []
    index = 0
    while index < len(words):
        if not _title_case(words[index].group()):
            index += 1
            continue
        run = [words[index]]
        while (
            index + len(run) < len(words)
            and _title_case(words[index + len(run)].group())
            and _BETWEEN_RUN.fullmatch(text, run[-1].end(), words[index + len(run)].start()) is not None
        ):
            run.append(words[index + len(run)])
        index += len(run)
        if _opens_sentence(text, run[0].start()) or _LABEL_AFTER.match(text, run[-1].end()):
            continue  # a heading, or a field label (``Discharged:``)
        found.extend(
            match.span()
            for match in run
            if len(match.group()) > 1 and not _explained(_bare(match.group()), explained)
        )
    return found


def _bare(word: str) -> str:
    """The lower-case word before any apostrophe (``I'm`` -> ``i``, ``Women's`` -> ``women``)."""
    return word.lower().replace("\u2019", "'").split("'")[0]


def _explained(word: str, explained: frozenset[str]) -> bool:
    return word in _KNOWN_CAPITALISED or word in explained or word in STOP_WORDS
