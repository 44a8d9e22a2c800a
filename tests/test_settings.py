"""models.settings: one typed object for every DOSSIER_* variable, read at call time."""
from __future__ import annotations

from pathlib import Path

import pytest

from models.settings import ConfigError, settings


def test_settings_follow_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DOSSIER_OCR_THREADS", "DOSSIER_EMBEDDINGS", "DOSSIER_SOFFICE",
                 "DOSSIER_CONVERT_TIMEOUT_S", "DOSSIER_LIMIT_MAX_PAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(tmp_path / "a"))
    first = settings()
    assert settings() is first  # cached while the environment is unchanged
    assert first.cache_dir == tmp_path / "a" and first.cache_dir_from_env
    assert first.embeddings.backend == "onnx" and first.ocr.threads is None
    assert first.libreoffice.convert_timeout_s == 60 and first.libreoffice.path is None
    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(tmp_path / "b"))
    monkeypatch.setenv("DOSSIER_OCR_THREADS", "3")
    monkeypatch.setenv("DOSSIER_EMBEDDINGS", "lexical")
    monkeypatch.setenv("DOSSIER_LIMIT_MAX_PAGES", "7")
    now = settings()
    assert now.cache_dir == tmp_path / "b"
    assert (now.ocr.threads, now.embeddings.backend, now.limits.max_pages) == (3, "lexical", 7)


def test_a_bad_api_value_only_breaks_the_api(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOSSIER_API_WORKERS", "zero")
    s = settings()
    assert s.ocr.engine  # the rest of the settings still read
    with pytest.raises(ConfigError, match="DOSSIER_API_WORKERS"):
        s.api  # noqa: B018
    monkeypatch.setenv("DOSSIER_API_WORKERS", "4")
    assert settings().api.workers == 4
