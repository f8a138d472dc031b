"""Aligning one fact slot across sources and deciding its status.

A slot gets candidate values from every article (each with its evidence). Values that say
the same thing merge; within one independent source a broader value folds into a narrower
compatible one ("August" into "the end of August"); then the slot is:

* conflicting: two values are incompatible (disjoint dates, different cities, figures that
  do not overlap even allowing for rounding and "more than"/"nearly");
* corroborated: no conflict and at least two independent sources state a compatible value;
* single-source: otherwise.

Independence: articles linked by ``syndication_group`` (wire reprints), ``duplicate_of``
(near or exact copies) or the same outlet form one source.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import Article
from ..outlets import UNKNOWN_OUTLET
from .types import CONFLICTING, CORROBORATED, SINGLE_SOURCE, Evidence, Fact, FactValue
from .union_find import UnionFind


def source_keys(articles: Sequence[Article]) -> dict[str, str]:
    """article id -> independent-source key (union of syndication, duplicate and outlet links)."""
    sets = UnionFind(a.id for a in articles)
    first_by: dict[str, str] = {}
    for a in articles:
        links = []
        if a.syndication_group:
            links.append("syn:" + a.syndication_group)
        if a.outlet:
            links.append("outlet:" + a.outlet.strip().casefold())
        if a.duplicate_of:
            if a.duplicate_of in sets:
                sets.union(a.id, a.duplicate_of)
            links.append("dup:" + a.duplicate_of)
        for link in links:
            if link in first_by:
                sets.union(a.id, first_by[link])
            else:
                first_by[link] = a.id
    return {a.id: sets.find(a.id) for a in articles}


def evidence(article: Article, start: int, end: int) -> Evidence:
    s_start, s_end = article.sentence_at(start)
    raw = article.text[s_start:s_end]
    # Trim whitespace but keep sentence_start exact, so value offsets stay relative-correct.
    s_start += len(raw) - len(raw.lstrip())
    s_end -= len(raw) - len(raw.rstrip())
    return Evidence(
        article_id=article.id, outlet=article.outlet, published=article.published,
        sentence=article.text[s_start:s_end], sentence_start=s_start, sentence_end=s_end,
        start=start, end=end, text=article.text[start:end],
        syndication_group=article.syndication_group,
    )


@dataclass
class Candidate:
    """One source's statement of a slot value."""

    key: Any  # identity of the value (interval, place, amount...)
    display: str
    normalized: dict[str, Any]
    evidence: Evidence
    source: str  # independent-source key


@dataclass
class _Value:
    key: Any
    display: str
    normalized: dict[str, Any]
    items: list[Candidate]

    def sources(self) -> set[str]:
        return {c.source for c in self.items}


Compat = Callable[[Any, Any], bool]


def _group(cands: Sequence[Candidate]) -> list[_Value]:
    values: dict[Any, _Value] = {}
    spans: dict[tuple[Any, str], list[tuple[int, int]]] = {}
    for c in cands:
        v = values.setdefault(c.key, _Value(c.key, c.display, c.normalized, []))
        # One mention, found twice (an entity span and a quote's speaker span): keep one.
        seen = spans.setdefault((c.key, c.evidence.article_id), [])
        if not any(s < c.evidence.end and c.evidence.start < e for s, e in seen):
            seen.append((c.evidence.start, c.evidence.end))
            v.items.append(c)
    return list(values.values())


def _fold_within_source(values: list[_Value], compatible: Compat,
                        narrower: Callable[[Any, Any], bool]) -> list[_Value]:
    """A source saying 'August' and 'the end of August' makes one claim: the narrower one."""
    for v in values:
        for c in list(v.items):
            target = next((w for w in values if w is not v and narrower(w.key, v.key)
                           and compatible(w.key, v.key) and c.source in w.sources()), None)
            if target is not None:
                v.items.remove(c)
                target.items.append(c)
    return [v for v in values if v.items]


def outlets(items: Sequence[Candidate]) -> str:
    """Who says it, for a note: the outlet, or "unknown outlet [id]" (the id tells two
    outlet-less sources apart and matches the evidence lines' [id])."""
    names = list(dict.fromkeys(
        c.evidence.outlet or f"{UNKNOWN_OUTLET} [{c.evidence.article_id[:8]}]" for c in items))
    return ", ".join(names)


