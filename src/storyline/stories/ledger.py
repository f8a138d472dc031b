"""The per-story fact ledger: what each source says about the story's central event and
figures, aligned across sources, each value with its sentence and character span.

``build_ledger(articles, story_id)`` is a pure function of analyzed articles:

1. find the main event: the event (family, lead actor, country) mentioned by the most
   independent sources, preferring the lead of each article; history (dated long before
   publication) is not a candidate;
2. collect per-source slot values: event date, place, participants, announcers (speakers of
   announcements or quotes about the event) and numbers keyed by what they count;
3. align and settle each slot (``ledger_align``): corroborated / single-source /
   conflicting, with a plain-words note.

See docs/ledger.md for the rules and their limits.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ..analyze.canonical import ORG_WORDS
from ..lexicon import (
    EVENT_FAMILY,
    EVENT_VERBS,
    NOUN_FAMILIES,
    NOUN_TRIGGERS,
    ORG_HEADS,
    SHARED_TITLES,
    VERB_TRIGGERS,
)
from ..model import Article, Event
from .ledger_align import Candidate, evidence, settle, settle_set, source_keys
from .ledger_dates import date_facts, trigger_span
from .ledger_names import name_groups, same_person
from .ledger_numbers import number_facts
from .ledger_slots import (
    Gazetteer,
    canonical_place,
    learn_places,
    timex_interval,
)
from .types import Fact, Ledger

# Event type -> family, label verbs and noun families: one home in storyline.lexicon.
FAMILY = {t: f for t, f in EVENT_FAMILY.items() if f != "announcement"}
VERB = EVENT_VERBS
# Words that refer to the main event in a quote or announcement ("the deal is worth...").
FAMILY_WORDS = {
    "visit": re.compile(r"\b(visit|trip|travel|tour|journey)", re.I),
    "meeting": re.compile(r"\b(meet|talks|summit)", re.I),
    "ceremony": re.compile(r"\b(ceremon|parade|celebrat|commemorat|festival)", re.I),
    "agreement": re.compile(r"\b(agreement|deal|treaty|pact|accord|sign)", re.I),
}


def _family_words(family: str) -> re.Pattern[str]:
    """Trigger words of a family from the events lexicon ('arrest' -> arrest|capture|...)."""
    words = sorted({w for lex in (VERB_TRIGGERS, NOUN_TRIGGERS) for w, t in lex.items()
                    if FAMILY.get(t) == family} or {family})
    return re.compile(r"\b(" + "|".join(re.escape(w[:-1] if w.endswith("e") else w)
                                          for w in words) + ")", re.I)


LEAD_SENTENCES = 3  # headline + lead: where a news article states its main event
MAIN_CANDIDATES = 20  # event groups scored exactly when choosing the main event
RECENT_DAYS = 60  # an unplanned main event happened at most this long before publication


@dataclass
class Instance:
    article: Article
    event: Event


@dataclass
class MainEvent:
    family: str
    actor: str
    country: str | None
    planned: bool
    instances: list[Instance]

    def describe(self, place: str | None) -> str:
        where = f" {place}" if place else ""
        forms = VERB.get(self.family, (self.family, self.family))
        verb = forms[0] if self.planned else forms[1]
        if not where:
            verb = verb.rsplit(" ", 1)[0] if verb.endswith((" to", " in")) else verb
        if self.family in NOUN_FAMILIES:
            who = f"{self.actor}: " if self.actor else ""
            # A noun of this family ("fire" names a blaze, not a dismissal).
            nouns = Counter(i.event.trigger.lower() for i in self.instances
                            if FAMILY.get(NOUN_TRIGGERS.get(i.event.trigger.lower(), ""))
                            == self.family)
            if nouns:  # "earthquake in Indonesia" reads better than "disaster in Indonesia"
                verb = nouns.most_common(1)[0][0] + (" in" if verb.endswith(" in") else "")
                if not where:
                    verb = verb.removesuffix(" in")
            return f"{who}{'planned ' if self.planned else ''}{verb}{where}".strip()
        return f"{self.actor} {'will ' if self.planned else ''}{verb}{where}".strip()


def _recent(ev: Event, article: Article) -> bool:
    """Not history: planned or undated, or dated close to the article's publication."""
    if ev.time is None or not article.published:
        return True
    iv = timex_interval(ev.time)
    if iv is None:
        return True
    pub = date.fromisoformat(article.published[:10])
    return iv[1] >= (pub - timedelta(days=RECENT_DAYS)).isoformat()


