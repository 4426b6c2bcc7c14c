"""Research zone: correlation studies and models with disclosure control."""

import logging

from analysis.correlation import CorrelationResult, correlate
from analysis.rates import RateTable, incidence_rates, standardised_rates

__all__ = ["CorrelationResult", "RateTable", "correlate", "incidence_rates", "standardised_rates"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
