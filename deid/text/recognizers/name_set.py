"""The name recognizers (titles and roles, signatures, name lists), in evaluation order.

Each entry is a recognizer class whose constructor takes no argument.
"""

from __future__ import annotations

from collections.abc import Callable

from presidio_analyzer import EntityRecognizer

__all__ = ["NAME_RECOGNIZERS"]

NAME_RECOGNIZERS: tuple[Callable[[], EntityRecognizer], ...] = ()
