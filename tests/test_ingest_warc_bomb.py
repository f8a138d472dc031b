"""A gzip-bomb WARC record is refused while streaming, never unpacked in full (issue 14.6)."""

from __future__ import annotations

import gzip
import io
import tracemalloc
from pathlib import Path

import pytest

from storyline.config import load_options
from storyline.errors import TooLarge
from storyline.ingest import warc

BOMB = 120 * 1024 * 1024  # bytes of zeros in one record; ~120 KB compressed
LIMIT = 1_000_000


def _warc_record(uri: str, body: bytes) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
            f"WARC-Date: 2024-03-01T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{uri[-1]}>\r\n"
            f"Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


def _bomb(path: Path) -> Path:
    page = (b"<html><body><article><p>" + b"The council met on Monday and agreed. " * 20
            + b"</p></article></body></html>")
    with path.open("wb") as fh:
        fh.write(gzip.compress(_warc_record("https://x.example/1", page)))
        zeros = _warc_record("https://x.example/2", b"\0" * BOMB)
        fh.write(gzip.compress(zeros, compresslevel=9))
        fh.write(gzip.compress(_warc_record("https://x.example/3", page)))
    return path


# warcio (the fallback) inflates each 16 KB of input at once while skipping a record: its
# peak does not grow with the record (the same for a bomb twice as big), but it is higher.
@pytest.mark.parametrize(("reader", "bound"), [("_records", 20 * LIMIT),
                                               ("_warcio_records", 100 * LIMIT)])
def test_bomb_record_is_too_large_with_bounded_memory(tmp_path: Path, reader: str,
                                                      bound: int) -> None:
    path = _bomb(tmp_path / "bomb.warc.gz")
    assert path.stat().st_size < 1_000_000
    options = load_options(overrides={"ingest.max_bytes": str(LIMIT)})
    tracemalloc.start()
    try:
        records = list(getattr(warc, reader)(path, options))
        complete = warc._gzip_complete(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [r.url for r in records if r.error is None] == ["https://x.example/1",
                                                             "https://x.example/3"]
    [bad] = [r for r in records if r.error is not None]
    assert isinstance(bad.error, TooLarge) and "ingest.max_bytes" in bad.error.reason
    assert complete
    assert peak < min(bound, BOMB), f"peak {peak:,} bytes: the record was unpacked"


def test_members_check_does_not_unpack_at_once() -> None:
    blob = gzip.compress(b"\0" * BOMB, compresslevel=9)
    tracemalloc.start()
    try:
        assert warc._members_complete(io.BytesIO(blob))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024
