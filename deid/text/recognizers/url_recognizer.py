"""URLs: with a scheme or ``www.``, and bare domain names with a common top-level domain."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern

from data_contracts.entities import EntityType
from deid.text.recognizers._regex_recognizer import RegexRecognizer

__all__ = ["WebAddressRecognizer"]

_TAIL = r"(?:[^\s<>\"'`]{0,2000}[^\s<>\"'`.,;:!?)\]}])?"
"""The rest of a URL, not ending in sentence punctuation or a closing bracket."""

_WITH_SCHEME = r"(?<![A-Za-z0-9])(?:https?|ftp|sftp)://[A-Za-z0-9\[]" + _TAIL
_WWW = r"(?<![A-Za-z0-9./@-])www\.[A-Za-z0-9-]{1,63}\.[A-Za-z]" + _TAIL
_BARE_DOMAIN = (
    r"(?<![A-Za-z0-9./@_-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,4}"
    r"(?-i:com|org|net|edu|gov|us|io|info|health|care|co|biz|me)(?![A-Za-z0-9@-])"
    r"(?:/[^\s<>\"'`]{0,2000}[^\s<>\"'`.,;:!?)\]}])?"
)


class WebAddressRecognizer(RegexRecognizer):
    """A URL: ``https://...``, ``www....``, or a bare ``name.org/path``.

    A bare domain needs a lower-case common top-level domain, and is never the domain
    of an email address (that is the email's).

    Examples
    --------
    >>> text = "Log in at https://portal.example.org/msg/a1b2c3."
    >>> [(r.start, r.end) for r in WebAddressRecognizer().analyze(text, [])]
    [(10, 47)]
    """

    ENTITY: ClassVar[EntityType] = EntityType.URL
    PATTERNS: ClassVar[tuple[Pattern, ...]] = (
        Pattern("URL with scheme", _WITH_SCHEME, 0.95),
        Pattern("www address", _WWW, 0.9),
        Pattern("bare domain", _BARE_DOMAIN, 0.6),
    )
    CONTEXT: ClassVar[tuple[str, ...]] = ("url", "website", "link", "portal", "site")
    PREFILTER: ClassVar[re.Pattern[str] | None] = re.compile(r"[A-Za-z0-9]\.[A-Za-z]|://")
