"""Clinical note templates: progress, discharge, nursing, ED, consult and registration notes.

Nursing notes are often charted in upper case; a share of their rows is rendered
entirely upper-cased. Two templates need no context column, so every row fits one.
"""

from __future__ import annotations

from deid.synth.text._model import Template

__all__ = ["CLINICAL_NOTE_TEMPLATES"]

_NURSING_UPPER_SHARE = 0.6

CLINICAL_NOTE_TEMPLATES: tuple[Template, ...] = (
    Template(
        text=(
            "PROGRESS NOTE {visit_date}\nS: {patient_full} is a {age_adj} with {eponym} and {condition} "
            "here for follow-up. Reports {symptom} x{count} days, {pain}. O: {vitals}. "
            "Labs {prior_date}: {lab}, {lab}. A/P: {condition} stable. Continue {drug}; {drug_name} "
            "started in {year}. RTC {followup_date} with {provider}."
        ),
        weight=3.0,
    ),
    Template(
        text=(
            "DISCHARGE SUMMARY. {patient_title} ({mrn}), {age_phrase}, admitted {prior_date} for {condition} "
            "exacerbation and discharged {visit_date}. Hospital course notable for {symptom}; {lab} on "
            "admission. Discharge meds: {drug}, {drug}. Follow up with {provider} on {followup_date}.\n"
            "Signed: {provider_signature}"
        ),
        weight=2.0,
    ),
    Template(
        text=(
            "Nursing note {visit_date_short} {time}. Pt {patient_initials} resting in bed, {vitals}. "
            "Foley catheter draining clear yellow urine. {relative} at bedside, updated on plan. "
            "PRN acetaminophen given for {pain}. {nurse}"
        ),
        weight=2.0,
        upper_share=_NURSING_UPPER_SHARE,
    ),
    Template(
        text=(
            "Admission nursing assessment: {patient_full}, DOB {dob}. Received from ED at {time}, NPO after "
            "midnight. Glasgow Coma Scale 15, Babinski sign negative. Call light in reach. "
            "Contact: pt's {relative}, {phone}. {nurse}"
        ),
        weight=1.5,
        upper_share=_NURSING_UPPER_SHARE,
    ),
    Template(
        text=(
            "ED note {visit_date}: {age_adj} with hx of {eponym}, {condition} presenting with {symptom}. "
            "Brought in by {relative} from home at {street}, {city} {zip}. {vitals}. Given {drug}. "
            "Admit to {provider}."
        ),
        weight=1.5,
    ),
    Template(
        text=(
            "Delivery note {visit_date}: {patient_ref} delivered a healthy infant, Apgar score 8/9 at 1 and "
            "5 min. EBL 300 mL. {vitals}. Plan discharge on {day_ordinal} if stable. {provider_signature}"
        ),
        weight=0.7,
    ),
    Template(
        text=(
            "Device check {visit_date}. {patient_ref}'s {device} interrogated, normal function, battery "
            "7 years. Hx {condition}, {eponym}. {lab}. Records faxed to {fax}.\n{provider_signature}"
        ),
        weight=1.0,
    ),
    Template(
        text=(
            "Oncology f/u {visit_date}: {patient_ref} with Hodgkin lymphoma s/p ABVD x{count} cycles, in "
            "remission since {year}. {lab}, {lab}. Denies {symptom}. Next PET on {followup_date}.\n"
            "{provider_signature}"
        ),
        weight=1.0,
    ),
    Template(
        text=(
            "SW note: met with {patient_ref} and {relative}. Pt lives at {street}, {city} {zip}; "
            "ins {member_id}. Contact {phone} or {email}. ID verified with {license}. "
            "Parking pass issued for {plate}."
        ),
        weight=1.0,
    ),
    Template(
        text=(
            "{patient_full}, {age_phrase}, seen in memory clinic {visit_date}. Hx Alzheimer disease dx in "
            "{year}, Parkinson disease, {condition}. MMSE 21/30. Pt's {relative} reports falls x{count} in "
            "the past month. Continue {drug}. DNR on file."
        ),
        weight=1.5,
    ),
    Template(
        text=(
            "Pt seen for {condition} and Bell palsy. {vitals}. {lab}. Continue {drug}, start {drug_name} if "
            "{symptom} persists. {nurse}"
        ),
        weight=1.0,
    ),
    Template(
        text=(
            "GI consult: Crohn disease flare with {symptom}, {pain}. Cushing syndrome and Addison disease "
            "ruled out. {lab}. Plan: {drug}, colonoscopy in {count} weeks, NPO after midnight."
        ),
        weight=1.0,
    ),
    Template(
        text=(
            "Patient portal message {visit_date_short}: {patient_first} asks about {drug_name} side effects. "
            "Login from IP {ip} via {url}. Replied; {provider} to review."
        ),
        weight=0.8,
    ),
    Template(
        text=(
            "Registration: {patient_full}, DOB {dob}, {ssn}, {mrn}. Address {street}, {city} {zip}. "
            "Phone {phone}. Hx {eponym}, on {drug_name} since {year}."
        ),
        weight=0.4,
    ),
)
