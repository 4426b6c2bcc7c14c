"""Benchmark free-text PHI detection against Presidio's default analyzer in the same run.

For each corpus (``--corpus``, default all four):

- ``handwritten``: the hand-written corpus (``tests/deid/text/handwritten/corpus.jsonl``,
  written for healthtrove in seven styles, not by its generator), scored whole and per
  style;
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
- healthtrove: ``deid.text.TextEngine`` with ``--workers`` processes under each text
  policy of ``--policy`` (default ``high_recall,balanced``), on every text and, with a
  fresh engine whose cache is off, on the same sample.

The speed ratio is steady-state throughput: before timing, each side (the baseline and
each engine) analyses the same warm-up texts, up to 100 texts of the corpus outside the
sample (the sample's first 100 when the sample is the whole corpus), so lazily built
state and cold caches are not timed; then each side analyses the sample again and again,
at least ``--repeats`` times (default 3) and for at least ``--min-seconds`` in all
(default 2, so that the engine's fast passes are not timed once or twice only), and the
median pass counts. The engine's text cache is off for these passes, so no pass is served
from an earlier one.

Both are scored token level and label-agnostic (``deid.text.evaluation.score_tokens``).
Prints recall, precision, per-type recall, documents per second and the speed ratio
(engine over baseline documents per second on the same sample; model loading and
worker start-up excluded, reported apart), and records them in ``BENCHMARKS.md`` and
the recall and precision per corpus, style and policy in ``deid/text/measured.json``
(the figures the de-identification report quotes) unless ``--no-record``. A real corpus
that is absent is skipped with a message. No text or value is ever printed.

Usage::

    .venv/bin/python benchmarks/phi_text.py --patients 2000 --workers 2
    .venv/bin/python benchmarks/phi_text.py --corpus wnut17 --baseline-sample 50 --no-record
    .venv/bin/python benchmarks/phi_text.py --corpus handwritten --policy high_recall --no-record
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import functools
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from _phi_corpora import (
    SHARED_BENCHMARKS,
    Corpus,
    generated,
    handwritten,
    handwritten_styles,
    presidio_synth,
    wnut17,
)
from _report import record_section

from deid.offline import build_analyzer
from deid.text import KnownPhi
from deid.text.evaluation import Offsets, TokenScores, score_tokens

if TYPE_CHECKING:
    from presidio_analyzer import AnalyzerEngine

    from deid.text import TextPolicy

SECTION = "## Free-text PHI detection"
CORPORA = ("handwritten", "generated", "presidio_synth", "wnut17")
POLICIES = ("high_recall", "balanced")
MEASURED = Path(__file__).resolve().parent.parent / "deid" / "text" / "measured.json"
# Warm-up sentences (written here, no PHI): the first call of each side loads lazily built state.
WARM_UP = tuple(f"Patient seen in clinic {n}, vitals stable, follow up in two weeks." for n in range(8))

_WARM_UP_TEXTS = 100

Known = Sequence[KnownPhi | None] | None
Detect = Callable[[Sequence[str], Known], list[list[Offsets]]]
Make = Callable[[], tuple[Detect, float, Callable[[], None]]]


def _timed(
    detect: Detect, texts: Sequence[str], known: Known = None, *, repeats: int = 1, min_seconds: float = 0.0
) -> tuple[list[list[Offsets]], float]:
    """The spans of ``texts`` and the median seconds of ``repeats`` passes or more, ``min_seconds`` in all."""
    seconds: list[float] = []
    spans: list[list[Offsets]] = []
    while len(seconds) < repeats or sum(seconds) < min_seconds:
        started = time.perf_counter()
        spans = detect(texts, known)
        seconds.append(time.perf_counter() - started)
    return spans, statistics.median(seconds)


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


def _engine(
    workers: int, policy: TextPolicy, *, cache: bool = True
) -> tuple[Detect, float, Callable[[], None]]:
    """A fresh healthtrove text engine (empty cache, or none); returns it, its setup seconds and its close."""
    from deid.text import TextEngine, TextEngineSettings  # noqa: PLC0415 - lands with the engine

    started = time.perf_counter()
    settings = TextEngineSettings(workers=workers, policy=policy)
    engine = TextEngine(settings if cache else dataclasses.replace(settings, cache_size=0))

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


def _run(
    make: Make,
    corpus: Corpus,
    *,
    known: bool = False,
    warm_up: Sequence[str] = (),
    repeats: int = 1,
    min_seconds: float = 0.0,
) -> tuple[TokenScores, float, float, list[list[Offsets]]]:
    """Build a detector, warm it up, time it on ``corpus`` (with linked records if ``known``), score it."""
    detect, setup, close = make()
    try:
        if warm_up:
            detect(warm_up, None)
        spans, seconds = _timed(
            detect, corpus.texts, corpus.known if known else None, repeats=repeats, min_seconds=min_seconds
        )
    finally:
        close()
    return _scores(corpus, spans), seconds, setup, spans


def _warm_up_texts(corpus: Corpus, sample: Corpus, limit: int = _WARM_UP_TEXTS) -> list[str]:
    """Up to ``limit`` texts of ``corpus`` outside ``sample`` (its first texts if none are left)."""
    in_sample = set(sample.texts)
    outside = [text for text in corpus.texts if text not in in_sample]
    return list((outside or list(sample.texts))[:limit])


def _figure(corpus: str, style: str, scores: TokenScores) -> dict[str, object]:
    return {
        "corpus": corpus,
        "style": style,
        "texts": scores.texts,
        "gold_tokens": scores.gold_tokens,
        "recall": round(scores.recall, 4),
        "precision": round(scores.precision, 4),
    }


def _by_style(corpus: Corpus, spans: list[list[Offsets]]) -> dict[str, TokenScores]:
    """Scores of each style of the hand-written corpus, from the spans of one run over all of it."""
    scores = {}
    for style in handwritten_styles():
        indices = [index for index, name in enumerate(corpus.styles) if name == style]
        part = corpus.subset(indices)
        scores[style] = _scores(part, [spans[index] for index in indices])
    return scores


def measure(
    corpus: Corpus,
    *,
    baseline: Make,
    engines: dict[str, Make],
    timed_engines: dict[str, Make],
    sample_size: int,
    seed: int,
    repeats: int,
    min_seconds: float,
) -> tuple[dict[str, str], list[tuple[str, dict[str, object]]]]:
    """Run and score the baseline and each policy's engine on ``corpus``.

    ``timed_engines`` (engines without a text cache) are timed on the sample against the
    baseline, both warmed up on the same texts and timed as the median of at least ``repeats``
    passes; ``engines`` run once over every text. Returns the figures to print and, per
    policy, the recall and precision to record.
    """
    sample = _sample(corpus, sample_size, seed)
    warm_up = _warm_up_texts(corpus, sample)
    base, base_seconds, base_setup, _ = _run(
        baseline, sample, warm_up=warm_up, repeats=repeats, min_seconds=min_seconds
    )
    name = corpus.name
    figures = {
        f"{name}: corpus": f"{corpus.description}; {base.gold_tokens:,} gold tokens in the sample",
        f"{name}: source": corpus.attribution,
        f"{name}: Presidio default (same sample)": _line(base, base_seconds),
    }
    measured: list[tuple[str, dict[str, object]]] = []
    for policy, engine in engines.items():
        ours_sample, sample_seconds, sample_setup, _ = _run(
            timed_engines[policy], sample, warm_up=warm_up, repeats=repeats, min_seconds=min_seconds
        )
        ours, seconds, setup, spans = _run(engine, corpus)
        ratio = (ours_sample.texts / sample_seconds) / (base.texts / base_seconds)
        label = f"{name}: healthtrove {policy}"
        figures |= {
            f"{label} (same sample)": _line(ours_sample, sample_seconds),
            f"{label} (all texts)": _line(ours, seconds),
            f"{label} speed ratio": f"{ratio:.1f}x (healthtrove / Presidio default docs per second "
            f"on the same {ours_sample.texts:,} texts, both warmed up on the same {len(warm_up):,} "
            f"other texts, median of {repeats}+ passes over {min_seconds:g}+ s)",
            f"{label} setup (load + warm-up, excluded)": f"Presidio {base_setup:.1f} s, "
            f"healthtrove {sample_setup:.1f} s and {setup:.1f} s",
            f"{label} recall by type (all texts / Presidio sample)": _per_type(ours, base),
        }
        measured.append((policy, _figure(name, "all", ours)))
        if corpus.styles is not None:
            for style, scores in _by_style(corpus, spans).items():
                figures[f"{label} style {style}"] = (
                    f"recall {scores.recall:.4f}, precision {scores.precision:.4f} ({scores.texts:,} texts; "
                    f"{scores.caught_tokens:,}/{scores.gold_tokens:,} gold tokens caught, "
                    f"{scores.false_alarm_tokens:,} false-alarm tokens)"
                )
                measured.append((policy, _figure(name, style, scores)))
        if corpus.known is not None:
            linked, linked_seconds, _, _ = _run(engine, corpus, known=True)
            figures[f"{label} with linked records (all texts)"] = _line(linked, linked_seconds)
            measured.append((policy, _figure(name, "with linked records", linked)))
    return figures, measured


def _write_measured(measured: list[tuple[str, dict[str, object]]], command: str) -> None:
    """Write the figures the report quotes (``deid/text/measured.json``), per policy."""
    git = shutil.which("git")
    commit = (
        subprocess.run(
            [git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
        ).stdout.strip()
        if git
        else ""
    )
    by_policy: dict[str, list[dict[str, object]]] = {}
    for policy, figure in measured:
        by_policy.setdefault(policy, []).append(figure)
    document = {
        "version": dt.date.today().isoformat(),
        "commit": commit,
        "command": command,
        "scoring": "token level, label-agnostic (deid.text.evaluation)",
        "figures": by_policy,
    }
    MEASURED.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")


def _load(name: str, patients: int, seed: int, work_dir: Path) -> Corpus | None:
    if name == "handwritten":
        return handwritten()
    if name == "generated":
        return generated(patients, seed, work_dir)
    reader = presidio_synth if name == "presidio_synth" else wnut17
    return reader(SHARED_BENCHMARKS)


def _corpus_names(value: str) -> list[str]:
    return _names(value, CORPORA, "--corpus")


def _names(value: str, allowed: tuple[str, ...], option: str) -> list[str]:
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = sorted(set(names) - set(allowed))
    if unknown or not names:
        msg = f"{option} takes a comma-separated list of {', '.join(allowed)}; got {value!r}"
        raise argparse.ArgumentTypeError(msg)
    return names


def _policies(value: str) -> list[str]:
    return _names(value, POLICIES, "--policy")


def _command(args: argparse.Namespace) -> str:
    return (
        f"`.venv/bin/python benchmarks/phi_text.py --patients {args.patients} --baseline-sample "
        f"{args.baseline_sample} --repeats {args.repeats} --min-seconds {args.min_seconds:g} "
        f"--workers {args.workers} "
        f"--corpus {','.join(args.corpus)} "
        f"--policy {','.join(args.policy)}`"
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
    parser.add_argument(
        "--policy",
        type=_policies,
        default=list(POLICIES),
        help=f"comma-separated text policies (default {','.join(POLICIES)})",
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=3,
        help="least timed passes over the sample; the median counts (default 3)",
    )
    parser.add_argument(
        "--min-seconds",
        type=float,
        default=2.0,
        help="least seconds of timed passes over the sample per side (default 2)",
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
    measured: list[tuple[str, dict[str, object]]] = []
    with tempfile.TemporaryDirectory(prefix="bench-phi-text-") as folder:
        for name in args.corpus:
            corpus = _load(name, args.patients, args.seed, Path(folder))
            if corpus is None:
                print(f"{name}: skipped, not found under {SHARED_BENCHMARKS} (real corpora are not shipped)")
                continue
            corpus_figures, corpus_measured = measure(
                corpus,
                baseline=_baseline,
                engines={policy: functools.partial(_engine, args.workers, policy) for policy in args.policy},
                timed_engines={
                    policy: functools.partial(_engine, args.workers, policy, cache=False)
                    for policy in args.policy
                },
                sample_size=args.baseline_sample,
                seed=args.seed,
                repeats=args.repeats,
                min_seconds=args.min_seconds,
            )
            figures |= corpus_figures
            measured.extend(corpus_measured)
    for key, value in figures.items():
        print(f"{key}: {value}")
    if not args.no_record:
        record_section(SECTION, figures)
        _write_measured(measured, _command(args))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
