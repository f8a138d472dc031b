"""Named exceptions. Each carries an actionable message; the runner records them and goes on.

Rule: an exception that is about one input (a file, a record, an article) subclasses
``InputError`` so the runner can skip that input, count it, and continue with the rest.
Anything else is a bug or an environment problem and is allowed to stop the run.
"""

from __future__ import annotations


class StorylineError(Exception):
    """Base class for every error storyline raises on purpose."""


class InputError(StorylineError):
    """One input could not be used. ``source`` names it; ``reason`` says why and what to do."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class UnsupportedFormat(InputError):
    """The file type is not one storyline reads."""


class EmptyInput(InputError):
    """The input holds no text (empty file, or nothing left after cleaning)."""


class BinaryInput(InputError):
    """The input looks like binary data, not text, HTML, JSON, a feed or a WARC archive."""


class DecodeError(InputError):
    """The bytes are not valid in any encoding we try."""


class TooLarge(InputError):
    """The input exceeds ``ingest.max_bytes``."""


class MalformedInput(InputError):
    """Parsable in principle but broken: bad JSON, truncated archive, unparsable HTML."""


class PipelineError(StorylineError):
    """The pipeline is mis-configured (unknown stage, stages in an impossible order)."""


class ConfigError(StorylineError):
    """An option has an invalid value or an unknown name."""


class StoreError(StorylineError):
    """The store cannot be opened or used: missing, not a database, server unreachable."""


class StoreBusy(StoreError):
    """Another process holds the store's writer lock."""


class BadQuery(StorylineError):
    """A search query or filter value that cannot be used (too long, not a date...)."""


class NotFound(StorylineError):
    """An article, story or entity id that does not exist in the store."""

    # The command that lists each kind, so the message tells the user what to run next.
    LISTING = {"article": "articles", "story": "stories", "entity": "entities"}

    def __init__(self, kind: str, ident: str, message: str | None = None) -> None:
        listing = self.LISTING.get(kind, f"{kind}s")
        super().__init__(message or
                         f"no {kind} with id {ident!r}; list them with `storyline {listing}`")
        self.kind = kind
        self.ident = ident


class FetchError(InputError):
    """A URL could not be fetched (HTTP error, timeout, refused by robots.txt, not a page).

    ``transient``: worth trying again later (timeouts, 429, 5xx), unlike a 404 or robots.txt.
    """

    def __init__(self, source: str, reason: str, *, transient: bool = False) -> None:
        super().__init__(source, reason)
        self.transient = transient


class AmbiguousId(StorylineError):
    """An id prefix that matches more than one article or story; ``candidates`` lists some."""

    def __init__(self, kind: str, ident: str, candidates: list[str], more: bool = False) -> None:
        shown = ", ".join(candidates) + (", ..." if more else "")
        super().__init__(f"{kind} id prefix {ident!r} matches more than one {kind}: {shown}; "
                         "give more characters")
        self.kind = kind
        self.ident = ident
        self.candidates = candidates
