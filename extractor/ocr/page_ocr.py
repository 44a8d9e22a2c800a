"""One page image → a Page of OCR lines, plus the tables and tick boxes drawn on it.

Shared by the image extractor and the PDF extractor (for scanned pages), so both give
the same structure for the same paper. Before anything is read, a photographed page is
flattened (:mod:`extractor.ocr.photo_correct`) and the page is turned upright
(:mod:`extractor.ocr.page_geometry`); every bbox is in the frame of that corrected,
upright image, which is also the page image saved for crops. In a dossier check all of
that runs on the check's page finisher (:mod:`extractor.ocr.page_finisher`), beside the
engine's reading of the next page.
"""
from __future__ import annotations

import re
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image

from extractor.base import ExtractContext
from extractor.ocr.base import OcrLine
from extractor.ocr.checkbox_detector import binarize, detect_checkboxes
from extractor.ocr.page_geometry import reading_orientation
from extractor.ocr.page_marks import page_marks
from extractor.ocr.photo_correct import correct_photo
from extractor.ocr.text_probe import underlying_service
from extractor.ocr.table_grid import extract_tables
from extractor.ocr.text_geometry import is_cjk
from models import Block, Checkbox, Document, Page, Table
from models.location import BBoxTuple

# A page whose OCR looks like this may be lying on its side (see ``looks_misrotated``).
MIN_LINES = 3
MIN_MEAN_CONFIDENCE = 0.75


@dataclass
class OcrPageResult:
    page: Page
    tables: list[Table] = field(default_factory=list)
    checkboxes: list[Checkbox] = field(default_factory=list)
    # Degrees counter-clockwise the image was turned before OCR (0, 90, 180 or 270).
    rotation: int = 0
    # Photo corrections applied before OCR ("dewarp+flatten", "flatten"); "" for none.
    photo_corrected: str = ""
    # Set when the page is read on the dossier's page finisher: ``page`` is filled in,
    # and the rest of this result given, when this is done (tables numbered from 0);
    # see :func:`land_page`.
    pending: Future[OcrPageResult] | None = None


def land_page(doc: Document, res: OcrPageResult, ctx: ExtractContext) -> None:
    """Add an OCR'd page to its document, with its tables and tick boxes, and note in
    the document's metadata a page turned or a photo corrected: now, or once the page
    finisher has read it."""
    doc.pages.append(res.page)
    if res.pending is not None and ctx.page_finisher is not None:
        ctx.page_finisher.land(doc, res.pending)
    else:
        add_page_result(doc, res)


def add_page_result(doc: Document, res: OcrPageResult) -> None:
    doc.tables.extend(res.tables)
    doc.checkboxes.extend(res.checkboxes)
    if res.rotation:
        _append_meta(doc, "page_rotation", f"{res.page.number}:{res.rotation}")
    if res.photo_corrected:
        _append_meta(doc, "photo_corrected", f"{res.page.number}:{res.photo_corrected}")


def _append_meta(doc: Document, key: str, entry: str) -> None:
    prev = doc.metadata.get(key)
    doc.metadata[key] = f"{prev},{entry}" if prev else entry


def mean_confidence(lines: list[OcrLine]) -> float:
    return float(np.mean([ln.confidence for ln in lines])) if lines else 0.0


def _upright_share(lines: list[OcrLine]) -> float:
    """Share of multi-character lines whose box is wider than tall. rapidocr reads a
    sideways line correctly (it turns tall crops before recognition), so confidence
    alone cannot tell a sideways page; the shape of its line boxes can."""
    multi = [ln for ln in lines if len(ln.text) >= 2]
    if not multi:
        return 1.0
    wide = [ln for ln in multi if (ln.bbox[2] - ln.bbox[0]) >= (ln.bbox[3] - ln.bbox[1])]
    return len(wide) / len(multi)


def orientation_score(lines: list[OcrLine]) -> float:
    """Mean confidence × amount of readable text × share of upright line boxes. CJK
    characters count fully, Latin letters and digits a little (an all-English page still
    needs a winner)."""
    text = "".join(ln.text for ln in lines)
    cjk = sum(1 for c in text if is_cjk(c))
    alnum = sum(1 for c in text if c.isascii() and c.isalnum())
    return mean_confidence(lines) * (cjk + 0.3 * alnum) * _upright_share(lines)


def looks_misrotated(lines: list[OcrLine]) -> bool:
    """No text, low confidence, a few doubtful lines, or mostly tall narrow boxes (text
    running sideways). A few confident upright lines (a photo of a short certificate)
    are left alone: each extra turn costs a full OCR pass."""
    if not lines:
        return True
    conf = mean_confidence(lines)
    if conf < MIN_MEAN_CONFIDENCE or (len(lines) < MIN_LINES and conf < 0.9):
        return True
    return _upright_share(lines) < 0.5


