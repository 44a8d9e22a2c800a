"""The rest of the hostile inputs of issue 11, generated in code (the bombs live in
:mod:`samples.hostile`).

Each function writes one real file and returns its path. Two signatures:

* ``make(path) -> Path`` writes exactly ``path`` (content cases);
* ``make_in(directory) -> Path`` picks the file's *name* itself (name cases: GBK bytes,
  a newline, U+202E) and returns where it wrote. For the GBK name the returned Path
  holds the undecodable bytes as surrogate escapes (``os.fsdecode``), as ``os.listdir``
  would give them.

Content cases start from the realistic sample generators (``samples.chenxing`` /
``samples.zhejiang``) so that only the planted defect differs from a good file:

* :func:`impossible_date_declaration` – the 晨星工厂 declaration with 注册日期 2022年13月45日;
* :func:`overflow_numbers_declaration` – 注册资金 ``1e999`` and 上年度企业营收 ``-1.8e308``;
* :func:`error_cells_xlsx` – the 未来工厂 equipment list (declared figures) with a
  ``#DIV/0!`` unit price, a ``#REF!`` quantity and an uncached ``=1/0`` in the 合计 row;
* :func:`truncated_pdf` – a text statement PDF cut at 40 %;
* :func:`zero_byte_file` – nothing at all;
* :func:`corrupt_idat_png` – a real PNG whose IDAT zlib stream is garbage (chunk CRC
  recomputed, so only decoding fails);
* :func:`encrypted_zip` – a ZIP whose members carry the "encrypted" flag over garbage;
* :func:`huge_header_png` – a PNG whose IHDR claims 30000×30000 RGB, ~100 bytes on disk;
* :func:`many_paragraphs_docx` – a valid DOCX of 200,000 one-character paragraphs.

Everything is deterministic (fixed seeds, fixed zip timestamps).
"""
from __future__ import annotations

import dataclasses
import io
import os
import random
import struct
import zipfile
import zlib
from pathlib import Path

FIXED_TIME = (2022, 12, 1, 9, 0, 0)

# Names. The GBK one is what a Chinese Windows zip tool leaves on a Linux disk when the
# archive is unpacked without converting names: "附件6 情况说明.pdf" in GBK bytes.
GBK_NAME_TEXT = "附件6 情况说明.pdf"
GBK_NAME_BYTES = GBK_NAME_TEXT.encode("gbk")
NEWLINE_NAME = "情况说明\n(1).pdf"
# U+202E RIGHT-TO-LEFT OVERRIDE: shows as "情况说明pdf.exe" in many file managers, is a
# PDF ending in ".pdf" in fact.
RTL_NAME = "情况说明\u202eexe.pdf"


def _write(path: Path, data: bytes) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# ---- a small, harmless, readable PDF (the content of the name cases) -----------------------

