"""Trusted zone: the only package that reads identifiable data, keys or crosswalks.

``deid.run(config)`` de-identifies EMR and CRM extracts into a research dataset;
``deid.synth`` generates synthetic extracts with known truth for tests and demos.
"""

import logging

from deid.config import DeidConfig, RiskConfig, ShiftConfig
from deid.pipeline import DeidResult, run
from deid.report import rebuild_report

__all__ = ["DeidConfig", "DeidResult", "RiskConfig", "ShiftConfig", "rebuild_report", "run"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
