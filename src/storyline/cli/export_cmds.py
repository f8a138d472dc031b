"""Export and outlet commands: export, outlets, outlets import (thin over ``Storyline``)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..export import FORMATS, KINDS
from .base import Context, cli, emit_json, handle_errors, pass_ctx


@cli.command("export")
@click.argument("kind", type=click.Choice(KINDS))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to FILE (required for parquet); default standard output.")
@click.option("--query", "-q", default=None,
              help="Stories: words in the title; entities: name prefix; search: the words.")
@click.option("--since", default=None, metavar="YYYY-MM-DD", help="Published on or after.")
@click.option("--until", default=None, metavar="YYYY-MM-DD", help="Published on or before.")
@click.option("--outlet", default=None, help="Only this outlet (exact name).")
@click.option("--entity", default=None, help="Mentioning this canonical name (events: as actor).")
@click.option("--story", "story", default=None, help="Only this story (id or prefix).")
@click.option("--actor", default=None, help="Timeline: whose events.")
@click.option("--other", default=None, help="Timeline: with whom.")
@click.option("--sort", default=None, help="Listing order (stories: size|latest|earliest|title; "
                                           "articles: newest|oldest|outlet|title; events: date|newest).")
@click.option("--limit", default=None, type=click.IntRange(1, None), help="At most N rows.")
@click.option("--offset", default=0, show_default=True, type=click.IntRange(0, None))
@pass_ctx
@handle_errors
def export(ctx: Context, kind: str, fmt: str, output: Path | None, query: str | None,
           since: str | None, until: str | None, outlet: str | None, entity: str | None,
           story: str | None, actor: str | None, other: str | None, sort: str | None,
           limit: int | None, offset: int) -> None:
    """Export KIND as a flat table: stories, articles, facts (one row per value and
    evidence sentence), events (date, actors, type, place, story, sentence) or timeline.

    Takes the listing commands' filters. Lists are joined with "; " in CSV.
    """
    rows = ctx.reader.export_rows(kind, query=query, since=since, until=until, outlet=outlet,
                               entity=entity, story=story, actor=actor, other=other, sort=sort,
                               limit=limit, offset=offset)
    from ..export import write_rows

    if output is None and fmt == "parquet":
        raise click.UsageError("parquet is binary: give -o FILE.parquet")
    text = write_rows(rows, fmt, output, kind)
    if text is not None:
        sys.stdout.write(text)
    elif ctx.as_json:
        emit_json({"kind": kind, "format": fmt, "rows": len(rows), "output": str(output)})
    else:
        click.echo(f"wrote {len(rows)} {kind} rows to {output} ({fmt})", err=True)


@cli.group("outlets", invoke_without_command=True)
@click.pass_context
def outlets(click_ctx: click.Context) -> None:
    """Outlets with article counts and their imported profile; `outlets import FILE.csv`."""
    if click_ctx.invoked_subcommand is not None:
        return
    ctx: Context = click_ctx.obj
    rows = ctx.reader.outlets()
    if ctx.as_json:
        emit_json(rows)
        return
    for r in rows:
        prof = r["profile"] or {}
        extra = ", ".join(f"{k}={v}" for k, v in prof.items() if v and k not in ("domain", "name"))
        click.echo(f"{r['articles']:>5}  {r['first'] or '----------'} .. {r['last'] or '----------'}"
                   f"  {r['outlet']}" + (f"  [{extra}]" if extra else ""))
    if not rows:
        click.echo("no articles yet", err=True)


@outlets.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_ctx
@handle_errors
def outlets_import(ctx: Context, csv_file: Path) -> None:
    """Import outlet profiles: a CSV with domain, name and optionally country, language,
    owner and any columns of your own (lean, reliability...). Re-importing replaces them."""
    result = ctx.app.import_outlets(csv_file)
    if ctx.as_json:
        emit_json(result)
        return
    click.echo(f"imported {result['profiles']} outlet profiles; renamed "
               f"{result['renamed_articles']} articles named by their domain")
