"""Reminder, billing notice and survey comment templates.

Reminders are mostly fixed strings: the most common one, unpersonalised, is meant
for about half the rows, so a scrubber's handling of repeated boilerplate shows.
Survey comments are in the patient's voice and most carry no PHI at all.
"""

from __future__ import annotations

from deid.synth.text._model import Template

__all__ = ["BILLING_NOTICE_TEMPLATES", "REMINDER_TEMPLATES", "SURVEY_COMMENT_TEMPLATES"]

REMINDER_TEMPLATES: tuple[Template, ...] = (
    Template(
        text="Reminder: you have an upcoming appointment. Reply C to confirm or R to reschedule.", weight=10.0
    ),
    Template(
        text=("This is a reminder from {clinic}. Please arrive 15 minutes early for your appointment."),
        weight=2.5,
    ),
    Template(text="Reminder: your annual wellness visit is due. Call the clinic to schedule.", weight=1.5),
    Template(
        text=(
            "Hi {patient_greeting}, this is a reminder of your appointment on {next_date_short} at {time}. "
            "Reply C to confirm."
        ),
        weight=3.0,
    ),
    Template(
        text=(
            "Reminder for {patient_full}: appointment with {provider} on {next_date_short}. "
            "Bring your insurance card."
        ),
        weight=2.0,
    ),
    Template(text="{patient_greeting}, your flu shot is due. Reply Y to book.", weight=1.0),
)

BILLING_NOTICE_TEMPLATES: tuple[Template, ...] = (
    Template(
        text="Statement for {account}: balance due {money}. Pay online at {url} or call {clinic_phone}.",
        weight=3.0,
    ),
    Template(
        text="Your payment of {money} was received on {visit_date_short}. Thank you. Reference {account}.",
        weight=2.0,
    ),
    Template(
        text="Past due notice: {patient_full}, {account}, amount {money}, due by {followup_date}.", weight=1.5
    ),
    Template(
        text=(
            "Your insurer ({member_id}) processed the claim for services on {visit_date}. "
            "Patient responsibility: {money}."
        ),
        weight=1.5,
    ),
    Template(
        text=(
            "Final notice for {account}. A balance of {money} will be sent to collections after "
            "{followup_date}. Questions: {clinic_phone}."
        ),
        weight=1.0,
    ),
    Template(text="Billing statement mailed to {street}, {city} {zip} for {account}.", weight=1.0),
    Template(text="Your statement is available online. Log in at {url} to view and pay.", weight=1.0),
    Template(
        text="Payment plan set up for {patient_title}: {money} per month starting {next_date_short}.",
        weight=1.0,
    ),
    Template(text="Collections verification for {patient_full}: {ssn}, {account}.", weight=0.3),
)

SURVEY_COMMENT_TEMPLATES: tuple[Template, ...] = (
    Template(text="{provider} was great but I waited {minutes} min", weight=2.0),
    Template(text="front desk lost my insurance card", weight=1.5),
    Template(text="Everything was fine.", weight=3.0),
    Template(text="someone dented my car in your garage ({plate}) and nobody helped", weight=0.5),
    Template(text="Nurse was rude to my {relative}", weight=1.0),
    Template(text="Please call me back at {phone}, nobody returned my call about my bill", weight=1.0),
    Template(text="The new portal is confusing, could not find my lab results.", weight=1.5),
    Template(text="My appointment on {visit_date_short} was cancelled without notice", weight=1.0),
    Template(text="{provider} explained my {drug_name} dose really well, thank you!", weight=1.5),
    Template(text="Waited {minutes} minutes past my appt time. Not ok.", weight=1.5),
    Template(text="Billing charged me twice ({money}). Still waiting on a refund.", weight=1.0),
)
