"""JSON and JSON Lines reader: one article per object.

Fields (aliases in brackets): url [link], title [headline], text [body, content] or html,
published [date, published_at, pubdate, datePublished], outlet [source, site, sitename,
publisher], author [authors, byline]. A ``.json`` file holds one object, a list of objects,
or an object with an ``articles``/``items``/``data`` list. In ``.jsonl`` a bad line becomes
one failure and the other lines still ingest.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..config import Options
from ..errors import EmptyInput, MalformedInput
from ..records import RawRecord, failed_record
from .decode import decode, read_bytes

_ALIASES: dict[str, tuple[str, ...]] = {
    "url": ("url", "link", "uri"),
    "title": ("title", "headline"),
    "published": ("published", "date", "published_at", "publishedAt", "pubdate",
                  "datePublished", "publication_date"),
    "outlet": ("outlet", "source", "site", "sitename", "publisher", "source_name"),
    "author": ("author", "authors", "byline", "creator"),
}
_TEXT_KEYS = ("text", "body", "content", "maintext", "article")
_LIST_KEYS = ("articles", "items", "data", "records")
TOO_DEEP = "JSON nested too deeply to be an article (thousands of levels of [ or {)"
_MARKUP = re.compile(r"</(?:p|div|article|span|h[1-6])>|<br\s*/?>", re.I)


def iter_records(path: Path, options: Options) -> Iterator[RawRecord]:
    """Yield one record per JSON object; broken entries become failed records."""
    notes: list[str] = []
    data = decode(read_bytes(path, options.ingest.max_bytes), str(path), notes=notes)
    for record in _records(path, data):
        record.warnings[:0] = notes
        yield record


def _records(path: Path, data: str) -> Iterator[RawRecord]:
    if path.suffix.lower() == ".jsonl" or _is_lines(data):
        yield from _lines(path, data)
        return
    try:
        doc = json.loads(data)
    except json.JSONDecodeError as exc:
        raise MalformedInput(str(path), f"invalid JSON at line {exc.lineno}: {exc.msg}") from exc
    except RecursionError:
        raise MalformedInput(str(path), TOO_DEEP) from None
    items = _items(doc)
    if items is None:
        raise MalformedInput(
            str(path), "expected an article object, a list of them, or {\"articles\": [...]}"
        )
    single = isinstance(doc, dict) and items == [doc]
    for i, item in enumerate(items):
        yield _record(item, str(path) if single else f"{path}#item-{i}")


def _is_lines(data: str) -> bool:
    """A ``.json`` file that is really JSON Lines: several top-level objects, one per line."""
    lines = [ln for ln in data.splitlines()[:3] if ln.strip()]
    return len(lines) > 1 and all(ln.lstrip().startswith("{") and ln.rstrip().endswith("}")
                                  for ln in lines)


def _lines(path: Path, data: str) -> Iterator[RawRecord]:
    for n, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        source = f"{path}#line-{n}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield failed_record(MalformedInput(source, f"invalid JSON: {exc.msg}"), "json")
            continue
        except RecursionError:
            yield failed_record(MalformedInput(source, TOO_DEEP), "json")
            continue
        yield _record(item, source)


def _items(doc: Any) -> list[Any] | None:
    if isinstance(doc, list):
        return doc
    if isinstance(doc, dict):
        for key in _LIST_KEYS:
            if isinstance(doc.get(key), list):
                return list(doc[key])
        return [doc]
    return None


def _first(item: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = item.get(key)
        if value not in (None, "", []):
            return value
    return None


def _as_text(value: Any) -> str | None:
    """Strings as they are; lists of names joined; objects by their name/title."""
    if value is None:
        return None
    if isinstance(value, list):
        parts = [_as_text(v) for v in value]
        return ", ".join(p for p in parts if p) or None
    if isinstance(value, dict):
        return _as_text(value.get("name") or value.get("title"))
    return str(value).strip() or None


# The author may be a list of names, author and outlet a {"name": ...} object (schema.org
# style); a number, list or object anywhere else is a mistake in the dump: left out, with a
# warning naming the field.
_LISTS_OK = {"author"}
_OBJECTS_OK = {"author", "outlet"}


def field_value(name: str, value: Any, warnings: list[str]) -> str | None:
    """The text of one metadata field, or None with a warning when its type is wrong."""
    if value is None or isinstance(value, str):
        return _as_text(value)
    if (name in _LISTS_OK and isinstance(value, list)) or (
            name in _OBJECTS_OK and isinstance(value, dict)):
        return _as_text(value)
    kind = {bool: "a boolean", int: "a number", float: "a number", list: "a list",
            dict: "an object"}.get(type(value), type(value).__name__)
    warnings.append(f"field {name!r} is {kind} ({json.dumps(value, default=str)[:60]}), "
                    "expected a string; ignored")
    return None


def _record(item: Any, source: str) -> RawRecord:
    if not isinstance(item, dict):
        return failed_record(MalformedInput(source, "expected a JSON object per article"), "json")
    html = item.get("html")
    text = _first(item, _TEXT_KEYS)
    if not (isinstance(text, str) and text.strip()) and not (isinstance(html, str) and html.strip()):
        return failed_record(
            EmptyInput(source, "no text or html field (expected one of: text, body, content, html)"),
            "json",
        )
    use_text = isinstance(text, str) and bool(text.strip())
    content = str(text if use_text else html)
    # Some dumps put markup in "content"; it still needs HTML extraction.
    is_html = not use_text or bool(_MARKUP.search(content[:5000]))
    warnings: list[str] = []
    fields = {name: field_value(name, _first(item, keys), warnings)
              for name, keys in _ALIASES.items()}
    return RawRecord(source=source, format="json", content=content, is_html=is_html,
                     url=fields["url"], title=fields["title"], published=fields["published"],
                     outlet=fields["outlet"], author=fields["author"], warnings=warnings)
