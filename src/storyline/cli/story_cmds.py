"""Story commands: stories, story, timeline, report (thin over ``Storyline``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..outlets import outlet_label
from .base import Context, cli, emit_json, handle_errors, pass_ctx

# The stories package (and the analysis code it shares) is imported inside the commands
# that use it: `storyline --help` and `storyline stories` start faster without it.
if TYPE_CHECKING:
    from ..stories.types import Evidence, Timeline


@cli.command()
@click.option("--query", "-q", default=None, help="Words in the story title or keywords.")
@click.option("--since", default=None, metavar="YYYY-MM-DD", help="Last article on/after.")
@click.option("--until", default=None, metavar="YYYY-MM-DD", help="First article on/before.")
@click.option("--outlet", default=None, help="Only stories with an article from this outlet.")
@click.option("--entity", default=None, help="Only stories mentioning this canonical name.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--offset", default=0, show_default=True, type=click.IntRange(0, None))
@click.option("--sort", default="size", show_default=True,
              type=click.Choice(["size", "latest", "earliest", "title"]))
@click.option("--disputed", is_flag=True, help="Only stories with a conflicting fact.")
@pass_ctx
@handle_errors
def stories(ctx: Context, query: str | None, since: str | None, until: str | None,
            outlet: str | None, entity: str | None, limit: int, offset: int, sort: str,
            disputed: bool) -> None:
    """List stories, biggest first (or --sort latest|earliest|title), with their conflicting
    and corroborated fact counts."""
    rows = ctx.reader.triaged_stories(query=query, since=since, until=until, outlet=outlet,
                                      entity=entity, limit=limit, offset=offset, sort=sort,
                                      disputed=disputed)
    if ctx.as_json:
        emit_json(rows)
        return
    if not rows:
        click.echo("no stories (run `storyline run PATH` or `storyline cluster` first)")
    for r in rows:
        led = r.meta.get("ledger") or {}
        click.echo(f"{r.id[:12]}  {r.size:>3} articles  {r.first_published or '?'} .. "
                   f"{r.last_published or '?'}  {led.get('conflicting', 0)} conflicting  "
                   f"{led.get('corroborated', 0)} corroborated  {r.title or '(untitled)'}")


@cli.command()
@click.argument("story_id")
@click.option("--evidence", "max_evidence", default=3, show_default=True,
              type=click.IntRange(0, None), help="Quoted sentences per value (0: all).")
@pass_ctx
@handle_errors
def story(ctx: Context, story_id: str, max_evidence: int) -> None:
    """Show a story: its fact ledger (conflicts first, with quoted evidence), then its timeline."""
    from ..stories.report import ordered_facts, story_dict

    view = ctx.reader.story(story_id)
    if ctx.as_json:
        emit_json(story_dict(view))
        return
    st, led = view.story, view.ledger
    click.secho(f"{st.title or st.id}", bold=True)
    click.echo(f"story {st.id}, {len(view.articles)} articles, "
               f"{st.first_published or '?'} .. {st.last_published or '?'}")
    for s in led.sources:
        click.echo(f"  - {outlet_label(s.get('outlet'))} ({s.get('published') or 'undated'}) "
                   f"{s.get('title') or ''} [{s['id'][:8]}]")
    if led.main_event:
        click.echo(f"\nMain event: {led.main_event}")
    if not led.facts:
        click.echo("\nNo facts found (are the articles analyzed?).")
    for status, facts in ordered_facts(led.facts):
        click.secho(f"\n{status.upper()} ({len(facts)})", bold=True)
        for f in facts:
            click.echo(f"* {f.label}")
            if f.note:
                click.echo(f"  {f.note}")
            for v in f.values:
                click.echo(f"  - {v.value}  [{v.sources} independent]")
                _echo_evidence(v.evidence, max_evidence)
    _echo_timeline(view.timeline, max_evidence)


def _echo_evidence(evidence: list[Evidence], limit: int) -> None:
    from ..stories.report import marked, source_label

    shown = evidence if limit == 0 else evidence[:limit]
    for ev in shown:
        click.echo(f"      {source_label(ev)}: \"{marked(ev, '[', ']')}\"")
    if len(shown) < len(evidence):
        click.echo(f"      ... and {len(evidence) - len(shown)} more (--evidence 0 shows all)")


def _echo_timeline(tl: Timeline, limit: int = 0) -> None:
    click.secho(f"\nTIMELINE: {' & '.join(tl.actors) or '(no actors)'}", bold=True)
    if not tl.entries:
        click.echo("no dated events found")
    for e in tl.entries:
        flag = " (planned)" if e.planned else ""
        click.echo(f"{e.shown_date():<11} {e.title}{flag}")
        _echo_evidence(e.evidence, limit)


@cli.command()
@click.argument("actor")
@click.argument("other", required=False)
@click.option("--story", "story_id", default=None, help="Only events from this story.")
@pass_ctx
@handle_errors
def timeline(ctx: Context, actor: str, other: str | None, story_id: str | None) -> None:
    """Events involving ACTOR (and OTHER), merged across articles, oldest first.

    Names may be partial ("Putin"); they resolve to the most mentioned canonical name.
    """
    tl = ctx.reader.timeline(actor, other, story_id=story_id)
    if ctx.as_json:
        emit_json(tl)
        return
    _echo_timeline(tl)


@cli.command()
@click.argument("story_id")
@click.option("--format", "fmt", default="md", show_default=True, metavar="md|html|json",
              help="Report format (checked by the report renderer).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to FILE instead of standard output.")
@pass_ctx
@handle_errors
def report(ctx: Context, story_id: str, fmt: str, output: Path | None) -> None:
    """Render a story report (Markdown, standalone HTML with an SVG timeline, or JSON)."""
    text = ctx.reader.report(story_id, fmt)
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    if ctx.as_json:
        emit_json({"story": story_id, "format": fmt, "output": str(output) if output else None,
                   "chars": len(text), **({} if output else {"report": text})})
    elif output is None:
        click.echo(text)
    else:
        click.echo(f"wrote {output} ({fmt}, {len(text)} chars)")
