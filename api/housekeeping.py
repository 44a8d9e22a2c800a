"""The service's periodic clean-up: retention (dossier.jobs.retention) at start and then
every ``interval_s``, in a daemon thread that no failure stops."""
from __future__ import annotations

import logging
import threading
from pathlib import Path

from api.db import Database
from dossier.jobs.retention import RetentionResult, sweep_retention

log = logging.getLogger(__name__)

DEFAULT_INTERVAL_S = 3600.0


class Housekeeper:
    def __init__(self, db: Database, jobs_dir: Path, retention_days: int, *,
                 interval_s: float = DEFAULT_INTERVAL_S,
                 orphan_grace_s: float = 3600.0) -> None:
        self.db = db
        self.jobs_dir = jobs_dir
        self.retention_days = retention_days
        self.interval_s = interval_s
        self.orphan_grace_s = orphan_grace_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="dossier-housekeeping",
                                        daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Returns at once between sweeps; a sweep under way is given ``timeout`` to end
        (it is a daemon thread: a sweep stuck on the database does not hold the exit)."""
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def run_once(self) -> RetentionResult | None:
        try:
            result = sweep_retention(self.db, self.jobs_dir, self.retention_days,
                                     orphan_grace_s=self.orphan_grace_s)
        except Exception:  # noqa: BLE001 - the next sweep may succeed; the service goes on
            log.exception("retention sweep failed")
            return None
        if result.deleted_jobs or result.files_deleted or result.orphans_deleted:
            log.info("retention: %s", result.describe())
        else:
            log.debug("retention: %s", result.describe())
        return result

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.run_once()
            if self._stop.wait(self.interval_s):
                return
