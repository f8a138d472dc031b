"""Readers: one per format, dispatch by extension and sniffing, sidecars, folder walks."""

from __future__ import annotations

import gzip
import io
import shutil
from pathlib import Path

import pytest

from storyline.clean import to_article
from storyline.config import Options
from storyline.errors import InputError, MalformedInput
from storyline.ingest import detect_format, iter_inputs, read_records
from storyline.ingest.records import RawRecord

FIX = Path(__file__).parent / "fixtures" / "ingest"
OPTS = Options()


def _articles(path: Path) -> tuple[list, list[InputError]]:
    arts, errors = [], []
    for rec in read_records(path, OPTS):
        try:
            arts.append(to_article(rec, OPTS))
        except InputError as exc:
            errors.append(exc)
    return arts, errors


def test_html_page_text_and_metadata() -> None:
    (a,), errors = _articles(FIX / "page.html")
    assert not errors
    assert a.title == "Port strike ends after three weeks"
    assert a.outlet == "Coastal Times" and a.author == "Sam Okafor"
    assert a.published == "2024-09-18" and a.published_source == "html"
    assert "9 percent pay rise" in a.text and "normal traffic should resume" in a.text
    for junk in ("cookies", "Most read", "Markets rally", "All rights reserved", "Lee Wong"):
        assert junk not in a.text
    assert a.format == "html" and a.language == "en"


def test_rss_entries_with_feed_title_as_outlet() -> None:
    arts, errors = _articles(FIX / "feed.rss")
    assert [a.title for a in arts] == ["School board approves new calendar",
                                      "Library extends weekend hours"]
    assert all(a.outlet == "Valley Herald" for a in arts)
    assert arts[0].published == "2024-09-02" and arts[0].author == "Ana Silva"
    assert arts[0].url == "https://valley.example/school-calendar"
    assert len(errors) == 1 and errors[0].source.endswith("#entry-2")


def test_atom_entry() -> None:
    (a,), _ = _articles(FIX / "feed.atom")
    assert a.outlet == "Mountain Post" and a.author == "Piet de Vries"
    assert a.published == "2024-10-01" and "80 centimetres" in a.text


def test_jsonl_bad_line_is_one_failure() -> None:
    arts, errors = _articles(FIX / "articles.jsonl")
    assert [a.url for a in arts] == ["https://a.example/1", "https://a.example/3"]
    assert arts[0].outlet == "Rail Weekly" and arts[0].published == "2024-04-05"
    assert arts[1].outlet == "Culture Desk" and arts[1].published == "2024-04-11"
    assert "Ingrid Holm" in arts[1].text
    assert sorted(e.source.rsplit("#", 1)[1] for e in errors) == ["line-2", "line-4"]


def test_json_object_with_aliases() -> None:
    (a,), _ = _articles(FIX / "article.json")
    assert a.author == "Jo Park, Lin Wu" and a.outlet == "Metro Daily"
    assert a.published == "2024-11-06"


def test_invalid_json_file_raises(tmp_path: Path) -> None:
    with pytest.raises(MalformedInput, match="bad.json"):
        list(read_records(_write(tmp_path, "bad.json", "{oops"), OPTS))


