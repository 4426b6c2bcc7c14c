"""PHI classes, de-identification actions and the default action of every column.

Each contract column carries a :class:`ColumnPolicy`: its PHI class, the HIPAA Safe
Harbor identifier category it belongs to (if any) and its default action under each
de-identification method. The factories below (:func:`record_key`, :func:`birth_date`,
...) encode HIPAA.md once, so a schema says *what* a column is and the policy follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

__all__ = [
    "POLICY_METADATA_KEY",
    "Action",
    "ColumnPolicy",
    "Generalisation",
    "Identifier",
    "Method",
    "PhiClass",
    "age",
    "birth_date",
    "city",
    "direct_identifier",
    "event_date",
    "free_text",
    "geocode",
    "quasi_identifier",
    "record_key",
    "safe",
    "sensitive",
    "state",
    "zip_code",
]

POLICY_METADATA_KEY = "phi_policy"


class PhiClass(StrEnum):
    """What a column is, from a privacy point of view."""

    DIRECT_IDENTIFIER = "direct_identifier"
    QUASI_IDENTIFIER = "quasi_identifier"
    SENSITIVE = "sensitive"
    FREE_TEXT = "free_text"
    RECORD_KEY = "record_key"
    SAFE = "safe"


class Action(StrEnum):
    """What the de-identification stage does to a column."""

    DROP = "drop"
    PSEUDONYMISE = "pseudonymise"
    GENERALISE = "generalise"
    SHIFT = "shift"
    KEEP = "keep"
    SCRUB = "scrub"


class Method(StrEnum):
    """HIPAA de-identification methods (45 CFR 164.514)."""

    SAFE_HARBOR = "safe_harbor"
    LIMITED_DATA_SET = "limited_data_set"
    EXPERT_DETERMINATION = "expert_determination"


class Generalisation(StrEnum):
    """How a ``generalise`` action coarsens a value."""

    ZIP3 = "zip3"
    """ZIP to its first three digits; restricted prefixes become ``000``."""
    YEAR = "year"
    """A date to its year."""
    BIRTH_YEAR_90_PLUS = "birth_year_90_plus"
    """A birth date to its year; years implying an age over 89 are pooled."""
    AGE_90_PLUS = "age_90_plus"
    """An age in years; ages over 89 are pooled into ``90+``."""


class Identifier(StrEnum):
    """The 18 Safe Harbor identifier categories of 45 CFR 164.514(b)(2)."""

    NAME = "names"
    GEOGRAPHY = "geographic_subdivisions"
    DATE = "dates_and_ages_over_89"
    PHONE = "telephone_numbers"
    FAX = "fax_numbers"
    EMAIL = "email_addresses"
    SSN = "social_security_numbers"
    MRN = "medical_record_numbers"
    HEALTH_PLAN = "health_plan_beneficiary_numbers"
    ACCOUNT = "account_numbers"
    LICENSE = "certificate_license_numbers"
    VEHICLE = "vehicle_identifiers"
    DEVICE = "device_identifiers"
    URL = "urls"
    IP = "ip_addresses"
    BIOMETRIC = "biometric_identifiers"
    PHOTO = "full_face_photographs"
    OTHER = "other_unique_identifiers"


@dataclass(frozen=True, kw_only=True)
class ColumnPolicy:
    """The privacy declaration of one contract column.

    Parameters
    ----------
    phi_class
        What the column is.
    identifier
        The Safe Harbor identifier category the column holds, or ``None``.
    safe_harbor, limited_data_set, expert_determination
        The default action under each method.
    generalisation
        How ``generalise`` coarsens the column; required when any action is
        ``generalise``.
    entity
        For a record key, what it identifies (``patient``, ``contact``, ``encounter``):
        keys of one entity share one pseudonym namespace across tables, and ``patient``
        and ``contact`` keys both become the ``person_key``.
    """

    phi_class: PhiClass
    identifier: Identifier | None
    safe_harbor: Action
    limited_data_set: Action
    expert_determination: Action
    generalisation: Generalisation | None = None
    entity: str | None = None

    def __post_init__(self) -> None:
        if (self.phi_class is PhiClass.RECORD_KEY) != (self.entity is not None):
            msg = "a record key, and only a record key, names the entity it identifies"
            raise ValueError(msg)
        generalises = Action.GENERALISE in self.actions().values()
        if generalises and self.generalisation is None:
            msg = "a policy whose action is 'generalise' must name its generalisation"
            raise ValueError(msg)
        if self.phi_class is PhiClass.DIRECT_IDENTIFIER and Action.KEEP in self.actions().values():
            msg = "a direct identifier cannot be kept under any method"
            raise ValueError(msg)

    def action(self, method: Method) -> Action:
        """Return the default action under ``method``.

        Examples
        --------
        >>> zip_code()[POLICY_METADATA_KEY].action(Method.SAFE_HARBOR)
        <Action.GENERALISE: 'generalise'>
        """
        return self.actions()[method]

    def actions(self) -> dict[Method, Action]:
        """Return the default action under every method."""
        return {
            Method.SAFE_HARBOR: self.safe_harbor,
            Method.LIMITED_DATA_SET: self.limited_data_set,
            Method.EXPERT_DETERMINATION: self.expert_determination,
        }

    def as_metadata(self) -> dict[str, Any]:
        """Wrap the policy for a dataframely column's ``metadata``."""
        return {POLICY_METADATA_KEY: self}


