"""TextEngine with small made-up recognizers: merging, caching, NER gating, workers."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer

from data_contracts.entities import EntityType
from data_contracts.errors import ConfigError
from data_contracts.phi import Method
from deid.text import KnownPhi, Replacement, TextEngine, TextEngineSettings, TextSpan


def fake_recognizers() -> Sequence[EntityRecognizer]:
    """Made-up recognizers: ``555-0101``-style phones, the name Zorblat, the word 'Quux Quam'."""
    return [
        PatternRecognizer(
            supported_entity="PHONE", name="FakePhone", patterns=[Pattern("phone", r"\b\d{3}-\d{4}\b", 0.7)]
        ),
        PatternRecognizer(
            supported_entity="PERSON", name="FakeName", patterns=[Pattern("name", r"\bZorblat\b", 0.6)]
        ),
        PatternRecognizer(
            supported_entity="PERSON",
            name="FakeFullName",
            patterns=[Pattern("full", r"\bQuux Quam\b", 0.9), Pattern("weak", r"\bQuam\b", 0.2)],
        ),
        PatternRecognizer(
            supported_entity="MRN", name="FakeMrn", patterns=[Pattern("mrn", r"\b0101\b", 0.5)]
        ),
    ]


def _engine(**settings: object) -> TextEngine:
    return TextEngine(
        TextEngineSettings(ner="never", policy="balanced", **settings), recognizers=fake_recognizers
    )  # type: ignore[arg-type]


def _found(text: str, spans: list[TextSpan]) -> list[tuple[str, str, str]]:
    return [(text[span.start : span.end], span.entity_type.value, span.source) for span in spans]


def test_detections_carry_type_score_and_source() -> None:
    text = "Zorblat called from 555-0101."
    [spans] = _engine().analyze([text])
    assert _found(text, spans) == [("Zorblat", "PERSON", "FakeName"), ("555-0101", "PHONE", "FakePhone")]
    assert spans[1].score == pytest.approx(0.7)


def test_overlaps_resolve_to_the_longest_detection_over_their_union() -> None:
    text = "phone 555-0101 now"  # the MRN pattern finds 0101 inside the phone
    [spans] = _engine().analyze([text])
    assert _found(text, spans) == [("555-0101", "PHONE", "FakePhone")]


def test_same_type_neighbours_are_joined() -> None:
    text = "Zorblat Quux Quam came"
    [spans] = _engine().analyze([text])
    assert _found(text, spans) == [("Zorblat Quux Quam", "PERSON", "FakeFullName")]


def test_scores_under_the_threshold_are_dropped() -> None:
    text = "Quam only"
    assert _engine().analyze([text]) == [[]]
    assert _found(text, _engine(score_threshold=0.1).analyze([text])[0]) == [
        ("Quam", "PERSON", "FakeFullName")
    ]


def test_identical_texts_are_analysed_once_within_and_across_batches() -> None:
    engine = _engine()
    first = engine.analyze(["Zorblat here", "Zorblat here", "nothing"])
    assert engine.analysed_texts == 2
    second = engine.analyze(["nothing", "Zorblat here", "new 555-0101"])
    assert engine.analysed_texts == 3
    assert first[0] == first[1] == second[1]


def test_the_cache_is_bounded_least_recently_used_first() -> None:
    engine = _engine(cache_size=2)
    for batch in (["a"], ["b"], ["a"], ["c"], ["b"]):
        engine.analyze(batch)
    assert engine.analysed_texts == 4  # "a" was still cached, "b" had been evicted by "c"


def test_known_identifiers_are_found_per_text_not_cached_across_records() -> None:
    engine = _engine()
    text = "Spoke with Ximena today"
    known = KnownPhi(names=("Ximena Vostrikova",))
    with_record, without_record = engine.analyze([text, text], [known, None])
    assert [text[span.start : span.end] for span in with_record] == ["Ximena"]
    assert without_record == []
    assert engine.analysed_texts == 1


def test_known_must_match_the_texts() -> None:
    with pytest.raises(ValueError, match="one entry per text"):
        _engine().analyze(["a", "b"], [None])


def test_scrub_replaces_with_tags_and_reports_input_offsets() -> None:
    text = "Zorblat: 555-0101"
    [result] = _engine().scrub([text])
    assert result.text == "[NAME]: [PHONE]"
    assert [(span.start, span.end) for span in result.spans] == [(0, 7), (9, 17)]


def test_scrub_under_a_limited_data_set_keeps_what_it_allows() -> None:
    text = "Zorblat: 0101"
    [result] = _engine().scrub([text], replacement=Replacement(method=Method.LIMITED_DATA_SET))
    assert result.text == "[NAME]: [MRN]"
    [kept] = _engine().scrub(["seen 0101"], replacement=Replacement(method=Method.SAFE_HARBOR))
    assert kept.text == "seen [MRN]"


def test_settings_are_validated_with_the_parameter_named() -> None:
    with pytest.raises(ConfigError, match="score_threshold"):
        TextEngineSettings(score_threshold=2.0)
    with pytest.raises(ConfigError, match="ner must be"):
        TextEngineSettings(ner="sometimes")  # type: ignore[arg-type]


def test_two_worker_processes_give_the_same_output_in_the_same_order() -> None:
    texts = [f"Zorblat {n:03d}-0101 and Quux Quam" if n % 3 else f"plain text {n}" for n in range(60)]
    texts += texts[:10]
    single = _engine().analyze(texts)
    with _engine(workers=2, chunk_size=7) as engine:
        assert engine.analyze(texts) == single
        assert engine.analyze(texts[::-1]) == single[::-1]


@pytest.fixture(scope="module")
def gated_engine() -> TextEngine:
    return TextEngine(TextEngineSettings(ner="gated"), recognizers=fake_recognizers)


def test_ner_runs_only_on_texts_with_unexplained_capitalised_words(gated_engine: TextEngine) -> None:
    texts = [
        "pt stable, no new complaints, continue current plan.",  # no capital at all
        "Reminder: your visit is Monday. Reply C to confirm.",  # sentence starts, calendar
        "BP 120/80. HR 72. SPO2 98% RA.",  # upper case only
        "seen with Zorblat today",  # the only capitalised word is already a detection
        "Continued Lisinopril and Metformin as before.",  # allow-listed drug names
        "Her daughter Ximena Vostrikova visited on the ward.",  # needs NER
    ]
    before = gated_engine.ner_texts
    found = gated_engine.analyze(texts)
    assert gated_engine.ner_texts - before == 1
    assert [texts[5][span.start : span.end] for span in found[5]] == ["Ximena Vostrikova"]
    assert found[5][0].source == "NerRecognizer"


def test_ner_always_and_never() -> None:
    text = "visited by neighbour Ximena Vostrikova"
    always = TextEngine(TextEngineSettings(ner="always", policy="balanced"), recognizers=fake_recognizers)
    never = TextEngine(TextEngineSettings(ner="never", policy="balanced"), recognizers=fake_recognizers)
    assert always.analyze([text])[0][0].entity_type is EntityType.PERSON
    assert always.ner_texts == 1
    assert never.analyze([text]) == [[]]


def test_a_one_megabyte_text_is_analysed_with_offsets_into_it() -> None:
    text = "lorem ipsum dolor sit amet " * 40_000 + "call 555-0101"
    [spans] = _engine().analyze([text])
    assert _found(text, spans) == [("555-0101", "PHONE", "FakePhone")]


def test_ner_reads_long_texts_in_pieces(gated_engine: TextEngine) -> None:
    text = "word " * 25_000 + "visited by neighbour Ximena Vostrikova"
    [spans] = gated_engine.analyze([text])
    assert [text[span.start : span.end] for span in spans] == ["Ximena Vostrikova"]


class _Covered(PatternRecognizer):
    """A made-up recognizer of the word Zorblat that the backstop would find anyway."""

    covered_by_backstop = True

    def __init__(self) -> None:
        super().__init__(
            supported_entity="PERSON", name="Covered", patterns=[Pattern("z", r"\bZorblat\b", 0.6)]
        )


@pytest.mark.parametrize(("policy", "registered"), [("high_recall", False), ("balanced", True)])
def test_recognizers_the_backstop_covers_run_only_without_it(policy: str, registered: bool) -> None:
    from deid.text._detector import Detector  # noqa: PLC0415 - the engine's internals

    detector = Detector(TextEngineSettings(ner="never", policy=policy), lambda: [_Covered()])  # type: ignore[arg-type]
    assert any(isinstance(recognizer, _Covered) for recognizer in detector._recognizers) is registered
