"""Excel (.xlsx/.xlsm) → Document: one Table and one Page per worksheet, merged ranges
resolved onto the grid, values rendered the way a reviewer reads them."""
from __future__ import annotations

import datetime as dt
import math
import re
import warnings
import zipfile
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter
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


# A formula element, and the closing tag of its cell / a cached value in the cell (sheet XML
# may carry a namespace prefix: <x:c>, <x:f>, <x:v>).
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
_CELL_END = re.compile(rb"</(?:\w+:)?c>")
_CACHED = re.compile(rb"<(?:\w+:)?v>[^<]+</")
_SHEET_XML = re.compile(r"^xl/worksheets/[^/]+\.xml$")


def _has_uncached_formula(path: Path) -> bool:
    """Whether some cell holds a formula and no cached result (a workbook written by a
    program and never opened and saved in Excel): only then is the workbook read a second
    time for its formulas. Cheap: a byte scan of the sheets that contain formulas at all."""
    try:
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if not _SHEET_XML.match(name):
                    continue
                xml = z.read(name)
                for m in _FORMULA_TAG.finditer(xml):
                    end = _CELL_END.search(xml, m.end())
                    segment = xml[m.end(): end.start() if end else len(xml)]
                    if not _CACHED.search(segment):
                        return True
    except (OSError, zipfile.BadZipFile, KeyError):
        return False
    return False


def _uncached_formulas(f: Any) -> list[dict[tuple[int, int], str]]:
    """Per worksheet: (row, col) 0-based → formula text ("=1/0") of every formula cell."""
    wb = openpyxl.load_workbook(f, read_only=False, data_only=False, keep_links=False,
                                rich_text=False)
    try:
        out: list[dict[tuple[int, int], str]] = []
        for ws in wb.worksheets:
            found: dict[tuple[int, int], str] = {}
            for (r, c), cell in list(ws._cells.items()):  # noqa: SLF001 - as in _read_sheet
                if cell.data_type == "f":
                    v = cell.value
                    text = getattr(v, "text", None) or str(v)  # ArrayFormula keeps .text
                    found[(r - 1, c - 1)] = text if text.startswith("=") else f"={text}"
            out.append(found)
        return out
    finally:
        wb.close()


_SUM = re.compile(r"^=\s*SUM\(\s*\$?([A-Z]{1,3})\$?(\d+)\s*:\s*\$?([A-Z]{1,3})\$?(\d+)\s*\)$",
                  flags=re.IGNORECASE)


def _sum_result(formula: str, ws: Worksheet, formulas: dict[tuple[int, int], str]) -> Any:
    """The result Excel shows for =SUM(B2:B6) over plain cells (numbers add, text and
    blanks do not), which a workbook written by a program leaves uncomputed; None when a
    cell in the range is an error or another uncomputed formula, or for any other formula."""
    from openpyxl.utils import column_index_from_string

    m = _SUM.match(formula)
    if not m:
        return None
    c0, r0 = column_index_from_string(m[1].upper()), int(m[2])
    c1, r1 = column_index_from_string(m[3].upper()), int(m[4])
    if (r1 - r0 + 1) * (c1 - c0 + 1) > 10_000:
        return None
    total: Any = 0
    for r in range(min(r0, r1), max(r0, r1) + 1):
        for c in range(min(c0, c1), max(c0, c1) + 1):
            if (r - 1, c - 1) in formulas:
                cell = ws._cells.get((r, c))  # noqa: SLF001 - cells present in the file
                if cell is None or cell.value is None or cell.data_type == "e":
                    return None
            cell = ws._cells.get((r, c))  # noqa: SLF001
            if cell is None:
                continue
            if cell.data_type == "e":
                return None
            v = cell.value
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                total += v
    return total


def cell_name(row: int, col: int) -> str:
    """A1-style name of a 0-based grid position."""
    return f"{get_column_letter(col + 1)}{row + 1}"


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
                formulas: list[dict[tuple[int, int], str]] = []
                if _has_uncached_formula(path):
                    with path.open("rb") as f:
                        formulas = _uncached_formulas(f)
        except Exception as e:
            # openpyxl surfaces a damaged package as whatever its parser hit first
            # (BadZipFile, KeyError, XML parse errors, TypeError ...): all mean "corrupt".
            raise UnreadableFileError(_CORRUPT, type(e).__name__) from e

        out = new_document(path, rel_path, self.media_type)
        truncated: list[str] = []
        try:
            for index, ws in enumerate(wb.worksheets):
                table, page, boxes, cut = _read_sheet(
                    ws, index, formulas[index] if index < len(formulas) else {})
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


def _read_sheet(ws: Worksheet, index: int, formulas: dict[tuple[int, int], str] | None = None,
                ) -> tuple[Table, Page, list[Checkbox], bool]:
    """``formulas``: the sheet's formula cells (from a second, formula-keeping load), used
    for cells that have no cached result."""
    page_no = index + 1
    # ws._cells holds only cells present in the file; ws.iter_rows would materialise
    # every position up to max_row/max_column, which styling alone can push to 10^6.
    values: dict[tuple[int, int], str] = {}
    errors: dict[tuple[int, int], str] = {}
    for (r, c), cell in list(ws._cells.items()):  # noqa: SLF001 - see comment above
        text = _cell_text(cell)
        pos = (r - 1, c - 1)
        if cell.data_type == "e" and text:
            # #DIV/0!, #REF!, #VALUE!, #N/A …: kept as written, flagged as no value.
            errors[pos] = f"单元格 {cell_name(*pos)} 为公式错误值 {text}"
        elif not text and formulas and pos in formulas and \
                (result := _sum_result(formulas[pos], ws, formulas)) is not None:
            text = render_value(result, getattr(cell, "number_format", None))
        elif not text and formulas and pos in formulas:
            text = formulas[pos]
            errors[pos] = (f"单元格 {cell_name(*pos)} 的公式（{text}）没有计算结果"
                           f"（文件未经 Excel 保存）")
        if text:
            values[pos] = text
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
                cells.append(Cell(text=texts.get(origin, ""), row=r, col=c, merged_from=origin,
                                  error=errors.get(origin)))
            else:
                rs, cs = spans.get((r, c), (1, 1))
                cells.append(Cell(text=texts.get((r, c), ""), row=r, col=c,
                                  row_span=rs, col_span=cs, error=errors.get((r, c))))
    table = Table(index=index, page=page_no, source="text", n_rows=n_rows, n_cols=n_cols,
                  cells=cells, name=ws.title)
    return table, Page(number=page_no, blocks=blocks), boxes, cut
