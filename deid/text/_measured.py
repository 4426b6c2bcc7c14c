"""The text engine's measured recall and precision, as the benchmark last recorded them.

``benchmarks/phi_text.py --record`` scores the engine on labelled corpora (the
hand-written corpus per style, the generator's texts, presidio-research's sentences,
WNUT-17) under each text policy, and writes the figures to ``deid/text/measured.json``,
which ships with the package. The report quotes them so an auditor sees how well the
engine that scrubbed the run did on text with known answers, and on which text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["MEASURED_FILE", "MeasuredFigure", "MeasuredFigures", "measured_figures"]

MEASURED_FILE = "measured.json"
"""The figures file, in the ``deid.text`` package."""


@dataclass(frozen=True, slots=True, kw_only=True)
class MeasuredFigure:
    """Token recall and precision of one policy on one corpus (or one style of it).

    Parameters
    ----------
    corpus
        The corpus (``handwritten``, ``generated``, ``presidio_synth``, ``wnut17``).
    style
        The text style within the corpus, or ``"all"``.
    texts
        Texts scored.
    gold_tokens
        PHI tokens in them.
    recall, precision
        Token-level, label-agnostic scores (:mod:`deid.text.evaluation`).
    """

    corpus: str
    style: str
    texts: int
    gold_tokens: int
    recall: float
    precision: float


@dataclass(frozen=True, slots=True, kw_only=True)
class MeasuredFigures:
    """The figures of one benchmark run.

    Parameters
    ----------
    version
        The date of the run (the file's version).
    commit
        The commit the benchmark measured.
    by_policy
        Per text policy, its figures.
    """

    version: str
    commit: str
    by_policy: dict[str, tuple[MeasuredFigure, ...]]

    def of(self, policy: str) -> tuple[MeasuredFigure, ...]:
        """The figures of ``policy`` (empty when it was not measured)."""
        return self.by_policy.get(policy, ())


@cache
def measured_figures() -> MeasuredFigures:
    """Read the shipped figures file (no figures when it is absent).

    Examples
    --------
    >>> figures = measured_figures()
    >>> all(0.0 <= figure.recall <= 1.0 for figure in figures.of("high_recall"))
    True
    """
    path = resources.files("deid.text").joinpath(MEASURED_FILE)
    if not path.is_file():
        return MeasuredFigures(version="none", commit="", by_policy={})
    data = json.loads(path.read_text(encoding="utf-8"))
    return MeasuredFigures(
        version=str(data["version"]),
        commit=str(data.get("commit", "")),
        by_policy={
            policy: tuple(MeasuredFigure(**figure) for figure in figures)
            for policy, figures in data["figures"].items()
        },
    )
