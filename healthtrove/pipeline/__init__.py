"""Batch pipelines: declared stages (synth, deid with its report, cohorts, studies) run in order.

``run_pipeline(load_pipeline(path))`` skips every stage whose output folder holds a stamp
with the stage's current key, runs the others into temporary folders renamed into place
when finished, and writes ``OUT/pipeline_run.json``. ``healthtrove pipeline run`` is the
command over it.
"""

from healthtrove.pipeline._lock import LOCK_FILE
from healthtrove.pipeline._run import SUMMARY_FILE, PipelineRun, StageOutcome, run_pipeline
from healthtrove.pipeline._spec import DeidStage, PipelineSpec, SynthStage, load_pipeline
from healthtrove.pipeline._state import STAMP_FILE

__all__ = [
    "LOCK_FILE",
    "STAMP_FILE",
    "SUMMARY_FILE",
    "DeidStage",
    "PipelineRun",
    "PipelineSpec",
    "StageOutcome",
    "SynthStage",
    "load_pipeline",
    "run_pipeline",
]
