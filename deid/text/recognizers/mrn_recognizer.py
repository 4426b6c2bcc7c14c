"""Medical record numbers after their usual labels (``MRN 12345678``, ``MR#: 1031-4187``)."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern

from data_contracts.entities import EntityType
from deid.text.recognizers._fragments import labelled
from deid.text.recognizers._regex_recognizer import RegexRecognizer

__all__ = ["MrnRecognizer"]


class MrnRecognizer(RegexRecognizer):
    """A medical record number after a label such as ``MRN``, ``MR#`` or ``med rec no.``.

    An unlabelled number is left to the record-aware matcher, which knows the patient's
    own MRN: a bare run of digits is as likely a lab accession or an order number.

    Examples
    --------
    >>> [(r.start, r.end) for r in MrnRecognizer().analyze("Pt MR#: 1031-4187 seen", [])]
    [(8, 17)]
    """

    ENTITY: ClassVar[EntityType] = EntityType.MRN
    PATTERNS: ClassVar[tuple[Pattern, ...]] = (
        Pattern(
            "labelled medical record number",
            labelled(
                r"mrn|mr\s?#|mr\s?no|m\.r\.n?\.?|med(?:ical)?\.?\s{0,2}rec(?:ord)?s?\.?(?:\s{0,2}(?:no|number|#))?"
                r"|chart|patient\s{0,2}id|pt\s{0,2}id|hospital\s{0,2}(?:no|number|#)|unit\s{0,2}(?:no|number)"
            ),
            0.85,
        ),
    )
    CONTEXT: ClassVar[tuple[str, ...]] = ("mrn", "medical", "record", "chart")
    PREFILTER: ClassVar[re.Pattern[str] | None] = re.compile(r"\d")
    NEEDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "labelled medical record number": ("mr", "m.r", "med", "chart", "patient", "pt", "hospital", "unit")
    }
