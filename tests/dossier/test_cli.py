import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import docx
import pytest

from dossier.cli import main


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dossier.cli", *args], capture_output=True,
                          text=True, timeout=300)


def test_programs_lists_ids_and_titles(capsys) -> None:
    assert main(["programs"]) == 0
    out = capsys.readouterr().out
    assert "sd-chenxing-2022" in out and "晨星工厂" in out


@pytest.mark.parametrize("args, needle", [
    (["check", "/no/such/dossier", "--program", "sd-chenxing-2022"], "路径不存在"),
    (["check", ".", "--program", "no-such-programme"], "未知的申报项目"),
    (["check", ".", "--program", "sd-chenxing-2022", "--as-of", "2022-13-45"], "YYYY-MM-DD"),
    (["check", "."], "--program"),
    ([], ""),
])
def test_usage_errors_exit_2(args, needle) -> None:
    r = _run(*args)
    assert r.returncode == 2 and needle in r.stderr


def _tiny_dossier(tmp_path: Path) -> Path:
    d = tmp_path / "dossier"
    d.mkdir()
    doc = docx.Document()
    doc.add_paragraph("山东省数字经济“晨星工厂”申报书")
    t = doc.add_table(rows=5, cols=2)
    for i, (k, v) in enumerate([("企业全称", "山东测试机械有限公司"), ("通讯地址", "济南市历下区"),
                                ("注册日期", "2015年6月1日"), ("企业规模", "□大型 ☑中型 □小型"),
                                ("企业人数", "")]):
        t.cell(i, 0).text, t.cell(i, 1).text = k, v
    doc.save(d / "申报书.docx")
    (d / "scan002.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<")  # truncated: unreadable
    return d


def test_check_exits_0_with_findings_and_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    r = _run("check", str(_tiny_dossier(tmp_path)), "--program", "sd-chenxing-2022",
             "--as-of", "2022-12-20", "--format", "json", "--output", str(out))
    assert r.returncode == 0, r.stderr
    rep = json.loads(out.read_text(encoding="utf-8"))
    codes = {(f["code"], f["field"]) for f in rep["findings"]}
    assert ("MISSING_FIELD", "employees") in codes
    assert ("UNREADABLE_FILE", None) in codes
    assert ("MISSING_ATTACHMENT", None) in codes
    assert rep["summary"]["verdict"] == "needs_fixes" and rep["schema_version"] == "1"
    assert rep["fields"]["company_name"]["value"] == "山东测试机械有限公司"


def test_text_and_html_formats(tmp_path: Path) -> None:
    d = _tiny_dossier(tmp_path)
    r = _run("check", str(d), "--program", "sd-chenxing-2022", "--as-of", "2022-12-20")
    assert r.returncode == 0 and "需要补正" in r.stdout and "scan002.pdf" in r.stdout
    html = tmp_path / "r.html"
    r = _run("check", str(d), "--program", "sd-chenxing-2022", "--as-of", "2022-12-20",
             "--format", "html", "-o", str(html))
    page = html.read_text(encoding="utf-8")
    assert r.returncode == 0 and "<html" in page and 'data-code="UNREADABLE_FILE"' in page
    assert "http://" not in page and "https://" not in page.replace("https://json-schema", "")


# ---------------------------------------------------------------- a generated dossier
# One scanned dossier for the tests below, with one OCR cache so only the first run OCRs.
FAST = ["--program", "sd-chenxing-2022", "--as-of", "2022-12-20", "--no-evidence"]


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory, ocr_cache: Path) -> tuple[Path, Path]:
    from samples.generate import generate_all

    root = tmp_path_factory.mktemp("samples")
    [dossier] = generate_all(root, only=["sd-chenxing-2022/clean"])
    return dossier, ocr_cache


