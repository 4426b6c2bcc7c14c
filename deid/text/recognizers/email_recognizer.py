"""Email addresses."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern

from data_contracts.entities import EntityType
from deid.text.recognizers._regex_recognizer import RegexRecognizer

__all__ = ["EmailAddressRecognizer"]

_EMAIL = (
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,6}[A-Za-z]{2,24}(?![A-Za-z0-9-])"
)


class EmailAddressRecognizer(RegexRecognizer):
    """An email address (local part, ``@``, a dotted domain ending in a letters-only TLD).

    Examples
    --------
    >>> [(r.start, r.end) for r in EmailAddressRecognizer().analyze("write to <j.doe@mail.example.org>", [])]
    [(10, 32)]
    """

    ENTITY: ClassVar[EntityType] = EntityType.EMAIL
    PATTERNS: ClassVar[tuple[Pattern, ...]] = (Pattern("email address", _EMAIL, 0.95),)
    CONTEXT: ClassVar[tuple[str, ...]] = ("email", "e-mail", "mail")
    PREFILTER: ClassVar[re.Pattern[str] | None] = re.compile("@")
