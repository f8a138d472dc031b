"""Analysis worker processes: same annotations as in one process, failures contained, and no
orphaned workers after a kill -9 of the parent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storyline import load_options
from storyline.analyze import runner
from storyline.analyze.execute import build_stages
from storyline.analyze.workers import WorkerPool
from storyline.config import Options
from storyline.model import Article
from storyline.pipeline import Failure, Pipeline, StageFn, registry
from storyline.store import Store

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "examples" / "corpus"
STAGES = "parse,entities,temporal,quotes,numbers,events"
TEXTS = [
    "Kremlin Security Council Secretary Sergei Shoigu met Chen Wenqing in Moscow on Monday. "
    "\u201cWe agreed on everything,\u201d Shoigu said, adding that 12,000 troops would march.",
    "The European Union fined Google 2.4 billion euros on 27 June 2017, officials in Brussels "
    "said. Google said it would appeal.",
    "Officials in Cairo said 300 trucks of aid had crossed the border last week, and the "
    "United Nations said more would follow in September.",
    "President Joe Biden will travel to Warsaw at the end of February to meet Polish "
    "President Andrzej Duda, the White House said on Tuesday.",
    "A quiet day in Lima: the mayor opened three new parks and promised a fourth by May.",
]


@registry.stage("test_die_marker", requires=("doc",), assigns=())
def _die(options: Options) -> StageFn:
    """Test stage: the process dies on DIE (as on a segfault), raises on OOPS."""

    def run(article: Article) -> Article:
        if "DIE" in article.text:
            os._exit(3)
        if "OOPS" in article.text:
            raise KeyError("oops")
        return article

    return run


def _articles(texts: list[str]) -> list[Article]:
    out = [Article(text=t, title=f"t{i}", published="2024-05-09") for i, t in enumerate(texts)]
    for a in out:
        a.ensure_id()
    return out


def _seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] or []


def _options(stages: str = STAGES, batch: int = 2) -> Options:
    return load_options(overrides={"analysis.stages": stages, "analysis.batch_size": batch,
                                   "analysis.n_process": 1, "ingest.progress": "false"})


def _plain(article: Article) -> dict[str, object]:
    d = article.to_dict()
    return {k: d[k] for k in ("sentences", "entities", "timexes", "quotes", "numbers",
                              "events", "meta")}


def test_worker_annotations_equal_the_in_process_pipeline() -> None:
    texts = TEXTS + _seed_texts()
    options = _options()
    # The reference: every stage in this process through Pipeline.pipe (the former path).
    reference = [_plain(a) for a in Pipeline(options.analysis.stages, options)
                 .pipe(_articles(texts))]
    stages = build_stages(options.analysis.stages, options, None)
    batches = [_articles(texts)[i:i + 2] for i in range(0, len(texts), 2)]
    pool = WorkerPool(stages, None, 2)
    results = list(pool.map(batches))
    got = [_plain(a) for r in results for a in r.articles]
    assert [r.failed for r in results] == [[]] * len(batches)
    assert got == reference
    assert any(d["quotes"] for d in got) and any(d["timexes"] for d in got)


def test_a_dying_worker_fails_only_its_article() -> None:
    texts = TEXTS[:3] + ["This one will DIE in the worker.", "And OOPS here."] + TEXTS[3:]
    options = _options("parse,test_die_marker,entities")
    stages = build_stages(options.analysis.stages, options, None)
    articles = _articles(texts)
    results = list(WorkerPool(stages, None, 2).map(
        [articles[i:i + 3] for i in range(0, len(articles), 3)]))
    done = [a.text for r in results for a in r.articles]
    assert done == [t for t in texts if "DIE" not in t and "OOPS" not in t]
    failed = sorted(((f.stage or ""), f.reason) for r in results for _, f in r.failed)
    assert failed == [("test_die_marker", "KeyError: 'oops'"),
                      ("worker", "the worker process analyzing it died")]
    assert all(isinstance(f, Failure) for r in results for _, f in r.failed)


def test_store_run_with_workers_matches_one_process(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "MIN_PER_WORKER", 1)
    saved = []
    for n_process in (1, 2):
        store = Store(f"sqlite:///{tmp_path / f'n{n_process}.db'}")
        store.add_articles(_articles(TEXTS + _seed_texts()))
        options = _options().replace(**{"analysis.n_process": n_process})
        report = runner.analyze_store(store, options, progress=False)
        assert report.ok and report.analyzed == len(TEXTS) + len(_seed_texts())
        saved.append({a.id: _plain(a) for a in store.iter_articles()})
        store.close()
    assert saved[0] == saved[1]


KILL_SCRIPT = """
import sys
from storyline.analyze import runner
from storyline.store import Store
from storyline import load_options
runner.MIN_PER_WORKER = 1
url = sys.argv[1]
options = load_options(overrides={"analysis.n_process": 2, "analysis.batch_size": 1,
                                  "analysis.stages": "parse,test_slow_marker",
                                  "ingest.progress": "false"})