def _lead(article: Article, ev: Event) -> bool:
    return any(s <= ev.start < e for s, e in article.sentences[:LEAD_SENTENCES])


def find_main_event(articles: Sequence[Article], keys: dict[str, str],
                    gaz: Gazetteer) -> MainEvent | None:
    """The central event: what most independent sources put in their headline and lead,
    then the most sources anywhere, then mentions."""
    scores: dict[tuple[str, str, str | None], list[float]] = {}
    direct: dict[tuple[str, str, str | None], set[str]] = {}
    leads: dict[tuple[str, str, str | None], set[str]] = {}
    for a in articles:
        for ev in a.events:
            fam = FAMILY.get(ev.type)
            if fam is None or not (ev.actors or ev.place) or not _recent(ev, a):
                continue
            country = gaz.country_of(ev.place) if ev.place else None
            # No named actor ("an earthquake struck Sumatra"): the place carries the event.
            sig = (fam, ev.actors[0] if ev.actors else "", country or ev.place)
            entry = scores.setdefault(sig, [0.0, 0.0, 0.0, 0.0])
            direct.setdefault(sig, set()).add(keys[a.id])
            if _lead(a, ev):
                leads.setdefault(sig, set()).add(keys[a.id])
            entry[3] += 1.0 + (0.5 if ev.planned else 0.0)
    if not scores:
        return None
    # Exact counts (undated or place-less mentions count for a group too) only for the
    # strongest groups: big stories have hundreds of groups.
    top = sorted(scores, key=lambda s: (len(leads.get(s, ())), len(direct[s]), scores[s][3]),
                 reverse=True)[:MAIN_CANDIDATES]
    fitting: dict[tuple[str, str, str | None], int] = {}
    for sig in top:
        matched = [a for a in articles if _matches(sig, a, gaz)]
        scores[sig][1] = len({keys[a.id] for a in matched})
        scores[sig][0] = len({keys[a.id] for a in matched if _matches(sig, a, gaz, lead=True)})
        # Lead mentions that fit the candidate's place: a lead's quake in Iran supports
        # "a quake in Iran", not "a quake in China" (both get it under the lead rule).
        fitting[sig] = len({keys[a.id] for a in matched
                            if _matches(sig, a, gaz, lead=True, strict=True)})
        # Family-wide headline support: "fire" in most headlines beats one actor's
        # "attend" mention even when the fire's actor varies between articles.
        scores[sig][2] = len({keys[a.id] for a in articles if any(
            FAMILY.get(ev.type) == sig[0] and _lead(a, ev) for ev in a.events)})
    best = max(top, key=lambda s: (scores[s][2] + scores[s][0], fitting[s], scores[s][1],
                                   scores[s][3], s[2] is not None))
    insts = [Instance(a, ev) for a in articles for ev in a.events if _is_instance(best, ev, a, gaz)]
    planned = sum(i.event.planned for i in insts) * 2 >= len(insts)
    # A planned main event keeps only its planned mentions: past trips are other events.
    insts = [i for i in insts if i.event.planned == planned or i.event.time is None]
    return MainEvent(best[0], best[1], best[2], planned, insts)


def _is_instance(sig: tuple[str, str, str | None], ev: Event, a: Article, gaz: Gazetteer,
                 strict: bool = False) -> bool:
    """``strict``: the mention's place must fit (choosing the main event); otherwise a lead
    or definite mention is an instance wherever it places the event (so a different place
    there disagrees)."""
    fam, actor, country = sig
    if FAMILY.get(ev.type) != fam or not _recent(ev, a):
        return False
    if actor and actor not in ev.actors:
        return False
    if ev.place is None or country is None:
        return bool(actor)
    if not strict and (_lead(a, ev) or _definite(a, ev)) and (
            actor or not ev.actors or ev.place in ev.actors):
        # The lead states the story's event, and "the attack" refers back to it: a
        # different place there disagrees with the other sources.
        return True
    return gaz.country_of(ev.place) in (country, None) or ev.place == country


_DEFINITE = re.compile(r"\b(?:the|this|that|last\s+\w+'s)\s+(?:[\w.-]+\s+){0,2}$", re.I)


