"""What to compare in one output table: keyed slots, per column and category.

A *slot* is one (column, category) pair. Its keys are the whole-cell key (a cell that
is an SSN, a ZIP, a date) and the keys of the candidates found in running text:
phone-, SSN-, email-, id-, ZIP- and date-like strings, extracted per *token family*
and normalised once exploded (flat columns are processed in parallel, lists are not).
Names and street addresses are not keyed here: they are searched as word sequences
(:mod:`deid.leakcheck._textsearch`).

Work shared by several slots of a column (its short and text forms, its words, its
tokens) is computed once, in *stages* of intermediate columns.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

import polars as pl

from data_contracts.outputs import PERSON_KEY
from deid.leakcheck._categories import DATE_CATEGORIES, TEXT_CATEGORIES, WHOLE_CELL_MAX_BYTES, Category
from deid.leakcheck._dates import DATE_IN_TEXT, temporal_date_key, token_date_key, whole_cell_date_key
from deid.leakcheck._gates import at_least
from deid.leakcheck._normalise import (
    KEY_OF,
    alphanumeric,
    email_key,
    mrn_from_alphanumeric,
    mrn_key,
    other_id_from_alphanumeric,
    other_id_key,
    phone_key,
    record_id_key,
    ssn_key,
)
from deid.leakcheck._words import place_words

__all__ = [
    "CANDIDATE",
    "CELL",
    "ColumnPlan",
    "Slots",
    "TablePlan",
    "TokenFamily",
    "is_temporal",
    "is_textual",
    "plan_table",
    "slot_name",
    "split_slot",
]

CELL = "__leakcheck_cell__"
"""Name of the column's values in a staged frame."""

CANDIDATE = "__leakcheck_candidate__"
"""Name of one candidate string of a text, once token lists are exploded."""

_PHONE = r"(?:\+?1[\s.\-]?)?(?:\([0-9]{3}\)\s?|(?-u:\b)[0-9]{3}[\s.\-]?)[0-9]{3}[\s.\-]?[0-9]{4}(?-u:\b)"
_SSN = r"(?-u:\b)[0-9]{3}[\s\-]?[0-9]{2}[\s\-]?[0-9]{4}(?-u:\b)"
_EMAIL = r"[0-9A-Za-z_.+%\-]+@[0-9A-Za-z_\-]+(?:\.[0-9A-Za-z_\-]+)+"
# Five characters or more, one a digit: shorter tokens (vitals, doses) cannot be ids.
_ID_TOKEN = r"(?-u:\b)(?:[0-9A-Za-z\-]{4,}[0-9][0-9A-Za-z\-]*|[0-9A-Za-z\-]*[0-9][0-9A-Za-z\-]{4,})(?-u:\b)"  # noqa: S105
_STATE_ZIP = r"(?-u:\b)[A-Z]{2},?\s+[0-9]{5}(?:-[0-9]{4})?(?-u:\b)"
_NO_TOKENS = pl.lit([], dtype=pl.List(pl.String))


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
class TokenFamily:
    """Candidate strings of a kind found in text, and the slot keys computed from each.

    Parameters
    ----------
    tokens
        ``List[String]`` of candidates per cell, over the staged columns.
    keys
        Slot name to key expression over one candidate (the ``CANDIDATE`` column).
    """

    tokens: pl.Expr
    keys: dict[str, pl.Expr] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class Slots:
    """The keys of a column's slots: whole-cell keys, and token families of its text."""

    whole: dict[str, pl.Expr] = field(default_factory=dict)
    in_text: dict[str, TokenFamily] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.whole or self.in_text)


@dataclass(frozen=True, kw_only=True)
class ColumnPlan:
    """The keyed comparisons of one output column.

    Parameters
    ----------
    index
        Position among the scanned columns of the table; slot names refer to it.
    name
        The column name.
    textual
        Whether the column holds strings (searched for names and street addresses too).
    stages
        Intermediate columns over the column's values (``CELL``), each stage computed
        from the previous ones.
    exact
        Keys compared by membership, over the staged columns.
    chance
        Date keys tested beyond chance (shifted dates), over the staged columns.
    """

    index: int
    name: str
    textual: bool
    stages: tuple[dict[str, pl.Expr], ...] = ()
    exact: Slots = field(default_factory=Slots)
    chance: Slots = field(default_factory=Slots)

    def staged(self, values: pl.LazyFrame) -> pl.LazyFrame:
        """``values`` (a frame with the column as ``CELL``) with the intermediate columns."""
        for stage in self.stages:
            values = values.with_columns(**stage)
        return values


@dataclass(frozen=True, kw_only=True)
class TablePlan:
    """The scanned columns of one output table, in table order."""

    columns: tuple[ColumnPlan, ...] = ()


