"""The CLI reference in the README, generated from the commands themselves.

:func:`render_reference` walks the ``healthtrove`` click group and renders every
command's ``--help`` (at a fixed width, so the text does not depend on the terminal) as
Markdown. The README holds it between two marker comments; ``make docs`` rewrites that
part (:mod:`healthtrove.readme_docs`) and a test checks it is fresh.
"""

from __future__ import annotations

from collections.abc import Iterator

import click

__all__ = ["render_reference"]

_WIDTH = 100


def _commands(
    command: click.Command, context: click.Context
) -> Iterator[tuple[click.Command, click.Context]]:
    yield command, context
    if isinstance(command, click.Group):
        for name in sorted(command.list_commands(context)):
            child = command.get_command(context, name)
            if child is None or child.hidden:
                continue
            child_context = click.Context(
                child, info_name=name, parent=context, terminal_width=_WIDTH, max_content_width=_WIDTH
            )
            yield from _commands(child, child_context)


def render_reference(root: click.Command, *, program: str = "healthtrove") -> str:
    """Every command's help as Markdown: a heading and a text block per command."""
    # The root's own settings (its -h alias) as when it runs; children inherit them.
    settings = {**root.context_settings, "terminal_width": _WIDTH, "max_content_width": _WIDTH}
    context = click.Context(root, info_name=program, **settings)
    parts: list[str] = []
    for command, command_context in _commands(root, context):
        parts.append(
            f"#### `{command_context.command_path}`\n\n```text\n{command.get_help(command_context)}\n```\n"
        )
    return "\n".join(parts)
