"""The vectorised renderer: one polars pass per template, never a Python loop over rows.

Rows are dealt to templates by a seeded weighted draw among the templates whose
required context columns are non-null. Each template's rows render at once: every
slot occurrence becomes prefix, value and suffix columns, the text is their
concatenation and each span starts at the summed lengths of the pieces before it,
so offsets are exact by construction, even after re-casing.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl

from deid.synth.text._model import DRAW_BOUND, Draws, Slot, SlotRender, Template
from deid.synth.text._slots_dates import DATE_SLOTS
from deid.synth.text._slots_filler import FILLER_SLOTS
from deid.synth.text._slots_ids import ID_SLOTS
from deid.synth.text._slots_people import PEOPLE_SLOTS

__all__ = ["CONTEXT_COLUMNS", "SLOTS", "SPAN_LIST", "render", "required_columns"]

CONTEXT_COLUMNS: Mapping[str, pl.DataType] = {
    **dict.fromkeys(
        [
            "first_name",
            "last_name",
            "nickname",
            "relative_name",
            "relative_role",
            "provider_name",
            "phone",
            "email",
            "mrn",
            "account_number",
            "member_id",
            "ssn",
            "street",
            "city",
            "zip",
            "sex",
        ],
        pl.String(),
    ),
    "event_date": pl.Date(),
    "birth_date": pl.Date(),
    "age": pl.Int64(),
    "amount": pl.Float64(),
}
"""Context columns the slots read, with their dtypes; missing ones count as all null."""

SPAN_LIST = pl.List(
    pl.Struct({"start": pl.Int64, "end": pl.Int64, "entity_type": pl.String, "value": pl.String})
)

SLOTS: Mapping[str, Slot] = {
    slot.name: slot for slot in (*PEOPLE_SLOTS, *DATE_SLOTS, *ID_SLOTS, *FILLER_SLOTS)
}

_ROW = "__row"


@dataclass(frozen=True)
class _Piece:
    """A piece of a rendered text: a literal, or a column holding per-row text."""

    literal: str | None = None
    column: str | None = None
    entity_type: str | None = None
    phi_column: str | None = None


def required_columns(template: Template) -> frozenset[str]:
    """Return the context columns a template needs non-null."""
    return frozenset().union(*(SLOTS[name].requires for name in template.slot_names))


def render(context: pl.DataFrame, templates: Sequence[Template], *, seed: int, salt: str) -> pl.DataFrame:
    """Render one text per context row; see :func:`deid.synth.text.render_texts`."""
    if seed < 0:
        msg = f"seed must be a non-negative integer; got {seed}"
        raise ValueError(msg)
    frame = _conform(context)
    rng = np.random.default_rng([seed, zlib.crc32(salt.encode())])
    choice = _choose_templates(frame, templates, rng)
    groups = []
    for index, template in enumerate(templates):
        mask = choice == index
        if mask.any():
            rows = frame.filter(pl.Series(mask))
            groups.append(_render_template(rows, template, rng))
    if not groups:
        return frame.select("record_id", pl.lit("").alias("text"), pl.lit([], dtype=SPAN_LIST).alias("spans"))
    return pl.concat(groups).sort(_ROW).drop(_ROW)


def _conform(context: pl.DataFrame) -> pl.DataFrame:
    """Keep the columns slots read, cast them, blank strings to null; missing columns are null."""
    if "record_id" not in context.columns:
        msg = "the text context has no 'record_id' column; add one identifying each text's row"
        raise ValueError(msg)
    columns = [pl.col("record_id"), pl.int_range(pl.len(), dtype=pl.Int64).alias(_ROW)]
    for name, dtype in CONTEXT_COLUMNS.items():
        if name not in context.columns:
            columns.append(pl.lit(None, dtype=dtype).alias(name))
        elif dtype == pl.String:
            text = pl.col(name).cast(pl.String)
            columns.append(pl.when(text.str.strip_chars() != "").then(text).alias(name))
        else:
            columns.append(pl.col(name).cast(dtype))
    return context.select(columns)


def _choose_templates(
    frame: pl.DataFrame, templates: Sequence[Template], rng: np.random.Generator
) -> np.ndarray:
    """Weighted draw per row among the templates whose required columns the row has."""
    usable = np.ones((frame.height, len(templates)), dtype=bool)
    for index, template in enumerate(templates):
        required = sorted(required_columns(template))
        if required:
            present = frame.select(pl.all_horizontal([pl.col(name).is_not_null() for name in required]))
            usable[:, index] = present.to_series().to_numpy()
    weights = np.array([template.weight for template in templates])
    # Exponential race: the smallest Exp(1)/weight wins with probability proportional to weight.
    race = rng.exponential(size=usable.shape) / weights
    race[~usable] = np.inf
    if not usable.any(axis=1).all():
        msg = "no template fits some rows: every text kind needs a template without required columns"
        raise RuntimeError(msg)
    chosen: npt.NDArray[np.intp] = np.argmin(race, axis=1)
    return chosen


def _render_template(rows: pl.DataFrame, template: Template, rng: np.random.Generator) -> pl.DataFrame:
    slots = [SLOTS[name] for name in template.slot_names]
    draw_count = sum(slot.draws for slot in slots)
    draws = rng.integers(0, DRAW_BOUND, size=(rows.height, draw_count + 1), dtype=np.int64)
    recase = rng.random(rows.height)
    frame = rows.with_columns(
        pl.Series("__row_draw", draws[:, -1]),
        pl.Series("__recase", recase),
        *(pl.Series(f"__draw{column}", draws[:, column]) for column in range(draw_count)),
    ).lazy()
    pieces, stages, columns = _pieces(template, slots)
    for stage in stages:
        frame = frame.with_columns(**stage)
    frame = frame.with_columns(**columns)
    recased = bool(template.upper_share or template.lower_share)
    if recased:
        frame = _recase(frame, pieces, template)
    text, spans, keeps = _text_and_spans(pieces, recased=recased)
    rendered = frame.select(_ROW, "record_id", text, *spans, *keeps).collect()
    return rendered.select(_ROW, "record_id", "text").with_columns(_span_lists(rendered, len(spans)))


def _pieces(
    template: Template, slots: Sequence[Slot]
) -> tuple[list[_Piece], list[dict[str, pl.Expr]], dict[str, pl.Expr]]:
    """Lay out a template's pieces, the staged columns (in order) and the piece columns."""
    pieces: list[_Piece] = []
    stages: list[dict[str, pl.Expr]] = []
    columns: dict[str, pl.Expr] = {}
    next_draw = 0
    for index, slot in enumerate(slots):
        pieces.append(_Piece(literal=template.literals[index]))
        draws = Draws(
            [f"__draw{next_draw + offset}" for offset in range(slot.draws)], prefix=f"__slot{index}"
        )
        next_draw += slot.draws
        rendered: SlotRender = slot.build(draws)
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
            name = f"__{role}{index}"
            columns[name] = expr.cast(pl.String).fill_null("")
            is_value = role == "value" and slot.entity_type is not None
            phi_column = None
            if is_value and rendered.is_phi is not None:
                phi_column = f"__phi{index}"
                columns[phi_column] = rendered.is_phi.fill_null(value=False)
            pieces.append(
                _Piece(column=name, entity_type=slot.entity_type if is_value else None, phi_column=phi_column)
            )
    pieces.append(_Piece(literal=template.literals[-1]))
    return pieces, stages, columns


