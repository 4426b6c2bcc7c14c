"""The linkage truth and the mess planted between CRM contacts and EMR patients."""

from __future__ import annotations

import json

import polars as pl
import pytest

from deid.synth import SynthSummary
from tests.deid.synth.conftest import read_table


@pytest.fixture(scope="module")
def linkage(small_extract: SynthSummary) -> pl.DataFrame:
    return pl.read_csv(small_extract.out_dir / "truth" / "linkage.csv", infer_schema=False)


def test_one_row_per_contact(small_extract: SynthSummary, linkage: pl.DataFrame) -> None:
    contacts = read_table(small_extract, "crm", "Contact")
    assert linkage.columns == ["contact_id", "patient_id", "kind"]
    assert sorted(linkage["contact_id"].to_list()) == sorted(contacts["Id"].to_list())
    assert set(linkage["kind"].unique()) == {"linked", "duplicate_contact", "prospect"}


def test_linked_contacts_point_to_existing_patients(
    small_extract: SynthSummary, linkage: pl.DataFrame
) -> None:
    patients = set(read_table(small_extract, "emr", "patients")["Id"].to_list())
    linked = linkage.filter(pl.col("kind") != "prospect")
    assert linked["patient_id"].null_count() == 0
    assert set(linked["patient_id"].to_list()) <= patients
    assert (
        linkage.filter(pl.col("kind") == "prospect")["patient_id"].null_count()
        == linkage.filter(pl.col("kind") == "prospect").height
    )
    primary = linked.filter(pl.col("kind") == "linked")
    assert primary["patient_id"].n_unique() == primary.height
    assert 0.7 <= primary.height / len(patients) <= 0.9


def test_shares_of_prospects_duplicates_and_missing_mrn(
    small_extract: SynthSummary, linkage: pl.DataFrame
) -> None:
    kinds = linkage["kind"].value_counts().to_dict(as_series=False)
    share = dict(zip(kinds["kind"], kinds["count"], strict=True))
    total = linkage.height
    assert 0.10 <= share["prospect"] / total <= 0.20
    assert 0.01 <= share["duplicate_contact"] / total <= 0.08
    contacts = read_table(small_extract, "crm", "Contact").join(linkage, left_on="Id", right_on="contact_id")
    patients = read_table(small_extract, "emr", "patients").select(patient_id="Id", MRN="MRN")
    linked = contacts.filter(pl.col("kind") == "linked").join(patients, on="patient_id")
    missing = linked["MRN__c"].is_null().mean()
    assert missing is not None
    assert 0.22 <= float(missing) <= 0.38
    stale = linked.filter(pl.col("MRN__c").is_not_null() & (pl.col("MRN__c") != pl.col("MRN"))).height
    assert 0 < stale < 0.12 * linked.height


def test_contacts_carry_real_world_variation(small_extract: SynthSummary, linkage: pl.DataFrame) -> None:
    contacts = read_table(small_extract, "crm", "Contact").join(linkage, left_on="Id", right_on="contact_id")
    patients = read_table(small_extract, "emr", "patients").select(
        patient_id="Id", FIRST="FIRST", PHONE="PHONE"
    )
    linked = contacts.filter(pl.col("kind") != "prospect").join(patients, on="patient_id")
    assert linked.filter(pl.col("FirstName") != pl.col("FIRST")).height > 0
    phones = linked["Phone"].drop_nulls()
    assert phones.str.contains(r"^\(\d{3}\) \d{3}-\d{4}$").any()
    assert phones.str.contains(r"^\d{3}\.\d{3}\.\d{4}$").any()


def test_effects_file_describes_every_planted_effect(small_extract: SynthSummary) -> None:
    effects = json.loads((small_extract.out_dir / "truth" / "effects.json").read_text(encoding="utf-8"))
    assert set(effects) == {
        "reminders_and_no_shows",
        "air_quality_pollen_respiratory",
        "engagement_follow_up",
        "channel_retention",
        "wait_time_satisfaction",
    }
    assert all(len(effect["description"]) > 80 for effect in effects.values())
    assert effects["reminders_and_no_shows"]["true_adjusted_odds_ratio_reminder"] < 1
