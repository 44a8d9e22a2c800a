"""A supervised pool of worker processes, shared by `dossier batch` and the HTTP API.

Why not ProcessPoolExecutor: one job that crashes its worker (a native library segfaulting
on a malformed file, the OOM killer) must cost that job only. With ProcessPoolExecutor a
dead worker breaks the whole pool, every pending future fails with BrokenProcessPool and
nothing says which job killed it; nor can it stop one overdue job. Here each long-lived
worker (spawned, not forked) runs one job at a time over its own pipe, so the pool always
knows which job a worker holds and can:

- give the job a soft limit (passed to the job function, which makes it a cooperative
  deadline, e.g. ``Limits.dossier_seconds``) and enforce a hard limit: past it the worker
  is killed and replaced, and the job ends with outcome ``timeout``;
- cancel a job: a queued one is dropped, a running one's worker is killed (``cancelled``);
- watch memory: a worker whose resident set (/proc/<pid>/statm) exceeds ``max_memory_mb``
  is killed (``memory``);
- isolate crashes: a worker that dies names its job (``crashed``, with the exit code).

Workers die with their parent: on Linux each sets PR_SET_PDEATHSIG=SIGKILL as its first
act, and a thread polling os.getppid() covers the window before that and other platforms,
so a ``kill -9`` of the batch or of the server leaves no orphan running a job. (The death
signal follows the *thread* that started the worker, so start workers – i.e. call
:meth:`WorkerPool.poll` – from one long-lived thread.)

Use: ``submit`` jobs (thread-safe), and call ``poll`` in a loop from one thread; it starts
workers, hands out jobs, and returns events (:class:`Started`, :class:`Message` – whatever
a job passed to :func:`notify` – and :class:`JobResult`). ``cancel`` may be called from any
thread. The job function and initializer must be importable module-level functions.
"""
from __future__ import annotations

import ctypes
import os
import pickle
import signal
import sys
import threading
import time
import traceback
from collections import deque
from dataclasses import dataclass
from multiprocessing import connection, get_context
from typing import Any, Callable, Hashable

# Outcomes of a job.
DONE = "done"  # the job function returned; ``value`` is what it returned
FAILED = "failed"  # the job function raised; ``error_type``/``error`` say what
CRASHED = "crashed"  # the worker died (``exitcode``)
TIMEOUT = "timeout"  # past the hard limit; the worker was killed
MEMORY = "memory"  # the worker's memory passed max_memory_mb; it was killed
CANCELLED = "cancelled"  # cancel() was called for it

DEFAULT_STARTUP_S = 120.0
_PR_SET_PDEATHSIG = 1
_PPID_POLL_S = 0.5


@dataclass
class Started:
    """The worker has begun the job (the hard limit runs from here)."""

    job_id: Hashable
    slot: int


@dataclass
class Message:
    """Something the job sent with :func:`notify` while running."""

    job_id: Hashable
    slot: int
    data: Any


@dataclass
class JobResult:
    job_id: Hashable
    outcome: str
    value: Any = None
    error_type: str | None = None
    error: str | None = None
    traceback: str | None = None
    exitcode: int | None = None
    seconds: float = 0.0
    slot: int | None = None
    started: bool = False  # whether the worker had begun the job
    rss_mb: float | None = None  # outcome memory: the size that got it killed
    limit_s: float | None = None  # outcome timeout: the hard limit that applied


Event = Started | Message | JobResult


def exit_reason(exitcode: int | None) -> str:
    """How a worker ended, in Chinese, for messages to people."""
    if exitcode is None:
        return "进程无响应"
    if exitcode < 0:
        try:
            sig = signal.Signals(-exitcode).name
        except ValueError:
            sig = str(-exitcode)
        hint = "，可能是内存不足被系统终止" if sig == "SIGKILL" else ""
        return f"被信号 {sig} 终止{hint}"
    return f"退出码 {exitcode}"


