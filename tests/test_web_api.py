"""JSON API over a store filled by hand (story layer stubbed by tests/fixtures/web/build.py)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from storyline.model import Article
from tests.fixtures.web import build


def test_stories_list_and_filters(client: TestClient) -> None:
    ids = [s["id"] for s in client.get("/api/stories").json()]
    assert ids == [build.STORY_ID, build.XSS_STORY_ID]  # biggest first
    only = client.get("/api/stories", params={"outlet": "Mid-Day"}).json()
    assert [s["id"] for s in only] == [build.STORY_ID]
    by_entity = client.get("/api/stories", params={"entity": "Sergei Shoigu"}).json()
    assert [s["id"] for s in by_entity] == [build.STORY_ID]
    late = client.get("/api/stories", params={"since": "2025-06-16"}).json()
    assert [s["id"] for s in late] == [build.XSS_STORY_ID]
    assert client.get("/api/stories", params={"q": "visit China"}).json()[0]["title"] == \
        "Putin to visit China"


def test_story_ledger_and_timeline(client: TestClient, arts: dict[str, Article]) -> None:
    # The two fixture stories share all but their last character: a prefix is ambiguous (409).
    assert client.get(f"/api/stories/{build.STORY_ID[:8]}").status_code == 409
    story = client.get(f"/api/stories/{build.STORY_ID}").json()
    assert story["story"]["id"] == build.STORY_ID
    assert {a["id"] for a in story["articles"]} == {arts["a"].id, arts["b"].id}
    assert "text" not in story["articles"][0]
    ledger = client.get(f"/api/stories/{build.STORY_ID}/ledger").json()
    conflict = next(f for f in ledger["facts"] if f["status"] == "conflicting")
    ev = conflict["values"][0]["evidence"][0]
    assert arts["a"].text[ev["start"]:ev["end"]] == ev["text"] == "the end of August"
    timeline = client.get(f"/api/stories/{build.STORY_ID}/timeline").json()
    assert timeline["actors"] == ["Vladimir Putin", "Xi Jinping"]
    assert [e["date"] for e in timeline["entries"]][:3] == ["2015", "2025-08", "2025-09"]


def test_actor_timeline(client: TestClient) -> None:
    tl = client.get("/api/timeline", params={"actor": "Vladimir Putin",
                                             "other": "Xi Jinping"}).json()
    assert [e["type"] for e in tl["entries"]] == ["parade"]
    assert client.get("/api/timeline").status_code == 422


def test_articles_search_entities(client: TestClient, arts: dict[str, Article]) -> None:
    listed = client.get("/api/articles", params={"entity": "Yuri Ushakov"}).json()
    assert [a["id"] for a in listed] == [arts["a"].id]
    full = client.get(f"/api/articles/{arts['b'].id}").json()
    assert full["text"] == arts["b"].text and "raw" not in full and "embedding" not in full
    assert full["timexes"][0]["value"] == "2025-09"
    hits = client.get("/api/search", params={"q": "Shoigu"}).json()
    assert [h["id"] for h in hits] == [arts["b"].id]
    names = {e["name"]: e["articles"] for e in client.get("/api/entities").json()}
    assert names["Vladimir Putin"] == 3 and names["Sergei Shoigu"] == 1
    assert [e["name"] for e in client.get("/api/entities", params={"prefix": "Ser"}).json()] \
        == ["Sergei Shoigu"]


def test_openapi_lists_every_endpoint(client: TestClient) -> None:
    paths = set(client.get("/openapi.json").json()["paths"])
    assert {"/api/stories", "/api/stories/{story_id}", "/api/stories/{story_id}/ledger",
            "/api/stories/{story_id}/timeline", "/api/timeline", "/api/articles",
            "/api/articles/{article_id}", "/api/search", "/api/entities"} <= paths
    assert not any(p.startswith("/stories") for p in paths)  # HTML pages stay out of the API
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/swagger/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower()
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200
