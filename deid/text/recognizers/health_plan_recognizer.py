"""Health plan beneficiary numbers: labelled member, subscriber, policy and group ids, and Medicare MBIs."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern

from data_contracts.entities import EntityType
from deid.text.recognizers._fragments import labelled
from deid.text.recognizers._regex_recognizer import RegexRecognizer

__all__ = ["HealthPlanRecognizer"]

_MBI = (
    r"(?<![A-Za-z0-9-])(?-i:[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y]"
    r"[AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y]{2}\d{2})(?![A-Za-z0-9-])"
)
"""The Medicare Beneficiary Identifier layout (CMS): 11 characters, no S, L, O, I, B or Z."""


class HealthPlanRecognizer(RegexRecognizer):
    """A health plan member, subscriber, policy or group id after its label, or an MBI.

    A bare ``ID#`` label scores lower than a named one: it also precedes other ids.

    Examples
    --------
    >>> [(r.start, r.end) for r in HealthPlanRecognizer().analyze("member ID XJH448812", [])]
    [(10, 19)]
    """

    ENTITY: ClassVar[EntityType] = EntityType.HEALTH_PLAN
    PATTERNS: ClassVar[tuple[Pattern, ...]] = (
        Pattern(
            "labelled plan member id",
            labelled(
                r"member|beneficiary|subscriber|policy(?:\s{1,2}holder)?|group|grp|insurance|insured"
                r"|plan(?=\s{0,2}(?:id|#|no\b|number))|medicare|medicaid|mbi|hicn|coverage"
            ),
            0.8,
        ),
        Pattern("bare ID label", labelled(r"id"), 0.5),
        Pattern("medicare beneficiary identifier", _MBI, 0.7),
    )
    CONTEXT: ClassVar[tuple[str, ...]] = ("member", "subscriber", "policy", "insurance", "medicare")
    PREFILTER: ClassVar[re.Pattern[str] | None] = re.compile(r"\d")
    NEEDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "labelled plan member id": (
            *("member", "beneficiary", "subscriber", "policy", "group", "grp", "insur", "plan", "medica"),
            *("mbi", "hicn", "coverage"),
        ),
        "bare ID label": ("id",),
    }
