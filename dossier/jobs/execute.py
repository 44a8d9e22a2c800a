"""Running checks that wait in the database, in a supervised pool of worker processes.

One :class:`JobExecutor` per process that runs jobs: the HTTP service without a broker
(its dispatcher threads call :meth:`JobExecutor.run`) and each `dossier worker` (Celery's
task threads call it). A run:

1. **claims** the job with one conditional UPDATE: a queued job, or a running one whose
   heartbeat stopped more than ``stale_after`` seconds ago (its worker died and the broker
   handed the job on). Anything else — done, failed, deleted, or alive on another worker
   (a duplicate delivery) — is left alone, so running a job's message twice is harmless.
   A job claimed a third time has taken down two workers and fails (INTERRUPTED_TWICE).
2. runs the check in a pool process with the job's soft limit (the pipeline's cooperative
   deadline) and hard limit and memory ceiling (the process is killed), see
   dossier/worker_pool.py;
3. meanwhile writes a **heartbeat** with the job's progress (files read of found, OCR
   pages) every ``HEARTBEAT_S``. A heartbeat that finds the row gone (DELETE) or held by
   another worker stops the check;
4. **finishes**: deletes the upload, then stores the report and the page crops and sets
   the status in one transaction, only while this worker still holds the job; then sends
   the completion webhook."""
from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Callable

from sqlalchemy import and_, or_, update

from dossier import worker_pool
from dossier.jobs import reasons
from dossier.jobs.db import Database, Job, JobCrop, JobStatus, utcnow
from dossier.jobs.job_worker import DOCS, PAGE, init_job_worker, run_check, run_job
from dossier.jobs.storage import find_input, job_folder, remove_folder
from dossier.worker_pool import JobResult, Message, WorkerPool
from models.settings import ApiSettings

log = logging.getLogger(__name__)

Execute = Callable[..., Any]

HEARTBEAT_S = 2.0
# A running job whose heartbeat is older than this has lost its worker. Many heartbeats
# long, so a busy database or a paused VM does not hand a live job to a second worker.
STALE_AFTER_S = 30.0
# Claims a job may have: the third start of a job means two workers died running it.
MAX_ATTEMPTS = 2

# What JobExecutor.run came to.
DONE = "done"
FAILED = "failed"
SKIPPED = "skipped"  # not claimable: finished, deleted, or alive on another worker
CANCELLED = "cancelled"  # deleted or taken over while running
STOPPING = "stopping"  # this process is shutting down; the job stays claimed


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass(frozen=True)
class Claim:
    job_id: uuid.UUID
    program: str
    as_of: str
    attempts: int
    webhook_url: str | None


def claim_job(db: Database, job_id: uuid.UUID, worker: str,
              stale_after: float = STALE_AFTER_S) -> Claim | None:
    """Take the job for ``worker`` (see the module docstring); None when it is not
    claimable."""
    now = utcnow()
    stale = now - timedelta(seconds=stale_after)
    with db.session() as s:
        res = s.execute(
            update(Job)
            .where(Job.id == job_id,
                   or_(Job.status == JobStatus.queued.value,
                       and_(Job.status == JobStatus.running.value,
                            or_(Job.heartbeat_at.is_(None), Job.heartbeat_at < stale))))
            .values(status=JobStatus.running.value, attempts=Job.attempts + 1, worker=worker,
                    heartbeat_at=now, started_at=now, docs_total=None, docs_done=0,
                    pages_done=0)
            .execution_options(synchronize_session=False))
        s.commit()
        if getattr(res, "rowcount", 0) != 1:
            return None
        job = s.get(Job, job_id, populate_existing=True)
        if job is None:
            return None
        return Claim(job.id, job.program, job.as_of.isoformat(), job.attempts or 0,
                     job.webhook_url)


