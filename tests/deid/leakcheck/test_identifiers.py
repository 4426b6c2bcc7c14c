"""Which input values become identifiers, per method, and how they are normalised."""

from __future__ import annotations

import polars as pl
import pytest

from data_contracts import INPUT_TABLES, Method
from data_contracts.schemas.emr import Patients
from deid.leakcheck import IdentifierSet, collect_identifiers
from deid.leakcheck._categories import Category
from deid.leakcheck._routing import routes

from .conftest import CHASE, typed


def values(identifiers: IdentifierSet, category: Category) -> set[object]:
    return set(identifiers.values[category].to_list())


def test_categories_by_method(tiny_identifiers: dict[Method, IdentifierSet]) -> None:
    direct = {"name", "name_part", "ssn", "mrn", "phone", "email", "street_address", "other_id", "record_id"}
    places_and_dates = {"birth_date", "event_date", "zip5", "city"}
    assert set(tiny_identifiers[Method.SAFE_HARBOR].counts()) == direct | places_and_dates
    assert set(tiny_identifiers[Method.LIMITED_DATA_SET].counts()) == direct
    # Expert determination shifts event dates: only birth dates are tested, beyond chance.
    assert set(tiny_identifiers[Method.EXPERT_DETERMINATION].counts()) == direct | {
        "birth_date",
        "zip5",
        "city",
    }
    assert tiny_identifiers[Method.EXPERT_DETERMINATION].shifted == {Category.BIRTH_DATE}
    assert tiny_identifiers[Method.SAFE_HARBOR].shifted == frozenset()


def test_full_names_and_name_parts(tiny_identifiers: dict[Method, IdentifierSet]) -> None:
    identifiers = tiny_identifiers[Method.SAFE_HARBOR]
    names = values(identifiers, Category.NAME)
    assert {
        "chase guerra",
        "guerra chase",
        "chase ricardo guerra",
        "tonya whitfield",
        "vanessa chaney",
    } <= names
    # Titles are no part of a compared name, and single names are only name parts.
    assert not {name for name in names if name.startswith("mr ") or " " not in name}
    assert {"chase", "guerra", "ricardo", "whitfield", "chaney"} <= values(identifiers, Category.NAME_PART)


def test_normalised_values(tiny_identifiers: dict[Method, IdentifierSet]) -> None:
    identifiers = tiny_identifiers[Method.SAFE_HARBOR]
    assert "999931128" in values(identifiers, Category.SSN)
    assert {"3165531419", "6123461978"} <= values(identifiers, Category.PHONE)
    assert "vanessa.chaney81@example.org" in values(identifiers, Category.EMAIL)
    assert {"2250 ralph mission", "12 n main st", "4108 carson field"} <= values(
        identifiers, Category.STREET_ADDRESS
    )
    assert {"3f957062fda249dfb098d1b14ab2d2f3", "0035g0000aby8ksaqz", "0035g0000aby8ks"} <= values(
        identifiers, Category.RECORD_ID
    )
    assert {"wichita", "sedgwick county", "20173", "minneapolis"} <= values(identifiers, Category.CITY)


def test_a_zip_that_lost_its_leading_zero_is_restored() -> None:
    patients = typed(Patients, [{**CHASE, "ZIP": "2134"}])
    identifiers = collect_identifiers({"patients": patients}, method=Method.SAFE_HARBOR)
    assert values(identifiers, Category.ZIP5) == {"02134"}


def test_values_are_sorted_and_distinct(tiny_inputs: dict[str, pl.LazyFrame]) -> None:
    doubled = {name: pl.concat([frame, frame]) for name, frame in tiny_inputs.items()}
    first = collect_identifiers(doubled, method=Method.SAFE_HARBOR)
    again = collect_identifiers(tiny_inputs, method=Method.SAFE_HARBOR)
    for category in Category:
        series = first.values[category]
        assert series.to_list() == sorted(set(series.to_list()))
        assert series.equals(again.values[category])


def test_unknown_table_is_an_error() -> None:
    with pytest.raises(KeyError, match="no input table named 'people'"):
        collect_identifiers({"people": pl.LazyFrame({"a": ["x"]})}, method=Method.SAFE_HARBOR)


def test_a_frame_without_its_identifier_columns_is_an_error() -> None:
    frame = pl.LazyFrame({"Id": ["3f957062-fda2-49df-b098-d1b14ab2d2f3"]})
    with pytest.raises(ValueError, match="input table 'patients' lacks identifier column") as error:
        collect_identifiers({"patients": frame}, method=Method.SAFE_HARBOR)
    assert "3f957062" not in str(error.value)


@pytest.mark.parametrize("method", list(Method))
def test_every_contract_routes_its_name_columns(method: Method) -> None:
    # Fail closed: a new contract with several name columns must declare their roles.
    for contract in INPUT_TABLES:
        for route in routes(contract.name, contract.schema, method):
            assert (route.category is Category.NAME) == (route.name_role is not None)


def test_empty_inputs_collect_nothing() -> None:
    identifiers = collect_identifiers({}, method=Method.SAFE_HARBOR)
    assert identifiers.counts() == {}
    assert repr(identifiers) == "IdentifierSet(method=safe_harbor)"
