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
        cache = os.environ.get("DOSSIER_CACHE_DIR", "").strip()
        return cls(
            data_dir=data_dir,
            database_url=url,
            workers=_int_env("DOSSIER_API_WORKERS", 1),
            max_upload_bytes=_int_env("DOSSIER_MAX_UPLOAD_MB", 200) * MIB,
            max_files=_int_env("DOSSIER_MAX_UPLOAD_FILES", 500),
            env_api_keys=keys,
            allow_anonymous=os.environ.get("DOSSIER_API_ALLOW_ANONYMOUS", "").strip() == "1",
            ocr_engine=os.environ.get("DOSSIER_OCR_ENGINE", "rapidocr"),
            cache_dir=Path(cache).expanduser() if cache else None,
        )
