"""The result of a rate calculation: a tidy table after disclosure control, and its checks."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from analysis._html import result_html
from cohorts.disclosure import CheckEntry, DisclosurePolicy

__all__ = ["RateTable"]


@dataclass(frozen=True, eq=False)
class RateTable:
    """Rates per stratum after disclosure control.

    Parameters
    ----------
    rates
        One row per stratum, sorted by the stratum columns: the stratum columns,
        ``persons``, ``events``, ``person_time``, then ``rate``, ``ci_low``, ``ci_high``
        (:func:`incidence_rates`) or ``crude_rate``, ``crude_ci_low``, ``crude_ci_high``,
        ``adjusted_rate``, ``adjusted_ci_low``, ``adjusted_ci_high``
        (:func:`standardised_rates`), and ``suppressed``, ``reason``. Suppressed strata
        have nulls in every column but the stratum columns.
    checks
        The disclosure checks applied, for :class:`~cohorts.disclosure.OutputLog`.
    per
        Rates are per this much person-time.
    alpha
        Intervals have confidence ``1 - alpha``.
    policy
        The disclosure policy applied (its marker is shown for suppressed cells).

    Examples
    --------
    >>> from analysis import incidence_rates
    >>> people = pl.DataFrame({"events": [2, 3], "years": [10.0, 30.0]})
    >>> rates = incidence_rates(people, events="events", person_time="years", per=1.0)
    >>> rates.table().select("persons", "rate", "suppressed", "reason").row(0)
    (None, None, True, 'events and persons from 1 to 10')
    >>> "[suppressed]" in rates._repr_html_(), rates.checks[0].cells_suppressed
    (True, 1)
    """

    rates: pl.DataFrame
    checks: tuple[CheckEntry, ...]
    per: float
    alpha: float
    policy: DisclosurePolicy

    def table(self) -> pl.DataFrame:
        """The tidy table of rates (see :attr:`rates`)."""
        return self.rates.clone()

    def _repr_html_(self) -> str:
        """The rates as HTML, each suppressed cell shown as the policy's marker."""
        numeric = [name for name, dtype in self.rates.schema.items() if dtype.is_numeric()]
        caption = f"Rates per {self.per:g} person-time, {100 * (1 - self.alpha):g}% intervals"
        return result_html(self.rates, self.policy, hidden=numeric, caption=caption, css_class="rate-table")
