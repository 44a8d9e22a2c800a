"""PDF files: the text layer with positions (pypdfium2), ruled tables (pdfplumber's
geometry, pdfium's text), and OCR for pages without a usable text layer.

A page is OCR'd when it has no text, when its text is garbled (fonts without a Unicode
map give private-use, replacement or control characters), or when it is mostly a picture
whose text layer does not cover it (a scan with a typed header). Pages are rendered one
at a time and dropped after OCR, so a 300-page scan never sits in memory whole.

Coordinates: text-layer pages are in PDF points, scanned pages in pixels of the render
at ``ctx.render_dpi``; both with the origin at the top left of the page as displayed.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from extractor.base import ExtractContext, UnreadableFileError, new_document
from extractor.ocr.base import OcrLine
from extractor.ocr.page_marks import PLEDGE_TEXT, page_marks
from extractor.ocr.page_ocr import locate_cell, ocr_page
from extractor.ocr.text_geometry import is_cjk, smart_join
from models import Block, Cell, Document, Page, Table
from models.location import BBoxTuple

log = logging.getLogger(__name__)

# Below this many visible characters a page has no usable text layer.
MIN_TEXT_CHARS = 10
# Share of characters that must be plausible text (CJK, ASCII, common punctuation).
MIN_GOOD_RATIO = 0.7
# Share of the page covered by images above which a page counts as a picture.
IMAGE_PAGE_COVERAGE = 0.5
# Split a text line where the gap between characters exceeds this many font heights
# (a label and its value far apart on a form, two columns).
LINE_GAP_EMS = 3.0
# A page with this many vector paths and hardly any text has its text drawn as outlines.
OUTLINED_TEXT_PATHS = 300
# pdfium error codes on load.
FPDF_ERR_PASSWORD = 4
FPDF_ERR_SECURITY = 5


@dataclass
class _Char:
    text: str
    box: BBoxTuple  # displayed page frame, points, top-left origin
    generated: bool
    bad: bool
    # The same box before the page's /Rotate: text runs left to right here, so lines
    # are built in this frame.
    flat: BBoxTuple = (0.0, 0.0, 0.0, 0.0)


@dataclass
class _PageText:
    chars: list[_Char] = field(default_factory=list)
    visible: int = 0
    good: int = 0

    @property
    def usable(self) -> bool:
        return self.visible >= MIN_TEXT_CHARS and self.good >= MIN_GOOD_RATIO * self.visible


def _is_good_char(ch: str) -> bool:
    cp = ord(ch)
    if is_cjk(ch) or (0x20 < cp < 0x7F):
        return True
    return (0x3000 <= cp <= 0x303F or 0xFF00 <= cp <= 0xFFEF or 0x2000 <= cp <= 0x206F
            or 0x2460 <= cp <= 0x24FF or 0x25A0 <= cp <= 0x27BF or cp in (0xB7, 0xD7, 0xB0))


def _is_bad_char(ch: str) -> bool:
    cp = ord(ch)
    return (cp == 0xFFFD or 0xE000 <= cp <= 0xF8FF or cp < 0x20 or 0x7F <= cp < 0xA0
            or 0xF0000 <= cp)


class _Frame:
    """PDF user space → displayed page frame (top-left origin, rotation applied)."""

    def __init__(self, page: Any) -> None:
        left, bottom, right, top = page.get_cropbox()
        self.left, self.bottom, self.right, self.top = left, bottom, right, top
        self.media_top = page.get_mediabox()[3]
        self.rotation = page.get_rotation() % 360
        w, h = right - left, top - bottom
        self.width, self.height = (h, w) if self.rotation in (90, 270) else (w, h)

    def point(self, x: float, y: float) -> tuple[float, float]:
        if self.rotation == 90:
            return y - self.bottom, x - self.left
        if self.rotation == 180:
            return self.right - x, y - self.bottom
        if self.rotation == 270:
            return self.top - y, self.right - x
        return x - self.left, self.top - y

    def from_plumber(self, b: tuple[float, float, float, float]) -> BBoxTuple:
        """pdfplumber's (x0, top, x1, bottom) → this frame. pdfplumber measures the
        displayed page from the MediaBox; this frame starts at the CropBox. (For rotated
        pages with a CropBox smaller than the MediaBox the offset is not applied.)"""
        x0, top, x1, bottom = b
        if self.rotation == 0:
            dx = self.left
            dy = self.media_top - self.top
            return (x0 - dx, top - dy, x1 - dx, bottom - dy)
        return (float(x0), float(top), float(x1), float(bottom))

    def flat_box(self, left: float, bottom: float, right: float, top: float) -> BBoxTuple:
        """Top-left frame ignoring /Rotate."""
        return (left - self.left, self.top - top, right - self.left, self.top - bottom)

    def box(self, left: float, bottom: float, right: float, top: float) -> BBoxTuple:
        xa, ya = self.point(left, bottom)
        xb, yb = self.point(right, top)
        return (min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb))


def _read_chars(textpage: Any, frame: _Frame) -> _PageText:
    import pypdfium2.raw as pdfium_c

    out = _PageText()
    n = textpage.count_chars()
    for i in range(n):
        code = pdfium_c.FPDFText_GetUnicode(textpage, i)
        ch = chr(code) if 0 < code < 0x110000 else "\ufffd"
        generated = bool(pdfium_c.FPDFText_IsGenerated(textpage, i) == 1)
        if ch.isspace() or generated:
            out.chars.append(_Char(ch, (0, 0, 0, 0), True, False))
            continue
        bad = _is_bad_char(ch) or pdfium_c.FPDFText_HasUnicodeMapError(textpage, i) == 1
        try:
            left, bottom, right, top = textpage.get_charbox(i, loose=True)
        except Exception:
            left, bottom, right, top = textpage.get_charbox(i)
        out.chars.append(_Char(ch, frame.box(left, bottom, right, top), False, bad,
                               frame.flat_box(left, bottom, right, top)))
        out.visible += 1
        if not bad and _is_good_char(ch):
            out.good += 1
    return out


CellRef = tuple[int, int, int]  # (table index, row, col)


def _assign_cells(chars: list[_Char], cells: list[tuple[CellRef, BBoxTuple]]
                  ) -> list[CellRef | None]:
    """The table cell holding each character's centre (None outside tables)."""
    out: list[CellRef | None] = [None] * len(chars)
    if not cells or not chars:
        return out
    boxes = np.array([c.box for c in chars], dtype=float)
    cx, cy = (boxes[:, 0] + boxes[:, 2]) / 2, (boxes[:, 1] + boxes[:, 3]) / 2
    visible = np.array([not (c.generated or c.text.isspace()) for c in chars])
    for ref, (x0, y0, x1, y1) in cells:
        for i in np.flatnonzero(visible & (cx >= x0) & (cx <= x1) & (cy >= y0) & (cy <= y1)):
            if out[i] is None:
                out[i] = ref
    return out


