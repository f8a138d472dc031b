"""Threads in the web: ``/api/threads``, ``/api/threads/{id}`` and the thread pages.

A thread is a group of related stories linked, not merged (see ``stories/threads.py``);
the pages list its stories in date order and show, per link, the evidence.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse

from .api import SL
from .pages import render

ThreadId = Annotated[str, Path(description="thread id (a unique prefix is enough)")]

api_router = APIRouter(prefix="/api", tags=["api"])
page_router = APIRouter(include_in_schema=False)


@api_router.get("/threads", summary="Threads: related stories linked by shared key entities")
def list_threads(sl: SL) -> list[dict[str, Any]]:
    return [t.to_dict() for t in sl.threads()]


@api_router.get("/threads/{thread_id}", summary="One thread: its stories and link evidence")
def get_thread(sl: SL, thread_id: ThreadId) -> dict[str, Any]:
    data: dict[str, Any] = sl.thread(thread_id).to_dict()
    return data


@page_router.get("/threads", response_class=HTMLResponse)
def threads_page(request: Request, sl: SL) -> HTMLResponse:
    return render(request, "threads.html", threads=sl.threads())


@page_router.get("/threads/{thread_id}", response_class=HTMLResponse)
def thread_page(request: Request, sl: SL, thread_id: ThreadId) -> HTMLResponse:
    thread = sl.thread(thread_id)
    titles = {s.id: s.title or s.id[:8] for s in thread.stories}
    return render(request, "thread.html", thread=thread, titles=titles)
