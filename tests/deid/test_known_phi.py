"""Each person's known identifiers come from both linked records, by contract policy."""

from __future__ import annotations

import polars as pl

from data_contracts.schemas.crm import Contact
from data_contracts.schemas.emr import Patients
from deid.known_phi import known_phi_by_person


def _frame(schema: type, rows: list[dict[str, object]]) -> pl.LazyFrame:
    empty = schema.create_empty()  # type: ignore[attr-defined]
    return pl.DataFrame(rows, schema=empty.schema).lazy()


def test_linked_person_gets_identifiers_of_both_records() -> None:
    patients = _frame(
        Patients,
        [
            {
                "Id": "p1",
                "FIRST": "William",
                "MIDDLE": "Q",
                "LAST": "Stone",
                "MAIDEN": None,
                "SSN": "999-12-3456",
                "MRN": "MRN0001",
                "ADDRESS": "12 Elm St",
                "PHONE": "402-555-0101",
            },
            {"Id": "p2", "FIRST": "Ann", "LAST": "Lee", "MAIDEN": "Park"},
        ],
    )
    contacts = _frame(
        Contact,
        [
            {
                "Id": "c1",
                "FirstName": "Bill",
                "LastName": "Stone",
                "Email": "bs@example.org",
                "MobilePhone": "(402) 555-0199",
                "MailingStreet": "12 Elm Street",
            },
            {"Id": "c2", "FirstName": "Zed", "LastName": "Ray"},
        ],
    )
    links = pl.DataFrame({"contact_id": ["c1", "c2"], "person_id": ["emr:p1", "crm:c2"]})

    known = known_phi_by_person({"patients": patients, "Contact": contacts}, contacts=links)

    assert sorted(known) == ["crm:c2", "emr:p1", "emr:p2"]
    stone = known["emr:p1"]
    assert set(stone.names) == {"William Stone", "William Q Stone", "Bill Stone"}
    assert {"Will", "Bill", "Billy"} <= set(stone.nicknames)
    assert set(stone.phones) == {"402-555-0101", "(402) 555-0199"}
    assert stone.emails == ("bs@example.org",)
    assert set(stone.addresses) == {"12 Elm St", "12 Elm Street"}
    assert stone.mrns == ("MRN0001",)
    assert "999-12-3456" in stone.other_ids
    assert set(known["emr:p2"].names) == {"Ann Lee", "Ann Park"}
    assert known["crm:c2"].names == ("Zed Ray",)
    assert not known["crm:c2"].phones


def test_no_person_tables_give_nothing() -> None:
    assert known_phi_by_person({}, contacts=pl.DataFrame({"contact_id": [], "person_id": []})) == {}
