"""What a (re)start does with jobs the previous run left unfinished.

Finished reports live in the database and survive as they are. A job still ``queued`` or
``running`` is re-queued when its complete upload is still on disk, otherwise it is marked
failed with INTERRUPTED. A job is re-queued at most once after it was running at a stop:
one still ``running`` with MAX_ATTEMPTS starts behind it was being checked at two
successive crashes or restarts and is marked failed with INTERRUPTED_TWICE, so a dossier
that takes the service down cannot do it forever. Upload folders that belong to no
unfinished job (an upload cut off by the crash, a job whose clean-up did not happen) are removed.

One service process per database and data folder: a second process would take the first
one's running jobs for interrupted ones."""
from __future__ import annotations

import logging
import shutil
import uuid
from dataclasses import dataclass, field

from sqlalchemy import select

from api.config import Settings
from api.db import Database, Job, JobStatus, utcnow
from dossier.jobs.execute import MAX_ATTEMPTS
from dossier.jobs.reasons import (
    INTERRUPTED,
    INTERRUPTED_CODE,
    INTERRUPTED_TWICE,
    INTERRUPTED_TWICE_CODE,
)
from dossier.jobs.storage import find_input

log = logging.getLogger(__name__)



@dataclass
class Recovery:
    requeued: list[uuid.UUID] = field(default_factory=list)
    failed: list[uuid.UUID] = field(default_factory=list)
    removed_folders: int = 0


def recover(db: Database, settings: Settings) -> Recovery:
    out = Recovery()
    unfinished = (JobStatus.queued.value, JobStatus.running.value)
    with db.session() as s:
        jobs = s.scalars(select(Job).where(Job.status.in_(unfinished))
                         .order_by(Job.created_at)).all()
        for job in jobs:
            job_dir = settings.jobs_dir / str(job.id)
            if (job.status == JobStatus.running.value
                    and (job.attempts or 0) >= MAX_ATTEMPTS):
                job.status = JobStatus.failed.value
                job.error, job.error_code = INTERRUPTED_TWICE, INTERRUPTED_TWICE_CODE
                job.finished_at = utcnow()
                out.failed.append(job.id)
                log.error("job %s was running at %d stops of the service; not retried",
                          job.id, job.attempts)
            elif find_input(job_dir) is not None:
                job.status = JobStatus.queued.value
                job.started_at = None
                out.requeued.append(job.id)
            else:
                job.status = JobStatus.failed.value
                job.error, job.error_code = INTERRUPTED, INTERRUPTED_CODE
                job.finished_at = utcnow()
                out.failed.append(job.id)
        s.commit()
    keep = {str(j) for j in out.requeued}
    if settings.jobs_dir.is_dir():
        for folder in settings.jobs_dir.iterdir():
            if folder.name in keep:
                continue
            if folder.is_dir() and not folder.is_symlink():
                shutil.rmtree(folder, ignore_errors=True)
            else:
                folder.unlink(missing_ok=True)
            out.removed_folders += 1
    if out.requeued or out.failed:
        log.warning("restart: %d job(s) re-queued, %d marked failed",
                    len(out.requeued), len(out.failed))
    return out
