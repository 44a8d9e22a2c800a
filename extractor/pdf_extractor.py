"""PDF files: the text layer with positions (pypdfium2), ruled tables (pdfplumber's
geometry, pdfium's text), and OCR for pages whose text layer does not say what the page
shows.

A page is OCR'd when it has no text, when its text is garbled (fonts without a Unicode
map, mojibake), when it is a scan carrying an invisible OCR layer, or when it is mostly a
picture whose text layer does not cover it (a scan with a typed header); see
:mod:`extractor.pdf.layer_check`. Pages are rendered one at a time and dropped after
OCR, so a 300-page scan never sits in memory whole. Text-layer lines are built by
position, not stream order (:mod:`extractor.pdf.text_layer`), and tick marks in them
become :class:`models.Checkbox` entries as in Word files.

``metadata["text_layer"]`` says, for every page, what its text was read from: comma-
separated ``page:choice`` entries, e.g. ``1:text,2:ocr(hidden layer agrees 0.93)``.
Choices:

* ``text`` – the page's own text layer;
* ``ocr(no text layer)``, ``ocr(garbled text layer)``, ``ocr(image page)`` – OCR of the
  rendered page, for the reason given;
* ``ocr(hidden layer agrees S)`` / ``ocr(hidden layer disagrees S)`` – a scan with an
  invisible OCR layer, laid out from OCR of the image; S is the similarity of the hidden
  text to our OCR (0–1, agreement from 0.8, see :mod:`extractor.pdf.layer_compare`). A
  suffix `` +N lines`` says N unsure OCR lines took the hidden layer's characters;
* ``hidden(no ocr service)`` – such a scan read without OCR: the hidden layer is used as
  the page's text (better than nothing; tables and tick boxes in the image are lost);
* ``none(no ocr service)`` – the page needed OCR and none was available;
* ``none(page too large)`` / ``none(ocr page limit)`` (and ``hidden(...)`` alike) – the
  page needed OCR but a resource limit said no: a page side over 200 inches, or the
  dossier's ``max_ocr_pages`` spent (:mod:`extractor.budget`; each leaves a LimitHit).

At most ``Limits.max_pages`` pages are read, the loop stops when the document's deadline
passes, and a page is rendered at most ``Limits.max_page_pixels`` large (the dpi is
lowered to fit, with a LimitHit naming the page).

``ocr_pages`` keeps the short reason codes of OCR'd pages and ``ocr_skipped_pages`` the
pages that needed OCR without getting it (hidden-layer fallbacks included).

Coordinates: text-layer pages are in PDF points, OCR'd pages in pixels of the render at
``ctx.render_dpi`` (or the lower dpi a page over the pixel limit was rendered at); both
with the origin at the top left of the page as displayed.
"""
from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import Any

import numpy as np

from extractor.base import ExtractContext, UnreadableFileError, new_document
from extractor.budget import add_hit, fit_render, pages_hit, take_ocr_page, time_hit
from extractor.checkmarks import parse_marks
from extractor.ocr.base import OcrLine
from extractor.ocr.page_marks import PLEDGE_TEXT, page_marks
from extractor.ocr.page_ocr import land_page, locate_cell, ocr_page
from extractor.pdf.frame import PageFrame
from extractor.pdf.layer_check import needs_ocr
from extractor.pdf.layer_compare import HiddenChar, HiddenLayerReader
from extractor.pdf.objects import count_paths, image_coverage, text_objects
from extractor.pdf.ruled_tables import parse_drawing_only, plumber_tables
from extractor.pdf.text_layer import PageText, PdfChar, assign_cells, build_lines, read_chars
from models import Block, Checkbox, Document, Page, Table
from models.location import BBoxTuple, as_bbox

log = logging.getLogger(__name__)

# pdfium error codes on load.
FPDF_ERR_PASSWORD = 4
FPDF_ERR_SECURITY = 5

