from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel

BBoxTuple = tuple[float, float, float, float]


def as_bbox(values: Iterable[float]) -> BBoxTuple:
    """Four numbers (x0, y0, x1, y1) as a :data:`BBoxTuple`, e.g. a box scaled or rounded
    by a generator; anything but four numbers is a ValueError."""
    x0, y0, x1, y1 = values
    return (x0, y0, x1, y1)


class Location(BaseModel):
    """Where a piece of evidence or a problem sits: the reviewer's pointer into the dossier.

    ``path`` is relative to the dossier root (zip members as ``archive.zip/inner/file.pdf``);
    ``page`` is 1-based; ``bbox`` is (x0, y0, x1, y1) in the page's own units (PDF points
    for text-layer PDFs, pixels for images and OCR'd renders), origin top-left.
    """

    path: str
    page: int | None = None
    bbox: BBoxTuple | None = None
    excerpt: str | None = None
