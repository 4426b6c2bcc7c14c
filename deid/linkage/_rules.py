"""The linkage rules, their order, tiers and confidences.

A rule is a Boolean expression over the comparison features of one candidate
(contact, patient) pair (see :mod:`deid.linkage._candidates`). Rules are listed from
the most to the least precise; a pair takes the first rule it satisfies.

Tier 1 (strong evidence): an MRN corroborated by the person, or the full name and the
birth date with one contact point. Tier 2 (weaker): the full name with two contact
points (phone, email, ZIP code, street) and a birth date that is missing or one part
off, or a given-name initial or short form with the surname, birth date and phone. Within a tier, a
pair is *approximate* when a name matched only within one typo, when an MRN was
corroborated by the given name alone, or under the initial rule; exact pairs outrank
approximate ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

import polars as pl

MRN_CONFIRMED = "mrn_confirmed"
NAME_DOB_PHONE = "name_dob_phone"
NAME_DOB_EMAIL = "name_dob_email"
NAME_DOB_ZIP = "name_dob_zip"
NAME_TWO_CONTACTS = "name_two_contacts"
INITIAL_DOB_PHONE = "initial_dob_phone"
AMBIGUOUS = "ambiguous"
UNLINKED = "unlinked"

MATCH_RULES: tuple[str, ...] = (
    MRN_CONFIRMED,
    NAME_DOB_PHONE,
    NAME_DOB_EMAIL,
    NAME_DOB_ZIP,
    NAME_TWO_CONTACTS,
    INITIAL_DOB_PHONE,
)
"""Rules that link, most precise first."""

LINK_RULES: tuple[str, ...] = (*MATCH_RULES, AMBIGUOUS, UNLINKED)
"""Every value of the ``rule`` column of :func:`~deid.linkage.link_contacts`."""

MRN_CONFIRMED_CONFIDENCE = 0.99
"""The contact's MRN is exactly one patient's, and birth date, surname or given name agree."""
NAME_DOB_PHONE_CONFIDENCE = 0.97
"""Given name (or nickname) + surname + birth date + a phone number."""
NAME_DOB_EMAIL_CONFIDENCE = 0.96
"""Given name (or nickname) + surname + birth date + email address."""
NAME_DOB_ZIP_CONFIDENCE = 0.93
"""Given name (or nickname) + surname + birth date + five-digit ZIP code."""
NAME_TWO_CONTACTS_CONFIDENCE = 0.90
"""Given name + surname + two of phone, email, ZIP and street; birth date missing or one part off."""
INITIAL_DOB_PHONE_CONFIDENCE = 0.85
"""Given name as an initial or a prefix of the other ("W.", "Jon" for Jonathan) + surname +
birth date + phone."""
APPROXIMATE_PENALTY = 0.05
"""Taken off when a name matched only within one typo, or an MRN was corroborated by the
given name alone (the initial rule's confidence already allows for its looseness)."""

RULE_CONFIDENCE = MappingProxyType(
    {
        MRN_CONFIRMED: MRN_CONFIRMED_CONFIDENCE,
        NAME_DOB_PHONE: NAME_DOB_PHONE_CONFIDENCE,
        NAME_DOB_EMAIL: NAME_DOB_EMAIL_CONFIDENCE,
        NAME_DOB_ZIP: NAME_DOB_ZIP_CONFIDENCE,
        NAME_TWO_CONTACTS: NAME_TWO_CONTACTS_CONFIDENCE,
        INITIAL_DOB_PHONE: INITIAL_DOB_PHONE_CONFIDENCE,
        AMBIGUOUS: 0.0,
        UNLINKED: 0.0,
    }
)

_FEATURES = (
    "mrn_unique_match",
    "birth_date_same",
    "birth_date_compatible",
    "given_same",
    "given_near",
    "given_prefix",
    "surname_same",
    "surname_near",
    "phone_same",
    "email_same",
    "zip_same",
    "street_same",
)


@dataclass(frozen=True, kw_only=True)
class Rule:
    """One linking rule: when it holds for a pair, and when that match is approximate."""

    name: str
    tier: int
    condition: pl.Expr
    approximate: pl.Expr


def match_rules() -> tuple[Rule, ...]:
    """Return the linking rules in :data:`MATCH_RULES` order.

    The expressions read the Boolean feature columns of
    :func:`deid.linkage._candidates.candidate_pairs`; a null feature counts as false.
    """
    feature = {name: pl.col(name).fill_null(False) for name in _FEATURES}  # noqa: FBT003
    names = (feature["given_same"] | feature["given_near"]) & feature["surname_near"]
    typo_in_names = ~(feature["given_same"] & feature["surname_same"])
    birth_date = feature["birth_date_same"]
    contact_points = pl.sum_horizontal(
        feature[name].cast(pl.UInt8) for name in ("phone_same", "email_same", "zip_same", "street_same")
    )
    return (
        Rule(
            name=MRN_CONFIRMED,
            tier=1,
            condition=feature["mrn_unique_match"]
            & (birth_date | feature["surname_near"] | feature["given_same"]),
            approximate=~(birth_date | feature["surname_near"]),
        ),
        Rule(
            name=NAME_DOB_PHONE,
            tier=1,
            condition=names & birth_date & feature["phone_same"],
            approximate=typo_in_names,
        ),
        Rule(
            name=NAME_DOB_EMAIL,
            tier=1,
            condition=names & birth_date & feature["email_same"],
            approximate=typo_in_names,
        ),
        Rule(
            name=NAME_DOB_ZIP,
            tier=1,
            condition=names & birth_date & feature["zip_same"],
            approximate=typo_in_names,
        ),
        Rule(
            name=NAME_TWO_CONTACTS,
            tier=2,
            condition=names & (contact_points >= 2) & feature["birth_date_compatible"],
            approximate=typo_in_names,
        ),
        Rule(
            name=INITIAL_DOB_PHONE,
            tier=2,
            condition=feature["given_prefix"] & feature["surname_near"] & birth_date & feature["phone_same"],
            approximate=pl.lit(True),  # noqa: FBT003
        ),
    )


def with_pair_rule(pairs: pl.LazyFrame) -> pl.LazyFrame:
    """Keep the pairs some rule matches; add their rule, strength and confidence.

    Adds ``rule_rank`` (index in :data:`MATCH_RULES`), ``rule``, ``strength`` (lower
    is stronger: tier 1 exact, tier 1 approximate, tier 2 exact, tier 2 approximate)
    and ``confidence``.
    """
    rank: pl.Expr = pl.lit(None, pl.UInt8)
    strength: pl.Expr = pl.lit(None, pl.UInt8)
    confidence: pl.Expr = pl.lit(None, pl.Float64)
    for index, rule in reversed(list(enumerate(match_rules()))):
        rule_strength = pl.lit((rule.tier - 1) * 2, pl.UInt8) + rule.approximate.cast(pl.UInt8)
        penalty = APPROXIMATE_PENALTY if rule.name != INITIAL_DOB_PHONE else 0.0
        rule_confidence = pl.lit(RULE_CONFIDENCE[rule.name]) - pl.when(rule.approximate).then(
            penalty
        ).otherwise(0.0)
        rank = pl.when(rule.condition).then(pl.lit(index, pl.UInt8)).otherwise(rank)
        strength = pl.when(rule.condition).then(rule_strength).otherwise(strength)
        confidence = pl.when(rule.condition).then(rule_confidence.round(3)).otherwise(confidence)
    return (
        pairs.with_columns(
            rank.alias("rule_rank"), strength.alias("strength"), confidence.alias("confidence")
        )
        .filter(pl.col("rule_rank").is_not_null())
        .with_columns(
            pl.col("rule_rank")
            .replace_strict(dict(enumerate(MATCH_RULES)), return_dtype=pl.String)
            .alias("rule")
        )
    )
