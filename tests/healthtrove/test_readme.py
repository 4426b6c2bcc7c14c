"""The README's exit-code table matches the error classes."""

from __future__ import annotations

import re
from pathlib import Path

from data_contracts.errors import exit_codes

README = Path(__file__).parents[2] / "README.md"


def test_exit_code_table_matches_error_classes() -> None:
    rows = re.findall(r"^\| (\d+) \| `(\w+)` \|", README.read_text(encoding="utf-8"), flags=re.MULTILINE)
    documented = {name: int(code) for code, name in rows}
    expected = {name: code for name, code in exit_codes().items() if name != "HealthtroveError"}
    assert documented == expected


def test_quick_start_is_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    block = text.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#", 1)[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make demo", "make test"]
