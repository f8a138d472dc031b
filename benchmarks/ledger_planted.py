"""Planted conflicts: does the ledger flag a value changed in one article of a story?

    .venv/bin/python benchmarks/ledger_planted.py ../shared/data/basil-dev [--basil-events 50]

For each basil-dev story (gold events in sorted id order, so clustering errors stay out) the
unchanged ledger is built first; its conflicts are the false flags per story (basil
stories rarely hold real disagreements; see ledger_conflicts.py for judged precision).
Then, for every fact the unchanged ledger shows as corroborated (at least two independent
sources state it: a change can only be caught when another source says otherwise), one
article's mention of that value is changed, that article alone is re-analyzed by the full
pipeline, and the ledger is rebuilt:

* a number: multiplied by 2..10 (a seeded random factor), written in digits;
* a date: the month moved by 2..5 months (or the year by 1..3 when no month is named; a
  weekday or relative date is written out as a full date 1..3 months earlier);
* a place: replaced by a capital in another country;
* an announcer: replaced by another person's name.

A plant is caught when a CONFLICTING fact lists the changed mention as evidence. Announcers
are a set (several people can announce one event: a seed-story requirement), so a changed
announcer is expected to be listed, not opposed; its recall is printed apart. The corpus is
read from the data folder and changed only in memory: nothing is written there.
"""

from __future__ import annotations

import argparse
import copy
import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from ledger_data import add_arguments, load_stories, options  # noqa: E402

from storyline.lexicon import MONTHS  # noqa: E402
from storyline.model import Article  # noqa: E402
from storyline.pipeline import Pipeline  # noqa: E402
from storyline.stories.ledger import build_ledger  # noqa: E402
from storyline.stories.ledger_slots import Gazetteer  # noqa: E402
from storyline.stories.types import CONFLICTING, CORROBORATED, Evidence, Fact  # noqa: E402

CAPITALS = ["Nairobi", "Lima", "Jakarta", "Oslo", "Canberra", "Hanoi", "Lisbon", "Santiago"]
PEOPLE = ["Harriet Okonkwo", "Tomasz Wielgus", "Marisol Quintero"]
_MONTH_NAMES = [m for m in MONTHS if len(m) > 3 and m != "sept"]
_MONTH_RE = re.compile(r"\b(" + "|".join(_MONTH_NAMES) + r")\b", re.I)
_YEAR_RE = re.compile(r"\b(19|20)\d\d\b")


def _kind(fact: Fact) -> str | None:
    if fact.slot.startswith("number:"):
        return "number"
    if fact.slot.startswith("event_date"):
        return "date"
    if fact.slot in ("place", "announcer"):
        return fact.slot
    return None


def _new_number(ev: Evidence, value: float, rng: random.Random) -> str | None:
    m = re.search(r"\d[\d,]*(?:\.\d+)?", ev.text)
    factor = rng.randint(2, 10)
    if m is None:  # a number word ("three"): the value in digits
        new = value * factor
        digits = f"{new:,.0f}" if new == int(new) else f"{new:,.1f}"
        words = ev.text.split()
        return " ".join(words[:-1] + [digits]) if len(words) > 1 else digits
    shown = float(m[0].replace(",", "")) * factor  # "1.5 million" -> "7.5 million"
    digits = f"{shown:,.0f}" if shown == int(shown) else f"{shown:,.1f}"
    return ev.text[:m.start()] + digits + ev.text[m.end():]


def _new_date(ev: Evidence, begin: str, rng: random.Random) -> str | None:
    m = _MONTH_RE.search(ev.text)
    if m is None and not _YEAR_RE.search(ev.text):
        # "Monday", "last week": written out as a full date 1..3 months earlier.
        year, month, day = (int(x) for x in begin.split("-"))
        month -= rng.randint(1, 3)
        if month < 1:
            year, month = year - 1, month + 12
        return f"{_MONTH_NAMES_FULL[month - 1]} {min(day, 28)}, {year}"
    if m:
        month = MONTHS[m[1].casefold()]
        shifted = (month - 1 + rng.randint(2, 5)) % 12
        name = _MONTH_NAMES_FULL[shifted]
        return ev.text[:m.start()] + name + ev.text[m.end():]
    y = _YEAR_RE.search(ev.text)
    if y:
        return ev.text[:y.start()] + str(int(y[0]) - rng.randint(1, 3)) + ev.text[y.end():]
    return None


