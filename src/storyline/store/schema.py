"""Tables, as SQLAlchemy Core metadata shared by SQLite and PostgreSQL.

Annotations are stored as one JSON document per article (they are always read together);
entity mentions are also flattened into ``mentions`` so stories and articles can be
filtered by entity with an index instead of scanning JSON.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("url", Text),
    Column("source_path", Text),
    Column("title", Text),
    Column("outlet", Text),
    Column("author", Text),
    Column("published", String(32)),
    Column("published_source", String(16)),
    Column("language", String(16)),
    Column("format", String(16)),
    Column("text", Text, nullable=False),
    Column("removed", Text),  # JSON list of boilerplate lines the cleaner dropped
    Column("duplicate_of", String(32)),
    Column("syndication_group", String(32)),
    Column("story_id", String(32)),
    Column("analyzed", Boolean, nullable=False, default=False),
    Column("annotations", Text),  # JSON: sentences, entities, timexes, quotes, numbers, events
    Column("meta", Text),  # JSON: free-form extras
    Column("ingested_at", String(32), nullable=False),
    # JSON: the document date inferred from the text when ``published`` is null (migration 6)
    Column("inferred_date", Text),
)
Index("ix_articles_published", articles.c.published)
Index("ix_articles_story", articles.c.story_id)
Index("ix_articles_outlet", articles.c.outlet)
Index("ix_articles_syndication", articles.c.syndication_group)

mentions = Table(
    "mentions",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id"), nullable=False),
    Column("canonical", Text, nullable=False),
    Column("label", String(16), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)
Index("ix_mentions_canonical", mentions.c.canonical)
Index("ix_mentions_article", mentions.c.article_id)

fingerprints = Table(
    "fingerprints",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id"), primary_key=True),
    Column("minhash", LargeBinary, nullable=False),  # uint64 hash values, little-endian
)

# LSH band keys of each fingerprint (ingest/dedup.py): near-duplicate candidates are found
# with an index lookup instead of loading every stored signature at start-up.
lsh_keys = Table(
    "lsh_keys",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id"), nullable=False),
    Column("key", BigInteger, nullable=False),
)
Index("ix_lsh_keys_key", lsh_keys.c.key)
Index("ix_lsh_keys_article", lsh_keys.c.article_id)

embeddings = Table(
    "embeddings",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id"), primary_key=True),
    Column("model", String(64), nullable=False),
    Column("dim", Integer, nullable=False),
    Column("vector", LargeBinary, nullable=False),  # float32, little-endian
)

stories = Table(
    "stories",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("title", Text),
    Column("size", Integer, nullable=False, default=0),
    Column("first_published", String(32)),
    Column("last_published", String(32)),
    Column("score", Float),
    Column("meta", Text),  # JSON: top entities, places, dates
    Column("created_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
)

# Incremental clustering state per story: the sum of member embeddings (float32) and the
# feature counts (entities, places, event months, dates) so a later run continues without
# re-reading old articles. Written by storyline.stories.cluster.
story_states = Table(
    "story_states",
    metadata,
    Column("story_id", String(32), primary_key=True),
    Column("model", String(64), nullable=False),
    Column("dim", Integer, nullable=False),
    Column("size", Integer, nullable=False),
    Column("vector", LargeBinary, nullable=False),  # float32 sum of member vectors
    Column("state", Text, nullable=False),  # JSON: entity/place/month counts, dates, title
)

# Inputs read to the end without a failure, with a fingerprint of what was read and how:
# a re-ingest skips an input whose fingerprint is unchanged instead of cleaning it again.
inputs = Table(
    "inputs",
    metadata,
    Column("path", Text, primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("articles", Integer, nullable=False),
    Column("ingested_at", String(32), nullable=False),
)

failures = Table(
    "failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("stage", String(32)),
    Column("at", String(32), nullable=False),
)

# Articles whose analysis failed (an error in one stage): ``analyze`` skips them on reruns
# unless ``--retry-failed``; the row goes when the article is analyzed successfully.
analysis_failed = Table(
    "analysis_failed",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id"), primary_key=True),
    Column("stage", String(32)),
    Column("reason", Text, nullable=False),
    Column("at", String(32), nullable=False),
)

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("applied_at", String(32), nullable=False),
)
