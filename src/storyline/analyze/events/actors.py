"""The events stage's argument reading: who takes part in an event and where it happens.

``Trigger`` is an event word with its clause chain; ``EventContext`` holds the per-article
lookups (entity at an offset, recent persons for pronouns and "the two leaders");
``trigger_actors`` reads actors and a place from the trigger's dependency arguments. Kept
apart from the trigger and time rules in ``stage.py``, which call it once per trigger.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ...model import Article, Entity, Event
from .lexicon import (
    ACTOR_LABELS,
    COMPANY_VERBS,
    GROUP_RE,
    HONORIFIC_RE,
    LIGHT_VERBS,
    OBJECT_ACTOR_TYPES,
    PLACE_LABELS,
    PLACE_PREPS,
    PRONOUNS_ONE,
    WITH_PREPS,
)


@dataclass
class Trigger:
    token: Any  # spaCy Token
    type: str
    chain: list[Any] = field(default_factory=list)  # trigger + governing verbs it borrows


class EventContext:
    """Per-article lookups: entity at a char offset, timexes per sentence, recent persons."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.entities = article.entities or _fallback_entities(article)
        self.by_start = sorted(self.entities, key=lambda e: e.start)
        self.timexes = [t for t in article.timexes if t.type in ("DATE", "TIME")]
        self.labels = {e.canonical: e.label for e in self.entities}
        self.actor_history: list[str] = []  # PERSON actors of events so far, latest last

    def remember(self, events: list[Event]) -> None:
        for ev in events:
            self.actor_history += [a for a in ev.actors if self.labels.get(a) == "PERSON"]

    def group(self, offset: int) -> list[str]:
        """'the two leaders': the last two people who acted in events, else last mentioned."""
        recent: list[str] = []
        for name in reversed(self.actor_history):
            if name not in recent:
                recent.append(name)
        return recent[:2] if len(recent) >= 2 else self.persons_before(offset, 2)

    def entity_at(self, tok: Any) -> Entity | None:
        for ent in self.by_start:
            if ent.start <= tok.idx < ent.end:
                return ent
            if ent.start > tok.idx:
                break
        return None

    def entity_for(self, tok: Any) -> Entity | None:
        """The entity a head token stands for ('Putin' in 'President Vladimir Putin')."""
        ent = self.entity_at(tok)
        if ent is None:
            for child in tok.children:
                if child.dep_ in ("appos", "compound") and (e := self.entity_at(child)):
                    return e
        return ent

    def persons_before(self, offset: int, n: int) -> list[str]:
        names: list[str] = []
        for ent in reversed(self.by_start):
            if ent.start < offset and ent.label == "PERSON" and ent.canonical not in names:
                names.append(ent.canonical)
                if len(names) == n:
                    break
        return names


def _fallback_entities(article: Article) -> list[Entity]:
    """spaCy entities when the entities stage left none (surname -> full name in-article)."""
    if article.doc is None:
        return []
    ents = [e for e in article.doc.ents if e.label_ in ACTOR_LABELS | PLACE_LABELS]
    counts: dict[str, int] = {}
    for e in ents:
        name = HONORIFIC_RE.sub("", e.text.replace("’s", "").replace("'s", "")).strip()
        if e.label_ == "PERSON" and 2 <= len(name.split()) <= 3:
            counts[name] = counts.get(name, 0) + 1
    full: dict[str, str] = {}
    for name in sorted(counts, key=lambda n: -counts[n]):
        for part in name.split():  # "Xi" and "Jinping" both point to "Xi Jinping"
            full.setdefault(part, name)
    out = []
    for e in ents:
        name = HONORIFIC_RE.sub("", e.text.replace("’s", "").replace("'s", "")).strip()
        name = re.sub(r"^the\s+", "", name, flags=re.I)
        if e.label_ == "PERSON":
            name = full.get(name, name) if len(name.split()) == 1 else name
        out.append(Entity(e.start_char, e.end_char, e.text, e.label_, name or e.text))
    return out


