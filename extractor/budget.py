"""The resource limits of :mod:`models.limits` as extractors apply them, decided before
the expensive step: how large a page may be rendered, whether one more page may be OCR'd
in this dossier, whether a page loop must stop for time, how much text a document keeps.

Every limit reached leaves a :class:`models.limits.LimitHit` in Chinese saying what was
skipped or scaled down (on the document, or on ``ctx.run_limit_hits`` for the dossier).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from models import Document
from models.limits import LimitHit, Limits

if TYPE_CHECKING:
    from extractor.base import ExtractContext

# A page side beyond this is no paper anyone prints (PDF's own limit is 200 inches);
# such a page is not rendered at all.
MAX_PAGE_INCHES = 200.0
# Files named in one run-level message before "等".
_NAMES_SHOWN = 10


def _mb(n: int) -> str:
    return f"{n / (1 << 20):g}"


def _names(names: list[str]) -> str:
    shown = "、".join(names[:_NAMES_SHOWN])
    return shown + (f" 等 {len(names)} 个文件" if len(names) > _NAMES_SHOWN else "")


# --- page renders -----------------------------------------------------------------------

@dataclass(frozen=True)
class RenderFit:
    """How to render one page: ``scale`` (pixels per point) to use, or ``refused`` when
    the page must not be rendered; ``hit`` says what was done, when anything was."""

    scale: float
    refused: bool = False
    hit: LimitHit | None = None


def fit_render(width_pt: float, height_pt: float, scale: float, max_pixels: int,
               page: int | None = None) -> RenderFit:
    """The scale at which a ``width_pt``×``height_pt`` page (PDF points) renders to at
    most ``max_pixels`` pixels; a page with a side over ``MAX_PAGE_INCHES`` is refused."""
    w_in, h_in = abs(width_pt) / 72.0, abs(height_pt) / 72.0
    where = f"第 {page} 页" if page is not None else "页面"
    if not (math.isfinite(w_in) and math.isfinite(h_in)) or max(w_in, h_in) > MAX_PAGE_INCHES:
        return RenderFit(0.0, refused=True, hit=LimitHit(
            kind="page_pixels", limit=max_pixels, page=page,
            found=None if not math.isfinite(w_in * h_in) else round(w_in * h_in * 72 * 72 * scale * scale),
            message=f"{where}页面尺寸异常（{w_in:.0f}×{h_in:.0f} 英寸，超过 {MAX_PAGE_INCHES:g} 英寸），"
                    "未渲染识别"))
    w_px, h_px = max(1.0, width_pt * scale), max(1.0, height_pt * scale)
    pixels = w_px * h_px
    if pixels <= max_pixels:
        return RenderFit(scale)
    k = math.sqrt(max_pixels / pixels) * 0.999  # rounding must not push it over
    new = scale * k
    dpi, new_dpi = scale * 72.0, new * 72.0
    return RenderFit(new, hit=LimitHit(
        kind="page_pixels", limit=max_pixels, found=round(pixels), page=page,
        message=f"{where}页面过大（{w_in:.0f}×{h_in:.0f} 英寸，按 {dpi:.0f} dpi 为 "
                f"{w_px:.0f}×{h_px:.0f} 像素），已降至约 {new_dpi:.0f} dpi"
                f"（{w_px * k:.0f}×{h_px * k:.0f} 像素）后读取"))


def add_hit(doc: Document, hit: LimitHit | None) -> None:
    """Record a hit once (a page rendered twice at the same size is one hit)."""
    if hit is None:
        return
    for h in doc.limit_hits:
        if h.kind == hit.kind and h.page == hit.page:
            return
    doc.limit_hits.append(hit)


# --- decoded images ---------------------------------------------------------------------

def apply_pillow_limit(max_pixels: int) -> None:
    """Pillow's decompression-bomb limit set to ``Limits.max_image_pixels``, the same for
    every image opened while reading (scans, pictures in OFD and Word files): Pillow warns
    above it and refuses above twice it; the image extractor refuses above it."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = max_pixels


# --- pages per file ---------------------------------------------------------------------

