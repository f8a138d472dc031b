"""Options: packaged defaults < config file < environment < explicit overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.config import default_options, load_options
from storyline.errors import ConfigError


def test_packaged_defaults_match_the_dataclass_defaults() -> None:
    opts = default_options()
    assert opts.store.url == "sqlite:///storyline.db"
    assert opts.analysis.stages[0] == "parse"


def test_precedence_file_env_override(tmp_path: Path) -> None:
    cfg = tmp_path / "s.toml"
    cfg.write_text('[stories]\njoin_threshold = 0.7\n[web]\nport = 9000\n')
    env = {"STORYLINE_WEB__PORT": "9100", "STORYLINE_INGEST__PROGRESS": "false"}
    opts = load_options(cfg, env=env, overrides={"web.port": "9200"})
    assert opts.stories.join_threshold == 0.7  # from the file
    assert opts.ingest.progress is False  # env, coerced to bool
    assert opts.web.port == 9200  # override wins over env and file


def test_list_option_from_string() -> None:
    opts = load_options(env={}, overrides={"analysis.stages": "parse,entities"})
    assert opts.analysis.stages == ["parse", "entities"]


@pytest.mark.parametrize("key", ["nosuch.key", "store.nosuch", "store"])
def test_unknown_option_names_the_known_ones(key: str) -> None:
    with pytest.raises(ConfigError, match="unknown option") as err:
        load_options(env={}, overrides={key: "1"})
    assert "store.url" in str(err.value)


def test_bad_value_type_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="web.port"):
        load_options(env={}, overrides={"web.port": "eighty"})


def test_unreadable_config_file_is_a_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[store\nurl=")
    with pytest.raises(ConfigError, match="bad.toml"):
        load_options(bad, env={})


def test_replace_returns_a_new_object() -> None:
    opts = load_options(env={})
    other = opts.replace(**{"store.url": "sqlite:///x.db"})
    assert other.store.url == "sqlite:///x.db"
    assert opts.store.url != other.store.url
