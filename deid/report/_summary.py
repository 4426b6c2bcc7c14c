"""The compact HTML summary a :class:`deid.DeidResult` shows in Jupyter."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from pathlib import Path
from typing import Any, Protocol

__all__ = ["summary_html"]


class _Result(Protocol):
    @property
    def method(self) -> str: ...
    @property
    def tables(self) -> Mapping[str, int]: ...
    @property
    def report(self) -> Path | None: ...
    @property
    def verdict(self) -> Mapping[str, Any]: ...
    @property
    def risk(self) -> Mapping[str, Any]: ...


def summary_html(result: _Result) -> str:
    """Verdict, gates, k, leak findings and row counts of a run, as a small HTML block.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> result = SimpleNamespace(
    ...     method="safe_harbor", tables={"patients": 3}, report=None,
    ...     verdict={"status": "pass", "gates": {"leak_check": "pass", "risk": "reported"}},
    ...     risk={"measures": {"k": 1, "prosecutor": {"highest": 1.0}}, "thresholds": {"k": 11}},
    ... )
    >>> "PASS" in summary_html(result) and "k = 1" in summary_html(result)
    True
    """
    verdict = result.verdict
    status = str(verdict.get("status", "unknown"))
    colour = "#2e7d32" if status == "pass" else "#c62828"
    gates = verdict.get("gates", {})
    measures = result.risk.get("measures", {})
    k = measures.get("k", "?")
    highest = measures.get("prosecutor", {}).get("highest")
    rows = sum(result.tables.values())
    lines = [
        f'<div style="border-left:4px solid {colour};padding:.3rem .8rem">',
        f"<strong>De-identification {escape(status.upper())}</strong> ({escape(result.method)})<br>",
        f"leak check: {escape(str(gates.get('leak_check', '?')))}; ",
        f"risk: {escape(str(gates.get('risk', '?')))} (k = {escape(str(k))}",
        f", highest risk {highest:.3f})<br>" if isinstance(highest, float) else ")<br>",
        f"{len(result.tables)} tables, {rows:,} rows",
    ]
    if result.report is not None:
        lines.append(f"<br>report: <code>{escape(str(result.report))}</code>")
    lines.append("</div>")
    return "".join(lines)
