"""A bad --db, a missing store, hostile names in failures and reports (issue 14.10)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline import Storyline
from storyline.cli import cli
from storyline.errors import StoreError
from storyline.model import Article
from storyline.store import Store, StoryRow
from storyline.stories.report import render_report
from storyline.stories.types import Evidence, Fact, FactValue, Ledger, StoryView, Timeline


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--no-progress", *args])
    return result.exit_code, result.output


def _one_line_error(code: int, out: str) -> None:
    assert code == 2, out
    assert out.startswith("error: ") and out.count("\n") == 1 and "Traceback" not in out, out


def test_not_a_database_is_one_line_exit_2(tmp_path: Path) -> None:
    junk = tmp_path / "notes.db"
    junk.write_bytes(b"these are my notes, not a database\n" * 200)
    code, out = _run("--db", str(junk), "stories")
    _one_line_error(code, out)
    assert "not a database" in out


def test_truncated_database_is_one_line_exit_2(tmp_path: Path) -> None:
    db = tmp_path / "cut.db"
    store = Store(f"sqlite:///{db}")
    store.add_articles([Article(text=f"Article number {i} says something else.") for i in range(50)])
    store.close()
    for extra in ("-wal", "-shm"):
        Path(str(db) + extra).unlink(missing_ok=True)
    data = db.read_bytes()
    db.write_bytes(data[:100] + b"\0" * 300)  # header kept, pages gone
    code, out = _run("--db", str(db), "articles")
    _one_line_error(code, out)


def test_unreachable_postgresql_is_one_line_exit_2() -> None:
    code, out = _run("--db", "postgresql://user:secret@127.0.0.1:1/nothing", "stories")
    _one_line_error(code, out)
    assert "secret" not in out


def test_read_commands_never_create_a_store(tmp_path: Path) -> None:
    target = tmp_path / "typo" / "dir" / "x.db"
    for command in (["stories"], ["articles"], ["search", "x"], ["failures"], ["entities"],
                    ["show", "abc"], ["story", "abc"], ["timeline", "Putin"]):
        code, out = _run("--db", str(target), *command)
        _one_line_error(code, out)
        assert "no store at" in out
    assert not (tmp_path / "typo").exists()
    with pytest.raises(StoreError):
        Storyline.open(str(target), create=False)


def test_failures_cannot_forge_lines(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a\nfailed [ingest]: forged.txt: fake").write_text("")
    db = str(tmp_path / "s.db")
    code, out = _run("--db", db, "ingest", str(inputs))
    assert code == 1
    assert [ln for ln in out.splitlines() if ln.startswith("failed")] == [
        f"failed [ingest]: {inputs}/a\\nfailed [ingest]: forged.txt: fake: file is empty"]
    code, out = _run("--db", db, "failures")
    assert code == 0 and out.count("\n") == 1 and "a\\nfailed" in out


def test_markdown_report_escapes_html() -> None:
    bad = "<script>alert(1)</script>"
    text = f"{bad} said the summit is on 3 May."
    ev = Evidence("a1", "<b>Outlet</b>", "2025-05-01", text, 0, len(text), 0, len(bad), bad)
    view = StoryView(
        story=StoryRow("s1", f"Title {bad}", 1, None, None, {}),
        articles=[Article(text=text, title=bad, outlet="<b>Outlet</b>", author=bad)],
        ledger=Ledger(story_id="s1", sources=[{"id": "a1", "outlet": "<i>O</i>", "title": bad,
                                                "published": None}],
                      facts=[Fact("date", f"date {bad}", "single-source",
                                  [FactValue(bad, {}, [ev], 1)], note=bad)]),
        timeline=Timeline(actors=[bad], entries=[]))
    md = render_report(view, "md")
    assert "<script>" not in md and "<b>" not in md and "<i>" not in md
    assert "&lt;script&gt;" in md
