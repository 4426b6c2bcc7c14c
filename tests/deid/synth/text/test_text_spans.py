"""Gold spans: exact offsets, full entity coverage, realistic name forms, clinical text kept out."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Iterator

import polars as pl
import pytest

from deid.synth.text import ENTITY_TYPES, TextKind

CLINICAL_TERMS = (
    "metformin",
    "lisinopril",
    "atorvastatin",
    "albuterol",
    "amoxicillin",
    "Lasix",
    "Parkinson disease",
    "Foley catheter",
    "Apgar score",
    "Glasgow Coma Scale",
    "Hodgkin lymphoma",
    "Cushing syndrome",
    "Babinski sign",
    "Crohn disease",
    "Alzheimer disease",
    "Bell palsy",
    "Addison disease",
    "COPD",
    "CHF",
    "SOB",
    "PRN",
    "b.i.d.",
    "q.d.",
    "NPO",
    "HbA1c",
    "mmol/L",
    "WBC",
)
TRAPS = (
    re.compile(r"BP \d{2,3}/\d{2,3}"),
    re.compile(r"pain \d{1,2}/10"),
    re.compile(r"1/2 tab"),
    re.compile(r"Apgar score 8/9"),
    re.compile(r"MMSE 21/30"),
    re.compile(r"\b(?:since|in) (?:19|20)\d\d\b(?![-/])"),
)


def span_problems(frame: pl.DataFrame) -> list[str]:
    """Every way a row's spans break the contract (empty when all is well)."""
    problems = []
    for row in frame.iter_rows(named=True):
        text, previous_end = row["text"], 0
        for span in row["spans"]:
            where = f"{row['record_id']} {span}"
            if text[span["start"] : span["end"]] != span["value"]:
                problems.append(f"offsets do not match value: {where}")
            if span["start"] >= span["end"]:
                problems.append(f"empty span: {where}")
            if span["start"] < previous_end:
                problems.append(f"unsorted or overlapping: {where}")
            if span["entity_type"] not in ENTITY_TYPES:
                problems.append(f"unknown type: {where}")
            previous_end = span["end"]
    return problems


def spans_of(frame: pl.DataFrame) -> Iterator[tuple[dict[str, object], dict[str, object]]]:
    for row in frame.iter_rows(named=True):
        for span in row["spans"]:
            yield row, span


@pytest.mark.parametrize("kind", list(TextKind))
def test_spans_are_exact_sorted_and_disjoint(rendered: dict[TextKind, pl.DataFrame], kind: TextKind) -> None:
    frame = rendered[kind]
    assert frame["spans"].list.len().sum() > 100
    assert span_problems(frame) == []


def test_span_check_catches_shifted_offsets(rendered: dict[TextKind, pl.DataFrame]) -> None:
    shifted = rendered[TextKind.CLINICAL_NOTE].with_columns(
        pl.col("spans").list.eval(pl.element().struct.with_fields(pl.field("start") + 1, pl.field("end") + 1))
    )
    assert len(span_problems(shifted)) > 100


def test_every_entity_type_appears(rendered: dict[TextKind, pl.DataFrame]) -> None:
    counts = Counter(span["entity_type"] for frame in rendered.values() for _, span in spans_of(frame))
    assert set(counts) == set(ENTITY_TYPES)
    assert min(counts.values()) >= 5


def test_people_are_named_in_many_ways(context: pl.DataFrame, rendered: dict[TextKind, pl.DataFrame]) -> None:
    people = context.select("record_id", "first_name", "last_name", "nickname", "relative_name")
    forms: Counter[str] = Counter()
    for frame in rendered.values():
        joined = frame.join(people, on="record_id", how="left", maintain_order="left")
        for row, span in spans_of(joined):
            if span["entity_type"] != "PERSON":
                continue
            value, before = str(span["value"]), row["text"][: span["start"]]
            if value == row["last_name"] and re.search(r"\b(?:Mr|Ms|Mrs)\. $", before):
                forms["title and surname"] += 1
            if re.fullmatch(r"[A-Z]\.? ?[A-Z]\.?", value):
                forms["initials"] += 1
            if value == row["nickname"] and value != row["first_name"]:
                forms["nickname"] += 1
            if value == row["first_name"]:
                forms["first name"] += 1
            if row["text"][span["end"] :].startswith("'s"):
                forms["possessive"] += 1
            if len(value) > 3 and value.isupper():
                forms["upper case"] += 1
            if row["relative_name"] and value in (row["relative_name"], row["relative_name"].split()[0]):
                forms["relative"] += 1
            if re.search(r"(?:Dr\. |RN )$", before) or re.match(
                r",? ?(?:MD|NP|RN|DO|PA-C)\b", row["text"][span["end"] :]
            ):
                forms["clinician"] += 1
    expected = {
        "title and surname",
        "initials",
        "nickname",
        "first name",
        "possessive",
        "upper case",
        "relative",
    }
    assert expected | {"clinician"} <= {form for form, count in forms.items() if count >= 10}, forms


