"""Deciding which texts need spaCy NER: the cheap check that makes the engine fast.

NER costs about a millisecond per sentence; regexes and dictionaries cost microseconds.
In clinical and CRM text a name that no pattern, title, signature, name list or known
identifier explains almost always appears as a capitalised word inside mixed-case prose.
So NER runs only on texts holding a capitalised word (``Mary``, ``McIntyre``) that is

- not the first word of a sentence, line or list item (capitalised by grammar), unless
  it is a listed given name or surname and no everyday word (``Cheryl reports``,
  ``pharmacy. Cheryl Allen, PA-C`` where the eponym ``Allen`` alone is explained), or
  it stands right before a listed name already detected (``Weronika Martinsen``, where
  the opener may be the unlisted given name): then it needs NER unless explained like
  any other word,
- not already inside a detection of a cheaper pass,
- not a title, greeting or charting abbreviation (``Dr``, ``Hi``, ``Rx``), month or weekday name, nor a
  word the caller explains (allow-listed clinical vocabulary),
- not part of a run of capitalised words naming an organisation (``Northside
  Cardiology``, ``Prairie View Health``): organisations are not PHI.

Texts in lower or upper case only, templates whose only capitals open sentences, and
notes whose names were all found already skip NER. Upper-case words (``HTN``) never
trigger it: the small English NER model is unreliable on them, and the name recognizers
cover upper-case text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence

from deid.text._allow import ORGANISATION_WORDS as _ORGANISATION_WORDS

__all__ = ["needs_ner"]

_ANY_CAPITALISED = re.compile(r"[A-Z][a-z]")
_WORD = r"[A-Z][a-z][A-Za-z]*(?:['\u2019-][A-Za-z]+)*(?![\w])"
_CAPITALISED_RUN = re.compile(rf"(?<![\w'\u2019.@/-]){_WORD}(?:[ \t]+{_WORD})*")
_CAPITALISED_WORD = re.compile(_WORD)
_SENTENCE_END = frozenset(".!?\n\r\u2022*>|")
_SKIPPED_BEFORE = frozenset(" \t\"'\u201c\u2018([{-\u2013\u2014")
_MONTHS = "january february march april may june july august september october november december"
_MONTH_ABBREVIATIONS = "jan feb mar apr jun jul aug sep sept oct nov dec"
_WEEKDAYS = (
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun"
)
_TITLES_AND_ABBREVIATIONS = "dr mr mrs ms mx prof rx hx dx tx sx pt pts acct attn re fwd cc tel ph ext dob"
_GREETINGS = "hi hello hey dear thanks regards best sincerely cheers"
_ALWAYS_EXPLAINED = frozenset(
    f"{_MONTHS} {_MONTH_ABBREVIATIONS} {_WEEKDAYS} {_TITLES_AND_ABBREVIATIONS} {_GREETINGS}".split(" ")
)


def _opens_sentence(text: str, position: int) -> bool:
    """Whether the word at ``position`` is the first of a sentence, line or list item."""
    index = position - 1
    while index >= 0 and text[index] in _SKIPPED_BEFORE:
        index -= 1
    return index < 0 or text[index] in _SENTENCE_END


def _covered(position: int, end: int, starts: Sequence[int], ends: Sequence[int]) -> bool:
    """Whether ``[position, end)`` lies inside one of the sorted, disjoint ``[starts, ends)``."""
    slot = bisect.bisect_right(starts, position) - 1
    return slot >= 0 and ends[slot] >= end


def needs_ner(
    text: str,
    covered: Sequence[tuple[int, int]] = (),
    *,
    explained: Callable[[str], bool] | None = None,
    listed_name: Callable[[str], bool] | None = None,
) -> bool:
    """Whether ``text`` holds a capitalised word that only NER could judge.

    Parameters
    ----------
    text
        The text.
    covered
        ``(start, end)`` of the detections cheaper passes made; words inside them are
        explained.
    explained
        Returns True for a word (as written) known not to need NER, such as an
        allow-listed clinical term.
    listed_name
        Returns True for a listed given name or surname that is no everyday word; such a
        word opening a sentence (``Cheryl reports``, ``Cheryl Allen, PA-C``) is judged
        like any other word instead of being skipped.

    Returns
    -------
    bool
        True when NER should run on the text.

    Examples
    --------
    >>> needs_ner("pt stable, no complaints.")
    False
    >>> needs_ner("Reminder: your appointment is Monday. Reply C to confirm.")
    False
    >>> needs_ner("Seen today with daughter Maria, who drove her in.")
    True
    >>> needs_ner("Seen today with daughter Maria, who drove her in.", [(25, 30)])
    False
    >>> needs_ner("Cheryl reports less pain.")
    False
    >>> needs_ner("Cheryl reports less pain.", listed_name=lambda word: word == "Cheryl")
    True
    """
    if _ANY_CAPITALISED.search(text) is None:
        return False
    merged: list[tuple[int, int]] = []
    for start, end in sorted(covered):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    starts = [start for start, _ in merged]
    ends = [end for _, end in merged]

    def is_explained(word: str, position: int, end: int) -> bool:
        return (
            _covered(position, end, starts, ends)
            or word.lower() in _ALWAYS_EXPLAINED
            or (explained is not None and explained(word))
        )

    for run in _CAPITALISED_RUN.finditer(text):
        words = list(_CAPITALISED_WORD.finditer(text, run.start(), run.end()))
        if any(word.group().lower() in _ORGANISATION_WORDS for word in words):
            continue
        first = words[0]
        if (
            _opens_sentence(text, first.start())
            and not (listed_name is not None and listed_name(first.group()))
            and not (
                len(words) > 1
                and listed_name is not None
                and listed_name(words[1].group())
                and _covered(*words[1].span(), starts, ends)
            )
        ):
            words = words[1:]
        if any(not is_explained(word.group(), *word.span()) for word in words):
            return True
    return False
