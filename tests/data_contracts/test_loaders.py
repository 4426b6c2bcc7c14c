"""Loaders: good input in both formats, and every kind of bad input, value-free errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from data_contracts import InputError, InputValidationError, Source, load_extract, load_tables, table_contract
from data_contracts.files import unclaimed_files
from data_contracts.loaders import load_table
from data_contracts.registry import tables_of

from .conftest import ENCOUNTERS, PATIENTS, WriteTable, write_csv


def _assert_no_values(message: str, *values: str) -> None:
    for value in values:
        assert value not in message, "an error message must never contain a data value"


def test_loads_both_formats_with_contract_types(emr_dir: Path) -> None:
    tables = load_tables(emr_dir, Source.EMR)
    assert set(tables) == {"patients", "encounters"}
    patients = tables["patients"].frame.collect()
    assert patients.columns == table_contract("patients").schema.column_names()
    assert patients.schema["BIRTHDATE"] == pl.Date
    assert patients["BIRTHDATE"].to_list()[0] == dt.date(1931, 4, 12)
    assert patients["LAT"].dtype == pl.Float64
    assert tables["patients"].rows == 3
    assert "MRN" in tables["patients"].absent_columns
    assert patients["MRN"].null_count() == 3


def test_timestamps_in_several_layouts_parse(emr_dir: Path) -> None:
    starts = load_extract(emr_dir, Source.EMR)["encounters"].collect()["START"].to_list()
    assert starts == [
        dt.datetime(2022, 7, 20, 7, 13, 55),
        dt.datetime(2022, 8, 24, 7, 13, 55),
        dt.datetime(2021, 1, 2, 10, 0, 0),
        dt.datetime(2020, 3, 14, 0, 0, 0),
    ]


def test_result_is_lazy_and_reads_no_more_than_needed(emr_dir: Path) -> None:
    frame = load_extract(emr_dir, Source.EMR)["patients"]
    assert isinstance(frame, pl.LazyFrame)


def test_missing_required_table_is_an_input_error(tmp_path: Path, write_table: WriteTable) -> None:
    folder = tmp_path / "emr"
    write_table(PATIENTS, folder / "patients")
    with pytest.raises(InputError, match="required table 'encounters' not found") as caught:
        load_tables(folder, Source.EMR)
    assert caught.value.exit_code == 4


def test_missing_extract_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="extract folder not found"):
        load_tables(tmp_path / "nowhere", Source.CRM)


def test_missing_column_names_file_column_and_rule(tmp_path: Path, write_table: WriteTable) -> None:
    path = write_table(PATIENTS.drop("LAST"), tmp_path / "patients")
    with pytest.raises(InputValidationError) as caught:
        load_table(tmp_path, table_contract("patients"))
    assert caught.value.failures == ((str(path), "LAST", "column is present", 0),)
    assert caught.value.exit_code == 5


def test_wrong_type_counts_failing_rows_without_values(tmp_path: Path, write_table: WriteTable) -> None:
    bad = PATIENTS.with_columns(pl.Series("INCOME", ["12x", "86188", "lots"]))
    path = write_table(bad, tmp_path / "patients")
    with pytest.raises(InputValidationError) as caught:
        load_table(tmp_path, table_contract("patients"))
    assert caught.value.failures == ((str(path), "INCOME", "parses as a number", 2),)
    _assert_no_values(str(caught.value), "12x", "lots")


def test_unparseable_dates_are_counted_per_column(tmp_path: Path, write_table: WriteTable) -> None:
    bad = PATIENTS.with_columns(pl.Series("BIRTHDATE", ["1931-04-12", "31/31/1980", "yesterday"]))
    write_table(bad, tmp_path / "patients")
    with pytest.raises(
        InputValidationError, match=r"column 'BIRTHDATE': rule 'parses as a date.*': 2 rows fail"
    ) as e:
        load_table(tmp_path, table_contract("patients"))
    _assert_no_values(str(e.value), "31/31/1980", "yesterday")


def test_empty_required_value_is_counted(tmp_path: Path, write_table: WriteTable) -> None:
    bad = PATIENTS.with_columns(pl.Series("FIRST", ["Givenone", "", "Giventhree"]))
    write_table(bad, tmp_path / "patients")
    with pytest.raises(InputValidationError, match=r"column 'FIRST': rule 'is never empty': 1 rows fail"):
        load_table(tmp_path, table_contract("patients"))


def test_duplicate_keys_are_counted(tmp_path: Path, write_table: WriteTable) -> None:
    bad = PATIENTS.with_columns(pl.Series("Id", ["p-001", "p-001", "p-003"]))
    write_table(bad, tmp_path / "patients")
    with pytest.raises(InputValidationError) as caught:
        load_table(tmp_path, table_contract("patients"))
    (failure,) = caught.value.failures
    assert failure[1:] == (None, "primary key (Id) is unique", 2)
    _assert_no_values(str(caught.value), "p-001")


def test_enum_and_range_checks(tmp_path: Path, write_table: WriteTable) -> None:
    surveys = pl.DataFrame(
        {"Id": ["s1", "s2", "s3"], "Contact__c": ["c1", "c2", "c3"], "ResponseDate__c": ["2021-01-01"] * 3}
        | {"NPS__c": ["7", "11", "10"], "Comment__c": ["fine", "", "great"]}
    )
    write_table(surveys, tmp_path / "SurveyResponse__c")
    with pytest.raises(InputValidationError, match=r"column 'NPS__c': rule 'check check': 1 rows fail"):
        load_table(tmp_path, table_contract("SurveyResponse__c"))


def test_empty_file_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "patients.csv").write_bytes(b"")
    with pytest.raises(InputError, match="the file is empty"):
        load_table(tmp_path, table_contract("patients"))


def test_header_only_required_table_is_an_input_error(tmp_path: Path) -> None:
    write_csv(PATIENTS.head(0), tmp_path / "patients")
    with pytest.raises(InputError, match="has a header but no rows"):
        load_table(tmp_path, table_contract("patients"))


def test_header_only_optional_table_loads_empty(tmp_path: Path) -> None:
    conditions = pl.DataFrame(
        schema=dict.fromkeys(["START", "STOP", "PATIENT", "ENCOUNTER", "CODE", "DESCRIPTION"], pl.String)
    )
    write_csv(conditions, tmp_path / "conditions")
    loaded = load_table(tmp_path, table_contract("conditions"))
    assert loaded is not None
    assert loaded.rows == 0


def test_wrong_encoding_is_an_input_error_without_bytes(tmp_path: Path) -> None:
    text = "Id,FIRST\np-001,Jos\u00e9\n".encode("latin-1")
    (tmp_path / "patients.csv").write_bytes(text)
    with pytest.raises(InputError, match=r"not valid UTF-8 \(first bad byte on line 2\)") as caught:
        load_table(tmp_path, table_contract("patients"))
    _assert_no_values(str(caught.value), "Jos")


def test_utf8_with_byte_order_mark_loads(tmp_path: Path) -> None:
    path = write_csv(PATIENTS, tmp_path / "patients")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    loaded = load_table(tmp_path, table_contract("patients"))
    assert loaded is not None
    assert loaded.rows == 3


def test_corrupt_parquet_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "patients.parquet").write_bytes(b"PAR1 this is not parquet")
    with pytest.raises(InputError, match="not a readable Parquet file"):
        load_table(tmp_path, table_contract("patients"))


def test_csv_and_parquet_of_one_table_is_ambiguous(tmp_path: Path) -> None:
    write_csv(PATIENTS, tmp_path / "patients")
    PATIENTS.write_parquet(tmp_path / "patients.parquet")
    with pytest.raises(InputError, match="both CSV and Parquet"):
        load_table(tmp_path, table_contract("patients"))


def test_undeclared_column_fails_closed_unless_dropped(tmp_path: Path, write_table: WriteTable) -> None:
    extra = PATIENTS.with_columns(pl.lit("secret").alias("NOTES_EXTRA"))
    write_table(extra, tmp_path / "patients")
    with pytest.raises(InputValidationError, match=r"column 'NOTES_EXTRA': rule 'column is declared"):
        load_table(tmp_path, table_contract("patients"))
    loaded = load_table(tmp_path, table_contract("patients"), drop_undeclared=True)
    assert loaded is not None
    assert loaded.dropped_columns == ("NOTES_EXTRA",)
    assert "NOTES_EXTRA" not in loaded.frame.collect_schema().names()


def test_headerless_file_never_echoes_its_first_row(tmp_path: Path) -> None:
    body = PATIENTS.write_csv(include_header=False)
    (tmp_path / "patients.csv").write_text(body)
    with pytest.raises(InputValidationError) as caught:
        load_table(tmp_path, table_contract("patients"))
    first_row = PATIENTS.row(0)
    _assert_no_values(str(caught.value), *[value for value in first_row if len(value) > 3])
    assert "file column 1" in str(caught.value)


def test_old_synthea_headers_and_case_are_mapped(tmp_path: Path) -> None:
    old = ENCOUNTERS.rename({"BASE_ENCOUNTER_COST": "COST", "ENCOUNTERCLASS": "EncounterClass"})
    write_csv(old, tmp_path / "encounters")
    loaded = load_table(tmp_path, table_contract("encounters"))
    assert loaded is not None
    assert loaded.frame.collect()["BASE_ENCOUNTER_COST"].to_list() == [83.87, 129.16, None, 77.49]


def test_site_mapping_renames_headers(tmp_path: Path) -> None:
    write_csv(PATIENTS.rename({"Id": "Patient ID", "LAST": "Surname"}), tmp_path / "patients")
    loaded = load_table(
        tmp_path, table_contract("patients"), site_mapping={"Patient ID": "Id", "Surname": "LAST"}
    )
    assert loaded is not None
    assert loaded.frame.collect()["LAST"].to_list() == PATIENTS["LAST"].to_list()


def test_two_headers_onto_one_column_is_an_error(tmp_path: Path) -> None:
    write_csv(PATIENTS.with_columns(pl.col("LAST").alias("last")), tmp_path / "patients")
    with pytest.raises(InputValidationError, match="exactly one file column maps to it"):
        load_table(tmp_path, table_contract("patients"))


def test_several_files_of_one_table_are_read_as_one(tmp_path: Path) -> None:
    aqi = pl.DataFrame(
        {"State Code": ["31", "31"], "County Code": ["055", "109"], "Date": ["2020-01-01", "2020-01-01"]}
        | {"AQI": ["40", "55"]}
    )
    write_csv(aqi, tmp_path / "daily_aqi_by_county_2020")
    write_csv(aqi.with_columns(pl.lit("2021-01-01").alias("Date")), tmp_path / "daily_aqi_by_county_2021")
    loaded = load_table(tmp_path, table_contract("daily_aqi"))
    assert loaded is not None
    assert loaded.rows == 4
    assert len(loaded.files) == 2


def test_primary_key_duplicates_across_files_are_counted(tmp_path: Path) -> None:
    aqi = pl.DataFrame({"State Code": ["31"], "County Code": ["055"], "Date": ["2020-01-01"], "AQI": ["40"]})
    write_csv(aqi, tmp_path / "daily_aqi_by_county_a")
    write_csv(aqi, tmp_path / "daily_aqi_by_county_b")
    with pytest.raises(InputValidationError, match="primary key"):
        load_table(tmp_path, table_contract("daily_aqi"))


def test_logs_carry_no_values(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    extra = PATIENTS.with_columns(pl.lit("secret-extra").alias("NOTES_EXTRA"))
    write_csv(extra, tmp_path / "emr" / "patients")
    write_csv(ENCOUNTERS, tmp_path / "emr" / "encounters")
    with caplog.at_level("DEBUG"):
        load_tables(tmp_path / "emr", Source.EMR, drop_undeclared=True)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "dropped undeclared column NOTES_EXTRA" in logged
    values = [str(value) for row in PATIENTS.iter_rows() for value in row if value and len(str(value)) > 3]
    _assert_no_values(logged, "secret-extra", *values)


def test_files_without_a_contract_are_listed_not_read(tmp_path: Path) -> None:
    write_csv(PATIENTS, tmp_path / "patients")
    write_csv(PATIENTS.select("Id"), tmp_path / "devices")
    (tmp_path / "readme.txt").write_text("not a table")
    unread = unclaimed_files(tmp_path, tables_of(Source.EMR))
    assert [path.name for path in unread] == ["devices.csv"]


def test_cache_mode_gives_the_same_table_and_the_same_failures(
    tmp_path: Path, write_table: WriteTable
) -> None:
    write_table(PATIENTS, tmp_path / "in" / "patients")
    lazy = load_table(tmp_path / "in", table_contract("patients"))
    cache = tmp_path / "cache"
    cache.mkdir()
    cached = load_table(tmp_path / "in", table_contract("patients"), cache_dir=cache)
    assert lazy is not None
    assert cached is not None
    assert cached.frame.collect().equals(lazy.frame.collect())
    assert (cache / "patients.parquet").exists()
    bad = PATIENTS.with_columns(pl.Series("BIRTHDATE", ["1931-04-12", "never", "2001-12-05"]))
    write_table(bad, tmp_path / "bad" / "patients")
    with pytest.raises(InputValidationError, match="1 rows fail"):
        load_table(tmp_path / "bad", table_contract("patients"), cache_dir=cache)
