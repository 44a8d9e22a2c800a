"""OFD twins of dossier files: the 电子营业执照 as the licence authority issues it, and
any PDF as an OFD writer would convert it.

``licence_ofd`` lays the licence out as :mod:`samples.chenxing.license_image` does (same
fields, same two columns, same wrapping), but as an electronic document: the frame,
title and printed labels in a template page, the company's values in the page, the QR
block as a picture, and the authority's red seal as a signature's stamp appearance.

``pdf_to_ofd`` converts a PDF page by page: a page with a text layer keeps every
character at its PDF position (DeltaX copied from the character origins), its ruled
lines and rectangles, and its pictures; a page without text (a scan) becomes one picture.
Both write ``<source stem>.ofd`` in ``out_dir`` and give identical bytes for the same input.
"""
from __future__ import annotations

import ctypes
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from samples.chenxing.company_profile import Company
from samples.chenxing.license_image import _qr_like, business_term, cn_date
from samples.render.ofd import (OfdImage, OfdLine, OfdPage, OfdRect, OfdSeal, OfdText,
                                write_ofd)
from samples.render.seal import SEAL_RED, seal_mask
from samples.render.text import text_width, wrap

MM_PER_PT = 25.4 / 72.0
# Licence geometry: the picture licence's pixel layout (2000 × 1400) at 0.1485 mm/px
# puts it on an A4 landscape sheet.
MM_PER_PX = 297.0 / 2000.0
FIELD_PX = 34
BORDER = (150, 62, 48)
# Scanned pages become pictures at their own resolution, or this one when they have none.
SCAN_DPI = 150


def _mm(px: float) -> float:
    return round(px * MM_PER_PX, 3)


def _seal_png(c: Company, rng: np.random.Generator) -> bytes:
    mask = seal_mask(280, c.authority, rng)
    rgba = Image.new("RGBA", mask.size, (*SEAL_RED, 0))
    rgba.putalpha(mask)
    buf = io.BytesIO()
    rgba.save(buf, format="PNG")
    return buf.getvalue()


