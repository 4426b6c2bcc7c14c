"""Email body, email subject and SMS templates."""

from __future__ import annotations

from deid.synth.text._model import Template

__all__ = ["EMAIL_BODY_TEMPLATES", "EMAIL_SUBJECT_TEMPLATES", "SMS_TEMPLATES"]

_SIGNATURE = "\n\nBest regards,\n{agent}\nPatient Services, {clinic}\n{clinic_phone} | {agent_email}"


def _email(greeting: str, body: str, weight: float) -> Template:
    return Template(text=f"{greeting},\n\n{body}{_SIGNATURE}", weight=weight)


EMAIL_BODY_TEMPLATES: tuple[Template, ...] = (
    _email(
        "Hi {patient_greeting}",
        "This is a reminder of your appointment with {provider} on {visit_date}. "
        "Please arrive 15 minutes early and bring your insurance card ({member_id}).",
        3.0,
    ),
    _email(
        "Dear {patient_title}",
        "Your lab results from {prior_date} are available in the patient portal: {url}\n"
        "Please contact us if you have any questions.",
        2.0,
    ),
    _email(
        "Hello {patient_first}",
        "We received your payment for {account}. Your remaining balance is {money}.",
        1.5,
    ),
    _email(
        "Hi {patient_greeting}",
        "Your prescription for {drug_name} has been sent to the pharmacy. "
        "{provider} would like to see you again on {followup_date}.",
        2.0,
    ),
    _email(
        "Dear {patient_full}",
        "We tried to reach you at {phone} about your referral. Please call us back or reply to this email.",
        1.5,
    ),
    _email(
        "Hi {patient_greeting}",
        "Per your request we updated your mailing address to {street}, {city} {zip}. "
        "If this is incorrect, reply to this message.",
        1.0,
    ),
    _email(
        "Hello",
        "This is a message from {clinic}. Please log in to the patient portal to read a new message "
        "from your care team.",
        1.0,
    ),
    _email(
        "Hi {patient_greeting}",
        "Thank you for your visit on {visit_date}. Your after-visit summary lists {drug} and a follow-up "
        "with {provider}.",
        1.5,
    ),
    _email(
        "Dear {patient_title}",
        "Your {relative} asked us to share your appointment details. Please sign the authorization form "
        "so we can speak with them.",
        0.8,
    ),
)

EMAIL_SUBJECT_TEMPLATES: tuple[Template, ...] = (
    Template(text="Appointment reminder", weight=3.0),
    Template(text="Your appointment on {visit_date_short}", weight=2.0),
    Template(text="Re: {patient_full} - billing question", weight=1.5),
    Template(text="Lab results for {patient_first}", weight=1.0),
    Template(text="Follow-up: {patient_title}", weight=1.0),
    Template(text="Statement for {account}", weight=1.0),
    Template(text="Message from {clinic}", weight=2.0),
    Template(text="Prescription ready", weight=1.5),
    Template(text="{patient_initials} - records request {mrn}", weight=0.5),
)

SMS_TEMPLATES: tuple[Template, ...] = (
    Template(
        text=(
            "Hi {patient_greeting}, reminder: appt w/ {provider} on {next_date_short} at {time}. "
            "Reply C to confirm"
        ),
        weight=3.0,
    ),
    Template(
        text="{clinic}: your appt is confirmed for {visit_date_short} at {time}. Reply STOP to opt out.",
        weight=2.0,
    ),
    Template(text="Hi {patient_greeting}, your Rx for {drug_name} is ready for pickup.", weight=1.5),
    Template(text="{clinic}: you have a new message in the portal {url}", weight=1.5),
    Template(
        text="Hi {patient_greeting}, pls call us at {clinic_phone} re: your bill ({account})", weight=1.0
    ),
    Template(text="Your lab results are ready. Log in to the portal to view them.", weight=1.0),
    Template(
        text="Hi {patient_greeting}! Your ride for {next_date_short} is booked, the driver will call {phone}",
        weight=0.8,
    ),
    Template(
        text="{patient_first}, we missed you on {visit_date_short}. Call {clinic_phone} to reschedule.",
        weight=1.0,
    ),
)
