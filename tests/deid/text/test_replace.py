"""Replacement: tags, consistent surrogates per person, and date shifts that agree with deid.shifting."""

from __future__ import annotations

import datetime as dt

import pytest

from data_contracts.entities import EntityType
from data_contracts.errors import KeyMissingError
from data_contracts.phi import Method
from deid.config import ShiftConfig
from deid.keys import ProjectKey
from deid.shifting import shift_days
from deid.text import Replacement, TextSpan, replace_spans

KEY = ProjectKey(b"made-up-test-key-0123456789abcdef")
OTHER_KEY = ProjectKey(b"another-made-up-key-0123456789ab")


def _span(text: str, value: str, entity: EntityType, *, occurrence: int = 0) -> TextSpan:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(value, start + 1)
    return TextSpan(start=start, end=start + len(value), entity_type=entity, score=0.9, source="test")


def _surrogates(text: str, values: list[tuple[str, EntityType]], person: str | None, **policy: object) -> str:
    spans = [_span(text, value, entity) for value, entity in values]
    replacement = Replacement(mode="surrogate", key=KEY, **policy)  # type: ignore[arg-type]
    return replace_spans(text, spans, policy=replacement, person_id=person)[0]


@pytest.mark.parametrize(
    ("entity", "tag"),
    [
        (EntityType.PERSON, "[NAME]"),
        (EntityType.PHONE, "[PHONE]"),
        (EntityType.MRN, "[MRN]"),
        (EntityType.ZIP, "[ZIP]"),
    ],
)
def test_tags_name_the_type(entity: EntityType, tag: str) -> None:
    text = "value: Xyzzy-42"
    replaced, spans = replace_spans(text, [_span(text, "Xyzzy-42", entity)], policy=Replacement())
    assert replaced == f"value: {tag}"
    assert [(span.start, span.end) for span in spans] == [(7, 15)]


def test_limited_data_set_keeps_dates_cities_zips_and_ages() -> None:
    text = "Bram Oakheart of Eldertown 12345 on 3/14/2021 aged 93"
    spans = [
        _span(text, "Bram Oakheart", EntityType.PERSON),
        _span(text, "Eldertown", EntityType.CITY),
        _span(text, "12345", EntityType.ZIP),
        _span(text, "3/14/2021", EntityType.DATE),
        _span(text, "aged 93", EntityType.AGE_OVER_89),
    ]
    replaced, kept_spans = replace_spans(text, spans, policy=Replacement(method=Method.LIMITED_DATA_SET))
    assert replaced == "[NAME] of Eldertown 12345 on 3/14/2021 aged 93"
    assert [span.entity_type for span in kept_spans] == [EntityType.PERSON]


def test_surrogates_need_the_key() -> None:
    with pytest.raises(KeyMissingError, match="project key"):
        Replacement(mode="surrogate")


def test_a_person_keeps_one_surrogate_per_name_across_texts_and_forms() -> None:
    first = _surrogates("Seen with Bram Oakheart.", [("Bram Oakheart", EntityType.PERSON)], "emr:p-1")
    second = _surrogates("Called OAKHEART, Bram today", [("OAKHEART, Bram", EntityType.PERSON)], "emr:p-1")
    fake_given, fake_surname = first.removeprefix("Seen with ").removesuffix(".").split(" ")
    assert "Bram" not in first
    assert "Oakheart" not in first
    assert second == f"Called {fake_surname.upper()}, {fake_given} today"


def test_titles_stay_and_case_follows_the_original() -> None:
    replaced = _surrogates("dr. bram oakheart", [("dr. bram oakheart", EntityType.PERSON)], "emr:p-1")
    assert replaced.startswith("dr. ")
    assert replaced == replaced.lower()
    assert "oakheart" not in replaced


def test_different_persons_and_keys_get_different_surrogates() -> None:
    text = "Bram Oakheart called from 555-201-0199"
    values = [("Bram Oakheart", EntityType.PERSON), ("555-201-0199", EntityType.PHONE)]
    one = _surrogates(text, values, "emr:p-1")
    assert one == _surrogates(text, values, "emr:p-1")
    assert one != _surrogates(text, values, "emr:p-2")
    spans = [_span(text, value, entity) for value, entity in values]
    other_key = Replacement(mode="surrogate", key=OTHER_KEY)
    assert one != replace_spans(text, spans, policy=other_key, person_id="emr:p-1")[0]


def test_numbers_keep_their_layout() -> None:
    replaced = _surrogates(
        "call (555) 201-0199 re MRN AB-12345",
        [("(555) 201-0199", EntityType.PHONE), ("AB-12345", EntityType.MRN)],
        "emr:p-1",
    )
    phone, mrn = replaced.removeprefix("call ").split(" re MRN ")
    assert [char.isdigit() for char in phone] == [char.isdigit() for char in "(555) 201-0199"]
    assert phone != "(555) 201-0199"
    assert mrn[:2].isupper()
    assert mrn[2] == "-"
    assert mrn[3:].isdigit()


def test_ages_over_89_are_pooled_in_surrogate_mode() -> None:
    assert _surrogates("a 93 yo man", [("93 yo", EntityType.AGE_OVER_89)], None) == "a 90+ man"


@pytest.mark.parametrize(
    ("written", "as_date"),
    [
        ("03/14/2021", dt.date(2021, 3, 14)),
        ("2021-03-14", dt.date(2021, 3, 14)),
        ("March 14, 2021", dt.date(2021, 3, 14)),
        ("14-Mar-2021", dt.date(2021, 3, 14)),
    ],
)
def test_expert_determination_shifts_dates_by_the_person_offset(written: str, as_date: dt.date) -> None:
    shift = ShiftConfig(max_days=60, whole_weeks=False)
    text = f"admitted {written}."
    policy = Replacement(method=Method.EXPERT_DETERMINATION, key=KEY, shift=shift)
    replaced, _ = replace_spans(
        text, [_span(text, written, EntityType.DATE)], policy=policy, person_id="emr:p-7"
    )
    offset = shift_days("emr:p-7", key=KEY.derive("date-shifts"), max_days=60, whole_weeks=False)
    moved = as_date + dt.timedelta(days=offset)
    shifted = replaced.removeprefix("admitted ").removesuffix(".")
    assert shifted != written
    formats = {
        "03/14/2021": "%m/%d/%Y",
        "2021-03-14": "%Y-%m-%d",
        "March 14, 2021": "%B %d, %Y",
        "14-Mar-2021": "%d-%b-%Y",
    }
    assert dt.datetime.strptime(shifted, formats[written]).date() == moved


def test_dates_are_tagged_without_person_or_when_unreadable_and_under_safe_harbor() -> None:
    text = "seen 3/14/2021 and early spring"
    spans = [_span(text, "3/14/2021", EntityType.DATE), _span(text, "early spring", EntityType.DATE)]
    shifting = Replacement(method=Method.EXPERT_DETERMINATION, key=KEY)
    assert replace_spans(text, spans, policy=shifting, person_id=None)[0] == "seen [DATE] and [DATE]"
    shifted = replace_spans(text, spans, policy=shifting, person_id="emr:p-1")[0]
    assert shifted.endswith(" and [DATE]")
    assert "3/14/2021" not in shifted
    safe_harbor = Replacement(mode="surrogate", method=Method.SAFE_HARBOR, key=KEY)
    assert replace_spans(text, spans, policy=safe_harbor, person_id="emr:p-1")[0] == "seen [DATE] and [DATE]"
