"""Stage "events": who visits, meets, attends, signs or announces what, where and when.

Sentence-level and rule-based over the shared spaCy parse. A trigger is a verb or noun from
a small lexicon (travel, visit, meet, summit, parade, agreement, announce...). For each
trigger we read, from the dependency tree:

* actors: canonical PERSON/ORG/GPE/NORP entities in subject, possessor, object-of-visit/meet
  and "with"/"between" roles; pronouns and "the two leaders" resolve to the latest persons
  mentioned before (a deliberately small coreference rule);
* place: a GPE/LOC/FAC destination ("to China", "in Kazan", "visited Russia", "a Moscow
  meeting", the subject of "host");
* time: the DATE timex attached to the trigger's clause (coordinated "in X and in Y" gives
  one event per date), else a sentence-level DATE timex no other trigger claims (not one
  attached to a reporting verb: "X said Wednesday" dates the saying);
* planned: "will"/"would"/"is set to"/"plans to", "upcoming", or a time after publication.

Definite nominal mentions without actors ("the visit") inherit actors and place from the
latest earlier event of the same family, so anaphoric sentences still feed the ledger.
Reading actors and places from a trigger's arguments lives in ``actors.py``; the word
lists in ``lexicon.py``.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from ...config import Options
from ...model import Article, Event, Timex
from ...pipeline import StageFn, registry
from .actors import EventContext, Trigger, trigger_actors
from .lexicon import (
    ANAPHORA_SENTENCES,
    COMMEMORATIVE_RE,
    DEMAND_VERBS,
    FUTURE_AUX,
    LIGHT_VERBS,
    MARK_OBJECTS,
    NON_EVENT_OBJECTS,
    NOUN_TRIGGERS,
    PLAN_ADJ,
    PLAN_VERBS,
    REHAB_PLACES,
    REPEAT_RE,
    REPORTING,
    TIME_DEPS,
    VERB_TRIGGERS,
)


def _is_trigger(tok: Any) -> str | None:
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX") and lemma in VERB_TRIGGERS:
        kind = VERB_TRIGGERS[lemma]
        if lemma == "release" and any(c.dep_ == "prep" and c.lower_ == "from"
                                      for c in tok.children):
            kind = "legal"  # "released from prison/custody", not a product launch
        return kind if _frame_ok(tok, lemma) else None
    if tok.pos_ in ("NOUN", "PROPN") and lemma in NOUN_TRIGGERS:
        # "talks" as a verb is tagged VERB; as a noun it needs a plural to mean negotiations.
        if lemma == "talk" and tok.text.lower() != "talks":
            return None
        if _demanded(tok):
            return None
        if tok.ent_type_ in NAME_ENTITIES:
            return None  # part of a name: "Catching Fire", "Summit Entertainment"
        if lemma == "fire" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].ent_type_ == \
                "PERSON":
            return "dismissal"  # headline "Sixers Fire O'Brien": the verb tagged as a noun
        if lemma == "fire" and tok.i > 0 and tok.doc[tok.i - 1].lemma_.lower() in FIRE_IDIOMS:
            return None  # "came under fire", "opened fire": not a blaze
        return NOUN_TRIGGERS[lemma]
    return None


NAME_ENTITIES = {"ORG", "WORK_OF_ART", "PERSON", "PRODUCT", "FAC", "LAW"}
FIRE_IDIOMS = {"under", "open", "draw", "return", "cease", "hold", "friendly"}


def _demanded(tok: Any) -> bool:
    """'called for his resignation', 'urged an investigation': a demand, not an event."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "for":
        head = head.head
    elif tok.dep_ != "dobj":
        return False
    return head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in DEMAND_VERBS


