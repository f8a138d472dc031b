"""Two writers on one store (issue 14.3): rows are inserted, indexed and counted once even
without the lock, and the writer lock turns a second writer away with a clear message."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from storyline import Storyline, load_options
from storyline.cli import cli
from storyline.errors import StoreBusy
from storyline.ingest.runner import ingest_paths
from storyline.model import Article
from storyline.store import Store

TEXT = "The council approved a budget of {n} million dollars on Monday after a long debate."


def _fts_rows(store: Store) -> int:
    if store.dialect != "sqlite":
        return store.count_articles()  # PostgreSQL indexes a generated column: no extra rows
    with store.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM articles_fts")).scalar_one())


def test_racing_insert_is_indexed_and_counted_once(store_url: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = Store(store_url), Store(store_url)
    racing = [Article(text=TEXT.format(n=1)), Article(text=TEXT.format(n=2))]
    # The second writer checked for existing ids before the first one committed.
    monkeypatch.setattr(second, "existing_ids", lambda ids: set())
    assert first.add_articles([Article(text=TEXT.format(n=1))]) == 1
    assert second.add_articles(racing) == 1  # only the row it really inserted
    assert first.count_articles() == 2 and _fts_rows(first) == 2
    assert len(first.search("council budget")) == 2
    first.close()
    second.close()


def test_two_unlocked_ingests_add_each_article_once(store_url: str, tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    for n in range(40):
        (corpus / f"{n:02d}.txt").write_text(f"Budget {n}\n\n" + TEXT.format(n=n) + f" Item {n}.")
    options = load_options(overrides={"store.url": store_url, "ingest.progress": "false"})
    stores = [Store(store_url), Store(store_url)]
    reports: list[int] = []

    def work(store: Store) -> None:  # bypasses the facade, so no writer lock
        reports.append(ingest_paths([corpus], store, options, progress=False).ingested)

    threads = [threading.Thread(target=work, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert stores[0].count_articles() == 40 and _fts_rows(stores[0]) == 40
    assert sum(reports) == 40  # no "ingested" claim for a row the other writer added
    for s in stores:
        s.close()


def test_writer_lock_turns_a_second_writer_away(store_url: str, tmp_path: Path) -> None:
    options = load_options(overrides={"store.url": store_url, "ingest.progress": "false"})
    holder, other = Storyline(options), Storyline(options)
    (tmp_path / "a.txt").write_text("Budget\n\n" + TEXT.format(n=7))
    with holder.writing():
        with pytest.raises(StoreBusy, match="another storyline process is writing"):
            other.ingest([tmp_path / "a.txt"])
        for call in (other.analyze, other.build_stories):
            with pytest.raises(StoreBusy):
                call()
        with holder.writing():  # re-entrant for its holder
            assert holder.ingest([tmp_path / "a.txt"]).ingested == 1
        assert other.articles()  # readers are never locked out
        result = CliRunner().invoke(cli, ["--db", store_url, "--no-progress", "ingest",
                                          str(tmp_path / "a.txt")])
        assert result.exit_code == 2 and "another storyline process" in result.output
        assert result.output.count("\n") == 1
    assert other.ingest([tmp_path / "a.txt"]).unchanged == 1  # released
    holder.close()
    other.close()
