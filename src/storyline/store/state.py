"""Store methods for outlet profiles, follows, the changes log and ``watch`` state.

A mixin of ``Store`` (same engine, same transactions rules): each method is one short
transaction, and every insert that a restarted run may repeat ignores rows already there.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select, update

from . import schema
from . import state_schema as st

PROFILE_FIELDS = ("domain", "name", "country", "language", "owner")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class StateMixin:
    engine: Engine
    dialect: str

    def _insert_ignore(self, table: Any) -> Any:  # Store's: an insert that skips duplicates
        raise NotImplementedError

    # -- outlets ------------------------------------------------------------------------------

    def save_outlet_profiles(self, rows: Sequence[dict[str, Any]]) -> int:
        """Insert or replace profiles by domain; ``rows`` hold PROFILE_FIELDS plus extras."""
        table = st.outlet_profiles
        values = []
        for r in rows:
            extra = {k: v for k, v in r.items() if k not in PROFILE_FIELDS}
            values.append({**{k: r.get(k) for k in PROFILE_FIELDS},
                           "extra": json.dumps(extra), "imported_at": _now()})
        if not values:
            return 0
        with self.engine.begin() as conn:
            conn.execute(delete(table).where(table.c.domain.in_([v["domain"] for v in values])))
            conn.execute(insert(table), values)
        return len(values)

    def outlet_profiles(self) -> dict[str, dict[str, Any]]:
        """domain -> profile (fixed columns and the user's own, flat)."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(st.outlet_profiles)).mappings().all()
        out = {}
        for r in rows:
            profile = {k: r[k] for k in PROFILE_FIELDS}
            profile.update(json.loads(r["extra"] or "{}"))
            out[r["domain"]] = profile
        return out

    def rename_outlet(self, old: str, new: str) -> int:
        """Articles whose outlet is ``old`` (e.g. a bare domain) get ``new``; returns #changed."""
        a = schema.articles
        with self.engine.begin() as conn:
            return int(conn.execute(update(a).where(a.c.outlet == old).values(outlet=new)).rowcount)

    def story_outlet_counts(self, story_ids: Iterable[str]) -> dict[str, int]:
        """Distinct outlets per story (articles without an outlet count as one)."""
        ids = list(story_ids)
        if not ids:
            return {}
        a = schema.articles
        q = (select(a.c.story_id, func.count(func.distinct(func.coalesce(a.c.outlet, ""))))
             .where(a.c.story_id.in_(ids)).group_by(a.c.story_id))
        with self.engine.connect() as conn:
            return {r[0]: int(r[1]) for r in conn.execute(q)}

    def outlet_counts(self) -> list[dict[str, Any]]:
        """Per stored outlet name: articles, first and last publication date, a sample URL."""
        a = schema.articles
        q = (select(a.c.outlet, func.count().label("articles"), func.min(a.c.published),
                    func.max(a.c.published), func.min(a.c.url))
             .group_by(a.c.outlet))
        with self.engine.connect() as conn:
            return [{"outlet": r[0], "articles": int(r[1]), "first": r[2], "last": r[3],
                     "url": r[4]} for r in conn.execute(q)]

    # -- follows ------------------------------------------------------------------------------

    def add_follow(self, kind: str, target: str) -> bool:
        """Follow ``target``; False when it was already followed."""
        with self.engine.begin() as conn:
            done = conn.execute(self._insert_ignore(st.follows).values(
                kind=kind, target=target, created_at=_now())).rowcount
        return bool(done)

    def remove_follow(self, kind: str, target: str) -> bool:
        f = st.follows
        with self.engine.begin() as conn:
            n = conn.execute(delete(f).where(f.c.kind == kind, f.c.target == target)).rowcount
        return bool(n)

    def list_follows(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            q = select(st.follows).order_by(st.follows.c.id)
            return [dict(r) for r in conn.execute(q).mappings()]

    # -- changes ------------------------------------------------------------------------------

    def add_changes(self, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        """Append changes whose ``key`` is new; returns the ones appended now."""
        c = st.changes
        keys = [r["key"] for r in rows]
        with self.engine.begin() as conn:
            known = set(conn.execute(select(c.c.key).where(c.c.key.in_(keys))).scalars()) if keys else set()
            fresh = [r for r in {r["key"]: r for r in rows}.values() if r["key"] not in known]
            for r in fresh:
                conn.execute(self._insert_ignore(c).values(
                    key=r["key"], at=r.get("at") or _now(), kind=r["kind"],
                    story_id=r.get("story_id"), article_id=r.get("article_id"),
                    follows=json.dumps(r.get("follows") or []), message=r["message"],
                    data=json.dumps(r.get("data") or {}, default=str)))
        return fresh

    def list_changes(self, *, since: str | None = None, followed: bool = False,
                     limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Newest first; ``since`` an ISO date or timestamp (inclusive)."""
        c = st.changes
        q = select(c)
        if since:
            q = q.where(c.c.at >= since)
        if followed:
            q = q.where(c.c.follows != "[]")
        q = q.order_by(c.c.id.desc()).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(q).mappings()]
        for r in rows:
            r["follows"] = json.loads(r["follows"] or "[]")
            r["data"] = json.loads(r["data"] or "{}")
        return rows

    # -- watch state --------------------------------------------------------------------------

    def feed_state(self, url: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(st.feeds).where(st.feeds.c.url == url)).mappings().first()
        return dict(row) if row else None

    def save_feed_state(self, url: str, **values: Any) -> None:
        f = st.feeds
        values["checked_at"] = _now()
        with self.engine.begin() as conn:
            if not conn.execute(update(f).where(f.c.url == url).values(**values)).rowcount:
                conn.execute(insert(f).values(url=url, **values))

    def add_pages(self, rows: Sequence[dict[str, Any]]) -> int:
        """Remember announced article URLs (ignoring known ones); returns #new."""
        if not rows:
            return 0
        p = st.pages
        with self.engine.begin() as conn:
            known = set(conn.execute(select(p.c.url).where(
                p.c.url.in_([r["url"] for r in rows]))).scalars())
            fresh = [r for r in {r["url"]: r for r in rows}.values() if r["url"] not in known]
            if fresh:
                conn.execute(self._insert_ignore(p), [
                    {"url": r["url"], "feed": r.get("feed"), "title": r.get("title"),
                     "published": r.get("published"), "status": "pending", "attempts": 0,
                     "reported": False, "seen_at": _now()} for r in fresh])
        return len(fresh)

    def pages(self, *, status: str | None = None, reported: bool | None = None,
              limit: int = 1000) -> list[dict[str, Any]]:
        p = st.pages
        q = select(p)
        if status:
            q = q.where(p.c.status == status)
        if reported is not None:
            q = q.where(p.c.reported == reported)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(q.order_by(p.c.seen_at, p.c.url).limit(limit))
                    .mappings()]

    def set_page(self, url: str, **values: Any) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(st.pages).where(st.pages.c.url == url).values(**values))

    def mark_reported(self, urls: Sequence[str]) -> None:
        if urls:
            with self.engine.begin() as conn:
                conn.execute(update(st.pages).where(st.pages.c.url.in_(list(urls)))
                             .values(reported=True))

    def story_marks(self, story_ids: Iterable[str]) -> dict[str, list[str]]:
        m = st.story_marks
        with self.engine.connect() as conn:
            rows = conn.execute(select(m).where(m.c.story_id.in_(list(story_ids))))
            return {r[0]: json.loads(r[1]) for r in rows}

    def save_story_marks(self, marks: dict[str, list[str]]) -> None:
        m = st.story_marks
        if not marks:
            return
        with self.engine.begin() as conn:
            conn.execute(delete(m).where(m.c.story_id.in_(list(marks))))
            conn.execute(insert(m), [{"story_id": k, "conflicts": json.dumps(v)}
                                     for k, v in marks.items()])
