"""Tables and engine. SQLite (a file) by default, PostgreSQL by URL; one schema for both.

There is no migration tool yet: ``create_schema`` creates missing tables, then adds the
columns later versions introduced (``ADDED_COLUMNS``) to a database made by an earlier one,
with ALTER TABLE, on SQLite and PostgreSQL alike. Any other change needs a migration step
written by hand."""
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
    String,
    Text,
    TypeDecorator,
    Uuid,
    create_engine,
    event,
    inspect,
    text,
)
from sqlalchemy.exc import DBAPIError
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


# Columns added after the first release: (table, column, SQL type and default). Databases
# created before them get them at start-up (Database.create_schema).
ADDED_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("jobs", "attempts", "INTEGER NOT NULL DEFAULT 0"),
)


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
    cur = dbapi_conn.cursor()  # type: ignore[attr-defined]
    # WAL lets the request handlers read while a worker thread writes a finished report.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=30000")
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
        Base.metadata.create_all(self.engine)
        self.add_missing_columns()

    def add_missing_columns(self) -> list[str]:
        """ALTER TABLE … ADD COLUMN for each of ADDED_COLUMNS the database lacks; the
        names added. Safe when another process does the same at the same time."""
        added = []
        for table, column, ddl in ADDED_COLUMNS:
            if column in {c["name"] for c in inspect(self.engine).get_columns(table)}:
                continue
            exists = " IF NOT EXISTS" if self.backend == "postgresql" else ""
            try:
                with self.engine.begin() as conn:
                    conn.execute(text(f"ALTER TABLE {table} ADD COLUMN{exists} {column} {ddl}"))
            except DBAPIError:
                # SQLite has no IF NOT EXISTS here: another process may have added it.
                if column not in {c["name"] for c in inspect(self.engine).get_columns(table)}:
                    raise
                continue
            added.append(f"{table}.{column}")
        return added

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
