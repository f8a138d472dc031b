"""Command-line interface: a thin layer over ``storyline.api.Storyline``.

Commands live in one module per area (ingest, analysis, stories, serve, batch); each adds
its commands to the ``cli`` group defined in ``base``. Exit codes: 0 all good, 1 some
inputs failed (the rest were processed), 2 usage or configuration error.
"""

from __future__ import annotations

import gc

from . import (  # noqa: F401  (each module registers its commands on import)
    analysis_cmds,
    batch_cmds,
    cluster_cmds,
    export_cmds,
    ingest_cmds,
    serve_cmds,
    story_cmds,
    watch_cmds,
)
from .base import cli


def main() -> None:
    try:
        cli(prog_name="storyline")
    finally:
        _before_exit()


def _before_exit() -> None:
    """Spare the interpreter's shutdown from walking and freeing, object by object, what a
    run loaded (spaCy's vocabulary, the sentence encoder's tables): 0.17-0.2 of the ~2.4
    CPU-s of adding one article (measured). Garbage is collected now, so every finalizer of
    the run's objects runs; what is still alive is moved out of the collector's sight, and
    the operating system takes the memory back at exit. The store was closed when the
    command's context closed (``Context.close``); ``atexit`` handlers run as usual."""
    gc.collect()
    gc.freeze()


__all__ = ["cli", "main"]
