"""Background execution of jobs inside the service process.

The pipeline is CPU-bound, so each check runs in a worker process of a
ProcessPoolExecutor (DOSSIER_API_WORKERS processes). One dispatcher thread per worker takes
job ids from a queue, marks the job running, waits for its process and stores the result;
with as many dispatchers as processes, "running" in the database means a process is really
working on it. The upload folder is removed when the job ends, whether it succeeded or
failed. On shutdown the worker processes are stopped and their jobs are left ``running``
with their uploads, so the next start re-queues them (see recovery.py)."""
from __future__ import annotations

import json
import logging
import multiprocessing
import queue
import shutil
import threading
import uuid
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Callable

from api.config import Settings
from api.db import Database, Job, JobStatus, utcnow
from api.job_exec import run_check
from api.uploads import find_input

log = logging.getLogger(__name__)

Execute = Callable[[str, str, str, str, "str | None"], str]

CRASHED = "核查进程意外退出（可能是内存不足或文件触发了程序错误），请重新提交；如反复出现请联系管理员"
UPLOAD_LOST = "上传的材料已丢失，任务无法执行，请重新提交"


class _Interrupted(Exception):
    """The service is stopping: the job stays "running" with its upload, for recovery."""


class _WorkerDied(Exception):
    pass


def failure_reason(exc: BaseException) -> str:
    return f"核查过程出错（{type(exc).__name__}），请联系管理员"


class JobRunner:
    def __init__(self, db: Database, settings: Settings, execute: Execute = run_check) -> None:
        self.db = db
        self.settings = settings
        self.execute = execute
        self._queue: queue.Queue[uuid.UUID | None] = queue.Queue()
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._executor: ProcessPoolExecutor | None = None
        self._threads: list[threading.Thread] = []

    # --- lifecycle --------------------------------------------------------------------
    def start(self) -> None:
        for n in range(self.settings.workers):
            t = threading.Thread(target=self._loop, name=f"dossier-job-{n}", daemon=True)
            t.start()
            self._threads.append(t)

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        for _ in self._threads:
            self._queue.put(None)
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            # A check can take minutes; waiting for it would hold up every shutdown. The
            # interrupted job keeps its upload and is re-queued at the next start.
            # No public API ends a busy worker before Python 3.14's terminate_workers().
            processes = getattr(executor, "_processes", None) or {}
            for proc in list(processes.values()):
                proc.terminate()
            # The processes are gone, so this returns at once; it joins them and frees
            # the pool's semaphores (wait=False would leak them).
            executor.shutdown(wait=True, cancel_futures=True)
        for t in self._threads:
            t.join(timeout)
        self._threads.clear()

    def submit(self, job_id: uuid.UUID) -> None:
        self._queue.put(job_id)

    def pending(self) -> int:
        return self._queue.qsize()

    def _submit(self, *args: object) -> tuple[ProcessPoolExecutor, "Future[str]"]:
        # Under the lock, so stop() either sees this job's process (and ends it) or this
        # job sees the stop and leaves the upload for the next start.
        with self._lock:
            if self._stopping.is_set():
                raise _Interrupted
            for _ in range(2):
                if self._executor is None:
                    # spawn, not fork: the service process has threads (event loop,
                    # dispatchers, DB pool) and forking a threaded process can deadlock.
                    self._executor = ProcessPoolExecutor(
                        max_workers=self.settings.workers,
                        mp_context=multiprocessing.get_context("spawn"))
                try:
                    return self._executor, self._executor.submit(self.execute, *args)
                except BrokenProcessPool:  # broken by an earlier job: start a fresh pool
                    self._executor.shutdown(wait=False, cancel_futures=True)
                    self._executor = None
            raise _WorkerDied

    def _drop_pool(self, broken: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._executor is broken:
                self._executor = None
        broken.shutdown(wait=False, cancel_futures=True)

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

    def _run(self, job_id: uuid.UUID) -> None:
        with self.db.session() as s:
            job = s.get(Job, job_id)
            if job is None or job.status != JobStatus.queued.value:
                return
            job.status = JobStatus.running.value
            job.started_at = utcnow()
            s.commit()
            program, as_of = job.program, job.as_of.isoformat()
        job_dir = self.settings.jobs_dir / str(job_id)
        input_path = find_input(job_dir)
        if input_path is None:
            shutil.rmtree(job_dir, ignore_errors=True)
            self._finish(job_id, error=UPLOAD_LOST)
            return
        report_json: str | None = None
        error: str | None = None
        try:
            report_json = self._execute(input_path, program, as_of)
        except _Interrupted:
            return  # the upload stays for the next start
        except _WorkerDied:
            log.error("job %s: worker process died", job_id)
            error = CRASHED
        except Exception as e:  # noqa: BLE001 - any pipeline failure fails this job only
            log.exception("job %s failed", job_id)
            error = failure_reason(e)
        # Removed before the status changes, so a client that sees "done" or "failed"
        # can rely on the upload being gone.
        shutil.rmtree(job_dir, ignore_errors=True)
        self._finish(job_id, report_json=report_json, error=error)

    def _execute(self, input_path: Path, program: str, as_of: str) -> str:
        cache = str(self.settings.cache_dir) if self.settings.cache_dir else None
        pool, future = self._submit(str(input_path), program, as_of,
                                    self.settings.ocr_engine, cache)
        try:
            return future.result()
        except BrokenProcessPool as e:
            if self._stopping.is_set():  # stop() ended the process on purpose
                raise _Interrupted from e
            self._drop_pool(pool)
            raise _WorkerDied from e
        except CancelledError as e:
            raise _Interrupted from e
        except Exception:
            if self._stopping.is_set():
                raise _Interrupted from None
            raise

    def _finish(self, job_id: uuid.UUID, *, report_json: str | None = None,
                error: str | None = None) -> None:
        with self.db.session() as s:
            job = s.get(Job, job_id)
            if job is None:
                return
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
