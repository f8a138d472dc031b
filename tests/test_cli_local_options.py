"""--json and --db work after the subcommand too, as the README says (issue 14.11)."""

from __future__ import annotations

import json
from pathlib import Path

import click
from click.testing import CliRunner

from storyline.cli import cli
from storyline.model import Article
from storyline.store import Store, StoryRow


def _store(tmp_path: Path) -> str:
    db = tmp_path / "s.db"
    store = Store(f"sqlite:///{db}")
    store.add_articles([Article(text="Putin will visit China at the end of August, aides said.",
                                title="Putin to visit China")])
    store.upsert_story(StoryRow("story-1", "Putin to visit China", 1, None, None, {}))
    store.close()
    return str(db)


def test_json_and_db_after_the_subcommand(tmp_path: Path) -> None:
    db = _store(tmp_path)
    for args in (["stories", "--json", "--db", db], ["articles", "--db", db, "--json"],
                 ["--db", db, "search", "Putin", "--json"], ["failures", "--json", "--db", db],
                 ["story", "story-1", "--json", "--db", db]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, (args, result.output)
        json.loads(result.output)


def test_every_command_takes_them() -> None:
    assert isinstance(cli, click.Group)
    for name, command in cli.commands.items():
        opts = {o for p in command.params for o in p.opts}
        assert {"--json", "--db"} <= opts, name
