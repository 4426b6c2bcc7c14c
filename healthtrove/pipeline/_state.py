"""What makes a stage up to date: its key, the stamp in its output, and atomic publishing.

A stage's key is a SHA-256 of its settings (canonical JSON), the contents of its input
files, the keys of the stages it depends on and the healthtrove version. A finished stage
leaves ``.stage.json`` in its output folder (written last); the stage is up to date when that stamp
holds the same key. Stages write into a hidden sibling folder renamed into place only
once finished, so a stage killed midway leaves no half output behind.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path

from deid.publish import file_sha256
from healthtrove import __version__

__all__ = [
    "STAMP_FILE",
    "folder_digest",
    "fresh_work_folder",
    "publish_stage",
    "read_stamp_key",
    "stage_key",
    "write_stamp",
]

STAMP_FILE = ".stage.json"


def folder_digest(folder: Path) -> str:
    """SHA-256 over every file below ``folder``: relative paths and contents, in sorted order."""
    digest = hashlib.sha256()
    for path in sorted(item for item in folder.rglob("*") if item.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(file_sha256(path).encode())
    return digest.hexdigest()


def stage_key(
    *,
    stage: str,
    settings: Mapping[str, object],
    inputs: Mapping[str, str],
    depends: Iterable[str] = (),
) -> str:
    """The key of a stage: a SHA-256 of everything that shapes its outputs.

    Parameters
    ----------
    stage
        The stage's name.
    settings
        Its settings (JSON-serialisable, without folder paths, so moving the output
        folder keeps the key).
    inputs
        Digests of its input files, by a name stable across folders.
    depends
        The keys of the stages it reads from.

    Examples
    --------
    >>> one = stage_key(stage="synth", settings={"seed": 1}, inputs={})
    >>> one == stage_key(stage="synth", settings={"seed": 1}, inputs={}), one == stage_key(
    ...     stage="synth", settings={"seed": 2}, inputs={}
    ... )
    (True, False)
    """
    document = {
        "stage": stage,
        "settings": settings,
        "inputs": dict(inputs),
        "depends": list(depends),
        "healthtrove": __version__,
    }
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def read_stamp_key(folder: Path) -> str | None:
    """The key in ``folder``'s stamp, or ``None`` when there is no readable stamp."""
    try:
        stamp = json.loads((folder / STAMP_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    key = stamp.get("key") if isinstance(stamp, dict) else None
    return key if isinstance(key, str) else None


def write_stamp(folder: Path, stamp: Mapping[str, object]) -> None:
    """Write the stamp (key, timings, counts; never a data value) into ``folder``."""
    text = json.dumps(stamp, indent=2, sort_keys=True) + "\n"
    partial = folder / f"{STAMP_FILE}.partial"
    partial.write_text(text, encoding="utf-8")
    partial.replace(folder / STAMP_FILE)


def _sibling(final: Path, kind: str) -> Path:
    return final.parent / f".{final.name}.{kind}"


def fresh_work_folder(final: Path) -> Path:
    """Return an empty hidden sibling of ``final`` to run the stage in (leftovers removed)."""
    final.parent.mkdir(parents=True, exist_ok=True)
    for kind in ("running", "replaced"):
        shutil.rmtree(_sibling(final, kind), ignore_errors=True)
    work = _sibling(final, "running")
    work.mkdir()
    return work


def publish_stage(work: Path, final: Path) -> None:
    """Move the finished ``work`` folder to ``final``, replacing an earlier output."""
    if final.exists():
        replaced = _sibling(final, "replaced")
        final.rename(replaced)
        work.rename(final)
        shutil.rmtree(replaced)
    else:
        work.rename(final)
