"""``--report-only``: rebuild the report of an existing de-identified dataset."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deid.config import RiskConfig
from deid.report._build import build_report, read_manifest
from deid.report._gates import gate_error
from deid.report._html import REPORT_FOLDER, write_report

if TYPE_CHECKING:
    from deid.text import TextEngine

__all__ = ["RebuiltReport", "rebuild_report"]


@dataclass(frozen=True)
class RebuiltReport:
    """A report rebuilt for an existing dataset.

    Attributes
    ----------
    report
        Path of the HTML report written into the dataset.
    facts
        The report's facts (``report.json``).
    """

    report: Path
    facts: Mapping[str, Any]

    @property
    def verdict(self) -> Mapping[str, Any]:
        """The report's verdict."""
        verdict: Mapping[str, Any] = self.facts["verdict"]
        return verdict

    def raise_for_gates(self) -> None:
        """Raise the failed gate's error (exit code 8 or 9); the dataset is left as it is."""
        error = gate_error(self.facts, self.report, action="the dataset fails its release gates")
        if error is not None:
            raise error


@contextmanager
def _engine(dataset: Path) -> Iterator[TextEngine | None]:
    manifest = read_manifest(dataset)
    if manifest["free_text"].get("action") != "scrub":
        yield None
        return
    from deid.text import TextEngine  # noqa: PLC0415 - Presidio and spaCy load only when needed

    with TextEngine() as engine:
        yield engine


def rebuild_report(dataset: Path, *, risk: RiskConfig, seed: int = 0) -> RebuiltReport:
    """Build the report of the published ``dataset`` again and write it into ``dataset/report``.

    Facts about the inputs (row counts, per-column counts, linkage, shifting, the leak
    check) come from the dataset's manifest; risk, excerpts and the text re-scan are
    measured again on the dataset with ``risk`` (new thresholds or quasi-identifiers).

    Parameters
    ----------
    dataset
        A folder published by ``deid run``.
    risk
        Risk settings for this report.
    seed
        Seed of the excerpt and re-scan samples.

    Returns
    -------
    RebuiltReport
        Where the report is, and its facts.

    Raises
    ------
    InputError
        If ``dataset`` has no manifest.
    """
    with _engine(dataset) as engine:
        facts = build_report(dataset, risk=risk, seed=seed, engine=engine)
    return RebuiltReport(report=write_report(facts, dataset / REPORT_FOLDER), facts=facts)
