"""Figures in the ledger: which numbers are claims about the same quantity, and when two
such claims disagree.

A number is a claim about a slot: what it counts (kind, unit, head noun), what that thing
does or undergoes (the predicate: killed vs injured, landed vs thrown), whose figure it is
(the holder: Klitschko's knockouts vs Rahman's), the counted noun's modifiers (state
senators vs senators) and the time its sentence names. Two claims are *aligned* when the
slot is the same as far as both say (a missing qualifier matches anything) and their
sentences share another content word (two when their verbs differ, and never across tally
verbs such as killed/injured); only aligned claims can conflict. Numbers that fit a
slot only loosely are listed on their own, never set against each other.

Agreement: approximators give intervals from the one table in ``storyline.lexicon``
("more than 100" is 100..infinity); exact figures agree when equal at the coarser stated
precision ("32 million" and "32.1 million" agree; ages 91 and 92 do not). A source never
conflicts with itself: two different figures from one source are two quantities. A tally
(deaths, arrests...) that is larger in a later-published article is an update, not a
conflict.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..lexicon import PREDICATE_SYNONYMS, STAT_NOUNS, TALLY_PREDICATES
from ..model import Article, Number
from .ledger_align import Candidate, evidence, settle
from .ledger_filters import SCOPE_PREPOSITIONS, is_claim, scope
from .ledger_names import same_person
from .ledger_slots import display_interval, number_interval, overlaps, quantity_key
from .types import CONFLICTING, UPDATED, Fact

# Predicates that say nothing about which part of a quantity is meant ("there were 47").
LIGHT_PREDICATES = frozenset({"be", "have", "include", "total", "reach", "say", "report",
                              "number", "stand", "put", "estimate", "give", "count", "see",
                              "worth", "bring", "make", "according", "tell", "show"})
_STOP = frozenset(["the", "a", "an", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "but", "that", "this", "these", "those", "was", "were", "is", "are", "be", "been", "has", "have", "had", "its", "their", "his", "her", "our", "they", "them", "he", "she", "it", "who", "which", "said", "says", "will", "would", "could", "about", "than", "more", "after", "before", "into", "over", "also", "as", "not", "just", "only", "when", "where", "while", "there", "what", "other", "some", "such"])
_WORD = re.compile(r"[a-z][a-z'-]{2,}")
_EARLIER = frozenset({"prior", "previous", "earlier", "former", "past", "recent"})
_AGE = re.compile(
    r"\b(?:aged|(?:died|dies|dead|death)(?: \w+){0,3} at(?: the age of| age)?)\s+(\d{1,3})\b"
    r"|\b(\d{1,3})-year-old\b|, (\d{1,3}),|(?<!when )\b(?:he|she) (?:was|is|turned|turns) (\d{1,3})\b"
    r"(?![\w%-]| (?:percent|per|million|billion|years? (?:ago|before|after))"
    r"|\s*-?\s*(?:feet|foot|ft|inch|inches|pounds|lbs?|kilos?|kilograms?|kg|meters?|metres?|cm)\b)",
    re.I)  # "he is 5 - feet - 8", "she is 5 ft": a height, not an age
# Content words two aligned claims' sentences must share besides the counted thing.
SHARED_CONTEXT = 1
BACKGROUND_DAYS = 365
MAX_AGE = 120  # above this "he was N" is no age ("aged N", "Name, N," still are)
AGE_GAP_YEARS = 5  # undated pages: ages further apart than this conflict (see same_slot)
_PRONOUNS = frozenset({"he", "she", "his", "her", "him"})  # a figure dated this long before publication is background


@dataclass
class Claim:
    article: Article
    number: Number
    source: str
    key: str
    predicate: str | None
    holder: str | None
    mods: frozenset[str]
    when: tuple[str, str] | None
    words: frozenset[str]
    interval: tuple[float, float]
    scope: frozenset[str] = frozenset()  # "total", "combined", "from:Aden": what it spans
    names: frozenset[str] = frozenset()  # people and organisations named in the sentence
    busy: bool = False  # its article gives this key 3+ different values: not a slot there


def _predicate(lemma: str | None) -> str | None:
    if not lemma or lemma in LIGHT_PREDICATES:
        return None
    return PREDICATE_SYNONYMS.get(lemma, lemma)


def _mods(n: Number) -> frozenset[str]:
    """The counted noun's modifiers ("state senators"): the words before its head, with a
    trailing participle dropped as in the key ("people killed": no modifier)."""
    words = [w for w in re.findall(r"[a-z]+", (n.counts or "").casefold()) if w not in _STOP]
    while len(words) > 1 and words[-1].endswith(("ed", "ing")):
        words.pop()
    return frozenset(words[:-1])


def _sentence_words(a: Article, n: Number) -> frozenset[str]:
    """Content words of the number's sentence, minus the number and what it counts."""
    s, e = a.sentence_at(n.start)
    text = (a.text[s:n.start] + " " + a.text[n.end:e]).casefold()
    # The counted noun and its modifiers; a trailing participle ("people killed") is the
    # predicate, which is context.
    counted = set(_mods(n)) | set(_WORD.findall(quantity_key(n) or "")[-1:])
    counted |= {w.rstrip("s") for w in counted} | {w + "s" for w in counted}
    counted |= {w[:-1] + "ies" for w in counted if w.endswith("y")}
    return frozenset(w for w in _WORD.findall(text) if w not in _STOP and w not in counted)


