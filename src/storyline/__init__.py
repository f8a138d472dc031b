"""storyline: turn a pile of news articles into verified stories."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .config import Options, load_options
from .errors import InputError, NotFound, StorylineError
from .model import Article, Entity, Event, Number, Quote, Timex
from .runs import RunReport
from .stages import BUILTIN_STAGES  # noqa: F401  (registers the built-in stages, lightly)

if TYPE_CHECKING:
    from .api import Storyline

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # The facade imports the store (SQLAlchemy): loaded on first use, so the CLI's --help
    # and modules that only need the model or options start fast.
    if name == "Storyline":
        from .api import Storyline

        return Storyline
    raise AttributeError(f"module 'storyline' has no attribute {name!r}")


__all__ = [
    "Article", "Entity", "Event", "InputError", "NotFound", "Number", "Options", "Quote",
    "RunReport", "Storyline", "StorylineError", "Timex", "load_options", "__version__",
]
