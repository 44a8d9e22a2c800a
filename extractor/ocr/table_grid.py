"""Ruled tables in a scanned page: rule lines → cell grid (with merged cells) → cell text.

Rule lines are what morphology keeps when opening the ink mask with a long thin kernel
(characters are far shorter than a table rule). Their positions give the grid; a grid
edge with no rule drawn along it means the cells on both sides are one merged cell, which
is how a Word form's merged cells look once printed. OCR lines are then put into cells by
their centre, after cutting a line that runs across a rule (the detector sometimes joins
a label and its value over a thin rule).

Scans are often slightly rotated; the page is deskewed for grid finding (angle from the
long horizontal rules) and cell boxes are mapped back to the original pixel frame.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import cv2
import numpy as np

from extractor.ocr.base import OcrLine
from extractor.ocr.checkbox_detector import binarize
from extractor.ocr.components import connected_components
from extractor.ocr.text_geometry import char_weight, join_layout, split_at
from models import Cell, Table
from models.location import BBoxTuple

# Share of a grid edge that must be covered by a rule for the cells to be separate.
SEPARATOR_COVERAGE = 0.6
MIN_SKEW_DEG = 0.15
MAX_SKEW_DEG = 5.0


@dataclass
class GridCell:
    row: int
    col: int
    row_span: int
    col_span: int
    # In the deskewed frame; see TableGrid.to_original.
    box: tuple[float, float, float, float]


@dataclass
class TableGrid:
    xs: list[float]  # column boundaries, left to right (deskewed frame)
    ys: list[float]  # row boundaries, top to bottom
    cells: list[GridCell]
    # (row, col) -> index into cells, for every grid position (merged ones included)
    owner: dict[tuple[int, int], int]
    # vertical rule present between column c and c+1 in row r: vsep[r][c]
    vsep: list[list[bool]]
    matrix: np.ndarray = field(default_factory=lambda: np.eye(2, 3))  # original → deskewed
    # Ink of the page in the deskewed frame, rules removed: where a line's words sit.
    text_ink: np.ndarray | None = None

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    def to_original(self, box: tuple[float, float, float, float]) -> BBoxTuple:
        inv = cv2.invertAffineTransform(self.matrix)
        x0, y0, x1, y1 = box
        pts = np.array([[x0, y0, 1], [x1, y0, 1], [x0, y1, 1], [x1, y1, 1]], dtype=float)
        mapped = pts @ inv.T
        return (float(mapped[:, 0].min()), float(mapped[:, 1].min()),
                float(mapped[:, 0].max()), float(mapped[:, 1].max()))


Components = tuple[int, np.ndarray, np.ndarray]


def _estimate_skew(hmask: np.ndarray, parts: Components | None = None) -> float:
    """Median angle (degrees) of the long horizontal rules; 0 when there are none."""
    n, labels, stats = parts if parts is not None else connected_components(hmask)
    width = hmask.shape[1]
    angles: list[float] = []
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        if w < width * 0.2:
            continue
        ys, xs = np.nonzero(labels[y:y + h, x:x + w] == i)
        if len(xs) < 10:
            continue
        slope = np.polyfit(xs.astype(float), ys.astype(float), 1)[0]
        angles.append(math.degrees(math.atan(slope)))
    return float(np.median(angles)) if angles else 0.0


def _rule_masks(binary: np.ndarray, min_len: int) -> tuple[np.ndarray, np.ndarray]:
    # Close tiny breaks along a rule (scanner dropout) before keeping only long runs.
    hclosed = cv2.morphologyEx(binary, cv2.MORPH_CLOSE, np.ones((1, 3), np.uint8))
    vclosed = cv2.morphologyEx(binary, cv2.MORPH_CLOSE, np.ones((3, 1), np.uint8))
    hmask = cv2.morphologyEx(hclosed, cv2.MORPH_OPEN, np.ones((1, min_len), np.uint8))
    vmask = cv2.morphologyEx(vclosed, cv2.MORPH_OPEN, np.ones((min_len, 1), np.uint8))
    return hmask, vmask


def _cluster(positions: list[tuple[float, float, float]], tol: float
             ) -> list[tuple[float, float, float, float, float]]:
    """Merge rule segments (pos, start, end) lying on the same line. Returns (pos, start,
    end, longest member's start, its end): a character stroke beside a rule (the 一 of a
    label just under it) joins the cluster and stretches it past the rule's true ends."""
    out: list[list[float]] = []
    for pos, a, z in sorted(positions):
        if out and abs(pos - out[-1][0]) <= tol:
            cur = out[-1]
            cur[0] = (cur[0] * cur[3] + pos) / (cur[3] + 1)
            cur[1], cur[2], cur[3] = min(cur[1], a), max(cur[2], z), cur[3] + 1
            if z - a > cur[5] - cur[4]:
                cur[4], cur[5] = a, z
        else:
            out.append([pos, a, z, 1, a, z])
    return [(p, a, z, la, lz) for p, a, z, _, la, lz in out]


