"""Checking a model formula against an analysis table and building its design matrices.

The table stays in polars until the statsmodels boundary, where the complete cases of
the columns the formula uses become a pandas frame for patsy. Error messages name
columns, terms and parameters, never a value from the table.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import patsy  # type: ignore[import-untyped]
import polars as pl

from data_contracts import ConfigError, InputError

__all__ = ["Design", "FormulaVariables", "check_alpha", "design", "formula_variables", "persons_and_events"]

# Names a formula may call or reach into without them being columns of the table.
_FORMULA_NAMESPACE = frozenset(
    {"C", "I", "Q", "np", "center", "standardize", "scale", "bs", "cr", "cc", "te"}
)


@dataclass(frozen=True)
class FormulaVariables:
    """The columns a formula uses: the outcome, the predictors and the categorical predictors."""

    outcome: str
    predictors: tuple[str, ...]
    categorical: tuple[str, ...]


@dataclass(frozen=True)
class Design:
    """Design matrices of the complete cases, ready for statsmodels."""

    outcome: npt.NDArray[np.float64]
    exog: Any  # a pandas DataFrame, built by patsy at the statsmodels boundary
    term_names: tuple[str, ...]
    column_terms: tuple[str, ...]
    log_offset: npt.NDArray[np.float64] | None
    level_counts: dict[str, int]


def check_alpha(alpha: float, *, model: str) -> None:
    """Raise :class:`ConfigError` unless ``alpha`` is a number strictly between 0 and 1."""
    if isinstance(alpha, bool) or not isinstance(alpha, float | int) or not 0 < alpha < 1:
        raise ConfigError(f"{model}: alpha must be a number between 0 and 1, e.g. 0.05; got {alpha!r}.")


def formula_variables(formula: str, *, model: str) -> FormulaVariables:
    """Parse ``formula`` (patsy syntax, ``outcome ~ predictors``) into the columns it uses."""
    if not isinstance(formula, str):
        raise ConfigError(f"{model}: formula must be a string such as 'outcome ~ exposure + age'.")
    try:
        description = patsy.ModelDesc.from_formula(formula)
    except patsy.PatsyError as error:
        raise ConfigError(f"{model}: the formula {formula!r} cannot be parsed ({error.message}).") from None
    outcome_codes = [factor.code for term in description.lhs_termlist for factor in term.factors]
    if len(outcome_codes) != 1 or _names(outcome_codes[0]) != (outcome_codes[0],):
        raise ConfigError(f"{model}: the formula must have one outcome column left of '~'; got {formula!r}.")
    predictors: list[str] = []
    categorical: list[str] = []
    for term in description.rhs_termlist:
        for factor in term.factors:
            names = _names(factor.code)
            predictors.extend(name for name in names if name not in predictors)
            if factor.code.startswith("C("):
                categorical.extend(name for name in names if name not in categorical)
    if not predictors:
        raise ConfigError(f"{model}: the formula {formula!r} has no predictor columns right of '~'.")
    return FormulaVariables(outcome_codes[0], tuple(predictors), tuple(categorical))


def _names(code: str) -> tuple[str, ...]:
    """The column names a factor's code refers to (``Q("a b")`` gives ``a b``)."""
    tree = ast.parse(code, mode="eval")
    calls = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    bases = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Q":
            names.extend(
                arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            )
        elif (
            isinstance(node, ast.Name) and id(node) not in calls | bases and node.id not in _FORMULA_NAMESPACE
        ):
            names.append(node.id)
    return tuple(dict.fromkeys(names))