import tests.test_analyze_workers  # registers test_slow_marker
runner.analyze_store(Store(url), options, progress=False)
"""


@registry.stage("test_slow_marker", requires=("doc",), assigns=())
def _slow(options: Options) -> StageFn:
    """Test stage: one second per article, so the run is still going when it is killed."""

    def run(article: Article) -> Article:
        time.sleep(1.0)
        return article

    return run


def _children(pid: int) -> list[int]:
    out = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines()
                          if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            out.append(int(status.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the workers")
def test_kill_9_of_analyze_leaves_no_worker_behind(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kill.db'}"
    store = Store(url)
    store.add_articles(_articles(TEXTS * 1 + [t + " Again." for t in TEXTS] * 4))
    store.close()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(REPO)])}
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, url], env=env, cwd=REPO)
    try:
        deadline = time.monotonic() + 120
        workers: list[int] = []
        while time.monotonic() < deadline and len(workers) < 2:
            assert proc.poll() is None, "analyze ended before it could be killed"
            time.sleep(0.2)
            workers = _children(proc.pid)
        assert len(workers) >= 2, "the worker processes never started"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        # Before: the workers blocked on their task queue for good (~210 MB each).
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and any(_alive(w) for w in workers):
            time.sleep(0.2)
        assert not any(_alive(w) for w in workers), "worker processes outlived their parent"
    finally:
        if proc.poll() is None:
            proc.kill()


def test_workers_resolve_surnames_as_one_process_does(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A surname alone is resolved with the full names of the batches saved before it; a
    worker cannot see those, so the parent redoes such an article (execute.AliasLog)."""
    monkeypatch.setattr(runner, "MIN_PER_WORKER", 1)
    texts = ["Defence Minister Sergei Shoigu visited troops in Rostov on Monday.",
             "Shoigu told reporters in Moscow that the exercise would go ahead.",
             "Anna Shoigu, a television presenter, opened the festival in Sochi.",
             "The festival in Sochi drew large crowds, organisers said on Sunday."]
    saved = []
    for n_process in (1, 2):
        store = Store(f"sqlite:///{tmp_path / f's{n_process}.db'}")
        articles = _articles(texts)
        store.add_articles(articles)
        options = _options("parse,entities,quotes", batch=1).replace(
            **{"analysis.n_process": n_process})
        order = [a.id for a in articles]  # explicit ids: analyzed in this order
        assert runner.analyze_store(store, options, ids=order, progress=False).ok
        people = {a.text[:12]: sorted({e.canonical for e in a.entities if e.label == "PERSON"})
                  for a in store.iter_articles()}
        saved.append(people)
        store.close()
    # One process: the second article saw "Sergei Shoigu" (the only Shoigu known then).
    assert saved[0]["Shoigu told "] == ["Sergei Shoigu"]
    assert saved[1] == saved[0]
