"""What is inside a ZIP or OLE container, judged by content rather than file name.

A .docx, .xlsx, .ofd and a dossier .zip all start with ``PK``; a legacy .doc, .xls and a
password-protected .docx all start with the OLE signature. Intake (is this an archive to
unpack?), the registry (which extractor?) and the OOXML extractors (is this package safe
to load?) all need the same answers, so they live here.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Literal

from extractor.base import UnreadableFileError

ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

PackageKind = Literal["docx", "xlsx", "pptx", "ooxml", "odf", "ofd", "zip", "bad"]
OleKind = Literal["doc", "xls", "ppt", "encrypted", "ole"]

# The main part's content type names the application; other parts (an embedded chart's
# workbook inside a .docx, say) must not decide it.
_MAIN_PART = re.compile(
    rb'ContentType="application/vnd\.(?:openxmlformats-officedocument\.)?'
    rb'(wordprocessingml|ms-word|spreadsheetml|ms-excel|presentationml|ms-powerpoint)'
    rb'[\w.\-]*\.main(?:\+xml)?"')
_MAIN_KIND: dict[bytes, PackageKind] = {
    b"wordprocessingml": "docx", b"ms-word": "docx",
    b"spreadsheetml": "xlsx", b"ms-excel": "xlsx",
    b"presentationml": "pptx", b"ms-powerpoint": "pptx",
}
_MAIN_PART_NAMES: dict[str, PackageKind] = {
    "word/document.xml": "docx", "xl/workbook.xml": "xlsx", "ppt/presentation.xml": "pptx",
}
_MAX_CONTENT_TYPES = 4 << 20

# Loading an OOXML package reads whole parts into memory; zipfile never yields more than
# a member's declared size, so checking declared sizes bounds what a parser can be fed.
MAX_PACKAGE_BYTES = 512 << 20
MAX_PACKAGE_RATIO = 500
_RATIO_GRACE = 10 << 20


def is_zip_head(head: bytes) -> bool:
    return head[:4] in ZIP_MAGICS


def package_kind(path: Path) -> PackageKind:
    """Classify a ZIP-based file: an Office package, OpenDocument, OFD, or a plain ZIP."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = {i.filename: i for i in zf.infolist()}
            ct = infos.get("[Content_Types].xml")
            if ct is not None:
                data = zf.read(ct) if ct.file_size <= _MAX_CONTENT_TYPES else b""
                m = _MAIN_PART.search(data)
                if m:
                    return _MAIN_KIND[m.group(1)]
                for name, kind in _MAIN_PART_NAMES.items():
                    if name in infos:
                        return kind
                return "ooxml"
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError,
            NotImplementedError, RuntimeError):
        return "bad"
    if "mimetype" in infos:
        return "odf"
    if any(n.lower() == "ofd.xml" for n in infos):
        return "ofd"
    return "zip"


def check_package(path: Path) -> None:
    """Refuse OOXML packages whose declared contents are implausibly large."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as e:
        raise UnreadableFileError("文件已损坏，无法打开", type(e).__name__) from e
    total = 0
    for info in infos:
        total += info.file_size
        if (info.file_size > _RATIO_GRACE
                and info.file_size > MAX_PACKAGE_RATIO * max(info.compress_size, 1)):
            raise UnreadableFileError("文件解压后体积异常（疑似压缩炸弹），已拒绝读取",
                                      info.filename)
        if info.flag_bits & 0x1:
            raise UnreadableFileError("文件已加密（设置了打开密码），无法读取，请提交未加密的文件")
    if total > MAX_PACKAGE_BYTES:
        raise UnreadableFileError("文件解压后体积异常（疑似压缩炸弹），已拒绝读取",
                                  f"{total} bytes")


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def ole_kind(path: Path) -> OleKind:
    """Which legacy application wrote an OLE compound file.

    The directory entries hold stream names in UTF-16; scanning the bytes for them is
    enough to tell Word, Excel, PowerPoint and an encrypted OOXML package apart."""
    with path.open("rb") as f:
        data = f.read(64 << 20)
    if _utf16("EncryptedPackage") in data:
        return "encrypted"
    if _utf16("WordDocument") in data:
        return "doc"
    if _utf16("Workbook") in data or _utf16("Book\x00") in data:
        return "xls"
    if _utf16("PowerPoint Document") in data:
        return "ppt"
    return "ole"


OLE_REASONS: dict[OleKind, str] = {
    "doc": "不支持旧版 .doc 格式，请另存为 .docx 或 PDF",
    "xls": "不支持旧版 .xls 格式，请另存为 .xlsx 或 PDF",
    "ppt": "不支持 PowerPoint 演示文稿，请另存为 PDF",
    "encrypted": "文件已加密（设置了打开密码），无法读取，请提交未加密的文件",
    "ole": "不支持的旧版 Office 文件格式，请另存为 .docx、.xlsx 或 PDF",
}


def raise_for_ole(path: Path) -> None:
    raise UnreadableFileError(OLE_REASONS[ole_kind(path)])