def resolve_actors(tok: Any, ctx: EventContext) -> list[str]:
    """Canonical actor names for a token (entity, pronoun, 'the two leaders', conjuncts)."""
    names: list[str] = []
    for t in [tok, *[c for c in tok.conjuncts]]:
        ent = ctx.entity_for(t)
        low = " ".join(w.lower_ for w in t.subtree) if t.pos_ != "PRON" else t.lower_
        if ent is not None and ent.label in ACTOR_LABELS:
            names.append(ent.canonical)
        elif t.lower_ in PRONOUNS_ONE:
            names.extend(ctx.persons_before(t.idx, 1))
        elif GROUP_RE.match(low):
            names.extend(ctx.group(t.idx))
    return list(dict.fromkeys(names))


def _prep_place(tok: Any, ctx: EventContext) -> str | None:
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in PLACE_PREPS):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            ent = ctx.entity_for(pobj)
            if ent is not None and ent.label in PLACE_LABELS:
                return ent.canonical
    return None


def trigger_actors(trig: Trigger, ctx: EventContext) -> tuple[list[str], str | None]:
    """Actors and a place found among the trigger's arguments."""
    actors: list[str] = []
    place: str | None = None
    tok = trig.token
    nominal = tok.pos_ in ("NOUN", "PROPN")
    for child in tok.children:
        ent = ctx.entity_for(child)
        if child.dep_ in ("nsubj", "nsubjpass", "poss", "agent"):
            if trig.type == "ceremony" and ent is not None and ent.label in PLACE_LABELS:
                place = place or ent.canonical  # "Beijing is set to host"
            actors += resolve_actors(child, ctx)
        elif child.dep_ == "dobj" and ent is not None:
            if ent.label in PLACE_LABELS:
                place = place or ent.canonical
            elif trig.type in OBJECT_ACTOR_TYPES and ent.label in ACTOR_LABELS:
                actors += resolve_actors(child, ctx)  # "visit Xi Jinping (in China)", "met Xi"
                place = place or _prep_place(child, ctx)
        elif child.dep_ in ("xcomp", "advcl") and child.lemma_.lower() in COMPANY_VERBS:
            # "travel to Beijing to join Xi": the person joined takes part too.
            for obj in (c for c in child.children if c.dep_ == "dobj"):
                oent = ctx.entity_for(obj)
                if oent is not None and oent.label == "PERSON":
                    actors += resolve_actors(obj, ctx)
        elif child.dep_ == "compound" and nominal and ent is not None:
            if ent.label in PLACE_LABELS:
                place = place or ent.canonical  # "a Moscow meeting"
            elif ent.label in ("PERSON", "ORG"):
                actors += resolve_actors(child, ctx)
        elif child.dep_ == "prep":
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                pent = ctx.entity_for(pobj)
                by_with = child.lower_ in WITH_PREPS or (child.lower_ == "of" and nominal)
                if by_with and pent is not None and pent.label in ("PERSON", "ORG"):
                    actors += resolve_actors(pobj, ctx)
                if child.lower_ in PLACE_PREPS and pent is not None and pent.label in PLACE_LABELS:
                    place = place or pent.canonical
                elif pent is None and child.lower_ != "of":
                    nested = _prep_place(pobj, ctx)  # "to a summit in Kazan", "from custody in X"
                    place = place or nested
    if nominal and place is None and tok.dep_ in ("nsubj", "nsubjpass") and \
            trig.type in ("disaster", "attack"):
        # "An earthquake struck Sumatra", "a blast hit a market in Kabul".
        for c in tok.head.children:
            cent = ctx.entity_for(c)
            if c.dep_ == "dobj" and cent is not None and cent.label in PLACE_LABELS:
                place = cent.canonical
        place = place or _prep_place(tok.head, ctx)
    for verb in trig.chain[1:]:
        # Borrow the subject of the governing verb: "Putin will travel ... to join Xi"; a
        # light verb's subject is always an actor: "Costa held talks with Karim".
        if actors and not (nominal and verb.lemma_.lower() in LIGHT_VERBS):
            break
        for child in verb.children:
            if child.dep_ not in ("nsubj", "nsubjpass"):
                continue
            ent = ctx.entity_for(child)
            if trig.type == "ceremony" and ent is not None and ent.label in PLACE_LABELS:
                place = place or ent.canonical  # "Beijing is set to host"
            actors += resolve_actors(child, ctx)
    return list(dict.fromkeys(actors)), place