def pages_hit(total: int, limits: Limits) -> LimitHit:
    return LimitHit(kind="pages", limit=limits.max_pages, found=total,
                    message=f"文件共 {total} 页，超过上限 {limits.max_pages} 页，"
                            f"仅读取前 {limits.max_pages} 页")


# --- time -------------------------------------------------------------------------------

def time_hit(read: int, total: int | None, limits: Limits) -> LimitHit:
    rest = f"（共 {total} 页，其余 {total - read} 页未读取）" if total else "，其余页未读取"
    return LimitHit(kind="document_seconds", limit=limits.document_seconds,
                    found=total, page=read + 1 if total is None or read < total else None,
                    message=f"读取超时，仅读取了前 {read} 页{rest}")


# --- OCR pages per dossier --------------------------------------------------------------

def take_ocr_page(ctx: ExtractContext, path: str) -> bool:
    """True when one more page may be OCR'd in this dossier (and counts it); otherwise
    counts the page as skipped for ``path`` and keeps the one run-level hit up to date."""
    limit = ctx.limits.max_ocr_pages
    used = int(ctx.stats.get("ocr_budget_used", 0))
    if used < limit:
        ctx.stats["ocr_budget_used"] = used + 1
        return True
    skipped = ctx.ocr_skipped
    skipped[path] = skipped.get(path, 0) + 1
    total = sum(skipped.values())
    ctx.stats["ocr_budget_skipped"] = total
    files = [f"{p}（{n} 页）" for p, n in skipped.items()]
    message = (f"整套材料已识别（OCR）{limit} 页，达到上限，其余 {total} 页未识别：{_names(files)}")
    for hit in ctx.run_limit_hits:
        if hit.kind == "ocr_pages":
            hit.found, hit.message = limit + total, message
            break
    else:
        ctx.run_limit_hits.append(LimitHit(kind="ocr_pages", limit=limit, found=limit + total,
                                           message=message))
    return False


# --- text per document ------------------------------------------------------------------

def cap_text(doc: Document, limits: Limits) -> None:
    """Keep the first ``max_text_chars`` characters of the document's text, cutting its
    pages and blocks (and the tables, tick boxes and label/value pairs past the cut), so
    every matcher downstream works on a bounded document."""
    budget = limits.max_text_chars
    total = sum(len(b.text) for p in doc.pages for b in p.blocks)
    if total <= budget:
        return
    all_refs = {b.table_index for p in doc.pages for b in p.blocks if b.table_index is not None}
    left = budget
    kept_pages = []
    cut_page: int | None = None
    for page in doc.pages:
        if cut_page is not None:
            break
        blocks = []
        for b in page.blocks:
            if left <= 0:
                cut_page = page.number
                break
            if len(b.text) > left:
                b.text = b.text[:left]
                cut_page = page.number
            left -= len(b.text)
            blocks.append(b)
        page.blocks = blocks
        kept_pages.append(page)
        if left <= 0 and cut_page is None:
            cut_page = page.number
    doc.pages = kept_pages
    last = kept_pages[-1].number if kept_pages else 0
    kept_refs = {b.table_index for p in kept_pages for b in p.blocks if b.table_index is not None}
    # A table stays when its text is kept, or when no text refers to it and its page is.
    doc.tables = [t for t in doc.tables
                  if t.index in kept_refs or (t.index not in all_refs and t.page <= last)]
    _cap_table_text(doc, budget)
    doc.checkboxes = [c for c in doc.checkboxes if c.page <= last][:budget // 10]
    doc.key_values = [kv for kv in doc.key_values if kv.page <= last][:budget // 10]
    doc.limit_hits.append(LimitHit(
        kind="text_chars", limit=budget, found=total,
        message=f"文字内容过长（约 {total} 字），仅核查前 {budget} 字"))


def _cap_table_text(doc: Document, budget: int) -> None:
    """Tables hold their text a second time (cells); their cells share the same budget."""
    left = budget
    kept = []
    for t in doc.tables:
        size = sum(len(c.text) for c in t.cells)
        if size > left:
            break
        left -= size
        kept.append(t)
    doc.tables = kept
