"""Exact speed-ups for a loaded spaCy pipeline: same annotations, less CPU.

Two costs dominated the "parse" stage on our 2-core reference machine (``benchmarks/
analysis_speed.py --breakdown``, docs/benchmarks.md):

* **Matrix products.** thinc's ``NumpyOps.gemm`` calls blis, which on that CPU reached 28
  GFLOP/s where numpy's OpenBLAS reached 80 on the same float32 shapes. The tok2vec layers and
  the parser/NER feature precomputation are mostly such products, so ``use_numpy_matmul``
  routes them through numpy with thinc's own ``NumpyOps(use_blis=False)``. Results are float32
  products of the same matrices; the differences are rounding-level (the equality test
  compares tags, parses and entities). (The parser's per-step products are made in Cython
  through thinc's CBlas, which only Cython code can repoint: they stay on blis.)
  Users on other hardware can keep thinc's own ops with ``analysis.matmul = "thinc"``.
* **The attribute ruler.** en_core_web_sm's ``attribute_ruler`` (tag -> POS/morph/lemma
  exceptions) runs a general ``Matcher`` with 179 patterns over every token, about 15 ms per
  500-word article. All its patterns are one or two tokens long and test only TAG, LOWER, DEP
  and IS_SPACE, so ``CompiledAttributeRuler`` indexes them by the first token's tag and
  applies the very same attribute sets, in the same order (later patterns win), with spaCy's
  own ``set_token_attrs``. A pipeline whose patterns use anything else keeps spaCy's ruler.

And one saving that does drop something: ``drop_tensors`` empties ``Doc.tensor``, which no
stage reads, so Docs travel back from spaCy's worker processes 4x smaller.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

# thinc and numpy are imported where used: importing ``thinc.api`` alone takes ~0.1 s, and
# every command imports the analysis package (the stage registry), not only ``analyze``.


def thinc_layers(nlp: Any) -> list[Any]:
    """Every thinc layer of every component that has a model."""
    return [node for _, proc in nlp.pipeline if getattr(proc, "model", None) is not None
            for node in proc.model.walk()]


def use_numpy_matmul(nlp: Any) -> bool:
    """Give every layer of every trainable component thinc's CPU ops without blis, whose
    matrix products are ``numpy.dot`` (CPU pipelines only)."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    layers = thinc_layers(nlp)
    if not layers or any(type(node.ops) is not NumpyOps for node in layers):
        return False  # GPU or custom ops: leave them alone
    for node in layers:
        node.ops = ops
    return True


# ---------------------------------------------------------------- compiled attribute ruler
# Tokens are read as rows of ints (``Doc.to_array``); strings in patterns become their hashes.
COLUMNS = ("TAG", "LOWER", "DEP", "IS_SPACE")
Row = tuple[int, int, int, int]
CACHE_SIZE = 200_000  # distinct (tag, lower, dep, is_space) rows remembered per process
Check = Callable[[Row], bool]


def _value_check(col: int, spec: Any, strings: Any) -> Check | None:
    """A predicate for one ``{KEY: spec}`` of a Matcher token pattern, or None if unsupported."""
    if isinstance(spec, (bool, str)):
        want = int(spec) if isinstance(spec, bool) else strings.add(spec)
        return lambda row: row[col] == want
    if isinstance(spec, dict) and len(spec) == 1:
        (op, arg), = spec.items()
        if op in ("IN", "NOT_IN") and all(isinstance(a, str) for a in arg):
            values = frozenset(strings.add(a) for a in arg)
            if op == "IN":
                return lambda row: row[col] in values
            return lambda row: row[col] not in values
        if op == "REGEX" and isinstance(arg, str):
            rx = re.compile(arg)
            return lambda row: rx.search(strings[row[col]]) is not None
    return None


def _token_check(token_pattern: dict[str, Any], strings: Any) -> Check | None:
    if not set(token_pattern) <= set(COLUMNS):
        return None
    checks = [_value_check(COLUMNS.index(k), v, strings) for k, v in token_pattern.items()]
    if any(c is None for c in checks):
        return None
    return lambda row: all(c(row) for c in checks)  # type: ignore[misc]


def _exact(spec: Any, strings: Any) -> list[int] | None:
    """The hashes a string/IN spec allows (None: not an exact constraint)."""
    if isinstance(spec, str):
        return [strings.add(spec)]
    if isinstance(spec, dict) and set(spec) == {"IN"}:
        return [strings.add(a) for a in spec["IN"]]
    return None


class _Rule:
    """One pattern of one ruler entry: token checks, the target offset and the attr set id."""

    def __init__(self, attr_id: int, pattern: list[dict[str, Any]], checks: list[Check],
                 index: int) -> None:
        self.attr_id = attr_id
        self.first = pattern[0]
        self.checks = checks
        self.index = index if index >= 0 else len(checks) + index

    def matches(self, rows: list[Row], i: int) -> bool:
        if i + len(self.checks) > len(rows):
            return False
        return all(check(rows[i + k]) for k, check in enumerate(self.checks))


