"""Names next to a title or a professional credential: "Dr. Patel", "Amy Patel, RN", "RN A. Lee"."""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from deid.text.recognizers.name_lexicon import (
    COMMON,
    GIVEN,
    NAME_TOKEN,
    NEVER,
    SURNAME,
    is_name_shaped,
    name_lexicon,
)
from deid.text.recognizers.name_reader import NameCue, is_upper_case_text, read_name_at
from deid.text.recognizers.name_recognizer import NameRecognizer, ScoredSpan

__all__ = ["TitledNameRecognizer"]

_TITLE = re.compile(r"(?<![^\W_])(?i:dr|doctor|mr|mrs|ms|miss|mx|prof|professor)(?:\.|(?![^\W_]))")
_CREDENTIAL_BEFORE = re.compile(r"(?<![^\W_])(?:RN|LPN|LVN|NP|CNA|APRN|CRNA|PA-C)[ \t]+(?=[A-Z])")
_CREDENTIALS = r"MD|DO|RN|LPN|LVN|NP|PA|PA-C|CNA|APRN|CRNA|FNP|DNP|PharmD|RPh|PhD|DDS|MSW|LCSW|RD|PT|OT|RT"
_NAME_WORDS = rf"(?:(?:[A-Z]\.|{NAME_TOKEN}),?[ \t]+){{0,2}}(?:[A-Z]\.|{NAME_TOKEN})"
_CREDENTIAL_AFTER = re.compile(
    rf"(?<![^\W_])(?P<name>{_NAME_WORDS})(?P<comma>[ \t]*,)?[ \t]*(?:{_CREDENTIALS})(?![^\W_]|-)"
)
_ANY_CREDENTIAL = re.compile(rf"(?<![^\W_])(?:{_CREDENTIALS})(?![^\W_]|-)")
"""A cheap test run first: the credential-after pattern is tried at every word otherwise."""
_WORD_OR_INITIAL = re.compile(rf"[A-Z]\.|{NAME_TOKEN}")
_PLAIN_CREDENTIALS = "md|rn|lpn|lvn|np|pa-c|cna|aprn|crna|fnp|dnp|pharmd|rph|phd|dds|msw|lcsw"
_WORD_CREDENTIALS = "do|pa|pt|ot|rt|rd"
"""Credentials that are also everyday words or abbreviations: in lower case only after a comma."""
_LOWER_CREDENTIAL = re.compile(
    rf"(?:[ \t]*(?P<comma>,)[ \t]*|[ \t]+)(?i:(?P<plain>{_PLAIN_CREDENTIALS})|(?P<word>{_WORD_CREDENTIALS}))"
    r"(?![^\W_]|-)"
)
_LOWER_NAME_WINDOW = 48
_MAX_LOWER_NAME_WORDS = 3
_LOWER_WORD = re.compile(r"(?<![^\W_])[a-z](?:[a-z]|['\u2019-](?=[a-z]))*\.?")
_TITLE_CUE = NameCue(strong=True)
_CREDENTIAL_CUE = NameCue(strong=True, lower_case_given=False)
_TITLE_SCORE = 0.85
_CREDENTIAL_SCORE = 0.8


def _is_name_like(word: str, flags: int, *, upper: bool) -> bool:
    if not is_name_shaped(word, upper_case_text=upper) or flags & NEVER or word.lower() in STOP_WORDS:
        return False
    return not flags & COMMON or bool(flags & (GIVEN | SURNAME))


def _surname_after_given(word: str, before: str) -> bool:
    """An eponym or function word listed as a surname (``Allen``, ``May``) after a plain given name."""
    lexicon = name_lexicon()
    flags, before_flags = lexicon.of(word), lexicon.of(before)
    return (
        word[:1].isupper()
        and bool(flags & SURNAME)
        and bool(before_flags & GIVEN)
        and not before_flags & (COMMON | NEVER)
        and before.lower() not in STOP_WORDS
    )


def _name_before_credential(text: str, match: re.Match[str]) -> tuple[int, int] | None:
    """The trailing words of ``name`` that all look like a name, or None."""
    lexicon = name_lexicon()
    upper = is_upper_case_text(text, match.start("name"))
    parts = list(_WORD_OR_INITIAL.finditer(text, match.start("name"), match.end("name")))
    for index in range(len(parts) - 1, -1, -1):
        word = parts[index].group()
        is_initial = len(word) == 2 and word.endswith(".")
        if is_initial or _is_name_like(word, lexicon.of(word), upper=upper):
            continue
        if index == len(parts) - 1 and index > 0 and _surname_after_given(word, parts[index - 1].group()):
            continue
        parts = parts[index + 1 :]
        break
    whole_words = [part for part in parts if not part.group().endswith(".")]
    if not whole_words:
        return None
    if match.group("comma") is None and len(parts) < 2:
        return None
    return parts[0].start(), parts[-1].end()


