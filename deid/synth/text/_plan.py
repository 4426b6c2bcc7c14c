"""Compile a template into polars expressions, once, and reuse them for every batch of rows.

A plan holds the column passes that render a template (staged slot work, the
prefix/value/suffix pieces, their lengths, then the text, re-cased for a share of
rows) and the output expressions: one span struct per PHI piece and whether each
row keeps that span. The
expressions depend on the template only, so they are built once per process.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from deid.synth.text._model import Draws, Slot, Template
from deid.synth.text._slots_dates import DATE_SLOTS
from deid.synth.text._slots_filler import FILLER_SLOTS
from deid.synth.text._slots_ids import ID_SLOTS
from deid.synth.text._slots_people import PEOPLE_SLOTS

__all__ = ["RECASE_DRAW", "SLOTS", "Plan", "draw_column", "plan_for", "required_columns"]

SLOTS: Mapping[str, Slot] = {
    slot.name: slot for slot in (*PEOPLE_SLOTS, *DATE_SLOTS, *ID_SLOTS, *FILLER_SLOTS)
}
"""Every slot, by the name templates use."""

RECASE_DRAW = "__recase"
"""Uniform ``[0, 1)`` column deciding which rows are re-cased."""


def draw_column(index: int) -> str:
    """Name of the ``index``-th random draw column of a template."""
    return f"__draw{index}"


@dataclass(frozen=True)
class _Piece:
    """A piece of a rendered text: a literal, or a column holding per-row text."""

    literal: str | None = None
    column: str | None = None
    entity_type: str | None = None
    phi_column: str | None = None


@dataclass(frozen=True, kw_only=True)
class Plan:
    """The compiled form of a template."""

    draw_count: int
    """How many random draw columns (:func:`draw_column`) the passes read."""
    passes: tuple[tuple[pl.Expr, ...], ...]
    """Successive ``with_columns`` passes; the last one adds the ``text`` column."""
    spans: tuple[pl.Expr, ...]
    """One span struct per PHI piece, named ``__span{i}``."""
    keeps: tuple[pl.Expr, ...]
    """Whether the row keeps each span (non-empty, and PHI for ages), named ``__keep{i}``."""


def required_columns(template: Template) -> frozenset[str]:
    """Return the context columns a template needs non-null."""
    return frozenset().union(*(SLOTS[name].requires for name in template.slot_names))


@functools.cache
def plan_for(template: Template) -> Plan:
    """Compile ``template`` (cached: expressions are immutable and reusable)."""
    pieces, stages, columns, draw_count = _lay_out(template)
    passes = [tuple(expr.alias(name) for name, expr in stage.items()) for stage in stages]
    passes.append(tuple(expr.alias(name) for name, expr in columns.items()))
    length_pass, text, spans, keeps = _text_and_spans(pieces, template)
    passes.extend([length_pass, (text,)])
    return Plan(draw_count=draw_count, passes=tuple(passes), spans=tuple(spans), keeps=tuple(keeps))


def _lay_out(template: Template) -> tuple[list[_Piece], list[dict[str, pl.Expr]], dict[str, pl.Expr], int]:
    """A template's pieces, its staged columns (level by level), its piece columns and draw count."""
    pieces: list[_Piece] = []
    stages: list[dict[str, pl.Expr]] = []
    columns: dict[str, pl.Expr] = {}
    next_draw = 0
    for index, name in enumerate(template.slot_names):
        slot = SLOTS[name]
        pieces.append(_Piece(literal=template.literals[index]))
        draws = Draws(
            [draw_column(next_draw + offset) for offset in range(slot.draws)], prefix=f"__slot{index}"
        )
        next_draw += slot.draws
        rendered = slot.build(draws)
        for depth, level in enumerate(draws.levels):
            if depth == len(stages):
                stages.append({})
            stages[depth].update(level)
        for role, expr in (
            ("prefix", rendered.prefix),
            ("value", rendered.value),
            ("suffix", rendered.suffix),
        ):
            if expr is None:
                continue
            column = f"__{role}{index}"
            columns[column] = expr.cast(pl.String).fill_null("")
            is_value = role == "value" and slot.entity_type is not None
            phi_column = None
            if is_value and rendered.is_phi is not None:
                phi_column = f"__phi{index}"
                columns[phi_column] = rendered.is_phi.fill_null(value=False)
            entity_type = slot.entity_type if is_value else None
            pieces.append(_Piece(column=column, entity_type=entity_type, phi_column=phi_column))
    pieces.append(_Piece(literal=template.literals[-1]))
    return pieces, stages, columns, next_draw


def _recased(text: pl.Expr, template: Template) -> pl.Expr:
    """Upper- or lower-case the drawn share of rows, unless that would change the text's length.

    No character maps to nothing under case mapping, so an unchanged total length means
    every character kept its length and the offsets still hold.
    """
    draw = pl.col(RECASE_DRAW)
    upper, lower = text.str.to_uppercase(), text.str.to_lowercase()
    length = text.str.len_chars()
    wants_upper = draw < template.upper_share
    wants_lower = (draw >= template.upper_share) & (draw < template.upper_share + template.lower_share)
    return (
        pl.when(wants_upper & (upper.str.len_chars() == length))
        .then(upper)
        .when(wants_lower & (lower.str.len_chars() == length))
        .then(lower)
        .otherwise(text)
    )


def _text_and_spans(
    pieces: Sequence[_Piece], template: Template
) -> tuple[tuple[pl.Expr, ...], pl.Expr, list[pl.Expr], list[pl.Expr]]:
    """A pass of piece lengths; the text; per PHI piece, its span struct and whether the row keeps it."""
    recased = bool(template.upper_share or template.lower_share)
    parts: list[pl.Expr] = []
    spans: list[pl.Expr] = []
    keeps: list[pl.Expr] = []
    constant = 0
    lengths: list[pl.Expr] = []
    for piece in pieces:
        if piece.column is None:
            if piece.literal:
                parts.append(pl.lit(piece.literal))
                constant += len(piece.literal)
            continue
        length = pl.col(f"{piece.column}_length")
        if piece.entity_type is not None:
            start = pl.sum_horizontal([pl.lit(constant, dtype=pl.Int64), *lengths])
            # Re-cased rows take the value from the text itself, so it is exact whatever the case mapping.
            value = pl.col("text").str.slice(start, length) if recased else pl.col(piece.column)
            keep = length > 0 if piece.phi_column is None else (length > 0) & pl.col(piece.phi_column)
            span = pl.struct(
                start=start, end=start + length, entity_type=pl.lit(piece.entity_type), value=value
            )
            spans.append(span.alias(f"__span{len(spans)}"))
            keeps.append(keep.alias(f"__keep{len(keeps)}"))
        parts.append(pl.col(piece.column))
        lengths.append(length)
    text = pl.concat_str(parts) if parts else pl.lit("", dtype=pl.String)
    if recased:
        text = _recased(text, template)
    length_pass = tuple(
        pl.col(piece.column).str.len_chars().cast(pl.Int64).alias(f"{piece.column}_length")
        for piece in pieces
        if piece.column is not None
    )
    return length_pass, text.alias("text"), spans, keeps
