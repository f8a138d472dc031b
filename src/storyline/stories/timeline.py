"""Timelines of an actor or an actor pair, merged across articles.

``build_timeline(articles, actors)`` keeps dated events (visits, meetings, summits,
ceremonies, agreements) that involve the actor, or both actors of a pair, and merges the
mentions of one real event into one entry: same family, shared actors, compatible places
(a city inside a country is fine) and overlapping time intervals. Every mention stays as
evidence. For a pair, a visit by one to the other's country counts when the other's
role or title names that country ("Chinese President Xi Jinping"); such entries say so in
``inferred`` and in their title.

Undated events are left out: a timeline entry without a time cannot be placed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from ..analyze.temporal.words import describe_value
from ..errors import NotFound
from ..lexicon import EVENT_FAMILY
from ..model import Article, Event
from .ledger_align import evidence
from .ledger_dates import trigger_span
from .ledger_slots import (
    COUNTRIES,
    DEMONYMS,
    Gazetteer,
    canonical_place,
    learn_places,
    overlaps,
    timex_interval,
)
from .types import Timeline, TimelineEntry

if TYPE_CHECKING:
    from ..store import Store

# Families whose mentions can be one real event (a visit made for a summit, with a meeting).
# Dated statements count too: a story about an announcement still has its date.
MERGE_FAMILY = {t: "trip" if f in ("visit", "meeting", "ceremony") else f
                for t, f in EVENT_FAMILY.items()}
HOSTED = {"visit", "summit", "ceremony"}  # types where the place's leader is the host
_DEMONYM_RE = re.compile(
    r"\b(" + "|".join(sorted(DEMONYMS, key=len, reverse=True)) + r")\s+(?:[a-z-]+\s+){0,3}$")
_OF_RE = re.compile(r"\b(?:president|leader|premier|king|prime minister|head) of (?:the )?"
                    r"([a-z ]+?)\s*$")


def _country_in(text: str) -> str | None:
    """The country named right before a name: 'Chinese leader ', 'President of Russia '."""
    low = text.casefold()
    if m := _DEMONYM_RE.search(low):
        return DEMONYMS[m[1]]
    if m := _OF_RE.search(low):
        return COUNTRIES.get(canonical_place(m[1].strip()).casefold())
    return None


def actor_countries(articles: Iterable[Article], name: str) -> set[str]:
    """Countries an actor's role or title names: 'Chinese President Xi Jinping' -> China."""
    found: set[str] = set()
    for a in articles:
        for ent in a.entities:
            if ent.canonical != name:
                continue
            for text in ((ent.role or "") + " ", a.text[max(0, ent.start - 50):ent.start]):
                if country := _country_in(text):
                    found.add(country)
    return found


@dataclass
class _Entry:
    entry: TimelineEntry
    family: str
    span: tuple[str, str]
    keys: set[tuple[str, int, str]] = field(default_factory=set)
    first: Event | None = None  # the mention that opened the entry (titles are redrawn)


def _title(ev: Event, actors: Sequence[str], place: str | None) -> str:
    if not actors:  # a story-wide timeline: "Attack (Benghazi)"
        return f"{ev.trigger.capitalize()}{' (' + place + ')' if place else ''}"
    who = " and ".join(actors[:2]) if ev.type in ("meeting", "agreement") else actors[0]
    at = f" {place}" if place else ""
    will = "will " if ev.planned else ""
    verbs = {
        "visit": (f"{will}visit{'s' if not will else ''}{at}" if place else
                  f"{will}travel{'s' if not will else ''}"),
        "meeting": f"{will}meet{'' if will else ''}{' in' + at if place else ''}",
        "summit": f"{will}attend{'s' if not will else ''} a summit{' in' + at if place else ''}",
        "ceremony": f"{will}attend{'s' if not will else ''} an event{' in' + at if place else ''}",
        "agreement": f"{will}sign{'' if will else ''} an agreement",
    }
    if ev.type not in verbs:  # incidents: "Indian Navy: captures (Gulf of Aden)"
        return f"{who}: {ev.trigger}{' (' + place + ')' if place else ''}"
    return f"{who} {verbs[ev.type]}".replace("  ", " ")


