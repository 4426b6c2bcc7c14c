"""Detection of PHI in a batch of texts by one process: recognizers, gated NER, allow lists.

A :class:`Detector` holds the heavy state (a Presidio ``AnalyzerEngine`` with the
healthtrove recognizers, a blank tokenizer, and spaCy trimmed to NER) and is built once
per process. For each batch it

1. runs every recognizer of its ``AnalyzerEngine``'s registry as ``analyze`` does, with
   lazy NLP artifacts (tokens only if a recognizer asks) and a context enhancer that
   reads the words around each match instead of tokenizing the text;
2. asks :func:`~deid.text._gating.needs_ner` which texts still hold capitalised words
   nothing explains, and runs NER on those only, in one ``nlp.pipe`` batch;
3. drops what the allow lists say is not PHI and merges overlapping detections;
4. under the ``high_recall`` policy, adds the safe-list backstop's spans
   (:mod:`deid.text.backstop`): every word and number no list knows to be safe.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from presidio_analyzer import EntityRecognizer, RecognizerResult

from data_contracts.entities import EntityType
from deid.offline import disable_network_lookups, load_nlp_engine
from deid.text._allow import filter_allowed, never_name_words
from deid.text._artifacts import LazyNlpArtifacts
from deid.text._config import TextEngineSettings
from deid.text._context import WindowContextEnhancer
from deid.text._gating import needs_ner
from deid.text._merge import merge_spans
from deid.text._ner import NerRecognizer, ner_pipeline
from deid.text._safelist import SafeList, safe_list
from deid.text._spans import TextSpan
from deid.text.backstop import backstop_spans, glue_spans
from deid.text.recognizers.name_lexicon import COMMON, GIVEN, NEVER, SURNAME, name_lexicon

if TYPE_CHECKING:
    from presidio_analyzer import AnalyzerEngine
    from spacy.language import Language

__all__ = ["Detector", "RecognizerFactory"]

logger = logging.getLogger(__name__)

_WARM_UP = "Seen 3/4/2021 by Dr. Ann Lee of Springfield at 12 Main St; call 555-201-0100, MRN 12345678."
"""A made-up sentence touching every kind of recognizer once, run when a detector is built."""

RECOGNIZER_NAME_KEY = RecognizerResult.RECOGNIZER_NAME_KEY
RECOGNIZER_IDENTIFIER_KEY = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
_NER_PIECE_CHARACTERS = 50_000
"""Longest text given to spaCy at once (its default limit is 1,000,000; memory grows with length)."""

RecognizerFactory = Callable[[], Sequence[EntityRecognizer]]
"""Returns fresh recognizer instances (called once per process)."""


def _spans(results: list[RecognizerResult]) -> list[TextSpan]:
    spans: list[TextSpan] = []
    for result in results:
        if result.entity_type not in EntityType.__members__:
            logger.debug("ignored a detection of an entity type healthtrove does not know")
            continue
        source = (result.recognition_metadata or {}).get("recognizer_name", "unknown")
        spans.append(
            TextSpan(
                start=result.start,
                end=result.end,
                entity_type=EntityType(result.entity_type),
                score=round(float(result.score), 4),
                source=str(source),
            )
        )
    return spans


def _pieces(text: str, limit: int = _NER_PIECE_CHARACTERS) -> list[tuple[int, str]]:
    """Split ``text`` into ``(offset, piece)`` of at most ``limit`` characters, at line or word ends.

    Examples
    --------
    >>> _pieces("one two three", limit=8)
    [(0, 'one two '), (8, 'three')]
    """
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        end = max(text.rfind("\n", start, start + limit), text.rfind(" ", start, start + limit)) + 1
        if end <= start:
            end = start + limit
        pieces.append((start, text[start:end]))
        start = end
    pieces.append((start, text[start:]))
    return pieces


class Detector:
    """Finds PHI in batches of texts; build one per process.

    Parameters
    ----------
    settings
        Engine settings (pipeline, NER mode, thresholds).
    recognizers
        Returns the recognizers to register (besides NER).
    """

    def __init__(self, settings: TextEngineSettings, recognizers: RecognizerFactory) -> None:
        import spacy  # noqa: PLC0415 - heavy import, only when text work starts
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry  # noqa: PLC0415
        from presidio_analyzer.nlp_engine import SpacyNlpEngine  # noqa: PLC0415

        disable_network_lookups()
        self.settings = settings
        self._tokenizer: Language = spacy.blank("en")
        self._ner = NerRecognizer(dict(settings.ner_labels), score=settings.ner_score)
        registry = RecognizerRegistry(supported_languages=["en"])
        for recognizer in recognizers():
            if settings.policy == "high_recall" and getattr(recognizer, "covered_by_backstop", False):
                continue  # the backstop finds these names and towns: no need to look twice
            registry.add_recognizer(recognizer)
        registry.add_recognizer(self._ner)
        self._recognizers: list[EntityRecognizer] = list(registry.recognizers)
        self._own_context = {
            recognizer.id
            for recognizer in self._recognizers
            if type(recognizer).enhance_using_context is not EntityRecognizer.enhance_using_context
        }
        """Recognizers with their own context enhancement (none of healthtrove's; a site's may have)."""
        self._entities = sorted(
            {entity for recognizer in registry.recognizers for entity in recognizer.supported_entities}
        )
        self._nlp: Language | None = None
        if settings.ner_mode == "never":
            nlp_engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": settings.pipeline}])
            nlp_engine.nlp = {"en": self._tokenizer}  # type: ignore[assignment]  # never runs: artifacts are always passed in
        else:
            nlp_engine = load_nlp_engine(settings.pipeline)
            self._nlp = ner_pipeline(nlp_engine.get_nlp("en"))
        self._analyzer: AnalyzerEngine = AnalyzerEngine(
            registry=registry,
            nlp_engine=nlp_engine,
            supported_languages=["en"],
            context_aware_enhancer=WindowContextEnhancer(),
        )
        never_names = never_name_words()
        self._explained: Callable[[str], bool] = lambda word: word.lower() in never_names
        lexicon = name_lexicon()
        self._listed_name: Callable[[str], bool] = lambda word: (
            bool(lexicon.of(word) & (GIVEN | SURNAME)) and not lexicon.of(word) & (COMMON | NEVER)
        )
        self._safe: SafeList | None = safe_list() if settings.policy == "high_recall" else None
        self.ner_texts = 0
        self.detect([_WARM_UP])  # recognizers load their lists lazily: load them now, not mid-batch
        self.ner_texts = 0
        """Texts NER ran on so far (for reports and tests)."""

    def _recognized(self, texts: Sequence[str]) -> list[list[TextSpan]]:
        """Every recognizer's detections in each text, context-enhanced and thresholded.

        This is ``AnalyzerEngine.analyze`` without its final de-duplication, which breaks
        ties between equal detections by hash order (so the reported source could differ
        between processes); :func:`~deid.text._merge.merge_spans` breaks them by name.
        Each recognizer runs over the whole batch before the next (its patterns and lists
        stay warm in the processor's caches: about 10 % faster than text by text).
        """
        artifacts = [LazyNlpArtifacts(text, tokenizer=self._tokenizer) for text in texts]
        by_text: list[list[tuple[EntityRecognizer, list[RecognizerResult]]]] = [[] for _ in texts]
        for recognizer in self._recognizers:
            name = type(recognizer).__name__
            for text, text_artifacts, by_recognizer in zip(texts, artifacts, by_text, strict=True):
                found = (
                    recognizer.analyze(text=text, entities=self._entities, nlp_artifacts=text_artifacts) or []
                )
                for result in found:
                    metadata = result.recognition_metadata if result.recognition_metadata is not None else {}
                    metadata.setdefault(RECOGNIZER_NAME_KEY, name)
                    metadata.setdefault(RECOGNIZER_IDENTIFIER_KEY, recognizer.id)
                    result.recognition_metadata = metadata
                by_recognizer.append((recognizer, found))
        return [
            self._enhanced(text, text_artifacts, by_recognizer)
            for text, text_artifacts, by_recognizer in zip(texts, artifacts, by_text, strict=True)
        ]

    def _enhanced(
        self,
        text: str,
        artifacts: LazyNlpArtifacts,
        by_recognizer: list[tuple[EntityRecognizer, list[RecognizerResult]]],
    ) -> list[TextSpan]:
        """The detections of one text, context-enhanced and thresholded."""
        results: list[RecognizerResult] = []
        for index, (recognizer, found) in enumerate(by_recognizer):
            if not found or recognizer.id not in self._own_context:
                results.extend(found)  # unchanged by the base class: skip gathering the others
                continue
            others = [
                result
                for other, (_, theirs) in enumerate(by_recognizer)
                if other != index
                for result in theirs
            ]
            results.extend(recognizer.enhance_using_context(text, found, others, artifacts, None))
        enhancer = self._analyzer.context_aware_enhancer
        results = enhancer.enhance_using_context(text, results, artifacts, self._recognizers, None)
        return _spans([result for result in results if result.score >= self.settings.score_threshold])

    def _wants_ner(self, text: str, spans: list[TextSpan]) -> bool:
        if self.settings.ner_mode == "always":
            return True
        covered = [(span.start, span.end) for span in spans]
        return needs_ner(text, covered, explained=self._explained, listed_name=self._listed_name)

    def _named(self, texts: list[str]) -> list[list[TextSpan]]:
        """NER detections of each text; long texts go through spaCy in pieces."""
        assert self._nlp is not None  # noqa: S101 - only called when NER is on
        pieces = [
            (index, offset, piece) for index, text in enumerate(texts) for offset, piece in _pieces(text)
        ]
        docs = self._nlp.pipe((piece for _, _, piece in pieces), batch_size=self.settings.batch_size)
        found: list[list[TextSpan]] = [[] for _ in texts]
        for (index, offset, piece), doc in zip(pieces, docs, strict=True):
            artifacts = LazyNlpArtifacts(piece, tokenizer=self._tokenizer, doc=doc, entities=list(doc.ents))
            for result in self._ner.analyze(piece, self._ner.supported_entities, artifacts):
                result.start += offset
                result.end += offset
                found[index].extend(_spans([result]))
        return found

    def detect(self, texts: Sequence[str]) -> list[list[TextSpan]]:
        """Return the merged detections of each text, in order.

        Parameters
        ----------
        texts
            The texts.

        Returns
        -------
        list of list of TextSpan
            Per text, disjoint spans sorted by start (offsets into that text).
        """
        found = [
            filter_allowed(text, spans) for text, spans in zip(texts, self._recognized(texts), strict=True)
        ]
        if self._nlp is not None:
            chosen = [index for index, text in enumerate(texts) if self._wants_ner(text, found[index])]
            self.ner_texts += len(chosen)
            for index, named in zip(chosen, self._named([texts[index] for index in chosen]), strict=True):
                found[index].extend(filter_allowed(texts[index], named))
        merged = [merge_spans(text, spans) for text, spans in zip(texts, found, strict=True)]
        if self._safe is None:
            return merged
        backstopped = [
            merge_spans(text, [*spans, *backstop_spans(text, spans, self._safe)])
            for text, spans in zip(texts, merged, strict=True)
        ]
        return [
            merge_spans(text, [*spans, *glue_spans(text, spans, self._safe)])
            for text, spans in zip(texts, backstopped, strict=True)
        ]
