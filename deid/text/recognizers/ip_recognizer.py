"""IP addresses, version 4 and version 6 (validated by :mod:`ipaddress`)."""

from __future__ import annotations

import ipaddress
import re
from typing import ClassVar

from presidio_analyzer import Pattern

from data_contracts.entities import EntityType
from deid.text.recognizers._regex_recognizer import CompiledPattern, RegexRecognizer

__all__ = ["IpAddressRecognizer"]

_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_IPV4 = rf"(?<![\w.:/-]){_OCTET}(?:\.{_OCTET}){{3}}(?![\w-]|\.\d)"
_IPV6 = (
    r"(?<![\w:.])(?=[0-9a-f:]{0,39}[0-9a-f]:)(?=[0-9a-f]{0,4}:[0-9a-f]{0,4}:)"
    r"(?:[0-9a-f]{1,4}|:)(?::[0-9a-f]{0,4}){2,7}(?:\.\d{1,3}){0,3}(?![\w:])"
)
_IPV6_NAME = "IPv6 address"


class IpAddressRecognizer(RegexRecognizer):
    """An IPv4 dotted quad or an IPv6 address (full or ``::`` compressed).

    Candidates for IPv6 are confirmed by :func:`ipaddress.ip_address`, so clock times
    such as ``10:30:00`` never match.

    Examples
    --------
    >>> text = "login from 203.0.113.7 and 2001:db8::1 blocked"
    >>> [(r.start, r.end) for r in IpAddressRecognizer().analyze(text, [])]
    [(11, 22), (27, 38)]
    """

    ENTITY: ClassVar[EntityType] = EntityType.IP
    PATTERNS: ClassVar[tuple[Pattern, ...]] = (
        Pattern("IPv4 address", _IPV4, 0.8),
        Pattern(_IPV6_NAME, _IPV6, 0.8),
    )
    CONTEXT: ClassVar[tuple[str, ...]] = ("ip", "address", "login", "host")
    PREFILTER: ClassVar[re.Pattern[str] | None] = re.compile(r"\d\.\d|[0-9a-f]:[0-9a-f]*:", re.IGNORECASE)

    def rescore(self, text: str, start: int, end: int, pattern: CompiledPattern) -> float:
        """Keep an IPv6 candidate only when it parses as an address."""
        if pattern.name == _IPV6_NAME:
            try:
                ipaddress.IPv6Address(text[start:end])
            except ValueError:
                return 0.0
        return pattern.score
