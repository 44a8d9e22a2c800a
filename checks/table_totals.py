"""CALCULATION_MISMATCH: a table's 合计 row that is not the sum of the rows above it.

Applicants type totals by hand (合同金额汇总表, 投入明细, 设备清单); the rows are the
evidence and the total is what the form repeats, so a total that does not add up is the
commonest arithmetic slip. Every table of the documents of the rule's kinds is looked at:
for each column whose total cell and item cells hold figures, the total must equal the
sum. Tables with 小计 rows, percentage columns and 序号 columns are left alone (their
totals are not plain sums)."""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from checks.context import CheckContext
from checks.contract import RULE_SEVERITY, rule_check
from criteria.schema import TableTotalsRule
from models import Document, Finding, FindingCode, Location, Table

_TOTAL = re.compile(r"^\s*(合\s*计|总\s*计)")
_SUBTOTAL = re.compile(r"小\s*计")
_FIGURE = re.compile(r"^[\s¥￥]*-?\d[\d,，]*(?:\.\d+)?\s*(万元|亿元|元|台套|台|套|个|份|项|家|人)?\s*$")
_SKIP_HEADER = re.compile(r"序号|编号|行次|比例|占比|%|％|率|年份|年度|日期|时间|电话|单价")


def _figure(text: str) -> Decimal | None:
    t = unicodedata.normalize("NFKC", text).strip()
    if not t or not _FIGURE.match(t):
        return None
    digits = re.sub(r"[^\d.\-]", "", t.split("万")[0].split("亿")[0].split("元")[0])
    try:
        return Decimal(digits)
    except Exception:  # noqa: BLE001 - "1.2.3" and the like are not figures
        return None


def _header_row(rows: list[list[str]]) -> int:
    """The last row above the data that has no figure in it (a two-row header counts)."""
    last = -1
    for i, row in enumerate(rows[:6]):
        if any(_figure(c) is not None for c in row[1:]):
            break
        last = i
    return last


def _mismatches(doc: Document, table: Table, tolerance: float) -> list[Finding]:
    rows = table.rows_text()
    totals = [i for i, r in enumerate(rows) if r and any(_TOTAL.match(c) for c in r[:2])]
    if len(totals) != 1 or any(_SUBTOTAL.search(" ".join(r)) for r in rows):
        return []
    t = totals[0]
    head = _header_row(rows[:t])
    items = [r for r in rows[head + 1:t] if any(c.strip() for c in r)]
    if len(items) < 2:
        return []
    # Each column's name: its nearest header cell (a title row merged across the table
    # above the header says nothing about the column).
    headers = [next((rows[h][j] for h in range(head, -1, -1)
                     if j < len(rows[h]) and rows[h][j].strip()), "")
               for j in range(len(rows[t]))]
    out: list[Finding] = []
    seen: set[str] = set()
    for j, cell in enumerate(rows[t]):
        stated = _figure(cell)
        if stated is None or _SKIP_HEADER.search(headers[j]) or cell in seen:
            continue
        seen.add(cell)  # a merged total cell repeats across the columns it covers
        parts = [_figure(r[j]) if j < len(r) else None for r in items]
        if sum(p is not None for p in parts) < 2 or any(
                p is None and r[j].strip() for p, r in zip(parts, items)):
            continue
        total = sum((p for p in parts if p is not None), Decimal(0))
        if abs(total - stated) <= Decimal(str(tolerance)) * max(abs(total), Decimal(1)):
            continue
        name = headers[j].strip() or f"第{j + 1}列"
        grid = table.grid()
        grid_cell = grid[t][j]
        cell_box = grid_cell.bbox if grid_cell is not None else None
        out.append(Finding(
            code=FindingCode.CALCULATION_MISMATCH, severity=RULE_SEVERITY,
            message=f"“{doc.path}”表格中“{name}”的合计行为{cell.strip()}，"
                    f"但各行相加为{total.normalize():f}，请核对。",
            expected=f"{total.normalize():f}", actual=cell.strip(),
            locations=[Location(path=doc.path, page=table.page, bbox=cell_box or table.bbox,
                                excerpt=" | ".join(c.strip() for c in rows[t] if c.strip())[:80])]))
    return out


@rule_check(TableTotalsRule, codes=(FindingCode.CALCULATION_MISMATCH,))
def check_table_totals(rule: TableTotalsRule, ctx: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    for doc in ctx.readable:
        if doc.kind.value not in rule.kinds:
            continue
        for table in doc.tables:
            out.extend(_mismatches(doc, table, rule.rel_tolerance))
    return out
