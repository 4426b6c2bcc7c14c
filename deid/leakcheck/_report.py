"""The leak check's result: where identifiers were found, never what they were."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from data_contracts import Method

__all__ = ["LeakFinding", "LeakReport"]


@dataclass(frozen=True)
class LeakFinding:
    """Input identifiers of one category found in one output column.

    Parameters
    ----------
    table
        Output table name.
    column
        Output column name.
    category
        The identifier category (``name``, ``ssn``, ``birth_date``, ...).
    cells
        Cells holding at least one such identifier. For shifted dates (expert
        determination), the cells in excess of chance.

    Examples
    --------
    >>> str(LeakFinding("notes", "text", "name", 3))
    'notes.text: name in 3 cell(s)'
    """

    table: str
    column: str
    category: str
    cells: int

    def __str__(self) -> str:
        return f"{self.table}.{self.column}: {self.category} in {self.cells} cell(s)"


@dataclass(frozen=True, kw_only=True)
class LeakReport:
    """What the leak check compared and what it found. Holds counts only, never a value.

    Parameters
    ----------
    method
        The de-identification method the identifiers were chosen for.
    values_checked
        Distinct input identifier values compared, per category.
    cells_scanned
        Non-null string and date cells of the output scanned.
    findings
        Every (table, column, category) where input identifiers were found, including
        the record-aware residual check's failing categories (``residual_*``).
    texts_checked
        Per scrubbed ``table.column`` of the output, the texts the record-aware residual
        check searched for their own person's identifiers (empty when no text was scrubbed).
    common_word_texts
        Per scrubbed ``table.column``, the texts where a given or family name of their own
        person survives alone as an English or clinical word (``Hope``): reported, not a
        failure.

    Examples
    --------
    >>> report = LeakReport(method=Method.SAFE_HARBOR, values_checked={"ssn": 2}, cells_scanned=10)
    >>> report.passed
    True
    >>> print(report)
    leak check (safe_harbor): passed; 10 cells scanned against 2 identifier values (ssn=2)
    """

    method: Method
    values_checked: Mapping[str, int] = field(default_factory=dict)
    cells_scanned: int = 0
    findings: tuple[LeakFinding, ...] = ()
    texts_checked: Mapping[str, int] = field(default_factory=dict)
    common_word_texts: Mapping[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "method", Method(self.method))
        object.__setattr__(self, "values_checked", MappingProxyType(dict(self.values_checked)))
        for name in ("texts_checked", "common_word_texts"):
            object.__setattr__(self, name, MappingProxyType(dict(sorted(getattr(self, name).items()))))
        object.__setattr__(
            self, "findings", tuple(sorted(self.findings, key=lambda f: (f.table, f.column, f.category)))
        )

    @property
    def passed(self) -> bool:
        """Whether no input identifier was found in the output."""
        return not self.findings

    def __str__(self) -> str:
        checked = ", ".join(f"{name}={count}" for name, count in self.values_checked.items())
        total = sum(self.values_checked.values())
        verdict = "passed" if self.passed else f"FAILED with {len(self.findings)} finding(s)"
        summary = f"{self.cells_scanned} cells scanned against {total} identifier values ({checked})"
        lines = [f"leak check ({self.method.value}): {verdict}; {summary}"]
        if self.texts_checked:
            lines.append(
                f"  record-aware residual check: {sum(self.texts_checked.values())} texts checked against"
                f" their own record; a name that is also a common word survives in"
                f" {sum(self.common_word_texts.values())} text(s) (not a failure)"
            )
        lines += [f"  - {finding}" for finding in self.findings]
        return "\n".join(lines)
