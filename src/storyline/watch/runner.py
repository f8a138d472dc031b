"""One round of ``storyline watch``: poll feeds and sitemaps, fetch the new article pages,
ingest, analyze and assign them to stories, then report what changed.

Every step leaves its trace in the store before the next starts (feed state, announced
pages, stored articles, analysis, stories, changes, pages reported), so a round killed at
any point is completed by the next one without losing or duplicating anything: announced
pages stay "pending" until their article is committed, a page fetched twice gives the same
content id (stored once), and changes have unique keys.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..config import Options
from ..errors import FetchError, InputError
from ..runs import Failure
from ..store import Store
from .http import Fetcher
from .sources import parse_announcements

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class RoundReport:
    feeds: int = 0
    unchanged_feeds: int = 0  # answered 304 Not Modified
    announced: int = 0  # new article URLs found in feeds
    stored: int = 0  # pages that gave a new article
    known: int = 0  # pages whose article was already stored
    analyzed: int = 0
    stories: int = 0
    failures: list[Failure] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"feeds": self.feeds, "unchanged_feeds": self.unchanged_feeds,
                "announced": self.announced, "stored": self.stored, "known": self.known,
                "analyzed": self.analyzed, "stories": self.stories,
                "failed": len(self.failures), "failures": [f.__dict__ for f in self.failures],
                "changes": self.changes}


class WatchRound:
    def __init__(self, store: Store, options: Options, fetcher: Fetcher) -> None:
        self.store, self.options, self.fetcher = store, options, fetcher
        self.report = RoundReport()

    def fail(self, exc: InputError) -> None:
        self.report.failures.append(Failure(exc.source, exc.reason, "watch"))
        self.store.record_failure(exc.source, exc.reason, "watch")

    def poll(self, url: str, depth: int = 0) -> None:
        """Fetch one feed or sitemap (conditionally) and remember the URLs it announces."""
        self.report.feeds += 1
        state = self.store.feed_state(url) or {}
        try:
            got = self.fetcher.get(url, etag=state.get("etag"),
                                   last_modified=state.get("last_modified"))
            if got.status == 304:
                self.report.unchanged_feeds += 1
                self.store.save_feed_state(url, status=304, error=None)
                return
            found = parse_announcements(got.content, url)
        except InputError as exc:
            self.fail(exc)
            self.store.save_feed_state(url, status=None, error=exc.reason)
            return
        self.report.announced += self.store.add_pages(
            [{"url": e.url, "feed": url, "title": e.title, "published": e.published}
             for e in found.entries])
        for child in found.sitemaps if depth == 0 else []:
            self.poll(child, depth + 1)
        # Saved last: a crash before this refetches the feed rather than missing its entries.
        self.store.save_feed_state(url, etag=got.etag, last_modified=got.last_modified,
                                   status=got.status, error=None)

    def fetch_pages(self) -> None:
        from ..ingest.runner import IngestRun

        run = IngestRun(self.store, self.options)
        for page in self.store.pages(status="pending", limit=self.options.watch.max_pages):
            try:
                article = self._article(page)
            except InputError as exc:
                self.fail(exc)
                attempts = page["attempts"] + 1
                # A transient failure is tried again next round, up to watch.retries rounds.
                retry = getattr(exc, "transient", False) and attempts <= self.options.watch.retries
                status = "pending" if retry else "failed"
                self.store.set_page(page["url"], status=status, attempts=attempts,
                                    reason=exc.reason)
                continue
            before = run.report.ingested
            run.add(article)
            run.flush()  # committed before the page is marked stored
            self.report.stored += run.report.ingested - before
            self.report.known += run.report.ingested == before
            self.store.set_page(page["url"], status="stored", article_id=article.id,
                                attempts=page["attempts"] + 1, reason=None)

    def _article(self, page: dict[str, Any]) -> Any:
        from ..clean import to_article
        from ..ingest.decode import decode
        from ..ingest.html import declared_charset
        from ..ingest.records import RawRecord

        url = page["url"]
        got = self.fetcher.get(url)
        ctype = got.content_type.split(";", 1)[0].strip().lower()
        if ctype and ctype not in HTML_TYPES:
            raise FetchError(url, f"not an HTML page (Content-Type: {ctype})")
        declared = _charset(got.content_type) or declared_charset(got.content)
        html = decode(got.content, url, declared)
        record = RawRecord(source=url, format="html", content=html, is_html=True, url=got.url,
                           published=page.get("published"),
                           meta={"feed": page.get("feed"), "fetched_url": got.url,
                                 "published_is_fallback": True})
        article = to_article(record, self.options)
        # The page's own headline first; the feed's title only when the page has none.
        article.title = article.title or page.get("title")
        return article


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


def watch_round(store: Store, options: Options, feeds: Sequence[str], *,
                fetcher: Fetcher | None = None,
                analyze: Callable[[], Any] | None = None,
                cluster: Callable[[], Any] | None = None) -> RoundReport:
    """Poll ``feeds``, fetch new pages, analyze and cluster them, report the changes."""
    from .changes import report_changes

    own = fetcher is None
    fetcher = fetcher or Fetcher(options.watch, options.ingest.max_bytes)
    rnd = WatchRound(store, options, fetcher)
    try:
        for url in feeds:
            rnd.poll(url)
        rnd.fetch_pages()
    finally:
        if own:
            fetcher.close()
    if analyze is not None:
        result = analyze()
        rnd.report.analyzed = result.analyzed
        rnd.report.failures.extend(result.failures)
    if cluster is not None:
        rnd.report.stories = cluster().stories
    rnd.report.changes = report_changes(store, options)
    return rnd.report
