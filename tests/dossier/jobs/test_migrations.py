"""The Alembic migrations of the job database: they build what the models describe, take
databases of the releases before them (which had no ``alembic_version``) up to the newest
without losing rows, go down and up again, and several processes starting at once on one
database all succeed. The PostgreSQL cases run only when DOSSIER_TEST_POSTGRES_URL is set
(see scripts/ci_postgres.sh); they drop the tables of that database before and after."""
from __future__ import annotations

import logging
import multiprocessing
import os
import uuid
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, select, text
from sqlalchemy.exc import SQLAlchemyError

from dossier.jobs import migrate
from dossier.jobs.db import Base, Database, Job

PG_URL = os.environ.get("DOSSIER_TEST_POSTGRES_URL", "")

# The first release's tables exactly as its create_all made them (git show fe2d47d:api/db.py).
FIRST_RELEASE_DDL: dict[str, tuple[str, ...]] = {
    "sqlite": (
        """CREATE TABLE jobs (
            id CHAR(32) NOT NULL, program VARCHAR(100) NOT NULL, as_of DATE NOT NULL,
            status VARCHAR(16) NOT NULL, created_at DATETIME NOT NULL, started_at DATETIME,
            finished_at DATETIME, error TEXT, upload_name VARCHAR(255) NOT NULL,
            file_count INTEGER NOT NULL, total_bytes BIGINT NOT NULL, report_json TEXT,
            tool_version VARCHAR(64) NOT NULL, owner VARCHAR(80) NOT NULL, PRIMARY KEY (id))""",
        "CREATE INDEX ix_jobs_owner ON jobs (owner)",
        "CREATE INDEX ix_jobs_status ON jobs (status)",
        """CREATE TABLE api_keys (
            id VARCHAR(32) NOT NULL, name VARCHAR(200) NOT NULL, salt VARCHAR(64) NOT NULL,
            key_hash VARCHAR(64) NOT NULL, created_at DATETIME NOT NULL, revoked_at DATETIME,
            PRIMARY KEY (id))""",
    ),
    "postgresql": (
        """CREATE TABLE jobs (
            id UUID NOT NULL, program VARCHAR(100) NOT NULL, as_of DATE NOT NULL,
            status VARCHAR(16) NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL,
            started_at TIMESTAMP WITH TIME ZONE, finished_at TIMESTAMP WITH TIME ZONE,
            error TEXT, upload_name VARCHAR(255) NOT NULL, file_count INTEGER NOT NULL,
            total_bytes BIGINT NOT NULL, report_json TEXT, tool_version VARCHAR(64) NOT NULL,
            owner VARCHAR(80) NOT NULL, PRIMARY KEY (id))""",
        "CREATE INDEX ix_jobs_owner ON jobs (owner)",
        "CREATE INDEX ix_jobs_status ON jobs (status)",
        """CREATE TABLE api_keys (
            id VARCHAR(32) NOT NULL, name VARCHAR(200) NOT NULL, salt VARCHAR(64) NOT NULL,
            key_hash VARCHAR(64) NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL,
            revoked_at TIMESTAMP WITH TIME ZONE, PRIMARY KEY (id))""",
    ),
}
# What the second release ran at start-up on such a database.
SECOND_RELEASE_ALTER = "ALTER TABLE jobs ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0"

CREATED = datetime(2022, 12, 20, 9, 30, tzinfo=timezone.utc)


def _drop_everything(url: str) -> None:
    db = Database(url)
    Base.metadata.drop_all(db.engine)
    with db.engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    db.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(
    not PG_URL, reason="DOSSIER_TEST_POSTGRES_URL not set (see scripts/ci_postgres.sh)"))])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'jobs.db'}"
        return
    _drop_everything(PG_URL)
    yield PG_URL
    _drop_everything(PG_URL)


@pytest.fixture
def db(url: str) -> Iterator[Database]:
    database = Database(url)
    yield database
    database.dispose()


def _differences(engine: Engine) -> list[Any]:
    # Nothing is filtered out: types and server defaults are compared as well, on SQLite and
    # PostgreSQL alike, and no dialect artefact has needed ignoring so far.
    with engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"compare_type": True, "compare_server_default": True})
        return list(compare_metadata(ctx, Base.metadata))


def _columns(engine: Engine, table: str = "jobs") -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns(table)}


def _first_release(db: Database, with_attempts: bool = False) -> uuid.UUID:
    """A database as the first release left it (or the second, with_attempts), holding a
    finished job; its id."""
    job_id = uuid.uuid4()
    sqlite = db.backend == "sqlite"
    with db.engine.begin() as conn:
        for ddl in FIRST_RELEASE_DDL[db.backend]:
            conn.execute(text(ddl))
        conn.execute(
            text("INSERT INTO jobs (id, program, as_of, status, created_at, finished_at, "
                 "upload_name, file_count, total_bytes, report_json, tool_version, owner) VALUES "
                 "(:id, 'sd-chenxing-2022', '2022-12-20', 'done', :created, :created, '企业A', 2, "
                 "10, '{\"findings\": []}', '0.1.0', 'anonymous')"),
            {"id": job_id.hex if sqlite else job_id,
             "created": CREATED.strftime("%Y-%m-%d %H:%M:%S.%f") if sqlite else CREATED})
        if with_attempts:
            conn.execute(text(SECOND_RELEASE_ALTER))
            conn.execute(text("UPDATE jobs SET attempts = 1"))
    return job_id


def test_a_fresh_database_upgrades_to_head_and_matches_the_models(db: Database) -> None:
    assert migrate.current_revision(db.engine) is None
    db.create_schema()
    assert migrate.current_revision(db.engine) == migrate.head_revision() == "0003"
    assert set(inspect(db.engine).get_table_names()) == {
        "alembic_version", "jobs", "api_keys", "job_crops"}
    assert _differences(db.engine) == []
    db.create_schema()  # the second start changes nothing
    assert migrate.current_revision(db.engine) == "0003"


