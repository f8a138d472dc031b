"""The ledger's "When": one date fact per sub-event of the main event.

A date in the trigger's own line dates the event; relative dates need an anchor (the
publication date, or a document date inferred from the text, marked "inferred"). A source
that dates one kind of event on two disjoint days reports two occurrences (listed). A date
resolved wholly against a guessed page date ("Saturday", "last week", a bare year) is
listed, never opposed; a stated month survives the guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ..lexicon import MONTHS
from ..model import Article, Event
from .ledger_align import Candidate, evidence, settle
from .ledger_slots import Gazetteer, contains, display_interval, overlaps, timex_interval
from .types import CONFLICTING, Fact

if TYPE_CHECKING:
    from .ledger import Instance, MainEvent

_DEICTIC = re.compile(r"(?:right )?now|currently|at present|at the moment|these days", re.I)
_ABSOLUTE = re.compile(r"\b(1[89]|20)\d\d\b")  # a date that names its year
_MONTH = re.compile(r"\b(?:" + "|".join(MONTHS) + r")\b", re.I)  # a date that names its month


def trigger_span(article: Article, ev: Event) -> tuple[int, int]:
    pos = article.text.find(ev.trigger, ev.start, ev.end)
    return (pos, pos + len(ev.trigger)) if pos >= 0 else (ev.start, ev.end)


def _dates_event(inst: Instance) -> bool:
    """The date is in the trigger's own line: a dateline or headline date on another line
    of the same 'sentence' dates the page, not the event."""
    tx, ev = inst.event.time, inst.event
    if tx is None or _DEICTIC.fullmatch(tx.text.strip()):
        return False  # "She's in rehab right now": the page's date, not the event's
    if tx.anchor != "inferred" and not inst.article.published and not _ABSOLUTE.search(tx.text):
        return False  # "last week" in an undated article has no anchor (unless one was
        # inferred from the text; such values are marked "inferred")
    trig = trigger_span(inst.article, ev)[0]
    lo, hi = sorted((tx.start, trig))
    return "\n" not in inst.article.text[lo:hi]


def date_facts(main: MainEvent, keys: dict[str, str], articles: Sequence[Article],
                gaz: Gazetteer, label: str) -> list[Fact]:
    """One date per sub-event: a shooting, the vigil that night and the sentencing months
    later are different events, each with its own 'When'."""
    by_type: dict[str, list[Candidate]] = {}
    for inst in main.instances:
        tx = inst.event.time
        iv = timex_interval(tx) if tx else None
        if tx is None or iv is None or not _dates_event(inst):
            continue
        ev = evidence(inst.article, tx.start, tx.end)
        inferred = tx.anchor == "inferred"  # resolved against an inferred document date
        # What the text states survives a guessed page date: a month name keeps its month;
        # "Saturday", "today", "last week" or a bare year depend wholly on the guess.
        guessed = inferred and not _MONTH.search(tx.text)
        by_type.setdefault(inst.event.type, []).append(Candidate(
            iv, display_interval(*iv) + (" (inferred)" if inferred else ""),
            {"value": tx.value, "mod": tx.mod, "begin": iv[0], "finish": iv[1],
             "inferred": inferred, "guessed": guessed, "sub_event": inst.event.type},
            ev, keys[inst.article.id]))
    facts = []
    ranked = sorted(by_type.items(), key=lambda kv: -len({c.source for c in kv[1]}))
    for n, (sub, cands) in enumerate(ranked):
        sub_label = label if n == 0 else f"{label} ({sub})"
        slot = "event_date" if n == 0 else f"event_date:{sub}"
        repeated = _repeated_event(cands)
        guessed_keys = _guessed_only(cands)
        compat = _date_compat(repeated, guessed_keys)
        fact = settle(slot, sub_label, cands, compat,
                      lambda a, b: a != b and contains(b, a), what="date", agree=overlaps)
        if fact is None:
            continue
        if repeated:
            fact.note = (fact.note or "") + (
                " One source itself gives disjoint dates for this kind of event: it happened "
                "more than once (two meetings), so the dates are listed, not opposed.")
        if guessed_keys:
            fact.note = (fact.note or "") + (
                " Some dates (weekdays, 'last week', bare years) were resolved against a "
                "document date guessed from the text of an undated page: those are listed, "
                "never opposed.")
        if fact.status == CONFLICTING:
            fact.note = (fact.note or "") + _related_note(main, fact, articles, gaz)
        facts.append(fact)
    return facts


def _date_compat(repeated: bool, guessed: set[tuple[str, str]]) -> Callable[[Any, Any], bool]:
    """Dates of a repeated event are listed; a wholly guessed date opposes nothing."""
    def compat(a: Any, b: Any) -> bool:
        return repeated or overlaps(a, b) or a in guessed or b in guessed
    return compat


def _guessed_only(cands: Sequence[Candidate]) -> set[tuple[str, str]]:
    """Date values that only come from dates resolved wholly against an inferred document
    date ("Monday", "last week" on an undated page): the anchor is a guess that can be
    days or years off, so such a value can neither contradict nor be contradicted. A
    stated month ("the end of August", guessed year) still counts."""
    firm = {c.key for c in cands if not c.normalized.get("guessed")}
    return {c.key for c in cands if c.normalized.get("guessed") and c.key not in firm}


def _repeated_event(cands: Sequence[Candidate]) -> bool:
    """A source that dates one kind of event on two disjoint days reports two occurrences
    (Sunday's meeting and Thursday's): the same rule as 'a source never conflicts with
    itself'."""
    by_source: dict[str, list[tuple[str, str]]] = {}
    for c in cands:
        by_source.setdefault(c.source, []).append(c.key)
    return any(not overlaps(x, y) for ivs in by_source.values()
               for i, x in enumerate(ivs) for y in ivs[i + 1:])


def _related_note(main: MainEvent, fact: Fact, articles: Sequence[Article],
                  gaz: Gazetteer) -> str:
    """Other planned events at the same place inside a disputed window (a hint, not a verdict)."""
    used = {id(i.event) for i in main.instances}
    what = "trip" if main.family == "visit" else "event"
    notes = []
    seen: set[tuple[str, int]] = set()
    for a in articles:
        for ev in a.events:
            if id(ev) in used or not ev.planned or ev.time is None or not ev.place:
                continue
            if (a.id, ev.start) in seen:
                continue
            seen.add((a.id, ev.start))
            iv = timex_interval(ev.time)
            if iv is None or (main.country and gaz.country_of(ev.place) != main.country):
                continue
            for fv in fact.values:
                window = (fv.normalized["begin"], fv.normalized["finish"])
                if overlaps(iv, window):
                    notes.append(f" {a.outlet or a.id[:8]} also reports a {ev.type} "
                                 f"('{ev.trigger}') in {ev.place} on {display_interval(*iv)}, "
                                 f"inside the {fv.value} window; the {what} may be tied to "
                                 f"it.")
                    break
    return "".join(dict.fromkeys(notes))
