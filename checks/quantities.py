"""Evaluates a catalogue Quantity (a stated field, a table aggregate, a count of items)
to a number with an explanation and the places it came from."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from checks.context import CheckContext
from criteria.schema import Quantity
from models import Location
from models.readings import FORMULA, SHEET_ERROR, TableRow


@dataclass
class Value:
    value: float | None
    label: str
    locations: list[Location] = field(default_factory=list)
    # Why it is None (shown when a rule cannot be evaluated).
    missing: str | None = None


def _number(normalized: Any) -> float | None:
    if isinstance(normalized, dict):
        return normalized.get("amount_wan")
    if isinstance(normalized, (int, float)) and not isinstance(normalized, bool):
        return float(normalized)
    return None


def _matches(value: Any, wanted: str | bool | list[str]) -> bool:
    options = wanted if isinstance(wanted, list) else [wanted]
    for w in options:
        if isinstance(w, bool) or isinstance(value, bool):
            if value is w:
                return True
            continue
        if unicodedata.normalize("NFKC", str(value)).strip() == unicodedata.normalize("NFKC", str(w)).strip():
            return True
    return False


def filtered_rows(q: Quantity, ctx: CheckContext) -> list[TableRow]:
    table = ctx.tables.get(q.table or "")
    if table is None:
        return []
    rows = table.rows
    for col, wanted in q.where.items():
        rows = [r for r in rows if _matches(r.values.get(col), wanted)]
    for col, unwanted in q.exclude.items():
        rows = [r for r in rows if not _matches(r.values.get(col), unwanted)]
    return rows


# A reading longer than this is a sentence that mentions the label, not the figure itself.
_FIGURE_CHARS = 30


def _figure_reading(ctx: CheckContext, key: str):
    """The first reading of ``key`` that is a figure (a number, short text), the
    declaration's first: a sentence that merely names the label ("按照《…(2025年版)》开展
    自评价，…综合得分为60.00分") yields its first number, which is not the figure stated."""
    for source in ("declaration", None):
        for o in ctx.observations_for(key, source):
            if o.is_empty or _number(o.normalized) is None:
                continue
            if len((o.value or "").strip()) <= _FIGURE_CHARS:
                return o
    return None


def evaluate(q: Quantity, ctx: CheckContext) -> Value:
    if q.field:
        spec = ctx.spec(q.field)
        label = q.label or f"“{spec.label}”"
        obs = _figure_reading(ctx, q.field) or ctx.best(q.field, "declaration") \
            or ctx.best(q.field)
        if obs is None or obs.is_empty:
            return Value(None, label, missing=f"{label}未填写")
        v = _number(obs.normalized)
        return Value(v, label, [obs.location], None if v is not None else f"{label}无法识别为数字")
    if q.section:
        sec = ctx.sections.get(q.section)
        sec_spec = next(s for s in ctx.programme.sections if s.key == q.section)
        label = q.label or f"“{sec_spec.heading}”中的条目数"
        if sec is None:
            return Value(None, label, missing=f"未找到“{sec_spec.heading}”部分")
        return Value(float(sec.item_count), label, [sec.location])
    table = ctx.tables.get(q.table or "")
    title = table.spec.title if table else q.table
    label = q.label or f"{title}"
    if table is None or not table.rows:
        return Value(None, label, missing=f"未找到{title}")
    rows = filtered_rows(q, ctx)
    locs = list(table.sources)
    if q.aggregate == "count":
        return Value(float(len(rows)), label, locs)
    bad = _error_cells(rows, [q.column or ""] if q.aggregate in ("sum", "mean") else q.columns)
    if bad and q.aggregate in ("sum", "mean", "sum_product"):
        # A spreadsheet error or an uncached formula among the rows: the aggregate is not
        # known, and INVALID_VALUE names the cell; a sum without it would blame the figures.
        return Value(None, label, locs, f"{title}中有单元格没有可用的数值（{bad}）")
    if q.aggregate in ("sum", "mean"):
        cells = [r.values.get(q.column or "") for r in rows]
        nums = [float(n) for n in cells if isinstance(n, (int, float)) and not isinstance(n, bool)]
        if not nums:
            return Value(None, label, locs, f"{title}中没有可计算的数值")
        summed = sum(nums)
        return Value(summed if q.aggregate == "sum" else summed / len(nums), label, locs)
    if q.aggregate == "sum_product":
        total = 0.0
        for r in rows:
            factors = [r.values.get(c) for c in q.columns]
            figures = [float(f) for f in factors
                       if isinstance(f, (int, float)) and not isinstance(f, bool)]
            if len(figures) != len(factors):
                continue  # a row missing a price or a quantity adds nothing; not a guess
            prod = 1.0
            for f in figures:
                prod *= f
            total += prod
        return Value(total, label, locs)
    return Value(None, label, locs, f"不支持的汇总方式 {q.aggregate}")


def _error_cells(rows: list[TableRow], columns: list[str]) -> str | None:
    """The first cell of ``columns`` that holds a spreadsheet error or a formula."""
    for r in rows:
        for c in columns:
            raw = unicodedata.normalize("NFKC", r.raw.get(c, "") or "").strip()
            if raw and (SHEET_ERROR.match(raw) or FORMULA.match(raw)):
                return raw
    return None


def fmt(v: float | None, digits: int = 2) -> str:
    if v is None:
        return "（无）"
    s = f"{v:.{digits}f}".rstrip("0").rstrip(".")
    return s or "0"
