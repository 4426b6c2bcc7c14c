"""Counts of link decisions for the de-identification report (never a name or value)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import polars as pl

from deid.linkage._link import OUTPUT_SCHEMA
from deid.linkage._rules import LINK_RULES


@dataclass(frozen=True, kw_only=True)
class LinkageSummary:
    """What linkage decided, in counts only.

    Parameters
    ----------
    contacts
        Contacts considered.
    linked
        Contacts linked to a patient.
    by_rule
        Contacts per rule, for every rule of ``LINK_RULES`` in its order (zeros kept).
    patients_linked
        Distinct patients with at least one linked contact.
    patients_linked_more_than_once
        Patients with two or more linked contacts (duplicate contacts in the CRM).
    """

    contacts: int
    linked: int
    by_rule: Mapping[str, int]
    patients_linked: int
    patients_linked_more_than_once: int

    @property
    def link_rate(self) -> float:
        """Share of contacts linked (0 when there are no contacts)."""
        return self.linked / self.contacts if self.contacts else 0.0

    @property
    def duplicate_contacts(self) -> int:
        """Linked contacts beyond the first of each patient."""
        return self.linked - self.patients_linked


def summarise_links(links: pl.DataFrame) -> LinkageSummary:
    """Count the decisions of :func:`~deid.linkage.link_contacts`.

    Parameters
    ----------
    links
        The collected output of ``link_contacts``.

    Returns
    -------
    LinkageSummary
        Counts by rule, linked contacts and patients, and duplicate contacts.

    Raises
    ------
    ValueError
        If ``links`` lacks an output column or holds a rule outside ``LINK_RULES``.

    Examples
    --------
    >>> links = pl.DataFrame(
    ...     {"contact_id": ["c1", "c2", "c3"], "patient_id": ["p1", "p1", None],
    ...      "rule": ["mrn_confirmed", "name_dob_zip", "unlinked"], "confidence": [0.99, 0.93, 0.0]}
    ... )
    >>> summary = summarise_links(links)
    >>> summary.linked, summary.patients_linked_more_than_once, summary.by_rule["unlinked"]
    (2, 1, 1)
    """
    missing = [name for name in OUTPUT_SCHEMA if name not in links.columns]
    if missing:
        msg = f"links lacks the columns {', '.join(missing)}; pass the output of link_contacts."
        raise ValueError(msg)
    unknown = links.filter(~pl.col("rule").is_in(LINK_RULES) | pl.col("rule").is_null()).height
    if unknown:
        msg = f"{unknown} rows of links have a rule outside LINK_RULES; pass the output of link_contacts."
        raise ValueError(msg)
    counts = dict(links.group_by("rule").len().iter_rows())
    per_patient = links.drop_nulls("patient_id").group_by("patient_id").len()
    return LinkageSummary(
        contacts=links.height,
        linked=int(links["patient_id"].is_not_null().sum()),
        by_rule=MappingProxyType({rule: int(counts.get(rule, 0)) for rule in LINK_RULES}),
        patients_linked=per_patient.height,
        patients_linked_more_than_once=per_patient.filter(pl.col("len") >= 2).height,
    )
