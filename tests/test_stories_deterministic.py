"""Same input, same stories: two fresh runs (and one with two analysis workers) agree on
story membership, story ids and report bytes."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.fixtures.cluster.stream import generate, write_corpus

SCRIPT = Path(sys.executable).parent / "storyline"
SEEDS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def _run(tmp: Path, name: str, corpus: Path, *sets: str) -> tuple[dict[str, str], dict[str, bytes]]:
    db, reports = tmp / f"{name}.db", tmp / f"{name}-reports"
    args = [str(SCRIPT), "--db", str(db), "--no-progress"]
    for s in sets:
        args += ["--set", s]
    done = subprocess.run([*args, "run", str(corpus), "--report-dir", str(reports)],
                          env=dict(os.environ), capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    con = sqlite3.connect(db)
    try:
        links = dict(con.execute("SELECT id, story_id FROM articles").fetchall())
    finally:
        con.close()
    return links, {p.name: p.read_bytes() for p in sorted(reports.iterdir())}


def test_two_fresh_runs_and_two_workers_give_identical_stories(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    # Enough articles for analysis.n_process=2 to really start two workers (100 each).
    write_corpus(corpus, generate(n_stories=60, per_story=(3, 5), seed=4))
    for path in SEEDS.glob("00*_*.txt*"):
        shutil.copy(path, corpus / path.name)
    first = _run(tmp_path, "a", corpus, "analysis.n_process=1")
    again = _run(tmp_path, "b", corpus, "analysis.n_process=1")
    workers = _run(tmp_path, "c", corpus, "analysis.n_process=2")
    assert len(set(first[0].values())) >= 20, len(set(first[0].values()))  # not one blob
    assert first[0] == again[0] == workers[0]
    assert first[1].keys() == again[1].keys() == workers[1].keys()
    for name in first[1]:
        assert first[1][name] == again[1][name] == workers[1][name], name
