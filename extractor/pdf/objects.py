"""What pdfium says about a page's objects: how much of it is picture, how many vector
paths it draws, and for each text object whether a reader can see it and which font
draws it.

Scanner software (OCRmyPDF, ABBYY, the scanners' own PDF writers) puts its OCR text on
top of the page image in text render mode 3 ("invisible"), or draws it first and lays
the opaque scan over it, or clips it away. Such text is searchable but not what the page
shows, so the extractor must know which characters are hidden and why.
"""
from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass
from typing import Any

from extractor.checkmarks import is_symbol_font
from extractor.pdf.frame import PageFrame
from models.location import BBoxTuple

# A page with this many vector paths and hardly any text has its text drawn as outlines.
OUTLINED_TEXT_PATHS = 300
# PDF text render modes (PDF 32000-1 table 106) that paint nothing.
_INVISIBLE_MODES = frozenset({3, 7})
_FILL_MODES = frozenset({0, 2, 4, 6})
_STROKE_MODES = frozenset({1, 2, 5, 6})
# An image over a text object hides it when it covers this share of the text's box;
# only page-sized images count (a seal picture over 申报单位 is a stamp, not a scan).
_COVERED_SHARE = 0.9
_COVERING_IMAGE_SHARE = 0.5

Rect = tuple[float, float, float, float]  # PDF user space: left, bottom, right, top


@dataclass(frozen=True)
class TextObjectInfo:
    # Why nothing of it shows: "invisible" (render mode 3/7), "transparent" (alpha 0),
    # "covered" (a page image drawn over it), "clipped" (outside its clip path or the
    # page); None when it shows.
    hidden: str | None
    # checkmarks' name of a symbol font (Wingdings, Wingdings 2, Symbol), else None.
    symbol_font: str | None


def address(handle: Any) -> int:
    """A pdfium object handle as an integer, to match the same object reached two ways
    (the page's object list and the text page's character → object link)."""
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def image_coverage(page: Any, frame: PageFrame) -> tuple[float, list[BBoxTuple]]:
    """Share of the page covered by images, and their boxes in the displayed frame."""
    import pypdfium2.raw as pdfium_c

    rects: list[BBoxTuple] = []
    try:
        for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4):
            left, bottom, right, top = obj.get_bounds()
            rects.append(frame.box(left, bottom, right, top))
    except Exception:
        return 0.0, []
    covered = sum(max(0.0, min(r[2], frame.width) - max(r[0], 0.0))
                  * max(0.0, min(r[3], frame.height) - max(r[1], 0.0)) for r in rects)
    return min(1.0, covered / frame.area), rects


def count_paths(page: Any, cap: int = OUTLINED_TEXT_PATHS) -> int:
    """Vector path objects on the page, counted up to ``cap``."""
    import pypdfium2.raw as pdfium_c

    n = 0
    try:
        for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=4):
            n += 1
            if n >= cap:
                break
    except Exception:
        return cap
    return n


_SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")
_STYLE_SUFFIX = re.compile(r"[-,](regular|roman|normal|book|mt|psmt)$")


def symbol_font_key(base_name: str | None) -> str | None:
    """A PDF font's BaseFont ("ABCDEF+Wingdings2", "Wingdings-Regular", "SymbolMT") →
    the symbol-font name :mod:`extractor.checkmarks` knows ("wingdings 2"), or None."""
    if not base_name:
        return None
    name = _SUBSET_PREFIX.sub("", base_name.strip()).lower()
    name = _STYLE_SUFFIX.sub("", name)
    name = re.sub(r"(mt|ps)$", "", name)
    compact = re.sub(r"[^a-z0-9]", "", name)
    key = {"wingdings": "wingdings", "wingdings2": "wingdings 2", "symbol": "symbol"}.get(compact)
    return key if key and is_symbol_font(key) else None


def _font_name(obj: Any) -> str | None:
    import pypdfium2.raw as pdfium_c

    font = pdfium_c.FPDFTextObj_GetFont(obj)
    if not font:
        return None
    buf = ctypes.create_string_buffer(256)
    n = pdfium_c.FPDFFont_GetBaseFontName(font, buf, len(buf))
    if n <= 0:
        return None
    return buf.value.decode("latin-1", "replace")