def test_a_first_release_database_is_upgraded_and_keeps_its_jobs(db: Database) -> None:
    job_id = _first_release(db)
    assert migrate.current_revision(db.engine) is None
    db.create_schema()
    assert migrate.current_revision(db.engine) == "0003"
    assert _differences(db.engine) == []
    with db.session() as s:
        job = s.get(Job, job_id)
        assert job is not None
        assert (job.status, job.upload_name, job.report_json) == ("done", "企业A", '{"findings": []}')
        assert job.created_at == CREATED
        assert (job.attempts, job.source, job.docs_done, job.pages_done) == (0, "api", 0, 0)
        assert job.error_code is None and job.docs_total is None


def test_a_second_release_database_is_stamped_0002(db: Database,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    job_id = _first_release(db, with_attempts=True)
    stamped: list[str] = []
    real_stamp = migrate.command.stamp

    def spy(cfg: Any, revision: str, **kwargs: Any) -> None:
        stamped.append(revision)
        real_stamp(cfg, revision, **kwargs)

    monkeypatch.setattr(migrate.command, "stamp", spy)
    db.create_schema()
    assert stamped == ["0002"]
    assert migrate.current_revision(db.engine) == "0003"
    assert _differences(db.engine) == []
    with db.session() as s:
        assert s.scalars(select(Job.attempts).where(Job.id == job_id)).one() == 1


def test_down_to_base_and_up_again(db: Database) -> None:
    db.create_schema()
    job_id = uuid.uuid4()
    with db.session() as s:
        s.add(Job(id=job_id, program="p", as_of=CREATED.date(), status="done", upload_name="x",
                  file_count=1, total_bytes=1, tool_version="0", owner="anonymous",
                  attempts=2, source="batch", docs_done=5))
        s.commit()
    migrate.downgrade(db.engine, "0002")
    assert migrate.current_revision(db.engine) == "0002"
    assert "job_crops" not in inspect(db.engine).get_table_names()
    assert "source" not in _columns(db.engine) and "attempts" in _columns(db.engine)
    migrate.downgrade(db.engine, "0001")
    assert "attempts" not in _columns(db.engine)
    with db.engine.connect() as conn:  # the row outlives the columns it lost
        assert conn.execute(text("SELECT count(*) FROM jobs")).scalar() == 1
    db.create_schema()
    with db.session() as s:
        job = s.get(Job, job_id)
        assert job is not None and (job.attempts, job.source, job.docs_done) == (0, "api", 0)
    migrate.downgrade(db.engine, "base")
    assert migrate.current_revision(db.engine) is None
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    db.create_schema()
    assert migrate.current_revision(db.engine) == "0003"
    assert _differences(db.engine) == []


def _upgrade_in_child(url: str, start: Any) -> None:
    start.wait(timeout=60)
    db = Database(url)
    db.create_schema()
    db.dispose()


def test_processes_starting_at_once_all_succeed(url: str, tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Barrier(4)
    children = [ctx.Process(target=_upgrade_in_child, args=(url, start)) for _ in range(4)]
    for child in children:
        child.start()
    for child in children:
        child.join(timeout=120)
    assert [child.exitcode for child in children] == [0, 0, 0, 0]
    db = Database(url)
    assert migrate.current_revision(db.engine) == "0003"
    assert _differences(db.engine) == []
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
        if db.backend == "postgresql":  # every process let go of the advisory lock
            held = conn.execute(text(
                "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
                "WHERE l.locktype = 'advisory' AND d.datname = current_database()")).scalar()
            assert held == 0
    db.dispose()
    if url.startswith("sqlite"):
        assert (tmp_path / "jobs.db.migrate.lock").exists()


def test_an_in_memory_database_needs_no_lock_file(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    db = Database("sqlite://")
    db.create_schema()
    assert migrate.current_revision(db.engine) == "0003"
    db.dispose()
    assert list(tmp_path.iterdir()) == []


def test_alembic_stays_quiet_at_info(db: Database, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO):
        db.create_schema()
    assert [r.getMessage() for r in caplog.records if r.name.startswith("alembic")] == []


def test_a_database_newer_than_the_program_is_refused(db: Database) -> None:
    db.create_schema()
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(RuntimeError, match="高于本程序支持的 0003"):
        db.create_schema()


def test_a_migration_that_fails_leaves_the_database_as_it_was(db: Database) -> None:
    job_id = _first_release(db)
    with db.engine.begin() as conn:  # in the way of the third revision's CREATE TABLE
        conn.execute(text("CREATE TABLE job_crops (id INTEGER PRIMARY KEY)"))
    with pytest.raises(SQLAlchemyError):
        db.create_schema()
    # Not half-done: the stamp and the second revision's column went back with the failure.
    assert migrate.current_revision(db.engine) is None
    assert "attempts" not in _columns(db.engine)
    with db.engine.begin() as conn:
        conn.execute(text("DROP TABLE job_crops"))
    db.create_schema()
    assert migrate.current_revision(db.engine) == "0003"
    with db.session() as s:
        assert s.get(Job, job_id) is not None


def test_a_failed_upgrade_from_nothing_leaves_no_tables(db: Database) -> None:
    with db.engine.begin() as conn:
        conn.execute(text("CREATE TABLE job_crops (id INTEGER PRIMARY KEY)"))
    with pytest.raises(SQLAlchemyError):
        db.create_schema()
    assert set(inspect(db.engine).get_table_names()) <= {"job_crops", "alembic_version"}
    assert migrate.current_revision(db.engine) is None
