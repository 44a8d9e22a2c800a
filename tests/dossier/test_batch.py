"""`dossier batch` over a generated folder of OCR-free dossiers (DOCX and text PDFs) plus a
truncated zip and a folder of random bytes: parallel workers, a worker that dies or hangs
mid-dossier, resuming, an interrupt, and the triage outputs."""
from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from dossier import batch
from dossier.batch import BatchSettings, discover_dossiers, run_batch, run_key
from dossier.triage_workbook import CSV_HEADERS, HEADERS, TriageRow, sort_worst_first
from samples.batch.make_batch import make_batch

PROGRAM = "sd-chenxing-2022"
AS_OF = date(2022, 12, 20)


@pytest.fixture(scope="module")
def batch_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("batch") / "dossiers"
    make_batch(root, 8, ocr_free=True, jobs=1)  # 6 dossiers + truncated zip + garbage folder
    return root


@pytest.fixture
def dossiers(batch_source: Path, tmp_path: Path) -> Path:
    """A private copy: tests change files in it."""
    return Path(shutil.copytree(batch_source, tmp_path / "dossiers", symlinks=True))


def _settings(root: Path, out: Path, **kw) -> BatchSettings:
    return BatchSettings(root=root, out_dir=out, program=PROGRAM, as_of=AS_OF,
                         workers=kw.pop("workers", 2), cache_dir=out / ".ocr-cache", **kw)


def _state(out: Path) -> dict:
    return json.loads((out / batch.STATE_FILE).read_text(encoding="utf-8"))["dossiers"]


def _names(root: Path) -> list[str]:
    return [i.name for i in discover_dossiers(root)]


