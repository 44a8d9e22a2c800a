"""Tables and engine. SQLite (a file) by default, PostgreSQL by URL; one schema for both.

The schema is built and upgraded by the Alembic migrations in dossier/jobs/migrations
(``Database.create_schema`` runs them; see dossier/jobs/migrate.py). A change to a table
here needs a new migration there; tests/dossier/jobs/test_migrations.py compares the two.
API keys are here too: one metadata, one migration history."""
from __future__ import annotations

import uuid
from datetime import date, datetime, timezone
from enum import Enum
from pathlib import Path

from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    Engine,
    Integer,
    ForeignKey,
    String,
    Text,
    TypeDecorator,
    Uuid,
    create_engine,
    event,
    text,
)
from sqlalchemy.engine import make_url
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker


class JobStatus(str, Enum):
    queued = "queued"
    running = "running"
    done = "done"
    failed = "failed"


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC in Python on every backend (SQLite hands back naive values)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


class Base(DeclarativeBase):
    pass


class Job(Base):
    __tablename__ = "jobs"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    program: Mapped[str] = mapped_column(String(100))
    as_of: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    upload_name: Mapped[str] = mapped_column(String(255))
    file_count: Mapped[int] = mapped_column(Integer)
    total_bytes: Mapped[int] = mapped_column(BigInteger)
    # The report exactly as `dossier check --format json` prints it (JSON text, so the
    # stored bytes are what every later GET returns, whatever the backend's JSON type).
    report_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    tool_version: Mapped[str] = mapped_column(String(64))
    # Who submitted it ("key:<id>", "env:<hash prefix>", "anonymous"); others get 404.
    owner: Mapped[str] = mapped_column(String(80), index=True)
    # How many times a worker has started it: a job still "running" at a restart with
    # two attempts behind it took the service down twice and is not retried (recovery.py).
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Why it failed, as a code (timeout, memory, crashed, failed, interrupted,
    # interrupted_twice, upload_lost, queue_unavailable); the Chinese reason is ``error``.
    error_code: Mapped[str | None] = mapped_column(String(32), nullable=True)
    # Progress while running: files read of those found, pages read by OCR.
    docs_total: Mapped[int | None] = mapped_column(Integer, nullable=True)
    docs_done: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    pages_done: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Which worker holds it ("host:pid") and when it last said it was alive; a running
    # job whose heartbeat stops was lost with its worker (dossier/jobs/sweep.py).
    worker: Mapped[str | None] = mapped_column(String(200), nullable=True)
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # Where the job came from: "api" or "batch" (a cluster batch's own jobs).
    source: Mapped[str] = mapped_column(String(16), default="api", server_default="api")
    # Completion webhook: the URL given at submission, and what its delivery came to.
    webhook_url: Mapped[str | None] = mapped_column(Text, nullable=True)
    webhook_status: Mapped[str | None] = mapped_column(String(200), nullable=True)
    # When the uploaded files were deleted (at the end of the job, or by retention).
    files_deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class JobCrop(Base):
    """One page crop of a finished job's review page (base64 PNG keyed by
    dossier.crops.location_key), made by the worker while the files were on its disk."""

    __tablename__ = "job_crops"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    job_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("jobs.id", ondelete="CASCADE"),
                                              index=True)
    key: Mapped[str] = mapped_column(Text)
    png_base64: Mapped[str] = mapped_column(Text)


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    salt: Mapped[str] = mapped_column(String(64))
    key_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


def _sqlite_pragmas(dbapi_conn: object, _record: object) -> None:
    import sqlite3
    import time

    cur = dbapi_conn.cursor()  # type: ignore[attr-defined]
    cur.execute("PRAGMA busy_timeout=30000")
    # WAL lets the request handlers read while a worker thread writes a finished report.
    # The mode is stored in the file, so it is set once; switching needs the file to
    # itself, and SQLite answers "locked" at once, without waiting, when processes
    # starting together (API and workers) open it in the same moment: retry briefly.
    deadline = time.monotonic() + 30
    while str(cur.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "delete":
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            break
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    cur.close()


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.session = sessionmaker(self.engine, expire_on_commit=False)

    def create_schema(self) -> None:
        """Create or upgrade the tables to the newest migration (safe when several
        processes start at once: the API and its workers)."""
        from dossier.jobs.migrate import upgrade

        upgrade(self.engine)

    def ping(self) -> None:
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    def dispose(self) -> None:
        self.engine.dispose()

    def new_session(self) -> Session:
        return self.session()

    @property
    def backend(self) -> str:
        return self.engine.dialect.name