_MONTH_NAMES_FULL = ["January", "February", "March", "April", "May", "June", "July", "August",
                     "September", "October", "November", "December"]


def _replacement(kind: str, fact: Fact, ev: Evidence, rng: random.Random,
                 gaz: Gazetteer) -> str | None:
    if kind == "number":
        return _new_number(ev, float(fact.values[0].normalized.get("amount") or 0), rng)
    if kind == "date":
        return _new_date(ev, str(fact.values[0].normalized.get("begin")), rng)
    if kind == "place":
        here = gaz.country_of(ev.text)
        options_ = [c for c in CAPITALS if gaz.country_of(c) != here]
        return rng.choice(options_)
    return rng.choice([p for p in PEOPLE if p != ev.text])


def _reanalyze(article: Article, start: int, end: int, new: str, pipe: Pipeline) -> Article:
    changed = Article(id=article.id, text=article.text[:start] + new + article.text[end:],
                      format=article.format, source_path=article.source_path,
                      url=article.url, title=article.title, outlet=article.outlet,
                      author=article.author, published=article.published,
                      published_source=article.published_source, language=article.language,
                      duplicate_of=article.duplicate_of,
                      syndication_group=article.syndication_group)
    out = next(iter(pipe.pipe([changed])))
    out.doc = None
    return out


def _caught(ledger_facts: list[Fact], article_id: str, start: int, end: int) -> bool:
    for f in ledger_facts:
        if f.status != CONFLICTING:
            continue
        for v in f.values:
            if any(e.article_id == article_id and e.start < end and start < e.end
                   for e in v.evidence):
                return True
    return False


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_arguments(ap)
    ap.add_argument("--seed", type=int, default=12)
    ap.set_defaults(basil_events=50)
    args = ap.parse_args()
    args.ecbplus = None
    rng = random.Random(args.seed)
    stories = load_stories(args)
    pipe = Pipeline(options().analysis.stages, options())
    gaz = Gazetteer()
    planted: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    false_flags = 0
    for sid in sorted(stories):
        arts = stories[sid]
        base = build_ledger(arts, sid)
        false_flags += len(base.by_status(CONFLICTING))
        for fact in base.facts:
            kind = _kind(fact)
            if kind is None or fact.status != CORROBORATED:
                continue
            value = fact.values[0]
            # The last source's own statement of the value (not a folded broader form).
            ev = next((e for e in reversed(value.evidence) if e.text == value.value),
                      value.evidence[-1])
            new = _replacement(kind, fact, ev, rng, gaz)
            if not new or new == ev.text:
                continue
            target = next(a for a in arts if a.id == ev.article_id)
            changed = _reanalyze(target, ev.start, ev.end, new, pipe)
            story = [changed if a.id == target.id else copy.copy(a) for a in arts]
            ledger = build_ledger(story, sid)
            hit = _caught(ledger.facts, target.id, ev.start, ev.start + len(new))
            planted[kind] += 1
            caught[kind] += hit
            print(f"{'CAUGHT' if hit else 'missed'}  {sid}  {kind:<9} {ev.text!r} -> {new!r}")
    n_stories = len(stories)
    print(f"\ndata: {args.basil} ({n_stories} stories, "
          f"{sum(len(v) for v in stories.values())} articles), seed {args.seed}")
    for kind in sorted(planted):
        print(f"  {kind:<9} planted {planted[kind]:>3}  caught {caught[kind]:>3}  "
              f"recall {caught[kind] / planted[kind]:.3f}")
    core = [k for k in planted if k != "announcer"]
    p, c = sum(planted[k] for k in core), sum(caught[k] for k in core)
    if p:
        print(f"planted recall (numbers, dates, places): {c}/{p} = {c / p:.3f}")
    allp, allc = sum(planted.values()), sum(caught.values())
    if allp:
        print(f"planted recall (all, announcers included): {allc}/{allp} = {allc / allp:.3f}")
    print(f"false flags on the unchanged corpus: {false_flags} in {n_stories} stories "
          f"({false_flags / n_stories:.2f} per story)")


if __name__ == "__main__":
    main()
