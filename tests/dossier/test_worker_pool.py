"""dossier.worker_pool with real spawned processes: the hard limit kills a hung job and the
next job runs, cancel kills a running job's worker, the memory watchdog kills a worker
that grows past its limit, a crash names its job, and workers die with their parent even
on SIGKILL. Job functions are module level so a spawned worker can import them."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from dossier import worker_pool
from dossier.worker_pool import JobResult, Message, Started, WorkerPool

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc")


def job(_state: Any, payload: tuple[str, Any], soft: float | None) -> Any:
    what, arg = payload
    if what == "echo":
        worker_pool.notify(("soft", soft))
        return arg
    if what == "hang":
        time.sleep(3600)
    if what == "raise":
        raise ValueError(arg)
    if what == "die":
        os._exit(arg)
    if what == "eat":
        hoard = []
        for _ in range(arg):
            hoard.append(bytearray(16 << 20))  # touched: resident, not just reserved
            time.sleep(0.02)
        time.sleep(3600)
    if what == "pid":
        return os.getpid()
    raise AssertionError(what)


def run_all(pool: WorkerPool, until: int, timeout: float = 60.0) -> list[Any]:
    """Poll until ``until`` JobResults came out; every event, in order."""
    events: list[Any] = []
    deadline = time.monotonic() + timeout
    while sum(isinstance(e, JobResult) for e in events) < until:
        assert time.monotonic() < deadline, events
        events += pool.poll(0.1)
    return events


def results(events: list[Any]) -> dict[Any, JobResult]:
    return {e.job_id: e for e in events if isinstance(e, JobResult)}


def alive(pid: int) -> bool:
    """Running and not a zombie (/proc/<pid>/stat state Z)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_hung_job_is_killed_at_the_hard_limit_and_the_next_job_runs() -> None:
    with WorkerPool(job, 1, hard_seconds=1.5) as pool:
        pool.submit("hang", ("hang", None))
        pool.submit("after", ("echo", 42), soft_seconds=9.0)
        t0 = time.monotonic()
        events = run_all(pool, 2)
        r = results(events)
        assert r["hang"].outcome == worker_pool.TIMEOUT and r["hang"].started
        assert r["hang"].limit_s == 1.5 and 1.4 < r["hang"].seconds < 10
        assert r["after"].outcome == worker_pool.DONE and r["after"].value == 42
        assert Message("after", 0, ("soft", 9.0)) in events
        assert [e.job_id for e in events if isinstance(e, Started)] == ["hang", "after"]
        assert time.monotonic() - t0 < 30


def test_failures_and_crashes_name_their_job() -> None:
    with WorkerPool(job, 2) as pool:
        pool.submit("raise", ("raise", "bad input"))
        pool.submit("die", ("die", 7))
        pool.submit("ok", ("echo", "x"))
        r = results(run_all(pool, 3))
    assert (r["raise"].outcome, r["raise"].error_type, r["raise"].error) == (
        worker_pool.FAILED, "ValueError", "bad input")
    assert "ValueError" in (r["raise"].traceback or "")
    assert (r["die"].outcome, r["die"].exitcode) == (worker_pool.CRASHED, 7)
    assert worker_pool.exit_reason(7) == "退出码 7"
    assert r["ok"].outcome == worker_pool.DONE and r["ok"].value == "x"


def test_cancel_kills_a_running_job_and_drops_a_queued_one() -> None:
    with WorkerPool(job, 1) as pool:
        pool.submit("running", ("hang", None))
        pool.submit("queued", ("echo", 1))
        events: list[Any] = []
        while not any(isinstance(e, Started) for e in events):
            events += pool.poll(0.1)
        pid = pool.pids()[0]
        assert alive(pid)
        assert pool.cancel("queued") and pool.cancel("running")
        assert not pool.cancel("unknown")
        r = results(run_all(pool, 2, timeout=10))
        assert r["running"].outcome == r["queued"].outcome == worker_pool.CANCELLED
        assert not alive(pid)
        assert pool.idle()
        # The slot gets a fresh worker.
        pool.submit("next", ("pid", None))
        r = results(run_all(pool, 1))
        assert r["next"].outcome == worker_pool.DONE and r["next"].value != pid


def test_memory_watchdog_kills_a_worker_past_its_limit() -> None:
    with WorkerPool(job, 1, max_memory_mb=150, memory_check_s=0.1, hard_seconds=60) as pool:
        pool.submit("eat", ("eat", 20))  # 320 MB if let be
        pool.submit("small", ("echo", "fine"))
        r = results(run_all(pool, 2))
    assert r["eat"].outcome == worker_pool.MEMORY
    assert r["eat"].rss_mb is not None and 150 < r["eat"].rss_mb < 320
    assert r["small"].outcome == worker_pool.DONE


_PARENT = textwrap.dedent("""
    import sys, time
    sys.path[:0] = {paths!r}
    from dossier.worker_pool import WorkerPool, Started
    from tests.dossier.test_worker_pool import job

    if __name__ == "__main__":
        pool = WorkerPool(job, 1)
        pool.submit("hang", ("hang", None))
        while not any(isinstance(e, Started) for e in pool.poll(0.1)):
            pass
        print(pool.pids()[0], flush=True)
        time.sleep(3600)
""")


def test_workers_die_with_their_parent_on_sigkill(tmp_path: Path) -> None:
    script = tmp_path / "parent.py"
    script.write_text(_PARENT.format(paths=[str(Path(__file__).resolve().parents[2])]))
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        line = parent.stdout.readline()
        assert line.strip().isdigit(), line
        worker = int(line)
        assert alive(worker)
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        deadline = time.monotonic() + 5
        while alive(worker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not alive(worker), "orphaned worker still running after its parent's SIGKILL"
    finally:
        if parent.poll() is None:
            parent.kill()
