"""Recall audit: what a loose matcher would compare across outlets that the ledger does not flag.

    .venv/bin/python benchmarks/ledger_audit.py ../shared/data/basil-dev \
        ../shared/data/ecbplus-dev [--fixture benchmarks/fixtures/ledger_audit.jsonl] [--show]

Per gold story (the union of the three story lists of ``ledger_conflicts.py``: all 50
basil-dev events and all ECB+ dev topics), every cross-source pair of values a loose matcher would
consider is listed when the ledger does not flag it:

* figures with the same counted head noun (the ledger's quantity key) whose values do not
  overlap, and ages of the same surname, whatever the predicate, holder, modifiers or time
  (a per-player statistic, "points", "yards", only for one known player on both sides);
* dates of the same sub-event type of the main event's mentions that do not overlap (a
  date resolved wholly against a page date guessed from the text states nothing);
* places of the main event's family (any actor or place) that the gazetteer does not
  relate (no containment or metro area);
* different people (not name variants) given one specific role ("Chargers general
  manager") by different sources.

Pairs are grouped per story, slot and value pair (one pair of sentences is shown with
``--show``; they are never written to the repository). Each group is looked up in a
committed fixture where a person judged it ``genuine`` (the two outlets disagree about one
thing; a ``disagreement`` id groups the value pairs of one disagreement) or ``not
comparable`` with a one-line reason (ids, short values and the reason only). The script prints how many genuine disagreements the data hold, how many of them
the ledger flags (a recall estimate on natural data) and the unjudged groups.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from ledger_data import add_arguments, load_lists  # noqa: E402

from storyline.model import Article, Timex  # noqa: E402
from storyline.stories.ledger import (  # noqa: E402
    FAMILY,
    _role_key,
    build_ledger,
    find_main_event,
)
from storyline.stories.ledger_align import source_keys  # noqa: E402
from storyline.stories.ledger_dates import _MONTH  # noqa: E402
from storyline.stories.ledger_names import same_person  # noqa: E402
from storyline.stories.ledger_numbers import is_stat, number_claims  # noqa: E402
from storyline.stories.ledger_slots import (  # noqa: E402
    Gazetteer,
    canonical_place,
    display_interval,
    display_number,
    learn_places,
    overlaps,
    timex_interval,
)
from storyline.stories.types import CONFLICTING  # noqa: E402

FIXTURE = Path(__file__).parent / "fixtures" / "ledger_audit.jsonl"
# One mention: (article id, start offset), its shown value and its sentence.
Mention = tuple[str, int, str, str]


def _sentence(a: Article, pos: int) -> str:
    s, e = a.sentence_at(pos)
    return " ".join(a.text[s:e].split())[:240]


def _number_pairs(articles: list[Article], keys: dict[str, str]) -> Iterator[
        tuple[str, Mention, Mention]]:
    claims = number_claims(articles, keys)
    for i, x in enumerate(claims):
        for y in claims[i + 1:]:
            if x.key != y.key or x.source == y.source:
                continue
            if is_stat(x.key) and not (x.holder and y.holder and same_person(x.holder, y.holder)):
                continue  # a match report's points of different players: never one figure
            if x.interval[0] <= y.interval[1] and y.interval[0] <= x.interval[1]:
                continue
            yield (f"number:{x.key}",
                   (x.article.id, x.number.start, display_number(x.number),
                    _sentence(x.article, x.number.start)),
                   (y.article.id, y.number.start, display_number(y.number),
                    _sentence(y.article, y.number.start)))


def _event_pairs(articles: list[Article], keys: dict[str, str]) -> Iterator[
        tuple[str, Mention, Mention]]:
    gaz = Gazetteer(learn_places(articles))
    main = find_main_event(articles, keys, gaz)
    if main is None:
        return
    dates: list[tuple[str, str, tuple[str, str], Mention]] = []
    places: list[tuple[str, str, Mention]] = []
    instances = {id(i.event) for i in main.instances}
    for a in articles:
        for ev in a.events:
            if FAMILY.get(ev.type) != main.family:
                continue
            if ev.time is not None and id(ev) in instances and not _guessed(ev.time) \
                    and (iv := timex_interval(ev.time)) is not None:
                dates.append((keys[a.id], ev.type, iv, (a.id, ev.time.start,
                              display_interval(*iv), _sentence(a, ev.start))))
            if ev.place:
                pos = a.text.find(ev.place, ev.start, ev.end)
                places.append((keys[a.id], canonical_place(ev.place),
                               (a.id, pos if pos >= 0 else ev.start,
                                canonical_place(ev.place), _sentence(a, ev.start))))
    for i, (sx, tx, ix, mx) in enumerate(dates):
        for sy, ty, iy, my in dates[i + 1:]:
            if sx != sy and tx == ty and not overlaps(ix, iy):
                yield "event_date:" + tx, mx, my
    for i, (sx, px, mx) in enumerate(places):
        for sy, py, my in places[i + 1:]:
            if sx != sy and px != py and not gaz.compatible(px, py):
                yield "place", mx, my


def _role_pairs(articles: list[Article], keys: dict[str, str]) -> Iterator[
        tuple[str, Mention, Mention]]:
    """Different people given one specific role by different sources."""
    holders: dict[str, list[tuple[str, Mention]]] = {}
    for a in articles:
        for e in a.entities:
            role = _role_key(e.role or "") if e.label == "PERSON" else None
            if role:
                holders.setdefault(role, []).append((keys[a.id], (
                    a.id, e.start, e.canonical, _sentence(a, e.start))))
    for role, hs in holders.items():
        for i, (sx, mx) in enumerate(hs):
            for sy, my in hs[i + 1:]:
                if sx != sy and not same_person(mx[2], my[2]):
                    yield f"role:{role}", mx, my


def _guessed(tx: Timex) -> bool:
    """A date resolved wholly against a page date guessed from the text states nothing."""
    return tx.anchor == "inferred" and not _MONTH.search(tx.text)


def _flagged(articles: list[Article], story: str) -> dict[tuple[str, int], set[int]]:
    """Mention (article, offset) -> the CONFLICTING facts (by position) listing it."""
    out: dict[tuple[str, int], set[int]] = {}
    for i, fact in enumerate(build_ledger(articles, story).facts):
        if fact.status == CONFLICTING:
            for v in fact.values:
                for e in v.evidence:
                    out.setdefault((e.article_id, e.start), set()).add(i)
    return out


def audit(stories: dict[str, list[Article]]) -> dict[str, dict[str, object]]:
    """group key -> {flagged: any pair of the group flagged, example: one pair, pairs: n}."""
    groups: dict[str, dict[str, object]] = {}
    for sid in sorted(stories):
        arts = [a for a in stories[sid] if a.text]
        keys = source_keys(arts)
        flagged = _flagged(arts, sid)
        pairs = (list(_number_pairs(arts, keys)) + list(_event_pairs(arts, keys))
                 + list(_role_pairs(arts, keys)))
        for slot, mx, my in pairs:
            mx, my = sorted((mx, my), key=lambda m: m[2])
            key = f"{sid}|{slot}|{mx[2]} / {my[2]}"
            hit = bool(flagged.get((mx[0], mx[1]), set()) & flagged.get((my[0], my[1]), set()))
            g = groups.setdefault(key, {"flagged": False, "pairs": 0, "example": (mx, my)})
            g["flagged"] = bool(g["flagged"]) or hit
            g["pairs"] = int(str(g["pairs"])) + 1
    return groups


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_arguments(ap)
    ap.add_argument("--fixture", type=Path, default=FIXTURE)
    ap.add_argument("--show", action="store_true", help="print both sentences of each group")
    ap.add_argument("--dump", action="store_true", help="print unjudged groups as JSON lines")
    args = ap.parse_args()
    judged = {}
    if args.fixture.exists():
        for line in args.fixture.read_text("utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                judged[row["key"]] = row
    stories = load_lists(args)  # the three judged lists (cached analyses)
    groups = audit(stories)
    counts = {"genuine": [0, 0], "not comparable": [0, 0], "unjudged": [0, 0]}
    for key, g in sorted(groups.items()):
        row = judged.get(key)
        verdict = row["verdict"] if row else "unjudged"
        counts[verdict][0] += 1
        counts[verdict][1] += bool(g["flagged"])
        mark = "FLAGGED" if g["flagged"] else "missed "
        print(f"{verdict:<15} {mark} {key}" + (f"  ({row['reason']})" if row else ""))
        if args.show:
            for m in g["example"]:  # type: ignore[union-attr]
                print(f"      [{m[0][:8]}] {m[3]}")
        if args.dump and row is None:
            print(json.dumps({"key": key, "verdict": "?", "reason": ""}), file=sys.stderr)
    print(f"\ndata: {args.basil} + {args.ecbplus}; stories: {len(stories)}, "
          f"articles: {sum(len(v) for v in stories.values())}")
    print(f"fixture: {args.fixture} ({len(judged)} judged groups)")
    print(f"loose cross-source pairs (groups of story, slot, values): {len(groups)}")
    for verdict, (n, hit) in counts.items():
        print(f"  {verdict}: {n} groups, {hit} flagged by the ledger")
    g, hit = counts["genuine"]
    if g:
        print(f"recall of the ledger on the genuine value pairs: {hit}/{g} = {hit / g:.3f}")
    # One disagreement can show as several value pairs ("10 / three", "Ten / three").
    found: dict[str, bool] = {}
    for key, g_ in groups.items():
        row = judged.get(key)
        if row and row["verdict"] == "genuine":
            d = row.get("disagreement", key)
            found[d] = found.get(d, False) or bool(g_["flagged"])
    if found:
        print(f"distinct genuine disagreements: {len(found)}, flagged by the ledger: "
              f"{sum(found.values())} (recall {sum(found.values()) / len(found):.3f})")
        print("  missed: " + ", ".join(sorted(d for d, hit_ in found.items() if not hit_)))


if __name__ == "__main__":
    main()
