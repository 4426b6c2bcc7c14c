"""The residual check's counts per scrubbed column, and their place in the :class:`LeakReport`.

A scrubber (or a shard of a run) adds one :class:`~deid.leakcheck._residual.ResidualCounts`
per batch under the column it scrubbed; summaries of shards merge; the run then folds the
total into its leak report (:func:`with_residual`): failing categories become findings,
the texts checked and the common-word survivors are reported beside them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from deid.leakcheck._report import LeakFinding, LeakReport
from deid.leakcheck._residual import FAILING_RESIDUAL, ResidualCategory, ResidualCounts

__all__ = ["ResidualSummary", "with_residual"]


@dataclass(frozen=True)
class ResidualSummary:
    """Residual counts per scrubbed column; two summaries merge. Counts only, never a value.

    Parameters
    ----------
    columns
        Column label (the scrubber's ``table.column``) to its counts.

    Examples
    --------
    >>> phone = ResidualCounts(texts=4, found={ResidualCategory.PHONE: 1})
    >>> total = ResidualSummary().added("notes.TEXT", phone).merged(
    ...     ResidualSummary({"notes.TEXT": ResidualCounts(texts=6)})
    ... )
    >>> total.columns["notes.TEXT"].texts, total.failed
    (10, True)
    """

    columns: Mapping[str, ResidualCounts] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "columns", MappingProxyType(dict(sorted(self.columns.items()))))

    def added(self, column: str, counts: ResidualCounts) -> ResidualSummary:
        """A summary with ``counts`` (one batch) added to ``column``'s."""
        return self.merged(ResidualSummary({column: counts}))

    def merged(self, other: ResidualSummary) -> ResidualSummary:
        """Both summaries' counts added column by column."""
        columns = dict(self.columns)
        for column, counts in other.columns.items():
            columns[column] = columns[column] + counts if column in columns else counts
        return ResidualSummary(columns)

    @property
    def failed(self) -> bool:
        """Whether anything that fails the run survived in any column."""
        return any(counts.failed for counts in self.columns.values())


def with_residual(
    report: LeakReport, summary: ResidualSummary, *, columns: Mapping[str, tuple[str, str]]
) -> LeakReport:
    """``report`` with the residual check's counts folded in.

    Parameters
    ----------
    report
        The leak check's report over the output tables.
    summary
        The residual counts of the run's scrubbed columns.
    columns
        Column label of the summary to its output ``(table, column)``; a label without
        an entry is split at its first dot.

    Returns
    -------
    LeakReport
        With one finding per failing category and column, ``texts_checked`` and
        ``common_word_texts`` filled in.

    Examples
    --------
    >>> from data_contracts import Method
    >>> found = {ResidualCategory.FULL_NAME: 1, ResidualCategory.COMMON_WORD: 2}
    >>> counts = ResidualCounts(texts=3, found=found)
    >>> folded = with_residual(
    ...     LeakReport(method=Method.SAFE_HARBOR),
    ...     ResidualSummary({"notes.TEXT": counts}),
    ...     columns={"notes.TEXT": ("notes", "text")},
    ... )
    >>> [str(finding) for finding in folded.findings], dict(folded.common_word_texts)
    (['notes.text: residual_full_name in 1 cell(s)'], {'notes.text': 2})
    """
    findings: list[LeakFinding] = []
    texts_checked: dict[str, int] = {}
    common_words: dict[str, int] = {}
    for label, counts in summary.columns.items():
        table, _, column = label.partition(".")
        table, column = columns.get(label, (table, column))
        name = f"{table}.{column}"
        texts_checked[name] = texts_checked.get(name, 0) + counts.texts
        common_words[name] = common_words.get(name, 0) + counts.found.get(ResidualCategory.COMMON_WORD, 0)
        findings += [
            LeakFinding(table, column, category.value, cells)
            for category, cells in counts.found.items()
            if category in FAILING_RESIDUAL
        ]
    return dataclasses.replace(
        report,
        findings=(*report.findings, *findings),
        texts_checked=texts_checked,
        common_word_texts=common_words,
    )
