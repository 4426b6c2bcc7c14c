"""Names people give in prose: self-introductions, "name:" fields, naming verbs, sentence subjects.

- after a naming cue ("my name is", "maiden name is", "name:", "was called", "named her",
  "call me",
  '," says'): any name-shaped word, or in lower-case text a listed given name
  ("my name is ann lee");
- after an introduction ("I am", "I'm", "this is", "it's", "hi", "dear"): a listed given
  name or surname that is no everyday word ("I'm Ann", not "I'm Fine"), or any
  name-shaped word when "calling", "here" or "speaking" follows ("this is Oona calling");
- after a greeting or thanks ("Hi Joy,", "Thanks Dawn!"), ending its clause: any listed
  given name or surname, even an everyday word, unless a clinical term;
- at the start of a sentence: a listed given name or surname that is no everyday word, followed by
  a reporting or action verb ("Cheryl reports less pain", "Kirby Lowe called back"); or
  any listed given name addressed before a comma ("Joy, your flu shot is due").
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from deid.text.recognizers.name_lexicon import COMMON, GIVEN, NAME_TOKEN, NEVER, SURNAME, name_lexicon
from deid.text.recognizers.name_reader import NameCue, read_name_at
from deid.text.recognizers.name_recognizer import NameRecognizer, ScoredSpan

__all__ = ["IntroducedNameRecognizer"]

_NAMING = re.compile(
    r"(?<![^\W_])(?i:my\s+name\s+is|my\s+name'?s|(?:first|last|middle|maiden|full|nick|sur|given)\s*name"
    r"(?:\s+is|\s*[:?])|name\s*:|was\s+called|is\s+called|(?:nick)?named(?:\s+(?:him|her|them))?"
    r"|calls?\s+me|signed\s*,)[ \t]*"
    r"|[\"\u201d],?[ \t]+(?i:says|said|writes|wrote)[ \t]+"
)
_NAMING_PIECES = ("name", "call", "signed", '"', "\u201d")
"""What every naming cue holds: without one, the naming pattern is not run."""
_INTRODUCING = re.compile(r"(?<![^\W_])(?i:i\s+am|i'?m|this\s+is|it'?s|it\s+is|hi|hello|hey|dear)[ \t]+")
_GREETING = re.compile(
    r"(?<![^\W_])(?i:hi|hello|hey|hiya|dear|thanks|thank\s+you|thx|ty|good\s+(?:morning|afternoon|evening)"
    r"|congrats|congratulations|welcome|bye)[ \t]*,?[ \t]+"
)
_CLAUSE_END = re.compile(r"[ \t]*(?:[,!:;.?\r\n]|$)")
_ADDRESSED_AFTER = re.compile(
    r",[ \t]+(?i:you|your|you'?re|we|we'?re|we'?ve|this|thank|thanks|please|just|reminder|can|i|it'?s)\b"
)
_CONFIRMING_AFTER = re.compile(r"[ \t,]+(?i:calling|here|speaking|from)\b")
_SENTENCE_START = re.compile(r"(?:^|(?<=[.!?])[ \t]+|(?<=\n))[ \t\"'(]*(?=[A-Z])", re.MULTILINE)
_VERBS = (
    "reports|reported|states|stated|says|said|notes|noted|denies|denied|called|calls|came|comes|"
    "presented|presents|returned|returns|agrees|agreed|declined|declines|requested|requests|asked|"
    "asks|wants|wanted|feels|felt|left|arrived|is|was|has|had|will|would|can|could|"
    "tolerated|continues|remains|underwent|went|brought|drove|confirmed|cancelled|canceled|"
    "rescheduled|missed|scheduled|spoke|lives|lived|works|worked|needs|needed|spent|shouted|told|"
    "began|begins|started|joined|got|made|took|gave|sent|wrote|emailed|texted|phoned|visited|met|saw"
)
_FIRST_WORD = re.compile(NAME_TOKEN)
_VERB_AFTER = re.compile(rf"[ \t]+(?:{_VERBS})\b")
_NAMING_CUE = NameCue(max_words=3)
_SUBJECT_CUE = NameCue(lower_case_given=False, max_words=3)
_GREETED_CUE = NameCue(strong=True, max_words=2)
_NAMING_SCORE = 0.8
_INTRODUCED_SCORE = 0.7
_SUBJECT_SCORE = 0.7


def _listed_name(word: str) -> bool:
    """A listed given name or surname that is no everyday word, clinical term or function word."""
    flags = name_lexicon().of(word)
    return bool(flags & (GIVEN | SURNAME)) and not flags & (COMMON | NEVER) and word.lower() not in STOP_WORDS


def _addressable(word: str) -> bool:
    """A listed name, even an everyday word (``Joy``), that is no clinical term or function word."""
    flags = name_lexicon().of(word)
    return bool(flags & (GIVEN | SURNAME)) and not flags & NEVER and word.lower() not in STOP_WORDS


class IntroducedNameRecognizer(NameRecognizer):
    """Names after naming cues and introductions, and listed given names opening a sentence before a verb.

    Examples
    --------
    >>> text = "Hello, my name is Oona Brevitt. Cheryl reports the refill never arrived."
    >>> [text[start:end] for start, end, _ in IntroducedNameRecognizer().find(text)]
    ['Oona Brevitt', 'Cheryl']
    """

    def find(self, text: str) -> list[ScoredSpan]:
        """Introduced and subject names, in text order."""
        found: dict[tuple[int, int], float] = {}
        lowered = text.lower()
        namings = _NAMING.finditer(text) if any(piece in lowered for piece in _NAMING_PIECES) else ()
        for match in namings:
            span = read_name_at(text, match.end(), _NAMING_CUE)
            if span is not None:
                found.setdefault(span, _NAMING_SCORE)
        for match in _INTRODUCING.finditer(text):
            span = read_name_at(text, match.end(), _NAMING_CUE)
            if span is None:
                continue
            first = text[span[0] : span[1]].split(maxsplit=1)[0].rstrip(".")
            if _listed_name(first) or (
                first[:1].isupper() and _CONFIRMING_AFTER.match(text, span[1]) is not None
            ):
                found.setdefault(span, _INTRODUCED_SCORE)
        for match in _GREETING.finditer(text):
            span = read_name_at(text, match.end(), _GREETED_CUE)
            if span is None or _CLAUSE_END.match(text, span[1]) is None:
                continue
            if _addressable(text[span[0] : span[1]].split(maxsplit=1)[0]):
                found.setdefault(span, _INTRODUCED_SCORE)
        for match in _SENTENCE_START.finditer(text):
            opener = _FIRST_WORD.match(text, match.end())
            if opener is None or not name_lexicon().of(opener.group()) & (GIVEN | SURNAME):
                continue  # both rules below need a listed name: skip reading the rest
            span = read_name_at(text, match.end(), _SUBJECT_CUE)
            if span is None or span[0] != match.end():
                continue
            first = text[span[0] : span[1]].split(maxsplit=1)[0]
            subject = _listed_name(first) and _VERB_AFTER.match(text, span[1]) is not None
            addressed = (
                _addressable(first)
                and bool(name_lexicon().of(first) & GIVEN)
                and _ADDRESSED_AFTER.match(text, span[1]) is not None
            )
            if subject or addressed:
                found.setdefault(span, _SUBJECT_SCORE)
        return sorted((start, end, score) for (start, end), score in found.items())
