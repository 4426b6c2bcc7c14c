"""The record-aware residual check: each scrubbed text against its own person's record.

Table-driven: a record, a text, and the categories found in it (or none).
"""

from __future__ import annotations

import logging

import polars as pl
import pyarrow as pa
import pytest

from data_contracts import Method
from deid.leakcheck import (
    LeakReport,
    ResidualCategory,
    ResidualCounts,
    ResidualSummary,
    residual_findings,
    unreplaced_parts,
    with_residual,
)
from deid.leakcheck._residual import PIECE_BREAK
from deid.text import KnownPhi

FULL_NAME = ResidualCategory.FULL_NAME
NAME_TOKEN = ResidualCategory.NAME_TOKEN
COMMON_WORD = ResidualCategory.COMMON_WORD
PHONE = ResidualCategory.PHONE
EMAIL = ResidualCategory.EMAIL
MRN = ResidualCategory.MRN
OTHER_ID = ResidualCategory.OTHER_ID

CHASE = KnownPhi(
    names=("Chase Guerra", "Chase Ricardo Guerra"),
    phones=("316-553-1419",),
    emails=("chase.guerra89@inbox.example.org",),
    mrns=("MRN-0010314187",),
    other_ids=("999-93-1128", "S99961635153"),
)
SEAN = KnownPhi(names=("Seán O'Brien-Núñez",))
JOSE = KnownPhi(names=("José Núñez",))
WILLIAM = KnownPhi(names=("William Tran",), nicknames=("Bill", "Liam"))
HOPE = KnownPhi(names=("Hope Whitfield",))
MARY_NG = KnownPhi(names=("Mary Ng",))
WITH_RELATIVE = KnownPhi(names=("Tonya Fowler",), relatives=("Maria Lopez", "Ann Lee, PhD"))


def found(text: str, known: KnownPhi) -> set[ResidualCategory]:
    return set(residual_findings([text], [known]).found)


@pytest.mark.parametrize(
    ("known", "text", "expected"),
    [
        # full names: either order, any case, initials, punctuation between
        (CHASE, "Chase Guerra seen today", {FULL_NAME}),
        (CHASE, "GUERRA, CHASE seen today", {FULL_NAME}),
        (CHASE, "guerra chase", {FULL_NAME}),
        (CHASE, "Chase R. Guerra seen", {FULL_NAME}),
        (CHASE, "Chase R Guerra seen", {FULL_NAME}),
        (CHASE, "Chase Ricardo Guerra seen", {FULL_NAME}),
        (CHASE, "Guerra, Chase R. seen", {FULL_NAME}),
        # accents, apostrophes and hyphens fold away
        (JOSE, "jose nunez called", {FULL_NAME}),
        (JOSE, "NÚÑEZ, JOSÉ called", {FULL_NAME}),
        (SEAN, "Sean OBrien-Nunez called", {FULL_NAME}),
        (SEAN, "sean obrien nunez called", {FULL_NAME}),
        (SEAN, "O'Brien-Núñez, Seán called", {FULL_NAME}),
        (SEAN, "Sean Nunez called", {FULL_NAME}),
        (SEAN, "Mr. O'Brien's wife called", {NAME_TOKEN}),
        # nicknames make full names with the family name; alone they are name tokens
        (WILLIAM, "Liam Tran called", {FULL_NAME}),
        (WILLIAM, "Liam called back", {NAME_TOKEN}),
        (WILLIAM, "Bill paid in full", {COMMON_WORD}),
        # relatives, and credentials that are not names
        (WITH_RELATIVE, "Lopez, Maria (daughter) at bedside", {FULL_NAME}),
        (WITH_RELATIVE, "Maria at bedside", {NAME_TOKEN}),
        (WITH_RELATIVE, "PhD student observed", set()),
        (WITH_RELATIVE, "Dr. Ann Lee saw her", {FULL_NAME}),
        (KnownPhi(relatives=("Dr. Anh Do",)), "seen by Anh Do", {FULL_NAME}),
        (KnownPhi(relatives=("Becker, Tracey, NP",)), "Tracey Becker, NP", {FULL_NAME}),
        # single tokens: English words are counted apart; a title makes any word a name
        (CHASE, "Guerra seen today", {NAME_TOKEN}),
        (CHASE, "Guerra's daughter called", {NAME_TOKEN}),
        (CHASE, "will chase the results", {COMMON_WORD}),
        (HOPE, "Hope was seen today", {COMMON_WORD}),
        (HOPE, "Ms. Hope was seen today", {NAME_TOKEN}),
        (MARY_NG, "NG tube placed", set()),
        (MARY_NG, "Ms. Ng agrees with plan", {NAME_TOKEN}),
        # phones and ids by their digits, e-mails in any case
        (CHASE, "call back (316) 553-1419", {PHONE}),
        (CHASE, "cb 316.553.1419 pm", {PHONE}),
        (CHASE, "cb +1 316 553 1419", {PHONE}),
        (CHASE, "cb 3165531419", {PHONE}),
        (CHASE, "cb 13165531419", {PHONE}),
        (CHASE, "mail CHASE.GUERRA89@Inbox.Example.org", {EMAIL}),
        (CHASE, "MRN 10314187 on file", {MRN}),
        (CHASE, "mrn: 0010-3141-87", {MRN}),
        (CHASE, "SSN 999 93 1128", {OTHER_ID}),
        (CHASE, "DL S99961635153", {OTHER_ID}),
    ],
)
def test_own_identifiers_are_found_in_the_forms_people_write(
    known: KnownPhi, text: str, expected: set[ResidualCategory]
) -> None:
    assert found(text, known) == expected


