"""Certificate and licence numbers: driver's licences, DEA and NPI numbers, board certificates."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern

from data_contracts.entities import EntityType
from deid.text.recognizers._fragments import STATE_CODE, labelled
from deid.text.recognizers._regex_recognizer import CompiledPattern, RegexRecognizer

__all__ = ["LicenseRecognizer"]

_DEA = r"(?<![A-Za-z0-9])(?P<value>(?-i:[ABCDEFGHJKLMPRSTUX][A-Z9]\d{7}))(?![A-Za-z0-9])"
"""The DEA registration layout: a registrant letter, a letter (or 9) and seven digits."""
_DEA_NAME = "DEA registration"


def dea_check_digit_valid(registration: str) -> bool:
    """Whether a DEA registration number's last digit matches its checksum.

    Parameters
    ----------
    registration
        Two letters and seven digits.

    Returns
    -------
    bool
        True when (d1 + d3 + d5) + 2 * (d2 + d4 + d6) ends in d7.

    Examples
    --------
    >>> dea_check_digit_valid("AB1234563"), dea_check_digit_valid("AB1234564")
    (True, False)
    """
    digits = [int(character) for character in registration[2:]]
    total = digits[0] + digits[2] + digits[4] + 2 * (digits[1] + digits[3] + digits[5])
    return total % 10 == digits[6]


_LICENCE_VALUE = (
    rf"(?P<value>(?:{STATE_CODE}[ \t]{{1,2}}(?=[A-Za-z0-9]{{0,8}}\d))?"
    r"(?=[A-Za-z-]{0,24}\d)[A-Za-z0-9](?:[A-Za-z0-9]|[-/](?=[A-Za-z0-9])){3,29})(?![A-Za-z0-9])"
)
"""An identifier (see :data:`~deid.text.recognizers._fragments.ID_VALUE`), maybe after the code of
the state that issued it (``lic # MD 27714``)."""


class LicenseRecognizer(RegexRecognizer):
    """A licence or certificate number after its label, or a valid DEA registration.

    Examples
    --------
    >>> [(r.start, r.end) for r in LicenseRecognizer().analyze("ID verified with DL# K4418230", [])]
    [(21, 29)]
    """

    ENTITY: ClassVar[EntityType] = EntityType.LICENSE
    PATTERNS: ClassVar[tuple[Pattern, ...]] = (
        Pattern(
            "labelled licence or certificate",
            labelled(
                r"(?:driver'?s?\s{1,2}|drivers\s{1,2}|professional\s{1,2}|medical\s{1,2}|nursing\s{1,2}"
                r"|state\s{1,2}|business\s{1,2})?(?:licen[cs]e|lic\.?)"
                r"|(?<![/A-Za-z])(?-i:DL)|(?<![/A-Za-z])dl(?=\s{0,2}#)|dea|npi|certificate|cert\.?|permit|registration|credential",
                _LICENCE_VALUE,
            ),
            0.8,
        ),
        Pattern(_DEA_NAME, _DEA, 0.6),
    )
    CONTEXT: ClassVar[tuple[str, ...]] = ("license", "licence", "certificate", "dea", "npi")
    PREFILTER: ClassVar[re.Pattern[str] | None] = re.compile(r"\d")
    NEEDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "labelled licence or certificate": (
            "lic",
            "dl",
            "dea",
            "npi",
            "cert",
            "permit",
            "registration",
            "credential",
        )
    }

    def rescore(self, text: str, start: int, end: int, pattern: CompiledPattern) -> float:
        """Drop a bare DEA-shaped match whose check digit fails."""
        candidate = text[start:end]
        if pattern.name == _DEA_NAME and not dea_check_digit_valid(candidate):
            return 0.0
        return pattern.score
