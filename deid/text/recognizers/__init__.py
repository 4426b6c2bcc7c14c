"""Recognizers for the PHI Presidio's defaults miss: one small class per file.

:func:`default_recognizers` returns one instance of each, ready to add to a Presidio
``RecognizerRegistry``. Pattern recognizers (identifiers, numbers, dates, places) are
listed in :mod:`deid.text.recognizers.pattern_set`, name recognizers in
:mod:`deid.text.recognizers.name_set`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from presidio_analyzer import EntityRecognizer

__all__ = ["default_recognizers"]


def default_recognizers() -> list[EntityRecognizer]:
    """One instance of every healthtrove recognizer (patterns, then names)."""
    from deid.text.recognizers.name_set import NAME_RECOGNIZERS  # noqa: PLC0415 - heavy imports on use
    from deid.text.recognizers.pattern_set import PATTERN_RECOGNIZERS  # noqa: PLC0415

    return [recognizer() for recognizer in (*PATTERN_RECOGNIZERS, *NAME_RECOGNIZERS)]