def _lower_case_word_ok(word: str, flags: int, needs: int) -> bool:
    return bool(flags & needs) and not flags & NEVER and word not in STOP_WORDS


def _words_ending_at(text: str, end: int) -> list[re.Match[str]]:
    """The lower-case words, separated by spaces only, whose last one ends at ``end``."""
    trailing: list[re.Match[str]] = []
    boundary = end
    for match in reversed(list(_LOWER_WORD.finditer(text, max(0, end - _LOWER_NAME_WINDOW), end))):
        gap = text[match.end() : boundary]
        if (gap.strip(" \t") or not gap) if trailing else gap:
            break
        trailing.insert(0, match)
        boundary = match.start()
        if len(trailing) == _MAX_LOWER_NAME_WORDS:
            break
    return trailing


def _lower_case_name_before(text: str, end: int, *, comma: bool) -> tuple[int, int] | None:
    """A lower-case name ending at ``end`` (``"marisa cooper"``, ``"amy j. lee"``), or None.

    The credential after it is the evidence, so everyday words pass when they are
    listed names, and so does an eponym as surname (``"jacob bell, md"``); the shape
    still has to be a name: a listed given name first, then an optional middle name or
    initial, then a listed surname. A single given name
    (``"per carol, rn"``) needs a comma and a name that is no everyday word.
    """
    lexicon = name_lexicon()
    trailing = _words_ending_at(text, end)
    for size in range(_MAX_LOWER_NAME_WORDS, 1, -1):
        if len(trailing) < size:
            continue
        name = trailing[-size:]
        given, surname = name[0].group(), name[-1].group()
        if given.endswith(".") or surname.endswith("."):
            continue
        middle_ok = (
            size == 2
            or len(name[1].group().rstrip(".")) == 1
            or _lower_case_word_ok(name[1].group(), lexicon.of(name[1].group()), GIVEN | SURNAME)
        )
        if (
            middle_ok
            and _lower_case_word_ok(given, lexicon.of(given), GIVEN)
            and _lower_case_word_ok(surname, lexicon.of(surname) & ~NEVER, SURNAME)
        ):
            return name[0].start(), name[-1].end()
    if comma and trailing:
        single = trailing[-1].group()
        flags = lexicon.of(single)
        if not single.endswith(".") and _lower_case_word_ok(single, flags, GIVEN) and not flags & COMMON:
            return trailing[-1].start(), trailing[-1].end()
    return None


def _lower_case_credentialed(text: str) -> list[tuple[int, int]]:
    """Names in lower case before a credential typed in lower case (``"marisa cooper, pa-c"``)."""
    found = []
    for match in _LOWER_CREDENTIAL.finditer(text):
        comma = match.group("comma") is not None
        if match.group("word") is not None and not comma:
            continue
        span = _lower_case_name_before(text, match.start(), comma=comma and match.group("plain") is not None)
        if span is not None:
            found.append(span)
    return found


class TitledNameRecognizer(NameRecognizer):
    """Names after a title (Dr., Mr., Mrs., Ms., Miss, Prof.) or before or after a credential.

    The title or credential is evidence, not part of the span. After a title any
    capitalised word is taken (``Dr. Brown``, ``Dr. Parkinson``); before a credential
    leading words that are not name-like are dropped (``"seen by Amy Lee, RN"``).

    Examples
    --------
    >>> note = "Seen by Dr. Amy Patel today; vitals by Tom Hall, RN"
    >>> [note[start:end] for start, end, _ in TitledNameRecognizer().find(note)]
    ['Amy Patel', 'Tom Hall']
    """

    def find(self, text: str) -> list[ScoredSpan]:
        """Names cued by a title or a credential, in text order."""
        found: dict[tuple[int, int], float] = {}
        for pattern, cue in ((_TITLE, _TITLE_CUE), (_CREDENTIAL_BEFORE, _CREDENTIAL_CUE)):
            for match in pattern.finditer(text):
                span = read_name_at(text, match.end(), cue)
                if span is not None:
                    found.setdefault(span, _TITLE_SCORE)
        credentials = _CREDENTIAL_AFTER.finditer(text) if _ANY_CREDENTIAL.search(text) else ()
        for match in credentials:
            span = _name_before_credential(text, match)
            if span is not None and not any(s <= span[0] and span[1] <= e for s, e in found):
                found.setdefault(span, _CREDENTIAL_SCORE)
        for span in _lower_case_credentialed(text):
            if not any(s <= span[0] and span[1] <= e for s, e in found):
                found.setdefault(span, _CREDENTIAL_SCORE)
        return sorted((start, end, score) for (start, end), score in found.items())
