"""The pattern recognizers' shared machinery: the pieces a pattern needs before it is run."""

from __future__ import annotations

import json
import re
from typing import ClassVar

import pytest
from presidio_analyzer import Pattern

from data_contracts.entities import EntityType
from deid.text.recognizers import default_recognizers
from deid.text.recognizers._regex_recognizer import RegexRecognizer
from tests.deid.text.handwritten.build_corpus import CORPUS


def test_needs_must_name_a_pattern() -> None:
    with pytest.raises(TypeError, match="NEEDS names no pattern"):

        class _Misnamed(RegexRecognizer):
            ENTITY: ClassVar[EntityType] = EntityType.MRN
            PATTERNS: ClassVar[tuple[Pattern, ...]] = (Pattern("mrn", r"mrn \d+", 0.5),)
            NEEDS: ClassVar[dict[str, tuple[str, ...]]] = {"mnr": ("mrn",)}


def test_a_pattern_is_skipped_on_texts_without_its_pieces() -> None:
    class _Labelled(RegexRecognizer):
        ENTITY: ClassVar[EntityType] = EntityType.MRN
        PATTERNS: ClassVar[tuple[Pattern, ...]] = (Pattern("any number", r"\d{4}", 0.5),)
        NEEDS: ClassVar[dict[str, tuple[str, ...]]] = {"any number": ("mrn",)}

    assert [(r.start, r.end) for r in _Labelled().analyze("MRN 1234", [])] == [(4, 8)]
    assert _Labelled().analyze("code 1234", []) == []


def _corpus_texts() -> list[str]:
    with CORPUS.open(encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in lines]


def test_every_match_holds_a_piece_its_pattern_needs() -> None:
    """On the hand-written corpus, no pattern would have matched where its pieces were missing."""
    texts = _corpus_texts()
    checked = 0
    for recognizer in default_recognizers():
        if not isinstance(recognizer, RegexRecognizer):
            continue
        for compiled in recognizer.COMPILED:
            if not compiled.needs:
                continue
            for text in texts:
                for match in compiled.regex.finditer(text):
                    checked += 1
                    assert compiled.may_match(text.lower()), (type(recognizer).__name__, compiled.name)
                    assert any(piece in match.group().lower() for piece in compiled.needs), (
                        type(recognizer).__name__,
                        compiled.name,
                    )
    assert checked > 100  # the corpus exercises the patterns


def test_pieces_are_lower_case() -> None:
    for recognizer in default_recognizers():
        for compiled in getattr(recognizer, "COMPILED", ()):
            assert all(piece == piece.lower() for piece in compiled.needs), compiled.name
            assert all(not re.search(r"\s", piece) for piece in compiled.needs), compiled.name
