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


_BEHAVE = {"fixed": False}


@registry.stage("test_refuse_marker", requires=("doc",), assigns=())
def _refuse(options: Options) -> StageFn:
    """Test stage: refuses articles containing REFUSE, crashes on CRASH and NEST."""

    def run(article: Article) -> Article:
        if "REFUSE" in article.text:
            raise EmptyInput(f"article {article.id}", "refused by the test stage")
        if _BEHAVE["fixed"]:
            return article
        if "CRASH" in article.text:
            raise RuntimeError("simulated crash")
        if "NEST" in article.text:
            raise RecursionError("simulated deep nesting")
        return article

    return run


class _BatchBomb:
    """Test stage with ``pipe``: a batch holding a BOMB article raises as a whole."""

    def __call__(self, article: Article) -> Article:
        if "BOMB" in article.text:
            raise ValueError("bomb")
        return article

    def pipe(self, articles: list[Article]) -> list[Article]:
        if any("BOMB" in a.text for a in articles):
            raise ValueError("bomb somewhere in this batch")
        return articles


@registry.stage("test_batch_bomb", requires=("doc",), assigns=())
def _batch_bomb(options: Options) -> StageFn:
    """Test stage: see ``_BatchBomb``."""
    return _BatchBomb()


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


def test_a_crash_in_one_article_is_recorded_marked_and_the_run_goes_on(
        store_url: str) -> None:
    texts = TEXTS[:3] + ["This one will CRASH the stage.", "And this one NEST deeply."] \
        + TEXTS[3:]
    store = _store(store_url, texts)
    options = _options(store_url, "parse,test_refuse_marker,entities", batch=2)
    report = analyze_store(store, options, progress=False)
    # Before: the RuntimeError ended the run, and every rerun stopped on the same article.
    assert report.analyzed == len(TEXTS)
    reasons = sorted((f.stage, f.reason) for f in report.failures)
    assert reasons == [("test_refuse_marker", "RecursionError: simulated deep nesting"),
                       ("test_refuse_marker", "RuntimeError: simulated crash")]
    assert len(store.analysis_failed_ids()) == 2
    assert {f["reason"] for f in store.list_failures()} == {r for _, r in reasons}
    # A rerun skips the failed articles; --retry-failed tries them again.
    assert analyze_store(store, options, progress=False).failures == []
    _BEHAVE["fixed"] = True
    try:
        again = analyze_store(store, options, retry_failed=True, progress=False)
    finally:
        _BEHAVE["fixed"] = False
    assert (again.analyzed, again.failures) == (2, [])
    assert store.analysis_failed_ids() == set() and store.article_ids(analyzed=False) == []
    store.close()


def test_a_failing_batch_is_retried_one_article_at_a_time(store_url: str) -> None:
    texts = TEXTS[:3] + ["A batch BOMB in the middle."]
    store = _store(store_url, texts)
    report = analyze_store(store, _options(store_url, "parse,test_batch_bomb,entities",
                                           batch=4), progress=False)
    assert report.analyzed == 3
    assert [(f.stage, f.reason) for f in report.failures] == [
        ("test_batch_bomb", "ValueError: bomb")]
    store.close()


def test_cli_retry_failed(store_url: str) -> None:
    store = _store(store_url, TEXTS[:2] + ["This one will CRASH the stage."])
    store.close()
    runner = CliRunner()
    base = ["--db", store_url, "--no-progress", "--set",
            "analysis.stages=parse,test_refuse_marker"]
    result = runner.invoke(cli, [*base, "analyze"])
    assert result.exit_code == 1, result.output
    assert "[test_refuse_marker]" in result.output and "RuntimeError: simulated crash" \
        in result.output
    assert runner.invoke(cli, [*base, "analyze"]).exit_code == 0  # skipped, nothing to do
    result = runner.invoke(cli, [*base, "analyze", "--retry-failed"])
    assert result.exit_code == 1 and "analyzed 0" in result.output


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