def _write(folder: Path, name: str, content: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def make_warc(path: Path, n: int, *, gz: bool = True) -> Path:
    """A small CC-NEWS-like archive: an HTML response and an image per page, plus a
    redirect; the first page states its own publication date."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for i in range(n):
            body = (f"<html><head><title>Story {i}</title></head><body><article><h1>Story {i}"
                    f"</h1>" + "".join(f"<p>Paragraph {j} of story number {i} tells readers "
                                       f"what the council decided about item {i * 10 + j}.</p>"
                                       for j in range(6)) + "</article></body></html>").encode()
            if i == 0:  # a page that states its own publication date
                body = body.replace(b"<head>", b"<head><meta property='article:published_time'"
                                                b" content='2023-12-31T09:00:00Z'>")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://news.example/{i}", "response", payload=io.BytesIO(body),
                http_headers=headers, warc_headers_dict={"WARC-Date": f"2024-03-{i % 28 + 1:02d}T10:00:00Z"}))
            if i == 0:  # and a redirect, which carries HTML but no article
                moved = StatusAndHeaders("301 Moved Permanently", [
                    ("Content-Type", "text/html"), ("Location", "/0")], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(
                    "https://news.example/old-0", "response",
                    payload=io.BytesIO(b"<html><body>Moved here</body></html>"),
                    http_headers=moved))
            img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://news.example/{i}.png", "response", payload=io.BytesIO(b"\x89PNG\x00\x01"),
                http_headers=img))
    return path


def test_warc_gz_html_responses_only(tmp_path: Path) -> None:
    arts, errors = _articles(make_warc(tmp_path / "cc.warc.gz", 3))
    assert not errors
    assert [a.url for a in arts] == [f"https://news.example/{i}" for i in range(3)]
    # The page's own date beats the crawl date (WARC-Date), which is the fallback.
    assert [a.published for a in arts] == ["2023-12-31", "2024-03-02", "2024-03-03"]
    assert all(a.format == "warc" for a in arts)


def test_warcio_fallback_reads_the_same(tmp_path: Path) -> None:
    from storyline.ingest import warc

    path = make_warc(tmp_path / "cc.warc.gz", 3)
    fast = [(r.url, r.published) for r in warc._records(path, OPTS)]
    slow = [(r.url, r.published) for r in warc._warcio_records(path, OPTS)]
    assert fast == slow and len(fast) == 3


def test_plain_warc(tmp_path: Path) -> None:
    arts, errors = _articles(make_warc(tmp_path / "cc.warc", 2, gz=False))
    assert len(arts) == 2 and not errors


def test_truncated_warc_gz_keeps_records_before_the_break(tmp_path: Path) -> None:
    full = make_warc(tmp_path / "full.warc.gz", 10).read_bytes()
    cut = _write(tmp_path, "cut.warc.gz", full[: int(len(full) * 0.6)])
    arts, errors = _articles(cut)
    assert 3 <= len(arts) < 10
    assert len(errors) == 1 and "truncated" in errors[0].reason
    assert errors[0].source == str(cut)


def test_sidecar_overrides_and_is_not_an_input(tmp_path: Path) -> None:
    shutil.copy(FIX / "page.html", tmp_path / "page.html")
    _write(tmp_path, "page.html.meta.json", '{"published": "2024-01-02", "outlet": "Side"}')
    assert list(iter_inputs([tmp_path])) == [tmp_path / "page.html"]
    (a,), _ = _articles(tmp_path / "page.html")
    assert a.published == "2024-01-02" and a.published_source == "sidecar"
    assert a.outlet == "Side" and a.author == "Sam Okafor"


def test_folder_walk_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    for rel in ("b/z.txt", "a.txt", "b/a.txt", ".git/x.txt", "c/.hidden.txt", "README.md",
                "ATTRIBUTION.md", "storyline.db", "storyline.db-wal", "a.txt.meta.json"):
        _write(tmp_path / Path(rel).parent, Path(rel).name, "x")
    got = [p.relative_to(tmp_path).as_posix() for p in iter_inputs([tmp_path])]
    assert got == ["a.txt", "b/a.txt", "b/z.txt"]


@pytest.mark.parametrize("name,content,fmt", [
    ("feed.xml", '<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', "feed"),
    ("page", "<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
    ("dump", '{"text": "x"}', "json"),
    ("archive", "WARC/1.0\r\n", "warc"),
    ("notes", "Just some scraped text.", "text"),
])
def test_sniffing(tmp_path: Path, name: str, content: str, fmt: str) -> None:
    assert detect_format(_write(tmp_path, name, content)) == fmt


def test_gzip_that_is_not_warc_is_unsupported(tmp_path: Path) -> None:
    path = _write(tmp_path, "data.bin", gzip.compress(b"hello"))
    with pytest.raises(InputError, match="gzip"):
        list(read_records(path, OPTS))


def test_record_contract_defaults() -> None:
    rec = RawRecord(source="s", format="text", content="c")
    assert rec.error is None and rec.meta == {}


def test_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="folder"):
        list(read_records(tmp_path, OPTS))


def test_html_saved_as_txt_is_extracted_as_html(tmp_path: Path) -> None:
    page = _write(tmp_path, "saved.txt", (FIX / "page.html").read_text("utf-8"))
    (a,), _ = _articles(page)
    assert a.format == "html" and a.title == "Port strike ends after three weeks"
    assert "<p>" not in a.text
