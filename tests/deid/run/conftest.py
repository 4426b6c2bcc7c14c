"""A small generated extract and a helper to de-identify it, shared by the run tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from data_contracts import Method
from deid.config import DeidConfig
from deid.pipeline import DeidResult, run
from deid.synth import generate

TEST_KEY = "0123456789abcdef0123456789abcdef"

RunDeid = Callable[..., DeidResult]


@pytest.fixture(scope="session")
def extract(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 250-patient synthetic extract (EMR, CRM, environment)."""
    folder = tmp_path_factory.mktemp("extract") / "x"
    generate(folder, patients=250, seed=11)
    return folder


def make_config(extract: Path, out: Path, method: Method, **settings: object) -> DeidConfig:
    """Return a run config over ``extract`` writing to ``out``.

    Free text is dropped unless ``free_text`` is given: the structured rules are tested
    apart from the text engine (``test_free_text.py`` scrubs). Risk is reported, not
    enforced, unless ``risk`` is given: these small extracts are full of unique
    combinations, and the risk gate is tested on its own (``test_report.py``).
    """
    settings = {"free_text": "drop", "risk": {"enforce": False}, **settings}
    return DeidConfig.model_validate(
        {
            "emr": extract / "emr",
            "crm": extract / "crm",
            "environment": extract / "environment",
            "out": out,
            "method": method,
            **settings,
        }
    )


@pytest.fixture
def run_deid(extract: Path, monkeypatch: pytest.MonkeyPatch) -> RunDeid:
    """Run de-identification of the shared extract with the test key."""
    monkeypatch.setenv("HEALTHTROVE_KEY", TEST_KEY)

    def runner(out: Path, method: Method, **settings: object) -> DeidResult:
        return run(make_config(extract, out, method, **settings))

    return runner


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory, extract: Path) -> dict[Method, DeidResult]:
    """The extract de-identified once under each method, free text dropped (session-wide, read only).

    The structured rules are tested on these; scrubbed free text in ``test_free_text.py``.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HEALTHTROVE_KEY", TEST_KEY)
        root = tmp_path_factory.mktemp("published")
        return {
            method: run(make_config(extract, root / method.value, method, free_text="drop"))
            for method in Method
        }


@pytest.fixture(scope="session")
def small_extract(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 120-patient synthetic extract for the runs that scrub free text."""
    folder = tmp_path_factory.mktemp("text-extract") / "x"
    generate(folder, patients=120, seed=23)
    return folder


@pytest.fixture(scope="session")
def scrubbed(tmp_path_factory: pytest.TempPathFactory, small_extract: Path) -> dict[Method, DeidResult]:
    """The small extract de-identified under each method with free text scrubbed (one worker)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HEALTHTROVE_KEY", TEST_KEY)
        root = tmp_path_factory.mktemp("scrubbed")
        return {
            method: run(
                make_config(small_extract, root / method.value, method, free_text="scrub", text_workers=1)
            )
            for method in Method
        }
