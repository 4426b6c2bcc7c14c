"""Research zone: cohorts sliced from the de-identified dataset (never imports deid).

``cohorts.build(dataset, spec) -> Cohort`` compiles a :class:`CohortSpec` (YAML or Python)
to one polars lazy plan over the published Parquet dataset.
"""

import logging

from cohorts.cohort import Cohort, build
from cohorts.dataset import Dataset
from cohorts.spec import CodeSet, CohortSpec, Rule, Window, load_spec

__all__ = ["CodeSet", "Cohort", "CohortSpec", "Dataset", "Rule", "Window", "build", "load_spec"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
