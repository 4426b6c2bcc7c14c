"""Person slots: the patient, relatives, providers and staff, each named in many ways."""

from __future__ import annotations

import polars as pl

from deid.synth.text._lexicon import STAFF_FIRST_NAMES, STAFF_LAST_NAMES
from deid.synth.text._model import ROW_DRAW, Draws, Slot, SlotRender, Variant, choose, digit, pick, pick_word

__all__ = ["PEOPLE_SLOTS"]

_FIRST = pl.col("first_name")
_LAST = pl.col("last_name")
_NICK = pl.col("nickname")
_RELATIVE = pl.col("relative_name")
_PROVIDER = pl.col("provider_name")
_PROVIDER_FIRST = _PROVIDER.str.extract(r"^\s*(\S+)")
_PROVIDER_LAST = _PROVIDER.str.extract(r"(\S+)\s*$")
_NAMES = frozenset({"first_name", "last_name"})
_PERSON = "PERSON"


def _initial(name: pl.Expr) -> pl.Expr:
    return name.str.strip_chars().str.slice(0, 1)


def _title(draw: pl.Expr) -> pl.Expr:
    """``Mr. ``/``Ms. ``/``Mrs. `` from the optional ``sex`` column, else at random."""
    sex = pl.col("sex").str.strip_chars().str.slice(0, 1).str.to_uppercase()
    female = pick(digit(draw, 3, 20) % 2, ["Ms. ", "Mrs. "])
    unknown = pick(digit(draw, 3, 20), ["Mr. ", "Ms. ", "Mrs. "])
    return pl.when(sex == "M").then(pl.lit("Mr. ")).when(sex == "F").then(female).otherwise(unknown)


def _upper_if_same_length(name: pl.Expr) -> pl.Expr:
    """The name in upper case, unless that changes its length ("Strauß" stays as is)."""
    upper = name.str.to_uppercase()
    return pl.when(upper.str.len_chars() == name.str.len_chars()).then(upper).otherwise(name)


def _full(first: pl.Expr, last: pl.Expr) -> pl.Expr:
    return pl.concat_str([first, last], separator=" ")


def _nickname() -> pl.Expr:
    """The nickname when it differs from the first name, else null."""
    return pl.when(_NICK != _FIRST).then(_NICK)


def _patient_full(draws: Draws) -> SlotRender:
    return choose(
        draws,
        [
            Variant(value=_full(_FIRST, _LAST), weight=6),
            Variant(value=pl.concat_str([_LAST, _FIRST], separator=", "), weight=2),
            Variant(value=_upper_if_same_length(pl.concat_str([_LAST, _FIRST], separator=", "))),
        ],
    )


def _patient_ref(draws: Draws) -> SlotRender:
    return choose(
        draws,
        [
            Variant(value=_LAST, prefix=_title(draws[0]), weight=4),
            Variant(value=_FIRST, weight=2),
            Variant(value=_nickname(), weight=2),
            Variant(value=_full(_FIRST, _LAST), weight=2),
        ],
    )


def _patient_title(draws: Draws) -> SlotRender:
    return SlotRender(prefix=_title(draws[0]), value=_LAST)


def _patient_first(draws: Draws) -> SlotRender:
    del draws
    return SlotRender(value=_FIRST)


def _patient_greeting(draws: Draws) -> SlotRender:
    return choose(draws, [Variant(value=_FIRST, weight=2), Variant(value=_nickname())])


def _patient_initials(draws: Draws) -> SlotRender:
    first, last = _initial(_FIRST), _initial(_LAST)
    return choose(
        draws,
        [
            Variant(value=pl.concat_str([first, pl.lit("."), last, pl.lit(".")])),
            Variant(value=pl.concat_str([first, last])),
            Variant(value=pl.concat_str([first, pl.lit(". "), last, pl.lit(".")])),
        ],
    )


