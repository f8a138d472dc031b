"""Tables of migration 8: outlet profiles, follows, the changes log and ``watch`` state.

Kept apart from ``schema`` so the tables of one feature live together; they share its
``metadata`` so a fresh database creates them with the others.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Index, Integer, String, Table, Text, UniqueConstraint

from .schema import metadata

# Imported outlet profiles (`storyline outlets import FILE.csv`): the fixed columns plus any
# user columns (lean, reliability...) as JSON. None ship with the package.
outlet_profiles = Table(
    "outlet_profiles",
    metadata,
    Column("domain", String(255), primary_key=True),  # registrable host, without "www."
    Column("name", Text, nullable=False),
    Column("country", Text),
    Column("language", Text),
    Column("owner", Text),
    Column("extra", Text),  # JSON object: the user's own columns
    Column("imported_at", String(32), nullable=False),
)

# What the user follows: an entity, an actor pair or a story.
follows = Table(
    "follows",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),  # entity | pair | story
    Column("target", Text, nullable=False),  # canonical name, "A|B" (sorted), or story id
    Column("created_at", String(32), nullable=False),
    UniqueConstraint("kind", "target", name="uq_follows_kind_target"),
)

# The changes log: one row per change seen by a watch round. ``key`` is unique so a round
# replayed after a crash appends nothing twice.
changes = Table(
    "changes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(200), nullable=False, unique=True),
    Column("at", String(32), nullable=False),
    Column("kind", String(32), nullable=False),  # new_story | article_added | conflict_new | conflict_resolved
    Column("story_id", String(32)),
    Column("article_id", String(32)),
    Column("follows", Text),  # JSON list of the follows it concerns ("entity:Vladimir Putin")
    Column("message", Text, nullable=False),
    Column("data", Text),  # JSON: the change in full
)
Index("ix_changes_at", changes.c.at)

# Conditional-GET state of each polled feed or sitemap.
feeds = Table(
    "watch_feeds",
    metadata,
    Column("url", Text, primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("checked_at", String(32)),
    Column("status", Integer),
    Column("error", Text),
)

# Every article URL a feed announced, and what became of it. A restarted watch resumes
# the URLs still "pending" and reports articles not yet "reported".
pages = Table(
    "watch_pages",
    metadata,
    Column("url", Text, primary_key=True),
    Column("feed", Text),
    Column("title", Text),
    Column("published", String(64)),
    Column("status", String(16), nullable=False),  # pending | stored | failed
    Column("article_id", String(32)),
    Column("reason", Text),
    Column("attempts", Integer, nullable=False, default=0),
    Column("reported", Boolean, nullable=False, default=False),
    Column("seen_at", String(32), nullable=False),
)
Index("ix_watch_pages_status", pages.c.status)

# The conflicts each story had when a watch round last looked, to report new and resolved ones.
story_marks = Table(
    "watch_story_marks",
    metadata,
    Column("story_id", String(32), primary_key=True),
    Column("conflicts", Text, nullable=False),  # JSON list of fact labels
)
