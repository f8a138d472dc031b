"""Defaults live in default_config.toml only; tuned constants are named options that reach
the code using them (issue 14.15)."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import numpy as np
import pytest

import storyline.config as config
from storyline.analyze.temporal import find_timexes
from storyline.config import ConfigError, Options, load_options, opt, section
from storyline.model import Article, Entity
from storyline.stories.decide import JoinModel
from storyline.stories.embed import get_embedder
from storyline.stories.features import StoryState, article_features

CONFIG = Path(config.__file__)


def test_config_py_writes_no_default_value() -> None:
    """Every option field is ``= opt()`` (value in the TOML) or a nested section."""
    tree = ast.parse(CONFIG.read_text("utf-8"))
    literals = []
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        for node in cls.body:
            if isinstance(node, ast.AnnAssign) and node.value is not None:
                code = ast.unparse(node.value)
                if code != "opt()" and not code.startswith("field(default_factory="):
                    literals.append(f"{cls.name}.{ast.unparse(node.target)} = {code}")
    assert literals == []


def _leaves(d: dict, prefix: str = "") -> set[str]:
    """Dotted option names of a nested dict (``entity_weights`` is one option, a dict)."""
    out = set()
    for k, v in d.items():
        if isinstance(v, dict) and k != "entity_weights":
            out |= _leaves(v, f"{prefix}{k}.")
        else:
            out.add(prefix + k)
    return out


def test_every_toml_value_has_a_field_and_back() -> None:
    assert _leaves(config.packaged_defaults()) == _leaves(Options().to_dict())


def test_a_field_missing_from_the_toml_fails_at_once() -> None:
    with pytest.raises(ConfigError, match="disagree"):
        @section("web")
        class Broken:
            host: str = opt()
            nothing_in_the_toml: int = opt()


def test_nested_section_override_and_env() -> None:
    opts = load_options(env={"STORYLINE_STORIES__FEATURES__YEAR_WEIGHT": "3.5"},
                        overrides={"stories.features.entity_weights": '{"PERSON": 2.0}'})
    assert opts.stories.features.year_weight == 3.5
    assert opts.stories.features.entity_weights == {"PERSON": 2.0}
    with pytest.raises(ConfigError, match="unknown option"):
        load_options(env={}, overrides={"stories.features": "1"})


def test_past_year_slack_days_reaches_the_normalizer() -> None:
    text = "He said the talks happened on June 20."
    anchor = dt.date(2025, 5, 9)
    default = [t.value for t in find_timexes(text, anchor)]
    strict = [t.value for t in find_timexes(text, anchor, past_slack_days=10)]
    assert default == ["2025-06-20"] and strict == ["2024-06-20"]


def test_feature_weights_reach_article_features() -> None:
    a = Article(text="Ann Lee met officials in 2013.", entities=[
        Entity(0, 7, "Ann Lee", "PERSON", "Ann Lee")])
    vec = np.ones(4, dtype=np.float32)
    base = article_features(a, vec, Options().stories.features)
    tuned = load_options(env={}, overrides={"stories.features.year_weight": "4",
                                            "stories.features.entity_weights":
                                            '{"PERSON": 3.0}'}).stories.features
    other = article_features(a, vec, tuned)
    assert other.entities["ann lee"] == 3 * base.entities["ann lee"]
    ratio = lambda f: f.entity_vec["year:2013"] / f.entity_vec["ann lee"]  # noqa: E731
    assert ratio(base) == pytest.approx(2.0) and ratio(other) == pytest.approx(4 / 3)


def test_join_and_shift_options() -> None:
    opts = load_options(env={}, overrides={"stories.join_days": "-2",
                                           "stories.hashing_threshold_shift": "-0.2"})
    assert JoinModel.from_options(opts).weights[3] == -2
    assert get_embedder("hashing", opts).threshold_shift == -0.2
    assert get_embedder("hashing").threshold_shift == Options().stories.hashing_threshold_shift
    assert StoryState  # the state class is untouched by options


def test_ingest_batch_size_is_an_option(tmp_path: Path) -> None:
    from storyline import Storyline

    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(f"Title {n}\n\nThe council approved plan {n} on "
                                           "Monday after a long debate about roads.")
    sl = Storyline(load_options(env={}, overrides={
        "store.url": f"sqlite:///{tmp_path / 's.db'}", "ingest.batch_size": "1",
        "ingest.progress": "false"}))
    from storyline.ingest.runner import IngestRun

    batches: list[int] = []
    run = IngestRun(sl.store, sl.options, on_stored=lambda new: batches.append(len(new)))
    from storyline.ingest.runner import articles_from

    for path in sorted(tmp_path.glob("*.txt")):
        for article in articles_from(path, sl.options, run):
            run.add(article)
    run.flush()
    assert batches == [1, 1, 1]
    sl.close()


def test_a_default_also_written_in_python_is_overridden_by_the_toml() -> None:
    @section("web")
    class Twice:
        host: str = "0.0.0.0"  # as a merge from an older branch might leave it
        port: int = opt()
        read_only: bool = opt()

    assert Twice().host == "127.0.0.1"  # the packaged value
