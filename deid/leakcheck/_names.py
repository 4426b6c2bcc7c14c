"""Full names and name parts of a person, built per row from the name columns.

Full names (category ``name``) are the forms a name is written in: given + family,
family + given (``Guerra, Chase``), given + middle + family, and given + maiden name;
a column holding whole names (a clinician's) is taken as it is. Single given or family
names are ``name_part`` values: too common to flag one by one ("White" is a surname
and a race, "Cash" a surname and a payment method), they are only flagged when they
make up most of a column (a name column kept by mistake).
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from deid.leakcheck._categories import Category
from deid.leakcheck._routing import NameRole, Route
from deid.leakcheck._words import full_name_key, name_part_key

__all__ = ["name_keys"]


def _joined(*columns: str) -> pl.Expr:
    return full_name_key(pl.concat_str([pl.col(column) for column in columns], separator=" "))


def name_keys(name_routes: Sequence[Route]) -> list[tuple[Category, pl.Expr]]:
    """Key expressions of one table's name columns, each with its category.

    Examples
    --------
    >>> from deid.leakcheck._routing import Route
    >>> frame = pl.DataFrame({"F": ["Chase"], "L": ["Guerra"]})
    >>> routes = [
    ...     Route(column="F", category=Category.NAME, name_role=NameRole.GIVEN),
    ...     Route(column="L", category=Category.NAME, name_role=NameRole.FAMILY),
    ... ]
    >>> sorted(frame.select(key.alias(str(i))).item() for i, (_, key) in enumerate(name_keys(routes)))
    ['chase', 'chase guerra', 'guerra', 'guerra chase']
    """

    def having(role: NameRole) -> list[str]:
        return [route.column for route in name_routes if route.name_role is role]

    given, middle, family, maiden = (
        having(role) for role in (NameRole.GIVEN, NameRole.MIDDLE, NameRole.FAMILY, NameRole.MAIDEN)
    )
    keys: list[tuple[Category, pl.Expr]] = [
        (Category.NAME, full_name_key(pl.col(c))) for c in having(NameRole.FULL)
    ]
    for first in given:
        for last in family + maiden:
            keys += [(Category.NAME, _joined(first, last)), (Category.NAME, _joined(last, first))]
        for second in middle:
            keys += [(Category.NAME, _joined(first, second, last)) for last in family]
    keys += [(Category.NAME_PART, name_part_key(pl.col(c))) for c in given + middle + family + maiden]
    return keys
