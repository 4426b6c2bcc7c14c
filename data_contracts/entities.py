"""The vocabulary of PHI entity types found in free text, shared by every stage.

The text engine labels its detections with these types, the synthetic generator its
gold spans, and the report counts them; each maps to one Safe Harbor category.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

from data_contracts.phi import Identifier

__all__ = ["ENTITY_IDENTIFIER", "ENTITY_TAG", "EntityType"]


class EntityType(StrEnum):
    """A kind of PHI in free text."""

    PERSON = "PERSON"
    DATE = "DATE"
    AGE_OVER_89 = "AGE_OVER_89"
    PHONE = "PHONE"
    FAX = "FAX"
    EMAIL = "EMAIL"
    SSN = "SSN"
    MRN = "MRN"
    HEALTH_PLAN = "HEALTH_PLAN"
    ACCOUNT = "ACCOUNT"
    LICENSE = "LICENSE"
    VEHICLE = "VEHICLE"
    DEVICE = "DEVICE"
    URL = "URL"
    IP = "IP"
    STREET_ADDRESS = "STREET_ADDRESS"
    CITY = "CITY"
    ZIP = "ZIP"
    FACILITY = "FACILITY"
    """A named health-care facility (``Methodist Hospital``, ``Mt. Sinai``, ``VAMC``)."""
    EMPLOYER = "EMPLOYER"
    """The name of a person's employer or school."""
    OTHER = "OTHER"
    """Any other word or number that may identify: what the safe-list backstop does not know to be safe."""


ENTITY_IDENTIFIER: Mapping[EntityType, Identifier] = MappingProxyType(
    {
        EntityType.PERSON: Identifier.NAME,
        EntityType.DATE: Identifier.DATE,
        EntityType.AGE_OVER_89: Identifier.DATE,
        EntityType.PHONE: Identifier.PHONE,
        EntityType.FAX: Identifier.FAX,
        EntityType.EMAIL: Identifier.EMAIL,
        EntityType.SSN: Identifier.SSN,
        EntityType.MRN: Identifier.MRN,
        EntityType.HEALTH_PLAN: Identifier.HEALTH_PLAN,
        EntityType.ACCOUNT: Identifier.ACCOUNT,
        EntityType.LICENSE: Identifier.LICENSE,
        EntityType.VEHICLE: Identifier.VEHICLE,
        EntityType.DEVICE: Identifier.DEVICE,
        EntityType.URL: Identifier.URL,
        EntityType.IP: Identifier.IP,
        EntityType.STREET_ADDRESS: Identifier.GEOGRAPHY,
        EntityType.CITY: Identifier.GEOGRAPHY,
        EntityType.ZIP: Identifier.GEOGRAPHY,
        EntityType.FACILITY: Identifier.GEOGRAPHY,
        EntityType.EMPLOYER: Identifier.NAME,
        EntityType.OTHER: Identifier.OTHER,
    }
)
"""The Safe Harbor category (45 CFR 164.514(b)(2)) of each entity type."""

ENTITY_TAG: Mapping[EntityType, str] = MappingProxyType(
    {
        entity: {EntityType.PERSON: "[NAME]", EntityType.OTHER: "[REDACTED]"}.get(entity, f"[{entity.value}]")
        for entity in EntityType
    }
)
"""The type tag that replaces a detection of each entity type (``[NAME]``, ``[DATE]``, ...)."""
