"""`dossier batch DIR`: check every dossier in a folder (each sub-folder or .zip is one),
in parallel worker processes, and write one report per dossier plus a triage list.

The workers are dossier/worker_pool.py's supervised pool (shared with the HTTP API): each
worker runs one dossier at a time over its own pipe, so a dead, overdue (--timeout) or
over-memory (DOSSIER_LIMIT_MAX_MEMORY_MB) worker costs only its dossier; it is replaced
by a fresh process and the batch goes on. Workers die with the batch, even on kill -9.

Names: a dossier or file name that is not valid UTF-8 (GBK bytes from a Windows zip) is
shown, recorded and used for report file names as ``extractor.filenames.display_name``
reads it; only the path used to open the files keeps the raw bytes.

Resuming: OUTDIR/.batch-state.json records, per dossier, the sha256 of every input file,
the programme fingerprint, the as-of date and the tool version that produced its report.
It is rewritten atomically after each dossier, so an interrupt loses only the dossiers in
flight, and a re-run checks only what is new, changed, or did not finish (crash, timeout).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, Protocol

from dossier import __version__, worker_pool
from dossier.worker_pool import JobResult, Message, Started, WorkerPool
from extractor.filenames import display_name, escape_controls, has_surrogates
from dossier.triage_workbook import FILE_MODE, VERDICT_LABELS, TriageRow, row_from_report, write_triage
from models import Finding, FindingCode, Location, Report, Severity, Summary, Verdict

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
STATE_FILE = ".batch-state.json"
STATE_VERSION = 1
DEFAULT_TIMEOUT_S = 600.0
# How long a fresh worker may take to start (interpreter, imports, programme) before its
# first dossier's clock starts.
STARTUP_LIMIT_S = 120.0
REPORTS_SUBDIR = "reports"


# ---------------------------------------------------------------------------- inputs

@dataclass(frozen=True)
class BatchItem:
    name: str  # unique within the batch; names the report files
    path: Path


def discover_dossiers(root: Path, exclude: tuple[Path, ...] = ()) -> list[BatchItem]:
    """Sub-folders and .zip files of ``root``, in name order. Hidden entries, loose files
    and the batch's own output folder (when it sits inside ``root``) are not dossiers."""
    excluded = {p.resolve() for p in exclude}
    found: list[Path] = []
    for p in sorted(root.iterdir(), key=lambda q: q.name):
        if p.name.startswith((".", "~$")) or p.resolve() in excluded:
            continue
        if p.is_dir() or (p.is_file() and p.suffix.lower() == ".zip"):
            found.append(p)
    stems: dict[str, int] = {}
    for p in found:
        stem = safe_name(p.stem if p.is_file() else p.name)
        stems[stem] = stems.get(stem, 0) + 1
    items = []
    taken: set[str] = set()
    for p in found:
        stem = safe_name(p.stem if p.is_file() else p.name)
        # "x/" and "x.zip" side by side: keep the suffix so their reports do not collide.
        name = _unique(stem if stems[stem] == 1 else safe_name(p.name), taken)
        items.append(BatchItem(name=name, path=p))
    return items


# Report file names are <name>.json/.html (plus a temporary prefix and suffix while being
# written) within the usual 255-byte limit; GBK names grow by half as UTF-8.
NAME_MAX_BYTES = 180


def safe_name(name: str) -> str:
    """A name as people should see it and as a report file may be called: undecodable
    bytes read as GB18030 (else U+FFFD), control characters made visible; always valid
    UTF-8, never a path separator, at most NAME_MAX_BYTES bytes (cut with "…")."""
    text = escape_controls(name).replace("/", "／") or "_"
    raw = text.encode("utf-8")
    if len(raw) > NAME_MAX_BYTES:
        text = raw[:NAME_MAX_BYTES - 3].decode("utf-8", "ignore") + "…"
    return text


def _unique(name: str, taken: set[str]) -> str:
    """``name``, or ``name (2)``, ``name (3)``... when two raw names read the same."""
    out, n = name, 1
    while out in taken:
        n += 1
        out = f"{name} ({n})"
    taken.add(out)
    return out


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def input_manifest(path: Path) -> dict[str, str]:
    """sha256 of every file of the dossier, by path relative to it."""
    if path.is_file():
        return {safe_name(path.name): _sha256(path)}
    out: dict[str, str] = {}
    taken: set[str] = set()
    for f in sorted(path.rglob("*")):
        if f.is_file():
            # Keys are shown to people (changed files) and stored as JSON: display names.
            out[_unique(escape_controls(f.relative_to(path).as_posix()), taken)] = _sha256(f)
    return out


