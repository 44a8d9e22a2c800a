"""Legacy Office, Kingsoft WPS, PowerPoint and OpenDocument files → Document, by
converting them with LibreOffice headless and reading the result with the extractor that
already exists for it: Word-like (.doc/.wps/.odt) → .docx → DocxExtractor, Excel-like
(.xls/.et/.ods) → .xlsx → XlsxExtractor, presentations (.ppt/.dps/.pptx/.odp) → PDF →
PdfExtractor. RTF (often a "Word" form template named .doc) goes the Word way.

What a file is comes from its content (OLE streams, the ODF ``mimetype`` member, the OOXML
main part), never from its name: the file is copied under a neutral name whose suffix
matches that content, so LibreOffice picks the right import filter (a Kingsoft .wps is a
Word binary, not an MS-Works file) and the applicant's file name never reaches a command
line. The suffix only tells a Kingsoft file from its Microsoft twin, for the media type.
"""
from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

from extractor.base import ExtractContext, FormatExtractor, UnreadableFileError, sha256_file
from extractor.office_sniff import (
    OLE_MAGIC,
    OLE_REASONS,
    check_package,
    is_zip_head,
    odf_kind,
    ole_kind,
    package_kind,
)
from extractor.soffice import (
    ConversionFailed,
    ConversionTimeout,
    SofficeMissing,
    convert,
    find_soffice,
    has_module,
    private_workdir,
)
from models import Document

log = logging.getLogger(__name__)

# A converted file is read whole by python-docx/openpyxl/pdfium; one this large means the
# source was a bomb or a conversion gone wrong.
MAX_CONVERTED_BYTES = 256 << 20

_WORD, _EXCEL, _SLIDES = "docx", "xlsx", "pdf"


@dataclass(frozen=True)
class _Target:
    convert_to: str      # LibreOffice --convert-to argument
    module: str          # the LibreOffice module that imports the source
    debian: str          # the Debian package that provides it
    save_as: str         # what the applicant should send instead


_TARGETS: dict[str, _Target] = {
    _WORD: _Target("docx:MS Word 2007 XML", "writer", "libreoffice-writer-nogui",
                   "请另存为 .docx 或 PDF 后提交"),
    _EXCEL: _Target("xlsx:Calc MS Excel 2007 XML", "calc", "libreoffice-calc-nogui",
                    "请另存为 .xlsx 或 PDF 后提交"),
    _SLIDES: _Target("pdf:impress_pdf_Export", "impress", "libreoffice-impress-nogui",
                     "请另存为 PDF 后提交"),
}


@dataclass(frozen=True)
class Route:
    """How one detected format is read."""

    source: str        # what it is converted from: doc, wps, xls, et, ppt, dps, pptx, od?
    in_suffix: str     # the suffix LibreOffice sees, matching the content
    target: str        # docx, xlsx or pdf
    fmt: str           # the format as the applicant knows it: 旧版 .doc
    label: str         # the file in the reviewer's words: 旧版 Word 文件
    media_type: str    # the original file's media type

    @property
    def how(self) -> _Target:
        return _TARGETS[self.target]


_ROUTES: dict[str, Route] = {r.source: r for r in (
    Route("doc", ".doc", _WORD, "旧版 .doc", "旧版 Word 文件", "application/msword"),
    Route("wps", ".doc", _WORD, "WPS 文字 .wps", "WPS 文字文件", "application/wps-office.wps"),
    Route("xls", ".xls", _EXCEL, "旧版 .xls", "旧版 Excel 文件", "application/vnd.ms-excel"),
    Route("et", ".xls", _EXCEL, "WPS 表格 .et", "WPS 表格文件", "application/wps-office.et"),
    Route("ppt", ".ppt", _SLIDES, "PowerPoint .ppt", "PowerPoint 演示文稿",
          "application/vnd.ms-powerpoint"),
    Route("dps", ".ppt", _SLIDES, "WPS 演示 .dps", "WPS 演示文件", "application/wps-office.dps"),
    Route("pptx", ".pptx", _SLIDES, "PowerPoint .pptx", "PowerPoint 演示文稿",
          "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    Route("odt", ".odt", _WORD, "OpenDocument .odt", "OpenDocument 文本文件",
          "application/vnd.oasis.opendocument.text"),
    Route("ods", ".ods", _EXCEL, "OpenDocument .ods", "OpenDocument 表格文件",
          "application/vnd.oasis.opendocument.spreadsheet"),
    Route("rtf", ".rtf", _WORD, "RTF", "RTF 文件", "application/rtf"),
    Route("odp", ".odp", _SLIDES, "OpenDocument .odp", "OpenDocument 演示文稿",
          "application/vnd.oasis.opendocument.presentation"),
)}
# Kingsoft's own suffixes for content in Microsoft's binary formats.
_KINGSOFT = {("doc", ".wps"): "wps", ("doc", ".wpt"): "wps", ("xls", ".et"): "et",
             ("xls", ".ett"): "et", ("ppt", ".dps"): "dps", ("ppt", ".dpt"): "dps"}
_ODF_UNSUPPORTED = ("不支持该 OpenDocument 文件（仅支持文本、表格和演示文稿），"
                    "请另存为 .docx、.xlsx 或 PDF 后提交")


