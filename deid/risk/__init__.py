"""Re-identification risk: measure it (ARX definitions), judge it, reduce it.

:func:`measure_risk` computes k, sample uniques, the class-size distribution, prosecutor,
journalist and marketer risk and distinct l-diversity from one polars group-by over the
quasi-identifiers; :func:`risk_verdict` checks a report against :class:`RiskThresholds`.
Results hold counts, sizes, shares and column names, never a data value.
"""

from __future__ import annotations

import logging

from deid.risk._errors import RiskInputError, RiskTargetUnreachableError
from deid.risk._measures import measure_risk
from deid.risk._report import DEFINITIONS, AttackerRisk, ClassSizeBucket, LDiversity, RiskReport
from deid.risk._verdict import RiskThresholds, RiskVerdict, risk_verdict

__all__ = [
    "DEFINITIONS",
    "AttackerRisk",
    "ClassSizeBucket",
    "LDiversity",
    "RiskInputError",
    "RiskReport",
    "RiskTargetUnreachableError",
    "RiskThresholds",
    "RiskVerdict",
    "measure_risk",
    "risk_verdict",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
