"""Keys, pseudonyms, date shifts and generalisations: the rules each must keep."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from data_contracts import KeyMissingError
from deid.generalise import RESTRICTED_ZIP3, birth_year_pooled, is_pooled_age, zip3
from deid.keys import KEY_ENV, ProjectKey, load_project_key
from deid.pseudonyms import SurrogateCrosswalk, hmac_pseudonyms
from deid.shifting import shift_days, shift_offsets

SECRET = "a-test-secret-that-is-long-enough"  # noqa: S105 - a test key, not a credential


def test_key_from_environment_and_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_ENV, SECRET)
    from_env = load_project_key()
    key_file = tmp_path / "project.key"
    key_file.write_text(SECRET + "\n")
    monkeypatch.delenv(KEY_ENV)
    assert load_project_key(key_file).derive("x") == from_env.derive("x")


def test_missing_or_short_key_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)
    with pytest.raises(KeyMissingError, match="set HEALTHTROVE_KEY or pass --key-file") as caught:
        load_project_key()
    assert caught.value.exit_code == 6
    with pytest.raises(KeyMissingError, match="cannot read the key file"):
        load_project_key(tmp_path / "absent.key")
    monkeypatch.setenv(KEY_ENV, "short")
    with pytest.raises(KeyMissingError, match="too short") as short:
        load_project_key()
    assert "short" not in str(short.value).replace("too short", "")


def test_key_never_shows_in_repr_or_str() -> None:
    key = ProjectKey(SECRET.encode())
    assert SECRET not in repr(key) + str(key)
    assert key.derive("pseudonyms") != key.derive("date-shifts")


def test_hmac_pseudonyms_match_rfc2104_and_depend_on_key_and_namespace() -> None:
    values = pl.Series(["p-1", "p-2", "p-1", None])
    key = b"k" * 32
    out = hmac_pseudonyms(values, key=key, namespace="person")
    expected = hmac.digest(key, b"person\x1fp-1", hashlib.sha256).hex()[:32]
    assert out.to_list()[0] == expected == out.to_list()[2]
    assert out.to_list()[3] is None
    assert out.to_list()[1] != expected
    assert hmac_pseudonyms(values, key=b"j" * 32, namespace="person")[0] != expected
    assert hmac_pseudonyms(values, key=key, namespace="encounter")[0] != expected


def test_surrogate_crosswalk_is_random_remembered_and_saved(tmp_path: Path) -> None:
    crosswalk = SurrogateCrosswalk(surrogates={}).extended("person", pl.Series(["a", "b", None]))
    first = crosswalk.lookup(pl.Series(["a", "b"]), namespace="person").to_list()
    assert len(set(first)) == 2
    crosswalk.save(tmp_path)
    reloaded = SurrogateCrosswalk.load(tmp_path).extended("person", pl.Series(["a", "c"]))
    assert reloaded.lookup(pl.Series(["a", "b"]), namespace="person").to_list() == first
    other = SurrogateCrosswalk(surrogates={}).extended("person", pl.Series(["a"]))
    assert other.lookup(pl.Series(["a"]), namespace="person")[0] != first[0]
    with pytest.raises(ValueError, match="has no surrogate"):
        crosswalk.lookup(pl.Series(["zzz"]), namespace="person")


@given(st.text(min_size=1, max_size=40), st.integers(min_value=7, max_value=400), st.booleans())
def test_shifts_are_non_zero_bounded_and_whole_weeks_when_asked(
    identifier: str, max_days: int, weeks: bool
) -> None:
    offset = shift_days(identifier, key=b"s" * 32, max_days=max_days, whole_weeks=weeks)
    assert offset != 0
    assert abs(offset) <= max_days
    if weeks:
        assert offset % 7 == 0


def test_shifts_are_stable_per_person_and_spread() -> None:
    people = pl.Series([f"emr:p-{index}" for index in range(2000)])
    first = shift_offsets(people, key=b"s" * 32, max_days=182, whole_weeks=False)
    assert first.equals(shift_offsets(people, key=b"s" * 32, max_days=182, whole_weeks=False))
    assert first.n_unique() > 300
    assert (first < 0).sum() > 800
    assert (first > 0).sum() > 800
    assert not first.equals(shift_offsets(people, key=b"t" * 32, max_days=182, whole_weeks=False))


@pytest.mark.parametrize(
    ("code", "expected"),
    [("68114", "681"), ("68114-1234", "681"), ("681141234", "681"), ("6811", None), ("", None), (None, None)]
    + [(f"{prefix}01", "000") for prefix in sorted(RESTRICTED_ZIP3)],
)
def test_zip3_with_restricted_prefixes(code: str | None, expected: str | None) -> None:
    frame = pl.DataFrame({"zip": [code]}, schema={"zip": pl.String})
    assert frame.select(zip3(pl.col("zip"))).item() == expected


def test_restricted_list_is_the_hhs_list() -> None:
    assert sorted(RESTRICTED_ZIP3) == (
        [
            "036",
            "059",
            "063",
            "102",
            "203",
            "556",
            "692",
            "790",
            "821",
            "823",
            "830",
            "831",
            "878",
            "879",
            "884",
            "890",
            "893",
        ]
    )


@pytest.mark.parametrize(
    ("born", "pooled"),
    [
        (dt.date(1931, 6, 1), True),  # 90 on the reference day
        (dt.date(1931, 6, 2), False),  # 89, turns 90 tomorrow
        (dt.date(1920, 1, 1), True),
        (dt.date(2000, 2, 29), False),
    ],
)
def test_ages_over_89_are_pooled_with_their_birth_year(born: dt.date, pooled: bool) -> None:
    reference = dt.date(2021, 6, 1)
    frame = pl.DataFrame({"born": [born]})
    out = frame.select(
        year=birth_year_pooled(pl.col("born"), reference), flag=is_pooled_age(pl.col("born"), reference)
    ).row(0)
    assert out == ((None, True) if pooled else (born.year, False))
