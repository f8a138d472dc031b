"""Outlet naming (metadata, else URL domain), profile import, coverage and the story summary."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from storyline import Storyline
from storyline.cli import cli
from storyline.errors import MalformedInput
from storyline.model import Article
from storyline.outlets import UNKNOWN_OUTLET, domain_of, outlet_label, read_profiles, resolve_outlet
from storyline.stories.coverage import NO_VALUE, build_coverage
from storyline.stories.summary import summarize
from tests.fixtures.web import build


def test_outlet_from_metadata_else_domain() -> None:
    assert resolve_outlet("Mid-Day", "https://www.mid-day.com/x") == ("Mid-Day", "metadata")
    assert resolve_outlet(None, "https://www.bbc.co.uk/news/1") == ("BBC News", "url")
    assert resolve_outlet(None, "https://edition.cnn.com/2025/x") == ("CNN", "url")
    assert resolve_outlet(None, "http://m.example.org/a") == ("example.org", "url")
    assert resolve_outlet("www.example.org", None) == ("example.org", "url")
    profiles = {"example.org": {"domain": "example.org", "name": "Example Times"}}
    assert resolve_outlet(None, "https://news.example.org/a", profiles)[0] == "Example Times"
    assert resolve_outlet(None, None) == (None, None)
    assert outlet_label(None) == outlet_label("  ") == UNKNOWN_OUTLET
    assert domain_of("file:///tmp/x.html") is None


def test_read_profiles_keeps_user_columns_and_names_bad_rows(tmp_path: Path) -> None:
    good = tmp_path / "outlets.csv"
    good.write_text("Domain,Name,Country,Lean\nhttps://www.example.org/,Example Times,UK,centre\n"
                    "wire.test,Wire Service,,\n", encoding="utf-8")
    rows = read_profiles(good)
    assert rows[0] == {"domain": "example.org", "name": "Example Times", "country": "UK",
                       "lean": "centre"}
    assert rows[1]["country"] is None
    bad = tmp_path / "bad.csv"
    bad.write_text("domain,name\nexample.org,\n", encoding="utf-8")
    with pytest.raises(MalformedInput, match=r"bad.csv:2"):
        read_profiles(bad)
    nocol = tmp_path / "nocol.csv"
    nocol.write_text("site,title\nx,y\n", encoding="utf-8")
    with pytest.raises(MalformedInput, match="missing: domain, name"):
        read_profiles(nocol)


def _page(tmp_path: Path, name: str, url: str, published: str, body: str) -> Path:
    path = tmp_path / "in" / f"{name}.html"
    path.parent.mkdir(exist_ok=True)
    path.write_text(f"<html><head><title>{name}</title></head><body><article><p>{body}</p>"
                    "</article></body></html>", encoding="utf-8")
    (path.parent / f"{name}.html.meta.json").write_text(
        f'{{"url": "{url}", "published": "{published}"}}', encoding="utf-8")
    return path


def test_ingest_names_outlet_by_domain_and_import_renames(app: Storyline, tmp_path: Path) -> None:
    body = ("The city council voted on Tuesday to close the old harbour bridge for repairs "
            "that engineers say will take at least two years to complete.")
    _page(tmp_path, "one", "https://www.example.org/news/1", "2025-03-01", body)
    _page(tmp_path, "two", "https://www.bbc.co.uk/news/2", "2025-03-02", body + " More.")
    app.ingest([tmp_path / "in"], progress=False)
    outlets = {a["outlet"] for a in app.articles()}
    assert outlets == {"example.org", "BBC News"}
    csv_path = tmp_path / "outlets.csv"
    csv_path.write_text("domain,name,country,owner,reliability\n"
                        "example.org,Example Times,UK,Example Group,high\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--db", app.store.url, "outlets", "import", str(csv_path)])
    assert result.exit_code == 0, result.output
    assert "imported 1 outlet profiles; renamed 1 articles" in result.output
    assert {a["outlet"] for a in app.articles()} == {"Example Times", "BBC News"}
    listing = CliRunner().invoke(cli, ["--db", app.store.url, "outlets"])
    assert "Example Times" in listing.output and "reliability=high" in listing.output
    _page(tmp_path, "three", "https://example.org/news/3", "2025-03-03", body + " Again.")
    app.ingest([tmp_path / "in"], progress=False)
    assert sum(a["outlet"] == "Example Times" for a in app.articles()) == 2  # profile at ingest


def _art(outlet: str, url: str | None, published: str | None, text: str) -> Article:
    a = Article(text=text, outlet=outlet, url=url, published=published, title=text[:20])
    a.ensure_id()
    return a


def test_coverage_marks_first_report_and_groups_by_profile_column() -> None:
    arts = [_art("Example Times", "https://example.org/1", "2025-03-02", "a " * 10),
            _art("Wire", None, "2025-03-01", "b " * 10),
            _art("Wire", None, "2025-03-04", "c " * 10),
            _art("Daily", "https://daily.test/x", None, "d " * 10)]
    profiles = {"example.org": {"domain": "example.org", "name": "Example Times", "country": "UK"},
                "wire.test": {"domain": "wire.test", "name": "Wire", "country": "US",
                              "lean": None}}
    cov = build_coverage(arts, profiles)
    assert cov.first_published == "2025-03-01" and cov.columns == ["country"]
    assert [o.outlet for o in cov.outlets] == ["Wire", "Example Times", "Daily"]
    assert [o.broke_it for o in cov.outlets] == [True, False, False]
    grouped = build_coverage(arts, profiles, "country")
    assert [(g, [o.outlet for o in os]) for g, os in grouped.groups] == [
        ("UK", ["Example Times"]), ("US", ["Wire"]), (NO_VALUE, ["Daily"])]
    assert build_coverage(arts, profiles, "bogus").group_by is None


def test_summary_picks_central_leads_from_different_sources() -> None:
    a = _art("A", None, "2025-05-09", "Putin will travel to China at the end of August, the "
             "Kremlin said on Friday. The weather in Moscow was mild and sunny all week long.")
    b = _art("B", None, "2025-05-10", "Russian President Putin will visit China in September, "
             "Shoigu said in Beijing on Saturday. Trade between the two countries keeps growing.")
    c = _art("C", None, "2025-05-11", "The Kremlin confirmed Putin will travel to China for "
             "the anniversary events. Football fans celebrated a late goal in the derby match.")
    picked = summarize([a, b, c])
    assert len(picked) == 3 and len({s.article_id for s in picked}) == 3
    assert all("Putin" in s.text for s in picked)  # the off-topic second sentences lose
    assert [s.published for s in picked] == sorted(s.published or "" for s in picked)
    for s in picked:
        source = next(x for x in (a, b, c) if x.id == s.article_id)
        assert source.text[s.start:s.end] == s.text
    assert len(summarize([a])) == 2 and summarize([]) == []


def test_story_page_summary_and_coverage(client: TestClient, arts: dict[str, Article]) -> None:
    page = client.get(f"/stories/{build.STORY_ID}").text
    assert page.index('class="summary"') < page.index('class="conflicts"')
    assert 'class="coverage-box"' in page and "first report 2025-05-09" in page
    assert '<circle class="first-report"' in page
    a = arts["a"]
    assert f"/articles/{a.id}?hl=0-" in page  # the summary sentence links to its source
    cov = client.get(f"/api/stories/{build.STORY_ID}/coverage").json()
    assert [o["outlet"] for o in cov["outlets"]] == ["Express & Star", "Mid-Day"]
    assert cov["outlets"][0]["first_report"] is True