def _grid_in_region(hmask: np.ndarray, vmask: np.ndarray, region: tuple[int, int, int, int],
                    min_len: int, tol: int) -> TableGrid | None:
    x, y, w, h = region
    hsub, vsub = hmask[y:y + h, x:x + w], vmask[y:y + h, x:x + w]
    hsegs: list[tuple[float, float, float]] = []
    n, _, stats = connected_components(hsub)
    for sx, sy, sw, sh, _ in stats[1:n]:
        if sw >= min_len:
            hsegs.append((y + sy + sh / 2, x + sx, x + sx + sw))
    vsegs: list[tuple[float, float, float]] = []
    n, _, stats = connected_components(vsub)
    for sx, sy, sw, sh, _ in stats[1:n]:
        if sh >= min_len:
            vsegs.append((x + sx + sw / 2, y + sy, y + sy + sh))
    hlines = _cluster(hsegs, tol)
    vlines = _cluster(vsegs, tol)
    # A table rule ends on a crossing rule; an underline for a fill-in blank does not.
    vxs = [v[0] for v in vlines]
    hys = [hl[0] for hl in hlines]
    def ends_on(line: tuple[float, ...], crossing: list[float]) -> bool:
        return any(_near_any(a, crossing, 2 * tol) and _near_any(z, crossing, 2 * tol)
                   for a, z in ((line[1], line[2]), (line[3], line[4])))

    hlines = [hl for hl in hlines if ends_on(hl, vxs)]
    vlines = [v for v in vlines if ends_on(v, hys)]
    if len(hlines) < 2 or len(vlines) < 2:
        return None
    ys = [hl[0] for hl in hlines]
    xs = [v[0] for v in vlines]
    return _build_grid(hmask, vmask, xs, ys, tol)


def _near_any(value: float, targets: list[float], tol: float) -> bool:
    return any(abs(value - t) <= tol for t in targets)


def _coverage_v(vmask: np.ndarray, x: float, y0: float, y1: float, tol: int) -> float:
    inset = min(tol, (y1 - y0) / 4)
    a, z = int(y0 + inset), int(y1 - inset)
    band = vmask[a:z, max(0, int(x) - tol):int(x) + tol + 1]
    return float((band.max(axis=1) > 0).mean()) if band.size else 0.0


def _coverage_h(hmask: np.ndarray, y: float, x0: float, x1: float, tol: int) -> float:
    inset = min(tol, (x1 - x0) / 4)
    a, z = int(x0 + inset), int(x1 - inset)
    band = hmask[max(0, int(y) - tol):int(y) + tol + 1, a:z]
    return float((band.max(axis=0) > 0).mean()) if band.size else 0.0


