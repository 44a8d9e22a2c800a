"""What runs inside each batch worker process (dossier/worker_pool.py): set up once, then
check one dossier at a time and write its reports."""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from dossier import worker_pool
from dossier.batch.reports import write_reports


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


def _page_read() -> None:
    worker_pool.notify("page")


def _init_worker(setup: WorkerSetup) -> _WorkerState:
    """Runs once in each worker process (dossier.worker_pool), before its first dossier."""
    # N workers × ONNX Runtime's own thread pool would oversubscribe the cores.
    os.environ.setdefault("DOSSIER_OCR_THREADS", str(setup.ocr_threads))
    os.environ.setdefault("DOSSIER_EMBED_THREADS", str(setup.ocr_threads))
    from criteria.loader import load_programme, load_programme_file
    from dossier import pipeline

    programme = (load_programme_file(Path(setup.criteria)) if setup.criteria
                 else load_programme(setup.program or ""))

    options = pipeline.CheckOptions(as_of=date.fromisoformat(setup.as_of),
                                    ocr_engine=setup.ocr_engine,
                                    cache_dir=Path(setup.cache_dir) if setup.cache_dir else None,
                                    # Each page read is told to the parent, for the live
                                    # progress display.
                                    on_ocr_page=_page_read)
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

        from models.settings import settings

        limits = dataclasses.replace(options.limits or settings().limits,
                                     dossier_seconds=soft_seconds)
        options = dataclasses.replace(options, limits=limits)
    run = pipeline.check_dossier(Path(path), state.programme, options)
    row = write_reports(run.report, name, state.out_dir, run.crops)
    return row.as_dict(), {"seconds": time.perf_counter() - t0,
                           "ocr_pages": int(run.stats.get("ocr_pages", 0)),
                           "ocr_cache_hits": int(run.stats.get("ocr_ocr_cache_hits", 0))}
