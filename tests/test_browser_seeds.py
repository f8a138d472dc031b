"""End to end in a real browser: the real pipeline on the seed articles (examples/corpus),
served by uvicorn, read in headless Debian Chromium. The journalist's path: open the story,
see that the sources disagree on the timing (end of August vs September), click a value,
land on its highlighted sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline import Storyline, load_options
from storyline.web import create_app
from tests.conftest import SEEDS
from tests.fixtures.web.browser import in_viewport, needs_chromium, screenshot, serve

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    # One SQLite store for the module: the pipeline (spaCy, embeddings) runs once. Backend
    # coverage is the job of the API tests; this test is about what the reader sees.
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    options = load_options(overrides={"store.url": f"sqlite:///{db}", "ingest.progress": "false"})
    sl = Storyline(options)
    report = sl.run([SEEDS])
    assert report.ok, report.to_dict()
    assert report.stories >= 1
    with serve(create_app(sl, allowed_hosts=["127.0.0.1"])) as url:
        yield url
    sl.close()


def test_seed_story_shows_timing_conflict_and_links_to_sentence(site: str, page: Any,
                                                                tmp_path: Path) -> None:
    page.goto(site + "/")
    page.locator("a.story-link").first.click()
    page.wait_for_url("**/stories/**")
    conflicts = page.locator("section.conflicts")
    assert conflicts.is_visible(), "the story page shows no conflict section"
    text = conflicts.inner_text()
    assert re.search(r"August", text) and re.search(r"September", text), text
    assert page.locator("article.source").count() == 2
    screenshot(page, tmp_path, "story-seeds.png")

    value = conflicts.locator("a.ev", has_text=re.compile("August")).first
    quoted = value.inner_text()
    value.click()
    page.wait_for_url("**/articles/**hl=*")
    hl = page.locator("#hl")
    assert hl.is_visible() and "August" in hl.inner_text()
    assert in_viewport(page, "#hl")
    assert hl.inner_text() in quoted  # the link names the very words that get highlighted
    sentence = "".join(page.locator(".text .sent").all_text_contents())
    assert "end of August" in sentence
    screenshot(page, tmp_path, "article-seeds.png", full_page=False)


def test_seed_article_page_marks_entities_and_dates(site: str, page: Any) -> None:
    page.goto(site + "/articles")
    page.locator("table.list a").first.click()
    page.wait_for_url("**/articles/**")
    assert page.locator(".text .ent").count() > 0
    timex = page.locator(".text .timex").first
    assert re.search(r"\d{4}", timex.get_attribute("title") or "")  # resolved value tooltip
    page.locator(".entity-list a", has_text="Putin").first.click()
    page.wait_for_url("**/entities/**")
    assert page.locator("table.list tbody tr").count() == 2  # both seeds mention Putin
