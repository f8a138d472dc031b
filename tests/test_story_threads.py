"""Threads: related stories are linked (with evidence), unrelated ones are not; CLI, API, page."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from storyline import Storyline
from storyline.cli import cli
from storyline.errors import NotFound
from storyline.store import StateRow, StoryRow
from storyline.web.app import create_app


def _story(sid: str, first: str, last: str, people: list[str], vector: list[float],
           places: list[str] | None = None) -> tuple[StoryRow, StateRow]:
    meta = {"entities": [[p, 2] for p in people + (places or [])],
            "places": [[p, 2] for p in places or []]}
    row = StoryRow(id=sid, title=f"Story {sid}", size=2, first_published=first,
                   last_published=last, meta=meta)
    return row, StateRow(sid, "hashing", np.array(vector, dtype=np.float32), {"size": 2})


@pytest.fixture
def threaded(app: Storyline) -> Storyline:
    stories = [
        _story("hearing", "2021-02-01", "2021-02-03", ["Ann Vale", "Tor Group", "Ben Ode"],
               [1.0, 0.2, 0.0], places=["Oslo"]),
        _story("verdict", "2021-09-10", "2021-09-12", ["Ann Vale", "Tor Group"],
               [0.9, 0.3, 0.1], places=["Oslo"]),
        # Same people but a different kind of story: no link.
        _story("wedding", "2021-05-01", "2021-05-02", ["Ann Vale", "Tor Group"],
               [0.0, 0.1, 1.0]),
        # Similar content, only a place in common: no link.
        _story("other", "2021-03-01", "2021-03-02", ["Kim Lund"], [1.0, 0.25, 0.0],
               places=["Oslo"]),
    ]
    app.store.commit_assignment(links={}, stories=[r for r, _ in stories],
                                states=[s for _, s in stories])
    return app


def test_threads_link_related_stories_with_evidence(threaded: Storyline) -> None:
    threads = threaded.threads()
    assert [[s.id for s in t.stories] for t in threads] == [["hearing", "verdict"]]
    (link,) = threads[0].links
    assert (link.a, link.b, link.shared) == ("hearing", "verdict", ["Ann Vale", "Tor Group"])
    assert link.gap_days == 219 and link.cosine > 0.9
    assert threaded.thread("thear").id == "thearing"
    with pytest.raises(NotFound):
        threaded.thread("tnothing")


def test_threads_cli_api_and_page(threaded: Storyline) -> None:
    db = threaded.options.store.url
    out = CliRunner().invoke(cli, ["--db", db, "--json", "threads"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)[0]["id"] == "thearing"
    shown = CliRunner().invoke(cli, ["--db", db, "thread", "thearing"])
    assert "219 days apart" in shown.output and "Ann Vale, Tor Group" in shown.output
    with TestClient(create_app(threaded)) as client:
        data = client.get("/api/threads/thearing").json()
        assert [s["id"] for s in data["stories"]] == ["hearing", "verdict"]
        assert client.get("/api/threads").json()[0]["links"][0]["shared"] == [
            "Ann Vale", "Tor Group"]
        page = client.get("/threads/thearing")
        assert page.status_code == 200 and "219 days apart" in page.text
        assert client.get("/threads/tmissing").status_code == 404
