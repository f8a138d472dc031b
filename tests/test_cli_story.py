"""The story CLI over a store holding hand-annotated articles (no NLP needed)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from storyline import Storyline
from storyline.cli import cli
from storyline.store import StoryRow
from tests.test_ledger_gold import load_story

FIXTURES = Path(__file__).parent / "fixtures" / "ledger"


def _seed(app: Storyline) -> None:
    articles, _ = load_story(FIXTURES / "01_visit_syndicated.json")
    for a in articles:
        a.story_id = "story-dahl"
    app.store.add_articles(articles)
    app.store.upsert_story(StoryRow("story-dahl", "Dahl to visit Japan", len(articles),
                                    "2025-02-10", "2025-02-12", {}))


def _run(app: Storyline, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--db", app.options.store.url, "--no-progress", *args])
    return result.exit_code, result.output


def test_stories_lists_and_filters(app: Storyline) -> None:
    _seed(app)
    code, out = _run(app, "--json", "stories", "--outlet", "Harbour Times")
    assert code == 0 and [s["id"] for s in json.loads(out)] == ["story-dahl"]
    code, out = _run(app, "stories", "--query", "nothing-like-this")
    assert code == 0 and "no stories" in out


def test_story_shows_conflict_first_with_sentences(app: Storyline) -> None:
    _seed(app)
    code, out = _run(app, "story", "story-d")  # an id prefix is enough
    assert code == 0, out
    assert out.index("CONFLICTING") < out.index("CORROBORATED")
    assert "[early March]" in out and "Harbour Times" in out and "TIMELINE" in out
    code, out = _run(app, "--json", "story", "story-dahl")
    assert json.loads(out)["ledger"]["main_event"].startswith("Ingrid Dahl")


def test_timeline_command(app: Storyline) -> None:
    _seed(app)
    code, out = _run(app, "--json", "timeline", "Dahl", "--story", "story-dahl")
    assert code == 0, out
    data = json.loads(out)
    assert data["actors"] == ["Ingrid Dahl"] and data["entries"]


def test_report_to_file_and_missing_story(app: Storyline, tmp_path: Path) -> None:
    _seed(app)
    target = tmp_path / "out" / "dahl.html"
    code, out = _run(app, "report", "story-dahl", "--format", "html", "-o", str(target))
    assert code == 0 and target.read_text("utf-8").startswith("<!DOCTYPE html>")
    code, out = _run(app, "--json", "report", "story-dahl", "--format", "md")
    assert code == 0 and "## Fact ledger" in json.loads(out)["report"]
    code, out = _run(app, "story", "no-such-story")
    assert code == 2 and "no story" in out  # a wrong id is a usage error (issue 14.9)