def _relative(draws: Draws) -> SlotRender:
    role = pl.concat_str([pl.col("relative_role").fill_null("family member"), pl.lit(" ")])
    first = _RELATIVE.str.extract(r"^\s*(\S+)")
    return choose(
        draws,
        [
            Variant(value=_RELATIVE, prefix=role, weight=3),
            Variant(value=first, prefix=role, weight=3),
            Variant(value=first, prefix=pl.concat_str([role, pl.lit("(")]), suffix=")", weight=2),
        ],
    )


def _provider(draws: Draws) -> SlotRender:
    credential = pick(digit(draws[0], 4, 10), [", MD", ", NP", ", PA-C", ", DO"])
    return choose(
        draws,
        [
            Variant(value=_PROVIDER_LAST, prefix="Dr. ", weight=4),
            Variant(value=_PROVIDER, suffix=credential, weight=2),
            Variant(value=_PROVIDER, prefix="Dr. ", weight=2),
        ],
    )


def _provider_signature(draws: Draws) -> SlotRender:
    initial_last = pl.concat_str([_initial(_PROVIDER_FIRST), pl.lit(". "), _PROVIDER_LAST])
    return choose(
        draws,
        [
            Variant(value=initial_last, suffix=" MD"),
            Variant(value=_PROVIDER, suffix=pick(digit(draws[0], 3, 10), [", MD", ", NP", ", DO"])),
            Variant(value=pl.concat_str([_PROVIDER_LAST, _PROVIDER_FIRST], separator=", "), suffix=" MD"),
        ],
    )


def _staff_names() -> tuple[pl.Expr, pl.Expr]:
    """The row's staff member: every staff slot of a row names the same person."""
    first = pick_word(digit(ROW_DRAW, len(STAFF_FIRST_NAMES), 1), STAFF_FIRST_NAMES)
    last = pick_word(digit(ROW_DRAW, len(STAFF_LAST_NAMES), 2), STAFF_LAST_NAMES)
    return first, last


def _nurse(draws: Draws) -> SlotRender:
    first, last = _staff_names()
    return choose(
        draws,
        [
            Variant(value=pl.concat_str([_initial(first), pl.lit(". "), last]), prefix="RN "),
            Variant(value=_full(first, last), suffix=", RN"),
            Variant(value=pl.concat_str([first, pl.lit(" "), _initial(last), pl.lit(".")]), suffix=", RN"),
        ],
    )


def _agent(draws: Draws) -> SlotRender:
    del draws
    first, last = _staff_names()
    return SlotRender(value=_full(first, last))


def _agent_first(draws: Draws) -> SlotRender:
    del draws
    first, _ = _staff_names()
    return SlotRender(value=first)


PEOPLE_SLOTS: tuple[Slot, ...] = (
    Slot(name="patient_full", entity_type=_PERSON, build=_patient_full, requires=_NAMES),
    Slot(name="patient_ref", entity_type=_PERSON, build=_patient_ref, requires=_NAMES),
    Slot(name="patient_title", entity_type=_PERSON, build=_patient_title, requires=frozenset({"last_name"})),
    Slot(name="patient_first", entity_type=_PERSON, build=_patient_first, requires=frozenset({"first_name"})),
    Slot(
        name="patient_greeting",
        entity_type=_PERSON,
        build=_patient_greeting,
        requires=frozenset({"first_name"}),
    ),
    Slot(name="patient_initials", entity_type=_PERSON, build=_patient_initials, requires=_NAMES),
    Slot(name="relative", entity_type=_PERSON, build=_relative, requires=frozenset({"relative_name"})),
    Slot(name="provider", entity_type=_PERSON, build=_provider, requires=frozenset({"provider_name"})),
    Slot(
        name="provider_signature",
        entity_type=_PERSON,
        build=_provider_signature,
        requires=frozenset({"provider_name"}),
    ),
    Slot(name="nurse", entity_type=_PERSON, build=_nurse),
    Slot(name="agent", entity_type=_PERSON, build=_agent),
    Slot(name="agent_first", entity_type=_PERSON, build=_agent_first),
)
