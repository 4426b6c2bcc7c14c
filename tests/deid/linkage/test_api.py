"""The public API of deid.linkage, its summary, and what its output may never contain."""

from __future__ import annotations

import dataclasses
import logging

import polars as pl
import pytest

import deid.linkage
from data_contracts.errors import InputValidationError
from deid.linkage import LINK_RULES, LinkageSummary, link_contacts, summarise_links
from deid.linkage._rules import MATCH_RULES, RULE_CONFIDENCE

from .conftest import LinkedExtract, contacts_frame, patients_frame

IDENTIFYING_CONTACT_COLUMNS = (
    "FirstName",
    "LastName",
    "Email",
    "Phone",
    "MobilePhone",
    "MailingStreet",
    "MRN__c",
)
IDENTIFYING_PATIENT_COLUMNS = ("FIRST", "LAST", "EMAIL", "PHONE", "ADDRESS", "MRN", "SSN")


def test_public_names_are_pinned() -> None:
    assert sorted(deid.linkage.__all__) == [
        "LINK_RULES",
        "LinkageSummary",
        "link_contacts",
        "summarise_links",
    ]
    assert LINK_RULES == (
        "mrn_confirmed",
        "name_dob_phone",
        "name_dob_email",
        "name_dob_zip",
        "name_two_contacts",
        "initial_dob_phone",
        "ambiguous",
        "unlinked",
    )
    fields = [field.name for field in dataclasses.fields(LinkageSummary)]
    assert fields == ["contacts", "linked", "by_rule", "patients_linked", "patients_linked_more_than_once"]


def test_confidences_fall_with_rule_order() -> None:
    confidences = [RULE_CONFIDENCE[rule] for rule in MATCH_RULES]
    assert confidences == sorted(confidences, reverse=True)
    assert all(0.0 < value <= 1.0 for value in confidences)
    assert RULE_CONFIDENCE["ambiguous"] == RULE_CONFIDENCE["unlinked"] == 0.0


def test_output_holds_only_ids_rules_and_confidences(linked_extract: LinkedExtract) -> None:
    links = linked_extract.links
    assert links.columns == ["contact_id", "patient_id", "rule", "confidence"]
    output_values = set(links["contact_id"]) | set(links["patient_id"].drop_nulls()) | set(links["rule"])
    contacts = linked_extract.contacts.select(IDENTIFYING_CONTACT_COLUMNS).collect()
    patients = linked_extract.patients.select(IDENTIFYING_PATIENT_COLUMNS).collect()
    for frame in (contacts, patients):
        for column in frame.columns:
            assert output_values.isdisjoint(frame[column].drop_nulls()), column


def test_linking_logs_nothing(linked_extract: LinkedExtract, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        link_contacts(linked_extract.contacts, linked_extract.patients).collect()
    assert caplog.records == []


def test_missing_column_error_names_the_column_never_a_value() -> None:
    contacts = contacts_frame({"Id": "c1", "FirstName": "Ottoline"}).drop("MRN__c")
    with pytest.raises(InputValidationError, match=r"Contact column\(s\) MRN__c") as raised:
        link_contacts(contacts, patients_frame({"Id": "p1"}))
    assert "Ottoline" not in str(raised.value)
    with pytest.raises(InputValidationError, match=r"patients column\(s\) ZIP"):
        link_contacts(contacts_frame({"Id": "c1"}), patients_frame({"Id": "p1"}).drop("ZIP"))


def test_link_contacts_is_lazy() -> None:
    assert isinstance(link_contacts(contacts_frame({"Id": "c1"}), patients_frame({"Id": "p1"})), pl.LazyFrame)


def test_summary_counts(linked_extract: LinkedExtract) -> None:
    summary = summarise_links(linked_extract.links)
    assert list(summary.by_rule) == list(LINK_RULES)
    assert sum(summary.by_rule.values()) == summary.contacts == linked_extract.links.height
    assert summary.linked == sum(summary.by_rule[rule] for rule in MATCH_RULES)
    assert summary.duplicate_contacts == summary.linked - summary.patients_linked
    assert 0.0 < summary.link_rate < 1.0
    assert summary.patients_linked_more_than_once > 0


def test_summary_of_hand_made_links() -> None:
    links = pl.DataFrame(
        {
            "contact_id": ["c1", "c2", "c3", "c4", "c5"],
            "patient_id": ["p1", "p1", "p2", None, None],
            "rule": ["mrn_confirmed", "name_dob_phone", "name_dob_zip", "ambiguous", "unlinked"],
            "confidence": [0.99, 0.97, 0.93, 0.0, 0.0],
        }
    )
    summary = summarise_links(links)
    assert summary.contacts == 5
    assert summary.linked == 3
    assert summary.patients_linked == 2
    assert summary.patients_linked_more_than_once == 1
    assert summary.duplicate_contacts == 1
    assert summary.by_rule["ambiguous"] == summary.by_rule["unlinked"] == 1
    assert summary.by_rule["initial_dob_phone"] == 0
    assert summarise_links(links.clear()).link_rate == 0.0


def test_summary_is_frozen_and_holds_no_identifier() -> None:
    summary = summarise_links(
        pl.DataFrame(
            {"contact_id": ["c1"], "patient_id": ["p1"], "rule": ["mrn_confirmed"], "confidence": [0.99]}
        )
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        summary.linked = 0  # type: ignore[misc]
    assert "c1" not in repr(summary)
    assert "p1" not in repr(summary)


def test_summary_rejects_foreign_frames() -> None:
    with pytest.raises(ValueError, match="lacks the columns rule"):
        summarise_links(pl.DataFrame({"contact_id": ["c1"], "patient_id": [None], "confidence": [0.0]}))
    foreign = pl.DataFrame(
        {"contact_id": ["c1"], "patient_id": [None], "rule": ["guess"], "confidence": [0.0]}
    )
    with pytest.raises(ValueError, match="1 rows of links have a rule outside LINK_RULES"):
        summarise_links(foreign)


def test_package_docstring_table_matches_the_constants() -> None:
    doc = deid.linkage.__doc__ or ""
    for rule in LINK_RULES:
        row = next(line for line in doc.splitlines() if line.startswith(f"``{rule}``"))
        assert float(row.split()[2]) == RULE_CONFIDENCE[rule], rule
