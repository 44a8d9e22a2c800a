"""extract_file: content sniffing, dispatch, and errors turned into Document.error."""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import docx
import openpyxl
import pytest

from extractor import registry
from extractor.base import ExtractContext, UnreadableFileError, new_document
from extractor.registry import detect_format, extract_file, register, unregister
from models import Document, Page, Block
from tests.extractor.ole_fixtures import OLE, compound_file


def _ctx() -> ExtractContext:
    return ExtractContext()


def _docx(path: Path, text: str = "申报书正文") -> Path:
    d = docx.Document()
    d.add_paragraph(text)
    d.save(str(path))
    return path


def _xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "营业收入"
    wb.active["B1"] = 1500.5
    wb.save(path)
    return path


def test_dispatch_by_content_not_name(tmp_path: Path) -> None:
    word = _docx(tmp_path / "00001.bin")
    excel = _xlsx(tmp_path / "renamed.docx")  # the suffix lies; the bytes win
    d = extract_file(word, "材料/申报书.docx", _ctx())
    assert d.error is None and d.path == "材料/申报书.docx"
    assert d.media_type == registry.MEDIA_TYPES["docx"]
    assert d.pages[0].blocks[0].text == "申报书正文"
    assert d.sha256 == hashlib.sha256(word.read_bytes()).hexdigest()
    assert d.size == word.stat().st_size
    x = extract_file(excel, "renamed.docx", _ctx())
    assert x.error is None and x.media_type == registry.MEDIA_TYPES["xlsx"]
    assert x.tables[0].rows_text() == [["营业收入", "1500.5"]]


def test_empty_file(tmp_path: Path) -> None:
    f = tmp_path / "空.pdf"
    f.write_bytes(b"")
    d = extract_file(f, "空.pdf", _ctx())
    assert d.error == "文件为空（0 字节）"
    assert d.size == 0 and d.sha256 == hashlib.sha256(b"").hexdigest()


def test_unknown_format(tmp_path: Path) -> None:
    f = tmp_path / "说明.txt"
    f.write_text("纯文本说明", encoding="utf-8")
    d = extract_file(f, "说明.txt", _ctx())
    assert d.error == "无法识别的文件格式"
    assert d.size == f.stat().st_size and len(d.sha256) == 64


def test_legacy_and_encrypted_office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Legacy Office goes to LibreOffice (tests/extractor/test_legacy_office.py); without it
    # the reason names what to install.
    monkeypatch.setenv("DOSSIER_SOFFICE", str(tmp_path / "no-soffice"))
    doc = tmp_path / "旧版.doc"
    doc.write_bytes(compound_file("WordDocument", "1Table"))
    assert extract_file(doc, "旧版.doc", _ctx()).error == (
        "不支持旧版 .doc 格式：服务器未安装 LibreOffice（Debian: libreoffice-writer-nogui），"
        "请另存为 .docx 或 PDF 后提交")
    enc = tmp_path / "加密.docx"
    enc.write_bytes(compound_file("EncryptedPackage", "EncryptionInfo"))
    assert "已加密" in (extract_file(enc, "加密.docx", _ctx()).error or "")
    # The signature followed by nothing a compound file holds: damaged, said at once.
    fake = tmp_path / "伪造.doc"
    fake.write_bytes(OLE + b"\0" * 504 + "Word".encode("utf-16-le") + b"\0" * 100)
    assert extract_file(fake, "伪造.doc", _ctx()).error == "文件已损坏（Office 文件结构无效），无法读取"


def test_corrupt_docx_reports_word_reason(tmp_path: Path) -> None:
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"PK\x03\x04" + b"\x07junk" * 30)
    d = extract_file(bad, "坏.docx", _ctx())
    assert d.error == "文件已损坏或不是有效的 Word 文档"
    assert d.media_type == registry.MEDIA_TYPES["docx"]


def test_unsupported_containers(tmp_path: Path) -> None:
    rar = tmp_path / "材料.rar"
    rar.write_bytes(b"Rar!\x1a\x07\x01\x00" + b"\0" * 20)
    assert "RAR" in (extract_file(rar, "材料.rar", _ctx()).error or "")


class _Boom:
    name = "boom"
    media_type = "application/x-boom"

    def sniff(self, head: bytes, suffix: str) -> bool:
        return head.startswith(b"BOOM")

    def extract(self, path: Path, rel_path: str, ctx: ExtractContext) -> Document:
        raise RuntimeError("internal failure")


