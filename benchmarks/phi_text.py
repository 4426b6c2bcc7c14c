"""Benchmark free-text PHI detection against Presidio's default analyzer in the same run.

For each corpus (``--corpus``, default all three):

- ``generated``: ``--patients`` patients (default 2,000) generated into a temporary
  folder; clinical notes, CRM task subjects and descriptions, survey comments, with the
  generator's gold spans;
- ``presidio_synth``: ``../shared/benchmarks/presidio_synth/synth_dataset_v2.json``
  (ORGANIZATION, TITLE and NRP spans, ages under 90, bare years, states, countries and
  continents ignored: not PHI under Safe Harbor);
- ``wnut17``: ``../shared/benchmarks/wnut17/emerging.test.annotated`` (person and
  location tokens are the gold, except states, countries and continents; URL, e-mail and
  @handle tokens ignored: PHI under HIPAA, but not annotated there);

(``benchmarks/_phi_corpora.py`` documents every ignored span and why), it runs, on the
same machine in the same process:

- baseline: Presidio's default ``AnalyzerEngine`` (small English spaCy pipeline, all
  default recognizers, ``deid.offline.build_analyzer``) one ``analyze()`` call per text,
  on a seeded random sample of ``--baseline-sample`` texts (default 300; 0 for all);
- healthtrove: ``deid.text.TextEngine`` with ``--workers`` processes, on every text and,
  with a fresh engine (empty cache), on the same sample.

Both are scored token level and label-agnostic (``deid.text.evaluation.score_tokens``).
Prints recall, precision, per-type recall, documents per second and the speed ratio
(engine over baseline documents per second on the same sample; model loading and
worker start-up excluded, reported apart), and records them in ``BENCHMARKS.md``
unless ``--no-record``. A real corpus that is absent is skipped with a message. No text
or value is ever printed.

Usage::

    .venv/bin/python benchmarks/phi_text.py --patients 2000 --workers 2
    .venv/bin/python benchmarks/phi_text.py --corpus wnut17 --baseline-sample 50 --no-record
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import os
import platform
import random
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from _phi_corpora import SHARED_BENCHMARKS, Corpus, generated, presidio_synth, wnut17
from _report import record_section

from deid.offline import build_analyzer
from deid.text import KnownPhi
from deid.text.evaluation import Offsets, TokenScores, score_tokens

if TYPE_CHECKING:
    from presidio_analyzer import AnalyzerEngine

SECTION = "## Free-text PHI detection"
CORPORA = ("generated", "presidio_synth", "wnut17")
# Warm-up sentences (written here, no PHI): the first call of each side loads lazily built state.
WARM_UP = tuple(f"Patient seen in clinic {n}, vitals stable, follow up in two weeks." for n in range(8))

Known = Sequence[KnownPhi | None] | None
Detect = Callable[[Sequence[str], Known], list[list[Offsets]]]
Make = Callable[[], tuple[Detect, float, Callable[[], None]]]


def _timed(detect: Detect, texts: Sequence[str], known: Known = None) -> tuple[list[list[Offsets]], float]:
    started = time.perf_counter()
    spans = detect(texts, known)
    return spans, time.perf_counter() - started


@functools.cache
def _presidio_analyzer() -> AnalyzerEngine:
    """Presidio's default analyzer, built once per run; later corpora reuse it (setup is the warm-up)."""
    return build_analyzer()


def _baseline() -> tuple[Detect, float, Callable[[], None]]:
    """Presidio's default analyzer as a per-text loop; returns it, its setup seconds and a no-op close."""
    started = time.perf_counter()
    analyzer = _presidio_analyzer()

    def detect(texts: Sequence[str], _known: Known) -> list[list[Offsets]]:
        return [list(analyzer.analyze(text=text, language="en")) for text in texts]

    detect(WARM_UP, None)
    return detect, time.perf_counter() - started, lambda: None


def _engine(workers: int) -> tuple[Detect, float, Callable[[], None]]:
    """A fresh healthtrove text engine (empty cache); returns it, its setup seconds and its close."""
    from deid.text import TextEngine, TextEngineSettings  # noqa: PLC0415 - lands with the engine

    started = time.perf_counter()
    engine = TextEngine(TextEngineSettings(workers=workers))

    def detect(texts: Sequence[str], known: Known) -> list[list[Offsets]]:
        return [list(spans) for spans in engine.analyze(texts, known)]

    detect(WARM_UP, None)
    return detect, time.perf_counter() - started, engine.close


def _scores(corpus: Corpus, spans: list[list[Offsets]]) -> TokenScores:
    return score_tokens(corpus.texts, corpus.gold, spans, ignored=corpus.ignored)


def _line(scores: TokenScores, seconds: float) -> str:
    return (
        f"recall {scores.recall:.4f}, precision {scores.precision:.4f}, "
        f"{scores.texts / seconds:,.1f} docs/s ({scores.texts:,} texts in {seconds:.1f} s; "
        f"{scores.caught_tokens:,}/{scores.gold_tokens:,} gold tokens caught, "
        f"{scores.false_alarm_tokens:,} false-alarm tokens)"
    )


