"""Storage: one interface (``Store``) over SQLAlchemy Core; SQLite default, PostgreSQL by URL."""

from .sql import SearchHit, Store, StoryRow

__all__ = ["Store", "StoryRow", "SearchHit"]
