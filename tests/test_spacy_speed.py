"""The parse stage's speed-ups must not change a single annotation (spacy_speed.py)."""

from __future__ import annotations

from typing import Any

import pytest
import spacy

from storyline.analyze.parse import load_nlp
from storyline.analyze.parse.speed import (
    CompiledAttributeRuler,
    compile_attribute_ruler,
    compile_rules,
    thinc_layers,
)
from storyline.config import Options
from storyline.errors import ConfigError

MODEL = Options().analysis.spacy_model

# Self-written; exercises the ruler's exceptions: pronoun cases (I/you/it as subject and
# object), auxiliaries, "that" as relative pronoun and conjunction, expletive "there is",
# two-token rules (gonna, let's, y'all), contractions, whitespace tokens, numbers and names.
TEXT = (
    "I told you that it was over, but it isn't. There is a plan that nobody likes.\n\n"
    "\"We're gonna win,\" said Mayor Ann Cole on Tuesday; let's see if y'all agree. "
    "Something has to change, and anyone who had doubts did say so.  Those were the days.\n"
    "The ministry has deployed 12,000 troops, while they ain't talking about it. "
    "Whether he will go is unclear; he'd rather stay home, though he does want peace."
)


def annotations(doc: Any) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, str(t.head.i),
             t.ent_iob_, t.ent_type_) for t in doc]


@pytest.fixture(scope="module")
def plain() -> Any:
    return spacy.load(MODEL)  # spaCy's own components and ops, untouched


def test_compiled_ruler_sets_what_spacy_ruler_sets(plain: Any) -> None:
    fast = spacy.load(MODEL)
    assert compile_attribute_ruler(fast)
    assert isinstance(fast.get_pipe("attribute_ruler"), CompiledAttributeRuler)
    assert annotations(fast(TEXT)) == annotations(plain(TEXT))


def test_numpy_matmul_gives_the_same_parse_and_entities(plain: Any) -> None:
    nlp = load_nlp(MODEL, "numpy")
    assert {node.ops.use_blis for node in thinc_layers(nlp)} == {False}
    assert annotations(nlp(TEXT)) == annotations(plain(TEXT))


def test_thinc_matmul_keeps_the_models_own_ops() -> None:
    nlp = load_nlp(MODEL, "thinc")
    assert {node.ops.use_blis for node in thinc_layers(nlp)} == {True}


def test_unknown_matmul_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="analysis.matmul"):
        load_nlp(MODEL, "gpu-magic")


@pytest.mark.parametrize("pattern", [
    [{"ORTH": "Mr"}],                       # attribute the compiled ruler does not read
    [{"TAG": "NN", "OP": "+"}],             # quantifier
    [{"LOWER": {"FUZZY": "colour"}}],       # operator it does not implement
    [{"TAG": "DT"}] * 4,                    # longer than the ruler's patterns
])
def test_unsupported_patterns_keep_spacys_ruler(pattern: list[dict[str, Any]]) -> None:
    vocab = spacy.blank("en").vocab
    assert compile_rules([{"patterns": [pattern], "attrs": {"POS": "X"}, "index": 0}],
                         vocab.strings) is None


def test_later_entries_win_and_two_token_rules_hit_their_index() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "to"}, index=1)
    ruler.add([[{"LOWER": "na"}]], {"LEMMA": "first"})
    ruler.add([[{"LOWER": {"IN": ["na", "x"]}}]], {"LEMMA": "last"})
    ruler.add([[{"LOWER": {"REGEX": "^go"}}]], {"LEMMA": "go"})
    expected = [t.lemma_ for t in nlp("we gon na go now")]
    assert compile_attribute_ruler(nlp)
    assert [t.lemma_ for t in nlp("we gon na go now")] == expected == [
        "", "go", "last", "go", ""]


def test_docs_come_without_the_tok2vec_tensor(plain: Any) -> None:
    assert plain(TEXT).tensor.size > 0  # what is dropped: spaCy keeps it by default
    assert load_nlp(MODEL).pipe_names[-1] == "storyline_drop_tensor"
    assert load_nlp(MODEL)(TEXT).tensor.size == 0
