"""The hand-written evaluation corpus: built from its sources, and as large and varied as promised."""

from __future__ import annotations

import json

from tests.deid.text.handwritten.build_corpus import CORPUS, LABELS, build, render


def test_the_committed_corpus_is_what_the_sources_build() -> None:
    assert CORPUS.read_text(encoding="utf-8") == render(build()), (
        "corpus.jsonl is stale: run tests/deid/text/handwritten/build_corpus.py"
    )


def test_the_corpus_has_400_texts_in_6_styles_and_150_hard_negatives() -> None:
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    assert len(records) >= 400
    assert len({record["style"] for record in records}) >= 6
    assert sum(record["hard_negative"] for record in records) >= 150


def test_every_span_points_at_its_value_with_a_known_label() -> None:
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        assert (record["spans"] == []) is record["hard_negative"]
        for span in record["spans"]:
            assert record["text"][span["start"] : span["end"]] == span["value"]
            assert span["label"] in LABELS
