"""Hostile input files for the resource-limit tests and benches, generated in code.

One function per file; each writes the file at ``path`` and returns that path. Files stay
small on disk (they are bombs: highly compressed, or tiny pages many times over):

* :func:`inflated_docx` – a valid .docx whose word/document.xml inflates to ~200 MB;
* :func:`long_text_docx` – a valid .docx of ~2,000,000 characters of text (XML well
  under the part limit), to exercise the per-document text limit;
* :func:`huge_page_pdf` – a ~1 KB PDF with one 100×100-inch page that is one picture and
  no text (a "scan", so it is rendered for OCR);
* :func:`many_page_tiff` – a TIFF of ``pages`` tiny 1-bit frames;
* :func:`huge_image_png` – a 30000×30000 1-bit PNG of ~110 KB;
* :func:`nested_zip_bomb` – zip in zip in zip, many members of zeros.
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DOC_HEAD = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             f'<w:document xmlns:w="{_W_NS}"><w:body>').encode()
_DOC_TAIL = (b'<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
             b'</w:body></w:document>')


def _base_docx() -> bytes:
    """A minimal but complete .docx from python-docx's template (styles, settings ...)."""
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    return buf.getvalue()


def _docx_with_body(path: Path, write_body) -> Path:  # type: ignore[no-untyped-def]
    """Copy python-docx's template, streaming a new word/document.xml through
    ``write_body(stream)`` (called between the document's head and tail)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(io.BytesIO(_base_docx())) as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for info in src.infolist():
            if info.filename == "word/document.xml":
                continue
            dst.writestr(info, src.read(info))
        info = zipfile.ZipInfo("word/document.xml", (2024, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with dst.open(info, "w", force_zip64=True) as out:
            out.write(_DOC_HEAD)
            write_body(out)
            out.write(_DOC_TAIL)
    return path


def _para(text: str) -> bytes:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()


def inflated_docx(path: Path, inflated_bytes: int = 200 << 20) -> Path:
    """A .docx whose word/document.xml inflates to ``inflated_bytes`` (default 200 MB) of
    repeated form paragraphs; a few hundred KB on disk."""
    block = b"".join(_para(t) for t in (
        "统一社会信用代码：91370000MA3C000000", "注册资本：5000万元",
        "企业名称：某某智能制造有限公司", "项目建设内容及实施计划"))
    chunk = block * max(1, (1 << 20) // len(block))

    def body(out) -> None:  # type: ignore[no-untyped-def]
        written = 0
        while written < inflated_bytes:
            out.write(chunk)
            written += len(chunk)
    return _docx_with_body(path, body)


def long_text_docx(path: Path, chars: int = 2_000_000) -> Path:
    """A .docx of about ``chars`` characters of varied Chinese text in paragraphs of
    ~100 characters (labels mixed in), its XML a few tens of MB at most."""
    import random

    rnd = random.Random(7)
    alphabet = ("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
                "同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自"
                "二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日")
    labels = ("企业名称：", "统一社会信用代码：", "注册资本：", "项目名称：", "联系人：", "")

    def body(out) -> None:  # type: ignore[no-untyped-def]
        done = 0
        while done < chars:
            text = rnd.choice(labels) + "".join(rnd.choices(alphabet, k=96))
            out.write(_para(text))
            done += len(text)
    return _docx_with_body(path, body)


def huge_page_pdf(path: Path, inches: float = 100.0) -> Path:
    """A PDF of one page ``inches`` × ``inches`` covered by one tiny picture, no text: it
    reads as a scan and is rendered for OCR, at 200 dpi 20000×20000 px for 100 inches."""
    side = round(inches * 72, 2)
    # A 2×2-pixel grey picture stretched over the page: the page reads as a scan.
    content = f"q {side} 0 0 {side} 0 0 cm /Im1 Do Q".encode()
    pixels = b"\x80\xc0\xc0\x80"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {side} {side}] "
        f"/Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>".encode(),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length %d >>\nstream\n" % len(pixels) + pixels + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(out))
    return path


def many_page_tiff(path: Path, pages: int = 500, size: tuple[int, int] = (64, 48)) -> Path:
    """A multi-page TIFF of ``pages`` tiny blank 1-bit frames (a few hundred bytes each)."""
    from PIL import Image

    frames = [Image.new("1", size, 1) for _ in range(pages)]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    frames[0].save(path, format="TIFF", save_all=True, append_images=frames[1:],
                   compression="group4")
    return path


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def huge_image_png(path: Path, width: int = 30000, height: int = 30000) -> Path:
    """A valid ``width``×``height`` 1-bit greyscale PNG, all black, ~110 KB on disk
    (written row by row; the image is never held in memory)."""
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    comp = zlib.compressobj(9)
    idat = bytearray()
    rows_per_step = max(1, (4 << 20) // len(row))
    done = 0
    while done < height:
        n = min(rows_per_step, height - done)
        idat += comp.compress(row * n)
        done += n
    idat += comp.flush()
    png = (b"\x89PNG\r\n\x1a\n"
           + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
           + _png_chunk(b"IDAT", bytes(idat)) + _png_chunk(b"IEND", b""))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(png)
    return path


def nested_zip_bomb(path: Path, fan_out: int = 12, members: int = 16,
                    member_bytes: int = 4 << 20) -> Path:
    """zip → ``fan_out`` zips → ``fan_out`` zips each → ``members`` files of zeros each:
    with the defaults 2,304 members, ~9.7 GB inflated, ~9.7 MB on disk (each member
    deflates to ~4 KB; the zips holding zips are stored)."""
    zeros = b"\x00" * member_bytes

    def leaf_zip(k: int) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            for m in range(members):
                zf.writestr(f"材料_{k}_{m:03d}.pdf", zeros)
        return buf.getvalue()

    leaf = leaf_zip(0)  # the same bytes under every name: generation stays fast

    def mid_zip() -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
            for j in range(fan_out):
                zf.writestr(f"第{j:02d}组.zip", leaf)
        return buf.getvalue()

    mid = mid_zip()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        for i in range(fan_out):
            zf.writestr(f"分册{i:02d}.zip", mid)
    return path
