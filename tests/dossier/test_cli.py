import json
import subprocess
import sys
from pathlib import Path

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