def compile_rules(patterns: Iterable[dict[str, Any]], strings: Any) -> list[_Rule] | None:
    """``AttributeRuler.patterns`` as rules (attr ids = entry order), or None if unsupported."""
    rules = []
    for attr_id, entry in enumerate(patterns):
        for pattern in entry["patterns"]:
            if not isinstance(pattern, list) or not 1 <= len(pattern) <= 3:
                return None
            checks = [_token_check(tp, strings) for tp in pattern]
            index = entry.get("index", 0)
            if any(c is None for c in checks) or not -len(pattern) <= index < len(pattern):
                return None
            rules.append(_Rule(attr_id, pattern, checks, index))  # type: ignore[arg-type]
    return rules


class CompiledAttributeRuler:
    """Drop-in for spaCy's ``AttributeRuler`` whose patterns ``compile_rules`` supports.

    Rules are indexed by their first token's exact (TAG, LOWER) or TAG so that each token
    checks only the few rules that can match it.
    """

    def __init__(self) -> None:
        from spacy.tokens._retokenize import set_token_attrs

        self._set = set_token_attrs
        self.attrs: list[dict[int, Any]] = []
        self.by_tag_lower: dict[tuple[int, int], list[_Rule]] = {}
        self.by_tag: dict[int, list[_Rule]] = {}
        self.any_tag: list[_Rule] = []
        self._cache: dict[Row, tuple[frozenset[int], tuple[_Rule, ...]]] = {}

    def load(self, ruler: Any, rules: list[_Rule]) -> None:
        """Take the rules compiled from ``ruler`` and its attribute sets."""
        strings = ruler.vocab.strings
        self.attrs = ruler.attrs  # per attr id: {attribute id: value}, as spaCy stores them
        for rule in rules:
            tags = _exact(rule.first.get("TAG"), strings)
            lowers = _exact(rule.first.get("LOWER"), strings)
            if tags is None:
                self.any_tag.append(rule)
            elif lowers is None:
                for tag in tags:
                    self.by_tag.setdefault(tag, []).append(rule)
            else:
                for tag in tags:
                    for lower in lowers:
                        self.by_tag_lower.setdefault((tag, lower), []).append(rule)

    def __call__(self, doc: Any) -> Any:
        rows: list[Row] = [tuple(r) for r in doc.to_array(list(COLUMNS)).tolist()]
        hits: dict[int, set[int]] = {}  # token index -> attr ids to apply
        for i, row in enumerate(rows):
            single, multi = self._cache.get(row) or self._first_token_hits(row)
            if single:
                hits.setdefault(i, set()).update(single)
            for rule in multi:
                if rule.matches(rows, i):
                    hits.setdefault(i + rule.index, set()).add(rule.attr_id)
        # Like AttributeRuler: match first, then set, in attr id order (later entries win).
        for i, attr_ids in hits.items():
            for attr_id in sorted(attr_ids):
                self._set(doc[i], self.attrs[attr_id])
        return doc

    def _first_token_hits(self, row: Row) -> tuple[frozenset[int], tuple[_Rule, ...]]:
        """For a token row: attr ids of matching one-token rules and the longer rules whose
        first token matches. Memoized, as (tag, lower, dep, space) rows repeat a lot."""
        candidates = [*self.by_tag_lower.get((row[0], row[1]), ()),
                      *self.by_tag.get(row[0], ()), *self.any_tag]
        passed = [rule for rule in candidates if rule.checks[0](row)]
        found = (frozenset(r.attr_id for r in passed if len(r.checks) == 1),
                 tuple(r for r in passed if len(r.checks) > 1))
        if len(self._cache) > CACHE_SIZE:
            self._cache.clear()
        self._cache[row] = found
        return found

    def pipe(self, docs: Iterable[Any], batch_size: int = 128) -> Iterator[Any]:
        for doc in docs:
            yield self(doc)


FACTORY = "storyline_compiled_attribute_ruler"


def compile_attribute_ruler(nlp: Any, name: str = "attribute_ruler") -> bool:
    """Replace the pipeline's attribute ruler by its compiled form if that is exact."""
    if name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(name)
    rules = compile_rules(ruler.patterns, nlp.vocab.strings)
    if rules is None:
        return False
    _register_factory()
    compiled = nlp.replace_pipe(name, FACTORY)
    compiled.load(ruler, rules)
    return True


def _register_factory() -> None:
    """Register the component factory (spaCy requires one to swap a component in)."""
    from spacy.language import Language

    if not Language.has_factory(FACTORY):
        Language.factory(FACTORY, func=lambda nlp, name: CompiledAttributeRuler())


# ---------------------------------------------------------------- no tensor on the Doc

DROP_TENSOR = "storyline_drop_tensor"


def _drop_tensor(doc: Any) -> Any:
    import numpy

    doc.tensor = numpy.zeros((0,), dtype="float32")
    return doc


def drop_tensors(nlp: Any) -> None:
    """Append a component that empties ``Doc.tensor`` (the tok2vec output, 96 floats per
    token). No stage reads it, and a Doc without it is about 4x smaller to serialize back
    from spaCy's worker processes (``n_process`` > 1)."""
    from spacy.language import Language

    if not Language.has_factory(DROP_TENSOR):
        Language.component(DROP_TENSOR, func=_drop_tensor)
    if DROP_TENSOR not in nlp.pipe_names:
        nlp.add_pipe(DROP_TENSOR, last=True)
