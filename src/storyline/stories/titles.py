"""Readable story titles.

Preferred: the headline of the story's most central article (closest to the centroid when
it joined), cleaned of outlet suffixes ("... - BBC News", "... | Reuters"). Without headlines
(plain-text inputs), the lead sentence of that article, shortened at a word boundary. With
neither, a title is composed from the story's features: "<main actor> <event> <place>".
"""

from __future__ import annotations

import re

from .features import StoryState, ranked

MAX_CHARS = 110
# " - Outlet", " | Outlet", " :: Outlet" at the end of a headline: short, title-cased tail.
_OUTLET_TAIL = re.compile(r"\s+(?:[-|–—]|::)\s+[A-Z][\w&.' ]{1,40}$")
_URL = re.compile(r"^(?:https?\s*:\s*/\s*/|www\.)\S*(?:\s+\S*[/.]\S*)*\s*", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def clean_title(text: str, max_chars: int = MAX_CHARS) -> str:
    """One line, no outlet suffix or leading URL, at most ``max_chars`` (cut at a word)."""
    text = _SPACES.sub(" ", text).strip()
    text = _URL.sub("", text).strip()
    stripped = _OUTLET_TAIL.sub("", text)
    if len(stripped) >= 15:  # never strip a headline down to nothing
        text = stripped
    text = text.strip(" .-|")
    if len(text) > max_chars:
        cut = text[:max_chars].rsplit(" ", 1)[0]
        text = cut.rstrip(",;:-") + "…"
    return text


def composed_title(state: StoryState) -> str | None:
    """"<main actor> <event> <place>" from the story's most frequent features."""
    places = set(state.place_counts)
    actors = [k for k, _ in ranked(state.entity_counts) if k not in places]
    place = ranked(state.place_counts, 1)
    event = ranked(state.event_counts, 1)
    parts = []
    if actors:
        parts.append(state.names.get(actors[0], actors[0]))
    if event:
        parts.append(event[0][0])
    if place:
        parts.append(("in " if event else "") + state.names.get(place[0][0], place[0][0]))
    return " ".join(parts) or None


def story_title(state: StoryState) -> str:
    """The best readable title available for a story."""
    if state.title_text:
        title = clean_title(state.title_text)
        if title:
            return title
    return composed_title(state) or f"Story {state.id[:8]}"


__all__ = ["clean_title", "composed_title", "story_title"]
