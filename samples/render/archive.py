"""Zip containers written byte-for-byte reproducibly."""
from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

FIXED_TIME = (2022, 12, 15, 16, 40, 0)


def normalize_zip(data: bytes, date_time: tuple[int, int, int, int, int, int] = FIXED_TIME) -> bytes:
    """Rewrite an OOXML package with fixed member timestamps.

    python-docx stamps every member with the current time, which would make two runs of the
    generator differ.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=date_time)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def pin_core_dates(data: bytes, modified: datetime, created: datetime | None = None) -> bytes:
    """An OOXML package with fixed ``dcterms:modified`` (and ``created`` when given) and fixed
    member timestamps.

    openpyxl stamps ``dcterms:modified`` with the time of saving whatever the workbook's
    properties say, so two runs of a generator would differ in ``docProps/core.xml``.
    """
    stamps = {b"modified": modified} | ({b"created": created} if created else {})
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            payload = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                for tag, when in stamps.items():
                    payload = re.sub(rb"(<dcterms:" + tag + rb"[^>]*>)[^<]*(</dcterms:" + tag + rb">)",
                                     rb"\g<1>" + when.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>",
                                     payload)
            dst.writestr(info, payload)
    return normalize_zip(out.getvalue())


class _LegacyNameInfo(zipfile.ZipInfo):
    """A member whose name is stored in a legacy code page without the UTF-8 flag (bit 11).

    zipfile always promotes non-ASCII names to UTF-8 and sets the flag; Windows' built-in
    compressor and many Chinese tools instead write GBK bytes with the flag clear. The
    name is kept as the GBK bytes read as cp437, which is how an unaware reader sees it.
    """

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:  # noqa: N802 - overrides zipfile
        return self.filename.encode("cp437"), self.flag_bits & ~0x800


def gbk_zip(members: list[tuple[str, bytes | None]], date_time: tuple[int, int, int, int, int, int] = FIXED_TIME) -> bytes:
    """Zip with GBK-encoded member names; a None payload makes a directory entry."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, payload in members:
            legacy = name.encode("gbk").decode("cp437")
            zi = _LegacyNameInfo(legacy, date_time=date_time)
            zi.create_system = 0  # MS-DOS, as Windows tools write
            zi.flag_bits = 0
            if payload is None:
                zi.external_attr = 0x10  # MS-DOS directory attribute
                zi.compress_type = zipfile.ZIP_STORED
                zf.writestr(zi, b"")
            else:
                zi.external_attr = 0x20  # MS-DOS archive attribute
                zi.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(zi, payload)
    return out.getvalue()
