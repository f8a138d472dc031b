"""Analysis commands: analyze (run the analysis stages) and entities (list canonical names)."""

from __future__ import annotations

import click

from .base import Context, cli, emit_json, finish, handle_errors, pass_ctx


@cli.command()
@click.argument("ids", nargs=-1)
@click.option("--force", is_flag=True,
              help="Re-analyze every article, not only those not analyzed yet.")
@click.option("--retry-failed", is_flag=True,
              help="Also retry articles whose analysis failed in an earlier run.")
@pass_ctx
@handle_errors
def analyze(ctx: Context, ids: tuple[str, ...], force: bool, retry_failed: bool) -> None:
    """Run the analysis stages (analysis.stages) over stored articles.

    Without IDS, analyzes the articles not analyzed yet (an interrupted run continues where
    it stopped). With IDS (unique prefixes are fine), re-analyzes exactly those. Results
    are saved batch by batch (analysis.batch_size); exit code 1 if any article failed.
    An error in one article's stage is recorded (`storyline failures`) and the run goes
    on; later runs skip that article unless --retry-failed.
    """
    finish(ctx.app.analyze(list(ids) or None, force=force, retry_failed=retry_failed), ctx)


@cli.command()
@click.argument("prefix", default="")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True,
              help="Show at most this many names.")
@pass_ctx
@handle_errors
def entities(ctx: Context, prefix: str, limit: int) -> None:
    """List canonical entity names (optionally starting with PREFIX), most mentioned first.

    Counts are articles mentioning the entity. Filter articles by a name with
    `storyline articles --entity NAME`.
    """
    rows = ctx.reader.entities(prefix, limit=limit)
    if ctx.as_json:
        emit_json([{"name": name, "label": label, "articles": n} for name, label, n in rows])
        return
    if not rows:
        click.echo("no entities" + (f" starting with {prefix!r}" if prefix else "")
                   + "; run `storyline analyze` first", err=True)
        return
    width = max(len(name) for name, _, _ in rows)
    for name, label, n in rows:
        click.echo(f"{name:<{width}}  {label:<8} {n:>5}")