def _frame_ok(tok: Any, lemma: str) -> bool:
    """Frames that make an ambiguous verb an event: 'went to X', 'marked the anniversary'."""
    if lemma == "go":
        has_to = any(c.dep_ == "prep" and c.lower_ in ("to", "in") for c in tok.children)
        return has_to and any(c.dep_ == "nsubj" for c in tok.children)
    if lemma in NON_EVENT_OBJECTS:
        # "meet demand", "released a statement": the object says this is not an event.
        return not any(c.dep_ == "dobj" and c.lemma_.lower() in NON_EVENT_OBJECTS[lemma]
                       for c in tok.children)
    if lemma == "check":  # "checked into rehab", not "checked the figures"
        return any(c.dep_ == "prep" and c.lower_ in ("into", "in") and any(
            o.lemma_.lower() in REHAB_PLACES for o in c.subtree) for c in tok.children)
    if lemma == "rule" and any(c.dep_ == "prt" for c in tok.children):
        return False  # "ruled out"
    if lemma == "mark":
        return any(c.dep_ == "dobj" and c.lemma_.lower() in MARK_OBJECTS for c in tok.children)
    if lemma in REPORTING:
        # Reporting verbs only count when they report one of our events ("told ... the visit").
        comp = [c for c in tok.children if c.dep_ in ("ccomp", "dobj")]
        return any(_is_trigger(t) not in (None, "announcement") for c in comp for t in c.subtree
                   if t is not tok)
    return True


def _same_family(verb: Any, noun: Any) -> bool:
    return VERB_TRIGGERS.get(verb.lemma_.lower()) == NOUN_TRIGGERS.get(noun.lemma_.lower())


def _chain(tok: Any) -> list[Any]:
    """The trigger plus the verbs it borrows subject, tense and time from."""
    chain = [tok]
    cur = tok
    while cur.dep_ in ("xcomp", "advcl", "acl") and cur.head is not cur and len(chain) < 4:
        if cur.dep_ == "acl" and cur.pos_ == "VERB" and cur.tag_ in ("VBN",):
            break
        cur = cur.head
        chain.append(cur)
    if tok.pos_ in ("NOUN", "PROPN"):
        # A nominal borrows its clause when it is an object: "paid a state visit", "marked ...
        # with a parade", "in his first foreign trip" (never through "of": "anniversary of").
        if tok.dep_ in ("nsubj", "nsubjpass") and NOUN_TRIGGERS.get(tok.lemma_.lower()) in (
                "disaster", "attack") and tok.head.pos_ == "VERB":
            chain.append(tok.head)  # "an earthquake struck ... on Monday": the verb's date
            return chain
        cur = tok
        while cur.dep_ in ("dobj", "pobj", "prep", "attr") and cur.head is not cur:
            if cur.dep_ == "prep" and cur.lower_ == "of":
                break
            cur = cur.head
            if cur.pos_ in ("VERB", "AUX"):
                if cur.lemma_.lower() in LIGHT_VERBS or _same_family(cur, tok):
                    chain.append(cur)
                break
    return chain


def _is_planned(trig: Trigger, time: Timex | None, written: tuple[str, str] | None) -> bool:
    tok = trig.token
    if tok.tag_ == "VBD" or any(c.dep_ == "aux" and c.lemma_.lower() == "have"
                                for c in tok.children):
        return False  # "participated", "has visited": reported, whatever the date says
    if time is not None and written and time.begin and time.finish:
        if time.finish < written[0]:
            return False
        if time.begin > written[1]:
            return True
    for tok in trig.chain:
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE_AUX for c in tok.children):
            return True
        if tok is not trig.token and tok.lemma_.lower() in PLAN_VERBS:
            return True
    if any(c.dep_ == "amod" and c.lower_ in PLAN_ADJ for c in trig.token.children):
        return True
    if tok.dep_ == "ROOT" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return True  # headline style: "Putin to visit China"
    head = trig.token.head
    # "the visit will be part of..." (a nominal subject of a future verb).
    return (trig.token.dep_ == "nsubj" and
            any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in head.children))


