"""The de-identification report: one HTML page and one JSON file an IRB auditor can trust.

Every run writes ``report/report.html`` and ``report/report.json`` inside the published
dataset (or, when a release gate stops it, beside the unpublished output, see
:func:`failed_report_folder`). The report is built from the run's manifest and the
output dataset only (:func:`build_report`), so ``healthtrove deid run --report-only``
can rebuild it for an existing dataset. It holds counts, names of tables, columns, rules
and recognizers, versions, hashes and a few de-identified excerpts; never an input value.
"""

from __future__ import annotations

from deid.report._build import REPORT_KIND, REPORT_SCHEMA_VERSION, build_report, read_manifest
from deid.report._checklist import safe_harbor_checklist
from deid.report._gates import gate_error
from deid.report._html import (
    REPORT_FOLDER,
    REPORT_HTML,
    REPORT_JSON,
    failed_report_folder,
    render_html,
    write_report,
)
from deid.report._quasi import DEFAULT_QUASI_IDENTIFIERS, quasi_identifier_frame
from deid.report._rebuild import RebuiltReport, rebuild_report
from deid.report._summary import summary_html

__all__ = [
    "DEFAULT_QUASI_IDENTIFIERS",
    "REPORT_FOLDER",
    "REPORT_HTML",
    "REPORT_JSON",
    "REPORT_KIND",
    "REPORT_SCHEMA_VERSION",
    "RebuiltReport",
    "build_report",
    "failed_report_folder",
    "gate_error",
    "quasi_identifier_frame",
    "read_manifest",
    "rebuild_report",
    "render_html",
    "safe_harbor_checklist",
    "summary_html",
    "write_report",
]
