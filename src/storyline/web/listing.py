"""Paging, sorting and export links shared by the web list pages, and the export routes.

Every list page takes ``limit``/``offset`` (next/previous links keep the other parameters)
and offers a CSV and a JSON link with the page's filters: ``/export/{kind}.csv`` and
``/export/{kind}.json`` serve the same rows as ``storyline export``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from ..errors import NotFound
from .api import SL, Since, Until

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 50
PageLimit = Annotated[int, Query(ge=1, le=500)]
PageOffset = Annotated[int, Query(ge=0)]
FILTER_KEYS = ("q", "since", "until", "outlet", "entity", "story", "actor", "other", "sort",
               "disputed", "followed", "prefix")


@dataclass
class Pager:
    """Where a list page is, and the links to its neighbours and its exports."""

    offset: int
    limit: int
    shown: int
    prev_href: str | None
    next_href: str | None
    csv_href: str
    json_href: str

    @property
    def first(self) -> int:
        return self.offset + 1 if self.shown else 0

    @property
    def last(self) -> int:
        return self.offset + self.shown


def href(path: str, params: dict[str, Any]) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{path}?{query}" if query else path


def pager(request: Request, kind: str, rows: list[Any], limit: int, offset: int) -> Pager:
    """Trim ``rows`` (fetched with limit + 1) in place and build the links."""
    has_next = len(rows) > limit
    del rows[limit:]
    params = dict(request.query_params)
    path = request.url.path
    prev_href = next_href = None
    if offset > 0:
        prev_href = href(path, {**params, "offset": max(0, offset - limit) or None})
    if has_next:
        next_href = href(path, {**params, "offset": offset + limit})
    filters = {k: v for k, v in params.items() if k in FILTER_KEYS}
    return Pager(offset, limit, len(rows), prev_href, next_href,
                 href(f"/export/{kind}.csv", filters), href(f"/export/{kind}.json", filters))


def export_filters(params: dict[str, Any]) -> dict[str, Any]:
    """Page query parameters -> ``Storyline.export_rows`` filters (``q`` is ``query``)."""
    out = {k: v or None for k, v in params.items()
           if k in FILTER_KEYS and k not in ("q", "prefix", "disputed", "followed")}
    if "followed" in params:
        out["followed"] = params["followed"].lower() in ("1", "true", "on", "yes")
    out["query"] = params.get("q") or params.get("prefix") or None
    return out


@router.get("/export/{kind}.{fmt}")
def export_file(request: Request, sl: SL, kind: str, fmt: str, since: Since = None,
                until: Until = None,
                limit: Annotated[int | None, Query(ge=1)] = None,
                offset: Annotated[int, Query(ge=0)] = 0) -> Response:
    """``kind``: stories | articles | facts | events | timeline; ``fmt``: csv | json | jsonl."""
    from ..export import KINDS, to_csv, to_jsonl

    if kind not in KINDS or fmt not in ("csv", "json", "jsonl"):
        raise NotFound("export", f"{kind}.{fmt}")
    filters = export_filters(dict(request.query_params))
    filters.update(since=since, until=until, limit=limit, offset=offset)
    rows = sl.export_rows(kind, **filters)
    if fmt == "json":
        return JSONResponse(rows)
    if fmt == "jsonl":
        return Response(to_jsonl(rows), media_type="application/x-ndjson")
    return Response(to_csv(rows, kind), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{kind}.csv"'})
