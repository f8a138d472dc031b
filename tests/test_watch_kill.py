"""kill -9 in the middle of a watch round, then a restart: every announced page ends up
stored once, every story is reported once, and nothing is lost."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.fixtures.watch.site import ARTICLES, Site, serve
from tests.test_watch import FAST


def _query(db: Path, sql: str) -> list[tuple[object, ...]]:
    try:
        con = sqlite3.connect(db, timeout=5)
        try:
            return list(con.execute(sql).fetchall())
        finally:
            con.close()
    except sqlite3.Error:
        return []  # not created yet


def test_kill_9_mid_round_then_restart(tmp_path: Path) -> None:
    db = tmp_path / "watch.db"
    script = Path(sys.executable).parent / "storyline"
    sets = sum((["--set", f"{k}={v}"] for k, v in FAST.items()), [])
    with serve(Site()) as site:
        site.page_delay = 0.4  # slow pages so the kill lands while pages are being fetched
        site.feed_items = [(f"/news/{slug}", title) for slug, (title, _, _) in ARTICLES.items()]
        cmd = [str(script), "--db", str(db), *sets, "watch", "--rounds", "1",
               "--feed", site.base + "/feed.xml"]
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        stored_sql = "SELECT count(*) FROM watch_pages WHERE status = 'stored'"
        while time.monotonic() < deadline and proc.poll() is None:
            rows = _query(db, stored_sql)
            if rows and int(str(rows[0][0])) >= 2:
                break
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        at_kill = int(str(_query(db, stored_sql)[0][0]))
        assert 2 <= at_kill < len(ARTICLES), f"kill did not land mid-round ({at_kill} stored)"
        assert _query(db, "SELECT count(*) FROM changes")[0][0] == 0

        site.page_delay = 0.0
        rerun = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
        assert rerun.returncode == 0, rerun.stderr
        again = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
        assert again.returncode == 0, again.stderr
        assert "0 changes" in again.stdout
    pages = _query(db, "SELECT status, reported, article_id FROM watch_pages")
    assert len(pages) == len(ARTICLES)
    assert all(status == "stored" and reported for status, reported, _ in pages)
    articles = _query(db, "SELECT id, story_id FROM articles")
    assert len(articles) == len(ARTICLES)  # nothing stored twice
    assert {a for _, _, a in pages} == {a for a, _ in articles}
    stories = {s for _, s in articles}
    reported = _query(db, "SELECT story_id FROM changes WHERE kind = 'new_story'")
    assert sorted(s for (s,) in reported) == sorted(stories)  # each story reported once
