"""The "temporal" stage: anchors (dct / inferred / none) and the seed articles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from storyline.config import Options
from storyline.model import Article
from storyline.pipeline import Pipeline, registry

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def run(article: Article) -> Article:
    return registry.get("temporal").factory(Options())(article)


def test_stage_uses_the_publication_date() -> None:
    art = run(Article(text="Putin will travel to China at the end of August.",
                      published="2025-05-09"))
    assert art.meta["temporal_anchor"] == {"date": "2025-05-09", "kind": "dct"}
    [t] = art.timexes
    assert (t.value, t.mod, t.anchor) == ("2025-08", "END", "dct")


def test_stage_infers_the_anchor_from_the_latest_full_date() -> None:
    text = ("The treaty was signed on March 3, 2014. On June 5, 2015 the parties met "
            "again and agreed to meet next month.")
    art = run(Article(text=text))
    assert art.meta["temporal_anchor"] == {"date": "2015-06-05", "kind": "inferred"}
    by_text = {t.text: t for t in art.timexes}
    assert by_text["next month"].value == "2015-07"
    assert by_text["next month"].anchor == "inferred"


def test_stage_without_any_date_keeps_unresolved_values() -> None:
    art = run(Article(text="Talks resumed in August and will continue next week."))
    assert art.meta["temporal_anchor"] == {"date": None, "kind": "none"}
    values = {t.text: t.value for t in art.timexes}
    assert values == {"August": "XXXX-08", "next week": "XXXX-WXX"}
    assert all(t.anchor == "none" for t in art.timexes)


def _seed(name_part: str) -> Article:
    for path in sorted(SEEDS.glob("*.txt")):
        meta = json.loads(path.with_name(path.name + ".meta.json").read_text())
        if meta["published"] == name_part:
            return Article(text=path.read_text(encoding="utf-8"),
                           published=meta["published"])
    raise AssertionError(f"no seed published {name_part}")


@pytest.fixture(scope="module")
def parsed_pipeline() -> Pipeline:
    return Pipeline(["parse", "temporal"], Options())


@pytest.mark.parametrize("with_parse", [False, True])
def test_seed_articles(with_parse: bool, parsed_pipeline: Any) -> None:
    first, second = _seed("2025-05-09"), _seed("2025-06-15")
    if with_parse:
        first, second = parsed_pipeline(first), parsed_pipeline(second)
    else:
        first, second = run(first), run(second)
    a = {t.text: t for t in first.timexes}
    assert (a["the end of August"].value, a["the end of August"].mod) == ("2025-08", "END")
    assert a["the end of August"].begin == "2025-08-21"
    assert a["a year ago"].value == "2024-05"
    assert a["September 3"].value == "2025-09-03"
    assert a["May 1945"].value == "1945-05"
    b = {t.text: t for t in second.timexes}
    assert b["this September"].value == "2025-09"
    assert b["earlier in May"].value == "2025-05"
    assert b["2024"].value == "2024"
