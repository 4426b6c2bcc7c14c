"""The identifier categories the leak check looks for, and its tuning constants.

Each category is one way an input identifier can survive into the output. The value
of a category is what findings and reports show; no category ever carries a value.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "CHANCE_MIN_EXCESS",
    "CHANCE_MIN_SHARE",
    "CHANCE_Z",
    "DATE_CATEGORIES",
    "DEDUPE_MAX_DISTINCT",
    "DEDUPE_MAX_SHARE",
    "GROUP_ROWS",
    "NAME_PART_MIN_DISTINCT",
    "NAME_PART_MIN_SHARE",
    "PROBE_DAYS",
    "TEXT_BATCH_ROWS",
    "TEXT_CATEGORIES",
    "WHOLE_CELL_MAX_BYTES",
    "Category",
]


class Category(StrEnum):
    """What kind of input identifier a finding is about."""

    NAME = "name"
    """A person's full name: given + family (either order), given + middle + family."""
    NAME_PART = "name_part"
    """A column whose cells are mostly the input's given or family names (column-level)."""
    SSN = "ssn"
    """A social security number, compared as its nine digits."""
    MRN = "mrn"
    """A medical record number, compared as upper-case letters and digits."""
    PHONE = "phone"
    """A telephone or fax number, compared as its ten national digits."""
    EMAIL = "email"
    """An email address, compared in lower case."""
    STREET_ADDRESS = "street_address"
    """A street address line (house number and street), normalised, unit removed."""
    OTHER_ID = "other_id"
    """Licence, passport, plan, account, device and other direct identifier numbers."""
    RECORD_ID = "record_id"
    """An original record key (Synthea UUID, Salesforce id): pseudonymisation failed."""
    BIRTH_DATE = "birth_date"
    """A true full birth date."""
    EVENT_DATE = "event_date"
    """A true full date of an event in a person's care (Safe Harbor only)."""
    ZIP5 = "zip5"
    """A five-digit ZIP code of the input (Safe Harbor and expert determination)."""
    CITY = "city"
    """A city, county, county FIPS code, birthplace or site name of the input."""


DATE_CATEGORIES = frozenset({Category.BIRTH_DATE, Category.EVENT_DATE})

TEXT_CATEGORIES = frozenset({Category.NAME, Category.STREET_ADDRESS})
"""Categories searched as word sequences anywhere in a cell (whole cells included)."""

WHOLE_CELL_MAX_BYTES = 100
"""Cells up to this length are compared whole; cells with whitespace are also searched as text."""

TEXT_BATCH_ROWS = 1_000_000
"""Distinct cells searched per batch for names and street addresses.

The Aho-Corasick automaton of all full names is built once per batch: larger batches
amortise it, smaller ones bound memory.
"""

GROUP_ROWS = 4_000_000
"""Output tables are compared in queries of at most this many rows (a bigger table alone)."""

DEDUPE_MAX_SHARE = 0.5
"""A column with at most this share of distinct values is keyed once per distinct value."""

DEDUPE_MAX_DISTINCT = 2_000_000
"""... provided it has at most this many (the distinct values are held in memory)."""

NAME_PART_MIN_DISTINCT = 10
"""A column is a kept name column only if it holds at least this many distinct input names."""

NAME_PART_MIN_SHARE = 0.5
"""... and at least this share of its (short, non-null) cells are input names."""

PROBE_DAYS = (-28, -21, -14, -7, 7, 14, 21, 28)
"""Offsets (whole weeks, so weekdays are kept) that estimate chance matches of shifted dates."""

CHANCE_Z = 4.0
"""Standard deviations above chance before shifted-date matches count as a leak."""

CHANCE_MIN_SHARE = 0.01
"""... and the excess must also exceed this share of the date cells (model error floor)."""

CHANCE_MIN_EXCESS = 2.0
"""... and exceed this many cells."""
