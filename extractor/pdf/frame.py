"""PDF user space → the page as displayed (top-left origin, /Rotate applied)."""
from __future__ import annotations

from typing import Any

from models.location import BBoxTuple


class PageFrame:
    """Coordinates of one page: the CropBox, turned by the page's /Rotate."""

    def __init__(self, page: Any) -> None:
        left, bottom, right, top = page.get_cropbox()
        self.left, self.bottom, self.right, self.top = left, bottom, right, top
        self.media_top = page.get_mediabox()[3]
        self.rotation = page.get_rotation() % 360
        w, h = right - left, top - bottom
        self.width, self.height = (h, w) if self.rotation in (90, 270) else (w, h)

    def point(self, x: float, y: float) -> tuple[float, float]:
        if self.rotation == 90:
            return y - self.bottom, x - self.left
        if self.rotation == 180:
            return self.right - x, y - self.bottom
        if self.rotation == 270:
            return self.top - y, self.right - x
        return x - self.left, self.top - y

    def from_plumber(self, b: tuple[float, float, float, float]) -> BBoxTuple:
        """pdfplumber's (x0, top, x1, bottom) → this frame. pdfplumber measures the
        displayed page from the MediaBox; this frame starts at the CropBox. (For rotated
        pages with a CropBox smaller than the MediaBox the offset is not applied.)"""
        x0, top, x1, bottom = b
        if self.rotation == 0:
            dx = self.left
            dy = self.media_top - self.top
            return (x0 - dx, top - dy, x1 - dx, bottom - dy)
        return (float(x0), float(top), float(x1), float(bottom))

    def flat_box(self, left: float, bottom: float, right: float, top: float) -> BBoxTuple:
        """Top-left frame ignoring /Rotate: text runs left to right here."""
        return (left - self.left, self.top - top, right - self.left, self.top - bottom)

    def box(self, left: float, bottom: float, right: float, top: float) -> BBoxTuple:
        xa, ya = self.point(left, bottom)
        xb, yb = self.point(right, top)
        return (min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb))

    @property
    def area(self) -> float:
        return max(1.0, self.width * self.height)
