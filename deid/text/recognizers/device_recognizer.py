"""Device identifiers and serial numbers: ``pacemaker SN ABC12345``, ``S/N``, UDIs."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern

from data_contracts.entities import EntityType
from deid.text.recognizers._fragments import labelled
from deid.text.recognizers._regex_recognizer import RegexRecognizer

__all__ = ["DeviceRecognizer"]

_UDI = r"(?<![\w)])\(01\)\d{14}(?:\(\d{2}\)[A-Za-z0-9-]{1,20}){0,4}"
"""A GS1 unique device identifier in human-readable form: ``(01)`` GTIN then more fields."""


class DeviceRecognizer(RegexRecognizer):
    """A serial number, device or implant id after its label, or a GS1 UDI.

    Examples
    --------
    >>> [(r.start, r.end) for r in DeviceRecognizer().analyze("insulin pump S/N PQR88120", [])]
    [(17, 25)]
    """

    ENTITY: ClassVar[EntityType] = EntityType.DEVICE
    PATTERNS: ClassVar[tuple[Pattern, ...]] = (
        Pattern(
            "labelled serial or device id",
            labelled(
                r"serial|(?-i:SN|S/N|S\.N\.)|(?:device|implant|pacemaker|generator|pump|lead|model)"
                r"\s{0,2}(?:id|serial|#|no\b|number)|udi|imei|meid|lot"
            ),
            0.8,
        ),
        Pattern("GS1 unique device identifier", _UDI, 0.85),
    )
    CONTEXT: ClassVar[tuple[str, ...]] = ("serial", "device", "implant", "udi")
    PREFILTER: ClassVar[re.Pattern[str] | None] = re.compile(r"\d")
    NEEDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "labelled serial or device id": (
            *("serial", "sn", "s/n", "s.n.", "device", "implant", "pacemaker", "generator", "pump", "lead"),
            *("model", "udi", "imei", "meid", "lot"),
        ),
        "GS1 unique device identifier": ("(01)",),
    }
