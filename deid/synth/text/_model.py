"""Slots and templates: the building blocks every text kind is rendered from.

A template is literal text with ``{slot}`` placeholders. A slot turns context
columns and per-row random draws into three polars expressions: a prefix and a
suffix that are never PHI (``"Mr. "``, ``"MRN: "``) around a value that becomes a
gold span when the slot has an entity type. Everything stays an expression, so a
template renders thousands of rows at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import polars as pl

__all__ = [
    "DRAW_BOUND",
    "ROW_DRAW",
    "Draws",
    "Slot",
    "SlotRender",
    "Template",
    "Variant",
    "choose",
    "digit",
    "pick",
    "pick_word",
    "weighted_index",
]

DRAW_BOUND = 2**62
"""Random draws are uniform integers in ``[0, DRAW_BOUND)``."""

ROW_DRAW = pl.col("__row_draw")
"""A draw shared by every slot of a row, for choices that must agree (the agent's name and email)."""

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class Draws:
    """What a slot occurrence builds from: its random draw columns and a way to stage work.

    ``draws[i]`` is the i-th draw column. :meth:`stage` turns an expression into a
    column computed before the slot's own expressions, so a value reused by many
    branches (a variant index, a shifted date) is computed once per row rather than
    copied into every branch of a ``when`` chain.

    Parameters
    ----------
    columns
        Names of the occurrence's draw columns.
    prefix
        Unique prefix for the names of staged columns.
    """

    def __init__(self, columns: Sequence[str], *, prefix: str) -> None:
        self._columns = tuple(columns)
        self._prefix = prefix
        self._count = 0
        self.levels: list[list[tuple[str, pl.Expr]]] = []
        """Staged columns: each level is computed after the previous ones, in one pass."""

    def __getitem__(self, index: int) -> pl.Expr:
        return pl.col(self._columns[index])

    def stage(self, *exprs: pl.Expr) -> pl.Expr:
        """Compute the expressions as columns (one pass, after earlier stages); return the first.

        Use :meth:`stage_all` to get references to every staged expression.
        """
        return self.stage_all(*exprs)[0]

    def stage_all(self, *exprs: pl.Expr) -> list[pl.Expr]:
        """Compute the expressions as columns in one pass after earlier stages; return references."""
        level: list[tuple[str, pl.Expr]] = []
        for expr in exprs:
            level.append((f"{self._prefix}_stage{self._count}", expr))
            self._count += 1
        self.levels.append(level)
        return [pl.col(name) for name, _ in level]


@dataclass(frozen=True, kw_only=True)
class SlotRender:
    """The expressions one slot occurrence renders to."""

    value: pl.Expr
    prefix: pl.Expr | None = None
    suffix: pl.Expr | None = None
    is_phi: pl.Expr | None = None
    """Row condition for emitting the span; ``None`` means whenever the value is non-empty."""


@dataclass(frozen=True, kw_only=True)
class Slot:
    """A named, reusable piece of a template.

    Parameters
    ----------
    name
        The placeholder name used in templates.
    entity_type
        The gold type of the value, or ``None`` for filler text that is never PHI.
    build
        Turns the occurrence's :class:`Draws` into a :class:`SlotRender`.
    requires
        Context columns that must be non-null for a template using the slot to be chosen.
    draws
        How many independent random draw columns ``build`` receives.
    """

    name: str
    entity_type: str | None
    build: Callable[[Draws], SlotRender]
    requires: frozenset[str] = frozenset()
    draws: int = 1


@dataclass(frozen=True, kw_only=True)
class Variant:
    """One way of rendering a slot: a value between a non-PHI prefix and suffix."""

    value: pl.Expr
    prefix: pl.Expr | str = ""
    suffix: pl.Expr | str = ""
    weight: int = 1


@dataclass(frozen=True, kw_only=True)
class Template:
    """Literal text with ``{slot}`` placeholders.

    Parameters
    ----------
    text
        The template; literal parts must keep their length when upper-cased.
    weight
        Relative frequency among the templates of its kind that a row can use.
    upper_share
        Share of rows rendered entirely in upper case (nursing notes).
    lower_share
        Share of rows rendered entirely in lower case (hurried call notes).
    """

    text: str
    weight: float = 1.0
    upper_share: float = 0.0
    lower_share: float = 0.0
    parts: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        pieces = tuple(_PLACEHOLDER.split(self.text))
        for literal in pieces[::2]:
            if len(literal.upper()) != len(literal) or len(literal.lower()) != len(literal):
                msg = "template literals must keep their length when re-cased"
                raise ValueError(msg)
        object.__setattr__(self, "parts", pieces)

    @cached_property
    def literals(self) -> tuple[str, ...]:
        """The literal pieces, one more than the slot names."""
        return self.parts[::2]

    @cached_property
    def slot_names(self) -> tuple[str, ...]:
        """The slot placeholders in order of appearance (repeats allowed)."""
        return self.parts[1::2]


def digit(draw: pl.Expr, base: int, position: int = 0) -> pl.Expr:
    """Return the ``position``-th base-``base`` digit of ``draw``: a near-uniform draw in ``[0, base)``."""
    if base < 2 or base ** (position + 1) > DRAW_BOUND:
        msg = f"digit {position} in base {base} does not fit in a draw below 2**62"
        raise ValueError(msg)
    divisor: int = base**position
    return (draw // divisor) % base


def weighted_index(draw: pl.Expr, weights: Sequence[int]) -> pl.Expr:
    """Return an index in ``range(len(weights))`` drawn with the given integer weights."""
    roll = draw % sum(weights)
    index: pl.Expr = pl.lit(len(weights) - 1, dtype=pl.Int64)
    threshold = sum(weights[:-1])
    for position in range(len(weights) - 2, -1, -1):
        index = pl.when(roll < threshold).then(position).otherwise(index)
        threshold -= weights[position]
    return index


def pick(index: pl.Expr, options: Sequence[pl.Expr | str]) -> pl.Expr:
    """Return ``options[index]`` row by row; options may be expressions or literals."""
    exprs = [pl.lit(option) if isinstance(option, str) else option for option in options]
    chosen = exprs[-1]
    for position in range(len(exprs) - 2, -1, -1):
        chosen = pl.when(index == position).then(exprs[position]).otherwise(chosen)
    return chosen


def pick_word(index: pl.Expr, words: Sequence[str]) -> pl.Expr:
    """Return ``words[index]`` row by row (a lookup, cheaper than :func:`pick`)."""
    return index.replace_strict(list(range(len(words))), list(words), return_dtype=pl.String)


def choose(draws: Draws, variants: Sequence[Variant]) -> SlotRender:
    """Render one of ``variants`` per row, drawn with ``draws[0]``; a null variant falls back to the first.

    The first variant must be available whenever the slot's ``requires`` columns are.
    """
    wanted, *values = draws.stage_all(
        weighted_index(draws[0], [variant.weight for variant in variants]),
        *(variant.value for variant in variants),
    )
    index: pl.Expr = pl.lit(0, dtype=pl.Int64)
    for position in range(len(variants) - 1, 0, -1):
        usable = (wanted == position) & values[position].is_not_null()
        index = pl.when(usable).then(position).otherwise(index)
    index = draws.stage(index)
    return SlotRender(
        prefix=_pick_affix(index, [variant.prefix for variant in variants]),
        value=pick(index, values),
        suffix=_pick_affix(index, [variant.suffix for variant in variants]),
    )


def _pick_affix(index: pl.Expr, affixes: Sequence[pl.Expr | str]) -> pl.Expr | None:
    """Pick a prefix or suffix; ``None`` (no piece at all) when every variant has none."""
    if all(isinstance(affix, str) for affix in affixes) and len(set(affixes)) == 1:
        return pl.lit(affixes[0]) if affixes[0] else None
    return pick(index, affixes)