def rss_mb(pid: int) -> float | None:
    """Resident memory of a process in MiB (Linux /proc), None when unknown."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            resident = int(f.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return resident * os.sysconf("SC_PAGE_SIZE") / (1 << 20)


# --------------------------------------------------------------------- worker side

_worker: dict[str, Any] = {"conn": None, "job": None}


def notify(data: Any) -> None:
    """From inside a job: send ``data`` to the parent as a :class:`Message` event. Does
    nothing outside a pool worker."""
    conn, job_id = _worker["conn"], _worker["job"]
    if conn is None or job_id is None:
        return
    try:
        conn.send(("msg", job_id, data))
    except (OSError, ValueError):
        pass


def die_with_parent(parent_pid: int) -> None:
    """Make this process end when ``parent_pid`` does: PR_SET_PDEATHSIG on Linux, and a
    thread watching getppid() everywhere (it also covers a parent that died before the
    prctl call)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent_pid:
        os._exit(70)

    def watch() -> None:
        while True:
            time.sleep(_PPID_POLL_S)
            if os.getppid() != parent_pid:
                os._exit(70)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _worker_main(conn: connection.Connection, parent_pid: int, job_fn: Callable[..., Any],
                 initializer: Callable[..., Any] | None, init_args: tuple) -> None:
    die_with_parent(parent_pid)
    # Ctrl-C reaches the whole process group, and a service manager's stop sends SIGTERM
    # to every process of the service: the parent decides what happens to its workers
    # (a `dossier worker` lets the running checks finish), and they die with it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _worker["conn"] = conn
    state = initializer(*init_args) if initializer is not None else None
    # Read by start_all(); a worker started for a job skips it (no job id).
    conn.send(("ready", None))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        job_id, payload, soft_s = task
        _worker["job"] = job_id
        conn.send(("start", job_id))
        t0 = time.perf_counter()
        try:
            value = job_fn(state, payload, soft_s)
            conn.send(("done", job_id, value, time.perf_counter() - t0))
        except Exception as e:  # noqa: BLE001 - reported as this job's failure
            conn.send(("failed", job_id, type(e).__name__, str(e),
                       traceback.format_exc(limit=8), time.perf_counter() - t0))
        finally:
            _worker["job"] = None


# --------------------------------------------------------------------- parent side

@dataclass
class _Job:
    job_id: Hashable
    payload: Any
    soft_s: float | None
    hard_s: float | None


class _Worker:
    def __init__(self, ctx: Any, pool: "WorkerPool", slot: int) -> None:
        parent, child = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(
            target=_worker_main, daemon=True, name=f"{pool.name}-{slot}",
            args=(child, os.getpid(), pool.job_fn, pool.initializer, pool.init_args))
        self.proc.start()
        child.close()
        self.conn: connection.Connection = parent
        self.slot = slot
        self.job: _Job | None = None
        self.assigned = 0.0
        self.started = 0.0
        self.running = False  # the worker has begun the job (not still starting up)
        self.cancel_requested = False

    def assign(self, job: _Job) -> None:
        self.conn.send((job.job_id, job.payload, job.soft_s))
        self.job, self.assigned, self.started = job, time.monotonic(), time.monotonic()
        self.running, self.cancel_requested = False, False

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(10)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.proc.join(5)
        self.kill()


