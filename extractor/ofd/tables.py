"""Ruled tables from an OFD page's drawn rules.

The rules become pdfplumber edges and pdfplumber's own table finder (the one the PDF
extractor uses) turns them into cells; the PDF extractor's ``plumber_tables`` then
fills the cells from the characters. Both only need a page that has ``edges``,
``bbox`` and ``find_tables``, which is what ``_RulePage`` is.
"""
from __future__ import annotations

from typing import Any

from extractor.ofd.content import PathItem
from extractor.ofd.layout import PT_PER_MM
from extractor.pdf.ruled_tables import plumber_tables
from extractor.pdf.text_layer import PdfChar
from models import Table

# A segment is a rule when it is straight to within this many points ...
STRAIGHT_PT = 0.6
# ... and at least this long; a filled box this thin is a rule drawn as a rectangle.
MIN_RULE_PT = 3.0
THIN_FILL_PT = 2.0


def _edge(x0: float, top: float, x1: float, bottom: float, orientation: str) -> dict[str, Any]:
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
            "width": x1 - x0, "height": bottom - top, "orientation": orientation,
            "object_type": "line"}


def _segment_edge(a: tuple[float, float], b: tuple[float, float]) -> dict[str, Any] | None:
    (xa, ya), (xb, yb) = a, b
    if abs(ya - yb) <= STRAIGHT_PT and abs(xa - xb) >= MIN_RULE_PT:
        y = (ya + yb) / 2
        return _edge(min(xa, xb), y, max(xa, xb), y, "h")
    if abs(xa - xb) <= STRAIGHT_PT and abs(ya - yb) >= MIN_RULE_PT:
        x = (xa + xb) / 2
        return _edge(x, min(ya, yb), x, max(ya, yb), "v")
    return None


def rule_edges(paths: list[PathItem]) -> list[dict[str, Any]]:
    edges: list[dict[str, Any]] = []
    for item in paths:
        for points, closed in item.subpaths:
            pts = [(x * PT_PER_MM, y * PT_PER_MM) for x, y in points]
            if item.stroke is None:
                # Filled only: a thin box is a rule; other fills (shading) are not.
                xs, ys = [p[0] for p in pts], [p[1] for p in pts]
                w, h = max(xs) - min(xs), max(ys) - min(ys)
                if h <= THIN_FILL_PT and w >= MIN_RULE_PT:
                    y = (min(ys) + max(ys)) / 2
                    edges.append(_edge(min(xs), y, max(xs), y, "h"))
                elif w <= THIN_FILL_PT and h >= MIN_RULE_PT:
                    x = (min(xs) + max(xs)) / 2
                    edges.append(_edge(x, min(ys), x, max(ys), "v"))
                continue
            ring = pts + ([pts[0]] if closed and len(pts) > 2 else [])
            for a, b in zip(ring, ring[1:]):
                e = _segment_edge(a, b)
                if e is not None:
                    edges.append(e)
    return edges


class _RulePage:
    def __init__(self, edges: list[dict[str, Any]], width: float, height: float) -> None:
        self.edges = edges
        self.bbox = (0.0, 0.0, width, height)

    def find_tables(self) -> list[Any]:
        from pdfplumber.table import TableFinder

        return TableFinder(self, {}).tables  # type: ignore[arg-type]


class _SameFrame:
    """Edges are already in the page frame the characters use."""

    @staticmethod
    def from_plumber(b: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        return (float(b[0]), float(b[1]), float(b[2]), float(b[3]))


def ruled_tables(paths: list[PathItem], chars: list[PdfChar], page_no: int, start_index: int,
                 width_pt: float, height_pt: float) -> list[Table]:
    edges = rule_edges(paths)
    if len(edges) < 4:
        return []
    return plumber_tables(_RulePage(edges, width_pt, height_pt), _SameFrame(), chars,
                           page_no, start_index)
