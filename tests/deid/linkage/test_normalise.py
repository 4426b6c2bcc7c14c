"""Table-driven tests of every normaliser."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
import pytest

from deid.linkage._nicknames import NICKNAME_GROUPS, nickname_pairs
from deid.linkage._normalise import (
    normalise_email,
    normalise_mrn,
    normalise_name,
    normalise_phone,
    normalise_street,
    normalise_surname,
    normalise_zip5,
)


def apply(normaliser: Callable[[pl.Expr], pl.Expr], value: str | None) -> str | None:
    result = pl.DataFrame({"value": [value]}, schema={"value": pl.String}).select(normaliser(pl.col("value")))
    value = result.item()
    assert value is None or isinstance(value, str)
    return value


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("(402) 555-0147", "4025550147"),
        ("402.555.0147", "4025550147"),
        ("4025550147", "4025550147"),
        ("402-555-0147", "4025550147"),
        ("+1 402-555-0147", "4025550147"),
        ("+1 (402) 555 0147", "4025550147"),
        ("1-402-555-0147", "4025550147"),
        ("14025550147", "4025550147"),
        ("402-555-0147 x12", "4025550147"),
        ("402-555-0147 ext. 1234", "4025550147"),
        ("402-555-0147 extension 9", "4025550147"),
        ("402 555 0147 #3", "4025550147"),
        (" 402/555-0147 ", "4025550147"),
        ("555-0147", None),  # no area code
        ("123-456-7890", None),  # area code cannot start with 1
        ("402-055-0147", None),  # exchange cannot start with 0
        ("+44 20 7946 0958", None),  # not North American
        ("unknown", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_phone(raw: str | None, expected: str | None) -> None:
    assert apply(normalise_phone, raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ann.lee@example.org", "ann.lee@example.org"),
        ("  Ann.Lee@Example.ORG  ", "ann.lee@example.org"),
        ("MAILTO:bo@example.com", "bo@example.com"),
        ("bo@example", None),
        ("bo at example.com", None),
        ("a@b@example.com", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_email(raw: str | None, expected: str | None) -> None:
    assert apply(normalise_email, raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("William", "william"),
        ("  WILLIAM ", "william"),
        ("José", "jose"),
        ("Zoë", "zoe"),
        ("Nuñez", "nunez"),
        ("Strauß", "strauss"),
        ("Søren", "soren"),
        ("Łukasz", "lukasz"),
        ("O'Brien", "obrien"),
        ("Mary-Jane", "maryjane"),
        ("Mary Jane", "maryjane"),
        ("St. John", "stjohn"),
        ("Abe604", "abe"),  # Synthea appends digits
        ("Ольга", "ольга"),  # non-Latin letters are kept
        ("123", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_name(raw: str | None, expected: str | None) -> None:
    assert apply(normalise_name, raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Smith", "smith"),
        ("Smith Jr.", "smith"),
        ("Smith, Sr", "smith"),
        ("Smith III", "smith"),
        ("Smith MD", "smith"),
        ("De la Cruz", "delacruz"),
        ("Iverson", "iverson"),  # "iv" inside a name stays
        ("Van Der Berg-Łopez", "vanderberglopez"),
    ],
)
def test_normalise_surname(raw: str, expected: str) -> None:
    assert apply(normalise_surname, raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("68111", "68111"),
        (" 68111 ", "68111"),
        ("68111-4646", "68111"),
        ("68111 4646", "68111"),
        ("681114646", "68111"),
        ("2134", "02134"),  # leading zero lost in a spreadsheet
        ("00000", None),
        ("6811", "06811"),
        ("68", None),
        ("K1A 0B1", None),
        (None, None),
    ],
)
def test_normalise_zip5(raw: str | None, expected: str | None) -> None:
    assert apply(normalise_zip5, raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12345678", "12345678"),
        (" 12345678 ", "12345678"),
        ("0012345678", "12345678"),
        ("MRN12345678", "12345678"),
        ("MRN: 12345678", "12345678"),
        ("mrn#0012345678", "12345678"),
        ("12-345-678", "12345678"),
        ("NE-345678", "345678"),  # the generator's old format: six digits, never a current MRN
        ("0000", None),
        ("n/a", None),
        (None, None),
    ],
)
def test_normalise_mrn(raw: str | None, expected: str | None) -> None:
    assert apply(normalise_mrn, raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("4113 Juan Viaduct Apt 7", "4113juanviaduct7"),
        ("4113 JUAN VIADUCT APT 7", "4113juanviaduct7"),
        ("4113 Juan Viaduct, #7", "4113juanviaduct7"),
        ("4113 Juan Viaduct Unit 7", "4113juanviaduct7"),
        ("12 North Main Street", "12nmainst"),
        ("12 N. Main St.", "12nmainst"),
        ("12 Main Avenue Suite 100", "12mainave100"),
        ("", None),
        (None, None),
    ],
)
def test_normalise_street(raw: str | None, expected: str | None) -> None:
    assert apply(normalise_street, raw) == expected


def test_nickname_pairs_are_symmetric_normalised_and_cover_the_generator_table() -> None:
    pairs = nickname_pairs().collect()
    as_set = set(pairs.iter_rows())
    assert all((b, a) in as_set for a, b in as_set)
    assert all(a != b and a.isalpha() and a.islower() for a, b in as_set)
    assert {("bill", "william"), ("bob", "robert"), ("liz", "elizabeth"), ("bill", "will")} <= as_set
    from deid.synth._names import NICKNAMES  # noqa: PLC0415 (the generator's table, for coverage only)

    assert {(nick.lower(), formal.lower()) for formal, nick in NICKNAMES.items()} <= as_set


def test_nickname_groups_start_with_a_formal_name_and_have_no_repeats() -> None:
    for group in NICKNAME_GROUPS:
        assert len(group) == len(set(group)) >= 2