def run_key(manifest: dict[str, str], fingerprint: str, as_of: date, ocr_engine: str) -> str:
    """Everything a report depends on; a different key means the report is stale."""
    payload = json.dumps({"files": manifest, "programme": fingerprint,
                          "as_of": as_of.isoformat(), "tool": __version__,
                          "ocr_engine": ocr_engine}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def changed_files(old: dict[str, str], new: dict[str, str]) -> list[str]:
    return sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))


# ----------------------------------------------------------------------------- state

def write_json_atomic(path: Path, payload: Any) -> None:
    """Write-then-rename, fsync'd: a kill at any moment leaves the old or the new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(payload, f, ensure_ascii=False, indent=1)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class BatchState:
    """The per-dossier records of OUTDIR/.batch-state.json."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.dossiers: dict[str, dict[str, Any]] = {}
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(raw, dict) and raw.get("version") == STATE_VERSION:
                self.dossiers = dict(raw.get("dossiers") or {})
        except FileNotFoundError:
            pass
        except (OSError, ValueError):
            # A damaged state file only costs a full re-check, never a wrong skip.
            self.dossiers = {}

    def retain(self, names: set[str]) -> None:
        self.dossiers = {k: v for k, v in self.dossiers.items() if k in names}

    def put(self, name: str, record: dict[str, Any]) -> None:
        self.dossiers[name] = record
        self.save()

    def save(self) -> None:
        write_json_atomic(self.path, {"version": STATE_VERSION, "tool_version": __version__,
                                      "dossiers": self.dossiers})


# ------------------------------------------------------------------------- settings

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


# -------------------------------------------------------------------------- reports

def report_paths(out_dir: Path, name: str) -> tuple[Path, Path]:
    base = out_dir / REPORTS_SUBDIR
    return base / f"{name}.json", base / f"{name}.html"


def write_reports(report: Report, name: str, out_dir: Path) -> TriageRow:
    from dossier.render_html import render_html

    json_path, html_path = report_paths(out_dir, name)
    data = report.model_dump(mode="json")
    clean = _display_strings(data)
    if clean != data:
        # A raw (undecodable) name reached the report, e.g. a GBK folder name as the
        # dossier's name: written as people read it, never as bytes no UTF-8 writer takes.
        data, report = clean, Report.model_validate(clean)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    write_text_atomic(json_path, text)
    write_text_atomic(html_path, render_html(report))
    return row_from_report(name, report, html_path.relative_to(out_dir).as_posix(),
                           json_path.relative_to(out_dir).as_posix())