class _Refuses(_Boom):
    name = "refuses"

    def extract(self, path: Path, rel_path: str, ctx: ExtractContext) -> Document:
        raise UnreadableFileError("文件已加密，无法读取")


class _FakePdf:
    name = "fake_pdf"
    media_type = "application/pdf"

    def sniff(self, head: bytes, suffix: str) -> bool:
        return head.startswith(b"%PDF")

    def extract(self, path: Path, rel_path: str, ctx: ExtractContext) -> Document:
        # Deliberately leaves sha256/size blank: the registry fills them.
        return Document(path="whatever", sha256="", media_type=self.media_type,
                        pages=[Page(number=1, blocks=[Block(text="pdf 文本")])])


def test_exceptions_never_propagate(tmp_path: Path) -> None:
    f = tmp_path / "x.boom"
    f.write_bytes(b"BOOM payload")
    boom = _Boom()
    register(boom)
    try:
        d = extract_file(f, "x.boom", _ctx())
    finally:
        unregister(boom)
    assert d.error == "读取文件时出错：RuntimeError"
    assert len(d.sha256) == 64
    refuses = _Refuses()
    register(refuses)
    try:
        assert extract_file(f, "x.boom", _ctx()).error == "文件已加密，无法读取"
    finally:
        unregister(refuses)
    # Unregistered again: back to unknown.
    assert extract_file(f, "x.boom", _ctx()).error == "无法识别的文件格式"


def test_registered_kind_overrides_builtin_and_identity_is_filled(tmp_path: Path) -> None:
    f = tmp_path / "a.pdf"
    f.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    fake = _FakePdf()
    register(fake, kinds=["pdf"])
    try:
        d = extract_file(f, "证书/a.pdf", _ctx())
    finally:
        unregister(fake)
    assert d.error is None and d.path == "证书/a.pdf" and d.text == "pdf 文本"
    assert d.sha256 == hashlib.sha256(f.read_bytes()).hexdigest() and d.size == f.stat().st_size


def test_missing_pdf_module_is_unsupported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = next(e for e in registry._BUILTINS if "pdf" in e.kinds)
    monkeypatch.setattr(entry, "instance", None)
    monkeypatch.setitem(sys.modules, "extractor.pdf_extractor", None)  # import fails
    f = tmp_path / "a.pdf"
    f.write_bytes(b"%PDF-1.4\n")
    d = extract_file(f, "a.pdf", _ctx())
    assert d.error == "暂不支持读取该格式（PDF读取组件不可用）"
    assert d.media_type == "application/pdf"


@pytest.mark.parametrize("head,name,kind", [
    (b"%PDF-1.7\n", "x.bin", "pdf"),
    (b"\xef\xbb\xbfjunk %PDF-1.4\n", "x.pdf", "pdf"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "x.png", "jpeg"),
    (b"\x89PNG\r\n\x1a\n\0\0", "x", "png"),
    (b"BM\x36\x00\x0c\x00\x00\x00\x00\x00\x36\x00\x00\x00", "scan", "bmp"),
    (b"BMW is a car brand, not a bitmap", "note.txt", "unknown"),
    (b"II*\x00\x08\x00\x00\x00", "x", "tiff"),
    (b"MM\x00*\x00\x00\x00\x08", "x", "tiff"),
    (OLE + b"\0" * 8, "x.doc", "ole"),
    (b"Rar!\x1a\x07\x00", "x", "rar"),
    (b"plain text", "x.docx", "docx"),  # only the suffix speaks: tie-break
    (b"plain text", "x.txt", "unknown"),
])
def test_detect_format(tmp_path: Path, head: bytes, name: str, kind: str) -> None:
    f = tmp_path / name
    f.write_bytes(head)
    assert detect_format(f) == kind


def test_new_document_is_used_for_errors(tmp_path: Path) -> None:
    f = tmp_path / "x.txt"
    f.write_bytes(b"abc")
    assert extract_file(f, "x.txt", _ctx()).sha256 == new_document(f, "x.txt", "t").sha256


def test_iphone_heic_photo_is_an_image(tmp_path: Path) -> None:
    import pillow_heif
    from PIL import Image as PILImage

    pillow_heif.register_heif_opener()
    path = tmp_path / "IMG_0931.HEIC"
    PILImage.new("RGB", (320, 240), "white").save(path, format="HEIF")
    assert detect_format(path) == "heic"
    doc = extract_file(path, path.name, ExtractContext())
    assert doc.error is None and doc.media_type == "image/heic"
    assert [(p.width, p.height) for p in doc.pages] == [(320.0, 240.0)]
