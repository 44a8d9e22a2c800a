"""Tick boxes drawn in a scanned page: find them, decide ticked or empty, read the label.

A box is found as a square frame of straight strokes (top/bottom/left/right segments of
about the text height), not as a contour, because hand ticks often overshoot the frame
and would merge with it into one odd-shaped contour. Characters such as 口 国 回 also
form closed squares; their inner strokes, or for 口 the text around it, tell them apart
(see ``_is_text_char``).

OCR reads an empty box as "口"/"□" and a ticked one as "☑" or some garbage glyph, or
drops it. Those glyphs are removed from the labels and from the OCR lines, so the text
stream carries the option wording and the ticks are carried by :class:`Checkbox`.
Placing the boxes among the characters of their lines and reading the labels is
:mod:`extractor.ocr.checkbox_labels`.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import cv2
import numpy as np

from extractor.ocr.base import OcrLine
from extractor.ocr.checkbox_labels import (
    _Box,
    _clean_label,
    _labels_and_lines,
    _overlaps_row,
)
from extractor.ocr.components import connected_components
from extractor.ocr.text_geometry import (
    BOX_GLYPHS,
    char_spans,
    char_weight,
)
from models import Checkbox
from models.location import BBoxTuple

# Characters that form a closed square with inner strokes too short or too curved for
# ``_has_inner_strokes`` at some font sizes.
SHY_CHARS = frozenset("曰百首图圆白自日目面固四")
# A character is about this share of the height of the OCR box round its line.
EM_PER_LINE_HEIGHT = 0.8
# Share of ink inside a frame (border excluded) above which the box counts as ticked.
CHECKED_INK_RATIO = 0.08


@dataclass
class CheckboxResult:
    checkboxes: list[Checkbox] = field(default_factory=list)
    # The input lines with box glyphs removed (lines left empty are dropped).
    lines: list[OcrLine] = field(default_factory=list)


def binarize(image: np.ndarray) -> np.ndarray:
    """Ink = 255. Adaptive so that uneven lighting in photos does not turn paper to ink."""
    grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    return cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C,
                                 cv2.THRESH_BINARY_INV, 31, 15)


def _text_height(lines: list[OcrLine]) -> float | None:
    heights = [ln.bbox[3] - ln.bbox[1] for ln in lines if ln.text]
    return float(np.median(heights)) if heights else None


def _segments(mask: np.ndarray, min_pixels: int = 1) -> np.ndarray:
    """Connected components as rows of (x, y, w, h); ``min_pixels`` as in
    :func:`extractor.ocr.components.connected_components`."""
    n, _, stats = connected_components(mask, min_pixels)
    return stats[1:n, :4] if n > 1 else np.zeros((0, 4), dtype=np.int32)


def find_square_frames(binary: np.ndarray, smin: int, smax: int) -> list[_Box]:
    """Square frames with side in [smin, smax] px, from straight stroke segments."""
    k = max(3, int(smin * 0.6))
    hmask = cv2.morphologyEx(binary, cv2.MORPH_OPEN, np.ones((1, k), np.uint8))
    vmask = cv2.morphologyEx(binary, cv2.MORPH_OPEN, np.ones((k, 1), np.uint8))
    hsegs = [tuple(int(v) for v in s) for s in _segments(hmask, k)
             if smin * 0.8 <= s[2] <= smax * 1.15 and s[3] <= max(3, s[2] * 0.3)]
    tol = max(3, smin // 5)
    hsegs.sort()
    xs = [s[0] for s in hsegs]
    boxes: list[_Box] = []
    for tx, ty, tw, th in hsegs:
        # Partners start within tol of this segment, on either side (a slightly skewed
        # scan shifts the bottom edge left or right of the top one).
        for j in range(bisect.bisect_left(xs, tx - tol), bisect.bisect_right(xs, tx + tol)):
            bx, by, bw, bh = hsegs[j]
            if abs(bw - tw) > tol or by <= ty:
                continue
            height = by + bh - ty
            width = max(tw, bw)
            # Tick boxes are square; 日 目 and the like are taller than wide.
            if not 0.8 * width <= height <= 1.25 * width:
                continue
            x0, x1 = min(tx, bx), max(tx + tw, bx + bw)
            y0, y1 = ty, by + bh
            stroke = max(th, bh)
            # Sides must stand at the very ends of the top and bottom strokes: a
            # stroke a few pixels further in is the inside of a character (其 in 基).
            band = max(3, 2 * stroke)
            if _side_coverage(vmask, x0 - 1, x0 + band, y0, y1) >= 0.7 and \
                    _side_coverage(vmask, x1 - band, x1 + 1, y0, y1) >= 0.7:
                boxes.append(_Box(x0, y0, x1, y1, stroke=stroke))
    return _drop_nested(boxes)


def _side_coverage(vmask: np.ndarray, xa: int, xb: int, y0: int, y1: int) -> float:
    """Share of rows y0..y1 with a vertical stroke between columns xa and xb."""
    band = vmask[y0:y1, max(0, xa):max(0, xb)]
    if band.size == 0:
        return 0.0
    return float((band.max(axis=1) > 0).mean())


def _drop_nested(boxes: list[_Box]) -> list[_Box]:
    """Keep outer frames only (▣ or 回 give a frame inside a frame; duplicates too)."""
    boxes.sort(key=lambda b: -(b.x1 - b.x0) * (b.y1 - b.y0))
    kept: list[_Box] = []
    for b in boxes:
        if any(k.x0 - 2 <= b.x0 and k.y0 - 2 <= b.y0 and b.x1 <= k.x1 + 2 and b.y1 <= k.y1 + 2
               for k in kept):
            continue
        kept.append(b)
    return kept


def _inner(binary: np.ndarray, b: _Box) -> np.ndarray:
    """The inside of the frame, its strokes excluded. Edges are found from the ink
    profile (a scanned frame's strokes are uneven and may be thicker than the segment
    that found them), with one extra pixel for blur."""
    crop = binary[b.y0:b.y1, b.x0:b.x1] > 0
    h, w = crop.shape
    if h < 6 or w < 6:
        return crop[0:0, 0:0].astype(np.uint8)

    def edge(profile: np.ndarray) -> int:
        """Index just past the frame stroke at the start of ``profile``."""
        limit = max(1, len(profile) * 2 // 5)
        i = 0
        while i < limit and profile[i] < 0.6:
            i += 1
        if i == limit:
            return b.stroke
        while i < limit and profile[i] >= 0.6:
            i += 1
        return i

    cols, rows = crop.mean(axis=0), crop.mean(axis=1)
    x0, x1 = edge(cols) + 1, w - edge(cols[::-1]) - 1
    y0, y1 = edge(rows) + 1, h - edge(rows[::-1]) - 1
    return binary[b.y0 + y0:b.y0 + max(y0, y1), b.x0 + x0:b.x0 + max(x0, x1)]


def _ink_ratio(binary: np.ndarray, b: _Box) -> float:
    inner = _inner(binary, b)
    ih, iw = inner.shape[:2]
    # A further margin: ticks are drawn in the middle, scanner smear sits at the edges.
    m = max(1, int(round(min(ih, iw) * 0.12)))
    core = inner[m:ih - m, m:iw - m]
    return float((core > 0).mean()) if core.size else 0.0


def _without_rules(binary: np.ndarray, y0: int, y1: int, x0: int, x1: int, side: int
                   ) -> np.ndarray:
    """``binary[y0:y1, x0:x1]`` with the rows of a table rule blanked: ink that runs a
    box's width past both its sides is the cell's border (a box printed in a tight table
    row sits a few pixels from it), not a stroke of a character above or below."""
    crop = binary[y0:y1, x0:x1].copy()
    wx0, wx1 = max(0, x0 - side), min(binary.shape[1], x1 + side)
    wide = binary[y0:y1, wx0:wx1] > 0
    if wx1 - wx0 >= (x1 - x0) + side:
        rule_rows = wide.mean(axis=1) >= 0.9
        crop[rule_rows] = 0
    return crop


def _isolated(binary: np.ndarray, b: _Box) -> bool:
    """Nothing written right above or below the frame. A tick box stands alone in its
    line; a square that is part of a character has strokes over or under it (the 日 of
    智, the top bar of 百, the dot of 白, the legs of 兄). Ink above that is joined to
    the frame — a hand tick running out over the top — does not count."""
    t = max(2, int(round(b.side * 0.2)))
    y0, y1 = max(0, b.y0 - t - 1), min(binary.shape[0], b.y1 + t + 2)
    x0, x1 = max(0, b.x0 - 1), min(binary.shape[1], b.x1 + 1)
    crop = _without_rules(binary, y0, y1, x0, x1, b.side)
    _, labels = cv2.connectedComponents(crop, connectivity=8)
    # The frame's own component: what its left edge belongs to.
    edge = labels[b.y0 - y0 + 1:b.y1 - y0 - 1, max(0, b.x0 - x0):b.x0 - x0 + b.stroke]
    frame_ids = set(np.unique(edge[edge > 0]).tolist())
    above, below = labels[:max(0, b.y0 - y0 - 1)], labels[b.y1 - y0 + 1:]
    # Above, ink joined to the frame is allowed (a tick running out over the top);
    # below, nothing is (the legs of 兄 hang from its 口).
    if above.size and float(((above > 0) & ~np.isin(above, list(frame_ids))).mean()) > 0.03:
        return False
    if below.size and float((below > 0).mean()) > 0.03:
        return False
    return True


def _ink_beside(binary: np.ndarray, b: _Box) -> float:
    """Ink share in the strips just left and right of the frame (the larger of the two),
    at about the spacing between characters of one word."""
    gap = max(3, int(round(b.side * 0.45)))
    y0, y1 = b.y0 + b.stroke, b.y1 - b.stroke
    left = binary[y0:y1, max(0, b.x0 - gap - 1):max(0, b.x0 - 1)]
    right = binary[y0:y1, b.x1 + 1:b.x1 + gap + 1]
    return max(float((s > 0).mean()) if s.size else 0.0 for s in (left, right))


def _has_inner_strokes(binary: np.ndarray, b: _Box) -> bool:
    """True when a straight thin stroke crosses most of the inside of the frame: the
    inner strokes of 国 回 田 日 目 因 图 ... A tick or cross is diagonal, and a fill is
    thick, so neither has one."""
    inner = _inner(binary, b)
    ih, iw = inner.shape[:2]
    if ih < 3 or iw < 3:
        return False
    hk = max(2, int(iw * 0.65))
    vk = max(2, int(ih * 0.65))
    # Zero border: OpenCV's default treats outside pixels as ink when eroding, which
    # would keep any stroke that merely touches the crop edge.
    hmask = cv2.morphologyEx(inner, cv2.MORPH_OPEN, np.ones((1, hk), np.uint8),
                             borderType=cv2.BORDER_CONSTANT, borderValue=0)
    vmask = cv2.morphologyEx(inner, cv2.MORPH_OPEN, np.ones((vk, 1), np.uint8),
                             borderType=cv2.BORDER_CONSTANT, borderValue=0)
    # "Thin" relative to the box, but never thinner than the pen that drew the frame.
    hsegs = [s for s in _segments(hmask) if s[3] <= max(ih * 0.3, b.stroke * 1.6)]
    vsegs = [s for s in _segments(vmask) if s[2] <= max(iw * 0.3, b.stroke * 1.6)]
    # Two or more: a tick's vertex can leave one short straight run, a character's
    # inside (王 in 国, 口 in 回, 十 in 田) leaves several. One is enough when it runs
    # wall to wall, like the bar of 日.
    if len(hsegs) + len(vsegs) >= 2:
        return True
    return any(w >= iw * 0.8 for _, _, w, _ in hsegs) or \
        any(h >= ih * 0.8 for _, _, _, h in vsegs)


def _is_text_char(binary: np.ndarray, lines: list[OcrLine], b: _Box) -> bool:
    """True when the frame is a character of running text (国, 回, 出口's 口 ...)."""
    if _has_inner_strokes(binary, b):
        return True
    near = _chars_near(lines, b, anchored=False)
    if any(ch in BOX_GLYPHS and dist <= 1.0 for _, dist, ch, _ in near):
        return False
    if b.checked:
        # Characters whose inner strokes the test above misses at some sizes: text when
        # OCR read one right there. At the start of a line the box may be one OCR
        # dropped in front of such a character, so there both estimates must agree.
        if not near or near[0][1] > 0.6 or near[0][2] not in SHY_CHARS:
            return False
        line = near[0][0]
        if b.x0 - line.bbox[0] > b.side * 0.5:
            return True
        anchored = _chars_near(lines, b, anchored=True)
        return bool(anchored) and anchored[0][1] <= 0.6 and anchored[0][2] in SHY_CHARS
    # An empty frame: a box, or 口. 口 is a box stand-in typed into some forms but also a
    # common character (出口, 人口, 口径). Text when OCR read 口 about there and either
    # another character is written tight against it or it is smaller than the writing
    # around it (the 口 glyph is about 0.7 em; a tick box is drawn as tall as the text).
    near_kou = [n for n in near + _chars_near(lines, b, anchored=True)
                if n[2] == "口" and n[1] <= 1.2]
    if near_kou:
        if _ink_beside(binary, b) > 0.02:
            return True
        return b.side < 0.85 * _ink_height(binary, near_kou[0][0])
    return False


def _ink_height(binary: np.ndarray, line: OcrLine) -> float:
    """Height of the writing in an OCR line: the span of rows holding ink."""
    x0, y0, x1, y1 = (int(round(v)) for v in line.bbox)
    crop = binary[max(0, y0):y1, max(0, x0):x1]
    # A cell's rule inside the line's box (a tight table row) is not writing.
    inked = (crop > 0).sum(axis=1)
    rows = np.flatnonzero((inked >= 2) & (inked < 0.9 * max(1, crop.shape[1])))
    return float(rows[-1] - rows[0] + 1) if rows.size else 0.0


def _chars_near(lines: list[OcrLine], b: _Box, anchored: bool
                ) -> list[tuple[OcrLine, float, str, str | None]]:
    """(line, distance from the box centre in box sides, char, previous char) of the
    OCR characters estimated to lie within 1.5 box sides of ``b``, nearest first.

    Positions are estimated two ways. Spread evenly over the line box (``anchored``
    False) is right when OCR read every glyph. When OCR dropped a box but kept it inside
    the line box, that spread puts the first label character on the box; counting from
    the far end of the line at the width the line height implies (``anchored`` True)
    does not."""
    out: list[tuple[OcrLine, float, str, str | None]] = []
    for ln in lines:
        if not _overlaps_row(ln, b) or ln.bbox[2] < b.x0 or ln.bbox[0] > b.x1:
            continue
        if not anchored:
            spans = char_spans(ln.text, ln.bbox[0], ln.bbox[2])
        else:
            em = (ln.bbox[3] - ln.bbox[1]) * EM_PER_LINE_HEIGHT
            weights = [char_weight(c) for c in ln.text]
            total = sum(weights) * em
            if b.cx < (ln.bbox[0] + ln.bbox[2]) / 2:
                start = ln.bbox[2] - total  # anchored at the right end
            else:
                start = ln.bbox[0]
            spans = char_spans(ln.text, start, start + total)
        for ci, (ch, (a, z)) in enumerate(zip(ln.text, spans)):
            dist = abs((a + z) / 2 - b.cx) / max(1.0, b.side)
            if dist <= 1.5:
                out.append((ln, dist, ch, ln.text[ci - 1] if ci > 0 else None))
    return sorted(out, key=lambda t: t[1])


def _rows(boxes: list[_Box]) -> list[list[_Box]]:
    """Boxes grouped into rows (top to bottom), each row left to right."""
    rows: list[list[_Box]] = []
    for b in sorted(boxes, key=lambda b: b.cy):
        if rows and abs(rows[-1][0].cy - b.cy) < b.side * 0.6:
            rows[-1].append(b)
        else:
            rows.append([b])
    return [sorted(r, key=lambda b: b.x0) for r in rows]


def detect_checkboxes(image: np.ndarray, lines: list[OcrLine], page: int = 1,
                      binary: np.ndarray | None = None) -> CheckboxResult:
    """Tick boxes on a page image (RGB or grey) given its OCR lines, plus the lines
    with the glyphs OCR made of the boxes removed."""
    if binary is None:
        binary = binarize(image)
    th = _text_height(lines)
    # Boxes are drawn about as tall as the text beside them.
    # (OCR line boxes are ~1.3 em tall; a box is ~0.8-1 em, parts of characters such as
    # the 口 in 品 or the 日 in 智 are smaller.)
    smin, smax = (max(8, int(th * 0.55)), int(th * 1.5)) if th else (12, 60)
    boxes: list[_Box] = []
    for b in find_square_frames(binary, smin, smax):
        inner = _inner(binary, b)
        if inner.shape[0] < 0.4 * (b.y1 - b.y0) or inner.shape[1] < 0.4 * (b.x1 - b.x0):
            continue  # not an outline: strokes fill most of the square
        b.checked = _ink_ratio(binary, b) > CHECKED_INK_RATIO
        if _isolated(binary, b) and not _is_text_char(binary, lines, b):
            boxes.append(b)
    labels, cleaned = _labels_and_lines(lines, boxes, binary)
    result = CheckboxResult(lines=cleaned)
    for row in _rows(boxes):
        for b in row:
            bbox: BBoxTuple = (float(b.x0), float(b.y0), float(b.x1), float(b.y1))
            result.checkboxes.append(Checkbox(
                label=_clean_label(labels.get(id(b), ""), b.checked), checked=b.checked,
                page=page, bbox=bbox, source="image"))
    return result
