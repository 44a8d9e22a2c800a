"""The running service's parts (settings, database, job runner) and its start-up checks."""
from __future__ import annotations

from dataclasses import dataclass, field

from api.config import Settings
from api.db import Database
from api.housekeeping import Housekeeper
from api.job_exec import run_check
from api.keys import AuthThrottle, active_db_keys
from api.recovery import Recovery, recover
from api.worker import ClusterDispatcher, Dispatcher, Execute, JobRunner

NO_KEYS = ("未配置任何 API 密钥，服务拒绝启动：请设置环境变量 DOSSIER_API_KEYS（逗号分隔），"
           "或运行 `dossier apikey create 名称` 创建密钥；仅在可信网络中测试时，"
           "可设置 DOSSIER_API_ALLOW_ANONYMOUS=1 允许无密钥访问")


class StartupRefused(RuntimeError):
    """The service must not start as configured (message in Chinese)."""


def keys_configured(db: Database, settings: Settings) -> bool:
    if settings.env_api_keys:
        return True
    with db.session() as s:
        return active_db_keys(s) > 0


def open_database(settings: Settings) -> Database:
    db = Database(settings.database_url)
    db.create_schema()
    return db


@dataclass
class Service:
    settings: Settings
    db: Database
    runner: Dispatcher
    recovery: Recovery
    throttle: AuthThrottle = field(default_factory=AuthThrottle)
    housekeeper: Housekeeper | None = None

    @classmethod
    def start(cls, settings: Settings, execute: Execute = run_check) -> "Service":
        settings.jobs_dir.mkdir(parents=True, exist_ok=True)
        db = open_database(settings)
        try:
            if not settings.allow_anonymous and not keys_configured(db, settings):
                raise StartupRefused(NO_KEYS)
            runner: Dispatcher
            if settings.broker_url:
                # The workers own running jobs (the broker hands a dead one's job on);
                # a restart of the service changes nothing for them.
                recovery = Recovery()
                runner = ClusterDispatcher(db, settings)
            else:
                recovery = recover(db, settings)
                runner = JobRunner(db, settings, execute)
            runner.start()
            for job_id in recovery.requeued:
                runner.submit(job_id)
            # After recovery: the jobs it re-queued keep their folders (they are queued).
            housekeeper = Housekeeper(db, settings.jobs_dir, settings.retention_days)
            housekeeper.start()
        except BaseException:
            db.dispose()
            raise
        return cls(settings=settings, db=db, runner=runner, recovery=recovery,
                   throttle=AuthThrottle(settings.auth_max_failures,
                                         settings.auth_window_seconds),
                   housekeeper=housekeeper)

    def stop(self) -> None:
        if self.housekeeper is not None:
            self.housekeeper.stop()
        self.runner.stop()
        self.db.dispose()

    def anonymous_allowed(self) -> bool:
        """Anonymous requests pass only while anonymity is allowed and no key exists at
        all: creating the first key locks the service without a restart."""
        return self.settings.allow_anonymous and not keys_configured(self.db, self.settings)
