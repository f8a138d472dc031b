"""Batch runs on Ray: WARC folders (or any ingestible input) -> Parquet by date -> the store.

    from storyline.batch import run_batch, load_output
    report = run_batch(["crawl/"], options, output="out/")     # resumable Ray Data job
    load_output(Storyline(options), "out/")                      # idempotent; assigns stories

Importing this package does not import Ray; ``run_batch`` does, when it runs.
"""

from .job import BatchReport, list_inputs, run_batch
from .load import iter_output, load_output

__all__ = ["BatchReport", "iter_output", "list_inputs", "load_output", "run_batch"]
