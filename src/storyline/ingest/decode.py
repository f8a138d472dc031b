"""Turn input bytes into text, refusing what is too big, binary or undecodable.

Every reader goes through ``read_bytes`` (size limit) and ``decode`` (encoding), so each
bad-input case produces the same named error and message whatever the format.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import BinaryInput, DecodeError, EmptyInput, TooLarge

# Bytes that never occur in text files; a few are tolerated (stray form feeds, ESC in logs).
_CONTROL = bytes(range(0, 9)) + bytes(range(14, 27)) + bytes(range(28, 32))
_SNIFF = 8192


def check_size(path: Path, max_bytes: int) -> int:
    """The file size, or ``TooLarge`` naming the option that lifts the limit."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DecodeError(str(path), f"cannot read file: {exc.strerror or exc}") from exc
    if max_bytes and size > max_bytes:
        raise TooLarge(
            str(path),
            f"file is {size:,} bytes, over the ingest.max_bytes limit of {max_bytes:,}; "
            f"raise it with --set ingest.max_bytes={size + 1}",
        )
    return size


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """Read a whole file after checking its size; empty files raise ``EmptyInput``."""
    check_size(path, max_bytes)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DecodeError(str(path), f"cannot read file: {exc.strerror or exc}") from exc
    if not data.strip():
        raise EmptyInput(str(path), "file is empty")
    return data


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first block: not a text document.

    UTF-16 text has NULs too, so a byte-order mark exempts it.
    """
    head = data[:_SNIFF]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL))  # one pass, in C
    return controls > max(8, len(head) // 100)


def decode(data: bytes, source: str, declared: str | None = None,
           notes: list[str] | None = None) -> str:
    """UTF-8 (with or without BOM), then a declared charset, then charset detection.

    Latin-script text with a few invalid UTF-8 bytes is decoded as UTF-8 with U+FFFD for
    them and a note appended to ``notes`` (a warning naming the input): guessing a
    single-byte code page from a handful of stray bytes turns English into Cyrillic junk.
    Raises ``BinaryInput`` for binary data and ``DecodeError`` when no encoding fits.
    """
    if looks_binary(data):
        raise BinaryInput(source, "looks like binary data, not text, HTML, JSON, a feed or WARC")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    western = _western(data)
    if western is not None:
        return western
    if _broken_utf8(data):
        text = data.decode("utf-8-sig", errors="replace")
        bad = text.count("\ufffd") - data.count("\ufffd".encode())
        if notes is not None:
            notes.append(f"text: {bad} invalid UTF-8 byte sequence(s) replaced with U+FFFD "
                         "(the rest of the file is UTF-8 or ASCII)")
        return text
    return _detect(data, source)


_UTF8_SEQ = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_ASCII_LETTER = re.compile(rb"[A-Za-z]")


def _broken_utf8(data: bytes) -> bool:
    """UTF-8 with a few bad bytes: valid multi-byte sequences outnumber the stray high bytes,
    or ASCII letters are at least 90% of the letters (Latin-script text, English first)."""
    high = sum(b >= 0x80 for b in data)
    valid = _UTF8_SEQ.findall(data)
    stray = high - sum(len(v) for v in valid)
    if valid and len(valid) >= stray:
        return True
    ascii_letters = len(_ASCII_LETTER.findall(data))
    return ascii_letters >= 0.9 * (ascii_letters + high)


# Non-ASCII characters typical of Western European text in Windows-1252 / Latin-1.
_WESTERN = set("‘’‚“”„–—…€•™ ") | {chr(c) for c in range(0xC0, 0x100)} | set("£©®°«»¡¿§")


def _western(data: bytes) -> str | None:
    """Windows-1252 when every non-ASCII character decodes to a Western letter or mark.

    Detection libraries misjudge short Western texts (a few curly quotes); this check is
    strict enough that Cyrillic or CJK single-byte encodings fail it and go to detection.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    high = [ch for ch in text if ord(ch) > 127]
    letters = sum(ch.isalpha() for ch in text)
    # Accented letters are a small share of Western text; a text made of them is Cyrillic,
    # Greek... in another single-byte code page.
    if high and sum(ch in _WESTERN for ch in high) / len(high) >= 0.95 \
            and len(high) <= 0.3 * max(letters, 1):
        return text
    return None


def _detect(data: bytes, source: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    # A low-coherence guess usually means mojibake; refusing is better than storing garbage.
    if best is None or best.encoding is None or best.chaos > 0.3:
        raise DecodeError(
            source,
            "not valid UTF-8 and no other text encoding fits; convert the file to UTF-8 "
            "(e.g. iconv -f <encoding> -t utf-8)",
        )
    return str(best)
