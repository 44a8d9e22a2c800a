"""`dossier batch` started with SIGINT ignored (as `cmd &` in a script does) still stops on
SIGINT; and dossier or file names that are GBK bytes (not UTF-8) cost nothing: every
dossier gets its reports, with UTF-8 file names, and the state and triage outputs read."""
from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest

from dossier import batch
from dossier.batch import BatchSettings, LogProgress, format_summary, run_batch

PROGRAM = "sd-chenxing-2022"


def _declaration() -> bytes:
    doc = docx.Document()
    doc.add_paragraph("山东省数字经济“晨星工厂”申报书")
    t = doc.add_table(rows=2, cols=2)
    for i, (k, v) in enumerate([("企业全称", "山东测试机械有限公司"), ("注册日期", "2015年6月1日")]):
        t.cell(i, 0).text, t.cell(i, 1).text = k, v
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _dossier(folder: Path | bytes, extra_name: bytes = b"scan.pdf") -> None:
    """A two-file dossier; ``folder`` and ``extra_name`` may be raw (non-UTF-8) bytes."""
    raw = folder if isinstance(folder, bytes) else os.fsencode(folder)
    os.makedirs(raw, exist_ok=True)
    with open(os.path.join(raw, "申报书.docx".encode()), "wb") as f:
        f.write(_declaration())
    with open(os.path.join(raw, extra_name), "wb") as f:
        f.write(b"%PDF-1.4\n1 0 obj <<")


def test_sigint_stops_a_batch_that_inherited_sigint_ignored(tmp_path: Path) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    _dossier(root / "a_ok")
    _dossier(root / "b_hang")
    env = {**os.environ, "DOSSIER_TEST_HANG_ON": "b_hang", "DOSSIER_EMBEDDINGS": "lexical",
           "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "dossier.batch", str(root), "--program", PROGRAM,
         "--as-of", "2022-12-20", "--workers", "1", "--out", str(out), "--progress", "log"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        assert proc.stderr is not None
        deadline = time.monotonic() + 90
        line = ""
        while not line.startswith("[1/2]") and time.monotonic() < deadline:
            line = proc.stderr.readline()
            assert line, "batch ended early"
        assert "a_ok" in line
        time.sleep(0.5)  # b_hang is in flight
        proc.send_signal(signal.SIGINT)
        stdout, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == batch.EXIT_INTERRUPTED
    assert "已中断" in stdout
    state = json.loads((out / batch.STATE_FILE).read_text(encoding="utf-8"))["dossiers"]
    assert sorted(state) == ["a_ok"] and state["a_ok"]["outcome"] == "checked"


def test_gbk_byte_names_cost_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOSSIER_EMBEDDINGS", "lexical")  # the model-free backend: fast
    root, out = tmp_path / "in", tmp_path / "out"
    _dossier(root / "good")
    _dossier(root / "gbk_file", extra_name="营业执照.pdf".encode("gbk"))
    _dossier(os.fsencode(root) + b"/" + "企业乙".encode("gbk"))
    names = os.listdir(root)
    assert any("\udc80" <= ch <= "\udcff" for n in names for ch in n)  # really undecodable

    log = io.StringIO()
    result = run_batch(BatchSettings(root=root, out_dir=out, program=PROGRAM,
                                     as_of=date(2022, 12, 20), workers=1,
                                     cache_dir=tmp_path / "cache"), LogProgress(log))
    assert {o.name: o.status for o in result.outcomes} == {
        "gbk_file": "checked", "good": "checked", "企业乙": "checked"}
    # Report file names are valid UTF-8 on disk, and each report is a real one.
    files = sorted(n.decode("utf-8") for n in os.listdir(os.fsencode(out / "reports")))
    assert files == sorted(f"{n}.{ext}" for n in ("gbk_file", "good", "企业乙")
                           for ext in ("html", "json"))
    good = json.loads((out / "reports" / "good.json").read_text(encoding="utf-8"))
    for name in ("gbk_file", "企业乙"):
        report = json.loads((out / "reports" / f"{name}.json").read_text(encoding="utf-8"))
        assert report["summary"]["verdict"] == good["summary"]["verdict"] != "unreadable"
    assert json.loads((out / "reports" / "企业乙.json").read_text(encoding="utf-8"))[
        "dossier"] == "企业乙"
    state = json.loads((out / batch.STATE_FILE).read_text(encoding="utf-8"))["dossiers"]
    assert sorted(state["gbk_file"]["manifest"]) == ["申报书.docx", "营业执照.pdf"]
    assert set(state) == {"gbk_file", "good", "企业乙"}
    rows = [[c.value for c in r] for r in
            openpyxl.load_workbook(out / "triage.xlsx").active.iter_rows(min_row=2)]
    assert sorted(r[0] for r in rows) == ["gbk_file", "good", "企业乙"]
    assert "企业乙" in log.getvalue()
    format_summary(result, BatchSettings(root=root, out_dir=out, program=PROGRAM),
                   PROGRAM).encode("utf-8")

    # A re-run recognises them all as unchanged.
    again = run_batch(BatchSettings(root=root, out_dir=out, program=PROGRAM,
                                    as_of=date(2022, 12, 20), workers=1,
                                    cache_dir=tmp_path / "cache"))
    assert {o.status for o in again.outcomes} == {"skipped"}


def test_safe_names() -> None:
    gbk = os.fsdecode("企业乙".encode("gbk"))
    assert batch.safe_name(gbk) == "企业乙"
    assert batch.safe_name("a\nb") == "a\\nb"
    long = batch.safe_name(os.fsdecode(("很长的企业名称" * 20).encode("gbk")))
    assert long.endswith("…") and len(long.encode("utf-8")) <= batch.NAME_MAX_BYTES
    taken: set[str] = set()
    assert [batch._unique(n, taken) for n in ("x", "x", "x")] == ["x", "x (2)", "x (3)"]
