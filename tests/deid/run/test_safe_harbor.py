"""Each Safe Harbor rule is applied to the right columns of the published dataset."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from data_contracts import Method, Source, load_extract
from deid.generalise import RESTRICTED_ZIP3
from deid.pipeline import DeidResult

from .conftest import TEST_KEY

DIRECT_IDENTIFIER_COLUMNS = {
    "patients": ["FIRST", "LAST", "SSN", "MRN", "PHONE", "EMAIL", "ADDRESS", "DRIVERS", "PASSPORT", "MAIDEN"],
    "Contact": ["FirstName", "LastName", "Email", "Phone", "MobilePhone", "MailingStreet", "MRN__c"],
}


def _outputs(result: DeidResult) -> dict[str, pl.DataFrame]:
    return {name: pl.read_parquet(result.out / f"{name}.parquet") for name in result.tables}


def _inputs(extract: Path) -> dict[str, pl.DataFrame]:
    frames = load_extract(extract / "emr", Source.EMR) | load_extract(extract / "crm", Source.CRM)
    return {name: frame.collect() for name, frame in frames.items()}


# A limited data set keeps towns by design; a town may share a first name (Lincoln).
PLACE_COLUMNS = frozenset({"city", "county", "mailing_city", "birthplace", "name"})


def _string_cells(outputs: dict[str, pl.DataFrame], *, skip: frozenset[str] = frozenset()) -> set[str]:
    cells: set[str] = set()
    for frame in outputs.values():
        for column in frame.select(pl.col(pl.String)).columns:
            if column not in skip:
                cells.update(frame[column].drop_nulls().to_list())
    return cells


def test_direct_identifiers_appear_in_no_output_cell(
    extract: Path, published: dict[Method, DeidResult]
) -> None:
    inputs = _inputs(extract)
    for method, result in published.items():
        skip = PLACE_COLUMNS if method is Method.LIMITED_DATA_SET else frozenset()
        cells = _string_cells(_outputs(result), skip=skip)
        for table, columns in DIRECT_IDENTIFIER_COLUMNS.items():
            for column in columns:
                values = set(inputs[table][column].drop_nulls().to_list())
                assert not values & cells, f"{method}: {table}.{column} leaked"


def test_original_record_ids_are_replaced(extract: Path, published: dict[Method, DeidResult]) -> None:
    inputs = _inputs(extract)
    ids = set(inputs["patients"]["Id"].to_list()) | set(inputs["encounters"]["Id"].to_list())
    ids |= set(inputs["Contact"]["Id"].to_list())
    for result in published.values():
        assert not ids & _string_cells(_outputs(result))


def test_safe_harbor_keeps_only_years(published: dict[Method, DeidResult]) -> None:
    for name, frame in _outputs(published[Method.SAFE_HARBOR]).items():
        if "person_key" not in frame.columns:
            continue  # a campaign's start date is not about a person
        temporal = [column for column, dtype in frame.schema.items() if dtype.is_temporal()]
        assert temporal == [], f"{name} keeps full dates: {temporal}"


def test_zip3_and_restricted_prefixes(extract: Path, published: dict[Method, DeidResult]) -> None:
    patients_in = _inputs(extract)["patients"]
    patients_out = _outputs(published[Method.SAFE_HARBOR])["patients"]
    expected = [
        None if code is None else ("000" if code[:3] in RESTRICTED_ZIP3 else code[:3])
        for code in patients_in["ZIP"].to_list()
    ]
    assert patients_out["zip3"].to_list() == expected  # rows keep their input order
    assert "000" in expected
    assert "zip" not in patients_out.columns
    assert "city" not in patients_out.columns
    assert "county" not in patients_out.columns
    assert "fips" not in patients_out.columns


def test_ages_over_89_are_pooled(extract: Path, published: dict[Method, DeidResult]) -> None:
    result = published[Method.SAFE_HARBOR]
    patients_in = _inputs(extract)["patients"]
    patients_out = _outputs(result)["patients"]
    reference = _inputs(extract)["encounters"]["START"].max().date()  # type: ignore[union-attr]
    births = patients_in["BIRTHDATE"].to_list()
    old = [
        (reference.year - born.year - ((reference.month, reference.day) < (born.month, born.day))) >= 90
        for born in births
    ]
    assert any(old)
    assert patients_out["age_90_plus"].to_list() == old
    years = patients_out["birthdate_year"].to_list()
    assert all((year is None) == is_old for year, is_old in zip(years, old, strict=True))
    assert all(year == born.year for year, born, is_old in zip(years, births, old, strict=True) if not is_old)


def test_limited_data_set_keeps_dates_and_zip5_but_no_direct_identifiers(
    extract: Path, published: dict[Method, DeidResult]
) -> None:
    patients_in = _inputs(extract)["patients"]
    patients_out = _outputs(published[Method.LIMITED_DATA_SET])["patients"]
    assert patients_out["birthdate"].to_list() == patients_in["BIRTHDATE"].to_list()
    assert patients_out["zip"].to_list() == patients_in["ZIP"].to_list()
    assert {"city", "county", "fips"} <= set(patients_out.columns)
    assert not {"first", "last", "ssn", "mrn", "address", "phone", "email"} & set(patients_out.columns)


def test_free_text_is_dropped_when_asked_and_said_so(published: dict[Method, DeidResult]) -> None:
    import json  # noqa: PLC0415

    result = published[Method.SAFE_HARBOR]
    manifest = json.loads(result.manifest.read_text())
    assert manifest["free_text"] == {"action": "drop"}
    dropped = manifest["columns_dropped"]["free_text"]
    assert {"notes.TEXT", "Task.Description", "Task.Subject", "SurveyResponse__c.Comment__c"} <= set(dropped)
    outputs = _outputs(result)
    assert "text" not in outputs["notes"].columns
    assert "description" not in outputs["crm_tasks"].columns


def test_linked_contacts_share_the_patients_person_key(published: dict[Method, DeidResult]) -> None:
    for result in published.values():
        outputs = _outputs(result)
        persons = outputs["persons"]
        patient_keys = set(outputs["patients"]["person_key"].to_list())
        contact_keys = set(outputs["crm_contacts"]["person_key"].to_list())
        linked = persons.filter(pl.col("in_emr") & pl.col("in_crm"))
        assert result.linkage is not None
        assert linked.height > 0.5 * result.linkage.contacts
        assert set(linked["person_key"].to_list()) == patient_keys & contact_keys
        assert persons["person_key"].n_unique() == persons.height
        assert set(outputs["encounters"]["person_key"].to_list()) <= patient_keys


def test_exposures_are_attached_without_dates_or_places(published: dict[Method, DeidResult]) -> None:
    outputs = _outputs(published[Method.SAFE_HARBOR])
    exposures = outputs["exposures"]
    assert set(exposures["variable"].unique().to_list()) == {"aqi", "pollen_total", "tmean_c"}
    assert set(exposures.columns) == {
        "encounter_key",
        "variable",
        "person_key",
        "same_day",
        "lag1",
        "mean_7d",
    }
    assert set(exposures["encounter_key"].to_list()) <= set(outputs["encounters"]["encounter_key"].to_list())


def test_parquet_metadata_names_method_and_settings(published: dict[Method, DeidResult]) -> None:
    import pyarrow.parquet as pq  # noqa: PLC0415

    result = published[Method.EXPERT_DETERMINATION]
    metadata = pq.read_metadata(result.out / "encounters.parquet").metadata
    assert metadata[b"healthtrove.method"] == b"expert_determination"
    assert len(metadata[b"healthtrove.settings_sha256"]) == 64
    assert TEST_KEY.encode() not in b"".join(metadata.values())
    assert pq.read_metadata(result.out / "encounters.parquet").row_group(0).column(0).compression == "ZSTD"


def test_reference_date_defaults_to_latest_encounter(published: dict[Method, DeidResult]) -> None:
    import json  # noqa: PLC0415

    manifest = json.loads(published[Method.SAFE_HARBOR].manifest.read_text())
    assert manifest["reference_year"] <= dt.date.today().year
    with pytest.raises(KeyError):
        manifest["reference_date"]  # only the year is published
