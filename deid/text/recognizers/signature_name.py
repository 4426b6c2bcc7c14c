"""Names in sign-offs ("Best regards, Ann Lee", "Sent by Ann") and agent marks at line end ("lvm -JS")."""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from deid.text.recognizers.name_lexicon import COMMON, GIVEN, NAME_TOKEN, NEVER, name_lexicon
from deid.text.recognizers.name_reader import NameCue, read_name_at
from deid.text.recognizers.name_recognizer import NameRecognizer, ScoredSpan

__all__ = ["SignatureNameRecognizer"]

_CLOSINGS = (
    r"(?:many |kind |warm |best |with )?(?:thanks|thank you|regards|wishes)|best|sincerely|cheers|"
    r"respectfully|take care|cordially|yours(?: truly| sincerely)?|thx|ty|--|\u2014"
)
_SIGN_OFF = re.compile(rf"(?im)^[ \t]*(?:{_CLOSINGS})[ \t]*[,.!:]?[ \t]*(?:\r?\n[ \t]*)?")
_SIGNED_BY = re.compile(
    r"(?<![^\W_])(?i:(?:sent|signed|co-?signed|dictated|transcribed|entered|written|authored|documented)"
    r"[ \t]+by:?|signed:|signature:)[ \t]*"
)
_LINE_END_MARK = re.compile(
    rf"(?m)(?:^|(?<=[\s.;,!?]))[-/~]{{1,2}}[ \t]?(?P<mark>{NAME_TOKEN})[ \t]*\.?[ \t]*$"
)
_AFTER_SIGN_OFF_NAME = re.compile(r"[ \t]*(?:[,|(]|\r?\n|$)")
_CUE = NameCue(max_words=3)
_SIGN_OFF_SCORE = 0.8
_MARK_SCORE = 0.6
_INITIALS_LENGTHS = (2, 3)


def _is_agent_mark(mark: str) -> bool:
    """Initials ("JS", "js") or a listed given name ("Hailey", "hailey") ending a line after a dash."""
    flags = name_lexicon().of(mark)
    if flags & NEVER or mark.lower() in STOP_WORDS:
        return False
    if len(mark) in _INITIALS_LENGTHS and (mark.isupper() or mark.islower()):
        return True
    return bool(flags & GIVEN) and not (flags & COMMON and mark.islower())


class SignatureNameRecognizer(NameRecognizer):
    r"""Names that sign a message or a note, and agents' initials or first names at line end.

    A name after a closing ("Thanks," "Best regards,") counts only when it ends its line
    or is followed by a comma, a bar or a bracket, so "Thanks for calling" yields nothing.

    Examples
    --------
    >>> message = "See you soon.\n\nBest regards,\nAnn Lee\nPatient Services"
    >>> [message[start:end] for start, end, _ in SignatureNameRecognizer().find(message)]
    ['Ann Lee']
    >>> note = "called pt re refill, lvm -js"
    >>> [note[start:end] for start, end, _ in SignatureNameRecognizer().find(note)]
    ['js']
    """

    def find(self, text: str) -> list[ScoredSpan]:
        """Signing names and line-end agent marks, in text order."""
        found: dict[tuple[int, int], float] = {}
        for match in _SIGN_OFF.finditer(text):
            span = read_name_at(text, match.end(), _CUE)
            if span is not None and _AFTER_SIGN_OFF_NAME.match(text, span[1]):
                found.setdefault(span, _SIGN_OFF_SCORE)
        for match in _SIGNED_BY.finditer(text):
            span = read_name_at(text, match.end(), _CUE)
            if span is not None:
                found.setdefault(span, _SIGN_OFF_SCORE)
        for match in _LINE_END_MARK.finditer(text):
            if _is_agent_mark(match.group("mark")):
                found.setdefault((match.start("mark"), match.end("mark")), _MARK_SCORE)
        return sorted((start, end, score) for (start, end), score in found.items())
