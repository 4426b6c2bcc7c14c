"""Shared helper for the name recognizer tests: what a recognizer found, as covered strings."""

from __future__ import annotations

from deid.text.recognizers.name_recognizer import NameRecognizer


def found_names(recognizer: NameRecognizer, text: str) -> list[str]:
    """The covered strings of the PERSON results Presidio's ``analyze`` returns."""
    return [text[result.start : result.end] for result in recognizer.analyze(text, ["PERSON"])]