def _display_strings(value: Any) -> Any:
    """``value`` (JSON-like) with every string holding surrogate escapes replaced by its
    display_name."""
    if isinstance(value, str):
        return display_name(value) if has_surrogates(value) else value
    if isinstance(value, dict):
        return {_display_strings(k): _display_strings(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_display_strings(v) for v in value]
    return value


def failure_report(item: BatchItem, settings: BatchSettings, programme_id: str,
                   message: str) -> Report:
    """The report of a dossier whose check did not finish: unreadable, one finding."""
    shown = display_name(item.path.name)
    finding = Finding(code=FindingCode.UNREADABLE_FILE, severity=Severity.error,
                      message=message, locations=[Location(path=shown)])
    return Report(dossier=shown, program=programme_id,
                  as_of=settings.as_of.isoformat(), tool_version=__version__,
                  summary=Summary(errors=1, verdict=Verdict.unreadable), findings=[finding])


_exit_reason = worker_pool.exit_reason


# --------------------------------------------------------------------------- worker

@dataclass(frozen=True)
class WorkerSetup:
    program: str | None
    criteria: str | None
    as_of: str
    ocr_engine: str
    cache_dir: str | None
    out_dir: str
    ocr_threads: int


def _test_hooks(name: str) -> None:
    """Fault injection for the batch's own tests: a worker that dies, hangs or raises
    mid-dossier (DOSSIER_TEST_CRASH_ON / _HANG_ON / _RAISE_ON = the dossier's name)."""
    if os.environ.get("DOSSIER_TEST_CRASH_ON") == name:
        os._exit(1)
    if os.environ.get("DOSSIER_TEST_HANG_ON") == name:
        time.sleep(3600)
    if os.environ.get("DOSSIER_TEST_RAISE_ON") == name:
        raise RuntimeError("test hook")


@dataclass
class _WorkerState:
    programme: Any
    options: Any
    out_dir: Path


def _init_worker(setup: WorkerSetup) -> _WorkerState:
    """Runs once in each worker process (dossier.worker_pool), before its first dossier."""
    # N workers × ONNX Runtime's own thread pool would oversubscribe the cores.
    os.environ.setdefault("DOSSIER_OCR_THREADS", str(setup.ocr_threads))
    os.environ.setdefault("DOSSIER_EMBED_THREADS", str(setup.ocr_threads))
    from criteria.loader import load_programme, load_programme_file
    from dossier import pipeline

    programme = (load_programme_file(Path(setup.criteria)) if setup.criteria
                 else load_programme(setup.program or ""))

    class _ReportingOcr(pipeline.LazyOcrService):
        """Tells the parent about each page read, for the live progress display."""

        def read(self, image):  # type: ignore[no-untyped-def]
            lines = super().read(image)
            worker_pool.notify("page")
            return lines

    # check_dossier builds its own OCR service; this process only ever runs checks, so
    # swapping the class here is contained to it.
    pipeline.LazyOcrService = _ReportingOcr  # type: ignore[misc]
    options = pipeline.CheckOptions(as_of=date.fromisoformat(setup.as_of),
                                    ocr_engine=setup.ocr_engine,
                                    cache_dir=Path(setup.cache_dir) if setup.cache_dir else None)
    # Models and dictionaries load now, within the start-up allowance, not on the first
    # dossier's clock.
    pipeline.warm_up(options)
    return _WorkerState(programme=programme, options=options, out_dir=Path(setup.out_dir))


def _check_one(state: _WorkerState, task: tuple[str, str],
               soft_seconds: float | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """One dossier in a worker: check, write its reports; (triage row, stats)."""
    from dossier import pipeline

    name, path = task
    t0 = time.perf_counter()
    _test_hooks(name)
    options = state.options
    if soft_seconds is not None:
        import dataclasses

        from models.limits import Limits

        limits = dataclasses.replace(options.limits or Limits.from_env(),
                                     dossier_seconds=soft_seconds)
        options = dataclasses.replace(options, limits=limits)
    run = pipeline.check_dossier(Path(path), state.programme, options)
    row = write_reports(run.report, name, state.out_dir)
    return row.as_dict(), {"seconds": time.perf_counter() - t0,
                           "ocr_pages": int(run.stats.get("ocr_pages", 0)),
                           "ocr_cache_hits": int(run.stats.get("ocr_ocr_cache_hits", 0))}


# ------------------------------------------------------------------------- progress

class Progress(Protocol):
    def begin(self, total: int, todo: int, skipped: int, workers: int) -> None: ...
    def started(self, slot: int, name: str) -> None: ...
    def page(self, slot: int) -> None: ...
    def finished(self, slot: int | None, outcome: Outcome) -> None: ...
    def tick(self) -> None: ...
    def end(self) -> None: ...


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fit(text: str, width: int) -> str:
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - display_width(text))
    return gap + text if right else text + gap


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


def _outcome_line(o: Outcome) -> str:
    r = o.row
    if o.status in ("crashed", "timeout", "failed", "memory"):
        what = {"crashed": "核查进程崩溃", "timeout": "核查超时", "failed": "核查出错",
                "memory": "内存超限"}[o.status]
        return f"{o.name}：{VERDICT_LABELS['unreadable']}（{what}）"
    line = (f"{o.name}：{r.verdict_label}（错误 {r.errors}，警告 {r.warnings}，"
            f"OCR {o.ocr_pages} 页，{o.seconds:.1f} 秒）")
    if o.changed:
        shown = "、".join(o.changed[:3]) + (f" 等 {len(o.changed)} 个" if len(o.changed) > 3 else "")
        line += f"；自上次核查以来有变化：{shown}"
    return line


class LogProgress:
    """Plain lines, one per finished dossier: for logs, CI and pipes."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.total = 0
        self.done = 0

    def _print(self, text: str) -> None:
        print(text, file=self.stream, flush=True)

    def begin(self, total: int, todo: int, skipped: int, workers: int) -> None:
        self.total = todo
        if not todo:
            self._print(f"共 {total} 份材料，自上次核查以来均未变化，沿用上次报告")
            return
        extra = f"，跳过 {skipped} 份未变化的材料" if skipped else ""
        self._print(f"共 {total} 份材料：本次核查 {todo} 份{extra}；并行进程 {workers} 个")

    def started(self, slot: int, name: str) -> None:
        pass

    def page(self, slot: int) -> None:
        pass

    def finished(self, slot: int | None, outcome: Outcome) -> None:
        self.done += 1
        width = len(str(self.total))
        self._print(f"[{self.done:>{width}}/{self.total}] {_outcome_line(outcome)}")

    def tick(self) -> None:
        pass

    def end(self) -> None:
        pass


class TtyProgress:
    """A bar for the batch and one live line per worker (its dossier, pages OCR'd so far,
    time on it), redrawn in place; finished dossiers scroll above it."""

    def __init__(self, stream: IO[str], workers: int) -> None:
        self.stream = stream
        self.slots: dict[int, tuple[str, float, int]] = {}
        self.workers = workers
        self.total = self.done = self.pages = 0
        self.t0 = time.monotonic()
        self.drawn = 0
        self.last_draw = 0.0

    def _cols(self) -> int:
        try:
            cols = os.get_terminal_size(self.stream.fileno()).columns
        except (OSError, ValueError, AttributeError):
            cols = 0
        # A pty without a size (script, some CI runners) reports 0 columns.
        return max(40, cols or shutil.get_terminal_size((100, 24)).columns)

    def _clear(self) -> None:
        if self.drawn:
            # Up to the first line of the block, then erase to the end of the screen.
            self.stream.write(f"\x1b[{self.drawn}F\x1b[J")
        self.drawn = 0

    def _lines(self) -> list[str]:
        cols = self._cols() - 1
        elapsed = time.monotonic() - self.t0
        frac = self.done / self.total if self.total else 1.0
        bar_w = max(10, min(30, cols - 70))
        filled = int(bar_w * frac)
        rate = self.done / (elapsed / 60) if elapsed > 1 and self.done else 0.0
        eta = (self.total - self.done) / rate * 60 if rate else None
        head = (f"核查进度 [{'█' * filled}{'░' * (bar_w - filled)}] {self.done}/{self.total}"
                f"  OCR {self.pages} 页  {rate:.1f} 份/分  已用 {_clock(elapsed)}")
        if eta is not None:
            head += f"  预计剩余 {_clock(eta)}"
        lines = [fit(head, cols)]
        now = time.monotonic()
        for slot in sorted(self.slots):
            name, since, pages = self.slots[slot]
            lines.append(fit(f"  进程{slot + 1}  {name}  OCR {pages} 页  {_clock(now - since)}",
                             cols))
        return lines

    def _draw(self) -> None:
        self._clear()
        lines = self._lines()
        self.stream.write("\n".join(lines) + "\n")
        self.stream.flush()
        self.drawn = len(lines)
        self.last_draw = time.monotonic()

    def begin(self, total: int, todo: int, skipped: int, workers: int) -> None:
        self.total = todo
        if skipped:
            self.stream.write(f"跳过 {skipped} 份未变化的材料（沿用上次报告）\n")
        self._draw()

    def started(self, slot: int, name: str) -> None:
        self.slots[slot] = (name, time.monotonic(), 0)
        self._draw()

    def page(self, slot: int) -> None:
        self.pages += 1
        if slot in self.slots:
            name, since, n = self.slots[slot]
            self.slots[slot] = (name, since, n + 1)
        self.tick()

    def finished(self, slot: int | None, outcome: Outcome) -> None:
        self.done += 1
        if slot is not None:
            self.slots.pop(slot, None)
        self._clear()
        mark = "✓" if outcome.row.verdict == "ready" else ("✗" if outcome.row.verdict == "unreadable"
                                                           else "!")
        self.stream.write(fit(f"{mark} {_outcome_line(outcome)}", self._cols() - 1) + "\n")
        self._draw()

    def tick(self) -> None:
        if time.monotonic() - self.last_draw >= 0.2:
            self._draw()

    def end(self) -> None:
        self.slots.clear()
        self._draw()


class NullProgress(LogProgress):
    def _print(self, text: str) -> None:
        pass


def make_progress(mode: str, stream: IO[str], workers: int) -> Progress:
    if mode == "none":
        return NullProgress(stream)
    tty = mode == "bar" or (mode == "auto" and stream.isatty())
    return TtyProgress(stream, workers) if tty else LogProgress(stream)


# ----------------------------------------------------------------------------- pool

class _Pool:
    """The batch's use of dossier.worker_pool: one job per dossier, progress and records
    from the pool's events."""

    def __init__(self, settings: BatchSettings, setup: WorkerSetup, size: int,
                 progress: Progress, record) -> None:  # type: ignore[no-untyped-def]
        from models.limits import Limits

        self.settings = settings
        self.progress = progress
        self.record = record  # (slot, item, status, row | None, stats, message) -> None
        self.pool = WorkerPool(_check_one, size, initializer=_init_worker, init_args=(setup,),
                               hard_seconds=settings.timeout_s, startup_s=STARTUP_LIMIT_S,
                               max_memory_mb=Limits.from_env().max_memory_mb,
                               name="dossier-batch")
        self.pages: dict[str, int] = {}

    def run(self, items: list[BatchItem]) -> None:
        by_name = {i.name: i for i in items}
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


# -------------------------------------------------------------------------- summary

def format_summary(result: BatchResult, settings: BatchSettings, programme: str) -> str:
    done = [o for o in result.outcomes if o.status != "skipped"]
    minutes = result.elapsed_s / 60
    pages = sum(o.ocr_pages for o in done)
    hits = sum(o.ocr_cache_hits for o in done)
    verdicts = {v: 0 for v in VERDICT_LABELS}
    for o in result.outcomes:
        verdicts[o.row.verdict] = verdicts.get(o.row.verdict, 0) + 1
    title = "批量核查已中断" if result.interrupted else "批量核查完成"
    lines = [f"{title}：{programme}，基准日期 {settings.as_of.isoformat()}",
             f"  {pad('结论', 14)}{pad('份数', 6, right=True)}"]
    for verdict, label in VERDICT_LABELS.items():
        lines.append(f"  {pad(label, 14)}{pad(str(verdicts.get(verdict, 0)), 6, right=True)}")
    lines.append(f"  {pad('合计', 14)}{pad(str(len(result.outcomes)), 6, right=True)}")
    if result.interrupted:
        lines.append(f"  未完成 {result.total - len(result.outcomes)} 份；重新运行同一命令即可继续")
    lines.append(f"  本次核查 {len(done)} 份，跳过未变化 {len(result.by_status('skipped'))} 份；"
                 f"进程崩溃 {len(result.by_status('crashed'))}，超时 "
                 f"{len(result.by_status('timeout'))}，"
                 + (f"内存超限 {len(result.by_status('memory'))}，"
                    if result.by_status("memory") else "")
                 + f"出错 {len(result.by_status('failed'))}")
    errors = sum(o.row.errors for o in result.outcomes)
    warnings = sum(o.row.warnings for o in result.outcomes)
    infos = sum(o.row.infos for o in result.outcomes)
    lines.append(f"  问题合计：错误 {errors}，警告 {warnings}，提示 {infos}")
    lines.append(f"  用时 {_clock(result.elapsed_s)}（{result.elapsed_s:.1f} 秒），"
                 f"OCR {pages} 页（其中缓存命中 {hits} 页）")
    if done and minutes > 0:
        lines.append(f"  速度 {len(done) / minutes:.1f} 份/分钟，{pages / minutes:.1f} 页/分钟")
    lines.append(f"  报告：{display_name(str(settings.reports_dir))}/")
    if result.triage_xlsx is not None:
        lines.append(f"  汇总表：{display_name(str(result.triage_xlsx))}，"
                     f"{display_name(str(result.triage_csv))}")
    return "\n".join(lines)


# ------------------------------------------------------------------------------ CLI

def parse_as_of(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD，收到 {text!r}") from None


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"应为正整数，收到 {text!r}")
    return value


def positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"应为正数（秒），收到 {text!r}")
    return value


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "batch", help="批量核查：目录中每个子文件夹或 .zip 为一份申报材料",
        description="批量核查一个目录中的全部申报材料（每个子文件夹或 .zip 为一份），并行运行，"
                    "输出每份材料的 JSON/HTML 报告和汇总表 triage.xlsx / triage.csv。"
                    "再次运行时跳过自上次以来未变化的材料。")
    p.add_argument("dir", type=Path, help="存放多份申报材料的目录")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--program", help="申报项目 ID，见 `dossier programs`")
    which.add_argument("--criteria", type=Path, help="直接使用一个申报项目 YAML 文件")
    p.add_argument("--as-of", type=parse_as_of, default=None,
                   help="核查基准日期 YYYY-MM-DD（默认今天）")
    p.add_argument("--workers", type=positive_int, default=None,
                   help=f"并行进程数（默认 CPU 核数，本机 {os.cpu_count() or 1}）")
    p.add_argument("--out", type=Path, default=None,
                   help="输出目录（默认与 DIR 同级的 <DIR>-reports）")
    p.add_argument("--timeout", type=positive_float, default=DEFAULT_TIMEOUT_S,
                   help=f"每份材料的核查时限，秒（默认 {DEFAULT_TIMEOUT_S:g}）")
    p.add_argument("--ocr-engine", default=os.environ.get("DOSSIER_OCR_ENGINE", "rapidocr"),
                   choices=("rapidocr", "paddleocr"))
    p.add_argument("--cache-dir", type=Path, default=None,
                   help="OCR 缓存目录（默认 $DOSSIER_CACHE_DIR，否则 ~/.cache/dossier-checker，"
                        "与 dossier check 共用）")
    p.add_argument("--progress", choices=("auto", "bar", "log", "none"), default="auto",
                   help="进度显示：auto（终端显示进度条，否则逐行日志）、bar、log、none")
    p.set_defaults(handler=run)
    return p