_Families = dict[str, tuple[pl.Expr, dict[Category, pl.Expr]]]


def _string_slots(
    categories: Collection[Category],
) -> tuple[tuple[dict[str, pl.Expr], ...], dict[Category, pl.Expr], _Families]:
    """The stages of a string column, its whole-cell keys and its token families by category."""
    cell = pl.col(CELL).cast(pl.String)
    short, text, place, alnum, date = (pl.col(f"__leakcheck_{part}") for part in _PARTS)
    stages = (
        # Cells that do not qualify become empty strings, not nulls: string kernels
        # skip nothing for a masked cell, but an empty one costs nothing.
        {
            "__leakcheck_short": pl.when(cell.str.len_bytes() <= WHOLE_CELL_MAX_BYTES)
            .then(cell)
            .otherwise(pl.lit("")),
            "__leakcheck_text": pl.when(cell.str.contains(r"\s")).then(cell).otherwise(pl.lit("")),
        },
        {
            "__leakcheck_place": place_words(short),
            "__leakcheck_alnum": alphanumeric(short),
            "__leakcheck_date": whole_cell_date_key(short),
        },
    )
    whole_of: dict[Category, pl.Expr] = {
        Category.NAME_PART: at_least(place, 2),
        Category.CITY: at_least(place, 4),
        Category.MRN: mrn_from_alphanumeric(alnum),
        Category.OTHER_ID: other_id_from_alphanumeric(alnum),
    }
    token = pl.col(CANDIDATE)
    families: _Families = {
        "phone": (text.str.extract_all(_PHONE), {Category.PHONE: phone_key(token)}),
        "ssn": (text.str.extract_all(_SSN), {Category.SSN: ssn_key(token)}),
        "email": (text.str.extract_all(_EMAIL), {Category.EMAIL: email_key(token)}),
        "id": (
            text.str.extract_all(_ID_TOKEN),
            {
                Category.MRN: mrn_key(token),
                Category.OTHER_ID: other_id_key(token),
                Category.RECORD_ID: record_id_key(token),
            },
        ),
        "zip": (
            text.str.extract_all(_STATE_ZIP),
            {Category.ZIP5: token.str.extract(r"([0-9]{5})(?:-[0-9]{4})?$", 1)},
        ),
        # A cell that is a date (with a time of day) is counted once, not twice.
        "date": (
            pl.when(date.is_null()).then(text.str.extract_all(DATE_IN_TEXT)).otherwise(_NO_TOKENS),
            dict.fromkeys(DATE_CATEGORIES, token_date_key(token)),
        ),
    }
    whole: dict[Category, pl.Expr] = {}
    for category in categories:
        if category in DATE_CATEGORIES:
            whole[category] = date
        elif category not in TEXT_CATEGORIES:
            whole[category] = whole_of.get(category, KEY_OF[category](short))
    return stages, whole, families


_PARTS = ("short", "text", "place", "alnum", "date")


def _slots(
    index: int,
    whole: dict[Category, pl.Expr],
    families: _Families,
    categories: Collection[Category],
    *,
    chance: bool,
    shifted: Collection[Category],
) -> Slots:
    """The slots of one column compared exactly, or beyond chance."""

    def wanted(category: Category) -> bool:
        return category in categories and (category in shifted) == chance

    slots = Slots(
        whole={slot_name(index, category): key for category, key in whole.items() if wanted(category)}
    )
    for family, (tokens, keys) in families.items():
        kept = {slot_name(index, category): key for category, key in keys.items() if wanted(category)}
        if kept:
            slots.in_text[family] = TokenFamily(tokens=tokens, keys=kept)
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

    Date and timestamp columns are compared with dates only in tables that carry a
    ``person_key``; text columns are searched in every table.
    """
    columns: list[ColumnPlan] = []
    # A date column is about an individual only in a table of persons' records (one
    # with a person key); a campaign's start date may equal someone's visit by chance.
    person_level = PERSON_KEY in schema
    date_categories = [category for category in categories if category in DATE_CATEGORIES and person_level]
    for name, dtype in schema.items():
        index = len(columns)
        stages: tuple[dict[str, pl.Expr], ...] = ()
        families: _Families = {}
        if is_textual(dtype):
            stages, whole, families = _string_slots(categories)
        elif is_temporal(dtype) and date_categories:
            whole = dict.fromkeys(date_categories, temporal_date_key(pl.col(CELL), dtype))
        else:
            continue
        exact = _slots(index, whole, families, categories, chance=False, shifted=shifted)
        chance = _slots(index, whole, families, categories, chance=True, shifted=shifted)
        textual = is_textual(dtype)
        columns.append(
            ColumnPlan(index=index, name=name, textual=textual, stages=stages, exact=exact, chance=chance)
        )
    return TablePlan(columns=tuple(columns))
