"""storyline watch against a local news site on 127.0.0.1 (tests/fixtures/watch/site.py):
politeness, retries, conditional GET, a feed that changes between rounds, follows, the
changes log with its hook, and a restart without loss or duplicates."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from storyline import Storyline, load_options
from storyline.cli import cli
from storyline.config import WatchOptions
from storyline.errors import FetchError, MalformedInput
from storyline.watch.http import Fetcher
from storyline.watch.sources import parse_announcements
from storyline.web import create_app
from tests.fixtures.watch.site import Site, serve

FAST = {"ingest.progress": "false", "stories.embedder": "hashing", "analysis.n_process": "1",
        "watch.host_delay": "0", "watch.timeout": "1.0", "watch.retries": "1",
        "watch.backoff": "0.01"}


@pytest.fixture
def site() -> Iterator[Site]:
    with serve(Site()) as s:
        yield s


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 3))
        self.now += seconds

    def clock(self) -> float:
        return self.now


def _fetcher(clock: FakeClock, **opts: float | int) -> Fetcher:
    options = WatchOptions(**{"host_delay": 0.0, "timeout": 1.0, "retries": 2, "backoff": 0.5,
                              **opts})  # type: ignore[arg-type]
    return Fetcher(options, sleep=clock.sleep, clock=clock.clock)


def test_fetcher_is_polite_and_retries_with_backoff(site: Site) -> None:
    clock = FakeClock()
    f = _fetcher(clock, host_delay=5.0)
    f.get(site.base + "/news/bridge-1")  # robots.txt first, then the page, 5 s apart
    assert clock.slept == [5.0]
    assert site.agents == {WatchOptions().user_agent}
    with pytest.raises(FetchError, match="robots.txt disallows"):
        f.get(site.base + "/private/x")
    clock.slept.clear()
    with pytest.raises(FetchError, match=r"HTTP 500 .*after 3 attempts") as err:
        _fetcher(clock).get(site.base + "/error")
    assert err.value.transient and site.hits["/error"] == 3
    assert clock.slept == [0.5, 1.0]  # exponential backoff between the attempts
    with pytest.raises(FetchError) as not_found:
        _fetcher(clock).get(site.base + "/nothing-here")
    assert "HTTP 404" in not_found.value.reason and not not_found.value.transient
    assert site.hits["/nothing-here"] == 1  # a 404 is not retried


def test_retry_after_is_honoured(site: Site) -> None:
    clock = FakeClock()
    got = _fetcher(clock).get(site.base + "/busy")
    assert got.status == 200 and clock.slept == [3.0]  # Retry-After beats the 0.5 s backoff


def test_slow_response_times_out_then_retry_succeeds(site: Site) -> None:
    clock = FakeClock()
    got = _fetcher(clock, timeout=0.5).get(site.base + "/slow")
    assert got.status == 200 and b"Northfield" in got.content and site.hits["/slow"] == 2


def test_redirect_and_conditional_get(site: Site) -> None:
    f = _fetcher(FakeClock())
    moved = f.get(site.base + "/moved")
    assert moved.url == site.base + "/news/bridge-2" and moved.redirects == [site.base + "/moved"]
    first = f.get(site.base + "/feed.xml")
    again = f.get(site.base + "/feed.xml", etag=first.etag, last_modified=first.last_modified)
    assert first.status == 200 and again.status == 304 and again.content == b""


def test_parse_feeds_and_sitemaps() -> None:
    index = (b"<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/"
             b"sitemap/0.9'><sitemap><loc>https://x.test/news.xml</loc></sitemap></sitemapindex>")
    assert parse_announcements(index, "idx").sitemaps == ["https://x.test/news.xml"]
    news = (b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
            b"xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'><url>"
            b"<loc>https://x.test/a</loc><news:news><news:publication_date>2025-03-04T10:00:00Z"
            b"</news:publication_date><news:title>A title</news:title></news:news></url></urlset>")
    entry = parse_announcements(news, "news").entries[0]
    assert (entry.url, entry.title, entry.published) == ("https://x.test/a", "A title",
                                                         "2025-03-04")
    for bad in (b"<rss><channel><item><title>x", b"<html><body>hello</body></html>",
                b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'></urlset>"):
        with pytest.raises(MalformedInput):
            parse_announcements(bad, "bad")


def test_watch_rounds_follow_changes_and_hook(site: Site, tmp_path: Path, store_url: str) -> None:
    site.feed_items = [("/news/bridge-1", "Bridge closes"), ("/private/secret", "Secret"),
                       ("/error", "Broken"), ("/moved", "Moved"), ("/report.pdf", "A PDF"),
                       ("/slow", "Slow")]
    feeds = [site.base + "/feed.xml", site.base + "/sitemap-index.xml",
             site.base + "/broken-feed.xml"]
    sl = Storyline(load_options(overrides={"store.url": store_url, **FAST}))
    first = sl.watch_round(feeds)
    reasons = {f.source.removeprefix(site.base): f.reason for f in first.failures}
    assert set(reasons) == {"/broken-feed.xml", "/error", "/private/secret", "/report.pdf"}
    assert "not a usable RSS/Atom feed" in reasons["/broken-feed.xml"]
    assert "not an HTML page (Content-Type: application/pdf)" in reasons["/report.pdf"]
    assert first.stored == 4  # bridge-1, bridge-2 (via the redirect), the slow page, library
    assert site.hits["/sitemap.xml"] == 1  # the index's child sitemap was followed
    rows = sl.articles()
    urls = {r["url"] for r in rows}
    assert site.base + "/news/bridge-2" in urls  # stored under the URL it was redirected to
    assert {r["outlet"] for r in rows} == {"Portvale Gazette"}  # from the page's metadata
    assert "Harbour bridge in Portvale shut after cracks found" in {r["title"] for r in rows}
    bridge = next(r["story_id"] for r in rows if r["url"].endswith("/news/bridge-1"))
    assert next(r["story_id"] for r in rows if r["url"].endswith("/bridge-2")) == bridge
    new = [c for c in first.changes if c["kind"] == "new_story"]
    assert {c["story_id"] for c in new} == {r["story_id"] for r in rows}

    assert sl.follow("story", bridge[:6])["target"] == bridge
    assert sl.follow("entity", "Okafor")["target"] == "Daniel Okafor"
    site.feed_items.append(("/news/bridge-3", "Repairs cost more"))
    site.feed_version = 2  # the feed changed: new ETag
    hook_out = tmp_path / "hook.jsonl"
    result = CliRunner().invoke(cli, ["--db", sl.store.url, *sum((["--set", f"{k}={v}"] for k, v
                                      in FAST.items()), []), "watch", "--rounds", "1",
                                      "--on-change", f"cat >> {hook_out}", *sum(
                                          (["--feed", f] for f in feeds), [])])
    assert result.exit_code == 0, result.output
    assert "1 new articles" in result.output and "adds to" in result.output
    added = [json.loads(line) for line in hook_out.read_text().splitlines()]
    assert [c["kind"] for c in added] == ["article_added"]
    assert set(added[0]["follows"]) == {f"story:{bridge}", "entity:Daniel Okafor"}
    assert added[0]["data"]["article_title"] == "Portvale bridge repairs to cost more than planned"

    third = sl.watch_round(feeds)
    assert third.unchanged_feeds == 1 and third.announced == 0 and third.changes == []
    assert site.conditional.count("/feed.xml") == 2
    assert site.hits["/error"] == 4  # two rounds of two attempts, then given up
    assert site.hits["/report.pdf"] == 1  # a PDF is not fetched again

    log = CliRunner().invoke(cli, ["--db", sl.store.url, "changes", "--followed"])
    assert "adds to" in log.output and "New story" not in log.output
    with TestClient(create_app(sl)) as client:
        api = client.get("/api/changes").json()
        assert len(api) == len(new) + 1 and api[0]["kind"] == "article_added"
        assert client.get("/api/changes", params={"since": "2999-01-01"}).json() == []
        page = client.get("/changes").text
        assert "What changed" in page and "story: " + bridge in page
        assert "/export/changes.csv" in page
        csv_text = client.get("/export/changes.csv", params={"followed": "true"}).text
        assert csv_text.count("\n") == 2 and "article_added" in csv_text
    sl.close()


def test_conflicts_appearing_and_resolved_are_logged_once(app: Storyline,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import storyline.stories as stories_pkg
    from storyline.model import Article
    from storyline.store import StoryRow
    from storyline.stories.types import CONFLICTING, Fact, FactValue, Ledger, StoryView, Timeline
    from storyline.watch.changes import report_changes

    def add(n: int) -> Article:
        art = Article(text=f"Article number {n} about the harbour bridge repairs in Portvale.",
                      story_id="5a17e0c0ffee0009", url=f"https://x.test/{n}")
        art.ensure_id()
        app.store.add_articles([art])
        app.store.add_pages([{"url": art.url}])
        app.store.set_page(art.url, status="stored", article_id=art.id)
        return art

    dispute = [Fact("event_date", "When will the bridge reopen?", CONFLICTING,
                    [FactValue("late August 2025", {}), FactValue("October 2025", {})])]
    facts: list[Fact] = list(dispute)

    def fake_view(store: object, story_id: str, options: object) -> StoryView:
        row = app.store.get_story(story_id)
        arts = list(app.store.iter_articles(story_id=story_id))
        return StoryView(row, arts, Ledger(story_id, list(facts)), Timeline([]))

    monkeypatch.setattr(stories_pkg, "load_view", fake_view)
    app.store.upsert_story(StoryRow("5a17e0c0ffee0009", "Bridge", 1, None, None, {}))
    add(1)
    first = report_changes(app.store, app.options)
    assert [c["kind"] for c in first] == ["new_story", "conflict_new"]
    assert "late August 2025 vs October 2025" in first[1]["message"]
    assert report_changes(app.store, app.options) == []  # nothing new, nothing repeated
    facts.clear()
    app.follow("story", "5a17e0c0ffee0009")
    add(2)
    second = report_changes(app.store, app.options)
    assert [c["kind"] for c in second] == ["article_added", "conflict_resolved"]
    assert second[1]["follows"] == ["story:5a17e0c0ffee0009"]
