"""Where dossier-checker keeps things between runs.

One cache folder for every entry point (``dossier check``, ``dossier batch``,
``dossier audit-list``, the API): OCR results are sharded directly in it
(``<cache>/<2 hex>/<key>.json``) and embedding vectors go to ``<cache>/embeddings``,
as :class:`dossier.pipeline.CheckOptions` ``cache_dir`` lays them out.
"""
from __future__ import annotations

import os
from pathlib import Path

CACHE_ENV = "DOSSIER_CACHE_DIR"
APP_DIR = "dossier-checker"


def default_cache_dir() -> Path:
    """The OCR/embedding cache folder: ``$DOSSIER_CACHE_DIR`` when set, else
    ``$XDG_CACHE_HOME/dossier-checker`` (an absolute XDG_CACHE_HOME only, as the XDG
    spec requires), else ``~/.cache/dossier-checker``. Not created here."""
    env = os.environ.get(CACHE_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / APP_DIR
    return Path.home() / ".cache" / APP_DIR


__all__ = ["APP_DIR", "CACHE_ENV", "default_cache_dir"]