def _chars_by_cell(chars: list[_Char], refs: list[CellRef | None]
                   ) -> dict[CellRef, list[_Char]]:
    """Characters of each cell in stream order, with the spaces between two characters
    of the same cell kept (so "OPC UA" stays two words)."""
    out: dict[CellRef, list[_Char]] = {}
    last: CellRef | None = None
    pending: list[_Char] = []
    for ch, ref in zip(chars, refs):
        if ch.generated or ch.text.isspace():
            pending.append(ch)
            continue
        if ref is not None:
            if ref == last:
                out[ref].extend(pending)
            out.setdefault(ref, []).append(ch)
        pending = []
        last = ref
    return out


def _build_lines(chars: list[_Char], refs: list[CellRef | None] | None = None
                 ) -> list[tuple[str, BBoxTuple]]:
    """Text lines from pdfium's character stream: break at its line breaks, at jumps
    to another baseline, at wide gaps and where a table cell boundary is crossed.
    Geometry is judged in the unrotated frame; bboxes are given in the displayed one."""
    lines: list[tuple[str, BBoxTuple]] = []
    cur: list[_Char] = []
    cur_cell: CellRef | None = None
    pending_space = False

    def flush() -> None:
        nonlocal cur
        if cur:
            text = "".join(c.text for c in cur).strip()
            if text:
                box = (min(c.box[0] for c in cur), min(c.box[1] for c in cur),
                       max(c.box[2] for c in cur), max(c.box[3] for c in cur))
                lines.append((text, box))
        cur = []

    for i, ch in enumerate(chars):
        cell = refs[i] if refs else None
        if ch.generated or ch.text.isspace():
            if ch.text in "\r\n":
                flush()
                pending_space = False
            elif cur:
                pending_space = True
            continue
        if cur:
            last = cur[-1]
            height = max(1.0, last.flat[3] - last.flat[1])
            cy = (ch.flat[1] + ch.flat[3]) / 2
            ly0, ly1 = min(c.flat[1] for c in cur), max(c.flat[3] for c in cur)
            new_row = not (ly0 <= cy <= ly1)
            gap = ch.flat[0] - last.flat[2]
            if new_row or gap > LINE_GAP_EMS * height or gap < -2 * height \
                    or cell != cur_cell:
                flush()
                pending_space = False
            elif pending_space:
                cur.append(_Char(" ", last.box, True, False, last.flat))
        if not cur:
            cur_cell = cell
        pending_space = False
        cur.append(ch)
    flush()
    return lines


