"""The report's risk section on a dataset: quasi-identifiers per person, population, l-diversity."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from data_contracts import Method
from data_contracts.errors import ConfigError
from deid.config import RiskConfig
from deid.pipeline import DeidResult
from deid.report import DEFAULT_QUASI_IDENTIFIERS, quasi_identifier_frame
from deid.report._risk import risk_section


def _tables(result: DeidResult) -> dict[str, pl.LazyFrame]:
    return {path.stem: pl.scan_parquet(path) for path in result.out.glob("*.parquet")}


def test_every_published_person_is_one_record(published: dict[Method, DeidResult]) -> None:
    for method, result in published.items():
        tables = _tables(result)
        frame = quasi_identifier_frame(tables, DEFAULT_QUASI_IDENTIFIERS[method]).collect()
        assert frame.height == result.tables["persons"]
        assert frame["person_key"].n_unique() == frame.height
        assert frame.columns == ["person_key", *DEFAULT_QUASI_IDENTIFIERS[method]]
        assert all(dtype == pl.String for dtype in frame.drop("person_key").dtypes)
        crm_only = tables["persons"].filter(~pl.col("in_emr")).select("person_key").collect()
        sexes = frame.join(crm_only, on="person_key")["sex"]
        assert sexes.null_count() == sexes.len()  # the CRM holds no sex
        assert frame.join(crm_only, on="person_key")["birth_year"].null_count() < sexes.len()


def test_pooled_ages_are_one_value(published: dict[Method, DeidResult]) -> None:
    result = published[Method.SAFE_HARBOR]
    tables = _tables(result)
    pooled = tables["patients"].filter(pl.col("age_90_plus")).select(pl.len()).collect().item()
    frame = quasi_identifier_frame(tables, ("birth_year",)).collect()
    assert pooled > 0
    assert (frame["birth_year"] == "90+").sum() == pooled


def test_population_gives_journalist_risk_and_sensitive_gives_l_diversity(
    published: dict[Method, DeidResult], tmp_path: Path
) -> None:
    result = published[Method.SAFE_HARBOR]
    tables = _tables(result)
    population = quasi_identifier_frame(tables, ("sex", "zip3")).drop("person_key").collect()
    path = tmp_path / "population.parquet"
    pl.concat([population] * 3).write_parquet(path)
    config = RiskConfig(quasi_identifiers=("sex", "zip3"), sensitive=("race",), population=path)
    section = risk_section(tables, Method.SAFE_HARBOR, config)
    measures = section["measures"]
    assert measures["journalist"]["highest"] == pytest.approx(measures["prosecutor"]["highest"] / 3)
    assert measures["marketer"] == pytest.approx(measures["prosecutor"]["average"] / 3)
    assert [entry["attribute"] for entry in measures["l_diversity"]] == ["race"]
    assert section["sources"]["race"] == "patients.race"
    assert section["enforced"] is False


def test_a_population_without_the_quasi_identifiers_is_a_config_error(
    published: dict[Method, DeidResult], tmp_path: Path
) -> None:
    path = tmp_path / "population.parquet"
    pl.DataFrame({"sex": ["F"]}).write_parquet(path)
    config = RiskConfig(quasi_identifiers=("sex", "zip3"), population=path)
    with pytest.raises(ConfigError, match="zip3"):
        risk_section(_tables(published[Method.SAFE_HARBOR]), Method.SAFE_HARBOR, config)
