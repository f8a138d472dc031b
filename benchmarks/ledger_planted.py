"""Planted conflicts: does the ledger flag a value changed in one article of a story?

    .venv/bin/python benchmarks/ledger_planted.py ../shared/data/basil-dev            # default
    .venv/bin/python benchmarks/ledger_planted.py ../shared/data/basil-dev ../shared/data/ecbplus-dev \
        --seed 12 13 [--restate] [--plants-per-fact 2]

Data: one or more folders, each a basil-dev folder (corpus/, gold.json: its first
``--basil-events`` gold events, default all 50) or ECB+ dev (TOPIC/*.xml: every topic, each
split into its two gold stories as ledger_conflicts.py does). With ECB+ the stories are
loaded as the three judged lists of ledger_conflicts.py, so the cached analyses are shared.
Stories are grouped by gold, so clustering errors stay out.

The unchanged ledger of each story is built first; its conflicts are looked up in the three
judged fixtures of ledger_conflicts.py (genuine / spurious / unjudged) and reported per
story. Then, for every fact the unchanged ledger shows as corroborated (at least two
independent sources state it: a change can only be caught when another source says
otherwise), one article's mention of that value is changed, that article alone is
re-analyzed by the full pipeline, and the ledger is rebuilt:

* a number: multiplied by 2..10 (a seeded random factor), written in digits;
* a date: the month moved by 2..5 months (or the year by 1..3 when no month is named; a
  weekday or relative date is written out as a full date 1..3 months earlier);
* a place: replaced by a capital in another country;
* an announcer: replaced by another person's name.

The default (one seed, 12, and one plant per fact, into the last source's own statement of
the value) is the benchmark of earlier sessions. ``--plants-per-fact K`` plants K times per
fact, into the mentions of different articles first (then again with other draws), and
``--seed`` takes several seeds; a plant identical to an earlier one (same mention, same new
text) is counted once. By default only one mention changes, so an article that restates
the value elsewhere contradicts itself (a source never conflicts with itself: listed);
``--restate`` changes every mention of the value that the unchanged ledger lists under the
fact's slot in that article, as an outlet that reports another figure would. Plants into
one fact are not independent, so the Wilson intervals printed are optimistic; the number
of distinct facts is printed next to them.

A plant is caught when a CONFLICTING fact lists the changed mention as evidence. A missed
plant prints where the changed mention went (its fact's slot and status, or "not in the
ledger") and, when a documented ledger rule lists such values on purpose (ages on undated
pages more than a year apart, dates resolved on a guessed page date, two bounds in the
same direction), that rule; recall is printed with and without those plants. Announcers are a set (several people can announce one event: a seed-story
requirement), so a changed announcer is expected to be listed, not opposed; it is reported
apart, "listed by design". The corpus is read from the data folders and changed only in
memory: nothing is written there.
"""

from __future__ import annotations

import argparse
import copy
import math
import random
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from ledger_conflicts import flag_key, load_fixture  # noqa: E402
from ledger_data import FIXTURES, data_kind, load_lists, load_stories, options  # noqa: E402

from storyline.lexicon import APPROXIMATORS, MONTHS, OPEN  # noqa: E402
from storyline.model import Article  # noqa: E402
from storyline.pipeline import Pipeline  # noqa: E402
from storyline.stories.ledger import build_ledger  # noqa: E402
from storyline.stories.ledger_numbers import AGE_GAP_YEARS  # noqa: E402
from storyline.stories.ledger_slots import Gazetteer  # noqa: E402
from storyline.stories.types import CONFLICTING, CORROBORATED, Evidence, Fact  # noqa: E402

CAPITALS = ["Nairobi", "Lima", "Jakarta", "Oslo", "Canberra", "Hanoi", "Lisbon", "Santiago"]
PEOPLE = ["Harriet Okonkwo", "Tomasz Wielgus", "Marisol Quintero"]
_MONTH_NAMES = [m for m in MONTHS if len(m) > 3 and m != "sept"]
_MONTH_RE = re.compile(r"\b(" + "|".join(_MONTH_NAMES) + r")\b", re.I)
_SCALES = {"hundred", "thousand", "million", "billion", "trillion"}
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
        # "at least two million": the number words end the mention; the amount has the scale
        drop = 2 if len(words) > 1 and words[-1].casefold() in _SCALES else 1
        return " ".join(words[:-drop] + [digits])
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