def note_pdf_bytes(text: str = "企业情况补充说明：本页为补充说明，无其他内容。") -> bytes:
    """A one-page text PDF (reportlab, CJK font, invariant): a note that is no required
    document, so adding it changes nothing about the other files."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from samples.render.fonts import reportlab_font

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setFont(reportlab_font(), 12)
    c.drawString(72, 760, text)
    c.showPage()
    c.save()
    return buf.getvalue()


def gbk_named_pdf(directory: Path) -> Path:
    """A readable note PDF whose file name is GBK bytes (not valid UTF-8), written through
    a bytes path. Returns the path as ``os.fsdecode`` gives it (surrogate escapes)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    raw = os.path.join(os.fsencode(directory), GBK_NAME_BYTES)
    fd = os.open(raw, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    with os.fdopen(fd, "wb") as f:
        f.write(note_pdf_bytes())
    return Path(os.fsdecode(raw))


def newline_named_pdf(directory: Path) -> Path:
    """A readable note PDF whose name holds a line feed."""
    return _write(Path(directory) / NEWLINE_NAME, note_pdf_bytes())


def rtl_named_pdf(directory: Path) -> Path:
    """A readable note PDF whose name holds U+202E (right-to-left override)."""
    return _write(Path(directory) / RTL_NAME, note_pdf_bytes())


# ---- declarations with values that cannot be what they claim --------------------------------

def _chenxing_declaration(**changes: str) -> bytes:
    from samples.chenxing import declaration_docx
    from samples.chenxing.company_profile import LUYUAN
    from samples.chenxing.form import DeclarationData

    data = dataclasses.replace(DeclarationData.from_company(LUYUAN), **changes)
    return declaration_docx.declaration_docx(data)


def impossible_date_declaration(path: Path) -> Path:
    """The clean 晨星工厂 declaration (山东鲁源…) with 注册日期 ``2022年13月45日``."""
    return _write(path, _chenxing_declaration(registered_date="2022年13月45日"))


def overflow_numbers_declaration(path: Path) -> Path:
    """The clean 晨星工厂 declaration with 注册资金(万元) ``1e999`` and 上年度企业营收(万元)
    ``-1.8e308`` (Decimal takes both; float makes them inf / -inf)."""
    return _write(path, _chenxing_declaration(registered_capital="1e999", revenue="-1.8e308"))


# ---- a spreadsheet of declared figures with error cells ----------------------------------

# Where the errors go in the 未来工厂 equipment list (samples.zhejiang.equipment_list):
# header on row 3, data from row 4, column 8 单价（万元）, column 9 台套数, 合计 row last.
ERROR_PRICE_CELL = (4, 8)      # "#DIV/0!"
ERROR_QUANTITY_CELL = (5, 9)   # "#REF!"


def error_cells_xlsx(path: Path) -> Path:
    """The clean 未来工厂 equipment list (附件2.xlsx) with a ``#DIV/0!`` unit price, a
    ``#REF!`` quantity (both cached error values, cell type ``e``) and ``=1/0`` as the 合计
    row's 台套数 (a formula openpyxl writes without a cached value)."""
    from openpyxl import load_workbook

    from samples.generate import BY_KEY

    good = next(f for f in BY_KEY["zj-future-factory/clean"].files if f.path.endswith(".xlsx"))
    wb = load_workbook(io.BytesIO(good.make()))
    ws = wb.active
    ws.cell(*ERROR_PRICE_CELL).value = "#DIV/0!"
    ws.cell(*ERROR_QUANTITY_CELL).value = "#REF!"
    total_row = next(r for r in range(ws.max_row, 3, -1)
                     if str(ws.cell(r, 1).value or "").replace(" ", "").startswith("合计")
                     or str(ws.cell(r, 2).value or "").replace(" ", "").startswith("合计"))
    ws.cell(total_row, 9).value = "=1/0"
    modified = wb.properties.modified  # the clean list's; saving stamps the current time
    buf = io.BytesIO()
    wb.save(buf)
    from samples.render.archive import pin_core_dates
    return _write(path, pin_core_dates(buf.getvalue(), modified))


# ---- broken containers -----------------------------------------------------------------

def truncated_pdf(path: Path) -> Path:
    """The 2021 income statement of the clean sample (a text PDF) cut at 40 %: header and
    part of the objects, no xref, no trailer (an interrupted upload)."""
    from samples.chenxing.company_profile import LUYUAN
    from samples.chenxing.statements_pdf import statements_pdf

    data = statements_pdf(LUYUAN, 2021, False)
    return _write(path, data[: len(data) * 2 // 5])


def zero_byte_file(path: Path) -> Path:
    return _write(path, b"")


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def _png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    out, i = [], 8
    while i + 8 <= len(data):
        (n,) = struct.unpack_from(">I", data, i)
        out.append((data[i + 4:i + 8], data[i + 8:i + 8 + n]))
        i += 12 + n
    return out


def small_text_png(text: str = "企业情况补充说明", size: tuple[int, int] = (480, 120)) -> bytes:
    from PIL import Image, ImageDraw

    from samples.render.fonts import pil_font

    img = Image.new("RGB", size, "white")
    ImageDraw.Draw(img).text((20, 40), text, fill="black", font=pil_font(32))
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=False)
    return buf.getvalue()


def corrupt_idat_png(path: Path, seed: int = 11) -> Path:
    """A real PNG (a line of text) whose IDAT stream is overwritten with random bytes after
    its zlib header; every chunk CRC is recomputed, so the file is structurally valid and
    only inflating the pixels fails."""
    rng = random.Random(seed)
    chunks = _png_chunks(small_text_png())
    idat = b"".join(d for k, d in chunks if k == b"IDAT")
    garbage = idat[:2] + bytes(rng.randrange(256) for _ in range(len(idat) - 2))
    out = b"\x89PNG\r\n\x1a\n"
    done = False
    for kind, data in chunks:
        if kind == b"IDAT":
            if not done:
                out += _png_chunk(b"IDAT", garbage)
                done = True
            continue
        out += _png_chunk(kind, data)
    return _write(path, out)


def huge_header_png(path: Path, width: int = 30000, height: int = 30000) -> Path:
    """A PNG whose IHDR claims ``width``×``height`` 8-bit RGB (2.7 GB decoded) while its
    IDAT holds one compressed row: ~100 bytes on disk. A reader must refuse it from the
    header, before allocating."""
    row = b"\x00" + b"\xff" * (width * 3)
    idat = zlib.compress(row, 9)
    png = (b"\x89PNG\r\n\x1a\n"
           + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
           + _png_chunk(b"IDAT", idat) + _png_chunk(b"IEND", b""))
    return _write(path, png)


def encrypted_zip(path: Path, seed: int = 12) -> Path:
    """A ZIP of two members (附件6.pdf, 说明.docx) whose general-purpose flag says
    "encrypted" (bit 0) in both the local and the central headers, over random bytes:
    what an applicant's password-protected archive looks like to a reader without the
    password. Names are UTF-8 with the flag set."""
    rng = random.Random(seed)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for name in ("附件6.pdf", "说明.docx"):
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_STORED
            zf.writestr(info, bytes(rng.randrange(256) for _ in range(4096)))
    data = bytearray(buf.getvalue())
    # Set bit 0 of the flags in every local (PK\3\4, flags at +6) and central
    # (PK\1\2, flags at +8) header.
    for sig, off in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        i = data.find(sig)
        while i != -1:
            (flags,) = struct.unpack_from("<H", data, i + off)
            struct.pack_into("<H", data, i + off, flags | 0x1)
            i = data.find(sig, i + 4)
    return _write(path, bytes(data))


# ---- a valid document that is merely enormous in structure ---------------------------------

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def many_paragraphs_docx(path: Path, paragraphs: int = 200_000) -> Path:
    """A valid .docx (python-docx's template) whose body is ``paragraphs`` paragraphs of
    one character each (~7 MB of XML, ~100 KB on disk)."""
    import docx

    template = io.BytesIO()
    docx.Document().save(template)
    alphabet = "一二三四五六七八九十"
    body = io.BytesIO()
    body.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               f'<w:document xmlns:w="{_W_NS}"><w:body>'.encode())
    for i in range(paragraphs):
        body.write(f"<w:p><w:r><w:t>{alphabet[i % 10]}</w:t></w:r></w:p>".encode())
    body.write(b'<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>')
    out = io.BytesIO()
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = body.getvalue() if info.filename == "word/document.xml" else src.read(info)
            member = zipfile.ZipInfo(info.filename, FIXED_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(member, data)
    return _write(path, out.getvalue())


__all__ = [
    "GBK_NAME_BYTES", "GBK_NAME_TEXT", "NEWLINE_NAME", "RTL_NAME",
    "corrupt_idat_png", "encrypted_zip", "error_cells_xlsx", "gbk_named_pdf",
    "huge_header_png", "impossible_date_declaration", "many_paragraphs_docx",
    "newline_named_pdf", "note_pdf_bytes", "overflow_numbers_declaration", "rtl_named_pdf",
    "small_text_png", "truncated_pdf", "zero_byte_file",
]
