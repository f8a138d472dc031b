"""Web UI and JSON API (FastAPI + Jinja2), read-only over the store: ``storyline serve``."""

from .app import create_app

__all__ = ["create_app"]
