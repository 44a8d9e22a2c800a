"""The same service on PostgreSQL. Runs only when DOSSIER_TEST_POSTGRES_URL is set, e.g.
``export DOSSIER_TEST_POSTGRES_URL="$(bash scripts/ci_postgres.sh)"``. The tables of that
database are dropped before and after each test: point it at a throw-away database."""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from api.config import Settings
from api.db import Base, Database, Job, utcnow
from api.keys import create_key, env_owner, revoke_key
from api.recovery import INTERRUPTED
from dossier.pipeline import CheckOptions, check_dossier

from tests.api.conftest import (
    AS_OF,
    AUTH,
    KEY,
    PROGRAM,
    job_folders,
    make_settings,
    running,
    submit,
    tiny_files,
    wait_finished,
    write_folder,
)

PG_URL = os.environ.get("DOSSIER_TEST_POSTGRES_URL", "")
pytestmark = pytest.mark.skipif(
    not PG_URL, reason="DOSSIER_TEST_POSTGRES_URL not set (see scripts/ci_postgres.sh)")


def _drop_tables() -> None:
    db = Database(PG_URL)
    Base.metadata.drop_all(db.engine)
    # A version row left behind would tell the next start the (dropped) tables are there.
    with db.engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    db.dispose()


@pytest.fixture
def pg(tmp_path: Path) -> Iterator[Settings]:
    _drop_tables()
    yield make_settings(tmp_path, database_url=PG_URL)
    _drop_tables()


def test_job_round_trip_on_postgres(pg: Settings, tmp_path: Path) -> None:
    files = tiny_files()
    with running(pg) as client:
        assert client.get("/healthz").json()["database"] == "postgresql"
        r = submit(client, files, name="企业PG")
        assert r.status_code == 202, r.text
        job = wait_finished(client, r.json()["id"])
        assert job["status"] == "done", job["error"]
        assert job_folders(pg) == []
    expected = check_dossier(write_folder(tmp_path / "企业PG", files), PROGRAM,
                             CheckOptions(as_of=date.fromisoformat(AS_OF)))
    assert job["report"] == expected.report.model_dump(mode="json")
    with running(pg) as client:  # a restart keeps the report
        assert client.get(f"/v1/checks/{job['id']}", headers=AUTH).json() == job
    db = Database(PG_URL)
    columns = {c["name"]: c["type"] for c in inspect(db.engine).get_columns("jobs")}
    db.dispose()
    assert type(columns["id"]).__name__ == "UUID"  # native uuid, not text


def test_restart_recovery_on_postgres(pg: Settings) -> None:
    db = Database(PG_URL)
    db.create_schema()
    job_id = uuid.uuid4()
    with db.session() as s:
        s.add(Job(id=job_id, program=PROGRAM, as_of=date(2022, 12, 20), status="running",
                  created_at=utcnow(), started_at=utcnow(), upload_name="x", file_count=1,
                  total_bytes=1, tool_version="0", owner=env_owner(KEY)))
        s.commit()
    db.dispose()
    with running(pg) as client:
        job = client.get(f"/v1/checks/{job_id}", headers=AUTH).json()
    assert job["status"] == "failed" and job["error"] == INTERRUPTED


def test_database_keys_on_postgres(pg: Settings) -> None:
    settings = make_settings(pg.data_dir.parent, database_url=PG_URL, env_api_keys=())
    db = Database(PG_URL)
    db.create_schema()
    with db.session() as s:
        row, plain = create_key(s, "PG 单位")
    db.dispose()
    with running(settings) as client:
        assert client.get("/v1/programs", headers={"X-API-Key": plain}).status_code == 200
        svc = client.app.state.service  # type: ignore[attr-defined]
        with svc.db.session() as s:
            revoke_key(s, row.id)
        assert client.get("/v1/programs", headers={"X-API-Key": plain}).status_code == 401