def _build_grid(hmask: np.ndarray, vmask: np.ndarray, xs: list[float], ys: list[float],
                tol: int) -> TableGrid:
    nr, nc = len(ys) - 1, len(xs) - 1
    vsep = [[_coverage_v(vmask, xs[c + 1], ys[r], ys[r + 1], tol) >= SEPARATOR_COVERAGE
             for c in range(nc - 1)] for r in range(nr)]
    hsep = [[_coverage_h(hmask, ys[r + 1], xs[c], xs[c + 1], tol) >= SEPARATOR_COVERAGE
             for c in range(nc)] for r in range(nr - 1)]
    parent = list(range(nr * nc))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(nr):
        for c in range(nc):
            if c + 1 < nc and not vsep[r][c]:
                parent[find(r * nc + c)] = find(r * nc + c + 1)
            if r + 1 < nr and not hsep[r][c]:
                parent[find(r * nc + c)] = find((r + 1) * nc + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(nr):
        for c in range(nc):
            groups.setdefault(find(r * nc + c), []).append((r, c))
    cells: list[GridCell] = []
    owner: dict[tuple[int, int], int] = {}
    for members in sorted(groups.values(), key=lambda m: min(m)):
        r0, c0 = min(r for r, _ in members), min(c for _, c in members)
        r1, c1 = max(r for r, _ in members), max(c for _, c in members)
        if (r0, c0) in owner:
            # A non-rectangular merge (a broken rule): fold into the cell owning its corner.
            for pos in members:
                owner.setdefault(pos, owner[(r0, c0)])
            continue
        idx = len(cells)
        cells.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1,
                              (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])))
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                owner.setdefault((r, c), idx)
    return TableGrid(xs=xs, ys=ys, cells=cells, owner=owner, vsep=vsep)


