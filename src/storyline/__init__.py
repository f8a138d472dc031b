"""storyline: turn a pile of news articles into verified stories."""

from .api import Storyline
from .config import Options, load_options
from .errors import InputError, NotFound, StorylineError
from .model import Article, Entity, Event, Number, Quote, Timex
from .runs import RunReport

__version__ = "0.1.0"

__all__ = [
    "Article", "Entity", "Event", "InputError", "NotFound", "Number", "Options", "Quote",
    "RunReport", "Storyline", "StorylineError", "Timex", "load_options", "__version__",
]
