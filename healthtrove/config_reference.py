"""The configuration reference in the README, generated from the pydantic models.

Every YAML file healthtrove reads is a frozen pydantic model: a ``deid run`` config file,
a cohort spec, a study and a pipeline. :func:`render_config_reference` writes one table per
model (and per nested model it uses): each key, its type, its default and the first
sentence of its description from the model's numpydoc ``Parameters`` or ``Attributes``.
"""

from __future__ import annotations

import inspect
import re
import types
import typing
from collections.abc import Collection, Iterator, Sequence
from enum import Enum

import pydantic
from pydantic_core import PydanticUndefined

__all__ = ["render_config_reference"]

_SECTION = re.compile(
    r"^(Parameters|Attributes)\n-+\n(?P<body>.*?)(?=^\w[^\n]*\n-+\n|\Z)", re.MULTILINE | re.DOTALL
)


def _descriptions(model: type[pydantic.BaseModel]) -> dict[str, str]:
    """Field name to the first sentence of its description, from the docstrings of the class and its bases."""
    found: dict[str, str] = {}
    for base in reversed(model.__mro__):
        if isinstance(base, type) and issubclass(base, pydantic.BaseModel):
            found |= _documented(base)
    return found


def _documented(model: type[pydantic.BaseModel]) -> dict[str, str]:
    document = inspect.cleandoc(model.__dict__.get("__doc__") or "")
    found: dict[str, str] = {}
    for section in _SECTION.finditer(document):
        names: list[str] = []
        lines: list[str] = []
        for line in [*section.group("body").splitlines(), "END"]:
            if line and not line.startswith(" "):
                text = " ".join(lines).strip()
                for name in names:
                    found[name] = text.split(". ")[0].rstrip(".")
                names, lines = [part.strip() for part in line.split(":")[0].split(",")], []
            else:
                lines.append(line.strip())
    return found


def _type_name(annotation: object) -> str:
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if origin is typing.Literal:
        return "one of " + ", ".join(f"`{value}`" for value in arguments)
    if origin in (types.UnionType, typing.Union):
        return " or ".join(_type_name(argument) for argument in arguments if argument is not type(None)) + (
            " or null" if type(None) in arguments else ""
        )
    if origin in (tuple, list, Sequence):
        return f"list of {_type_name(arguments[0])}" if arguments else "list"
    if origin is not None and arguments:
        return f"mapping of {_type_name(arguments[-1])}"
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "one of " + ", ".join(f"`{member.value}`" for member in annotation)
    if isinstance(annotation, type):
        return {"Path": "path", "str": "text", "int": "integer", "float": "number", "bool": "true/false"}.get(
            annotation.__name__, annotation.__name__
        )
    return str(annotation)


def _default(field: pydantic.fields.FieldInfo) -> str:
    if field.is_required():
        return "required"
    value = field.get_default(call_default_factory=True)
    if value is None or value is PydanticUndefined:
        return "none"
    if isinstance(value, pydantic.BaseModel):
        return "see below"
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, bool):
        value = str(value).lower()
    return f"`{value}`" if not isinstance(value, tuple | list | dict) or value else "empty"


def _nested(annotation: object) -> Iterator[type[pydantic.BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        yield annotation
    for argument in typing.get_args(annotation):
        yield from _nested(argument)


def _table(model: type[pydantic.BaseModel], *, inherited: Collection[str] = ()) -> str:
    descriptions = _descriptions(model)
    rows = [
        f"| `{name}` | {_type_name(field.annotation)} | {_default(field)} | {descriptions.get(name, '')} |"
        for name, field in model.model_fields.items()
        # Keys typed None are reserved by a subclass (set by the pipeline); inherited keys are listed once.
        if field.annotation is not type(None) and name not in inherited
    ]
    return "\n".join(["| key | type | default | meaning |", "|---|---|---|---|", *rows])


def render_config_reference(models: Sequence[tuple[str, type[pydantic.BaseModel]]]) -> str:
    """One Markdown table per ``(title, model)`` and per model nested in it, each once."""
    seen: dict[type[pydantic.BaseModel], str] = {}
    parts: list[str] = []

    def add(title: str, model: type[pydantic.BaseModel]) -> None:
        if model in seen:
            return
        seen[model] = title
        summary = inspect.cleandoc(model.__doc__ or "").split("\n\n")[0].replace("\n", " ")
        base = next((other for other in model.__mro__[1:] if other in seen), None)
        inherited: Collection[str] = ()
        if base is not None:
            inherited = set(base.model_fields)
            summary += f" Every key of the {seen[base]} except the folders the pipeline sets, and:"
        parts.append(f"### {title}\n\n{summary}\n\n{_table(model, inherited=inherited)}\n")
        for name, field in model.model_fields.items():
            for inner in _nested(field.annotation):
                add(f"{title}: `{name}` ({inner.__name__})", inner)

    for title, model in models:
        add(title, model)
    return "\n".join(parts)
