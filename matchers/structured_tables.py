"""Tables the rules compute from (equipment list, self-assessment, scenario list),
recognised by their header labels in whichever document and format they were uploaded."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from criteria.schema import Programme, TableColumn, TableSpec
from matchers.labels import normalize_label
from models import Document, Location, Table

_TOTAL_ROW = re.compile(r"^\s*(合\s*计|总\s*计|小\s*计)")
_TRUE = {"是", "√", "✓", "✔", "☑", "y", "yes", "有", "true", "1", "已联网", "联网", "接入"}
_FALSE = {"否", "×", "✗", "✘", "x", "n", "no", "无", "false", "0", "□", "未联网", "未接入"}
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
NOT_APPLICABLE = "不涉及此环节"


@dataclass
class TableRow:
    values: dict[str, Any]
    raw: dict[str, str]
    location: Location


@dataclass
class StructuredTable:
    spec: TableSpec
    rows: list[TableRow] = field(default_factory=list)
    sources: list[Location] = field(default_factory=list)


def _label_score(text: str, column: TableColumn) -> float:
    norm = normalize_label(text)
    if not norm:
        return 0.0
    best = 0.0
    for lab in column.labels:
        nl = normalize_label(lab)
        if norm == nl:
            return 100.0
        if norm.startswith(nl) and len(nl) >= 2:
            best = max(best, 95.0)
        elif len(nl) >= 3:
            best = max(best, fuzz.ratio(norm, nl))
    return best


def match_header(table: Table, spec: TableSpec) -> tuple[int, dict[int, str]] | None:
    rows = table.rows_text()
    for r, row in enumerate(rows[:6]):
        mapping: dict[int, str] = {}
        taken: set[str] = set()
        for c, text in enumerate(row):
            scored = [(_label_score(text, col), col.key) for col in spec.columns
                      if col.key not in taken]
            if not scored:
                continue
            score, key = max(scored)
            if score >= 88:
                mapping[c] = key
                taken.add(key)
        if len(mapping) >= spec.min_columns:
            return r, mapping
    return None


def parse_cell(text: str, column: TableColumn) -> Any:
    from domain.money import parse_money, parse_number, to_wan

    t = unicodedata.normalize("NFKC", text).strip()
    if not t:
        return None
    if column.type == "bool":
        low = t.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        return None
    if column.type == "level":
        if "不涉及" in t:
            return NOT_APPLICABLE
        m = re.search(r"\d+", t)
        if m:
            return int(m.group(0))
        for ch in t:
            if ch in _CN_DIGITS:
                return _CN_DIGITS[ch]
        return None
    if column.type == "money":
        m = parse_money(t, default_unit=column.unit or "万元")
        return None if m is None else float(to_wan(m))
    if column.type in ("number", "percent"):
        n = parse_number(t.rstrip("%％"))
        return None if n is None else float(n)
    return t


def _rows(doc: Document, table: Table, spec: TableSpec, header_row: int,
          mapping: dict[int, str]) -> list[TableRow]:
    cols = {c.key: c for c in spec.columns}
    grid = table.grid()
    out: list[TableRow] = []
    for r in range(header_row + 1, table.n_rows):
        cells = grid[r]
        texts = [(c.text if c is not None else "") for c in cells]
        if not any(t.strip() for t in texts):
            break
        if _TOTAL_ROW.match(unicodedata.normalize("NFKC", texts[0])) or \
                any(_TOTAL_ROW.match(t) for t in texts[:2]):
            continue
        raw = {key: texts[c].strip() for c, key in mapping.items() if c < len(texts)}
        values = {key: parse_cell(raw.get(key, ""), cols[key]) for key in raw}
        first = next((c for c in cells if c is not None), None)
        excerpt = " | ".join(t.strip() for t in texts if t.strip())[:80]
        out.append(TableRow(values=values, raw=raw, location=Location(
            path=doc.path, page=table.page, bbox=first.bbox if first else None, excerpt=excerpt)))
    return out


def read_structured_tables(docs: list[Document], programme: Programme
                           ) -> dict[str, StructuredTable]:
    out: dict[str, StructuredTable] = {}
    for spec in programme.tables:
        st = StructuredTable(spec=spec)
        for doc in docs:
            if doc.error is not None or doc.kind.value not in spec.kinds:
                continue
            for table in doc.tables:
                hit = match_header(table, spec)
                if hit is None:
                    continue
                rows = _rows(doc, table, spec, *hit)
                st.rows.extend(rows)
                st.sources.append(Location(path=doc.path, page=table.page, bbox=table.bbox,
                                           excerpt=f"{spec.title}：{len(rows)} 行"))
            if st.rows:
                break  # the first document that holds the table is the one to use
        out[spec.id] = st
    return out
