"""The annotated copy of an XLSX recommendation list: the same workbook with a 核查意见
column after the list's table, one sentence per listed row on what the audit found there,
coloured by the worst severity. The input file is never written."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dossier.audit.read import COLUMN_LABELS, ListRow, norm
from dossier.audit.rules import AuditResult
from dossier.triage_workbook import cell_text, replace_atomically
from models.audit import ListFinding

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

OPINION_HEADER = "核查意见"
NO_PROBLEM = "未发现问题"
ANNOTATED_SUFFIXES = (".xlsx", ".xlsm")
_SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
_RANK = {"error": 0, "warning": 1, "info": 2}
# Same colours as the triage workbook's: red to fix, amber to check, blue a note, green clean.
_FILLS = {"error": "F8CBAD", "warning": "FFE699", "info": "DDEBF7", None: "C6EFCE"}
OPINION_WIDTH = 60


def can_annotate(path: Path) -> bool:
    return path.suffix.lower() in ANNOTATED_SUFFIXES


def _shown(value: Any) -> str:
    return "、".join(str(v) for v in value) if isinstance(value, (list, tuple)) else str(value or "")


def _field_label(result: AuditResult, field: str | None) -> str:
    column = next((c.column for c in result.rule.compare if c.field == field), None)
    if field == "company_name" or column == "company":
        return COLUMN_LABELS["company"][0]
    labels = COLUMN_LABELS.get(column or "")
    return labels[0] if labels else (field or "")


def _phrase(result: AuditResult, f: ListFinding) -> str:
    """What the finding says about its own row, without the row number the cell sits in."""
    if f.code == "LIST_DUPLICATE":
        return f"与第 {f.expected} 行重复，应删除本行"
    if f.code == "LIST_MISSING_DOSSIER":
        return "材料目录中没有该企业的申报材料"
    if f.code == "LIST_MISMATCH":
        label = _field_label(result, f.field)
        if f.field == "company_name" and f.severity == "info":
            return f"{label}与申报材料“{_shown(f.expected)}”仅有限公司/有限责任公司写法不同，以营业执照为准"
        return f"{label}与申报材料“{_shown(f.expected)}”不一致，请核实"
    # A finding this module does not know: its own message, less the "第 n 行：" lead.
    return f.message.split("：", 1)[-1].rstrip("。")


def row_opinions(result: AuditResult) -> list[tuple[ListRow, str, str | None]]:
    """(row, 核查意见, worst severity or None) for every listed row, in list order."""
    by_row: dict[int, list[ListFinding]] = {}
    at: dict[tuple[int, str], ListRow] = {}
    for row in result.list.rows:
        at.setdefault((row.row, row.excerpt), row)
    for f in result.findings:
        if f.row is None:
            continue
        target = at.get((f.row, f.excerpt or ""))
        if target is not None:
            by_row.setdefault(id(target), []).append(f)
    out: list[tuple[ListRow, str, str | None]] = []
    for row in result.list.rows:
        found = sorted(by_row.get(id(row), []), key=lambda f: _RANK[f.severity])
        if not found:
            out.append((row, NO_PROBLEM, None))
            continue
        parts: dict[str, list[str]] = {}
        for f in found:
            parts.setdefault(f.severity, []).append(_phrase(result, f))
        text = "；".join(f"{_SEVERITY_LABELS[sev]}：" + "；".join(ps) for sev, ps in parts.items()) + "。"
        out.append((row, text, found[0].severity))
    return out


def _opinion_column(ws: Worksheet, header_row: int | None, rows: Sequence[ListRow]) -> int:
    """The column after the table's last used one, or the 核查意见 column already there (a
    list annotated before)."""
    lines = ([header_row] if header_row else []) + [r.row for r in rows]
    last = 0
    for line in lines:
        for cell in ws[line]:
            if cell.value in (None, ""):
                continue
            if line == header_row and norm(str(cell.value)) == OPINION_HEADER:
                return int(cell.column)
            last = max(last, int(cell.column))
    return last + 1


def write_annotated(result: AuditResult, source: Path, target: Path) -> int:
    """Write the annotated copy of ``source`` to ``target``; the number of rows annotated."""
    from copy import copy

    from openpyxl import load_workbook
    from openpyxl.cell.cell import MergedCell
    from openpyxl.styles import Alignment, PatternFill
    from openpyxl.utils import get_column_letter, range_boundaries

    if target.resolve() == source.resolve():
        raise ValueError(f"批注副本不能覆盖推荐汇总表本身：{target}")
    wb = load_workbook(source, keep_vba=source.suffix.lower() == ".xlsm")
    by_sheet: dict[str, list[tuple[ListRow, str, str | None]]] = {}
    for item in row_opinions(result):
        by_sheet.setdefault(item[0].sheet or result.list.sheet or "", []).append(item)
    done = 0
    for name, items in by_sheet.items():
        if name not in wb.sheetnames:
            continue
        ws = wb[name]
        header_row = result.list.header_rows.get(name)
        col = _opinion_column(ws, header_row, [r for r, _, _ in items])
        if header_row:
            head = ws.cell(row=header_row, column=col)
            if not isinstance(head, MergedCell):
                head.value = OPINION_HEADER
                if col > 1:  # look like the list's own header
                    beside = ws.cell(row=header_row, column=col - 1)
                    head.font, head.border = copy(beside.font), copy(beside.border)
                    head.fill, head.alignment = copy(beside.fill), copy(beside.alignment)
        for row, text, severity in items:
            cell = ws.cell(row=row.row, column=col)
            if isinstance(cell, MergedCell):
                continue
            cell.value = cell_text(text)
            cell.fill = PatternFill("solid", fgColor=_FILLS[severity])
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            if col > 1:
                cell.border = copy(ws.cell(row=row.row, column=col - 1).border)
            done += 1
        ws.column_dimensions[get_column_letter(col)].width = OPINION_WIDTH
        if ws.auto_filter.ref:
            # The list's filter covers the new column too, so reviewers can filter on it.
            min_col, min_row, max_col, max_row = range_boundaries(ws.auto_filter.ref)
            if max_col is not None and max_col == col - 1:
                ws.auto_filter.ref = (f"{get_column_letter(min_col or 1)}{min_row}:"
                                      f"{get_column_letter(col)}{max_row}")
    target.parent.mkdir(parents=True, exist_ok=True)
    replace_atomically(target, lambda tmp: wb.save(tmp))
    return done
