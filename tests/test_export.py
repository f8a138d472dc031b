"""Export tables (CLI, API, web links), list paging and sorting, over the hand-made store."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pyarrow.parquet as pq
from click.testing import CliRunner
from fastapi.testclient import TestClient

from storyline import Storyline
from storyline.cli import cli
from storyline.export import Filters, export_rows, to_csv
from storyline.model import Article, Entity, Event, Timex
from storyline.store import StoryRow
from tests.fixtures.web import build


def _with_event(app: Storyline) -> Article:
    text = "Vladimir Putin met Xi Jinping in Beijing on 3 September 2025 to sign a deal."
    s = text.index("3 September 2025")
    art = Article(text=text, title="Putin meets Xi", outlet="Wire", published="2025-09-04",
                  story_id=build.STORY_ID, sentences=[(0, len(text))])
    art.events = [Event(0, len(text), text, "meeting", "met", ["Vladimir Putin", "Xi Jinping"],
                        "Beijing", Timex(s, s + 16, "3 September 2025", "DATE", "2025-09-03",
                                         begin="2025-09-03", finish="2025-09-03"))]
    art.entities = [Entity(text.index(n), text.index(n) + len(n), n, "PERSON", n)
                    for n in ("Vladimir Putin", "Xi Jinping")]
    art.ensure_id()
    app.store.add_articles([art])
    return art


def test_fact_rows_carry_evidence(app: Storyline, arts: dict[str, Article]) -> None:
    sl = build.FixtureStoryline(app.options, app.store)
    rows = export_rows(sl, "facts", Filters(story=build.STORY_ID))
    conflict = [r for r in rows if r["status"] == "conflicting"]
    assert {r["value"] for r in conflict} == {"late August 2025", "September 2025"}
    a = arts["a"]
    row = next(r for r in conflict if r["value"] == "late August 2025")
    assert row["article_id"] == a.id and a.text[row["start"]:row["end"]] == "the end of August"
    assert row["outlet"] == "Express & Star" and "Kremlin said" in row["sentence"]


def test_event_table_and_filters(app: Storyline, arts: dict[str, Article]) -> None:
    art = _with_event(app)
    rows = app.export_rows("events")
    assert len(rows) == 1
    r = rows[0]
    assert (r["date"], r["event_type"], r["place"], r["story_id"]) == (
        "2025-09-03", "meeting", "Beijing", build.STORY_ID)
    assert r["actors"] == ["Vladimir Putin", "Xi Jinping"] and r["article_id"] == art.id
    assert app.export_rows("events", outlet="Mid-Day") == []
    assert app.export_rows("events", since="2025-10-01") == []
    text = to_csv(rows)
    assert "Vladimir Putin; Xi Jinping" in text and text.startswith("date,begin,finish,actors")


def test_story_rows_sort_and_outlet_counts(app: Storyline, arts: dict[str, Article]) -> None:
    app.store.upsert_story(StoryRow("5a17e0c0ffee0003", "Aardvark story", 0, "2024-01-01",
                                    "2024-01-01", {}))
    by_size = [r["id"] for r in app.export_rows("stories")]
    assert by_size[0] == build.STORY_ID
    by_title = [r["title"] for r in app.export_rows("stories", sort="title")]
    assert by_title[0] == "Aardvark story"
    earliest = app.export_rows("stories", sort="earliest", limit=1)
    assert earliest[0]["id"] == "5a17e0c0ffee0003"
    main = next(r for r in app.export_rows("stories") if r["id"] == build.STORY_ID)
    assert main["outlets"] == 2 and main["articles"] == 2
    sl = build.FixtureStoryline(app.options, app.store)  # the seeds' ledger: one conflict
    row = next(r for r in export_rows(sl, "stories", Filters()) if r["id"] == build.STORY_ID)
    assert row["conflicting"] == 1 and row["corroborated"] >= 1


def test_cli_export_formats(app: Storyline, arts: dict[str, Article], tmp_path: Path) -> None:
    db = app.store.url
    runner = CliRunner()
    out = runner.invoke(cli, ["--db", db, "export", "articles", "--outlet", "Mid-Day"])
    assert out.exit_code == 0, out.output
    rows = list(csv.DictReader(io.StringIO(out.output)))
    assert [r["id"] for r in rows] == [arts["b"].id]
    out = runner.invoke(cli, ["--db", db, "export", "articles", "--format", "jsonl",
                              "--sort", "oldest", "--limit", "2"])
    lines = [json.loads(x) for x in out.output.splitlines()]
    assert [x["published"] for x in lines] == ["2025-05-09", "2025-06-15"]
    target = tmp_path / "stories.parquet"
    out = runner.invoke(cli, ["--db", db, "export", "stories", "--format", "parquet", "-o",
                              str(target)])
    assert out.exit_code == 0, out.output
    table = pq.read_table(target)
    assert table.num_rows == 2 and "outlets" in table.column_names
    bad = runner.invoke(cli, ["--db", db, "export", "stories", "--sort", "bogus"])
    assert bad.exit_code == 2 and "unknown story sort" in bad.output
    tl = runner.invoke(cli, ["--db", db, "export", "timeline"])
    assert tl.exit_code == 2 and "needs an actor" in tl.output


def _links(page: str, cls: str) -> list[str]:
    return [h.replace("&amp;", "&") for h in re.findall(rf'class="{cls}"[^>]*href="([^"]+)"', page)]


def test_story_list_pages_and_keeps_filters(client: TestClient) -> None:
    page = client.get("/", params={"limit": 1, "sort": "latest"}).text
    nxt = _links(page, "next")
    assert nxt == ["/?limit=1&sort=latest&offset=1"] and not _links(page, "prev")
    assert "Hostile story" in page and "Putin to visit China" not in page  # latest first
    second = client.get(nxt[0]).text
    assert "Putin to visit China" in second and _links(second, "prev") == ["/?limit=1&sort=latest"]
    assert not _links(second, "next")
    csv_link = _links(page, "export-csv")[0]
    assert csv_link == "/export/stories.csv?sort=latest"
    filtered = client.get("/", params={"outlet": "Mid-Day"}).text
    csv_href, json_href = _links(filtered, "export-csv")[0], _links(filtered, "export-json")[0]
    assert "outlet=Mid-Day" in csv_href
    got = client.get(csv_href)
    assert got.headers["content-type"].startswith("text/csv")
    assert [r["id"] for r in csv.DictReader(io.StringIO(got.text))] == [build.STORY_ID]
    assert [r["id"] for r in client.get(json_href).json()] == [build.STORY_ID]
    assert client.get("/", params={"sort": "bogus"}).status_code == 400


def test_articles_and_events_pages_page(client: TestClient, arts: dict[str, Article]) -> None:
    page = client.get("/articles", params={"limit": 2, "sort": "oldest"}).text
    assert page.index(arts["a"].title or "") < page.index(arts["b"].title or "")
    assert _links(page, "next") == ["/articles?limit=2&sort=oldest&offset=2"]
    last = client.get(_links(page, "next")[0]).text
    assert "Hostile" in last and not _links(last, "next")
    assert _links(page, "export-json") == ["/export/articles.json?sort=oldest"]
    events = client.get("/events").text
    assert "No events match" in events and "/export/events.csv" in events
    assert client.get("/api/events").json() == []


def test_entities_and_search_lists_export(client: TestClient, arts: dict[str, Article]) -> None:
    page = client.get("/entities", params={"prefix": "S", "limit": 1}).text
    assert _links(page, "export-csv") == ["/export/entities.csv?prefix=S"]
    assert _links(page, "next") == []  # one entity starting with S
    rows = client.get("/export/entities.json", params={"prefix": "S"}).json()
    assert rows == [{"name": "Sergei Shoigu", "label": "PERSON", "articles": 1}]
    first = client.get("/entities", params={"limit": 1}).text
    assert _links(first, "next") == ["/entities?limit=1&offset=1"]
    found = client.get("/search", params={"q": "Shoigu"}).text
    csv_href = _links(found, "export-csv")[0]
    assert csv_href == "/export/search.csv?q=Shoigu"
    hits = list(csv.DictReader(io.StringIO(client.get(csv_href).text)))
    assert [h["id"] for h in hits] == [arts["b"].id] and "[Shoigu]" in hits[0]["snippet"]
    assert client.get("/export/search.csv").status_code == 400  # nothing to search for
    entity = client.get("/entities/Sergei%20Shoigu").text
    assert "/export/articles.csv?entity=Sergei%20Shoigu" in entity


def test_every_kind_has_its_columns_even_when_empty(app: Storyline, tmp_path: Path) -> None:
    # Empty store first, then the fixture rows: the header is the same either way.
    from storyline.export import COLUMNS, KINDS

    assert set(COLUMNS) == set(KINDS)
    assert to_csv([], "events").startswith("date,begin,finish,actors,event_type")
    app.export("changes", "parquet", tmp_path / "c.parquet")
    assert pq.read_table(tmp_path / "c.parquet").column_names == list(COLUMNS["changes"])
    build.fill(app)
    _with_event(app)
    for kind in ("stories", "articles", "events", "entities"):  # real rows match the header
        rows = app.export_rows(kind)
        assert rows and list(rows[0]) == list(COLUMNS[kind]), kind


def test_events_page_shows_rows_with_evidence_links(app: Storyline,
                                                    arts: dict[str, Article]) -> None:
    art = _with_event(app)
    from storyline.web import create_app

    with TestClient(create_app(build.FixtureStoryline(app.options, app.store))) as client:
        page = client.get("/events", params={"entity": "Xi Jinping"}).text
        assert "Vladimir Putin, Xi Jinping" in page and "Beijing" in page and "meeting" in page
        assert f"/articles/{art.id}?hl=0-{len(art.text)}#hl" in page
        assert "No events match" in client.get("/events", params={"entity": "Nobody"}).text
        api = client.get("/api/events", params={"since": "2025-09-01"}).json()
        assert [e["article_id"] for e in api] == [art.id]
