"""Same seed, size and format give byte-identical files; another seed gives other files."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from deid.synth import generate

PATIENTS = 120


def _hashes(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize("file_format", ["csv", "parquet"])
def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path, file_format: str) -> None:
    first = _hashes(generate(tmp_path / "a", patients=PATIENTS, seed=7, file_format=file_format).out_dir)  # type: ignore[arg-type]
    again = _hashes(generate(tmp_path / "b", patients=PATIENTS, seed=7, file_format=file_format).out_dir)  # type: ignore[arg-type]
    other = _hashes(generate(tmp_path / "c", patients=PATIENTS, seed=8, file_format=file_format).out_dir)  # type: ignore[arg-type]
    assert first == again
    assert len(first) == len(other)
    same_across_seeds = {name for name in first if first[name] == other[name]}
    assert same_across_seeds == {"truth/effects.json"}
