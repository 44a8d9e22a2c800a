"""Crops of page images around the boxes that findings and evidence point at, made while
the dossier's files are still on disk, for the review page (a reviewer sees the licence's
注册资本 line next to the declaration's figure without opening either file).

A crop reaches left to the row's label and a row above and below, with the cited box
outlined in red; a location that names a page but no box (a missing seal) gets a small
picture of the whole page instead, under :func:`thumbnail_key`."""
from __future__ import annotations

import base64
import io
import logging
from pathlib import Path

from PIL import Image, ImageDraw

from extractor.budget import fit_render
from models import Document, Location
from models.limits import Limits
from models.settings import settings

log = logging.getLogger(__name__)

MAX_CROPS = 80
# Whole-page pictures are bigger than crops and rarely needed more than a few times.
MAX_THUMBNAILS = 12
CROP_WIDTH = 720  # px in the crop; wide enough to show a label and its value
PAD = 24
TEXT_PDF_DPI = 110
# The crop's left edge goes to the page's edge (where a row's label starts) unless that
# makes the region this many CROP_WIDTHs wide: the text would shrink past reading.
MAX_CONTEXT_WIDTHS = 1.8
THUMB_WIDTH = 260
OUTLINE = (230, 0, 18)
OUTLINE_PX = 3


def location_key(loc: Location) -> str | None:
    if loc.page is None or loc.bbox is None:
        return None
    return f"{loc.path}|{loc.page}|" + ",".join(f"{v:.1f}" for v in loc.bbox)


def thumbnail_key(loc: Location) -> str | None:
    """Key of the whole-page picture for a location that names a page but no box."""
    if loc.page is None or loc.bbox is not None:
        return None
    return f"{loc.path}|{loc.page}|page"


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


def _png(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    # Not optimize=True: its exhaustive search costs ~0.5 s per crop (measured on a scanned
    # dossier's 13 crops) for a few percent of bytes; zlib's fast level is enough for crops.
    img.save(buf, format="PNG", compress_level=3)
    return buf.getvalue()


def crop_region(width: int, height: int, box: tuple[float, float, float, float]
                ) -> tuple[int, int, int, int]:
    """The part of a ``width``×``height`` page to show around ``box`` (page pixels): the
    row's label to the left, a row of context above and below."""
    x0, y0, x1, y1 = box
    box_w, box_h = max(x1 - x0, 1.0), max(y1 - y0, 1.0)
    right = min(float(width), x1 + PAD * 2)
    reach = CROP_WIDTH * MAX_CONTEXT_WIDTHS
    # To the page edge where that stays readable, else at least twice the box's width.
    left = 0.0 if right <= reach else max(0.0, min(x0 - 2 * box_w, right - reach))
    if right - left < CROP_WIDTH and width > CROP_WIDTH:
        # A short box near the left: widen to the right too, so the value's neighbours show.
        right = min(width, left + CROP_WIDTH)
    ctx_h = max(PAD * 2, box_h * 1.5)
    top, bottom = max(0.0, y0 - ctx_h), min(height, y1 + ctx_h)
    return int(left), int(top), int(right + 0.999), int(bottom + 0.999)


def _crop(img: Image.Image, bbox: tuple[float, float, float, float], k: float) -> bytes:
    x0, y0, x1, y1 = (v * k for v in bbox)
    left, top, right, bottom = crop_region(img.width, img.height, (x0, y0, x1, y1))
    region = img.crop((left, top, right, bottom))
    scale = 1.0
    if region.width > CROP_WIDTH:
        scale = CROP_WIDTH / region.width
        region = region.resize((CROP_WIDTH, max(1, int(region.height * scale))))
    # Drawn after scaling so the outline is equally thick on every crop.
    draw = ImageDraw.Draw(region)
    rect = ((x0 - left) * scale - OUTLINE_PX, (y0 - top) * scale - OUTLINE_PX,
            (x1 - left) * scale + OUTLINE_PX, (y1 - top) * scale + OUTLINE_PX)
    rect = (max(0.0, rect[0]), max(0.0, rect[1]),
            min(region.width - 1.0, rect[2]), min(region.height - 1.0, rect[3]))
    draw.rectangle(rect, outline=OUTLINE, width=OUTLINE_PX)
    return _png(region)


def _thumbnail(img: Image.Image) -> bytes:
    thumb = img.copy()
    thumb.thumbnail((THUMB_WIDTH, THUMB_WIDTH * 2))
    return _png(thumb)


def make_crops(locations: list[Location], docs: list[Document],
               disk_paths: dict[str, Path], limits: Limits | None = None) -> dict[str, str]:
    """base64 PNG per location key, for locations on PDF pages and images: a crop per
    :func:`location_key` (at most MAX_CROPS), a page thumbnail per :func:`thumbnail_key`
    (at most MAX_THUMBNAILS). Pages are rendered at most ``limits.max_page_pixels`` large."""
    max_pixels = (limits or settings().limits).max_page_pixels
    by_path = {d.path: d for d in docs if d.error is None}
    out: dict[str, str] = {}
    n_crops = n_thumbs = 0
    pages: dict[tuple[str, int], tuple[Image.Image, float] | None] = {}
    for loc in locations:
        key, tkey = location_key(loc), thumbnail_key(loc)
        if loc.page is None or loc.path not in by_path:
            continue
        if key is not None and (key in out or n_crops >= MAX_CROPS):
            continue
        if tkey is not None and (tkey in out or n_thumbs >= MAX_THUMBNAILS):
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
        if key is not None and loc.bbox is not None:
            out[key] = base64.b64encode(_crop(img, loc.bbox, k)).decode("ascii")
            n_crops += 1
        elif tkey is not None:
            out[tkey] = base64.b64encode(_thumbnail(img)).decode("ascii")
            n_thumbs += 1
    return out
