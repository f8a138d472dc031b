"""Start-up savings of small runs keep behaviour: spaCy without its command line, the CLI's
exit (store closed before the heap is frozen). Each check runs in a fresh interpreter."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import storyline

SRC = str(Path(storyline.__file__).resolve().parents[1])
ENV = {**os.environ, "PYTHONPATH": SRC}


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], env=ENV, capture_output=True,
                          text=True, timeout=300, check=False)


def test_spacy_imports_without_its_command_line_which_stays_importable() -> None:
    proc = _python(
        "import sys\n"
        "from storyline.analyze.parse.nlp import import_spacy\n"
        "spacy = import_spacy()\n"
        "assert 'spacy.cli' not in sys.modules and 'weasel' not in sys.modules, 'cli imported'\n"
        "assert not hasattr(spacy, 'cli')\n"
        "nlp = spacy.blank('en')\n"
        "assert [t.text for t in nlp('Two officers were hurt.')][-1] == '.'\n"
        "import spacy.cli\n"
        "assert callable(spacy.cli.download) and callable(spacy.info)\n"
        "print('ok')\n")
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr[-2000:]


def test_spacy_imports_the_plain_way_when_its_package_needs_more_of_the_cli() -> None:
    """A spaCy release that imports more than ``info`` from its CLI breaks the placeholder
    import: spaCy is then imported normally, whole and working."""
    proc = _python(
        "import sys, types\n"
        "from storyline.analyze.parse import nlp as mod\n"
        "class Bare(types.ModuleType):\n"
        "    def __setattr__(self, name, value): pass  # the placeholder offers nothing\n"
        "mod.types = types.SimpleNamespace(ModuleType=Bare)\n"
        "spacy = mod.import_spacy()\n"
        "assert 'spacy.cli' in sys.modules and not isinstance(sys.modules['spacy.cli'], Bare)\n"
        "assert callable(spacy.info)\n"
        "assert [t.text for t in spacy.blank('en')('Two were hurt.')][-1] == '.'\n"
        "print('ok')\n")
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr[-2000:]


def test_run_closes_the_store_before_exit(tmp_path: Path) -> None:
    """The heap is frozen before exit, so nothing may rely on a collector to close the
    store: an unclosed SQLite connection would leave its -wal file behind."""
    article = tmp_path / "a.txt"
    article.write_text("Officers met in Madrid\n\nTwo police officers met the minister in "
                       "Madrid on Monday, the ministry said.", encoding="utf-8")
    db = tmp_path / "s.db"
    run = subprocess.run(
        [sys.executable, "-m", "storyline", "--db", str(db), "--no-progress",
         "--set", "stories.embedder=hashing", "run", str(article)],
        env=ENV, capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "ingested 1" in run.stdout
    assert sorted(p.name for p in tmp_path.glob("s.db*") if not p.name.endswith("-lock")) \
        == ["s.db"]