_DASH = re.compile(r"\s[—–]\s|\s-\s-\s|\s--\s")


def _aside(a: Article, pos: int, s: int, e: int) -> tuple[int, int]:
    """The part of a sentence a figure sits in when dashes set off an aside ("on Wednesday
    — the day the autopsy showed he had been shot seven times — the crowd..."): the
    aside and the clause around it are dated separately."""
    cuts = [s] + [m.end() for m in _DASH.finditer(a.text, s, e)] + [e]
    if len(cuts) < 4:  # no pair of dashes: no aside
        return s, e
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        if lo <= pos < hi:
            return lo, hi
    return s, e


def sentence_interval(a: Article, start: int, firm: bool = False) -> tuple[str, str] | None:
    """The dates of a claim's sentence; ``firm`` leaves out dates resolved against a document
    date guessed from the text (it can be years off: "this morning" on an undated page)."""
    from .ledger_slots import timex_interval

    s, e = _aside(a, start, *a.sentence_at(start))
    # A time of day resolved to a day ("at about 8 p.m." on Monday) dates it as a date does.
    ivs = [iv for t in a.timexes if s <= t.start < e and t.type in ("DATE", "TIME")
           and not (firm and t.anchor == "inferred") and (iv := timex_interval(t)) is not None]
    if not ivs:
        return None
    return min(i[0] for i in ivs), max(i[1] for i in ivs)


def _names(a: Article, pos: int) -> frozenset[str]:
    """Surnames and organisations named in the sentence: whose figure it can be."""
    s, e = a.sentence_at(pos)
    out = set()
    for ent in a.entities:
        if s <= ent.start < e and ent.label in ("PERSON", "ORG"):
            out.add((ent.canonical or ent.text).split()[-1].casefold())
    return frozenset(out)


def number_claims(articles: Sequence[Article], keys: dict[str, str]) -> list[Claim]:
    claims = []
    for a in articles:
        for n in a.numbers:
            key = quantity_key(n)
            if key is None or not is_claim(a, n) or len(key.rsplit(":", 1)[1]) < 2:
                continue
            words = _sentence_words(a, n)
            holder = n.holder
            if holder in _PRONOUNS:  # "he is averaging 15.9 points": the person meant
                holder = _person_before(a, n.start)
            if holder is None and is_stat(key):
                holder = _only_person(a, n.start)  # "Thomas ... missed 10 games"
            claims.append(Claim(a, n, keys[a.id], key, _predicate(n.predicate), holder,
                                _mods(n), sentence_interval(a, n.start), words,
                                number_interval(n), scope(a, n), _names(a, n.start)))
    _mark_busy(claims)
    return claims + age_claims(articles, keys)


BUSY_VALUES = 3  # different values of one key in one article: the key names no one slot


