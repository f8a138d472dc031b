"""The analysis runner: incremental runs, explicit ids, failures, restart, corpus aliases."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from storyline import Storyline, load_options
from storyline.analyze import analyze_store
from storyline.cli import cli
from storyline.config import Options
from storyline.errors import EmptyInput, NotFound
from storyline.model import Article
from storyline.pipeline import StageFn, registry
from storyline.store import Store

TEXTS = [
    "Kremlin Security Council Secretary Sergei Shoigu met Chen Wenqing in Moscow. "
    "Shoigu said more than 12,000 troops would march.",
    "Shoigu told reporters in Beijing that the visit would go ahead, and Shoigu smiled.",
    "The European Union fined Google 2.4 billion euros, officials in Brussels said.",
    "Officials in Cairo said 300 trucks of aid had crossed the border.",
    "A quiet day in Lima: the mayor opened three new parks.",
]


@registry.stage("test_refuse_marker", requires=("doc",), assigns=())
def _refuse(options: Options) -> StageFn:
    """Test stage: refuses articles containing REFUSE, crashes on CRASH."""

    def run(article: Article) -> Article:
        if "REFUSE" in article.text:
            raise EmptyInput(f"article {article.id}", "refused by the test stage")
        if "CRASH" in article.text:
            raise RuntimeError("simulated crash")
        return article

    return run


def _options(url: str, stages: str = "parse,entities,numbers", batch: int = 2) -> Options:
    return load_options(overrides={"store.url": url, "ingest.progress": "false",
                                   "analysis.stages": stages, "analysis.batch_size": batch})


def _store(url: str, texts: list[str]) -> Store:
    store = Store(url)
    store.add_articles([Article(text=t, title=f"t{i}") for i, t in enumerate(texts)])
    return store


def test_incremental_force_and_ids(store_url: str) -> None:
    store = _store(store_url, TEXTS)
    options = _options(store_url)
    report = analyze_store(store, options, progress=False)
    assert (report.analyzed, report.failures) == (len(TEXTS), [])
    assert store.article_ids(analyzed=False) == []
    assert analyze_store(store, options, progress=False).analyzed == 0  # nothing left
    assert analyze_store(store, options, force=True, progress=False).analyzed == len(TEXTS)
    some = store.article_ids()[1]
    assert analyze_store(store, options, ids=[some[:8]], progress=False).analyzed == 1
    with pytest.raises(NotFound):
        analyze_store(store, options, ids=["nonexistent"], progress=False)
    store.close()


def test_annotations_are_saved(store_url: str) -> None:
    store = _store(store_url, TEXTS[:1])
    analyze_store(store, _options(store_url), progress=False)
    article = next(store.iter_articles())
    assert article.sentences and article.doc is None
    people = {e.canonical for e in article.entities if e.label == "PERSON"}
    assert {"Sergei Shoigu", "Chen Wenqing"} <= people
    assert any(n.value == 12000 and n.counts == "troops" for n in article.numbers)
    names = {name for name, _label, _n in store.entity_names("Sergei")}
    assert names == {"Sergei Shoigu"}
    store.close()


def test_input_errors_are_recorded_and_the_run_goes_on(store_url: str) -> None:
    store = _store(store_url, TEXTS + ["Please REFUSE this article about Paris."])
    options = _options(store_url, "parse,test_refuse_marker,entities")
    report = analyze_store(store, options, progress=False)
    assert report.analyzed == len(TEXTS)
    assert len(report.failures) == 1 and report.failures[0].stage == "test_refuse_marker"
    assert [f["stage"] for f in store.list_failures()] == ["test_refuse_marker"]
    store.close()


def test_a_crash_loses_at_most_one_batch_and_a_rerun_continues(store_url: str) -> None:
    texts = TEXTS[:3] + ["This one will CRASH the stage."] + TEXTS[3:]
    store = _store(store_url, texts)
    order = store.article_ids()
    crash_at = next(i for i, aid in enumerate(order) if "CRASH" in store.get_article(aid).text)
    with pytest.raises(RuntimeError):
        analyze_store(store, _options(store_url, "parse,test_refuse_marker", batch=1),
                      progress=False)
    # Every article before the crashing one was saved (batch_size 1).
    assert len(store.article_ids(analyzed=True)) == crash_at
    report = analyze_store(store, _options(store_url), progress=False)
    assert report.analyzed == len(texts) - crash_at
    assert store.article_ids(analyzed=False) == []
    store.close()


def test_surname_resolves_across_the_corpus(store_url: str) -> None:
    store = _store(store_url, TEXTS[:2])
    analyze_store(store, _options(store_url, batch=1), progress=False)
    for article in store.iter_articles():
        people = {e.canonical for e in article.entities if e.label == "PERSON"}
        assert "Shoigu" not in people, article.text
        assert "Sergei Shoigu" in people
    store.close()


def test_cli_analyze_and_entities(store_url: str) -> None:
    store = _store(store_url, TEXTS)
    store.close()
    runner = CliRunner()
    base = ["--db", store_url, "--no-progress", "--set", "analysis.stages=parse,entities"]
    result = runner.invoke(cli, [*base, "analyze"])
    assert result.exit_code == 0, result.output
    assert f"analyzed {len(TEXTS)}" in result.output
    result = runner.invoke(cli, [*base, "--json", "entities", "Sergei"])
    assert result.exit_code == 0, result.output
    assert '"name": "Sergei Shoigu"' in result.output and '"articles": 2' in result.output
    result = runner.invoke(cli, [*base, "entities", "--limit", "2"])
    assert result.exit_code == 0 and len(result.output.strip().splitlines()) == 2
    result = runner.invoke(cli, [*base, "analyze", "no-such-id"])
    assert result.exit_code == 2  # an unknown id is a usage error (issue 14.9)


def test_api_analyze(app: Storyline) -> None:
    app.store.add_articles([Article(text=TEXTS[2])])
    report = app.analyze()
    assert report.analyzed == 1 and report.ok
