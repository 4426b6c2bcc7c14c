"""Research zone: correlation studies and models with disclosure control."""

import logging

from analysis.correlation import CorrelationResult, correlate

__all__ = ["CorrelationResult", "correlate"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