@pytest.mark.parametrize(
    ("known", "text"),
    [
        # another person's names and numbers
        (CHASE, "Tonya Fowler seen today, cb 307-698-0717"),
        (JOSE, "Maria Lopez called"),
        # inside longer words and numbers
        (CHASE, "Purchase Guerrand order"),
        (CHASE, "Chasewood Guerrafield"),
        (CHASE, "ref 23165531419"),
        (CHASE, "ref 31655314190"),
        (CHASE, "lot 110314187"),
        (CHASE, "xchase.guerra89@inbox.example.org.uk"),
        # a surname particle or a lone initial is not a name
        (KnownPhi(names=("Maria de la Cruz",)), "de la mer"),
        (CHASE, "R. seen"),
        # replacement tags
        (CHASE, "[NAME] seen, call [PHONE], [EMAIL]"),
    ],
)
def test_no_false_hit(known: KnownPhi, text: str) -> None:
    assert found(text, known) == set()


def test_surrogates_are_left_out_by_searching_what_the_scrubber_left() -> None:
    original = "Seen by Dr. Ann Lee today"
    # the scrubber wrote "Dr. Chase Smith" for "Dr. Ann Lee": a surrogate equal to the patient's name
    assert found("Seen by Dr. Chase Smith today", CHASE) == {NAME_TOKEN}
    assert found(unreplaced_parts(original, [(12, 19)]), CHASE) == set()
    # nothing matches across a replaced span
    assert found(f"Chase{PIECE_BREAK}Guerra", CHASE) == {NAME_TOKEN, COMMON_WORD}
    assert unreplaced_parts("abcdef", [(4, 6), (1, 2)]).split(PIECE_BREAK) == ["a", "cd", ""]


def test_batches_of_any_kind_and_texts_without_a_record() -> None:
    texts = ["Chase Guerra seen", None, "", "Hope was seen", "Guerra seen"]
    known = [CHASE, CHASE, CHASE, HOPE, None]
    expected = ResidualCounts(texts=2, found={FULL_NAME: 1, COMMON_WORD: 1})
    assert residual_findings(texts, known) == expected
    assert residual_findings(pl.Series(texts, dtype=pl.String), known) == expected
    assert residual_findings(pa.array(texts, type=pa.string()), known) == expected


def test_a_whole_text_counts_once_per_category() -> None:
    counts = residual_findings(["Guerra, Chase. Chase Guerra, Chase R. Guerra."], [CHASE])
    assert counts.found == {FULL_NAME: 1}


def test_is_word_is_passed_in() -> None:
    counts = residual_findings(["Guerra seen"], [CHASE], is_word=lambda word: word == "guerra")
    assert counts.found == {COMMON_WORD: 1}
    assert not counts.failed


def test_mismatched_lengths_name_the_counts_only() -> None:
    with pytest.raises(ValueError, match="got 1 for 2 texts"):
        residual_findings(["Chase Guerra", "x"], [CHASE])


def test_summaries_merge_and_fold_into_the_leak_report() -> None:
    shard_a = ResidualSummary().added("notes.TEXT", ResidualCounts(texts=3, found={FULL_NAME: 1}))
    shard_b = ResidualSummary().added("notes.TEXT", ResidualCounts(texts=2, found={COMMON_WORD: 2}))
    shard_b = shard_b.added("Task.Subject", ResidualCounts(texts=4))
    total = shard_a.merged(shard_b)
    assert total == shard_b.merged(shard_a)
    assert total.columns["notes.TEXT"] == ResidualCounts(texts=5, found={FULL_NAME: 1, COMMON_WORD: 2})
    columns = {"notes.TEXT": ("notes", "text"), "Task.Subject": ("crm_tasks", "subject")}
    report = with_residual(LeakReport(method=Method.SAFE_HARBOR), total, columns=columns)
    assert not report.passed
    assert [str(finding) for finding in report.findings] == ["notes.text: residual_full_name in 1 cell(s)"]
    assert report.texts_checked == {"crm_tasks.subject": 4, "notes.text": 5}
    assert report.common_word_texts == {"crm_tasks.subject": 0, "notes.text": 2}
    common_only = ResidualSummary({"notes.TEXT": ResidualCounts(texts=2, found={COMMON_WORD: 1})})
    assert with_residual(LeakReport(method=Method.SAFE_HARBOR), common_only, columns=columns).passed


def test_counts_reports_and_logs_hold_no_value(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    texts = ["Chase Guerra, cb 316-553-1419, chase.guerra89@inbox.example.org, MRN 10314187"]
    counts = residual_findings(texts, [CHASE])
    assert counts.failed
    report = with_residual(
        LeakReport(method=Method.SAFE_HARBOR),
        ResidualSummary({"notes.TEXT": counts}),
        columns={"notes.TEXT": ("notes", "text")},
    )
    shown = " ".join([str(report), repr(report), repr(counts), *(r.getMessage() for r in caplog.records)])
    for value in ("chase", "guerra", "553", "1419", "10314187", "inbox"):
        assert value not in shown.lower()