def _png(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def _label(tpl: OfdPage, x_px: float, y_px: float, text: str, size_px: float = FIELD_PX,
           tracking_px: float = 0.0) -> None:
    """Text whose top is at y_px in the picture layout (baseline about 0.9 em lower)."""
    tpl.texts.append(OfdText(text, _mm(x_px), _mm(y_px + 0.9 * size_px), _mm(size_px),
                             tracking=_mm(tracking_px)))


def licence_ofd(c: Company, out_dir: Path, source_name: str = "营业执照.jpg",
                seed: int = 0) -> Path:
    """The company's 电子营业执照 as a text OFD, named after ``source_name``'s stem."""
    rng = np.random.default_rng(seed)
    tpl = OfdPage(width=297.0, height=210.0)
    page = OfdPage(width=297.0, height=210.0, template=tpl)
    w_px, h_px = 2000, 1400
    tpl.rects += [OfdRect(_mm(36), _mm(36), _mm(w_px - 72), _mm(h_px - 72), _mm(8), BORDER),
                  OfdRect(_mm(54), _mm(54), _mm(w_px - 108), _mm(h_px - 108), _mm(2), BORDER)]
    title_w = text_width("营业执照", 112, 36)
    _label(tpl, w_px / 2 - title_w / 2, 130, "营业执照", 112, 36)
    _label(tpl, w_px / 2 - text_width("（副本）", 40, 10) / 2, 268, "（副本）", 40, 10)
    qr = _qr_like(rng)
    page.images.append(OfdImage(_png(qr), _mm(w_px - 120 - qr.width), _mm(96), _mm(qr.width),
                                _mm(qr.height)))
    for i, line in enumerate(("扫描二维码登录“国家企业信用", "信息公示系统”了解更多登记、",
                              "备案、许可、监管信息。")):
        _label(tpl, w_px - 110 - 300, 96 + qr.height + 10 + i * 28, line, 21)

    y0 = 350
    _label(tpl, 150, y0, "统一社会信用代码", FIELD_PX)
    _label(page, 150 + text_width("统一社会信用代码", FIELD_PX) + 30, y0 - 2, c.uscc, 38)

    def field_(x: int, vx: int, y: float, label: str, value: str, width: int) -> float:
        _label(tpl, x, y, label)
        for line in wrap(value, FIELD_PX, width):
            _label(page, vx, y, line)
            y += FIELD_PX * 1.55
        return y + 18

    y_left = y_right = y0 + 100
    y_left = field_(150, 360, y_left, "名称", c.name, 700)
    y_left = field_(150, 360, y_left, "类型", c.entity_type, 700)
    y_left = field_(150, 360, y_left, "法定代表人", c.legal_rep, 700)
    field_(150, 360, y_left, "经营范围", c.scope, 700)
    y_right = field_(1120, 1290, y_right, "注册资本", c.capital_text, 560)
    y_right = field_(1120, 1290, y_right, "成立日期", cn_date(c.established), 560)
    y_right = field_(1120, 1290, y_right, "营业期限", business_term(c), 560)
    field_(1120, 1290, y_right, "住所", c.address, 560)

    reg_y = 1085
    _label(tpl, 1380, reg_y, "登记机关", 40, 8)
    _label(page, 1350, reg_y + 90, cn_date(c.licence_date), FIELD_PX)
    _label(tpl, 110, h_px - 110, "国家企业信用信息公示系统网址：http://www.gsxt.gov.cn", 22)
    _label(tpl, w_px - 420, h_px - 110, "国家市场监督管理总局监制", 22)

    d = 280
    cx, cy = 1500 + int(rng.integers(-15, 15)), reg_y + 70 + int(rng.integers(-10, 10))
    seal = OfdSeal(_seal_png(c, rng), 0, _mm(cx - d / 2), _mm(cy - d / 2), _mm(d), _mm(d),
                   name=c.authority)
    out = out_dir / (Path(source_name).stem + ".ofd")
    return write_ofd([page], out, seals=[seal], title=f"{c.name}营业执照",
                     creation_date=c.licence_date.isoformat())


# ----- PDF → OFD -----------------------------------------------------------------------


@dataclass
class _Run:
    chars: list[str] = field(default_factory=list)
    xs: list[float] = field(default_factory=list)  # origins, mm
    y: float = 0.0
    size: float = 0.0

    def text(self) -> OfdText:
        adv = [round(b - a, 3) for a, b in zip(self.xs, self.xs[1:])]
        return OfdText("".join(self.chars), round(self.xs[0], 3), round(self.y, 3),
                       round(self.size, 3), advances=adv)


def _text_runs(page: Any, top: float, left: float) -> list[OfdText]:
    """Characters in content order, cut into runs at generated characters (pdfium's
    inferred spaces and line breaks), size changes and baseline jumps."""
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    runs: list[OfdText] = []
    cur: _Run | None = None
    try:
        x, y = ctypes.c_double(), ctypes.c_double()
        for i in range(textpage.count_chars()):
            code = pdfium_c.FPDFText_GetUnicode(textpage, i)
            ch = chr(code) if 0 < code < 0x110000 else ""
            generated = pdfium_c.FPDFText_IsGenerated(textpage, i) == 1
            if not ch or generated or ch in "\r\n" or not pdfium_c.FPDFText_GetCharOrigin(
                    textpage, i, ctypes.byref(x), ctypes.byref(y)):
                if cur is not None:
                    runs.append(cur.text())
                cur = None
                continue
            size = pdfium_c.FPDFText_GetFontSize(textpage, i) * MM_PER_PT
            ox, oy = (x.value - left) * MM_PER_PT, (top - y.value) * MM_PER_PT
            if cur is not None and (abs(oy - cur.y) > 0.05 or abs(size - cur.size) > 0.01
                                    or ox < cur.xs[-1]):
                runs.append(cur.text())
                cur = None
            if cur is None:
                cur = _Run(y=oy, size=size)
            cur.chars.append(ch)
            cur.xs.append(ox)
        if cur is not None:
            runs.append(cur.text())
    finally:
        textpage.close()
    return [r for r in runs if r.text.strip()]


def _images(page: Any, top: float, left: float) -> list[OfdImage]:
    import pypdfium2.raw as pdfium_c

    out: list[OfdImage] = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4):
        x0, y0, x1, y1 = obj.get_bounds()
        bitmap = obj.get_bitmap(render=True)
        try:
            pil = bitmap.to_pil()
        finally:
            bitmap.close()
        # Keep transparency (an electronic seal image is a PNG with alpha).
        pil = pil.convert("RGBA") if pil.mode in ("RGBA", "LA", "P") else pil.convert("RGB")
        out.append(OfdImage(_png(pil), round((x0 - left) * MM_PER_PT, 3),
                            round((top - y1) * MM_PER_PT, 3), round((x1 - x0) * MM_PER_PT, 3),
                            round((y1 - y0) * MM_PER_PT, 3)))
    return out


