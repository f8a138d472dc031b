"""One writer at a time per store: a lock every write command takes (ingest, analyze,
cluster, run, load), so two concurrent runs cannot interleave their story updates.

SQLite: an exclusive ``flock`` on ``<db>-lock`` next to the database (a separate file:
closing any descriptor of the database itself would drop SQLite's own POSIX locks).
PostgreSQL: a session advisory lock held on a dedicated connection. Either is released when
the process ends, so a killed run never leaves a stale lock. Readers never take it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from ..errors import StoreBusy

LOCK_SUFFIX = "-lock"
_PG_KEY = 0x5709_11E5  # arbitrary, fixed: "storyline writer" (fits a 32-bit int)


class WriterLock:
    """Re-entrant within one process: ``run`` holds it across ingest, analyze and stories."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self.depth = 0
        self._held: Any = None

    @contextlib.contextmanager
    def hold(self) -> Iterator[None]:
        if self.depth == 0:
            self._held = self._acquire()
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1
            if self.depth == 0:
                self._release()

    def _acquire(self) -> Any:
        if self.engine.dialect.name == "sqlite":
            return _flock(self.url)
        if self.engine.dialect.name == "postgresql":
            conn = self.engine.connect()
            # Keyed by schema too: stores in two schemas of one database are two stores.
            got = conn.execute(text("SELECT pg_try_advisory_lock(:k, hashtext(current_schema()))"),
                               {"k": _PG_KEY}).scalar()
            conn.commit()
            if not got:
                conn.close()
                raise StoreBusy(_busy(make_url(self.url).render_as_string(hide_password=True)))
            return conn
        return None

    def _release(self) -> None:
        held, self._held = self._held, None
        if held is None:
            return
        if self.engine.dialect.name == "postgresql":
            held.execute(text("SELECT pg_advisory_unlock(:k, hashtext(current_schema()))"),
                         {"k": _PG_KEY})
            held.commit()
        held.close()


def _busy(where: str) -> str:
    return (f"another storyline process is writing to {where}; wait for it to finish "
            "(reading commands work meanwhile), or use another --db")


def lock_path(url: str) -> Path | None:
    database = make_url(url).database
    if not database or database == ":memory:":
        return None
    return Path(database).expanduser().with_name(Path(database).name + LOCK_SUFFIX)


def _flock(url: str) -> IO[bytes] | None:
    path = lock_path(url)
    if path is None:
        return None
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no lock, writers stay row-safe
        return None
    fh = path.open("a+b")
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.close()
        raise StoreBusy(_busy(str(path.with_name(path.name[: -len(LOCK_SUFFIX)])))) from None
    fh.seek(0)
    fh.truncate()
    fh.write(f"{os.getpid()}\n".encode())
    fh.flush()
    return fh