def _reanalyze(article: Article, spans: list[tuple[int, int]], new: str,
               pipe: Pipeline) -> Article:
    """The article with every span replaced by ``new``, analyzed by the full pipeline."""
    text = article.text
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    changed = Article(id=article.id, text=text,
                      format=article.format, source_path=article.source_path,
                      url=article.url, title=article.title, outlet=article.outlet,
                      author=article.author, published=article.published,
                      published_source=article.published_source, language=article.language,
                      duplicate_of=article.duplicate_of,
                      syndication_group=article.syndication_group)
    out = next(iter(pipe.pipe([changed])))
    out.doc = None
    return out


def _restated(facts: list[Fact], fact: Fact, ev: Evidence) -> list[tuple[int, int]]:
    """With --restate: every mention of the value in the planted article that the unchanged
    ledger lists under the same slot (an article that says "23 pirates" five times says
    the new figure five times; changing one makes the source contradict itself)."""
    value = fact.values[0].value
    spans = {(e.start, e.end) for f in facts if f.slot == fact.slot
             for v in f.values if v.value == value
             for e in v.evidence if e.article_id == ev.article_id and e.text == ev.text}
    return sorted(spans | {(ev.start, ev.end)})


def _landing(ledger_facts: list[Fact], article_id: str, start: int, end: int) -> list[Fact]:
    """The facts that list the changed mention (a span overlap) as evidence."""
    return [f for f in ledger_facts
            if any(e.article_id == article_id and e.start < end and start < e.end
                   for v in f.values for e in v.evidence)]


def _mentions(fact: Fact) -> list[Evidence]:
    """Where to plant, one mention per article: sources' own statements of the value first
    (not a folded broader form), the last source first."""
    value = fact.values[0]
    own = [e for e in reversed(value.evidence) if e.text == value.value]
    rest = [e for e in reversed(value.evidence) if e.text != value.value]
    seen: set[str] = set()
    out = []
    for e in own + rest:
        if e.article_id not in seen:
            seen.add(e.article_id)
            out.append(e)
    return out


def _plants(kind: str, fact: Fact, k: int, rng: random.Random,
            gaz: Gazetteer) -> Iterator[tuple[Evidence, str]]:
    """Up to k (mention, new text) pairs: different articles first, then other draws."""
    mentions = _mentions(fact)
    made: set[tuple[str, int, str]] = set()
    for i in range(k * 3):  # a few extra draws for repeats and failures
        if len(made) >= k:
            return
        ev = mentions[i % len(mentions)]
        new = _replacement(kind, fact, ev, rng, gaz)
        if not new or new == ev.text or (ev.article_id, ev.start, new) in made:
            continue
        made.add((ev.article_id, ev.start, new))
        yield ev, new


def _miss_kind(landed: list[Fact]) -> str:
    """'not in the ledger', else the slot kind and status the changed mention went to."""
    if not landed:
        return "not in the ledger"
    f = landed[0]
    slot = "number:age" if f.slot.startswith("number:age") else f.slot.split(":")[0]
    return f"{slot} {f.status}"


def _one_sided(text: str) -> str | None:
    """'lower' / 'upper' for a figure stated as a one-sided bound ("more than 50")."""
    low = text.casefold()
    word = max((w for w in APPROXIMATORS if low.startswith(w + " ")), key=len, default=None)
    if word is None:
        return None
    lo, hi = APPROXIMATORS[word]
    return "lower" if hi is OPEN else "upper" if lo == 0.0 else None


def _gap(old: str, new: str) -> float | None:
    """Years between two ages as written ("27" and "54"), None when either is no number."""
    try:
        return abs(float(old.replace(",", "")) - float(new.replace(",", "")))
    except ValueError:
        return None


def design_rule(kind: str, old: str, new: str, landed: list[Fact],
                article: Article) -> str | None:
    """The documented ledger rule that lists (never opposes) a missed plant, if any."""
    f = landed[0] if landed else None
    gap = _gap(old, new)
    if kind == "number" and f and f.slot.startswith("number:age") and not article.published \
            and gap is not None and 1 < gap <= AGE_GAP_YEARS:
        return f"ages on undated pages 2-{AGE_GAP_YEARS} years apart"
    if kind == "date" and f and f.slot.startswith("event_date") and any(
            v.normalized.get("guessed") for v in f.values):
        return "dates resolved on a guessed page date"
    if kind == "number" and (side := _one_sided(old)) and side == _one_sided(new):
        return "two bounds in the same direction"
    return None


