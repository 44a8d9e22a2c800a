"""What a worker process runs for one job. Kept apart from the web modules so a spawned
worker imports only the pipeline, not FastAPI."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any, Callable


def run_check(input_path: str, program: str, as_of: str, ocr_engine: str,
              cache_dir: str | None, soft_seconds: float | None = None) -> str:
    """The JSON report: the same value ``dossier check --format json`` prints (stored
    compact, without the CLI's indentation). ``soft_seconds``: the check's cooperative
    time limit (Limits.dossier_seconds); past it the report says what was not read."""
    import dataclasses

    from dossier.pipeline import CheckOptions, check_dossier
    from models.settings import settings

    limits = settings().limits
    if soft_seconds is not None:
        limits = dataclasses.replace(limits, dossier_seconds=soft_seconds)
    options = CheckOptions(as_of=date.fromisoformat(as_of), ocr_engine=ocr_engine,
                           cache_dir=Path(cache_dir) if cache_dir else None, limits=limits)
    run = check_dossier(Path(input_path), program, options)
    return json.dumps(run.report.model_dump(mode="json"), ensure_ascii=False)


def run_job(_state: None, payload: tuple[Callable[..., str], tuple[Any, ...]],
            soft_seconds: float | None) -> str:
    """The dossier.worker_pool job function of the API: ``execute(*args, soft_seconds)``
    (``execute`` is run_check, or a test's stand-in)."""
    execute, args = payload
    return execute(*args, soft_seconds)
