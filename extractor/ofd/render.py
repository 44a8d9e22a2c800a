"""Draw an OFD page into an RGB array: paths, images (placed by their CTM, any affine),
text in the CJK font, and seal appearances on top.

The rendering serves OCR of scanned pages and the seal detector, so fidelity stops at
what those need: embedded fonts are not used (WenQuanYi stands in for every font),
clipping, patterns, shadings and blend modes are ignored, and glyphs are drawn upright.
"""
from __future__ import annotations

import io
import logging
import math
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from extractor.base import UnreadableFileError
from extractor.budget import RenderFit, fit_render
from extractor.ofd.content import (ImageItem, PageContent, PathItem, TextRun, annotation_items,
                                   read_page)
from extractor.ofd.document import open_document
from extractor.ofd.geometry import Affine
from extractor.ofd.layout import PT_PER_MM
from models.limits import Limits
from extractor.ofd.package import OfdPackage
from extractor.ofd.signatures import read_signatures

log = logging.getLogger(__name__)

# Pages are drawn at most this large by default; the extractor and the review crops
# pass Limits.max_page_pixels from their context.
MAX_RENDER_PIXELS = Limits().max_page_pixels
# Embedded pictures larger than this are not decoded (a crafted header can claim any size).
MAX_IMAGE_PIXELS = 120_000_000
CJK_FONTS = (Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
             Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"))
# Near-white pixels of a seal drawn as an OFD page are its paper, made transparent.
_PAPER = 235


def _unmapped(ch: str) -> bool:
    """A code with no Unicode meaning (a subset font's private glyph index): drawn in
    the stand-in font it would only be a box for OCR to misread."""
    cp = ord(ch)
    return cp == 0xFFFD or 0xE000 <= cp <= 0xF8FF or cp < 0x20 or cp >= 0xF0000


@lru_cache(maxsize=1)
def _font_path() -> Path | None:
    return next((p for p in CJK_FONTS if p.is_file()), None)


@lru_cache(maxsize=128)
def _font(px: int) -> ImageFont.FreeTypeFont | None:
    path = _font_path()
    if path is None:
        return None
    return ImageFont.truetype(str(path), size=px, index=0)


class PageRenderer:
    """Renders pages of one package; decoded pictures are kept for the next page (a
    licence repeats its background on every page)."""

    def __init__(self, pkg: OfdPackage, nested: bool = False,
                 max_pixels: int = MAX_RENDER_PIXELS,
                 max_image_pixels: int = MAX_IMAGE_PIXELS) -> None:
        self.pkg = pkg
        self.nested = nested
        self.max_pixels = max_pixels
        self.max_image_pixels = max_image_pixels
        # How the last page was fitted under max_pixels (its LimitHit when scaled down).
        self.last_fit: RenderFit | None = None
        self.undecodable = 0
        # Declared formats of the pictures that could not be decoded (JBIG2 scans: "GBIG2").
        self.undecodable_formats: set[str] = set()
        self._cache: dict[object, Image.Image | None] = {}

    def fit(self, page: PageContent, dpi: float) -> RenderFit:
        """The render plan for ``page`` at ``dpi``: scaled to ``max_pixels``, or refused
        (a side over 200 inches); the scale is in pixels per point."""
        return fit_render(page.width * PT_PER_MM, page.height * PT_PER_MM, dpi / 72.0,
                          self.max_pixels, getattr(page, "number", None))

    def render(self, page: PageContent, dpi: float) -> np.ndarray:
        """The page drawn at ``dpi``, or lower when that would exceed ``max_pixels``
        (``last_fit`` says so); raises UnreadableFileError for an absurdly large page."""
        fit = self.last_fit = self.fit(page, dpi)
        if fit.refused:
            raise UnreadableFileError(fit.hit.message if fit.hit else "OFD 页面尺寸异常")
        s = fit.scale * 72.0 / 25.4  # pixels per millimetre
        w, h = max(1, round(page.width * s)), max(1, round(page.height * s))
        canvas = Image.new("RGB", (w, h), (255, 255, 255))
        draw = ImageDraw.Draw(canvas)
        to_px = Affine(s, 0, 0, s, 0, 0)
        for item in page.items:
            if isinstance(item, PathItem):
                self._path(draw, item, s)
            elif isinstance(item, ImageItem):
                self._image(canvas, item, to_px)
            elif isinstance(item, TextRun):
                self._text(draw, item, s)
        return np.asarray(canvas)

    @staticmethod
    def _path(draw: ImageDraw.ImageDraw, item: PathItem, s: float) -> None:
        width = max(1, round(item.width * s))
        for points, closed in item.subpaths:
            pts = [(x * s, y * s) for x, y in points]
            if item.fill is not None and len(pts) >= 3:
                draw.polygon(pts, fill=item.fill)
            if item.stroke is not None and len(pts) >= 2:
                draw.line(pts + ([pts[0]] if closed else []), fill=item.stroke, width=width)

    @staticmethod
    def _text(draw: ImageDraw.ImageDraw, run: TextRun, s: float) -> None:
        for g in run.glyphs:
            px = round(g.size * s)
            if not g.visible or g.text.isspace() or px < 2 or _unmapped(g.text):
                continue
            font = _font(min(px, 2000))
            if font is None:
                return
            draw.text((g.x * s, g.y * s), g.text, font=font, fill=g.color, anchor="ls")

    def _image(self, canvas: Image.Image, item: ImageItem, to_px: Affine) -> None:
        m = item.matrix.then(to_px)
        x0, y0, x1, y1 = m.box(0, 0, 1, 1)
        if x1 - x0 < 1 or y1 - y0 < 1 or x1 < 0 or y1 < 0 or x0 > canvas.width \
                or y0 > canvas.height:
            return
        img = self._decode(item, (math.ceil(x1 - x0), math.ceil(y1 - y0)))
        if img is None:
            return
        if m.axis_aligned:
            placed = img.resize((max(1, round(abs(m.a))), max(1, round(abs(m.d)))),
                                Image.Resampling.BILINEAR)
            if m.a < 0:
                placed = placed.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
            if m.d < 0:
                placed = placed.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
            canvas.paste(placed, (round(x0), round(y0)), placed)
            return
        # Rotated or sheared: map every canvas pixel back into the picture.
        full = Affine(1 / img.width, 0, 0, 1 / img.height, 0, 0).then(m)
        det = full.a * full.d - full.b * full.c
        if abs(det) < 1e-12:
            return
        ia, ib, ic, id_ = full.d / det, -full.b / det, -full.c / det, full.a / det
        ie, if_ = -(ia * full.e + ic * full.f), -(ib * full.e + id_ * full.f)
        out = img.transform(canvas.size, Image.Transform.AFFINE, (ia, ic, ie, ib, id_, if_),
                            resample=Image.Resampling.BILINEAR)
        canvas.paste(out, (0, 0), out)

    def failed(self, item: ImageItem) -> bool:
        """The picture was drawn before and could not be decoded."""
        key: object = item.member if item.member is not None else id(item.data)
        return key in self._cache and self._cache[key] is None

    def _decode(self, item: ImageItem, want: tuple[int, int]) -> Image.Image | None:
        """The picture as RGBA, or None when it cannot be decoded (JBIG2, damaged)."""
        key: object = item.member if item.member is not None else id(item.data)
        if key in self._cache:
            return self._cache[key]
        img: Image.Image | None = None
        try:
            data = item.data if item.data is not None else (
                self.pkg.read(item.member) if item.member is not None else None)
            if data is None:
                pass
            elif data.startswith(b"PK\x03\x04"):
                img = None if self.nested else _render_ofd_picture(data, want)
            else:
                img = _open_picture(data, want, self.max_image_pixels)
        except (OSError, ValueError, SyntaxError, UnreadableFileError, Image.DecompressionBombError,
                MemoryError) as e:
            log.debug("undecodable picture %s: %s", item.member, e)
        if img is None:
            self.undecodable += 1
            self.undecodable_formats.add(item.format or "?")
        self._cache[key] = img
        return img


def _open_picture(data: bytes, want: tuple[int, int],
                  max_pixels: int = MAX_IMAGE_PIXELS) -> Image.Image | None:
    im = Image.open(io.BytesIO(data))
    if im.width * im.height > max_pixels:
        return None
    if im.format == "JPEG":
        # Decode reduced when the page shows it small (a 600 dpi scan on a 200 dpi page).
        im.draft("RGB", (max(1, want[0]), max(1, want[1])))
    transparent = im.mode in ("RGBA", "LA", "PA") or "transparency" in im.info
    im.load()
    return im.convert("RGBA") if transparent else im.convert("RGB").convert("RGBA")


def _render_ofd_picture(data: bytes, want: tuple[int, int]) -> Image.Image | None:
    """A seal picture that is itself an OFD package: its first page, paper transparent."""
    with OfdPackage(data) as pkg:
        doc = open_document(pkg)
        page = read_page(doc, doc.pages[0])
        dpi = 25.4 * max(want[0] / max(page.width, 1e-3), want[1] / max(page.height, 1e-3))
        arr = PageRenderer(pkg, nested=True, max_pixels=min(MAX_RENDER_PIXELS, 4_000_000)
                           ).render(page, min(dpi, 600))
    alpha = np.where(arr.min(axis=2) >= _PAPER, 0, 255).astype(np.uint8)
    return Image.fromarray(np.dstack([arr, alpha]), "RGBA")


def render_file_page(path: Path, number: int, dpi: float,
                     max_pixels: int = MAX_RENDER_PIXELS) -> Image.Image:
    """One page of an OFD file as the reader sees it (annotations and seals drawn):
    for review-page crops of text pages, whose boxes are in points (×dpi/72)."""
    with OfdPackage(path) as pkg:
        doc = open_document(pkg)
        if not 1 <= number <= len(doc.pages):
            raise UnreadableFileError("OFD 页码超出范围", str(number))
        ref = doc.pages[number - 1]
        sigs = read_signatures(doc)
        overlays = annotation_items(doc).get(ref.id or "", []) + sigs.stamps.get(ref.id or "", [])
        page = read_page(doc, ref, overlays)
        return Image.fromarray(PageRenderer(pkg, max_pixels=max_pixels).render(page, dpi))
