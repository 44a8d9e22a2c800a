"""Restarts and failures: finished reports survive, unfinished jobs are re-queued when their
upload is on disk and failed (with a Chinese reason) when not; failed jobs clean up too."""
from __future__ import annotations

import time
import uuid
from datetime import date
from pathlib import Path

from api.config import Settings
from api.db import Database, Job, utcnow
from api.keys import env_owner
from api.recovery import INTERRUPTED
from api.uploads import INPUT_DIR, READY_MARKER
from api.worker import CRASHED

from tests.api import stand_ins
from tests.api.conftest import (
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


def _add_job(settings: Settings, status: str, **extra: object) -> uuid.UUID:
    db = Database(settings.database_url)
    db.create_schema()
    job_id = uuid.uuid4()
    with db.session() as s:
        s.add(Job(id=job_id, program=PROGRAM, as_of=date(2022, 12, 20), status=status,
                  created_at=utcnow(), upload_name="企业D", file_count=2, total_bytes=10,
                  tool_version="0", owner=env_owner(KEY), **extra))
        s.commit()
    db.dispose()
    return job_id


def _stored_upload(settings: Settings, job_id: uuid.UUID, complete: bool = True) -> Path:
    job_dir = settings.jobs_dir / str(job_id)
    write_folder(job_dir / INPUT_DIR / "企业D", tiny_files())
    if complete:
        (job_dir / READY_MARKER).write_text("")
    return job_dir


def test_interrupted_jobs_without_upload_are_marked_failed(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    running_id = _add_job(settings, "running", started_at=utcnow())
    queued_id = _add_job(settings, "queued")
    partial_id = _add_job(settings, "running", started_at=utcnow())
    _stored_upload(settings, partial_id, complete=False)  # cut off before it was complete
    with running(settings) as client:
        for job_id in (running_id, queued_id, partial_id):
            job = client.get(f"/v1/checks/{job_id}", headers=AUTH).json()
            assert job["status"] == "failed" and job["error"] == INTERRUPTED
            assert job["finished_at"] is not None and job["report"] is None
        assert job_folders(settings) == []


def test_interrupted_jobs_with_upload_are_requeued_and_finish(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    job_id = _add_job(settings, "running", started_at=utcnow())
    _stored_upload(settings, job_id)
    orphan = settings.jobs_dir / str(uuid.uuid4())  # an upload no job row knows
    write_folder(orphan / INPUT_DIR / "x", {"a.pdf": b"%PDF-1.4"})
    with running(settings) as client:
        svc = client.app.state.service  # type: ignore[attr-defined]
        assert svc.recovery.requeued == [job_id] and svc.recovery.failed == []
        assert not orphan.exists()
        job = wait_finished(client, str(job_id))
        assert job["status"] == "done", job["error"]
        assert job["report"]["dossier"] == "企业D"
        assert job_folders(settings) == []


def test_finished_reports_survive_a_restart(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    with running(settings) as client:
        job_id = submit(client, tiny_files()).json()["id"]
        before = wait_finished(client, job_id)
    with running(settings) as client:
        after = client.get(f"/v1/checks/{job_id}", headers=AUTH).json()
        html = client.get(f"/v1/checks/{job_id}/report.html", headers=AUTH)
    assert before["status"] == "done" and after == before
    assert html.status_code == 200


def test_a_failing_check_fails_the_job_and_removes_the_upload(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    with running(settings, execute=stand_ins.raise_error) as client:
        job = wait_finished(client, submit(client, tiny_files()).json()["id"])
        assert job["status"] == "failed" and "RuntimeError" in job["error"]
        assert "核查过程出错" in job["error"] and job["report"] is None
        assert job_folders(settings) == []


def test_a_crashed_worker_fails_its_job_and_the_next_job_gets_a_new_process(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    with running(settings, execute=stand_ins.die) as client:
        job = wait_finished(client, submit(client, tiny_files()).json()["id"])
        assert job["status"] == "failed" and job["error"] == CRASHED
        assert job_folders(settings) == []
        # The pool was broken; the runner must replace it rather than fail every job after.
        svc = client.app.state.service  # type: ignore[attr-defined]
        svc.runner.execute = stand_ins.raise_error
        job = wait_finished(client, submit(client, tiny_files()).json()["id"])
        assert job["status"] == "failed" and "RuntimeError" in job["error"]


def test_shutdown_mid_job_leaves_it_for_the_next_start(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    with running(settings, execute=stand_ins.sleep_long) as client:
        job_id = submit(client, tiny_files()).json()["id"]
        for _ in range(200):
            if client.get(f"/v1/checks/{job_id}", headers=AUTH).json()["status"] == "running":
                break
            time.sleep(0.05)
        stopping = time.monotonic()
    assert time.monotonic() - stopping < 30  # sleep_long would take 120 s
    # The worker was stopped, not waited for: the job is still "running" with its upload.
    assert [p.name for p in job_folders(settings)] == [job_id]
    with running(settings) as client:
        job = wait_finished(client, job_id)
    assert job["status"] == "done" and job_folders(settings) == []
