"""run_batch: check every dossier of a folder in the supervised worker pool, skipping
those unchanged since their last report, and write the triage list."""
from __future__ import annotations

import hashlib
import os
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from collections.abc import Callable, Hashable
from typing import Any

from dossier import worker_pool
from dossier.batch.discover import BatchItem, changed_files, discover_dossiers, input_manifest, run_key
from dossier.batch.progress import NullProgress, Progress
from dossier.batch.reports import REPORTS_SUBDIR, failure_report, write_reports
from dossier.batch.state import STATE_FILE, BatchState
from dossier.batch.worker import WorkerSetup, _check_one, _init_worker
from dossier.triage_workbook import TriageRow, write_triage
from dossier.worker_pool import JobResult, Message, Started, WorkerPool

DEFAULT_TIMEOUT_S = 600.0
# progress.begin's worker count when the cluster's workers check the dossiers.
CLUSTER = -1
# How long a fresh worker may take to start (interpreter, imports, programme) before its
# first dossier's clock starts.
STARTUP_LIMIT_S = 120.0

_exit_reason = worker_pool.exit_reason


@dataclass
class BatchSettings:
    root: Path
    out_dir: Path
    program: str | None = None  # catalogue id, or
    criteria: Path | None = None  # a programme YAML file
    as_of: date = field(default_factory=date.today)
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    timeout_s: float = DEFAULT_TIMEOUT_S
    cache_dir: Path | None = None
    ocr_engine: str = "rapidocr"
    # Send the dossiers to the cluster's workers (dossier/batch/cluster.py) instead of
    # checking them here: on when DOSSIER_BROKER_URL is set.
    use_broker: bool = field(default_factory=lambda: bool(os.environ.get("DOSSIER_BROKER_URL",
                                                                          "").strip()))

    @property
    def reports_dir(self) -> Path:
        return self.out_dir / REPORTS_SUBDIR

    @property
    def state_path(self) -> Path:
        return self.out_dir / STATE_FILE


@dataclass
class Outcome:
    """One dossier's result in this run. ``status``: checked, skipped (unchanged since its
    last report), crashed, timeout, memory (over DOSSIER_LIMIT_MAX_MEMORY_MB), failed (the
    check raised)."""

    name: str
    row: TriageRow
    status: str
    seconds: float = 0.0
    ocr_pages: int = 0
    ocr_cache_hits: int = 0
    # Files added, removed or changed since the previous report (None: no previous one).
    changed: list[str] | None = None


@dataclass
class BatchResult:
    outcomes: list[Outcome]
    total: int
    elapsed_s: float
    interrupted: bool = False
    triage_xlsx: Path | None = None
    triage_csv: Path | None = None

    def by_status(self, status: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == status]


# ----------------------------------------------------------------------------- pool

class _Pool:
    """The batch's use of dossier.worker_pool: one job per dossier, progress and records
    from the pool's events."""

    def __init__(self, settings: BatchSettings, setup: WorkerSetup, size: int,
                 progress: Progress, record: Callable[..., None]) -> None:
        from models.settings import settings as env_settings

        self.settings = settings
        self.progress = progress
        self.record = record  # (slot, item, status, row | None, stats, message) -> None
        self.pool = WorkerPool(_check_one, size, initializer=_init_worker, init_args=(setup,),
                               hard_seconds=settings.timeout_s, startup_s=STARTUP_LIMIT_S,
                               max_memory_mb=env_settings().limits.max_memory_mb,
                               name="dossier-batch")
        # Pages read per job (the pool's job ids are the dossiers' names).
        self.pages: dict[Hashable, int] = {}

    def run(self, items: list[BatchItem]) -> None:
        by_name: dict[Hashable, BatchItem] = {i.name: i for i in items}
        try:
            for item in items:
                self.pool.submit(item.name, (item.name, str(item.path)))
            left = len(items)
            while left:
                for event in self.pool.poll(0.25):
                    if isinstance(event, Started):
                        self.pages[event.job_id] = 0
                        self.progress.started(event.slot, by_name[event.job_id].name)
                    elif isinstance(event, Message) and event.data == "page":
                        self.pages[event.job_id] = self.pages.get(event.job_id, 0) + 1
                        self.progress.page(event.slot)
                    elif isinstance(event, JobResult):
                        left -= 1
                        self._finished(by_name[event.job_id], event)
                self.progress.tick()
        finally:
            self.pool.close()

    def _finished(self, item: BatchItem, r: JobResult) -> None:
        stats = {"seconds": r.seconds, "ocr_pages": self.pages.pop(item.name, 0)}
        if r.outcome == worker_pool.DONE:
            row, done_stats = r.value
            self.record(r.slot, item, "checked", TriageRow.from_dict(row), done_stats, "")
        elif r.outcome == worker_pool.FAILED:
            self.record(r.slot, item, "failed", None, stats,
                        f"核查过程出错（{r.error_type}: {r.error}），本份材料未能完成核查。请单独运行 "
                        f"dossier check 复查，或将材料与此报告一并反馈给维护人员。")
        elif r.outcome == worker_pool.TIMEOUT:
            self.record(r.slot, item, "timeout", None, stats,
                        f"核查超时：超过 {self.settings.timeout_s:g} 秒仍未完成，已中止。"
                        f"可能是页数过多或某个文件异常；可单独核查或调大 --timeout 后重试。")
        elif r.outcome == worker_pool.MEMORY:
            self.record(r.slot, item, "memory", None, stats,
                        f"核查占用内存超过上限（{self.pool.max_memory_mb} MB），已中止。"
                        f"可能是某个文件解压或渲染后过大；请检查材料，或调大 "
                        f"DOSSIER_LIMIT_MAX_MEMORY_MB 后重试。")
        else:  # crashed (cancel is not used by the batch)
            self.record(r.slot, item, "crashed", None, stats,
                        f"核查进程意外退出（{_exit_reason(r.exitcode)}），本份材料未能完成核查。"
                        f"可能是某个文件使读取组件崩溃或内存不足；请单独运行 dossier check 复查，"
                        f"或检查材料中的文件是否损坏。")


