"""Output checks of a daily time-series model: total events, events per parameter, residual df."""

from __future__ import annotations

from analysis._models_disclosure import apply_rules
from cohorts.disclosure import CheckEntry, DisclosurePolicy
from data_contracts import ConfigError

__all__ = ["MIN_EVENTS_PER_PARAMETER", "check_release_options", "release_checks"]

_OUTPUT = "poisson_timeseries"
MIN_EVENTS_PER_PARAMETER = 10
"""Smallest total of the outcome per model parameter (intercept, exposure, splines, weekdays)."""


def check_release_options(*, override: bool, output: str) -> None:
    if not isinstance(override, bool):
        raise ConfigError(f"{_OUTPUT}: override must be True or False.")
    if not isinstance(output, str) or not output:
        raise ConfigError(f"{_OUTPUT}: output must be a non-empty name for the checks, e.g. 'pm10_deaths'.")


def release_checks(
    *, total_events: int, parameters: int, days: int, policy: DisclosurePolicy, override: bool, output: str
) -> tuple[tuple[CheckEntry, ...], str | None]:
    """The checks of a series and its model (before fitting), and why it is withheld; no count in a detail."""
    rules = [
        (
            "minimum events",
            policy.hides(total_events),
            f"series whose total of the outcome is from 1 to {policy.threshold - 1} withheld",
        ),
        (
            "events per parameter",
            total_events < MIN_EVENTS_PER_PARAMETER * parameters,
            f"models with fewer than {MIN_EVENTS_PER_PARAMETER} events per parameter withheld",
        ),
        (
            "residual degrees of freedom",
            days - parameters < policy.threshold,
            f"models with fewer than {policy.threshold} residual degrees of freedom withheld",
        ),
    ]
    # One estimate row per rule.
    verdict = apply_rules(rules, override=override, output=output, cells=1)
    return verdict.checks, verdict.withheld
