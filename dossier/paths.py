"""Where dossier-checker keeps things between runs.

One cache folder for every entry point (``dossier check``, ``dossier batch``,
``dossier audit-list``, the API): OCR results are sharded directly in it
(``<cache>/<2 hex>/<key>.json``) and embedding vectors go to ``<cache>/embeddings``,
as :class:`dossier.pipeline.CheckOptions` ``cache_dir`` lays them out. The folder is
decided by :mod:`models.settings` (``settings().cache_dir``).
"""
from __future__ import annotations

from pathlib import Path

from models.settings import APP_DIR, CACHE_ENV, settings


def default_cache_dir() -> Path:
    """The OCR/embedding cache folder: ``$DOSSIER_CACHE_DIR`` when set, else
    ``$XDG_CACHE_HOME/dossier-checker`` (an absolute XDG_CACHE_HOME only, as the XDG
    spec requires), else ``~/.cache/dossier-checker``. Not created here."""
    return settings().cache_dir


__all__ = ["APP_DIR", "CACHE_ENV", "default_cache_dir"]
