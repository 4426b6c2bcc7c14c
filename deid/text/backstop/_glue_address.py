"""Completing a detected address: its numbers and unit words, its state slot, its postcode.

Around a detected street, town or ZIP the rest of the address block is PHI too:

- numbers and unit words right next to it (``Rua do Paseo 46``, ``unit 1009 box 0219``),
  and a number right before a street (``928 Λ. Αλεξάνδρας 14``);
- the house number after a name that follows ``on`` or ``at`` (``is on Peter Zuidhove 188``,
  ``lives on Grössgstötten 50``), which the detectors took for a person or an unknown word;
- the postcode after a town (``Bjert 6091``, ``ÖVERTURINGEN 840 24``, ``Wrocław 53-320``),
  unless a unit follows it (``Kowalczyk 1000 mg``);
- a short word in the state slot between the town and the ZIP (``Delmas, mp 35739``,
  ``Toronto, ON 82269``, ``fpo ae 44941``), which no list would take on its own. A US
  state stays (Safe Harbor keeps states), and so does a function word (``INCR TO 1550``).

A town also takes the word that completes its name: a direction or a geographic word
before it (``South Omaha``, ``Fort Dodge``; capitalised unless the whole text is in lower
case; before a detected name too when the two make a gazetteer town: ``Lake Charles``) and
``city``, ``county``, ``township`` or ``parish`` after it (``sioux city``,
``Sarpy County``); any detected name takes a saint before it (``st cecilia``).

After an unknown word rather than a known town, a number shaped like a year or a clock
time is not taken for a postcode (``Trek 1968``, ``Yusupova's 0500 draw``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.lang.en.stop_words import STOP_WORDS

from data_contracts.entities import EntityType
from deid.text._spans import TextSpan
from deid.text.backstop._places import is_place_phrase
from deid.text.backstop._span import backstop_span
from deid.text.recognizers._fragments import STATE

__all__ = ["address_completions"]

_ADDRESS_TYPES = frozenset({EntityType.STREET_ADDRESS, EntityType.CITY, EntityType.ZIP})
_TOWN_TYPES = frozenset({EntityType.CITY, EntityType.OTHER})
_ADDRESS_GAP = re.compile(r"[ \t,]*(?:and[ \t]+)?")
_ADDRESS_PART = re.compile(
    r"(?:\d{1,6}(?:[-/]\d{1,5})?|(?:apt|unit|suite|ste|box|po|psc|fpo|apo|dpo|rm|bldg|fl|no)\.?)(?![\w])",
    re.IGNORECASE,
)
"""Numbers and unit words right next to an address."""
_BLOCK_GAP = r"[ \t]*,?[ \t]*(?:\r?\n[ \t]*,?[ \t]*)?"
_NO_UNIT_AFTER = (
    r"(?![ \t]?(?i:mg|mcg|ml|g|kg|l|cc|units?|iu|meq|mmol|ng|pg|mm|cm|hrs?|hours?|min|minutes|days?|times"
    r"|am|pm|bid|tid|qid|qd|qhs|daily|prn|po|iv|sq|tabs?|caps?|puffs?|%)(?![A-Za-z]))"
)
"""Not a dose, a duration or a time (``Kowalczyk 1000 mg``, ``on Xyzal 5 daily``)."""
_POSTCODE_AFTER = re.compile(
    rf"{_BLOCK_GAP}(?:(?P<slot>[^\W\d_]{{2,3}}){_BLOCK_GAP})?"
    rf"(?P<code>\d{{4,5}}|\d{{3}}[ ]\d{{2}}|\d{{2}}-\d{{3}})(?![\w-]){_NO_UNIT_AFTER}"
)
"""A postcode after a town, maybe after a state slot."""
_SLOT_BEFORE = re.compile(rf"{_BLOCK_GAP}(?P<slot>[^\W\d_]{{2,3}}){_BLOCK_GAP}$")
_SLOT_WINDOW = 12
_NUMBER_BEFORE = re.compile(r"(?<![\w.,/:-])\d{1,6}[ \t]+$")
_HOUSE_NUMBER_AFTER = re.compile(rf"[ \t]+\d{{1,5}}[A-Za-z]?(?![\w/-]|[.,:]\d){_NO_UNIT_AFTER}")
_BLANKS_BETWEEN_WORDS = 2
_PLACE_PREFIX_BEFORE = re.compile(
    r"(?<![\w'\u2019.-])(?:north|south|east|west|upper|lower|lake|fort|ft\.?|port|mount|mt\.?|new|old|san|santa)"
    r"[ \t]+$",
    re.IGNORECASE,
)
_PLACE_SUFFIX_AFTER = re.compile(
    r"[ \t]+(?:city|county|township|twp\.?|parish|borough)(?![\w'\u2019-])", re.IGNORECASE
)
_SAINT_BEFORE = re.compile(r"(?<![\w'\u2019.-])(?:st|ste|saint)\.?[ \t]+$", re.IGNORECASE)
_NAMED_TYPES = frozenset({EntityType.PERSON, EntityType.OTHER, EntityType.CITY, EntityType.FACILITY})
_ON_OR_AT_BEFORE = re.compile(r"\b(?i:on|at)[ \t]+$")
_PLACE_NAME_TYPES = frozenset({EntityType.OTHER, EntityType.PERSON, EntityType.CITY})
_US_STATE = re.compile(STATE, re.IGNORECASE)
_YEAR_OR_TIME = re.compile(r"(?:19|20)\d\d|(?:[01]\d|2[0-3])[0-5]\d")


def _is_slot(word: str, town: str) -> bool:
    """A province code or a short word standing in for one (``mp``): no US state, no function word.

    A capitalised code (``ON``) may be a function word's letters, but not in a text written in capitals.
    """
    if _US_STATE.fullmatch(word) is not None and word.isupper():
        return False
    if word.lower() not in STOP_WORDS:
        return True
    return word.isupper() and len(word) == 2 and not town.isupper()


def _taken(spans: Sequence[TextSpan], start: int, end: int) -> bool:
    return any(span.start < end and start < span.end for span in spans)


def address_completions(text: str, spans: Sequence[TextSpan]) -> list[TextSpan]:
    """Numbers, unit words, state slots and postcodes that complete a detected address.

    Parameters
    ----------
    text
        The text.
    spans
        Disjoint spans sorted by start (detectors and backstop merged).

    Returns
    -------
    list of TextSpan
        Spans to add.

    Examples
    --------
    >>> from deid.text._spans import TextSpan
    >>> text = "Hanne moved to Lyss, mp 50662 and then Bjert 6091."
    >>> found = [
    ...     TextSpan(start=15, end=19, entity_type=EntityType.CITY, score=1.0, source="x"),
    ...     TextSpan(start=39, end=44, entity_type=EntityType.OTHER, score=1.0, source="x"),
    ... ]
    >>> [text[s.start : s.end] for s in address_completions(text, found)]
    [', mp 50662', ' 6091']
    """
    added: list[TextSpan] = []
    for index, span in enumerate(spans):
        if span.entity_type is EntityType.STREET_ADDRESS:
            before = _NUMBER_BEFORE.search(text, max(0, span.start - 8), span.start)
            if before is not None and not _taken(spans, before.start(), span.start):
                added.append(backstop_span(before.start(), span.start, EntityType.STREET_ADDRESS))
        if span.entity_type in _PLACE_NAME_TYPES:
            added.extend(_house_number(text, spans, index))
        if span.entity_type in _NAMED_TYPES:
            added.extend(_name_completions(text, span))
        if span.entity_type in _TOWN_TYPES:
            added.extend(_postcode(text, span, spans))
        if span.entity_type in _ADDRESS_TYPES:
            added.extend(_numbers_after(text, span, spans))
        if span.entity_type is EntityType.ZIP:
            added.extend(_state_slot(text, span, spans))
    return added


def _state_slot(text: str, zip_code: TextSpan, spans: Sequence[TextSpan]) -> list[TextSpan]:
    slot = _SLOT_BEFORE.search(text, max(0, zip_code.start - _SLOT_WINDOW), zip_code.start)
    town = _town_before(spans, slot.start()) if slot is not None else None
    if slot is None or town is None or not _is_slot(slot.group("slot"), text[town.start : town.end]):
        return []
    return [backstop_span(slot.start(), zip_code.start, EntityType.CITY)]


def _name_completions(text: str, span: TextSpan) -> list[TextSpan]:
    """The saint before a name, and the direction or ``city`` / ``county`` that completes a town."""
    found = []
    saint = _SAINT_BEFORE.search(text, max(0, span.start - _SLOT_WINDOW), span.start)
    if saint is not None:
        found.append(backstop_span(saint.start(), span.start, span.entity_type))
    prefix = _PLACE_PREFIX_BEFORE.search(text, max(0, span.start - _SLOT_WINDOW), span.start)
    if prefix is not None and (text[prefix.start()].isupper() or text.islower()):
        named = (prefix.group().split()[0].lower().rstrip("."), *text[span.start : span.end].lower().split())
        if span.entity_type is EntityType.CITY or is_place_phrase(named):
            found.append(backstop_span(prefix.start(), span.start, EntityType.CITY))
    if span.entity_type is EntityType.CITY:
        suffix = _PLACE_SUFFIX_AFTER.match(text, span.end)
        if suffix is not None:
            found.append(backstop_span(span.end, suffix.end(), EntityType.CITY))
    return found


def _house_number(text: str, spans: Sequence[TextSpan], index: int) -> list[TextSpan]:
    """The number after ``spans[index]`` when ``on`` or ``at`` stands before its run of names."""
    number = _HOUSE_NUMBER_AFTER.match(text, spans[index].end)
    if number is None or _taken(spans, number.start(), number.end()):
        return []
    first = index
    while first > 0 and spans[first - 1].entity_type in _PLACE_NAME_TYPES:
        gap = text[spans[first - 1].end : spans[first].start]
        if gap.strip(" \t") or len(gap) > _BLANKS_BETWEEN_WORDS:
            break
        first -= 1
    start = spans[first].start
    if _ON_OR_AT_BEFORE.search(text, max(0, start - 4), start) is None:
        return []
    return [backstop_span(number.start(), number.end(), EntityType.STREET_ADDRESS)]


def _town_before(spans: Sequence[TextSpan], position: int) -> TextSpan | None:
    """The detected town (or unknown word) that ends right at ``position``, if any."""
    return next((span for span in spans if span.end == position and span.entity_type in _TOWN_TYPES), None)


def _postcode(text: str, town: TextSpan, spans: Sequence[TextSpan]) -> list[TextSpan]:
    match = _POSTCODE_AFTER.match(text, town.end)
    if match is None:
        return []
    slot = match.group("slot")
    if slot is not None and not _is_slot(slot, text[town.start : town.end]):
        return []
    if town.entity_type is EntityType.OTHER and _YEAR_OR_TIME.fullmatch(match.group("code")):
        return []
    if _taken(spans, town.end, match.end()):
        return []
    return [backstop_span(town.end, match.end(), EntityType.ZIP)]


def _numbers_after(text: str, address: TextSpan, spans: Sequence[TextSpan]) -> list[TextSpan]:
    added: list[TextSpan] = []
    position = address.end
    while True:
        gap = _ADDRESS_GAP.match(text, position)
        part = _ADDRESS_PART.match(text, gap.end()) if gap is not None else None
        if part is None or _taken(spans, part.start(), part.start() + 1):
            return added
        added.append(backstop_span(position, part.end(), address.entity_type))
        position = part.end()
