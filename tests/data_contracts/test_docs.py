"""The committed contract reference is generated from the schemas and must be fresh."""

from __future__ import annotations

from pathlib import Path

from data_contracts.docs import render_markdown

DOCS = Path(__file__).parents[2] / "docs" / "data_contracts.md"


def test_committed_docs_are_fresh() -> None:
    assert DOCS.read_text(encoding="utf-8") == render_markdown(), (
        "docs/data_contracts.md is stale: run `make docs` and commit the result"
    )


def test_docs_list_every_column_with_its_actions() -> None:
    text = render_markdown()
    assert "| `BIRTHDATE` | Date | no |  | quasi_identifier | dates_and_ages_over_89 |" in text
    assert "generalise (zip3)" in text
    assert "### persons" in text
    assert "| `birthdate_year` | Int32 | `BIRTHDATE` | year | SH, LDS, ED |" in text