def _involves(ev: Event, actors: Sequence[str], hosts: dict[str, set[str]],
              gaz: Gazetteer) -> str | bool:
    """True if every actor takes part; a reason string if one is inferred as host."""
    if all(a in ev.actors for a in actors):
        return True
    if len(actors) != 2 or ev.type not in HOSTED or not ev.place:
        return False
    country = gaz.country_of(ev.place)
    for guest, host in (actors, actors[::-1]):
        if guest in ev.actors and country and country in hosts.get(host, set()):
            where = ev.place if ev.place == country else f"{ev.place}, {country}"
            return f"{host} inferred as host: {guest} in {where}, {host}'s country"
    return False


def build_timeline(articles: Sequence[Article], actors: Sequence[str]) -> Timeline:
    """Dated events involving all ``actors`` (one or two names), merged and sorted."""
    actors = list(actors)
    gaz = Gazetteer(learn_places(articles))
    hosts = {name: actor_countries(articles, name) for name in actors} if len(actors) == 2 else {}
    entries: list[_Entry] = []
    mentions = []
    for a in articles:
        for ev in a.events:
            fam = MERGE_FAMILY.get(ev.type)
            iv = timex_interval(ev.time) if ev.time else None
            if fam is None or iv is None:
                continue
            how = _involves(ev, actors, hosts, gaz)
            if how is False:
                continue
            mentions.append((iv, fam, ev, a, how))
    # Most precise first, so "2024" joins "September 2024" rather than the reverse.
    mentions.sort(key=lambda m: _width(m[0]))
    for iv, fam, ev, a, how in mentions:
        _add(entries, iv, fam, ev, a, how, actors, gaz)
    for e in entries:
        if e.first is not None and e.entry.place != e.first.place:
            # A later mention named the city: say "visits Moscow", not "visits Russia".
            title = _title(e.first, e.entry.actors or list(actors), e.entry.place)
            e.entry.title = title + (f" [{e.entry.inferred}]" if e.entry.inferred else "")
    out = sorted((e.entry for e in entries), key=lambda e: (e.begin or "9999", e.finish or ""))
    return Timeline(actors=actors, entries=out)


def story_timeline(articles: Sequence[Article], actors: Sequence[str]) -> Timeline:
    """A story's timeline: its two main actors together; else the lead actor's own events;
    else every dated event of the story (a story about a statement or a vote still has
    its dates; ``actors`` is then empty)."""
    tries = [list(actors), list(actors[:1])] if actors else []
    tl = Timeline(actors=list(actors))
    for names in [*tries, []]:
        tl = build_timeline(articles, names)
        if tl.entries:
            break
    return tl


def _width(iv: tuple[str, str]) -> int:
    return (date.fromisoformat(iv[1]) - date.fromisoformat(iv[0])).days


