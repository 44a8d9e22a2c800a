"""Tables the rules compute from (equipment list, self-assessment, scenario list),
recognised by their header labels in whichever document and format they were uploaded."""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from rapidfuzz import fuzz

from criteria.schema import Programme, TableColumn, TableSpec
from matchers.fields.labels import normalize_label
from models import Document, Location, Table
from models.readings import NOT_APPLICABLE, StructuredTable, TableRow

# Rows that sum or score the rows above rather than being one (合计, 综合得分, 平均分 …).
_TOTAL_ROW = re.compile(r"^\s*(合\s*计|总\s*计|小\s*计|总\s*分|综合得分|最终综合得分|平均|满分|得分合计)")
# A figure cell holds a figure: digits with their unit or a word level (三级), not a
# sentence that happens to contain numbers (a merged "企业自2014年以来总金额8650万元…").
_FIGURE_CELL = re.compile(r"^[\s\d.,，+\-−%％()（）]*[\d一二三四五六七八九十]"
                          r"[\s\d.,，%％]*(?:万元|亿元|元|分|级|台套|台|套|个|人|家|项|TB)?"
                          r"[\s()（）]*$")
# Words for yes/no; a tick mark alone (√, ☑, □) is read by extractor.checkmarks.mark_state.
_TRUE = {"是", "y", "yes", "有", "true", "1", "已联网", "联网", "接入"}
_FALSE = {"否", "×", "✗", "✘", "x", "n", "no", "无", "false", "0", "未联网", "未接入"}
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


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


def _row_mapping(texts: list[list[str]], spec: TableSpec) -> dict[int, str]:
    """Column index → column key for a header written in one or more rows (a merged
    "企业等级和自主打分" over 等级 | 符合程度 | 自评分): each column is matched by the best of
    its header texts, and the strongest matches are assigned first so that a merged parent
    label does not take a key its sub-header names exactly."""
    candidates: list[tuple[float, int, str]] = []
    n = max((len(t) for t in texts), default=0)
    for c in range(n):
        for col in spec.columns:
            score = max((_label_score(t[c], col) for t in texts if c < len(t)), default=0.0)
            if score >= 88:
                candidates.append((score, c, col.key))
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for _score, c, key in sorted(candidates, key=lambda x: (-x[0], x[1])):
        if c in mapping or key in taken:
            continue
        mapping[c] = key
        taken.add(key)
    return mapping


def match_header(table: Table, spec: TableSpec) -> tuple[int, dict[int, str]] | None:
    """(last header row, column index → key), or None when the table is not ``spec``'s.
    Headers of two rows (a merged group label above its sub-labels) are read as one; of
    the candidate headers in the first rows, the one naming the most columns wins (the
    earliest on a tie)."""
    rows = table.rows_text()
    best: tuple[int, int, dict[int, str]] | None = None  # (columns, -end row, mapping)
    for r, row in enumerate(rows[:6]):
        candidates = [(r, _row_mapping([row], spec))]
        if r + 1 < len(rows):
            # Sub-labels first: they name the columns the group label only spans.
            candidates.append((r + 1, _row_mapping([rows[r + 1], row], spec)))
        for end, mapping in candidates:
            if len(mapping) < spec.min_columns:
                continue
            key = (len(mapping), -end)
            if best is None or key > best[:2]:
                best = (len(mapping), -end, mapping)
    return None if best is None else (-best[1], best[2])


def parse_cell(text: str, column: TableColumn) -> Any:
    from domain.money import parse_money, parse_number, to_wan

    t = unicodedata.normalize("NFKC", text).strip()
    if not t:
        return None
    if column.options:
        return _option_cell(t, column.options)
    if column.type == "bool":
        from extractor.checkmarks import mark_state

        if (ticked := mark_state(t)) is not None:
            return ticked
        low = t.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        return None
    if column.type == "level":
        if "不涉及" in t:
            return NOT_APPLICABLE
        # A standard's designation is not the level ("GB/T 39116-2020 二级").
        t = re.sub(r"GB\s*/?\s*T?\s*\d+(?:\.\d+)?\s*[-—–]\s*\d{4}", "", t).strip()
        if len(t) > 12:
            return None  # a sentence, not a level
        m = re.search(r"\d+", t)
        if m:
            return int(m.group(0))
        for ch in t:
            if ch in _CN_DIGITS:
                return _CN_DIGITS[ch]
        return None
    if column.type == "money":
        money = parse_money(t, default_unit=column.unit or "万元")
        return None if money is None else float(to_wan(money))
    if column.type in ("number", "percent"):
        if not _FIGURE_CELL.match(t):
            return None
        n = parse_number(t.rstrip("%％"))
        return None if n is None else float(n)
    return t


def _option_cell(text: str, options: list[str]) -> str | list[str] | None:
    """A cell answered with tick boxes: the ticked option, a list when several are ticked
    (the check reports the conflict), None when none is. A cell without boxes that names
    one option ("比较符合") is that option; other text is kept as written."""
    from extractor.checkmarks import checkboxes_in_text
    from matchers.fields.option_marks import ticked_options

    boxes = checkboxes_in_text(text)
    ticked, recognised = ticked_options(boxes, options) if boxes else ([], 0)
    if recognised:
        if len(ticked) > 1:
            return ticked
        return ticked[0] if ticked else None
    named = [o for o in options if o in text]
    return named[0] if len(named) == 1 else text