def _flip_share(ctx: ExtractContext, image: np.ndarray, lines: list[OcrLine]) -> float:
    # Through the pipeline's lazy wrapper too, which does not pass this method on.
    fn = getattr(underlying_service(ctx.ocr), "upside_down_share", None)
    if fn is None or len(lines) < MIN_LINES:
        return 0.0
    share = fn(image, lines)
    return float(share) if share is not None else 0.0


def read_upright(image: np.ndarray, ctx: ExtractContext,
                 try_rotations: bool) -> tuple[np.ndarray, list[OcrLine], int]:
    """OCR the page the right way up; returns (image as read, lines, degrees turned
    counter-clockwise).

    The page is read as it is; the orientation vote on that reading
    (:func:`extractor.ocr.page_geometry.reading_orientation`: its line outlines, and the
    angle classifier on the longest lines) keeps it, or turns the page and reads it
    again. 90° and 270° are considered only with ``try_rotations``. When the vote is
    unavailable or unsure, the reading is judged as :func:`_read_and_compare` does."""
    assert ctx.ocr is not None
    lines = ctx.ocr.read(image)
    vote = reading_orientation(image, lines, ctx, sideways_allowed=try_rotations)
    if vote is not None and vote.rotation is not None:
        ctx.bump("orientation_vote_decided")
        if vote.rotation:
            image = np.ascontiguousarray(np.rot90(image, vote.rotation // 90))
            lines = ctx.ocr.read(image)
            ctx.bump("ocr_rotation_rereads")
        return image, lines, vote.rotation
    return _read_and_compare(image, ctx, try_rotations, first=lines)


def _read_and_compare(image: np.ndarray, ctx: ExtractContext, try_rotations: bool,
                      first: list[OcrLine] | None = None
                      ) -> tuple[np.ndarray, list[OcrLine], int]:
    """The fallback when the orientation vote cannot decide.

    PP-OCR's angle classifier flips upside-down lines one by one, so an upside-down page
    reads as correct text in reverse layout; when most lines are flipped the page is
    turned 180° and read again. If the reading looks sideways (few lines, low confidence,
    tall boxes) and ``try_rotations`` is set, the page is also read turned 90° and 270°
    and the reading with the best :func:`orientation_score` (mean confidence × CJK
    characters × share of upright boxes, less the flipped share) is kept. Each extra
    turn is a full OCR pass, so this happens only when the first reading looks wrong.
    ``first``: the page's reading as it is, when already made."""
    assert ctx.ocr is not None
    lines = first if first is not None else ctx.ocr.read(image)
    rotation = 0
    if try_rotations and looks_misrotated(lines):
        flip = _flip_share(ctx, image, lines)
        best = (orientation_score(lines) * (1 - flip), image, lines, 0)
        for k, degrees in ((1, 90), (3, 270)):
            turned = np.ascontiguousarray(np.rot90(image, k))
            cand = ctx.ocr.read(turned)
            ctx.bump("ocr_rotation_tries")
            score = orientation_score(cand) * (1 - _flip_share(ctx, turned, cand))
            if score > best[0] * 1.1:  # the original wins ties: turning is the exception
                best = (score, turned, cand, degrees)
        _, image, lines, rotation = best
    if _flip_share(ctx, image, lines) > 0.6:
        image = np.ascontiguousarray(np.rot90(image, 2))
        lines = ctx.ocr.read(image)
        rotation = (rotation + 180) % 360
    return image, lines, rotation


def _reading_order(lines: list[OcrLine]) -> list[OcrLine]:
    rows: list[list[OcrLine]] = []
    for ln in sorted(lines, key=lambda ln: ((ln.bbox[1] + ln.bbox[3]) / 2, ln.bbox[0])):
        cy = (ln.bbox[1] + ln.bbox[3]) / 2
        if rows and rows[-1][0].bbox[1] <= cy <= rows[-1][0].bbox[3]:
            rows[-1].append(ln)
        else:
            rows.append([ln])
    return [ln for row in rows for ln in sorted(row, key=lambda ln: ln.bbox[0])]


def locate_cell(tables: list[Table], bbox: BBoxTuple | None
                ) -> tuple[int, int, int] | None:
    """(table index, row, col) of the cell holding the centre of ``bbox``."""
    if bbox is None:
        return None
    cx, cy = (bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2
    for t in tables:
        if t.bbox and not (t.bbox[0] <= cx <= t.bbox[2] and t.bbox[1] <= cy <= t.bbox[3]):
            continue
        for c in t.cells:
            if c.merged_from is None and c.bbox and \
                    c.bbox[0] <= cx <= c.bbox[2] and c.bbox[1] <= cy <= c.bbox[3]:
                return t.index, c.row, c.col
    return None


def save_page_image(image: np.ndarray, directory: Path, stem: str, number: int) -> str:
    directory.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^0-9A-Za-z._-]+", "_", stem)[:80] or "page"
    path = directory / f"{safe}-p{number:04d}.jpg"
    # The source of the review crops, written once per OCR'd page: JPEG, because PNG,
    # even at its fastest setting, took ~0.2 s an A4 scan (7 % of the page's OCR time)
    # against ~0.02 s, and a crop of a scan loses nothing a reviewer needs at quality 90.
    Image.fromarray(image).save(path, format="JPEG", quality=90)
    return str(path)


def ocr_page(image: np.ndarray, number: int, ctx: ExtractContext, table_start: int = 0,
             try_rotations: bool = False, image_stem: str | None = None,
             camera: bool = False, correct_photos: bool = True,
             defer: bool = True) -> OcrPageResult:
    """OCR one RGB page image. Bboxes are in pixels of the image as read: flattened if
    it was a photograph (``camera``: EXIF says a camera took it; ``correct_photos=False``
    leaves any photo as it is), then turned upright.

    With a page finisher in ``ctx`` (a dossier check) and ``defer``, the page is read
    there and this returns at once with ``pending`` set: add it with :func:`land_page`."""
    h, w = image.shape[:2]
    page = Page(number=number, width=float(w), height=float(h))
    if ctx.ocr is None:
        return OcrPageResult(page=page)
    image_dir = ctx.page_image_dir if image_stem is not None else None

    def read(start: int) -> OcrPageResult:
        return read_page(page, image, ctx, start, try_rotations, image_dir, image_stem or "",
                         camera, correct_photos)

    if defer and ctx.page_finisher is not None:
        return OcrPageResult(page=page, pending=ctx.page_finisher.submit(lambda: read(0)))
    return read(table_start)


def read_page(page: Page, image: np.ndarray, ctx: ExtractContext, table_start: int,
              try_rotations: bool, image_dir: Path | None, image_stem: str,
              camera: bool, correct_photos: bool) -> OcrPageResult:
    """:func:`ocr_page`'s work, filling in ``page``."""
    assert ctx.ocr is not None
    corrected = ""
    if correct_photos:
        fix = correct_photo(image, camera=camera)
        if fix.steps:
            image, corrected = fix.image, fix.label
            ctx.bump("photo_corrected_pages")
    image, lines, rotation = read_upright(image, ctx, try_rotations)
    ctx.bump("pages_ocr")
    h, w = image.shape[:2]
    page.width, page.height, page.ocr = float(w), float(h), True
    page.ocr_confidence = round(mean_confidence(lines), 4) if lines else None
    tables, checkboxes = finish_page(page, image, lines, table_start, image_dir, image_stem)
    return OcrPageResult(page=page, tables=tables, checkboxes=checkboxes,
                         rotation=rotation, photo_corrected=corrected)


def finish_page(page: Page, image: np.ndarray, lines: list[OcrLine], table_start: int,
                image_dir: Path | None, image_stem: str
                ) -> tuple[list[Table], list[Checkbox]]:
    """What the page image shows besides its lines: tick boxes, ruled tables (numbered
    from ``table_start``), seals and signatures; sets the page's blocks, marks and saved
    image (when ``image_dir`` is given) and returns its tables and tick boxes."""
    number = page.number
    binary = binarize(image)
    boxes = detect_checkboxes(image, lines, page=number, binary=binary)
    tables = extract_tables(image, boxes.lines, page=number, start_index=table_start,
                            binary=binary, exclude=[c.bbox for c in boxes.checkboxes if c.bbox])
    blocks: list[Block] = []
    for ln in _reading_order(boxes.lines):
        where = locate_cell(tables, ln.bbox)
        blocks.append(Block(text=ln.text, page=number, bbox=ln.bbox, kind="line",
                            source="ocr", confidence=round(ln.confidence, 4),
                            table_index=where[0] if where else None,
                            row=where[1] if where else None,
                            col=where[2] if where else None))
    for cb in boxes.checkboxes:
        where = locate_cell(tables, cb.bbox)
        if where:
            cb.table_index, cb.row, cb.col = where
    page.blocks = blocks
    page.marks = page_marks(image, lines)
    if image_dir is not None:
        page.image_path = save_page_image(image, image_dir, image_stem, number)
    return tables, boxes.checkboxes
