"""Names in lower-case text after a cue word: "inbound call from kenneth", "tony called to resched".

Informal notes and messages write names in lower case, where capitalisation is no
evidence. A listed given name that is no everyday word, clinical term or function word
counts when a cue stands right before it (``with``, ``from``, ``per``, ``told``,
``met``, ``ask``, ``thanks``, ``and``, ...) or when it opens a sentence before a
reporting verb (``tony called``); a listed surname right after it joins the name
(``spoke with kenneth morales``). Capitalised names are left to the other recognizers.
"""

from __future__ import annotations

import re
from typing import ClassVar

from spacy.lang.en.stop_words import STOP_WORDS

from deid.text.recognizers.name_lexicon import COMMON, GIVEN, NEVER, SURNAME, name_lexicon
from deid.text.recognizers.name_recognizer import NameRecognizer, ScoredSpan

__all__ = ["CuedNameRecognizer"]

_LOWER_WORD = r"[a-z\u00df-\u00ff](?:[a-z\u00df-\u00ff]|['\u2019-](?=[a-z]))*"
_CUES = (
    r"with|w/|from|per|told|tell|met|meet|ask|asked|thank|thanks|thx|call|called|text|texted|email|"
    r"emailed|spoke\s+(?:to|with)|talked\s+(?:to|with)|saw|visit|visited|message|msg|and|cc|to|for|by"
)
_CUED = re.compile(
    rf"(?<![^\W_])(?i:{_CUES})[ \t]+"
    rf"(?=(?P<given>{_LOWER_WORD})(?![^\W_])(?:[ \t]+(?P<surname>{_LOWER_WORD}))?)"
)
_SUBJECT = re.compile(
    rf"(?m)(?:^|(?<=[.!?])[ \t]+)[ \t]*(?P<given>{_LOWER_WORD})(?:[ \t]+(?P<surname>{_LOWER_WORD}))?"
    r"(?=[ \t]+(?:called|calls|came|said|says|states|reports|wants|needs|asked|left|is|was|will|has|had)\b)"
)
_SCORE = 0.6


def _plain(word: str, flag: int) -> bool:
    lexicon = name_lexicon()
    flags = lexicon.of(word)
    return bool(flags & flag) and not flags & (COMMON | NEVER) and word not in STOP_WORDS


class CuedNameRecognizer(NameRecognizer):
    """Listed given names in lower case after a cue word or opening a sentence before a verb.

    Examples
    --------
    >>> text = "inbound call from kenneth, verified dob. tony called back. seen with mild pain"
    >>> [text[start:end] for start, end, _ in CuedNameRecognizer().find(text)]
    ['kenneth', 'tony']
    """

    covered_by_backstop: ClassVar[bool] = True

    def find(self, text: str) -> list[ScoredSpan]:
        """Cued lower-case names, in text order."""
        found: dict[int, tuple[int, int, float]] = {}
        for pattern in (_CUED, _SUBJECT):
            for match in pattern.finditer(text):
                given = match.group("given")
                if not _plain(given, GIVEN):
                    continue
                end = match.end("given")
                surname = match.group("surname")
                if surname is not None and _plain(surname, SURNAME):
                    end = match.end("surname")
                found.setdefault(match.start("given"), (match.start("given"), end, _SCORE))
        return sorted(found.values())
