"""`dossier batch` on the cluster (DOSSIER_BROKER_URL set): each dossier becomes a job in
the shared database, its files are copied to the shared storage folder, and the job id
goes to the broker; any `dossier worker` checks it. This process only waits, then writes
each report (with its page crops), the resume state and the triage list exactly as a
local batch does, and deletes its jobs.

Time and memory limits are the workers' (DOSSIER_JOB_SOFT_SECONDS, _HARD_SECONDS,
DOSSIER_LIMIT_MAX_MEMORY_MB on the worker machines), as are the OCR engine and cache.
Stopped early (Ctrl-C, SIGTERM), it deletes the jobs not yet finished — a worker holding
one kills its check at its next heartbeat — and the next run takes them up again."""
from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select

from dossier import __version__
from dossier.batch.discover import BatchItem
from dossier.batch.progress import Progress
from dossier.batch.reports import write_reports
from dossier.jobs import reasons
from dossier.jobs.cluster import ClusterClient
from dossier.jobs.db import Database, Job, JobCrop, JobStatus
from dossier.jobs.storage import remove_folder, store_folder
from dossier.triage_workbook import TriageRow
from models import Report
from models.settings import ApiSettings

if TYPE_CHECKING:
    from dossier.batch.run import BatchSettings

POLL_S = 1.0

# A failed job's error code → the batch's outcome status (dossier/batch/run.Outcome).
_STATUS = {reasons.TIMEOUT: "timeout", reasons.MEMORY: "memory",
           reasons.CRASHED_CODE: "crashed", reasons.INTERRUPTED_TWICE_CODE: "crashed"}

CRITERIA_REFUSED = ("使用任务队列（DOSSIER_BROKER_URL）时暂不支持 --criteria 自定义项目文件："
                    "工作节点只加载内置的申报项目。请改用 --program，或取消 DOSSIER_BROKER_URL 在本机核查")


class ClusterPool:
    """The batch's use of the cluster; same ``run(items)`` as the local pool."""

    def __init__(self, settings: BatchSettings, api: ApiSettings, progress: Progress,
                 record: Callable[..., None]) -> None:
        self.settings = settings
        self.api = api
        self.progress = progress
        self.record = record  # (slot, item, status, row | None, stats, message) -> None
        self.run_id = uuid.uuid4().hex[:12]
        self.db = Database(api.database_url)
        self.db.create_schema()
        self.client = ClusterClient(self.db, api)

    def run(self, items: list[BatchItem]) -> None:
        jobs: dict[uuid.UUID, BatchItem] = {}
        try:
            for item in items:
                jobs[self._submit(item)] = item
            self._wait(jobs)
        finally:
            self._forget(list(jobs))
            self.client.close()
            self.db.dispose()

    def _submit(self, item: BatchItem) -> uuid.UUID:
        job_id = uuid.uuid4()
        store_folder(self.api.jobs_dir, job_id, item.path, item.path.name)
        files = [p for p in item.path.rglob("*") if p.is_file()] if item.path.is_dir() \
            else [item.path]
        job = Job(id=job_id, program=self.settings.program or "", as_of=self.settings.as_of,
                  status=JobStatus.queued.value, upload_name=item.name[:255],
                  file_count=len(files), total_bytes=sum(p.stat().st_size for p in files),
                  tool_version=__version__, owner=f"batch:{self.run_id}", source="batch")
        with self.db.session() as s:
            s.add(job)
            s.commit()
        self.client.send(job_id)
        return job_id

    def _wait(self, jobs: dict[uuid.UUID, BatchItem]) -> None:
        pending = set(jobs)
        slots: dict[uuid.UUID, int] = {}
        pages: dict[uuid.UUID, int] = {}
        while pending:
            with self.db.session() as s:
                rows = s.scalars(select(Job).where(Job.id.in_(pending))).all()
            for row in rows:
                if row.status == JobStatus.running.value and row.id not in slots:
                    slots[row.id] = min(set(range(len(slots) + 1)) - set(slots.values()))
                    pages[row.id] = 0
                    self.progress.started(slots[row.id], jobs[row.id].name)
                if row.id in slots:
                    for _ in range(max(0, (row.pages_done or 0) - pages[row.id])):
                        self.progress.page(slots[row.id])
                    pages[row.id] = max(pages[row.id], row.pages_done or 0)
                if row.status in (JobStatus.done.value, JobStatus.failed.value):
                    pending.discard(row.id)
                    self._finished(row, jobs[row.id], slots.pop(row.id, None))
            missing = pending - {r.id for r in rows}
            for job_id in missing:
                # Deleted by someone else (retention, an operator): not checked.
                pending.discard(job_id)
                self.record(slots.pop(job_id, None), jobs[job_id], "failed", None, {},
                            "核查任务在完成前被删除（可能被管理员清理），本份材料未能完成核查，请重新运行批量核查")
            self.progress.tick()
            if pending:
                time.sleep(POLL_S)

    def _finished(self, job: Job, item: BatchItem, slot: int | None) -> None:
        seconds = ((job.finished_at - job.started_at).total_seconds()
                   if job.finished_at and job.started_at else 0.0)
        stats: dict[str, Any] = {"seconds": seconds, "ocr_pages": job.pages_done or 0}
        if job.status == JobStatus.done.value and job.report_json:
            with self.db.session() as s:
                crops = {c.key: c.png_base64 for c in
                         s.scalars(select(JobCrop).where(JobCrop.job_id == job.id))}
            report = Report.model_validate_json(job.report_json)
            row: TriageRow = write_reports(report, item.name, self.settings.out_dir, crops)
            self.record(slot, item, "checked", row, stats, "")
        else:
            status = _STATUS.get(job.error_code or "", "failed")
            self.record(slot, item, status, None, stats,
                        f"{job.error or '核查失败'}（工作节点 {job.worker or '未知'}）")
        self._forget([job.id])

    def _forget(self, job_ids: list[uuid.UUID]) -> None:
        """Delete the jobs' rows, crops and files (finished or abandoned)."""
        if not job_ids:
            return
        with self.db.session() as s:
            s.execute(delete(JobCrop).where(JobCrop.job_id.in_(job_ids)))
            s.execute(delete(Job).where(Job.id.in_(job_ids)))
            s.commit()
        for job_id in job_ids:
            remove_folder(self.api.jobs_dir, job_id)