_OCR_CHOICE = {"no_text": "ocr(no text layer)", "garbled": "ocr(garbled text layer)",
               "image_page": "ocr(image page)"}


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
            choices: list[str] = []
            n_read = n_pages
            if n_pages > ctx.limits.max_pages:
                n_read = ctx.limits.max_pages
                doc.limit_hits.append(pages_hit(n_pages, ctx.limits))
            for i in range(n_read):
                if i > 0 and ctx.deadline.expired():
                    doc.limit_hits.append(time_hit(i, n_pages, ctx.limits))
                    break
                try:
                    page = pdf[i]
                except Exception as exc:
                    if i == 0:
                        raise UnreadableFileError("PDF 文件已损坏", str(exc)) from exc
                    doc.metadata["broken_pages"] = ",".join(
                        filter(None, [doc.metadata.get("broken_pages"), str(i + 1)]))
                    doc.pages.append(Page(number=i + 1))
                    choices.append(f"{i + 1}:none(broken page)")
                    continue
                try:
                    frame = PageFrame(page)
                    textpage = page.get_textpage()
                    try:
                        text = read_chars(textpage, frame, text_objects(page, frame))
                    finally:
                        textpage.close()
                    coverage, rects = image_coverage(page, frame)
                    n_paths = count_paths(page)
                    reason = needs_ocr(text, coverage, rects, n_paths)
                    number = i + 1
                    if reason is None:
                        # pdfplumber (slow) only where rules are drawn: its table finder
                        # works from lines, so a page without paths has no table for it.
                        if plumber is None and n_paths >= 4:
                            plumber = _open_plumber(path)
                        self._text_page(doc, page, number, frame, text.chars,
                                        plumber if n_paths >= 4 else None, rects, ctx)
                        choice = "text"
                    elif ctx.ocr is None or (why_not := self._no_ocr(doc, page, number, ctx)):
                        skipped.append(str(number))
                        if reason == "hidden_layer":
                            # The scan's own OCR is all there is; its page image is the
                            # scan, not a picture pasted into a document.
                            self._text_page(doc, page, number, frame, text.chars, None, [], ctx)
                            choice = f"hidden({why_not})" if ctx.ocr is not None else "hidden(no ocr service)"
                        else:
                            # A garbled layer is not passed on as text; a typed header
                            # beside a scan is.
                            kept = [] if reason == "garbled" else text.chars
                            self._text_page(doc, page, number, frame, kept, None, rects, ctx)
                            choice = f"none({why_not})" if ctx.ocr is not None else "none(no ocr service)"
                    else:
                        ocr_reasons.append(f"{number}:{reason}")
                        choice = self._ocr_page(doc, page, number, ctx, reason, text)
                    if reason == "hidden_layer":
                        ctx.bump("pages_hidden_layer")
                    choices.append(f"{number}:{choice}")
                finally:
                    page.close()
            if ocr_reasons:
                doc.metadata["ocr_pages"] = ",".join(ocr_reasons)
            if skipped:
                doc.metadata["ocr_skipped_pages"] = ",".join(skipped)
            doc.metadata["text_layer"] = ",".join(choices)
        finally:
            if plumber not in (None, False):
                plumber.close()
            pdf.close()
        return doc

    @staticmethod
    def _no_ocr(doc: Document, page: Any, number: int, ctx: ExtractContext) -> str | None:
        """Why a page that needs OCR is not OCR'd after all (a limit), or None: a page too
        large to render at all, or the dossier's OCR page budget spent."""
        w, h = page.get_size()
        fit = fit_render(w, h, ctx.render_dpi / 72.0, ctx.limits.max_page_pixels, number)
        if fit.refused:
            add_hit(doc, fit.hit)
            return "page too large"
        if not take_ocr_page(ctx, doc.path):
            return "ocr page limit"
        return None

    def _text_page(self, doc: Document, page: Any, number: int, frame: PageFrame,
                   all_chars: list[PdfChar], plumber: Any,
                   image_rects: list[BBoxTuple], ctx: ExtractContext) -> None:
        ctx.bump("pages_text")
        # Characters with no Unicode meaning (private use, U+FFFD) are dropped.
        chars = [c for c in all_chars if not c.bad]
        # Pictures a quarter of the page wide or more: screenshots and photos placed in the
        # exported document (seals and logos are smaller).
        wide = sum(1 for r in image_rects if r[2] - r[0] >= 0.25 * frame.width)
        if wide:
            doc.metadata["pictures"] = str(int(doc.metadata.get("pictures", "0")) + wide)
        tables: list[Table] = []
        if plumber:
            try:
                pp = plumber.pages[number - 1]
                parse_drawing_only(pp)
                tables = plumber_tables(pp, frame, chars, number, len(doc.tables))
                pp.close()
            except Exception as exc:
                log.debug("pdfplumber failed on page %s: %s", number, exc)
        checkboxes = _cell_checkboxes(tables)
        cells = [((t.index, c.row, c.col), c.bbox) for t in tables for c in t.cells
                 if c.merged_from is None and c.bbox is not None]
        blocks: list[Block] = []
        for raw, box in build_lines(chars, assign_cells(chars, cells)):
            line_text, marks = parse_marks(raw)
            where = locate_cell(tables, box)
            bbox = as_bbox(round(v, 2) for v in box)
            blocks.append(Block(text=line_text, page=number, bbox=bbox,
                                kind="line", source="text",
                                table_index=where[0] if where else None,
                                row=where[1] if where else None,
                                col=where[2] if where else None))
            if where is None:
                # Marks inside a table are read per cell, with the cell's whole text.
                checkboxes.extend(Checkbox(label=m.label, checked=m.checked, page=number,
                                           bbox=bbox, source="text") for m in marks)
        pg = Page(number=number, width=round(frame.width, 2), height=round(frame.height, 2),
                  blocks=_cells_together(blocks))
        if PLEDGE_TEXT.search("".join(b.text for b in blocks)) or \
                any(_seal_sized(r, frame.width) for r in image_rects):
            width, height = page.get_size()
            fit = fit_render(width, height, 100 / 72.0, ctx.limits.max_page_pixels, number)
            if fit.refused:
                add_hit(doc, fit.hit)
            else:
                # Scaled down silently: only the seal search sees this render.
                pg.marks = _text_page_marks(page, frame, blocks, dpi=fit.scale * 72.0)
        doc.pages.append(pg)
        doc.tables.extend(tables)
        doc.checkboxes.extend(checkboxes)

    def _ocr_page(self, doc: Document, page: Any, number: int, ctx: ExtractContext,
                  reason: str, text: PageText) -> str:
        """OCR the rendered page; returns its ``text_layer`` choice."""
        width, height = page.get_size()
        fit = fit_render(width, height, ctx.render_dpi / 72.0, ctx.limits.max_page_pixels, number)
        add_hit(doc, fit.hit)
        scale = fit.scale
        bitmap = page.render(scale=scale, rev_byteorder=True)
        try:
            pil = bitmap.to_pil().convert("RGB")
        finally:
            bitmap.close()
        image = np.asarray(pil)
        del pil
        reader: HiddenLayerReader | None = None
        run_ctx = ctx
        if reason == "hidden_layer":
            hidden: list[HiddenChar] = [(c.text, as_bbox(v * scale for v in c.box))
                                        for c in text.chars if not c.bad]
            reader = HiddenLayerReader(ctx.ocr, image, hidden)
            # Same stats dict and cache: only the service is wrapped.
            run_ctx = dataclasses.replace(ctx, ocr=reader)
        # A sideways scan inside a PDF (a licence scanned landscape) is turned before
        # layout; a hidden layer's boxes are in the page as stored, so its page is not.
        # A hidden layer's page is read in line: its choice says how the layer compared.
        res = ocr_page(image, number, run_ctx, table_start=len(doc.tables),
                       try_rotations=reader is None, image_stem=doc.sha256[:16],
                       defer=reader is None)
        land_page(doc, res, ctx)
        if reader is None:
            return _OCR_CHOICE.get(reason, f"ocr({reason})")
        cmp = reader.comparison
        if cmp is None:
            return "ocr(hidden layer not compared)"
        verdict = "agrees" if cmp.agrees else "disagrees"
        extra = f" +{cmp.lines_from_layer} lines" if cmp.lines_from_layer else ""
        return f"ocr(hidden layer {verdict} {cmp.agreement:.2f}{extra})"


