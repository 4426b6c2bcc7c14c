"""Re-identification risk: measure it (ARX definitions), judge it, reduce it.

:func:`measure_risk` computes k, sample uniques, the class-size distribution, prosecutor,
journalist and marketer risk and distinct l-diversity from one polars group-by over the
quasi-identifiers; :func:`risk_verdict` checks a report against :class:`RiskThresholds`.

:func:`reduce_risk` lowers the risk ARX-style: it generalises each quasi-identifier along
a :class:`Hierarchy` (built with :func:`age_bands`, :func:`year_bands`,
:func:`mapping_levels` or :func:`zip3_to_state`) and suppresses the records of classes
still too small, choosing the least information loss (Sweeney's precision).

Results hold counts, sizes, shares and column names, never a data value.
"""

from __future__ import annotations

import logging

from deid.risk._errors import RiskInputError, RiskTargetUnreachableError
from deid.risk._hierarchy import (
    SUPPRESSED_VALUE,
    Hierarchy,
    age_bands,
    mapping_levels,
    suppress_level,
    year_bands,
    zip3_to_state,
)
from deid.risk._measures import measure_risk
from deid.risk._reduce import Reduction, reduce_risk
from deid.risk._report import DEFINITIONS, AttackerRisk, ClassSizeBucket, LDiversity, RiskReport
from deid.risk._verdict import RiskThresholds, RiskVerdict, risk_verdict

__all__ = [
    "DEFINITIONS",
    "SUPPRESSED_VALUE",
    "AttackerRisk",
    "ClassSizeBucket",
    "Hierarchy",
    "LDiversity",
    "Reduction",
    "RiskInputError",
    "RiskReport",
    "RiskTargetUnreachableError",
    "RiskThresholds",
    "RiskVerdict",
    "age_bands",
    "mapping_levels",
    "measure_risk",
    "reduce_risk",
    "risk_verdict",
    "suppress_level",
    "year_bands",
    "zip3_to_state",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
