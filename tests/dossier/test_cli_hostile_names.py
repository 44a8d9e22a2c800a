"""File names no report may choke on or be fooled by: GBK bytes on a UTF-8 file system
(a Windows zip unpacked with Info-ZIP unzip), a newline that would fake a report line,
bytes that decode as nothing at all, a bidi override."""
from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import docx
import openpyxl
import pytest

from dossier.cli import main
from dossier.triage_workbook import TriageRow, write_csv, write_xlsx

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX byte file names")

GBK_NAME = "营业执照.pdf"
# Fake lines a newline in a name would add to the text report.
INJECTED = "错误（9）"
NEWLINE_NAME = f"a\n{INJECTED}\n  1. [FAKE] 伪造.pdf"
BAD_PDF = b"%PDF-1.4\n1 0 obj <<"  # truncated: unreadable, so it is named in findings


def _write_bytes_name(folder: Path, raw_name: bytes, data: bytes) -> None:
    fd = os.open(os.fsencode(folder) + b"/" + raw_name, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)


@pytest.fixture
def hostile_dossier(tmp_path: Path) -> Path:
    d = tmp_path / "dossier"
    d.mkdir()
    doc = docx.Document()
    doc.add_paragraph("山东省数字经济“晨星工厂”申报书")
    doc.save(d / "申报书.docx")
    _write_bytes_name(d, GBK_NAME.encode("gbk"), BAD_PDF)
    # Neither UTF-8 nor GB18030: shown with replacement characters.
    _write_bytes_name(d, b"scan\xff\xfe.pdf", BAD_PDF)
    (d / NEWLINE_NAME).write_bytes(BAD_PDF)
    (d / "evil\u202efdp.exe").write_bytes(BAD_PDF)
    names = os.listdir(d)
    assert any("\udcff" in n or "\udcfe" in n for n in names)  # the OS really gave escapes
    return d


def _check(dossier: Path, fmt: str, out: Path) -> int:
    return main(["check", str(dossier), "--program", "sd-chenxing-2022",
                 "--as-of", "2022-12-20", "--no-evidence", "--format", fmt,
                 "--output", str(out)])


def test_text_report_decodes_gbk_names_and_escapes_newlines(
        hostile_dossier: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.txt"
    assert _check(hostile_dossier, "text", out) == 0
    text = out.read_text(encoding="utf-8")  # strict: no surrogate reached the file
    assert f"  - {GBK_NAME}  [unreadable]" in text
    assert "scan\ufffd\ufffd.pdf" in text
    assert "a\\n错误（9）\\n  1. [FAKE] 伪造.pdf" in text
    assert "evil\\u202efdp.exe" in text and "\u202e" not in text
    for line in text.splitlines():
        assert not line.startswith(INJECTED) and not line.startswith("  1. [FAKE]"), line
    assert "报告已写入" in capsys.readouterr().err


def test_json_report_is_valid_utf8_with_decoded_names(hostile_dossier: Path,
                                                      tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    assert _check(hostile_dossier, "json", out) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    paths = {d["path"] for d in report["documents"]}
    # JSON keeps the real name (the newline is escaped by JSON itself); bytes are decoded.
    assert {GBK_NAME, "scan\ufffd\ufffd.pdf", NEWLINE_NAME} <= paths
    assert not any("\udc80" <= ch <= "\udcff" for p in paths for ch in p)
    assert report["dossier"] == "dossier"


def test_html_report_shows_escaped_names(hostile_dossier: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert _check(hostile_dossier, "html", out) == 0
    page = out.read_text(encoding="utf-8")
    # The document table's rows carry data-kind attributes; the name cell is what counts.
    assert re.search(f"<tr[^>]*><td>{re.escape(GBK_NAME)}</td>", page)
    assert re.search(r"<tr[^>]*><td>a\\n错误（9）\\n  1\. \[FAKE\] 伪造\.pdf</td>", page)
    assert NEWLINE_NAME not in page and "\u202e" not in page


def test_surrogates_in_the_dossier_name_and_output_path(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    root = os.fsencode(tmp_path)
    os.mkdir(root + b"/" + "材料".encode("gbk"))
    dossier = Path(os.fsdecode(root + b"/" + "材料".encode("gbk")))
    doc = docx.Document()
    doc.add_paragraph("山东省数字经济“晨星工厂”申报书")
    doc.save(dossier / "申报书.docx")
    out = Path(os.fsdecode(root + b"/" + "报告".encode("gbk") + b".txt"))
    assert _check(dossier, "text", out) == 0
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "材料核查报告  材料"
    err = capsys.readouterr().err
    assert "报告已写入" in err and "报告.txt" in err


def test_triage_workbook_takes_control_characters_and_undecodable_names(tmp_path: Path) -> None:
    gbk = os.fsdecode("营业执照".encode("gbk"))
    row = TriageRow(name=f"01\n{gbk}\x07", company="山东\x01测试有限公司", verdict="needs_fixes",
                    errors=1, warnings=0, infos=0,
                    top_issues=[f"文件“{gbk}.pdf”无法读取\x0b", "缺少附件"],
                    report_html=f"reports/01\n{gbk}.html")
    xlsx, csv_path = tmp_path / "triage.xlsx", tmp_path / "triage.csv"
    write_xlsx([row], xlsx)  # openpyxl raises IllegalCharacterError on raw \x01, \x07, \x0b
    write_csv([row], csv_path)
    ws = openpyxl.load_workbook(xlsx).active
    cells = [c.value for c in ws[2]]
    assert cells[0] == "01\\n营业执照\\x07"
    assert cells[1] == "山东\\x01测试有限公司"
    # A message that mixes text with an escaped name cannot be decoded as a whole (intake
    # decodes names before any message quotes them); here it must only be writable.
    assert cells[6].startswith("文件“") and cells[6].endswith("”无法读取\\x0b；缺少附件")
    assert not any("\udc80" <= ch <= "\udcff" for ch in cells[6])
    assert "\n" not in ws.cell(row=2, column=8).hyperlink.target
    csv_text = csv_path.read_text(encoding="utf-8-sig")
    assert "01\\n营业执照\\x07" in csv_text and "\udcd3" not in csv_text
