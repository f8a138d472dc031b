"""The UI in a real headless browser, over the hand-made fixture store (no NLP needed):
conflicts visible, a ledger value leads to its highlighted sentence, hostile pages stay inert."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline import load_options
from storyline.model import Article
from storyline.web import create_app
from tests.fixtures.web import build
from tests.fixtures.web.browser import in_viewport, needs_chromium, screenshot, serve

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, Article]]]:
    # One SQLite store and one server for the module: the pages only read, and the storage
    # backends are covered by the API tests (which also run on PostgreSQL).
    db = tmp_path_factory.mktemp("ui") / "ui.db"
    options = load_options(overrides={"store.url": f"sqlite:///{db}", "ingest.progress": "false"})
    sl = build.FixtureStoryline(options)
    arts = build.fill(sl)
    with serve(create_app(sl, allowed_hosts=["127.0.0.1", "localhost"])) as url:
        yield url, arts
    sl.close()


def test_ledger_value_leads_to_highlighted_sentence(site: tuple[str, dict[str, Article]],
                                                    page: Any, tmp_path: Path) -> None:
    url, arts = site
    page.goto(url + "/")
    page.get_by_role("link", name="Putin to visit China").click()
    page.wait_for_url(f"**/stories/{build.STORY_ID}")
    conflicts = page.locator("section.conflicts")
    assert conflicts.is_visible()
    text = conflicts.inner_text()
    assert "late August 2025" in text and "September 2025" in text
    assert page.locator("svg.timeline").is_visible()
    assert page.locator("article.source").count() == 2
    shot = screenshot(page, tmp_path, "story-fixture.png")
    assert shot.stat().st_size > 10_000

    page.locator("section.conflicts a.ev", has_text="this September").click()
    page.wait_for_url("**/articles/**hl=*")
    assert page.url.endswith("#hl") and arts["b"].id in page.url
    hl = page.locator("#hl")
    assert hl.inner_text() == "this September"
    assert in_viewport(page, "#hl")
    # The whole sentence is tinted too (in pieces, one per overlapping annotation).
    sentence = "".join(page.locator(".text .sent").all_text_contents())
    assert sentence == arts["b"].text.split("\n\n")[0]
    screenshot(page, tmp_path, "article-fixture.png", full_page=False)


def test_timeline_mark_links_to_sentence(site: tuple[str, dict[str, Article]], page: Any) -> None:
    url, arts = site
    page.goto(f"{url}/stories/{build.STORY_ID}")
    page.locator("svg.timeline a.tl-entry").first.click()
    page.wait_for_url("**/articles/**")
    assert page.locator("#hl").inner_text() == "2015"


def test_hostile_page_runs_no_script(site: tuple[str, dict[str, Article]], page: Any,
                                     tmp_path: Path) -> None:
    url, arts = site
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in (f"/articles/{arts['xss'].id}", f"/stories/{build.XSS_STORY_ID}", "/",
                 "/search?q=Breaking"):
        page.goto(url + path)
        page.wait_for_load_state("load")
    assert dialogs == []
    page.goto(f"{url}/articles/{arts['xss'].id}")
    assert '<script>alert("pwned")</script>' in page.locator(".article .text").inner_text()
    assert page.locator(".article .text img").count() == 0


def test_every_asset_is_local_and_docs_render(site: tuple[str, dict[str, Article]],
                                              page: Any) -> None:
    url, arts = site
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(url + "/docs")
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() >= 9  # Swagger UI rendered the OpenAPI 3.1 schema
    for path in ("/", f"/stories/{build.STORY_ID}", f"/articles/{arts['a'].id}"):
        page.goto(url + path)
    assert requested and all(r.startswith(url) or r.startswith("data:") for r in requested), \
        [r for r in requested if not r.startswith(url)]
