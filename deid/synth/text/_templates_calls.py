"""Call note templates: hurried agent notes, abbreviations, often all lower case."""

from __future__ import annotations

from deid.synth.text._model import Template

__all__ = ["CALL_NOTE_TEMPLATES"]

_LOWER_SHARE = 0.35


def _call(text: str, weight: float) -> Template:
    return Template(text=text, weight=weight, lower_share=_LOWER_SHARE)


CALL_NOTE_TEMPLATES: tuple[Template, ...] = (
    _call("lvm for pt re appt {visit_date_short}, cb {phone}", 3.0),
    _call("spoke w/ pt's {relative} re: bill on {account}, will call back {next_date_short}", 1.5),
    _call(
        "pt called asking abt refill of {drug_name}, sent to {provider} for approval. "
        "pt aware. -{agent_first}",
        2.0,
    ),
    _call(
        "{patient_ref} called to resched appt from {visit_date_short} to {next_date_short} at {time}. "
        "confirmed {phone}",
        2.0,
    ),
    _call(
        "inbound call from {patient_first}, verified DOB {dob} and {mrn}. q re coverage {member_id}, "
        "xfer to billing",
        1.5,
    ),
    _call("no answer x{count}, mailbox full. mailed letter to {street}, {city} {zip}", 1.0),
    _call("pt requested records be faxed to {fax}. consent for {patient_initials} on file", 1.0),
    _call("called pt, c/o {symptom} since {prior_date}, advised ED if worse. f/u w/ {provider}", 1.5),
    _call(
        "pt unable to log into portal, pw reset, login attempt from {ip} blocked. emailed link to {email}",
        0.8,
    ),
    _call("pt asked abt parking validation for {plate}, told to see front desk", 0.5),
    _call("lvm x{count} re appt, no cb yet", 1.0),
    _call("called pt re {drug_name} refill, no answer, lvm -{agent_first}", 1.0),
    _call("pt gave {ssn} to update ins {member_id}, {patient_ref} verified", 0.3),
    _call("{relative} picked up records, verified id {license}", 0.5),
)