def _mark_busy(claims: list[Claim]) -> None:
    """'yards', 'points', 'games' in a match report: an article that gives one head noun
    many different values uses it for many things, so its claims on it cannot clash."""
    by: dict[tuple[str, str], list[Claim]] = {}
    for c in claims:
        by.setdefault((c.article.id, c.key), []).append(c)
    for group in by.values():
        distinct: list[Claim] = []
        for c in group:
            if not any(_compatible(c, d) for d in distinct):
                distinct.append(c)
        if len(distinct) >= BUSY_VALUES:
            for c in group:
                c.busy = True


def is_stat(key: str) -> bool:
    """A per-player statistic ('points', 'touchdowns', 'carries'): see STAT_NOUNS."""
    head = key.rsplit(":", 1)[1].casefold()
    return head in STAT_NOUNS or head.removesuffix("e") in STAT_NOUNS


def _only_person(a: Article, pos: int) -> str | None:
    """The one person a sentence names (the parse missed the subject); None for several."""
    s, e = a.sentence_at(pos)
    people = {ent.canonical or ent.text for ent in a.entities
              if s <= ent.start < e and ent.label == "PERSON"}
    return next(iter(people)) if len(people) == 1 else None


def _person_before(a: Article, pos: int) -> str | None:
    """The person a pronoun or an age after a name refers to: the nearest PERSON before."""
    people = [e for e in a.entities if e.label == "PERSON" and e.end <= pos + 1]
    return max(people, key=lambda e: e.end).canonical if people else None


def age_claims(articles: Sequence[Article], keys: dict[str, str]) -> list[Claim]:
    """'dies at 91', 'at the age of 91', 'Williams, 91,', 'She was 92': a person's age."""
    out = []
    for a in articles:
        for m in _AGE.finditer(a.text):
            group = next(g for g in range(1, 5) if m[g])
            start, end = m.start(group), m.end(group)
            value = int(m[group])
            if not 1 <= value <= (MAX_AGE if group == 4 else 999):
                continue  # "aged 135", "Weiner, 414," are ages (wrong ones); "he was 300" no
            if group == 2:  # "the 41-year-old Bowe"; "a 17-year-old son" is nobody named
                after = [e for e in a.entities if e.label == "PERSON"
                         and end <= e.start <= end + 30]
                person = after[0].canonical if after else None
            else:
                person = _person_before(a, start)
            if group == 3 and not any(e.label == "PERSON" and 0 <= start - e.end <= 3
                                      for e in a.entities):
                continue  # ", 91," only right after a name
            if not person:
                continue
            n = Number(start, end, m[group], float(value), None, "age", "count")
            surname = person.split()[-1].casefold()
            # The sentence's date keeps "Felt, 92, told CNN in 2006" apart from his age at
            # death in 2008.
            out.append(Claim(a, n, keys[a.id], f"age::{surname}", "age", person,
                             frozenset(), sentence_interval(a, start, firm=True),
                             frozenset({surname}),
                             (value, value + 0.0)))
    return out


def _compatible(x: Claim, y: Claim) -> bool:
    return x.interval[0] <= y.interval[1] and y.interval[0] <= x.interval[1]


def aligned(x: Claim, y: Claim) -> bool:
    """Same slot as far as both claims say, and their sentences share a content word."""
    if x.key != y.key or x.busy or y.busy:
        return False
    if not same_slot(x, y):
        return False
    if (x.mods & _EARLIER) != (y.mods & _EARLIER):
        return False  # "four prior arrests" vs "46 arrests": another time
    if x.key.endswith(":time") and not (x.holder and y.holder):
        return False  # "five times": how often someone did something; whom is unknown
    if x.when and y.when and not overlaps(x.when, y.when):
        return False
    if ("aggregate" in x.scope) != ("aggregate" in y.scope):
        return False  # a total vs one part of it ("combined 157 games" vs "54 games")
    for prep in SCOPE_PREPOSITIONS:
        refs_x = {r for r in x.scope if r.startswith(prep)}
        refs_y = {r for r in y.scope if r.startswith(prep)}
        if refs_x and refs_y and refs_x != refs_y:
            return False  # distances from different places; touchdowns on offense vs on
            # punt returns: different parts, named the same way on both sides
    if x.names and y.names and not x.names & y.names:
        return False  # the sentences name different people and organisations
    return x.key.startswith("age:") or len(x.words & y.words) >= SHARED_CONTEXT


