"""Jobs on many machines: Celery with a Redis broker (DOSSIER_BROKER_URL).

The broker carries only job ids; the job's row (program, date, status, progress, report,
crops) is in the shared database and its files in the shared storage folder, so any
worker can run any job and any API instance can answer for it.

Delivery guarantees come from Celery and Redis, not from us: tasks are acknowledged late
(after the check), so a worker killed mid-job — kill -9, OOM, machine lost — leaves the
message unacknowledged and Redis hands it to another worker once the visibility timeout
has passed (the timeout is longer than the hard time limit, or a slow job would be handed
on while it still runs). ``reject_on_worker_lost`` covers the same for a pool child.
Running a message twice is harmless: dossier.jobs.execute claims a job only when it is
queued or its holder's heartbeat has stopped.

Per-job time limits are the executor's (soft: the pipeline's deadline; hard: the check's
process is killed), not Celery's: Celery's only work in its prefork pool, and our own pool
also enforces the memory ceiling and names the job that crashed a process.

The API's watchdog (:class:`ClusterClient`) re-sends a job whose worker stopped beating
long after the broker should have handed it on (a broker restarted without its data),
and fails it if it has already taken down two workers: no job stays "running" forever."""
from __future__ import annotations

import logging
import os
import threading
import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import select, update

from dossier.jobs import reasons
from dossier.jobs.db import Database, Job, JobStatus, utcnow
from dossier.jobs.execute import MAX_ATTEMPTS, STALE_AFTER_S, STOPPING, JobExecutor, default_deliver
from dossier.jobs.storage import remove_folder
from models.settings import ApiSettings

log = logging.getLogger(__name__)

TASK_NAME = "dossier.check_job"
QUEUE = "dossier"
WATCHDOG_S = 30.0

# The executor of this `dossier worker` process (the task runs in its threads).
_executor: JobExecutor | None = None


def make_celery(settings: ApiSettings) -> Any:
    from celery import Celery

    app = Celery("dossier", broker=settings.broker_url, set_as_current=False)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        # One job at a time per task thread: a worker does not hoard jobs another idle
        # worker could take.
        worker_prefetch_multiplier=1,
        task_ignore_result=True,
        task_default_queue=QUEUE,
        task_serializer="json",
        accept_content=["json"],
        broker_transport_options={"visibility_timeout": int(settings.visibility_timeout)},
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
        worker_cancel_long_running_tasks_on_connection_loss=False,
    )
    app.task(name=TASK_NAME)(check_job_task)
    return app


def check_job_task(job_id: str) -> str:
    """The Celery task: run one job on this worker's executor."""
    from celery.exceptions import Reject

    if _executor is None:
        raise RuntimeError("no executor: start workers with `dossier worker`")
    outcome = _executor.run(uuid.UUID(job_id))
    if outcome == STOPPING:
        # Back to the broker for another worker, not acknowledged as done.
        raise Reject("worker stopping", requeue=True)
    return outcome


class ClusterClient:
    """The sending side (the API, the cluster batch): send jobs, and the watchdog."""

    def __init__(self, db: Database, settings: ApiSettings) -> None:
        self.db = db
        self.settings = settings
        self.app = make_celery(settings)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def send(self, job_id: uuid.UUID) -> bool:
        """Queue the job on the broker; when the broker cannot be reached the job fails
        at once with a reason (False) instead of waiting for nobody."""
        try:
            self.app.send_task(TASK_NAME, args=[str(job_id)], queue=QUEUE,
                               retry=True, retry_policy={"max_retries": 3, "interval_start": 0.5,
                                                         "interval_step": 1.0})
            return True
        except Exception:  # noqa: BLE001 - any broker failure means "not queued"
            log.exception("job %s: broker unavailable", job_id)
            with self.db.session() as s:
                s.execute(update(Job).where(Job.id == job_id,
                                            Job.status == JobStatus.queued.value)
                          .values(status=JobStatus.failed.value, finished_at=utcnow(),
                                  error=reasons.QUEUE_UNAVAILABLE,
                                  error_code=reasons.QUEUE_UNAVAILABLE_CODE))
                s.commit()
            remove_folder(self.settings.jobs_dir, job_id)
            return False

    def start_watchdog(self, interval: float = WATCHDOG_S) -> None:
        self._thread = threading.Thread(target=self._watch, args=(interval,),
                                        name="dossier-watchdog", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
        self.app.close()

    def _watch(self, interval: float) -> None:
        while not self._stop.wait(interval):
            try:
                self.rescue_lost_jobs()
            except Exception:  # noqa: BLE001 - try again next round
                log.warning("watchdog round failed", exc_info=True)

    def rescue_lost_jobs(self) -> list[uuid.UUID]:
        """Running jobs whose heartbeat stopped well past the broker's redelivery time:
        re-queued and re-sent, or failed after MAX_ATTEMPTS claims; the ids acted on."""
        limit = utcnow() - timedelta(seconds=self.settings.visibility_timeout + STALE_AFTER_S * 2)
        acted: list[uuid.UUID] = []
        resend: list[uuid.UUID] = []
        with self.db.session() as s:
            lost = s.scalars(select(Job).where(Job.status == JobStatus.running.value,
                                               Job.heartbeat_at < limit)).all()
            for job in lost:
                acted.append(job.id)
                if (job.attempts or 0) >= MAX_ATTEMPTS:
                    job.status, job.finished_at = JobStatus.failed.value, utcnow()
                    job.error, job.error_code = (reasons.INTERRUPTED_TWICE,
                                                 reasons.INTERRUPTED_TWICE_CODE)
                    remove_folder(self.settings.jobs_dir, job.id)
                else:
                    job.status, job.heartbeat_at, job.worker = JobStatus.queued.value, None, None
                    resend.append(job.id)
            s.commit()
        for job_id in resend:
            log.warning("job %s: its worker stopped long ago and the broker did not hand it "
                        "on; re-sent", job_id)
            self.send(job_id)
        return acted


def run_worker(settings: ApiSettings, concurrency: int, loglevel: str = "INFO") -> int:
    """`dossier worker`: warm ``concurrency`` check processes, then consume jobs."""
    global _executor
    from dossier.jobs.db import Database as _Database

    db = _Database(settings.database_url)
    db.create_schema()
    settings.jobs_dir.mkdir(parents=True, exist_ok=True)
    cores = os.cpu_count() or 1
    executor = JobExecutor(db, settings, size=concurrency, warm=True,
                           threads=max(1, cores // concurrency), name="dossier-worker",
                           deliver=default_deliver())
    executor.start()
    try:
        ready = executor.wait_ready()
        log.warning("dossier worker: %d/%d check processes ready (models loaded)", ready,
                    concurrency)
        _executor = executor
        app = make_celery(settings)
        # Task threads only wait on the executor's processes, which do the work.
        app.worker_main(["worker", "--pool=threads", f"--concurrency={concurrency}",
                         "--without-gossip", "--without-mingle", f"--loglevel={loglevel}",
                         f"--hostname=dossier-{os.getpid()}@%h", f"--queues={QUEUE}"])
    finally:
        _executor = None
        executor.stop()
        db.dispose()
    return 0
