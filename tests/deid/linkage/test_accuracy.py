"""Linkage accuracy on a generated extract, scored against its truth file."""

from __future__ import annotations

import polars as pl

from deid.linkage import LINK_RULES, link_contacts, summarise_links

from .conftest import LinkedExtract

MIN_PRECISION = 0.99
MIN_RECALL = 0.90


def precision_recall(links: pl.DataFrame, truth: pl.DataFrame) -> tuple[float, float]:
    scored = links.join(truth, on="contact_id", suffix="_true", validate="1:1")
    made = scored.filter(pl.col("patient_id").is_not_null())
    correct = made.filter(pl.col("patient_id") == pl.col("patient_id_true")).height
    true_links = scored.filter(pl.col("patient_id_true").is_not_null()).height
    return correct / made.height, correct / true_links


def test_precision_and_recall_on_generated_extract(linked_extract: LinkedExtract) -> None:
    precision, recall = precision_recall(linked_extract.links, linked_extract.truth)
    assert precision >= MIN_PRECISION
    assert recall >= MIN_RECALL


def test_synthea_without_mrn_phone_or_email_still_links_on_name_dob_and_address(
    linked_extract: LinkedExtract,
) -> None:
    patients = linked_extract.patients.with_columns(
        pl.lit(None, pl.String).alias(name) for name in ("MRN", "PHONE", "EMAIL")
    )
    links = link_contacts(linked_extract.contacts, patients).collect()
    precision, recall = precision_recall(links, linked_extract.truth)
    assert precision >= MIN_PRECISION
    assert recall >= MIN_RECALL
    used = set(links.filter(pl.col("patient_id").is_not_null())["rule"])
    assert used <= {"name_dob_zip", "name_two_contacts"}


def test_one_row_per_contact_sorted_with_the_output_schema(linked_extract: LinkedExtract) -> None:
    links = linked_extract.links
    assert links.schema == pl.Schema(
        {"contact_id": pl.String, "patient_id": pl.String, "rule": pl.String, "confidence": pl.Float64}
    )
    assert links["contact_id"].to_list() == sorted(linked_extract.truth["contact_id"].to_list())
    assert set(links["rule"]) <= set(LINK_RULES)
    assert links["confidence"].is_between(0.0, 1.0).all()
    unlinked = links.filter(pl.col("patient_id").is_null())
    assert (unlinked["confidence"] == 0.0).all()
    assert set(unlinked["rule"]) <= {"ambiguous", "unlinked"}


def test_prospects_stay_unlinked(linked_extract: LinkedExtract) -> None:
    prospects = linked_extract.links.join(linked_extract.truth, on="contact_id").filter(kind="prospect")
    assert prospects.height > 0
    assert prospects["patient_id"].null_count() == prospects.height


def test_duplicate_contacts_link_to_the_same_patient(linked_extract: LinkedExtract) -> None:
    scored = linked_extract.links.join(linked_extract.truth, on="contact_id", suffix="_true")
    duplicated = scored.filter(
        pl.col("patient_id_true").is_in(scored.filter(kind="duplicate_contact")["patient_id_true"].implode())
    )
    both_linked = duplicated.group_by("patient_id_true").agg(pl.col("patient_id").drop_nulls().n_unique())
    assert both_linked.filter(pl.col("patient_id") > 1).height == 0
    summary = summarise_links(linked_extract.links)
    assert summary.patients_linked_more_than_once >= 0.9 * scored.filter(kind="duplicate_contact").height


def test_every_rule_family_is_exercised(linked_extract: LinkedExtract) -> None:
    counts = summarise_links(linked_extract.links).by_rule
    for rule in ("mrn_confirmed", "name_dob_phone", "name_dob_email", "name_dob_zip", "name_two_contacts"):
        assert counts[rule] > 0, rule


def test_linking_is_deterministic_whatever_the_input_order(linked_extract: LinkedExtract) -> None:
    shuffled_contacts = linked_extract.contacts.collect().sample(fraction=1.0, shuffle=True, seed=3).lazy()
    shuffled_patients = linked_extract.patients.collect().sample(fraction=1.0, shuffle=True, seed=4).lazy()
    again = link_contacts(shuffled_contacts, shuffled_patients).collect()
    assert again.equals(linked_extract.links)
