"""Terminal output for the CLI: logging set-up and progress that suits the terminal.

Only the CLI configures logging handlers (libraries use ``NullHandler``). On an
interactive terminal progress is a rich status line; when output is redirected, or
``CI`` or ``NO_COLOR`` is set, progress becomes plain log lines with no ANSI codes.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console

__all__ = [
    "configure_logging",
    "dataset_option",
    "interactive",
    "out_option",
    "progress_reporter",
    "stderr_console",
]

logger = logging.getLogger("healthtrove")


def interactive() -> bool:
    """Whether stderr is a terminal that wants colour and live progress."""
    plain = os.environ.get("CI") or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb"
    return sys.stderr.isatty() and not plain


def stderr_console() -> Console:
    """Return a console on stderr; colour only when :func:`interactive`."""
    return Console(stderr=True, no_color=not interactive(), highlight=False, force_terminal=interactive())


def configure_logging(*, verbosity: int) -> None:
    """Send log records to stderr; ``verbosity`` 0 = warnings, 1 = info, 2+ = debug."""
    level = logging.WARNING if verbosity <= 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level)


@contextmanager
def progress_reporter(task: str) -> Iterator[Callable[[str], None]]:
    """Yield a callable that reports the current stage of ``task``.

    Stage names are fixed words chosen by the code (``"patients"``, ``"texts"``), never
    data values.
    """
    if not interactive():

        def log_stage(stage: str) -> None:
            print(f"{task}: {stage}", file=sys.stderr, flush=True)

        yield log_stage
        return
    console = stderr_console()
    with console.status(f"{task}: starting") as status:

        def show_stage(stage: str) -> None:
            status.update(f"{task}: {stage}")

        yield show_stage


dataset_option = click.option(
    "--data",
    "data_dir",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="The de-identified dataset folder (output of deid run).",
)
"""``--data DIR`` of the research-zone commands (``cohort build``, ``analyze``)."""

out_option = click.option(
    "--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), required=True, help="Output folder."
)
"""``--out DIR`` of the research-zone commands."""