def design(
    table: pl.DataFrame,
    formula: str,
    variables: FormulaVariables,
    *,
    model: str,
    offset: str | None,
    outcome_kind: str,
) -> Design:
    """Check the columns of ``formula`` and build its design on the complete cases.

    ``outcome_kind`` is ``"binary"`` (0/1 or boolean), ``"count"`` (whole numbers >= 0)
    or ``"numeric"`` (any number, or boolean as 0/1).
    """
    used = [variables.outcome, *variables.predictors, *([offset] if offset else [])]
    for column in used:
        if column not in table.columns:
            raise ConfigError(
                f"{model}: column {column!r} (in the formula or offset) is not in the table; "
                f"the table has columns {', '.join(table.columns)}."
            )
    complete = _complete_cases(table, list(dict.fromkeys(used)))
    if complete.height == 0:
        raise InputError(f"{model}: no row has every column of the formula present; nothing to fit.")
    _check_outcome(complete, variables.outcome, model=model, kind=outcome_kind)
    for column in variables.predictors:
        if complete.get_column(column).n_unique() < 2:
            raise InputError(
                f"{model}: predictor {column!r} is constant in the complete cases, so its effect "
                "cannot be estimated; leave it out of the formula."
            )
    categorical = [
        column
        for column in variables.predictors
        if column in variables.categorical or not complete.schema[column].is_numeric()
    ]
    level_counts = {
        column: int(complete.get_column(column).value_counts()["count"].to_numpy().min())
        for column in categorical
    }
    log_offset = _log_offset(complete, offset, model=model) if offset else None
    frame = {column: _array(complete.get_column(column)) for column in dict.fromkeys(used)}
    # A boolean outcome would become two indicator columns in patsy; it is modelled as 0/1.
    frame[variables.outcome] = complete.get_column(variables.outcome).cast(pl.Float64).to_numpy()
    try:
        outcome, exog = patsy.dmatrices(formula, frame, return_type="dataframe", NA_action="raise")
    except patsy.PatsyError as error:
        raise ConfigError(
            f"{model}: the formula {formula!r} cannot be applied to the table ({error.message})."
        ) from None
    info = exog.design_info
    column_terms = [""] * exog.shape[1]
    for term_name, columns in info.term_name_slices.items():
        for index in range(columns.start, columns.stop):
            column_terms[index] = term_name
    if np.linalg.matrix_rank(exog.to_numpy()) < exog.shape[1]:
        raise InputError(
            f"{model}: the predictors of {formula!r} are collinear (a term is a combination of others, "
            "or a category level is empty); drop or merge terms."
        )
    return Design(
        outcome=np.asarray(outcome, dtype=float).ravel(),
        exog=exog,
        term_names=tuple(info.term_names),
        column_terms=tuple(column_terms),
        log_offset=log_offset,
        level_counts=level_counts,
    )


def persons_and_events(built: Design, *, kind: str, model: str, outcome: str) -> tuple[int, int | None]:
    """Persons and events, after checking there are more events (and non-events) than parameters.

    Events are the sum of a binary or count outcome; a numeric outcome has events only
    when it holds 0 and 1 alone (a linear probability model), and ``None`` otherwise.
    """
    persons = int(built.outcome.size)
    parameters = int(built.exog.shape[1])
    zero_one = bool(np.isin(built.outcome, (0.0, 1.0)).all())
    events = None if kind == "numeric" and not zero_one else int(built.outcome.sum())
    if kind == "numeric" or events is None:
        if persons <= parameters:
            raise InputError(
                f"{model}: outcome {outcome!r} has no more persons than the {parameters} parameters "
                "of the model; simplify the formula or pool more data."
            )
        return persons, events
    rarer = min(events, persons - events) if kind == "binary" else events
    if rarer < parameters or persons <= parameters:
        counted = "events or non-events" if kind == "binary" else "events"
        raise InputError(
            f"{model}: outcome {outcome!r} has fewer {counted} (or persons) than the {parameters} "
            "parameters of the model; simplify the formula or pool more data."
        )
    return persons, events


def _array(values: pl.Series) -> Any:
    """``values`` as a numpy array patsy understands (categorical and enum columns as strings)."""
    if values.dtype == pl.Categorical or isinstance(values.dtype, pl.Enum):
        return values.cast(pl.String).to_numpy()
    return values.to_numpy()


def _complete_cases(table: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    present = [
        pl.col(column).is_not_null() & pl.col(column).is_finite()
        if table.schema[column].is_float()
        else pl.col(column).is_not_null()
        for column in columns
    ]
    return table.select(columns).filter(pl.all_horizontal(present))


def _check_outcome(complete: pl.DataFrame, column: str, *, model: str, kind: str) -> None:
    values = complete.get_column(column)
    if not (values.dtype.is_numeric() or values.dtype == pl.Boolean):
        raise InputError(
            f"{model}: outcome {column!r} has type {values.dtype}; it must be numeric or boolean."
        )
    if values.n_unique() < 2:
        raise InputError(
            f"{model}: outcome {column!r} is constant in the complete cases; there is nothing to model."
        )
    numbers = values.cast(pl.Float64)
    if kind == "binary" and not numbers.is_in([0.0, 1.0]).all():
        raise InputError(
            f"{model}: outcome {column!r} must be binary (boolean, or 0 and 1 only) for logistic "
            "regression; recode it, or use poisson for counts."
        )
    if kind == "count" and not ((numbers >= 0) & (numbers == numbers.floor())).all():
        raise InputError(f"{model}: outcome {column!r} must hold counts (whole numbers >= 0).")


def _log_offset(complete: pl.DataFrame, offset: str, *, model: str) -> npt.NDArray[np.float64]:
    values = complete.get_column(offset)
    if not values.dtype.is_numeric():
        raise InputError(
            f"{model}: offset {offset!r} has type {values.dtype}; it must be numeric person-time."
        )
    if not (values > 0).all():
        raise InputError(
            f"{model}: offset {offset!r} must be positive person-time in every complete row; "
            "drop rows with no time at risk."
        )
    log_values: npt.NDArray[np.float64] = np.log(values.cast(pl.Float64).to_numpy())
    return log_values
