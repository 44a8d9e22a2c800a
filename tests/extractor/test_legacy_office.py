"""Legacy Office / WPS / OpenDocument / .pptx files read through LibreOffice headless.

Each source file is generated here (python-docx, openpyxl, a hand-written .odp), its
legacy twin is made with samples.variants.legacy at test time, and both are read with
extract_file: the twin must give the same text, cells, tick boxes and sheet values.
Tests that need LibreOffice are skipped only where it is absent and $CI is unset (CI
installs it with scripts/install.sh, so there a missing LibreOffice fails them)."""
from __future__ import annotations

import hashlib
import os
import random
import re
import tempfile
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import openpyxl
import pytest

from extractor import legacy_office
from extractor.base import ExtractContext
from extractor.registry import detect_format, extract_file
from extractor.soffice import DEFAULT_TIMEOUT_S, convert_timeout_s, find_soffice
from models import Document
from samples.variants import legacy
from tests.extractor.ole_fixtures import OLE, compound_file

needs_soffice = pytest.mark.skipif(
    find_soffice() is None and not os.environ.get("CI"),
    reason="LibreOffice (soffice) 未安装；CI 中由 scripts/install.sh 安装")

ENCRYPTED = "文件已加密（设置了打开密码），无法读取，请提交未加密的文件"


def _read(path: Path, rel: str | None = None) -> Document:
    return extract_file(path, rel or path.name, ExtractContext())


# ---------------------------------------------------------------- source files

def _form_docx(path: Path) -> Path:
    d = docx.Document()
    d.add_heading("一、企业基本信息", level=1)
    d.add_paragraph("本表由申报单位如实填写。")
    t = d.add_table(rows=3, cols=2)
    for r, (label, value) in enumerate([("企业名称", "山东晨星智能装备有限公司"),
                                        ("统一社会信用代码", "91370100MA3C5XYZ8K"),
                                        ("企业类型", "☑民营企业 □国有企业 □外资企业")]):
        t.cell(r, 0).text = label
        t.cell(r, 1).text = value
    d.add_heading("二、项目概况", level=2)
    d.add_paragraph("项目总投资 3200 万元，其中设备投资 2100 万元。")
    d.save(str(path))
    return path


def _sheet_xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "主要经济指标"
    ws.append(["指标", "2021年", "2022年"])
    ws.append(["营业收入（万元）", 15000.5, 18200])
    ws.append(["研发投入（万元）", 820, 960.25])
    ws.append(["研发投入占比", None, None])
    ws["B4"] = "=B3/B2"
    ws["C4"] = "=C3/C2"
    wb.save(path)
    return _with_cached_values(path, {"B4": 820 / 15000.5, "C4": 960.25 / 18200})


def _with_cached_values(path: Path, values: dict[str, float]) -> Path:
    """openpyxl writes formulas without results; Excel saves both. Put the results in,
    as Excel would, so the source and its twin are read the same way (cached values)."""
    with zipfile.ZipFile(path) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    xml = members["xl/worksheets/sheet1.xml"].decode("utf-8")
    for ref, value in values.items():
        xml, n = re.subn(rf'(<c r="{ref}"[^>]*>\s*<f>[^<]*</f>)\s*(<v\s*/>|<v></v>)?',
                         rf"\g<1><v>{value!r}</v>", xml)
        assert n == 1, ref
    members["xl/worksheets/sheet1.xml"] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


_ODP_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
           'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
           'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
           'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
           'office:version="1.3"')


