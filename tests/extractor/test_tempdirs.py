from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor import tempdirs
from extractor.tempdirs import make_work_dir, owner_pid, sweep_stale, work_dir

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX pids")
DAY = 24 * 3600


def _dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def _folder(base: Path, name: str, age_s: float = 0) -> Path:
    d = base / name
    (d / "pages").mkdir(parents=True)
    (d / "pages" / "p1.png").write_bytes(b"x")
    if age_s:
        t = time.time() - age_s
        os.utime(d, (t, t))
    return d


def test_folder_names_the_owner_and_goes_on_exit(tmp_path: Path) -> None:
    with work_dir(base=tmp_path) as d:
        assert owner_pid(d.name) == os.getpid() and d.name.startswith(f"dossier-{os.getpid()}-")
        (d / "f").write_text("x")
    assert not d.exists()
    with pytest.raises(RuntimeError):
        with work_dir("lo", base=tmp_path) as d:
            assert d.name.startswith(f"dossier-{os.getpid()}-lo-")
            raise RuntimeError("boom")
    assert not d.exists() and list(tmp_path.iterdir()) == []


def test_sweep_removes_what_dead_runs_left_and_nothing_else(tmp_path: Path) -> None:
    dead = _folder(tmp_path, f"dossier-{_dead_pid()}-abc_1234")
    dead_lo = _folder(tmp_path, f"dossier-{_dead_pid()}-lo-abcdefgh")
    alive = _folder(tmp_path, f"dossier-{os.getppid()}-abcdefgh")
    mine = _folder(tmp_path, f"dossier-{os.getpid()}-abcdefgh", age_s=3 * DAY)
    legacy_old = _folder(tmp_path, "dossier-k2j4h5g6", age_s=2 * DAY)
    legacy_lo_old = _folder(tmp_path, "dossier-lo-k2j4h5g6", age_s=2 * DAY)
    audit_old = _folder(tmp_path, "audit-list-k2j4h5g6", age_s=2 * DAY)
    legacy_new = _folder(tmp_path, "dossier-z9y8x7w6")
    alive_but_old = _folder(tmp_path, f"dossier-{os.getppid()}-qwertyui", age_s=2 * DAY)
    # Not ours to touch: a person's folder, another tool's, a link to a dead run's name.
    person = _folder(tmp_path, "dossier-notes-2024", age_s=30 * DAY)
    other = _folder(tmp_path, "pytest-of-me", age_s=30 * DAY)
    target = _folder(tmp_path, "keep-me")
    link = tmp_path / f"dossier-{_dead_pid()}-linkabcd"
    link.symlink_to(target)

    removed = set(sweep_stale(tmp_path))
    assert removed == {dead, dead_lo, legacy_old, legacy_lo_old, audit_old, alive_but_old}
    for kept in (alive, mine, legacy_new, person, other, target):
        assert (kept / "pages" / "p1.png").is_file(), kept
    assert link.is_symlink()


def test_make_work_dir_sweeps_once_per_temp_dir(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempdirs, "_swept", set())
    stale = _folder(tmp_path, f"dossier-{_dead_pid()}-abcdefgh")
    d = make_work_dir(base=tmp_path)
    assert not stale.exists()
    stale2 = _folder(tmp_path, f"dossier-{_dead_pid()}-bcdefghi")
    d2 = make_work_dir(base=tmp_path)
    assert stale2.exists()  # swept at start-up only, not before every folder
    for x in (d, d2):
        x.rmdir()


def test_bad_kind_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        make_work_dir("../x", base=tmp_path)
