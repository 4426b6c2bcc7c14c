"""The Safe Harbor checklist: the 18 identifier categories and what the run did about each.

For every category of 45 CFR 164.514(b)(2) the checklist names the input columns that
held it, the action taken on each, how many values were transformed, how many text
detections fell in the category, and a verdict an auditor can read at a glance:

- ``removed``: every column was dropped, pseudonymised, generalised or scrubbed, or the
  category appeared only in free text, where it was replaced;
- ``shifted``: dates were shifted per person (expert determination);
- ``kept``: the method keeps the category (dates and ZIP codes in a limited data set);
- ``not present``: no input column declared it and the text engine found none;
- ``leak found``: the leak check found input values of the category in the output.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from data_contracts.entities import ENTITY_IDENTIFIER, EntityType
from data_contracts.phi import Action, Identifier

__all__ = ["LEAK_CATEGORY_IDENTIFIER", "safe_harbor_checklist"]

LEAK_CATEGORY_IDENTIFIER: Mapping[str, Identifier] = {
    "name": Identifier.NAME,
    "name_part": Identifier.NAME,
    "ssn": Identifier.SSN,
    "mrn": Identifier.MRN,
    "phone": Identifier.PHONE,
    "email": Identifier.EMAIL,
    "street_address": Identifier.GEOGRAPHY,
    "zip5": Identifier.GEOGRAPHY,
    "city": Identifier.GEOGRAPHY,
    "other_id": Identifier.OTHER,
    "record_id": Identifier.OTHER,
    "birth_date": Identifier.DATE,
    "event_date": Identifier.DATE,
    "residual_full_name": Identifier.NAME,
    "residual_name_token": Identifier.NAME,
    "residual_phone": Identifier.PHONE,
    "residual_email": Identifier.EMAIL,
    "residual_mrn": Identifier.MRN,
    "residual_id": Identifier.OTHER,
}
"""The Safe Harbor category each leak-check category belongs to."""

_LABELS: Mapping[Identifier, str] = {
    Identifier.NAME: "(A) Names",
    Identifier.GEOGRAPHY: "(B) Geographic subdivisions smaller than a state",
    Identifier.DATE: "(C) Dates (except year) and ages over 89",
    Identifier.PHONE: "(D) Telephone numbers",
    Identifier.FAX: "(E) Fax numbers",
    Identifier.EMAIL: "(F) Email addresses",
    Identifier.SSN: "(G) Social security numbers",
    Identifier.MRN: "(H) Medical record numbers",
    Identifier.HEALTH_PLAN: "(I) Health plan beneficiary numbers",
    Identifier.ACCOUNT: "(J) Account numbers",
    Identifier.LICENSE: "(K) Certificate and licence numbers",
    Identifier.VEHICLE: "(L) Vehicle identifiers and serial numbers",
    Identifier.DEVICE: "(M) Device identifiers and serial numbers",
    Identifier.URL: "(N) Web addresses (URLs)",
    Identifier.IP: "(O) IP addresses",
    Identifier.BIOMETRIC: "(P) Biometric identifiers",
    Identifier.PHOTO: "(Q) Full-face photographs",
    Identifier.OTHER: "(R) Any other unique identifying number, characteristic or code",
}


def _verdict(actions: set[str], detections: int, *, leaked: bool) -> str:
    if leaked:
        return "leak found"
    if Action.KEEP.value in actions:
        return "kept"
    if Action.SHIFT.value in actions:
        return "shifted"
    if actions or detections:
        return "removed"
    return "not present"


def safe_harbor_checklist(
    columns: Mapping[str, Mapping[str, Any]],
    text_detections: Mapping[str, Mapping[str, int]],
    leak_findings: Sequence[Mapping[str, Any]],
) -> list[dict[str, Any]]:
    """One entry per Safe Harbor category, in the rule's order (A) to (R).

    Parameters
    ----------
    columns
        ``table.column`` to its facts (``identifier``, ``action``, ``values``), as the run
        manifest records them.
    text_detections
        Per free-text column, replaced spans per entity type.
    leak_findings
        The leak check's findings (``category`` and ``cells`` per output column).

    Returns
    -------
    list of dict
        ``identifier``, ``label``, ``input_columns`` (column -> action),
        ``values_transformed``, ``text_detections``, ``leak_cells`` and ``verdict``.

    Examples
    --------
    >>> columns = {"patients.SSN": {"identifier": "social_security_numbers", "action": "drop", "values": 5}}
    >>> rows = safe_harbor_checklist(columns, {"notes.TEXT": {"SSN": 2}}, [])
    >>> ssn = next(row for row in rows if row["identifier"] == "social_security_numbers")
    >>> ssn["values_transformed"], ssn["text_detections"], ssn["verdict"]
    (5, 2, 'removed')
    """
    held: dict[Identifier, dict[str, str]] = defaultdict(dict)
    values: dict[Identifier, int] = defaultdict(int)
    for name, facts in sorted(columns.items()):
        if facts.get("identifier") is None:
            continue
        identifier = Identifier(facts["identifier"])
        held[identifier][name] = facts["action"]
        if facts["action"] != Action.KEEP.value:
            values[identifier] += int(facts.get("values") or 0)
    detected: dict[Identifier, int] = defaultdict(int)
    for per_entity in text_detections.values():
        for entity, count in per_entity.items():
            detected[ENTITY_IDENTIFIER[EntityType(entity)]] += count
    leaked: dict[Identifier, int] = defaultdict(int)
    for finding in leak_findings:
        leaked[LEAK_CATEGORY_IDENTIFIER.get(finding["category"], Identifier.OTHER)] += finding["cells"]
    return [
        {
            "identifier": identifier.value,
            "label": _LABELS[identifier],
            "input_columns": held.get(identifier, {}),
            "values_transformed": values.get(identifier, 0),
            "text_detections": detected.get(identifier, 0),
            "leak_cells": leaked.get(identifier, 0),
            "verdict": _verdict(
                set(held.get(identifier, {}).values()),
                detected.get(identifier, 0),
                leaked=identifier in leaked,
            ),
        }
        for identifier in Identifier
    ]
