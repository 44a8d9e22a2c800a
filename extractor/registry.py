"""One entry point for every file: sniff the format from its bytes, hand the file to the
extractor for that format, and always return a Document (with ``error`` set when the
file could not be read) so one bad file never stops a dossier check."""
from __future__ import annotations

import dataclasses
import importlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from extractor.base import ExtractContext, FormatExtractor, UnreadableFileError, new_document
from extractor.budget import apply_pillow_limit, cap_text
from extractor.package_guard import ZIP_KINDS, check_inflated_sizes
from extractor.office_sniff import OLE_MAGIC, is_zip_head, package_kind
from models import Document

log = logging.getLogger(__name__)

_HEAD_BYTES = 8192

MEDIA_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "jpeg": "image/jpeg", "png": "image/png", "bmp": "image/bmp", "tiff": "image/tiff",
    "gif": "image/gif", "webp": "image/webp", "heic": "image/heic",
    "ole": "application/x-ole-storage", "rtf": "application/rtf",
    "zip": "application/zip", "badzip": "application/zip",
    "odf": "application/vnd.oasis.opendocument", "ofd": "application/ofd",
    "rar": "application/vnd.rar", "7z": "application/x-7z-compressed",
    "ooxml": "application/octet-stream", "unknown": "application/octet-stream",
}
IMAGE_KINDS = frozenset({"jpeg", "png", "bmp", "tiff", "gif", "webp", "heic"})

# Suffixes consulted only when the bytes say nothing definite.
_SUFFIX_KINDS: dict[str, str] = {
    ".pdf": "pdf", ".docx": "docx", ".docm": "docx", ".dotx": "docx",
    ".xlsx": "xlsx", ".xlsm": "xlsx", ".xltx": "xlsx",
    ".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".bmp": "bmp",
    ".tif": "tiff", ".tiff": "tiff", ".heic": "heic", ".heif": "heic",
}

# Legacy Office, WPS, .pptx, OpenDocument and RTF are read through LibreOffice
# (extractor.legacy_office), which words its own refusals (encrypted, not installed ...).
_UNSUPPORTED: dict[str, str] = {
    "ooxml": "无法识别的文件格式",
    "rar": "不支持 RAR 压缩包，请解压后提交或改用 ZIP 格式",
    "7z": "不支持 7z 压缩包，请解压后提交或改用 ZIP 格式",
    "zip": "文件是压缩包，未能作为申报材料读取，请解压后提交",
    "badzip": "文件已损坏（ZIP 结构无效），无法读取",
}
_UNKNOWN = "无法识别的文件格式"
_EMPTY = "文件为空（0 字节）"


def detect_format(path: Path, head: bytes | None = None) -> str:
    """The file's format from its content; the suffix only breaks ties."""
    if head is None:
        with path.open("rb") as f:
            head = f.read(_HEAD_BYTES)
    suffix = path.suffix.lower()
    # PDF allows junk before the header; readers accept it within the first 1 KiB.
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if is_zip_head(head):
        kind = package_kind(path)
        if kind == "bad":
            # A damaged package: let the Word/Excel extractor word the error when the
            # name says that is what it was meant to be.
            by_suffix = _SUFFIX_KINDS.get(suffix)
            return by_suffix if by_suffix in ("docx", "xlsx") else "badzip"
        return kind
    if head[:8] == OLE_MAGIC:
        return "ole"
    if head[:3] == b"\xff\xd8\xff":
        return "jpeg"
    if head[:8] == b"\x89PNG\r\n\x1a\n":
        return "png"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    # iPhone photos: an ISO-BMFF "ftyp" box naming an HEIF/HEVC brand.
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"hevc"):
        return "heic"
    # "BM" alone is weak evidence (a text file may start with it): also require the
    # reserved header words to be zero, or the suffix to agree.
    if head[:2] == b"BM" and len(head) >= 14 and (head[6:10] == b"\0\0\0\0" or suffix == ".bmp"):
        return "bmp"
    if head[:6] == b"Rar!\x1a\x07":
        return "rar"
    if head[:6] == b"7z\xbc\xaf\x27\x1c":
        return "7z"
    # Word's "save as RTF" (and many downloaded form templates named .doc) is RTF.
    if head[:5] == b"{\\rtf":
        return "rtf"
    return _SUFFIX_KINDS.get(suffix, "unknown")


@dataclass
class _Entry:
    kinds: frozenset[str]
    load: Callable[[], FormatExtractor]
    label: str
    instance: FormatExtractor | None = None

    def get(self) -> FormatExtractor:
        if self.instance is None:
            self.instance = self.load()
        return self.instance


def _lazy(module: str, cls: str) -> Callable[[], FormatExtractor]:
    def load() -> FormatExtractor:
        return getattr(importlib.import_module(module), cls)()
    return load