def _definite(a: Article, ev: Event) -> bool:
    """'the school massacre', 'the Sept. 11 attack': a definite mention of the event."""
    start = trigger_span(a, ev)[0]
    return bool(_DEFINITE.search(a.text, max(ev.start, start - 40), start))


def _matches(sig: tuple[str, str, str | None], a: Article, gaz: Gazetteer,
             lead: bool = False, strict: bool = False) -> bool:
    return any(_is_instance(sig, ev, a, gaz, strict) and (not lead or _lead(a, ev))
               for ev in a.events)


def _span_of(article: Article, ev: Event, name: str) -> tuple[int, int] | None:
    """Where a name (entity canonical or text) occurs in the event's sentence; None when the
    sentence only implies it ("He also went", "the visit")."""
    for ent in article.entities:
        if ev.start <= ent.start < ev.end and name in (ent.canonical, ent.text):
            return ent.start, ent.end
    pos = article.text.find(name, ev.start, ev.end)
    if pos >= 0:
        return pos, pos + len(name)
    return None


def _place_fact(main: MainEvent, keys: dict[str, str], gaz: Gazetteer, label: str) -> list[Fact]:
    cands = []
    for inst in main.instances:
        place = inst.event.place
        if not place:
            continue
        span = _span_of(inst.article, inst.event, place)
        if span is None:  # inherited from an earlier sentence, which is its own evidence
            continue
        if _is_org(inst.article, span) or "://" in place or place.startswith("www."):
            continue  # "West Coast Bank" is where it happened, not a place to compare
        name = canonical_place(place)
        cands.append(Candidate(name, name, {"place": name, "country": gaz.country_of(name)},
                               evidence(inst.article, *span), keys[inst.article.id]))
    fact = settle("place", label, cands, gaz.compatible,
                  lambda a, b: a != b and gaz.compatible(a, b)
                  and gaz.specificity(a) > gaz.specificity(b), what="place")
    return [fact] if fact else []


def _is_org(article: Article, span: tuple[int, int]) -> bool:
    return any(e.label == "ORG" and e.start <= span[0] < e.end for e in article.entities)


def _merge_names(cands: list[Candidate]) -> list[Candidate]:
    """Name variants of one person ('Bill / William Ingaldson') become one value."""
    rep = name_groups([c.key for c in cands])
    for c in cands:
        if rep.get(c.key, c.key) != c.key:
            c.key = c.display = rep[c.key]
            c.normalized = {**c.normalized, "name": c.key}
    return cands


def _participant_facts(main: MainEvent, keys: dict[str, str], label: str) -> list[Fact]:
    cands: list[Candidate] = []
    implied: list[Candidate] = []
    for inst in main.instances:
        for actor in inst.event.actors:
            if inst.event.place and canonical_place(actor) == canonical_place(inst.event.place):
                continue
            span = _span_of(inst.article, inst.event, actor)
            cand = Candidate(actor, actor, {"name": actor},
                             evidence(inst.article, *(span or trigger_span(inst.article,
                                                                            inst.event))),
                             keys[inst.article.id])
            (cands if span else implied).append(cand)
    # A pronoun or "the visit" is evidence only when the article never names the person.
    named = {(c.evidence.article_id, c.key) for c in cands}
    for cand in implied:
        if (cand.evidence.article_id, cand.key) not in named:
            named.add((cand.evidence.article_id, cand.key))
            cands.append(cand)
    return settle_set("participants", f"Taking part in: {label}", _merge_names(cands),
                      "a participant")


def _announcer_facts(main: MainEvent, keys: dict[str, str], label: str) -> list[Fact]:
    """Who announced or confirmed the event: announcement events and quote speakers in a
    sentence that mentions the event."""
    cands = []
    by_article: dict[str, set[int]] = {}
    for inst in main.instances:
        by_article.setdefault(inst.article.id, set()).add(inst.event.start)
    seen = {inst.article.id: inst.article for inst in main.instances}
    words = FAMILY_WORDS.get(main.family) or _family_words(main.family)
    for aid, starts in by_article.items():
        a = seen[aid]
        for ev in a.events:
            if ev.type == "announcement" and (ev.start in starts or words.search(ev.sentence)):
                for actor in ev.actors:
                    span = _span_of(a, ev, actor) or trigger_span(a, ev)
                    cands.append(Candidate(actor, actor, {"name": actor, "cue": ev.trigger},
                                           evidence(a, *span), keys[aid]))
        for q in a.quotes:
            if q.type != "speech":
                continue  # believing, wanting or criticizing is not announcing
            sent = a.sentence_at(q.cue_start if q.cue_start is not None else q.start)
            about = sent[0] in starts or bool(words.search(q.text))
            if q.speaker and about and q.speaker_start is not None:
                cands.append(Candidate(q.speaker, q.speaker, {"name": q.speaker, "cue": q.cue},
                                       evidence(a, q.speaker_start, q.speaker_end or q.start),
                                       keys[aid]))
    return settle_set("announcer", f"Announced or confirmed: {label}", _merge_names(cands),
                      "the announcer")