def _timex_root(doc: Any, tx: Timex) -> Any | None:
    span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


NOUN_MODIFIER_DEPS = {"compound", "nmod", "amod", "nummod"}


def _owner(root: Any, chain_of: dict[int, int]) -> int | None:
    """Index of the trigger whose clause the date attaches to, climbing allowed deps only.

    -1: the date modifies the sentence's main clause (usable by any trigger); None: it sits
    in a clause or phrase of its own ("trade recorded in 2024") and dates no trigger.
    """
    cur = root
    for _ in range(12):
        if cur.i in chain_of:
            return chain_of[cur.i]
        if cur.head.lemma_.lower() in REPORTING and cur.head.i not in chain_of and \
                cur.dep_ in ("npadvmod", "prep", "advmod"):
            return None  # "Obama said Wednesday": the date of the saying, not of the vote
        if cur.dep_ == "ROOT" or cur.head is cur:
            return -1
        if cur.dep_ not in TIME_DEPS or (cur.dep_ == "prep" and cur.lower_ == "of"):
            return None
        if cur.dep_ in NOUN_MODIFIER_DEPS and cur.head.pos_ == "NOUN" and \
                cur.head.i not in chain_of:
            return None  # "for the March 11 incident": the date is the incident's
        cur = cur.head
    return None


def _coordinated(article: Article, first: Timex, other: Timex) -> bool:
    """'in October 2023 and in February 2022': a second date joined to the first by 'and'."""
    between = article.text[first.end:other.start]
    return other.start > first.end and re.fullmatch(r",?\s*(and|or)\s+(in|on|at)?\s*", between,
                                                    re.I) is not None


def _sentence_events(sent: Any, ctx: EventContext) -> list[Event]:
    article = ctx.article
    triggers = []
    for tok in sent:
        kind = _is_trigger(tok)
        if kind:
            triggers.append(Trigger(tok, kind, _chain(tok)))
    if not triggers:
        return []
    chain_of: dict[int, int] = {}
    for n, trig in enumerate(triggers):
        for tok in trig.chain:
            chain_of.setdefault(tok.i, n)
    owned: dict[int, list[Timex]] = {}
    loose: list[tuple[Timex, Any]] = []
    for tx in ctx.timexes:
        if not (sent.start_char <= tx.start < sent.end_char):
            continue
        root = _timex_root(sent.doc, tx)
        if root is None:
            continue
        owner = _owner(root, chain_of)
        if owner == -1:
            loose.append((tx, root))
        elif owner is not None:
            owned.setdefault(owner, []).append(tx)
    events: list[Event] = []
    # Span.text re-joins the tokens on every access; the Doc was parsed from article.text.
    sentence = article.text[sent.start_char:sent.end_char]
    for n, trig in enumerate(triggers):
        times = sorted(owned.get(n, []), key=lambda t: abs(t.start - trig.token.idx))
        chosen: list[Timex | None]
        if times:
            first = times[0]
            chosen = [first, *[t for t in ctx.timexes if _coordinated(article, first, t)]]
        elif loose:
            near = min(loose, key=lambda p: abs(p[1].i - trig.token.i))
            chosen = [near[0]]
        else:
            chosen = [None]
        actors, place = trigger_actors(trig, ctx)
        for when in chosen:
            time = _unless_commemorated(when, sentence, article.written())
            events.append(Event(
                start=sent.start_char, end=sent.end_char, sentence=sentence, type=trig.type,
                trigger=trig.token.text, actors=list(actors), place=place, time=time,
                planned=_is_planned(trig, time, article.written()),
            ))
    return _merge_same(events)


def _unless_commemorated(tx: Timex | None, sentence: str,
                         written: tuple[str, str] | None) -> Timex | None:
    """Drop a decades-old date in a commemoration sentence: it dates what is remembered
    ("celebrations of the defeat ... in May 1945"), not the celebration."""
    if tx is None or not written or not tx.finish or not COMMEMORATIVE_RE.search(sentence):
        return tx
    return None if int(written[0][:4]) - int(tx.finish[:4]) > 20 else tx


