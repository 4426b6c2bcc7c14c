"""Names standing alone on a line (signature and address blocks) and speakers in dialogue.

- a line holding only a name: two to four words, the first a listed given name or
  surname that is no everyday word, the others written like names (initials and
  particles such as ``van``, ``de`` allowed), e.g. ``> Gyala Antall`` or
  ``Maika van de Noort``;
- a speaker label: a listed given name that is no everyday word opening a line before a
  colon (``Ella: What a day.``).
"""

from __future__ import annotations

import re
from typing import ClassVar

from spacy.lang.en.stop_words import STOP_WORDS

from deid.text._allow import ORGANISATION_WORDS
from deid.text.recognizers.name_lexicon import COMMON, GIVEN, NAME_TOKEN, NEVER, SURNAME, name_lexicon
from deid.text.recognizers.name_recognizer import NameRecognizer, ScoredSpan

__all__ = ["NameLineRecognizer"]

_PARTICLES = "van|von|de|der|den|ten|ter|da|di|del|della|dos|das|du|le|la|bin|ibn|al|el"
_PART = rf"(?:[A-Za-z]\.?|{_PARTICLES}|{NAME_TOKEN})"
_NAME_LINE = re.compile(
    rf"(?m)^[ \t>*?\-\u2022]*(?P<name>{NAME_TOKEN}(?:[ \t]+{_PART}){{1,3}})[ \t]*,?[ \t]*$"
)
_SPEAKER = re.compile(rf"(?m)^[ \t>*\-]*(?P<name>{NAME_TOKEN})[ \t]*:(?![ \t]*\d)")
_WORD = re.compile(rf"[A-Za-z]\.|{NAME_TOKEN}")
_PARTICLE_WORDS = frozenset(_PARTICLES.split("|"))
_SPEAKER_ROLES = frozenset(
    ("bot", "user", "agent", "caller", "patient", "customer", "rep", "nurse", "doctor", "admin", "system")
)
"""Labels of dialogue turns that name a role, not a person."""
_LINE_SCORE = 0.6
_SPEAKER_SCORE = 0.6


def _plain(flags: int, word: str) -> bool:
    return bool(flags & (GIVEN | SURNAME)) and not flags & (COMMON | NEVER) and word.lower() not in STOP_WORDS


def _is_name_line(words: list[str]) -> bool:
    """Whether the words of a whole line make a name."""
    lexicon = name_lexicon()
    lower = all(word.islower() for word in words)
    whole = [word for word in words if len(word.rstrip(".")) > 1 and word.lower() not in _PARTICLE_WORDS]
    if len(whole) < 2 or words[0].lower() in _PARTICLE_WORDS or len(words[0].rstrip(".")) == 1:
        return False
    first = lexicon.of(words[0])
    if not first & (GIVEN | SURNAME) or first & COMMON:  # "Hi Tommy,", "Dear Ann Lee,", "Physical Exam"
        return False
    listed = 0
    for word in whole:
        flags = lexicon.of(word)
        if flags & NEVER or word.lower() in STOP_WORDS or word.lower() in ORGANISATION_WORDS:
            return False
        if lower and not flags & (GIVEN | SURNAME):
            return False
        if not lower and (word.isupper() or not word[0].isupper()):
            return False
        if flags & COMMON and not flags & (GIVEN | SURNAME):
            return False
        listed += _plain(flags, word)
    return listed >= 1


class NameLineRecognizer(NameRecognizer):
    r"""Lines that hold only a name, and speaker labels naming a listed given name.

    Examples
    --------
    >>> text = "Thanks,\n> Zoltán Quorvath\nJelena van de Noort\nElla: hi.\nPhysical Exam\nPlan: rest"
    >>> [text[start:end] for start, end, _ in NameLineRecognizer().find(text)]
    ['Zoltán Quorvath', 'Jelena van de Noort', 'Ella']
    """

    covered_by_backstop: ClassVar[bool] = True

    def find(self, text: str) -> list[ScoredSpan]:
        """Name lines and speakers, in text order."""
        found: list[ScoredSpan] = []
        for match in _NAME_LINE.finditer(text):
            words = _WORD.findall(match.group("name"))
            if _is_name_line(words):
                found.append((match.start("name"), match.end("name"), _LINE_SCORE))
        lexicon = name_lexicon()
        for match in _SPEAKER.finditer(text):
            word = match.group("name")
            flags = lexicon.of(word)
            if (
                word[:1].isupper()
                and flags & GIVEN
                and _plain(flags, word)
                and word.lower() not in _SPEAKER_ROLES
            ):
                found.append((match.start("name"), match.end("name"), _SPEAKER_SCORE))
        return sorted(found)
