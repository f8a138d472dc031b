"""Cache entries of other versions are removed once stale, so upgrades do not pile up."""

from __future__ import annotations

import os
import time
from pathlib import Path

from storyline.disk_cache import STALE_DAYS, write_atomic


def _entry(folder: Path, name: str, age_days: float) -> Path:
    path = folder / name
    path.write_bytes(b"x")
    stamp = time.time() - age_days * 86400
    os.utime(path, (stamp, stamp))
    return path


def test_writing_an_entry_removes_stale_entries_of_its_kind_only(tmp_path: Path) -> None:
    old = _entry(tmp_path, "langid-" + "a" * 20 + ".npz", STALE_DAYS + 1)
    old_pair = _entry(tmp_path, "use-backend-" + "b" * 20 + ".table.npy", STALE_DAYS + 1)
    recent = _entry(tmp_path, "langid-" + "c" * 20 + ".npz", 1)
    other_kind = _entry(tmp_path, "gazetteer-" + "d" * 20 + ".marshal", STALE_DAYS + 1)
    unrelated = _entry(tmp_path, "notes.txt", STALE_DAYS + 1)
    assert write_atomic(tmp_path / ("langid-" + "e" * 20 + ".npz"), lambda f: f.write(b"y"))
    assert not old.exists()
    assert recent.exists() and other_kind.exists() and unrelated.exists()
    assert old_pair.exists()  # another kind: only its own writes prune it
    assert write_atomic(tmp_path / ("use-backend-" + "f" * 20 + ".rest.npz"),
                        lambda f: f.write(b"z"))
    assert not old_pair.exists()
