"""`storyline serve`: localhost by default, loud warning elsewhere, Host header checked locally."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from storyline.cli import cli
from storyline.store import Store


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    seen: dict[str, Any] = {}

    def fake_run(app: Any, host: str, port: int, **_kw: Any) -> None:
        seen.update(app=app, host=host, port=port)

    monkeypatch.setattr("uvicorn.run", fake_run)
    return seen


@pytest.fixture
def store_url(store_url: str) -> str:
    """An existing (empty) store: serve never creates one."""
    Store(store_url).close()
    return store_url


def test_serve_refuses_a_missing_store(served: dict[str, Any], tmp_path: Any) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "typo" / "x.db")])
    assert result.exit_code == 2 and "no store at" in result.output and not served
    assert not (tmp_path / "typo").exists()


def test_serve_defaults_to_localhost(served: dict[str, Any], store_url: str) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", store_url])
    assert result.exit_code == 0, result.output
    assert (served["host"], served["port"]) == ("127.0.0.1", 8765)
    assert "WARNING" not in result.output
    app = served["app"]
    assert TestClient(app, base_url="http://127.0.0.1:8765").get("/api/stories").json() == []
    assert TestClient(app, base_url="http://attacker.example").get("/").status_code == 400


def test_serve_elsewhere_warns_loudly(served: dict[str, Any], store_url: str) -> None:
    result = CliRunner().invoke(cli, ["--db", store_url, "serve", "--host", "0.0.0.0",
                                      "--port", "9000"])
    assert result.exit_code == 0, result.output
    assert "WARNING: serving on 0.0.0.0" in result.output
    assert (served["host"], served["port"]) == ("0.0.0.0", 9000)
    # Reachable by any name then (the operator chose to expose it).
    assert TestClient(served["app"], base_url="http://news.lan").get("/api/stories").status_code == 200
