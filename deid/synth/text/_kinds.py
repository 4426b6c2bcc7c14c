"""The kinds of free text rendered and the gold entity vocabulary."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

from data_contracts.phi import Identifier

__all__ = ["ENTITY_IDENTIFIER", "ENTITY_TYPES", "TextKind"]


class TextKind(StrEnum):
    """A kind of free text, named after where it lands in the extracts."""

    CLINICAL_NOTE = "clinical_note"
    """``notes.csv`` TEXT: progress, discharge and nursing notes of 2 to 8 sentences."""
    CALL_NOTE = "call_note"
    """``Task.Description`` of calls: hurried agent notes, abbreviations, lower case."""
    EMAIL_BODY = "email_body"
    """``Task.Description`` of emails: greeting, body and signature block."""
    EMAIL_SUBJECT = "email_subject"
    """``Task.Subject`` of every task type: short, sometimes names the person."""
    SMS = "sms"
    """``Task.Description`` of text messages."""
    REMINDER = "reminder"
    """``Task.Description`` of reminders: templated, many rows byte-identical."""
    BILLING_NOTICE = "billing_notice"
    """``Task.Description`` of billing notices: account numbers and amounts."""
    SURVEY_COMMENT = "survey_comment"
    """``SurveyResponse__c.Comment__c``: the patient's own words, often PHI-free."""


ENTITY_TYPES: tuple[str, ...] = (
    "PERSON",
    "DATE",
    "AGE_OVER_89",
    "PHONE",
    "FAX",
    "EMAIL",
    "SSN",
    "MRN",
    "HEALTH_PLAN",
    "ACCOUNT",
    "LICENSE",
    "VEHICLE",
    "DEVICE",
    "URL",
    "IP",
    "STREET_ADDRESS",
    "CITY",
    "ZIP",
)
"""The gold entity vocabulary; every span carries one of these types."""

ENTITY_IDENTIFIER: Mapping[str, Identifier] = MappingProxyType(
    {
        "PERSON": Identifier.NAME,
        "DATE": Identifier.DATE,
        "AGE_OVER_89": Identifier.DATE,
        "PHONE": Identifier.PHONE,
        "FAX": Identifier.FAX,
        "EMAIL": Identifier.EMAIL,
        "SSN": Identifier.SSN,
        "MRN": Identifier.MRN,
        "HEALTH_PLAN": Identifier.HEALTH_PLAN,
        "ACCOUNT": Identifier.ACCOUNT,
        "LICENSE": Identifier.LICENSE,
        "VEHICLE": Identifier.VEHICLE,
        "DEVICE": Identifier.DEVICE,
        "URL": Identifier.URL,
        "IP": Identifier.IP,
        "STREET_ADDRESS": Identifier.GEOGRAPHY,
        "CITY": Identifier.GEOGRAPHY,
        "ZIP": Identifier.GEOGRAPHY,
    }
)
"""The Safe Harbor category (45 CFR 164.514(b)(2)) of each entity type."""
