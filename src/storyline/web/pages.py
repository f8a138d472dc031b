"""HTML pages: story list, story (sources side by side, ledger, timeline), article, entity,
search. Server-rendered with autoescaped Jinja2; text marked up only through ``markup``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from ..api import ARTICLE_SORTS, STORY_SORTS
from ..errors import NotFound
from ..model import Article
from ..outlets import UNKNOWN_OUTLET, outlet_label
from ..stories.types import CONFLICTING, CORROBORATED, SINGLE_SOURCE, UPDATED, Fact, StoryView
from .api import SL, Since, Until
from .app import BadParameter
from .coverage_svg import coverage_svg
from .listing import PAGE_SIZE, PageLimit, PageOffset, pager
from .markup import (
    Span,
    article_spans,
    entity_href,
    evidence_href,
    parse_hl,
    render_marked,
    snippet_html,
)
from .svg import timeline_svg

router = APIRouter(include_in_schema=False)
STATUS_ORDER = {CONFLICTING: 0, UPDATED: 1, SINGLE_SOURCE: 2, CORROBORATED: 3}


def render(request: Request, template: str, **context: Any) -> HTMLResponse:
    context.setdefault("q", "")
    context.update(entity_href=entity_href, evidence_href=evidence_href, source_name=source_name)
    response: HTMLResponse = request.app.state.templates.TemplateResponse(request, template, context)
    return response


@router.get("/", response_class=HTMLResponse)
def stories_page(request: Request, sl: SL, q: str | None = None, since: Since = None,
                 until: Until = None, outlet: str | None = None,
                 entity: str | None = None, sort: str = "size", disputed: bool = False,
                 limit: PageLimit = PAGE_SIZE, offset: PageOffset = 0) -> HTMLResponse:
    filters = {"q": q or "", "since": since or "", "until": until or "",
               "outlet": outlet or "", "entity": entity or "",
               "disputed": "true" if disputed else ""}
    stories = sl.triaged_stories(query=q or None, since=since or None, until=until or None,
                                 outlet=outlet or None, entity=entity or None, sort=sort,
                                 limit=limit + 1, offset=offset, disputed=disputed)
    page = pager(request, "stories", stories, limit, offset)
    # Every stored outlet (one GROUP BY), not only those of the newest articles.
    outlets = sorted(o["outlet"] for o in sl.outlets() if o["outlet"] != UNKNOWN_OUTLET)
    entities = [name for name, _, _ in sl.entities("", limit=300)]
    return render(request, "stories.html", stories=stories, filters=filters,
                  story_entities=story_entities, pager=page, sort=sort, sorts=STORY_SORTS,
                  outlet_counts=sl.story_outlet_counts([s.id for s in stories]),
                  outlets=outlets, entities=entities, filtered=any(filters.values()),
                  article_count=sl.count_articles())


def source_name(outlet: str | None, article_id: str) -> str:
    """How a source is named: its outlet, or the one label for an unknown outlet."""
    return outlet_label(outlet)


def story_entities(meta: dict[str, Any], most: int = 6) -> list[str]:
    """Main names of a story for the list page, from ``meta["entities"]`` when the story layer
    records it (a list of names or of [name, count] pairs); empty otherwise."""
    found = meta.get("entities")
    if not isinstance(found, list):
        return []
    names = [e[0] if isinstance(e, list | tuple) and e else e for e in found]
    return [n for n in names if isinstance(n, str)][:most]


def sorted_facts(facts: list[Fact]) -> list[Fact]:
    """The main event's facts before background ones (a 2015 parade in a 2025 story); in
    each group conflicts first (what a fact-checker must look at), then the rest."""
    return sorted(facts, key=lambda f: (f.background, STATUS_ORDER.get(f.status, 3)))


def source_spans(view: StoryView, article: Article) -> list[Span]:
    """Ledger values inside one source's text, so the columns show what is being compared."""
    spans = []
    for fact in view.ledger.facts:
        kind = "conflict" if fact.status == CONFLICTING else "fact"
        for value in fact.values:
            for ev in value.evidence:
                if ev.article_id == article.id:
                    spans.append(Span(ev.start, ev.end, kind, f"{fact.label}: {value.value}",
                                      evidence_href(ev.article_id, ev.start, ev.end)))
    return spans


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, sl: SL, story_id: str,
               group: str | None = None) -> HTMLResponse:
    view: StoryView = sl.story(story_id)
    coverage = sl.coverage(view, group or None)
    facts = sorted_facts(view.ledger.facts)
    # Oldest first: how the story developed, read left to right.
    ordered = sorted(view.articles, key=lambda a: (a.published or "9999", a.id))
    columns = [(a, render_marked(a.text, source_spans(view, a))) for a in ordered]
    undated = [e for e in view.timeline.entries if not e.begin]
    return render(request, "story.html", view=view, story=view.story, facts=facts,
                  conflicts=[f for f in facts if f.status == CONFLICTING], columns=columns,
                  timeline=timeline_svg(view.timeline), undated=undated, coverage=coverage,
                  coverage_chart=coverage_svg(coverage))