def settle(slot: str, label: str, cands: Sequence[Candidate], compatible: Compat,
           narrower: Callable[[Any, Any], bool], what: str = "value",
           agree: Compat | None = None) -> Fact | None:
    """Merge candidates into values, decide the status and explain it in a note.

    ``compatible`` decides what is never opposed; ``agree`` (default: the same) what counts
    as two sources saying the same thing. They differ where a rule lists values instead of
    opposing them (a date resolved on a guessed page date, a repeated event): such values
    are compatible with anything but corroborate nothing they do not overlap."""
    if not cands:
        return None
    values = _fold_within_source(_group(cands), compatible, narrower)
    values.sort(key=lambda v: (-len(v.sources()), v.display))
    all_sources = set().union(*(v.sources() for v in values))
    clashes = [(a, b) for i, a in enumerate(values) for b in values[i + 1:]
               if not compatible(a.key, b.key)]
    fact_values = [FactValue(v.display, v.normalized, [c.evidence for c in v.items],
                             len(v.sources())) for v in values]
    if clashes:
        a, b = clashes[0]
        note = (f"Sources disagree on the {what}: {outlets(a.items)} says {a.display}, "
                f"{outlets(b.items)} says {b.display}; these cannot both be true.")
        return Fact(slot, label, CONFLICTING, fact_values, note)
    copies = sum(len(v.items) for v in values) - len(all_sources)
    if len(all_sources) >= 2 and not _agreement(values, agree or compatible):
        listed = "; ".join(f"{outlets(v.items)}: {v.display}" for v in values)
        return Fact(slot, label, SINGLE_SOURCE, fact_values,
                    f"Sources give different {what}s, listed, not opposed: {listed}.")
    if len(all_sources) >= 2:
        note = f"{len(all_sources)} independent sources agree"
        refined = [(w, v) for v in values for w in values if w is not v and narrower(w.key, v.key)]
        if refined:
            w, v = refined[0]
            note += (f"; {w.display} ({outlets(w.items)}) is a more precise form of "
                     f"{v.display} ({outlets(v.items)}), a compatible refinement, not a conflict")
        return Fact(slot, label, CORROBORATED, fact_values, note + ".")
    only = values[0]
    note = f"Only {outlets(only.items)} states this"
    if copies > 0 and len({c.evidence.article_id for c in only.items}) > 1:
        note += " (its syndicated copies or duplicates count as one source)"
    return Fact(slot, label, SINGLE_SOURCE, fact_values, note + ".")


def _agreement(values: Sequence[Any], agree: Compat) -> bool:
    """Two sources state one value, or values of two different sources agree."""
    return any(len(v.sources()) >= 2 for v in values) or any(
        agree(a.key, b.key) for i, a in enumerate(values) for b in values[i + 1:]
        if a.sources() != b.sources())


def settle_set(slot: str, label: str, cands: Sequence[Candidate], role: str) -> list[Fact]:
    """A multi-valued slot (participants, announcers): one fact per distinct value.

    Several people can take part in or announce the same event, so different values are
    not a conflict; each is corroborated or single-source on its own.
    """
    facts = []
    values = _group(cands)
    all_sources = set().union(*(v.sources() for v in values)) if values else set()
    for v in sorted(values, key=lambda v: (-len(v.sources()), v.display)):
        n = len(v.sources())
        fv = FactValue(v.display, v.normalized, [c.evidence for c in v.items], n)
        if n >= 2:
            status, note = CORROBORATED, f"{n} independent sources name {v.display} as {role}."
        else:
            status = SINGLE_SOURCE
            note = f"Only {outlets(v.items)} names {v.display} as {role}."
            others = [w.display for w in values if w is not v and not (w.sources() & v.sources())]
            if others and len(all_sources) > 1:
                note += (f" Other sources name {', '.join(others)} instead; several people can "
                         f"{'announce' if 'announc' in role else 'take part in'} the same event, "
                         f"so this is not treated as a conflict.")
        facts.append(Fact(slot, f"{label}: {v.display}", status, [fv], note))
    return facts
