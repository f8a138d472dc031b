"""``storyline batch`` (Ray job over big inputs -> Parquet) and ``storyline load`` (-> store)."""

from __future__ import annotations

import sys
from typing import Any

import click

from .base import Context, cli, emit_json, finish, handle_errors, pass_ctx


@cli.command("batch")
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--output", "-o", metavar="DIR",
              help="Output folder (Parquet partitioned by date). Default: batch.output.")
@click.option("--address", metavar="ADDR",
              help='Ray cluster address ("auto", ray://host:10001). Default: a local Ray.')
@click.option("--num-cpus", type=int, metavar="N",
              help="Worker processes (local) or cap on workers (cluster). Default: all cores.")
@click.option("--benchmark", is_flag=True,
              help="Also report articles/s per core and the cores needed for --per-day "
                   "articles, measured on this run (use a fresh --output).")
@click.option("--per-day", type=click.IntRange(min=1), default=370_000, show_default=True,
              help="Daily volume to size for with --benchmark (CC-NEWS: ~370,000).")
@pass_ctx
@handle_errors
def batch_cmd(ctx: Context, inputs: tuple[str, ...], output: str | None, address: str | None,
              num_cpus: int | None, benchmark: bool, per_day: int) -> None:
    """Analyze INPUT files/folders (WARC, HTML, text, JSON, feeds) on Ray into Parquet.

    Resumable: inputs finished by an earlier run (listed in DIR/_manifest/) are skipped.
    Failures are listed in DIR/_failures.jsonl. Put the result in the store with
    `storyline load DIR`. With --benchmark, the run is also a measurement: articles per
    CPU-second and per core, and the cores needed for --per-day articles a day.
    """
    from ..batch import run_batch

    options = ctx.options
    show = options.ingest.progress and not ctx.as_json
    bar: Any = None
    if show:
        from tqdm import tqdm

        bar = tqdm(unit="file", desc="batch", file=sys.stderr)

    total = [0]

    def tick(summary: dict[str, Any]) -> None:
        total[0] += summary["articles"]
        if bar is not None:
            bar.update(1)
            bar.set_postfix(articles=total[0], refresh=False)

    try:
        report = run_batch(list(inputs), options, output=output, address=address,
                           num_cpus=num_cpus, progress=False, on_result=tick)
    finally:
        if bar is not None:
            bar.close()
    sized = _sizing(report, per_day) if benchmark else None
    if ctx.as_json:
        emit_json(report.to_dict() | ({"sizing": sized} if sized else {}))
    else:
        for sample in report.failure_samples:
            where = f" [{sample.get('stage')}]" if sample.get("stage") else ""
            click.echo(f"failed{where}: {sample['source']}: {sample['reason']}", err=True)
        click.echo(
            f"inputs {report.inputs} (skipped {report.skipped} already done, processed "
            f"{report.processed}, unreadable {report.failed_inputs}), articles "
            f"{report.articles}, failures {report.failures} "
            f"(see {report.output}/_failures.jsonl), {report.seconds:.1f}s"
        )
        if sized:
            from ..batch.sizing import describe

            for line in describe(sized):
                click.echo(line)
    if not report.ok:
        sys.exit(1)


def _sizing(report: Any, per_day: int) -> dict[str, Any]:
    from ..batch.sizing import sizing
    from ..errors import ConfigError

    try:
        return sizing(report.articles, report.seconds, report.worker_cpu_seconds,
                      report.workers, per_day)
    except ValueError as exc:
        raise ConfigError(f"--benchmark: {exc}") from None


@cli.command("load")
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--stories/--no-stories", default=True,
              help="Assign stories after loading (default on).")
@pass_ctx
@handle_errors
def load_cmd(ctx: Context, directory: str, stories: bool) -> None:
    """Load a `storyline batch` output folder into the store (idempotent), then build stories."""
    report = ctx.app.load(directory, stories=stories)
    finish(report, ctx)
