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
_WORD_OR_INITIAL = re.compile(rf"[A-Z]\.|{NAME_TOKEN}")
_TITLE_CUE = NameCue(strong=True)
_CREDENTIAL_CUE = NameCue(strong=True, lower_case_given=False)
_TITLE_SCORE = 0.85
_CREDENTIAL_SCORE = 0.8


def _is_name_like(word: str, flags: int, *, upper: bool) -> bool:
    if not is_name_shaped(word, upper_case_text=upper) or flags & NEVER or word.lower() in STOP_WORDS:
        return False
    return not flags & COMMON or bool(flags & (GIVEN | SURNAME))


def _name_before_credential(text: str, match: re.Match[str]) -> tuple[int, int] | None:
    """The trailing words of ``name`` that all look like a name, or None."""
    lexicon = name_lexicon()
    upper = is_upper_case_text(text, match.start("name"))
    parts = list(_WORD_OR_INITIAL.finditer(text, match.start("name"), match.end("name")))
    for index in range(len(parts) - 1, -1, -1):
        word = parts[index].group()
        is_initial = len(word) == 2 and word.endswith(".")
        if not is_initial and not _is_name_like(word, lexicon.of(word), upper=upper):
            parts = parts[index + 1 :]
            break
    whole_words = [part for part in parts if not part.group().endswith(".")]
    if not whole_words:
        return None
    if match.group("comma") is None and len(parts) < 2:
        return None
    return parts[0].start(), parts[-1].end()


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
        for match in _CREDENTIAL_AFTER.finditer(text):
            span = _name_before_credential(text, match)
            if span is not None and not any(s <= span[0] and span[1] <= e for s, e in found):
                found.setdefault(span, _CREDENTIAL_SCORE)
        return sorted((start, end, score) for (start, end), score in found.items())
