"""A generated limited data set of 600 appointments with a planted, confounded no-show model."""

from __future__ import annotations

from pathlib import Path

import pytest

from .dataset_files import synthetic_appointments


@pytest.fixture(scope="session")
def appointments_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dataset folder (see :func:`~tests.analysis.studies.dataset_files.synthetic_appointments`)."""
    return synthetic_appointments(tmp_path_factory.mktemp("study-data") / "dataset")
