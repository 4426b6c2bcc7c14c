"""Research zone: correlation studies and models with disclosure control."""

import logging

from analysis.casecrossover import CaseCrossoverResult, case_crossover_referents, conditional_logistic
from analysis.correlation import CorrelationResult, correlate
from analysis.models import ModelResult, linear, logistic, negative_binomial, poisson
from analysis.prediction import PredictionResult, predict
from analysis.rates import RateTable, incidence_rates, standardised_rates
from analysis.timeseries import TimeSeriesResult, poisson_timeseries

__all__ = [
    "CaseCrossoverResult",
    "CorrelationResult",
    "ModelResult",
    "PredictionResult",
    "RateTable",
    "TimeSeriesResult",
    "case_crossover_referents",
    "conditional_logistic",
    "correlate",
    "incidence_rates",
    "linear",
    "logistic",
    "negative_binomial",
    "poisson",
    "poisson_timeseries",
    "predict",
    "standardised_rates",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
