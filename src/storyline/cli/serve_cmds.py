"""``storyline serve``: the web UI and JSON API over the store (read-only, localhost)."""

from __future__ import annotations

import click

from .base import Context, cli, handle_errors, pass_ctx

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


@cli.command()
@click.option("--host", default=None, metavar="ADDR",
              help="Address to bind (default from web.host: 127.0.0.1, this machine only).")
@click.option("--port", type=int, default=None, help="Port (default from web.port: 8765).")
@click.option("--db", "db", default=None, metavar="URL|PATH",
              help="Store to serve (same as the global --db).")
@pass_ctx
@handle_errors
def serve(ctx: Context, host: str | None, port: int | None, db: str | None) -> None:
    """Serve the web UI (stories, ledgers, timelines) and the JSON API under /api.

    Read-only: only GET requests exist. API docs at http://HOST:PORT/docs.
    """
    import uvicorn

    from ..api import Storyline
    from ..web import create_app

    options = ctx.options
    if db:
        options = options.replace(**{"store.url": db if "://" in db else f"sqlite:///{db}"})
    host = host or options.web.host
    port = port or options.web.port
    local = host in LOCAL_HOSTS
    if not local:
        # Loud on purpose: the UI has no login; anyone who can reach the port reads the store.
        click.secho(f"WARNING: serving on {host}, not localhost: anyone who can reach port "
                    f"{port} can read every stored article. There is no authentication.",
                    fg="red", bold=True, err=True)
    if not options.web.read_only:
        click.secho("note: web.read_only=false has no effect: the server has no write routes.",
                    fg="yellow", err=True)
    sl = Storyline(options, create=False)  # serving never creates a store
    # On localhost, only accept localhost Host headers (a defence against DNS rebinding).
    hosts = sorted(LOCAL_HOSTS) if local else None
    app = create_app(sl, allowed_hosts=hosts)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"storyline: serving {options.store.url} at http://{shown}:{port}/  (Ctrl-C stops)",
               err=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="info")
    finally:
        sl.close()
