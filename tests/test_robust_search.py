"""Hostile search queries and filter values: no traceback, no 500, bounded cost (issue 14.5, 14.10)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from storyline import Storyline
from storyline.cli import cli
from storyline.errors import BadQuery
from storyline.model import Article
from storyline.store.query import MAX_QUERY_TERMS, search_terms

TEXT = "Putin will visit China at the end of August, Yuri Ushakov said on Friday."


@pytest.fixture
def filled(app: Storyline) -> Iterator[Storyline]:
    app.store.add_articles([Article(text=TEXT, title="Putin-Xi summit", published="2025-05-09")])
    yield app


@pytest.mark.parametrize("query", ['"', '""', "\x00", "Putin\x00", "AND", "NEAR(", "*", "-",
                                   "(Putin", "title:Putin", "Putin OR", "'", "^", "{}"])
def test_syntax_characters_never_raise(filled: Storyline, query: str) -> None:
    hits = filled.search(query)
    assert all(h.id for h in hits)


def test_words_still_match_around_punctuation(filled: Storyline) -> None:
    assert [h.title for h in filled.search('"Putin-Xi"')] == ["Putin-Xi summit"]
    assert len(filled.search("Ushakov\x00 Friday")) == 1


def test_too_many_terms_or_chars_is_bad_query(filled: Storyline) -> None:
    words = " ".join(f"word{i}" for i in range(MAX_QUERY_TERMS + 1))
    with pytest.raises(BadQuery, match="distinct words"):
        filled.search(words)
    with pytest.raises(BadQuery, match="characters"):
        filled.search("x" * 5000)
    assert len(search_terms(" ".join(["Putin"] * 150))) == 1  # repeats cost nothing


def test_api_maps_bad_queries_to_422(filled: Storyline) -> None:
    with TestClient(create_app_for(filled), raise_server_exceptions=False) as client:
        assert client.get("/api/search", params={"q": '"'}).status_code == 200
        assert client.get("/api/search", params={"q": "\x00"}).status_code == 200
        r = client.get("/api/search", params={"q": " ".join([f"w{i}" for i in range(1100)])})
        assert r.status_code == 422 and r.json()["error"]["type"] == "invalid_query"
        for path in ("/api/stories", "/api/articles"):
            r = client.get(path, params={"since": "2024-13-45"})
            assert r.status_code == 422 and "since='2024-13-45'" in r.json()["error"]["message"]
        assert client.get("/api/articles", params={"since": "2025-02"}).status_code == 200


def create_app_for(app: Storyline):  # type: ignore[no-untyped-def]
    from storyline.web import create_app

    return create_app(app)


def test_cli_search_and_dates(filled: Storyline) -> None:
    def run(*args: str) -> tuple[int, str]:
        r = CliRunner().invoke(cli, ["--db", filled.options.store.url, *args])
        return r.exit_code, r.output

    code, out = run("search", '"')
    assert code == 0 and "Traceback" not in out
    code, out = run("search", " ".join(f"w{i}" for i in range(100)))
    assert code == 2 and "limit" in out
    code, out = run("articles", "--since", "2024-13-45")
    assert code == 2 and "not a date" in out