def route_for(path: Path) -> Route:
    """The route for this file's content; raises UnreadableFileError for what cannot be
    converted (encrypted, damaged, an OLE or ODF file of another kind)."""
    with path.open("rb") as f:
        head = f.read(8)
    suffix = path.suffix.lower()
    if head == OLE_MAGIC:
        kind = ole_kind(path)
        if kind not in ("doc", "xls", "ppt"):
            # Encrypted and damaged files never reach LibreOffice: it could only fail on
            # them, and the applicant must be told the real reason.
            raise UnreadableFileError(OLE_REASONS[kind])
        return _ROUTES[_KINGSOFT.get((kind, suffix), kind)]
    if head[:5] == b"{\\rtf":
        return _ROUTES["rtf"]
    if is_zip_head(head):
        package = package_kind(path)
        if package == "pptx":
            check_package(path)
            return _ROUTES["pptx"]
        if package == "odf":
            odf = odf_kind(path)
            if odf == "encrypted":
                raise UnreadableFileError(OLE_REASONS["encrypted"])
            if odf == "odf":
                raise UnreadableFileError(_ODF_UNSUPPORTED)
            check_package(path)
            return _ROUTES[odf]
    raise UnreadableFileError("无法识别的文件格式")


def _unsupported(route: Route) -> str:
    # 不支持旧版 .doc 格式 / 不支持 WPS 表格 .et 格式: a space before Latin script.
    return f"不支持{' ' if route.fmt[0].isascii() else ''}{route.fmt} 格式"


def missing_soffice_reason(route: Route) -> str:
    return (f"{_unsupported(route)}：服务器未安装 LibreOffice（Debian: {route.how.debian}），"
            f"{route.how.save_as}")


def _missing_module_reason(route: Route) -> str:
    return (f"{_unsupported(route)}：服务器的 LibreOffice 缺少读取该格式的组件（Debian: "
            f"{route.how.debian}），{route.how.save_as}")


def _inner_extractor(target: str) -> FormatExtractor:
    if target == _WORD:
        from extractor.docx_extractor import DocxExtractor
        return DocxExtractor()
    if target == _EXCEL:
        from extractor.xlsx_extractor import XlsxExtractor
        return XlsxExtractor()
    from extractor.pdf_extractor import PdfExtractor
    return PdfExtractor()


def _is_blank(doc: Document) -> bool:
    return (not doc.text.strip() and not any(c.text.strip() for t in doc.tables for c in t.cells)
            and not any(p.marks for p in doc.pages) and not doc.metadata.get("pictures"))


class LegacyOfficeExtractor:
    """The FormatExtractor for OLE (.doc/.xls/.ppt and Kingsoft .wps/.et/.dps), .pptx,
    OpenDocument and RTF files."""

    name = "legacy_office"
    media_type = "application/x-ole-storage"

    def sniff(self, head: bytes, suffix: str) -> bool:
        return head[:8] == OLE_MAGIC

    def extract(self, path: Path, rel_path: str, ctx: ExtractContext) -> Document:
        route = route_for(path)
        exe = find_soffice()
        if exe is None:
            raise UnreadableFileError(missing_soffice_reason(route))
        if not has_module(exe, route.how.module):
            raise UnreadableFileError(_missing_module_reason(route))
        with private_workdir() as work:
            src = work / f"input{route.in_suffix}"
            shutil.copyfile(path, src)
            try:
                done = convert(src, route.how.convert_to, work, exe=exe)
            except ConversionTimeout as e:
                ctx.bump("conversion_timeouts")
                raise UnreadableFileError(
                    f"{route.label}转换超时（超过 {e.timeout_s:g} 秒），文件可能过大或已损坏，"
                    f"{route.how.save_as}") from e
            except ConversionFailed as e:
                raise UnreadableFileError(
                    f"{route.label}转换失败（文件可能已损坏或格式不受支持），{route.how.save_as}",
                    str(e)) from e
            except SofficeMissing as e:  # gone between the look-up and the run
                raise UnreadableFileError(missing_soffice_reason(route)) from e
            size = done.output.stat().st_size
            if size == 0 or size > MAX_CONVERTED_BYTES:
                raise UnreadableFileError(
                    f"{route.label}转换结果异常（{size} 字节），{route.how.save_as}")
            if route.target in (_WORD, _EXCEL):
                # The converted package gets the same inflated-size guard as a submitted one.
                from extractor.package_guard import check_inflated_sizes

                check_inflated_sizes(done.output, ctx.limits)
            doc = _inner_extractor(route.target).extract(done.output, rel_path, ctx)
        if _is_blank(doc):
            # LibreOffice "recovers" a file whose main stream is garbage as an empty
            # document; an empty result would let a damaged file pass unseen.
            raise UnreadableFileError(
                f"{route.label}转换后未读出任何内容（文件可能已损坏），{route.how.save_as}")
        # Identity and provenance are the original file's, not the converted copy's.
        doc.path = rel_path
        doc.sha256 = sha256_file(path)
        doc.size = path.stat().st_size
        doc.media_type = route.media_type
        doc.metadata["converted_from"] = route.source
        doc.metadata["converted_by"] = done.converted_by
        doc.metadata["conversion_s"] = f"{done.seconds:.2f}"
        ctx.bump("converted_files")
        ctx.bump("conversion_seconds", done.seconds)
        log.debug("%s converted from %s in %.2f s", rel_path, route.source, done.seconds)
        return doc


__all__ = ["LegacyOfficeExtractor", "Route", "route_for", "missing_soffice_reason",
           "MAX_CONVERTED_BYTES"]