# ------------------------------------------------------------------------ the batch

def _programme_fingerprint(settings: BatchSettings) -> tuple[str, str]:
    """(programme id, fingerprint); raises CriteriaError/UnknownProgrammeError."""
    from criteria.loader import load_programme_file, programme_fingerprint

    if settings.criteria is not None:
        prog = load_programme_file(settings.criteria)
        return prog.id, hashlib.sha256(prog.model_dump_json().encode()).hexdigest()[:16]
    assert settings.program is not None
    return settings.program, programme_fingerprint(settings.program)


class _Interrupted(KeyboardInterrupt):
    pass


def _raise_interrupt(signum: int, frame: Any) -> None:
    raise _Interrupted()


def run_batch(settings: BatchSettings, progress: Progress | None = None) -> BatchResult:
    """Check every dossier under settings.root; see the module docstring."""
    on_main = threading.current_thread() is threading.main_thread()
    # Started as `dossier batch … &` from a script, the batch inherits SIGINT ignored; it
    # must still stop on Ctrl-C / kill -INT. (The workers ignore SIGINT themselves.)
    old_int = signal.signal(signal.SIGINT, signal.default_int_handler) if on_main else None
    try:
        return _run_batch(settings, progress)
    finally:
        if on_main:
            signal.signal(signal.SIGINT, old_int)


def _run_batch(settings: BatchSettings, progress: Progress | None) -> BatchResult:
    t0 = time.monotonic()
    progress = progress or NullProgress(sys.stderr)
    settings.out_dir.mkdir(parents=True, exist_ok=True)
    programme_id, fingerprint = _programme_fingerprint(settings)
    items = discover_dossiers(settings.root, exclude=(settings.out_dir,))
    state = BatchState(settings.state_path)
    state.retain({i.name for i in items})

    outcomes: list[Outcome] = []
    todo: list[BatchItem] = []
    pending: dict[str, dict[str, Any]] = {}
    for item in items:
        manifest = input_manifest(item.path)
        key = run_key(manifest, fingerprint, settings.as_of, settings.ocr_engine)
        rec = state.dossiers.get(item.name)
        report_json = ((rec or {}).get("row") or {}).get("report_json")
        if (rec and rec.get("key") == key and rec.get("outcome") == "checked" and report_json
                and (settings.out_dir / report_json).is_file()):
            outcomes.append(Outcome(item.name, TriageRow.from_dict(rec["row"]), "skipped"))
            continue
        todo.append(item)
        pending[item.name] = {"key": key, "manifest": manifest, "programme": programme_id,
                              "programme_fingerprint": fingerprint,
                              "as_of": settings.as_of.isoformat(),
                              "changed": changed_files(rec.get("manifest", {}), manifest)
                              if rec else None}
    state.save()

    def record(slot: int | None, item: BatchItem, status: str, row: TriageRow | None,
               stats: dict[str, Any], message: str) -> None:
        if row is None:
            report = failure_report(item, settings, programme_id, message)
            row = write_reports(report, item.name, settings.out_dir)
        rec = dict(pending[item.name])
        outcome = Outcome(item.name, row, status, seconds=float(stats.get("seconds", 0.0)),
                          ocr_pages=int(stats.get("ocr_pages", 0)),
                          ocr_cache_hits=int(stats.get("ocr_cache_hits", 0)),
                          changed=rec.pop("changed", None))
        outcomes.append(outcome)
        rec.update(outcome=status, row=row.as_dict(), seconds=round(outcome.seconds, 3),
                   ocr_pages=outcome.ocr_pages, checked_at=datetime.now().isoformat(timespec="seconds"))
        state.put(item.name, rec)
        progress.finished(slot, outcome)

    size = max(1, min(settings.workers, len(todo)))
    setup = WorkerSetup(program=settings.program,
                        criteria=str(settings.criteria.resolve()) if settings.criteria else None,
                        as_of=settings.as_of.isoformat(), ocr_engine=settings.ocr_engine,
                        cache_dir=str(settings.cache_dir) if settings.cache_dir else None,
                        out_dir=str(settings.out_dir),
                        ocr_threads=max(1, (os.cpu_count() or 1) // size))
    interrupted = False
    on_main = threading.current_thread() is threading.main_thread()
    old_term = signal.signal(signal.SIGTERM, _raise_interrupt) if on_main else None
    try:
        if settings.use_broker:
            from dossier.batch.cluster import ClusterPool
            from models.settings import settings as env_settings

            progress.begin(len(items), len(todo), len(items) - len(todo), CLUSTER if todo else 0)
            if todo:
                ClusterPool(settings, env_settings().api, progress, record).run(todo)
        else:
            progress.begin(len(items), len(todo), len(items) - len(todo), size if todo else 0)
            if todo:
                _Pool(settings, setup, size, progress, record).run(todo)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        if on_main:
            signal.signal(signal.SIGTERM, old_term)
        progress.end()
    rows = [o.row for o in outcomes]
    xlsx, csv_path = write_triage(rows, settings.out_dir)
    order = {i.name: n for n, i in enumerate(items)}
    outcomes.sort(key=lambda o: order.get(o.name, 0))
    return BatchResult(outcomes=outcomes, total=len(items), elapsed_s=time.monotonic() - t0,
                       interrupted=interrupted, triage_xlsx=xlsx, triage_csv=csv_path)
