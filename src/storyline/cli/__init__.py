"""Command-line interface: a thin layer over ``storyline.api.Storyline``.

Commands live in one module per area (ingest, analysis, stories, serve, batch); each adds
its commands to the ``cli`` group defined in ``base``. Exit codes: 0 all good, 1 some
inputs failed (the rest were processed), 2 usage or configuration error.
"""

from __future__ import annotations

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
    cli(prog_name="storyline")


__all__ = ["cli", "main"]
