"""A hand-checked table: four classes of sizes 6, 3, 2 and 1 over (sex, zip3)."""

from __future__ import annotations

import polars as pl
import pytest

PLANTED = "ZEBRA-424242"
"""A distinctive value that must never appear in an output or a message."""


@pytest.fixture
def sample() -> pl.DataFrame:
    """12 records; classes (F,100) x6, (M,100) x3, (F,null) x2, (M,200) x1.

    dx takes 2, 1, 2 (null counts) and 1 distinct values per class; outcome 1, 2, 1, 1.
    """
    return pl.DataFrame(
        {
            "sex": ["F"] * 6 + ["M"] * 3 + ["F"] * 2 + ["M"],
            "zip3": ["100"] * 9 + [None, None, "200"],
            "dx": ["a", "a", "b", "b", "a", "b", "c", "c", "c", "a", None, PLANTED],
            "outcome": ["y"] * 6 + ["y", "n", "y"] + ["n", "n"] + ["y"],
        }
    )


@pytest.fixture
def population_counts() -> pl.DataFrame:
    """F_j per combination: (F,100) 30, (M,100) 10, (F,null) 4, (M,300) 50; (M,200) absent."""
    return pl.DataFrame(
        {
            "sex": ["F", "M", "F", "M"],
            "zip3": ["100", "100", None, "300"],
            "people": [30, 10, 4, 50],
        }
    )
