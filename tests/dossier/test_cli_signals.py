"""`dossier check` stopped for real: SIGTERM/SIGHUP unwind like Ctrl-C and leave no
temporary folder; what kill -9 leaves behind is swept by the next run.

The slow step is a .doc conversion by a stand-in "LibreOffice" ($DOSSIER_SOFFICE) that
only sleeps: while it runs, the check's work folder and the conversion's private folder
both exist, so the signal lands at the worst moment, deterministically, at no CPU cost."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import docx
import pytest

from dossier.cli import main
from tests.extractor.ole_fixtures import compound_file

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
ARGS = ["--program", "sd-chenxing-2022", "--as-of", "2022-12-20", "--no-evidence"]


def _setup(tmp_path: Path) -> tuple[Path, Path, Path, dict[str, str]]:
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    dossier = tmp_path / "dossier"
    dossier.mkdir()
    (dossier / "申报书.doc").write_bytes(compound_file("WordDocument", "1Table"))
    pidfile = tmp_path / "soffice.pid"
    fake = tmp_path / "fake-soffice"
    fake.write_text(f"#!/bin/sh\necho $$ > '{pidfile}'\nexec sleep 300\n")
    fake.chmod(0o755)
    env = dict(os.environ, TMPDIR=str(tmpdir), DOSSIER_SOFFICE=str(fake),
               DOSSIER_CONVERT_TIMEOUT_S="300", DOSSIER_CACHE_DIR=str(tmp_path / "cache"),
               PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    return tmpdir, dossier, pidfile, env


def _start_and_wait_for_conversion(dossier: Path, out: Path, pidfile: Path,
                                   env: dict[str, str]) -> tuple[subprocess.Popen, int]:
    proc = subprocess.Popen([sys.executable, "-m", "dossier.cli", "check", str(dossier), *ARGS,
                             "--output", str(out)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not (pidfile.is_file() and pidfile.read_text().strip()):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise AssertionError(f"the conversion never started: {proc.communicate()}")
        time.sleep(0.1)
    return proc, int(pidfile.read_text())


def _gone(pid: int, within_s: float = 10) -> bool:
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("sig, code", [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_signal_unwinds_and_leaves_no_temp_folder(tmp_path: Path, sig: int, code: int) -> None:
    tmpdir, dossier, pidfile, env = _setup(tmp_path)
    out = tmp_path / "report.txt"
    proc, soffice_pid = _start_and_wait_for_conversion(dossier, out, pidfile, env)
    names = sorted(p.name for p in tmpdir.iterdir())
    assert any(n.startswith(f"dossier-{proc.pid}-lo-") for n in names), names
    assert any(n.startswith(f"dossier-{proc.pid}-") and "-lo-" not in n for n in names), names
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert "已中断" in err and "Traceback" not in err
    assert list(tmpdir.iterdir()) == []
    assert not out.exists()
    assert _gone(soffice_pid), "the converter's process group was not killed"


def test_what_kill_9_leaves_is_swept_by_the_next_run(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    tmpdir, dossier, pidfile, env = _setup(tmp_path)
    proc, soffice_pid = _start_and_wait_for_conversion(dossier, tmp_path / "r.txt", pidfile, env)
    proc.kill()
    proc.communicate(timeout=60)
    os.kill(soffice_pid, signal.SIGKILL)  # orphaned by kill -9; not what this test is about
    left = sorted(tmpdir.iterdir())
    assert len(left) == 2 and all(p.name.startswith(f"dossier-{proc.pid}-") for p in left)
    (tmpdir / "unrelated").mkdir()

    good = tmp_path / "good"
    good.mkdir()
    doc = docx.Document()
    doc.add_paragraph("山东省数字经济“晨星工厂”申报书")
    doc.save(good / "申报书.docx")
    monkeypatch.setattr(tempfile, "tempdir", str(tmpdir))
    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(tmp_path / "cache"))
    assert main(["check", str(good), *ARGS, "--output", str(tmp_path / "next.txt")]) == 0
    assert sorted(p.name for p in tmpdir.iterdir()) == ["unrelated"]