def _same_everywhere(phi_class: PhiClass, action: Action, identifier: Identifier | None) -> ColumnPolicy:
    return ColumnPolicy(
        phi_class=phi_class,
        identifier=identifier,
        safe_harbor=action,
        limited_data_set=action,
        expert_determination=action,
    )


def record_key(entity: str) -> dict[str, Any]:
    """A record identifier or foreign key of ``entity``: pseudonymised under every method."""
    return ColumnPolicy(
        phi_class=PhiClass.RECORD_KEY,
        identifier=Identifier.OTHER,
        safe_harbor=Action.PSEUDONYMISE,
        limited_data_set=Action.PSEUDONYMISE,
        expert_determination=Action.PSEUDONYMISE,
        entity=entity,
    ).as_metadata()


def direct_identifier(identifier: Identifier) -> dict[str, Any]:
    """A direct identifier (name, phone, SSN, street address, ...): always dropped."""
    return _same_everywhere(PhiClass.DIRECT_IDENTIFIER, Action.DROP, identifier).as_metadata()


def geocode() -> dict[str, Any]:
    """Latitude or longitude: finer than any ZIP, dropped under every method."""
    return direct_identifier(Identifier.GEOGRAPHY)


def free_text() -> dict[str, Any]:
    """Free text that may mention anything: scrubbed by the text engine."""
    return _same_everywhere(PhiClass.FREE_TEXT, Action.SCRUB, None).as_metadata()


def sensitive() -> dict[str, Any]:
    """A clinical or financial fact about the person (diagnosis, amount): kept."""
    return _same_everywhere(PhiClass.SENSITIVE, Action.KEEP, None).as_metadata()


def safe() -> dict[str, Any]:
    """Not about any person (code lists, flags, counts): kept."""
    return _same_everywhere(PhiClass.SAFE, Action.KEEP, None).as_metadata()


def quasi_identifier() -> dict[str, Any]:
    """A demographic that identifies only in combination (sex, race, marital status)."""
    return _same_everywhere(PhiClass.QUASI_IDENTIFIER, Action.KEEP, None).as_metadata()


def state() -> dict[str, Any]:
    """A US state: allowed by every method."""
    return quasi_identifier()


def _quasi(
    identifier: Identifier,
    actions: tuple[Action, Action, Action],
    generalisation: Generalisation | None = None,
) -> dict[str, Any]:
    """A quasi-identifier whose actions differ by method (Safe Harbor, LDS, expert)."""
    safe_harbor, limited_data_set, expert_determination = actions
    return ColumnPolicy(
        phi_class=PhiClass.QUASI_IDENTIFIER,
        identifier=identifier,
        safe_harbor=safe_harbor,
        limited_data_set=limited_data_set,
        expert_determination=expert_determination,
        generalisation=generalisation,
    ).as_metadata()


def event_date() -> dict[str, Any]:
    """A date of an event in a person's care: year / kept / shifted."""
    actions = (Action.GENERALISE, Action.KEEP, Action.SHIFT)
    return _quasi(Identifier.DATE, actions, Generalisation.YEAR)


def birth_date() -> dict[str, Any]:
    """A birth date: year with 90+ pooling / kept / shifted."""
    actions = (Action.GENERALISE, Action.KEEP, Action.SHIFT)
    return _quasi(Identifier.DATE, actions, Generalisation.BIRTH_YEAR_90_PLUS)


def age() -> dict[str, Any]:
    """An age in years: ages over 89 pooled, except in a limited data set."""
    actions = (Action.GENERALISE, Action.KEEP, Action.GENERALISE)
    return _quasi(Identifier.DATE, actions, Generalisation.AGE_90_PLUS)


def zip_code() -> dict[str, Any]:
    """A ZIP code: ZIP3 (restricted prefixes to 000) / kept as ZIP5 / ZIP3."""
    actions = (Action.GENERALISE, Action.KEEP, Action.GENERALISE)
    return _quasi(Identifier.GEOGRAPHY, actions, Generalisation.ZIP3)


def city() -> dict[str, Any]:
    """A city, county or county FIPS code: dropped / kept / dropped."""
    return _quasi(Identifier.GEOGRAPHY, (Action.DROP, Action.KEEP, Action.DROP))
