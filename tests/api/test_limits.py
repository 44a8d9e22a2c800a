"""Per-job time limits, cancel (DELETE), the restart-attempt cap, a database of an earlier
release upgraded at start-up, failed-key throttling, and who may read /docs."""
from __future__ import annotations

import time
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect, text

from api.db import Database
from api.keys import AuthThrottle
from api.recovery import INTERRUPTED_TWICE
from dossier.jobs import migrate

from tests.api import stand_ins
from tests.api.conftest import (
    AUTH,
    job_folders,
    make_settings,
    running,
    submit,
    tiny_files,
    wait_finished,
)


def _wait_status(client: TestClient, job_id: str, status: str, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        body = client.get(f"/v1/checks/{job_id}", headers=AUTH).json()
        if body["status"] == status:
            return body
        assert time.monotonic() < deadline, body
        time.sleep(0.05)


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_a_job_past_its_hard_limit_fails_and_later_jobs_still_run(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, job_soft_seconds=1, job_hard_seconds=2)
    with running(settings, execute=stand_ins.sleep_long) as client:
        svc = client.app.state.service  # type: ignore[attr-defined]
        hung = submit(client, tiny_files()).json()["id"]
        _wait_status(client, hung, "running")
        svc.runner.execute = stand_ins.report_soft_limit  # for the jobs submitted next
        t0 = time.monotonic()
        job = wait_finished(client, hung)
        assert time.monotonic() - t0 < 40  # sleep_long would take 120 s
        assert job["status"] == "failed" and job["error"].startswith("核查超时")
        assert "2 秒" in job["error"] and job["report"] is None
        nxt = wait_finished(client, submit(client, tiny_files()).json()["id"])
        assert nxt["status"] == "done", nxt["error"]
        assert nxt["report"]["soft_seconds"] == 1  # the soft limit reached the job
        assert job_folders(settings) == []


def test_delete_cancels_queued_and_running_jobs_and_removes_their_files(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)  # one worker
    with running(settings, execute=stand_ins.sleep_long) as client:
        svc = client.app.state.service  # type: ignore[attr-defined]
        first = submit(client, tiny_files()).json()["id"]
        _wait_status(client, first, "running")
        second = submit(client, tiny_files()).json()["id"]
        assert client.get(f"/v1/checks/{second}", headers=AUTH).json()["status"] == "queued"
        deadline = time.monotonic() + 30
        while not svc.runner.worker_pids() and time.monotonic() < deadline:
            time.sleep(0.05)
        pid = svc.runner.worker_pids()[0]
        assert _alive(pid)
        assert {p.name for p in job_folders(settings)} == {first, second}

        assert client.delete(f"/v1/checks/{second}", headers=AUTH).status_code == 204
        assert client.get(f"/v1/checks/{second}", headers=AUTH).status_code == 404
        r = client.delete(f"/v1/checks/{first}", headers=AUTH)
        assert r.status_code == 204 and r.content == b""
        assert client.get(f"/v1/checks/{first}", headers=AUTH).status_code == 404
        deadline = time.monotonic() + 10
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(pid), "the cancelled job's worker is still running"
        assert job_folders(settings) == []
        assert client.delete(f"/v1/checks/{first}", headers=AUTH).status_code == 404
        assert client.delete(f"/v1/checks/{uuid.uuid4()}", headers=AUTH).status_code == 404
        # The next job gets a fresh worker and runs.
        svc.runner.execute = stand_ins.quick_report
        third = submit(client, tiny_files()).json()["id"]
        assert wait_finished(client, third)["status"] == "done"
        # Only the job's own key may delete it.
    other = make_settings(tmp_path, env_api_keys=("other-key-0123456789", AUTH["X-API-Key"]))
    with running(other) as client:
        r = client.delete(f"/v1/checks/{third}", headers={"X-API-Key": "other-key-0123456789"})
        assert r.status_code == 404
        assert client.get(f"/v1/checks/{third}", headers=AUTH).json()["status"] == "done"


def test_a_job_running_at_two_successive_restarts_is_failed_not_retried(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    with running(settings, execute=stand_ins.sleep_long) as client:
        job_id = submit(client, tiny_files()).json()["id"]
        _wait_status(client, job_id, "running")
    # First restart: re-queued, and it is running again when the service stops again.
    with running(settings, execute=stand_ins.sleep_long) as client:
        svc = client.app.state.service  # type: ignore[attr-defined]
        assert [str(j) for j in svc.recovery.requeued] == [job_id]
        _wait_status(client, job_id, "running")
    # Second restart: not re-queued.
    with running(settings, execute=stand_ins.quick_report) as client:
        svc = client.app.state.service  # type: ignore[attr-defined]
        assert svc.recovery.requeued == [] and [str(j) for j in svc.recovery.failed] == [job_id]
        job = client.get(f"/v1/checks/{job_id}", headers=AUTH).json()
        assert job["status"] == "failed" and job["error"] == INTERRUPTED_TWICE
        assert job["error"].startswith("此任务已两次导致服务中断")
        assert job_folders(settings) == []
        # Others still run.
        assert wait_finished(client, submit(client, tiny_files()).json()["id"])["status"] == "done"


# What a job view held before the third migration; the fields it added (progress, deletion
# time, ...) were never stored by these releases, so they come back as their defaults.
EARLIER_FIELDS = ("id", "status", "program", "as_of", "upload_name", "file_count", "total_bytes",
                  "created_at", "started_at", "finished_at", "error", "tool_version", "links", "report")


@pytest.mark.parametrize("release", ["0001", "0002"])  # before / after jobs.attempts
def test_a_database_of_an_earlier_release_is_upgraded_at_start_up(tmp_path: Path,
                                                                  release: str) -> None:
    settings = make_settings(tmp_path)
    with running(settings, execute=stand_ins.quick_report) as client:
        old = wait_finished(client, submit(client, tiny_files()).json()["id"])
    db = Database(settings.database_url)
    # Back to that release's tables; those releases had no alembic_version either.
    migrate.downgrade(db.engine, release)
    with db.engine.begin() as conn:
        conn.execute(text("DROP TABLE alembic_version"))
    columns = {c["name"] for c in inspect(db.engine).get_columns("jobs")}
    assert ("attempts" in columns) == (release == "0002") and "source" not in columns
    db.dispose()
    with running(settings, execute=stand_ins.quick_report) as client:
        again = client.get(f"/v1/checks/{old['id']}", headers=AUTH).json()
        assert {k: again[k] for k in EARLIER_FIELDS} == {k: old[k] for k in EARLIER_FIELDS}
        assert wait_finished(client, submit(client, tiny_files()).json()["id"])["status"] == "done"
    db = Database(settings.database_url)
    assert {"attempts", "source"} <= {c["name"] for c in inspect(db.engine).get_columns("jobs")}
    assert migrate.current_revision(db.engine) == migrate.head_revision()
    db.create_schema()  # idempotent
    assert migrate.current_revision(db.engine) == migrate.head_revision()
    db.dispose()


def test_wrong_keys_are_throttled_per_address(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, auth_max_failures=3, auth_window_seconds=60)
    with running(settings) as client:
        for _ in range(20):  # good keys are never counted or slowed
            assert client.get("/v1/programs", headers=AUTH).status_code == 200
        for _ in range(3):
            assert client.get("/v1/programs", headers={"X-API-Key": "guess"}).status_code == 401
        r = client.get("/v1/programs", headers={"X-API-Key": "guess"})
        assert r.status_code == 429 and r.json()["error"]["code"] == "TOO_MANY_FAILED_KEYS"
        assert 0 < int(r.headers["Retry-After"]) <= 60
        assert "秒后再试" in r.json()["error"]["message"]
        # Not even the right key is looked at from this address meanwhile.
        assert client.get("/v1/programs", headers=AUTH).status_code == 429
        # Another address is not affected.
        other = TestClient(client.app, client=("198.51.100.7", 40000))
        assert other.get("/v1/programs", headers=AUTH).status_code == 200


def test_throttle_window() -> None:
    now = [1000.0]
    t = AuthThrottle(max_failures=2, window_s=10, clock=lambda: now[0])
    t.failed("a")
    assert t.retry_after("a") is None
    now[0] += 4
    t.failed("a")
    assert t.retry_after("a") == 6 and t.retry_after("b") is None
    now[0] += 6
    assert t.retry_after("a") is None  # the first failure left the window
    assert AuthThrottle(max_failures=0).retry_after("a") is None


@pytest.mark.parametrize("path", ["/docs", "/redoc", "/openapi.json"])
def test_docs_need_the_key_unless_made_public(tmp_path: Path, path: str) -> None:
    with running(make_settings(tmp_path / "keyed")) as client:
        r = client.get(path)
        assert r.status_code == 401 and r.json()["error"]["code"] == "API_KEY_MISSING"
        assert client.get(path, headers={"X-API-Key": "wrong"}).status_code == 401
        assert client.get(path, headers=AUTH).status_code == 200
    with running(make_settings(tmp_path / "public", public_docs=True)) as client:
        assert client.get(path).status_code == 200
        assert client.get("/v1/programs").status_code == 401  # the API itself is not
    anonymous = make_settings(tmp_path / "anon", env_api_keys=(), allow_anonymous=True)
    with running(anonymous) as client:
        assert client.get(path).status_code == 200
