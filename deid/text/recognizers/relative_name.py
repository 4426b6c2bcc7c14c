"""Names after a family or care role: "pt's wife Mary", "her son John", "emergency contact Ann Lee"."""

from __future__ import annotations

import re
from typing import ClassVar

from deid.text.recognizers.name_reader import NameCue, read_name_at
from deid.text.recognizers.name_recognizer import NameRecognizer, ScoredSpan

__all__ = ["RelativeNameRecognizer"]

_ROLES = (
    "wife|husband|spouse|partner|fianc[eé]e?|girlfriend|boyfriend|son|daughter|stepson|stepdaughter|"
    "mother|mom|father|dad|brother|sister|sibling|grandson|granddaughter|grandmother|grandfather|"
    "grandma|grandpa|aunt|uncle|niece|nephew|cousin|friend|neighbou?r|roommate|caregiver|"
    "care giver|guardian|emergency contact|health care proxy|healthcare proxy|hcp|poa|hcpoa|"
    "(?:mother|father|son|daughter|brother|sister)-in-law|kid|grandchild|grandkid|stepmother|stepfather|"
    "stepmom|stepdad|mum|mama|papa|hubby|bff|bestie|bf|gf"
)
_ROLE_THEN_NAME = re.compile(
    rf"(?<![^\W_])(?i:{_ROLES})(?:['\u2019]s)?(?![^\W_])[ \t]*(?:[,:(\-][ \t]*)?"
    r"(?:(?i:named|name is|is)[ \t]+)?"
)
_NAME_THEN_ROLE = re.compile(rf"(?<![^\W_])(?=[A-Z])[^\W\d_]+[ \t]*\([ \t]*(?i:{_ROLES})[ \t]*\)")
_CUE = NameCue()
_SCORE = 0.8


class RelativeNameRecognizer(NameRecognizer):
    """Names of relatives, caregivers and contacts, cued by the role word before (or after) them.

    The role is evidence, not part of the span. In lower-case text only a listed given
    name is taken (``"spoke w/ wife mary"``); "wife at bedside" yields nothing.

    Examples
    --------
    >>> note = "Pt's wife Mary at bedside; daughter (Ann) called. Son updated."
    >>> [note[start:end] for start, end, _ in RelativeNameRecognizer().find(note)]
    ['Mary', 'Ann']
    """

    covered_by_backstop: ClassVar[bool] = True

    def find(self, text: str) -> list[ScoredSpan]:
        """Names cued by a role word, in text order."""
        found: set[tuple[int, int]] = set()
        for match in _ROLE_THEN_NAME.finditer(text):
            span = read_name_at(text, match.end(), _CUE)
            if span is not None:
                found.add(span)
        for match in _NAME_THEN_ROLE.finditer(text) if "(" in text else ():
            span = read_name_at(text, match.start(), NameCue(max_words=1))
            if span is not None:
                found.add(span)
        return sorted((start, end, _SCORE) for start, end in found)
