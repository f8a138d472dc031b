"""A polite HTTP client for ``storyline watch``: a clear User-Agent, timeouts, retries with
exponential backoff, robots.txt (the standard library's parser), a delay between requests
to one host, conditional GET (ETag / Last-Modified) and a size cap.

Retried: timeouts, connection errors, 429 and 5xx. Not retried: other 4xx. A failure raises
``FetchError`` naming the URL and the reason, so the round records it and goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib import robotparser
from urllib.parse import urlsplit

import httpx

from ..config import WatchOptions
from ..errors import FetchError

RETRY_STATUS = {429, 500, 502, 503, 504}


@dataclass
class Fetched:
    url: str  # after redirects
    status: int  # 200, or 304 when unchanged since the last conditional GET
    content: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    redirects: list[str] = field(default_factory=list)


class Fetcher:
    """One client per watch run; remembers robots.txt and the last request time per host."""

    def __init__(self, options: WatchOptions, max_bytes: int = 20_000_000, *,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.options = options
        self.max_bytes = max_bytes
        self.sleep, self.clock = sleep, clock
        self.client = httpx.Client(
            headers={"User-Agent": options.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(options.timeout), follow_redirects=True,
            max_redirects=options.max_redirects, transport=transport)
        self.robots: dict[str, robotparser.RobotFileParser] = {}
        self.last_hit: dict[str, float] = {}

    def close(self) -> None:
        self.client.close()

    # -- politeness -----------------------------------------------------------------------

    def _wait_turn(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        delay = self.options.host_delay
        rules = self.robots.get(_origin(url))
        crawl_delay = rules.crawl_delay(self.options.user_agent) if rules else None
        if crawl_delay:
            delay = max(delay, float(crawl_delay))
        last = self.last_hit.get(host)
        if last is not None:
            wait = last + delay - self.clock()
            if wait > 0:
                self.sleep(wait)
        self.last_hit[host] = self.clock()

    def allowed(self, url: str) -> bool:
        """robots.txt of the URL's origin allows our User-Agent to fetch it."""
        origin = _origin(url)
        if origin not in self.robots:
            self.robots[origin] = self._load_robots(origin)
        return self.robots[origin].can_fetch(self.options.user_agent, url)

    def _load_robots(self, origin: str) -> robotparser.RobotFileParser:
        parser = robotparser.RobotFileParser(origin + "/robots.txt")
        try:
            self._wait_turn(origin)
            resp = self.client.get(origin + "/robots.txt")
        except httpx.HTTPError:
            parser.parse([])  # unreachable robots.txt: nothing forbidden (as most crawlers)
            return parser
        if resp.status_code in (401, 403):  # as the standard library's own read() does
            parser.parse(["User-agent: *", "Disallow: /"])
        elif resp.status_code >= 400:
            parser.parse([])
        else:
            parser.parse(resp.text.splitlines())
        return parser

    # -- fetching -------------------------------------------------------------------------

    def get(self, url: str, *, etag: str | None = None,
            last_modified: str | None = None) -> Fetched:
        """GET with retries; 304 comes back as ``Fetched(status=304)``."""
        if not self.allowed(url):
            raise FetchError(url, "robots.txt disallows fetching this URL for our User-Agent")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempts = self.options.retries + 1
        for attempt in range(attempts):
            self._wait_turn(url)
            try:
                resp = self.client.get(url, headers=headers)
            except httpx.TooManyRedirects as exc:
                raise FetchError(url, f"too many redirects: {exc}") from exc
            except httpx.HTTPError as exc:
                reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
                if attempt + 1 == attempts:
                    raise FetchError(url, f"{reason} (after {attempts} attempts)",
                                     transient=True) from exc
                self._backoff(attempt, None)
                continue
            if resp.status_code in RETRY_STATUS and attempt + 1 < attempts:
                self._backoff(attempt, resp.headers.get("Retry-After"))
                continue
            return self._result(url, resp, attempts)
        raise FetchError(url, "no attempt made")  # unreachable: the loop returns or raises

    def _backoff(self, attempt: int, retry_after: str | None) -> None:
        wait = self.options.backoff * (2 ** attempt)
        hinted = _retry_after(retry_after)
        self.sleep(min(max(wait, hinted or 0.0), 300.0))

    def _result(self, url: str, resp: httpx.Response, attempts: int) -> Fetched:
        if resp.status_code == 304:
            return Fetched(str(resp.url), 304, etag=resp.headers.get("ETag"),
                           last_modified=resp.headers.get("Last-Modified"))
        if resp.status_code >= 400:
            tried = f" (after {attempts} attempts)" if resp.status_code in RETRY_STATUS else ""
            raise FetchError(url, f"HTTP {resp.status_code} {resp.reason_phrase}{tried}",
                             transient=resp.status_code in RETRY_STATUS)
        if len(resp.content) > self.max_bytes:
            raise FetchError(url, f"response of {len(resp.content)} bytes exceeds "
                                  f"ingest.max_bytes={self.max_bytes}")
        return Fetched(str(resp.url), resp.status_code, resp.content,
                       resp.headers.get("Content-Type", ""), resp.headers.get("ETag"),
                       resp.headers.get("Last-Modified"),
                       [str(r.url) for r in resp.history])


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None
