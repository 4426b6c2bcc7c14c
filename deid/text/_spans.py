"""What the text engine finds and what a caller may tell it: spans and known identifiers."""

from __future__ import annotations

from dataclasses import dataclass

from data_contracts.entities import EntityType

__all__ = ["KnownPhi", "TextSpan"]


@dataclass(frozen=True, slots=True, kw_only=True)
class TextSpan:
    """One detection in a text.

    Parameters
    ----------
    start, end
        Character offsets into the input text (``end`` exclusive), as Python slices them.
    entity_type
        What was found.
    score
        Confidence in [0, 1].
    source
        The recognizer that found it (its class name), for the report's per-recognizer counts.
    """

    start: int
    end: int
    entity_type: EntityType
    score: float
    source: str


@dataclass(frozen=True, slots=True, kw_only=True)
class KnownPhi:
    """Identifiers already known from a text's linked structured record.

    The engine looks for each of them in the text case-insensitively and in the forms
    people type (surname alone, initials, phone numbers in any layout). Every field is
    optional; values are raw, as stored in the record.

    Parameters
    ----------
    names
        Full names of the patient or contact (``"Mary Ann Smith"``).
    nicknames
        Short forms of the given names (``"Molly"``).
    relatives
        Names of relatives, emergency contacts and other household members.
    phones, emails, addresses, mrns, other_ids
        Phone and fax numbers, email addresses, street address lines, medical record
        numbers, and any other identifying numbers (accounts, plan members, licences).
    """

    names: tuple[str, ...] = ()
    nicknames: tuple[str, ...] = ()
    relatives: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    mrns: tuple[str, ...] = ()
    other_ids: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return any(
            (
                self.names,
                self.nicknames,
                self.relatives,
                self.phones,
                self.emails,
                self.addresses,
                self.mrns,
                self.other_ids,
            )
        )
