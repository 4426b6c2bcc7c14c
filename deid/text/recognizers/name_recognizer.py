"""The base of the name recognizers: Presidio plumbing around one ``find`` method."""

from __future__ import annotations

from abc import abstractmethod
from typing import TYPE_CHECKING, ClassVar

from presidio_analyzer import EntityRecognizer, RecognizerResult

from data_contracts.entities import EntityType

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

__all__ = ["NameRecognizer", "ScoredSpan"]

ScoredSpan = tuple[int, int, float]
"""``(start, end, score)`` of one name, character offsets, ``end`` exclusive."""


class NameRecognizer(EntityRecognizer):
    """A recognizer of ``PERSON`` names that needs no NLP artifacts.

    Subclasses implement :meth:`find`; :meth:`analyze` wraps its spans as Presidio results.
    """

    covered_by_backstop: ClassVar[bool] = False
    """Whether the safe-list backstop finds what this recognizer finds (then it is skipped under
    the ``high_recall`` policy, where the backstop runs)."""

    def __init__(self) -> None:
        super().__init__(supported_entities=[EntityType.PERSON.value], supported_language="en")

    def load(self) -> None:
        """Nothing to load: word lists are read once per process on first use."""

    @abstractmethod
    def find(self, text: str) -> list[ScoredSpan]:
        """The names in ``text`` as ``(start, end, score)``, in text order."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Presidio's entry point: the names :meth:`find` returns, when ``PERSON`` is asked for."""
        del nlp_artifacts
        if entities and EntityType.PERSON.value not in entities:
            return []
        return [
            RecognizerResult(entity_type=EntityType.PERSON.value, start=start, end=end, score=score)
            for start, end, score in self.find(text)
        ]