def finish_job(db: Database, job_id: uuid.UUID, worker: str | None, *,
               report_json: str | None = None, crops: dict[str, str] | None = None,
               error: str | None = None, error_code: str | None = None,
               files_deleted: bool = True, tool_version: str | None = None,
               progress: tuple[int | None, int, int] | None = None) -> bool:
    """Store the outcome while ``worker`` still holds the running job (any holder when
    None); False when it no longer does (deleted, taken over): nothing is written."""
    now = utcnow()
    values: dict[str, Any] = {"finished_at": now, "heartbeat_at": None}
    if files_deleted:
        values["files_deleted_at"] = now
    if progress is not None:
        values.update(docs_total=progress[0], docs_done=progress[1], pages_done=progress[2])
    if report_json is not None:
        values.update(status=JobStatus.done.value, report_json=report_json, error=None,
                      error_code=None)
        if tool_version:
            values["tool_version"] = tool_version
    else:
        values.update(status=JobStatus.failed.value, error=error, error_code=error_code)
    cond = [Job.id == job_id, Job.status == JobStatus.running.value]
    if worker is not None:
        cond.append(Job.worker == worker)
    with db.session() as s:
        res = s.execute(update(Job).where(*cond).values(**values)
                        .execution_options(synchronize_session=False))
        if getattr(res, "rowcount", 0) != 1:
            s.rollback()
            return False
        if report_json is not None and crops:
            s.add_all(JobCrop(job_id=job_id, key=k, png_base64=v) for k, v in crops.items())
        s.commit()
    return True


@dataclass
class _Tracked:
    """A job this process is running: its progress, and whether the heartbeat still
    finds it ours."""

    docs_total: int | None = None
    docs_done: int = 0
    pages_done: int = 0
    lost: bool = False


@dataclass
class _Waiter:
    event: threading.Event = field(default_factory=threading.Event)
    result: JobResult | None = None  # None after set(): the process is stopping

    def set(self, result: JobResult | None) -> None:
        self.result = result
        self.event.set()


def _report_and_crops(value: Any) -> tuple[str, dict[str, str]]:
    """A job function's value: run_check's dict, or a bare report (tests' stand-ins)."""
    if isinstance(value, dict) and "report" in value:
        return str(value["report"]), dict(value.get("crops") or {})
    return str(value), {}


def _tool_version(report_json: str) -> str | None:
    import json

    try:
        version = json.loads(report_json).get("tool_version")
    except (ValueError, AttributeError):
        return None
    return str(version) if version else None


