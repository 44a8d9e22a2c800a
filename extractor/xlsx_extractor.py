"""Excel (.xlsx/.xlsm) → Document: one Table and one Page per worksheet, merged ranges
resolved onto the grid, values rendered the way a reviewer reads them."""
from __future__ import annotations

import datetime as dt
import math
import warnings
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from extractor.base import ExtractContext, UnreadableFileError, new_document
from extractor.checkmarks import map_symbol_text, parse_marks
from extractor.office_sniff import OLE_MAGIC, check_package, is_zip_head, raise_for_ole
from models import Block, Cell, Checkbox, Document, Page, Table

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_CORRUPT = "文件已损坏或不是有效的 Excel 工作簿"
# Grid positions kept per sheet; a sheet formatted down to row 1 048 576 must not turn
# into a million Cell objects.
MAX_CELLS_PER_SHEET = 200_000


def render_number(value: float | int) -> str:
    """Numbers as Excel shows them in a General cell: at most 15 significant digits,
    so binary artefacts (0.1+0.2 → 0.30000000000000004) disappear, and no exponent."""
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        return str(value)
    text = f"{value:.15g}"
    if "e" in text or "E" in text:
        try:
            text = format(Decimal(text), "f")
        except InvalidOperation:
            return text
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def render_value(value: Any, number_format: str | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M" if value.second == 0 else "%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M" if value.second == 0 else "%H:%M:%S")
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, (int, float)):
        if number_format and "%" in number_format.replace('"%"', ""):
            return render_number(value * 100) + "%"
        return render_number(value)
    return str(value).strip()


def _cell_text(cell: Any) -> str:
    text = render_value(cell.value, getattr(cell, "number_format", None))
    if text and isinstance(cell.value, str):
        font = getattr(cell, "font", None)
        text = map_symbol_text(getattr(font, "name", None), text)
    return text


class XlsxExtractor:
    name = "xlsx"
    media_type = XLSX_MEDIA_TYPE

    def sniff(self, head: bytes, suffix: str) -> bool:
        if not is_zip_head(head):
            return False
        return suffix.lower() in (".xlsx", ".xlsm", ".xltx", ".xltm") or b"xl/" in head

    def extract(self, path: Path, rel_path: str, ctx: ExtractContext) -> Document:
        self._precheck(path)
        try:
            with warnings.catch_warnings():
                # openpyxl warns about every unsupported extension (data validation,
                # conditional formats ...); none of them matters for reading values.
                warnings.simplefilter("ignore")
                with path.open("rb") as f:  # a file object: openpyxl refuses odd suffixes
                    wb = openpyxl.load_workbook(f, read_only=False, data_only=True,
                                                keep_links=False, rich_text=False)
        except Exception as e:
            # openpyxl surfaces a damaged package as whatever its parser hit first
            # (BadZipFile, KeyError, XML parse errors, TypeError ...): all mean "corrupt".
            raise UnreadableFileError(_CORRUPT, type(e).__name__) from e

        out = new_document(path, rel_path, self.media_type)
        truncated: list[str] = []
        try:
            for index, ws in enumerate(wb.worksheets):
                table, page, boxes, cut = _read_sheet(ws, index)
                out.tables.append(table)
                out.pages.append(page)
                out.checkboxes.extend(boxes)
                if cut:
                    truncated.append(ws.title)
        finally:
            wb.close()
        if truncated:
            out.metadata["truncated_sheets"] = "，".join(truncated)
        ctx.bump("xlsx_files")
        return out

    @staticmethod
    def _precheck(path: Path) -> None:
        with path.open("rb") as f:
            head = f.read(8)
        if not head:
            raise UnreadableFileError("文件为空（0 字节）")
        if head == OLE_MAGIC:
            raise_for_ole(path)
        if not is_zip_head(head):
            raise UnreadableFileError(_CORRUPT)
        try:
            check_package(path)
        except UnreadableFileError as e:
            if e.reason == "文件已损坏，无法打开":
                raise UnreadableFileError(_CORRUPT, e.detail) from e
            raise


def _read_sheet(ws: Worksheet, index: int) -> tuple[Table, Page, list[Checkbox], bool]:
    page_no = index + 1
    # ws._cells holds only cells present in the file; ws.iter_rows would materialise
    # every position up to max_row/max_column, which styling alone can push to 10^6.
    values: dict[tuple[int, int], str] = {}
    for (r, c), cell in list(ws._cells.items()):  # noqa: SLF001 - see comment above
        text = _cell_text(cell)
        if text:
            values[(r - 1, c - 1)] = text
    merges: list[tuple[int, int, int, int]] = []
    for rng in ws.merged_cells.ranges:
        r0, c0 = rng.min_row - 1, rng.min_col - 1
        if (r0, c0) in values:
            merges.append((r0, c0, rng.max_row - 1, rng.max_col - 1))

    n_rows = max([r + 1 for r, _ in values] + [m[2] + 1 for m in merges], default=0)
    n_cols = max([c + 1 for _, c in values] + [m[3] + 1 for m in merges], default=0)
    cut = False
    if n_rows * n_cols > MAX_CELLS_PER_SHEET:
        n_rows = max(1, MAX_CELLS_PER_SHEET // max(n_cols, 1))
        n_cols = min(n_cols, MAX_CELLS_PER_SHEET)
        cut = True

    origin_of: dict[tuple[int, int], tuple[int, int]] = {}
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for r0, c0, r1, c1 in merges:
        if r0 >= n_rows or c0 >= n_cols:
            continue
        r1, c1 = min(r1, n_rows - 1), min(c1, n_cols - 1)
        spans[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    origin_of[(r, c)] = (r0, c0)

    # Marks are normalised once per origin cell so covered cells repeat the same text.
    texts: dict[tuple[int, int], str] = {}
    boxes: list[Checkbox] = []
    blocks: list[Block] = []
    for (r, c) in sorted(values):
        if r >= n_rows or c >= n_cols or (r, c) in origin_of:
            continue
        text, marks = parse_marks(values[(r, c)])
        texts[(r, c)] = text
        blocks.append(Block(text=text, page=page_no, kind="cell", source="text",
                            table_index=index, row=r, col=c))
        boxes.extend(Checkbox(label=m.label, checked=m.checked, page=page_no, source="text",
                              table_index=index, row=r, col=c) for m in marks)

    cells: list[Cell] = []
    for r in range(n_rows):
        for c in range(n_cols):
            origin = origin_of.get((r, c))
            if origin is not None:
                cells.append(Cell(text=texts.get(origin, ""), row=r, col=c, merged_from=origin))
            else:
                rs, cs = spans.get((r, c), (1, 1))
                cells.append(Cell(text=texts.get((r, c), ""), row=r, col=c,
                                  row_span=rs, col_span=cs))
    table = Table(index=index, page=page_no, source="text", n_rows=n_rows, n_cols=n_cols,
                  cells=cells, name=ws.title)
    return table, Page(number=page_no, blocks=blocks), boxes, cut
