"""The NER gate: which texts hold capitalised words that only NER could judge."""

from __future__ import annotations

import pytest

from deid.text._gating import needs_ner


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", False),
        ("all lower case prose with no names at all", False),
        ("ALL UPPER CASE NURSING NOTE, PT RESTING", False),
        ("Patient resting. Family at bedside. Plan unchanged.", False),  # sentence starts only
        ("- Continue meds\n- Recheck labs", False),  # list items and lines
        ("seen on Monday, next visit in March", False),  # calendar words
        ("seen by Dr and Mr today", False),  # titles alone
        ("SpO2 fine, HbA1c pending", False),  # words glued to digits
        ("referred to Northside Cardiology for echo", False),  # an organisation
        ("called Prairie View Health about billing", False),
        ("spoke with Ximena about the results", True),
        ("pt's wife Oona called back", True),
        ('He said "Bartholomew" twice', True),
        ("Reminder from Ximena: bring your card", True),
    ],
)
def test_gate(text: str, expected: bool) -> None:
    assert needs_ner(text) is expected


def test_words_inside_detections_are_explained() -> None:
    text = "spoke with Ximena Vostrikova today"
    assert needs_ner(text, [(11, 17)])
    assert not needs_ner(text, [(11, 17), (18, 28)])
    assert not needs_ner(text, [(5, 30)])


def test_the_caller_explains_words() -> None:
    text = "continue Lisinopril daily"
    assert needs_ner(text)
    assert not needs_ner(text, explained=lambda word: word.lower() == "lisinopril")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Refill sent to pharmacy. Oonagh Allen, PA-C", True),  # a listed name opens the run
        ("Results reviewed. The Allen test was normal.", False),  # the opener is no name
        ("Results reviewed. Allen Test normal.", False),  # every word explained
        ("Oonagh reports less pain today.", True),  # a listed name opens the sentence
        ("Patient reports less pain today.", False),  # an everyday word opens it
        ("Oonagh Allen", False),  # covered by a cheaper detection
    ],
)
def test_sentence_openers(text: str, expected: bool) -> None:
    explained = {"allen", "test"}
    covered = [(0, 12)] if text == "Oonagh Allen" else []
    found = needs_ner(
        text,
        covered,
        explained=lambda word: word.lower() in explained,
        listed_name=lambda word: word == "Oonagh",
    )
    assert found is expected


@pytest.mark.parametrize(
    ("text", "covered", "expected"),
    [
        ("Weronka Quist will talk.", [(8, 13)], True),  # an unlisted opener before a detected name
        ("Weronka Quist will talk.", [], True),  # the second word alone needs NER
        ("Weronka Quist will talk.", [(0, 13)], False),  # the whole name detected
        ("Hi Quist,\nyour refill is ready", [(3, 8)], False),  # a greeting opens the run
        ("Dear Quist Oonagh, thanks", [(5, 17)], False),
        ("Seen Quist today", [(5, 10)], True),  # the opener may be part of the name
        ("Blood Quist test", [(6, 11)], False),  # an explained opener
        ("Blood Pressure stable", [], False),  # no detected name after the opener
    ],
)
def test_openers_before_detected_names(text: str, covered: list[tuple[int, int]], expected: bool) -> None:
    found = needs_ner(
        text,
        covered,
        explained=lambda word: word.lower() in {"blood", "pressure", "stable"},
        listed_name=lambda word: word in {"Quist", "Oonagh"},
    )
    assert found is expected
