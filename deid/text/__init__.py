"""The free-text PHI engine: record-aware Presidio detection and replacement.

Clinical notes, call notes, emails, texts and survey comments go through here during a
de-identification run (and through ``healthtrove deid text`` ad hoc). Detection is
Presidio's ``AnalyzerEngine`` with healthtrove's recognizers, run offline.
"""

import logging

from data_contracts.entities import EntityType
from deid.text._spans import KnownPhi, TextSpan

__all__ = ["EntityType", "KnownPhi", "TextSpan"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
