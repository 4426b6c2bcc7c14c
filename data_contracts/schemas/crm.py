"""CRM input tables as Salesforce-style object exports (Health Cloud layout).

Custom fields end in ``__c`` as Salesforce exports them. ``Contact.MRN__c`` is often
empty or stale: linkage treats it as a hint, never as truth.
"""

from __future__ import annotations

import dataframely as dy

from data_contracts import phi
from data_contracts.phi import Identifier

__all__ = ["Campaign", "CampaignMember", "Contact", "Payment", "SurveyResponse", "Task"]

TASK_TYPES = ("Call", "Email", "SMS", "Reminder", "BillingNotice")
TASK_DIRECTIONS = ("Inbound", "Outbound")
CHANNELS = ("Email", "Phone", "SMS", "Mail")


def _contact_key(description: str = "Contact id (foreign key to Contact.Id).") -> dy.String:
    return dy.String(description=description, metadata=phi.record_key("contact"))


def _flag(description: str) -> dy.Bool:
    return dy.Bool(nullable=True, description=description, metadata=phi.safe())


class Contact(dy.Schema):
    """``Contact``: one row per person the CRM knows (patients and prospects)."""

    Id = dy.String(primary_key=True, description="Salesforce contact id.", metadata=phi.record_key("contact"))
    FirstName = dy.String(
        nullable=True, description="Given name as typed.", metadata=phi.direct_identifier(Identifier.NAME)
    )
    LastName = dy.String(description="Family name as typed.", metadata=phi.direct_identifier(Identifier.NAME))
    Birthdate = dy.Date(nullable=True, description="Date of birth.", metadata=phi.birth_date())
    Email = dy.String(
        nullable=True, description="Email address.", metadata=phi.direct_identifier(Identifier.EMAIL)
    )
    Phone = dy.String(
        nullable=True, description="Phone number.", metadata=phi.direct_identifier(Identifier.PHONE)
    )
    MobilePhone = dy.String(
        nullable=True, description="Mobile number.", metadata=phi.direct_identifier(Identifier.PHONE)
    )
    MailingStreet = dy.String(
        nullable=True, description="Street address.", metadata=phi.direct_identifier(Identifier.GEOGRAPHY)
    )
    MailingCity = dy.String(nullable=True, description="City.", metadata=phi.city())
    MailingState = dy.String(nullable=True, description="State.", metadata=phi.state())
    MailingPostalCode = dy.String(nullable=True, description="ZIP code.", metadata=phi.zip_code())
    MRN__c = dy.String(
        nullable=True,
        description="Medical record number as entered in the CRM (often empty or stale).",
        metadata=phi.direct_identifier(Identifier.MRN),
    )
    HasOptedOutOfEmail = _flag("Whether the contact opted out of email.")
    PreferredChannel__c = dy.String(
        nullable=True, description="Email, Phone, SMS or Mail.", metadata=phi.safe()
    )
    CreatedDate = dy.Datetime(description="When the contact was created.", metadata=phi.event_date())


class Task(dy.Schema):
    """``Task``: one row per activity (call, email, SMS, reminder, billing notice)."""

    Id = dy.String(primary_key=True, description="Task id.", metadata=phi.record_key("task"))
    WhoId = _contact_key("Contact the activity is about (Contact.Id).")
    Type = dy.Enum(
        TASK_TYPES, description="Call, Email, SMS, Reminder or BillingNotice.", metadata=phi.safe()
    )
    Subject = dy.String(
        nullable=True, description="Subject line (may name the person).", metadata=phi.free_text()
    )
    Description = dy.String(nullable=True, description="Body or call note.", metadata=phi.free_text())
    ActivityDate = dy.Date(description="Date of the activity.", metadata=phi.event_date())
    Status = dy.String(nullable=True, description="Completed, Not Started, ...", metadata=phi.safe())
    Direction__c = dy.Enum(
        TASK_DIRECTIONS, nullable=True, description="Inbound or Outbound.", metadata=phi.safe()
    )
    Opened__c = _flag("Email or SMS opened.")
    Clicked__c = _flag("A link in it was clicked.")
    Replied__c = _flag("The contact replied or answered.")


class Campaign(dy.Schema):
    """``Campaign``: one row per marketing or outreach campaign."""

    Id = dy.String(primary_key=True, description="Campaign id.", metadata=phi.record_key("campaign"))
    Name = dy.String(description="Campaign name.", metadata=phi.safe())
    Type = dy.String(
        nullable=True, description="Campaign type (Outreach, Acquisition, ...).", metadata=phi.safe()
    )
    Channel = dy.String(
        nullable=True, description="Acquisition channel (Web, Referral, Event, ...).", metadata=phi.safe()
    )
    StartDate = dy.Date(nullable=True, description="Campaign start date.", metadata=phi.safe())


class CampaignMember(dy.Schema):
    """``CampaignMember``: a contact's membership of a campaign."""

    Id = dy.String(primary_key=True, description="Membership id.", metadata=phi.record_key("campaign_member"))
    CampaignId = dy.String(description="Campaign id (Campaign.Id).", metadata=phi.record_key("campaign"))
    ContactId = _contact_key()
    Status = dy.String(nullable=True, description="Sent, Responded, ...", metadata=phi.safe())
    FirstRespondedDate = dy.Date(
        nullable=True, description="Date of first response.", metadata=phi.event_date()
    )


class Payment(dy.Schema):
    """``Payment__c``: one row per payment by a contact."""

    Id = dy.String(primary_key=True, description="Payment id.", metadata=phi.record_key("payment"))
    Contact__c = _contact_key()
    Amount__c = dy.Float64(description="Amount paid, in US dollars.", metadata=phi.sensitive())
    PaidDate__c = dy.Date(description="Date paid.", metadata=phi.event_date())
    Method__c = dy.String(nullable=True, description="Card, Cash, Check, ACH.", metadata=phi.safe())


class SurveyResponse(dy.Schema):
    """``SurveyResponse__c``: one row per satisfaction survey answer."""

    Id = dy.String(primary_key=True, description="Response id.", metadata=phi.record_key("survey_response"))
    Contact__c = _contact_key()
    ResponseDate__c = dy.Date(description="Date answered.", metadata=phi.event_date())
    NPS__c = dy.Int64(
        description="Net promoter score, 0 to 10.",
        check=lambda nps: nps.is_between(0, 10),
        metadata=phi.sensitive(),
    )
    Comment__c = dy.String(nullable=True, description="Free-text comment.", metadata=phi.free_text())