def _role_key(role: str) -> str | None:
    """A role specific enough to be held by one person ('Kremlin spokesman'), normalized."""
    words = re.findall(r"[\w'-]+", role.casefold())
    if len(words) < 2 or words[0] in ("former", "ex", "then", "acting", "deputy", "late"):
        return None
    if words[-1] in SHARED_TITLES:
        return None  # "U.S. District Judge": many people hold it at once
    return " ".join(words)


def _org_name(name: str) -> bool:
    """'Response Center', 'Security Alliance': an organisation's name tagged as a person."""
    last = (name.split() or [""])[-1].casefold()
    return last in ORG_WORDS or last in ORG_HEADS


def _role_facts(articles: Sequence[Article], keys: dict[str, str]) -> list[Fact]:
    """Who holds a specific role, when two or more independent sources name a holder.

    Name variants are one holder. A role one source gives to several people ("a senator")
    is not exclusive: skipped. Different holders across sources are a conflict ("different
    person for the same role") only when no source names the other holder anywhere: a
    source that knows both people and gives the role to one of them is more likely a
    misread role ("the court reporter Nichols murdered") than a disagreement.
    """
    cands: dict[str, list[Candidate]] = {}
    people: dict[str, set[str]] = {}
    for a in articles:
        for e in a.entities:
            if e.label == "PERSON":
                people.setdefault(keys[a.id], set()).add(e.canonical)
            role = _role_key(e.role or "") if e.label == "PERSON" and not _org_name(
                e.canonical) else None
            if role:
                cands.setdefault(role, []).append(Candidate(
                    e.canonical, e.canonical, {"name": e.canonical, "role": e.role},
                    evidence(a, e.start, e.end), keys[a.id]))
    facts = []
    for role, cs in sorted(cands.items()):
        cs = _merge_names(cs)
        holders: dict[str, set[str]] = {}
        for c in cs:
            holders.setdefault(c.source, set()).add(c.key)
        if len(holders) < 2 or any(len(h) > 1 for h in holders.values()):
            continue
        names = {c.key for c in cs}
        if len(names) > 1 and any(
                any(same_person(other, p) for p in people.get(src, ()))
                for src, h in holders.items() for other in names - h):
            continue  # a source names the other holder too: weakly aligned, not opposed
        fact = settle(f"role:{role}", f"Who is the {role}?", cs, lambda x, y: x == y,
                      lambda x, y: False, what="person in this role")
        if fact:
            facts.append(fact)
    return facts


def build_ledger(articles: Sequence[Article], story_id: str) -> Ledger:
    """Fact ledger of a story's articles (see module docstring)."""
    articles = [a for a in articles if a.text]
    keys = source_keys(articles)
    gaz = Gazetteer(learn_places(articles))
    ledger = Ledger(story_id, sources=[
        {"id": a.id, "outlet": a.outlet, "published": a.published, "title": a.title,
         "syndication_group": a.syndication_group, "duplicate_of": a.duplicate_of,
         "source": keys[a.id]} for a in articles])
    main = find_main_event(articles, keys, gaz)
    if main is not None:
        places = [i.event.place for i in main.instances if i.event.place]
        place = main.country or (places[0] if places else None)
        label = main.describe(place)
        ledger.main_event = label
        ledger.facts += date_facts(main, keys, articles, gaz, f"When: {label}")
        ledger.facts += _place_fact(main, keys, gaz, f"Where: {label}")
        ledger.facts += _participant_facts(main, keys, label)
        ledger.facts += _announcer_facts(main, keys, label)
    ledger.facts += number_facts(articles, keys)
    ledger.facts += _role_facts(articles, keys)
    return ledger
