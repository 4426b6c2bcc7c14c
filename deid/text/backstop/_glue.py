"""Joining pieces of one identifier the detectors found apart: name particles, code tails, address blocks."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from data_contracts.entities import EntityType
from deid.text._safelist import SafeList
from deid.text._spans import TextSpan
from deid.text.backstop._glue_address import address_completions
from deid.text.backstop._glue_names import name_completions
from deid.text.backstop._glue_organisations import organisation_completions
from deid.text.backstop._span import backstop_span

__all__ = ["glue_spans"]

_ADDRESS_TYPES = frozenset({EntityType.STREET_ADDRESS, EntityType.CITY, EntityType.ZIP})
_NAME_TYPES = frozenset({EntityType.PERSON, EntityType.OTHER, *_ADDRESS_TYPES, EntityType.FACILITY})
_CONNECTOR_GAP = re.compile(
    r"[ \t]+(?:(?:de|la|le|las|los|do|da|das|dos|des|del|della|di|du|van|von|der|den|ter|ten|op|zu|y|e|"
    r"bin|ibn|al|el|ben|bat|mac|st|ste|san|santa)[ \t]+)+",
    re.IGNORECASE,
)
"""Particles inside a name or a place (``van der``, ``de la``): PHI when PHI stands on both sides."""


_IDENTIFIER_TYPES = frozenset(
    {
        EntityType.PHONE,
        EntityType.FAX,
        EntityType.SSN,
        EntityType.MRN,
        EntityType.HEALTH_PLAN,
        EntityType.ACCOUNT,
        EntityType.LICENSE,
        EntityType.VEHICLE,
        EntityType.DEVICE,
        EntityType.OTHER,
    }
)
_CODE_TAIL = re.compile(r"[-/.]?[A-Za-z0-9]+(?:[-/][A-Za-z0-9]+)*")
"""The rest of a code a detector cut short (``PDM-4F7K21`` of ``PDM-4F7K21-0093``)."""
_AREA_CODE_BEFORE = re.compile(r"\(\d{3}\)[ \t]?$")
"""A bracketed area code right before a number (``(847) 555-0921``)."""


def glue_spans(text: str, spans: Sequence[TextSpan], safe: SafeList | None = None) -> list[TextSpan]:
    """Spans that complete detections: name particles, the rest of a code, area codes, names, addresses.

    Parameters
    ----------
    text
        The text.
    spans
        Disjoint spans sorted by start (detectors and backstop merged).
    safe
        The safe list: a frequent English word before an initial is no first name. Without
        it, any capitalised word may be.

    Returns
    -------
    list of TextSpan
        New spans to add (source ``SafeListBackstop``).

    Examples
    --------
    >>> from deid.text._spans import TextSpan
    >>> text = "Dr. Rutger van der Berg, 12 Rua do Paseo 46"
    >>> found = [
    ...     TextSpan(start=4, end=10, entity_type=EntityType.PERSON, score=1.0, source="x"),
    ...     TextSpan(start=19, end=23, entity_type=EntityType.PERSON, score=1.0, source="x"),
    ...     TextSpan(start=25, end=40, entity_type=EntityType.STREET_ADDRESS, score=1.0, source="x"),
    ... ]
    >>> [text[s.start : s.end] for s in glue_spans(text, found)]
    [' van der ', ' 46']
    """
    added: list[TextSpan] = []
    for left, right in itertools.pairwise(spans):
        if left.entity_type in _NAME_TYPES and right.entity_type in _NAME_TYPES:
            gap = _CONNECTOR_GAP.fullmatch(text, left.end, right.start)
            if gap is not None:
                added.append(backstop_span(left.end, right.start, left.entity_type))
    for span in spans:
        if span.entity_type not in _IDENTIFIER_TYPES:
            continue
        tail = _CODE_TAIL.match(text, span.end)
        if (
            tail is not None
            and tail.end() > span.end
            and (span.end == len(text) or not text[span.end].isspace())
        ):
            added.append(backstop_span(span.end, tail.end(), span.entity_type))
        area = _AREA_CODE_BEFORE.search(text, max(0, span.start - 6), span.start)
        if area is not None:
            added.append(backstop_span(area.start(), span.start, span.entity_type))
    added.extend(name_completions(text, spans, safe=safe))
    added.extend(address_completions(text, spans))
    added.extend(organisation_completions(text, spans))
    return added