def _slides_odp(path: Path, slides: list[list[str]]) -> Path:
    """A minimal OpenDocument presentation, one text box per slide (python-pptx is not a
    dependency; LibreOffice turns this into .ppt/.pptx)."""
    pages = "".join(
        f'<draw:page draw:name="p{i}" draw:master-page-name="Default"><draw:frame '
        f'svg:x="2cm" svg:y="2cm" svg:width="22cm" svg:height="10cm"><draw:text-box>'
        + "".join(f"<text:p>{escape(line)}</text:p>" for line in lines)
        + "</draw:text-box></draw:frame></draw:page>" for i, lines in enumerate(slides, 1))
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODP_NS}>'
               f"<office:body><office:presentation>{pages}</office:presentation>"
               "</office:body></office:document-content>")
    styles = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {_ODP_NS}>'
              '<office:automatic-styles><style:page-layout style:name="PM1">'
              '<style:page-layout-properties fo:page-width="28cm" fo:page-height="15.75cm"/>'
              "</style:page-layout></office:automatic-styles><office:master-styles>"
              '<style:master-page style:name="Default" style:page-layout-name="PM1"/>'
              "</office:master-styles></office:document-styles>")
    mime = "application/vnd.oasis.opendocument.presentation"
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
                '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mime}"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>")
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), mime)  # first and stored, as ODF requires
        zf.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        zf.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        zf.writestr("styles.xml", styles, zipfile.ZIP_DEFLATED)
    return path


SLIDES = [["智能制造项目汇报", "山东晨星智能装备有限公司"], ["设备清单", "五轴加工中心 12 台"]]


