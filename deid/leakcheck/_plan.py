"""What to compare in one output table: keyed slots, per column and category.

A *slot* is one (column, category) pair. Its expression yields, per cell, the list of
comparison keys the cell holds for that category: the whole-cell key (a cell that is
an SSN, a ZIP, a date) and the keys of the candidates found in running text (phone-,
SSN-, email-, id-, ZIP- and date-like strings). Names and street addresses are not
keyed here: they are searched as word sequences (:mod:`deid.leakcheck._textsearch`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

import polars as pl

from deid.leakcheck._categories import DATE_CATEGORIES, TEXT_CATEGORIES, WHOLE_CELL_MAX_BYTES, Category
from deid.leakcheck._dates import temporal_date_key, text_date_keys, whole_cell_date_key
from deid.leakcheck._normalise import (
    KEY_OF,
    email_key,
    mrn_key,
    other_id_key,
    phone_key,
    record_id_key,
    ssn_key,
)

__all__ = ["TablePlan", "is_temporal", "is_textual", "plan_table", "slot_name", "split_slot"]

_PHONE = r"(?:\+?1[\s.\-]?)?(?:\(\d{3}\)\s?|\b\d{3}[\s.\-]?)\d{3}[\s.\-]?\d{4}\b"
_SSN = r"\b\d{3}[\s\-]?\d{2}[\s\-]?\d{4}\b"
_EMAIL = r"[\w.+%\-]+@[\w\-]+(?:\.[\w\-]+)+"
_ID_TOKEN = r"\b[0-9A-Za-z\-]*\d[0-9A-Za-z\-]*\b"
_STATE_ZIP = r"\b[A-Z]{2},?\s+\d{5}(?:-\d{4})?\b"


def slot_name(column_index: int, category: Category) -> str:
    """The name of the slot of one column and category."""
    return f"{column_index}|{category.value}"


def split_slot(slot: str) -> tuple[int, Category]:
    """The column index and category of a slot name."""
    index, category = slot.split("|", 1)
    return int(index), Category(category)


def is_textual(dtype: pl.DataType) -> bool:
    """Whether a column holds strings (``String``, ``Categorical``, ``Enum``)."""
    return dtype == pl.String or isinstance(dtype, (pl.Categorical, pl.Enum))


def is_temporal(dtype: pl.DataType) -> bool:
    """Whether a column holds dates (``Date``, ``Datetime``)."""
    return dtype == pl.Date or isinstance(dtype, pl.Datetime)


@dataclass(frozen=True, kw_only=True)
class TablePlan:
    """The keyed comparisons of one output table.

    Parameters
    ----------
    columns
        The scanned columns; slot names refer to them by index.
    exact
        Slot name to ``List[String]`` keys compared by membership.
    chance
        Slot name to ``List[String]`` date keys tested beyond chance (shifted dates).
    text_columns
        Indexes of the string columns searched for names and street addresses.
    """

    columns: tuple[str, ...]
    exact: dict[str, pl.Expr] = field(default_factory=dict)
    chance: dict[str, pl.Expr] = field(default_factory=dict)
    text_columns: tuple[int, ...] = ()


_NO_KEYS = pl.lit([], dtype=pl.List(pl.String))


def _in_text(text: pl.Expr, pattern: str, key: pl.Expr) -> pl.Expr:
    # A cell that is not text has no candidates (an empty list, not null: concat_list
    # would turn the whole-cell key null too).
    return text.str.extract_all(pattern).list.eval(key).fill_null(_NO_KEYS)


def _string_slots(cell: pl.Expr, categories: Collection[Category]) -> dict[Category, pl.Expr]:
    """Per category, the whole-cell key and the text candidates of a string column."""
    short = pl.when(cell.str.len_bytes() <= WHOLE_CELL_MAX_BYTES).then(cell)
    text = pl.when(cell.str.contains(r"\s")).then(cell)
    element = pl.element()
    in_text: dict[Category, pl.Expr] = {
        Category.PHONE: _in_text(text, _PHONE, phone_key(element)),
        Category.SSN: _in_text(text, _SSN, ssn_key(element)),
        Category.EMAIL: _in_text(text, _EMAIL, email_key(element)),
        Category.MRN: _in_text(text, _ID_TOKEN, mrn_key(element)),
        Category.OTHER_ID: _in_text(text, _ID_TOKEN, other_id_key(element)),
        Category.RECORD_ID: _in_text(text, _ID_TOKEN, record_id_key(element)),
        Category.ZIP5: _in_text(text, _STATE_ZIP, element.str.extract(r"(\d{5})(?:-\d{4})?$", 1)),
    }
    whole_date = whole_cell_date_key(short)
    slots: dict[Category, pl.Expr] = {}
    for category in categories:
        if category in DATE_CATEGORIES:
            in_text_dates = pl.when(whole_date.is_null()).then(text_date_keys(text)).fill_null(_NO_KEYS)
            parts = [whole_date, in_text_dates]
        elif category in TEXT_CATEGORIES:
            continue
        else:
            parts = [KEY_OF[category](short)]
            if category in in_text:
                parts.append(in_text[category])
        slots[category] = pl.concat_list(parts)
    return slots


def plan_table(
    schema: pl.Schema, categories: Collection[Category], shifted: Collection[Category]
) -> TablePlan:
    """Plan the keyed comparisons of one output table.

    Parameters
    ----------
    schema
        The output table's schema.
    categories
        The categories that hold identifier values (empty ones are not compared).
    shifted
        Date categories tested beyond chance instead of by membership.
    """
    columns: list[str] = []
    exact: dict[str, pl.Expr] = {}
    chance: dict[str, pl.Expr] = {}
    text_columns: list[int] = []
    date_categories = [category for category in categories if category in DATE_CATEGORIES]
    for name, dtype in schema.items():
        if is_textual(dtype):
            slots = _string_slots(pl.col(name).cast(pl.String), categories)
            text_columns.append(len(columns))
        elif is_temporal(dtype) and date_categories:
            day = pl.concat_list([temporal_date_key(pl.col(name), dtype)])
            slots = dict.fromkeys(date_categories, day)
        else:
            continue
        index = len(columns)
        columns.append(name)
        for category, keys in slots.items():
            target = chance if category in shifted else exact
            target[slot_name(index, category)] = keys
    return TablePlan(columns=tuple(columns), exact=exact, chance=chance, text_columns=tuple(text_columns))