def same_slot(x: Claim, y: Claim) -> bool:
    """Strong alignment, needed before two different figures are set against each other:
    the same predicate (a missing or light verb is a value of its own: "including three
    machine guns" is not "recovered 12 guns"), no two different holders (a per-player
    statistic needs the same known holder on both sides and a verb other than "have"),
    and the same modifiers of the counted noun ("voice traffic" is not "traffic")."""
    if x.predicate != y.predicate or x.mods != y.mods:
        return False
    if x.key.startswith("age:"):
        # An age is one at a time: an age in a dated sentence ("Felt, 92, told CNN in
        # 2006") is not compared with one stated of the present. Undated pages cannot be
        # ordered: ages a few years apart there are more likely statements made years
        # apart (the manhunt and the trial) than a disagreement, which is listed; a gap
        # wider than AGE_GAP_YEARS is no time between two reports of one story.
        if not (x.article.published and y.article.published) and x.when is None \
                and 1 < abs(x.number.value - y.number.value) <= AGE_GAP_YEARS:
            return False
        return (x.when is None) == (y.when is None)
    if is_stat(x.key) and not (x.holder and y.holder and x.predicate):
        return False  # "he has two touchdowns in his last two games": a span summary
    # Otherwise a holder read on one side only is often the cause ("the quake killed 52"),
    # not whose figure it is: only two different known holders keep claims apart.
    return not (x.holder and y.holder and not same_person(x.holder, y.holder))


def _contrast(x: Claim, y: Claim) -> bool:
    """The claims name different holders, subgroups or tallies: never the same slot."""
    if x.holder and y.holder and not same_person(x.holder, y.holder):
        return True
    if x.mods and y.mods and x.mods != y.mods:
        return True
    return bool(x.predicate and y.predicate and x.predicate != y.predicate and (
        x.predicate in TALLY_PREDICATES or y.predicate in TALLY_PREDICATES))


@dataclass
class Cluster:
    claims: list[Claim] = field(default_factory=list)

    def admits(self, c: Claim) -> tuple[int, int, int] | None:
        """(aligned, agreeing, clashing) members when ``c`` may join; None when it may not:
        it disagrees with a value that no claim it is strongly aligned with states, or its
        own source says otherwise."""
        agree = clash = 0
        for m in self.claims:
            ok = _compatible(m, c)
            if m.source == c.source and not ok:
                return None  # a source never conflicts with itself: another quantity
            if _contrast(m, c):
                return None  # another holder, subgroup or tally: never one quantity
            if m.key != c.key or (m.when and c.when and not overlaps(m.when, c.when)):
                return None
            if ok:
                agree += 1
            elif any(aligned(k, c) and _compatible(k, m) and not _compatible(k, c)
                     for k in self.claims):
                # It contradicts a claim it is strongly aligned with, and m states that
                # same value: the cluster is one quantity, joined by agreement.
                clash += 1
            else:
                return None  # weakly aligned and different: listed apart, not opposed
        n_aligned = sum(aligned(m, c) for m in self.claims)
        # One quantity is one slot: agreement joins only a claim strongly aligned with a
        # member, so what is corroborated is as strictly aligned as what is opposed.
        return (n_aligned, agree, clash) if n_aligned else None


def cluster_claims(claims: list[Claim]) -> list[Cluster]:
    """Best-match clustering, in publication order: each claim joins the cluster whose
    claims it is most aligned with (then agrees with most, clashes with least); otherwise
    it starts its own."""
    clusters: dict[str, list[Cluster]] = {}
    order = sorted(claims, key=lambda c: (c.article.published or "", c.article.id,
                                          c.number.start))
    for c in order:
        group = clusters.setdefault(c.key, [])
        scored = [(s, cl) for cl in group if (s := cl.admits(c)) is not None]
        if scored:
            # The cluster it is most aligned with, then agrees with most, clashes least.
            best = max(scored, key=lambda p: (p[0][0], p[0][1], -p[0][2]))[1]
            best.claims.append(c)
        else:
            group.append(Cluster([c]))
    return [cl for group in clusters.values() for cl in _explain_clashes(group)]


