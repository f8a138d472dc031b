"""Saved story views: the same bytes as a fresh build, read without rebuilding, rebuilt
when a member row or the member set changes."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from storyline import Storyline
from storyline.store.views import story_views
from storyline.stories import ledger, view_cache
from storyline.stories.report import render_report, story_dict
from tests.conftest import SEEDS


def _fresh(app: Storyline, story_id: str) -> object:
    articles, _ = app.store.story_articles(story_id)
    return view_cache.build_view(app.store.get_story(story_id),
                                 view_cache.sorted_articles(articles))


def _saved_keys(app: Storyline) -> dict[str, str]:
    with app.store.engine.connect() as conn:
        return dict(conn.execute(select(story_views.c.story_id, story_views.c.key)).all())


def test_run_saves_views_that_read_back_identical(app: Storyline,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    app.run([SEEDS], progress=False)
    stories = app.stories(limit=1000)
    assert stories and set(_saved_keys(app)) == {s.id for s in stories}
    fresh = {s.id: _fresh(app, s.id) for s in stories}

    def no_build(*_a: object, **_k: object) -> None:
        raise AssertionError("a saved, current view was rebuilt")

    monkeypatch.setattr(ledger, "build_ledger", no_build)
    monkeypatch.setattr(view_cache, "build_view", no_build)
    for s in stories:
        view = app.story(s.id)
        assert json.dumps(story_dict(view)) == json.dumps(story_dict(fresh[s.id]))  # type: ignore[arg-type]
        for fmt in ("md", "html", "json"):
            assert render_report(view, fmt) == render_report(fresh[s.id], fmt)  # type: ignore[arg-type]


def test_a_changed_member_row_rebuilds_the_view(app: Storyline) -> None:
    app.run([SEEDS], progress=False)
    story = app.stories(limit=1)[0]
    before = _saved_keys(app)[story.id]
    member = app.story(story.id).articles[0]
    app.store.set_fields(member.id, outlet="Renamed Outlet")
    view = app.story(story.id)
    assert any(s["outlet"] == "Renamed Outlet" for s in view.ledger.sources)
    assert _saved_keys(app)[story.id] != before  # saved again under the new key
    assert json.dumps(story_dict(view)) == json.dumps(story_dict(_fresh(app, story.id)))  # type: ignore[arg-type]


def test_a_failed_save_still_answers(app: Storyline, monkeypatch: pytest.MonkeyPatch) -> None:
    # A read-only store or a concurrent save of the same story: the view is still shown.
    app.run([SEEDS], progress=False)
    story = app.stories(limit=1)[0]
    with app.store.engine.begin() as conn:
        conn.execute(story_views.delete())

    def refused(*_a: object) -> None:
        raise OperationalError("INSERT", {}, Exception("attempt to write a readonly database"))

    monkeypatch.setattr(app.store, "save_story_views", refused)
    view = app.story(story.id)
    assert view.ledger.story_id == story.id and not _saved_keys(app)


def test_reading_never_takes_the_writer_lock(app: Storyline,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    app.run([SEEDS], progress=False)
    story = app.stories(limit=1)[0]
    with app.store.engine.begin() as conn:
        conn.execute(story_views.delete())

    def busy() -> None:
        raise AssertionError("a reader took the writer lock")

    monkeypatch.setattr(app.store, "writing", busy)
    app.story(story.id)
    assert story.id in _saved_keys(app)  # saved without the lock
