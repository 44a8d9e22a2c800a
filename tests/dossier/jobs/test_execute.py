"""Claiming, heartbeats and finishing jobs (dossier/jobs/execute.py), the cluster client's
watchdog and broker failure (dossier/jobs/cluster.py), and the cluster settings; on SQLite
with stand-in job functions, no broker needed."""
from __future__ import annotations

import http.server
import json
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from dossier.jobs import reasons
from dossier.jobs.cluster import ClusterClient
from dossier.jobs.db import Database, Job, JobCrop, JobStatus, utcnow
from dossier.jobs.execute import (
    CANCELLED,
    DONE,
    FAILED,
    SKIPPED,
    JobExecutor,
    claim_job,
    finish_job,
)
from dossier.jobs.storage import READY_MARKER, find_input, store_folder
from models.settings import ApiSettings, ConfigError, DossierSettings
from tests.api import stand_ins


def _settings(tmp: Path, **kw: Any) -> ApiSettings:
    data = tmp / "data"
    return ApiSettings(data_dir=data, database_url=f"sqlite:///{data / 'jobs.db'}",
                       allow_anonymous=True, **kw)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    d = Database(_settings(tmp_path).database_url)
    d.create_schema()
    yield d
    d.dispose()


def _job(db: Database, settings: ApiSettings | None = None, **kw: Any) -> uuid.UUID:
    job_id = uuid.uuid4()
    values: dict[str, Any] = dict(id=job_id, program="sd-chenxing-2022", as_of=date(2022, 12, 20),
                                  status=JobStatus.queued.value, upload_name="企业", file_count=1,
                                  total_bytes=1, tool_version="t", owner="anonymous")
    values.update(kw)
    with db.session() as s:
        s.add(Job(**values))
        s.commit()
    if settings is not None:
        src = settings.data_dir.parent / "src" / str(job_id)
        src.mkdir(parents=True)
        (src / "申报书.docx").write_bytes(b"x")
        store_folder(settings.jobs_dir, job_id, src, "企业")
    return job_id


def _get(db: Database, job_id: uuid.UUID) -> Job:
    with db.session() as s:
        job = s.get(Job, job_id)
        assert job is not None
        return job


def test_a_queued_job_is_claimed_once(db: Database) -> None:
    job_id = _job(db)
    first = claim_job(db, job_id, "host:1")
    assert first is not None and first.attempts == 1
    # A duplicate delivery while the holder's heartbeat is fresh finds nothing to do.
    assert claim_job(db, job_id, "host:2") is None
    assert _get(db, job_id).worker == "host:1"


def test_a_running_job_whose_heartbeat_stopped_is_taken_over(db: Database) -> None:
    job_id = _job(db, status=JobStatus.running.value, attempts=1, worker="gone:1",
                  heartbeat_at=utcnow() - timedelta(seconds=120))
    claim = claim_job(db, job_id, "host:2", stale_after=30)
    assert claim is not None and claim.attempts == 2
    assert _get(db, job_id).worker == "host:2"


def test_finished_and_deleted_jobs_are_not_claimed(db: Database) -> None:
    done = _job(db, status=JobStatus.done.value)
    assert claim_job(db, done, "host:1") is None
    assert claim_job(db, uuid.uuid4(), "host:1") is None


def test_finish_only_while_the_worker_holds_the_job(db: Database) -> None:
    job_id = _job(db)
    claim_job(db, job_id, "host:1")
    assert not finish_job(db, job_id, "host:2", report_json='{"tool_version": "x"}')
    assert finish_job(db, job_id, "host:1", report_json='{"tool_version": "x"}',
                      crops={"k|1|0,0,1,1": "AAAA"}, progress=(3, 3, 2))
    job = _get(db, job_id)
    assert (job.status, job.docs_total, job.docs_done, job.pages_done) == ("done", 3, 3, 2)
    assert job.files_deleted_at is not None
    with db.session() as s:
        assert [c.key for c in s.query(JobCrop).filter_by(job_id=job_id)] == ["k|1|0,0,1,1"]


def _executor(db: Database, settings: ApiSettings, execute: Any, **kw: Any) -> JobExecutor:
    ex = JobExecutor(db, settings, execute=execute, heartbeat_s=0.2, **kw)
    ex.start()
    return ex


def test_a_job_claimed_a_third_time_fails_and_is_not_run(tmp_path: Path, db: Database) -> None:
    settings = _settings(tmp_path)
    job_id = _job(db, settings, status=JobStatus.running.value, attempts=2, worker="gone:1",
                  heartbeat_at=utcnow() - timedelta(seconds=600))
    ex = _executor(db, settings, stand_ins.die)
    try:
        assert ex.run(job_id) == FAILED
    finally:
        ex.stop()
    job = _get(db, job_id)
    assert (job.status, job.error_code) == ("failed", reasons.INTERRUPTED_TWICE_CODE)
    assert job.error == reasons.INTERRUPTED_TWICE
    assert find_input(settings.jobs_dir / str(job_id)) is None


def test_run_stores_report_progress_and_removes_the_upload(tmp_path: Path, db: Database) -> None:
    settings = _settings(tmp_path)
    job_id = _job(db, settings)
    ex = _executor(db, settings, stand_ins.quick_report)
    try:
        assert ex.run(job_id) == DONE
        assert ex.run(job_id) == SKIPPED  # a second delivery of the same job
    finally:
        ex.stop()
    job = _get(db, job_id)
    assert job.status == "done" and json.loads(job.report_json or "{}") == {"tool_version": "stand-in"}
    assert job.tool_version == "stand-in"
    assert not (settings.jobs_dir / str(job_id)).exists()


