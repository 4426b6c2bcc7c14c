"""A generated extract de-identified under Safe Harbor and expert determination, for the cohort tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from data_contracts import Method
from deid import DeidConfig, RiskConfig, run
from deid.synth import generate

TEST_KEY = "0123456789abcdef0123456789abcdef"


@pytest.fixture(scope="session")
def datasets(tmp_path_factory: pytest.TempPathFactory) -> dict[Method, Path]:
    """300 generated patients de-identified under Safe Harbor and expert determination (free text dropped)."""
    root = tmp_path_factory.mktemp("cohort-data")
    generate(root / "x", patients=300, seed=31)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HEALTHTROVE_KEY", TEST_KEY)
        published = {}
        for method in (Method.SAFE_HARBOR, Method.EXPERT_DETERMINATION):
            config = DeidConfig(
                emr=root / "x" / "emr",
                crm=root / "x" / "crm",
                environment=root / "x" / "environment",
                out=root / method.value,
                method=method,
                free_text="drop",
                risk=RiskConfig(enforce=False),
            )
            published[method] = run(config).out
    return published
