"""Cheap shape gates in front of the expensive normalisations.

Each normaliser applies its regex replacements only to the cells passing an anchored
shape test, the others being replaced by empty strings first: a masked (null) cell
keeps its text in the buffer and string kernels would still rewrite it, while an empty
one costs nothing.
"""

from __future__ import annotations

import polars as pl

__all__ = ["at_least", "only", "only_if"]


def only_if(condition: pl.Expr, text: pl.Expr) -> pl.Expr:
    """The cell where the condition holds, else the empty string (cheap to process)."""
    return pl.when(condition).then(text).otherwise(pl.lit(""))


def only(text: pl.Expr, shape: str) -> pl.Expr:
    """The cell where it matches the regex ``shape``, else the empty string."""
    return only_if(text.str.contains(shape), text)


def at_least(key: pl.Expr, chars: int) -> pl.Expr:
    """The key where it has at least ``chars`` characters, else null."""
    return pl.when(key.str.len_chars() >= chars).then(key)