def test_several_formats_are_written_from_one_check(sample: tuple[Path, Path], tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    import dossier.pipeline as pipeline

    real = pipeline.check_dossier
    calls: list[Path] = []

    def counting(path: Path, program: Any, options: Any = None) -> Any:
        calls.append(path)
        return real(path, program, options)

    monkeypatch.setattr(pipeline, "check_dossier", counting)
    dossier, cache = sample
    out = tmp_path / "reports"
    assert main(["check", str(dossier), *FAST, "--cache-dir", str(cache),
                 "--format", "json,html,text", "--output-dir", str(out)]) == 0
    assert calls == [dossier]
    assert sorted(p.name for p in out.iterdir()) == ["clean.html", "clean.json", "clean.txt"]
    report = json.loads((out / "clean.json").read_text(encoding="utf-8"))
    assert report["program"] == "sd-chenxing-2022" and report["summary"]["verdict"] == "ready"
    page = (out / "clean.html").read_text(encoding="utf-8")
    text = (out / "clean.txt").read_text(encoding="utf-8")
    assert "<html" in page and "scan001.pdf" in page
    # The text file is for reading in an editor: no terminal colour codes.
    assert "材料核查报告" in text and "scan001.pdf" in text and "\x1b[" not in text
    err = capsys.readouterr()
    assert err.out == ""
    assert all(str(out / name) in err.err for name in ("clean.json", "clean.html", "clean.txt"))


def test_one_format_to_stdout_or_output_dir(sample: tuple[Path, Path], tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    dossier, cache = sample
    assert main(["check", str(dossier), *FAST, "--cache-dir", str(cache), "--format", "json"]) == 0
    streams = capsys.readouterr()
    assert json.loads(streams.out)["dossier"] == "clean"
    # Not a terminal and no --progress: nothing but the report on stdout, nothing on stderr.
    assert streams.err == ""
    assert main(["check", str(dossier), *FAST, "--cache-dir", str(cache), "--format", "html",
                 "--output-dir", str(tmp_path)]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["clean.html"]


def test_progress_lines_on_stderr_with_log(sample: tuple[Path, Path],
                                           capsys: pytest.CaptureFixture[str]) -> None:
    dossier, cache = sample
    # The lexical backend needs no model, and keeps the evidence stage in the run.
    assert main(["check", str(dossier), "--program", "sd-chenxing-2022", "--as-of", "2022-12-20",
                 "--embeddings", "lexical", "--cache-dir", str(cache), "--format", "json",
                 "--progress", "log"]) == 0
    streams = capsys.readouterr()
    assert json.loads(streams.out)["program"] == "sd-chenxing-2022"
    lines = streams.err.splitlines()
    assert lines[0] == f"dossier: 正在核查 {dossier}（sd-chenxing-2022）"
    assert "dossier: 共 7 个文件" in lines
    reading = [line for line in lines if line.startswith("dossier: 正在读取文件 ")]
    # Each file is named as it is read (the declaration is one of them).
    assert [r.split("：")[0] for r in reading] == [f"dossier: 正在读取文件 {n}/7" for n in range(1, 8)]
    assert any("申报书" in r and r.endswith("…") for r in reading)
    # Three scanned pages (two photos, one scanned PDF), counted for the dossier as each
    # is read (on the page finisher, beside the files still being opened).
    assert [line for line in lines if "OCR 已识别" in line] == [
        f"dossier:   OCR 已识别第 {n} 页" for n in (1, 2, 3)]
    assert any(line.startswith("dossier: 已读取文件 1/7（") for line in lines)
    assert lines.index("dossier: 正在匹配指标佐证…") > lines.index(reading[-1])
    assert lines[-1].startswith("dossier: 核查完成，用时 ") and "OCR 3 页" in lines[-1]


def test_no_progress_with_none(sample: tuple[Path, Path], tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    dossier, cache = sample
    out = tmp_path / "r.json"
    assert main(["check", str(dossier), *FAST, "--cache-dir", str(cache), "--format", "json",
                 "-o", str(out), "--progress", "none"]) == 0
    err = capsys.readouterr().err
    assert err.startswith(f"报告已写入 {out}") and err.count("\n") == 1


@pytest.mark.parametrize("extra, needle", [
    (["--format", "json,html", "--output", "r.json"], "--output 只能写一种格式"),
    (["--format", "json,html"], "需要 --output-dir"),
    (["--format", "json,xml"], "未知的报告格式 xml"),
    (["--output", "r.json", "--output-dir", "out"], "参数 --output-dir：不能与参数 --output/-o 同时使用"),
])
def test_bad_format_combinations_are_refused_in_chinese(extra: list[str], needle: str,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    import dossier.pipeline as pipeline

    monkeypatch.setattr(pipeline, "check_dossier", None)  # must not be reached
    try:
        code = main(["check", ".", *FAST, *extra])
    except SystemExit as e:
        code = int(e.code or 0)
    assert code == 2 and needle in capsys.readouterr().err
