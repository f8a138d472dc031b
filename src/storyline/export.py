"""Flat tables of everything a listing shows, for notebooks and spreadsheets.

``export_rows`` builds one kind of table (stories, articles, facts, events, timeline) with
the listing filters; ``write_rows`` writes it as CSV, JSON Lines or Parquet. The CLI
(`storyline export`), the web list pages (CSV/JSON links) and the Python API share them.
Every row of facts, events and timeline carries its evidence: article, outlet, sentence and
the character span in the article text.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol

from .errors import ConfigError
from .outlets import outlet_label

KINDS = ("stories", "articles", "facts", "events", "timeline", "changes", "entities", "search")
FORMATS = ("csv", "jsonl", "parquet")
MAX_ROWS = 1_000_000  # no limit given: everything, up to this
_EVIDENCE = ("article_id", "outlet", "published", "evidence", "sentence", "start", "end")
# The columns of each kind, so an empty export still has its header.
COLUMNS: dict[str, tuple[str, ...]] = {
    "stories": ("id", "title", "articles", "outlets", "first_published", "last_published",
                "conflicting", "corroborated", "updated", "entities"),
    "articles": ("id", "title", "outlet", "published", "url", "story_id", "language", "chars",
                 "duplicate_of", "syndication_group"),
    "facts": ("story_id", "story_title", "slot", "fact", "status", "value", "sources", "note",
              *_EVIDENCE),
    "events": ("date", "begin", "finish", "actors", "event_type", "trigger", "place", "planned",
               "story_id", "article_id", "outlet", "published", "sentence", "start", "end"),
    "timeline": ("date", "begin", "finish", "type", "title", "actors", "place", "planned",
                 "inferred", "evidence_count", *_EVIDENCE),
    "changes": ("at", "kind", "story_id", "article_id", "follows", "message"),
    "entities": ("name", "label", "articles"),
    "search": ("id", "title", "outlet", "published", "snippet"),
}


class Reader(Protocol):
    """What export needs from the facade (``storyline.api.Storyline``)."""

    store: Any

    def stories(self, **filters: Any) -> list[Any]: ...
    def story_counts(self, story: Any) -> dict[str, int]: ...
    def articles(self, **filters: Any) -> list[dict[str, Any]]: ...
    def story(self, story_id: str) -> Any: ...
    def search(self, query: str, limit: int = 20) -> list[Any]: ...
    def timeline(self, actor: str, other: str | None = None, *,
                 story_id: str | None = None) -> Any: ...


@dataclass
class Filters:
    """The listing filters, shared by every kind (each kind uses those that apply)."""

    query: str | None = None
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    entity: str | None = None
    story: str | None = None
    actor: str | None = None  # timeline: whose events
    other: str | None = None  # timeline: with whom
    sort: str | None = None
    followed: bool = False  # changes: only those about followed items
    limit: int | None = None
    offset: int = 0


def export_rows(sl: Reader, kind: str, filters: Filters | None = None) -> list[dict[str, Any]]:
    """One flat table; raises ``ConfigError`` for an unknown kind or missing argument."""
    f = filters or Filters()
    builders = {"stories": story_rows, "articles": article_rows, "facts": fact_rows,
                "events": event_rows, "timeline": timeline_rows, "changes": change_rows,
                "entities": entity_rows, "search": search_rows}
    if kind not in builders:
        raise ConfigError(f"unknown export kind {kind!r}; use one of {', '.join(KINDS)}")
    return builders[kind](sl, f)


def _window(f: Filters) -> tuple[int, int]:
    return (f.limit if f.limit is not None else MAX_ROWS), f.offset


def _story_filters(f: Filters) -> dict[str, Any]:
    out: dict[str, Any] = {"query": f.query, "since": f.since, "until": f.until,
                           "outlet": f.outlet, "entity": f.entity}
    if f.sort:
        out["sort"] = f.sort
    return out


def story_rows(sl: Reader, f: Filters) -> list[dict[str, Any]]:
    limit, offset = _window(f)
    rows = sl.stories(**_story_filters(f), limit=limit, offset=offset)
    outlets = sl.store.story_outlet_counts(r.id for r in rows)
    return [{"id": r.id, "title": r.title, "articles": r.size, "outlets": outlets.get(r.id, 0),
             "first_published": r.first_published, "last_published": r.last_published,
             **_counts(sl.story_counts(r)), "entities": _names(r.meta.get("entities"))}
            for r in rows]


def _counts(counts: dict[str, int]) -> dict[str, int]:
    """The ledger's triage counts (the story list's columns)."""
    return {"conflicting": counts.get("conflicting", 0),
            "corroborated": counts.get("corroborated", 0), "updated": counts.get("updated", 0)}


def _names(found: Any) -> list[str]:
    if not isinstance(found, list):
        return []
    names = [e[0] if isinstance(e, list | tuple) and e else e for e in found]
    return [n for n in names if isinstance(n, str)]


def _article_filters(f: Filters) -> dict[str, Any]:
    out: dict[str, Any] = {"outlet": f.outlet, "since": f.since, "until": f.until,
                           "entity": f.entity, "story_id": f.story}
    if f.sort:
        out["sort"] = f.sort
    return out


def article_rows(sl: Reader, f: Filters) -> list[dict[str, Any]]:
    limit, offset = _window(f)
    keep = ("id", "title", "outlet", "published", "url", "story_id", "language", "chars",
            "duplicate_of", "syndication_group")
    return [{k: r.get(k) for k in keep}
            for r in sl.articles(**_article_filters(f), limit=limit, offset=offset)]


def _story_ids(sl: Reader, f: Filters) -> list[str]:
    if f.story:
        return [sl.store.get_story(f.story).id]  # the id only: no view built twice
    return [r.id for r in sl.stories(**_story_filters(f), limit=MAX_ROWS)]


def _evidence(ev: Any) -> dict[str, Any]:
    return {"article_id": ev.article_id, "outlet": outlet_label(ev.outlet),
            "published": ev.published, "evidence": ev.text, "sentence": ev.sentence,
            "start": ev.start, "end": ev.end}


def fact_rows(sl: Reader, f: Filters) -> list[dict[str, Any]]:
    """One row per (fact, value, evidence sentence) of the selected stories' ledgers."""
    out: list[dict[str, Any]] = []
    for sid in _story_ids(sl, f):
        view = sl.story(sid)
        for fact in view.ledger.facts:
            for value in fact.values:
                base = {"story_id": view.story.id, "story_title": view.story.title,
                        "slot": fact.slot, "fact": fact.label, "status": fact.status,
                        "value": value.value, "sources": value.sources, "note": fact.note}
                out.extend({**base, **_evidence(ev)} for ev in value.evidence)
    return _slice(out, f)


