"""WARC / WARC.gz reader (CC-NEWS style): one record per HTML response.

fastwarc is preferred (fast, C++); warcio is the fallback. Both stop silently at a truncated
archive, so after the last record we check that the archive really ended: a truncated file
yields the records before the break and then one failed record for the rest.
``ingest.max_bytes`` applies per record here, since archives are streamed, not loaded.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from ..config import Options
from ..errors import InputError, MalformedInput, TooLarge
from ..records import RawRecord, failed_record
from .decode import decode
from .html import declared_charset

_HTML_TYPES = ("text/html", "application/xhtml")


def iter_records(path: Path, options: Options) -> Iterator[RawRecord]:
    """Yield HTML response records; bad records and a truncated tail become failures."""
    count = 0
    try:
        for record in _records(path, options):
            count += record.error is None
            yield record
    except (OSError, ValueError, EOFError, zlib.error) as exc:
        yield _truncated(path, count, str(exc))
        return
    if path.suffix.lower() == ".gz" and not _gzip_complete(path):
        yield _truncated(path, count, "compressed stream ends early")


def _truncated(path: Path, count: int, why: str) -> RawRecord:
    return failed_record(MalformedInput(
        str(path), f"archive is truncated or corrupt after {count} records ({why}); "
        "the records before the break were ingested"), "warc")


def _records(path: Path, options: Options) -> Iterator[RawRecord]:
    try:
        from fastwarc.warc import ArchiveIterator, WarcRecordType
    except ImportError:  # pragma: no cover - fastwarc is a hard dependency, warcio a fallback
        yield from _warcio_records(path, options)
        return
    with path.open("rb") as fh:
        for rec in ArchiveIterator(fh, record_types=WarcRecordType.response, parse_http=True):
            ctype = str(rec.http_headers.get("Content-Type") or "") if rec.http_headers else ""
            # Redirects and error pages carry HTML too, but no article.
            if not ctype.lower().startswith(_HTML_TYPES) or not _ok(rec.http_headers.status_code):
                continue
            source = f"{path}#{rec.stream_pos}"
            too_big = _over_limit(source, rec.content_length, options)
            if too_big is not None:
                yield too_big  # not read: the iterator skips it chunk by chunk
                continue
            body = _read_capped(rec.reader.read, options)
            yield _to_record(path, rec.stream_pos, rec.headers.get("WARC-Target-URI"),
                             rec.headers.get("WARC-Date"), ctype, body, options)


def _warcio_records(path: Path, options: Options) -> Iterator[RawRecord]:
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as fh:
        it = ArchiveIterator(fh)
        for rec in it:
            if rec.rec_type != "response" or rec.http_headers is None:
                continue
            ctype = rec.http_headers.get_header("Content-Type") or ""
            if not ctype.lower().startswith(_HTML_TYPES) or not _ok(
                    rec.http_headers.get_statuscode()):
                continue
            source = f"{path}#{it.get_record_offset()}"
            length = rec.rec_headers.get_header("Content-Length")
            too_big = _over_limit(source, int(length) if str(length).isdigit() else None,
                                  options)
            if too_big is not None:
                yield too_big
                continue
            body = _read_capped(rec.content_stream().read, options)
            yield _to_record(path, it.get_record_offset(),
                             rec.rec_headers.get_header("WARC-Target-URI"),
                             rec.rec_headers.get_header("WARC-Date"), ctype, body, options)


def _ok(status: object) -> bool:
    try:
        return 200 <= int(str(status)) < 300
    except ValueError:
        return True  # no status line: keep the record


def _over_limit(source: str, size: int | None, options: Options) -> RawRecord | None:
    """A failed record when the stated size is over ``ingest.max_bytes`` (None: fine)."""
    limit = options.ingest.max_bytes
    if limit and size is not None and size > limit:
        return failed_record(TooLarge(source, f"record is {size:,} bytes, over "
                                      f"ingest.max_bytes={limit:,}"), "warc")
    return None


def _read_capped(read: Callable[[int], bytes], options: Options) -> bytes:
    """At most ``max_bytes + 1`` bytes of a record: a gzip bomb is never unpacked in full
    (one byte over is enough for ``_to_record`` to refuse it)."""
    limit = options.ingest.max_bytes
    return read(limit + 1) if limit else read(-1)


def _to_record(path: Path, offset: int, uri: str | None, date: str | None, ctype: str,
               body: bytes, options: Options) -> RawRecord:
    source = f"{path}#{offset}"
    limit = options.ingest.max_bytes
    if limit and len(body) > limit:
        return failed_record(TooLarge(source, f"record is over ingest.max_bytes={limit:,} "
                                      "bytes"), "warc")
    charset = ctype.partition("charset=")[2].strip(" ;\"'") or declared_charset(body)
    notes: list[str] = []
    try:
        html = decode(body, source, charset or None, notes=notes)
    except InputError as exc:
        return failed_record(exc, "warc")
    return RawRecord(source=source, format="warc", content=html, is_html=True, url=uri,
                     warnings=notes,
                     published=date[:10] if date else None,
                     # The crawl date: used only when the page states no publication date.
                     meta={"warc_date": date, "published_is_fallback": True})


def _gzip_complete(path: Path) -> bool:
    """Decompress every gzip member to its end marker (no output kept)."""
    with path.open("rb") as fh:
        return _members_complete(fh)


def _members_complete(fh: IO[bytes]) -> bool:
    decomp = zlib.decompressobj(wbits=31)
    fed = False  # has the current member's decompressor seen input?
    while chunk := fh.read(1 << 16):
        while chunk:
            try:
                # Bounded output per call: a 300 KB bomb must not unpack to 300 MB here.
                decomp.decompress(chunk, 1 << 20)
            except zlib.error:
                return False
            fed = True
            if decomp.eof:
                # Multi-member gzip (one member per record): go on with the next member.
                chunk = decomp.unused_data
                decomp = zlib.decompressobj(wbits=31)
                fed = False
            else:
                chunk = decomp.unconsumed_tail
    return not fed
