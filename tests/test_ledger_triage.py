"""Triage in the interfaces: the conflict box quotes each value's sentence with the value
marked; the story list (web, API, CLI) shows ledger counts and filters to disputed stories."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.fixtures.web import build


def test_conflict_box_marks_value_in_sentence(client: TestClient) -> None:
    page = client.get(f"/stories/{build.STORY_ID}").text
    box = page[page.index('class="conflicts"'):page.index('class="ledger"')]
    assert "<mark>the end of August</mark>" in box
    assert 'class="ev said"' in box


def test_story_list_counts_and_disputed_filter(client: TestClient) -> None:
    page = client.get("/").text
    assert "1 conflicting" in page
    disputed = client.get("/", params={"disputed": "true"}).text
    assert f"/stories/{build.STORY_ID}" in disputed
    assert f"/stories/{build.XSS_STORY_ID}" not in disputed
    rows = client.get("/api/stories", params={"disputed": "true"}).json()
    assert [r["id"] for r in rows] == [build.STORY_ID]
    assert rows[0]["meta"]["ledger"]["conflicting"] == 1
    every = client.get("/api/stories").json()
    assert {r["id"] for r in every} >= {build.STORY_ID, build.XSS_STORY_ID}
