"""The report's re-identification risk section, measured on the output dataset."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import polars as pl

from data_contracts.errors import ConfigError
from data_contracts.phi import Method
from deid.config import RiskConfig
from deid.report._quasi import DEFAULT_QUASI_IDENTIFIERS, QUASI_IDENTIFIER_SOURCES, quasi_identifier_frame
from deid.risk import RiskThresholds, measure_risk, risk_verdict

__all__ = ["risk_section"]


def _population(config: RiskConfig, quasi_identifiers: tuple[str, ...]) -> pl.LazyFrame | None:
    if config.population is None:
        return None
    if not config.population.is_file():
        msg = f"risk population file not found: {config.population}"
        raise ConfigError(msg)
    population = pl.scan_parquet(config.population)
    missing = [name for name in quasi_identifiers if name not in population.collect_schema().names()]
    if missing:
        msg = f"the risk population file lacks the quasi-identifier columns {missing}"
        raise ConfigError(msg)
    return population.select(pl.col(name).cast(pl.String) for name in quasi_identifiers)


def risk_section(tables: Mapping[str, pl.LazyFrame], method: Method, config: RiskConfig) -> dict[str, Any]:
    """Risk figures over the configured (or the method's default) quasi-identifiers.

    Returns
    -------
    dict
        ``quasi_identifiers``, ``sources`` (where each is read), ``sensitive``,
        ``thresholds``, ``enforced``, ``measures`` (:class:`deid.risk.RiskReport` as a
        dict) and ``verdict`` (``passed`` and ``failures``).
    """
    quasi = tuple(config.quasi_identifiers or DEFAULT_QUASI_IDENTIFIERS[method])
    frame = quasi_identifier_frame(tables, (*quasi, *config.sensitive))
    measures = measure_risk(
        frame,
        list(quasi),
        sensitive=list(config.sensitive),
        population=_population(config, quasi),
        risk_threshold=config.highest_risk,
    )
    verdict = risk_verdict(measures, RiskThresholds(k=config.k, highest_risk=config.highest_risk))
    return {
        "quasi_identifiers": list(quasi),
        "sources": {name: QUASI_IDENTIFIER_SOURCES[name] for name in (*quasi, *config.sensitive)},
        "sensitive": list(config.sensitive),
        "thresholds": {"k": config.k, "highest_risk": config.highest_risk},
        "enforced": config.enforced(method),
        "measures": measures.to_dict(),
        "verdict": {"passed": verdict.passed, "failures": list(verdict.failures)},
    }
