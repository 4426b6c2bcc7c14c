"""The output-checking log: one entry per check applied to an output, never a value."""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass

__all__ = ["CheckEntry", "OutputLog"]

_COLUMNS = ("output", "rule", "cells_checked", "cells_suppressed", "detail")


@dataclass(frozen=True)
class CheckEntry:
    """One disclosure check applied to one output.

    Parameters
    ----------
    output
        Name of the table, sequence or figure checked.
    rule
        Short name of the rule (``"primary"``, ``"complementary"``, ``"rounding"``, ...).
    cells_checked
        How many counts the rule looked at.
    cells_suppressed
        How many counts it suppressed.
    detail
        What the rule does, in words; never a count from the data.

    Examples
    --------
    >>> CheckEntry("sex", "primary", 6, 1, "counts from 1 to 10 suppressed").cells_suppressed
    1
    """

    output: str
    rule: str
    cells_checked: int
    cells_suppressed: int
    detail: str


class OutputLog:
    """The output-checking log: collects :class:`CheckEntry` in order, renders them for checkers.

    The log is the one mutable object of this package: a build passes one log to every
    output it checks and each adds its entries. Only entries are kept, never a count.

    Parameters
    ----------
    entries
        Entries to start with.

    Examples
    --------
    >>> log = OutputLog()
    >>> log.add(CheckEntry("sex", "primary", 6, 1, "counts from 1 to 10 suppressed"))
    OutputLog(1 entries)
    >>> len(log), log.to_dict()[0]["rule"]
    (1, 'primary')
    """

    def __init__(self, entries: Iterable[CheckEntry] = ()) -> None:
        self._entries = list(entries)

    @property
    def entries(self) -> tuple[CheckEntry, ...]:
        """The entries added so far, in order."""
        return tuple(self._entries)

    def add(self, *entries: CheckEntry) -> OutputLog:
        """Append ``entries`` in place and return this log, so calls chain.

        Both ``log.add(*checked.log)`` and ``OutputLog().add(*entries)`` work.
        """
        for entry in entries:
            if not isinstance(entry, CheckEntry):
                raise TypeError(f"OutputLog.add takes CheckEntry objects; got {type(entry).__name__}.")
        self._entries.extend(entries)
        return self

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[CheckEntry]:
        return iter(self.entries)

    def __repr__(self) -> str:
        return f"OutputLog({len(self)} entries)"

    def to_dict(self) -> list[dict[str, str | int]]:
        """The entries as a list of plain dictionaries, one per check."""
        return [asdict(entry) for entry in self._entries]

    def to_json(self) -> str:
        """The entries as a JSON array (sorted keys, so reruns are byte-identical)."""
        return json.dumps(self.to_dict(), indent=2, sort_keys=True)

    def to_html(self) -> str:
        """The entries as a small HTML table, every field escaped.

        Examples
        --------
        >>> "<table" in OutputLog().to_html()
        True
        """
        header = "".join(f"<th>{name}</th>" for name in _COLUMNS)
        rows = "".join(
            "<tr>"
            + "".join(f"<td>{html.escape(str(getattr(entry, name)))}</td>" for name in _COLUMNS)
            + "</tr>"
            for entry in self._entries
        )
        return (
            '<table class="output-checking-log">'
            f"<thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table>"
        )
