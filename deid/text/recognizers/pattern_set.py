"""The pattern recognizers (identifiers, numbers, dates, places), in evaluation order.

Each entry is a recognizer class whose constructor takes no argument.
"""

from __future__ import annotations

from collections.abc import Callable

from presidio_analyzer import EntityRecognizer

__all__ = ["PATTERN_RECOGNIZERS"]

PATTERN_RECOGNIZERS: tuple[Callable[[], EntityRecognizer], ...] = ()
