"""Checking the arguments and columns of :func:`analysis.predict` and building the scikit-learn inputs.

The table stays in polars until the scikit-learn boundary, where the outcome and the
features become a pandas frame. Error messages name columns and parameters, never a
value from the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd  # type: ignore[import-untyped]
import polars as pl

from data_contracts import ConfigError, InputError

__all__ = ["MISSING_LEVEL", "MODELS", "Inputs", "check_arguments", "inputs"]

MODELS = ("logistic", "gradient_boosting")

MISSING_LEVEL = "(missing)"
"""The level a missing categorical value is encoded as (its own one-hot column)."""


@dataclass(frozen=True)
class Inputs:
    """The outcome (0/1) and the features of the persons with the outcome present."""

    outcome: npt.NDArray[np.int64]
    features: Any  # a pandas DataFrame, at the scikit-learn boundary
    numeric: tuple[str, ...]
    categorical: tuple[str, ...]


def check_arguments(
    *, outcome: str, features: Sequence[str], model: str, folds: int, seed: int, alpha: float
) -> tuple[str, ...]:
    """Check the scalar arguments; return the features as a tuple."""
    if not isinstance(outcome, str):
        raise ConfigError("predict: outcome must be the name of a binary column.")
    if isinstance(features, str) or not all(isinstance(name, str) for name in features):
        raise ConfigError("predict: features must be a list of column names, e.g. ['age', 'sex'].")
    names = tuple(features)
    if not names:
        raise ConfigError("predict: features is empty; give at least one column name.")
    if len(set(names)) != len(names):
        raise ConfigError("predict: features lists a column more than once.")
    if outcome in names:
        raise ConfigError(f"predict: the outcome {outcome!r} is also listed as a feature; remove it.")
    if model not in MODELS:
        raise ConfigError(f"predict: model must be one of {', '.join(MODELS)}; got {model!r}.")
    for name, value, smallest in (("folds", folds, 2), ("seed", seed, 0)):
        if isinstance(value, bool) or not isinstance(value, int) or value < smallest:
            raise ConfigError(f"predict: {name} must be an integer of at least {smallest}; got {value!r}.")
    if isinstance(alpha, bool) or not isinstance(alpha, float | int) or not 0 < alpha < 1:
        raise ConfigError(f"predict: alpha must be a number between 0 and 1, e.g. 0.05; got {alpha!r}.")
    return names


def inputs(table: pl.DataFrame, *, outcome: str, features: tuple[str, ...], folds: int) -> Inputs:
    """Check the columns and build the scikit-learn inputs of the rows with the outcome present."""
    for column in (outcome, *features):
        if column not in table.columns:
            raise ConfigError(
                f"predict: column {column!r} (the outcome or a feature) is not in the table; "
                f"the table has columns {', '.join(table.columns)}."
            )
    present = table.filter(pl.col(outcome).is_not_null())
    target = _binary_outcome(present.get_column(outcome), name=outcome)
    rarer = min(int(target.sum()), int(target.size - target.sum()))
    if rarer < folds:
        raise InputError(
            f"predict: outcome {outcome!r} has fewer events (or non-events) than the {folds} folds, so "
            "some fold would have none; use fewer folds or pool more data."
        )
    numeric: list[str] = []
    categorical: list[str] = []
    columns: dict[str, Any] = {}
    for name in features:
        values = present.get_column(name)
        if values.drop_nulls().n_unique() < 2:
            raise InputError(
                f"predict: feature {name!r} is constant (or missing) in every row with the outcome, so "
                "it cannot predict anything; leave it out of the features."
            )
        if values.dtype.is_numeric():
            numeric.append(name)
            columns[name] = values.cast(pl.Float64).fill_nan(None).to_numpy()
        elif values.dtype in (pl.String, pl.Boolean, pl.Categorical) or isinstance(values.dtype, pl.Enum):
            categorical.append(name)
            columns[name] = values.cast(pl.String).fill_null(MISSING_LEVEL).to_numpy().astype(object)
        else:
            raise InputError(
                f"predict: feature {name!r} has type {values.dtype}; features must be numeric, string, "
                "boolean or categorical. Derive a number from it (e.g. days since a date) first."
            )
    return Inputs(
        outcome=target,
        features=pd.DataFrame(columns, columns=list(features)),
        numeric=tuple(numeric),
        categorical=tuple(categorical),
    )


def _binary_outcome(values: pl.Series, *, name: str) -> npt.NDArray[np.int64]:
    if not (values.dtype.is_numeric() or values.dtype == pl.Boolean):
        raise InputError(f"predict: outcome {name!r} has type {values.dtype}; it must be boolean or 0/1.")
    numbers = values.cast(pl.Float64)
    if not numbers.is_in([0.0, 1.0]).all() or numbers.n_unique() < 2:
        raise InputError(
            f"predict: outcome {name!r} must be binary, holding both 0 and 1 (or False and True); "
            "recode it before predicting."
        )
    target: npt.NDArray[np.int64] = numbers.cast(pl.Int64).to_numpy()
    return target