def _merge_same(events: list[Event]) -> list[Event]:
    """One event per family and date in a sentence ('visited China ... in his first trip')."""
    out: list[Event] = []
    for ev in events:
        twin = next((o for o in out if o.type == ev.type and _same_time(o.time, ev.time)
                     and (set(o.actors) & set(ev.actors) or not (o.actors or ev.actors))), None)
        if twin is None:
            out.append(ev)
            continue
        twin.actors = list(dict.fromkeys(twin.actors + ev.actors))
        twin.place = twin.place or ev.place
        twin.time = twin.time or ev.time
        twin.planned = twin.planned or ev.planned
    return out


def _same_time(a: Timex | None, b: Timex | None) -> bool:
    return a is None or b is None or a.value == b.value


def _fill_anaphora(article: Article, events: list[Event]) -> list[Event]:
    """'the visit' / 'He also went in 2023': borrow actors and place from a recent event
    of the same family (a few sentences back at most)."""
    starts = [s for s, _ in article.sentences]
    kept: list[Event] = []
    for ev in events:
        here = bisect.bisect_right(starts, ev.start)
        near = [p for p in reversed(kept) if p.type == ev.type and p.actors
                and here - bisect.bisect_right(starts, p.start) <= ANAPHORA_SENTENCES]
        # "the visit will be..." refers back to a planned visit rather than a past one.
        prev = next((p for p in near if p.planned or not ev.planned), None)
        if prev is not None:
            if not ev.actors:
                ev.actors = list(prev.actors)
                ev.place = ev.place or prev.place
                if ev.time is None and prev.time is not None and prev.planned:
                    ev.time, ev.planned = prev.time, True
            elif ev.place is None and ev.type == "visit" and set(ev.actors) <= set(prev.actors):
                ev.place = prev.place
        # An event without actor, place or time is still an event mention ("a gunman
        # killed three people"); only an announcement needs to say who announced.
        if ev.actors or ev.place or ev.type != "announcement":
            kept.append(ev)
    return kept


def _repeated(sent: Any, previous: list[Event], ctx: EventContext) -> list[Event]:
    """'This was the case in 2015': the previous sentence's events, happening at that date."""
    if not previous or not REPEAT_RE.search(ctx.article.text, sent.start_char, sent.end_char):
        return []
    written = ctx.article.written()
    past = [t for t in ctx.timexes if sent.start_char <= t.start < sent.end_char and t.finish
            and (not written or t.finish < written[0])]
    if not past:
        return []
    when = past[-1]  # "10 years ago, in 2015": the last is the most explicit
    return [Event(start=min(ev.start, sent.start_char), end=sent.end_char,
                  sentence=ctx.article.text[min(ev.start, sent.start_char):sent.end_char],
                  type=ev.type, trigger=ev.trigger, actors=list(ev.actors), place=ev.place,
                  time=when, planned=False)
            for ev in previous if ev.type != "announcement" and not ev.planned and ev.time is None]


def extract_events(article: Article) -> list[Event]:
    """All events of a parsed article (needs ``article.doc``; entities/timexes if present)."""
    if article.doc is None:
        return []
    ctx = EventContext(article)
    events: list[Event] = []
    previous: list[Event] = []
    for sent in article.doc.sents:
        found = _sentence_events(sent, ctx) or _repeated(sent, previous, ctx)
        ctx.remember(found)
        events.extend(found)
        previous = found
    return _fill_anaphora(article, events)


@registry.stage("events", requires=("doc", "entities", "timexes"), assigns=("events",))
def make_events(options: Options) -> StageFn:
    """Rule-based events (visit, meeting, summit, ceremony, agreement, announcement)."""

    def events(article: Article) -> Article:
        article.events = extract_events(article)
        return article

    return events