@pytest.fixture(scope="module")
def twins(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Sources and their twins, made once for the module (each LibreOffice run ~1 s)."""
    if find_soffice() is None and not os.environ.get("CI"):
        pytest.skip("LibreOffice (soffice) 未安装")
    root = tmp_path_factory.mktemp("legacy")
    src = root / "src"
    src.mkdir()
    out = root / "twins"
    form = _form_docx(src / "申报书.docx")
    sheet = _sheet_xlsx(src / "经济指标.xlsx")
    return {"docx": form, "xlsx": sheet, "doc": legacy.to_doc(form, out),
            "wps": legacy.to_wps(form, out), "xls": legacy.to_xls(sheet, out),
            "et": legacy.to_et(sheet, out)}


# ---------------------------------------------------------------- comparisons

def _text_blocks(doc: Document) -> list[tuple[str, str, int | None]]:
    return [(b.text, b.kind, b.level) for p in doc.pages for b in p.blocks if b.kind != "cell"]


def _cells(doc: Document) -> list[tuple[int, int, int, str]]:
    return [(t.index, c.row, c.col, c.text) for t in doc.tables for c in t.cells]


def _boxes(doc: Document) -> list[tuple[str, bool, int | None, int | None]]:
    return [(b.label, b.checked, b.row, b.col) for b in doc.checkboxes]


@needs_soffice
@pytest.mark.parametrize("twin,media_type", [("doc", "application/msword"),
                                             ("wps", "application/wps-office.wps")])
def test_word_twin_reads_like_the_docx(twins: dict[str, Path], twin: str,
                                       media_type: str) -> None:
    original = _read(twins["docx"])
    path = twins[twin]
    doc = _read(path, f"材料/{path.name}")
    assert doc.error is None
    assert _text_blocks(doc) == _text_blocks(original)
    assert ("一、企业基本信息", "heading", 1) in _text_blocks(doc)
    assert _cells(doc) == _cells(original)
    assert (0, 1, 1, "91370100MA3C5XYZ8K") in _cells(doc)
    assert _boxes(doc) == _boxes(original) == [
        ("民营企业", True, 2, 1), ("国有企业", False, 2, 1), ("外资企业", False, 2, 1)]
    # Identity and provenance are the submitted file's, not the converted copy's.
    assert doc.path == f"材料/{path.name}" and doc.media_type == media_type
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc.size == path.stat().st_size
    assert doc.metadata["converted_from"] == twin
    assert doc.metadata["converted_by"].startswith("LibreOffice ")
    assert 0 < float(doc.metadata["conversion_s"]) < DEFAULT_TIMEOUT_S
    assert [p.number for p in doc.pages] == [1]  # like the DOCX: no page numbers


@needs_soffice
@pytest.mark.parametrize("twin,media_type", [("xls", "application/vnd.ms-excel"),
                                             ("et", "application/wps-office.et")])
def test_excel_twin_reads_like_the_xlsx(twins: dict[str, Path], twin: str,
                                        media_type: str) -> None:
    original = _read(twins["xlsx"])
    doc = _read(twins[twin])
    assert doc.error is None and doc.media_type == media_type
    assert [t.name for t in doc.tables] == [t.name for t in original.tables] == ["主要经济指标"]
    assert [t.rows_text() for t in doc.tables] == [t.rows_text() for t in original.tables]
    rows = doc.tables[0].rows_text()
    assert rows[1] == ["营业收入（万元）", "15000.5", "18200"]
    # The formula's cached result survives (B3/B2), not the formula text.
    assert rows[3][0] == "研发投入占比" and rows[3][1].startswith("0.0546")
    assert doc.metadata["converted_from"] == twin


@needs_soffice
def test_kingsoft_suffix_does_not_change_the_reading(twins: dict[str, Path],
                                                     tmp_path: Path) -> None:
    """A .wps is read as Word by its content: the same bytes under a name with a newline
    and quotes, and under no suffix at all, read the same (the name never reaches the
    LibreOffice command line, and no suffix picks its import filter)."""
    wps = twins["wps"].read_bytes()
    names = ["申报书\n(终稿) '2' \"镕\".wps", "无后缀"]
    docs = []
    for name in names:
        (tmp_path / name).write_bytes(wps)
        docs.append(_read(tmp_path / name))
    assert all(d.error is None for d in docs)
    assert _cells(docs[0]) == _cells(docs[1]) == _cells(_read(twins["docx"]))
    assert [d.media_type for d in docs] == ["application/wps-office.wps", "application/msword"]


@needs_soffice
def test_opendocument_twins(twins: dict[str, Path]) -> None:
    out = twins["doc"].parent.parent / "odf"
    odt, ods = legacy.to_odt(twins["docx"], out), legacy.to_ods(twins["xlsx"], out)
    assert detect_format(odt) == detect_format(ods) == "odf"
    text, sheet = _read(odt), _read(ods)
    assert text.error is None and sheet.error is None
    assert _cells(text) == _cells(_read(twins["docx"]))
    assert text.media_type == "application/vnd.oasis.opendocument.text"
    assert [t.rows_text() for t in sheet.tables] == [
        t.rows_text() for t in _read(twins["xlsx"]).tables]
    assert sheet.metadata["converted_from"] == "ods"


@needs_soffice
def test_presentations_are_read_as_pdf_pages(tmp_path: Path) -> None:
    odp = _slides_odp(tmp_path / "汇报.odp", SLIDES)
    ppt, pptx = legacy.to_ppt(odp, tmp_path / "out"), legacy.to_pptx(odp, tmp_path / "out")
    assert detect_format(ppt) == "ole" and detect_format(pptx) == "pptx"
    for path, source, media_type in [
            (ppt, "ppt", "application/vnd.ms-powerpoint"),
            (pptx, "pptx",
             "application/vnd.openxmlformats-officedocument.presentationml.presentation")]:
        doc = _read(path)
        assert doc.error is None, doc.error
        assert [[b.text for b in p.blocks] for p in doc.pages] == SLIDES
        assert [p.number for p in doc.pages] == [1, 2]
        assert all(not p.ocr and p.width and p.height for p in doc.pages)
        assert doc.media_type == media_type and doc.metadata["converted_from"] == source


@needs_soffice
def test_rtf_named_doc_is_read_as_word(tmp_path: Path) -> None:
    rtf = tmp_path / "申报表模板.doc"
    # 申报书 as RTF unicode escapes, then a two-cell table row.
    rtf.write_bytes(rb"{\rtf1\ansi\deff0{\fonttbl{\f0 Arial;}}\f0\uc1 \u30003?\u25253?\u20070?"
                    rb"\par\trowd\cellx3000\cellx6000 \u20225?\u19994?\cell ABC\cell\row\par}")
    assert detect_format(rtf) == "rtf"
    doc = _read(rtf)
    assert doc.error is None and doc.media_type == "application/rtf"
    assert doc.pages[0].blocks[0].text == "申报书"
    assert doc.tables[0].rows_text() == [["企业", "ABC"]]


# ---------------------------------------------------------------- refusals

def _no_libreoffice(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Fail the test if a conversion is attempted."""
    calls: list[Path] = []

    def convert(src: Path, *args: object, **kwargs: object) -> None:
        calls.append(src)
        raise AssertionError("LibreOffice must not be started for this file")

    monkeypatch.setattr(legacy_office, "convert", convert)
    return calls


@needs_soffice
def test_encrypted_legacy_files_never_reach_libreoffice(
        twins: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = legacy.to_encrypted(twins["docx"], tmp_path, ".doc")
    xls = legacy.to_encrypted(twins["xlsx"], tmp_path, ".xls")
    calls = _no_libreoffice(monkeypatch)
    assert _read(doc).error == ENCRYPTED
    assert _read(xls).error == ENCRYPTED
    # The same file saved without a password is not taken for encrypted.
    assert detect_format(twins["doc"]) == "ole"
    from extractor.office_sniff import ole_kind
    assert ole_kind(twins["doc"]) == "doc" and ole_kind(twins["xls"]) == "xls"
    assert calls == []


def test_encrypted_ooxml_and_powerpoint_are_refused_without_libreoffice(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _no_libreoffice(monkeypatch)
    for name, streams in [("加密.docx", ("EncryptedPackage", "EncryptionInfo")),
                          ("加密.ppt", ("PowerPoint Document", "EncryptedSummary"))]:
        f = tmp_path / name
        f.write_bytes(compound_file(*streams))
        assert _read(f).error == ENCRYPTED
    assert calls == []


def test_corrupt_ole_is_refused_quickly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _no_libreoffice(monkeypatch)
    rng = random.Random(7)
    bad = tmp_path / "损坏.doc"
    bad.write_bytes(OLE + bytes(rng.randrange(256) for _ in range(20000)))
    truncated = tmp_path / "截断.doc"
    truncated.write_bytes(compound_file("WordDocument", "1Table")[:900])
    t0 = time.perf_counter()
    for f in (bad, truncated):
        assert _read(f).error == "文件已损坏（Office 文件结构无效），无法读取"
    assert time.perf_counter() - t0 < 2.0
    assert calls == []


@needs_soffice
def test_garbage_word_stream_is_not_an_empty_document(twins: dict[str, Path],
                                                      tmp_path: Path) -> None:
    """LibreOffice turns a .doc whose text stream is garbage into an empty document; that
    must be reported, not passed on as a file with nothing in it."""
    data = bytearray(twins["doc"].read_bytes())
    fib = data.find(b"\xec\xa5")  # the Word stream's first bytes (FIB ident 0xA5EC)
    assert fib > 0
    rng = random.Random(3)
    data[fib + 12:fib + 3000] = bytes(rng.randrange(256) for _ in range(2988))
    bad = tmp_path / "乱码.doc"
    bad.write_bytes(bytes(data))
    reason = _read(bad).error or ""
    assert reason.startswith("旧版 Word 文件转换") and "请另存为 .docx 或 PDF 后提交" in reason


def _processes_mentioning(text: str) -> list[str]:
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(
                    "utf-8", "replace")
            except OSError:
                continue
            if text in cmdline:
                found.append(f"{proc.name}: {cmdline}")
    return found


@needs_soffice
def test_timeout_kills_libreoffice_and_cleans_up(twins: dict[str, Path], tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    # Long enough for soffice.bin to be running, far too short to convert.
    monkeypatch.setenv("DOSSIER_CONVERT_TIMEOUT_S", "0.3")
    t0 = time.perf_counter()
    doc = _read(twins["doc"])
    assert time.perf_counter() - t0 < 10
    assert doc.error == ("旧版 Word 文件转换超时（超过 0.3 秒），文件可能过大或已损坏，"
                         "请另存为 .docx 或 PDF 后提交")
    assert list(private_tmp.iterdir()) == []  # profile, copy and output all removed
    assert _processes_mentioning(str(private_tmp)) == []


def test_timeout_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DOSSIER_CONVERT_TIMEOUT_S", raising=False)
    assert convert_timeout_s() == DEFAULT_TIMEOUT_S == 60
    for raw, expected in [("2.5", 2.5), ("0", 60), ("-3", 60), ("soon", 60)]:
        monkeypatch.setenv("DOSSIER_CONVERT_TIMEOUT_S", raw)
        assert convert_timeout_s() == expected


@pytest.mark.parametrize("streams,name,reason", [
    (("WordDocument", "1Table"), "申报书.doc",
     "不支持旧版 .doc 格式：服务器未安装 LibreOffice（Debian: libreoffice-writer-nogui），"
     "请另存为 .docx 或 PDF 后提交"),
    (("Workbook",), "财务.et",
     "不支持 WPS 表格 .et 格式：服务器未安装 LibreOffice（Debian: libreoffice-calc-nogui），"
     "请另存为 .xlsx 或 PDF 后提交"),
    (("PowerPoint Document", "Current User"), "汇报.ppt",
     "不支持 PowerPoint .ppt 格式：服务器未安装 LibreOffice（Debian: "
     "libreoffice-impress-nogui），请另存为 PDF 后提交"),
])
def test_without_libreoffice_the_reason_names_what_to_install(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, streams: tuple[str, ...], name: str,
        reason: str) -> None:
    f = tmp_path / name
    f.write_bytes(compound_file(*streams))
    monkeypatch.setenv("DOSSIER_SOFFICE", str(tmp_path / "no-such-soffice"))
    assert _read(f).error == reason
    # Nothing on PATH either.
    monkeypatch.delenv("DOSSIER_SOFFICE")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert _read(f).error == reason


def test_missing_impress_module_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Debian ships Writer, Calc and Impress as separate packages: a LibreOffice without
    Impress cannot import a .ppt, and the reason says which package is missing."""
    install = tmp_path / "libreoffice"
    (install / "program").mkdir(parents=True)
    (install / "share" / "registry").mkdir(parents=True)
    for xcd in ("main.xcd", "writer.xcd", "calc.xcd"):
        (install / "share" / "registry" / xcd).write_text("<x/>")
    exe = install / "program" / "soffice"
    exe.write_text("#!/bin/sh\nexit 1\n")
    exe.chmod(0o755)
    monkeypatch.setenv("DOSSIER_SOFFICE", str(exe))
    _no_libreoffice(monkeypatch)
    f = tmp_path / "汇报.ppt"
    f.write_bytes(compound_file("PowerPoint Document"))
    assert "libreoffice-impress-nogui" in (_read(f).error or "")
    assert "缺少" in (_read(f).error or "")


def test_odf_of_another_kind_and_encrypted_odf(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _no_libreoffice(monkeypatch)
    drawing = tmp_path / "图.odg"
    with zipfile.ZipFile(drawing, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.graphics")
        zf.writestr("content.xml", "<x/>")
    assert "OpenDocument" in (_read(drawing).error or "")
    locked = tmp_path / "加密.odt"
    with zipfile.ZipFile(locked, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        zf.writestr("META-INF/manifest.xml",
                    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:'
                    'xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml">'
                    "<manifest:encryption-data/></manifest:file-entry></manifest:manifest>")
        zf.writestr("content.xml", os.urandom(64))
    assert _read(locked).error == ENCRYPTED
    assert calls == []