def _add(entries: list[_Entry], iv: tuple[str, str], fam: str, ev: Event, a: Article,
         how: str | bool, actors: Sequence[str], gaz: Gazetteer) -> None:
    key = (a.id, ev.start, ev.type)
    ev_evidence = evidence(a, *trigger_span(a, ev))
    if ev.time and not ev_evidence.sentence_start <= ev.time.start < ev_evidence.sentence_end:
        # The date sits in another sentence ("This was the case in 2015"): show both.
        lo = min(ev_evidence.sentence_start, a.sentence_at(ev.time.start)[0])
        hi = max(ev_evidence.sentence_end, a.sentence_at(ev.time.start)[1])
        ev_evidence.sentence_start, ev_evidence.sentence_end = lo, hi
        ev_evidence.sentence = a.text[lo:hi]
    matches = [e for e in entries if e.family == fam and _same_time(e, iv, a.id, ev)
               and (not e.entry.place or not ev.place or gaz.compatible(e.entry.place, ev.place))
               and e.entry.planned == ev.planned]
    if len(matches) == 1:
        e = matches[0]
        if key not in e.keys and not any(x.article_id == a.id and x.start == ev_evidence.start
                                         for x in e.entry.evidence):
            e.entry.evidence.append(ev_evidence)
        e.keys.add(key)
        if ev.place and (not e.entry.place or gaz.specificity(ev.place) >
                         gaz.specificity(e.entry.place)) and gaz.compatible(
                e.entry.place or ev.place, ev.place):
            e.entry.place = ev.place
        e.entry.actors = list(dict.fromkeys(e.entry.actors + ev.actors))
        return
    names = list(dict.fromkeys(ev.actors))
    inferred = how if isinstance(how, str) else None
    title = _title(ev, names or list(actors), ev.place)
    if inferred:
        title += f" [{inferred}]"
    entry = TimelineEntry(date=ev.time.value if ev.time else None, begin=iv[0], finish=iv[1],
                          type=ev.type, title=title, actors=names, place=ev.place,
                          planned=ev.planned, evidence=[ev_evidence], inferred=inferred,
                          when=describe_value(ev.time.value, ev.time.mod) if ev.time else None,
                          date_inferred=bool(ev.time and ev.time.anchor == "inferred"))
    entries.append(_Entry(entry, fam, iv, {key}, ev))


NEAR_DAYS = 1  # other articles' day for the same actor's event may be off by one


def _same_time(e: _Entry, iv: tuple[str, str], article_id: str, ev: Event) -> bool:
    """Overlapping intervals; or, for an event of a shared actor reported by another
    article, days at most a day apart ("Friday" in one, "the weekend" in the next: the
    wording and the anchors differ, the event does not)."""
    if overlaps(e.span, iv):
        return True
    if not set(ev.actors) & set(e.entry.actors) or all(k[0] == article_id for k in e.keys):
        return False
    if _width(iv) > 2 or _width(e.span) > 2:
        return False
    lo, hi = date.fromisoformat(iv[0]), date.fromisoformat(iv[1])
    return (date.fromisoformat(e.span[0]) - hi).days <= NEAR_DAYS and (
        lo - date.fromisoformat(e.span[1])).days <= NEAR_DAYS


def resolve_actor(store: Store, name: str) -> str:
    """The canonical name a user means: exact, then case-insensitive, then word match;
    ``NotFound`` when no stored entity fits (so no article is loaded for nothing)."""
    names = [n for n, _label, _count in store.entity_names("", limit=100000)]
    low = name.casefold().strip()
    for cand in (names if low else ()):
        if cand == name:
            return cand
    for cand in names:
        if cand.casefold() == low:
            return cand
    words = set(low.split())
    for cand in names:  # most mentioned first: "Putin" -> "Vladimir Putin"
        if words <= set(cand.casefold().split()):
            return cand
    raise NotFound("entity", name, f"no such entity {name!r}; list names with "
                                   "`storyline entities PREFIX`")


def timeline_for(store: Store, actor: str, other: str | None = None, *,
                 story_id: str | None = None) -> Timeline:
    """Timeline of ``actor`` (with ``other``) over all analyzed articles, or one story."""
    names = [resolve_actor(store, actor)] + ([resolve_actor(store, other)] if other else [])
    if story_id is not None:
        articles = list(store.iter_articles(story_id=store.get_story(story_id).id))
    else:
        ids: set[str] | None = None
        for n in names:
            found = {r["id"] for r in store.list_articles(entity=n, limit=1_000_000)}
            ids = found if ids is None else ids | found
        articles = list(store.iter_articles(analyzed=True, ids=sorted(ids or ())))
    return build_timeline(articles, names)
