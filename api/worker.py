"""Background execution of jobs inside the service process.

The pipeline is CPU-bound, so each check runs in a worker process of a supervised
dossier.worker_pool.WorkerPool (DOSSIER_API_WORKERS processes), the same pool the batch
uses. One supervisor thread polls the pool (it starts the workers, so they die with the
service even on kill -9); one dispatcher thread per worker takes job ids from a queue,
marks the job running (counting the attempt), hands it to the pool and waits for its
result; with as many dispatchers as processes, "running" in the database means a process
is really working on it.

Each job has a soft limit (the pipeline's cooperative deadline, DOSSIER_JOB_SOFT_SECONDS)
and a hard one (DOSSIER_JOB_HARD_SECONDS): past the hard limit, or past the memory limit
(DOSSIER_LIMIT_MAX_MEMORY_MB), the worker is killed and replaced and the job fails with a
Chinese reason; later jobs are not held up. ``cancel`` drops a queued job or kills the
worker of a running one.

The upload folder is removed when the job ends, whether it succeeded or failed. On
shutdown the worker processes are stopped and their jobs are left ``running`` with their
uploads, so the next start re-queues them (see recovery.py)."""
from __future__ import annotations

import json
import logging
import queue
import shutil
import threading
import uuid
from pathlib import Path
from collections.abc import Hashable
from typing import Callable

from api.config import Settings
from api.db import Database, Job, JobStatus, utcnow
from api.job_exec import run_check, run_job
from api.uploads import find_input
from dossier import worker_pool
from dossier.worker_pool import JobResult, WorkerPool

log = logging.getLogger(__name__)

Execute = Callable[..., str]

CRASHED = "核查进程意外退出（可能是内存不足或文件触发了程序错误），请重新提交；如反复出现请联系管理员"
UPLOAD_LOST = "上传的材料已丢失，任务无法执行，请重新提交"


def timeout_reason(seconds: float) -> str:
    return (f"核查超时：超过 {seconds:g} 秒仍未完成，已中止。可能是材料页数过多或某个文件异常"
            f"（如解压后过大），请检查材料后重新提交")


def memory_reason(limit_mb: int) -> str:
    return (f"核查占用内存超过上限（{limit_mb} MB），已中止。可能是某个文件解压或渲染后过大，"
            f"请检查材料后重新提交")


def failure_reason(exc: BaseException | str) -> str:
    name = exc if isinstance(exc, str) else type(exc).__name__
    return f"核查过程出错（{name}），请联系管理员"


class _Waiter:
    def __init__(self) -> None:
        self.event = threading.Event()
        self.result: JobResult | None = None  # None after set(): the service is stopping

    def set(self, result: JobResult | None) -> None:
        self.result = result
        self.event.set()


