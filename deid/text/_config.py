"""Settings of the text engine and the entity types each HIPAA method removes from text.

:class:`TextEngineSettings` is frozen: an engine stores it as given and builds its heavy
state (recognizers, spaCy pipelines, worker processes) from it on first use.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from data_contracts.entities import EntityType
from data_contracts.errors import ConfigError
from data_contracts.phi import Method
from deid.offline import DEFAULT_SPACY_PIPELINE

__all__ = ["DEFAULT_NER_LABELS", "METHOD_ENTITIES", "NerMode", "TextEngineSettings", "TextPolicy"]

NerMode = Literal["auto", "gated", "always", "never"]
TextPolicy = Literal["high_recall", "balanced"]
TEXT_POLICIES: tuple[TextPolicy, ...] = ("high_recall", "balanced")
StartMethod = Literal["spawn", "fork", "forkserver"]

DEFAULT_NER_LABELS: tuple[tuple[str, EntityType], ...] = (
    ("PERSON", EntityType.PERSON),
    ("GPE", EntityType.CITY),
    ("LOC", EntityType.CITY),
)
"""spaCy NER labels the engine keeps, and the entity type each becomes.

``GPE`` and ``LOC`` become ``CITY``: places the gazetteer misses (foreign towns,
neighbourhoods). Those naming a US state, a country or a continent are then dropped by
the allow lists (``deid/text/lists/regions.txt``): not PHI under Safe Harbor. ``DATE``
is left out: it adds durations and ages, and the date recognizers are more precise.
"""

_KEPT_BY_LIMITED_DATA_SET = frozenset(
    {EntityType.DATE, EntityType.AGE_OVER_89, EntityType.CITY, EntityType.ZIP}
)

METHOD_ENTITIES: Mapping[Method, frozenset[EntityType]] = MappingProxyType(
    {
        Method.SAFE_HARBOR: frozenset(EntityType),
        Method.EXPERT_DETERMINATION: frozenset(EntityType),
        Method.LIMITED_DATA_SET: frozenset(EntityType) - _KEPT_BY_LIMITED_DATA_SET,
    }
)
"""The entity types replaced in free text under each method (45 CFR 164.514).

- ``safe_harbor``: all 18 types are removed (tags or surrogates; dates never shifted).
- ``limited_data_set``: direct identifiers are removed; dates, ages over 89, cities and
  ZIP codes are kept, as 164.514(e) allows under a data use agreement.
- ``expert_determination``: all types are replaced, and dates are shifted by the
  person's offset (the same as in the structured tables) when the text's person and
  the project key are known; otherwise they become ``[DATE]``.
"""


@dataclass(frozen=True, slots=True, kw_only=True)
class TextEngineSettings:
    """How the text engine detects PHI and how it spends CPU.

    Parameters
    ----------
    policy
        ``"high_recall"`` (the default): after the detectors, the safe-list backstop
        (:mod:`deid.text.backstop`) replaces every word and number not known to be
        safe. ``"balanced"``: the detectors alone (higher precision, lower recall).
    pipeline
        Installed spaCy pipeline used for NER (never downloaded).
    workers
        Processes that analyse texts; 1 analyses in the calling process.
    ner
        ``"gated"`` runs NER only on texts with capitalised words nothing cheaper
        explains; ``"always"`` on every text; ``"never"`` not at all; ``"auto"`` (the
        default) is ``"never"`` under ``high_recall``, where the backstop does NER's
        work, and ``"gated"`` under ``balanced``.
    ner_labels
        spaCy NER labels kept, with the entity type each becomes.
    ner_score
        Score given to NER detections.
    score_threshold
        Detections scoring below this are dropped (after context enhancement).
    cache_size
        Distinct texts whose detections are remembered (least recently used evicted).
    batch_size
        Texts per spaCy ``nlp.pipe`` batch. spaCy's NER output can change with the
        other texts of its batch (floating-point sums), so the default 1 keeps every
        text's result independent of its neighbours, the order and the worker count;
        NER runs on few texts, so batching gains little.
    chunk_size
        Largest number of texts sent to a worker process at once.
    start_method
        How worker processes start (``multiprocessing`` start method).

    Examples
    --------
    >>> TextEngineSettings(workers=2).workers
    2
    >>> TextEngineSettings(workers=0)
    Traceback (most recent call last):
    ...
    data_contracts.errors.ConfigError: workers must be an integer >= 1, got 0
    """

    policy: TextPolicy = "high_recall"
    pipeline: str = DEFAULT_SPACY_PIPELINE
    workers: int = 1
    ner: NerMode = "auto"
    ner_labels: tuple[tuple[str, EntityType], ...] = DEFAULT_NER_LABELS
    ner_score: float = 0.85
    score_threshold: float = 0.4
    cache_size: int = 100_000
    batch_size: int = 1
    chunk_size: int = 512
    start_method: StartMethod = "spawn"

    def __post_init__(self) -> None:
        for name in ("workers", "batch_size", "chunk_size"):
            _require(
                isinstance(getattr(self, name), int) and getattr(self, name) >= 1,
                name,
                "an integer >= 1",
                self,
            )
        _require(
            isinstance(self.cache_size, int) and self.cache_size >= 0, "cache_size", "an integer >= 0", self
        )
        for name in ("ner_score", "score_threshold"):
            _require(0.0 <= getattr(self, name) <= 1.0, name, "a number in [0, 1]", self)
        _require(
            self.ner in ("auto", "gated", "always", "never"),
            "ner",
            "'auto', 'gated', 'always' or 'never'",
            self,
        )
        _require(self.policy in TEXT_POLICIES, "policy", "'high_recall' or 'balanced'", self)
        _require(
            self.start_method in ("spawn", "fork", "forkserver"),
            "start_method",
            "'spawn', 'fork' or 'forkserver'",
            self,
        )

    @property
    def ner_mode(self) -> NerMode:
        """The NER mode in effect (``"auto"`` resolved by the policy).

        Examples
        --------
        >>> TextEngineSettings().ner_mode, TextEngineSettings(policy="balanced").ner_mode
        ('never', 'gated')
        """
        if self.ner != "auto":
            return self.ner
        return "never" if self.policy == "high_recall" else "gated"


def _require(condition: bool, name: str, expected: str, settings: TextEngineSettings) -> None:  # noqa: FBT001
    if not condition:
        msg = f"{name} must be {expected}, got {getattr(settings, name)!r}"
        raise ConfigError(msg)
