"""Which input columns hold identifier values of which category, under a method.

Read from the contracts' PHI policies, never from the transformation code:

- every ``RECORD_KEY`` column: its original keys must not survive pseudonymisation;
- every ``DIRECT_IDENTIFIER`` column, by its Safe Harbor identifier: names, SSN, MRN,
  phone and fax, email, street address, and other identifying numbers;
- ``QUASI_IDENTIFIER`` dates and places only where the method does not keep them
  (a limited data set keeps dates, city and ZIP5 by design): birth dates, ZIP5, city,
  county, FIPS, birthplace and site names; event dates only where they are generalised
  to a year (Safe Harbor), since shifted event dates collide with true ones by chance.

Only columns stored as strings (or dates, for dates) are used: geocodes are numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING

import polars as pl

from data_contracts import Action, ColumnPolicy, Generalisation, Identifier, Method, PhiClass, column_policies
from deid.leakcheck._categories import Category

if TYPE_CHECKING:
    from collections.abc import Mapping

    import dataframely as dy

__all__ = ["NAME_ROLES", "NameRole", "Route", "routes"]


class NameRole(StrEnum):
    """The part of a person's name a ``NAME`` column holds."""

    GIVEN = "given"
    MIDDLE = "middle"
    FAMILY = "family"
    MAIDEN = "maiden"
    TITLE = "title"
    """Prefix or suffix (Mr., Jr., PhD): never part of a compared name."""
    FULL = "full"
    """A whole name in one cell (a clinician's name)."""


NAME_ROLES: Mapping[str, Mapping[str, NameRole]] = MappingProxyType(
    {
        "patients": MappingProxyType(
            {
                "PREFIX": NameRole.TITLE,
                "FIRST": NameRole.GIVEN,
                "MIDDLE": NameRole.MIDDLE,
                "LAST": NameRole.FAMILY,
                "SUFFIX": NameRole.TITLE,
                "MAIDEN": NameRole.MAIDEN,
            }
        ),
        "Contact": MappingProxyType({"FirstName": NameRole.GIVEN, "LastName": NameRole.FAMILY}),
    }
)
"""Name parts of the input tables with several ``NAME`` columns, by table and column.

A table with one ``NAME`` column holds whole names. A table with several that is not
listed here is an error (fail closed): list its columns.
"""

_DIRECT: Mapping[Identifier, Category] = MappingProxyType(
    {
        Identifier.NAME: Category.NAME,
        Identifier.SSN: Category.SSN,
        Identifier.MRN: Category.MRN,
        Identifier.PHONE: Category.PHONE,
        Identifier.FAX: Category.PHONE,
        Identifier.EMAIL: Category.EMAIL,
        Identifier.GEOGRAPHY: Category.STREET_ADDRESS,
    }
)


@dataclass(frozen=True, kw_only=True)
class Route:
    """One input column feeding one category.

    Parameters
    ----------
    column
        The contract column name.
    category
        The category its values are identifiers of.
    shifted
        The method shifts the column (expert determination dates): its values are
        tested beyond chance, not by plain membership.
    name_role
        For ``NAME`` columns, the part of the name it holds.
    """

    column: str
    category: Category
    shifted: bool = False
    name_role: NameRole | None = None


def _quasi_category(policy: ColumnPolicy, action: Action, dtype: pl.DataType) -> Category | None:
    if policy.identifier is Identifier.DATE and (dtype == pl.Date or isinstance(dtype, pl.Datetime)):
        if policy.generalisation is Generalisation.BIRTH_YEAR_90_PLUS:
            return Category.BIRTH_DATE
        return Category.EVENT_DATE if action is not Action.SHIFT else None
    if policy.identifier is Identifier.GEOGRAPHY and dtype == pl.String:
        return Category.ZIP5 if policy.generalisation is Generalisation.ZIP3 else Category.CITY
    return None


def _name_role(table: str, column: str, name_columns: int) -> NameRole:
    roles = NAME_ROLES.get(table)
    if roles is not None and column in roles:
        return roles[column]
    if name_columns == 1:
        return NameRole.FULL
    msg = (
        f"input table {table!r} has several name columns but column {column!r} has no name role; "
        "add it to deid.leakcheck._routing.NAME_ROLES"
    )
    raise ValueError(msg)


def routes(table: str, schema: type[dy.Schema], method: Method) -> tuple[Route, ...]:
    """Return the identifier columns of one input table under ``method``.

    Raises
    ------
    ValueError
        If a column declares no PHI policy, or a name column has no role.
    """
    policies = column_policies(schema)
    dtypes = {name: column.dtype for name, column in schema.columns().items()}
    name_columns = sum(
        1
        for policy in policies.values()
        if policy.phi_class is PhiClass.DIRECT_IDENTIFIER and policy.identifier is Identifier.NAME
    )
    found: list[Route] = []
    for column, policy in policies.items():
        dtype = dtypes[column]
        action = policy.action(method)
        if policy.phi_class is PhiClass.RECORD_KEY and dtype == pl.String:
            found.append(Route(column=column, category=Category.RECORD_ID))
        elif policy.phi_class is PhiClass.DIRECT_IDENTIFIER and dtype == pl.String:
            category = _DIRECT.get(policy.identifier or Identifier.OTHER, Category.OTHER_ID)
            role = _name_role(table, column, name_columns) if category is Category.NAME else None
            found.append(Route(column=column, category=category, name_role=role))
        elif policy.phi_class is PhiClass.QUASI_IDENTIFIER and action is not Action.KEEP:
            quasi = _quasi_category(policy, action, dtype)
            if quasi is not None:
                found.append(Route(column=column, category=quasi, shifted=action is Action.SHIFT))
    return tuple(found)
