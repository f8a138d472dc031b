"""HTML pages: content, ledger links to sentences, conflicts first, and no script injection."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from storyline.model import Article
from tests.fixtures.web import build


def test_story_list_with_filters(client: TestClient) -> None:
    page = client.get("/").text
    assert "Putin to visit China" in page and "Express &amp; Star" in page  # outlet filter
    filtered = client.get("/", params={"outlet": "Mid-Day", "since": "2025-01-01"}).text
    assert f"/stories/{build.STORY_ID}" in filtered
    assert f"/stories/{build.XSS_STORY_ID}" not in filtered
    none = client.get("/", params={"entity": "Nobody"}).text
    assert "No story matches" in none


def test_story_page_conflict_first_with_links(client: TestClient, arts: dict[str, Article]) -> None:
    page = client.get(f"/stories/{build.STORY_ID}").text
    conflicts = page.index('class="conflicts"')
    assert conflicts < page.index('class="ledger"') < page.index('class="sources"')
    # In the ledger table, the conflicting fact comes first although it is last in the data.
    rows = re.findall(r'<tr class="fact ([a-z-]+)">', page)
    assert rows == ["conflicting", "single-source", "corroborated"]
    a = arts["a"]
    s = a.text.index("the end of August")
    link = f"/articles/{a.id}?hl={s}-{s + len('the end of August')}#hl"
    assert link in page
    assert "end of August (Aug 21-31) and September are disjoint" in page
    # Both sources side by side, each with title, outlet, date and text.
    for art in (arts["a"], arts["b"]):
        assert art.published in page and quote(art.id) in page
    assert "Security Council secretary" in page and "<svg" in page


def test_article_page_marks_and_highlight(client: TestClient, arts: dict[str, Article]) -> None:
    a = arts["a"]
    s = a.text.index("the end of August")
    page = client.get(f"/articles/{a.id}", params={"hl": f"{s}-{s + 17}"}).text
    hl = re.search(r'<span class="([^"]+)"[^>]*id="hl"[^>]*>([^<]*)<', page)
    assert hl is not None and "hl" in hl.group(1).split() and hl.group(2) == "the end of August"
    assert "DATE: 2025-08 = 2025-08-21 to 2025-08-31 [END]" in page  # resolved value tooltip
    assert 'href="/entities/Yuri%20Ushakov"' in page
    assert "direct quote by Yuri Ushakov" in page


def test_entity_and_search_pages(client: TestClient) -> None:
    page = client.get("/entities/Vladimir%20Putin").text
    assert "Putin to travel to China at end of August" in page and "<svg" in page
    assert "Putin to visit China" in page  # its stories
    with_other = client.get("/entities/Vladimir%20Putin", params={"other": "Xi Jinping"}).text
    assert "anniversary with a parade" in with_other and "Vladimir Putin visits China" not in with_other
    assert "Sergei Shoigu" in client.get("/entities").text
    hits = client.get("/search", params={"q": "Shoigu"}).text
    assert "<mark>Shoigu</mark>" in hits


def test_svg_endpoint(client: TestClient) -> None:
    r = client.get(f"/stories/{build.STORY_ID}/timeline.svg")
    assert r.headers["content-type"].startswith("image/svg+xml") and r.text.startswith("<svg")


XSS_PAGES = ["/", "/articles", "/search?q=Breaking", f"/stories/{build.XSS_STORY_ID}",
             "/entities/Vladimir%20Putin"]


@pytest.mark.parametrize("url", XSS_PAGES)
def test_hostile_text_is_escaped(client: TestClient, url: str) -> None:
    body = client.get(url).text
    assert "<script>alert" not in body and "<img src=x" not in body and "<b>Outlet" not in body
    assert "&lt;script&gt;" in body or "&lt;b&gt;" in body, url


def test_api_returns_text_as_data(client: TestClient) -> None:
    """JSON keeps the text verbatim (it is data), typed so no browser renders it as HTML."""
    r = client.get("/api/articles")
    assert r.headers["content-type"] == "application/json"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert any(a["title"] == f"Hostile {build.XSS}" for a in r.json())


def test_hostile_article_page(client: TestClient, arts: dict[str, Article]) -> None:
    r = client.get(f"/articles/{arts['xss'].id}")
    assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in r.text
    assert "<script>alert" not in r.text and "javascript:" not in r.text  # no unsafe link
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    # Only our own script tag exists.
    assert re.findall(r"<script[^>]*>", r.text) == ['<script src="/static/app.js" defer>']


def test_story_entities_tolerates_meta_shapes() -> None:
    from storyline.web.pages import story_entities

    assert story_entities({"entities": [["Kremlin", 2], ["Xi Jinping", 1]]}) == ["Kremlin", "Xi Jinping"]
    assert story_entities({"entities": ["A", "B", 3]}) == ["A", "B"]
    assert story_entities({"entities": "oops"}) == [] and story_entities({}) == []


def test_long_evidence_lists_fold(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    app_sl = client.app.state.sl  # type: ignore[attr-defined]
    view = build.view(app_sl, build.STORY_ID)
    trade = next(f for f in view.ledger.facts if f.slot == "number:trade")
    trade.values[0].evidence = trade.values[0].evidence * 3  # six pieces of evidence
    monkeypatch.setattr(app_sl, "story", lambda _id: view)
    page = client.get(f"/stories/{build.STORY_ID}").text
    assert "<summary>2 more</summary>" in page
    assert page.count("“$245 billion”") == 6