def settings_from_args(args: argparse.Namespace) -> BatchSettings:
    root: Path = args.dir
    out = args.out if args.out is not None else root.parent / f"{root.resolve().name}-reports"
    from dossier.paths import default_cache_dir

    cache = args.cache_dir or default_cache_dir()
    return BatchSettings(root=root, out_dir=out, program=args.program, criteria=args.criteria,
                         as_of=args.as_of or date.today(),
                         workers=args.workers or os.cpu_count() or 1,
                         timeout_s=args.timeout, cache_dir=cache, ocr_engine=args.ocr_engine)


def _usage(message: str) -> int:
    print(f"dossier batch: 错误：{message}", file=sys.stderr)
    return EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    from criteria.loader import CriteriaError, load_all

    if not args.dir.is_dir():
        return _usage(f"目录不存在：{display_name(str(args.dir))}")
    try:
        if args.criteria is not None:
            if not args.criteria.is_file():
                return _usage(f"criteria 文件不存在：{display_name(str(args.criteria))}")
        elif args.program not in load_all():
            return _usage(f"未知的申报项目 {args.program!r}；可用：{', '.join(load_all())}")
        settings = settings_from_args(args)
        if not discover_dossiers(settings.root, exclude=(settings.out_dir,)):
            return _usage(f"{display_name(str(args.dir))} 中没有申报材料（应为每份材料一个子文件夹或 .zip）")
        progress = make_progress(args.progress, sys.stderr, settings.workers)
        try:
            result = run_batch(settings, progress)
        except KeyboardInterrupt:
            # Before any dossier started (while hashing inputs): nothing to keep.
            print("已中断。", file=sys.stderr)
            return EXIT_INTERRUPTED
        programme = args.program or str(args.criteria)
    except CriteriaError as e:
        print(f"criteria 配置错误：{e}", file=sys.stderr)
        return EXIT_USAGE
    print(format_summary(result, settings, programme))
    return EXIT_INTERRUPTED if result.interrupted else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """`python -m dossier.batch …`, the same as `dossier batch …`."""
    parser = argparse.ArgumentParser(prog="dossier")
    sub = parser.add_subparsers(dest="command", required=True)
    add_parser(sub)
    return run(parser.parse_args(["batch", *(argv if argv is not None else sys.argv[1:])]))


if __name__ == "__main__":
    raise SystemExit(main())
