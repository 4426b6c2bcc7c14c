from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from data_contracts.entities import EntityType
from deid.text._ner import NerRecognizer


@dataclass
class FakeEntity:
    label_: str
    start_char: int
    end_char: int


@dataclass
class FakeArtifacts:
    entities: list[FakeEntity] = field(default_factory=list)


def covered(text: str, label: str = "PERSON") -> list[str]:
    """What NER reports for one entity spanning the whole text (a mocked spaCy model)."""
    recognizer = NerRecognizer({"PERSON": EntityType.PERSON, "GPE": EntityType.CITY}, score=0.85)
    artifacts = FakeArtifacts([FakeEntity(label, 0, len(text))])
    results = recognizer.analyze(text, ["PERSON", "CITY"], artifacts)  # type: ignore[arg-type]
    return [text[result.start : result.end] for result in results]


CASES = [
    ("Ann Lee", ["Ann Lee"]),
    ("RT @ann_lee", ["ann_lee"]),
    ("RT @ AnnLee :", ["AnnLee :"]),
    ("via @oona", ["oona"]),
    ("@ Brythan", ["Brythan"]),
    ("Rtesha Lane", ["Rtesha Lane"]),  # a name starting with the letters of a marker
    # nothing left with a letter
    ("RT", []),
    ("RT @", []),
    ("RT : 5", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_social_media_markers_are_trimmed(text: str, expected: list[str]) -> None:
    assert covered(text) == expected


def test_unmapped_labels_and_entities_not_asked_for_are_left_out() -> None:
    assert covered("Acme Corp", label="ORG") == []
    recognizer = NerRecognizer({"PERSON": EntityType.PERSON}, score=0.85)
    artifacts = FakeArtifacts([FakeEntity("PERSON", 0, 7)])
    assert recognizer.analyze("Ann Lee", ["PHONE"], artifacts) == []  # type: ignore[arg-type]
    assert recognizer.analyze("Ann Lee", ["PERSON"], None) == []