def _explain_clashes(group: list[Cluster]) -> list[Cluster]:
    """A claim that clashes inside its cluster while its own source also states the other
    members' value elsewhere ("won 40 games and took Detroit to six") is about another
    quantity: it leaves the cluster and stands alone."""
    out = list(group)
    for cl in group:
        for c in list(cl.claims):
            rivals = [m for m in cl.claims if not _compatible(m, c)]
            if rivals and any(d.source == c.source and d is not c and _compatible(d, r)
                              for other in group if other is not cl for d in other.claims
                              for r in rivals):
                cl.claims.remove(c)
                out.append(Cluster([c]))
    return [cl for cl in out if cl.claims]


def _label(cl: Cluster) -> str:
    first = cl.claims[0]
    what = first.number.counts or "figure"
    if first.key.startswith("age:"):
        what = f"age of {first.holder}"
    when = next((c.when for c in cl.claims if c.when), None)
    pred = next((c.number.predicate for c in cl.claims if c.predicate), None)
    holder = next((c.holder for c in cl.claims if c.holder), None)
    label = what + (f" ({pred})" if pred and pred != "age" else "")
    if holder and not first.key.startswith("age:"):
        label = f"{holder}: {label}"
    return label + (f" ({display_interval(*when)})" if when else "")


def _update(fact: Fact, cl: Cluster) -> bool:
    """A tally that only grows with publication time: 'death toll rose from 12 to 15'."""
    if not any(c.predicate in TALLY_PREDICATES for c in cl.claims):
        return False
    dated = sorted(((c.article.published or "", c.interval[0], c) for c in cl.claims),
                   key=lambda t: (t[0], t[1]))
    if any(not d for d, _, _ in dated) or len({d[:10] for d, _, _ in dated}) < 2:
        return False
    by_day: dict[str, list[Claim]] = {}
    for d, _, c in dated:
        by_day.setdefault(d[:10], []).append(c)
    days = sorted(by_day)
    for day in days:  # one day's sources must agree among themselves
        cs = by_day[day]
        if any(not _compatible(x, y) for i, x in enumerate(cs) for y in cs[i + 1:]):
            return False
    for earlier, later in zip(days, days[1:], strict=False):
        if max(c.interval[0] for c in by_day[earlier]) > \
                min(c.interval[1] for c in by_day[later]):
            return False
    first, last = by_day[days[0]][0], by_day[days[-1]][0]
    fact.status = UPDATED
    fact.note = (f"The figure changed over time: {display_number_text(first)} on {days[0]} "
                 f"({first.article.outlet or first.article.id[:8]}), "
                 f"{display_number_text(last)} on {days[-1]} "
                 f"({last.article.outlet or last.article.id[:8]}); later reports update "
                 f"earlier ones, this is not a conflict.")
    return True


def display_number_text(c: Claim) -> str:
    from .ledger_slots import display_number

    return display_number(c.number)


def number_facts(articles: Sequence[Article], keys: dict[str, str]) -> list[Fact]:
    """One fact per quantity; see the module docstring."""
    from .ledger_slots import display_number

    facts = []
    earliest = min((a.published[:10] for a in articles if a.published), default=None)
    for cl in cluster_claims(number_claims(articles, keys)):
        cands = [Candidate(c.interval, display_number(c.number),
                           {"amount": c.number.value, "unit": c.number.unit,
                            "approx": c.number.approx, "counts": c.number.counts,
                            "kind": c.number.kind, "predicate": c.predicate,
                            "holder": c.holder},
                           evidence(c.article, c.number.start, c.number.end), c.source)
                 for c in cl.claims]
        fact = settle(f"number:{cl.claims[0].key}", _label(cl), cands, _overlap,
                      lambda x, y: x != y and y[0] <= x[0] and x[1] <= y[1], what="figure")
        if fact is None:
            continue
        if fact.status == CONFLICTING:
            _update(fact, cl)
        when = next((c.when for c in cl.claims if c.when), None)
        if when and earliest and _days_before(when[1], earliest) > BACKGROUND_DAYS:
            fact.background = True
        facts.append(fact)
    return facts


def _overlap(x: tuple[float, float], y: tuple[float, float]) -> bool:
    return x[0] <= y[1] and y[0] <= x[1]


def _days_before(day: str, ref: str) -> float:
    from datetime import date

    try:
        return (date.fromisoformat(ref) - date.fromisoformat(day)).days
    except ValueError:
        return -math.inf
