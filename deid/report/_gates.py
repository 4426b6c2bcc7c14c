"""The release gates: which error a report's verdict raises, with a message holding no value."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from data_contracts.errors import LeakGateError, PrivacyGateError, RiskGateError

__all__ = ["gate_error"]


def gate_error(report: Mapping[str, Any], where: Path, *, action: str) -> PrivacyGateError | None:
    """The error of the first failed gate of ``report``, or ``None`` when it may be released.

    Parameters
    ----------
    report
        The report's facts (``verdict``, ``risk`` and ``residual`` are read).
    where
        Path of the written HTML report, named in the message.
    action
        What happened because of the failure (``"nothing was published"``).

    Returns
    -------
    LeakGateError, RiskGateError or None
        Leaks take precedence over risk (exit codes 8 and 9).
    """
    verdict = report["verdict"]
    if verdict["released"]:
        return None
    if verdict["gates"]["leak_check"] == "fail":
        findings = "\n".join(
            f"{finding['table']}.{finding['column']}: {finding['category']} in {finding['cells']} cell(s)"
            for finding in report["residual"]["leak_check"]["findings"]
        )
        return LeakGateError(
            f"the leak check found input identifiers in the output; {action} (report: {where}):\n{findings}"
        )
    failures = "; ".join(report["risk"]["verdict"]["failures"])
    return RiskGateError(
        f"re-identification risk is above the thresholds; {action} (report: {where}): {failures}"
    )
