"""Judged conflicts: precision of the ledger's CONFLICTING facts on fixed real stories.

    .venv/bin/python benchmarks/ledger_conflicts.py ../shared/data/basil-dev \
        ../shared/data/ecbplus-dev [--fixture benchmarks/fixtures/judged_conflicts.jsonl]

The stories are fixed by a rule (``ledger_data``: the first 25 basil-dev gold events by
sorted id, ECB+ topics 1-8 split into their two gold stories). Every conflict the ledger
flags on them is looked up in the fixture, where a person judged it genuine or spurious with
a one-line reason (ids and short values only, no article text). A flag is identified by
story, slot and its sorted value strings. Flags not in the fixture are printed as UNJUDGED
(``--dump`` prints them as fixture lines to judge); precision counts judged flags only.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from ledger_data import add_arguments, load_stories  # noqa: E402

from storyline.stories.ledger import build_ledger  # noqa: E402
from storyline.stories.types import CONFLICTING, Fact  # noqa: E402

FIXTURE = Path(__file__).parent / "fixtures" / "judged_conflicts.jsonl"


def flag_key(story: str, fact: Fact) -> str:
    return f"{story}|{fact.slot}|" + " / ".join(sorted(v.value for v in fact.values))


def load_fixture(path: Path) -> dict[str, dict[str, str]]:
    if not path.exists():
        return {}
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return {r["key"]: r for r in rows}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_arguments(ap)
    ap.add_argument("--fixture", type=Path, default=FIXTURE)
    ap.add_argument("--dump", action="store_true", help="print unjudged flags as JSON lines")
    args = ap.parse_args()
    judged = load_fixture(args.fixture)
    stories = load_stories(args)
    genuine = spurious = 0
    unjudged: list[dict[str, object]] = []
    for sid in sorted(stories):
        ledger = build_ledger(stories[sid], sid)
        for fact in ledger.facts:
            if fact.status != CONFLICTING:
                continue
            key = flag_key(sid, fact)
            row = judged.get(key)
            if row is None:
                unjudged.append({"key": key, "verdict": "?", "reason": "",
                                 "evidence": [[e.sentence[:160] for e in v.evidence[:2]]
                                              for v in fact.values]})
                continue
            genuine += row["verdict"] == "genuine"
            spurious += row["verdict"] == "spurious"
            print(f"{row['verdict']:<9} {key}  ({row['reason']})")
    for row in unjudged:
        print(f"UNJUDGED  {row['key']}")
        if args.dump:
            print(json.dumps(row, ensure_ascii=False), file=sys.stderr)
    flagged = genuine + spurious
    print(f"\ndata: {args.basil} + {args.ecbplus}; stories: {len(stories)}, "
          f"articles: {sum(len(v) for v in stories.values())}")
    print(f"fixture: {args.fixture} ({len(judged)} judged flags, "
          f"{sum(r['verdict'] == 'genuine' for r in judged.values())} genuine)")
    print(f"flags now: {flagged + len(unjudged)} (judged {flagged}, unjudged {len(unjudged)})")
    if flagged:
        print(f"conflict precision (judged flags now): {genuine}/{flagged} = "
              f"{genuine / flagged:.3f}")


if __name__ == "__main__":
    main()
