"""OFD files (GB/T 33190: 电子营业执照, e-invoices, e-documents) → Document.

A page with a text layer gives lines of text with boxes, ruled tables from its drawn
rules, and the seals on its rendering; a page that is a picture (a scan saved as OFD) is
rendered and OCR'd like a scanned PDF page. Text pages are measured in PDF points with
the origin at the top left (OFD's millimetres × 72/25.4), so a text OFD and a text PDF
of the same document give the same boxes; OCR'd pages are in pixels of the render at
``ctx.render_dpi``, as for PDFs.
"""
from __future__ import annotations

import logging
from pathlib import Path

from extractor.base import ExtractContext, UnreadableFileError, new_document
from extractor.budget import add_hit, pages_hit, take_ocr_page, time_hit
from extractor.checkmarks import parse_marks
from extractor.ocr.base import OcrLine
from extractor.ocr.page_marks import PLEDGE_TEXT, page_marks
from extractor.ocr.page_ocr import land_page, locate_cell, ocr_page
from extractor.office_sniff import is_zip_head
from extractor.ofd.content import (ImageItem, Item, PageContent, PathItem, annotation_items,
                                   read_page)
from extractor.ofd.document import open_document
from extractor.ofd.layout import PT_PER_MM, OfdText, mm_box_to_pt, page_text
from extractor.ofd.package import OfdPackage
from extractor.ofd.render import PageRenderer
from extractor.ofd.signatures import read_signatures
from extractor.ofd.tables import ruled_tables
from extractor.pdf.layer_check import needs_ocr
from extractor.pdf.text_layer import PdfChar, assign_cells, build_lines
from extractor.pdf_extractor import _cell_checkboxes, _cells_together
from models import Block, Checkbox, Document, Mark, Page, Table
from models.location import BBoxTuple, as_bbox

log = logging.getLogger(__name__)

# Resolution of the rendering the seal detector looks at on text pages (as for PDFs).
MARKS_DPI = 100
_OCR_CHOICE = {"no_text": "ocr(no text layer)", "garbled": "ocr(garbled text layer)",
               "image_page": "ocr(image page)", "hidden_layer": "ocr(hidden layer)"}


def _is_red(rgb: tuple[int, int, int] | None) -> bool:
    return rgb is not None and rgb[0] > 140 and rgb[0] - rgb[1] > 70 and rgb[0] - rgb[2] > 70


def _may_carry_seal(page: PageContent, blocks: list[Block]) -> bool:
    """Worth rendering to look for seals: pictures (an electronic seal image, a signature
    appearance), red vector drawing (a seal drawn as paths), or pledge wording."""
    for it in page.items:
        if isinstance(it, ImageItem):
            return True
        if isinstance(it, PathItem) and (_is_red(it.fill) or _is_red(it.stroke)):
            return True
    return bool(PLEDGE_TEXT.search("".join(b.text for b in blocks)))


def _image_coverage(page: PageContent) -> tuple[float, list[BBoxTuple]]:
    w, h = page.width * PT_PER_MM, page.height * PT_PER_MM
    rects = [mm_box_to_pt(it.box) for it in page.items
             if isinstance(it, ImageItem) and not it.stamp]
    covered = sum(max(0.0, min(r[2], w) - max(r[0], 0.0)) * max(0.0, min(r[3], h) - max(r[1], 0.0))
                  for r in rects)
    return min(1.0, covered / max(1.0, w * h)), rects


