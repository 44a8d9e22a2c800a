"""Labels of the tick boxes found in a scanned page (see extractor.ocr.checkbox_detector):
each box placed between the characters of the OCR line it sits in, the option wording
beside it taken as its label, options ticked with a written mark instead of a box, and
the lines with the glyphs OCR made of the boxes removed."""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from extractor.ocr.base import OcrLine
from extractor.ocr.text_geometry import (
    BOX_GLYPHS,
    BOX_LIKE_CHARS,
    char_spans,
    char_weight,
    is_cjk,
)

# What OCR makes of a ticked box besides the box glyphs themselves.
TICK_GARBAGE = frozenset("VvXx×团区凶囚冈")
LABEL_STRIP = " \t:：、，,;；.。"
# Marks an applicant types or prints in place of a box to tick an option.
WRITTEN_TICKS = "√✓✔☑■▣☒⊠"
# The question before labels written ahead of their boxes ("是否上市：是☑ 否□").
_LEAD = re.compile(r".*[：:]")
# Beyond these a line is cut at the box centres instead of searched (cost grows as
# characters² × boxes²).
MAX_LAYOUT_CHARS = 80
MAX_LAYOUT_BOXES = 8


@dataclass(eq=False)
class _Box:
    x0: int
    y0: int
    x1: int
    y1: int
    stroke: int = 2  # frame line thickness in px
    checked: bool = False

    @property
    def side(self) -> int:
        return max(self.x1 - self.x0, self.y1 - self.y0)

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


def _overlaps_row(line: OcrLine, b: _Box) -> bool:
    y0, y1 = line.bbox[1], line.bbox[3]
    overlap = min(y1, b.y1) - max(y0, b.y0)
    return overlap >= 0.4 * min(y1 - y0, b.y1 - b.y0)


@dataclass
class _LineLayout:
    """A line cut at the boxes inside it: ``pieces[0]`` precedes the first box,
    ``pieces[k + 1]`` follows box k."""

    pieces: list[str]


def _segment_widths(line: OcrLine, boxes: list[_Box], binary: np.ndarray | None
                    ) -> list[float]:
    """Width of the writing before, between and after the boxes of a line: the ink
    extent when the page is at hand (spaces around boxes do not count), else the gaps
    between the box edges."""
    edges = [line.bbox[0]]
    for b in boxes:
        edges.extend([b.x0, b.x1])
    edges.append(line.bbox[2])
    spans = [(edges[2 * i], edges[2 * i + 1]) for i in range(len(boxes) + 1)]
    if binary is None:
        return [max(0.0, z - a) for a, z in spans]
    y0, y1 = int(line.bbox[1]) + 2, int(line.bbox[3]) - 2
    widths: list[float] = []
    for i, (a, z) in enumerate(spans):
        # Skip the frame strokes next to a box.
        a_i = int(a) + (3 if i > 0 else 0)
        z_i = int(z) - (3 if i < len(boxes) else 0)
        cols = np.flatnonzero(binary[max(0, y0):max(0, y1), max(0, a_i):max(0, z_i)].max(
            axis=0) > 0) if z_i > a_i and y1 > y0 else np.array([])
        widths.append(float(cols[-1] - cols[0] + 1) if cols.size else 0.0)
    return widths


def _layout(line: OcrLine, boxes: list[_Box], binary: np.ndarray | None = None
            ) -> _LineLayout:
    """Place each box between (or on) the characters of ``line``.

    Character positions are only estimates, and OCR drops the spaces around boxes (or
    the box itself), so rather than cutting at fixed x positions this picks, by dynamic
    programming, the cut — or the glyph consumed — for each box that best matches the
    widths between the boxes: the text between two boxes must fill the space between
    them."""
    text = line.text
    n = len(text)
    weights = [char_weight(c) for c in text]
    prefix = [0.0]
    for w in weights:
        prefix.append(prefix[-1] + w)
    seg_widths = _segment_widths(line, boxes, binary)
    total_width = sum(seg_widths)
    candidates = [i for i, c in enumerate(text) if c in BOX_LIKE_CHARS or c in TICK_GARBAGE]
    if n > MAX_LAYOUT_CHARS or len(boxes) > MAX_LAYOUT_BOXES:
        return _proportional_layout(line, boxes)
    best: tuple[float, list[tuple[int, int]]] | None = None
    # The character width depends on how many characters are really boxes, so try each
    # count m of consumed glyphs with its own width and keep the best overall fit.
    for m in range(0, min(len(boxes), len(candidates)) + 1):
        em = max(1.0, total_width / max(0.5, prefix[n] - m))
        found = _place_boxes(text, prefix, boxes, seg_widths, em, m)
        if found is not None and (best is None or found[0] < best[0]):
            best = found
    choices = best[1] if best is not None else [(n, n)] * len(boxes)
    pieces: list[str] = []
    prev = 0
    for s0, e0 in choices:
        pieces.append(text[prev:s0])
        prev = e0
    pieces.append(text[prev:])
    return _LineLayout(pieces=pieces)


