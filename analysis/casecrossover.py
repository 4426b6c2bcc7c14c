"""Time-stratified case-crossover studies: referent selection and conditional logistic regression.

:func:`case_crossover_referents` turns case events into strata of one case day and its
referent days (the same weekday in the same calendar month, Janes, Sheppard & Lumley
2005), with the exposure of each day; :func:`conditional_logistic` fits the conditional
logistic model (statsmodels ``ConditionalLogit``) and reports odds ratios, withheld when
the number of case strata is small under the disclosure policy.

Examples
--------
>>> import datetime as dt
>>> import polars as pl
>>> events = pl.DataFrame({"person": [1], "day": [dt.date(2021, 3, 10)]})
>>> days = pl.date_range(dt.date(2021, 3, 1), dt.date(2021, 3, 31), eager=True)
>>> series = pl.DataFrame({"date": days, "pm10": [float(day.day) for day in days]})
>>> strata = case_crossover_referents(
...     events, person="person", event_date="day", series=series, date="date", exposure="pm10"
... )
>>> strata.select("date", "case", "pm10").rows()[:2]
[(datetime.date(2021, 3, 3), 0, 3.0), (datetime.date(2021, 3, 10), 1, 10.0)]
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import polars as pl

from analysis._casecrossover_result import RESULT_SCHEMA, CaseCrossoverResult
from analysis._conditional_logit import odds_ratio_rows
from analysis._rates_input import check_options
from analysis._regression_inputs import (
    collected,
    drop_incomplete,
    require_columns,
    require_date,
    require_numeric,
)
from cohorts.disclosure import CheckEntry, DisclosurePolicy
from data_contracts import ConfigError, InputError

__all__ = ["CaseCrossoverResult", "case_crossover_referents", "conditional_logistic"]

logger = logging.getLogger(__name__)

_OUTPUT = "case_crossover"
# Four weeks either side reach every same-weekday day of any calendar month.
_WEEK_OFFSETS = range(-4, 5)


def case_crossover_referents(
    events: pl.DataFrame | pl.LazyFrame,
    *,
    person: str,
    event_date: str,
    series: pl.DataFrame | pl.LazyFrame,
    date: str,
    exposure: str,
    by: str | None = None,
) -> pl.DataFrame:
    """One stratum per case event: the event day and its time-stratified referent days.

    Referent days are every day in the same calendar month and year as the event day
    that falls on the same weekday, the event day excluded (Janes, Sheppard & Lumley
    2005). Each day carries the exposure from the daily ``series``, matched on the
    date (and on ``by``, e.g. a region, when given); a day absent from the series has
    a null exposure, which :func:`conditional_logistic` drops and counts.

    Parameters
    ----------
    events
        One row per case event, with ``person``, ``event_date`` (and ``by``).
    person
        Column identifying the person; kept in the output.
    event_date
        Column of event dates (``Date``; a ``Datetime`` is truncated to its date).
    series
        One row per day (per ``by`` value): ``date``, ``exposure`` (and ``by``).
    date
        Column of days in ``series``.
    exposure
        Numeric exposure column in ``series``.
    by
        Optional column in both tables on which days are matched as well.

    Returns
    -------
    pl.DataFrame
        Columns ``stratum`` (0, 1, ... in order of person, event date and ``by``),
        ``person``, ``by`` (if given), ``event_date``, ``date``, ``case`` (1 on the event
        day, 0 on referents) and ``exposure``; sorted by stratum and date.

    Raises
    ------
    ConfigError
        If a column is missing, or ``date`` is also the name of ``person``, ``event_date`` or ``by``.
    InputError
        If a date column is not a date, the exposure is not numeric, an event date is
        missing, or the series has more than one row for a day (and ``by`` value).

    Examples
    --------
    >>> import datetime as dt
    >>> events = pl.DataFrame({"person": [7], "day": [dt.date(2021, 3, 10)]})
    >>> series = pl.DataFrame({"date": [dt.date(2021, 3, 3)], "pm10": [12.0]})
    >>> strata = case_crossover_referents(
    ...     events, person="person", event_date="day", series=series, date="date", exposure="pm10"
    ... )
    >>> [day.day for day in strata["date"]], strata["case"].to_list()
    ([3, 10, 17, 24, 31], [0, 1, 0, 0, 0])
    """
    keys = [by] if by is not None else []
    event_frame = collected(events)
    series_frame = collected(series)
    require_columns(event_frame, [person, event_date, *keys], output=_OUTPUT, role="events table")
    require_columns(series_frame, [date, exposure, *keys], output=_OUTPUT, role="series")
    if date in (person, event_date, *keys):
        raise ConfigError(
            f"{_OUTPUT}: the series date column {date!r} has the name of a column of the events table; "
            "rename one of them so the output can hold both."
        )
    event_frame = require_date(event_frame, event_date, output=_OUTPUT)
    series_frame = require_date(series_frame, date, output=_OUTPUT)
    require_numeric(series_frame, [exposure], output=_OUTPUT)
    if event_frame[event_date].null_count():
        raise InputError(
            f"{_OUTPUT}: column {event_date!r} of the events table has missing dates; "
            "drop those events first."
        )
    daily = series_frame.select(date, *keys, exposure)
    if daily.select(date, *keys).is_duplicated().any():
        raise InputError(
            f"{_OUTPUT}: the series has more than one row for some day in column {date!r}"
            + (f" and {by!r}" if by else "")
            + "; aggregate it to one row per day first."
        )
    strata = (
        event_frame.select(person, *keys, event_date)
        .sort(person, event_date, *keys)
        .with_columns(stratum=pl.int_range(pl.len(), dtype=pl.Int64))
        .with_columns(_week=pl.lit(list(_WEEK_OFFSETS), dtype=pl.List(pl.Int64)))
        .explode("_week")
        .with_columns(_day=pl.col(event_date) + pl.duration(weeks=pl.col("_week")))
        .filter(
            (pl.col("_day").dt.month() == pl.col(event_date).dt.month())
            & (pl.col("_day").dt.year() == pl.col(event_date).dt.year())
        )
        .with_columns(case=(pl.col("_week") == 0).cast(pl.Int8))
        .drop("_week")
    )
    joined = strata.join(
        daily.rename({date: "_day"}), on=["_day", *keys], how="left", nulls_equal=True, maintain_order="left"
    )
    return (
        joined.rename({"_day": date})
        .select("stratum", person, *keys, event_date, date, "case", exposure)
        .sort("stratum", date)
    )


def conditional_logistic(
    data: pl.DataFrame | pl.LazyFrame,
    *,
    case: str = "case",
    stratum: str = "stratum",
    exposures: Sequence[str],
    weight: str | None = None,
    per: float = 1.0,
    alpha: float = 0.05,
    policy: DisclosurePolicy | None = None,
) -> CaseCrossoverResult:
    """Conditional logistic regression of ``case`` on ``exposures`` within strata.

    Fitted with statsmodels ``ConditionalLogit`` (BFGS, numerical Hessian for the errors).
    With ``weight``, each stratum counts as that many identical strata (frequency
    weights, e.g. the number of deaths on a case day that share one set of referent
    days): the conditional log-likelihood of each stratum is multiplied by its weight,
    which gives the same estimates and standard errors as replicating the strata.

    Rows with a missing value (null or NaN) in a used column are dropped and counted.
    When the number of informative case strata (a case and at least one referent) is
    hidden by ``policy``, every estimate is withheld; the check is logged either way.

    Parameters
    ----------
    data
        One row per stratum and day, e.g. from :func:`case_crossover_referents`.
    case
        Column of 1 (case) and 0 (referent).
    stratum
        Column identifying the strata.
    exposures
        Numeric exposure columns, at least one.
    weight
        Optional column of positive frequency weights, constant within a stratum.
    per
        Odds ratios are per this many units of each exposure: ``exp(per * beta)``.
    alpha
        Intervals have confidence ``1 - alpha`` (Wald, on the log-odds scale).
    policy
        Disclosure policy; defaults to :class:`~cohorts.disclosure.DisclosurePolicy` ``()``.

    Returns
    -------
    CaseCrossoverResult

    Raises
    ------
    ConfigError
        If a column is missing, no exposure is given, or ``per`` or ``alpha`` is out of range.
    InputError
        If a column is not numeric, ``case`` holds a value other than 0 or 1, or a weight
        is not positive or varies within a stratum.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(1)
    >>> exposure = rng.normal(size=(400, 4))
    >>> chosen = (exposure + rng.gumbel(size=(400, 4))).argmax(axis=1)  # log OR 1 per unit
    >>> data = pl.DataFrame({
    ...     "stratum": np.repeat(np.arange(400), 4),
    ...     "case": (np.arange(4)[None, :] == chosen[:, None]).astype(int).ravel(),
    ...     "x": exposure.ravel(),
    ... })
    >>> row = conditional_logistic(data, exposures=["x"]).table().row(0, named=True)
    >>> row["ci_low"] < np.e < row["ci_high"]
    True
    """
    if isinstance(exposures, str) or not exposures:
        raise ConfigError(f"{_OUTPUT}: 'exposures' must be a non-empty list of column names.")
    check_options(per=per, alpha=alpha)
    policy = policy or DisclosurePolicy()
    frame = collected(data)
    extra = [weight] if weight is not None else []
    require_columns(frame, [case, stratum, *exposures, *extra], output=_OUTPUT)
    require_numeric(frame, [case, *exposures, *extra], output=_OUTPUT)
    used, dropped = drop_incomplete(
        frame.select(stratum, case, *exposures, *extra), [stratum, case, *exposures, *extra]
    )
    _check_case_and_weight(used, case=case, stratum=stratum, weight=weight)
    informative = _informative(used, case=case, stratum=stratum)
    strata = informative.filter(pl.col(case) == 1)
    n_strata = strata.height
    n_cases = int(strata[weight].sum()) if weight is not None else n_strata
    withheld = policy.hides(n_strata) or policy.hides(n_cases) or n_strata == 0
    checks = (
        CheckEntry(
            _OUTPUT,
            "minimum case strata",
            1,
            int(withheld),
            f"estimates withheld when the number of case strata or case events is from 1 to "
            f"{policy.threshold - 1} (or none)",
        ),
    )
    if withheld:
        reason = f"fewer than {policy.threshold} case strata or case events"
        rows: list[tuple[object, ...]] = [
            (name, float(per), None, None, None, None, True, reason) for name in exposures
        ]
    else:
        rows = odds_ratio_rows(
            informative, case=case, stratum=stratum, exposures=exposures, weight=weight, per=per, alpha=alpha
        )
    logger.info("conditional logistic regression on %d exposure(s), withheld: %s", len(exposures), withheld)
    return CaseCrossoverResult(
        estimates=pl.DataFrame(rows, schema=RESULT_SCHEMA, orient="row"),
        checks=checks,
        n_strata=None if withheld else n_strata,
        n_cases=None if withheld else n_cases,
        n_rows=informative.height,
        n_dropped=dropped,
        alpha=float(alpha),
        policy=policy,
    )


def _check_case_and_weight(frame: pl.DataFrame, *, case: str, stratum: str, weight: str | None) -> None:
    if not frame[case].is_in([0, 1]).all():
        raise InputError(f"{_OUTPUT}: column {case!r} must hold only 0 (referent) and 1 (case).")
    if weight is None:
        return
    if not (frame[weight] > 0).all():
        raise InputError(f"{_OUTPUT}: weight column {weight!r} must be positive.")
    if frame.group_by(stratum).agg(pl.col(weight).n_unique() > 1)[weight].any():
        raise InputError(f"{_OUTPUT}: weight column {weight!r} must be constant within each stratum.")


def _informative(frame: pl.DataFrame, *, case: str, stratum: str) -> pl.DataFrame:
    """The rows of strata with at least one case and one referent, sorted by stratum."""
    counts = pl.col(case).sum().over(stratum)
    return frame.filter((counts > 0) & (counts < pl.len().over(stratum))).sort(stratum, maintain_order=True)
