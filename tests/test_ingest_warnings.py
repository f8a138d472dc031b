"""Bad bytes and wrong-typed fields are recorded warnings naming the input and the field
(issue 14.8)."""

from __future__ import annotations

import json
from pathlib import Path

from storyline import Storyline
from storyline.ingest.decode import decode

ENGLISH = ("The city council approved a budget of twelve million dollars on Monday after a "
           "long debate about schools, roads and bridges in the northern districts.")


def test_invalid_utf8_in_english_is_not_cyrillic_junk() -> None:
    data = ENGLISH.encode().replace(b"twelve", b"tw\xe9\x81lve").replace(b"long", b"lo\x98ng")
    notes: list[str] = []
    text = decode(data, "x.txt", notes=notes)
    assert text.startswith("The city council approved") and "\ufffd" in text
    assert not any("\u0400" <= ch <= "\u04ff" for ch in text)
    assert notes and "invalid UTF-8" in notes[0]


def test_real_single_byte_texts_still_decode() -> None:
    russian = "Президент России Владимир Путин посетит Китай в конце августа, сообщил Ушаков."
    assert decode(russian.encode("cp1251"), "r.txt") == russian
    western = "Caf\u00e9 owners said \u201cno\u201d to the plan."
    assert decode(western.encode("cp1252"), "w.txt") == western


def test_wrong_typed_json_fields_are_warnings(app: Storyline, tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    rows = [{"text": ENGLISH, "title": "Budget", "published": 12345, "outlet": ["A", "B"]},
            {"text": ENGLISH.replace("twelve", "nine"), "published": "2099-01-01",
             "author": ["Ann Lee", "Bo Chan"]}]
    path.write_text("\n".join(json.dumps(r) for r in rows))
    report = app.ingest([path], progress=False)
    assert report.ok and report.ingested == 2
    got = {(Path(w.source).name, w.reason.split(" (")[0]) for w in report.warnings}
    assert got == {("dump.jsonl#line-1", "field 'published' is a number"),
                   ("dump.jsonl#line-1", "field 'outlet' is a list"),
                   ("dump.jsonl#line-2", "field 'published'")}
    assert any("in the future" in w.reason for w in report.warnings)
    stored = {a["title"]: a for a in app.articles()}
    assert stored["Budget"]["outlet"] is None and stored["Budget"]["published"] is None
    assert [f["stage"] for f in app.failures()] == ["ingest-warning"] * 3


def test_sidecar_problems_name_input_and_field(app: Storyline, tmp_path: Path) -> None:
    good, broken = tmp_path / "a.txt", tmp_path / "b.txt"
    good.write_text(ENGLISH)
    broken.write_text(ENGLISH.replace("twelve", "three"))
    Path(str(good) + ".meta.json").write_text(json.dumps({"published": 20250509,
                                                          "outlet": "Wire"}))
    Path(str(broken) + ".meta.json").write_text("{not json")
    report = app.ingest([good, broken], progress=False)
    [failure] = report.failures
    assert failure.source == str(broken) and "b.txt.meta.json is not valid JSON" in failure.reason
    [warning] = report.warnings
    assert warning.source == str(good)
    assert warning.reason.startswith("sidecar a.txt.meta.json: field 'published' is a number")
    assert app.articles()[0]["outlet"] == "Wire"