class JobRunner:
    def __init__(self, db: Database, settings: Settings, execute: Execute = run_check) -> None:
        self.db = db
        self.settings = settings
        self.execute = execute
        self._queue: queue.Queue[uuid.UUID | None] = queue.Queue()
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._pool: WorkerPool | None = None
        # Keyed by job id (a UUID); the pool hands ids back as the Hashable it was given.
        self._waiters: dict[Hashable, _Waiter] = {}
        self._cancelled: set[uuid.UUID] = set()
        self._threads: list[threading.Thread] = []
        self._supervisor: threading.Thread | None = None

    # --- lifecycle --------------------------------------------------------------------
    def start(self) -> None:
        self._pool = WorkerPool(run_job, self.settings.workers,
                                soft_seconds=self.settings.soft_seconds,
                                hard_seconds=self.settings.hard_seconds,
                                max_memory_mb=self.settings.memory_limit_mb,
                                name="dossier-api")
        self._supervisor = threading.Thread(target=self._supervise, name="dossier-jobs-pool",
                                            daemon=True)
        self._supervisor.start()
        for n in range(self.settings.workers):
            t = threading.Thread(target=self._loop, name=f"dossier-job-{n}", daemon=True)
            t.start()
            self._threads.append(t)

    def stop(self, timeout: float = 10.0) -> None:
        with self._lock:
            self._stopping.set()
        for _ in self._threads:
            self._queue.put(None)
        pool = self._pool
        if pool is not None:
            pool._wake()  # noqa: SLF001 - ends the supervisor's wait at once
        if self._supervisor is not None:
            self._supervisor.join(timeout)
        if pool is not None:
            # A check can take minutes; waiting for it would hold up every shutdown. The
            # interrupted job keeps its upload and is re-queued at the next start.
            pool.close()
        with self._lock:
            waiters, self._waiters = list(self._waiters.values()), {}
        for w in waiters:
            w.set(None)
        for t in self._threads:
            t.join(timeout)
        self._threads.clear()

    def submit(self, job_id: uuid.UUID) -> None:
        self._queue.put(job_id)

    def pending(self) -> int:
        return self._queue.qsize()

    def cancel(self, job_id: uuid.UUID) -> None:
        """Stop the job wherever it is: not yet taken from the queue (its dispatcher will
        skip it), about to be handed to the pool, queued in the pool, or running (its
        worker is killed). The caller removes the row and the upload."""
        with self._lock:
            self._cancelled.add(job_id)
            pool = self._pool
        if pool is not None:
            pool.cancel(job_id)

    def worker_pids(self) -> list[int]:
        return self._pool.pids() if self._pool is not None else []

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
                if isinstance(event, JobResult):
                    with self._lock:
                        waiter = self._waiters.pop(event.job_id, None)
                    if waiter is not None:
                        waiter.set(event)

    # --- one job ----------------------------------------------------------------------
    def _loop(self) -> None:
        while True:
            job_id = self._queue.get()
            if job_id is None or self._stopping.is_set():
                return
            try:
                self._run(job_id)
            except Exception:  # noqa: BLE001 - the dispatcher must outlive any one job
                log.exception("job %s: unexpected error in dispatcher", job_id)
            finally:
                with self._lock:
                    self._cancelled.discard(job_id)

    def _run(self, job_id: uuid.UUID) -> None:
        execute = self.execute  # as it is when the job starts
        with self.db.session() as s:
            job = s.get(Job, job_id)
            if job is None or job.status != JobStatus.queued.value:
                return
            job.status = JobStatus.running.value
            job.started_at = utcnow()
            job.attempts = (job.attempts or 0) + 1
            s.commit()
            program, as_of = job.program, job.as_of.isoformat()
        job_dir = self.settings.jobs_dir / str(job_id)
        input_path = find_input(job_dir)
        if input_path is None:
            shutil.rmtree(job_dir, ignore_errors=True)
            self._finish(job_id, error=UPLOAD_LOST)
            return
        result = self._execute(job_id, execute, input_path, program, as_of)
        if result is None or result.outcome == worker_pool.CANCELLED:
            # Stopping: the upload stays for the next start. Cancelled: DELETE removes
            # the row and the upload.
            return
        report_json: str | None = None
        error: str | None = None
        if result.outcome == worker_pool.DONE:
            report_json = result.value
        elif result.outcome == worker_pool.FAILED:
            log.error("job %s failed: %s: %s\n%s", job_id, result.error_type, result.error,
                      result.traceback)
            error = failure_reason(result.error_type or "Exception")
        elif result.outcome == worker_pool.TIMEOUT:
            log.error("job %s: past its hard limit of %g s, worker killed", job_id,
                      self.settings.hard_seconds)
            error = timeout_reason(self.settings.hard_seconds)
        elif result.outcome == worker_pool.MEMORY:
            log.error("job %s: worker used %s MB, killed", job_id, result.rss_mb)
            error = memory_reason(self.settings.memory_limit_mb)
        else:
            log.error("job %s: worker process died (%s)", job_id,
                      worker_pool.exit_reason(result.exitcode))
            error = CRASHED
        # Removed before the status changes, so a client that sees "done" or "failed"
        # can rely on the upload being gone.
        shutil.rmtree(job_dir, ignore_errors=True)
        self._finish(job_id, report_json=report_json, error=error)

    def _execute(self, job_id: uuid.UUID, execute: Execute, input_path: Path, program: str,
                 as_of: str) -> JobResult | None:
        """The job's result from the pool; None when the service is stopping."""
        cache = str(self.settings.cache_dir) if self.settings.cache_dir else None
        args = (str(input_path), program, as_of, self.settings.ocr_engine, cache)
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

    def _finish(self, job_id: uuid.UUID, *, report_json: str | None = None,
                error: str | None = None) -> None:
        with self.db.session() as s:
            job = s.get(Job, job_id)
            if job is None:
                return  # deleted (cancelled) meanwhile
            job.finished_at = utcnow()
            if report_json is not None:
                job.status = JobStatus.done.value
                job.report_json = report_json
                job.tool_version = str(json.loads(report_json).get("tool_version",
                                                                   job.tool_version))
                job.error = None
            else:
                job.status = JobStatus.failed.value
                job.error = error
            s.commit()
