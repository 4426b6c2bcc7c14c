"""Names of months, weekdays and holidays, shared by the safe list and the backstop."""

from __future__ import annotations

__all__ = ["HOLIDAYS", "MONTHS", "MONTH_ABBREVIATIONS", "SPANISH_MONTHS", "WEEKDAYS"]

_MONTH_LIST = "january february march april may june july august september october november december"
_ABBREVIATION_LIST = "jan feb mar apr jun jul aug sep sept oct nov dec"
_WEEKDAY_LIST = "monday tuesday wednesday thursday friday saturday sunday"
_HOLIDAY_LIST = "thanksgiving christmas xmas easter halloween hanukkah kwanzaa"
_SPANISH_MONTH_LIST = (
    "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre"
)

MONTHS = frozenset(_MONTH_LIST.split())
"""Month names, lower case."""
MONTH_ABBREVIATIONS = frozenset(_ABBREVIATION_LIST.split())
"""Month abbreviations, lower case (``may`` is a month name)."""
WEEKDAYS = frozenset(_WEEKDAY_LIST.split())
"""Weekday names, lower case: not PHI on their own."""
HOLIDAYS = frozenset(_HOLIDAY_LIST.split())
"""One-word holiday names, lower case: date elements."""
SPANISH_MONTHS = frozenset(_SPANISH_MONTH_LIST.split())
"""Spanish month names (patients write in Spanish too: ``15 de agosto``)."""