@router.get("/stories/{story_id}/timeline.svg")
def story_timeline_svg(sl: SL, story_id: str) -> Response:
    svg = timeline_svg(sl.story(story_id).timeline)
    if not str(svg).startswith("<svg"):
        svg = Markup('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>')
    return Response(str(svg), media_type="image/svg+xml")


@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request, sl: SL, outlet: str | None = None, since: Since = None,
                  until: Until = None, entity: str | None = None, sort: str = "newest",
                  limit: PageLimit = PAGE_SIZE, offset: PageOffset = 0) -> HTMLResponse:
    rows = sl.articles(outlet=outlet or None, since=since or None, until=until or None,
                       entity=entity or None, sort=sort, limit=limit + 1, offset=offset)
    page = pager(request, "articles", rows, limit, offset)
    filters = {"outlet": outlet or "", "since": since or "", "until": until or "",
               "entity": entity or ""}
    return render(request, "articles.html", articles=rows, pager=page, sort=sort,
                  sorts=ARTICLE_SORTS, filters=filters)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, sl: SL, article_id: str, hl: str | None = None) -> HTMLResponse:
    article = sl.article(article_id)
    try:
        span = parse_hl(hl)
    except ValueError as exc:
        raise BadParameter(str(exc)) from exc
    if span is not None and span[1] > len(article.text):
        raise BadParameter(f"hl={hl} is outside the article text ({len(article.text)} chars)")
    body = render_marked(article.text, article_spans(article, span))
    entities = sorted({(e.canonical, e.label) for e in article.entities})
    return render(request, "article.html", article=article, body=body, entities=entities,
                  hl=span, hl_text=article.text[span[0]:span[1]] if span else None)


@router.get("/entities", response_class=HTMLResponse)
def entities_page(request: Request, sl: SL, prefix: str = "", limit: PageLimit = 200,
                  offset: PageOffset = 0) -> HTMLResponse:
    rows = sl.entities(prefix, limit=offset + limit + 1)[offset:]
    page = pager(request, "entities", rows, limit, offset)
    return render(request, "entities.html", rows=rows, prefix=prefix, pager=page)


@router.get("/entities/{name:path}", response_class=HTMLResponse)
def entity_page(request: Request, sl: SL, name: str,
                other: Annotated[str | None, Query()] = None) -> HTMLResponse:
    articles = sl.articles(entity=name, limit=500)
    known = sl.entities(name, limit=20)
    labels = sorted({label for n, label, _ in known if n == name})
    if not articles and not labels:
        missing = NotFound("entity", name)
        missing.args = (f"no entity named {name!r} in the store; browse them at /entities",)
        raise missing
    timeline = sl.timeline(name, other or None)
    undated = [e for e in timeline.entries if not e.begin]
    return render(request, "entity.html", name=name, labels=labels, articles=articles,
                  stories=sl.stories(entity=name, limit=50), timeline=timeline_svg(timeline),
                  entries=timeline.entries, undated=undated, other=other or "")


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, sl: SL, q: str = "") -> HTMLResponse:
    hits = sl.search(q, limit=50) if q.strip() else []
    results = [(h, snippet_html(h.snippet)) for h in hits]
    page = pager(request, "search", hits, 50, 0)
    return render(request, "search.html", q=q, results=results, pager=page)