def test_a_missing_upload_on_a_cluster_worker_names_the_shared_folder(tmp_path: Path,
                                                                      db: Database) -> None:
    settings = _settings(tmp_path, broker_url="redis://127.0.0.1:1/0")
    job_id = _job(db)  # no files stored
    ex = _executor(db, settings, stand_ins.quick_report)
    try:
        assert ex.run(job_id) == FAILED
    finally:
        ex.stop()
    job = _get(db, job_id)
    assert job.error_code == reasons.UPLOAD_LOST_CODE and "DOSSIER_STORAGE_DIR" in (job.error or "")


def test_deleting_the_row_stops_a_running_check(tmp_path: Path, db: Database) -> None:
    """The cluster's DELETE: the API removes the row; the worker notices at its next
    heartbeat and kills the check."""
    settings = _settings(tmp_path)
    job_id = _job(db, settings)
    ex = _executor(db, settings, stand_ins.sleep_long)
    outcome: list[str] = []
    t = threading.Thread(target=lambda: outcome.append(ex.run(job_id)))
    t.start()
    try:
        deadline = time.monotonic() + 30
        while _get(db, job_id).status != "running" and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)
        with db.session() as s:
            s.delete(s.get(Job, job_id))
            s.commit()
        t.join(30)
        assert outcome == [CANCELLED]
    finally:
        ex.stop()
        t.join(5)


class _Hook(http.server.BaseHTTPRequestHandler):
    received: list[dict[str, Any]] = []

    def do_POST(self) -> None:  # noqa: N802 - the http.server API
        body = self.rfile.read(int(self.headers["Content-Length"]))
        _Hook.received.append(json.loads(body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


def test_the_completion_webhook_is_sent(tmp_path: Path, db: Database) -> None:
    from dossier.jobs.execute import default_deliver

    server = http.server.HTTPServer(("127.0.0.1", 0), _Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Hook.received = []
    settings = _settings(tmp_path)
    url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    job_id = _job(db, settings, webhook_url=url)
    ex = _executor(db, settings, stand_ins.quick_report, deliver=default_deliver())
    try:
        assert ex.run(job_id) == DONE
        deadline = time.monotonic() + 20
        while not _Hook.received and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        ex.stop()
        server.shutdown()
    assert _Hook.received and _Hook.received[0]["id"] == str(job_id)
    assert _Hook.received[0]["status"] == "done"
    deadline = time.monotonic() + 5
    while not _get(db, job_id).webhook_status and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "已送达" in (_get(db, job_id).webhook_status or "")


def test_an_unreachable_broker_fails_the_job_at_once(tmp_path: Path, db: Database) -> None:
    settings = _settings(tmp_path, broker_url="redis://127.0.0.1:1/0")
    job_id = _job(db, settings)
    client = ClusterClient(db, settings)
    try:
        assert client.send(job_id) is False
    finally:
        client.close()
    job = _get(db, job_id)
    assert (job.status, job.error_code) == ("failed", reasons.QUEUE_UNAVAILABLE_CODE)
    assert not (settings.jobs_dir / str(job_id)).exists()


def test_the_watchdog_fails_a_lost_job_after_two_attempts(tmp_path: Path, db: Database) -> None:
    settings = _settings(tmp_path, broker_url="redis://127.0.0.1:1/0",
                         broker_visibility_seconds=120, job_hard_seconds=60)
    long_ago = utcnow() - timedelta(hours=2)
    twice = _job(db, settings, status=JobStatus.running.value, attempts=2, heartbeat_at=long_ago)
    alive = _job(db, settings, status=JobStatus.running.value, attempts=1, heartbeat_at=utcnow())
    client = ClusterClient(db, settings)
    try:
        assert client.rescue_lost_jobs() == [twice]
    finally:
        client.close()
    assert _get(db, twice).error_code == reasons.INTERRUPTED_TWICE_CODE
    assert _get(db, alive).status == "running"


def test_cluster_settings_are_checked() -> None:
    base = {"DOSSIER_BROKER_URL": "redis://127.0.0.1:6379/0"}
    api = DossierSettings.from_env({**base, "DOSSIER_STORAGE_DIR": "/srv/jobs"}).api
    assert api.broker_url == base["DOSSIER_BROKER_URL"] and api.jobs_dir == Path("/srv/jobs")
    assert api.visibility_timeout > api.hard_seconds
    with pytest.raises(ConfigError, match="VISIBILITY"):
        _ = DossierSettings.from_env({**base, "DOSSIER_JOB_HARD_SECONDS": "600",
                                      "DOSSIER_BROKER_VISIBILITY_SECONDS": "300"}).api
    with pytest.raises(ConfigError, match="Redis"):
        _ = DossierSettings.from_env({"DOSSIER_BROKER_URL": "amqp://x"}).api
    assert DossierSettings.from_env({}).api.broker_url is None


def test_store_folder_marks_the_upload_ready(tmp_path: Path) -> None:
    src = tmp_path / "企业"
    src.mkdir()
    (src / "a.pdf").write_bytes(b"%PDF")
    job_dir = store_folder(tmp_path / "jobs", "j1", src, "企业")
    assert (job_dir / READY_MARKER).is_file()
    found = find_input(job_dir)
    assert found is not None and found.name == "企业" and (found / "a.pdf").is_file()
