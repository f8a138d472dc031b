"""End to end on a local Ray: `storyline batch` (real readers, WARC + text) -> resume -> load.

Starting Ray costs ~10-20 s on two cores, so the job runs once per module.
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.cli import cli
from tests.conftest import SEEDS

pytestmark = pytest.mark.slow

FAST = ["--set", "analysis.stages=parse", "--set", "stories.embedder=hashing", "--no-progress"]

PARAGRAPH = ("The foreign ministers met in Geneva on Tuesday to discuss the grain corridor, "
             "officials said, adding that a further round of talks was planned for the "
             "autumn. Delegations from both countries described the meeting as constructive. ")


def _page(title: str, date: str) -> bytes:
    body = "".join(f"<p>{title}. {PARAGRAPH}</p>" for _ in range(4))
    return (f"<html><head><title>{title}</title>"
            f'<meta property="article:published_time" content="{date}T10:00:00Z"></head>'
            f"<body><nav>Home | World | Sport</nav><article><h1>{title}</h1>{body}"
            f"</article><footer>Copyright Example News</footer></body></html>").encode()


def _warc(path: Path) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        pages = [("Ministers meet in Geneva", "2025-07-01"), ("Grain talks resume", "2025-07-02")]
        for i, (title, date) in enumerate(pages):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://news.example.org/{i}", "response",
                payload=io.BytesIO(_page(title, date)), http_headers=headers))


@pytest.fixture(scope="module")
def batch_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, dict]:
    root = tmp_path_factory.mktemp("batch")
    inputs = root / "inputs"
    inputs.mkdir()
    for f in SEEDS.glob("00*_*.txt*"):  # the two seed articles, with their sidecars
        shutil.copy(f, inputs / f.name)
    _warc(inputs / "crawl.warc.gz")
    out = root / "out"
    runner = CliRunner()
    args = [*FAST, "--json", "batch", str(inputs), "--output", str(out), "--num-cpus", "1"]
    first = runner.invoke(cli, [*args, "--benchmark", "--per-day", "1000"])
    assert first.exit_code == 0, first.output
    second = runner.invoke(cli, args)  # resume: everything is already done
    assert second.exit_code == 0, second.output
    # Nothing processed in a resumed run: the benchmark mode says so instead of dividing by 0.
    again = runner.invoke(cli, [*args, "--benchmark"])
    assert again.exit_code == 2 and "use a fresh --output" in again.output
    return out, json.loads(first.stdout), json.loads(second.stdout)


def test_batch_processes_every_input_then_resumes(batch_run: tuple[Path, dict, dict]) -> None:
    out, first, second = batch_run
    assert (first["inputs"], first["processed"], first["failures"]) == (3, 3, 0)
    assert first["articles"] == 4
    assert (second["skipped"], second["processed"], second["articles"]) == (3, 0, 0)
    assert len(list((out / "_manifest").glob("*.json"))) == 3


def test_benchmark_mode_sizes_from_the_measured_run(batch_run: tuple[Path, dict, dict]) -> None:
    sized = batch_run[1]["sizing"]
    assert (sized["articles"], sized["workers"], sized["per_day"]) == (4, 1, 1000)
    rate = sized["articles_per_cpu_second"]
    assert rate == pytest.approx(4 / sized["worker_cpu_seconds"], rel=0.01)
    assert sized["cores_needed_cpu"] == pytest.approx(1000 / 86_400 / rate, abs=0.01)


def test_output_is_partitioned_by_publication_date(batch_run: tuple[Path, dict, dict]) -> None:
    out = batch_run[0]
    dates = sorted(p.name for p in out.iterdir() if p.name.startswith("published="))
    assert "published=2025-05-09" in dates and "published=2025-06-15" in dates
    rows = duckdb.connect().execute(
        f"SELECT published, url FROM read_parquet('{out}/*/*.parquet', hive_partitioning=true)"
    ).fetchall()
    assert len(rows) == 4
    assert {u for _, u in rows if u} >= {"https://news.example.org/0",
                                         "https://news.example.org/1"}


def test_load_puts_the_output_in_the_store(batch_run: tuple[Path, dict, dict],
                                           store_url: str) -> None:
    out = batch_run[0]
    runner = CliRunner()
    base = ["--db", store_url, *FAST, "--json"]
    loaded = runner.invoke(cli, [*base, "load", str(out)])
    assert loaded.exit_code == 0, loaded.output
    first = json.loads(loaded.stdout)
    assert first["ingested"] == 4 and first["stories"] >= 2  # seeds vs Geneva talks
    again = runner.invoke(cli, [*base, "load", str(out), "--no-stories"])
    assert json.loads(again.stdout)["unchanged"] == 4
    stories = json.loads(runner.invoke(cli, [*base, "stories"]).stdout)
    assert sum(s["size"] for s in stories) == 4
