"""Spreadsheet error values and formulas without a cached result are kept and flagged."""
from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl

from extractor.base import ExtractContext
from extractor.xlsx_extractor import XlsxExtractor


def _cells(path: Path) -> dict[str, tuple[str, str | None]]:
    doc = XlsxExtractor().extract(path, path.name, ExtractContext())
    return {f"{chr(65 + c.col)}{c.row + 1}": (c.text, c.error) for c in doc.tables[0].cells}


def _workbook(tmp_path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["营业收入", "#DIV/0!"])
    ws.append(["利润", "#REF!"])
    ws.append(["净利率", "#VALUE!"])
    ws.append(["人数", "#N/A"])
    ws.append(["合计", "=1/0"])
    ws.append(["备注", "正常文字"])
    path = tmp_path / "book.xlsx"
    wb.save(path)
    return path


def test_error_values_are_kept_and_named(tmp_path: Path) -> None:
    cells = _cells(_workbook(tmp_path))
    assert cells["B1"] == ("#DIV/0!", "单元格 B1 为公式错误值 #DIV/0!")
    assert cells["B2"] == ("#REF!", "单元格 B2 为公式错误值 #REF!")
    assert cells["B3"][1] == "单元格 B3 为公式错误值 #VALUE!"
    assert cells["B4"][1] == "单元格 B4 为公式错误值 #N/A"
    assert cells["A1"] == ("营业收入", None) and cells["B6"] == ("正常文字", None)


def test_formula_without_cached_result_is_kept_and_flagged(tmp_path: Path) -> None:
    cells = _cells(_workbook(tmp_path))
    assert cells["B5"] == ("=1/0", "单元格 B5 的公式（=1/0）没有计算结果（文件未经 Excel 保存）")


def test_formula_with_cached_result_reads_its_value(tmp_path: Path) -> None:
    """A workbook saved by Excel carries the result beside the formula: that is read."""
    src = _workbook(tmp_path)
    out = tmp_path / "saved.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert b"<f>1/0</f><v></v>" in data
                data = data.replace(b"<f>1/0</f><v></v>", b"<f>SUM(1,2)</f><v>3</v>")
            zout.writestr(item, data)
    cells = _cells(out)
    assert cells["B5"] == ("3", None)


def test_uncached_sum_over_plain_cells_reads_as_excel_shows_it(tmp_path: Path) -> None:
    """=SUM(B1:B3) over numbers is what Excel shows on opening; over an error it is not."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["A", 120], ["B", 80.5], ["C", "备注"], ["合计", "=SUM(B1:B3)"],
                ["X", "#REF!"], ["合计2", "=SUM(B4:B5)"]):
        ws.append(row)
    path = tmp_path / "sum.xlsx"
    wb.save(path)
    cells = _cells(path)
    assert cells["B4"] == ("200.5", None)
    assert cells["B6"][1] == "单元格 B6 的公式（=SUM(B4:B5)）没有计算结果（文件未经 Excel 保存）"
