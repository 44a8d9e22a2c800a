"""Retention: what is deleted, and when.

* Uploaded files go first: they are needed only while a job waits or runs, so the folder
  of a finished job (done or failed) is removed at the next sweep and the job's
  ``files_deleted_at`` set. The worker normally removes it itself; this catches the ones
  whose clean-up did not happen.
* Reports and page crops go ``retention_days`` after their job ended (0: kept forever).
* A folder without a job row is removed only once it has been left alone for
  ``orphan_grace_s``: an upload being received has its folder before its row exists.
* Folders of queued and running jobs are never touched.

Batch jobs (source "batch") follow the same rules."""
from __future__ import annotations

import logging
import os
import shutil
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import and_, delete, or_, select

from dossier.jobs.db import Database, Job, JobCrop, JobStatus, utcnow

log = logging.getLogger(__name__)

FINISHED = (JobStatus.done.value, JobStatus.failed.value)
# Bounded IN lists: SQLite allows a limited number of bound parameters per statement.
_BATCH = 500


@dataclass
class RetentionResult:
    # Jobs deleted with their report and crops (past retention_days).
    deleted_jobs: list[uuid.UUID] = field(default_factory=list)
    # Finished jobs that still had an upload folder; it was removed.
    files_deleted: list[uuid.UUID] = field(default_factory=list)
    # Folders (names) that belonged to no job and were old enough to remove.
    orphans_deleted: list[str] = field(default_factory=list)
    # Folders left alone: their job is queued or running, or they are fresh orphans.
    folders_kept: int = 0

    def describe(self) -> str:
        return (f"{len(self.deleted_jobs)} expired job(s) deleted, "
                f"{len(self.files_deleted)} finished job folder(s) and "
                f"{len(self.orphans_deleted)} orphan folder(s) removed, "
                f"{self.folders_kept} folder(s) kept")


def _chunks(items: Sequence[uuid.UUID]) -> Iterable[Sequence[uuid.UUID]]:
    for i in range(0, len(items), _BATCH):
        yield items[i:i + _BATCH]


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _newest_mtime(path: Path) -> float:
    """The latest modification anywhere under ``path``: a long upload keeps writing its
    file deep inside the folder while the folder itself stays unchanged."""
    newest = path.lstat().st_mtime
    if path.is_dir() and not path.is_symlink():
        for root, dirs, files in os.walk(path):
            for name in (*dirs, *files):
                try:
                    newest = max(newest, os.lstat(os.path.join(root, name)).st_mtime)
                except OSError:
                    continue
    return newest


def _expire_jobs(db: Database, jobs_dir: Path, cutoff: datetime, out: RetentionResult) -> None:
    with db.session() as s:
        ended = or_(Job.finished_at < cutoff,
                    # A finished job with no end time (older rows): its creation stands in.
                    and_(Job.finished_at.is_(None), Job.created_at < cutoff))
        ids = list(s.scalars(select(Job.id).where(Job.status.in_(FINISHED), ended)))
        for chunk in _chunks(ids):
            # Explicitly: SQLite does not enforce ON DELETE CASCADE without a pragma.
            s.execute(delete(JobCrop).where(JobCrop.job_id.in_(chunk)))
            s.execute(delete(Job).where(Job.id.in_(chunk), Job.status.in_(FINISHED)))
            s.commit()
    # Rows first: a folder whose removal fails is an orphan the next sweep removes.
    for job_id in ids:
        path = jobs_dir / str(job_id)
        if os.path.lexists(path):
            _remove(path)
    out.deleted_jobs.extend(ids)


def _sweep_folders(db: Database, jobs_dir: Path, now: datetime, orphan_grace_s: float,
                   out: RetentionResult) -> None:
    if not jobs_dir.is_dir():
        return
    entries = list(jobs_dir.iterdir())
    by_id: dict[uuid.UUID, Path] = {}
    unnamed: list[Path] = []
    for entry in entries:
        try:
            by_id[uuid.UUID(entry.name)] = entry
        except ValueError:
            unnamed.append(entry)
    statuses: dict[uuid.UUID, str] = {}
    ids = list(by_id)
    with db.session() as s:
        for chunk in _chunks(ids):
            for row_id, row_status in s.execute(select(Job.id, Job.status)
                                                .where(Job.id.in_(chunk))):
                statuses[row_id] = row_status
    finished: list[uuid.UUID] = []
    orphans: list[Path] = list(unnamed)
    for job_id, path in by_id.items():
        status = statuses.get(job_id)
        if status is None:
            orphans.append(path)
        elif status in FINISHED:
            _remove(path)
            finished.append(job_id)
        else:
            out.folders_kept += 1
    if finished:
        with db.session() as s:
            for chunk in _chunks(finished):
                for job in s.scalars(select(Job).where(Job.id.in_(chunk))):
                    if job.files_deleted_at is None:
                        job.files_deleted_at = now
            s.commit()
        out.files_deleted.extend(finished)
    # Against the same clock as the rows: a caller that moves ``now`` ages the folders too.
    limit = now.timestamp() - orphan_grace_s
    for path in orphans:
        try:
            fresh = _newest_mtime(path) > limit
        except OSError:
            continue  # gone meanwhile
        if fresh:
            out.folders_kept += 1
            continue
        _remove(path)
        out.orphans_deleted.append(path.name)


def sweep_retention(db: Database, jobs_dir: Path, retention_days: int, *,
                    now: datetime | None = None,
                    orphan_grace_s: float = 3600.0) -> RetentionResult:
    """Delete expired jobs (with their crops), finished jobs' upload folders and old
    orphan folders, as the module's rules say."""
    now = now or utcnow()
    out = RetentionResult()
    if retention_days > 0:
        _expire_jobs(db, jobs_dir, now - timedelta(days=retention_days), out)
    _sweep_folders(db, jobs_dir, now, orphan_grace_s, out)
    return out