def _per_type(engine: TokenScores, baseline: TokenScores) -> str:
    labels = sorted(engine.by_type.keys() | baseline.by_type.keys())
    cells = []
    for label in labels:
        ours = engine.by_type.get(label)
        theirs = baseline.by_type.get(label)
        ours_text = f"{ours.recall:.3f} (n={ours.gold_tokens:,})" if ours else "-"
        theirs_text = f"{theirs.recall:.3f} (n={theirs.gold_tokens:,})" if theirs else "-"
        cells.append(f"{label} {ours_text} / {theirs_text}")
    return "; ".join(cells)


def _sample(corpus: Corpus, size: int, seed: int) -> Corpus:
    if size <= 0 or size >= len(corpus.texts):
        return corpus
    return corpus.subset(sorted(random.Random(seed).sample(range(len(corpus.texts)), size)))


def _run(make: Make, corpus: Corpus, *, known: bool = False) -> tuple[TokenScores, float, float]:
    """Build a detector, time it on ``corpus`` (with its linked records if ``known``), score it."""
    detect, setup, close = make()
    try:
        spans, seconds = _timed(detect, corpus.texts, corpus.known if known else None)
    finally:
        close()
    return _scores(corpus, spans), seconds, setup


def measure(
    corpus: Corpus,
    *,
    baseline: Make,
    engine: Make,
    sample_size: int,
    seed: int,
) -> dict[str, str]:
    """Run and score the baseline and the engine on ``corpus``; return the figures to print."""
    sample = _sample(corpus, sample_size, seed)
    base, base_seconds, base_setup = _run(baseline, sample)
    ours_sample, sample_seconds, sample_setup = _run(engine, sample)
    ours, seconds, setup = _run(engine, corpus)
    ratio = (ours_sample.texts / sample_seconds) / (base.texts / base_seconds)
    name = corpus.name
    figures = {
        f"{name}: corpus": f"{corpus.description}; {ours.gold_tokens:,} gold tokens "
        f"of {ours.tokens:,} ({ours.ignored_tokens:,} ignored)",
        f"{name}: source": corpus.attribution,
        f"{name}: Presidio default (same sample)": _line(base, base_seconds),
        f"{name}: healthtrove (same sample)": _line(ours_sample, sample_seconds),
        f"{name}: healthtrove (all texts)": _line(ours, seconds),
        f"{name}: speed ratio": f"{ratio:.1f}x (healthtrove / Presidio default docs per second "
        f"on the same {ours_sample.texts:,} texts)",
        f"{name}: setup (load + warm-up, excluded)": f"Presidio {base_setup:.1f} s, "
        f"healthtrove {sample_setup:.1f} s and {setup:.1f} s",
        f"{name}: recall by type (healthtrove all texts / Presidio sample)": _per_type(ours, base),
    }
    if corpus.known is not None:
        linked, linked_seconds, _ = _run(engine, corpus, known=True)
        figures[f"{name}: healthtrove with linked records (all texts)"] = _line(linked, linked_seconds)
        figures[f"{name}: recall by type (healthtrove with linked records / Presidio sample)"] = _per_type(
            linked, base
        )
    return figures


def _load(name: str, patients: int, seed: int, work_dir: Path) -> Corpus | None:
    if name == "generated":
        return generated(patients, seed, work_dir)
    reader = presidio_synth if name == "presidio_synth" else wnut17
    return reader(SHARED_BENCHMARKS)


def _corpus_names(value: str) -> list[str]:
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = sorted(set(names) - set(CORPORA))
    if unknown or not names:
        msg = f"--corpus takes a comma-separated list of {', '.join(CORPORA)}; got {value!r}"
        raise argparse.ArgumentTypeError(msg)
    return names


def _command(args: argparse.Namespace) -> str:
    return (
        f"`.venv/bin/python benchmarks/phi_text.py --patients {args.patients} --baseline-sample "
        f"{args.baseline_sample} --workers {args.workers} --corpus {','.join(args.corpus)}`"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=2_000, help="patients to generate (default 2000)")
    parser.add_argument(
        "--baseline-sample",
        type=int,
        default=300,
        help="texts per corpus for the baseline and the speed ratio (default 300; 0 for all)",
    )
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="engine processes (default: cores)"
    )
    parser.add_argument(
        "--corpus",
        type=_corpus_names,
        default=list(CORPORA),
        help=f"comma-separated corpora (default {','.join(CORPORA)})",
    )
    parser.add_argument("--seed", type=int, default=1, help="generator and sample seed (default 1)")
    parser.add_argument("--no-record", action="store_true", help="print only; leave BENCHMARKS.md alone")
    args = parser.parse_args(argv)
    figures = {
        "date": dt.date.today().isoformat(),
        "machine": f"{os.cpu_count()} cores, {platform.system()} {platform.machine()}, "
        f"Python {platform.python_version()}",
        "command": _command(args),
        "scoring": "token level, label-agnostic: a gold token (run of word characters) is caught when any "
        "detected span overlaps it; precision = flagged gold tokens / flagged tokens",
    }
    with tempfile.TemporaryDirectory(prefix="bench-phi-text-") as folder:
        for name in args.corpus:
            corpus = _load(name, args.patients, args.seed, Path(folder))
            if corpus is None:
                print(f"{name}: skipped, not found under {SHARED_BENCHMARKS} (real corpora are not shipped)")
                continue
            figures |= measure(
                corpus,
                baseline=_baseline,
                engine=lambda: _engine(args.workers),
                sample_size=args.baseline_sample,
                seed=args.seed,
            )
    for key, value in figures.items():
        print(f"{key}: {value}")
    if not args.no_record:
        record_section(SECTION, figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
