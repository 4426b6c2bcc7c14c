"""Render ``report.json`` as one self-contained HTML page, and write both files.

The page has no scripts, external fonts, stylesheets or images: charts are inline SVG,
styles inline, so it opens offline, archives as one file and prints cleanly to PDF.
Everything is escaped by Jinja2's autoescaping.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2

from deid.report._svg import bar_chart

__all__ = [
    "REPORT_FOLDER",
    "REPORT_HTML",
    "REPORT_JSON",
    "failed_report_folder",
    "render_html",
    "write_report",
]

REPORT_FOLDER = "report"
"""Folder of the report inside a published dataset."""
REPORT_HTML = "report.html"
REPORT_JSON = "report.json"
_SKIPPED_FIGURES = frozenset({"class_sizes", "definitions", "quasi_identifiers", "l_diversity"})

_environment = jinja2.Environment(
    loader=jinja2.PackageLoader("deid.report", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def failed_report_folder(out: Path) -> Path:
    """Where a run stopped by a gate writes its report: beside ``out``, never inside it.

    Examples
    --------
    >>> failed_report_folder(Path("results/dataset")).as_posix()
    'results/dataset.failed-report'
    """
    return out.with_name(f"{out.name}.failed-report")


def _format(value: object) -> str:
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def _risk_rows(measures: Mapping[str, Any]) -> list[dict[str, str]]:
    """Flatten the risk measures into (name, value, definition) rows."""
    definitions: Mapping[str, str] = measures.get("definitions", {})
    rows: list[dict[str, str]] = []

    def add(name: str, value: object, definition_key: str) -> None:
        if isinstance(value, Mapping):
            for key, inner in value.items():
                add(f"{name} {key}".replace("_", " "), inner, f"{definition_key}.{key}")
            return
        definition = definitions.get(definition_key) or definitions.get(
            definition_key.split(".", maxsplit=1)[0], ""
        )
        rows.append({"name": name, "value": _format(value), "definition": definition})

    for key, value in measures.items():
        if key not in _SKIPPED_FIGURES and value is not None:
            add(key.replace("_", " "), value, key)
    for entry in measures.get("l_diversity", []):
        attribute = entry["attribute"]
        add(f"distinct l-diversity of {attribute}", entry["distinct_l"], "l_diversity.distinct_l")
        add(f"classes with l = 1 for {attribute}", entry["classes_with_l1"], "l_diversity.distinct_l")
    return rows


def _class_chart(measures: Mapping[str, Any]) -> str:
    sizes = measures.get("class_sizes") or []
    bars = [(f"class size {row['label']}", float(row["records"])) for row in sizes]
    return bar_chart(bars, title="Records by equivalence class size", unit=" records") if bars else ""


def _text_chart(free_text: Mapping[str, Any]) -> str:
    totals: Counter[str] = Counter()
    for per_entity in free_text.get("replaced", {}).values():
        totals.update(per_entity)
    bars = [(entity, float(count)) for entity, count in totals.most_common()]
    return bar_chart(bars, title="Free-text detections by entity type", unit=" spans") if bars else ""


def render_html(report: Mapping[str, Any]) -> str:
    """The HTML page of ``report`` (the dict :func:`deid.report.build_report` returns)."""
    template = _environment.get_template("report.html.j2")
    return template.render(
        **report,
        values_checked=sum(report["residual"]["leak_check"]["values_checked"].values()),
        risk_rows=_risk_rows(report["risk"]["measures"]),
        class_chart=_class_chart(report["risk"]["measures"]),
        text_chart=_text_chart(report["free_text"]),
    )


def write_report(report: Mapping[str, Any], folder: Path) -> Path:
    """Write ``report.json`` and ``report.html`` into ``folder``; return the HTML path."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / REPORT_JSON).write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    html = folder / REPORT_HTML
    html.write_text(render_html(report), encoding="utf-8")
    return html
