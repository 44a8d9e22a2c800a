"""XlsxExtractor on workbooks built here with openpyxl."""
from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font

from extractor.base import ExtractContext, UnreadableFileError
from extractor.xlsx_extractor import XlsxExtractor, render_number, render_value
from models import Document


def _extract(path: Path) -> Document:
    return XlsxExtractor().extract(path, path.name, ExtractContext())


def _workbook(tmp_path: Path, name: str = "t.xlsx") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "设备清单"
    ws["A1"] = "主要设备清单"
    ws.merge_cells("A1:D1")
    ws.append(["序号", "设备名称", "数量", "金额（万元）"])
    ws.append([1, "数控机床", 12.0, 0.1 + 0.2])
    ws.append([2, "工业机器人", 3, 1234567.891])
    ws["A5"] = "合计"
    ws.merge_cells("A5:A6")
    ws["B5"] = dt.datetime(2024, 3, 15)
    ws["C5"] = 0.125
    ws["C5"].number_format = "0.0%"
    # Styling far below the data must not grow the grid.
    ws["H40"].font = Font(bold=True)
    ws2 = wb.create_sheet("基本情况")
    ws2["A1"] = "企业规模"
    ws2["B1"] = "□大型    ☑中型     □小型"
    ws2["A2"] = "高新技术企业"
    ws2["B2"] = "R"
    ws2["B2"].font = Font(name="Wingdings 2")
    wb.create_sheet("空白")
    path = tmp_path / name
    wb.save(path)
    return path


def test_sheets_become_tables_and_pages(tmp_path: Path) -> None:
    doc = _extract(_workbook(tmp_path))
    assert doc.error is None and doc.media_type.endswith("spreadsheetml.sheet")
    assert [t.name for t in doc.tables] == ["设备清单", "基本情况", "空白"]
    assert [(t.index, t.page) for t in doc.tables] == [(0, 1), (1, 2), (2, 3)]
    assert [p.number for p in doc.pages] == [1, 2, 3]
    sheet = doc.tables[0]
    # Trailing styled-but-empty cells (H40) are trimmed.
    assert (sheet.n_rows, sheet.n_cols) == (6, 4)
    rows = sheet.rows_text()
    assert rows[1] == ["序号", "设备名称", "数量", "金额（万元）"]
    assert rows[2] == ["1", "数控机床", "12", "0.3"]
    assert rows[3] == ["2", "工业机器人", "3", "1234567.891"]
    assert rows[4][:3] == ["合计", "2024-03-15", "12.5%"]
    empty = doc.tables[2]
    assert (empty.n_rows, empty.n_cols, empty.cells) == (0, 0, [])


def test_merged_ranges_resolved(tmp_path: Path) -> None:
    doc = _extract(_workbook(tmp_path))
    grid = doc.tables[0].grid()
    title = grid[0][0]
    assert title is not None and (title.row_span, title.col_span) == (1, 4)
    for c in range(1, 4):
        cell = grid[0][c]
        assert cell is not None and cell.merged_from == (0, 0) and cell.text == "主要设备清单"
    total = grid[4][0]
    assert total is not None and (total.row_span, total.col_span) == (2, 1)
    assert grid[5][0] is not None and grid[5][0].merged_from == (4, 0)
    assert grid[5][0].text == "合计"
    # Cell blocks only for origin cells with text, on the sheet's page.
    blocks = doc.pages[0].blocks
    assert all(b.kind == "cell" and b.table_index == 0 and b.page == 1 for b in blocks)
    positions = {(b.row, b.col) for b in blocks}
    assert (0, 0) in positions and (0, 1) not in positions and (5, 0) not in positions
    assert doc.text.count("主要设备清单") == 1


def test_checkboxes_in_cells(tmp_path: Path) -> None:
    doc = _extract(_workbook(tmp_path))
    assert [(c.label, c.checked, c.table_index, c.row, c.col, c.page)
            for c in doc.checkboxes] == [
        ("大型", False, 1, 0, 1, 2), ("中型", True, 1, 0, 1, 2), ("小型", False, 1, 0, 1, 2),
        ("", True, 1, 1, 1, 2),
    ]
    assert doc.tables[1].rows_text()[1] == ["高新技术企业", "☑"]


@pytest.mark.parametrize("value,expected", [
    (12.0, "12"), (0.1 + 0.2, "0.3"), (1e20, "100000000000000000000"), (-0.0, "0"),
    (1 / 3, "0.333333333333333"), (2.5e-7, "0.00000025"), (7, "7"),
])
def test_render_number(value: float, expected: str) -> None:
    assert render_number(value) == expected


def test_render_value_dates_and_percent() -> None:
    assert render_value(dt.datetime(2023, 1, 2, 0, 0)) == "2023-01-02"
    assert render_value(dt.datetime(2023, 1, 2, 9, 30)) == "2023-01-02 09:30"
    assert render_value(dt.date(2023, 12, 31)) == "2023-12-31"
    assert render_value(0.07, "0%") == "7%"
    assert render_value(True) == "TRUE"
    assert render_value("  文本  ") == "文本"


def test_corrupt_and_empty_workbooks(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04" + b"\x01broken" * 40)
    with pytest.raises(UnreadableFileError) as e:
        _extract(bad)
    assert e.value.reason == "文件已损坏或不是有效的 Excel 工作簿"

    not_excel = tmp_path / "other.xlsx"
    with zipfile.ZipFile(not_excel, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(UnreadableFileError) as e:
        _extract(not_excel)
    assert e.value.reason == "文件已损坏或不是有效的 Excel 工作簿"

    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(UnreadableFileError) as e:
        _extract(empty)
    assert e.value.reason == "文件为空（0 字节）"

    legacy = tmp_path / "old.xls"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
                       + "Workbook".encode("utf-16-le") + b"\x00" * 64)
    with pytest.raises(UnreadableFileError) as e:
        _extract(legacy)
    assert e.value.reason == "不支持旧版 .xls 格式，请另存为 .xlsx 或 PDF"


def test_odd_suffix_still_reads(tmp_path: Path) -> None:
    src = _workbook(tmp_path)
    odd = tmp_path / "00003.bin"
    odd.write_bytes(src.read_bytes())
    doc = _extract(odd)
    assert doc.tables[0].rows_text()[1][1] == "设备名称"