def _recase(frame: pl.LazyFrame, pieces: Sequence[_Piece], template: Template) -> pl.LazyFrame:
    """Upper- or lower-case whole rows, unless that would change a piece's length."""
    columns = [piece.column for piece in pieces if piece.column is not None]
    upper_safe = pl.all_horizontal(
        [pl.col(c).str.to_uppercase().str.len_chars() == pl.col(c).str.len_chars() for c in columns]
    )
    lower_safe = pl.all_horizontal(
        [pl.col(c).str.to_lowercase().str.len_chars() == pl.col(c).str.len_chars() for c in columns]
    )
    draw = pl.col("__recase")
    upper = (draw < template.upper_share) & upper_safe
    lower = (draw >= template.upper_share) & (draw < template.upper_share + template.lower_share) & lower_safe
    frame = frame.with_columns(upper.alias("__upper"), lower.alias("__lower"))
    return frame.with_columns(
        pl.when(pl.col("__upper"))
        .then(pl.col(c).str.to_uppercase())
        .when(pl.col("__lower"))
        .then(pl.col(c).str.to_lowercase())
        .otherwise(pl.col(c))
        .alias(c)
        for c in columns
    )


def _literal(text: str, *, recased: bool) -> pl.Expr:
    if not recased:
        return pl.lit(text)
    return (
        pl.when(pl.col("__upper"))
        .then(pl.lit(text.upper()))
        .when(pl.col("__lower"))
        .then(pl.lit(text.lower()))
        .otherwise(pl.lit(text))
    )


