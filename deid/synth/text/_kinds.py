"""The kinds of free text rendered and the gold entity vocabulary."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

from data_contracts.entities import ENTITY_IDENTIFIER as DATA_ENTITY_IDENTIFIER
from data_contracts.entities import EntityType
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


_DETECTOR_ONLY = frozenset({EntityType.EMPLOYER, EntityType.OTHER})
"""Types the text engine reports that the generator's gold does not use (it writes no
employer, and nothing is unknown to it)."""

ENTITY_TYPES: tuple[str, ...] = tuple(entity.value for entity in EntityType if entity not in _DETECTOR_ONLY)
"""The gold entity vocabulary (:class:`data_contracts.entities.EntityType` less the detector-only types)."""

ENTITY_IDENTIFIER: Mapping[str, Identifier] = MappingProxyType(
    {
        entity.value: identifier
        for entity, identifier in DATA_ENTITY_IDENTIFIER.items()
        if entity not in _DETECTOR_ONLY
    }
)
"""The Safe Harbor category (45 CFR 164.514(b)(2)) of each entity type."""
