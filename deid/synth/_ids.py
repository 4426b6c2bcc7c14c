"""Record identifiers built with numpy, never one Python call per row.

EMR ids look like Synthea's (random UUID version 4); CRM ids look like Salesforce's
18-character ids (3-character key prefix, pod, a base-62 number, and the real
case-safe checksum suffix).
"""

from __future__ import annotations

import numpy as np
import polars as pl

_HEX_PAIRS = np.frombuffer("".join(f"{byte:02x}" for byte in range(256)).encode(), dtype=np.uint16)
_BASE62 = np.frombuffer(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", dtype=np.uint8)
_CHECKSUM = np.frombuffer(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", dtype=np.uint8)
_UUID_GROUPS = ((0, 8), (8, 12), (12, 16), (16, 20), (20, 32))
_SALESFORCE_DIGITS = 7


def _strings(chars: np.ndarray, width: int) -> pl.Series:
    """Turn an ``(n, width)`` array of ASCII codes into a polars string Series."""
    as_bytes = np.ascontiguousarray(chars, dtype=np.uint8).view(f"S{width}").ravel()
    return pl.Series(as_bytes, dtype=pl.Binary).cast(pl.String)


def uuid_strings(rng: np.random.Generator, count: int) -> pl.Series:
    """Return ``count`` random version-4 UUID strings drawn from ``rng``."""
    raw = rng.integers(0, 256, size=(count, 16), dtype=np.uint8)
    raw[:, 6] = (raw[:, 6] & 0x0F) | 0x40
    raw[:, 8] = (raw[:, 8] & 0x3F) | 0x80
    hex_chars = _HEX_PAIRS[raw].view(np.uint8)
    dash = np.full((count, 1), ord("-"), dtype=np.uint8)
    parts: list[np.ndarray] = []
    for start, stop in _UUID_GROUPS:
        parts.extend((hex_chars[:, start:stop], dash))
    chars = np.concatenate(parts[:-1], axis=1)
    return _strings(chars, 36)


def salesforce_ids(prefix: str, numbers: np.ndarray) -> pl.Series:
    """Return 18-character Salesforce-style ids for the given record numbers.

    Parameters
    ----------
    prefix
        The three-character key prefix of the object (``003`` for Contact).
    numbers
        Non-negative integers, unique within the object.
    """
    count = len(numbers)
    head = np.frombuffer(f"{prefix}5g00".encode(), dtype=np.uint8)
    remaining = np.asarray(numbers, dtype=np.int64).copy()
    digits = np.empty((count, _SALESFORCE_DIGITS + 1), dtype=np.uint8)
    for position in range(_SALESFORCE_DIGITS + 1, 0, -1):
        digits[:, position - 1] = _BASE62[remaining % 62]
        remaining //= 62
    chars = np.empty((count, 18), dtype=np.uint8)
    chars[:, : len(head)] = head
    chars[:, len(head) : 15] = digits[:, -(15 - len(head)) :]
    upper = (chars[:, :15] >= ord("A")) & (chars[:, :15] <= ord("Z"))
    weights = 1 << np.arange(5)
    for block in range(3):
        index = (upper[:, block * 5 : block * 5 + 5] * weights).sum(axis=1)
        chars[:, 15 + block] = _CHECKSUM[index]
    return _strings(chars, 18)
