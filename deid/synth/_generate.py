"""The generator's top level: shared setup, chunk loop, environment, truth, publication."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

from deid.synth._chunk import ChunkOutput, Counters, Shared, run_chunk
from deid.synth._config import Stream, SynthConfig, rng_for
from deid.synth._crm import make_campaigns
from deid.synth._encounters import RespiratoryRates
from deid.synth._environment import aqi_frame, make_environment, pollen_frame, temperature_frame
from deid.synth._facilities import Utilisation, finish_network, make_network
from deid.synth._names import build_pools
from deid.synth._truth import TruthWriter
from deid.synth._writer import ExtractWriter, publish, staging_dir

GENERATOR_VERSION = "1"
SALESFORCE_ID_BASE_RANGE = (10**6, 10**10)


def _silent(_: str) -> None:
    return None


def _prefixed(report: Callable[[str], None], prefix: str) -> Callable[[str], None]:
    def prefixed(stage: str) -> None:
        report(prefix + stage)

    return prefixed


def _write_chunk(output: ChunkOutput, writer: ExtractWriter, truth: TruthWriter, chunk: int) -> None:
    for table, frame in output.tables.items():
        writer.append(table, frame)
    truth.add_linkage(output.linkage)
    for rendered in output.texts:
        truth.add_gold(rendered.gold, table=rendered.table, column=rendered.column, chunk=chunk)


def run(
    config: SynthConfig, out_dir: Path, progress: Callable[[str], None] | None
) -> tuple[dict[str, int], int, float]:
    """Generate the extract into ``out_dir``; return rows per table, gold spans and seconds."""
    report = progress or _silent
    started = time.perf_counter()
    staging = staging_dir(out_dir)
    writer = ExtractWriter(staging, file_format=config.file_format)
    truth = TruthWriter(staging)
    try:
        report("setup")
        seed = config.seed
        pools = build_pools(seed)
        network = make_network(rng_for(seed, Stream.FACILITIES), patients=config.patients, pools=pools)
        id_rng = rng_for(seed, Stream.IDS)
        id_base = int(id_rng.integers(*SALESFORCE_ID_BASE_RANGE))
        campaigns = make_campaigns(id_rng, id_base)
        report("environment")
        environment = make_environment(rng_for(seed, Stream.ENVIRONMENT))
        writer.append("daily_aqi", aqi_frame(environment))
        writer.append("pollen", pollen_frame(environment))
        writer.append("temperature", temperature_frame(environment))
        shared = Shared(
            config=config,
            pools=pools,
            network=network,
            campaigns=campaigns,
            rates=RespiratoryRates.from_multiplier(environment.respiratory_multiplier()),
            id_base=id_base,
        )
        counters = Counters(utilisation=Utilisation.empty(network))
        chunks = config.chunks()
        for chunk, first, count in chunks:
            prefix = f"chunk {chunk + 1}/{len(chunks)}: "
            output = run_chunk(
                shared,
                counters,
                chunk=chunk,
                first=first,
                count=count,
                progress=_prefixed(report, prefix),
            )
            report(prefix + "writing")
            _write_chunk(output, writer, truth, chunk)
        report("network")
        for table, frame in finish_network(network, counters.utilisation).items():
            writer.append(table, frame)
        writer.append("Campaign", campaigns)
        rows = writer.close()
        report("gold spans")
        spans = truth.finish(config)
    except BaseException:
        writer.abort()
        truth.abort()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    report("publishing")
    marker = {"generator": "healthtrove.synth", "version": GENERATOR_VERSION, "patients": config.patients}
    marker |= {"seed": config.seed, "file_format": config.file_format}
    publish(staging, out_dir, marker=marker)
    return rows, spans, time.perf_counter() - started