def _slice(rows: list[dict[str, Any]], f: Filters) -> list[dict[str, Any]]:
    limit, offset = _window(f)
    return rows[offset:offset + limit]


def iter_events(sl: Reader, f: Filters) -> Iterator[dict[str, Any]]:
    """Every extracted event of the filtered articles, one flat row each (unsorted)."""
    ids = [r["id"] for r in sl.articles(**{**_article_filters(f), "sort": "newest"},
                                        limit=MAX_ROWS)]
    for start in range(0, len(ids), 500):
        for a in sl.store.iter_articles(ids=ids[start:start + 500]):
            for ev in a.events:
                if f.entity and f.entity not in ev.actors:
                    continue
                t = ev.time
                yield {"date": t.value if t else None, "begin": t.begin if t else None,
                       "finish": t.finish if t else None, "actors": list(ev.actors),
                       "event_type": ev.type, "trigger": ev.trigger, "place": ev.place,
                       "planned": ev.planned, "story_id": a.story_id, "article_id": a.id,
                       "outlet": outlet_label(a.outlet), "published": a.published,
                       "sentence": ev.sentence, "start": ev.start, "end": ev.end}


EVENT_SORTS = ("date", "newest")


def event_rows(sl: Reader, f: Filters) -> list[dict[str, Any]]:
    """The flat events table: dated events first, oldest first (``sort="newest"``: reverse)."""
    rows = list(iter_events(sl, f))
    sort = f.sort or "date"
    if sort not in EVENT_SORTS:
        raise ConfigError(f"unknown event sort {sort!r}; use one of {', '.join(EVENT_SORTS)}")
    rows.sort(key=lambda r: (r["begin"] is None, r["begin"] or "", r["published"] or "",
                             r["article_id"], r["start"]))
    if sort == "newest":
        dated = [r for r in rows if r["begin"]][::-1]
        rows = dated + [r for r in rows if not r["begin"]]
    return _slice(rows, f)


