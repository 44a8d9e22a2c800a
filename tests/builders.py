"""Small constructors for Documents in unit tests of matchers and checks (the extractors
have their own tests on real files)."""
from __future__ import annotations

from models import Block, Cell, Checkbox, Document, DocumentKind, Page, Table


def table(rows: list[list[str]], index: int = 0, page: int = 1,
          spans: dict[tuple[int, int], tuple[int, int]] | None = None) -> Table:
    """``rows`` as written on the page; ``spans`` maps an origin (r, c) to (row_span,
    col_span); covered positions must repeat the origin's text in ``rows``."""
    spans = spans or {}
    covered: dict[tuple[int, int], tuple[int, int]] = {}
    for (r, c), (rs, cs) in spans.items():
        for rr in range(r, r + rs):
            for cc in range(c, c + cs):
                if (rr, cc) != (r, c):
                    covered[(rr, cc)] = (r, c)
    cells = []
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            rs, cs = spans.get((r, c), (1, 1))
            cells.append(Cell(text=text, row=r, col=c, row_span=rs, col_span=cs,
                              merged_from=covered.get((r, c))))
    return Table(index=index, page=page, n_rows=len(rows), n_cols=max(len(r) for r in rows),
                 cells=cells)


def ocr_page(lines: list[tuple[str, tuple[float, float, float, float]]], number: int = 1,
             confidence: float = 0.98) -> Page:
    return Page(number=number, ocr=True, ocr_confidence=confidence,
                blocks=[Block(text=t, bbox=b, kind="line", source="ocr", confidence=confidence,
                              page=number) for t, b in lines])


def text_page(lines: list[str], number: int = 1) -> Page:
    return Page(number=number, blocks=[Block(text=t, page=number) for t in lines])


def document(path: str = "doc.pdf", pages: list[Page] | None = None,
             tables: list[Table] | None = None, checkboxes: list[Checkbox] | None = None,
             kind: DocumentKind = DocumentKind.unknown, error: str | None = None) -> Document:
    return Document(path=path, sha256="0" * 64, media_type="application/pdf",
                    pages=pages or [Page(number=1)], tables=tables or [],
                    checkboxes=checkboxes or [], kind=kind, error=error)