_HEADER_UNIT = re.compile(r"[(（]\s*(万元|亿元|千元|元)\s*[)）]")


def header_units(table: Table, spec: TableSpec, header_row: int, mapping: dict[int, str]
                 ) -> dict[str, str]:
    """Money columns whose header names a unit other than the column's declared one."""
    cols = {c.key: c for c in spec.columns}
    rows = table.rows_text()
    out: dict[str, str] = {}
    for c, key in mapping.items():
        col = cols[key]
        if col.type != "money" or not col.unit:
            continue
        head = " ".join(rows[r][c] for r in range(max(0, header_row - 1), header_row + 1)
                        if c < len(rows[r]))
        m = _HEADER_UNIT.search(unicodedata.normalize("NFKC", head))
        if m and m.group(1) != col.unit:
            out[key] = m.group(1)
    return out


def _rows(doc: Document, table: Table, spec: TableSpec, header_row: int,
          mapping: dict[int, str]) -> list[TableRow]:
    changed = header_units(table, spec, header_row, mapping)
    cols = {c.key: (c.model_copy(update={"unit": changed[c.key]}) if c.key in changed else c)
            for c in spec.columns}
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


def _following_pages(docs: list[Document], doc: Document
                     ) -> list[tuple[Document, int, Table]]:
    """Every table after ``doc``'s ones in page order, as (document, page, table): the
    document's own later pages, then — for a declaration photographed one page per image
    file — the tables of its sibling photos, taken in file-name order."""
    out = [(doc, t.page, t) for t in doc.tables]
    if doc.media_type.startswith("image/"):
        siblings = sorted((d for d in docs if d is not doc and d.kind == doc.kind
                           and d.error is None and d.media_type.startswith("image/")
                           and d.path > doc.path), key=lambda d: d.path)
        last = max((t.page for t in doc.tables), default=0)
        for k, d in enumerate(siblings, 1):
            # Each photo is a page of its own; number them on from this document's last.
            out += [(d, last + k, t) for t in d.tables]
    return out


def _continuations(docs: list[Document], doc: Document, start: int, programme: Programme
                   ) -> list[tuple[Document, Table]]:
    """The parts of ``doc.tables[start]`` that a page break cut off (a PDF printed from
    Word, a form photographed page by page): the first table of each following page with
    as many columns and no header row of its own. A header repeated on the next page
    makes a table that matches by itself, so it is not a continuation."""
    out: list[tuple[Document, Table]] = []
    sequence = _following_pages(docs, doc)
    _, prev_page, prev = sequence[start]
    for k in range(start + 1, len(sequence)):
        owner, page, table = sequence[k]
        if page == prev_page:
            continue  # tables further down the same page are other tables
        first_on_page = next(t for _, p, t in sequence if p == page)
        if page != prev_page + 1 or table is not first_on_page or \
                table.n_cols != prev.n_cols or \
                any(match_header(table, s) for s in programme.tables):
            break
        out.append((owner, table))
        prev_page, prev = page, table
    return out


def read_structured_tables(docs: list[Document], programme: Programme
                           ) -> dict[str, StructuredTable]:
    out: dict[str, StructuredTable] = {}
    for spec in programme.tables:
        st = StructuredTable(spec=spec)
        for doc in docs:
            if doc.error is not None or doc.kind.value not in spec.kinds:
                continue
            for i, table in enumerate(doc.tables):
                hit = match_header(table, spec)
                if hit is None:
                    continue
                rows = _rows(doc, table, spec, *hit)
                for owner, cont in _continuations(docs, doc, i, programme):
                    rows += _rows(owner, cont, spec, -1, hit[1])
                st.rows.extend(rows)
                st.unit_changes.extend(
                    (key, unit, Location(path=doc.path, page=table.page, bbox=table.bbox,
                                         excerpt=f"{spec.title}：表头单位 {unit}"))
                    for key, unit in header_units(table, spec, *hit).items())
                st.sources.append(Location(path=doc.path, page=table.page, bbox=table.bbox,
                                           excerpt=f"{spec.title}：{len(rows)} 行"))
            if st.rows:
                break  # the first document that holds the table is the one to use
        if not st.rows and spec.from_headings is not None:
            _rows_from_headings(st, docs, programme)
        out[spec.id] = st
    return out


def _rows_from_headings(st: StructuredTable, docs: list[Document], programme: Programme) -> None:
    """No document holds the table as a table: its rows written as numbered headings
    naming catalogue items (the declaration first, then the other documents of its kinds)."""
    from matchers.fields.heading_rows import read_heading_rows

    spec = st.spec
    cols = {c.key: c for c in spec.columns}
    ordered = sorted((d for d in docs if d.error is None and d.kind.value in spec.kinds),
                     key=lambda d: d.kind.value != "declaration")
    for doc in ordered:
        found = read_heading_rows(doc, spec, programme)
        if not found:
            continue
        for raw, loc in found:
            values = {k: parse_cell(v, cols[k]) for k, v in raw.items() if k in cols}
            st.rows.append(TableRow(values=values, raw=raw, location=loc))
        st.sources.append(Location(path=doc.path, page=found[0][1].page, bbox=None,
                                   excerpt=f"{spec.title}（按编号标题列出）：{len(found)} 项"))
        return
