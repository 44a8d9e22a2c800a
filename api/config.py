"""Service settings: the ``api`` group of the shared settings object
(:mod:`models.settings`), read from the environment when the app (or a command) starts."""
from __future__ import annotations

from pathlib import Path

from models.settings import MIB, ApiSettings, ConfigError, data_dir_from_env

# The service's settings class; ``Settings.from_env()`` is ``models.settings.settings().api``.
Settings = ApiSettings


def default_data_dir() -> Path:
    return data_dir_from_env()


__all__ = ["MIB", "ConfigError", "Settings", "default_data_dir"]
