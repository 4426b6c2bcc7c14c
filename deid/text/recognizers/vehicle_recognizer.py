"""Vehicle identifiers: VINs (check digit validated) and licence plates after a label."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern

from data_contracts.entities import EntityType
from deid.text.recognizers._fragments import STATE_CODE, labelled
from deid.text.recognizers._regex_recognizer import CompiledPattern, RegexRecognizer

__all__ = ["VehicleRecognizer", "vin_check_digit_valid"]

_VIN_CHARACTERS = "[A-HJ-NPR-Z0-9]"
_VIN = (
    r"(?<![A-Za-z0-9])(?P<value>(?-i:(?=[A-Z]{0,16}\d)(?=\d{0,16}[A-Z])"
    rf"{_VIN_CHARACTERS}{{17}}))(?![A-Za-z0-9])"
)
_WITH_DIGIT = r"(?=[A-Z0-9]*\d|[A-Z0-9]{1,8}[ -][A-Z0-9]*\d)"
"""A digit in the first token or in the next one."""
_PLATE_VALUE = (
    rf"(?P<value>(?-i:(?:{STATE_CODE}[ \t]{{1,2}}{_WITH_DIGIT})?{_WITH_DIGIT}"
    r"(?:[A-Z0-9]{2,8}|[A-Z0-9](?=-))(?:-[A-Z0-9]{1,5}|[ ](?=[A-Z]{0,4}\d)[A-Z0-9]{1,5}){0,2}"
    r"|(?=[a-z]{0,7}\d)[a-z0-9]{2,8}))"
    r"(?![A-Za-z0-9])"
)
"""A plate: maybe its state first (``NE 1-HX492``), tokens joined by hyphens or spaces, each
spaced token with a digit (``IA 7KT 442``, ``ABC 1234``)."""
_TRANSLITERATION = dict(
    zip(
        "ABCDEFGHJKLMNPRSTUVWXYZ",
        (1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9),
        strict=True,
    )
)
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
_VIN_NAME = "vehicle identification number"


def vin_check_digit_valid(vin: str) -> bool:
    """Whether a 17-character VIN's ninth character matches its check digit (49 CFR 565).

    Parameters
    ----------
    vin
        Seventeen upper-case letters (no I, O or Q) and digits.

    Returns
    -------
    bool
        True when the weighted transliterated sum modulo 11 equals the ninth character
        (``X`` standing for 10).

    Examples
    --------
    >>> vin_check_digit_valid("1M8GDM9AXKP042788"), vin_check_digit_valid("1M8GDM9A1KP042788")
    (True, False)
    """
    total = sum(
        (int(character) if character.isdigit() else _TRANSLITERATION[character]) * weight
        for character, weight in zip(vin, _WEIGHTS, strict=True)
    )
    remainder = total % 11
    return vin[8] == ("X" if remainder == 10 else str(remainder))


class VehicleRecognizer(RegexRecognizer):
    """A VIN (with a valid check digit, or after ``VIN``) or a plate after its label.

    Examples
    --------
    >>> [(r.start, r.end) for r in VehicleRecognizer().analyze("license plate 7ABC123", [])]
    [(14, 21)]
    """

    ENTITY: ClassVar[EntityType] = EntityType.VEHICLE
    PATTERNS: ClassVar[tuple[Pattern, ...]] = (
        Pattern(
            "labelled VIN",
            labelled(r"vin", rf"(?P<value>(?-i:{_VIN_CHARACTERS}{{17}}))"),
            0.85,
        ),
        Pattern(_VIN_NAME, _VIN, 0.5),
        Pattern(
            "labelled licence plate",
            labelled(r"(?:(?:licen[cs]e|lic\.?|tag|registration)\s{0,2})?plates?|tag", _PLATE_VALUE),
            0.8,
        ),
    )
    CONTEXT: ClassVar[tuple[str, ...]] = ("vin", "vehicle", "plate", "car")
    PREFILTER: ClassVar[re.Pattern[str] | None] = re.compile(r"\d")
    NEEDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "labelled VIN": ("vin",),
        "labelled licence plate": ("plate", "tag"),
    }

    def rescore(self, text: str, start: int, end: int, pattern: CompiledPattern) -> float:
        """Keep an unlabelled VIN only when its check digit holds."""
        if pattern.name == _VIN_NAME:
            return 0.9 if vin_check_digit_valid(text[start:end]) else 0.0
        return pattern.score
