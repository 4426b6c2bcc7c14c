"""Load input tables (CSV or Parquet) lazily and validate them against their contracts.

A load maps headers by name (:mod:`data_contracts.headers`), parses text into the
contract dtypes (:mod:`data_contracts.parsing`), then runs one aggregate query that
counts, per column and rule, the rows that fail: unparseable values, nulls where none
are allowed, the column's checks, and duplicate primary keys. Any failure raises
:class:`~data_contracts.errors.InputValidationError` naming file, column, rule and row
count, never a value. The returned frame stays lazy: validation costs one streaming pass.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from data_contracts.errors import InputError, InputValidationError, RuleFailure
from data_contracts.files import check_utf8, find_table_files
from data_contracts.headers import HeaderMapping, map_headers
from data_contracts.parsing import parse_expression, parse_rule_name
from data_contracts.registry import Source, TableContract, tables_of

__all__ = ["LoadedTable", "load_extract", "load_table", "load_tables"]

logger = logging.getLogger(__name__)

SiteMapping = Mapping[str, Mapping[str, str]]
"""A site's header names: table name to (file header to contract column)."""


@dataclass(frozen=True, kw_only=True)
class LoadedTable:
    """A validated input table.

    Attributes
    ----------
    contract
        The table's contract.
    frame
        The typed, lazily evaluated table (contract columns in contract order).
    files
        The files it was read from.
    rows
        Number of rows.
    absent_columns
        Nullable contract columns the files lacked (read as nulls).
    dropped_columns
        Undeclared file columns dropped because the caller asked for it.
    """

    contract: TableContract
    frame: pl.LazyFrame
    files: tuple[Path, ...]
    rows: int
    absent_columns: tuple[str, ...]
    dropped_columns: tuple[str, ...]


def _scan_text(path: Path) -> pl.LazyFrame:
    if path.suffix == ".parquet":
        return pl.scan_parquet(path)
    check_utf8(path)
    return pl.scan_csv(path, infer_schema=False, encoding="utf8", raise_if_empty=False)


def _headers(frame: pl.LazyFrame, path: Path) -> list[str]:
    try:
        return frame.collect_schema().names()
    except (pl.exceptions.PolarsError, OSError) as error:
        kind = (
            "a readable Parquet file"
            if path.suffix == ".parquet"
            else "a CSV file with a readable header row"
        )
        msg = f"{path}: not {kind} ({type(error).__name__}); re-export the table"
        raise InputError(msg) from None


def _header_failures(path: Path, mapping: HeaderMapping, *, drop_undeclared: bool) -> list[RuleFailure]:
    failures: list[RuleFailure] = [
        (str(path), name, "column is present", 0) for name in mapping.missing_required
    ]
    failures += [(str(path), name, "exactly one file column maps to it", 0) for name in mapping.duplicated]
    if not drop_undeclared:
        failures += [
            (str(path), name, "column is declared in the contract (or map it, or drop undeclared columns)", 0)
            for name in mapping.undeclared_labels()
        ]
    return failures


def _typed_columns(raw: pl.LazyFrame, contract: TableContract, mapping: HeaderMapping) -> list[pl.Expr]:
    """Contract columns as expressions over the renamed raw frame, keeping raw text beside."""
    raw_schema = raw.collect_schema()
    source_of = {target: header for header, target in mapping.renames.items()}
    expressions: list[pl.Expr] = []
    for name, column in contract.schema.columns().items():
        dtype = column.dtype
        if name not in source_of:
            expressions += [
                pl.lit(None, dtype=dtype).alias(name),
                pl.lit(None, dtype=pl.String).alias(f"__raw__{name}"),
            ]
            continue
        source = pl.col(source_of[name])
        if raw_schema[source_of[name]] == pl.String:
            text = source.str.strip_chars()
            text = pl.when(text.str.len_chars() > 0).then(text)
            expressions += [parse_expression(text, dtype).alias(name), text.alias(f"__raw__{name}")]
        else:
            expressions += [
                source.cast(dtype, strict=False).alias(name),
                source.cast(pl.String).alias(f"__raw__{name}"),
            ]
    return expressions


