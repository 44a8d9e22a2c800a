from __future__ import annotations

from pydantic import BaseModel

BBoxTuple = tuple[float, float, float, float]


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
