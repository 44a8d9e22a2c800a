"""Ruled tables with drawn checkboxes, paginated over page images.

Checkboxes are drawn as squares (with a tick when chosen) instead of relying on a ☑ glyph,
because that is what a printed-and-scanned form looks like to OCR.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from PIL import Image, ImageDraw

from samples.render.text import INK, draw_text, text_width, wrap


@dataclass(frozen=True)
class Box:
    label: str
    ticked: bool
    fill: str = ""  # text after the label, e.g. the value of 其它：
    newline: bool = False  # start this option on a new line


@dataclass(frozen=True)
class CellSpec:
    col: int
    span: int
    content: str | tuple[Box, ...]
    align: Literal["left", "center"] = "left"


@dataclass(frozen=True)
class RowSpec:
    cells: tuple[CellSpec, ...]
    group: str | None = None  # label of the vertically merged first column


@dataclass
class PageFlow:
    """A stack of blank pages with a cursor; tables and paragraphs are poured into it."""

    width: int
    height: int
    margin_x: int
    margin_top: int
    margin_bottom: int
    pages: list[Image.Image] = field(default_factory=list)
    y: float = 0.0

    def __post_init__(self) -> None:
        if not self.pages:
            self.new_page()

    @property
    def page(self) -> Image.Image:
        return self.pages[-1]

    @property
    def draw(self) -> ImageDraw.ImageDraw:
        return ImageDraw.Draw(self.page)

    @property
    def bottom(self) -> float:
        return self.height - self.margin_bottom

    @property
    def content_width(self) -> int:
        return self.width - 2 * self.margin_x

    def new_page(self) -> None:
        self.pages.append(Image.new("RGB", (self.width, self.height), (255, 255, 255)))
        self.y = float(self.margin_top)

    def room(self) -> float:
        return self.bottom - self.y

    def paragraph(self, text: str, size: int, indent: int = 0, gap: float = 0.45, bold: bool = False) -> None:
        line_h = size * (1 + gap)
        for line in wrap(text, size, self.content_width - indent):
            if self.room() < line_h:
                self.new_page()
            draw_text(self.draw, (self.margin_x + indent, self.y), line, size, bold=bold)
            self.y += line_h


class RuledTable:
    def __init__(self, col_widths: list[int], font_size: int = 32, pad: int = 12, line_width: int = 2) -> None:
        self.col_widths = col_widths
        self.size = font_size
        self.pad = pad
        self.line_h = font_size * 1.42
        self.lw = line_width
        self.xs = [0]
        for w in col_widths:
            self.xs.append(self.xs[-1] + w)

    # -- measuring -------------------------------------------------------------------
    def _cell_width(self, col: int, span: int) -> int:
        return self.xs[col + span] - self.xs[col] - 2 * self.pad

    def _box_lines(self, boxes: tuple[Box, ...], width: float) -> list[list[tuple[Box, float]]]:
        """Place options left to right; returns lines of (box, x offset)."""
        side = self.size * 0.8
        gap = self.size * 0.9
        lines: list[list[tuple[Box, float]]] = [[]]
        x = 0.0
        for box in boxes:
            w = side + 6 + text_width(box.label + box.fill, self.size)
            if box.fill == "" and box.label.endswith("："):
                w += self.size * 4  # blank to write in
            if lines[-1] and (box.newline or x + w > width):
                lines.append([])
                x = 0.0
            lines[-1].append((box, x))
            x += w + gap
        return lines

    def content_height(self, content: str | tuple[Box, ...], width: float) -> float:
        if isinstance(content, str):
            n = len(wrap(content, self.size, width)) if content else 1
        else:
            n = len(self._box_lines(content, width))
        return n * self.line_h

    def row_heights(self, rows: list[RowSpec]) -> list[float]:
        heights = []
        for row in rows:
            h = max(self.content_height(c.content, self._cell_width(c.col, c.span)) for c in row.cells)
            heights.append(h + 2 * self.pad)
        return heights

    # -- drawing ---------------------------------------------------------------------
    def _draw_box(self, draw: ImageDraw.ImageDraw, x: float, y: float, ticked: bool) -> None:
        side = self.size * 0.8
        top = y + (self.line_h - side) / 2
        draw.rectangle((x, top, x + side, top + side), outline=INK, width=2)
        if ticked:
            pts = [(x + side * 0.18, top + side * 0.52), (x + side * 0.42, top + side * 0.8),
                   (x + side * 0.9, top + side * 0.12)]
            draw.line(pts, fill=INK, width=4, joint="curve")

    def _draw_content(self, draw: ImageDraw.ImageDraw, cell: CellSpec, x0: float, y0: float, h: float) -> None:
        width = self._cell_width(cell.col, cell.span)
        inner_h = self.content_height(cell.content, width)
        y = y0 + (h - inner_h) / 2
        left = x0 + self.pad
        if isinstance(cell.content, str):
            for line in wrap(cell.content, self.size, width) if cell.content else []:
                x = left
                if cell.align == "center":
                    x = left + (width - text_width(line, self.size)) / 2
                draw_text(draw, (x, y + (self.line_h - self.size) / 2 - 2), line, self.size)
                y += self.line_h
            return
        side = self.size * 0.8
        for line in self._box_lines(cell.content, width):
            for box, dx in line:
                self._draw_box(draw, left + dx, y, box.ticked)
                tx = left + dx + side + 6
                end = draw_text(draw, (tx, y + (self.line_h - self.size) / 2 - 2), box.label + box.fill, self.size)
                if box.label.endswith("：") and not box.fill:
                    uy = y + self.line_h - 6
                    draw.line((end + 4, uy, end + self.size * 4, uy), fill=INK, width=1)
            y += self.line_h

    def _paint_rows(self, flow: PageFlow, rows: list[RowSpec], heights: list[float]) -> None:
        draw = flow.draw
        x0 = flow.margin_x
        top = flow.y
        y = top
        i = 0
        while i < len(rows):
            row = rows[i]
            if row.group is not None:
                j = i
                while j + 1 < len(rows) and rows[j + 1].group == row.group:
                    j += 1
                block_h = sum(heights[i:j + 1])
                gcell = CellSpec(0, 1, row.group, "center")
                draw.rectangle((x0, y, x0 + self.xs[1], y + block_h), outline=INK, width=self.lw)
                self._draw_content(draw, gcell, x0, y, block_h)
                yy = y
                for k in range(i, j + 1):
                    self._paint_cells(draw, rows[k], x0, yy, heights[k])
                    yy += heights[k]
                y = yy
                i = j + 1
            else:
                self._paint_cells(draw, row, x0, y, heights[i])
                y += heights[i]
                i += 1
        flow.y = y

    def _paint_cells(self, draw: ImageDraw.ImageDraw, row: RowSpec, x0: float, y: float, h: float) -> None:
        for cell in row.cells:
            cx0 = x0 + self.xs[cell.col]
            cx1 = x0 + self.xs[cell.col + cell.span]
            draw.rectangle((cx0, y, cx1, y + h), outline=INK, width=self.lw)
            self._draw_content(draw, cell, cx0, y, h)

    def paint(self, flow: PageFlow, rows: list[RowSpec]) -> None:
        """Draw the table at the flow's cursor, breaking pages between row groups."""
        heights = self.row_heights(rows)
        blocks: list[list[int]] = []
        for idx, row in enumerate(rows):
            if blocks and row.group is not None and rows[blocks[-1][-1]].group == row.group:
                blocks[-1].append(idx)
            else:
                blocks.append([idx])
        for block in blocks:
            group = rows[block[0]].group
            if group is not None:
                need = self.content_height(group, self._cell_width(0, 1)) + 2 * self.pad
                have = sum(heights[k] for k in block)
                if need > have:
                    heights[block[-1]] += need - have
            block_h = sum(heights[k] for k in block)
            full = flow.bottom - flow.margin_top
            if block_h > flow.room() and block_h <= full:
                flow.new_page()
            if block_h <= flow.room():
                self._paint_rows(flow, [rows[k] for k in block], [heights[k] for k in block])
                continue
            # Too tall for one page: split between rows, repeating the group label.
            chunk: list[int] = []
            for k in block:
                if chunk and sum(heights[c] for c in chunk) + heights[k] > flow.room():
                    self._paint_rows(flow, [rows[c] for c in chunk], [heights[c] for c in chunk])
                    flow.new_page()
                    chunk = []
                chunk.append(k)
            self._paint_rows(flow, [rows[c] for c in chunk], [heights[c] for c in chunk])
