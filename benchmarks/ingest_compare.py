"""What ingest stores, for comparing two versions of the code on the same inputs.

Usage:
    .venv/bin/python benchmarks/ingest_compare.py dump OUT.json PATH [PATH...]
    .venv/bin/python benchmarks/ingest_compare.py compare A.json B.json

``dump`` ingests the inputs into a fresh SQLite store (in a temporary folder, default
options) and writes every stored field of every article (by input file name: id, title,
outlet, author, date and its source, language, text, removed lines, meta, duplicate and
syndication marks), the stored MinHash signatures and the failures. Run it once per version
(``PYTHONPATH=other/src``); ``compare`` prints how many articles differ, field by field.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

from storyline import Storyline, load_options

FIELDS = ("id", "title", "outlet", "author", "published", "published_source", "language",
          "duplicate_of", "syndication_group", "text", "removed", "meta")


def dump(out: Path, paths: list[Path]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app = Storyline(load_options(overrides={"store.url": f"sqlite:///{tmp}/x.db",
                                                "ingest.progress": "false"}))
        report = app.ingest(paths, progress=False)
        rows = sorted(({"input": Path(a.source_path or "").name,
                        **{f: getattr(a, f) for f in FIELDS}}
                       for a in app.store.iter_articles()), key=lambda r: (r["input"], r["id"]))
        signatures = sorted((aid, v.tolist()) for aid, v in app.store.iter_fingerprints())
        app.close()
    failures = sorted((Path(f.source).name, f.reason) for f in report.failures)
    out.write_text(json.dumps({"paths": [str(p) for p in paths], "articles": rows,
                               "signatures": signatures, "failures": failures}), "utf-8")
    print(f"{paths}: {report.ingested} stored, {report.duplicates} duplicates, "
          f"{len(failures)} failures -> {out}")


def compare(a_path: Path, b_path: Path) -> int:
    a: dict[str, Any] = json.loads(a_path.read_text("utf-8"))
    b: dict[str, Any] = json.loads(b_path.read_text("utf-8"))
    print(f"articles {len(a['articles'])} / {len(b['articles'])}; signatures "
          f"{'identical' if a['signatures'] == b['signatures'] else 'DIFFER'}; failures "
          f"{'identical' if a['failures'] == b['failures'] else 'DIFFER'} ({len(a['failures'])})")
    differ = 0
    for field in ("input", *FIELDS):
        bad = [x["input"] for x, y in zip(a["articles"], b["articles"], strict=False)
               if x[field] != y[field]]
        differ += len(bad)
        if bad:
            print(f"  {field}: {len(bad)} articles differ, e.g. {bad[:3]}")
    same = not differ and len(a["articles"]) == len(b["articles"])
    print("every stored field identical" if same else "differences above")
    return 0 if same else 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("paths", type=Path, nargs="+")
    c = sub.add_parser("compare")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    args = ap.parse_args(argv)
    if args.cmd == "dump":
        dump(args.out, args.paths)
        return 0
    return compare(args.a, args.b)


if __name__ == "__main__":
    raise SystemExit(main())