class OfdExtractor:
    name = "ofd"
    media_type = "application/ofd"

    def sniff(self, head: bytes, suffix: str) -> bool:
        # A ZIP; whether it holds OFD.xml is for office_sniff.package_kind to say.
        return is_zip_head(head) and suffix == ".ofd"

    def extract(self, path: Path, rel_path: str, ctx: ExtractContext) -> Document:
        doc = new_document(path, rel_path, self.media_type)
        with OfdPackage(path) as pkg:
            od = open_document(pkg)
            doc.metadata["ofd_pages"] = str(len(od.pages))
            if od.doc_id:
                doc.metadata["ofd_doc_id"] = od.doc_id
            sigs = read_signatures(od)
            doc.metadata["ofd_signatures"] = str(sigs.count)
            try:
                annots = annotation_items(od)
            except UnreadableFileError as e:  # notes drawn over the page; the page stands alone
                log.debug("unreadable annotations in %s: %s", rel_path, e)
                annots = {}
            renderer = PageRenderer(pkg, max_pixels=ctx.limits.max_page_pixels,
                                    max_image_pixels=ctx.limits.max_image_pixels)
            blind: list[str] = []  # scanned pages whose picture could not be decoded
            broken: list[str] = []
            first_error: UnreadableFileError | None = None
            ocr_reasons: list[str] = []
            skipped: list[str] = []
            choices: list[str] = []
            refs = od.pages
            if len(refs) > ctx.limits.max_pages:
                refs = refs[:ctx.limits.max_pages]
                doc.limit_hits.append(pages_hit(len(od.pages), ctx.limits))
            for k, ref in enumerate(refs):
                if k > 0 and ctx.deadline.expired():
                    doc.limit_hits.append(time_hit(k, len(od.pages), ctx.limits))
                    break
                overlays: list[Item] = [*annots.get(ref.id or "", []),
                                        *sigs.stamps.get(ref.id or "", [])]
                try:
                    page = read_page(od, ref, overlays)
                except UnreadableFileError as e:
                    first_error = first_error or e
                    broken.append(str(ref.number))
                    doc.pages.append(Page(number=ref.number))
                    choices.append(f"{ref.number}:none(broken page)")
                    continue
                reason, choice = self._page(doc, page, renderer, ctx)
                pictures = [it for it in page.items if isinstance(it, ImageItem) and not it.stamp]
                if reason is not None and pictures and not doc.pages[-1].blocks \
                        and all(renderer.failed(it) for it in pictures):
                    blind.append(str(ref.number))
                if reason is not None and choice.startswith("ocr("):
                    ocr_reasons.append(f"{ref.number}:{reason}")
                elif reason is not None:
                    skipped.append(str(ref.number))
                choices.append(f"{ref.number}:{choice}")
            if first_error is not None and len(broken) == len(refs):
                raise first_error
            if blind and len(blind) + len(broken) == len(refs):
                formats = "、".join(sorted(renderer.undecodable_formats))
                raise UnreadableFileError(f"OFD 文件中的扫描图像无法解码（格式：{formats}），无法读取")
            if blind:
                doc.metadata["ofd_undecodable_pages"] = ",".join(blind)
            if broken:
                doc.metadata["broken_pages"] = ",".join(broken)
            if ocr_reasons:
                doc.metadata["ocr_pages"] = ",".join(ocr_reasons)
            if skipped:
                doc.metadata["ocr_skipped_pages"] = ",".join(skipped)
            doc.metadata["text_layer"] = ",".join(choices)
            if renderer.undecodable:
                doc.metadata["ofd_undecodable_images"] = str(renderer.undecodable)
        return doc

    def _page(self, doc: Document, page: PageContent, renderer: PageRenderer,
              ctx: ExtractContext) -> tuple[str | None, str]:
        """Read one page; returns why it needed OCR (None for a text page) and what its
        text was read from (the PDF extractor's ``text_layer`` wording)."""
        ofd_text = page_text(page.glyphs())
        text = ofd_text.layer
        coverage, rects = _image_coverage(page)
        n_paths = sum(1 for it in page.items if isinstance(it, PathItem))
        reason = needs_ocr(text, coverage, rects, n_paths)
        if reason is None:
            self._text_page(doc, page, ofd_text, text.chars, rects, renderer, ctx)
            return None, "text"
        why_not = "no ocr service"
        if ctx.ocr is not None:
            fit = renderer.fit(page, ctx.render_dpi)
            if fit.refused:
                add_hit(doc, fit.hit)
                why_not = "page too large"
            elif not take_ocr_page(ctx, doc.path):
                why_not = "ocr page limit"
            else:
                self._ocr_page(doc, page, renderer, ctx)
                return reason, _OCR_CHOICE.get(reason, f"ocr({reason})")
        if reason == "hidden_layer":
            # The scan's own OCR layer is all there is; its picture is the scan, not a
            # picture pasted into a document.
            self._text_page(doc, page, ofd_text, text.chars, [], renderer, ctx)
            return reason, f"hidden({why_not})"
        # A garbled layer is not passed on as text; a typed header beside a scan is.
        self._text_page(doc, page, ofd_text, [] if reason == "garbled" else text.chars, rects,
                        renderer, ctx)
        return reason, f"none({why_not})"

    def _text_page(self, doc: Document, page: PageContent, ofd_text: OfdText,
                   all_chars: list[PdfChar],
                   image_rects: list[BBoxTuple], renderer: PageRenderer,
                   ctx: ExtractContext) -> None:
        ctx.bump("pages_text")
        w_pt, h_pt = page.width * PT_PER_MM, page.height * PT_PER_MM
        wide = sum(1 for r in image_rects if r[2] - r[0] >= 0.25 * w_pt)
        if wide:
            doc.metadata["pictures"] = str(int(doc.metadata.get("pictures", "0")) + wide)
        # Characters with no Unicode meaning (private use, U+FFFD) are dropped.
        chars = [c for c in all_chars if not c.bad]
        paths = [it for it in page.items if isinstance(it, PathItem)]
        tables: list[Table] = []
        if len(paths) >= 2:
            try:
                tables = ruled_tables(paths, chars, page.number, len(doc.tables), w_pt, h_pt)
            except Exception as exc:  # noqa: BLE001 - tables are extra; the text stands alone
                log.debug("table finding failed on OFD page %s: %s", page.number, exc)
        checkboxes = _cell_checkboxes(tables)
        cells = [((t.index, c.row, c.col), c.bbox) for t in tables for c in t.cells
                 if c.merged_from is None and c.bbox is not None]
        blocks: list[Block] = []
        refs = ofd_text.split_refs(chars, assign_cells(chars, cells))
        for raw, box in build_lines(chars, refs):
            line_text, marks = parse_marks(raw)
            where = locate_cell(tables, box)
            bbox = as_bbox(round(v, 2) for v in box)
            blocks.append(Block(text=line_text, page=page.number, bbox=bbox, kind="line",
                                source="text",
                                table_index=where[0] if where else None,
                                row=where[1] if where else None,
                                col=where[2] if where else None))
            if where is None:
                checkboxes.extend(Checkbox(label=m.label, checked=m.checked, page=page.number,
                                           bbox=bbox, source="text") for m in marks)
        pg = Page(number=page.number, width=round(w_pt, 2), height=round(h_pt, 2),
                  blocks=_cells_together(blocks))
        if _may_carry_seal(page, blocks):
            fit = renderer.fit(page, MARKS_DPI)
            if fit.refused:
                add_hit(doc, fit.hit)
            else:
                # Scaled down silently when needed: only the seal search sees it.
                pg.marks = _text_page_marks(page, renderer, blocks, dpi=fit.scale * 72.0)
        doc.pages.append(pg)
        doc.tables.extend(tables)
        doc.checkboxes.extend(checkboxes)

    def _ocr_page(self, doc: Document, page: PageContent, renderer: PageRenderer,
                  ctx: ExtractContext) -> None:
        image = renderer.render(page, ctx.render_dpi)
        add_hit(doc, renderer.last_fit.hit if renderer.last_fit else None)
        res = ocr_page(image, page.number, ctx, table_start=len(doc.tables),
                       try_rotations=True, image_stem=doc.sha256[:16])
        land_page(doc, res, ctx)


def _text_page_marks(page: PageContent, renderer: PageRenderer, blocks: list[Block],
                     dpi: float = MARKS_DPI) -> list[Mark]:
    """Seals and signatures on the rendered page; the text layer stands in for OCR lines
    (as for text PDFs). Boxes come back in points to match the text blocks."""
    image = renderer.render(page, dpi)
    k = dpi / 72.0
    lines = [OcrLine(text=b.text, bbox=as_bbox(v * k for v in b.bbox), confidence=1.0)
             for b in blocks if b.bbox is not None and b.text.strip()]
    marks = page_marks(image, lines)
    for m in marks:
        m.origin = "embedded"
        if m.bbox is not None:
            m.bbox = as_bbox(round(v / k, 2) for v in m.bbox)
    return marks

