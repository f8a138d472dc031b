"""Readable story titles.

Preferred: the most representative member headline (the member closest to the story
centroid), cleaned of outlet suffixes ("... - BBC News", "... | Reuters"); datelines, URLs
and all-caps section labels are not headlines. Without any headline, a title composed from
the story's features ("<main actor> <event> in <place>"); only if that is empty too, the
first lead sentence with its wire dateline removed.
"""

from __future__ import annotations

import re

from .features import StoryState, ranked

MAX_CHARS = 110
# " - Outlet", " | Outlet", " :: Outlet" at the end of a headline: short, title-cased tail.
_OUTLET_TAIL = re.compile(r"\s+(?:[-|–—]|::)\s+[A-Z][\w&.' ]{1,40}$")
_URL = re.compile(r"^(?:https?\s*:\s*/\s*/|www\.)\S*(?:\s+\S*[/.]\S*)*\s*", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
# "WASHINGTON (Reuters) -", "PARIS, May 3 --": a wire dateline opening a lead.
_DATELINE = re.compile(r"^[A-Z][A-Z .,'/-]{2,40}(?:,\s*\w+\.?\s*\d{1,2})?"
                       r"(?:\s*\([^)]{1,30}\))?\s*(?:-{1,2}|[—–:])\s+")
_DATELINE_ONLY = re.compile(r"^[A-Z][A-Z .,'/-]{2,40}(?:\([^)]{1,30}\))?\s*[-—–:]?\s*$")


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
    """"<main actor> <event> in <place>" from the story's most frequent features; None
    unless both an actor and an event are known (two names alone say nothing)."""
    places = set(state.place_counts)
    actors = [k for k, _ in ranked(state.entity_counts) if k not in places]
    place = ranked(state.place_counts, 1)
    event = ranked(state.event_counts, 1)
    if not actors or not event:
        return None
    parts = [state.names.get(actors[0], actors[0]), event[0][0]]
    if place:
        parts.append("in " + state.names.get(place[0][0], place[0][0]))
    return " ".join(parts)


def usable_headline(text: str) -> bool:
    """A headline a reader can use: a few words, not a dateline, URL or section label."""
    text = clean_title(text)
    words = text.split()
    return (len(words) >= 3 and not _DATELINE_ONLY.match(text) and not _URL.match(text)
            and not text.isupper())


def choose_headline(state: StoryState) -> None:
    """Set the story's title to its most representative member headline: the one whose
    article is closest to the story centroid (ties by article id). Without headline
    candidates in memory (a saved story not re-clustered here), the saved one stays."""
    centroid = state.centroid()
    best = None
    for aid, text, vector in state.headlines:
        if usable_headline(text):
            key = (float(vector @ centroid), aid)
            if best is None or key[0] > best[0] or (key[0] == best[0] and aid < best[1]):
                best = (key[0], aid, text)
    if best is not None:
        state.title_sim, state.title_article, state.title_text = best


def story_title(state: StoryState) -> str:
    """The best readable title: the most representative headline; else a title composed
    from the story's main actor, event and place; else its first lead sentence without a
    dateline."""
    choose_headline(state)
    if state.title_text:
        title = clean_title(state.title_text)
        if title:
            return title
    composed = composed_title(state)
    if composed:
        return composed
    if state.lead_text:
        lead = clean_title(_DATELINE.sub("", state.lead_text))
        if lead:
            return lead
    return f"Story {state.id[:8]}"


__all__ = ["choose_headline", "clean_title", "composed_title", "story_title", "usable_headline"]
