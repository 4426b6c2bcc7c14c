"""Shared by the benchmark scripts: record a section of figures in BENCHMARKS.md."""

from __future__ import annotations

import re
from pathlib import Path

BENCHMARKS_FILE = Path(__file__).resolve().parent.parent / "BENCHMARKS.md"


def record_section(section: str, figures: dict[str, str]) -> None:
    """Replace (or append) the ``section`` heading's bullet list in BENCHMARKS.md."""
    block = "\n".join([section, "", *(f"- {name}: {value}" for name, value in figures.items())]) + "\n"
    text = BENCHMARKS_FILE.read_text(encoding="utf-8") if BENCHMARKS_FILE.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"^{re.escape(section)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: block + "\n", text).rstrip("\n") + "\n"
    else:
        text = text.rstrip("\n") + "\n\n" + block
    BENCHMARKS_FILE.write_text(text, encoding="utf-8")


def report(section: str, figures: dict[str, str]) -> None:
    """Print ``figures`` one per line and record them under ``section`` in BENCHMARKS.md."""
    for name, value in figures.items():
        print(f"{name}: {value}")
    record_section(section, figures)
