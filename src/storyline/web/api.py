"""The JSON API under /api: read-only, thin over ``storyline.api.Storyline``.

Response shapes are the story-layer dataclasses (``StoryRow``, ``Ledger``, ``Timeline``,
``SearchHit``), so the OpenAPI schema at /openapi.json documents them. Errors are mapped to
``{"error": {"type", "message"}}`` by the handlers in ``storyline.web.app``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request

from ..api import Storyline
from ..model import Article
from ..store import SearchHit, StoryRow
from ..stories.types import Ledger, Timeline

router = APIRouter(prefix="/api", tags=["api"])

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
Since = Annotated[str | None, Query(pattern=DATE, description="ISO date (YYYY[-MM[-DD]]), inclusive")]
Until = Annotated[str | None, Query(pattern=DATE, description="ISO date (YYYY[-MM[-DD]]), inclusive")]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0)]
StoryId = Annotated[str, Path(description="story id (a unique prefix is enough)")]
# Left out of article JSON: the raw input can be large; the embedding is internal.
HIDDEN_ARTICLE_FIELDS = ("raw", "embedding")


def get_sl(request: Request) -> Storyline:
    sl: Storyline = request.app.state.sl
    return sl


SL = Annotated[Storyline, Depends(get_sl)]


def article_summary(a: Article) -> dict[str, Any]:
    return {"id": a.id, "title": a.title, "outlet": a.outlet, "published": a.published,
            "url": a.url, "syndication_group": a.syndication_group,
            "duplicate_of": a.duplicate_of, "chars": len(a.text)}


def article_json(a: Article) -> dict[str, Any]:
    data = a.to_dict()
    for name in HIDDEN_ARTICLE_FIELDS:
        data.pop(name, None)
    return data


@router.get("/stories", summary="List stories, biggest and newest first")
def list_stories(sl: SL, q: str | None = None, since: Since = None, until: Until = None,
                 outlet: str | None = None, entity: str | None = None,
                 limit: Limit = 100, offset: Offset = 0, sort: str = "size",
                 disputed: bool = False, counts: bool = True) -> list[StoryRow]:
    """Filters: ``q`` matches the title, ``since``/``until`` the publication range,
    ``outlet`` and ``entity`` (canonical name) any article of the story, ``disputed`` only
    stories with a conflicting fact. ``sort``: size, latest, earliest or title. Each story's
    ``meta.ledger`` gives its conflicting, corroborated and updated fact counts
    (``counts=false`` skips them: faster)."""
    filters = dict(query=q, since=since, until=until, outlet=outlet, entity=entity,
                   limit=limit, offset=offset, sort=sort)
    if counts or disputed:
        return sl.triaged_stories(disputed=disputed, **filters)
    return sl.stories(**filters)


@router.get("/stories/{story_id}", summary="A story: its articles, fact ledger and timeline")
def get_story(sl: SL, story_id: StoryId) -> dict[str, Any]:
    view = sl.story(story_id)
    return {"story": view.story, "articles": [article_summary(a) for a in view.articles],
            "ledger": view.ledger, "timeline": view.timeline, "summary": view.summary}


@router.get("/stories/{story_id}/ledger", summary="The story's per-fact source comparison")
def get_ledger(sl: SL, story_id: StoryId) -> Ledger:
    """Each fact is corroborated, single-source or conflicting; every value carries its
    evidence: article, sentence and the character span of the value in the article text."""
    ledger: Ledger = sl.story(story_id).ledger
    return ledger


@router.get("/stories/{story_id}/timeline", summary="The story's timeline")
def get_story_timeline(sl: SL, story_id: StoryId) -> Timeline:
    timeline: Timeline = sl.story(story_id).timeline
    return timeline


@router.get("/timeline", summary="Events involving an actor (and another), across articles")
def get_timeline(sl: SL, actor: Annotated[str, Query(min_length=1)], other: str | None = None,
                 story: str | None = None) -> Timeline:
    timeline: Timeline = sl.timeline(actor, other, story_id=story)
    return timeline


@router.get("/articles", summary="List articles (no text), newest first")
def list_articles(sl: SL, outlet: str | None = None, since: Since = None, until: Until = None,
                  entity: str | None = None, story: str | None = None,
                  limit: Limit = 50, offset: Offset = 0,
                  sort: str = "newest") -> list[dict[str, Any]]:
    """``sort``: newest, oldest, outlet or title."""
    return sl.articles(outlet=outlet, since=since, until=until, entity=entity, story_id=story,
                       limit=limit, offset=offset, sort=sort)


@router.get("/articles/{article_id}", summary="One article with text and annotations")
def get_article(sl: SL, article_id: str) -> dict[str, Any]:
    """All annotations carry character offsets into ``text``."""
    return article_json(sl.article(article_id))


@router.get("/search", summary="Full-text search over articles")
def search(sl: SL, q: Annotated[str, Query(min_length=1)], limit: Limit = 20) -> list[SearchHit]:
    """The snippet marks matches with [ and ]."""
    return sl.search(q, limit=limit)


@router.get("/entities", summary="Entities by number of articles mentioning them")
def list_entities(sl: SL, prefix: str = "", limit: Limit = 50) -> list[dict[str, Any]]:
    return [{"name": name, "label": label, "articles": n}
            for name, label, n in sl.entities(prefix, limit=limit)]
