"""Measure re-identification risk: one group-by for the classes, cheap sums over them."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import polars as pl

from deid.risk._diversity import class_aggregations, diversity_figures
from deid.risk._errors import RiskInputError
from deid.risk._report import CLASS_SIZE_BUCKETS, AttackerRisk, ClassSizeBucket, LDiversity, RiskReport

__all__ = ["measure_risk"]

logger = logging.getLogger(__name__)

_SIZE = "__risk_class_size"
_POPULATION_SIZE = "__risk_population_size"


def measure_risk(
    frame: pl.LazyFrame | pl.DataFrame,
    quasi_identifiers: Sequence[str],
    *,
    sensitive: Sequence[str] = (),
    population: pl.LazyFrame | pl.DataFrame | None = None,
    population_count: str | None = None,
    risk_threshold: float = 0.09,
) -> RiskReport:
    """Measure the re-identification risk of ``frame`` over its quasi-identifiers.

    One group-by over the quasi-identifiers yields each class size f_j and the number of
    distinct values of every sensitive attribute in the class (counted on integer codes:
    text is encoded as categories first); every figure is then a sum or minimum over that
    class table. Null is a value of its own, in the quasi-identifiers and in the sensitive
    attributes. Figures follow ARX (see :data:`~deid.risk.DEFINITIONS`).

    Parameters
    ----------
    frame
        One row per record (person).
    quasi_identifiers
        The columns an attacker could know; at least one, no repeats.
    sensitive
        Sensitive attributes for distinct l-diversity; not quasi-identifiers.
    population
        The population the sample was drawn from, for the journalist model and the
        marketer model: the same quasi-identifier columns, one row per person, or one row
        per combination with its count in ``population_count``. A sample class absent
        from the population gets F_j = f_j, and F_j is never taken below f_j (the sample
        is part of the population).
    population_count
        The column of ``population`` giving F_j for each combination (rows repeating a
        combination are added up); None when ``population`` has one row per person.
    risk_threshold
        t, in (0, 1]: a record is at risk when its record risk (1/f_j or 1/F_j) is above t.

    Returns
    -------
    RiskReport
        Counts, sizes and shares only.

    Raises
    ------
    RiskInputError
        If the frame has no rows, a column is missing, repeated, or both a
        quasi-identifier and sensitive, a population column has another type than in the
        frame, or ``risk_threshold`` is outside (0, 1].

    Examples
    --------
    >>> frame = pl.DataFrame(
    ...     {"sex": ["F", "F", "F", "M"], "zip3": ["100", "100", "100", "100"], "dx": ["a", "b", "a", "c"]}
    ... )
    >>> report = measure_risk(frame, ["sex", "zip3"], sensitive=["dx"])
    >>> report.k, report.classes, report.sample_uniques, report.prosecutor.highest
    (1, 2, 1, 1.0)
    >>> report.prosecutor.records_at_risk, report.l_diversity[0].classes_with_l1
    (1.0, 1)
    """
    lazy = frame.lazy()
    quasi_identifiers, sensitive = _check_columns(lazy, quasi_identifiers, sensitive)
    if not 0 < risk_threshold <= 1:
        msg = f"risk_threshold must be in (0, 1]; got {risk_threshold!r}."
        raise RiskInputError(msg)
    schema = lazy.collect_schema()
    classes = lazy.group_by(quasi_identifiers).agg(
        pl.len().alias(_SIZE), *class_aggregations(schema, sensitive)
    )
    if population is not None:
        classes = _with_population_sizes(
            classes, population.lazy(), lazy, quasi_identifiers, population_count
        )
    figures = classes.select(
        *_figures(risk_threshold, with_population=population is not None),
        *diversity_figures(sensitive),
    )
    row = figures.collect().row(0, named=True)
    if not row["records"]:
        msg = "the frame has no rows: risk cannot be measured on an empty frame."
        raise RiskInputError(msg)
    logger.debug("measured risk over %d quasi-identifiers", len(quasi_identifiers))
    return _report(row, quasi_identifiers, sensitive, risk_threshold, with_population=population is not None)


def _check_columns(
    lazy: pl.LazyFrame, quasi_identifiers: Sequence[str], sensitive: Sequence[str]
) -> tuple[list[str], list[str]]:
    if isinstance(quasi_identifiers, str) or isinstance(sensitive, str):
        msg = "quasi_identifiers and sensitive take a list of column names, not a single string."
        raise RiskInputError(msg)
    quasi, attributes = list(quasi_identifiers), list(sensitive)
    if not quasi:
        msg = "quasi_identifiers is empty: name at least one column."
        raise RiskInputError(msg)
    columns = set(lazy.collect_schema().names())
    for name in [*quasi, *attributes]:
        if name not in columns:
            msg = f"the frame has no column {name!r}; check the quasi-identifier and sensitive names."
            raise RiskInputError(msg)
        if name.startswith("__risk_"):
            msg = f"column {name!r} uses the reserved prefix __risk_; rename it."
            raise RiskInputError(msg)
    repeated = sorted({name for name in [*quasi, *attributes] if [*quasi, *attributes].count(name) > 1})
    if repeated:
        msg = f"columns named more than once (quasi-identifier or sensitive): {', '.join(repeated)}."
        raise RiskInputError(msg)
    return quasi, attributes


def _with_population_sizes(
    classes: pl.LazyFrame,
    population: pl.LazyFrame,
    sample: pl.LazyFrame,
    quasi_identifiers: list[str],
    population_count: str | None,
) -> pl.LazyFrame:
    schema, sample_schema = population.collect_schema(), sample.collect_schema()
    for name in [*quasi_identifiers, *([population_count] if population_count else [])]:
        if name not in schema:
            msg = f"the population has no column {name!r}; give it the sample's quasi-identifiers."
            raise RiskInputError(msg)
    for name in quasi_identifiers:
        if schema[name] != sample_schema[name]:
            msg = (
                f"population column {name!r} is {schema[name]} but the sample's is "
                f"{sample_schema[name]}; cast one to the other."
            )
            raise RiskInputError(msg)
    size = pl.col(population_count).sum() if population_count else pl.len()
    sizes = population.group_by(quasi_identifiers).agg(size.cast(pl.Int64).alias(_POPULATION_SIZE))
    joined = classes.join(sizes, on=quasi_identifiers, how="left", nulls_equal=True)
    return joined.with_columns(
        pl.max_horizontal(pl.col(_POPULATION_SIZE).fill_null(pl.col(_SIZE)), pl.col(_SIZE)).alias(
            _POPULATION_SIZE
        )
    )


def _figures(risk_threshold: float, *, with_population: bool) -> list[pl.Expr]:
    size = pl.col(_SIZE)
    records = size.sum()
    expressions = [
        records.alias("records"),
        pl.len().alias("classes"),
        size.min().alias("k"),
        size.filter(size == 1).sum().alias("sample_uniques"),
        size.filter(1.0 / size > risk_threshold).sum().alias("prosecutor_at_risk"),
    ]
    for index, (_, smallest, largest) in enumerate(CLASS_SIZE_BUCKETS):
        in_bucket = size >= smallest if largest is None else size.is_between(smallest, largest)
        expressions += [
            in_bucket.sum().alias(f"bucket_classes_{index}"),
            size.filter(in_bucket).sum().alias(f"bucket_records_{index}"),
        ]
    if with_population:
        population_size = pl.col(_POPULATION_SIZE)
        expressions += [
            population_size.min().alias("population_k"),
            size.filter(1.0 / population_size > risk_threshold).sum().alias("journalist_at_risk"),
            (size / population_size).sum().alias("matched"),
        ]
    return expressions


def _report(
    row: dict[str, int | float | None],
    quasi_identifiers: list[str],
    sensitive: list[str],
    risk_threshold: float,
    *,
    with_population: bool,
) -> RiskReport:
    def count(name: str) -> int:
        return int(row[name] or 0)

    records, classes = count("records"), count("classes")
    journalist = None
    marketer = classes / records
    if with_population:
        marketer = float(row["matched"] or 0.0) / records
        journalist = AttackerRisk(
            records_at_risk=count("journalist_at_risk") / records,
            highest=1 / count("population_k"),
            average=marketer,
        )
    return RiskReport(
        quasi_identifiers=tuple(quasi_identifiers),
        records=records,
        classes=classes,
        k=count("k"),
        sample_uniques=count("sample_uniques"),
        sample_uniques_share=count("sample_uniques") / records,
        class_sizes=tuple(
            ClassSizeBucket(
                label=label,
                smallest=smallest,
                largest=largest,
                classes=count(f"bucket_classes_{index}"),
                records=count(f"bucket_records_{index}"),
            )
            for index, (label, smallest, largest) in enumerate(CLASS_SIZE_BUCKETS)
        ),
        risk_threshold=risk_threshold,
        prosecutor=AttackerRisk(
            records_at_risk=count("prosecutor_at_risk") / records,
            highest=1 / count("k"),
            average=classes / records,
        ),
        journalist=journalist,
        marketer=marketer,
        l_diversity=tuple(
            LDiversity(attribute=name, distinct_l=count(f"l_{index}"), classes_with_l1=count(f"l1_{index}"))
            for index, name in enumerate(sensitive)
        ),
    )
