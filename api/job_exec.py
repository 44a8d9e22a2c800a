"""What a worker process runs for one job. Kept apart from the web modules so a spawned
worker imports only the pipeline, not FastAPI."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path


def run_check(input_path: str, program: str, as_of: str, ocr_engine: str,
              cache_dir: str | None) -> str:
    """The JSON report: the same value ``dossier check --format json`` prints (stored
    compact, without the CLI's indentation)."""
    from dossier.pipeline import CheckOptions, check_dossier

    options = CheckOptions(as_of=date.fromisoformat(as_of), ocr_engine=ocr_engine,
                           cache_dir=Path(cache_dir) if cache_dir else None)
    run = check_dossier(Path(input_path), program, options)
    return json.dumps(run.report.model_dump(mode="json"), ensure_ascii=False)
