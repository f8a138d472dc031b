"""CLI commands for story clustering; registered on the shared group from ``base``."""

from __future__ import annotations

from .base import cli  # noqa: F401
