"""CLI commands for story clustering; registered on the shared group from ``base``."""

from __future__ import annotations

import sys

import click

from .base import Context, cli, emit_json, finish, handle_errors, pass_ctx


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


@cli.command("doctor")
@click.option("--repair", is_flag=True,
              help="Dissolve inconsistent stories, unlink orphan articles and regroup them.")
@pass_ctx
@handle_errors
def doctor(ctx: Context, repair: bool) -> None:
    """Check that every article's story exists and story sizes and states match members.

    Exit code 1 if problems remain (run again with --repair).
    """
    result = ctx.app.doctor(repair=repair)
    if ctx.as_json:
        emit_json(result)
    else:
        for name, items in result["problems"].items():
            if items:
                click.echo(f"{name.replace('_', ' ')}: {len(items)} "
                           f"({', '.join(str(i[0] if isinstance(i, list) else i) for i in items[:5])}"
                           f"{', ...' if len(items) > 5 else ''})")
        if "repaired" in result:
            click.echo(f"repaired: {result['repaired']} articles regrouped")
        click.echo("ok" if result["ok"] else "problems found (storyline doctor --repair)")
    if not result["ok"]:
        sys.exit(1)
