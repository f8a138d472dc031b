"""What a run reports: counts and failures. Low in the layers (next to ``errors``), so
ingest, analyze, stories and batch import it without importing the ``api`` facade."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Failure:
    """One input or article that could not be used (or, among warnings, a problem that did
    not stop it): what it was, why, and in which stage."""

    source: str
    reason: str
    stage: str | None = None


@dataclass
class RunReport:
    """Counts of one run; ``ok`` is False when any input failed (the CLI exits 1)."""

    ingested: int = 0
    unchanged: int = 0  # already in the store (same content id)
    duplicates: int = 0  # exact or near duplicates linked to a canonical article
    analyzed: int = 0
    stories: int = 0
    failures: list[Failure] = field(default_factory=list)
    warnings: list[Failure] = field(default_factory=list)  # recorded, but not failures

    @property
    def ok(self) -> bool:
        return not self.failures

    def merge(self, other: RunReport) -> RunReport:
        for name in ("ingested", "unchanged", "duplicates", "analyzed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.stories = other.stories or self.stories
        self.failures.extend(other.failures)
        self.warnings.extend(other.warnings)
        return self

    def to_dict(self) -> dict[str, Any]:
        return {"ingested": self.ingested, "unchanged": self.unchanged,
                "duplicates": self.duplicates, "analyzed": self.analyzed,
                "stories": self.stories, "failed": len(self.failures),
                "failures": [f.__dict__ for f in self.failures],
                "warnings": [w.__dict__ for w in self.warnings]}