def _proportional_layout(line: OcrLine, boxes: list[_Box]) -> _LineLayout:
    """Cut at the box centres with characters spread evenly (for lines too long for the
    search in :func:`_layout`)."""
    spans = char_spans(line.text, line.bbox[0], line.bbox[2])
    pieces = [""] * (len(boxes) + 1)
    for ch, (a, z) in zip(line.text, spans):
        k = sum(1 for b in boxes if b.cx <= (a + z) / 2)
        pieces[k] += ch
    return _LineLayout(pieces=pieces)


def _place_boxes(text: str, prefix: list[float], boxes: list[_Box], seg_widths: list[float],
                 em: float, consumed: int) -> tuple[float, list[tuple[int, int]]] | None:
    """Best (cost, [(start, end) per box]) consuming exactly ``consumed`` glyphs."""
    n = len(text)
    strays = [0]
    for c in text:
        strays.append(strays[-1] + (c in BOX_GLYPHS))

    def piece_cost(a: int, z: int, width: float) -> float:
        # A box glyph left inside a piece is penalised like a whole missing character.
        return abs((prefix[z] - prefix[a]) * em - width) + (strays[z] - strays[a]) * em

    # (end index of the last placed box, glyphs consumed) -> (cost, choices)
    dp: dict[tuple[int, int], tuple[float, list[tuple[int, int]]]] = {(0, 0): (0.0, [])}
    for k, b in enumerate(boxes):
        nxt: dict[tuple[int, int], tuple[float, list[tuple[int, int]]]] = {}
        for (prev_end, used), (cost, choices) in dp.items():
            for start in range(prev_end, n + 1):
                base = cost + piece_cost(prev_end, start, seg_widths[k])
                options = [(start, start, used, 0.0)]
                ch = text[start] if start < n else ""
                if used < consumed and ch and (ch in BOX_LIKE_CHARS
                                               or (b.checked and ch in TICK_GARBAGE)):
                    # When the geometry fits either way, a glyph right where a box is
                    # drawn is that box: a small bonus, bigger for true box glyphs.
                    options.append((start, start + 1, used + 1,
                                    -0.2 * em if ch in BOX_GLYPHS else -0.1 * em))
                for s0, e0, u, extra in options:
                    total = base + extra
                    key = (e0, u)
                    if key not in nxt or total < nxt[key][0]:
                        nxt[key] = (total, [*choices, (s0, e0)])
        dp = nxt
    finals = [(c + piece_cost(e, n, seg_widths[-1]), ch) for (e, u), (c, ch) in dp.items()
              if u == consumed]
    return min(finals, key=lambda t: t[0]) if finals else None


def _boxes_in_line(line: OcrLine, boxes: list[_Box]) -> list[_Box]:
    return sorted((b for b in boxes if _overlaps_row(line, b)
                   and line.bbox[0] - b.side * 0.25 <= b.cx <= line.bbox[2] + b.side * 0.25),
                  key=lambda b: b.x0)


def _clean_label(text: str, checked: bool) -> str:
    text = text.strip(LABEL_STRIP)
    while text and (text[0] in BOX_GLYPHS or
                    (checked and text[0] in TICK_GARBAGE and len(text) > 1
                     and is_cjk(text[1]))):
        text = text[1:].strip(LABEL_STRIP)
    return "".join(c for c in text if c not in BOX_GLYPHS).strip(LABEL_STRIP)


def _labels_before(pieces: list[str]) -> list[str] | None:
    """Labels written before their boxes ("是☑ 否□"): the line ends with a box and has
    text before the first one. As for typed marks (extractor.checkmarks.label_marks), the
    first label drops a "问题：" lead. None when labels follow the boxes."""
    if pieces[-1].strip(LABEL_STRIP + "".join(BOX_GLYPHS)) or \
            not pieces[0].strip(LABEL_STRIP + "".join(BOX_GLYPHS)):
        return None
    labels = [p.rstrip(LABEL_STRIP) for p in pieces[:-1]]
    # The box itself read as a glyph glued to the label's end ("否冈").
    labels = [p[:-1] if len(p) > 1 and p[-1] in TICK_GARBAGE and is_cjk(p[-2]) else p
              for p in labels]
    labels[0] = _LEAD.sub("", labels[0])
    if not labels[0].strip(LABEL_STRIP):
        return None  # "企业类型：□": the label is on the right after all (next line)
    return labels


