"""Reports: Markdown order and quoting, standalone escaped HTML with SVG, JSON round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.errors import ConfigError
from storyline.store import StoryRow
from storyline.stories.ledger import build_ledger
from storyline.stories.report import render_report
from storyline.stories.timeline import build_timeline
from storyline.stories.types import StoryView
from tests.test_ledger_gold import load_story

FIXTURES = Path(__file__).parent / "fixtures" / "ledger"


def _view(title: str = "Dahl to visit Japan") -> StoryView:
    articles, _ = load_story(FIXTURES / "01_visit_syndicated.json")
    more, _ = load_story(FIXTURES / "timeline_pair.json")
    row = StoryRow(id="s1", title=title, size=len(articles), first_published="2025-02-10",
                   last_published="2025-02-12", meta={})
    return StoryView(row, articles, build_ledger(articles, "s1"),
                     build_timeline(articles + more, ["Ingrid Dahl"]))


def test_markdown_lists_conflicts_first_with_quoted_evidence() -> None:
    md = render_report(_view(), "md")
    assert md.index("### Conflicting") < md.index("### Single-source") < md.index(
        "### Corroborated")
    assert "**early March**" in md  # the value is bolded inside its quoted sentence
    assert "Harbour Times" in md and "## Timeline: Ingrid Dahl" in md


def test_html_is_standalone_escaped_and_has_svg() -> None:
    page = render_report(_view(title="<script>alert(1)</script> & co"), "html")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<svg" in page and "<rect" in page
    assert "<link" not in page and "src=" not in page  # no external resources


def test_json_round_trips() -> None:
    data = json.loads(render_report(_view(), "json"))
    assert data["story"]["id"] == "s1"
    statuses = {f["slot"]: f["status"] for f in data["ledger"]["facts"]}
    assert statuses["event_date"] == "conflicting"
    assert data["timeline"]["entries"][0]["evidence"][0]["sentence"]
    assert "text" not in data["articles"][0]


def test_unknown_format_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="md, html, json"):
        render_report(_view(), "pdf")
