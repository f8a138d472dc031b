"""Live-feed commands: watch, follow, unfollow, follows, changes (thin over ``Storyline``)."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path
from typing import Any

import click

from ..errors import StorylineError
from .base import Context, cli, emit_json, handle_errors, pass_ctx


def read_feed_list(path: Path) -> list[str]:
    """URLs one per line; blank lines and # comments ignored."""
    lines = path.read_text("utf-8").splitlines()
    return [ln.split("#", 1)[0].strip() for ln in lines if ln.split("#", 1)[0].strip()]


@cli.command()
@click.argument("feeds_file", required=False,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--feed", "feeds", multiple=True, metavar="URL",
              help="An RSS/Atom feed or XML sitemap URL (repeatable).")
@click.option("--interval", type=click.FloatRange(0, None), default=None,
              help="Seconds between rounds (default: watch.interval).")
@click.option("--rounds", type=click.IntRange(0, None), default=0, show_default=True,
              help="Stop after N rounds (0: run until interrupted).")
@click.option("--on-change", "on_change", default=None, metavar="CMD",
              help="Run CMD (a shell command) for each change, with the change as JSON on "
                   "standard input; only changes about followed items when you follow any.")
@pass_ctx
@handle_errors
def watch(ctx: Context, feeds_file: Path | None, feeds: tuple[str, ...],
          interval: float | None, rounds: int, on_change: str | None) -> None:
    """Poll feeds and sitemaps; fetch, analyze and cluster new articles; print what changed.

    FEEDS_FILE lists URLs one per line. Polite by default: robots.txt, a User-Agent naming
    storyline, conditional GET, watch.host_delay seconds between requests to one host,
    timeouts and retries with backoff. Safe to stop (even kill -9) and restart.
    """
    urls = (read_feed_list(feeds_file) if feeds_file else []) + list(feeds)
    if not urls:
        raise click.UsageError("give a FEEDS_FILE or at least one --feed URL")
    app = ctx.app
    wait = app.options.watch.interval if interval is None else interval
    done = 0
    try:
        while True:
            done += 1
            try:
                report = app.watch_round(urls)
            except StorylineError as exc:  # e.g. a bad option: say so, try the next round
                click.echo(f"round {done} stopped: {exc}", err=True)
            else:
                _print_round(ctx, report, done)
                if on_change:
                    _run_hooks(on_change, report.changes, bool(app.follows()))
            if rounds and done >= rounds:
                break
            time.sleep(wait)
    except KeyboardInterrupt:
        click.echo("stopped; everything fetched so far is stored (run again to continue)",
                   err=True)


def _print_round(ctx: Context, report: Any, n: int) -> None:
    if ctx.as_json:
        click.echo(json.dumps({"round": n, **report.to_dict()}, ensure_ascii=False, default=str))
        return
    stamp = time.strftime("%Y-%m-%d %H:%M:%S")
    for f in report.failures:
        click.echo(f"failed [{f.stage}]: {f.source}: {f.reason}", err=True)
    click.echo(f"[{stamp}] round {n}: {report.feeds} feeds ({report.unchanged_feeds} unchanged), "
               f"{report.announced} new links, {report.stored} new articles, "
               f"{len(report.failures)} failed, {len(report.changes)} changes")
    for c in report.changes:
        who = f"  [{', '.join(c['follows'])}]" if c["follows"] else ""
        click.echo(f"  * {c['message']}{who}")


def _run_hooks(command: str, changes: list[dict[str, Any]], following: bool) -> None:
    for change in changes:
        if following and not change["follows"]:
            continue
        payload = json.dumps(change, ensure_ascii=False, default=str)
        try:
            done = subprocess.run(command, shell=True, input=payload, text=True, timeout=120,
                                  check=False)
        except subprocess.TimeoutExpired:
            click.echo(f"--on-change command timed out for {change['key']}", err=True)
            continue
        if done.returncode:
            click.echo(f"--on-change command exited {done.returncode} for {change['key']}",
                       err=True)


@cli.command()
@click.argument("kind", type=click.Choice(["entity", "pair", "story"]))
@click.argument("target")
@click.argument("other", required=False)
@pass_ctx
@handle_errors
def follow(ctx: Context, kind: str, target: str, other: str | None) -> None:
    """Follow an entity, an actor pair or a story: `follow entity Putin`,
    `follow pair Putin "Xi Jinping"`, `follow story 3f29`. Watch rounds log their changes."""
    result = ctx.app.follow(kind, target, other)
    if ctx.as_json:
        emit_json(result)
        return
    verb = "now following" if result["added"] else "already following"
    click.echo(f"{verb} {kind} {result['target'].replace('|', ' & ')}")


@cli.command()
@click.argument("kind", type=click.Choice(["entity", "pair", "story"]))
@click.argument("target")
@pass_ctx
@handle_errors
def unfollow(ctx: Context, kind: str, target: str) -> None:
    """Stop following (TARGET as `storyline follows` prints it; a pair as "A|B")."""
    removed = ctx.app.unfollow(kind, target)
    if ctx.as_json:
        emit_json({"kind": kind, "target": target, "removed": removed})
        return
    click.echo(f"unfollowed {kind} {target}" if removed else f"was not following {kind} {target}")


@cli.command()
@pass_ctx
@handle_errors
def follows(ctx: Context) -> None:
    """What you follow."""
    rows = ctx.reader.follows()
    if ctx.as_json:
        emit_json(rows)
        return
    for r in rows:
        click.echo(f"{r['kind']:<7} {r['target']}  (since {r['created_at']})")
    if not rows:
        click.echo("following nothing (see `storyline follow --help`)", err=True)


@cli.command()
@click.option("--since", default=None, metavar="DATE|TIMESTAMP",
              help="Only changes at or after this ISO date or time (UTC).")
@click.option("--followed", is_flag=True, help="Only changes about followed items.")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, None))
@pass_ctx
@handle_errors
def changes(ctx: Context, since: str | None, followed: bool, limit: int) -> None:
    """The changes log written by `storyline watch`, newest first."""
    rows = ctx.reader.changes(since=since, followed=followed, limit=limit)
    if ctx.as_json:
        emit_json(rows)
        return
    for r in rows:
        who = f"  [{', '.join(r['follows'])}]" if r["follows"] else ""
        click.echo(f"{r['at']}  {r['kind']:<17} {r['message']}{who}")
    if not rows:
        click.echo("no changes logged (run `storyline watch`)", err=True)
