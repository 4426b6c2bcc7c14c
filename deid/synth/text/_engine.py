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

import numpy as np
import numpy.typing as npt
import polars as pl

from deid.synth.text._model import DRAW_BOUND, ROW_DRAW, Template
from deid.synth.text._plan import RECASE_DRAW, draw_column, plan_for, required_columns

__all__ = ["CONTEXT_COLUMNS", "SPAN_LIST", "render"]

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

_ROW = "__row"


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
            groups.append(_render_template(frame.filter(pl.Series(mask)), template, rng))
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
) -> npt.NDArray[np.intp]:
    """Weighted draw per row among the templates whose required columns the row has."""
    usable = np.ones((frame.height, len(templates)), dtype=bool)
    for index, template in enumerate(templates):
        required = sorted(required_columns(template))
        if required:
            present = frame.select(pl.all_horizontal([pl.col(name).is_not_null() for name in required]))
            usable[:, index] = present.to_series().to_numpy()
    if not usable.any(axis=1).all():
        msg = "no template fits some rows: every text kind needs a template without required columns"
        raise RuntimeError(msg)
    weights = np.array([template.weight for template in templates])
    # Exponential race: the smallest Exp(1)/weight wins with probability proportional to weight.
    race = rng.exponential(size=usable.shape) / weights
    race[~usable] = np.inf
    chosen: npt.NDArray[np.intp] = np.argmin(race, axis=1)
    return chosen


def _render_template(rows: pl.DataFrame, template: Template, rng: np.random.Generator) -> pl.DataFrame:
    plan = plan_for(template)
    draws = rng.integers(0, DRAW_BOUND, size=(rows.height, plan.draw_count + 1), dtype=np.int64)
    recase = rng.random(rows.height)
    frame = rows.with_columns(
        pl.Series(ROW_DRAW.meta.output_name(), draws[:, -1]),
        pl.Series(RECASE_DRAW, recase),
        *(pl.Series(draw_column(index), draws[:, index]) for index in range(plan.draw_count)),
    )
    # Eager passes: the lazy engine adds ~20 ms of planning per template, and its default
    # streaming engine is several times slower on these expressions.
    for columns in plan.passes:
        frame = frame.with_columns(columns)
    rendered = frame.select(_ROW, "record_id", "text", *plan.spans, *plan.keeps)
    return rendered.select(_ROW, "record_id", "text").with_columns(_span_lists(rendered, len(plan.spans)))


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