def timeline_rows(sl: Reader, f: Filters) -> list[dict[str, Any]]:
    if not f.actor:
        raise ConfigError("a timeline export needs an actor (--actor NAME, and --other NAME "
                          "for a pair)")
    tl = sl.timeline(f.actor, f.other, story_id=f.story)
    out = []
    for e in tl.entries:
        first = e.evidence[0] if e.evidence else None
        row = {"date": e.date, "begin": e.begin, "finish": e.finish, "type": e.type,
               "title": e.title, "actors": list(e.actors), "place": e.place,
               "planned": e.planned, "inferred": e.inferred, "evidence_count": len(e.evidence)}
        row.update(_evidence(first) if first else dict.fromkeys(_EVIDENCE))
        out.append(row)
    return _slice(out, f)


def change_rows(sl: Reader, f: Filters) -> list[dict[str, Any]]:
    """The changes log (written by watch rounds), newest first."""
    limit, offset = _window(f)
    rows = sl.store.list_changes(since=f.since, followed=f.followed, limit=limit, offset=offset)
    keep = ("at", "kind", "story_id", "article_id", "follows", "message")
    return [{k: r.get(k) for k in keep} for r in rows]


def entity_rows(sl: Reader, f: Filters) -> list[dict[str, Any]]:
    """Entity names starting with ``query``, by number of articles mentioning them."""
    limit, offset = _window(f)
    names = sl.store.entity_names(f.query or "", limit=min(offset + limit, MAX_ROWS))
    return [{"name": n, "label": label, "articles": count}
            for n, label, count in names[offset:offset + limit]]


def search_rows(sl: Reader, f: Filters) -> list[dict[str, Any]]:
    """Full-text search hits for ``query`` (best first), with the matching snippet."""
    if not (f.query or "").strip():
        raise ConfigError("a search export needs words to search for (--query WORDS)")
    limit, offset = _window(f)
    hits = sl.search(f.query or "", limit=min(offset + limit, 10_000))
    return [{"id": h.id, "title": h.title, "outlet": outlet_label(h.outlet),
             "published": h.published, "snippet": " ".join(h.snippet.split())}
            for h in hits[offset:offset + limit]]


# -- writing ------------------------------------------------------------------------------


def _cell(value: Any) -> Any:
    """CSV cells: lists joined with "; ", booleans as true/false, None empty."""
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def columns_of(rows: Sequence[dict[str, Any]], kind: str | None = None) -> list[str]:
    found = list(dict.fromkeys(k for r in rows for k in r))
    return found or list(COLUMNS.get(kind or "", ()))


def to_csv(rows: Sequence[dict[str, Any]], kind: str | None = None) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns_of(rows, kind), lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: _cell(v) for k, v in r.items()})
    return buf.getvalue()


def to_jsonl(rows: Sequence[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rows)


def write_rows(rows: Sequence[dict[str, Any]], fmt: str, out: Path | IO[str] | None,
               kind: str | None = None) -> str | None:
    """Write ``rows`` as ``fmt`` to a file path or text stream; with ``out=None`` return the
    text (CSV, JSON Lines). Parquet needs a path. ``kind`` gives an empty table its columns."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise ConfigError("Parquet is binary: give a file with -o FILE.parquet")
        import pyarrow as pa
        import pyarrow.parquet as pq

        out.parent.mkdir(parents=True, exist_ok=True)
        table = (pa.Table.from_pylist(list(rows)) if rows else
                 pa.table({c: pa.array([], pa.string()) for c in columns_of(rows, kind)}))
        pq.write_table(table, out)
        return None
    text = to_csv(rows, kind) if fmt == "csv" else to_jsonl(rows)
    if out is None:
        return text
    if isinstance(out, Path):
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    else:
        out.write(text)
    return None