def _plumber_tables(plumber_page: Any, frame: _Frame, chars: list[_Char], page_no: int,
                    start_index: int) -> list[Table]:
    """Ruled tables: pdfplumber finds the cell geometry, text comes from pdfium's chars
    (pdfminer turns CID fonts without a Unicode map into "(cid:123)")."""
    tables: list[Table] = []
    try:
        found = plumber_page.find_tables()
    except Exception as exc:  # pdfminer trips over odd content streams pdfium reads
        log.debug("pdfplumber find_tables failed on page %s: %s", page_no, exc)
        return tables
    for ft in found:
        rows = list(ft.rows)
        if not rows:
            continue
        n_cols = max(len(r.cells) for r in rows)
        n_rows = len(rows)
        if n_rows * n_cols < 2:
            continue
        xs = sorted({round(b[0], 1) for r in rows for b in r.cells if b is not None})
        ys = sorted({round(r.bbox[1], 1) for r in rows})
        cells: list[Cell] = []
        anchors: dict[tuple[int, int], Cell] = {}
        covered: dict[tuple[int, int], tuple[int, int]] = {}
        for r, row in enumerate(rows):
            for c, b in enumerate(row.cells):
                if b is None:
                    continue
                col_span = max(1, sum(1 for x in xs if b[0] - 0.5 <= x < b[2] - 0.5))
                row_span = max(1, sum(1 for y in ys if b[1] - 0.5 <= y < b[3] - 0.5))
                cell = Cell(text="", row=r, col=c, row_span=row_span, col_span=col_span,
                            bbox=frame.from_plumber(b))
                anchors[(r, c)] = cell
                cells.append(cell)
                for rr in range(r, min(n_rows, r + row_span)):
                    for cc in range(c, min(n_cols, c + col_span)):
                        if (rr, cc) != (r, c):
                            covered.setdefault((rr, cc), (r, c))
        index = start_index + len(tables)
        refs = _assign_cells(chars, [((index, a.row, a.col), a.bbox) for a in anchors.values()
                                     if a.bbox is not None])
        for (_, r, c), members in _chars_by_cell(chars, refs).items():
            anchors[(r, c)].text = smart_join([t for t, _ in _build_lines(members)])
        for r in range(n_rows):
            for c in range(n_cols):
                if (r, c) in anchors:
                    continue
                src = covered.get((r, c))
                if src is None:
                    continue
                a = anchors[src]
                cells.append(Cell(text=a.text, row=r, col=c, merged_from=src, bbox=a.bbox))
        cells.sort(key=lambda c: (c.row, c.col))
        tables.append(Table(index=index, page=page_no,
                            bbox=frame.from_plumber(ft.bbox), source="text", n_rows=n_rows,
                            n_cols=n_cols, cells=cells))
    return tables


