from __future__ import annotations

import pytest

from deid.text.recognizers.handle_name import HandleNameRecognizer
from tests.deid.text.recognizers._names import found_names

CASES = [
    ("RT @ann_lee: see you", ["ann_lee"]),
    ("thanks @OonaB2 for this", ["OonaB2"]),
    ("@ Brythan I do not think so", ["Brythan"]),
    ("@ CorporalMum yes", ["CorporalMum"]),
    ("credit to u/oonab and u / halvardq", ["oonab", "halvardq"]),
    ("cc @ hailey", ["hailey"]),  # spaced and lower case: a listed given name
    ("RT @ quorvathx : so true", ["quorvathx"]),  # a retweet label
    ("thanks @ ann _ lee _ 2 !", ["ann _ lee _ 2"]),  # a tokenised underscore
    # negatives: e-mail addresses, domains, times, places, doses, clinical abbreviations
    ("mail ann@example.org or @example.org", []),
    ("meet me @ home @ 5pm", []),
    ("BP 120/80 @ rest, 10 mg @ HS", []),
    ("insulin @bedtime @hs", []),
    ("meet @ the clinic", []),
    ("@ will do", []),
    ("meet @ home : 5pm", []),  # a label after it, but no retweet
    ("@", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_handle_names(text: str, expected: list[str]) -> None:
    assert found_names(HandleNameRecognizer(), text) == expected
