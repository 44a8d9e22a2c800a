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

The package, by job: discover (which entries are dossiers, their names and input hashes),
state (.batch-state.json, atomic writes), reports (each dossier's JSON/HTML), worker (what
runs in each worker process), progress (log lines / terminal bar), run (run_batch),
summary (the closing text) and cli (`dossier batch`, `python -m dossier.batch`).
"""
from __future__ import annotations

from dossier.batch.cli import (EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, add_parser, main,
                               parse_as_of, positive_float, positive_int, run,
                               settings_from_args)
from dossier.batch.discover import (NAME_MAX_BYTES, BatchItem, _unique, changed_files,  # noqa: F401
                                    discover_dossiers, input_manifest, run_key, safe_name)
from dossier.batch.progress import (LogProgress, NullProgress, Progress, TtyProgress,
                                    display_width, fit, make_progress, pad)
from dossier.batch.reports import REPORTS_SUBDIR, failure_report, report_paths, write_reports
from dossier.batch.run import (DEFAULT_TIMEOUT_S, STARTUP_LIMIT_S, BatchResult, BatchSettings,
                               Outcome, run_batch)
from dossier.batch.state import (STATE_FILE, STATE_VERSION, BatchState, write_json_atomic,
                                 write_text_atomic)
from dossier.batch.summary import format_summary
from dossier.batch.worker import WorkerSetup

__all__ = [
    "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_USAGE", "add_parser", "main", "parse_as_of",
    "positive_float", "positive_int", "run", "settings_from_args",
    "NAME_MAX_BYTES", "BatchItem", "changed_files", "discover_dossiers", "input_manifest",
    "run_key", "safe_name",
    "LogProgress", "NullProgress", "Progress", "TtyProgress", "display_width", "fit",
    "make_progress", "pad",
    "REPORTS_SUBDIR", "failure_report", "report_paths", "write_reports",
    "DEFAULT_TIMEOUT_S", "STARTUP_LIMIT_S", "BatchResult", "BatchSettings", "Outcome",
    "run_batch",
    "STATE_FILE", "STATE_VERSION", "BatchState", "write_json_atomic", "write_text_atomic",
    "format_summary", "WorkerSetup",
]
