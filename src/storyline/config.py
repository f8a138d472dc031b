"""One typed options object, built from the packaged defaults plus overrides.

Precedence (lowest to highest): packaged ``default_config.toml`` < a user TOML file <
environment variables ``STORYLINE_<SECTION>__<KEY>`` < explicit overrides (CLI ``--set``).
The object is passed explicitly to every component; nothing reads globals.

Every default value lives in ONE place, the packaged ``default_config.toml`` (with its
comment). The dataclasses below hold names and types only: a field declared ``= opt()``
takes its default from the TOML table of its section when the object is built, so
``Options()`` and ``IngestOptions()`` still give the defaults. A field without a TOML value,
or a TOML value without a field, fails at import (tests/test_config.py checks it too).
Sub-sections (``[stories.features]``) are nested dataclasses.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import json
import os
import tomllib
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar, dataclass_transform

from .errors import ConfigError

T = TypeVar("T")


@functools.cache
def packaged_defaults() -> dict[str, Any]:
    """The parsed ``default_config.toml`` (read once; callers get copies of its values)."""
    text = resources.files("storyline").joinpath("default_config.toml").read_text("utf-8")
    return tomllib.loads(text)


class _Default:
    """Default factory of one option: its value in the packaged TOML (bound by ``section``)."""

    def __init__(self) -> None:
        self.path: tuple[str, ...] = ()

    def __call__(self) -> Any:
        node: Any = packaged_defaults()
        for part in self.path:
            node = node[part]
        return copy.deepcopy(node)


def _is_opt(value: Any) -> bool:
    return isinstance(value, dataclasses.Field) and isinstance(value.default_factory, _Default)


def opt() -> Any:
    """Declare an option whose default is in ``default_config.toml`` (see the module doc)."""
    return field(default_factory=_Default())


@dataclass_transform()
def section(path: str) -> Callable[[type[T]], type[T]]:
    """Make a dataclass of one TOML table (``"stories.features"``) and bind its defaults."""

    def wrap(cls: type[T]) -> type[T]:
        node: Any = packaged_defaults()
        for part in path.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if not isinstance(node, dict):
            raise ConfigError(f"default_config.toml has no [{path}] table")
        for name in cls.__dict__.get("__annotations__", {}):
            current = cls.__dict__.get(name)
            nested = isinstance(current, dataclasses.Field) and isinstance(
                current.default_factory, type)
            if name in node and not nested and not _is_opt(current):
                # A default written here as well (e.g. by a merge): the TOML value wins.
                setattr(cls, name, opt())
        cls = dataclass(cls)
        names = set()
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            if isinstance(f.default_factory, _Default):
                f.default_factory.path = (*path.split("."), f.name)
                names.add(f.name)
        known = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        if set(node) - known or names - set(node):
            raise ConfigError(f"[{path}] in default_config.toml and {cls.__name__} disagree: "
                              f"{sorted((set(node) - known) | (names - set(node)))}")
        return cls

    return wrap


@section("store")
class StoreOptions:
    url: str = opt()


@section("ingest")
class IngestOptions:
    max_bytes: int = opt()
    progress: bool = opt()
    near_duplicate_threshold: float = opt()
    syndication_threshold: float = opt()
    minhash_permutations: int = opt()
    shingle_size: int = opt()
    batch_size: int = opt()
    n_process: int = opt()


@section("clean")
class CleanOptions:
    min_line_chars: int = opt()
    html_favor: str = opt()
    html_fallback: str = opt()


@section("analysis")
class AnalysisOptions:
    spacy_model: str = opt()
    n_process: int = opt()
    batch_size: int = opt()
    matmul: str = opt()
    stages: list[str] = opt()
    quote_types: list[str] = opt()


@section("temporal")
class TemporalOptions:
    year_by_tense: bool = opt()
    past_year_slack_days: int = opt()


@section("stories.features")
class FeatureOptions:
    entity_weights: dict[str, float] = opt()
    year_weight: float = opt()


@section("stories")
class StoriesOptions:
    embedder: str = opt()
    hashing_threshold_shift: float = opt()
    ann: str = opt()
    ann_connectivity: int = opt()
    ann_expansion_search: int = opt()
    candidates: int = opt()
    join_threshold: float = opt()
    join_bias: float = opt()
    join_embedding: float = opt()
    join_lexical: float = opt()
    join_entity: float = opt()
    join_days: float = opt()
    join_places: float = opt()
    refine_days: int = opt()
    thread_min_shared: int = opt()
    thread_min_cosine: float = opt()
    embed_batch: int = opt()
    features: FeatureOptions = field(default_factory=FeatureOptions)


@section("web")
class WebOptions:
    host: str = opt()
    port: int = opt()
    read_only: bool = opt()


@section("batch")
class BatchOptions:
    ray_address: str = opt()
    output: str = opt()
    partition_by: str = opt()
    num_cpus: int = opt()


@section("watch")
class WatchOptions:
    user_agent: str = opt()
    interval: float = opt()
    timeout: float = opt()
    retries: int = opt()
    backoff: float = opt()
    host_delay: float = opt()
    max_pages: int = opt()
    max_redirects: int = opt()


@dataclass
class Options:
    store: StoreOptions = field(default_factory=StoreOptions)
    ingest: IngestOptions = field(default_factory=IngestOptions)
    clean: CleanOptions = field(default_factory=CleanOptions)
    analysis: AnalysisOptions = field(default_factory=AnalysisOptions)
    temporal: TemporalOptions = field(default_factory=TemporalOptions)
    stories: StoriesOptions = field(default_factory=StoriesOptions)
    web: WebOptions = field(default_factory=WebOptions)
    batch: BatchOptions = field(default_factory=BatchOptions)
    watch: WatchOptions = field(default_factory=WatchOptions)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def replace(self, **dotted: Any) -> Options:
        """A copy with ``section.key`` overrides applied: ``opts.replace(**{"store.url": u})``."""
        data = self.to_dict()
        for key, value in dotted.items():
            _set_dotted(data, key, value)
        return _build(data)


def _coerce(value: Any, current: Any, key: str) -> Any:
    """Turn a string from the environment or the CLI into the type of the default."""
    if not isinstance(value, str) or isinstance(current, str):
        return value
    try:
        if isinstance(current, bool):
            if value.lower() in {"1", "true", "yes", "on"}:
                return True
            if value.lower() in {"0", "false", "no", "off"}:
                return False
            raise ValueError(value)
        if isinstance(current, int):
            return int(value)
        if isinstance(current, float):
            return float(value)
        if isinstance(current, list):
            return json.loads(value) if value.startswith("[") else [v for v in value.split(",") if v]
        if isinstance(current, dict):
            return json.loads(value)
    except ValueError as exc:  # json.JSONDecodeError is a ValueError too
        raise ConfigError(f"option {key}={value!r}: expected {type(current).__name__}") from exc
    return value


def _leaf_paths(cls: Any, prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], bool]:
    """Every option path of a dataclass -> True; sub-section paths -> False."""
    hints = typing.get_type_hints(cls)
    out: dict[tuple[str, ...], bool] = {}
    for f in dataclasses.fields(cls):
        path = (*prefix, f.name)
        kind = hints[f.name]
        if dataclasses.is_dataclass(kind):
            out[path] = False
            out.update(_leaf_paths(kind, path))
        else:
            out[path] = True
    return out


@functools.cache
def _option_paths() -> dict[tuple[str, ...], bool]:
    """``_leaf_paths(Options)``, built once: every override and config key is checked
    against it. Callers only read it."""
    return _leaf_paths(Options)


def _set_dotted(data: dict[str, Any], key: str, value: Any) -> None:
    path = tuple(key.split("."))
    paths = _option_paths()
    if paths.get(path) is not True or len(path) < 2:
        known = ", ".join(".".join(p) for p, leaf in paths.items() if leaf)
        raise ConfigError(f"unknown option {key!r}; known options: {known}")
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = _coerce(value, node[path[-1]], key)


def _build_section(cls: Any, data: Mapping[str, Any]) -> Any:
    hints = typing.get_type_hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name in data:
            value = data[f.name]
            kind = hints[f.name]
            kwargs[f.name] = _build_section(kind, value) if dataclasses.is_dataclass(kind) \
                else value
    return cls(**kwargs)


def _build(data: Mapping[str, Any]) -> Options:
    return typing.cast(Options, _build_section(Options, data))


def _merge(base: dict[str, Any], update: Mapping[str, Any], origin: str,
           prefix: tuple[str, ...] = ()) -> None:
    paths = _option_paths()
    for name, value in update.items():
        path = (*prefix, name)
        if paths.get(path) is False:  # a [section] or [section.sub] table
            if not isinstance(value, Mapping):
                raise ConfigError(f"{origin}: {'.'.join(path)!r} must be a [table]")
            _merge(base, value, origin, path)
        elif not prefix:
            raise ConfigError(f"{origin}: top-level key {name!r} must be a [section]")
        else:
            _set_dotted(base, ".".join(path), value)


def default_options() -> Options:
    """The packaged defaults (``default_config.toml``)."""
    return Options()


def load_options(
    config_file: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Options:
    """Defaults < config file < STORYLINE_* environment < explicit overrides."""
    data = default_options().to_dict()
    if config_file:
        path = Path(config_file)
        try:
            _merge(data, tomllib.loads(path.read_text("utf-8")), str(path))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config file {path}: {exc}") from exc
    environ = os.environ if env is None else env
    for name, value in environ.items():
        if name.startswith("STORYLINE_") and "__" in name:
            # STORYLINE_STORIES__FEATURES__YEAR_WEIGHT -> stories.features.year_weight
            _set_dotted(data, name[len("STORYLINE_"):].lower().replace("__", "."), value)
    for key, value in (overrides or {}).items():
        _set_dotted(data, key, value)
    return _build(data)
