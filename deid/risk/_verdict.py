"""Judge a risk report against release thresholds, in sentences holding only figures."""

from __future__ import annotations

from dataclasses import dataclass

from deid.risk._errors import RiskInputError
from deid.risk._report import RiskReport

__all__ = ["RiskThresholds", "RiskVerdict", "risk_verdict"]


_RISK_TOLERANCE = 0.005
"""Half a unit of the second decimal: risks are compared at the precision guidance states them in."""


@dataclass(frozen=True, kw_only=True)
class RiskThresholds:
    """Release thresholds for a :class:`RiskReport` (expert determination practice).

    Parameters
    ----------
    k
        The smallest class size allowed (11 for public release, 5 for controlled sharing).
    highest_risk
        The highest prosecutor record risk allowed, 1/min f_j (EMA and Health Canada: 0.09).
        Risks are compared at the two decimals the guidance states them in (a tolerance
        of 0.005): 0.09 is the rounded 1/11, so a smallest class of 11 (1/11 = 0.0909)
        passes and one of 10 (0.1) fails, as the guidance intends.
    records_at_risk
        The largest share of records at risk allowed (prosecutor, records in classes with
        1/f_j above the report's threshold t); None to leave it unchecked.

    Raises
    ------
    RiskInputError
        If ``k`` is below 1, or a risk or share is outside its range.

    Examples
    --------
    >>> RiskThresholds(k=5, highest_risk=0.2)
    RiskThresholds(k=5, highest_risk=0.2, records_at_risk=None)
    """

    k: int = 11
    highest_risk: float = 0.09
    records_at_risk: float | None = None

    def __post_init__(self) -> None:
        if isinstance(self.k, bool) or not isinstance(self.k, int) or self.k < 1:
            msg = f"RiskThresholds.k must be a whole number of at least 1; got {self.k!r}."
            raise RiskInputError(msg)
        if not 0 < self.highest_risk <= 1:
            msg = f"RiskThresholds.highest_risk must be in (0, 1]; got {self.highest_risk!r}."
            raise RiskInputError(msg)
        if self.records_at_risk is not None and not 0 <= self.records_at_risk <= 1:
            msg = f"RiskThresholds.records_at_risk must be in [0, 1] or None; got {self.records_at_risk!r}."
            raise RiskInputError(msg)


@dataclass(frozen=True, kw_only=True)
class RiskVerdict:
    """Whether a report meets the thresholds, and a sentence per threshold it misses.

    Parameters
    ----------
    passed
        True when every threshold is met.
    failures
        One sentence per threshold missed, holding only figures, in the order k, highest
        risk, records at risk.
    """

    passed: bool
    failures: tuple[str, ...] = ()


def risk_verdict(report: RiskReport, thresholds: RiskThresholds) -> RiskVerdict:
    """Check ``report`` against ``thresholds`` (prosecutor risk, the most cautious model).

    Prosecutor risk is used because it never falls below journalist risk (F_j >= f_j).

    Parameters
    ----------
    report
        The output of :func:`~deid.risk.measure_risk`.
    thresholds
        The release thresholds.

    Returns
    -------
    RiskVerdict
        ``passed`` and the sentences of the failures.

    Examples
    --------
    >>> import polars as pl
    >>> from deid.risk import measure_risk
    >>> report = measure_risk(pl.DataFrame({"sex": ["F", "F", "F", "M"]}), ["sex"])
    >>> risk_verdict(report, RiskThresholds(k=3, highest_risk=0.5)).failures
    ('k = 1 is below the threshold 3', 'the highest record risk 1 is above the threshold 0.5')
    """
    failures = []
    if report.k < thresholds.k:
        failures.append(f"k = {report.k} is below the threshold {thresholds.k}")
    if report.prosecutor.highest > thresholds.highest_risk + _RISK_TOLERANCE:
        failures.append(
            f"the highest record risk {report.prosecutor.highest:.4g} is above the threshold "
            f"{thresholds.highest_risk:g}"
        )
    if (
        thresholds.records_at_risk is not None
        and report.prosecutor.records_at_risk > thresholds.records_at_risk
    ):
        failures.append(
            f"{report.prosecutor.records_at_risk:.2%} of records are at risk (record risk above "
            f"{report.risk_threshold:g}), above the threshold {thresholds.records_at_risk:.2%}"
        )
    return RiskVerdict(passed=not failures, failures=tuple(failures))
