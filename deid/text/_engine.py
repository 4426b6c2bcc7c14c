"""The text engine: batched, cached, multi-process PHI detection and scrubbing.

:class:`TextEngine` stores its settings and builds everything heavy on first use: a
:class:`~deid.text._detector.Detector` in this process (``workers=1``) or one in each
worker process. Each batch is deduplicated and looked up in a bounded LRU cache of
detections by text (CRM templates and copied notes repeat), so only new distinct texts
are analysed. Identifiers known from a text's linked record are matched per text on top
of the cached detections, so the cache never mixes one person's identifiers into
another's text.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing.synchronize import Barrier
from threading import BrokenBarrierError
from types import TracebackType
from typing import Self

from data_contracts.entities import EntityType
from deid.text._config import TextEngineSettings
from deid.text._detector import Detector, RecognizerFactory
from deid.text._known import KnownPhiRecognizer
from deid.text._merge import merge_spans
from deid.text._replace import Replacement, replace_spans
from deid.text._spans import KnownPhi, TextSpan

__all__ = ["ScrubbedText", "TextEngine"]

logger = logging.getLogger(__name__)

_SpanRow = tuple[int, int, str, float, str]
"""A span as sent between processes (plain tuples pickle fastest)."""

_WORKER_DETECTOR: Detector | None = None
_START_SECONDS = 600
_KNOWN_RECORDS_KEPT = 4_096
"""Records whose compiled known-identifier patterns are kept (a person's texts come together)."""


def _default_recognizers() -> Sequence[object]:
    from deid.text.recognizers import default_recognizers  # noqa: PLC0415 - heavy imports on use

    return default_recognizers()


def _to_rows(spans: list[TextSpan]) -> list[_SpanRow]:
    return [(span.start, span.end, span.entity_type.value, span.score, span.source) for span in spans]


def _from_rows(rows: list[_SpanRow]) -> tuple[TextSpan, ...]:
    return tuple(
        TextSpan(start=start, end=end, entity_type=EntityType(entity), score=score, source=source)
        for start, end, entity, score, source in rows
    )


def _start_worker(settings: TextEngineSettings, recognizers: RecognizerFactory, ready: Barrier) -> None:
    global _WORKER_DETECTOR  # noqa: PLW0603 - one detector per worker process, built once
    _WORKER_DETECTOR = Detector(settings, recognizers)
    with contextlib.suppress(BrokenBarrierError):
        ready.wait(timeout=_START_SECONDS)


def _started(_: int) -> bool:
    return _WORKER_DETECTOR is not None


def _detect_in_worker(texts: list[str]) -> list[list[_SpanRow]]:
    assert _WORKER_DETECTOR is not None  # noqa: S101 - set by the pool initializer
    return [_to_rows(spans) for spans in _WORKER_DETECTOR.detect(texts)]


@dataclass(frozen=True, slots=True)
class ScrubbedText:
    """A scrubbed text and the spans replaced in it.

    Parameters
    ----------
    text
        The text with every replaced span substituted.
    spans
        The replaced spans, with offsets into the *input* text.
    """

    text: str
    spans: tuple[TextSpan, ...]


class TextEngine:
    """Detect and replace PHI in batches of free texts.

    Parameters
    ----------
    settings
        How to detect and how many processes to use; defaults to
        :class:`~deid.text.TextEngineSettings` ``()``.
    recognizers
        Returns the recognizers to use besides NER; default: every healthtrove
        recognizer (:func:`deid.text.recognizers.default_recognizers`). With
        ``workers > 1`` and the ``spawn`` start method it must be picklable (a
        module-level function).

    Examples
    --------
    >>> from deid.text import TextEngine, TextEngineSettings
    >>> engine = TextEngine(TextEngineSettings(ner="never"))
    >>> engine.settings.workers
    1
    >>> with engine:  # doctest: +SKIP
    ...     engine.scrub(["Call 555-201-0199 re Dr. Lee"])[0].text
    'Call [PHONE] re Dr. [NAME]'
    """

    def __init__(
        self, settings: TextEngineSettings | None = None, *, recognizers: RecognizerFactory | None = None
    ) -> None:
        self.settings = settings if settings is not None else TextEngineSettings()
        self.recognizers = recognizers
        self._cache: OrderedDict[str, tuple[TextSpan, ...]] = OrderedDict()
        self._detector: Detector | None = None
        self._pool: ProcessPoolExecutor | None = None
        self._known: OrderedDict[KnownPhi, KnownPhiRecognizer] = OrderedDict()
        self.analysed_texts = 0
        """Distinct texts analysed so far (the rest came from the cache)."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def start(self) -> Self:
        """Build the detector, or start the worker processes, now rather than on first use.

        Returns
        -------
        TextEngine
            This engine.
        """
        if self.settings.workers == 1 and self._detector is None:
            self._detector = Detector(self.settings, self._factory())
        elif self.settings.workers > 1 and self._pool is None:
            self._start_pool()
        return self

    def close(self) -> None:
        """Stop the worker processes, if any (the engine starts them again when needed)."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    @property
    def ner_texts(self) -> int:
        """Texts NER ran on in this process (worker processes keep their own count)."""
        return self._detector.ner_texts if self._detector is not None else 0

    def _factory(self) -> RecognizerFactory:
        return self.recognizers if self.recognizers is not None else _default_recognizers  # type: ignore[return-value]

    def _detect(self, texts: list[str]) -> list[tuple[TextSpan, ...]]:
        self.analysed_texts += len(texts)
        if self.settings.workers == 1:
            detector = self.start()._detector
            assert detector is not None  # noqa: S101 - built by start()
            return [tuple(spans) for spans in detector.detect(texts)]
        pool = self._pool if self._pool is not None else self._start_pool()
        size = max(1, min(self.settings.chunk_size, -(-len(texts) // (self.settings.workers * 4))))
        chunks = [texts[start : start + size] for start in range(0, len(texts), size)]
        return [_from_rows(rows) for chunk in pool.map(_detect_in_worker, chunks) for rows in chunk]

    def _start_pool(self) -> ProcessPoolExecutor:
        """Start every worker and wait until each has built its detector."""
        context = multiprocessing.get_context(self.settings.start_method)
        workers = self.settings.workers
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_start_worker,
            initargs=(self.settings, self._factory(), context.Barrier(workers)),
        )
        # One task per worker makes the pool start them all (it spawns on demand); the
        # barrier in the initializer holds each until all are ready.
        all(self._pool.map(_started, range(workers)))
        return self._pool

    def _detections(self, texts: Sequence[str]) -> list[tuple[TextSpan, ...]]:
        found: dict[str, tuple[TextSpan, ...]] = {}
        for text in texts:
            if text not in found and text in self._cache:
                self._cache.move_to_end(text)
                found[text] = self._cache[text]
        new = list(dict.fromkeys(text for text in texts if text not in found))
        if new:
            found.update(zip(new, self._detect(new), strict=True))
        if self.settings.cache_size:
            for text in new:
                self._cache[text] = found[text]
            while len(self._cache) > self.settings.cache_size:
                self._cache.popitem(last=False)
        return [found[text] for text in texts]

    def _known_spans(self, text: str, record: KnownPhi) -> list[TextSpan]:
        """The record's identifiers in ``text``; each record's patterns are compiled once."""
        recognizer = self._known.get(record)
        if recognizer is None:
            recognizer = self._known[record] = KnownPhiRecognizer(record)
            if len(self._known) > _KNOWN_RECORDS_KEPT:
                self._known.popitem(last=False)
        else:
            self._known.move_to_end(record)
        return [
            TextSpan(
                start=result.start,
                end=result.end,
                entity_type=EntityType(result.entity_type),
                score=result.score,
                source=KnownPhiRecognizer.__name__,
            )
            for result in recognizer.analyze(text, [])
        ]

    def analyze(
        self, texts: Sequence[str], known: Sequence[KnownPhi | None] | None = None
    ) -> list[list[TextSpan]]:
        """Return the PHI spans found in each text.

        Parameters
        ----------
        texts
            The texts, analysed as one batch.
        known
            Per text, the identifiers known from its linked record (or None); matched
            case-insensitively, as surname alone, as initials and in typed layouts.

        Returns
        -------
        list of list of TextSpan
            Per text, in order: disjoint spans sorted by start, offsets into that text.

        Raises
        ------
        ValueError
            If ``known`` is not as long as ``texts``.
        """
        if known is not None and len(known) != len(texts):
            msg = f"known must hold one entry per text: got {len(known)} for {len(texts)} texts"
            raise ValueError(msg)
        detected = self._detections(texts)
        if known is None:
            return [list(spans) for spans in detected]
        spans_per_text: list[list[TextSpan]] = []
        for text, spans, record in zip(texts, detected, known, strict=True):
            if record:
                spans_per_text.append(merge_spans(text, [*spans, *self._known_spans(text, record)]))
            else:
                spans_per_text.append(list(spans))
        return spans_per_text

    def scrub(
        self,
        texts: Sequence[str],
        known: Sequence[KnownPhi | None] | None = None,
        *,
        replacement: Replacement | None = None,
        person_ids: Sequence[str | None] | None = None,
    ) -> list[ScrubbedText]:
        """Return each text with its PHI replaced, and the spans replaced.

        Parameters
        ----------
        texts, known
            As for :meth:`analyze`.
        replacement
            Tags or surrogates, the HIPAA method (which entity types are replaced, and
            whether dates shift), and the project key; default: tags, Safe Harbor.
        person_ids
            Per text, the canonical identifier of the person it is about (``emr:<Id>``),
            which keys surrogates and date shifts; None where unknown.

        Returns
        -------
        list of ScrubbedText
            One per text, in order.
        """
        if person_ids is not None and len(person_ids) != len(texts):
            msg = f"person_ids must hold one entry per text: got {len(person_ids)} for {len(texts)} texts"
            raise ValueError(msg)
        policy = replacement if replacement is not None else Replacement()
        owners = person_ids if person_ids is not None else [None] * len(texts)
        scrubbed: list[ScrubbedText] = []
        for text, spans, person_id in zip(texts, self.analyze(texts, known), owners, strict=True):
            replaced_text, replaced = replace_spans(text, spans, policy=policy, person_id=person_id)
            scrubbed.append(ScrubbedText(text=replaced_text, spans=replaced))
        return scrubbed
