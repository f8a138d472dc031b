"""The ingest CLI commands through click's CliRunner (text and --json output, exit codes)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from storyline.cli import cli
from tests.conftest import SEEDS


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder, ignore=shutil.ignore_patterns("*.xml", "ATTRIBUTION.md"))
    for extra in folder.glob("*"):
        if extra.is_file() and not extra.name.startswith(("000_", "002_")):
            extra.unlink()
    return folder


def _run(store_url: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--db", store_url, "--no-progress", *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def test_ingest_then_list_show_search(store_url: str, corpus: Path) -> None:
    code, out = _run(store_url, "ingest", str(corpus))
    assert code == 0 and "ingested 2" in out
    code, out = _run(store_url, "ingest", str(corpus))
    assert code == 0 and "unchanged 2" in out

    code, out = _run(store_url, "--json", "articles")
    rows = json.loads(out)
    assert {r["published"] for r in rows} == {"2025-05-09", "2025-06-15"}
    code, out = _run(store_url, "articles", "--since", "2025-06-01")
    assert code == 0 and "Putin to visit Xi Jinping" in out and "Express" not in out

    express = next(r for r in rows if r["outlet"] == "Express & Star")
    code, out = _run(store_url, "show", express["id"][:8])
    assert code == 0 and "Yuri Ushakov" in out and "author:" in out
    code, out = _run(store_url, "--json", "show", express["id"][:8])
    data = json.loads(out)
    assert "raw" not in data and data["title"].startswith("Russia says Putin")
    assert any("Pool Photo" in r for r in data["removed"])

    code, out = _run(store_url, "show", "7de9")  # part of the seed's file name
    assert code == 0 and "Express & Star" in out

    code, out = _run(store_url, "search", "Shoigu")
    assert code == 0 and "Shoigu" in out
    code, out = _run(store_url, "--json", "search", "Shoigu")
    assert len(json.loads(out)) == 1


def test_show_unknown_id_exits_2(store_url: str) -> None:
    code, out = _run(store_url, "show", "ffffffff")
    assert code == 2 and ("no article" in out or "no store" in out)


def test_failures_and_exit_code(store_url: str, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("")
    (tmp_path / "in" / "ok.txt").write_text(
        "Heading of the story\n\nThe council approved the plan on Monday, officials said.")
    code, out = _run(store_url, "ingest", str(tmp_path / "in"))
    assert code == 1 and "ingested 1" in out and "empty.txt: file is empty" in out
    code, out = _run(store_url, "--json", "failures")
    rows = json.loads(out)
    assert len(rows) == 1 and rows[0]["source"].endswith("empty.txt")
    code, out = _run(store_url, "failures")
    assert "file is empty" in out


def test_json_ingest_report(store_url: str, corpus: Path) -> None:
    code, out = _run(store_url, "--json", "ingest", str(corpus))
    data = json.loads(out)
    assert code == 0 and data["ingested"] == 2 and data["failed"] == 0


def test_run_skips_missing_parts_with_a_note(store_url: str, corpus: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Placeholders (NotImplementedError) in later stages must not crash `run`."""
    from storyline import api

    def not_yet(self: object, *a: object, **k: object) -> object:
        raise NotImplementedError("being built")

    monkeypatch.setattr(api.Storyline, "analyze", not_yet)
    monkeypatch.setattr(api.Storyline, "build_stories", not_yet)
    code, out = _run(store_url, "run", str(corpus), "--report-dir", str(tmp_path / "rep"))
    assert code == 0, out
    assert "skipped analysis" in out and "skipped stories" in out and "ingested 2" in out


def test_run_writes_reports_when_available(store_url: str, corpus: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline import api
    from storyline.store import StoryRow

    made: list[str] = []

    def one_story(self: api.Storyline, *a: object, **k: object) -> api.RunReport:
        made.append(f"s{len(made) + 1}")  # each run makes one new story
        self.store.upsert_story(StoryRow(made[-1], f"Story {len(made)}", 2, None, None, {}))
        return api.RunReport(stories=len(made))

    class View:
        class ledger:  # noqa: N801 - a stand-in with what the story counts read
            facts = [SimpleNamespace(status="conflicting", background=False)]

    monkeypatch.setattr(api.Storyline, "analyze", lambda self, *a, **k: api.RunReport())
    monkeypatch.setattr(api.Storyline, "build_stories", one_story)
    monkeypatch.setattr(api.Storyline, "story", lambda self, sid: View())
    monkeypatch.setattr(api.Storyline, "story_ledger", lambda self, sid: View.ledger)
    monkeypatch.setattr(api.Storyline, "report", lambda self, sid, fmt="md": f"report {fmt}")
    code, out = _run(store_url, "run", str(corpus), "--report-dir", str(tmp_path / "rep"))
    assert code == 0, out
    assert "Story 1" in out and "1 conflicting" in out
    assert sorted(p.name for p in (tmp_path / "rep").iterdir()) == [
        "story-s1.html", "story-s1.json", "story-s1.md"]
    code, out = _run(store_url, "--json", "run", str(corpus))
    data = json.loads(out)
    # Only the story this run made or changed is listed (not s1, from the run before).
    assert data["stories"] == 2
    assert [(s["id"], s["conflicting"]) for s in data["story_summaries"]] == [("s2", 1)]


def test_touched_stories_are_the_new_and_changed_ones(tmp_path: Path) -> None:
    from storyline import Storyline, load_options
    from storyline.store import StoryRow

    app = Storyline(load_options(overrides={"store.url": f"sqlite:///{tmp_path / 's.db'}"}))
    for sid in ("a", "b", "c"):
        app.store.upsert_story(StoryRow(sid, sid.upper(), 2, "2024-01-01", "2024-01-02", {}))
    before = app.story_state()
    app.store.upsert_story(StoryRow("b", "B", 3, "2024-01-01", "2024-01-05", {}))  # grew
    app.store.upsert_story(StoryRow("d", "D", 1, "2024-02-01", "2024-02-01", {}))  # new
    app.store.upsert_story(StoryRow("c", "C", 2, "2024-01-01", "2024-01-02", {}))  # same
    assert [r.id for r in app.touched_stories(before)] == ["b", "d"]  # biggest first
    assert app.touched_stories(app.story_state()) == []
    app.close()


def test_run_that_changes_no_story_says_so(store_url: str, corpus: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline import api

    monkeypatch.setattr(api.Storyline, "analyze", lambda self, *a, **k: api.RunReport())
    monkeypatch.setattr(api.Storyline, "build_stories", lambda self, *a, **k: api.RunReport())
    code, out = _run(store_url, "run", str(corpus))
    assert code == 0, out
    assert "no story made or changed by this run" in out
