"""Initials written with full stops: "S.L. - records request", "consent for m.h. on file"."""

from __future__ import annotations

import re

from deid.text.recognizers.name_recognizer import NameRecognizer, ScoredSpan

__all__ = ["InitialsNameRecognizer"]

_INITIALS = re.compile(r"(?<![\w.])(?:[A-Za-z]\.[ \t]?){1,2}[A-Za-z]\.(?![ \t]?\w\.|\w)")
_ABBREVIATIONS = frozenset(
    (
        *("am", "pm", "eg", "ie", "us", "uk", "usa", "nb", "ps", "cf", "vs", "etc", "al", "ca"),
        *("bid", "tid", "qid", "qd", "qod", "po", "npo", "prn", "ac", "pc", "hs", "qhs", "od", "os", "ou"),
        *("au", "ad", "as", "md", "do", "rn", "np", "pa", "dc", "dr", "mr", "ms", "ok", "im", "iv"),
    )
)
"""Dotted abbreviations (times, Latin, dosing, eyes and ears, credentials): not initials."""
_SCORE = 0.55


class InitialsNameRecognizer(NameRecognizer):
    """Two or three letters each followed by a full stop, unless a common dotted abbreviation.

    Examples
    --------
    >>> text = "S.L. - records request; consent for m. h. on file; take 1 tab p.o. b.i.d. at 9 a.m."
    >>> [text[start:end] for start, end, _ in InitialsNameRecognizer().find(text)]
    ['S.L.', 'm. h.']
    """

    def find(self, text: str) -> list[ScoredSpan]:
        """Dotted initials, in text order."""
        return [
            (match.start(), match.end(), _SCORE)
            for match in _INITIALS.finditer(text)
            if re.sub(r"[.\s]", "", match.group()).lower() not in _ABBREVIATIONS
        ]
