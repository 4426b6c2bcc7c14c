"""Writing a study's outputs: CSV tables, PNG and SVG figures, the HTML summary and the output log."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import matplotlib as mpl
from matplotlib.figure import Figure

from analysis.studies._page import study_page
from analysis.studies._run import StudyResult

__all__ = ["StudyFiles", "write_study"]

_SVG_PROLOGUE = re.compile(r"\A.*?(?=<svg)", re.DOTALL)
_SVG_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)


@dataclass(frozen=True)
class StudyFiles:
    """Where a study's outputs were written."""

    folder: Path
    html: Path
    summary: Path
    output_log: Path
    tables: tuple[Path, ...]
    figures: tuple[Path, ...]


def write_study(study: StudyResult, out_dir: Path | str) -> StudyFiles:
    """Write ``study`` into ``out_dir``; reruns of the same study write identical bytes.

    Files: ``tables/<analysis>.csv``, ``figures/<analysis>.png`` and ``.svg`` (for every
    analysis with a plot), ``study.html`` (self-contained: figures inline, no scripts),
    ``summary.txt`` and ``output_log.json``.
    """
    out_dir = Path(out_dir)
    tables_dir, figures_dir = out_dir / "tables", out_dir / "figures"
    tables_dir.mkdir(parents=True, exist_ok=True)
    figures_dir.mkdir(parents=True, exist_ok=True)
    tables: list[Path] = []
    figures: list[Path] = []
    inline: dict[str, str] = {}
    for analysis in study.analyses:
        table_path = tables_dir / f"{analysis.name}.csv"
        analysis.result.table().write_csv(table_path)
        tables.append(table_path)
        plot = getattr(analysis.result, "plot", None)
        if callable(plot):
            figure = plot()
            png, svg = figures_dir / f"{analysis.name}.png", figures_dir / f"{analysis.name}.svg"
            document = _save(figure, png, svg)
            figures.extend((png, svg))
            inline[analysis.name] = _inline_svg(document)
    html_path = out_dir / "study.html"
    html_path.write_text(study_page(study, figures=inline, standalone=True), encoding="utf-8")
    summary_path = out_dir / "summary.txt"
    summary_path.write_text(study.summary() + "\n", encoding="utf-8")
    log_path = out_dir / "output_log.json"
    log_path.write_text(study.log.to_json() + "\n", encoding="utf-8")
    return StudyFiles(
        folder=out_dir,
        html=html_path,
        summary=summary_path,
        output_log=log_path,
        tables=tuple(tables),
        figures=tuple(figures),
    )


def _inline_svg(document: str) -> str:
    """The ``<svg>`` element alone: no XML prologue, no matplotlib metadata (which holds URLs)."""
    return _SVG_METADATA.sub("", _SVG_PROLOGUE.sub("", document))


def _save(figure: Figure, png: Path, svg: Path) -> str:
    """Write ``figure`` as PNG and SVG; return the SVG document (for inlining without a re-read)."""
    # Fixed ids and no timestamps, so the same study writes the same bytes.
    buffer = io.StringIO()
    with mpl.rc_context({"svg.hashsalt": "healthtrove", "svg.fonttype": "none"}):
        figure.savefig(png, format="png", dpi=150, metadata={"Software": None})
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    document = buffer.getvalue()
    svg.write_text(document, encoding="utf-8")
    return document
