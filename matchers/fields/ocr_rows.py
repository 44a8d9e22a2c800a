"""Regroups OCR lines into visual rows, so "label   value" printed on one line of a page is
read together even when the engine returned the label and the value as separate boxes."""
from __future__ import annotations

from dataclasses import dataclass, field

from models import BBox, Block, Page


@dataclass
class Row:
    page: int
    blocks: list[Block] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(b.text.strip() for b in self.blocks)

    @property
    def bbox(self) -> BBox | None:
        boxes = [b.bbox for b in self.blocks if b.bbox]
        if not boxes:
            return None
        return (min(b[0] for b in boxes), min(b[1] for b in boxes),
                max(b[2] for b in boxes), max(b[3] for b in boxes))

    @property
    def confidence(self) -> float | None:
        cs = [b.confidence for b in self.blocks if b.confidence is not None]
        return sum(cs) / len(cs) if cs else None


def rows_of(page: Page) -> list[Row]:
    """Lines whose vertical centres lie within half a line height of each other share a row;
    blocks without boxes (text layers without geometry) are rows of their own."""
    rows: list[Row] = []
    boxed = [b for b in page.blocks if b.bbox is not None and b.kind != "cell"]
    unboxed = [b for b in page.blocks if b.bbox is None and b.kind != "cell"]
    boxed.sort(key=lambda b: ((b.bbox[1] + b.bbox[3]) / 2, b.bbox[0]))  # type: ignore[index]
    current: Row | None = None
    cur_cy = cur_h = 0.0
    for b in boxed:
        x0, y0, x1, y1 = b.bbox  # type: ignore[misc]
        cy, h = (y0 + y1) / 2, max(1.0, y1 - y0)
        if current is not None and abs(cy - cur_cy) <= 0.5 * max(h, cur_h):
            current.blocks.append(b)
            n = len(current.blocks)
            cur_cy = (cur_cy * (n - 1) + cy) / n
            cur_h = max(cur_h, h)
        else:
            current = Row(page=page.number, blocks=[b])
            rows.append(current)
            cur_cy, cur_h = cy, h
    for r in rows:
        r.blocks.sort(key=lambda b: b.bbox[0])  # type: ignore[index]
    rows.extend(Row(page=page.number, blocks=[b]) for b in unboxed)
    return rows
