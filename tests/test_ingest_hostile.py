"""Hostile inputs in ingest: absurd nesting, surprise exceptions (issue 14.2, ingest part)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline import Storyline
from storyline.ingest import runner

GOOD = ("Council approves budget\n\nThe city council approved a budget of {n} million dollars "
        "on Monday after a long debate about schools, roads and the number {n}.")


def _good(root: Path, n: int) -> None:
    (root / f"good{n}.txt").write_text(GOOD.format(n=n), encoding="utf-8")


def test_deeply_nested_json_and_jsonl_line_are_failures(app: Storyline, tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    _good(root, 1)
    (root / "deep.json").write_text("[" * 200_000)
    body = json.dumps({"title": "Fine", "text": GOOD.format(n=3)})
    (root / "lines.jsonl").write_text(body + "\n" + "[" * 200_000 + "\n"
                                      + body.replace("Fine", "Also fine").replace("3", "4") + "\n")
    _good(root, 9)
    report = app.ingest([root], progress=False)
    reasons = {Path(f.source).name: f.reason for f in report.failures}
    assert set(reasons) == {"deep.json", "lines.jsonl#line-2"}
    assert "nested too deeply" in reasons["deep.json"]
    assert report.ingested == 4 and app.count_articles() == 4
    again = app.ingest([root], progress=False)  # the rerun fails the same way, nothing more
    assert again.ingested == 0 and len(again.failures) == 2


def test_unexpected_error_fails_one_record_and_keeps_the_batch(
        app: Storyline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "in"
    root.mkdir()
    for n in (1, 2, 3):
        _good(root, n)
    real = runner.to_article

    def flaky(record, options):  # type: ignore[no-untyped-def]
        if record.source.endswith("good2.txt"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(record, options)

    monkeypatch.setattr(runner, "to_article", flaky)
    report = app.ingest([root], progress=False)
    assert report.ingested == 2 and app.count_articles() == 2
    [failure] = report.failures
    assert failure.source.endswith("good2.txt")
    assert failure.reason == "unexpected RecursionError: maximum recursion depth exceeded"
    assert app.failures()[0]["stage"] == "ingest"
