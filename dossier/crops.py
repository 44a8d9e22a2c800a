"""Crops of page images around the boxes that findings and evidence point at, made while
the dossier's files are still on disk, for the review page (a reviewer sees the licence's
注册资本 line next to the declaration's figure without opening either file)."""
from __future__ import annotations

import base64
import io
import logging
from pathlib import Path

from PIL import Image

from extractor.budget import fit_render
from models import Document, Location
from models.limits import Limits
from models.settings import settings

log = logging.getLogger(__name__)

MAX_CROPS = 80
CROP_WIDTH = 720  # px in the page; wide enough to show a label and its value
PAD = 24
TEXT_PDF_DPI = 110


def location_key(loc: Location) -> str | None:
    if loc.page is None or loc.bbox is None:
        return None
    return f"{loc.path}|{loc.page}|" + ",".join(f"{v:.1f}" for v in loc.bbox)


def _page_image(doc: Document, page_no: int, disk: Path | None,
                max_pixels: int = Limits().max_page_pixels) -> tuple[Image.Image, float] | None:
    """The page as an image and the factor from bbox units to its pixels."""
    page = next((p for p in doc.pages if p.number == page_no), None)
    if page is None:
        return None
    if page.image_path and Path(page.image_path).exists():
        return Image.open(page.image_path).convert("RGB"), 1.0
    if disk is not None and doc.media_type == "application/pdf" and not page.ocr:
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(disk))
        try:
            pg = pdf[page_no - 1]
            # Pixel count decided before the render: an outsized page is drawn smaller,
            # an absurd one not at all (the extractor already reported both).
            width, height = pg.get_size()
            fit = fit_render(width, height, TEXT_PDF_DPI / 72.0, max_pixels)
            if fit.refused:
                return None
            bitmap = pg.render(scale=fit.scale)
            img = bitmap.to_pil().convert("RGB")
        finally:
            pdf.close()
        return img, fit.scale
    if disk is not None and doc.media_type == "application/ofd" and not page.ocr:
        # OFD text pages are laid out in points like a PDF's; render at the same scale.
        from extractor.ofd.render import render_file_page

        img = render_file_page(disk, page_no, TEXT_PDF_DPI, max_pixels=max_pixels)
        return img, img.width / max(page.width or 1.0, 1e-6) if page.width else TEXT_PDF_DPI / 72.0
    return None


def _crop(img: Image.Image, bbox: tuple[float, float, float, float], k: float) -> bytes:
    x0, y0, x1, y1 = (v * k for v in bbox)
    cx = (x0 + x1) / 2
    half = max(CROP_WIDTH / 2, (x1 - x0) / 2 + PAD)
    left, right = max(0, cx - half), min(img.width, cx + half)
    # Two rows of context above and below: the label row and its neighbours.
    ctx_h = max(PAD * 2, (y1 - y0) * 1.5)
    top, bottom = max(0, y0 - ctx_h), min(img.height, y1 + ctx_h)
    region = img.crop((int(left), int(top), int(right), int(bottom)))
    if region.width > CROP_WIDTH:
        region = region.resize((CROP_WIDTH, max(1, int(region.height * CROP_WIDTH / region.width))))
    buf = io.BytesIO()
    region.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def make_crops(locations: list[Location], docs: list[Document],
               disk_paths: dict[str, Path], limits: Limits | None = None) -> dict[str, str]:
    """base64 PNG per location key, for locations on PDF pages and images. Pages are
    rendered at most ``limits.max_page_pixels`` large."""
    max_pixels = (limits or settings().limits).max_page_pixels
    by_path = {d.path: d for d in docs if d.error is None}
    out: dict[str, str] = {}
    pages: dict[tuple[str, int], tuple[Image.Image, float] | None] = {}
    for loc in locations:
        key = location_key(loc)
        if key is None or key in out or loc.path not in by_path or len(out) >= MAX_CROPS:
            continue
        # A key means a page and a bbox (location_key); said again for the type checker.
        if loc.page is None or loc.bbox is None:
            continue
        pk = (loc.path, loc.page)
        if pk not in pages:
            try:
                pages[pk] = _page_image(by_path[loc.path], loc.page, disk_paths.get(loc.path),
                                        max_pixels)
            except Exception as exc:  # a crop is a convenience; never fail the check for it
                log.debug("no page image for %s p%s: %s", loc.path, loc.page, exc)
                pages[pk] = None
        got = pages[pk]
        if got is None:
            continue
        img, k = got
        out[key] = base64.b64encode(_crop(img, loc.bbox, k)).decode("ascii")
    return out