def _rule_flags(contract: TableContract) -> dict[str, tuple[str, str, pl.Expr]]:
    """Per-row rules: alias to (column, rule, expression true where the row fails)."""
    flags: dict[str, tuple[str, str, pl.Expr]] = {}
    for index, (name, column) in enumerate(contract.schema.columns().items()):
        raw = pl.col(f"__raw__{name}")
        parsed = pl.col(name)
        rules: dict[str, pl.Expr] = {parse_rule_name(column.dtype): raw.is_null() | parsed.is_not_null()}
        if not column.nullable:
            rules["is never empty"] = raw.is_not_null()
        for rule, valid in column.validation_rules(parsed).items():
            if rule not in {"nullability", "primary_key", "unique"}:
                rules[f"check {rule}"] = valid.fill_null(value=True)
        for rule_index, (rule, valid) in enumerate(rules.items()):
            flags[f"__fail_{index}_{rule_index}"] = (name, rule, ~valid)
    return flags


def _failure_counts(
    frame: pl.LazyFrame, contract: TableContract, *, cache: Path | None
) -> tuple[pl.LazyFrame, int, dict[tuple[str | None, str], int]]:
    """Return the typed frame, its row count and its rule failures.

    Without ``cache`` one aggregate pass counts failures and the frame stays a lazy scan
    of the input. With ``cache`` the typed table and its per-row failure flags are
    written there in one streaming pass, then counted from the (columnar) cache, which
    later steps read instead of parsing the input again.
    """
    flags = _rule_flags(contract)
    names = contract.schema.column_names()
    primary_key = contract.schema.primary_key()
    if cache is not None:
        flagged = frame.select(
            *names, *[expression.alias(alias) for alias, (_, _, expression) in flags.items()]
        )
        flagged.sink_parquet(cache, compression="lz4", maintain_order=True)
        frame = pl.scan_parquet(cache)
        per_rule = [pl.col(alias).sum().alias(alias) for alias in flags]
    else:
        per_rule = [expression.sum().alias(alias) for alias, (_, _, expression) in flags.items()]
    aggregates = [pl.len().alias("__rows__"), *per_rule]
    counters: dict[str, tuple[str | None, str]] = {
        alias: (name, rule) for alias, (name, rule, _) in flags.items()
    }
    if primary_key:
        counters["__fail_pk"] = (None, f"primary key ({', '.join(primary_key)}) is unique")
        aggregates.append(pl.struct(primary_key).is_duplicated().sum().alias("__fail_pk"))
    counts = frame.select(aggregates).collect(engine="streaming").row(0, named=True)
    failures = {counters[alias]: int(value) for alias, value in counts.items() if alias in counters and value}
    return frame.select(names), int(counts["__rows__"]), failures


def _raise_failures(contract: TableContract, failures: list[RuleFailure]) -> None:
    lines = []
    for file, column, rule, rows in failures:
        where = f"column {column!r}" if column else "table"
        count = f": {rows} rows fail" if rows else ""
        lines.append(f"  - {file}: {where}: rule '{rule}'{count}")
    message = (
        f"input table {contract.name!r} breaks its data contract ({len(failures)} rule(s)):\n"
        + "\n".join(lines)
        + "\nFix the export, or map its headers in a mapping file; nothing was written."
    )
    raise InputValidationError(message, failures=tuple(failures))


