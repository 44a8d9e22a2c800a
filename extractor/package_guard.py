"""Inflated-size guard for every ZIP-based document (Word, Excel, PowerPoint, OpenDocument,
OFD), run once by :mod:`extractor.registry` before any parser opens the package.

python-docx, openpyxl, lxml and the OFD reader hold whole XML parts in memory and then
build trees of them; a 1 MB .docx whose document.xml inflates to 200 MB keeps a check busy
for minutes and gigabytes. The declared sizes in the ZIP directory are only an early
refusal (they can lie); the limit is enforced by actually inflating every member as a
stream, chunk by chunk, stopping as soon as a part is over ``Limits.max_xml_bytes`` (XML
parts, recognised by name or by their first bytes) or the package over
``Limits.max_package_bytes`` (all parts). Nothing inflated is kept.

Damaged or encrypted packages are left alone here: the format's extractor words those.
"""
from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from extractor.base import UnreadableFileError
from models.limits import Limits

ZIP_KINDS = frozenset({"docx", "xlsx", "pptx", "odf", "ofd"})
_CHUNK = 1 << 20
_XML_SUFFIXES = (".xml", ".rels", ".vml", ".xsd")
_ENCRYPTED = 0x1


def too_large_reason(limit: int) -> str:
    return f"文件内容解压后过大（超过 {limit / (1 << 20):g} MB），可能是恶意构造的文件，未读取"


def _looks_xml(name: str, first: bytes) -> bool:
    if name.lower().endswith(_XML_SUFFIXES):
        return True
    head = first.lstrip(b"\xef\xbb\xbf\xff\xfe\r\n\t ")[:1]
    return head == b"<" or first[:2] in (b"\xff\xfe", b"\xfe\xff")


def check_inflated_sizes(path: Path, limits: Limits) -> None:
    """Raise :class:`UnreadableFileError` when a part or the whole package inflates past
    its limit. Returns quietly for a package it cannot read (the extractor says why)."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return
    with zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        # Early refusal from the directory's own figures (cheap, never the only check).
        declared = 0
        for info in infos:
            declared += info.file_size
            if declared > limits.max_package_bytes:
                raise UnreadableFileError(too_large_reason(limits.max_package_bytes),
                                          f"declared {declared} bytes")
            if info.file_size > limits.max_xml_bytes and info.filename.lower().endswith(
                    _XML_SUFFIXES):
                raise UnreadableFileError(too_large_reason(limits.max_xml_bytes),
                                          f"{info.filename}: declared {info.file_size} bytes")
        total = 0
        for info in infos:
            if info.flag_bits & _ENCRYPTED:
                return
            try:
                total = _stream(zf, info, total, limits)
            except UnreadableFileError:
                raise
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError,
                    ValueError, NotImplementedError):
                return  # damaged: the extractor reports it in its own words


def _stream(zf: zipfile.ZipFile, info: zipfile.ZipInfo, total: int, limits: Limits) -> int:
    size = 0
    is_xml: bool | None = None
    with zf.open(info) as src:
        while True:
            chunk = src.read(_CHUNK)
            if not chunk:
                return total
            if is_xml is None:
                is_xml = _looks_xml(info.filename, chunk[:64])
            size += len(chunk)
            total += len(chunk)
            if is_xml and size > limits.max_xml_bytes:
                raise UnreadableFileError(too_large_reason(limits.max_xml_bytes),
                                          f"{info.filename}: over {size} bytes inflated")
            if total > limits.max_package_bytes:
                raise UnreadableFileError(too_large_reason(limits.max_package_bytes),
                                          f"package over {total} bytes inflated")