def wilson(hits: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval of a proportion."""
    if not n:
        return 0.0, 1.0
    p = hits / n
    d = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / d
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return max(0.0, centre - half), min(1.0, centre + half)


def _row(label: str, hits: int, n: int, facts: int) -> str:
    lo, hi = wilson(hits, n)
    rate = f"{hits / n:.3f}" if n else "  -  "
    return (f"  {label:<30} n {n:>4}  caught {hits:>4}  recall {rate}  "
            f"95% CI {lo:.3f}-{hi:.3f}  ({facts} facts)")


def _stories(args: argparse.Namespace) -> dict[str, list[Article]]:
    kinds = {data_kind(p): p for p in args.data}
    args.basil, args.ecbplus = kinds.get("basil"), kinds.get("ecbplus")
    if args.ecbplus:  # every ECB+ topic: the three judged lists (shared cache)
        stories = load_lists(args)
        if args.basil and args.basil_events != 50:
            stories = {s: a for s, a in stories.items() if not s.startswith("basil:")}
            stories |= load_stories(argparse.Namespace(**{**vars(args), "ecbplus": None}))
        return stories
    return load_stories(args)


def _unchanged_flags(stories: dict[str, list[Article]]) -> Counter[str]:
    judged: dict[str, dict[str, str]] = {}
    for path in FIXTURES:
        judged |= load_fixture(path)
    verdicts: Counter[str] = Counter()
    for sid in sorted(stories):
        for fact in build_ledger(stories[sid], sid).by_status(CONFLICTING):
            row = judged.get(flag_key(sid, fact))
            verdicts[row["verdict"] if row else "unjudged"] += 1
    return verdicts


def _plant_once(arts: list[Article], sid: str, base: list[Fact], fact: Fact, ev: Evidence,
                new: str, pipe: Pipeline, restate: bool) -> list[Fact]:
    """Change the mention (with ``restate``, every mention of the value in its article),
    re-analyze that article, rebuild the ledger: the facts listing the changed mention."""
    target = next(a for a in arts if a.id == ev.article_id)
    spans = _restated(base, fact, ev) if restate else [(ev.start, ev.end)]
    changed = _reanalyze(target, spans, new, pipe)
    story = [changed if a.id == target.id else copy.copy(a) for a in arts]
    # where the planted mention starts once earlier spans are replaced
    at = ev.start + sum(len(new) - (e - s) for s, e in spans if e <= ev.start)
    return _landing(build_ledger(story, sid).facts, target.id, at, at + len(new))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", type=Path, nargs="+",
                    help="basil-dev and/or ecbplus-dev folders (layout detected)")
    ap.add_argument("--basil-events", type=int, default=50, help="first N basil gold events")
    ap.add_argument("--basil-from", type=int, default=0)
    ap.add_argument("--ecb-topics", type=int, default=0, help=argparse.SUPPRESS)
    ap.add_argument("--ecb-from", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/storyline-ledger-bench"))
    ap.add_argument("--seed", type=int, nargs="+", default=[12], help="one or more seeds")
    ap.add_argument("--plants-per-fact", type=int, default=1, metavar="K")
    ap.add_argument("--restate", action="store_true",
                    help="change every mention of the value in the planted article that the "
                         "unchanged ledger lists under the fact's slot, not only one")
    args = ap.parse_args()
    stories = _stories(args)
    pipe = Pipeline(options().analysis.stages, options())
    gaz = Gazetteer()
    planted: Counter[tuple[str, str]] = Counter()  # (corpus, kind) -> plants
    caught: Counter[tuple[str, str]] = Counter()
    facts: dict[str, set[tuple[str, int]]] = {}  # kind -> distinct planted facts
    done: set[tuple[str, int, str]] = set()
    misses: Counter[tuple[str, str]] = Counter()  # (kind, where the mention went)
    by_design: Counter[tuple[str, str]] = Counter()  # missed, listed by a documented rule
    bases = {sid: build_ledger(arts, sid) for sid, arts in sorted(stories.items())}
    for seed in args.seed:
        rng = random.Random(seed)
        for sid, base in bases.items():
            arts = stories[sid]
            for i, fact in enumerate(base.facts):
                kind = _kind(fact)
                if kind is None or fact.status != CORROBORATED:
                    continue
                for ev, new in _plants(kind, fact, args.plants_per_fact, rng, gaz):
                    if (ev.article_id, ev.start, new) in done:
                        continue  # the same plant from another seed
                    done.add((ev.article_id, ev.start, new))
                    target = next(a for a in arts if a.id == ev.article_id)
                    landed = _plant_once(arts, sid, base.facts, fact, ev, new, pipe,
                                         args.restate)
                    hit = any(f.status == CONFLICTING for f in landed)
                    corpus = sid.split(":")[0]
                    planted[corpus, kind] += 1
                    caught[corpus, kind] += hit
                    facts.setdefault(kind, set()).add((sid, i))
                    rule = None if hit else design_rule(kind, ev.text, new, landed, target)
                    if not hit:
                        misses[kind, _miss_kind(landed)] += 1
                        by_design[corpus, kind] += rule is not None
                    where = "" if hit else "  -> " + (", ".join(
                        f"{f.slot} {f.status}" for f in landed) or "not in the ledger") + (
                        f"  [listed by design: {rule}]" if rule else "")
                    print(f"{'CAUGHT' if hit else 'missed'}  {sid}  {kind:<9} "
                          f"{ev.text!r} -> {new!r}{where}")
    _report(args, stories, planted, caught, facts)
    core = [k for k in planted if k[1] != "announcer"]
    listed = sum(by_design[k] for k in core)
    n = sum(planted[k] for k in core) - listed
    print(f"missed plants that a documented rule lists (ages on undated pages, guessed page "
          f"dates, same-direction bounds): {listed}; without them:")
    print(_row("pooled, rule-listed left out", sum(caught[k] for k in core), n,
               sum(len(v) for k_, v in facts.items() if k_ != "announcer")))
    print("missed plants by where the changed mention went:")
    for (kind, where), n in sorted(misses.items()):
        print(f"  {kind:<9} {where:<40} {n:>4}")


def _report(args: argparse.Namespace, stories: dict[str, list[Article]],
            planted: Counter[tuple[str, str]], caught: Counter[tuple[str, str]],
            facts: dict[str, set[tuple[str, int]]]) -> None:
    n_stories = len(stories)
    print(f"\ndata: {' + '.join(str(p) for p in args.data)} ({n_stories} stories, "
          f"{sum(len(v) for v in stories.values())} articles); seeds "
          f"{' '.join(map(str, args.seed))}; plants per fact {args.plants_per_fact}"
          f"{'; restated in the whole article' if args.restate else ''}")

    def total(kinds: set[str], corpus: str | None = None) -> tuple[int, int, int]:
        keys = [k for k in planted if k[1] in kinds and corpus in (None, k[0])]
        return (sum(caught[k] for k in keys), sum(planted[k] for k in keys),
                sum(len(facts.get(k_, ())) for k_ in kinds))

    for kind in ("number", "date", "place"):
        print(_row(kind, *total({kind})))
    core = {"number", "date", "place"}
    for corpus in sorted({k[0] for k in planted}):
        hits, n, _ = total(core, corpus)
        print(_row(f"{corpus}: numbers+dates+places", hits, n,
                   len({f for k in core for f in facts.get(k, ()) if f[0].startswith(corpus)})))
    hits, n, nf = total(core)
    print("planted recall (numbers, dates, places):")
    print(_row("pooled", hits, n, nf))
    print("announcers (a set by design: a changed announcer is listed, not opposed):")
    print(_row("announcer, listed by design", *total({"announcer"})))
    verdicts = _unchanged_flags(stories)
    flags = sum(verdicts.values())
    print(f"conflicts on the unchanged corpus: {flags} in {n_stories} stories "
          f"({flags / n_stories:.2f} per story); judged in the ledger_conflicts fixtures: "
          f"{verdicts['genuine']} genuine, {verdicts['spurious']} spurious, "
          f"{verdicts['unjudged']} unjudged")
    false = verdicts["spurious"] + verdicts["unjudged"]
    print(f"false flags on the unchanged corpus (spurious or unjudged): {false} in "
          f"{n_stories} stories ({false / n_stories:.2f} per story)")


if __name__ == "__main__":
    main()