def _rules(plumber_page: Any) -> tuple[list[OfdLine], list[OfdRect]]:
    """Drawn lines and rectangles (pdfplumber's top-left point frame) in mm."""
    lines = [OfdLine(round(ln["x0"] * MM_PER_PT, 3), round(ln["top"] * MM_PER_PT, 3),
                     round(ln["x1"] * MM_PER_PT, 3), round(ln["bottom"] * MM_PER_PT, 3),
                     round(max(0.1, float(ln.get("linewidth") or 0.5) * MM_PER_PT), 3))
             for ln in plumber_page.lines]
    rects = [OfdRect(round(r["x0"] * MM_PER_PT, 3), round(r["top"] * MM_PER_PT, 3),
                     round((r["x1"] - r["x0"]) * MM_PER_PT, 3),
                     round((r["bottom"] - r["top"]) * MM_PER_PT, 3),
                     round(max(0.1, float(r.get("linewidth") or 0.5) * MM_PER_PT), 3),
                     (0, 0, 0) if r.get("stroke", True) else None,
                     (0, 0, 0) if r.get("fill") and not r.get("stroke", True) else None)
             for r in plumber_page.rects]
    return lines, rects


def _native_dpi(page: Any) -> float:
    """The resolution of the page's pictures (a scan keeps its own), within 100-300 dpi."""
    import pypdfium2.raw as pdfium_c

    best = 0.0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4):
        x0, _, x1, _ = obj.get_bounds()
        px_w, _ = obj.get_px_size()
        if x1 - x0 > 1:
            best = max(best, px_w / ((x1 - x0) / 72.0))
    return min(300.0, max(100.0, best)) if best else SCAN_DPI


def _scan_page(page: Any, width: float, height: float) -> OfdPage:
    bitmap = page.render(scale=_native_dpi(page) / 72.0)
    try:
        pil = bitmap.to_pil().convert("RGB")
    finally:
        bitmap.close()
    buf = io.BytesIO()
    pil.save(buf, format="JPEG", quality=85)
    return OfdPage(width, height, images=[OfdImage(buf.getvalue(), 0, 0, width, height, "JPEG")])


def pdf_to_ofd(src_pdf: Path, out_dir: Path) -> Path:
    """The PDF as an OFD: ``out_dir/<stem>.ofd``. Rotated pages are taken as pictures."""
    import pdfplumber
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(src_pdf))
    plumber = pdfplumber.open(str(src_pdf))
    pages: list[OfdPage] = []
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            try:
                left, bottom, right, top = page.get_cropbox()
                width = round((right - left) * MM_PER_PT, 3)
                height = round((top - bottom) * MM_PER_PT, 3)
                texts = _text_runs(page, top, left) if page.get_rotation() % 360 == 0 else []
                if sum(len(t.text.strip()) for t in texts) < 10:
                    pages.append(_scan_page(page, width, height))
                    continue
                lines, rects = _rules(plumber.pages[i])
                pages.append(OfdPage(width, height, texts=texts, lines=lines, rects=rects,
                                     images=_images(page, top, left)))
            finally:
                page.close()
    finally:
        plumber.close()
        pdf.close()
    return write_ofd(pages, out_dir / (src_pdf.stem + ".ofd"), title=src_pdf.stem)
