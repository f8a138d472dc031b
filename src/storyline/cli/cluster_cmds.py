"""CLI commands for story clustering; registered on the shared group from ``base``."""

from __future__ import annotations

import click

from .base import Context, cli, finish, handle_errors, pass_ctx


@cli.command("cluster")
@click.option("--rebuild", is_flag=True,
              help="Forget all stories and regroup every article from scratch "
                   "(needed after changing stories.embedder).")
@pass_ctx
@handle_errors
def cluster(ctx: Context, rebuild: bool) -> None:
    """Group articles into stories (incremental: only articles without a story move).

    Each new article joins the most similar story (embedding, shared people and
    organisations, places and dates) or opens a new one. Tune with --set
    stories.join_threshold=..., stories.embedder=hashing for a model-free run.
    """
    finish(ctx.app.build_stories(rebuild=rebuild), ctx)
