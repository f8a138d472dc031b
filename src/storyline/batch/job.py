"""The Ray Data job: fan input files out to a pool of model-holding actors.

The dataset is the list of input files still to do; ``map_batches`` sends one file at a time
to a ``Worker`` actor (models loaded once per actor), which writes that file's Parquet parts
and its manifest entry itself. Writing per input, rather than one ``write_parquet`` at the
end, is what makes the job resumable: after a crash, exactly the inputs without a manifest
entry are redone. Files are the unit of parallelism (a CC-NEWS WARC holds thousands of pages),
so the driver only sees one small summary row per input.

``ray`` is imported inside ``run_batch`` so other commands never pay for it.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Options
from . import manifest
from .work import CleanFn, ReadFn, Worker

# Enough for the small per-input summary rows; the machine's memory goes to the models.
OBJECT_STORE_BYTES = 256 * 1024 * 1024


@dataclass
class BatchReport:
    """Counts of one ``storyline batch`` run."""

    output: str
    inputs: int = 0
    skipped: int = 0  # finished in an earlier run (manifest entry, input unchanged)
    processed: int = 0
    failed_inputs: int = 0
    articles: int = 0
    failures: int = 0  # all failures recorded in _failures.jsonl (this and earlier runs)
    seconds: float = 0.0
    worker_cpu_seconds: float = 0.0  # summed over inputs processed in this run
    workers: int = 0  # worker processes (Ray actors) of this run
    failure_samples: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed_inputs == 0 and self.failures == 0

    def to_dict(self) -> dict[str, Any]:
        return {"output": self.output, "inputs": self.inputs, "skipped": self.skipped,
                "processed": self.processed, "failed_inputs": self.failed_inputs,
                "articles": self.articles, "failures": self.failures,
                "seconds": self.seconds, "worker_cpu_seconds": self.worker_cpu_seconds,
                "workers": self.workers, "failure_samples": self.failure_samples}


def list_inputs(paths: Sequence[str | Path]) -> list[Path]:
    """Input files, folders walked recursively (same rules as single-machine ingest)."""
    ingest = importlib.import_module("storyline.ingest")
    if not hasattr(ingest, "iter_inputs"):  # until ingest re-exports it from its package
        ingest = importlib.import_module("storyline.ingest.dispatch")
    return [Path(p) for p in ingest.iter_inputs(Path(p) for p in paths)]


def run_batch(
    paths: Sequence[str | Path], options: Options, *, output: str | Path | None = None,
    address: str | None = None, num_cpus: int | None = None, progress: bool = False,
    read: ReadFn | None = None, clean: CleanFn | None = None,
    on_result: Callable[[dict[str, Any]], None] | None = None,
) -> BatchReport:
    """Process every unfinished input under ``paths`` into Parquet under ``output``.

    ``address``: a Ray cluster address ("auto", "ray://host:10001"); default
    ``options.batch.ray_address``, and empty means a private local Ray instance.
    ``read``/``clean`` replace the ingest functions (tests, custom formats).
    """
    started = time.perf_counter()
    out_dir = Path(output or options.batch.output)
    out_dir.mkdir(parents=True, exist_ok=True)
    report = BatchReport(output=str(out_dir))
    # Never read our own output back as input (`storyline batch . --output out`).
    inputs = [p for p in list_inputs(paths) if not p.resolve().is_relative_to(out_dir.resolve())]
    done = manifest.finished(out_dir)
    todo = [p for p in inputs if not manifest.is_done(p, done)]
    report.inputs, report.skipped = len(inputs), len(inputs) - len(todo)
    if todo:
        for summary in _run_ray(todo, options, out_dir, address, num_cpus, progress,
                                read, clean, report):
            report.processed += 1
            report.articles += summary["articles"]
            report.failed_inputs += int(summary["failed"])
            report.worker_cpu_seconds += summary.get("cpu_seconds", 0.0)
            if on_result is not None:
                on_result(summary)
    report.failures = manifest.rebuild_failures(out_dir)
    report.failure_samples = _failure_samples(out_dir)
    report.seconds = round(time.perf_counter() - started, 2)
    report.worker_cpu_seconds = round(report.worker_cpu_seconds, 2)
    return report


def _run_ray(todo: list[Path], options: Options, out_dir: Path, address: str | None,
             num_cpus: int | None, progress: bool, read: ReadFn | None,
             clean: CleanFn | None, report: BatchReport) -> Any:
    import ray

    address = address if address is not None else options.batch.ray_address
    cpus = num_cpus or options.batch.num_cpus or os.cpu_count() or 1
    started_here = False
    if not ray.is_initialized():
        if address:
            ray.init(address=address, log_to_driver=False)
        else:
            # A private local instance: no dashboard, modest object store, only `cpus` cores.
            ray.init(address="local", num_cpus=cpus, include_dashboard=False,
                     object_store_memory=OBJECT_STORE_BYTES, log_to_driver=False,
                     logging_level=logging.WARNING)
        started_here = True
    try:
        from ray.data import DataContext

        ctx = DataContext.get_current()
        ctx.enable_progress_bars = progress
        if not progress:  # our own progress (per input file) replaces Ray Data's chatter
            logging.getLogger("ray.data").setLevel(logging.ERROR)
        ctx.print_on_execution_start = False
        if address and not (num_cpus or options.batch.num_cpus):
            cpus = int(ray.cluster_resources().get("CPU", 1))  # a cluster: use all of it
        actors = max(1, min(len(todo), cpus))
        report.workers = actors
        dataset = ray.data.from_items([{"path": str(p)} for p in todo],
                                      override_num_blocks=len(todo))
        results = dataset.map_batches(
            Worker,
            fn_constructor_kwargs={"options": options, "out_dir": str(out_dir),
                                   "read": read, "clean": clean},
            batch_size=1, num_cpus=1,
            compute=ray.data.ActorPoolStrategy(min_size=1 if address else actors,
                                               max_size=actors),
        )
        for row in results.iter_rows():
            yield json.loads(row["result"])
    finally:
        if started_here:
            ray.shutdown()


def _failure_samples(out_dir: Path, n: int = 5) -> list[dict[str, Any]]:
    path = out_dir / manifest.FAILURES_FILE
    if not path.is_file():
        return []
    samples = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                samples.append(json.loads(line))
            if len(samples) >= n:
                break
    return samples
