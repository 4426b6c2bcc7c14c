"""Per-person date shifts for expert determination.

Each person's offset derives from the project key and the person's canonical identifier
(HMAC-SHA256), so one person's dates move by the same number of days in every table and
every rerun, intervals within a person are kept, and without the key the offsets cannot
be recomputed. Offsets are never zero and never written anywhere.
"""

from __future__ import annotations

import hashlib
import hmac

import polars as pl

__all__ = ["shift_days", "shift_offsets", "shifted"]


def shift_days(identifier: str, *, key: bytes, max_days: int, whole_weeks: bool) -> int:
    """Return the offset in days for one person (non-zero, within ``[-max_days, max_days]``).

    Examples
    --------
    >>> offset = shift_days("emr:p-1", key=b"k" * 32, max_days=182, whole_weeks=True)
    >>> offset != 0 and offset % 7 == 0 and abs(offset) <= 182
    True
    """
    number = int.from_bytes(hmac.digest(key, identifier.encode(), hashlib.sha256)[:8], "big")
    unit = 7 if whole_weeks else 1
    steps = max_days // unit
    if steps < 1:
        msg = f"max_days ({max_days}) must allow at least one {'week' if whole_weeks else 'day'} of shift"
        raise ValueError(msg)
    magnitude = number % steps + 1
    sign = -1 if (number >> 62) & 1 else 1
    return sign * magnitude * unit


def shift_offsets(identifiers: pl.Series, *, key: bytes, max_days: int, whole_weeks: bool) -> pl.Series:
    """Return the offset of every identifier (nulls stay null), as ``Int32`` days."""
    known: dict[str, int] = {}
    offsets: list[int | None] = []
    for identifier in identifiers.to_list():
        if identifier is None:
            offsets.append(None)
            continue
        if identifier not in known:
            known[identifier] = shift_days(identifier, key=key, max_days=max_days, whole_weeks=whole_weeks)
        offsets.append(known[identifier])
    return pl.Series(identifiers.name, offsets, dtype=pl.Int32)


def shifted(moment: pl.Expr, offset_days: pl.Expr) -> pl.Expr:
    """Return the date or timestamp ``moment`` moved by ``offset_days`` whole days."""
    return moment + pl.duration(days=offset_days)
