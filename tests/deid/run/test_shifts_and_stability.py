"""Expert determination shifts, stability across reruns, unlinkability across keys."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from data_contracts import Method, Source, load_extract
from deid.pipeline import DeidResult

from .conftest import RunDeid


def _offsets(input_times: pl.Series, output_times: pl.Series) -> pl.Series:
    return (output_times.cast(pl.Date) - input_times.cast(pl.Date)).dt.total_days()


def test_one_offset_per_person_in_every_table(extract: Path, published: dict[Method, DeidResult]) -> None:
    out = published[Method.EXPERT_DETERMINATION].out
    emr = {name: frame.collect() for name, frame in load_extract(extract / "emr", Source.EMR).items()}
    encounters = pl.read_parquet(out / "encounters.parquet")
    conditions = pl.read_parquet(out / "conditions.parquet")
    shifts = pl.concat(
        [
            encounters.select("person_key", offset=_offsets(emr["encounters"]["START"], encounters["start"])),
            conditions.select("person_key", offset=_offsets(emr["conditions"]["START"], conditions["start"])),
        ]
    )
    per_person = shifts.group_by("person_key").agg(pl.col("offset").n_unique().alias("offsets"))
    assert per_person["offsets"].max() == 1
    assert (shifts["offset"] != 0).all()
    assert shifts["offset"].abs().max() <= 182  # type: ignore[operator]
    assert shifts["offset"].n_unique() > 20


def test_intervals_within_a_person_are_kept(extract: Path, published: dict[Method, DeidResult]) -> None:
    out = published[Method.EXPERT_DETERMINATION].out
    encounters_in = load_extract(extract / "emr", Source.EMR)["encounters"].collect()
    encounters_out = pl.read_parquet(out / "encounters.parquet")
    length_in = (encounters_in["STOP"] - encounters_in["START"]).to_list()
    length_out = (encounters_out["stop"] - encounters_out["start"]).to_list()
    assert length_in == length_out


def test_whole_week_shifts_keep_weekdays(extract: Path, run_deid: RunDeid, tmp_path: Path) -> None:
    result = run_deid(tmp_path / "weeks", Method.EXPERT_DETERMINATION, shift={"whole_weeks": True})
    encounters_in = load_extract(extract / "emr", Source.EMR)["encounters"].collect()
    encounters_out = pl.read_parquet(result.out / "encounters.parquet")
    assert (encounters_in["START"].dt.weekday() == encounters_out["start"].dt.weekday()).all()


def test_reruns_are_byte_identical(run_deid: RunDeid, tmp_path: Path) -> None:
    first = run_deid(tmp_path / "one", Method.EXPERT_DETERMINATION)
    second = run_deid(tmp_path / "two", Method.EXPERT_DETERMINATION)
    for name in first.tables:
        assert (first.out / f"{name}.parquet").read_bytes() == (
            second.out / f"{name}.parquet"
        ).read_bytes(), name
    one, two = (json.loads(result.manifest.read_text()) for result in (first, second))
    for manifest in (one, two):
        manifest.pop("seconds")
        for varying in ("started_at", "finished_at"):
            manifest["run"].pop(varying)
        manifest["run"]["settings"].pop("out")
    assert one == two


def test_rerun_into_the_same_folder_replaces_it(run_deid: RunDeid, tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    first = run_deid(out, Method.SAFE_HARBOR)
    before = (out / "patients.parquet").read_bytes()
    run_deid(out, Method.SAFE_HARBOR)
    assert (out / "patients.parquet").read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["dataset"]
    assert first.out == out


def test_different_keys_give_unlinkable_outputs(
    run_deid: RunDeid, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = run_deid(tmp_path / "a", Method.EXPERT_DETERMINATION)
    monkeypatch.setenv("HEALTHTROVE_KEY", "another-project-key-of-enough-length")
    second = run_deid(tmp_path / "b", Method.EXPERT_DETERMINATION)
    keys_a = set(pl.read_parquet(first.out / "patients.parquet")["person_key"].to_list())
    keys_b = set(pl.read_parquet(second.out / "patients.parquet")["person_key"].to_list())
    assert not keys_a & keys_b
    encounters_a = set(pl.read_parquet(first.out / "encounters.parquet")["encounter_key"].to_list())
    encounters_b = set(pl.read_parquet(second.out / "encounters.parquet")["encounter_key"].to_list())
    assert not encounters_a & encounters_b
    births_a = pl.read_parquet(first.out / "patients.parquet")["birthdate"]
    births_b = pl.read_parquet(second.out / "patients.parquet")["birthdate"]
    assert (births_a != births_b).mean() > 0.9  # type: ignore[operator]


def test_surrogates_live_outside_the_output_and_are_reused(run_deid: RunDeid, tmp_path: Path) -> None:
    crosswalk = tmp_path / "trusted"
    first = run_deid(tmp_path / "s1", Method.SAFE_HARBOR, pseudonyms="surrogate", crosswalk_dir=crosswalk)
    assert (crosswalk / "crosswalk.parquet").exists()
    assert not list(first.out.rglob("crosswalk*"))
    second = run_deid(tmp_path / "s2", Method.SAFE_HARBOR, pseudonyms="surrogate", crosswalk_dir=crosswalk)
    for name in first.tables:
        assert (first.out / f"{name}.parquet").read_bytes() == (
            second.out / f"{name}.parquet"
        ).read_bytes(), name
    fresh = run_deid(
        tmp_path / "s3", Method.SAFE_HARBOR, pseudonyms="surrogate", crosswalk_dir=tmp_path / "other"
    )
    keys = set(pl.read_parquet(first.out / "patients.parquet")["person_key"].to_list())
    assert not keys & set(pl.read_parquet(fresh.out / "patients.parquet")["person_key"].to_list())
