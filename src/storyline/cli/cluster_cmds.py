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
    """Group articles into stories: one real-world event and its immediate developments.

    Each new article joins its most probable story (embedding, title/lead words, shared
    names, days from the story's date, places) or opens a new one; stories within
    stories.refine_days of the new articles are re-clustered with them, so the result does
    not depend on arrival order. Each batch is committed in one transaction.
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


@cli.command("threads")
@pass_ctx
@handle_errors
def threads(ctx: Context) -> None:
    """List threads: related stories linked (not merged) by shared key entities and
    similar content, e.g. a trial and its verdict months later."""
    found = ctx.app.threads()
    if ctx.as_json:
        emit_json([t.to_dict() for t in found])
        return
    if not found:
        click.echo("no threads (no two stories share enough key entities)")
    for t in found:
        shared = sorted({name for link in t.links for name in link.shared})
        click.echo(f"{t.id}  {len(t.stories)} stories  {t.stories[0].first_published or '?'} .. "
                   f"{t.stories[-1].last_published or '?'}  {t.title}")
        click.echo(f"    shared: {', '.join(shared[:6])}")


@cli.command("thread")
@click.argument("thread_id")
@pass_ctx
@handle_errors
def thread(ctx: Context, thread_id: str) -> None:
    """Show one thread: its stories in date order and the evidence for each link."""
    t = ctx.app.thread(thread_id)
    if ctx.as_json:
        emit_json(t.to_dict())
        return
    click.echo(f"thread {t.id}: {len(t.stories)} stories")
    for s in t.stories:
        click.echo(f"  {s.id}  {s.first_published or '?'} .. {s.last_published or '?'}  "
                   f"({s.size} articles)  {s.title}")
    click.echo("links:")
    for link in t.links:
        gap = "overlapping" if link.gap_days == 0 else f"{link.gap_days} days apart"
        click.echo(f"  {link.a[:8]} -> {link.b[:8]}  {gap}, cosine {link.cosine:.2f}, "
                   f"shared: {', '.join(link.shared)}")