def _image_coverage(page: Any, frame: _Frame) -> tuple[float, list[BBoxTuple]]:
    import pypdfium2.raw as pdfium_c

    rects: list[BBoxTuple] = []
    try:
        for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4):
            left, bottom, right, top = obj.get_bounds()
            rects.append(frame.box(left, bottom, right, top))
    except Exception:
        return 0.0, []
    area = max(1.0, frame.width * frame.height)
    covered = sum(max(0.0, min(r[2], frame.width) - max(r[0], 0.0))
                  * max(0.0, min(r[3], frame.height) - max(r[1], 0.0)) for r in rects)
    return min(1.0, covered / area), rects


def _count_paths(page: Any, cap: int = OUTLINED_TEXT_PATHS) -> int:
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


def needs_ocr(text: _PageText, coverage: float, image_rects: list[BBoxTuple],
              n_paths: int) -> str | None:
    """Why this page must be OCR'd, or None when its text layer is usable."""
    if text.visible < MIN_TEXT_CHARS:
        # Little or no text: a scan, or text drawn as outlines (many paths). A page that
        # is simply short or blank keeps its text layer.
        if coverage >= 0.3 or n_paths >= OUTLINED_TEXT_PATHS:
            return "no_text"
        return None
    if not text.usable:
        return "garbled"
    if coverage >= IMAGE_PAGE_COVERAGE:
        on_image = sum(1 for c in text.chars if not c.generated and any(
            r[0] <= (c.box[0] + c.box[2]) / 2 <= r[2] and r[1] <= (c.box[1] + c.box[3]) / 2
            <= r[3] for r in image_rects))
        # An invisible OCR layer sits on the scan; a typed header sits beside it.
        if on_image < 0.2 * text.visible:
            return "image_page"
    return None


