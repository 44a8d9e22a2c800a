"""What is inside a ZIP or OLE container, judged by content rather than file name.

A .docx, .xlsx, .ofd and a dossier .zip all start with ``PK``; a legacy .doc, .xls and a
password-protected .docx all start with the OLE signature. Intake (is this an archive to
unpack?), the registry (which extractor?) and the OOXML extractors (is this package safe
to load?) all need the same answers, so they live here.
"""
from __future__ import annotations

import itertools
import re
import struct
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from extractor.base import UnreadableFileError

ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

PackageKind = Literal["docx", "xlsx", "pptx", "ooxml", "odf", "ofd", "zip", "bad"]
OleKind = Literal["doc", "xls", "ppt", "encrypted", "damaged", "ole"]

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


_FREE_OR_END = 0xFFFFFFFA  # sector numbers at or above this are markers, not sectors
_ENDOFCHAIN = 0xFFFFFFFE
_NOSTREAM = 0xFFFFFFFF
_DIR_ENTRY = 128
_MAX_DIR_ENTRIES = 1 << 16


class _Cfb:
    """Just enough of [MS-CFB] to list the root storage's streams and read the first bytes
    of one: the encryption flags a legacy Office file keeps at the start of its main
    stream. Every chain walk is bounded, so a hostile file cannot make it loop."""

    def __init__(self, data: bytes) -> None:
        if len(data) < 512 or data[:8] != OLE_MAGIC:
            raise ValueError("short")
        major, byte_order, shift, mini_shift = struct.unpack_from("<HHHH", data, 0x1A)
        if byte_order != 0xFFFE or (major, shift) not in ((3, 9), (4, 12)) or mini_shift != 6:
            raise ValueError("header")
        self.data = data
        self.sector_size = 1 << shift
        self.major = major
        n_fat, first_dir = struct.unpack_from("<II", data, 0x2C)
        (self.cutoff, self.first_minifat, self.n_minifat, first_difat,
         n_difat) = struct.unpack_from("<IIIII", data, 0x38)
        fat_sectors = list(struct.unpack_from("<109I", data, 0x4C))
        sector = first_difat
        seen: set[int] = set()
        per_sector = self.sector_size // 4
        while sector < _FREE_OR_END and sector not in seen and len(seen) < n_difat:
            seen.add(sector)
            values = struct.unpack(f"<{per_sector}I", self._sector(sector))
            fat_sectors.extend(values[:-1])
            sector = values[-1]
        fat = bytearray()
        for s in fat_sectors[:n_fat]:
            if s >= _FREE_OR_END:
                break
            fat += self._sector(s)
        self.fat = struct.unpack(f"<{len(fat) // 4}I", fat[: len(fat) // 4 * 4])
        self.entries = self._directory(first_dir)

    def _sector(self, n: int) -> bytes:
        start = (n + 1) * self.sector_size
        if start >= len(self.data):
            raise ValueError("sector past the end")
        return self.data[start:start + self.sector_size]

    def _chain(self, start: int, table: tuple[int, ...]) -> Iterator[int]:
        sector, steps = start, 0
        while sector < _FREE_OR_END and steps <= len(table):
            yield sector
            if sector >= len(table):
                return
            sector, steps = table[sector], steps + 1

    def _directory(self, first: int) -> list[bytes]:
        raw = bytearray()
        for s in self._chain(first, self.fat):
            raw += self._sector(s)
            if len(raw) >= _MAX_DIR_ENTRIES * _DIR_ENTRY:
                break
        return [bytes(raw[i:i + _DIR_ENTRY]) for i in range(0, len(raw) - _DIR_ENTRY + 1,
                                                             _DIR_ENTRY)]

    def _entry_start_size(self, e: bytes) -> tuple[int, int]:
        start, size = struct.unpack_from("<IQ", e, 116)
        # Version 3 files may leave junk in the size's high half.
        return start, size & 0xFFFFFFFF if self.major == 3 else size

    def root_streams(self) -> dict[str, int]:
        """Name → directory index of each stream directly in the root storage."""
        if not self.entries:
            raise ValueError("no directory")
        out: dict[str, int] = {}
        stack, seen = [struct.unpack_from("<I", self.entries[0], 76)[0]], set()
        while stack:
            i = stack.pop()
            if i == _NOSTREAM or i in seen or i >= len(self.entries):
                continue
            seen.add(i)
            e = self.entries[i]
            left, right = struct.unpack_from("<II", e, 68)
            stack += [left, right]
            name_len = min(struct.unpack_from("<H", e, 64)[0], 64)
            name = e[:max(name_len - 2, 0)].decode("utf-16-le", "replace")
            if e[66] == 2:  # a stream (1 = storage)
                out[name] = i
        return out

    def read_head(self, index: int, n: int) -> bytes:
        """The first ``n`` bytes of the stream at directory ``index``."""
        start, size = self._entry_start_size(self.entries[index])
        want = min(n, size)
        out = bytearray()
        if size >= self.cutoff:
            for s in self._chain(start, self.fat):
                out += self._sector(s)
                if len(out) >= want:
                    break
            return bytes(out[:want])
        # Small streams live in 64-byte mini sectors inside the root entry's stream.
        minifat_raw = bytearray()
        for s in itertools.islice(self._chain(self.first_minifat, self.fat), self.n_minifat):
            minifat_raw += self._sector(s)
        minifat = struct.unpack(f"<{len(minifat_raw) // 4}I", minifat_raw)
        root_start, _ = self._entry_start_size(self.entries[0])
        root_chain = list(self._chain(root_start, self.fat))
        for m in self._chain(start, minifat):
            offset = m * 64
            k, within = divmod(offset, self.sector_size)
            if k >= len(root_chain):
                raise ValueError("mini sector past the mini stream")
            out += self._sector(root_chain[k])[within:within + 64]
            if len(out) >= want:
                break
        return bytes(out[:want])


# Word's FIB starts its main stream: wIdent 0xA5EC (Word 97+) or 0xA5DC (Word 6/95), and
# bit fEncrypted (0x0100) of the flags word at offset 10.
_WORD_IDENTS = (0xA5EC, 0xA5DC)
_FIB_ENCRYPTED = 0x0100
_BIFF_FILEPASS = 0x002F


def _word_encrypted(fib: bytes) -> bool:
    if len(fib) < 12:
        return False
    ident, flags = struct.unpack_from("<H", fib, 0)[0], struct.unpack_from("<H", fib, 10)[0]
    return ident in _WORD_IDENTS and bool(flags & _FIB_ENCRYPTED)


def _biff_encrypted(head: bytes) -> bool:
    """A FILEPASS record right after the workbook's BOF means an open password."""
    pos = 0
    for _ in range(4):
        if pos + 4 > len(head):
            return False
        kind, length = struct.unpack_from("<HH", head, pos)
        if kind == _BIFF_FILEPASS:
            return True
        pos += 4 + length
    return False


def _kind_from_streams(cfb: _Cfb) -> OleKind:
    streams = cfb.root_streams()
    if "EncryptedPackage" in streams:
        return "encrypted"
    if "WordDocument" in streams:
        return "encrypted" if _word_encrypted(cfb.read_head(streams["WordDocument"], 12)) \
            else "doc"
    for book in ("Workbook", "Book"):
        if book in streams:
            return "encrypted" if _biff_encrypted(cfb.read_head(streams[book], 512)) else "xls"
    if "PowerPoint Document" in streams:
        return "encrypted" if "EncryptedSummary" in streams else "ppt"
    return "ole"


def _kind_from_names(data: bytes) -> OleKind:
    """Stream names found anywhere in the bytes: the fallback for a compound file whose
    directory cannot be walked (truncated, or past the part read)."""
    if _utf16("EncryptedPackage") in data:
        return "encrypted"
    if _utf16("WordDocument") in data:
        return "doc"
    if _utf16("Workbook") in data or _utf16("Book\x00") in data:
        return "xls"
    if _utf16("PowerPoint Document") in data:
        return "ppt"
    return "ole"


def ole_kind(path: Path) -> OleKind:
    """Which legacy application wrote an OLE compound file, and whether it is encrypted.

    The root storage's streams tell Word, Excel, PowerPoint and an encrypted OOXML package
    apart; a legacy file with an open password keeps the usual streams but flags it at the
    start of its main stream (Word FIB, Excel FILEPASS) or adds EncryptedSummary
    (PowerPoint). A file with neither a readable structure nor a known stream name is
    "damaged"."""
    with path.open("rb") as f:
        data = f.read(64 << 20)
    try:
        return _kind_from_streams(_Cfb(data))
    except (ValueError, struct.error, IndexError):
        # A bad header, or a structure that cannot be walked (truncated, or larger than
        # the part read). Stream names in the bytes still say what it was meant to be,
        # and the application's reader may cope; with none it is just damaged.
        kind = _kind_from_names(data)
        return "damaged" if kind == "ole" else kind


OLE_REASONS: dict[OleKind, str] = {
    "doc": "不支持旧版 .doc 格式，请另存为 .docx 或 PDF",
    "xls": "不支持旧版 .xls 格式，请另存为 .xlsx 或 PDF",
    "ppt": "不支持 PowerPoint 演示文稿，请另存为 PDF",
    "encrypted": "文件已加密（设置了打开密码），无法读取，请提交未加密的文件",
    "damaged": "文件已损坏（Office 文件结构无效），无法读取",
    "ole": "不支持的旧版 Office 文件格式，请另存为 .docx、.xlsx 或 PDF",
}


def raise_for_ole(path: Path) -> None:
    raise UnreadableFileError(OLE_REASONS[ole_kind(path)])


OdfKind = Literal["odt", "ods", "odp", "encrypted", "odf"]

_ODF_MIMETYPES: dict[str, OdfKind] = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.text-template": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.spreadsheet-template": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
    "application/vnd.oasis.opendocument.presentation-template": "odp",
}
_MAX_MIMETYPE = 256
_MAX_MANIFEST = 4 << 20


def odf_mimetype(path: Path) -> str:
    """The ``mimetype`` member of an OpenDocument package ('' if absent or odd)."""
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("mimetype")
            if info.file_size > _MAX_MIMETYPE:
                return ""
            return zf.read(info).decode("ascii", "replace").strip()
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, ValueError,
            NotImplementedError, RuntimeError):
        return ""


def odf_kind(path: Path) -> OdfKind:
    """Text, spreadsheet or presentation by the package's ``mimetype`` member; "encrypted"
    when the manifest says its parts are encrypted (a document open password)."""
    kind = _ODF_MIMETYPES.get(odf_mimetype(path), "odf")
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("META-INF/manifest.xml")
            if info.file_size <= _MAX_MANIFEST and b"encryption-data" in zf.read(info):
                return "encrypted"
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, ValueError,
            NotImplementedError, RuntimeError):
        pass
    return kind
