"""A SIGKILLed ``storyline cluster`` leaves whole batches only; the rerun ends where an
uninterrupted run ends, and ``storyline doctor`` finds nothing to repair."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.fixtures.cluster.stream import generate, write_corpus

SCRIPT = Path(sys.executable).parent / "storyline"  # the console script of this venv
ENV = dict(os.environ, PYTHONUNBUFFERED="1")


def _storyline(db: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(SCRIPT), "--db", str(db), "--no-progress",
                           "--set", "stories.embedder=hashing", *args],
                          env=ENV, capture_output=True, text=True, timeout=600)
    if check:
        assert done.returncode == 0, done.stderr
    return done


def _assigned(db: Path) -> int:
    try:
        con = sqlite3.connect(db, timeout=5)
        try:
            return int(con.execute(
                "SELECT count(*) FROM articles WHERE story_id IS NOT NULL").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def _links(db: Path) -> dict[str, str]:
    con = sqlite3.connect(db)
    try:
        return dict(con.execute("SELECT id, story_id FROM articles").fetchall())
    finally:
        con.close()


def test_kill_cluster_then_rerun_matches_uninterrupted(tmp_path: Path) -> None:
    articles = generate(n_stories=400, per_story=(2, 5), seed=9, span_days=600)
    write_corpus(tmp_path / "in", articles)
    base = tmp_path / "base.db"
    _storyline(base, "ingest", str(tmp_path / "in"))
    killed, whole = tmp_path / "killed.db", tmp_path / "whole.db"
    shutil.copy(base, killed)
    shutil.copy(base, whole)
    _storyline(whole, "cluster")

    proc = subprocess.Popen([str(SCRIPT), "--db", str(killed), "--no-progress", "--set",
                             "stories.embedder=hashing", "cluster"],
                            env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None and _assigned(killed) == 0:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    at_kill = _assigned(killed)
    assert 0 < at_kill < len(articles), f"kill did not land mid-run ({at_kill} assigned)"
    # Whole batches only: every stored link names an existing story, sizes add up.
    assert _storyline(killed, "doctor").stdout.strip().endswith("ok")
    _storyline(killed, "cluster")
    assert _storyline(killed, "doctor").stdout.strip().endswith("ok")
    assert _links(killed) == _links(whole)


def test_doctor_repairs_orphans_and_wrong_sizes(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in", generate(n_stories=6, seed=2))
    db = tmp_path / "s.db"
    _storyline(db, "ingest", str(tmp_path / "in"))
    _storyline(db, "cluster")
    before = _links(db)
    con = sqlite3.connect(db)
    with con:  # what an older, non-transactional version could leave behind
        first, second = sorted(set(before.values()))[:2]
        con.execute("DELETE FROM stories WHERE id = ?", (first,))
        con.execute("UPDATE stories SET size = size + 3 WHERE id = ?", (second,))
    con.close()
    found = _storyline(db, "doctor", check=False)
    assert found.returncode == 1
    assert "orphan articles" in found.stdout and "wrong sizes" in found.stdout
    _storyline(db, "doctor", "--repair")
    assert _storyline(db, "doctor").stdout.strip().endswith("ok")
    assert _links(db) == before
