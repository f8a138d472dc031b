"""Identity: content ids, unchanged re-ingest, near duplicates and syndication groups."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline import Storyline, load_options
from storyline.config import Options
from storyline.ingest import runner
from storyline.ingest.dedup import Deduper, containment, shingles
from storyline.model import Article

WIRE = [
    "The central bank raised its main interest rate by a quarter point on Thursday, the third "
    "increase this year, citing stubborn inflation in services and housing.",
    "Governor Elena Marsh said the bank was prepared to act again if price growth did not slow "
    "towards its two percent target by the end of next year.",
    "Economists had been split on the decision, with a slim majority expecting the bank to pause "
    "after two increases earlier in the spring.",
    "The rate now stands at 4.75 percent, its highest level since 2008, and mortgage lenders are "
    "expected to pass on the rise within days.",
    "Markets reacted calmly, with the currency little changed against the dollar and bond yields "
    "edging up slightly in afternoon trading.",
    "The bank will publish its next set of forecasts in November, when it also reviews the "
    "size of its bond holdings.",
]


def _text(paragraphs: list[str], head: str = "Rates rise again") -> str:
    return head + "\n\n" + "\n\n".join(paragraphs)


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def test_reingest_is_a_noop(app: Storyline, tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", _text(WIRE))
    first = app.ingest([tmp_path], progress=False)
    second = app.ingest([tmp_path], progress=False)
    assert (first.ingested, second.ingested, second.unchanged) == (1, 0, 1)
    assert app.store.count_articles() == 1


def test_reingest_does_not_read_unchanged_inputs(app: Storyline, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path, "a.txt", _text(WIRE))
    _write(tmp_path, "b.txt", _text(WIRE[:3], head="Another story"))
    assert app.ingest([tmp_path], progress=False).ingested == 2
    read: list[str] = []
    real = runner.records_from

    def spy(path: Path, options: Options):  # type: ignore[no-untyped-def]
        read.append(path.name)
        return real(path, options)

    monkeypatch.setattr(runner, "records_from", spy)
    again = app.ingest([tmp_path], progress=False)
    assert (again.ingested, again.unchanged, read) == (0, 2, [])
    # An edited input is read again; so is one whose sidecar appeared.
    _write(tmp_path, "b.txt", _text(WIRE[:4], head="Another story"))
    (tmp_path / "a.txt.meta.json").write_text('{"outlet": "Wire"}', encoding="utf-8")
    third = app.ingest([tmp_path], progress=False)
    assert (third.ingested, sorted(read)) == (1, ["a.txt", "b.txt"])


def test_an_input_that_failed_is_read_again(app: Storyline, tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", _text(WIRE))
    (tmp_path / "bad.jsonl").write_text('{"text": "fine enough text here"}\n{broken\n',
                                        encoding="utf-8")
    first = app.ingest([tmp_path], progress=False)
    second = app.ingest([tmp_path], progress=False)
    assert len(first.failures) == len(second.failures) >= 1


def test_exact_copy_elsewhere_is_a_duplicate(app: Storyline, tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", _text(WIRE))
    _write(tmp_path, "b.txt", _text(WIRE))
    report = app.ingest([tmp_path], progress=False)
    assert (report.ingested, report.duplicates) == (1, 1)


def test_near_duplicate_and_syndication_across_runs(app: Storyline, tmp_path: Path) -> None:
    _write(tmp_path / "run1", "wire.txt", _text(WIRE))
    app.ingest([tmp_path / "run1"], progress=False)
    # Same story, one word changed: a near duplicate.
    near = [p.replace("Thursday", "Thursday afternoon") if i == 0 else p for i, p in enumerate(WIRE)]
    # A reprint with a local intro and the last paragraph cut: syndication, not a duplicate.
    local = ["Homebuyers in the valley will feel the change first, local brokers warned on Friday."]
    reprint = local + WIRE[:-1]
    other = ["A new ferry route between the islands will start in May, the harbour board said, "
             "with four crossings a day and lower fares for residents."] * 1
    _write(tmp_path / "run2", "near.txt", _text(near))
    _write(tmp_path / "run2", "reprint.txt", _text(reprint, "Local angle: rates rise"))
    _write(tmp_path / "run2", "other.txt", _text(other, "Ferry route announced"))
    report = app.ingest([tmp_path / "run2"], progress=False)
    assert report.ingested == 3 and report.duplicates == 1
    by_path = {Path(r["source_path"]).name: r for r in app.articles()}
    wire_id = by_path["wire.txt"]["id"]
    assert by_path["near.txt"]["duplicate_of"] == wire_id
    assert by_path["reprint.txt"]["duplicate_of"] is None
    assert by_path["reprint.txt"]["syndication_group"] == wire_id
    assert by_path["wire.txt"]["syndication_group"] == wire_id  # first member gets it too
    assert by_path["other.txt"]["syndication_group"] is None
    assert by_path["other.txt"]["duplicate_of"] is None


def test_thresholds_are_options() -> None:
    a = Article(text=_text(WIRE))
    a.ensure_id()
    b = Article(text=_text([WIRE[0] + " Officials said more.", *WIRE[1:]]))
    b.ensure_id()
    strict = Deduper(load_options(overrides={"ingest.near_duplicate_threshold": "0.99",
                                             "ingest.syndication_threshold": "0.99"}))
    strict.check(a)
    match, sig = strict.check(b)
    assert match.duplicate_of is None and match.syndication_group is None
    # Stored: the hash values, then the shingle count (for containment across runs).
    assert len(sig) == Options().ingest.minhash_permutations + 1
    assert int(sig[-1]) == len(shingles(b.text, 5))


def test_shingles_short_text() -> None:
    assert shingles("Two words", 5) == {b"two words"}
    assert len(shingles("one two three four five six", 5)) == 2


def test_fingerprints_are_persisted(app: Storyline, tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", _text(WIRE))
    app.ingest([tmp_path], progress=False)
    (aid, values), = list(app.store.iter_fingerprints())
    assert len(values) == app.options.ingest.minhash_permutations + 1
    assert app.store.get_article(aid).text.startswith(WIRE[0][:20])


def test_missing_signatures_are_backfilled(app: Storyline, tmp_path: Path) -> None:
    """As after a kill between committing a batch and saving its signatures."""
    a = Article(text=_text(WIRE), source_path="x.txt")
    app.store.add_articles([a])
    assert list(app.store.iter_fingerprints()) == []
    _write(tmp_path, "near.txt", _text([WIRE[0] + " More.", *WIRE[1:]]))
    app.ingest([tmp_path], progress=False)
    row = next(r for r in app.articles() if r["source_path"].endswith("near.txt"))
    assert row["duplicate_of"] == a.id
    assert len(list(app.store.iter_fingerprints())) == 2


def test_trimmed_reprint_is_syndication_by_containment(app: Storyline, tmp_path: Path) -> None:
    """A copy cut to its first half has a low Jaccard but is contained in the original."""
    _write(tmp_path / "run1", "wire.txt", _text(WIRE))
    app.ingest([tmp_path / "run1"], progress=False)
    _write(tmp_path / "run2", "short.txt", _text(WIRE[:3], "Rates up again, bank says"))
    app.ingest([tmp_path / "run2"], progress=False)
    rows = {Path(r["source_path"]).name: r for r in app.articles()}
    assert rows["short.txt"]["syndication_group"] == rows["wire.txt"]["id"]
    assert rows["short.txt"]["duplicate_of"] is None


def test_containment_estimate() -> None:
    # A (100 shingles) inside B (200): J = 100 / 200 = 0.5 -> containment 1.0
    assert containment(0.5, 100, 200) == 1.0
    assert containment(0.0, 100, 200) == 0.0
    assert abs(containment(0.25, 100, 100) - 0.4) < 1e-9
