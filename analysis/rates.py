"""Incidence rates, crude and directly age-standardised, safe to publish.

Rates come with exact Poisson (Garwood) intervals; standardised rates with Fay & Feuer
(1997) gamma intervals. Every stratum whose event or person count is small under the
:class:`~cohorts.disclosure.DisclosurePolicy` (1 to 10 by default), and any stratum that
would reveal one from the totals, is suppressed: its counts, person-time, rates and
intervals are null, and ``reason`` says why. The checks are kept for the output log.

A policy with ``rounding`` rounds the shown ``persons`` and ``events``, but rates are
computed from exact counts, so ``rate * person_time / per`` gives the exact event count
back: rounding here guards against differencing counts across outputs, not against that.

Examples
--------
>>> import polars as pl
>>> people = pl.DataFrame({"events": [3, 7, 0] * 10, "years": [100.0, 200.0, 700.0] * 10})
>>> rates = incidence_rates(people, events="events", person_time="years")
>>> rates.table().select("persons", "events", "rate").row(0)
(30, 100, 10.0)
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from analysis._rates_disclosure import suppress_strata
from analysis._rates_input import check_options, standard_weights, sum_by_stratum
from analysis._rates_intervals import fay_feuer_interval, poisson_interval
from analysis._rates_table import RateTable
from cohorts.disclosure import DisclosurePolicy
from data_contracts import InputError

__all__ = ["RateTable", "incidence_rates", "standardised_rates"]

_COUNTS = ("persons", "events")


def incidence_rates(
    table: pl.DataFrame | pl.LazyFrame,
    *,
    events: str,
    person_time: str,
    by: Sequence[str] = (),
    persons: str | None = None,
    per: float = 1000.0,
    alpha: float = 0.05,
    policy: DisclosurePolicy | None = None,
    output: str = "rates",
) -> RateTable:
    """Incidence rates with exact Poisson (Garwood) intervals, per stratum of ``by``.

    Parameters
    ----------
    table
        One row per person (or per group of persons, with ``persons``).
    events
        Column of event counts (whole numbers >= 0).
    person_time
        Column of person-time at risk (>= 0); every stratum must have some.
    by
        Stratum columns; empty for one overall rate.
    persons
        Column of person counts per row; by default each row is one person.
    per
        Rates are per this much person-time (1000.0: per 1,000 person-years).
    alpha
        Intervals have confidence ``1 - alpha``.
    policy
        Disclosure policy; defaults to :class:`~cohorts.disclosure.DisclosurePolicy` ``()``.
    output
        Name of the output, for the checks.

    Returns
    -------
    RateTable
        ``rate = events / person_time * per``; interval limits
        ``chi2.ppf(alpha/2, 2d) / 2`` (0 when ``d = 0``) and
        ``chi2.ppf(1 - alpha/2, 2d + 2) / 2`` divided by person-time, times ``per``.

    Raises
    ------
    InputError
        If a column is missing or not numeric, the table is empty, a value is null or
        negative, a count fractional, or a stratum has no person-time.
    ConfigError
        If ``per`` or ``alpha`` is out of range.

    Examples
    --------
    >>> people = pl.DataFrame(
    ...     {"sex": ["f", "m"], "events": [30, 12], "years": [1000.0, 500.0], "people": [200, 90]}
    ... )
    >>> rates = incidence_rates(people, events="events", person_time="years", by=["sex"], persons="people")
    >>> rates.table().select("sex", "rate", "ci_low", "ci_high", "suppressed").with_columns(
    ...     pl.col("ci_low", "ci_high").round(2)
    ... ).rows()
    [('f', 30.0, 20.24, 42.83, False), ('m', 24.0, 12.4, 41.92, False)]
    """
    policy, keys = _prepare(per=per, alpha=alpha, policy=policy, by=by)
    summed = sum_by_stratum(
        table, events=events, person_time=person_time, persons=persons, keys=keys, output=output
    )
    _require_person_time(summed, person_time=person_time, output=output)
    rates = summed.with_columns(_rate_columns(summed, per=per, alpha=alpha, prefix=""))
    return _released(rates, keys=keys, per=per, alpha=alpha, policy=policy, output=output)


def standardised_rates(
    table: pl.DataFrame | pl.LazyFrame,
    *,
    events: str,
    person_time: str,
    age_group: str,
    standard: pl.DataFrame,
    by: Sequence[str] = (),
    persons: str | None = None,
    per: float = 100000.0,
    alpha: float = 0.05,
    policy: DisclosurePolicy | None = None,
    output: str = "standardised_rates",
) -> RateTable:
    """Crude and directly age-standardised rates side by side, per stratum of ``by``.

    The adjusted rate is ``sum_i w_i d_i / t_i`` over the age groups ``i`` of the
    standard, with weights ``w_i`` normalised to sum to 1; its interval is Fay & Feuer's
    (1997) gamma interval. The crude rate and its exact Poisson interval sit alongside.

    Age groups of the standard missing from a stratum contribute no events and no
    person-time; their age-specific rate is undefined, so an age group with a positive
    weight and no person-time in some stratum raises :class:`InputError` (drop it from
    the standard, whose weights are then renormalised, or merge age groups). Age groups
    with weight 0 are ignored by the adjusted rate.

    Parameters
    ----------
    table
        One row per person or per group of persons (``persons``), with an age group.
    events, person_time, by, persons, per, alpha, policy, output
        As in :func:`incidence_rates`; ``per`` defaults to 100,000.
    age_group
        Column of age groups, in the data and in ``standard``.
    standard
        The standard population: column ``age_group`` and a ``weight`` or ``population``
        column, one row per age group.

    Returns
    -------
    RateTable
        Columns ``crude_rate``, ``crude_ci_low``, ``crude_ci_high``, ``adjusted_rate``,
        ``adjusted_ci_low``, ``adjusted_ci_high`` in place of ``rate``, ``ci_low``, ``ci_high``.

    Raises
    ------
    InputError
        As :func:`incidence_rates`, and if an age group with positive weight has no
        person-time in a stratum.
    ConfigError
        If ``per`` or ``alpha`` is out of range, or the standard is malformed or lacks an
        age group present in the data.

    Examples
    --------
    >>> data = pl.DataFrame(
    ...     {"age": ["young", "old"], "events": [20, 60], "years": [10000.0, 5000.0], "people": [900, 500]}
    ... )
    >>> standard = pl.DataFrame({"age": ["young", "old"], "population": [3, 1]})
    >>> rates = standardised_rates(
    ...     data, events="events", person_time="years", age_group="age", standard=standard,
    ...     persons="people", per=1000.0,
    ... )
    >>> rates.table().select("crude_rate", "adjusted_rate").with_columns(pl.all().round(3)).row(0)
    (5.333, 4.5)
    """
    policy, keys = _prepare(per=per, alpha=alpha, policy=policy, by=by)
    summed = sum_by_stratum(
        table,
        events=events,
        person_time=person_time,
        persons=persons,
        keys=[*keys, age_group],
        output=output,
    )
    weights = standard_weights(standard, age_group=age_group, data_groups=summed[age_group])
    sums = pl.col("persons", "events", "person_time").sum()
    totals = summed.group_by(keys).agg(sums).sort(keys, nulls_last=True) if keys else summed.select(sums)
    _require_person_time(totals, person_time=person_time, output=output)
    adjusted = _adjusted(summed, weights, keys=keys, age_group=age_group, per=per, alpha=alpha, output=output)
    rates = totals.with_columns(_rate_columns(totals, per=per, alpha=alpha, prefix="crude_"))
    rates = (
        rates.join(adjusted, on=keys, how="left", nulls_equal=True, maintain_order="left")
        if keys
        else pl.concat([rates, adjusted], how="horizontal")
    )
    return _released(rates, keys=keys, per=per, alpha=alpha, policy=policy, output=output)


def _prepare(
    *, per: float, alpha: float, policy: DisclosurePolicy | None, by: Sequence[str]
) -> tuple[DisclosurePolicy, list[str]]:
    check_options(per=per, alpha=alpha)
    return policy or DisclosurePolicy(), [by] if isinstance(by, str) else list(by)


def _require_person_time(summed: pl.DataFrame, *, person_time: str, output: str) -> None:
    empty = int((summed["person_time"] == 0).sum())
    if empty:
        raise InputError(
            f"{output}: column {person_time!r} sums to 0 in {empty} stratum/strata, where rates are "
            "undefined; drop those rows or merge strata."
        )


def _rate_columns(summed: pl.DataFrame, *, per: float, alpha: float, prefix: str) -> list[pl.Series]:
    event_counts = summed["events"].cast(pl.Float64).to_numpy()
    scale = per / summed["person_time"].to_numpy()
    lower, upper = poisson_interval(event_counts, alpha=alpha)
    return [
        pl.Series(f"{prefix}rate", event_counts * scale),
        pl.Series(f"{prefix}ci_low", lower * scale),
        pl.Series(f"{prefix}ci_high", upper * scale),
    ]


def _adjusted(
    summed: pl.DataFrame,
    weights: pl.DataFrame,
    *,
    keys: list[str],
    age_group: str,
    per: float,
    alpha: float,
    output: str,
) -> pl.DataFrame:
    weights = weights.filter(pl.col("weight") > 0)
    strata = summed.select(keys).unique(maintain_order=True) if keys else pl.DataFrame({"_all": [0]})
    cells = (
        strata.join(weights, how="cross")
        .join(summed, on=[*keys, age_group], how="left", nulls_equal=True)
        .with_columns(pl.col("events", "person_time").fill_null(0))
    )
    empty = int((cells["person_time"] == 0).sum())
    if empty:
        raise InputError(
            f"{output}: {empty} combination(s) of stratum and age group (column {age_group!r}) with a "
            "positive standard weight have no person-time, so the age-specific rate is undefined; "
            "drop those age groups from the standard or merge age groups."
        )
    groups = cells.partition_by(keys, maintain_order=True) if keys else [cells]
    limits = [
        (
            *(group.select(keys).row(0) if keys else ()),
            *fay_feuer_interval(
                group["weight"].to_numpy(),
                group["events"].cast(pl.Float64).to_numpy(),
                group["person_time"].to_numpy(),
                alpha=alpha,
            ),
        )
        for group in groups
    ]
    adjusted = ["adjusted_rate", "adjusted_ci_low", "adjusted_ci_high"]
    frame = pl.DataFrame(
        limits, schema={**strata.select(keys).schema, **dict.fromkeys(adjusted, pl.Float64)}, orient="row"
    )
    return frame.with_columns(pl.col(adjusted) * per)


def _released(
    rates: pl.DataFrame,
    *,
    keys: list[str],
    per: float,
    alpha: float,
    policy: DisclosurePolicy,
    output: str,
) -> RateTable:
    outcome = suppress_strata(
        rates["events"].to_list(), rates["persons"].to_list(), policy=policy, output=output
    )
    suppressed = pl.Series("suppressed", outcome.suppressed, dtype=pl.Boolean)
    hidden = [name for name in rates.columns if name not in keys]
    released = rates.with_columns(
        pl.when(suppressed).then(None).otherwise(pl.col(name)).alias(name) for name in hidden
    ).with_columns(
        pl.col(list(_COUNTS)).map_elements(policy.round_count, return_dtype=pl.Int64),
        suppressed,
        pl.Series("reason", outcome.reasons, dtype=pl.String),
    )
    return RateTable(released, outcome.checks, float(per), float(alpha), policy)
