"""Accuracy gate for duplicate and syndication links on a small hand-written gold set.

tests/fixtures/ingest/dedup_gold.json: two wire stories with a re-scrape, reprints with a
local intro, house-style edits, a trimmed copy; an independent rewrite of the same event
(must not be linked) and an unrelated story. Ingested in the given order.
"""

from __future__ import annotations

import json
from pathlib import Path

from storyline import Storyline

GOLD = json.loads((Path(__file__).parent / "fixtures" / "ingest" / "dedup_gold.json")
                  .read_text("utf-8"))


def test_links_match_gold(app: Storyline, tmp_path: Path) -> None:
    for i, name in enumerate(GOLD["order"]):
        (tmp_path / f"{i:02d}_{name}.txt").write_text(GOLD["articles"][name], encoding="utf-8")
    report = app.ingest([tmp_path], progress=False)
    assert report.ingested == len(GOLD["order"])
    rows = {Path(r["source_path"]).stem[3:]: r for r in app.articles(limit=100)}
    ids = {name: row["id"] for name, row in rows.items()}
    right = total = 0
    for name, want in GOLD["expected"].items():
        for field in ("duplicate_of", "syndication_group"):
            total += 1
            expected = ids[want[field]] if want[field] else None
            right += rows[name][field] == expected
    # Floor: at most one wrong link field out of 18; today all are right.
    assert right >= total - 1, f"{right}/{total}"
    # Never link an independent rewrite of the same event: a different source.
    assert rows["a_rewrite"]["syndication_group"] is None
    assert report.duplicates == 1
