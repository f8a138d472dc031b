"""The click group, shared options and output helpers used by every command module."""

from __future__ import annotations

import dataclasses
import functools
import json
import re
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..config import Options, load_options
from ..errors import StorylineError
from ..runs import RunReport

if TYPE_CHECKING:  # the facade (and SQLAlchemy) is imported when a command opens the store
    from ..api import Storyline

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
            overrides["store.url"] = db_url(db)
        if progress is not None:
            overrides["ingest.progress"] = str(progress)
        self._config = config
        self._overrides = overrides
        self._options: Options | None = None
        self._app: Storyline | None = None

    def apply_local(self, db: str | None, as_json: bool) -> None:
        """``--db`` / ``--json`` given after the subcommand (they win over the group's)."""
        self.as_json = self.as_json or as_json
        if db:
            self._overrides["store.url"] = db_url(db)
            self._options = None

    def close(self) -> None:
        """Close the store if a command opened it (called when the click context closes)."""
        if self._app is not None:
            self._app.close()
            self._app = None

    @property
    def options(self) -> Options:
        if self._options is None:
            self._options = load_options(self._config, overrides=self._overrides)
        return self._options

    @property
    def app(self) -> Storyline:
        """The facade over the store, created when missing (for commands that write)."""
        if self._app is None:
            from ..api import Storyline

            self._app = Storyline(self.options)
        return self._app

    @property
    def reader(self) -> Storyline:
        """The facade over an existing store: read commands never create one (StoreError)."""
        if self._app is None:
            from ..api import Storyline

            self._app = Storyline(self.options, create=False)
        return self._app


pass_ctx = click.make_pass_decorator(Context)


def db_url(db: str) -> str:
    return db if "://" in db else f"sqlite:///{db}"


class StorylineGroup(click.Group):
    """Every subcommand also accepts ``--json`` and ``--db`` after its name, as the README
    promises (``storyline stories --json``), including commands other modules add later."""

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        _add_local_options(cmd)
        super().add_command(cmd, name)


def _add_local_options(cmd: click.Command) -> None:
    taken = {opt for p in cmd.params for opt in p.opts}
    added = []
    if "--json" not in taken:
        cmd.params.append(click.Option(["--json", "local_json"], is_flag=True,
                                       help="Machine-readable JSON output."))
        added.append("local_json")
    if "--db" not in taken:
        cmd.params.append(click.Option(["--db", "local_db"], metavar="URL|PATH",
                                       help="Store (same as the global --db)."))
        added.append("local_db")
    callback = cmd.callback
    if not added or callback is None:
        return

    @functools.wraps(callback)
    def with_local(*args: Any, **kwargs: Any) -> Any:
        as_json, db = kwargs.pop("local_json", False), kwargs.pop("local_db", None)
        obj = click.get_current_context().find_object(Context)
        if obj is not None:
            obj.apply_local(db, bool(as_json))
        return callback(*args, **kwargs)

    cmd.callback = with_local


@click.group(cls=StorylineGroup, context_settings={"help_option_names": ["-h", "--help"]})
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
    ctx.call_on_close(ctx.obj.close)


def handle_errors(fn: F) -> F:
    """Map storyline's named errors (an unknown or ambiguous id included) to a one-line
    message and exit code 2."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except StorylineError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)

    return wrapper  # type: ignore[return-value]


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """Control characters shown as escapes: a file name with a newline cannot forge lines."""
    return _CONTROL.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), text)


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
        for w in report.warnings:
            click.echo(f"warning: {one_line(w.source)}: {one_line(w.reason)}", err=True)
        for f in report.failures:
            where = f" [{f.stage}]" if f.stage else ""
            click.echo(f"failed{where}: {one_line(f.source)}: {one_line(f.reason)}", err=True)
        click.echo(
            f"ingested {report.ingested}, unchanged {report.unchanged}, "
            f"duplicates {report.duplicates}, analyzed {report.analyzed}, "
            f"stories {report.stories}, failed {len(report.failures)}"
        )
    if not report.ok:
        sys.exit(1)
