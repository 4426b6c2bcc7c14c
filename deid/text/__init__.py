"""The free-text PHI engine: record-aware Presidio detection and replacement.

Clinical notes, call notes, emails, texts and survey comments go through here during a
de-identification run (and through ``healthtrove deid text`` ad hoc). Detection is
Presidio's ``AnalyzerEngine`` with healthtrove's recognizers, run offline;
:class:`TextEngine` batches, caches and spreads the work over processes, and
:class:`Replacement` says how detections are replaced.
"""

import logging

from data_contracts.entities import EntityType
from deid.text._config import METHOD_ENTITIES, TextEngineSettings
from deid.text._engine import ScrubbedText, TextEngine
from deid.text._replace import Replacement, replace_spans
from deid.text._spans import KnownPhi, TextSpan

__all__ = [
    "METHOD_ENTITIES",
    "EntityType",
    "KnownPhi",
    "Replacement",
    "ScrubbedText",
    "TextEngine",
    "TextEngineSettings",
    "TextSpan",
    "replace_spans",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