_BUILTINS: list[_Entry] = [
    _Entry(frozenset({"docx"}), _lazy("extractor.docx_extractor", "DocxExtractor"), "Word"),
    _Entry(frozenset({"xlsx"}), _lazy("extractor.xlsx_extractor", "XlsxExtractor"), "Excel"),
    _Entry(frozenset({"pdf"}), _lazy("extractor.pdf_extractor", "PdfExtractor"), "PDF"),
    _Entry(IMAGE_KINDS, _lazy("extractor.image_extractor", "ImageExtractor"), "图片"),
    _Entry(frozenset({"ofd"}), _lazy("extractor.ofd_extractor", "OfdExtractor"), "OFD"),
    _Entry(frozenset({"ole", "pptx", "odf", "rtf"}),
           _lazy("extractor.legacy_office", "LegacyOfficeExtractor"), "旧版 Office"),
]
# Extractors registered at run time: with kinds they take those formats over from the
# built-ins; without, they are asked through sniff() before the built-ins.
_PLUGINS: list[_Entry] = []


def register(extractor: FormatExtractor, kinds: Iterable[str] | None = None) -> None:
    """Plug in an extractor. ``kinds`` are :func:`detect_format` names ("pdf", "ofd",
    "png" ...) it handles; without them it is chosen when its ``sniff`` says yes."""
    entry = _Entry(frozenset(kinds or ()), lambda: extractor, extractor.name, extractor)
    _PLUGINS.insert(0, entry)


def unregister(extractor: FormatExtractor) -> None:
    _PLUGINS[:] = [e for e in _PLUGINS if e.instance is not extractor]


def _choose(kind: str, head: bytes, suffix: str) -> _Entry | None:
    for entry in _PLUGINS:
        if kind in entry.kinds:
            return entry
    for entry in _PLUGINS:
        if not entry.kinds and entry.get().sniff(head, suffix):
            return entry
    for entry in _BUILTINS:
        if kind in entry.kinds:
            return entry
    return None


def _error_document(disk_path: Path, rel_path: str, kind: str, reason: str) -> Document:
    doc = new_document(disk_path, rel_path, MEDIA_TYPES.get(kind, MEDIA_TYPES["unknown"]))
    doc.error = reason
    return doc


def extract_file(disk_path: Path, rel_path: str, ctx: ExtractContext) -> Document:
    """Read one file into a Document; never raises for anything about the file.

    Resource limits (``ctx.limits``) decided here for every format: ZIP-based packages
    are refused when they inflate past their limits (before any parser sees them), the
    file gets its own deadline (``document_seconds``, never later than the dossier's),
    and the document's text is cut to ``max_text_chars``."""
    disk_path = Path(disk_path)
    # Same stats, OCR budget and run-level hits: only the deadline is this file's own.
    ctx = dataclasses.replace(ctx, deadline=ctx.deadline.sooner(ctx.limits.document_seconds))
    apply_pillow_limit(ctx.limits.max_image_pixels)
    try:
        with disk_path.open("rb") as f:
            head = f.read(_HEAD_BYTES)
    except OSError as e:
        log.warning("cannot open %s: %s", rel_path, e)
        return Document(path=rel_path, sha256="", media_type=MEDIA_TYPES["unknown"],
                        error=f"读取文件时出错：{type(e).__name__}")
    try:
        if not head:
            return _error_document(disk_path, rel_path, "unknown", _EMPTY)
        kind = detect_format(disk_path, head)
        entry = _choose(kind, head, disk_path.suffix.lower())
        if entry is None:
            reason = _UNSUPPORTED.get(kind, _UNKNOWN)
            return _error_document(disk_path, rel_path, kind, reason)
        if kind in ZIP_KINDS:
            check_inflated_sizes(disk_path, ctx.limits)
        try:
            extractor = entry.get()
        except Exception:  # the module is missing or broken: that format is unsupported
            log.exception("extractor for %s unavailable", kind)
            return _error_document(disk_path, rel_path, kind,
                                   f"暂不支持读取该格式（{entry.label}读取组件不可用）")
        doc = extractor.extract(disk_path, rel_path, ctx)
        if ctx.page_finisher is None or not ctx.page_finisher.owns(doc):
            cap_text(doc, ctx.limits)  # else once its pages are settled (extract_dossier)
        return _complete(doc, disk_path, rel_path)
    except UnreadableFileError as e:
        return _error_document(disk_path, rel_path, _safe_kind(disk_path, head), e.reason)
    except Exception as e:  # noqa: BLE001 - one file must never stop the dossier
        log.exception("extracting %s failed", rel_path)
        return _error_document(disk_path, rel_path, _safe_kind(disk_path, head),
                               f"读取文件时出错：{type(e).__name__}")


def _safe_kind(path: Path, head: bytes) -> str:
    try:
        return detect_format(path, head)
    except Exception:  # noqa: BLE001
        return "unknown"


def _complete(doc: Document, disk_path: Path, rel_path: str) -> Document:
    """Extractors written elsewhere may leave identity fields blank; fill them here."""
    if doc.path != rel_path:
        doc.path = rel_path
    if not doc.sha256 or not doc.size:
        ref = new_document(disk_path, rel_path, doc.media_type)
        doc.sha256 = doc.sha256 or ref.sha256
        doc.size = doc.size or ref.size
    return doc
