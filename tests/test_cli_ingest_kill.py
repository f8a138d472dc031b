"""A killed ingest loses nothing already committed; a rerun completes without duplicates."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

N_FILES = 800


def _count(db: Path) -> int:
    try:
        con = sqlite3.connect(db, timeout=5)
        try:
            return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0  # not created yet


def _corpus(folder: Path) -> None:
    folder.mkdir()
    for i in range(N_FILES):
        (folder / f"{i:05d}.txt").write_text(
            f"Report number {i}\n\nThe committee met for session {i} on Monday and approved "
            f"item {i * 7} after a debate about budget line {i * 13}, members said.\n\n"
            f"A vote on proposal {i * 3} is expected next week, the chair added.",
            encoding="utf-8")


def test_kill_mid_run_then_rerun(tmp_path: Path) -> None:
    _corpus(tmp_path / "in")
    db = tmp_path / "kill.db"
    script = Path(sys.executable).parent / "storyline"  # the console script of this venv
    cmd = [str(script), "--db", str(db), "--no-progress",
           "ingest", str(tmp_path / "in")]
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and _count(db) < 50:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    at_kill = _count(db)
    assert 0 < at_kill < N_FILES, f"kill did not land mid-run ({at_kill} stored)"
    rerun = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert _count(db) == N_FILES
    assert f"ingested {N_FILES - at_kill}, unchanged {at_kill}" in rerun.stdout
    # The store is consistent after the kill and the rerun (no story links were written).
    doctor = subprocess.run([str(script), "--db", str(db), "doctor"], env=env,
                            capture_output=True, text=True, timeout=120)
    assert doctor.returncode == 0 and doctor.stdout.strip().endswith("ok"), doctor.stdout
