"""spaCy NER as a Presidio recognizer, and the pipeline trimmed to what NER needs.

Presidio's own ``SpacyRecognizer`` maps spaCy labels to Presidio's entity names; this
one maps them to healthtrove's :class:`~data_contracts.entities.EntityType` and keeps
only the labels asked for. It reads the entities of NLP artifacts the engine built with
:func:`ner_pipeline`, so spaCy runs once per text, batched, and only where needed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult

from data_contracts.entities import EntityType

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts
    from spacy.language import Language

__all__ = ["NerRecognizer", "ner_pipeline"]

_LEADING_MARKERS = re.compile(r"(?:(?:RT|rt|via|cc|CC)(?![^\W_])[\s:]*|[@#]\s*)+")
"""Social-media markers the small model takes into a name (``RT @ann_lee :``): not part of it."""
_HAS_LETTER = re.compile(r"[^\W\d_]")


def _trimmed(text: str, start: int, end: int) -> int | None:
    """``start`` moved past leading markers, or None when nothing with a letter remains."""
    marker = _LEADING_MARKERS.match(text, start, end)
    if marker is not None:
        start = marker.end()
    return start if _HAS_LETTER.search(text, start, end) else None


class NerRecognizer(LocalRecognizer):
    """Report the spaCy entities found in the NLP artifacts whose label is mapped.

    Parameters
    ----------
    labels
        spaCy label to entity type (``{"PERSON": EntityType.PERSON}``).
    score
        Score of every detection (spaCy's NER gives no confidence).
    """

    def __init__(self, labels: Mapping[str, EntityType], *, score: float) -> None:
        self.labels = dict(labels)
        self.score = score
        super().__init__(
            supported_entities=sorted({entity.value for entity in self.labels.values()}),
            supported_language="en",
            name=type(self).__name__,
        )

    def load(self) -> None:
        """Nothing to load: the engine runs spaCy."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return the mapped NER entities of ``nlp_artifacts`` (none without artifacts).

        Parameters
        ----------
        text
            The analysed text; leading social-media markers (``RT``, ``via``, ``@``) are
            trimmed from each entity, and entities left without a letter dropped.
        entities
            Entity names requested.
        nlp_artifacts
            Artifacts whose ``entities`` are spaCy spans.
        """
        if nlp_artifacts is None:
            return []
        results: list[RecognizerResult] = []
        for entity in nlp_artifacts.entities:
            mapped = self.labels.get(entity.label_)
            if mapped is None or mapped.value not in entities:
                continue
            start = _trimmed(text, entity.start_char, entity.end_char)
            if start is None:
                continue
            explanation = AnalysisExplanation(
                recognizer=type(self).__name__,
                original_score=self.score,
                textual_explanation=f"spaCy NER label {entity.label_}",
            )
            results.append(
                RecognizerResult(
                    entity_type=mapped.value,
                    start=start,
                    end=entity.end_char,
                    score=self.score,
                    analysis_explanation=explanation,
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: type(self).__name__,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                    },
                )
            )
        return results


def ner_pipeline(nlp: Language) -> Language:
    """Disable every component of ``nlp`` except NER and the embedding layers it listens to.

    In the ``en_core_web_*`` pipelines NER has its own ``tok2vec``, so tagging, parsing and
    lemmatising (two thirds of the time) are skipped; a pipeline whose NER listens to a
    shared ``tok2vec`` or ``transformer`` keeps that component.

    Raises
    ------
    ValueError
        If the pipeline has no ``ner`` component.
    """
    if "ner" not in nlp.pipe_names:
        msg = f"the spaCy pipeline {nlp.meta.get('name', '?')!r} has no 'ner' component"
        raise ValueError(msg)
    needed = {"ner"}
    for name, component in nlp.pipeline:
        if "ner" in getattr(component, "listening_components", ()):
            needed.add(name)
    nlp.select_pipes(enable=[name for name in nlp.pipe_names if name in needed])
    return nlp