def _cells_together(blocks: list[Block]) -> list[Block]:
    """Lines in page order, except that a table's lines are read cell by cell (row by
    row, left to right) where the table starts, as a reader goes through a form: rows of
    neighbouring cells interleave on the page (a three-line label beside a ten-line
    value)."""
    out: list[Block] = []
    done: set[int] = set()
    for b in blocks:
        if b.table_index is None:
            out.append(b)
        elif b.table_index not in done:
            done.add(b.table_index)
            members = [(k, m) for k, m in enumerate(blocks) if m.table_index == b.table_index]
            members.sort(key=lambda km: (km[1].row or 0, km[1].col or 0, km[0]))
            out.extend(m for _, m in members)
    return out


def _cell_checkboxes(tables: list[Table]) -> list[Checkbox]:
    """Tick marks in table cells, one Checkbox each, and every cell's text with its marks
    normalised to ☑/□ (as the Word extractor does)."""
    out: list[Checkbox] = []
    for t in tables:
        for cell in t.cells:
            cell.text, marks = parse_marks(cell.text)
            if cell.merged_from is None:
                out.extend(Checkbox(label=m.label, checked=m.checked, page=t.page,
                                    bbox=cell.bbox, source="text", table_index=t.index,
                                    row=cell.row, col=cell.col) for m in marks)
    return out


def _seal_sized(rect: BBoxTuple, page_width: float) -> bool:
    """A picture the size and shape of a seal: the electronic seal on a page that says
    nothing about stamping (the seal above the date on a declaration's last page).
    Screenshots are wider and are not searched for red ink."""
    w, h = rect[2] - rect[0], rect[3] - rect[1]
    return 0 < w <= 0.35 * page_width and h > 0 and 0.6 <= w / h <= 1.67


def _text_page_marks(page: Any, frame: PageFrame, blocks: list[Block], dpi: float = 100) -> list:
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
    lines = [OcrLine(text=b.text, bbox=as_bbox(v / k for v in b.bbox), confidence=1.0)
             for b in blocks if b.bbox is not None and b.text.strip()]
    marks = page_marks(image, lines)
    for m in marks:
        m.origin = "embedded"
        if m.bbox is not None:
            m.bbox = as_bbox(round(v * k, 2) for v in m.bbox)
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