def _alpha(getter: Any, obj: Any) -> int:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not getter(obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)):
        return 255
    return int(a.value)


def _clip_rect(obj: Any) -> Rect | None:
    """The box the object's clip path leaves open (intersection of its paths' boxes),
    in page space; None without a clip path."""
    import pypdfium2.raw as pdfium_c

    clip = pdfium_c.FPDFPageObj_GetClipPath(obj)
    if not clip:
        return None
    n_paths = pdfium_c.FPDFClipPath_CountPaths(clip)
    if n_paths <= 0:
        return None
    region: Rect | None = None
    x, y = ctypes.c_float(), ctypes.c_float()
    for i in range(n_paths):
        xs: list[float] = []
        ys: list[float] = []
        for j in range(max(0, pdfium_c.FPDFClipPath_CountPathSegments(clip, i))):
            seg = pdfium_c.FPDFClipPath_GetPathSegment(clip, i, j)
            if seg and pdfium_c.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
                xs.append(x.value)
                ys.append(y.value)
        if not xs:
            # A clip made of text (render mode 7) has no segments here: not judged.
            continue
        box = (min(xs), min(ys), max(xs), max(ys))
        region = box if region is None else (max(region[0], box[0]), max(region[1], box[1]),
                                             min(region[2], box[2]), min(region[3], box[3]))
    return region


def _overlap(a: Rect, b: Rect) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def text_objects(page: Any, frame: PageFrame) -> dict[int, TextObjectInfo]:
    """Every text object on the page (forms included) by :func:`address`."""
    import pypdfium2.raw as pdfium_c

    texts: list[tuple[int, Any, int, Rect | None]] = []  # (z, raw, level, bounds)
    images: list[tuple[int, Rect]] = []
    page_rect: Rect = (frame.left, frame.bottom, frame.right, frame.top)
    try:
        for z, obj in enumerate(page.get_objects(max_depth=4)):
            if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
                try:
                    bounds: Rect | None = tuple(obj.get_bounds())
                except Exception:
                    bounds = None
                texts.append((z, obj.raw, obj.level, bounds))
            elif obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE and obj.level == 0:
                b = tuple(obj.get_bounds())
                if _overlap(b, page_rect) >= _COVERING_IMAGE_SHARE * frame.area:
                    images.append((z, b))
    except Exception:
        return {}
    out: dict[int, TextObjectInfo] = {}
    for z, raw, level, bounds in texts:
        out[address(raw)] = TextObjectInfo(_hidden_reason(raw, level, bounds, z, images, page_rect),
                                           symbol_font_key(_font_name(raw)))
    return out


def _hidden_reason(raw: Any, level: int, bounds: Rect | None, z: int,
                   images: list[tuple[int, Rect]], page_rect: Rect) -> str | None:
    import pypdfium2.raw as pdfium_c

    mode = pdfium_c.FPDFTextObj_GetTextRenderMode(raw)
    if mode in _INVISIBLE_MODES:
        return "invisible"
    fill_seen = mode in _FILL_MODES and _alpha(pdfium_c.FPDFPageObj_GetFillColor, raw) > 0
    stroke_seen = mode in _STROKE_MODES and _alpha(pdfium_c.FPDFPageObj_GetStrokeColor, raw) > 0
    if mode in _FILL_MODES | _STROKE_MODES and not (fill_seen or stroke_seen):
        return "transparent"
    if bounds is None or level > 0:
        # Bounds of objects inside a form XObject are in the form's space: not judged.
        return None
    area = max(1e-6, (bounds[2] - bounds[0]) * (bounds[3] - bounds[1]))
    if _overlap(bounds, page_rect) <= 0:
        return "clipped"
    clip = _clip_rect(raw)
    if clip is not None and (clip[2] <= clip[0] or clip[3] <= clip[1] or _overlap(bounds, clip) <= 0):
        return "clipped"
    if any(iz > z and _overlap(bounds, ib) >= _COVERED_SHARE * area for iz, ib in images):
        return "covered"
    return None
