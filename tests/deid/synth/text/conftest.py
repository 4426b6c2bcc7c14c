"""A seeded text context with realistic names, nulls and ages on both sides of 90."""

from __future__ import annotations

import datetime

import numpy as np
import polars as pl
import pytest

from deid.synth.text import TextKind, render_texts

ROWS = 2_000
SEED = 20_240_601

_FIRST = ["William", "Maria", "Robert", "Ana", "James", "Susan", "Elizabeth", "John", "José", "Margaret"]
_NICKNAMES = {"William": "Bill", "Robert": "Bob", "James": "Jim", "Elizabeth": "Liz", "Margaret": "Peggy"}
_LAST = ["Gleason", "Ortiz", "Kohler", "Nguyen", "O'Brien", "Lindgren", "Strauß", "Washburn", "Okoye"]
_RELATIVES = ["Mary Gleason", "Tom Ortiz", "Jane Kohler", "Luis Nguyen", "Grace Okoye"]
_ROLES = ["wife", "husband", "son", "daughter", "mother", "father", "sister", "brother"]
_PROVIDERS = ["Maria Lopez", "Kevin Okafor", "Anne Whitfield", "Samuel Reyes"]
_PHONES = ["402-555-0134", "(531) 555-0199", "+1 402 555 0101", "4025550177", "555-0101x12"]


def _with_nulls(values: pl.Series, rng: np.random.Generator, share: float) -> pl.Series:
    return (
        pl.select(pl.when(pl.Series(rng.random(len(values)) >= share)).then(values))
        .to_series()
        .alias(values.name)
    )


def build_context(rows: int = ROWS, seed: int = 0) -> pl.DataFrame:
    """A context frame shaped like the structured generator's, with ~10% nulls per column."""
    rng = np.random.default_rng(seed)
    first = rng.choice(_FIRST, rows)
    event = np.datetime64("2019-01-01") + rng.integers(0, 1500, rows).astype("timedelta64[D]")
    age = rng.integers(1, 106, rows)
    birth = event - (age * 365.25 + 100).astype("int64").astype("timedelta64[D]")

    def column(name: str, values: object, share: float = 0.1, dtype: pl.DataType | None = None) -> pl.Series:
        return _with_nulls(pl.Series(name, values, dtype=dtype), rng, share)

    return pl.DataFrame(
        [
            pl.Series("record_id", [f"rec-{index:05d}" for index in range(rows)]),
            column("first_name", first, 0.03),
            column("last_name", rng.choice(_LAST, rows), 0.03),
            pl.Series("nickname", [_NICKNAMES.get(name, name) for name in first]),
            column("relative_name", rng.choice(_RELATIVES, rows), 0.3),
            column("relative_role", rng.choice(_ROLES, rows)),
            column("provider_name", rng.choice(_PROVIDERS, rows)),
            column("phone", rng.choice(_PHONES, rows)),
            column("email", [f"user{index}@example.org" for index in range(rows)]),
            column("mrn", [f"{value:08d}" for value in rng.integers(0, 10**8, rows)]),
            column("account_number", [str(value) for value in rng.integers(10**7, 10**8, rows)]),
            column("member_id", [f"XJH{value}" for value in rng.integers(10**8, 10**9, rows)]),
            column(
                "ssn",
                [f"9{value % 100:02d}-{value % 89 + 10:02d}-{value % 9000 + 1000}" for value in range(rows)],
            ),
            column("street", [f"{value} Kohler Camp" for value in rng.integers(1, 9999, rows)]),
            column("city", rng.choice(["Omaha", "Lincoln", "Bellevue", "Grand Island"], rows)),
            column("zip", rng.choice(["68102", "68508", "68005", "68801"], rows)),
            column("sex", rng.choice(["M", "F"], rows)),
            column("event_date", event.astype("datetime64[D]"), 0.05).cast(pl.Date),
            column("birth_date", birth.astype("datetime64[D]"), 0.05).cast(pl.Date),
            column("age", age, 0.05, pl.Int64),
            column("amount", np.round(rng.random(rows) * 4000, 2), 0.1),
            pl.Series("ignored_extra", [datetime.date(2000, 1, 1)] * rows),
        ]
    )


@pytest.fixture(scope="session")
def context() -> pl.DataFrame:
    return build_context()


@pytest.fixture(scope="session")
def rendered(context: pl.DataFrame) -> dict[TextKind, pl.DataFrame]:
    return {kind: render_texts(context, kind=kind, seed=SEED) for kind in TextKind}
