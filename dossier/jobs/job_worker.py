"""What a job worker process (dossier.worker_pool) runs: set up once, then one check per
job. Kept apart from the web and Celery modules so a spawned worker imports only the
pipeline."""
from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any, Callable

from dossier import worker_pool

# Messages a job sends to its pool while it runs (worker_pool.notify), read by
# dossier.jobs.execute for the job's progress.
PAGE = "page"
DOCS = "docs"


def init_job_worker(threads: int | None, warm: bool) -> None:
    """Runs once in each worker process before its first job."""
    if threads:
        # N workers × ONNX Runtime's own thread pool would oversubscribe the cores.
        os.environ.setdefault("DOSSIER_OCR_THREADS", str(threads))
        os.environ.setdefault("DOSSIER_EMBED_THREADS", str(threads))
    if warm:
        from dossier import pipeline

        # Models and dictionaries load now, not on the first job's clock.
        pipeline.warm_up(pipeline.CheckOptions())


def _page_read() -> None:
    worker_pool.notify(PAGE)


def _file_read(done: int, total: int) -> None:
    worker_pool.notify((DOCS, done, total))


def _test_delay() -> None:
    """For the cluster tests: hold each job this many seconds (DOSSIER_TEST_JOB_DELAY_S)
    so a worker can be killed while it is working; with DOSSIER_TEST_JOB_DELAY_WHILE, only
    while that file exists (the test's later jobs then run at full speed)."""
    delay = os.environ.get("DOSSIER_TEST_JOB_DELAY_S")
    gate = os.environ.get("DOSSIER_TEST_JOB_DELAY_WHILE")
    if delay and (not gate or os.path.exists(gate)):
        import time

        time.sleep(float(delay))


def run_check(input_path: str, program: str, as_of: str, ocr_engine: str,
              cache_dir: str | None, soft_seconds: float | None = None) -> dict[str, Any]:
    """``{"report": JSON text, "crops": {location key: base64 PNG}}``. The report is the
    value ``dossier check --format json`` prints (stored compact). ``soft_seconds``: the
    check's cooperative time limit (Limits.dossier_seconds); past it the report says what
    was not read."""
    import dataclasses

    from dossier.pipeline import CheckOptions, check_dossier
    from models.settings import settings

    _test_delay()
    limits = settings().limits
    if soft_seconds is not None:
        limits = dataclasses.replace(limits, dossier_seconds=soft_seconds)
    options = CheckOptions(as_of=date.fromisoformat(as_of), ocr_engine=ocr_engine,
                           cache_dir=Path(cache_dir) if cache_dir else None, limits=limits,
                           on_ocr_page=_page_read, on_file_read=_file_read)
    run = check_dossier(Path(input_path), program, options)
    return {"report": json.dumps(run.report.model_dump(mode="json"), ensure_ascii=False),
            "crops": run.crops}


def run_job(_state: None, payload: tuple[Callable[..., Any], tuple[Any, ...]],
            soft_seconds: float | None) -> Any:
    """The dossier.worker_pool job function: ``execute(*args, soft_seconds)`` (``execute``
    is run_check, or a test's stand-in)."""
    execute, args = payload
    return execute(*args, soft_seconds)
