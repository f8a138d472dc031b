"""More list pages and their API twins: the flat events table and "What changed".

    /events          date, actors, event type, place, story, evidence sentence
    /changes         what each watch round saw (new stories, articles added to followed
                     stories, conflicts appearing or resolved); /api/changes as JSON
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ..export import EVENT_SORTS
from .api import SL, Limit, Offset, Since, Until
from .listing import PAGE_SIZE, PageLimit, PageOffset, pager
from .pages import render

router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api", tags=["api"])


def _event_filters(outlet: str | None, since: str | None, until: str | None,
                   entity: str | None, story: str | None, sort: str) -> dict[str, Any]:
    return {"outlet": outlet or None, "since": since or None, "until": until or None,
            "entity": entity or None, "story": story or None, "sort": sort}


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, sl: SL, outlet: str | None = None, since: Since = None,
                until: Until = None, entity: str | None = None, story: str | None = None,
                sort: str = "date", limit: PageLimit = PAGE_SIZE,
                offset: PageOffset = 0) -> HTMLResponse:
    rows = sl.export_rows("events", **_event_filters(outlet, since, until, entity, story, sort),
                          limit=limit + 1, offset=offset)
    page = pager(request, "events", rows, limit, offset)
    filters = {"outlet": outlet or "", "since": since or "", "until": until or "",
               "entity": entity or "", "story": story or ""}
    return render(request, "events.html", events=rows, pager=page, sort=sort,
                  sorts=EVENT_SORTS, filters=filters)


@api_router.get("/events", summary="The flat events table: date, actors, type, place, story, sentence")
def list_events(sl: SL, outlet: str | None = None, since: Since = None, until: Until = None,
                entity: str | None = None, story: str | None = None, sort: str = "date",
                limit: Limit = 100, offset: Offset = 0) -> list[dict[str, Any]]:
    """``entity`` keeps events with that actor; ``since``/``until`` filter by publication."""
    return sl.export_rows("events", **_event_filters(outlet, since, until, entity, story, sort),
                          limit=limit, offset=offset)


@api_router.get("/stories/{story_id}/coverage", summary="Which outlets reported a story, and when")
def story_coverage(sl: SL, story_id: str, group: str | None = None) -> dict[str, Any]:
    """One entry per outlet with its articles (the first report flagged); ``group`` groups
    the outlets by an imported profile column (country, owner, a user column)."""
    cov = sl.coverage(story_id, group or None)
    return {"group_by": cov.group_by, "columns": cov.columns,
            "first_published": cov.first_published,
            "outlets": [{"outlet": o.outlet, "group": o.group,
                         "first_published": o.first_published, "first_report": o.broke_it,
                         "articles": [a.__dict__ for a in o.articles]} for o in cov.outlets]}


@router.get("/changes", response_class=HTMLResponse)
def changes_page(request: Request, sl: SL, since: str | None = None, followed: bool = False,
                 limit: PageLimit = PAGE_SIZE, offset: PageOffset = 0) -> HTMLResponse:
    rows = sl.changes(since=since or None, followed=followed, limit=limit + 1, offset=offset)
    page = pager(request, "changes", rows, limit, offset)
    return render(request, "changes.html", changes=rows, pager=page, since=since or "",
                  followed=followed, follows=sl.follows())


@api_router.get("/changes", summary="The changes log written by watch rounds, newest first")
def list_changes(sl: SL, since: str | None = None, followed: bool = False, limit: Limit = 100,
                 offset: Offset = 0) -> list[dict[str, Any]]:
    """``since``: ISO date or timestamp (UTC), inclusive; ``followed``: only changes about
    followed entities, pairs and stories."""
    return sl.changes(since=since, followed=followed, limit=limit, offset=offset)


@api_router.get("/follows", summary="What the user follows")
def list_follows(sl: SL) -> list[dict[str, Any]]:
    return sl.follows()
