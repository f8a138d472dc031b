"""The README is tested: its two first commands, every command it shows, every doc it links."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import cli

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text("utf-8")


def _code_lines() -> list[str]:
    blocks = re.findall(r"```bash\n(.*?)```", README, flags=re.S)
    return [line.split("  #")[0].strip() for b in blocks for line in b.splitlines() if line.strip()]


def test_first_block_is_exactly_setup_and_test() -> None:
    first = re.search(r"```bash\n(.*?)```", README, flags=re.S)
    assert first is not None and README.index("```bash") < 200
    lines = [ln for ln in first.group(1).splitlines() if ln.strip()]
    assert len(lines) == 2
    assert "pip install" in lines[0] and " run examples/corpus" in lines[0]
    assert lines[1] in (REPO / ".ci" / "run").read_text("utf-8")


def _documented_commands() -> list[list[str]]:
    cmds = []
    for line in _code_lines():
        words = shlex.split(line.replace(".venv/bin/storyline", "storyline"))
        if words and words[0] == "storyline":
            # drop global options (--db X) to reach the subcommand
            rest = words[1:]
            while rest and rest[0].startswith("--"):
                rest = rest[2:] if rest[0] in {"--db", "--set", "--config"} else rest[1:]
            cmds.append(rest)
    return cmds


@pytest.mark.parametrize("words", _documented_commands(), ids=lambda w: " ".join(w[:1]))
def test_documented_command_exists(words: list[str]) -> None:
    result = CliRunner().invoke(cli, [words[0], "--help"])
    assert result.exit_code == 0, result.output
    documented_opts = {w.split("=")[0] for w in words[1:] if w.startswith("--")}
    for opt in documented_opts:
        assert opt in result.output, f"`storyline {words[0]}` has no option {opt}"


def test_linked_docs_exist() -> None:
    for target in re.findall(r"\]\(([^)#]+)\)", README):
        if not target.startswith("http"):
            assert (REPO / target).exists(), f"README links to missing {target}"
