"""Build the hand-written PHI evaluation corpus (``corpus.jsonl``) from its marked-up sources.

The sources, ``src/<style>.txt``, were written by hand for healthtrove (nobody's real
data, and not by the synthetic generator): each holds records of one style, every PHI
span marked inline as ``⟦LABEL|value⟧``. A record starts with a header line::

    @@ <id> [negative]

and runs to the next header (lines starting ``#`` before the first header are comments;
leading and trailing blank lines of a record are dropped). ``negative`` marks a hard
negative: a text with no PHI at all, built to tempt a detector (eponyms, drug names,
abbreviations, numbers that are doses or codes); it must hold no span. Every other
record must hold at least one.

``corpus.jsonl`` has one JSON object per record, sorted by id: ``id``, ``style``,
``hard_negative``, ``text`` (markup removed) and ``spans`` (``start``, ``end``,
``label``, ``value``; offsets into ``text``). ``tests/deid/text/test_handwritten_corpus.py``
checks that the committed file is what this script builds.

Usage::

    .venv/bin/python tests/deid/text/handwritten/build_corpus.py          # rewrite corpus.jsonl
    .venv/bin/python tests/deid/text/handwritten/build_corpus.py --check  # exit 1 when stale
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "src"
CORPUS = HERE / "corpus.jsonl"

LABELS = frozenset(
    {
        "PERSON",
        "DATE",
        "AGE_OVER_89",
        "PHONE",
        "FAX",
        "EMAIL",
        "SSN",
        "MRN",
        "HEALTH_PLAN",
        "ACCOUNT",
        "LICENSE",
        "VEHICLE",
        "DEVICE",
        "URL",
        "IP",
        "STREET_ADDRESS",
        "CITY",
        "ZIP",
        "FACILITY",
        "EMPLOYER",
        "OTHER_ID",
    }
)
"""Gold labels: healthtrove's entity types, plus health-care facilities, employers and other unique ids."""

_HEADER = re.compile(r"@@ (?P<id>[a-z0-9_]+-\d{3})(?P<negative> negative)?\s*$")
_SPAN = re.compile(r"⟦(?P<label>[A-Z_0-9]+)\|(?P<value>[^⟦⟧]+)⟧")


@dataclass(frozen=True)
class Record:
    """One text of the corpus."""

    id: str
    style: str
    hard_negative: bool
    text: str
    spans: tuple[tuple[int, int, str, str], ...]

    def as_json(self) -> str:
        return json.dumps(
            {
                "id": self.id,
                "style": self.style,
                "hard_negative": self.hard_negative,
                "text": self.text,
                "spans": [
                    {"start": start, "end": end, "label": label, "value": value}
                    for start, end, label, value in self.spans
                ],
            },
            ensure_ascii=False,
        )


def _parse_record(record_id: str, style: str, negative: bool, body: str, where: str) -> Record:
    pieces: list[str] = []
    spans: list[tuple[int, int, str, str]] = []
    position = 0
    length = 0
    for match in _SPAN.finditer(body):
        before = body[position : match.start()]
        pieces.append(before)
        length += len(before)
        label, value = match.group("label"), match.group("value")
        if label not in LABELS:
            raise ValueError(f"{where}: record {record_id}: unknown label {label!r}")
        if value != value.strip():
            raise ValueError(f"{where}: record {record_id}: a {label} span starts or ends with a space")
        spans.append((length, length + len(value), label, value))
        pieces.append(value)
        length += len(value)
        position = match.end()
    pieces.append(body[position:])
    text = "".join(pieces)
    if "⟦" in text or "⟧" in text:
        raise ValueError(f"{where}: record {record_id}: unbalanced span markup")
    if negative and spans:
        raise ValueError(f"{where}: record {record_id} is marked negative but holds {len(spans)} spans")
    if not negative and not spans:
        raise ValueError(f"{where}: record {record_id} holds no span: mark it 'negative' or add its PHI")
    if not text.strip():
        raise ValueError(f"{where}: record {record_id} is empty")
    return Record(record_id, style, negative, text, tuple(spans))


def parse_source(path: Path) -> list[Record]:
    """The records of one source file (its stem is the style)."""
    style = path.stem
    records: list[Record] = []
    header: re.Match[str] | None = None
    lines: list[str] = []

    def flush() -> None:
        if header is None:
            return
        body = "\n".join(lines).strip("\n")
        records.append(
            _parse_record(header.group("id"), style, header.group("negative") is not None, body, path.name)
        )

    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("@@"):
            flush()
            header = _HEADER.match(line)
            if header is None:
                raise ValueError(f"{path.name}:{number}: bad header; expected '@@ <style>-<nnn> [negative]'")
            lines = []
        elif header is None:
            if line.strip() and not line.startswith("#"):
                raise ValueError(f"{path.name}:{number}: text before the first '@@' header")
        else:
            lines.append(line)
    flush()
    return records


def build() -> list[Record]:
    """Every record of every source, sorted by id; ids must be unique."""
    records = [record for path in sorted(SOURCES.glob("*.txt")) for record in parse_source(path)]
    ids = [record.id for record in records]
    duplicates = sorted({record_id for record_id in ids if ids.count(record_id) > 1})
    if duplicates:
        raise ValueError(f"duplicate record ids: {', '.join(duplicates)}")
    return sorted(records, key=lambda record: record.id)


def render(records: list[Record]) -> str:
    return "".join(record.as_json() + "\n" for record in records)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when corpus.jsonl is stale")
    args = parser.parse_args(argv)
    records = build()
    rendered = render(records)
    if args.check:
        current = CORPUS.read_text(encoding="utf-8") if CORPUS.exists() else ""
        if current != rendered:
            print("corpus.jsonl is stale: run tests/deid/text/handwritten/build_corpus.py")
            return 1
        return 0
    CORPUS.write_text(rendered, encoding="utf-8")
    styles: dict[str, list[int]] = {}
    for record in records:
        counts = styles.setdefault(record.style, [0, 0, 0])
        counts[0] += 1
        counts[1] += record.hard_negative
        counts[2] += len(record.spans)
    for style, (texts, negatives, spans) in sorted(styles.items()):
        print(f"{style}: {texts} texts, {negatives} hard negatives, {spans} spans")
    print(f"total: {len(records)} texts, {sum(r.hard_negative for r in records)} hard negatives")
    return 0


if __name__ == "__main__":
    sys.exit(main())
