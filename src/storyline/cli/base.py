"""The click group, shared options and output helpers used by every command module."""

from __future__ import annotations

import dataclasses
import functools
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..config import Options, load_options
from ..errors import NotFound, StorylineError

if TYPE_CHECKING:  # the facade (and SQLAlchemy) is imported when a command opens the store
    from ..api import RunReport, Storyline

F = TypeVar("F", bound=Callable[..., Any])


class Context:
    """Holds parsed global options; opens the store only when a command needs it."""

    def __init__(self, db: str | None, config: str | None, sets: tuple[str, ...],
                 as_json: bool, progress: bool | None) -> None:
        self.as_json = as_json
        overrides: dict[str, Any] = {}
        for item in sets:
            key, sep, value = item.partition("=")
            if not sep:
                raise click.UsageError(f"--set expects section.key=value, got {item!r}")
            overrides[key.strip()] = value.strip()
        if db:
            overrides["store.url"] = db if "://" in db else f"sqlite:///{db}"
        if progress is not None:
            overrides["ingest.progress"] = str(progress)
        self._config = config
        self._overrides = overrides
        self._options: Options | None = None
        self._app: Storyline | None = None

    @property
    def options(self) -> Options:
        if self._options is None:
            self._options = load_options(self._config, overrides=self._overrides)
        return self._options

    @property
    def app(self) -> Storyline:
        if self._app is None:
            from ..api import Storyline

            self._app = Storyline(self.options)
        return self._app


pass_ctx = click.make_pass_decorator(Context)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", envvar="STORYLINE_DB", metavar="URL|PATH",
              help="Store: SQLite file path or SQLAlchemy URL (postgresql://...). "
                   "Default: storyline.db in the current folder.")
@click.option("--config", "config", type=click.Path(dir_okay=False), metavar="FILE",
              help="TOML file overriding the packaged defaults.")
@click.option("--set", "sets", multiple=True, metavar="SECTION.KEY=VALUE",
              help="Override one option, e.g. --set stories.embedder=hashing (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable JSON output.")
@click.option("--progress/--no-progress", default=None, help="Show progress bars (default on).")
@click.version_option(package_name="storyline")
@click.pass_context
def cli(ctx: click.Context, db: str | None, config: str | None, sets: tuple[str, ...],
        as_json: bool, progress: bool | None) -> None:
    """storyline: turn news articles into verified stories with fact ledgers and timelines."""
    ctx.obj = Context(db, config, sets, as_json, progress)


def handle_errors(fn: F) -> F:
    """Map storyline's named errors to a one-line message and exit code 2 (1 for NotFound)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except NotFound as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)
        except StorylineError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)

    return wrapper  # type: ignore[return-value]


def to_jsonable(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {k: to_jsonable(v) for k, v in dataclasses.asdict(obj).items()}
    if hasattr(obj, "to_dict"):
        return to_jsonable(obj.to_dict())
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple | set):
        return [to_jsonable(v) for v in obj]
    return obj


def emit_json(obj: Any) -> None:
    click.echo(json.dumps(to_jsonable(obj), ensure_ascii=False, indent=2, default=str))


def finish(report: RunReport, ctx: Context) -> None:
    """Print a run summary (text or JSON) and exit 1 if any input failed."""
    if ctx.as_json:
        emit_json(report.to_dict())
    else:
        for f in report.failures:
            where = f" [{f.stage}]" if f.stage else ""
            click.echo(f"failed{where}: {f.source}: {f.reason}", err=True)
        click.echo(
            f"ingested {report.ingested}, unchanged {report.unchanged}, "
            f"duplicates {report.duplicates}, analyzed {report.analyzed}, "
            f"stories {report.stories}, failed {len(report.failures)}"
        )
    if not report.ok:
        sys.exit(1)
