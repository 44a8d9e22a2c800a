"""Brings the job database to the newest Alembic migration (dossier/jobs/migrations), at every
start of the API and of each worker.

Databases made before there were migrations (create_all, plus the hand-written ALTER TABLE
of the second release) have the tables but no ``alembic_version``: they are stamped with the
revision their columns show, then upgraded like any other. Several processes may start at
once against one database; a lock (PostgreSQL advisory lock, or a file lock beside a SQLite
file) lets one migrate while the others wait, and they find the work done."""
from __future__ import annotations

import fcntl
import logging
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import SQLAlchemyError

# Alembic logs at INFO from its import on (plugins, then each context and revision): at
# every start of every worker that is noise. A level the application's logging config set
# on purpose is left alone.
if logging.getLogger("alembic").level == logging.NOTSET:
    logging.getLogger("alembic").setLevel(logging.WARNING)

from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402
from alembic.runtime.migration import MigrationContext  # noqa: E402
from alembic.script import ScriptDirectory  # noqa: E402

MIGRATIONS_DIR = Path(__file__).resolve().with_name("migrations")

# Any fixed 64-bit number shared by every process of the service: "dossjobs" in ASCII.
PG_LOCK_KEY = int.from_bytes(b"dossjobs", "big")

# Columns the third revision added: a pre-Alembic database that has them all (create_all
# from the current models) needs no more than a stamp.
_REVISION_0003_COLUMNS = frozenset({
    "error_code", "docs_total", "docs_done", "pages_done", "worker", "heartbeat_at", "source",
    "webhook_url", "webhook_status", "files_deleted_at"})


def _config(connection: Connection | None = None) -> Config:
    cfg = Config()  # no alembic.ini, hence no fileConfig of the logging either
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("path_separator", "os")
    cfg.attributes["connection"] = connection
    return cfg


@lru_cache(maxsize=1)
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


def _known_revisions() -> set[str]:
    return {script.revision for script in _script().walk_revisions()}


def head_revision() -> str:
    head = _script().get_current_head()
    if head is None:
        raise RuntimeError(f"no migration found in {MIGRATIONS_DIR}")
    return head


def _revision_of(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is stamped with; None when it has no ``alembic_version``
    (empty, or made by a release before the migrations)."""
    with engine.connect() as conn:
        return _revision_of(conn)


def _legacy_revision(conn: Connection) -> str | None:
    """The revision a database without ``alembic_version`` matches; None when it has no
    tables of ours (upgrade from nothing)."""
    insp = inspect(conn)
    if not insp.has_table("jobs"):
        return None
    columns = {c["name"] for c in insp.get_columns("jobs")}
    if "attempts" not in columns:
        return "0001"
    if insp.has_table("job_crops") and _REVISION_0003_COLUMNS <= columns:
        return "0003"
    return "0002"


def _sqlite_file(engine: Engine) -> Path | None:
    database = engine.url.database
    if not database or database == ":memory:" or "mode=memory" in database:
        return None  # one process's own database: nobody to race with
    return Path(database).expanduser()


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # released by close, also when the process dies
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _pg_unlock(conn: Connection) -> None:
    try:
        if conn.in_transaction():
            conn.rollback()
        conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": PG_LOCK_KEY})
        conn.commit()
    except SQLAlchemyError:
        # The lock belongs to the server session: a pooled connection still holding it
        # would block every later start, so the session is closed instead.
        conn.invalidate()


@contextmanager
def _locked_connection(engine: Engine) -> Iterator[Connection]:
    with ExitStack() as stack:
        if engine.dialect.name == "sqlite":
            db_file = _sqlite_file(engine)
            if db_file is not None:
                stack.enter_context(_file_lock(db_file.with_name(db_file.name + ".migrate.lock")))
        conn = stack.enter_context(engine.connect())
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": PG_LOCK_KEY})
            conn.commit()  # session-level: held across the migration's own transaction
            stack.callback(_pg_unlock, conn)
        yield conn


@contextmanager
def _transaction(conn: Connection) -> Iterator[None]:
    if conn.dialect.name != "sqlite":
        with conn.begin():
            yield
        return
    # pysqlite opens a transaction only before INSERT/UPDATE/DELETE, so each CREATE/ALTER
    # would commit by itself and a migration cut off half-way would stay half-done. With the
    # driver's own handling off, one BEGIN covers the whole migration (SQLite's DDL is
    # transactional); the driver setting goes back before the connection returns to the pool.
    dbapi: Any = conn.connection.driver_connection
    saved = dbapi.isolation_level
    dbapi.isolation_level = None
    try:
        with conn.begin():
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            yield
    finally:
        dbapi.isolation_level = saved


def upgrade(engine: Engine) -> None:
    """Create or upgrade the tables to the head revision; a no-op when already there."""
    head = head_revision()
    if current_revision(engine) == head:
        return
    with _locked_connection(engine) as conn, _transaction(conn):
        # Another process may have migrated while this one waited for the lock.
        current = _revision_of(conn)
        if current == head:
            return
        if current is not None and current not in _known_revisions():
            raise RuntimeError(f"数据库结构版本 {current} 高于本程序支持的 {head}：请升级程序后再启动")
        cfg = _config(conn)
        if current is None:
            legacy = _legacy_revision(conn)
            if legacy is not None:
                command.stamp(cfg, legacy)
        command.upgrade(cfg, "head")


def downgrade(engine: Engine, revision: str) -> None:
    """Undo the migrations above ``revision`` ("base": every table goes), under the same
    lock; for going back to an older release, and for tests."""
    with _locked_connection(engine) as conn, _transaction(conn):
        command.downgrade(_config(conn), revision)
