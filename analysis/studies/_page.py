"""The study's HTML page: question, data, headline, each analysis with its figure, the output log."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import jinja2

if TYPE_CHECKING:
    from analysis.studies._run import StudyResult

__all__ = ["study_page"]

_environment = jinja2.Environment(
    loader=jinja2.PackageLoader("analysis.studies", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
)


def study_page(study: StudyResult, *, figures: Mapping[str, str], standalone: bool) -> str:
    """Render ``study`` as HTML; ``figures`` maps analysis names to inline SVG markup.

    Every value shown comes from the results after output checking; the results' own
    HTML is trusted markup (they escape their cells), everything else is escaped here.
    """
    rows = f"{study.rows:,}" if study.rows is not None else f"fewer than {study.policy.threshold}"
    return _environment.get_template("study.html.j2").render(
        standalone=standalone,
        title=study.spec.title,
        question=study.spec.question,
        source=study.source,
        rows=rows,
        row=study.row,
        method=study.method,
        threshold=study.policy.threshold,
        headline=study.headline,
        headline_summary=study.headline.summary(),
        analyses=[
            {
                "name": analysis.name,
                "kind": analysis.kind,
                "html": analysis.result._repr_html_(),
                "figure": figures.get(analysis.name),
            }
            for analysis in study.analyses
        ],
        log=study.log.to_html(),
    )
