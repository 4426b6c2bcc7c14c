"""Each linkage rule on tiny hand-built frames."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import polars as pl
import pytest

from deid.linkage import link_contacts
from deid.linkage._rules import (
    APPROXIMATE_PENALTY,
    INITIAL_DOB_PHONE_CONFIDENCE,
    MRN_CONFIRMED_CONFIDENCE,
    NAME_DOB_EMAIL_CONFIDENCE,
    NAME_DOB_PHONE_CONFIDENCE,
    NAME_DOB_ZIP_CONFIDENCE,
    NAME_TWO_CONTACTS_CONFIDENCE,
)

from .conftest import BORN, contacts_frame, decisions, patients_frame

OTHER = {"Id": "p2", "FIRST": "Grace", "LAST": "Tanaka", "BIRTHDATE": dt.date(1990, 2, 3)}
OTHER |= {"PHONE": "316-555-0199", "EMAIL": "grace@example.net", "ADDRESS": "9 Elm Rd", "ZIP": "67202"}
PATIENTS = patients_frame({"Id": "p1", "MRN": "40817733"}, OTHER)


def only(contact: Mapping[str, object], patients: pl.LazyFrame = PATIENTS) -> tuple[str | None, str, float]:
    links = link_contacts(contacts_frame({"Id": "c1", **contact}), patients).collect()
    assert links.height == 1
    _, patient_id, rule, confidence = links.row(0)
    return patient_id, rule, confidence


@pytest.mark.parametrize(
    ("contact", "expected"),
    [
        # MRN, corroborated by each of birth date, surname or given name alone
        ({"MRN__c": "40817733"}, ("p1", "mrn_confirmed", MRN_CONFIRMED_CONFIDENCE)),
        (
            {"MRN__c": "MRN 0040817733", "FirstName": "Zed", "LastName": "Quill"},
            ("p1", "mrn_confirmed", 0.99),
        ),
        (
            {"MRN__c": "40817733", "FirstName": "Zed", "Birthdate": None},
            ("p1", "mrn_confirmed", MRN_CONFIRMED_CONFIDENCE),
        ),
        (
            {"MRN__c": "40817733", "LastName": "Quill", "Birthdate": None},
            ("p1", "mrn_confirmed", round(MRN_CONFIRMED_CONFIDENCE - APPROXIMATE_PENALTY, 3)),
        ),
        # name + birth date + one contact point
        ({"Phone": "(402) 555-0147"}, ("p1", "name_dob_phone", NAME_DOB_PHONE_CONFIDENCE)),
        ({"MobilePhone": "+1 402.555.0147"}, ("p1", "name_dob_phone", NAME_DOB_PHONE_CONFIDENCE)),
        ({"Email": " William.Okafor12@Example.org"}, ("p1", "name_dob_email", NAME_DOB_EMAIL_CONFIDENCE)),
        ({"MailingPostalCode": "68111-4646"}, ("p1", "name_dob_zip", NAME_DOB_ZIP_CONFIDENCE)),
        # nicknames, accents and one typo
        ({"FirstName": "Bill", "Phone": "4025550147"}, ("p1", "name_dob_phone", NAME_DOB_PHONE_CONFIDENCE)),
        ({"FirstName": "Will", "Phone": "4025550147"}, ("p1", "name_dob_phone", NAME_DOB_PHONE_CONFIDENCE)),
        ({"LastName": "OKAFÓR", "Phone": "4025550147"}, ("p1", "name_dob_phone", NAME_DOB_PHONE_CONFIDENCE)),
        (
            {"FirstName": "Wiliam", "Phone": "4025550147"},
            ("p1", "name_dob_phone", round(NAME_DOB_PHONE_CONFIDENCE - APPROXIMATE_PENALTY, 3)),
        ),
        (
            {"LastName": "Oakfor", "Phone": "4025550147"},
            ("p1", "name_dob_phone", round(NAME_DOB_PHONE_CONFIDENCE - APPROXIMATE_PENALTY, 3)),
        ),
        # tier 2: birth date missing or one part off, or only an initial
        (
            {"Birthdate": None, "Phone": "4025550147", "MailingPostalCode": "68111"},
            ("p1", "name_two_contacts", NAME_TWO_CONTACTS_CONFIDENCE),
        ),
        (
            {
                "Birthdate": dt.date(1961, 7, 15),
                "MailingStreet": "4113 JUAN VIADUCT #7",
                "MailingPostalCode": "68111",
            },
            ("p1", "name_two_contacts", NAME_TWO_CONTACTS_CONFIDENCE),
        ),
        (
            {"FirstName": "W.", "Phone": "4025550147"},
            ("p1", "initial_dob_phone", INITIAL_DOB_PHONE_CONFIDENCE),
        ),
        ({"FirstName": "Liam", "Phone": "4025550147"}, ("p1", "name_dob_phone", NAME_DOB_PHONE_CONFIDENCE)),
    ],
)
def test_each_rule_links(contact: dict[str, object], expected: tuple[str, str, float]) -> None:
    assert only(contact) == expected


@pytest.mark.parametrize(
    "contact",
    [
        pytest.param({}, id="name and birth date alone"),
        pytest.param({"Birthdate": None, "Phone": "4025550147"}, id="no birth date, one contact point"),
        pytest.param(
            {"Birthdate": dt.date(1962, 8, 14), "Phone": "4025550147", "MailingPostalCode": "68111"},
            id="birth date contradicts",
        ),
        pytest.param({"FirstName": "Walter", "Phone": "4025550147"}, id="another given name"),
        pytest.param({"LastName": "Okonkwo", "Phone": "4025550147"}, id="another surname"),
        pytest.param(
            {"FirstName": "Wilma", "Birthdate": None, "Phone": "4025550147", "MailingPostalCode": "68111"},
            id="two edits in the given name",
        ),
        pytest.param({"FirstName": None, "Phone": "4025550147"}, id="no given name"),
        pytest.param({"MRN__c": "NE-817733", "FirstName": "Zed", "LastName": "Quill"}, id="old-format MRN"),
    ],
)
def test_too_little_evidence_stays_unlinked(contact: dict[str, object]) -> None:
    assert only(contact) == (None, "unlinked", 0.0)


def test_short_form_not_in_the_nickname_table_links_by_the_initial_rule() -> None:
    patients = patients_frame({"Id": "p1", "FIRST": "Maximilian"})
    assert only({"FirstName": "Max", "Phone": "4025550147"}, patients) == ("p1", "initial_dob_phone", 0.85)
    assert only({"FirstName": "Maxine", "Phone": "4025550147"}, patients) == (None, "unlinked", 0.0)


def test_stale_mrn_is_not_a_link() -> None:
    # The MRN is p2's, but nothing about the person agrees with p2.
    assert only({"MRN__c": "40817733"}, patients_frame({"Id": "p1"}, OTHER | {"MRN": "40817733"})) == (
        None,
        "unlinked",
        0.0,
    )


def test_stale_mrn_yields_to_the_persons_own_details() -> None:
    patients = patients_frame({"Id": "p1"}, OTHER | {"MRN": "40817733"})
    assert only({"MRN__c": "40817733", "Phone": "402-555-0147"}, patients) == ("p1", "name_dob_phone", 0.97)


def test_mrn_backed_by_the_given_name_alone_yields_to_exact_demographics() -> None:
    # p2 holds the MRN and shares only the given name; p1 matches name, birth date and phone.
    patients = patients_frame({"Id": "p1"}, OTHER | {"MRN": "40817733", "FIRST": "William"})
    assert only({"MRN__c": "40817733", "Phone": "402-555-0147"}, patients) == ("p1", "name_dob_phone", 0.97)


def test_mrn_held_by_two_patients_is_not_used() -> None:
    patients = patients_frame({"Id": "p1", "MRN": "40817733"}, OTHER | {"MRN": "0040817733"})
    assert only({"MRN__c": "40817733"}, patients) == (None, "unlinked", 0.0)


def test_two_patients_matching_the_best_rule_leave_the_contact_ambiguous() -> None:
    twins = patients_frame({"Id": "p1"}, {"Id": "p3", "PHONE": None, "EMAIL": None})
    assert only({"MailingPostalCode": "68111"}, twins) == (None, "ambiguous", 0.0)


def test_conflicting_strong_rules_leave_the_contact_ambiguous() -> None:
    # p1 matches on phone, p3 (same name and birth date) on email: both tier 1.
    patients = patients_frame({"Id": "p1", "EMAIL": None}, {"Id": "p3", "PHONE": None})
    contact = {"Phone": "4025550147", "Email": "william.okafor12@example.org"}
    assert only(contact, patients) == (None, "ambiguous", 0.0)


def test_exact_names_beat_a_one_typo_match_in_the_same_tier() -> None:
    # Twins Tom and Tim share birth date and phone: "Tom" links to Tom only.
    twins = patients_frame({"Id": "p1", "FIRST": "Tom"}, {"Id": "p3", "FIRST": "Tim"})
    assert only({"FirstName": "Tom", "Phone": "4025550147"}, twins) == ("p1", "name_dob_phone", 0.97)


def test_tier_one_beats_tier_two() -> None:
    # p3 matches only by initial; p1 by full name.
    patients = patients_frame({"Id": "p1"}, {"Id": "p3", "FIRST": "Wendell"})
    assert only({"FirstName": "William", "Phone": "4025550147"}, patients) == ("p1", "name_dob_phone", 0.97)


def test_placeholder_phone_shared_by_many_patients_is_not_evidence() -> None:
    many = patients_frame(*({"Id": f"p{index}", "EMAIL": None, "ZIP": None} for index in range(12)))
    assert only({"Phone": "4025550147"}, many) == (None, "unlinked", 0.0)


def test_prospects_and_duplicate_contacts() -> None:
    contacts = contacts_frame(
        {"Id": "c1", "MRN__c": "40817733"},
        {"Id": "c2", "FirstName": "Bill", "Phone": "402 555 0147"},
        {"Id": "c3", "FirstName": "Nadia", "LastName": "Rahman", "Birthdate": BORN, "Phone": "4025550147"},
    )
    assert decisions(contacts, PATIENTS) == {
        "c1": ("p1", "mrn_confirmed"),
        "c2": ("p1", "name_dob_phone"),
        "c3": (None, "unlinked"),
    }


def test_patients_without_mrn_phone_or_email_link_on_name_birth_date_and_address() -> None:
    synthea = patients_frame(
        {"Id": "p1", "FIRST": "William555", "LAST": "Okafor891", "PHONE": None, "EMAIL": None}
    )
    contacts = contacts_frame(
        {"Id": "c1", "MailingPostalCode": "68111", "Phone": "4025550147"},
        {
            "Id": "c2",
            "Birthdate": None,
            "MailingStreet": "4113 Juan Viaduct Apt 7",
            "MailingPostalCode": "68111",
        },
    )
    assert decisions(contacts, synthea) == {"c1": ("p1", "name_dob_zip"), "c2": ("p1", "name_two_contacts")}


def test_empty_inputs_give_an_empty_or_unlinked_result() -> None:
    empty_contacts = contacts_frame().clear()
    assert link_contacts(empty_contacts, PATIENTS).collect().height == 0
    links = link_contacts(contacts_frame({"Id": "c1"}), patients_frame().clear()).collect()
    assert links.rows() == [("c1", None, "unlinked", 0.0)]
