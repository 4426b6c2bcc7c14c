"""Filler slots: clinical and billing text that is never PHI and must survive scrubbing.

Several fillers are traps on purpose: ``BP 132/84``, ``pain 5/10`` and ``1/2 tab``
look like dates, eponyms look like surnames, bare years and counts look like ages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import polars as pl

from deid.synth.text._lexicon import CLINICS, CONDITIONS, DRUG_NAMES, DRUGS, EPONYMS, SYMPTOMS
from deid.synth.text._model import Draws, Slot, SlotRender, digit, pick_word

__all__ = ["FILLER_SLOTS"]

# Each lab: name, unit, low and high in tenths, whether it prints one decimal.
_LABS: tuple[tuple[str, str, int, int, bool], ...] = (
    ("HbA1c ", "%", 55, 110, True),
    ("K ", " mmol/L", 32, 56, True),
    ("Cr ", "", 6, 25, True),
    ("WBC ", "", 35, 150, True),
    ("Na ", "", 1280, 1460, False),
    ("Hgb ", " g/dL", 80, 165, True),
    ("INR ", "", 9, 35, True),
    ("glucose ", " mg/dL", 700, 3200, False),
)


def _word(words: Sequence[str]) -> Callable[[Draws], SlotRender]:
    def build(draws: Draws) -> SlotRender:
        return SlotRender(value=pick_word(digit(draws[0], len(words)), words))

    return build


def _tenths(draw: pl.Expr, low: int, high: int, *, position: int, decimal: bool) -> pl.Expr:
    """A number in ``[low, high)`` tenths printed with one decimal, or as a whole number."""
    tenths = low + digit(draw, high - low, position)
    if not decimal:
        return (tenths // 10).cast(pl.String)
    return pl.concat_str([(tenths // 10).cast(pl.String), pl.lit("."), (tenths % 10).cast(pl.String)])


def _integer(draw: pl.Expr, low: int, high: int, *, position: int) -> pl.Expr:
    return (low + digit(draw, high - low, position)).cast(pl.String)


def _lab(draws: Draws) -> SlotRender:
    """One lab result: a lookup of the test's name, unit and range, then one formula for all tests."""
    draw = draws[0]
    tests = list(range(len(_LABS)))
    test = draws.stage(digit(draw, len(_LABS)))

    def lookup(values: Sequence[object], dtype: pl.DataType) -> pl.Expr:
        return test.replace_strict(tests, list(values), return_dtype=dtype)

    names, units, lows, highs, decimals = zip(*_LABS, strict=True)
    width = [high - low for low, high in zip(lows, highs, strict=True)]
    tenths = lookup(lows, pl.Int64()) + digit(draw, 100_000, 1) % lookup(width, pl.Int64())
    whole = (tenths // 10).cast(pl.String)
    with_decimal = pl.concat_str([whole, pl.lit("."), (tenths % 10).cast(pl.String)])
    number = pl.when(lookup(decimals, pl.Boolean())).then(with_decimal).otherwise(whole)
    return SlotRender(value=pl.concat_str([lookup(names, pl.String()), number, lookup(units, pl.String())]))


def _vitals(draws: Draws) -> SlotRender:
    draw = draws[0]
    pressure = pl.concat_str(
        [pl.lit("BP "), _integer(draw, 98, 182, position=1), pl.lit("/"), _integer(draw, 58, 102, position=2)]
    )
    heart = pl.concat_str([pl.lit("HR "), _integer(draw, 52, 118, position=3)])
    breathing = pl.concat_str([pl.lit("RR "), _integer(draw, 12, 24, position=8)])
    oxygen = pl.concat_str([pl.lit("SpO2 "), _integer(draw, 88, 100, position=9), pl.lit("% on RA")])
    temperature = pl.concat_str(
        [pl.lit("T "), _tenths(draw, 970, 1012, position=4, decimal=True), pl.lit("F")]
    )
    full = pl.concat_str([pressure, heart, breathing, oxygen, temperature], separator=", ")
    short = pl.concat_str([pressure, heart], separator=", ")
    return SlotRender(value=pl.when(digit(draw, 3) == 0).then(short).otherwise(full))


def _pain(draws: Draws) -> SlotRender:
    return SlotRender(
        value=pl.concat_str([pl.lit("pain "), _integer(draws[0], 0, 11, position=0), pl.lit("/10")])
    )


def _minutes(draws: Draws) -> SlotRender:
    return SlotRender(value=((2 + digit(draws[0], 22)) * 5).cast(pl.String))


def _count(draws: Draws) -> SlotRender:
    return SlotRender(value=_integer(draws[0], 2, 15, position=0))


def _money(draws: Draws) -> SlotRender:
    """``$1,234.56`` from the ``amount`` column."""
    del draws
    cents = (pl.col("amount").abs() * 100).round(0).cast(pl.Int64)
    dollars, remainder = cents // 100, (cents % 100).cast(pl.String).str.zfill(2)
    thousands = pl.concat_str(
        [(dollars // 1000).cast(pl.String), pl.lit(","), (dollars % 1000).cast(pl.String).str.zfill(3)]
    )
    whole = pl.when(dollars >= 1000).then(thousands).otherwise(dollars.cast(pl.String))
    return SlotRender(value=pl.concat_str([pl.lit("$"), whole, pl.lit("."), remainder]))


FILLER_SLOTS: tuple[Slot, ...] = (
    Slot(name="drug", entity_type=None, build=_word(DRUGS)),
    Slot(name="drug_name", entity_type=None, build=_word(DRUG_NAMES)),
    Slot(name="eponym", entity_type=None, build=_word(EPONYMS)),
    Slot(name="condition", entity_type=None, build=_word(CONDITIONS)),
    Slot(name="symptom", entity_type=None, build=_word(SYMPTOMS)),
    Slot(name="clinic", entity_type="FACILITY", build=_word(CLINICS)),
    Slot(name="lab", entity_type=None, build=_lab),
    Slot(name="vitals", entity_type=None, build=_vitals),
    Slot(name="pain", entity_type=None, build=_pain),
    Slot(name="minutes", entity_type=None, build=_minutes),
    Slot(name="count", entity_type=None, build=_count),
    Slot(name="money", entity_type=None, build=_money, requires=frozenset({"amount"})),
)
