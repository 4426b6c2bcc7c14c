"""The independent leak check: no input identifier may reach the output.

Run after de-identification has written its output, and independent of the code that
did the work: it derives the identifier values from the loaded input tables and the
contracts' PHI policies (:func:`collect_identifiers`), normalises them its own way,
and looks for them in every string and date cell of every output table
(:func:`scan_for_leaks`). A finding fails the run. Reports hold counts, never values.

What is looked for (categories of :class:`LeakReport` and :class:`LeakFinding`):

- always (direct identifiers and record keys): full names (given + family either way,
  given + middle + family, given + maiden), SSN, MRN, phone and fax, email, street
  address, licence and other id numbers, and original record keys (pseudonymisation
  failed); a column made mostly of given or family names (``name_part``);
- Safe Harbor: also true birth dates and event dates, ZIP5, city, county, FIPS,
  birthplace and site names;
- expert determination: also ZIP5 and places, and true birth dates beyond chance (a
  shifted date equals somebody's true date by coincidence all the time);
- limited data set: dates and places are kept by design and not looked for.

Record-aware residual check (:func:`residual_findings`): each scrubbed text is also
searched for its own person's identifiers from the linked record (full names of the
person and listed relatives, single given or family names, nicknames, phones, e-mails,
MRNs and other ids), however cased, accented, hyphenated or laid out. Batches add up
into a :class:`ResidualSummary` per column, folded into the report by
:func:`with_residual`: surviving identifiers are findings (``residual_*``); a single
name that is also an English word is counted, not failed. Where surrogates replaced
what was found, the check searches what is left of the original text
(:func:`unreplaced_parts`), since a surrogate may equal the person's name by chance.

Where: whole cells of every string column (after normalisation: ``999 93 1128`` is an
SSN), candidates inside any cell with whitespace (phone-, SSN-, email-, id-, ZIP- and
date-like strings), names and street addresses as word sequences anywhere in a cell,
and the ``Date`` / ``Datetime`` columns of person-level tables (with a ``person_key``).

Examples
--------
>>> import polars as pl
>>> from data_contracts import Method
>>> from data_contracts.schemas.emr import Patients
>>> row = {"Id": "3f957062-fda2-49df-b098-d1b14ab2d2f3", "SSN": "999-93-1128"}
>>> patients = pl.DataFrame([row], schema=Patients.create_empty().schema).lazy()
>>> identifiers = collect_identifiers({"patients": patients}, method=Method.SAFE_HARBOR)
>>> identifiers
IdentifierSet(method=safe_harbor, ssn=1, record_id=1)
>>> outputs = {"persons": pl.LazyFrame({"note": ["SSN on file: 999 93 1128"]})}
>>> print(scan_for_leaks(outputs, identifiers).findings[0])
persons.note: ssn in 1 cell(s)
"""

from __future__ import annotations

import logging

from deid.leakcheck._identifiers import IdentifierSet, collect_identifiers
from deid.leakcheck._report import LeakFinding, LeakReport
from deid.leakcheck._residual import ResidualCategory, ResidualCounts, residual_findings, unreplaced_parts
from deid.leakcheck._residual_report import ResidualSummary, with_residual
from deid.leakcheck._scan import scan_for_leaks

__all__ = [
    "IdentifierSet",
    "LeakFinding",
    "LeakReport",
    "ResidualCategory",
    "ResidualCounts",
    "ResidualSummary",
    "collect_identifiers",
    "residual_findings",
    "scan_for_leaks",
    "unreplaced_parts",
    "with_residual",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
