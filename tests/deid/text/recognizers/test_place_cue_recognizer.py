"""Table-driven tests of the recognizer: exact spans reported (score >= 0.5), look-alikes ignored."""

from __future__ import annotations

import pytest

from deid.text.recognizers.place_cue_recognizer import PlaceCueRecognizer

REPORTED = 0.5
RECOGNIZER = PlaceCueRecognizer()

CASES = [
    ("She grew up in Kleinmachnow and moved to Bad Tölz.", ["Kleinmachnow", "Bad Tölz"]),
    ("Pt flew to OBERWIL on Monday", ["OBERWIL"]),
    ("originally from Vila Nova de Gaia, 40 y/o", ["Vila Nova de Gaia"]),
    ("Where: Kilcoole Country Club", ["Kilcoole"]),
    ("Where: Hobsonvale Country Club", []),  # no known town, and an English-looking name
    ("we arrived at Kilcoole this morning", ["Kilcoole"]),
    ("Pt lives in Ørsta with her son", ["Ørsta"]),  # letters English does not use
    ("I'm in OBERWIL at the conference", []),  # "I'm in" is as often a state of mind
    ("I am in SHOCK", []),
    ("Pt returned to Baseline", []),
    ("lives in Senior Housing", []),  # ordinary English words, not a town
    ("mass located in Right Upper Lobe", []),
    ("drove to Walmart", []),
    ("arrived in ER", []),
    ("lives in Assisted Living", []),
    ("lives at Home with wife", []),
    ("moved to ICU overnight", []),
    ("born in March 1950", []),
    ("flew to see her son", []),
    ("visiting Mary today", []),
    ("moved to Dr Smith's care", []),
    ("PT LIVES IN SMALLTOWN", []),  # all capitals: no telling a name from a shout
    ("lives in Mercy Hospital", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_place_cue_reports_exact_spans(text: str, expected: list[str]) -> None:
    results = sorted(RECOGNIZER.analyze(text, []), key=lambda result: result.start)
    found = [text[result.start : result.end] for result in results if result.score >= REPORTED]
    assert found == expected
    assert all(result.entity_type == "CITY" for result in results)
