"""Id prefixes resolve exactly, then uniquely; an unknown actor is "no such entity" (issue 14.9)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from storyline import Storyline
from storyline.cli import cli
from storyline.errors import AmbiguousId, NotFound
from storyline.model import Article, Entity
from storyline.store import Store, StoryRow
from storyline.web import create_app


@pytest.fixture
def store(app: Storyline) -> Iterator[Store]:
    for sid in ("1a", "1b", "1c", "2_x", "2yy", "3%"):
        app.store.upsert_story(StoryRow(sid, f"story {sid}", 1, None, None, {}))
    yield app.store


def test_exact_id_wins_over_prefix(store: Store) -> None:
    store.upsert_story(StoryRow("1", "one", 1, None, None, {}))
    assert store.get_story("1").id == "1"  # "1a", "1b", "1c" start with it too


def test_unique_prefix_resolves_and_ambiguous_lists_candidates(store: Store) -> None:
    assert store.get_story("1b").id == "1b"
    with pytest.raises(AmbiguousId) as err:
        store.get_story("1")
    assert err.value.candidates == ["1a", "1b", "1c"]
    assert "1a, 1b, 1c" in str(err.value)


@pytest.mark.parametrize("ident", ["", "%", "_", "2%", "1_", " "])
def test_like_wildcards_and_empty_ids_match_nothing(store: Store, ident: str) -> None:
    with pytest.raises(NotFound):
        store.get_story(ident)
    with pytest.raises(NotFound):
        store.get_article(ident)


def test_escaped_prefix_still_matches_literally(store: Store) -> None:
    assert store.get_story("3%").id == "3%"
    assert store.get_story("2_x").id == "2_x"


def _cli(app: Storyline, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--db", app.options.store.url, "--no-progress", *args])
    return result.exit_code, result.output


def test_cli_exits_2_on_ambiguous_or_unknown(store: Store, app: Storyline) -> None:
    code, out = _cli(app, "story", "1")
    assert code == 2 and "matches more than one story: 1a, 1b, 1c" in out
    code, out = _cli(app, "story", "%")
    assert code == 2 and "no story" in out


def test_api_409_and_404_as_json(store: Store, app: Storyline) -> None:
    with TestClient(create_app(app), raise_server_exceptions=False) as client:
        r = client.get("/api/stories/1")
        assert r.status_code == 409
        assert r.json()["error"]["type"] == "ambiguous_id"
        assert r.json()["error"]["candidates"] == ["1a", "1b", "1c"]
        r = client.get("/api/stories/_")
        assert r.status_code == 404 and r.json()["error"]["type"] == "not_found"


def test_unknown_actor_is_no_such_entity_without_loading_articles(
        app: Storyline, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Vladimir Putin met officials in Moscow on Monday to talk about trade."
    app.store.add_articles([Article(text=text, entities=[
        Entity(0, 14, "Vladimir Putin", "PERSON", "Vladimir Putin")])])
    loaded: list[object] = []
    real = app.store.iter_articles
    monkeypatch.setattr(app.store, "iter_articles",
                        lambda **kw: loaded.append(kw) or real(**kw))
    with pytest.raises(NotFound, match="no such entity 'Nobody Known'"):
        app.timeline("Nobody Known")
    assert loaded == []
    with TestClient(create_app(app), raise_server_exceptions=False) as client:
        r = client.get("/api/timeline", params={"actor": "Nobody Known"})
    assert r.status_code == 404 and "no such entity" in r.json()["error"]["message"]
    code, out = _cli(app, "--json", "timeline", "Putin")
    assert code == 0 and json.loads(out)["actors"] == ["Vladimir Putin"]
