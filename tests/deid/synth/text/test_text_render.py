"""render_texts and gold_records: API, determinism, nulls, order, reminders, gold layout."""

from __future__ import annotations

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import deid.synth.text as text_api
from data_contracts.phi import Identifier
from deid.synth.text import ENTITY_IDENTIFIER, ENTITY_TYPES, TEMPLATES, TextKind, gold_records, render_texts
from deid.synth.text._plan import required_columns

from .conftest import SEED, build_context

SPAN_DTYPE = pl.List(
    pl.Struct({"start": pl.Int64, "end": pl.Int64, "entity_type": pl.String, "value": pl.String})
)


def test_public_api_is_pinned() -> None:
    assert sorted(text_api.__all__) == sorted(
        ["TextKind", "ENTITY_TYPES", "ENTITY_IDENTIFIER", "render_texts", "gold_records"]
    )
    assert [kind.value for kind in TextKind] == [
        "clinical_note",
        "call_note",
        "email_body",
        "email_subject",
        "sms",
        "reminder",
        "billing_notice",
        "survey_comment",
    ]
    assert set(ENTITY_IDENTIFIER) == set(ENTITY_TYPES)
    assert ENTITY_IDENTIFIER["PERSON"] is Identifier.NAME
    assert {ENTITY_IDENTIFIER[name] for name in ("STREET_ADDRESS", "CITY", "ZIP")} == {Identifier.GEOGRAPHY}
    assert {ENTITY_IDENTIFIER[name] for name in ("DATE", "AGE_OVER_89")} == {Identifier.DATE}


@pytest.mark.parametrize("kind", list(TextKind))
def test_output_schema_and_row_order(
    context: pl.DataFrame, rendered: dict[TextKind, pl.DataFrame], kind: TextKind
) -> None:
    frame = rendered[kind]
    assert frame.schema == pl.Schema({"record_id": pl.String, "text": pl.String, "spans": SPAN_DTYPE})
    assert frame["record_id"].to_list() == context["record_id"].to_list()
    assert frame["text"].null_count() == 0
    assert (frame["text"].str.len_chars() > 0).all()


@pytest.mark.parametrize("kind", list(TextKind))
def test_null_slots_never_render(rendered: dict[TextKind, pl.DataFrame], kind: TextKind) -> None:
    texts = rendered[kind]["text"]
    assert not texts.str.contains(r"\b(?:None|null|nan|NaN)\b").any()


def test_all_null_context_renders_placeholder_free_texts() -> None:
    context = pl.DataFrame({"record_id": [f"r{index}" for index in range(300)]})
    for kind in TextKind:
        frame = render_texts(context, kind=kind, seed=1)
        assert frame.height == 300
        assert not frame["text"].str.contains(r"None|null|\{").any()
        leaked = {span["entity_type"] for spans in frame["spans"] for span in spans}
        assert leaked <= {
            "PERSON",
            "PHONE",
            "FAX",
            "EMAIL",
            "URL",
            "IP",
            "LICENSE",
            "DEVICE",
            "VEHICLE",
            "FACILITY",
        }


def test_empty_context_gives_empty_frame() -> None:
    frame = render_texts(
        pl.DataFrame({"record_id": []}, schema={"record_id": pl.String}), kind=TextKind.SMS, seed=1
    )
    assert frame.height == 0
    assert frame.columns == ["record_id", "text", "spans"]


def test_same_seed_same_output_other_seed_other_texts(context: pl.DataFrame) -> None:
    sample = context.head(500)
    for kind in (TextKind.CLINICAL_NOTE, TextKind.EMAIL_BODY):
        first = render_texts(sample, kind=kind, seed=SEED)
        assert_frame_equal(render_texts(sample, kind=kind, seed=SEED), first)
        other = render_texts(sample, kind=kind, seed=SEED + 1)
        assert (other["text"] != first["text"]).mean() > 0.5  # type: ignore[operator]


def test_kinds_draw_from_their_own_streams(
    context: pl.DataFrame, rendered: dict[TextKind, pl.DataFrame]
) -> None:
    clinical = rendered[TextKind.CLINICAL_NOTE]["text"]
    assert clinical.n_unique() > 0.9 * clinical.len()
    assert rendered[TextKind.SMS]["text"].n_unique() > 0.5 * context.height


def test_reminders_are_mostly_one_fixed_string(rendered: dict[TextKind, pl.DataFrame]) -> None:
    reminders = rendered[TextKind.REMINDER]
    top = reminders.group_by("text").len().sort("len", descending=True).row(0, named=True)
    assert top["len"] / reminders.height >= 0.4
    assert reminders.filter(pl.col("text") == top["text"])["spans"].list.len().sum() == 0
    assert reminders["text"].n_unique() > 100


def test_survey_comments_are_often_phi_free(rendered: dict[TextKind, pl.DataFrame]) -> None:
    spans = rendered[TextKind.SURVEY_COMMENT]["spans"].list.len()
    assert 0.3 < (spans == 0).mean() < 0.9  # type: ignore[operator]


def test_gold_records_layout(rendered: dict[TextKind, pl.DataFrame]) -> None:
    source = rendered[TextKind.SURVEY_COMMENT]
    gold = gold_records(source, table="SurveyResponse__c", column="Comment__c")
    assert gold.columns == ["table", "column", "id", "spans"]
    assert gold.height == source.height
    assert gold["id"].to_list() == source["record_id"].to_list()
    assert set(gold["table"]) == {"SurveyResponse__c"}
    assert set(gold["column"]) == {"Comment__c"}
    assert gold["spans"].list.len().to_list() == source["spans"].list.len().to_list()
    assert (gold["spans"].list.len() == 0).any()
    spans = gold.select(pl.col("spans").explode()).unnest("spans").drop_nulls()
    assert spans.columns == ["start", "end", "type", "identifier", "value"]
    for row in spans.unique(["type", "identifier"]).iter_rows(named=True):
        assert row["identifier"] == ENTITY_IDENTIFIER[row["type"]].value


def test_gold_records_covers_every_identifier_in_use(rendered: dict[TextKind, pl.DataFrame]) -> None:
    golds = pl.concat([gold_records(frame, table="t", column=kind.value) for kind, frame in rendered.items()])
    identifiers = set(
        golds.select(pl.col("spans").explode().struct.field("identifier")).drop_nulls().to_series()
    )
    assert identifiers == {ENTITY_IDENTIFIER[name].value for name in ENTITY_TYPES}


def test_other_context_dtypes_are_accepted() -> None:
    context = build_context(rows=200, seed=3).with_columns(
        pl.col("age").cast(pl.Int32), pl.col("city").cast(pl.Categorical)
    )
    frame = render_texts(context, kind=TextKind.CLINICAL_NOTE, seed=5)
    assert frame.height == 200


def test_negative_seed_is_rejected(context: pl.DataFrame) -> None:
    with pytest.raises(ValueError, match="seed"):
        render_texts(context.head(5), kind=TextKind.SMS, seed=-1)


def test_every_kind_has_enough_templates_and_a_fallback() -> None:
    minimum = {TextKind.REMINDER: 5, TextKind.EMAIL_SUBJECT: 6, TextKind.SMS: 6, TextKind.SURVEY_COMMENT: 8}
    for kind in TextKind:
        templates = TEMPLATES[kind]
        assert len(templates) >= minimum.get(kind, 8), kind
        assert any(not required_columns(template) for template in templates), kind
