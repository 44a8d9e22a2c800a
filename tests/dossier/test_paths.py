from __future__ import annotations

from pathlib import Path

import pytest

from dossier import cli
from dossier.paths import default_cache_dir


def test_default_cache_dir_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("DOSSIER_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert default_cache_dir() == tmp_path / "home" / ".cache" / "dossier-checker"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")  # the XDG spec: absolute only
    assert default_cache_dir() == tmp_path / "home" / ".cache" / "dossier-checker"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "dossier-checker"
    monkeypatch.setenv("DOSSIER_CACHE_DIR", "  ~/mine ")
    assert default_cache_dir() == tmp_path / "home" / "mine"


def test_check_uses_the_shared_cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list = []

    def fake_check(path, program, options):  # type: ignore[no-untyped-def]
        seen.append(options.cache_dir)
        raise SystemExit(0)

    import dossier.pipeline

    monkeypatch.setattr(dossier.pipeline, "check_dossier", fake_check)
    monkeypatch.delenv("DOSSIER_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    args = ["check", str(tmp_path), "--program", "sd-chenxing-2022"]
    for extra in ([], ["--cache-dir", str(tmp_path / "c")]):
        with pytest.raises(SystemExit):
            cli.main(args + extra)
    assert seen == [tmp_path / "xdg" / "dossier-checker", tmp_path / "c"]
