"""Table-driven: the forms an identifier is written in normalise to one key."""

from __future__ import annotations

import polars as pl
import pytest

from deid.leakcheck._dates import ChanceCounts, excess_over_chance, text_date_keys, whole_cell_date_key
from deid.leakcheck._normalise import (
    email_key,
    mrn_key,
    other_id_key,
    phone_key,
    record_id_key,
    ssn_key,
    zip5_key,
)
from deid.leakcheck._words import city_key, full_name_key, street_key

SAME = [
    (full_name_key, ["Chase Guerra", "  CHASE   guerra ", "Chase-Guerra", "Chasé Guerra"], "chase guerra"),
    (full_name_key, ["Mary O'Brien", "Mary O\u2019Brien", "mary obrien"], "mary obrien"),
    (ssn_key, ["999-93-1128", "999 93 1128", "999931128", "999.93.1128"], "999931128"),
    (
        phone_key,
        ["316-553-1419", "(316) 553-1419", "+1 316 553 1419", "1-316-553-1419", "316.553.1419 x12"],
        "3165531419",
    ),
    (
        email_key,
        ["Chase.Guerra@Example.org", " chase.guerra@example.org", "mailto:CHASE.GUERRA@EXAMPLE.ORG"],
        "chase.guerra@example.org",
    ),
    (mrn_key, ["10314187", "MRN 10314187", "mrn: 1031-4187", "#10314187"], "10314187"),
    (other_id_key, ["S99961635153", "s-9996-1635153"], "S99961635153"),
    (
        street_key,
        ["12 North Main Street", "12 N. Main St.", "12 north main street, Apt 4", "12 N Main St Unit 7"],
        "12 n main st",
    ),
    (
        record_id_key,
        ["3F957062-FDA2-49DF-B098-D1B14AB2D2F3", "{3f957062-fda2-49df-b098-d1b14ab2d2f3}"],
        "3f957062fda249dfb098d1b14ab2d2f3",
    ),
    (zip5_key, ["67205", " 67205-1234", "67205 1234"], "67205"),
    (city_key, ["St. Louis", "ST LOUIS", "st louis"], "st louis"),
    (
        whole_cell_date_key,
        ["1953-06-26", "06/26/1953", "6/26/1953", "1953-06-26T10:15:00Z", "1953-06-26 10:15"],
        "1953-06-26",
    ),
]

NOT_AN_IDENTIFIER = [
    (full_name_key, ["Chase", "185345009", "Encounter for symptom (procedure)"]),
    (ssn_key, ["99993112", "9999311280", "999-931-128x"]),
    (phone_key, ["553-1419", "316553141", "2-316-553-1419"]),
    (email_key, ["chase.guerra", "@example.org"]),
    (mrn_key, ["1234", "ABCDEFGH", "an mrn of 10314187 in text"]),
    (record_id_key, ["12345678", "abcdefghij", "185345009"]),
    (street_key, ["Main Street", "12"]),
    (zip5_key, ["672", "6720512", "67205a"]),
    (city_key, ["Ada", "7b", "1234"]),
    (whole_cell_date_key, ["1953-13-26", "26/06/53", "seen on 1953-06-26"]),
]


@pytest.mark.parametrize(("normalise", "written", "key"), SAME)
def test_written_forms_share_one_key(normalise, written: list[str], key: str) -> None:
    keys = pl.DataFrame({"value": written}).select(normalise(pl.col("value"))).to_series().to_list()
    assert keys == [key] * len(written)


@pytest.mark.parametrize(("normalise", "written"), NOT_AN_IDENTIFIER)
def test_other_shapes_have_no_key(normalise, written: list[str]) -> None:
    keys = pl.DataFrame({"value": written}).select(normalise(pl.col("value"))).to_series().to_list()
    assert keys == [None] * len(written)


def test_dates_in_text() -> None:
    text = "Seen 2020-01-05 and 3/4/2021; DOB March 4, 1950 (or 4 Mar 1950); follow-up 9/26."
    keys = pl.select(text_date_keys(pl.lit(text))).item().to_list()
    assert sorted(keys) == ["1950-03-04", "1950-03-04", "2020-01-05", "2021-03-04"]


@pytest.mark.parametrize(
    ("counts", "excess"),
    [
        (ChanceCounts(dates=300, matches=300, probe_matches=(2,) * 8), 298),  # nothing shifted
        (ChanceCounts(dates=300, matches=3, probe_matches=(2, 3, 1, 2, 4, 2, 3, 2)), 0),  # chance
        (ChanceCounts(dates=100_000, matches=93_000, probe_matches=(93_100,) * 8), 0),  # dense dates
        (ChanceCounts(dates=100_000, matches=100_000, probe_matches=(93_000,) * 8), 7_000),
        (ChanceCounts(dates=0, matches=0, probe_matches=(0,) * 8), 0),
        (ChanceCounts(dates=1, matches=1, probe_matches=(0,) * 8), 0),  # one cell is not evidence
    ],
)
def test_excess_over_chance(counts: ChanceCounts, excess: int) -> None:
    assert excess_over_chance(counts) == excess
