"""Gold annotation records: rendered spans in the layout the evaluation reads."""

from __future__ import annotations

import polars as pl

from deid.synth.text._kinds import ENTITY_IDENTIFIER

__all__ = ["GOLD_SPAN_LIST", "gold_records"]

GOLD_SPAN_LIST = pl.List(
    pl.Struct(
        {"start": pl.Int64, "end": pl.Int64, "type": pl.String, "identifier": pl.String, "value": pl.String}
    )
)


def gold_records(rendered: pl.DataFrame, *, table: str, column: str) -> pl.DataFrame:
    """Return one gold row per rendered text; see :func:`deid.synth.text.gold_records`."""
    missing = sorted({"record_id", "spans"} - set(rendered.columns))
    if missing:
        msg = f"gold_records needs the output of render_texts; columns {missing} are missing"
        raise ValueError(msg)
    entity_types = list(ENTITY_IDENTIFIER)
    identifiers = [ENTITY_IDENTIFIER[entity_type].value for entity_type in entity_types]
    span = pl.element().struct
    gold_span = pl.struct(
        start=span.field("start"),
        end=span.field("end"),
        type=span.field("entity_type"),
        identifier=span.field("entity_type").replace_strict(
            entity_types, identifiers, return_dtype=pl.String
        ),
        value=span.field("value"),
    )
    return rendered.select(
        pl.lit(table, dtype=pl.String).alias("table"),
        pl.lit(column, dtype=pl.String).alias("column"),
        pl.col("record_id").alias("id"),
        pl.col("spans").list.eval(gold_span).cast(GOLD_SPAN_LIST).alias("spans"),
    )
