"""Reads 营业收入 and the statement year from 利润表 (income statement) tables."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from models import Document, Location, Table
from models.location import BBoxTuple
from models.readings import StatementFacts

# The figures this reader takes from a statement (StatementFacts.<figure>_wan, in 万元) and
# the statement types it tells apart: a programme field with ``statement:`` names one of
# each, and the loader checks it (criteria.loader).
PRODUCES = ("revenue",)
STATEMENT_TYPES = ("利润表", "资产负债表", "现金流量表", "审计报告")

_YEAR_PATTERNS = [
    re.compile(r"(20\d{2}|19\d{2})\s*年\s*度"),
    re.compile(r"(20\d{2}|19\d{2})\s*年\s*1\s*[-—~至]\s*12\s*月"),
    re.compile(r"(20\d{2}|19\d{2})\s*年\s*12\s*月\s*31?\s*日?"),
    re.compile(r"(20\d{2}|19\d{2})\s*[-./]\s*12\s*[-./]\s*31"),
]
_UNIT = re.compile(r"单位\s*[:：]?\s*(人民币)?\s*(千元|万元|元)")
_UNIT_TO_WAN = {"元": 1e-4, "千元": 0.1, "万元": 1.0}
_REVENUE_ROW = re.compile(r"^[一二三四五六七八九十、.\s\d]*(营业总收入|营业收入|主营业务收入)")
_CURRENT_COL = re.compile(r"本期|本年|本期金额|本年累计|本年金额|本期发生")
_NUMBER = re.compile(r"-?\(?\d[\d,，]*(?:\.\d+)?\)?")


def _num(text: str) -> float | None:
    t = unicodedata.normalize("NFKC", text).replace(",", "").replace(" ", "")
    m = _NUMBER.search(t)
    if not m:
        return None
    raw = m.group(0)
    neg = raw.startswith("-") or (raw.startswith("(") and raw.endswith(")"))
    try:
        v = float(raw.strip("()-"))
    except ValueError:
        return None
    return -v if neg else v


def statement_type(text: str) -> str | None:
    # Titles are often letter-spaced (利 润 表).
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    for t in ("利润表", "损益表", "资产负债表", "现金流量表", "审计报告"):
        if t in text:
            return "利润表" if t == "损益表" else t
    return None


def statement_year(text: str) -> int | None:
    t = unicodedata.normalize("NFKC", text)
    for pat in _YEAR_PATTERNS:
        m = pat.search(t)
        if m:
            return int(m.group(1))
    return None


def statement_years(text: str) -> list[int]:
    """Every year a statement page reports on, first the one it leads with (a comparative
    statement has columns 2021年度 | 2020年度; both years are shown)."""
    t = unicodedata.normalize("NFKC", text)
    years: list[int] = []
    for pat in _YEAR_PATTERNS:
        for m in pat.finditer(t):
            y = int(m.group(1))
            if y not in years:
                years.append(y)
    first = statement_year(text)
    if first is not None and first in years:
        years.remove(first)
        years.insert(0, first)
    return years


def _revenue_by_year_column(table: Table) -> dict[int, float]:
    """Revenue per year where the columns are headed by years (本年 2021年度 | 上年 2020年度)."""
    rows = table.rows_text()
    year_col: dict[int, int] = {}
    for row in rows[:5]:
        # The preamble row (编制单位：… 2021年度 … 单位：元) dates the sheet; it heads no column.
        if any("编制单位" in c or re.search(r"单位\s*[：:]", c) for c in row):
            continue
        for j, cell in enumerate(row):
            y = statement_year(cell)
            if y is not None and y not in year_col:
                year_col[y] = j
        if year_col:
            break
    out: dict[int, float] = {}
    for row in rows:
        if not row or not _REVENUE_ROW.match(unicodedata.normalize("NFKC", row[0]).strip()):
            continue
        for y, j in year_col.items():
            if j < len(row) and not re.fullmatch(r"\s*\d{1,2}\s*", row[j]):  # not 行次
                v = _num(row[j])
                if v is not None:
                    out[y] = v
        break
    return out


def _revenue_from_table(table: Table) -> tuple[float, BBoxTuple | None] | None:
    rows = table.rows_text()
    current_col: int | None = None
    for row in rows[:3]:
        for j, cell in enumerate(row):
            if _CURRENT_COL.search(cell.replace("\n", "")):
                current_col = j
                break
        if current_col is not None:
            break
    for i, row in enumerate(rows):
        if not row or not _REVENUE_ROW.match(unicodedata.normalize("NFKC", row[0]).strip()):
            continue
        cols = [current_col] if current_col is not None else []
        cols += [j for j in range(1, len(row)) if j not in cols]
        for j in cols:
            if j >= len(row):
                continue
            cell = row[j].strip()
            # The 行次 column holds small integers ("1"); amounts carry decimals or size.
            v = _num(cell)
            if v is None or (re.fullmatch(r"\d{1,2}", cell) and j != current_col):
                continue
            grid = table.grid()
            c = grid[i][j]
            return v, (c.bbox if c else None)
    return None


def _revenue_from_text(text: str) -> float | None:
    for line in text.splitlines():
        t = unicodedata.normalize("NFKC", line).strip()
        if _REVENUE_ROW.match(t):
            nums = [n for n in _NUMBER.findall(t.replace(",", "")) if "." in n or len(n) > 4]
            if nums:
                return _num(nums[0])
    return None


def read_statements(doc: Document) -> list[StatementFacts]:
    """One fact per page that is a statement (a PDF may bundle several years' 利润表)."""
    out: list[StatementFacts] = []
    for page in doc.pages:
        text = page.text or doc.page_text(page.number)
        st = statement_type(text)
        if st is None:
            continue
        unit_m = _UNIT.search(text)
        unit = unit_m.group(2) if unit_m else "元"
        revenue = None
        bbox = None
        if st == "利润表":
            for t in doc.tables:
                if t.page != page.number:
                    continue
                got = _revenue_from_table(t)
                if got:
                    revenue, bbox = got
                    break
            if revenue is None:
                revenue = _revenue_from_text(text)
        table_text = "\n".join(" ".join(r) for t in doc.tables if t.page == page.number
                               for r in t.rows_text()[:5])
        years: Sequence[int | None] = statement_years(text + "\n" + table_text) or [None]
        by_year: dict[int, float] = {}
        if st == "利润表":
            for t in doc.tables:
                if t.page == page.number:
                    by_year.update(_revenue_by_year_column(t))
        for k, year in enumerate(years):
            rev = by_year.get(year, revenue if k == 0 else None) if year is not None else revenue
            excerpt = f"{st} {year or '?'}年"
            if rev is not None:
                excerpt += f" 营业收入 {rev:,.2f}{unit}"
            out.append(StatementFacts(
                year=year,
                revenue_wan=None if rev is None else round(rev * _UNIT_TO_WAN[unit], 4),
                unit=unit, statement_type=st,
                location=Location(path=doc.path, page=page.number, bbox=bbox, excerpt=excerpt)))
    return out