def test_clinical_vocabulary_survives(rendered: dict[TextKind, pl.DataFrame]) -> None:
    frames = [rendered[TextKind.CLINICAL_NOTE], rendered[TextKind.CALL_NOTE]]
    found: Counter[str] = Counter()
    for frame in frames:
        for row in frame.iter_rows(named=True):
            covered = [(span["start"], span["end"]) for span in row["spans"]]
            patterns = [re.compile(re.escape(term), re.IGNORECASE) for term in CLINICAL_TERMS]
            for pattern in (*patterns, *TRAPS):
                for match in pattern.finditer(row["text"]):
                    found[pattern.pattern] += 1
                    overlapping = [(s, e) for s, e in covered if s < match.end() and match.start() < e]
                    assert overlapping == [], (row["text"], match.group())
    missing = [
        pattern
        for pattern in (*map(re.escape, CLINICAL_TERMS), *(t.pattern for t in TRAPS))
        if found[pattern] < 5
    ]
    assert missing == []


def test_young_ages_are_mentioned_but_never_spans(
    context: pl.DataFrame, rendered: dict[TextKind, pl.DataFrame]
) -> None:
    frame = rendered[TextKind.CLINICAL_NOTE].join(context.select("record_id", "age"), on="record_id")
    young_mentions = 0
    for row in frame.iter_rows(named=True):
        ages = [span for span in row["spans"] if span["entity_type"] == "AGE_OVER_89"]
        assert all(int(span["value"]) > 89 and int(span["value"]) == row["age"] for span in ages)
        if row["age"] is not None and row["age"] <= 89:
            mention = re.search(
                rf"\b(?:age |aged ){row['age']}\b|\b{row['age']}(?: yo| y/o|-year-old| years old)",
                row["text"],
                re.IGNORECASE,
            )
            if mention:
                young_mentions += 1
                assert all(
                    span["end"] <= mention.start() or span["start"] >= mention.end() for span in row["spans"]
                )
    assert young_mentions >= 50
    assert sum(1 for _, span in spans_of(frame) if span["entity_type"] == "AGE_OVER_89") >= 20


def test_whole_notes_are_upper_cased_only_when_lengths_allow(rendered: dict[TextKind, pl.DataFrame]) -> None:
    texts = rendered[TextKind.CLINICAL_NOTE]["text"]
    upper = texts.filter(texts == texts.str.to_uppercase())
    assert upper.len() >= 50
    assert not upper.str.contains("STRAUSS").any()
    assert texts.str.contains("Strauß").any()


_DATE_FORMATS = (
    "%m/%d/%Y",
    "%m/%d/%y",
    "%m-%d-%Y",
    "%B %d, %Y",
    "%Y-%m-%d",
    "%Y-%m-%dT%H:%M",
    "%d-%b-%Y",
    "%d %B %Y",
    "%d %B, %Y",
    "%b %d",
    "%m/%d",
)


def _read_date(value: str) -> tuple[int | None, int | None, int]:
    """(year or None, month or None, day) of a rendered date, whatever its format."""
    cleaned = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", value, flags=re.IGNORECASE).replace(" of ", " ")
    if cleaned.isdigit():
        return None, None, int(cleaned)
    for form in _DATE_FORMATS:
        has_year = "%y" in form.lower()
        # Yearless dates are read in a leap year so that Feb 29 parses.
        text, pattern = (cleaned, form) if has_year else (f"{cleaned} 2000", f"{form} %Y")
        try:
            parsed = datetime.datetime.strptime(text, pattern)
        except ValueError:
            continue
        return (parsed.year if has_year else None), parsed.month, parsed.day
    raise AssertionError(value)


def test_dates_are_the_event_or_birth_date_in_some_format(
    context: pl.DataFrame, rendered: dict[TextKind, pl.DataFrame]
) -> None:
    dates = context.select("record_id", "event_date", "birth_date")
    checked = 0
    for kind in (TextKind.CLINICAL_NOTE, TextKind.CALL_NOTE, TextKind.BILLING_NOTICE):
        for row, span in spans_of(rendered[kind].join(dates, on="record_id")):
            if span["entity_type"] != "DATE":
                continue
            year, month, day = _read_date(str(span["value"]))
            event = row["event_date"]
            shifted = [event + datetime.timedelta(days=shift) for shift in range(-11, 92)] if event else []
            candidates = [*shifted, row["birth_date"]] if row["birth_date"] else shifted
            assert any(
                (year is None or year == candidate.year)
                and (month is None or month == candidate.month)
                and day == candidate.day
                for candidate in candidates
            ), (span["value"], event, row["birth_date"])
            checked += 1
    assert checked > 1000
