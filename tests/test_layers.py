"""Layers import downward only (issue 14.12): model/errors <- store <- stages <- api <- cli/web.

Read from the source with ``ast`` (imports inside functions count too; imports under
``if TYPE_CHECKING:`` do not, since they never run).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "storyline"

# Layer of each top-level module or package; a module may import only its own layer or lower.
LAYERS = {
    "errors": 0, "model": 0, "runs": 0, "records": 0, "config": 0, "__version__": 0,
    "outlets": 0, "lexicon": 0,
    "store": 1, "pipeline": 1, "children": 1, "stages": 1,
    "ingest": 2, "clean": 2, "analyze": 2, "stories": 2, "export": 2, "watch": 2,
    "api": 3, "batch": 3,
    "cli": 4, "web": 4, "__main__": 4, "__init__": 4,
}
# Stage packages that stay independent of each other.
INDEPENDENT = {("clean", "ingest"), ("pipeline", "analyze"), ("store", "pipeline")}


def _imports(path: Path) -> list[str]:
    """Absolute dotted names of the storyline modules ``path`` imports at run time."""
    tree = ast.parse(path.read_text("utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for b in node.body for n in ast.walk(b))
    package = path.relative_to(SRC.parent).with_suffix("").parts[:-1]
    out = []
    for node in ast.walk(tree):
        if id(node) in skip or not isinstance(node, ast.ImportFrom | ast.Import):
            continue
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names if a.name.startswith("storyline")]
            continue
        base = list(package[: len(package) - node.level + 1]) if node.level else []
        module = ".".join([*base, *(node.module.split(".") if node.module else [])])
        if not module.startswith("storyline"):
            continue
        if node.module is None:
            out += [f"{module}.{a.name}" for a in node.names]
        else:
            out.append(module)
    return out


def _top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_imports_go_downward_only() -> None:
    problems = []
    for path in sorted(SRC.rglob("*.py")):
        here = _top(".".join(path.relative_to(SRC.parent).with_suffix("").parts))
        for target in _imports(path):
            there = _top(target)
            if there == here or there not in LAYERS:
                continue
            if LAYERS[there] > LAYERS[here] or (here, there) in INDEPENDENT:
                problems.append(f"{path.relative_to(SRC)} imports {target}")
    assert problems == []


def test_cli_and_web_never_reach_into_the_store() -> None:
    pattern = re.compile(r"(?<!options)\.store\.")  # options.store.url is fine
    offenders = [f"{p.relative_to(SRC)}:{n}" for folder in ("cli", "web")
                 for p in sorted((SRC / folder).rglob("*.py"))
                 for n, line in enumerate(p.read_text("utf-8").splitlines(), 1)
                 if pattern.search(line)]
    assert offenders == []
