"""Glyphs in page millimetres → the PDF extractor's text layer (:mod:`extractor.pdf.text_layer`),
so OFD pages get the same positional line building, tables and checks as text PDFs.

Coordinates become PDF points (×72/25.4), so thresholds written for PDF pages hold for
OFD pages too. The stream order is the OFD's object order (template behind the page,
then the page, then the template in front); the text layer uses it only to ask whether
the writer put a space between two glyphs it wrote one after the other, which is told
here as pdfium tells it for a PDF: a space glyph, a letter-spaced step inside a
TextCode, or a gap between two text objects on one baseline.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from extractor.ofd.content import Glyph, natural_advance
from extractor.pdf.text_layer import CellRef, PageText, PdfChar, is_bad_char, is_good_char

PT_PER_MM = 72.0 / 25.4
# Within one TextCode the writer's own advances set the spacing; only a step this many
# ems beyond the glyph's natural width (a letter-spaced label, 名　　称) is a space.
LETTER_SPACED_EMS = 0.8
# Between two text objects on one baseline, a gap wider than this many ems is a space.
OBJECT_GAP_EMS = 0.3
# Text objects on one baseline further apart than this many ems are separate fields (a
# label and its value, two columns of a form): OFD writers place each field as its own
# object, so such a gap splits the line even where a PDF's would need three ems.
FIELD_GAP_EMS = 1.5
# A second copy of a glyph this close to the one before is a writer's fake bold.
DUPLICATE_EMS = 0.2
_LOOKBACK = 3


def mm_box_to_pt(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    return (box[0] * PT_PER_MM, box[1] * PT_PER_MM, box[2] * PT_PER_MM, box[3] * PT_PER_MM)


def _spaced(prev: Glyph, g: Glyph) -> bool:
    em = max(prev.size, g.size, 1e-6)
    if g.run == prev.run:
        step = g.x - prev.x
        return step - natural_advance(prev.text) * prev.size > LETTER_SPACED_EMS * em
    same_line = abs(g.y - prev.y) <= 0.35 * em
    return same_line and g.box[0] - prev.box[2] > OBJECT_GAP_EMS * em


def _duplicate(g: Glyph, recent: list[Glyph]) -> bool:
    return any(p.text == g.text and p.run != g.run and abs(p.x - g.x) <= DUPLICATE_EMS * g.size
               and abs(p.y - g.y) <= DUPLICATE_EMS * g.size for p in recent)


@dataclass
class OfdText:
    """The text layer, and for each character (by ``seq``) the field it belongs to:
    text objects on one baseline less than FIELD_GAP_EMS apart form one field."""

    layer: PageText
    field_of: dict[int, int] = field(default_factory=dict)

    def split_refs(self, chars: list[PdfChar], cells: list[CellRef | None]) -> list[CellRef]:
        """Refs for ``build_lines``, which splits a line wherever the ref changes: the
        table cell where there is one, else the field (as a negative table index)."""
        return [cell if cell is not None else (-1 - self.field_of.get(c.seq, 0), 0, 0)
                for c, cell in zip(chars, cells)]


def _fields(kept: list[tuple[Glyph, int]]) -> dict[int, int]:
    """Field id per char seq: runs (TextCodes) clustered by baseline, then linked left
    to right while the gap to the next run is under FIELD_GAP_EMS."""
    runs: dict[int, list[tuple[Glyph, int]]] = {}
    for g, seq in kept:
        runs.setdefault(g.run, []).append((g, seq))
    spans = []  # (baseline, em, x0, x1, run)
    for run, members in runs.items():
        gs = [g for g, _ in members]
        spans.append((gs[0].y, max(g.size for g in gs), min(g.box[0] for g in gs),
                      max(g.box[2] for g in gs), run))
    spans.sort()
    field_of_run: dict[int, int] = {}
    next_id = 0
    i = 0
    while i < len(spans):
        j = i + 1
        while j < len(spans) and spans[j][0] - spans[i][0] <= 0.35 * max(spans[i][1], spans[j][1]):
            j += 1
        line = sorted(spans[i:j], key=lambda s: s[2])
        reach = float("-inf")
        for _y, em, x0, x1, run in line:
            if x0 - reach > FIELD_GAP_EMS * em:
                next_id += 1
            field_of_run[run] = next_id
            reach = max(reach, x1)
        i = j
    return {seq: field_of_run[g.run] for g, seq in kept}


def page_text(glyphs: list[Glyph]) -> OfdText:
    """The page's document text (annotations excluded) as positioned characters, in
    points. Invisible glyphs (an OCR layer over a scan) are kept and marked hidden, as
    the PDF reader marks text in render mode 3."""
    out = PageText()
    prev: Glyph | None = None
    space = False
    recent: list[Glyph] = []
    kept: list[tuple[Glyph, int]] = []
    for g in glyphs:
        if not g.extract:
            continue
        if g.text.isspace():
            space = prev is not None
            continue
        if _duplicate(g, recent):
            continue
        box = mm_box_to_pt(g.box)
        bad = is_bad_char(g.text)
        seq = len(out.chars)
        out.chars.append(PdfChar(g.text, box, box, seq=seq,
                                 space_before=space or (prev is not None and _spaced(prev, g)),
                                 bad=bad, hidden=None if g.visible else "invisible"))
        kept.append((g, seq))
        if not bad and is_good_char(g.text):
            out.good += 1
        space = False
        prev = g
        recent = (recent + [g])[-_LOOKBACK:]
    return OfdText(out, _fields(kept))
