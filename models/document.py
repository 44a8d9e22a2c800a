from __future__ import annotations

from enum import Enum
from typing import Literal

from pydantic import BaseModel, Field

from models.limits import LimitHit
from models.location import BBoxTuple, Location

BBox = BBoxTuple


class DocumentKind(str, Enum):
    declaration = "declaration"
    business_license = "business_license"
    financial_statement = "financial_statement"
    social_insurance = "social_insurance"
    certificate = "certificate"
    equity_structure = "equity_structure"
    id_card = "id_card"
    patent = "patent"
    software_copyright = "software_copyright"
    contract = "contract"
    audit_report = "audit_report"
    user_evaluation = "user_evaluation"
    screenshot = "screenshot"
    equipment_list = "equipment_list"
    recommendation_list = "recommendation_list"
    other = "other"
    unknown = "unknown"


class Block(BaseModel):
    """One run of text with its provenance.

    ``source`` tells whether the text came from the file's own text (``text``) or from OCR
    (``ocr``); ``confidence`` is set only for OCR.
    """

    text: str
    page: int = 1
    bbox: BBox | None = None
    kind: Literal["paragraph", "line", "heading", "cell"] = "paragraph"
    source: Literal["text", "ocr"] = "text"
    confidence: float | None = None
    # Set for blocks that are table cells, so a reader can go from text back to its table.
    table_index: int | None = None
    row: int | None = None
    col: int | None = None
    # Outline level of a heading (1 = top), where the file says it (Word heading styles,
    # outline levels); None for body text and for headings known only by their look.
    level: int | None = None


class Cell(BaseModel):
    text: str
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    bbox: BBox | None = None
    # True when this grid position is covered by a merged cell that starts elsewhere;
    # text is repeated there so row/column lookups need not know about spans.
    merged_from: tuple[int, int] | None = None
    # Set when the cell's text is not a value: a spreadsheet error (#DIV/0!, #REF! …) or a
    # formula with no computed result. Says so in words, naming the cell ("单元格 B7 为公式
    # 错误值 #DIV/0!"); ``text`` keeps what the cell holds ("#DIV/0!", "=1/0").
    error: str | None = None


class Table(BaseModel):
    index: int
    page: int = 1
    bbox: BBox | None = None
    source: Literal["text", "ocr"] = "text"
    n_rows: int
    n_cols: int
    cells: list[Cell]
    # Name of the sheet for spreadsheets, caption for others.
    name: str | None = None

    def grid(self) -> list[list[Cell | None]]:
        out: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            if 0 <= c.row < self.n_rows and 0 <= c.col < self.n_cols:
                out[c.row][c.col] = c
        return out

    def rows_text(self) -> list[list[str]]:
        return [[c.text if c else "" for c in row] for row in self.grid()]


class Checkbox(BaseModel):
    """A tick box next to an option label, found in text (☑/□, w:sym, content controls)
    or in a scan (a drawn square, filled or not)."""

    label: str
    checked: bool
    page: int = 1
    bbox: BBox | None = None
    source: Literal["text", "ocr", "image"] = "text"
    table_index: int | None = None
    row: int | None = None
    col: int | None = None


class KeyValue(BaseModel):
    """A label and the value beside or below it, as laid out in the file (before any
    mapping onto criteria field keys)."""

    label: str
    value: str
    page: int = 1
    label_bbox: BBox | None = None
    value_bbox: BBox | None = None
    source: Literal["text", "ocr"] = "text"
    confidence: float | None = None
    table_index: int | None = None
    row: int | None = None
    col: int | None = None
    checkboxes: list[Checkbox] = Field(default_factory=list)


class Mark(BaseModel):
    """Something on a page image that is not text: a red seal, or handwriting/a typed name
    beside a signature label."""

    kind: Literal["seal", "handwriting", "typed_signature"]
    # scan: seen on a scanned or photographed page (ink on paper); embedded: an image
    # placed in the file itself (an electronic seal or signature pasted into a DOCX or
    # drawn on an exported PDF page), which a reviewer should verify.
    origin: Literal["scan", "embedded"] = "scan"
    bbox: BBox | None = None
    # For signatures: the printed label it answers (法人代表(签字)).
    label: str | None = None
    confidence: float | None = None


class Page(BaseModel):
    number: int
    width: float | None = None
    height: float | None = None
    ocr: bool = False
    # Mean OCR confidence of the page's lines, when OCR'd.
    ocr_confidence: float | None = None
    blocks: list[Block] = Field(default_factory=list)
    # Set when a page image exists on disk (rendered scan), for crops in review pages.
    image_path: str | None = None
    # Seals and signatures found on the page image (scans and rendered pages only).
    marks: list[Mark] = Field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks if b.kind != "cell")


class Document(BaseModel):
    path: str
    sha256: str
    media_type: str
    size: int = 0
    pages: list[Page] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    checkboxes: list[Checkbox] = Field(default_factory=list)
    key_values: list[KeyValue] = Field(default_factory=list)
    kind: DocumentKind = DocumentKind.unknown
    kind_confidence: float | None = None
    kind_reason: str | None = None
    # Filled when the file could not be read; the pipeline turns it into UNREADABLE_FILE.
    error: str | None = None
    metadata: dict[str, str] = Field(default_factory=dict)
    # Resource limits reached while reading this file (pages skipped, a page scaled
    # down, text cut): the document is still used; checks.limits reports each one.
    limit_hits: list[LimitHit] = Field(default_factory=list)

    @property
    def ocr_pages(self) -> int:
        return sum(1 for p in self.pages if p.ocr)

    @property
    def text(self) -> str:
        """All text in reading order, table cells included once."""
        parts: list[str] = []
        for p in self.pages:
            parts.extend(b.text for b in p.blocks)
        return "\n".join(parts)

    def page_text(self, number: int) -> str:
        for p in self.pages:
            if p.number == number:
                return "\n".join(b.text for b in p.blocks)
        return ""

    def location(self, page: int | None = None, bbox: BBox | None = None,
                 excerpt: str | None = None) -> Location:
        return Location(path=self.path, page=page, bbox=bbox, excerpt=excerpt)
