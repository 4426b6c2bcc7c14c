"""Scrub the free-text columns of a table with the text engine, batch by batch.

A de-identification run hands each text to the engine with the identifiers known from
its linked record (:mod:`deid.known_phi`), plus the names held in the same row (a
note's author), and the person it is about, which keys surrogates and date shifts. The
scrubber is called by polars on batches of rows (:func:`scrub_expression`), so texts
stream through without the whole column in memory. It counts what it replaced, by
column and entity type, for the manifest and the report; it never keeps a text. Each
scrubbed batch also goes through the record-aware residual check
(:func:`deid.leakcheck.residual_findings`) with the same known identifiers, and its counts
add up per column in :attr:`TextScrubber.residual`.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING

import polars as pl

from deid.leakcheck import ResidualSummary, residual_findings, unreplaced_parts
from deid.text import KnownPhi

if TYPE_CHECKING:
    from deid.text import Replacement, ScrubbedText, TextEngine

__all__ = ["TextScrubber", "scrub_expression"]

_TEXT = "text"
_PERSON = "person_id"
_NAMES = "row_names"


class TextScrubber:
    """Scrubs batches of texts; counts replacements per column and entity type.

    Parameters
    ----------
    engine
        The text engine (its worker processes are reused across batches).
    known
        Canonical person identifier to the identifiers of that person's records.
    replacement
        Tags or surrogates, the method, and the project key.
    """

    def __init__(
        self, engine: TextEngine, *, known: Mapping[str, KnownPhi], replacement: Replacement
    ) -> None:
        self.engine = engine
        self.known = known
        self.replacement = replacement
        self.texts: Counter[str] = Counter()
        """Non-empty texts scrubbed, per ``table.column``."""
        self.replaced: Counter[tuple[str, str]] = Counter()
        """Spans replaced, per (``table.column``, entity type)."""
        self.by_recognizer: Counter[tuple[str, str]] = Counter()
        """Spans replaced, per (``table.column``, recognizer that found the span)."""
        self.seconds = 0.0
        """Time spent scrubbing (part of the transform step)."""
        self.residual = ResidualSummary()
        """What of each text's own record survived scrubbing, per ``table.column`` (counts)."""
        self.residual_seconds = 0.0
        """Time spent on the residual check (part of the transform step)."""
        self._lock = threading.Lock()

    def _known_for(self, person_id: str | None, row_names: Sequence[str] | None) -> KnownPhi | None:
        known = self.known.get(person_id) if person_id is not None else None
        names = tuple(name for name in row_names or () if name)
        if not names:
            return known
        base = known if known is not None else KnownPhi()
        return dataclasses.replace(base, relatives=(*base.relatives, *names))

    def _checked(self, text: str, result: ScrubbedText) -> str:
        """What the residual check searches: the scrubbed text, or with surrogates what is left of ``text``.

        A surrogate can equal one of the person's own names by chance ("Dr. Patrick Smith"
        written for another clinician in Patrick Herrera's call note).
        """
        if self.replacement.mode == "surrogate":
            return unreplaced_parts(text, [(span.start, span.end) for span in result.spans])
        return result.text

    def _check_residual(
        self, column: str, originals: list[str], scrubbed: list[ScrubbedText], known: list[KnownPhi | None]
    ) -> None:
        """Add the batch's residual counts (its texts against their own records) to ``column``."""
        started = time.perf_counter()
        searched = [self._checked(text, result) for text, result in zip(originals, scrubbed, strict=True)]
        self.residual = self.residual.added(column, residual_findings(searched, known))
        self.residual_seconds += time.perf_counter() - started

    def scrub_batch(self, batch: pl.Series, *, column: str) -> pl.Series:
        """Return the scrubbed texts of a batch (a struct of text, person and row names)."""
        texts: list[str | None] = batch.struct.field(_TEXT).to_list()
        persons: list[str | None] = batch.struct.field(_PERSON).to_list()
        names: list[list[str] | None] = batch.struct.field(_NAMES).to_list()
        rows = [index for index, text in enumerate(texts) if text]
        with self._lock:
            started = time.perf_counter()
            originals = [texts[index] or "" for index in rows]
            known = [self._known_for(persons[index], names[index]) for index in rows]
            scrubbed = self.engine.scrub(
                originals, known, replacement=self.replacement, person_ids=[persons[index] for index in rows]
            )
            out = list(texts)
            for index, result in zip(rows, scrubbed, strict=True):
                out[index] = result.text
                self.replaced.update((column, span.entity_type.value) for span in result.spans)
                self.by_recognizer.update((column, span.source) for span in result.spans)
            self.texts[column] += len(rows)
            self.seconds += time.perf_counter() - started
            self._check_residual(column, originals, scrubbed, known)
        return pl.Series(batch.name, out, dtype=pl.String)


def scrub_expression(
    text: str, *, person: pl.Expr, row_names: Sequence[str], scrubber: TextScrubber, label: str
) -> pl.Expr:
    """The scrubbed ``text`` column, computed batch by batch.

    Parameters
    ----------
    text
        The free-text column.
    person
        The canonical person identifier of each row (null where none).
    row_names
        Columns of the same row holding names (found in the text as known PHI).
    scrubber
        The run's scrubber.
    label
        ``table.column``, under which replacements are counted.
    """
    names = (
        pl.concat_list([pl.col(name) for name in row_names])
        if row_names
        else pl.lit(None, pl.List(pl.String))
    )
    record = pl.struct(pl.col(text).alias(_TEXT), person.alias(_PERSON), names.alias(_NAMES))
    return record.map_batches(
        partial(scrubber.scrub_batch, column=label), return_dtype=pl.String, is_elementwise=True
    )
