"""The event domains a cohort spec can name, and where each lives in the de-identified dataset.

A domain is a stream of dated events per person: an EMR table filtered by code set
(``conditions``, ``medications``, ...) or a kind of CRM activity (``reminders``,
``emails``, ``campaign_responses``, ...). Each maps to an output table, its date column,
the column codes are matched against, and an optional fixed filter. Under Safe Harbor
only the ``<date>_year`` column exists; under the other methods the full (possibly
shifted) date does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

import polars as pl

__all__ = ["DOMAINS", "Domain", "EventDomain"]

Domain = Literal[
    "conditions",
    "encounters",
    "medications",
    "observations",
    "procedures",
    "immunizations",
    "appointments",
    "reminders",
    "emails",
    "calls",
    "sms",
    "billing_notices",
    "campaign_responses",
    "surveys",
    "payments",
]


@dataclass(frozen=True, kw_only=True)
class EventDomain:
    """Where one domain's events are read.

    Parameters
    ----------
    table
        Output table name.
    date
        Its event date column (``<date>_year`` holds the year).
    code
        Column a code set is matched against, if the domain has codes.
    kind
        For CRM tasks, the task type kept (``Reminder``, ``Email``, ...).
    responded
        Keep only rows with a response date (campaign members who responded).
    """

    table: str
    date: str
    code: str | None = None
    kind: str | None = None
    responded: bool = False

    @property
    def year(self) -> str:
        """The column holding the event's year."""
        return f"{self.date}_year"

    def row_filter(self) -> pl.Expr:
        """The fixed filter of the domain (all rows when it has none)."""
        condition = pl.lit(value=True)
        if self.kind is not None:
            condition = condition & (pl.col("type").cast(pl.String) == self.kind)
        if self.responded:
            condition = condition & pl.col(self.year).is_not_null()
        return condition


DOMAINS: Mapping[str, EventDomain] = MappingProxyType(
    {
        "conditions": EventDomain(table="conditions", date="start", code="code"),
        "encounters": EventDomain(table="encounters", date="start", code="code"),
        "medications": EventDomain(table="medications", date="start", code="code"),
        "observations": EventDomain(table="observations", date="date", code="code"),
        "procedures": EventDomain(table="procedures", date="start", code="code"),
        "immunizations": EventDomain(table="immunizations", date="date", code="code"),
        "appointments": EventDomain(table="appointments", date="start", code="status"),
        "reminders": EventDomain(table="crm_tasks", date="activity_date", kind="Reminder"),
        "emails": EventDomain(table="crm_tasks", date="activity_date", kind="Email"),
        "calls": EventDomain(table="crm_tasks", date="activity_date", kind="Call"),
        "sms": EventDomain(table="crm_tasks", date="activity_date", kind="SMS"),
        "billing_notices": EventDomain(table="crm_tasks", date="activity_date", kind="BillingNotice"),
        "campaign_responses": EventDomain(
            table="crm_campaign_members", date="first_responded_date", code="status", responded=True
        ),
        "surveys": EventDomain(table="crm_survey_responses", date="response_date"),
        "payments": EventDomain(table="crm_payments", date="paid_date", code="method"),
    }
)
"""Every domain by name. Appointment codes are statuses (``attended``, ``no-show``)."""
