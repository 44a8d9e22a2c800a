"""Where a job's files wait for a worker: ``<jobs dir>/<job id>/input/<dossier>`` plus a
``ready`` marker written once the upload is complete. The jobs dir is DOSSIER_STORAGE_DIR
(a folder every worker machine mounts) or ``<data dir>/jobs`` on one machine.

Files are kept on a shared folder rather than in the database: a dossier is up to
hundreds of megabytes of scans, the readers (pdfium, LibreOffice, OCR) need real files,
and a folder is removed with one rmdir when the job ends, where the same bytes in
PostgreSQL would pass through its WAL and backups."""
from __future__ import annotations

import shutil
from pathlib import Path

READY_MARKER = "ready"
INPUT_DIR = "input"


def job_folder(jobs_dir: Path, job_id: object) -> Path:
    return jobs_dir / str(job_id)


def find_input(job_dir: Path) -> Path | None:
    """The pipeline input of a stored upload, or None when it is missing or incomplete."""
    if not (job_dir / READY_MARKER).is_file():
        return None
    entries = list((job_dir / INPUT_DIR).iterdir()) if (job_dir / INPUT_DIR).is_dir() else []
    return entries[0] if len(entries) == 1 else None


def store_folder(jobs_dir: Path, job_id: object, source: Path, name: str) -> Path:
    """Copy a dossier (a folder or one file) into a job's folder and mark it ready; the
    job folder. Used by the cluster batch, whose dossiers are on the submitting machine."""
    job_dir = job_folder(jobs_dir, job_id)
    target = job_dir / INPUT_DIR / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, target, symlinks=False)
    else:
        shutil.copy2(source, target)
    (job_dir / READY_MARKER).write_text("", encoding="utf-8")
    return job_dir


def remove_folder(jobs_dir: Path, job_id: object) -> None:
    shutil.rmtree(job_folder(jobs_dir, job_id), ignore_errors=True)
