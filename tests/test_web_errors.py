"""Errors are mapped in one place: JSON under /api, an error page elsewhere, no internals."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from storyline import Storyline
from storyline.errors import ConfigError
from storyline.web import create_app
from tests.fixtures.web import build


@pytest.fixture
def client(app: Storyline) -> Iterator[TestClient]:
    build.fill(app)
    with TestClient(create_app(app), raise_server_exceptions=False) as c:
        yield c


def test_not_found_is_json_404(client: TestClient) -> None:
    for url in ("/api/articles/feedbeef", "/api/stories/nope", "/api/stories/nope/ledger"):
        r = client.get(url)
        assert r.status_code == 404, url
        assert r.json()["error"]["type"] == "not_found"
        assert "nope" in r.json()["error"]["message"] or "feedbeef" in r.json()["error"]["message"]
    assert client.get("/api/no-such-endpoint").json()["error"]["type"] == "not_found"


def test_not_found_page_is_html(client: TestClient) -> None:
    r = client.get("/articles/feedbeef")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "feedbeef" in r.text
    assert client.get("/entities/Nobody%20Known").status_code == 404


def test_storyline_error_is_400(client: TestClient, app: Storyline,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_a: object, **_k: object) -> None:
        raise ConfigError("option stories.x is wrong")

    monkeypatch.setattr(app, "stories", broken)
    r = client.get("/api/stories")
    assert r.status_code == 400
    assert r.json() == {"error": {"type": "config_error", "message": "option stories.x is wrong"}}


def test_bad_highlight_parameter_is_400(client: TestClient) -> None:
    aid = client.get("/api/articles").json()[0]["id"]
    assert client.get(f"/articles/{aid}", params={"hl": "9-3"}).status_code == 400
    assert client.get(f"/articles/{aid}", params={"hl": "0-999999"}).status_code == 400


def test_unexpected_error_is_500_without_internals(client: TestClient, app: Storyline,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(*_a: object, **_k: object) -> None:
        raise RuntimeError("secret path /home/db password=hunter2")

    monkeypatch.setattr(app, "search", crash)
    r = client.get("/api/search", params={"q": "x"})
    assert r.status_code == 500
    assert r.json()["error"]["type"] == "internal_error"
    assert "hunter2" not in r.text and "RuntimeError" not in r.text
    page = client.get("/search", params={"q": "x"})
    assert page.status_code == 500 and "hunter2" not in page.text


def test_validation_error_is_json(client: TestClient) -> None:
    r = client.get("/api/stories", params={"since": "last week", "limit": 0})
    assert r.status_code == 422
    err = r.json()["error"]
    assert err["type"] == "invalid_request" and "since" in err["message"] and "limit" in err["message"]


def test_read_only(client: TestClient) -> None:
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        r = client.request(method, "/api/stories")
        assert r.status_code == 405, method
        assert r.json()["error"]["type"] == "method_not_allowed"


def test_host_header_checked_on_localhost(app: Storyline) -> None:
    web = create_app(app, allowed_hosts=["127.0.0.1", "localhost"])
    assert TestClient(web, base_url="http://127.0.0.1:8765").get("/api/stories").status_code == 200
    r = TestClient(web, base_url="http://evil.example").get("/api/stories")
    assert r.status_code == 400 and r.json()["error"]["type"] == "invalid_host"


def test_host_name_parsing() -> None:
    from storyline.web.app import host_name

    assert host_name("127.0.0.1:8765") == "127.0.0.1"
    assert host_name("[::1]:8765") == "::1" and host_name("LocalHost") == "localhost"
