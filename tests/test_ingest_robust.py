"""Bad inputs: each is one clear failure naming the file; the rest of the batch is stored."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from storyline import Storyline

GOOD = ("Council approves budget\n\nThe city council approved a budget of {n} million dollars "
        "on Monday after a long debate about schools, roads and the number {n}.")


def _corpus(root: Path) -> dict[str, Path]:
    root.mkdir(parents=True, exist_ok=True)
    files = {
        "good1": root / "good1.txt", "good2": root / "good2.txt",
        "binary": root / "image.txt", "empty": root / "empty.txt",
        "undecodable": root / "garbage.txt", "html": root / "broken.html",
        "nav_only": root / "nav.html",
        "big": root / "big.txt", "only_boilerplate": root / "junk.txt",
    }
    files["good1"].write_text(GOOD.format(n=1), encoding="utf-8")
    files["good2"].write_text(GOOD.format(n=2), encoding="utf-8")
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(256))
    files["empty"].write_bytes(b"  \n")
    files["undecodable"].write_bytes(bytes(range(0x80, 0x100)) * 20)
    files["html"].write_text(
        "<html><body><div><p>The mayor said the <b>bridge will reopen in May after repairs to "
        "its deck and railings, officials confirmed on Monday.<table><tr><td>", encoding="utf-8")
    files["nav_only"].write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>",
                                 encoding="utf-8")
    files["only_boilerplate"].write_text("Share\n\nLeave a Reply\n\nAdvertisement\n")
    with files["big"].open("wb") as fh:  # 50 MB, generated at test time, never committed
        fh.truncate(50 * 1024 * 1024)
    return files


def test_bad_inputs_fail_one_by_one(app: Storyline, tmp_path: Path) -> None:
    files = _corpus(tmp_path / "in")
    report = app.ingest([tmp_path / "in"], progress=False)
    # Malformed but readable HTML is recovered; the good files are stored.
    assert report.ingested == 3
    reasons = {Path(f.source).name: f.reason for f in report.failures}
    assert set(reasons) == {"image.txt", "empty.txt", "garbage.txt", "nav.html", "big.txt",
                            "junk.txt"}
    assert "binary" in reasons["image.txt"]
    assert "empty" in reasons["empty.txt"]
    assert "UTF-8" in reasons["garbage.txt"]
    assert "ingest.max_bytes" in reasons["big.txt"]
    assert "no article text" in reasons["nav.html"]
    assert "boilerplate" in reasons["junk.txt"]
    assert any("bridge will reopen" in app.article(a["id"]).text for a in app.articles())
    assert not report.ok
    stored = {f["source"] for f in app.store.list_failures()}
    assert str(files["big"]) in stored and len(stored) == 6


def test_latin1_and_bom_inputs_decode(app: Storyline, tmp_path: Path) -> None:
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    (tmp_path / "latin.txt").write_bytes(
        "Élection à Genève\n\nLe café était plein, a déclaré le maire de la ville.".encode("latin-1"))
    (tmp_path / "bom.txt").write_bytes(
        b"\xef\xbb\xbf" + GOOD.format(n=7).encode("utf-8"))
    report = app.ingest([tmp_path], progress=False)
    assert report.ok and report.ingested == 2
    texts = [app.article(r["id"]).text for r in app.articles()]
    assert any("café" in t for t in texts)


def test_missing_path_is_a_failure(app: Storyline, tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(GOOD.format(n=3), encoding="utf-8")
    report = app.ingest([tmp_path / "nope.txt", tmp_path / "ok.txt"], progress=False)
    assert report.ingested == 1
    assert [Path(f.source).name for f in report.failures] == ["nope.txt"]


def test_max_bytes_can_be_raised(store_url: str, tmp_path: Path) -> None:
    from storyline import load_options

    path = tmp_path / "a.txt"
    path.write_text(GOOD.format(n=4), encoding="utf-8")
    small = Storyline(load_options(overrides={"store.url": store_url, "ingest.max_bytes": "50"}))
    try:
        assert "max_bytes" in small.ingest([path], progress=False).failures[0].reason
    finally:
        small.close()


def test_progress_bar_on_stderr_only_when_enabled(app: Storyline, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD.format(n=5), encoding="utf-8")
    app.ingest([tmp_path / "in"], progress=True)
    out, err = capsys.readouterr()
    assert "ingest" in err and "1/1" in err and out == ""
    app.ingest([tmp_path / "in"], progress=False)
    assert capsys.readouterr().err == ""
