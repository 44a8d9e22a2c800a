"""Service settings, read from the environment once when the app (or a command) starts."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

MIB = 1 << 20


class ConfigError(ValueError):
    """An environment variable has a value the service cannot use (message in Chinese)."""


def default_data_dir() -> Path:
    env = os.environ.get("DOSSIER_DATA_DIR")
    if env:
        return Path(env).expanduser()
    return Path.home() / ".local" / "share" / "dossier-checker"


def _float_env(name: str, default: float | None, minimum: float = 1.0) -> float | None:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"环境变量 {name} 应为数字（秒），收到 {raw!r}") from None
    if not value >= minimum or value == float("inf"):
        raise ConfigError(f"环境变量 {name} 不能小于 {minimum:g}，收到 {raw}")
    return value


def _flag_env(name: str) -> bool:
    return os.environ.get(name, "").strip() == "1"


def _int_env(name: str, default: int, minimum: int = 1) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"环境变量 {name} 应为整数，收到 {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"环境变量 {name} 不能小于 {minimum}，收到 {value}")
    return value


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    workers: int = 1
    max_upload_bytes: int = 200 * MIB
    max_files: int = 500
    env_api_keys: tuple[str, ...] = ()
    allow_anonymous: bool = False
    ocr_engine: str = "rapidocr"
    cache_dir: Path | None = None
    # Multipart text fields (program, as_of, name) are tiny; anything larger is abuse.
    max_field_bytes: int = 4096
    # Per-job time limits. Soft: the pipeline's cooperative deadline (a report with a
    # RESOURCE_LIMIT finding); None: Limits.dossier_seconds (DOSSIER_LIMIT_DOSSIER_SECONDS).
    # Hard: the worker process is killed and the job fails; None: soft + 60 s.
    job_soft_seconds: float | None = None
    job_hard_seconds: float | None = None
    # Resident memory of one worker process; None: Limits.max_memory_mb
    # (DOSSIER_LIMIT_MAX_MEMORY_MB). Above it the worker is killed and the job fails.
    max_memory_mb: int | None = None
    # Failed-key throttling, per client address: after auth_max_failures wrong keys
    # within auth_window_seconds, requests get 429 until the window has passed.
    # 0 failures: no throttling.
    auth_max_failures: int = 10
    auth_window_seconds: int = 60
    # /docs, /redoc, /openapi.json without a key.
    public_docs: bool = False

    @property
    def soft_seconds(self) -> float:
        if self.job_soft_seconds is not None:
            return self.job_soft_seconds
        from models.limits import Limits

        return Limits.from_env().dossier_seconds

    @property
    def hard_seconds(self) -> float:
        if self.job_hard_seconds is not None:
            return max(self.job_hard_seconds, 1.0)
        return self.soft_seconds + 60.0

    @property
    def memory_limit_mb(self) -> int:
        if self.max_memory_mb is not None:
            return self.max_memory_mb
        from models.limits import Limits

        return Limits.from_env().max_memory_mb

    @property
    def jobs_dir(self) -> Path:
        """One folder per job holds its upload until the job ends."""
        return self.data_dir / "jobs"

    @classmethod
    def from_env(cls) -> "Settings":
        data_dir = default_data_dir()
        url = os.environ.get("DOSSIER_DATABASE_URL", "").strip()
        if not url:
            url = f"sqlite:///{data_dir / 'dossier.db'}"
        keys = tuple(k.strip() for k in os.environ.get("DOSSIER_API_KEYS", "").split(",")
                     if k.strip())
        from dossier.paths import default_cache_dir

        return cls(
            data_dir=data_dir,
            database_url=url,
            workers=_int_env("DOSSIER_API_WORKERS", 1),
            max_upload_bytes=_int_env("DOSSIER_MAX_UPLOAD_MB", 200) * MIB,
            max_files=_int_env("DOSSIER_MAX_UPLOAD_FILES", 500),
            env_api_keys=keys,
            allow_anonymous=_flag_env("DOSSIER_API_ALLOW_ANONYMOUS"),
            ocr_engine=os.environ.get("DOSSIER_OCR_ENGINE", "rapidocr"),
            # The cache every entry point shares ($DOSSIER_CACHE_DIR or ~/.cache/...).
            cache_dir=default_cache_dir(),
            job_soft_seconds=_float_env("DOSSIER_JOB_SOFT_SECONDS", None),
            job_hard_seconds=_float_env("DOSSIER_JOB_HARD_SECONDS", None),
            auth_max_failures=_int_env("DOSSIER_API_AUTH_MAX_FAILURES", 10, minimum=0),
            auth_window_seconds=_int_env("DOSSIER_API_AUTH_WINDOW_SECONDS", 60),
            public_docs=_flag_env("DOSSIER_API_PUBLIC_DOCS"),
        )
