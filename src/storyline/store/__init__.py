"""Storage: one interface (``Store``) over SQLAlchemy Core; SQLite default, PostgreSQL by URL."""

from .sql import SearchHit, Store, StoryRow
from .story_io import StateRow, StoryProblems

__all__ = ["SearchHit", "StateRow", "Store", "StoryProblems", "StoryRow"]
