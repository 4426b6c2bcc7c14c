"""Configuration base class and YAML loading shared by every stage.

Config files are YAML loaded into frozen pydantic models that reject unknown keys.
Errors become :class:`~data_contracts.errors.ConfigError` naming the file and the
field, without echoing the offending value.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TypeVar

import pydantic
import yaml
from pydantic_core import ErrorDetails

from data_contracts.errors import ConfigError

__all__ = [
    "FrozenConfig",
    "SiteMappingConfig",
    "config_from_mapping",
    "load_yaml_config",
    "read_yaml_mapping",
]

ConfigT = TypeVar("ConfigT", bound="FrozenConfig")


class FrozenConfig(pydantic.BaseModel):
    """Base of every configuration model: immutable, unknown keys rejected."""

    model_config = pydantic.ConfigDict(frozen=True, extra="forbid")


class SiteMappingConfig(FrozenConfig):
    """A site's own header names, by table: ``{table: {file header: contract column}}``.

    Examples
    --------
    >>> SiteMappingConfig(tables={"patients": {"Patient ID": "Id"}}).tables["patients"]["Patient ID"]
    'Id'
    """

    tables: Mapping[str, Mapping[str, str]] = pydantic.Field(default_factory=dict)


def _describe(error: ErrorDetails) -> str:
    location = ".".join(str(part) for part in error["loc"]) or "(top level)"
    return f"{location}: {error['msg']}"


def read_yaml_mapping(path: Path) -> dict[str, object]:
    """Read a YAML file holding a mapping (an empty file is an empty mapping).

    Raises
    ------
    ConfigError
        If the file is missing, not YAML, or not a mapping.
    """
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        msg = f"config file not found: {path}"
        raise ConfigError(msg) from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        msg = f"{path}: not valid YAML ({type(error).__name__})"
        raise ConfigError(msg) from None
    if not isinstance(document, dict):
        msg = f"{path}: expected a mapping of settings at the top level"
        raise ConfigError(msg)
    return document


def config_from_mapping(document: Mapping[str, object], model: type[ConfigT], *, source: str) -> ConfigT:
    """Validate ``document`` into ``model``; ``source`` names where it came from.

    Raises
    ------
    ConfigError
        Naming the fields that do not fit, never their values.
    """
    try:
        return model.model_validate(document)
    except pydantic.ValidationError as error:
        problems = "; ".join(_describe(item) for item in error.errors(include_input=False))
        msg = f"{source}: invalid {model.__name__}: {problems}"
        raise ConfigError(msg) from None


def load_yaml_config(path: Path, model: type[ConfigT]) -> ConfigT:
    """Read ``path`` as YAML into ``model``.

    Raises
    ------
    ConfigError
        If the file is missing, not YAML, or does not fit the model; the message names
        the file and the fields, never their values.
    """
    return config_from_mapping(read_yaml_mapping(path), model, source=str(path))
