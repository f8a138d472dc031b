"""Stage registry and the order check that runs before any stage does."""

from __future__ import annotations

import pytest

from storyline.config import load_options
from storyline.errors import EmptyInput, PipelineError
from storyline.model import Article
from storyline.pipeline import Failure, Pipeline, Registry


def _registry() -> Registry:
    reg = Registry()

    @reg.stage("upper", requires=("text",), assigns=("title",))
    def make_upper(options):  # type: ignore[no-untyped-def]
        def upper(article: Article) -> Article:
            if not article.text:
                raise EmptyInput(article.source_path or "?", "no text")
            article.title = article.text.upper()
            return article

        return upper

    @reg.stage("needs_quotes", requires=("quotes",), assigns=("events",))
    def make_needs(options):  # type: ignore[no-untyped-def]
        return lambda a: a

    return reg


def test_unknown_stage_lists_registered_ones() -> None:
    with pytest.raises(PipelineError, match="registered stages: .*upper"):
        Pipeline(["nope"], load_options(env={}), reg=_registry())


def test_order_is_checked_before_running() -> None:
    with pytest.raises(PipelineError, match="needs_quotes.*requires quotes"):
        Pipeline(["upper", "needs_quotes"], load_options(env={}), reg=_registry())


def test_pipe_records_failures_and_goes_on() -> None:
    pipe = Pipeline(["upper"], load_options(env={}), reg=_registry())
    failures: list[Failure] = []
    arts = [Article(text="a"), Article(text="", source_path="empty.txt"), Article(text="b")]
    out = list(pipe.pipe(arts, failures))
    assert [a.title for a in out] == ["A", "B"]
    assert failures == [Failure("empty.txt", "no text", "upper")]


def test_default_analysis_order_is_valid() -> None:
    opts = load_options(env={})
    pipe = Pipeline(opts.analysis.stages, opts)
    assert pipe.names[0] == "parse"


def test_article_round_trips_through_dict() -> None:
    art = Article(text="x", title="t")
    art.doc = object()  # transient: must not leak into the dict
    data = art.to_dict()
    assert "doc" not in data
    assert Article.from_dict(data) == art