def load_table(
    folder: Path,
    contract: TableContract,
    *,
    site_mapping: Mapping[str, str] | None = None,
    drop_undeclared: bool = False,
    cache_dir: Path | None = None,
) -> LoadedTable | None:
    """Load and validate one input table from ``folder``.

    Parameters
    ----------
    folder
        The extract folder (for example ``DIR/emr``).
    contract
        The table's contract.
    site_mapping
        The site's header names for this table (file header to contract column).
    drop_undeclared
        Drop file columns the contract does not declare instead of failing.
    cache_dir
        A trusted working folder: when given, the typed table is written there once
        and later reads come from it (identifiable data: the caller deletes it).

    Returns
    -------
    LoadedTable or None
        ``None`` when the table is absent and not required.

    Raises
    ------
    InputError
        A required file is missing, empty, unreadable or not UTF-8.
    InputValidationError
        The data breaks the contract; the message names file, column, rule and count.
    """
    files = find_table_files(folder, contract)
    if not files:
        if contract.required:
            expected = f"{folder}/{contract.file_stem}.csv or .parquet"
            msg = f"required table {contract.name!r} not found: expected {expected}"
            raise InputError(msg)
        return None
    parts: list[pl.LazyFrame] = []
    failures: list[RuleFailure] = []
    absent: set[str] = set()
    dropped: set[str] = set()
    for path in files:
        raw = _scan_text(path)
        mapping = map_headers(_headers(raw, path), contract, site_mapping=site_mapping)
        failures += _header_failures(path, mapping, drop_undeclared=drop_undeclared)
        absent.update(mapping.missing_optional)
        dropped.update(mapping.undeclared_labels())
        if not failures:
            parts.append(raw.select(_typed_columns(raw, contract, mapping)))
    if failures:
        _raise_failures(contract, failures)
    checked = pl.concat(parts, how="vertical")
    cache = None if cache_dir is None else cache_dir / f"{contract.name}.parquet"
    typed, rows, counted = _failure_counts(checked, contract, cache=cache)
    if counted:
        location = str(files[0]) if len(files) == 1 else f"{folder}/{contract.file_stem} ({len(files)} files)"
        _raise_failures(
            contract, [(location, column, rule, count) for (column, rule), count in counted.items()]
        )
    if rows == 0 and contract.required:
        msg = f"required table {contract.name!r} has a header but no rows ({files[0]})"
        raise InputError(msg)
    for name in sorted(dropped):
        logger.warning("table %s: dropped undeclared column %s", contract.name, name)
    return LoadedTable(
        contract=contract,
        frame=typed,
        files=files,
        rows=rows,
        absent_columns=tuple(sorted(absent)),
        dropped_columns=tuple(sorted(dropped)),
    )


def load_tables(
    root: Path,
    source: Source,
    *,
    site_mapping: SiteMapping | None = None,
    drop_undeclared: bool = False,
    cache_dir: Path | None = None,
) -> dict[str, LoadedTable]:
    """Load and validate every catalogued table of one extract folder.

    Parameters
    ----------
    root
        The extract folder (``DIR/emr``, ``DIR/crm`` or ``DIR/environment``).
    source
        Which extract it is.
    site_mapping
        The site's header names, by table name.
    drop_undeclared
        Drop undeclared columns instead of failing.
    cache_dir
        Trusted working folder for typed copies (see :func:`load_table`).

    Returns
    -------
    dict[str, LoadedTable]
        The tables present, by table name, in catalogue order.

    Raises
    ------
    InputError
        The folder or a required table is missing or unreadable.
    InputValidationError
        A table breaks its contract.
    """
    if not root.is_dir():
        msg = f"extract folder not found: {root} (expected the {source.value} extract)"
        raise InputError(msg)
    site_mapping = site_mapping or {}
    loaded: dict[str, LoadedTable] = {}
    for contract in tables_of(source):
        table = load_table(
            root,
            contract,
            site_mapping=site_mapping.get(contract.name),
            drop_undeclared=drop_undeclared,
            cache_dir=cache_dir,
        )
        if table is not None:
            loaded[contract.name] = table
            logger.info("table %s: %d rows valid", contract.name, table.rows)
    return loaded


def load_extract(
    root: Path,
    source: Source,
    *,
    site_mapping: SiteMapping | None = None,
    drop_undeclared: bool = False,
) -> dict[str, pl.LazyFrame]:
    """Load and validate one extract folder; return its typed lazy frames by table name.

    See :func:`load_tables` for the parameters and errors.
    """
    tables = load_tables(root, source, site_mapping=site_mapping, drop_undeclared=drop_undeclared)
    return {name: table.frame for name, table in tables.items()}