class PdfExtractor:
    name = "pdf"
    media_type = "application/pdf"

    def sniff(self, head: bytes, suffix: str) -> bool:
        # The header may follow some junk bytes; readers accept it within the first 1 KiB.
        return b"%PDF-" in head[:1024]

    def _open(self, path: Path) -> Any:
        import pypdfium2 as pdfium

        try:
            return pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            code = getattr(exc, "err_code", None)
            if code in (FPDF_ERR_PASSWORD, FPDF_ERR_SECURITY):
                raise UnreadableFileError("PDF 已加密，无法读取", str(exc)) from exc
            raise UnreadableFileError("PDF 文件已损坏", str(exc)) from exc

    def extract(self, path: Path, rel_path: str, ctx: ExtractContext) -> Document:
        doc = new_document(path, rel_path, self.media_type)
        pdf = self._open(path)
        plumber = None
        try:
            n_pages = len(pdf)
            if n_pages == 0:
                raise UnreadableFileError("PDF 文件已损坏", "no pages")
            doc.metadata["pdf_pages"] = str(n_pages)
            ocr_reasons: list[str] = []
            skipped: list[str] = []
            for i in range(n_pages):
                try:
                    page = pdf[i]
                except Exception as exc:
                    if i == 0:
                        raise UnreadableFileError("PDF 文件已损坏", str(exc)) from exc
                    doc.metadata["broken_pages"] = ",".join(
                        filter(None, [doc.metadata.get("broken_pages"), str(i + 1)]))
                    doc.pages.append(Page(number=i + 1))
                    continue
                try:
                    frame = _Frame(page)
                    textpage = page.get_textpage()
                    try:
                        text = _read_chars(textpage, frame)
                    finally:
                        textpage.close()
                    coverage, rects = _image_coverage(page, frame)
                    n_paths = _count_paths(page)
                    reason = needs_ocr(text, coverage, rects, n_paths)
                    if reason is None:
                        # pdfplumber (slow) only where rules are drawn: its table finder
                        # works from lines, so a page without paths has no table for it.
                        if plumber is None and n_paths >= 4:
                            plumber = _open_plumber(path)
                        self._text_page(doc, page, i + 1, frame, text,
                                        plumber if n_paths >= 4 else None, ctx, rects)
                    elif ctx.ocr is None:
                        skipped.append(str(i + 1))
                        self._text_page(doc, page, i + 1, frame, text, None, ctx, rects)
                    else:
                        ocr_reasons.append(f"{i + 1}:{reason}")
                        self._ocr_page(doc, page, i + 1, ctx)
                finally:
                    page.close()
            if ocr_reasons:
                doc.metadata["ocr_pages"] = ",".join(ocr_reasons)
            if skipped:
                doc.metadata["ocr_skipped_pages"] = ",".join(skipped)
        finally:
            if plumber not in (None, False):
                plumber.close()
            pdf.close()
        return doc

    def _text_page(self, doc: Document, page: Any, number: int, frame: _Frame,
                   text: _PageText, plumber: Any, ctx: ExtractContext,
                   image_rects: list[BBoxTuple]) -> None:
        ctx.bump("pages_text")
        # Pictures a quarter of the page wide or more: screenshots and photos placed in the
        # exported document (seals and logos are smaller).
        wide = sum(1 for r in image_rects if r[2] - r[0] >= 0.25 * frame.width)
        if wide:
            doc.metadata["pictures"] = str(int(doc.metadata.get("pictures", "0")) + wide)
        tables: list[Table] = []
        if plumber:
            try:
                pp = plumber.pages[number - 1]
                tables = _plumber_tables(pp, frame, [c for c in text.chars if not c.bad],
                                         number, len(doc.tables))
                pp.close()
            except Exception as exc:
                log.debug("pdfplumber failed on page %s: %s", number, exc)
        cells = [((t.index, c.row, c.col), c.bbox) for t in tables for c in t.cells
                 if c.merged_from is None and c.bbox is not None]
        blocks: list[Block] = []
        # Characters with no Unicode meaning (private use, U+FFFD) are dropped.
        chars = [c for c in text.chars if not c.bad]
        for line_text, box in _build_lines(chars, _assign_cells(chars, cells)):
            where = locate_cell(tables, box)
            blocks.append(Block(text=line_text, page=number, bbox=tuple(round(v, 2) for v in box),
                                kind="line", source="text",
                                table_index=where[0] if where else None,
                                row=where[1] if where else None,
                                col=where[2] if where else None))
        pg = Page(number=number, width=round(frame.width, 2), height=round(frame.height, 2),
                  blocks=blocks)
        if PLEDGE_TEXT.search("".join(b.text for b in blocks)):
            pg.marks = _text_page_marks(page, frame, blocks)
        doc.pages.append(pg)
        doc.tables.extend(tables)

    def _ocr_page(self, doc: Document, page: Any, number: int, ctx: ExtractContext) -> None:
        bitmap = page.render(scale=ctx.render_dpi / 72.0, rev_byteorder=True)
        try:
            pil = bitmap.to_pil().convert("RGB")
        finally:
            bitmap.close()
        image = np.asarray(pil)
        del pil
        res = ocr_page(image, number, ctx, table_start=len(doc.tables),
                       try_rotations=False, image_stem=doc.sha256[:16])
        doc.pages.append(res.page)
        doc.tables.extend(res.tables)
        doc.checkboxes.extend(res.checkboxes)


def _text_page_marks(page: Any, frame: _Frame, blocks: list[Block], dpi: int = 100) -> list:
    """Seals and signatures on a text-layer page (an electronic seal image or a signature
    drawn on an exported PDF). The text layer stands in for OCR lines, so ink beside a
    signature label that no text explains is a signature. Boxes are converted back to the
    page's points so they match the text blocks."""
    bitmap = page.render(scale=dpi / 72.0, rev_byteorder=True)
    try:
        image = np.asarray(bitmap.to_pil().convert("RGB"))
    finally:
        bitmap.close()
    k = 72.0 / dpi
    lines = [OcrLine(text=b.text, bbox=tuple(v / k for v in b.bbox), confidence=1.0)
             for b in blocks if b.bbox is not None and b.text.strip()]
    marks = page_marks(image, lines)
    for m in marks:
        m.origin = "embedded"
        if m.bbox is not None:
            m.bbox = tuple(round(v * k, 2) for v in m.bbox)
    return marks


def _open_plumber(path: Path) -> Any:
    """pdfplumber on the same file, or False when pdfminer cannot parse it (tables are
    then skipped; the text layer from pdfium is still used)."""
    try:
        import pdfplumber

        return pdfplumber.open(str(path))
    except Exception as exc:
        log.debug("pdfplumber cannot open %s: %s", path, exc)
        return False

