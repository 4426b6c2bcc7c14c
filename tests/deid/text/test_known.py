from __future__ import annotations

import pytest

from deid.text._known import KnownPhiRecognizer, find_known
from deid.text._spans import KnownPhi

KNOWN = KnownPhi(
    names=("Mary Ann Smith",),
    nicknames=("Molly",),
    relatives=("Tom Ng",),
    phones=("+1 (402) 644-5297",),
    emails=("Mary.Smith@Example.com",),
    addresses=("12 North Oak Street Apt 4",),
    mrns=("MRN-000123456",),
    other_ids=("ACC-00998877",),
)

CASES = [
    ("MARY ANN SMITH seen", [("MARY ANN SMITH", "PERSON")]),
    ("smith, mary resting", [("smith, mary", "PERSON")]),
    ("Ms. Smith agrees", [("Smith", "PERSON")]),
    ("mary called back", [("mary", "PERSON")]),
    ("Molly called", [("Molly", "PERSON")]),
    ("Pt M.S. resting", [("M.S.", "PERSON")]),
    ("M. Smith and Smith, M", [("M. Smith", "PERSON"), ("Smith, M", "PERSON")]),
    ("Mr. Ng at bedside", [("Ng", "PERSON")]),
    ("cb 4026445297", [("4026445297", "PHONE")]),
    ("cb 402.644.5297 or 1-402-644-5297", [("402.644.5297", "PHONE"), ("1-402-644-5297", "PHONE")]),
    ("email MARY.SMITH@example.com", [("MARY.SMITH@example.com", "EMAIL")]),
    ("lives at 12 N Oak St., Apt. 4", [("12 N Oak St., Apt. 4", "STREET_ADDRESS")]),
    ("mrn 123456 / MRN123456", [("123456", "MRN"), ("MRN123456", "MRN")]),
    ("acct 998877", [("998877", "ACCOUNT")]),
    # word boundaries and short names
    ("taking meds, blacksmith, smithson", []),
    ("Ng alone is too short", []),
    ("cb 44026445297 or 402644529", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_find_known(text: str, expected: list[tuple[str, str]]) -> None:
    spans = find_known(text, KNOWN)
    assert [(text[span.start : span.end], span.entity_type.value) for span in spans] == expected


def test_scores_rank_full_names_over_parts_and_initials() -> None:
    text = "Mary Ann Smith; Smith; M.S."
    assert [span.score for span in find_known(text, KNOWN)] == [1.0, 0.85, 0.7]


def test_empty_known_finds_nothing() -> None:
    assert find_known("Mary Ann Smith", KnownPhi()) == []


def test_recognizer_limits_results_to_requested_entities() -> None:
    recognizer = KnownPhiRecognizer(KNOWN)
    text = "Mary called from 402-644-5297"
    assert [result.entity_type for result in recognizer.analyze(text, ["PHONE"])] == ["PHONE"]
    assert {result.entity_type for result in recognizer.analyze(text, [])} == {"PERSON", "PHONE"}


def test_find_known_compiles_each_record_once() -> None:
    from deid.text._known import _compile  # noqa: PLC0415 - the cache is private

    record = KnownPhi(names=("Orla Quennet",), phones=("402 555 0199",))
    first = find_known("quennet called from 402-555-0199", record)
    hits_before = _compile.cache_info().hits
    second = find_known("Quennet, O called from 4025550199", record)
    assert _compile.cache_info().hits == hits_before + 1
    assert [span.entity_type.value for span in first] == ["PERSON", "PHONE"]
    assert [span.entity_type.value for span in second] == ["PERSON", "PHONE"]