def _written_ticks(ln: OcrLine, pieces: list[str], inside: list[_Box], labels: dict[int, str]
                   ) -> list[_Box]:
    """Options ticked by writing a mark in place of the box ("□大型 √中型 □小型"): the
    drawn boxes are the unticked ones and the √ is text. Each mark inside a piece starts
    an option of its own, ticked; the piece before it stays the box's label. Returns the
    marks as ticked boxes placed where the mark is written."""
    spans = char_spans(ln.text, ln.bbox[0], ln.bbox[2])
    marks_at = [i for i, c in enumerate(ln.text) if c in WRITTEN_TICKS]
    out: list[_Box] = []
    used = 0
    for k, piece in enumerate(pieces):
        parts = re.split(f"[{''.join(WRITTEN_TICKS)}]", piece)
        if len(parts) < 2:
            continue
        if k > 0:
            owner = inside[k - 1]
            if labels.get(id(owner)) == piece:
                labels[id(owner)] = parts[0]
        for part in parts[1:]:
            if used >= len(marks_at):
                break
            a, z = spans[marks_at[used]]
            used += 1
            h = ln.bbox[3] - ln.bbox[1]
            box = _Box(int(a), int(ln.bbox[1] + 0.15 * h), int(max(z, a + 0.7 * h)),
                       int(ln.bbox[3] - 0.15 * h), checked=True)
            labels[id(box)] = part
            out.append(box)
    return out


def _labels_and_lines(lines: list[OcrLine], boxes: list[_Box],
                      binary: np.ndarray | None = None
                      ) -> tuple[dict[int, str], list[OcrLine]]:
    """Label per box (keyed by id) and the lines with box glyphs removed. Options ticked
    with a written mark instead of a box are appended to ``boxes`` (see _written_ticks)."""
    labels: dict[int, str] = {}
    written: list[_Box] = []
    cleaned: list[OcrLine] = []
    # Per line: its box, the boxes in it, and the text before its first box.
    leads: list[tuple[OcrLine, list[_Box], str]] = []
    for ln in lines:
        inside = _boxes_in_line(ln, boxes)
        if not inside:
            if any(c in WRITTEN_TICKS for c in ln.text) and \
                    any(_overlaps_row(ln, b) for b in boxes):
                # OCR cut the row into pieces; this one holds a written mark ("√中型").
                marks = _written_ticks(ln, [ln.text], [], labels)
                written += marks
                if marks:
                    text = " ".join("".join(" " if c in BOX_GLYPHS else c
                                            for c in ln.text).split())
                    if text:
                        cleaned.append(ln.model_copy(update={"text": text}))
                    leads.append((ln, marks, ""))
                    continue
            cleaned.append(ln)
            leads.append((ln, [], ln.text))
            continue
        lay = _layout(ln, inside, binary)
        before = _labels_before(lay.pieces)
        for k, b in enumerate(inside):
            label = before[k] if before else lay.pieces[k + 1]
            if label.strip() or id(b) not in labels:
                labels[id(b)] = label
        if before is None:
            written += _written_ticks(ln, lay.pieces, inside, labels)
        leads.append((ln, inside, lay.pieces[0]))
        text = " ".join(lay.pieces)
        text = " ".join("".join(" " if c in BOX_GLYPHS else c for c in text).split())
        if text:
            cleaned.append(ln.model_copy(update={"text": text}))
    # A box with nothing after it in its own line (OCR split the box off, or left it out
    # of every line): its label starts the next line to its right.
    for b in boxes:
        if labels.get(id(b), "").strip(LABEL_STRIP + "".join(BOX_GLYPHS)):
            continue
        right = [(ln, inside, lead) for ln, inside, lead in leads
                 if b not in inside and _overlaps_row(ln, b)
                 and b.x1 - b.side * 0.3 <= ln.bbox[0] <= b.x1 + 2.5 * b.side]
        if not right:
            labels.setdefault(id(b), "")
            continue
        ln, inside, lead = min(right, key=lambda t: t[0].bbox[0])
        if inside:
            labels[id(b)] = lead
            continue
        stop = min((o.x0 for o in boxes if o is not b and abs(o.cy - b.cy) < b.side * 0.6
                    and o.x0 > b.x1), default=float("inf"))
        spans = char_spans(ln.text, ln.bbox[0], ln.bbox[2])
        labels[id(b)] = "".join(c for c, (a, z) in zip(ln.text, spans) if (a + z) / 2 < stop)
    boxes.extend(written)
    return labels, cleaned