class JobExecutor:
    """See the module docstring. ``size`` processes (default settings.workers); ``warm``
    loads the models in each before it takes work; ``execute`` is the job function run in
    them (run_check, or a test's stand-in)."""

    def __init__(self, db: Database, settings: ApiSettings, *, execute: Execute = run_check,
                 size: int | None = None, warm: bool = False, threads: int | None = None,
                 name: str = "dossier-jobs", stale_after: float = STALE_AFTER_S,
                 heartbeat_s: float = HEARTBEAT_S,
                 deliver: Callable[[Database, uuid.UUID, str | None], object] | None = None
                 ) -> None:
        self.db = db
        self.settings = settings
        self.execute = execute
        self.size = max(1, size or settings.workers)
        self.warm = warm
        self.threads = threads
        self.name = name
        self.worker = worker_name()
        self.stale_after = stale_after
        self.heartbeat_s = heartbeat_s
        self.deliver = deliver
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._pool: WorkerPool | None = None
        self._waiters: dict[Hashable, _Waiter] = {}
        self._tracked: dict[uuid.UUID, _Tracked] = {}
        self._cancelled: set[uuid.UUID] = set()
        self._threads: list[threading.Thread] = []

    # --- lifecycle --------------------------------------------------------------------
    def start(self) -> None:
        self._pool = WorkerPool(run_job, self.size, initializer=init_job_worker,
                                init_args=(self.threads, self.warm),
                                soft_seconds=self.settings.soft_seconds,
                                hard_seconds=self.settings.hard_seconds,
                                max_memory_mb=self.settings.memory_limit_mb, name=self.name)
        for target, label in ((self._supervise, "pool"), (self._heartbeat, "heartbeat")):
            t = threading.Thread(target=target, name=f"{self.name}-{label}", daemon=True)
            t.start()
            self._threads.append(t)

    def wait_ready(self, timeout: float = worker_pool.DEFAULT_STARTUP_S) -> int:
        """Start every worker process now and wait for their set-up (models, when
        ``warm``); how many are ready. Call from a thread that outlives the executor."""
        assert self._pool is not None, "start() first"
        return self._pool.start_all(timeout)

    def stop(self, timeout: float = 10.0) -> None:
        """Kill running checks (their jobs stay claimed: the next start, or the broker,
        hands them on) and stop the threads."""
        self._stopping.set()
        pool = self._pool
        if pool is not None:
            pool._wake()  # noqa: SLF001 - ends the supervisor's wait at once
        for t in self._threads:
            t.join(timeout)
        self._threads.clear()
        if pool is not None:
            pool.close()
        with self._lock:
            waiters, self._waiters = list(self._waiters.values()), {}
        for w in waiters:
            w.set(None)

    def pids(self) -> list[int]:
        return self._pool.pids() if self._pool is not None else []

    def cancel(self, job_id: uuid.UUID) -> None:
        """Stop the job wherever it is here: before it reaches the pool (it will not),
        queued in the pool, or running (its process is killed)."""
        with self._lock:
            self._cancelled.add(job_id)
            pool = self._pool
        if pool is not None:
            pool.cancel(job_id)

    # --- threads ----------------------------------------------------------------------
    def _supervise(self) -> None:
        pool = self._pool
        assert pool is not None
        while not self._stopping.is_set():
            try:
                events = pool.poll(0.5)
            except Exception:  # noqa: BLE001 - the supervisor must outlive any one job
                log.exception("worker pool error")
                continue
            for event in events:
                if isinstance(event, Message):
                    self._progress(event)
                elif isinstance(event, JobResult):
                    with self._lock:
                        waiter = self._waiters.pop(event.job_id, None)
                    if waiter is not None:
                        waiter.set(event)

    def _progress(self, event: Message) -> None:
        with self._lock:
            t = self._tracked.get(event.job_id)  # type: ignore[call-overload]
            if t is None:
                return
            if event.data == PAGE:
                t.pages_done += 1
            elif isinstance(event.data, tuple) and event.data and event.data[0] == DOCS:
                t.docs_done, t.docs_total = int(event.data[1]), int(event.data[2])

    def _heartbeat(self) -> None:
        while not self._stopping.wait(self.heartbeat_s):
            with self._lock:
                jobs = {k: (v.docs_total, v.docs_done, v.pages_done)
                        for k, v in self._tracked.items() if not v.lost}
            for job_id, (total, docs, pages) in jobs.items():
                try:
                    held = self._beat(job_id, total, docs, pages)
                except Exception:  # noqa: BLE001 - a database hiccup; try again next beat
                    log.warning("job %s: heartbeat failed", job_id, exc_info=True)
                    continue
                if not held:
                    log.warning("job %s: deleted or taken over; stopping its check", job_id)
                    with self._lock:
                        if job_id in self._tracked:
                            self._tracked[job_id].lost = True
                    self.cancel(job_id)

    def _beat(self, job_id: uuid.UUID, total: int | None, docs: int, pages: int) -> bool:
        with self.db.session() as s:
            res = s.execute(update(Job).where(Job.id == job_id, Job.worker == self.worker,
                                              Job.status == JobStatus.running.value)
                            .values(heartbeat_at=utcnow(), docs_total=total, docs_done=docs,
                                    pages_done=pages)
                            .execution_options(synchronize_session=False))
            s.commit()
            return getattr(res, "rowcount", 0) == 1

    # --- one job ----------------------------------------------------------------------
    def run(self, job_id: uuid.UUID, execute: Execute | None = None) -> str:
        """Claim and run one job to its end; what it came to (DONE, FAILED, SKIPPED,
        CANCELLED, STOPPING)."""
        execute = execute or self.execute
        if self._stopping.is_set():
            return STOPPING
        claim = claim_job(self.db, job_id, self.worker, self.stale_after)
        if claim is None:
            return SKIPPED
        jobs_dir = self.settings.jobs_dir
        if claim.attempts > MAX_ATTEMPTS:
            log.error("job %s: claimed %d times (its workers died); not retried", job_id,
                      claim.attempts)
            remove_folder(jobs_dir, job_id)
            return self._end(claim, error=reasons.INTERRUPTED_TWICE,
                             error_code=reasons.INTERRUPTED_TWICE_CODE)
        input_path = find_input(job_folder(jobs_dir, job_id))
        if input_path is None:
            remove_folder(jobs_dir, job_id)
            lost = (reasons.upload_missing_on_worker(jobs_dir, socket.gethostname())
                    if self.settings.broker_url else reasons.UPLOAD_LOST)
            return self._end(claim, error=lost, error_code=reasons.UPLOAD_LOST_CODE)
        cache = str(self.settings.cache_dir) if self.settings.cache_dir else None
        args = (str(input_path), claim.program, claim.as_of, self.settings.ocr_engine, cache)
        with self._lock:
            self._tracked[job_id] = _Tracked()
        try:
            result = self._execute(job_id, execute, args)
        finally:
            with self._lock:
                tracked = self._tracked.pop(job_id, None) or _Tracked()
                self._cancelled.discard(job_id)
        if result is None:
            return STOPPING
        if result.outcome == worker_pool.CANCELLED:
            return CANCELLED
        report_json: str | None = None
        crops: dict[str, str] = {}
        error: str | None = None
        code: str | None = None
        if result.outcome == worker_pool.DONE:
            report_json, crops = _report_and_crops(result.value)
        elif result.outcome == worker_pool.FAILED:
            log.error("job %s failed: %s: %s\n%s", job_id, result.error_type, result.error,
                      result.traceback)
            error, code = reasons.failure_reason(result.error_type or "Exception"), reasons.FAILED
        elif result.outcome == worker_pool.TIMEOUT:
            log.error("job %s: past its hard limit of %g s, worker killed", job_id,
                      self.settings.hard_seconds)
            error, code = reasons.timeout_reason(self.settings.hard_seconds), reasons.TIMEOUT
        elif result.outcome == worker_pool.MEMORY:
            log.error("job %s: worker used %s MB, killed", job_id, result.rss_mb)
            error, code = reasons.memory_reason(self.settings.memory_limit_mb), reasons.MEMORY
        else:
            log.error("job %s: worker process died (%s)", job_id,
                      worker_pool.exit_reason(result.exitcode))
            error, code = reasons.CRASHED, reasons.CRASHED_CODE
        # Removed before the status changes, so a client that sees "done" or "failed"
        # can rely on the upload being gone.
        remove_folder(jobs_dir, job_id)
        return self._end(claim, report_json=report_json, crops=crops, error=error,
                         error_code=code,
                         progress=(tracked.docs_total, tracked.docs_done, tracked.pages_done))

    def _end(self, claim: Claim, *, report_json: str | None = None,
             crops: dict[str, str] | None = None, error: str | None = None,
             error_code: str | None = None,
             progress: tuple[int | None, int, int] | None = None) -> str:
        stored = finish_job(self.db, claim.job_id, self.worker, report_json=report_json,
                            crops=crops, error=error, error_code=error_code,
                            tool_version=_tool_version(report_json) if report_json else None,
                            progress=progress)
        if not stored:
            return CANCELLED
        if claim.webhook_url and self.deliver is not None:
            # A slow or dead endpoint must not hold up the next job.
            threading.Thread(target=self._deliver, args=(claim.job_id,),
                             name="dossier-webhook", daemon=True).start()
        return DONE if report_json is not None else FAILED

    def _deliver(self, job_id: uuid.UUID) -> None:
        assert self.deliver is not None
        try:
            self.deliver(self.db, job_id, self.settings.webhook_secret)
        except Exception:  # noqa: BLE001 - a notification; the job's result stands
            log.exception("job %s: webhook delivery failed", job_id)

    def _execute(self, job_id: uuid.UUID, execute: Execute,
                 args: tuple[Any, ...]) -> JobResult | None:
        """The job's result from the pool; None when this process is stopping."""
        waiter = _Waiter()
        # Under the lock, so stop() either sees this job's waiter (and releases it) or
        # this job sees the stop; and cancel() either finds the job in the pool or has
        # marked it before it gets there.
        with self._lock:
            if self._stopping.is_set() or self._pool is None:
                return None
            if job_id in self._cancelled:
                return JobResult(job_id, worker_pool.CANCELLED)
            self._waiters[job_id] = waiter
            self._pool.submit(job_id, (execute, args))
        waiter.event.wait()
        return waiter.result


def default_deliver() -> Callable[[Database, uuid.UUID, str | None], object] | None:
    """The webhook sender (dossier.jobs.webhook), when that module is available."""
    try:
        from dossier.jobs.webhook import deliver_webhook
    except ImportError:  # pragma: no cover - the module ships with the package
        return None
    return deliver_webhook

