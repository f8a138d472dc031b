"""List paging, CSV export links and the story coverage chart in headless Chromium, over
the hand-made fixture store plus a few extra stories to page through."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline import load_options
from storyline.model import Article
from storyline.store import StoryRow
from storyline.web import create_app
from tests.fixtures.web import build
from tests.fixtures.web.browser import needs_chromium, screenshot, serve

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, Article]]]:
    db = tmp_path_factory.mktemp("lists") / "lists.db"
    options = load_options(overrides={"store.url": f"sqlite:///{db}", "ingest.progress": "false"})
    sl = build.FixtureStoryline(options)
    arts = build.fill(sl)
    for i in range(3):  # small stories so the list has more than one page at limit=2
        sl.store.upsert_story(StoryRow(f"5a17e0c0ffee01{i:02d}", f"Minor story {i}", 0,
                                       f"2024-0{i + 1}-01", f"2024-0{i + 1}-01", {}))
    sl.store.save_outlet_profiles([
        {"domain": "example.org", "name": "Express & Star", "country": "UK", "lean": "centre"},
        {"domain": "mid-day.com", "name": "Mid-Day", "country": "India"}])
    with serve(create_app(sl, allowed_hosts=["127.0.0.1", "localhost"])) as url:
        yield url, arts
    sl.close()


def test_story_list_pages_forward_and_back(site: tuple[str, dict[str, Article]],
                                           page: Any, tmp_path: Path) -> None:
    url, _ = site
    page.goto(url + "/?limit=2&sort=title")
    first = page.locator("a.story-link").all_inner_texts()
    assert len(first) == 2 and page.locator("nav.pager a.prev").count() == 0
    page.locator("nav.pager a.next").click()
    page.wait_for_url("**offset=2**")
    second = page.locator("a.story-link").all_inner_texts()
    assert len(second) == 2 and not set(first) & set(second)
    assert page.locator("select[name=sort]").input_value() == "title"  # the sort is kept
    page.locator("nav.pager a.next").click()
    page.wait_for_url("**offset=4**")
    third = page.locator("a.story-link").all_inner_texts()
    assert len(third) == 1 and page.locator("nav.pager a.next").count() == 0
    assert sorted(first + second + third) == first + second + third  # title order across pages
    screenshot(page, tmp_path, "stories-paged.png")
    page.locator("nav.pager a.prev").click()
    page.wait_for_url("**offset=2**")
    assert page.locator("a.story-link").all_inner_texts() == second


def test_csv_link_downloads_the_filtered_rows(site: tuple[str, dict[str, Article]],
                                              page: Any) -> None:
    url, _ = site
    page.goto(url + "/")
    page.locator("select[name=outlet]").select_option("Mid-Day")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**outlet=Mid-Day**")
    with page.expect_download() as info:
        page.locator("a.export-csv").click()
    text = Path(info.value.path()).read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["id"] for r in rows] == [build.STORY_ID] and rows[0]["outlets"] == "2"
    json_href = page.locator("a.export-json").get_attribute("href")
    assert json_href.startswith("/export/stories.json?") and "outlet=Mid-Day" in json_href
    assert "q=" not in json_href  # empty form fields are not carried over
    data = page.request.get(url + json_href).json()
    assert [d["id"] for d in data] == [build.STORY_ID]


def test_coverage_chart_marks_first_report_and_groups(site: tuple[str, dict[str, Article]],
                                                      page: Any, tmp_path: Path) -> None:
    url, arts = site
    page.goto(f"{url}/stories/{build.STORY_ID}")
    chart = page.locator("svg.coverage")
    assert chart.is_visible()
    assert chart.locator("a.cov-article").count() == 2
    assert chart.locator("circle.first-report").count() == 1
    first_row = page.locator(".coverage-table tr.first-report")
    assert "Express & Star" in first_row.inner_text()
    assert "first report" in first_row.inner_text().lower()  # the badge is upper-cased by CSS
    assert page.locator("section.summary li").count() == 2  # the summary above the ledger
    screenshot(page, tmp_path, "story-coverage.png")
    page.locator(".coverage-box select[name=group]").select_option("country")
    page.get_by_role("button", name="Group").click()
    page.wait_for_url("**group=country**")
    headings = page.locator("svg.coverage text.cov-group").all_text_contents()
    assert headings == ["India", "UK"]
    chart = page.locator("svg.coverage")
    chart.locator("a.cov-article").first.click()
    page.wait_for_url("**/articles/**")
    assert arts["b"].id in page.url  # India (Mid-Day) is the first group
