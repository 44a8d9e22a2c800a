"""How the service gets its jobs run.

Without a broker (the default) the service runs them itself: :class:`JobRunner` feeds job
ids from an in-process queue to one dispatcher thread per worker process of a
dossier.jobs.execute.JobExecutor, so "running" in the database means a process is really
working on it. With DOSSIER_BROKER_URL set, :class:`ClusterDispatcher` sends each job to
the Celery workers (`dossier worker`, on any machine) and the service only stores,
serves and lists.

Both take ``submit(job_id)`` after the job's row and upload are in place, and
``cancel(job_id)`` after DELETE removed the row (a cluster worker notices at its next
heartbeat and kills the check)."""
from __future__ import annotations

import logging
import queue
import threading
import uuid
from typing import Protocol

from sqlalchemy import func, select

from api.config import Settings
from api.db import Database, Job, JobStatus
from dossier.jobs.execute import Execute, JobExecutor, default_deliver
from dossier.jobs.job_worker import run_check
from dossier.jobs.reasons import (  # noqa: F401 - the service's failure texts, re-exported
    CRASHED,
    UPLOAD_LOST,
    failure_reason,
    memory_reason,
    timeout_reason,
)

log = logging.getLogger(__name__)


class Dispatcher(Protocol):
    def start(self) -> None: ...
    def stop(self) -> None: ...
    def submit(self, job_id: uuid.UUID) -> None: ...
    def cancel(self, job_id: uuid.UUID) -> None: ...
    def pending(self) -> int: ...
    def worker_pids(self) -> list[int]: ...


class JobRunner:
    """The embedded dispatcher (no broker); see the module docstring."""

    def __init__(self, db: Database, settings: Settings, execute: Execute = run_check) -> None:
        self.db = db
        self.settings = settings
        # Read when each job starts, so a test may swap it on a running service.
        self.execute = execute
        self.executor = JobExecutor(db, settings, execute=execute, name="dossier-api",
                                    deliver=default_deliver())
        self._queue: queue.Queue[uuid.UUID | None] = queue.Queue()
        self._threads: list[threading.Thread] = []
        self._stopping = threading.Event()

    def start(self) -> None:
        self.executor.start()
        for n in range(self.executor.size):
            t = threading.Thread(target=self._loop, name=f"dossier-job-{n}", daemon=True)
            t.start()
            self._threads.append(t)

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        for _ in self._threads:
            self._queue.put(None)
        # A check can take minutes; waiting for it would hold up every shutdown. The
        # interrupted job keeps its upload and is re-queued at the next start.
        self.executor.stop(timeout)
        for t in self._threads:
            t.join(timeout)
        self._threads.clear()

    def submit(self, job_id: uuid.UUID) -> None:
        self._queue.put(job_id)

    def pending(self) -> int:
        return self._queue.qsize()

    def cancel(self, job_id: uuid.UUID) -> None:
        self.executor.cancel(job_id)

    def worker_pids(self) -> list[int]:
        return self.executor.pids()

    def _loop(self) -> None:
        while True:
            job_id = self._queue.get()
            if job_id is None or self._stopping.is_set():
                return
            try:
                self.executor.run(job_id, self.execute)
            except Exception:  # noqa: BLE001 - the dispatcher must outlive any one job
                log.exception("job %s: unexpected error in dispatcher", job_id)


class ClusterDispatcher:
    """Jobs go to the Celery workers through the broker; see the module docstring."""

    def __init__(self, db: Database, settings: Settings) -> None:
        from dossier.jobs.cluster import ClusterClient

        self.db = db
        self.settings = settings
        self.client = ClusterClient(db, settings)

    def start(self) -> None:
        self.client.start_watchdog()

    def stop(self) -> None:
        self.client.close()

    def submit(self, job_id: uuid.UUID) -> None:
        self.client.send(job_id)

    def cancel(self, job_id: uuid.UUID) -> None:
        # The row is gone; the worker holding the job sees that at its next heartbeat
        # and kills the check, and a worker that receives it later finds nothing to run.
        pass

    def pending(self) -> int:
        with self.db.session() as s:
            return int(s.scalar(select(func.count()).select_from(Job)
                                .where(Job.status == JobStatus.queued.value)) or 0)

    def worker_pids(self) -> list[int]:
        return []
