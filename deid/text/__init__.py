"""The free-text PHI engine: record-aware Presidio detection and replacement.

Clinical notes, call notes, emails, texts and survey comments go through here during a
de-identification run (and through ``healthtrove deid text`` ad hoc). Detection is
Presidio's ``AnalyzerEngine`` with healthtrove's recognizers, run offline, followed under
the ``high_recall`` policy (the default, :class:`TextEngineSettings`) by a safe-list
backstop that replaces every word no list knows to be safe; :class:`TextEngine`
batches, caches and spreads the work over processes, and :class:`Replacement` says how
detections are replaced.
"""

import importlib
import logging
from typing import TYPE_CHECKING, Any

from data_contracts.entities import EntityType
from deid.text._config import METHOD_ENTITIES, TextEngineSettings, TextPolicy
from deid.text._replace import Replacement, replace_spans
from deid.text._spans import KnownPhi, TextSpan

if TYPE_CHECKING:
    from deid.text._engine import ScrubbedText, TextEngine

__all__ = [
    "METHOD_ENTITIES",
    "EntityType",
    "KnownPhi",
    "Replacement",
    "ScrubbedText",
    "TextEngine",
    "TextEngineSettings",
    "TextPolicy",
    "TextSpan",
    "replace_spans",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())

_LAZY = {"ScrubbedText": "deid.text._engine", "TextEngine": "deid.text._engine"}
"""Names whose modules import Presidio and spaCy (seconds): loaded on first use, so a run
that drops free text, or code that only needs :class:`KnownPhi`, does not pay for them."""


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
