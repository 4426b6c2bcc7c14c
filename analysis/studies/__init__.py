"""Declared studies: a named analysis table or cohort, a list of analyses, checked outputs.

``load_study(path)`` reads a YAML study, ``run_study(spec, dataset)`` runs it, and
``write_study(result, folder)`` writes CSV tables, PNG and SVG figures, an HTML summary
and the output-checking log. ``healthtrove analyze STUDY.yaml --data DIR --out DIR`` does
all three. The example studies are in ``examples/studies/``.
"""

from analysis.studies._compare import Comparison, compare_adjustment
from analysis.studies._run import AnalysisResult, StudyAnalysis, StudyResult, run_study
from analysis.studies._spec import (
    AnalysisStep,
    CompareStep,
    CorrelateStep,
    ModelStep,
    PredictStep,
    RatesStep,
    StudySpec,
    load_study,
)
from analysis.studies._tables import ANALYSIS_TABLES, RESPIRATORY_REASONS, AnalysisTable, analysis_table
from analysis.studies._write import StudyFiles, write_study

__all__ = [
    "ANALYSIS_TABLES",
    "RESPIRATORY_REASONS",
    "AnalysisResult",
    "AnalysisStep",
    "AnalysisTable",
    "CompareStep",
    "Comparison",
    "CorrelateStep",
    "ModelStep",
    "PredictStep",
    "RatesStep",
    "StudyAnalysis",
    "StudyFiles",
    "StudyResult",
    "StudySpec",
    "analysis_table",
    "compare_adjustment",
    "load_study",
    "run_study",
    "write_study",
]
