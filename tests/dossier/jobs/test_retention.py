"""Retention on rows and folders made directly (no service running)."""
from __future__ import annotations

import os
import time
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dossier.jobs.db import Database, Job, JobCrop
from dossier.jobs.retention import sweep_retention

# The real time: folder ages are file modification times, measured against ``now``.
NOW = datetime.now(timezone.utc).replace(microsecond=0)


@pytest.fixture
def jobs_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "jobs"
    folder.mkdir()
    return folder


def add_job(db: Database, status: str, finished_days_ago: float | None, *,
            source: str = "api", crops: int = 0) -> uuid.UUID:
    job_id = uuid.uuid4()
    finished = NOW - timedelta(days=finished_days_ago) if finished_days_ago is not None else None
    with db.session() as s:
        s.add(Job(id=job_id, program="p", as_of=date(2024, 1, 1), status=status,
                  created_at=NOW - timedelta(days=(finished_days_ago or 0) + 1),
                  finished_at=finished, upload_name="企业", file_count=1, total_bytes=1,
                  tool_version="t", owner="key:a", source=source,
                  report_json='{"summary": {}}' if status == "done" else None))
        s.flush()
        for i in range(crops):
            s.add(JobCrop(job_id=job_id, key=f"a.pdf|1|{i}.0,0.0,1.0,1.0", png_base64="iVBOR"))
        s.commit()
    return job_id


def folder(jobs_dir: Path, name: str | uuid.UUID, age_s: float = 0.0) -> Path:
    path = jobs_dir / str(name) / "input"
    path.mkdir(parents=True)
    (path / "申报书.pdf").write_bytes(b"%PDF-1.4")
    if age_s:
        old = time.time() - age_s
        for p in (path / "申报书.pdf", path, path.parent):
            os.utime(p, (old, old))
    return path.parent


def job(db: Database, job_id: uuid.UUID) -> Job | None:
    with db.session() as s:
        return s.get(Job, job_id)


def crop_count(db: Database, job_id: uuid.UUID) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(JobCrop)
                        .where(JobCrop.job_id == job_id)) or 0


def test_retention_rules(db: Database, jobs_dir: Path) -> None:
    old_done = add_job(db, "done", 40, crops=3)
    old_failed = add_job(db, "failed", 31, source="batch")
    recent_done = add_job(db, "done", 2, crops=2)
    running = add_job(db, "running", None)
    queued = add_job(db, "queued", None)
    for job_id in (old_done, recent_done, running, queued):
        folder(jobs_dir, job_id)
    fresh_orphan = folder(jobs_dir, uuid.uuid4())
    old_orphan = folder(jobs_dir, uuid.uuid4(), age_s=2 * 3600)

    result = sweep_retention(db, jobs_dir, 30, now=NOW)

    # Past retention: row, crops and folder gone (batch jobs alike).
    assert set(result.deleted_jobs) == {old_done, old_failed}
    assert job(db, old_done) is None and job(db, old_failed) is None
    assert crop_count(db, old_done) == 0
    assert not (jobs_dir / str(old_done)).exists()
    # Within retention: the report and crops stay, the uploaded files go.
    kept = job(db, recent_done)
    assert kept is not None and kept.report_json is not None
    assert kept.files_deleted_at == NOW
    assert crop_count(db, recent_done) == 2
    assert not (jobs_dir / str(recent_done)).exists()
    assert result.files_deleted == [recent_done]
    # Unfinished jobs keep their uploads.
    for job_id in (running, queued):
        row = job(db, job_id)
        assert row is not None and row.files_deleted_at is None
        assert (jobs_dir / str(job_id) / "input" / "申报书.pdf").is_file()
    # An upload still arriving has no row yet: kept until the grace period has passed.
    assert fresh_orphan.is_dir() and not old_orphan.exists()
    assert result.orphans_deleted == [old_orphan.name]
    assert result.folders_kept == 3


def test_orphan_with_recent_writes_deep_inside_is_kept(db: Database, jobs_dir: Path) -> None:
    path = folder(jobs_dir, uuid.uuid4(), age_s=2 * 3600)
    # A long upload: the folders are old, the file being written is not.
    os.utime(path / "input" / "申报书.pdf")
    result = sweep_retention(db, jobs_dir, 30, orphan_grace_s=3600)
    assert path.is_dir() and result.orphans_deleted == []


def test_zero_days_keeps_every_report(db: Database, jobs_dir: Path) -> None:
    ancient = add_job(db, "done", 5000, crops=1)
    folder(jobs_dir, ancient)
    result = sweep_retention(db, jobs_dir, 0, now=NOW)
    assert result.deleted_jobs == []
    row = job(db, ancient)
    assert row is not None and crop_count(db, ancient) == 1
    # Files still go: only reports are kept forever.
    assert row.files_deleted_at == NOW and not (jobs_dir / str(ancient)).exists()


def test_missing_jobs_dir_and_repeated_sweeps(db: Database, tmp_path: Path) -> None:
    done = add_job(db, "done", 1)
    assert sweep_retention(db, tmp_path / "absent", 30, now=NOW).files_deleted == []
    jobs_dir = tmp_path / "jobs2"
    folder(jobs_dir, done)
    assert sweep_retention(db, jobs_dir, 30, now=NOW).files_deleted == [done]
    again = sweep_retention(db, jobs_dir, 30, now=NOW + timedelta(hours=1))
    assert again.files_deleted == [] and again.deleted_jobs == []
    row = job(db, done)
    # The first deletion's time stands.
    assert row is not None and row.files_deleted_at == NOW
