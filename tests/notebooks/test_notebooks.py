"""The research notebooks run top to bottom on a demo output, render plots and tables, and show no key.

One demo (300 generated patients, limited data set) is built for the module; each notebook
is executed with nbclient in a Python 3 kernel of this environment, with
``HEALTHTROVE_DEMO`` pointing at the demo.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import nbformat
import polars as pl
import pytest
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from nbclient import NotebookClient

from healthtrove.cli import main
from tests.notebooks.build_notebooks import NOTEBOOKS, NOTEBOOKS_DIR, rendered

pytestmark = pytest.mark.slow

DEMO_PATIENTS = 300
KERNEL = "python3"
WITH_PLOTS = ("02_cohorts.ipynb", "03_engagement_and_outcomes.ipynb", "04_environment_and_health.ipynb")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("notebooks") / "demo-output"
    code = main(["demo", "--out", str(out), "--patients", str(DEMO_PATIENTS), "--method", "limited_data_set"])
    assert code == 0
    return out


@pytest.fixture(scope="module")
def kernel() -> str:
    """The ``python3`` kernel of this environment (installed into it on a bare environment)."""
    try:
        KernelSpecManager().get_kernel_spec(KERNEL)
    except NoSuchKernel:
        from ipykernel.kernelspec import install  # noqa: PLC0415 - only on an environment without it

        install(prefix=sys.prefix, kernel_name=KERNEL)
    return KERNEL


@pytest.fixture(scope="module")
def person_keys(demo: Path) -> set[str]:
    keys = pl.read_parquet(demo / "dataset" / "patients.parquet", columns=["person_key"])["person_key"]
    return set(keys.to_list())


@pytest.fixture(scope="module")
def demo_env(demo: Path) -> Iterator[None]:
    previous = os.environ.get("HEALTHTROVE_DEMO")
    os.environ["HEALTHTROVE_DEMO"] = str(demo)
    yield
    if previous is None:
        del os.environ["HEALTHTROVE_DEMO"]
    else:
        os.environ["HEALTHTROVE_DEMO"] = previous


def _executed(name: str, kernel: str) -> nbformat.NotebookNode:
    notebook = nbformat.read(NOTEBOOKS_DIR / name, as_version=4)
    client = NotebookClient(
        notebook, timeout=300, kernel_name=kernel, resources={"metadata": {"path": str(NOTEBOOKS_DIR)}}
    )
    client.execute()
    return notebook


def _outputs(notebook: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]


def _text(output: nbformat.NotebookNode) -> str:
    if output.output_type == "stream":
        return str(output.text)
    if output.output_type == "error":
        return "\n".join([output.ename, output.evalue, *output.traceback])
    return "\n".join(str(value) for value in output.get("data", {}).values())


@pytest.mark.usefixtures("demo_env")
@pytest.mark.parametrize("name", list(NOTEBOOKS))
def test_notebook_runs_and_shows_no_key(name: str, kernel: str, person_keys: set[str]) -> None:
    outputs = _outputs(_executed(name, kernel))
    errors = [output for output in outputs if output.output_type == "error"]
    assert not errors, _text(errors[0]) if errors else ""
    kinds = {kind for output in outputs for kind in output.get("data", {})}
    assert "text/html" in kinds
    if name in WITH_PLOTS:
        assert "image/png" in kinds
    shown = "\n".join(_text(output) for output in outputs)
    assert not [key for key in person_keys if key in shown]


@pytest.mark.parametrize("name", list(NOTEBOOKS))
def test_stored_notebook_is_stripped_and_fresh(name: str) -> None:
    stored = (NOTEBOOKS_DIR / name).read_text(encoding="utf-8")
    notebook = nbformat.reads(stored, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code
    assert all(cell.outputs == [] and cell.execution_count is None for cell in code)
    assert stored == rendered(NOTEBOOKS[name]), "regenerate: python tests/notebooks/build_notebooks.py"