class WorkerPool:
    """Up to ``size`` worker processes, each running one job at a time; see the module
    docstring. ``job_fn(state, payload, soft_seconds)`` runs in a worker, where ``state``
    is what ``initializer(*init_args)`` returned when the worker started (None without
    an initializer). ``startup_s``: how long a fresh worker may take to start (imports,
    initializer) before its first job's hard limit starts counting."""

    def __init__(self, job_fn: Callable[..., Any], size: int = 1, *,
                 initializer: Callable[..., Any] | None = None, init_args: tuple = (),
                 soft_seconds: float | None = None, hard_seconds: float | None = None,
                 startup_s: float = DEFAULT_STARTUP_S, max_memory_mb: float | None = None,
                 memory_check_s: float = 0.5, name: str = "dossier-worker") -> None:
        self.job_fn = job_fn
        self.size = max(1, size)
        self.initializer = initializer
        self.init_args = init_args
        self.soft_seconds = soft_seconds
        self.hard_seconds = hard_seconds
        self.startup_s = startup_s
        self.max_memory_mb = max_memory_mb
        self.memory_check_s = memory_check_s
        self.name = name
        # spawn, not fork: a worker must not inherit the parent's threads or locks.
        self.ctx = get_context("spawn")
        self.workers: list[_Worker | None] = [None] * self.size
        self._queue: deque[_Job] = deque()
        self._outbox: list[Event] = []
        self._lock = threading.RLock()
        self._wake_r, self._wake_w = self.ctx.Pipe(duplex=False)
        self._last_memory_check = 0.0
        self._closed = False

    # --- any thread -------------------------------------------------------------------
    def submit(self, job_id: Hashable, payload: Any, *, soft_seconds: float | None = None,
               hard_seconds: float | None = None) -> None:
        """Queue a job; the limits default to the pool's."""
        with self._lock:
            if self._closed:
                raise RuntimeError("pool is closed")
            self._queue.append(_Job(job_id, payload,
                                    self.soft_seconds if soft_seconds is None else soft_seconds,
                                    self.hard_seconds if hard_seconds is None else hard_seconds))
        self._wake()

    def cancel(self, job_id: Hashable) -> bool:
        """Drop a queued job or kill the worker of a running one; its JobResult (outcome
        cancelled) comes out of the next poll. False when the pool does not hold it."""
        with self._lock:
            for job in self._queue:
                if job.job_id == job_id:
                    self._queue.remove(job)
                    self._outbox.append(JobResult(job_id, CANCELLED))
                    self._wake()
                    return True
            for w in self.workers:
                if w is not None and w.job is not None and w.job.job_id == job_id:
                    w.cancel_requested = True
                    # Only a signal here; the polling thread reaps the process.
                    try:
                        w.proc.kill()
                    except (OSError, ValueError, AttributeError):
                        pass
                    self._wake()
                    return True
        return False

    def holds(self, job_id: Hashable) -> bool:
        with self._lock:
            return (any(j.job_id == job_id for j in self._queue)
                    or any(w is not None and w.job is not None and w.job.job_id == job_id
                           for w in self.workers))

    @property
    def queued(self) -> int:
        return len(self._queue)

    @property
    def running(self) -> int:
        return sum(1 for w in self.workers if w is not None and w.job is not None)

    def idle(self) -> bool:
        """Nothing queued, running or waiting to be reported."""
        with self._lock:
            return not self._queue and not self._outbox and self.running == 0

    def pids(self) -> list[int]:
        return [w.proc.pid for w in self.workers if w is not None and w.proc.pid is not None]

    def _wake(self) -> None:
        try:
            self._wake_w.send_bytes(b"")
        except (OSError, ValueError):
            pass

    # --- the polling thread -----------------------------------------------------------
    def poll(self, timeout: float = 0.25) -> list[Event]:
        """Start workers and hand out queued jobs, wait up to ``timeout`` for something to
        happen, and return what happened."""
        with self._lock:
            self._dispatch()
            busy = [w for w in self.workers if w is not None and w.job is not None]
            ready = bool(self._outbox)
        waits: list[Any] = [self._wake_r]
        for w in busy:
            waits += [w.conn, w.proc.sentinel]
        if not ready:
            try:
                connection.wait(waits, timeout=timeout)
            except OSError:
                pass
        events: list[Event] = []
        with self._lock:
            try:
                while self._wake_r.poll():
                    self._wake_r.recv_bytes()
            except (EOFError, OSError):
                pass
            for w in busy:
                if self.workers[w.slot] is w:
                    self._service(w, events)
            self._check_memory(events)
            events = self._outbox + events
            self._outbox = []
        return events

    def start_all(self, timeout: float = DEFAULT_STARTUP_S) -> int:
        """Start every idle slot's worker now and wait until each has run its initializer
        (e.g. loaded the models), so the first job does not pay for it; how many are
        ready. Call it before submitting, from a thread that lives as long as the pool
        (the workers' death signal follows the thread that started them)."""
        with self._lock:
            started = [self.workers[s] or self._fresh(s) for s in range(self.size)]
        deadline = time.monotonic() + timeout
        ready = 0
        for w in started:
            if w is None:
                continue
            try:
                if w.conn.poll(max(0.0, deadline - time.monotonic())):
                    msg = w.conn.recv()
                    ready += msg[0] == "ready"
            except (EOFError, OSError):
                continue
        return ready

    def _fresh(self, slot: int) -> _Worker:
        w = _Worker(self.ctx, self, slot)
        self.workers[slot] = w
        return w

    def _retire(self, w: _Worker) -> None:
        w.kill()
        if self.workers[w.slot] is w:
            self.workers[w.slot] = None

    def _dispatch(self) -> None:
        for slot in range(self.size):
            if not self._queue:
                return
            w = self.workers[slot]
            if w is not None and w.job is not None:
                continue
            if w is not None and not w.proc.is_alive():
                self._retire(w)
                w = None
            job = self._queue.popleft()
            w = w or self._fresh(slot)
            try:
                w.assign(job)
            except (OSError, ValueError):
                # It died between jobs; a fresh one takes the job.
                self._retire(w)
                self._fresh(slot).assign(job)

    @staticmethod
    def _receive(w: _Worker) -> tuple[bool, tuple | None]:
        """(pipe healthy, next message or None when nothing is waiting)."""
        try:
            if not w.conn.poll():
                return True, None
            return True, w.conn.recv()
        except (EOFError, OSError, ValueError, TypeError, IndexError, AttributeError,
                ImportError, pickle.UnpicklingError):
            # A worker killed mid-send leaves a torn message: same as a dead worker.
            return False, None

    def _drain(self, w: _Worker, events: list[Event]) -> bool:
        """Turn what the worker sent into events; False when its pipe is broken."""
        while w.job is not None:
            healthy, msg = self._receive(w)
            if msg is None:
                return healthy
            kind, job = msg[0], w.job
            if msg[1] != job.job_id:
                continue  # left over from an earlier job: cannot happen, but never misfile
            if kind == "start":
                w.started, w.running = time.monotonic(), True
                events.append(Started(job.job_id, w.slot))
            elif kind == "msg":
                events.append(Message(job.job_id, w.slot, msg[2]))
            elif kind == "done":
                w.job = None
                events.append(JobResult(job.job_id, DONE, value=msg[2], seconds=msg[3],
                                        slot=w.slot, started=True))
            elif kind == "failed":
                w.job = None
                events.append(JobResult(job.job_id, FAILED, error_type=msg[2], error=msg[3],
                                        traceback=msg[4], seconds=msg[5], slot=w.slot,
                                        started=True))
        return True

    def _end(self, w: _Worker, events: list[Event], outcome: str, **extra: Any) -> None:
        job = w.job
        assert job is not None
        elapsed = time.monotonic() - w.started
        running = w.running
        w.job = None
        self._retire(w)
        events.append(JobResult(job.job_id, outcome, seconds=elapsed, slot=w.slot,
                                started=running, **extra))

    def _service(self, w: _Worker, events: list[Event]) -> None:
        healthy = self._drain(w, events)
        if w.job is None:
            return
        if w.cancel_requested:
            self._end(w, events, CANCELLED)
            return
        if not healthy or not w.proc.is_alive():
            w.proc.join(2)
            # The last message may have landed just before the exit.
            if healthy and self._drain(w, events) and w.job is None:
                return
            if w.cancel_requested:
                self._end(w, events, CANCELLED)
                return
            self._end(w, events, CRASHED, exitcode=w.proc.exitcode)
            return
        hard = w.job.hard_s
        if hard is None:
            return
        limit = hard if w.running else max(hard, self.startup_s)
        if time.monotonic() - (w.started if w.running else w.assigned) > limit:
            self._end(w, events, TIMEOUT, limit_s=hard)

    def _check_memory(self, events: list[Event]) -> None:
        if not self.max_memory_mb:
            return
        now = time.monotonic()
        if now - self._last_memory_check < self.memory_check_s:
            return
        self._last_memory_check = now
        for w in list(self.workers):
            if w is None or w.job is None or w.proc.pid is None:
                continue
            size = rss_mb(w.proc.pid)
            if size is not None and size > self.max_memory_mb:
                self._end(w, events, MEMORY, rss_mb=round(size, 1))

    def close(self) -> None:
        """Stop every worker: idle ones are asked to exit, busy ones are killed. Jobs
        still queued or running are abandoned (no events)."""
        with self._lock:
            self._closed = True
            self._queue.clear()
            workers, self.workers = self.workers, [None] * self.size
        for w in workers:
            if w is not None:
                (w.stop if w.job is None else w.kill)()
        for c in (self._wake_r, self._wake_w):
            try:
                c.close()
            except OSError:
                pass

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
