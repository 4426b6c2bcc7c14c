"""One pipeline run per output folder: a lock file created exclusively, holding the pid."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from data_contracts.errors import PipelineLockedError

__all__ = ["LOCK_FILE", "pipeline_lock"]

LOCK_FILE = ".pipeline.lock"
logger = logging.getLogger(__name__)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by someone else
        return True
    return True


def _holder(lock: Path) -> int | None:
    try:
        return int(lock.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None


def _create(lock: Path) -> bool:
    try:
        descriptor = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        return False
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(f"{os.getpid()}\n")
    return True


@contextmanager
def pipeline_lock(out: Path) -> Iterator[Path]:
    """Hold ``OUT/.pipeline.lock`` while the block runs; remove it afterwards, even on failure.

    A lock whose process no longer runs (a killed run) is taken over with a warning.

    Raises
    ------
    PipelineLockedError
        If another running process holds the lock.
    """
    out.mkdir(parents=True, exist_ok=True)
    lock = out / LOCK_FILE
    if not _create(lock):
        holder = _holder(lock)
        if holder is not None and _running(holder):
            msg = (
                f"another pipeline run (process {holder}) is writing to {out}: it holds {lock}; "
                "wait for it to finish, or delete the lock file if that process is not a pipeline run"
            )
            raise PipelineLockedError(msg)
        logger.warning("taking over the stale lock %s (its process is no longer running)", lock)
        lock.unlink(missing_ok=True)
        if not _create(lock):
            msg = f"another pipeline run took the lock {lock} first; wait for it to finish"
            raise PipelineLockedError(msg)
    try:
        yield lock
    finally:
        lock.unlink(missing_ok=True)
