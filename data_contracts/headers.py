"""Map the headers of an input file onto the columns of its contract.

A header maps, in order of preference, through the site's mapping file, exactly, through
the contract's aliases (older Synthea names), or case-insensitively. Headers that map to
nothing are *undeclared*: an error unless the caller chose to drop them (fail closed).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from data_contracts.registry import TableContract

__all__ = ["HeaderMapping", "map_headers"]

_HEADER_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9_ .#()/-]{0,39}$")
_DIGIT_RUN = re.compile(r"\d{3}")


@dataclass(frozen=True, kw_only=True)
class HeaderMapping:
    """How one file's headers relate to its contract.

    Attributes
    ----------
    renames
        File header to contract column, for every header that maps.
    missing_required
        Contract columns the file lacks and may not omit.
    missing_optional
        Nullable contract columns the file lacks (read as nulls).
    undeclared
        Positions (0-based) and names of the file headers the contract does not know.
    duplicated
        Contract columns that two or more headers map onto.
    """

    renames: Mapping[str, str]
    missing_required: tuple[str, ...]
    missing_optional: tuple[str, ...]
    undeclared: tuple[tuple[int, str], ...]
    duplicated: tuple[str, ...]
    mapped_share: float

    def undeclared_labels(self) -> tuple[str, ...]:
        """Name the undeclared headers safely for messages and reports.

        A header is shown only when the file plainly has a header row (most contract
        columns were found) and the header looks like a column name. Otherwise it may
        be the first data row of a file exported without headers, so only its position
        is given: a message must never carry a data value.

        Examples
        --------
        >>> mapping = HeaderMapping(renames={}, missing_required=(), missing_optional=(),
        ...     undeclared=((3, "NOTES_EXTRA"), (4, "Alice")), duplicated=(), mapped_share=0.1)
        >>> mapping.undeclared_labels()
        ('file column 4', 'file column 5')
        """
        trusted = self.mapped_share >= 0.5
        return tuple(
            header
            if trusted and _HEADER_LIKE.match(header) and not _DIGIT_RUN.search(header)
            else f"file column {position + 1}"
            for position, header in self.undeclared
        )


def _target(header: str, contract: TableContract, site_mapping: Mapping[str, str]) -> str | None:
    known = contract.schema.column_names()
    if header in site_mapping:
        return site_mapping[header]
    if header in known:
        return header
    if header in contract.header_aliases:
        return contract.header_aliases[header]
    folded = {name.casefold(): name for name in known}
    return folded.get(header.strip().casefold())


def map_headers(
    headers: Sequence[str], contract: TableContract, *, site_mapping: Mapping[str, str] | None = None
) -> HeaderMapping:
    """Relate the ``headers`` of a file to ``contract``.

    Parameters
    ----------
    headers
        Column names as read from the file.
    contract
        The table's contract.
    site_mapping
        A site's own header names for this table (file header to contract column).

    Returns
    -------
    HeaderMapping
        Renames and the problems found; the caller decides which are errors.

    Examples
    --------
    >>> from data_contracts.registry import table_contract
    >>> found = map_headers(["Id", "START", "PATIENT", "CODE", "COST"], table_contract("procedures"))
    >>> found.renames["COST"], found.missing_required
    ('BASE_COST', ('ENCOUNTER', 'DESCRIPTION'))
    """
    site_mapping = site_mapping or {}
    renames: dict[str, str] = {}
    undeclared: list[tuple[int, str]] = []
    for position, header in enumerate(headers):
        target = _target(header, contract, site_mapping)
        if target is None:
            undeclared.append((position, header))
        else:
            renames[header] = target
    targets = list(renames.values())
    duplicated = sorted({name for name in targets if targets.count(name) > 1})
    columns = contract.schema.columns()
    absent = [name for name in columns if name not in targets]
    return HeaderMapping(
        renames=renames,
        missing_required=tuple(name for name in absent if not columns[name].nullable),
        missing_optional=tuple(name for name in absent if columns[name].nullable),
        undeclared=tuple(undeclared),
        duplicated=tuple(duplicated),
        mapped_share=len(set(targets)) / len(columns),
    )
