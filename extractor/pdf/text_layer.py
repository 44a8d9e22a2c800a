"""A page's text layer as positioned characters, and lines built from their positions.

pdfium reports characters in content-stream order, which is the order the producer wrote
them, not the order a reader sees: Word printed to PDF, WPS and LibreOffice write a tick
box (☑ □, or a Wingdings glyph) in a second font run after the whole row or table, and
quotes in another font after the sentence. So lines are built by position only: rows
top to bottom by their vertical band, left to right within a row (in the page's
unrotated frame, where text runs left to right). The stream is consulted for one thing:
whether it puts a space between two characters it writes one after the other. Between
characters that are not stream neighbours a space is read from the gap between them.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from extractor.checkmarks import symbol_glyph
from extractor.ocr.text_geometry import is_cjk
from extractor.pdf.frame import PageFrame
from extractor.pdf.objects import TextObjectInfo, address
from models.location import BBoxTuple

# Below this many drawn characters a page has no usable text layer.
MIN_TEXT_CHARS = 10
# Share of characters that must be plausible text (CJK, ASCII, common punctuation).
MIN_GOOD_RATIO = 0.7
# Split a text line where the gap between characters exceeds this many font heights
# (a label and its value far apart on a form, two columns).
LINE_GAP_EMS = 3.0
# Between characters the stream does not write one after the other, a gap wider than
# this share of the glyph box height is a space (a space glyph is about a quarter em;
# glyphs set next to each other touch).
SPACE_GAP = 0.15
# pdfium infers a space from a gap; between two CJK characters (which Chinese never
# separates) and in a hidden OCR layer (whose glyph boxes are imprecise) only a gap this
# wide (share of the glyph height) is kept as one: narrower gaps are justification or
# jitter.
INFERRED_GAP = 0.5
# How many recent rows a character may join (rows of different heights interleave when
# sorted by their centres).
_ROW_LOOKBACK = 4


@dataclass
class PdfChar:
    text: str
    box: BBoxTuple  # displayed page frame, points, top-left origin
    # The same box before the page's /Rotate: text runs left to right here, so lines
    # are built in this frame.
    flat: BBoxTuple
    # Index among the page's drawn characters in content-stream order.
    seq: int
    # The stream writes whitespace (a space, or a space pdfium infers from the gap) right
    # before this character, after the previous drawn one, on the same line.
    space_before: bool = False
    # That whitespace is pdfium's guess from a gap, not a space the producer wrote.
    space_inferred: bool = False
    # No Unicode meaning (private use, U+FFFD, control character, map error).
    bad: bool = False
    # Why the reader does not see it (see objects.TextObjectInfo.hidden), None if shown.
    hidden: str | None = None


@dataclass
class PageText:
    chars: list[PdfChar] = field(default_factory=list)
    good: int = 0

    @property
    def visible(self) -> int:
        """Drawn characters (whitespace and pdfium's inferred spaces excluded), seen or not."""
        return len(self.chars)

    @property
    def hidden(self) -> int:
        return sum(1 for c in self.chars if c.hidden)

    @property
    def usable(self) -> bool:
        return self.visible >= MIN_TEXT_CHARS and self.good >= MIN_GOOD_RATIO * self.visible


def is_good_char(ch: str) -> bool:
    cp = ord(ch)
    if is_cjk(ch) or (0x20 < cp < 0x7F):
        return True
    return (0x3000 <= cp <= 0x303F or 0xFF00 <= cp <= 0xFFEF or 0x2000 <= cp <= 0x206F
            or 0x2460 <= cp <= 0x24FF or 0x25A0 <= cp <= 0x27BF or cp in (0xB7, 0xD7, 0xB0)
            or 0x1F5F8 <= cp <= 0x1F5FF)


def is_bad_char(ch: str) -> bool:
    cp = ord(ch)
    return (cp == 0xFFFD or 0xE000 <= cp <= 0xF8FF or cp < 0x20 or 0x7F <= cp < 0xA0
            or 0xF0000 <= cp)


def _symbol_char(info: TextObjectInfo | None, ch: str) -> tuple[str, bool] | None:
    """A character drawn in a symbol font → (its glyph, still bad?); None when the font is
    not a symbol font. Word printed to PDF writes a Wingdings ☑ as U+F0FE (or as the
    font's own code, þ); only boxes and ticks are named, other pictograms are dropped."""
    if info is None or info.symbol_font is None:
        return None
    cp = ord(ch)
    if not (cp < 0x100 or 0xF000 <= cp <= 0xF0FF):
        return None
    glyph = symbol_glyph(info.symbol_font, cp)
    if glyph is not None:
        return glyph, False
    # Symbol's Latin letters stand for Greek ones; Wingdings letters are pictures.
    return ch, info.symbol_font != "symbol" or 0xF000 <= cp


def _box(textpage: Any, i: int) -> tuple[float, float, float, float]:
    try:
        return textpage.get_charbox(i, loose=True)
    except Exception:
        return textpage.get_charbox(i)


def _space_fits(space: BBoxTuple | None, prev: PdfChar | None, flat: BBoxTuple) -> bool:
    """Whether a space the producer wrote lies between the previous character and this
    one. A run that lost its glyphs (tick marks written elsewhere) may keep its spaces
    while being written between two other characters' runs."""
    if space is None or prev is None or space[2] <= space[0]:
        return True
    h = max(1.0, flat[3] - flat[1])
    cx, cy = (space[0] + space[2]) / 2, (space[1] + space[3]) / 2
    return (min(prev.flat[2], flat[0]) - h <= cx <= max(prev.flat[2], flat[0]) + h
            and flat[1] - h <= cy <= flat[3] + h)


def read_chars(textpage: Any, frame: PageFrame,
               objects: dict[int, TextObjectInfo] | None = None) -> PageText:
    """The page's drawn characters in stream order, with boxes in both frames."""
    import pypdfium2.raw as pdfium_c

    out = PageText()
    objects = objects or {}
    space = inferred = False
    space_box: BBoxTuple | None = None  # where the last written space is, flat frame
    for i in range(textpage.count_chars()):
        code = pdfium_c.FPDFText_GetUnicode(textpage, i)
        ch = chr(code) if 0 < code < 0x110000 else "\ufffd"
        generated = pdfium_c.FPDFText_IsGenerated(textpage, i) == 1
        if generated or ch.isspace():
            # A line end is not a space between words: whatever follows starts a line.
            space = ch not in "\r\n" and bool(out.chars)
            inferred = generated
            space_box = None if generated or not space else frame.flat_box(*_box(textpage, i))
            continue
        handle = pdfium_c.FPDFText_GetTextObject(textpage, i)
        info = objects.get(address(handle)) if handle else None
        bad = is_bad_char(ch) or pdfium_c.FPDFText_HasUnicodeMapError(textpage, i) == 1
        mapped = _symbol_char(info, ch)
        if mapped is not None:
            ch, bad = mapped
        left, bottom, right, top = _box(textpage, i)
        flat = frame.flat_box(left, bottom, right, top)
        if space and not _space_fits(space_box, out.chars[-1] if out.chars else None, flat):
            space = False
        out.chars.append(PdfChar(ch, frame.box(left, bottom, right, top), flat,
                                 seq=len(out.chars), space_before=space,
                                 space_inferred=space and inferred,
                                 bad=bad, hidden=info.hidden if info else None))
        space = inferred = False
        space_box = None
        if not bad and is_good_char(ch):
            out.good += 1
    return out


CellRef = tuple[int, int, int]  # (table index, row, col)


def assign_cells(chars: list[PdfChar], cells: list[tuple[CellRef, BBoxTuple]]
                 ) -> list[CellRef | None]:
    """The table cell holding each character's centre (None outside tables)."""
    out: list[CellRef | None] = [None] * len(chars)
    if not cells or not chars:
        return out
    boxes = np.array([c.box for c in chars], dtype=float)
    cx, cy = (boxes[:, 0] + boxes[:, 2]) / 2, (boxes[:, 1] + boxes[:, 3]) / 2
    for ref, (x0, y0, x1, y1) in cells:
        for i in np.flatnonzero((cx >= x0) & (cx <= x1) & (cy >= y0) & (cy <= y1)):
            if out[i] is None:
                out[i] = ref
    return out


def chars_by_cell(chars: list[PdfChar], refs: list[CellRef | None]
                  ) -> dict[CellRef, list[PdfChar]]:
    out: dict[CellRef, list[PdfChar]] = {}
    for ch, ref in zip(chars, refs):
        if ref is not None:
            out.setdefault(ref, []).append(ch)
    return out


def _rows(chars: list[PdfChar]) -> list[list[int]]:
    """Indices of ``chars`` grouped into visual rows, top to bottom, each left to right.

    A character joins a row when its vertical centre lies in the row's band (the mean
    top and bottom of its members) and the row's centre lies in the character's own
    band: glyphs of another font on the same baseline (a DejaVu ☑ beside WenQuanYi
    text) join, the next line of a tightly set paragraph does not."""
    flat = np.array([c.flat for c in chars], dtype=float).reshape(-1, 4)
    cys = (flat[:, 1] + flat[:, 3]) / 2
    # A glyph pdfium gives no height (a degenerate box) still gets a band to meet.
    half = np.maximum((flat[:, 3] - flat[:, 1]) / 2, 0.5)
    flat[:, 1], flat[:, 3] = cys - half, cys + half
    rows: list[list[int]] = []
    bands: list[list[float]] = []  # [sum y0, sum y1, n]
    for i in np.argsort(cys, kind="stable"):
        y0, y1, cy = flat[i, 1], flat[i, 3], cys[i]
        best, best_d = -1, float("inf")
        for k in range(max(0, len(rows) - _ROW_LOOKBACK), len(rows)):
            s0, s1, n = bands[k]
            r0, r1 = s0 / n, s1 / n
            rc = (r0 + r1) / 2
            if r0 <= cy <= r1 and y0 <= rc <= y1 and abs(cy - rc) < best_d:
                best, best_d = k, abs(cy - rc)
        if best < 0:
            rows.append([int(i)])
            bands.append([y0, y1, 1.0])
        else:
            rows[best].append(int(i))
            b = bands[best]
            b[0] += y0
            b[1] += y1
            b[2] += 1
    order = sorted(range(len(rows)), key=lambda k: (bands[k][0] + bands[k][1]) / (2 * bands[k][2]))
    return [sorted(rows[k], key=lambda i: (flat[i, 0], chars[i].seq)) for k in order]


def _space_between(a: PdfChar, b: PdfChar) -> bool:
    height = max(1.0, min(a.flat[3] - a.flat[1], b.flat[3] - b.flat[1]))
    gap = b.flat[0] - a.flat[2]
    if b.seq == a.seq + 1:
        if b.space_inferred and ((is_cjk(a.text) and is_cjk(b.text)) or (a.hidden and b.hidden)):
            return gap > INFERRED_GAP * height
        return b.space_before
    return gap > SPACE_GAP * height


def build_lines(chars: list[PdfChar], refs: Sequence[CellRef | None] | None = None
                ) -> list[tuple[str, BBoxTuple]]:
    """Text lines by position: visual rows top to bottom, split at wide gaps and where a
    table cell boundary is crossed, left to right within a row. Geometry is judged in
    the unrotated frame; bboxes are given in the displayed one."""
    if not chars:
        return []
    lines: list[tuple[str, BBoxTuple]] = []

    def emit(members: list[PdfChar]) -> None:
        parts: list[str] = []
        for k, ch in enumerate(members):
            if k and _space_between(members[k - 1], ch):
                parts.append(" ")
            parts.append(ch.text)
        text = "".join(parts).strip()
        if text:
            box = (min(c.box[0] for c in members), min(c.box[1] for c in members),
                   max(c.box[2] for c in members), max(c.box[3] for c in members))
            lines.append((text, box))

    for row in _rows(chars):
        cur: list[PdfChar] = []
        cur_cell: CellRef | None = None
        for i in row:
            ch = chars[i]
            cell = refs[i] if refs else None
            if cur:
                last = cur[-1]
                height = max(1.0, last.flat[3] - last.flat[1])
                if ch.flat[0] - last.flat[2] > LINE_GAP_EMS * height or cell != cur_cell:
                    emit(cur)
                    cur = []
            if not cur:
                cur_cell = cell
            cur.append(ch)
        emit(cur)
    return lines