def _text_and_spans(
    pieces: Sequence[_Piece], *, recased: bool
) -> tuple[pl.Expr, list[pl.Expr], list[pl.Expr]]:
    """The text, one span struct per PHI piece and, per PHI piece, whether the row keeps it."""
    parts: list[pl.Expr] = []
    spans: list[pl.Expr] = []
    keeps: list[pl.Expr] = []
    constant = 0
    lengths: list[pl.Expr] = []
    for piece in pieces:
        if piece.column is None:
            if piece.literal:
                parts.append(_literal(piece.literal, recased=recased))
                constant += len(piece.literal)
            continue
        value = pl.col(piece.column)
        length = value.str.len_chars().cast(pl.Int64)
        if piece.entity_type is not None:
            start = pl.sum_horizontal([pl.lit(constant, dtype=pl.Int64), *lengths])
            keep = length > 0 if piece.phi_column is None else (length > 0) & pl.col(piece.phi_column)
            span = pl.struct(
                start=start, end=start + length, entity_type=pl.lit(piece.entity_type), value=value
            )
            spans.append(span.alias(f"__span{len(spans)}"))
            keeps.append(keep.alias(f"__keep{len(keeps)}"))
        parts.append(value)
        lengths.append(length)
    text = pl.concat_str(parts) if parts else pl.lit("", dtype=pl.String)
    return text.alias("text"), spans, keeps


def _span_lists(rendered: pl.DataFrame, span_count: int) -> pl.Series:
    """Gather each row's kept spans, in text order, into one list per row.

    Building lists of structs with ``concat_list`` and dropping nulls is slow, so the
    span columns are laid out row-major with each row's kept spans first, reshaped
    into fixed-width rows and sliced to each row's count.
    """
    rows = rendered.height
    if span_count == 0 or rows == 0:
        return pl.repeat(pl.lit([], dtype=SPAN_LIST), rows, eager=True).alias("spans")
    keep = rendered.select(f"__keep{index}" for index in range(span_count)).to_numpy().astype(bool)
    stacked = pl.concat([rendered.get_column(f"__span{index}") for index in range(span_count)])
    row_major = np.arange(rows)[:, None] + np.arange(span_count)[None, :] * rows
    kept_first = np.argsort(~keep, axis=1, kind="stable")
    order = np.take_along_axis(row_major, kept_first, axis=1).ravel()
    fixed = stacked.gather(order).reshape((rows, span_count))
    lists = fixed.cast(pl.List(fixed.dtype.inner))  # type: ignore[attr-defined]
    counts = pl.Series("count", keep.sum(axis=1), dtype=pl.Int64)
    sliced = pl.DataFrame([lists.alias("spans"), counts]).select(
        pl.col("spans").list.slice(0, pl.col("count"))
    )
    return sliced.to_series().cast(SPAN_LIST)
