"""Polars expressions that turn text read from an extract into contract dtypes.

Extracts arrive as text (CSV) or as loosely typed Parquet. Each contract dtype has one
parse expression; a value that is present in the input but null after parsing is a
parse failure, which the loader counts per column (it never looks at the value).
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

__all__ = [
    "DATETIME_FORMATS",
    "DATE_FORMATS",
    "FALSE_WORDS",
    "TRUE_WORDS",
    "parse_expression",
    "parse_rule_name",
]

DATE_FORMATS: tuple[str, ...] = ("%Y-%m-%d", "%m/%d/%Y", "%Y/%m/%d")
"""Calendar date layouts accepted wherever a date or timestamp is expected."""

DATETIME_FORMATS: tuple[str, ...] = (
    "%Y-%m-%dT%H:%M:%SZ",
    "%Y-%m-%dT%H:%M:%S%.fZ",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
)
"""Timestamp layouts without offset (read as UTC); ISO 8601 with an offset is also accepted."""

_OFFSET_FORMAT = "%Y-%m-%dT%H:%M:%S%.f%z"

TRUE_WORDS = ("true", "t", "yes", "y", "1")
FALSE_WORDS = ("false", "f", "no", "n", "0")


def _layout_parsers() -> list[Callable[[pl.Series], pl.Series]]:
    """One parser per accepted layout, most common first."""

    def naive_layout(layout: str) -> Callable[[pl.Series], pl.Series]:
        return lambda text: text.str.to_datetime(layout, strict=False, time_unit="us")

    naive = [naive_layout(layout) for layout in DATETIME_FORMATS]

    def with_offset(text: pl.Series) -> pl.Series:
        parsed = text.str.to_datetime(_OFFSET_FORMAT, strict=False, time_unit="us")
        return parsed.dt.convert_time_zone("UTC").dt.replace_time_zone(None)

    def date_only(layout: str) -> Callable[[pl.Series], pl.Series]:
        return lambda text: text.str.to_date(layout, strict=False).cast(pl.Datetime("us"))

    first_date, *other_dates = [date_only(layout) for layout in DATE_FORMATS]
    return [naive[0], first_date, *naive[1:], with_offset, *other_dates]


def _parse_timestamps(text: pl.Series) -> pl.Series:
    """Try each layout only on the values the earlier layouts could not parse.

    A column written in one layout costs one parse; mixed layouts cost one more pass
    per layout over the values still unparsed.
    """
    first, *others = _layout_parsers()
    parsed = first(text)
    pending = parsed.is_null() & text.is_not_null()
    for parse in others:
        if not pending.any():
            break
        positions = pending.arg_true()
        attempt = parse(text.gather(positions))
        parsed = parsed.scatter(positions, attempt)
        pending = pending.scatter(positions, attempt.is_null())
    return parsed


def _timestamp(text: pl.Expr) -> pl.Expr:
    return text.map_batches(_parse_timestamps, return_dtype=pl.Datetime("us"), is_elementwise=True)


def _boolean(text: pl.Expr) -> pl.Expr:
    lowered = text.str.to_lowercase()
    return (
        pl.when(lowered.is_in(TRUE_WORDS))
        .then(pl.lit(value=True))
        .when(lowered.is_in(FALSE_WORDS))
        .then(pl.lit(value=False))
        .otherwise(pl.lit(None, dtype=pl.Boolean))
    )


def parse_expression(text: pl.Expr, dtype: pl.DataType) -> pl.Expr:
    """Return an expression parsing the string expression ``text`` into ``dtype``.

    Values that cannot be parsed become null; callers count them as failures.

    Parameters
    ----------
    text
        A string-typed expression, already stripped of surrounding white space.
    dtype
        The contract dtype.

    Examples
    --------
    >>> import polars as pl
    >>> frame = pl.DataFrame({"day": ["2021-03-14", "03/15/2021", "soon"]})
    >>> frame.select(parse_expression(pl.col("day"), pl.Date())).to_series().to_list()
    [datetime.date(2021, 3, 14), datetime.date(2021, 3, 15), None]
    """
    if dtype == pl.String:
        return text
    if isinstance(dtype, pl.Datetime):
        return _timestamp(text).cast(dtype)
    if dtype == pl.Date:
        return _timestamp(text).dt.date()
    if dtype == pl.Boolean:
        return _boolean(text)
    if isinstance(dtype, pl.Enum):
        return text.cast(dtype, strict=False)
    if dtype.is_integer():
        return text.str.replace(r"\.0+$", "").cast(dtype, strict=False)
    if dtype.is_float():
        return text.cast(dtype, strict=False)
    msg = f"no parser for contract dtype {dtype}"
    raise TypeError(msg)


def parse_rule_name(dtype: pl.DataType) -> str:
    """Name the parse rule for ``dtype`` as shown in error messages.

    Examples
    --------
    >>> import polars as pl
    >>> parse_rule_name(pl.Date())
    'parses as a date (YYYY-MM-DD, MM/DD/YYYY or an ISO 8601 timestamp)'
    """
    if dtype == pl.Date:
        return "parses as a date (YYYY-MM-DD, MM/DD/YYYY or an ISO 8601 timestamp)"
    if isinstance(dtype, pl.Datetime):
        return "parses as a timestamp (ISO 8601, e.g. 2021-03-14T10:00:00Z, or a date)"
    if dtype == pl.Boolean:
        return "parses as a boolean (true/false, yes/no, 1/0)"
    if isinstance(dtype, pl.Enum):
        return f"is one of {', '.join(dtype.categories.to_list())}"
    if dtype.is_integer():
        return "parses as a whole number"
    if dtype.is_float():
        return "parses as a number"
    return "parses as text"