def detect_grids(image: np.ndarray, binary: np.ndarray | None = None,
                 text_height: float | None = None,
                 exclude: list[BBoxTuple] | None = None) -> list[TableGrid]:
    """Ruled tables on a page image, top to bottom.

    ``text_height`` (median OCR line box height) sets the shortest rule kept: longer
    than a tick box or a character stroke, shorter than a one-line table row.
    ``exclude`` areas (found tick boxes) are blanked first so their frames never pass
    for rules."""
    if binary is None:
        binary = binarize(image)
    if exclude:
        binary = binary.copy()
        for x0, y0, x1, y1 in exclude:
            binary[max(0, int(y0) - 2):int(y1) + 3, max(0, int(x0) - 2):int(x1) + 3] = 0
    height, width = binary.shape[:2]
    min_len = max(30, min(width, height) // 30)
    if text_height:
        min_len = max(min_len, int(text_height * 0.9))
    tol = max(4, min(width, height) // 250)
    # Masks and components are made once and again only for a page turned level: every
    # OCR'd page goes through here, most have no table, and each pass over an A4 scan
    # costs milliseconds.
    hmask, vmask = _rule_masks(binary, min_len)
    hparts = connected_components(hmask, min_len)
    matrix = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    angle = _estimate_skew(hmask, hparts)
    if MIN_SKEW_DEG <= abs(angle) <= MAX_SKEW_DEG:
        matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
        binary = cv2.warpAffine(binary, matrix, (width, height), flags=cv2.INTER_NEAREST,
                                borderValue=0)
        hmask, vmask = _rule_masks(binary, min_len)
        hparts = connected_components(hmask, min_len)
    either = cv2.bitwise_or(hmask, vmask)
    both = cv2.dilate(either, np.ones((5, 5), np.uint8))
    contours, _ = cv2.findContours(both, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    grids: list[TableGrid] = []
    for cnt in sorted(contours, key=lambda c: cv2.boundingRect(c)[1]):
        x, y, w, h = cv2.boundingRect(cnt)
        if w < min_len * 2 or h < min_len:
            continue
        grid = _grid_in_region(hmask, vmask, (x, y, w, h), min_len, tol)
        if grid is not None and grid.cells and (grid.n_rows > 1 or grid.n_cols > 1):
            grids.append(grid)
    if text_height:
        grids += _single_row_grids(binary, hparts, grids, min_len, tol, text_height)
        grids.sort(key=lambda g: g.ys[0])
    if grids:
        rules = cv2.dilate(either, np.ones((3, 3), np.uint8))
        text_ink = cv2.bitwise_and(binary, cv2.bitwise_not(rules))
        for grid in grids:
            grid.matrix = matrix
            grid.text_ink = text_ink
    return grids


def _single_row_grids(binary: np.ndarray, hparts: Components, grids: list[TableGrid],
                      min_len: int, tol: int, text_height: float) -> list[TableGrid]:
    """Tables of one row: the last row of a table cut onto the next page stands alone,
    its column rules no longer than the row is high — shorter than the rules the grid
    search keeps (a character's strokes are that long too). Two long rules one row apart
    with the same ends, and full-height ink across the row at both ends and between
    cells, make a one-row table."""
    n, _, stats = hparts
    segs = [(y + hh / 2, float(x), float(x + ww)) for x, y, ww, hh, _ in stats[1:n]
            if ww >= 4 * min_len]
    rules = _cluster(segs, tol)
    taken = [(g.ys[0], g.ys[-1]) for g in grids]
    out: list[TableGrid] = []
    for top, bottom in zip(rules, rules[1:]):
        if not 0.8 * text_height <= bottom[0] - top[0] <= 2.5 * text_height:
            continue
        if abs(top[1] - bottom[1]) > 2 * tol or abs(top[2] - bottom[2]) > 2 * tol:
            continue
        if any(y0 - tol <= top[0] <= y1 + tol or y0 - tol <= bottom[0] <= y1 + tol
               for y0, y1 in taken):
            continue
        x0, x1 = int(min(top[1], bottom[1])), int(max(top[2], bottom[2]))
        # From rule to rule: a column rule joins them, a character's stroke leaves a gap
        # at the top or bottom of the row.
        strip = binary[int(round(top[0])):int(round(bottom[0])) + 1, x0:x1 + 1] > 0
        if strip.size == 0:
            continue
        seps: list[list[int]] = []
        for c in np.flatnonzero(strip.mean(axis=0) >= 0.97).tolist():
            if seps and c - seps[-1][1] <= 2:
                seps[-1][1] = c
            else:
                seps.append([c, c])
        xs = [x0 + (a + z) / 2 for a, z in seps]
        if len(xs) < 3 or xs[0] - x0 > 2 * tol or x1 - xs[-1] > 2 * tol:
            continue  # both borders and at least one cell rule, or it is not a table
        ys = [top[0], bottom[0]]
        cells = [GridCell(0, c, 1, 1, (xs[c], ys[0], xs[c + 1], ys[1]))
                 for c in range(len(xs) - 1)]
        out.append(TableGrid(xs=xs, ys=ys, cells=cells,
                             owner={(0, c): c for c in range(len(xs) - 1)},
                             vsep=[[True] * (len(xs) - 2)]))
    return out


def _transform(matrix: np.ndarray, bbox: BBoxTuple) -> BBoxTuple:
    x0, y0, x1, y1 = bbox
    pts = np.array([[x0, y0, 1], [x1, y0, 1], [x0, y1, 1], [x1, y1, 1]], dtype=float)
    mapped = pts @ matrix.T
    return (float(mapped[:, 0].min()), float(mapped[:, 1].min()),
            float(mapped[:, 0].max()), float(mapped[:, 1].max()))


def _locate(values: list[float], v: float) -> int | None:
    for i in range(len(values) - 1):
        if values[i] <= v < values[i + 1]:
            return i
    return None


def _split_by_ink(grid: TableGrid, text: str, box: BBoxTuple, cuts: list[float]
                  ) -> list[tuple[str, BBoxTuple]]:
    """Split a line at rules it runs over, sharing its characters out by how wide the
    writing on each side of each rule is (OCR keeps no spaces, so an even spread over
    the line box would put the cut in the wrong place)."""
    if not cuts or grid.text_ink is None:
        return split_at(text, box, cuts)
    x0, y0, x1, y1 = (int(round(v)) for v in box)
    ink = grid.text_ink[max(0, y0 + 2):max(0, y1 - 2), max(0, x0):max(0, x1)]
    if ink.size == 0:
        return split_at(text, box, cuts)
    cols = ink.max(axis=0) > 0
    edges = [x0, *[int(round(c)) for c in sorted(cuts)], x1]
    widths: list[float] = []
    for a, z in zip(edges, edges[1:]):
        seg = np.flatnonzero(cols[a - x0:z - x0])
        widths.append(float(seg[-1] - seg[0] + 1) if seg.size else 0.0)
    if sum(widths) <= 0:
        return split_at(text, box, cuts)
    weights = [char_weight(c) for c in text]
    total = sum(weights) or 1.0
    em = sum(widths) / total
    parts: list[tuple[str, BBoxTuple]] = []
    start, acc, target = 0, 0.0, 0.0
    for k, (a, z) in enumerate(zip(edges, edges[1:])):
        target += widths[k]
        end = start
        if k == len(widths) - 1:
            end = len(text)
        else:
            # Take characters while that brings the running width closer to the target.
            while end < len(text) and abs(acc + weights[end] * em - target) <= abs(acc - target):
                acc += weights[end] * em
                end += 1
        piece = text[start:end].strip()
        if piece:
            parts.append((piece, (float(a), float(box[1]), float(z), float(box[3]))))
        start = end
    return parts


def fill_grid(grid: TableGrid, lines: list[OcrLine]
              ) -> tuple[dict[int, list[tuple[str, BBoxTuple]]], list[int]]:
    """Pieces of OCR text per cell index, and the indices of lines used."""
    texts: dict[int, list[tuple[str, BBoxTuple]]] = {}
    used: list[int] = []
    for li, ln in enumerate(lines):
        box = _transform(grid.matrix, ln.bbox)
        cy = (box[1] + box[3]) / 2
        row = _locate(grid.ys, cy)
        if row is None or box[2] <= grid.xs[0] or box[0] >= grid.xs[-1]:
            continue
        # Cut where the line runs over a vertical rule drawn in this row.
        cuts = [grid.xs[c + 1] for c in range(grid.n_cols - 1)
                if grid.vsep[row][c] and box[0] + 4 < grid.xs[c + 1] < box[2] - 4]
        placed = False
        for text, part in _split_by_ink(grid, ln.text, box, cuts):
            col = _locate(grid.xs, (part[0] + part[2]) / 2)
            if col is None:
                continue
            texts.setdefault(grid.owner[(row, col)], []).append((text, part))
            placed = True
        if placed:
            used.append(li)
    return texts, used


def grid_to_table(grid: TableGrid, texts: dict[int, list[tuple[str, BBoxTuple]]],
                  index: int, page: int) -> Table:
    cell_text = {i: join_layout(parts) for i, parts in texts.items()}
    cells: list[Cell] = []
    for i, gc in enumerate(grid.cells):
        cells.append(Cell(text=cell_text.get(i, ""), row=gc.row, col=gc.col,
                          row_span=gc.row_span, col_span=gc.col_span,
                          bbox=grid.to_original(gc.box)))
    for (r, c), i in sorted(grid.owner.items()):
        gc = grid.cells[i]
        if (r, c) != (gc.row, gc.col):
            box = (grid.xs[c], grid.ys[r], grid.xs[c + 1], grid.ys[r + 1])
            cells.append(Cell(text=cell_text.get(i, ""), row=r, col=c,
                              bbox=grid.to_original(box), merged_from=(gc.row, gc.col)))
    cells.sort(key=lambda c: (c.row, c.col))
    bbox = grid.to_original((grid.xs[0], grid.ys[0], grid.xs[-1], grid.ys[-1]))
    return Table(index=index, page=page, bbox=bbox, source="ocr", n_rows=grid.n_rows,
                 n_cols=grid.n_cols, cells=cells)


def extract_tables(image: np.ndarray, lines: list[OcrLine], page: int = 1,
                   start_index: int = 0, binary: np.ndarray | None = None,
                   exclude: list[BBoxTuple] | None = None) -> list[Table]:
    """Tables (source="ocr") on a page image, text filled from its OCR lines."""
    heights = [ln.bbox[3] - ln.bbox[1] for ln in lines]
    text_height = float(np.median(heights)) if heights else None
    tables: list[Table] = []
    for grid in detect_grids(image, binary, text_height, exclude):
        texts, _ = fill_grid(grid, lines)
        tables.append(grid_to_table(grid, texts, start_index + len(tables), page))
    return tables