def test_batch_checks_every_dossier_and_writes_reports_and_triage(dossiers: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_batch(_settings(dossiers, out))
    names = _names(dossiers)
    assert len(names) == 8
    assert [o.name for o in result.outcomes] == names
    assert {o.status for o in result.outcomes} == {"checked"}
    verdicts = {o.name: o.row.verdict for o in result.outcomes}
    assert verdicts["007_损坏的压缩包"] == "unreadable"
    assert verdicts["008_无法识别的材料"] == "unreadable"
    assert all(v == "needs_fixes" for n, v in verdicts.items() if not n.startswith(("007", "008")))
    for name in names:
        report = json.loads((out / "reports" / f"{name}.json").read_text(encoding="utf-8"))
        assert report["program"] == PROGRAM and report["as_of"] == "2022-12-20"
        assert (out / "reports" / f"{name}.html").read_text(encoding="utf-8").startswith("<!")
    state = _state(out)
    assert set(state) == set(names)
    assert all(rec["outcome"] == "checked" and rec["manifest"] for rec in state.values())

    wb = openpyxl.load_workbook(out / "triage.xlsx")
    ws = wb.active
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:K9"
    assert [c.value for c in ws[1]] == list(HEADERS)
    assert ws.column_dimensions["G"].width >= 60
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    assert [r[2] for r in rows[:2]] == ["材料无法读取", "材料无法读取"]
    assert {r[0] for r in rows[:2]} == {"007_损坏的压缩包", "008_无法识别的材料"}
    rest = [(r[3], r[4]) for r in rows[2:]]
    assert rest == sorted(rest, reverse=True)
    assert ws.cell(row=2, column=3).fill.fgColor.rgb.endswith("FFE699")
    assert ws.cell(row=4, column=3).fill.fgColor.rgb.endswith("F8CBAD")
    # The unreadable file, not the attachments missing because of it, heads 主要问题.
    assert "无法读取" in rows[0][6].split("；")[0]
    company = {r[0]: r[1] for r in rows}
    assert company["001_山东华源智能装备有限公司"] == "山东华源智能装备有限公司"
    assert ws.cell(row=2, column=8).hyperlink.target.startswith("reports/")

    raw = (out / "triage.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with (out / "triage.csv").open(encoding="utf-8-sig", newline="") as f:
        csv_rows = list(csv.reader(f))
    assert csv_rows[0] == list(CSV_HEADERS)
    assert [r[0] for r in csv_rows[1:]] == [r[0] for r in rows]


def test_crashed_and_hung_workers_cost_only_their_dossier(dossiers: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    names = _names(dossiers)
    crash, hang, fail = names[1], names[3], names[4]
    # A 4-second limit tests the supervision, not the matcher: the model-free backend keeps
    # an ordinary dossier well inside it on a busy 2-core machine.
    monkeypatch.setenv("DOSSIER_EMBEDDINGS", "lexical")
    monkeypatch.setenv("DOSSIER_TEST_CRASH_ON", crash)
    monkeypatch.setenv("DOSSIER_TEST_HANG_ON", hang)
    monkeypatch.setenv("DOSSIER_TEST_RAISE_ON", fail)
    out = tmp_path / "out"
    result = run_batch(_settings(dossiers, out, timeout_s=4))
    status = {o.name: o.status for o in result.outcomes}
    assert (status[crash], status[hang], status[fail]) == ("crashed", "timeout", "failed")
    assert [n for n, s in status.items() if s == "checked"] == [
        n for n in names if n not in (crash, hang, fail)]
    for name, words in ((crash, "意外退出"), (hang, "超时"), (fail, "RuntimeError")):
        report = json.loads((out / "reports" / f"{name}.json").read_text(encoding="utf-8"))
        assert report["summary"]["verdict"] == "unreadable"
        assert [f["code"] for f in report["findings"]] == ["UNREADABLE_FILE"]
        assert words in report["findings"][0]["message"]
    assert "退出码 1" in json.loads((out / "reports" / f"{crash}.json").read_text(
        encoding="utf-8"))["findings"][0]["message"]

    # A crash is not a property of the files: the next run retries exactly those.
    for var in ("DOSSIER_TEST_CRASH_ON", "DOSSIER_TEST_HANG_ON", "DOSSIER_TEST_RAISE_ON"):
        monkeypatch.delenv(var)
    again = run_batch(_settings(dossiers, out))
    rechecked = sorted(o.name for o in again.outcomes if o.status != "skipped")
    assert rechecked == sorted([crash, hang, fail])
    assert all(o.row.verdict == "needs_fixes" for o in again.outcomes if o.name in rechecked)


def test_rerun_skips_unchanged_and_rechecks_only_the_changed_dossier(dossiers: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run_batch(_settings(dossiers, out))
    assert len(first.by_status("checked")) == 8
    second = run_batch(_settings(dossiers, out))
    assert {o.status for o in second.outcomes} == {"skipped"}
    assert [o.row for o in second.outcomes] == [o.row for o in first.outcomes]

    target = _names(dossiers)[2]
    extra = dossiers / target / "补充说明.docx"
    shutil.copy(dossiers / target / "附件5.docx", extra)
    third = run_batch(_settings(dossiers, out))
    assert [o.name for o in third.outcomes if o.status == "checked"] == [target]
    assert next(o for o in third.outcomes if o.name == target).changed == ["补充说明.docx"]
    assert _state(out)[target]["manifest"]["补充说明.docx"]
    # Triage still lists every dossier after a partial re-run.
    with (out / "triage.csv").open(encoding="utf-8-sig") as f:
        assert len(list(csv.reader(f))) == 1 + 8


def test_run_key_follows_files_programme_and_date() -> None:
    files = {"申报书.docx": "a" * 64}
    key = run_key(files, "fp1", AS_OF, "rapidocr")
    assert key == run_key(dict(files), "fp1", AS_OF, "rapidocr")
    assert key != run_key({"申报书.docx": "b" * 64}, "fp1", AS_OF, "rapidocr")
    assert key != run_key(files, "fp2", AS_OF, "rapidocr")
    assert key != run_key(files, "fp1", date(2023, 1, 1), "rapidocr")


def test_interrupt_keeps_every_finished_dossier(dossiers: Path, tmp_path: Path) -> None:
    """One worker, the last dossier hangs; SIGTERM arrives while it runs. Each progress
    line is printed after its dossier's state record is on disk."""
    out = tmp_path / "out"
    names = _names(dossiers)
    env = {**os.environ, "DOSSIER_TEST_HANG_ON": names[-1], "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "dossier.batch", str(dossiers), "--program", PROGRAM,
         "--as-of", "2022-12-20", "--workers", "1", "--out", str(out), "--progress", "log"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        seen = 0
        deadline = time.monotonic() + 120
        assert proc.stderr is not None
        while seen < len(names) - 1 and time.monotonic() < deadline:
            line = proc.stderr.readline()
            if not line:
                break
            if line.startswith("["):
                seen += 1
                assert len(_state(out)) >= seen, line
        assert seen == len(names) - 1
        time.sleep(0.5)  # the hung dossier is now in flight
        proc.send_signal(signal.SIGTERM)
        stdout, _ = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == batch.EXIT_INTERRUPTED
    assert "已中断" in stdout
    state = _state(out)
    assert sorted(state) == sorted(names[:-1])
    assert all((out / rec["row"]["report_json"]).is_file() for rec in state.values())
    with (out / "triage.csv").open(encoding="utf-8-sig") as f:
        assert len(list(csv.reader(f))) == len(names)  # header + the finished ones

    resumed = run_batch(_settings(dossiers, out, workers=1))
    assert [o.name for o in resumed.outcomes if o.status == "checked"] == [names[-1]]


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert batch.main([str(tmp_path / "nope"), "--program", PROGRAM]) == 2
    assert "目录不存在" in capsys.readouterr().err
    assert batch.main([str(tmp_path), "--program", "no-such-programme"]) == 2
    assert "未知的申报项目" in capsys.readouterr().err
    assert batch.main([str(tmp_path), "--program", PROGRAM]) == 2  # empty folder
    assert "没有申报材料" in capsys.readouterr().err
    with pytest.raises(SystemExit) as e:
        batch.main([str(tmp_path), "--program", PROGRAM, "--workers", "0"])
    assert e.value.code == 2


def test_worst_first_order() -> None:
    rows = [TriageRow("a", "", "ready", 0, 0, 1), TriageRow("b", "", "needs_fixes", 1, 5, 0),
            TriageRow("c", "", "needs_fixes", 3, 0, 0), TriageRow("d", "", "unreadable", 1, 0, 0),
            TriageRow("e", "", "needs_fixes", 1, 7, 0)]
    assert [r.name for r in sort_worst_first(rows)] == ["d", "c", "e", "b", "a"]
