"""Reading a recommendation list (推荐汇总表) from XLSX, DOCX or PDF: its header, rows and
the recommending unit written above it."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path


COLUMN_LABELS: dict[str, tuple[str, ...]] = {
    "serial": ("序号", "编号"),
    "company": ("企业名称", "单位名称", "申报单位", "企业全称", "申报企业"),
    "industry": ("所属行业", "行业", "所属行业类别"),
    "location": ("建设地点", "所在地", "所在地区", "地点"),
    "remark": ("备注",),
    "product_name": ("申报产品名称", "产品名称", "产品(方案)名称"),
    "product_class": ("申报产品类别", "产品类别"),
}
_PLACEHOLDER = re.compile(r"^[.…。·\s]*$")
# "推荐单位：济南市工业和信息化局   填报人：王某" — labels may share a line; blanks never
# span lines (an empty 推荐单位 must not swallow the 填报人 line below it).
_META = re.compile(r"(推荐单位|填报人|联系方式)[ \t\u3000]*[:：][ \t\u3000]*([^\n]*?)[ \t\u3000]*"
                   r"(?=(?:推荐单位|填报人|联系方式)[ \t\u3000]*[:：]|$)", re.M)


def norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def column_for(label: str) -> str | None:
    text = norm(label)
    if not text:
        return None
    for key, labels in COLUMN_LABELS.items():
        if any(text == norm(x) for x in labels):
            return key
    # "企业名称（全称）", "所属行业（国民经济行业分类）"
    for key, labels in COLUMN_LABELS.items():
        if any(text.startswith(norm(x)) and len(norm(x)) >= 2 for x in labels):
            return key
    return None


# -------------------------------------------------------------------- reading lists

@dataclass
class ListRow:
    row: int  # 1-based row in its table (for XLSX: the sheet's row number)
    page: int | None
    serial: str
    values: dict[str, str]
    excerpt: str
    sheet: str | None = None  # the worksheet (XLSX) or table caption the row is in

    @property
    def company(self) -> str:
        return self.values.get("company", "")


@dataclass
class RecommendationList:
    path: str
    kind: str  # a programme's recommendation_list.kind
    rows: list[ListRow]
    columns: list[str]
    meta: dict[str, str] = field(default_factory=dict)
    sheet: str | None = None
    # Sheet (table name) → its 1-based header row, for writing beside the list's own header.
    header_rows: dict[str, int] = field(default_factory=dict)


class ListFormatError(Exception):
    """The file is not a readable recommendation list; the message is for the user."""


def _header_in(table_rows: list[list[str]]) -> tuple[int, dict[int, str]] | None:
    for r, cells in enumerate(table_rows[:15]):
        cols: dict[int, str] = {}
        for c, text in enumerate(cells):
            key = column_for(text)
            if key and key not in cols.values() and len(norm(text)) <= 20:
                cols[c] = key
        keys = set(cols.values())
        if "company" in keys and keys & {"industry", "product_name", "product_class", "serial"}:
            return r, cols
    return None


def _meta_from(texts: list[str]) -> dict[str, str]:
    meta: dict[str, str] = {}
    for text in texts:
        for m in _META.finditer(unicodedata.normalize("NFKC", text)):
            value = m.group(2).strip()
            if value and m.group(1) not in meta:
                meta[m.group(1)] = value
    return meta


def list_kind(columns: set[str], kinds: list[tuple[str, list[str]]]) -> str:
    """The kind of a list with these columns: the first kind whose identifying columns
    are present, else the kind that needs none (programmes' ``recommendation_list.header``)."""
    for kind, marks in kinds:
        if marks and columns & set(marks):
            return kind
    return next((kind for kind, marks in kinds if not marks), "")


def read_list(path: Path, ocr_engine: str = "rapidocr", cache_dir: Path | None = None,
              kinds: list[tuple[str, list[str]]] | None = None) -> RecommendationList:
    """The list in ``path``; ``kinds``: (kind, identifying columns) of the lists known
    (default: every programme's recommendation_list)."""
    from dossier.lazy_ocr import LazyOcrService
    from extractor.base import ExtractContext
    from extractor.registry import extract_file

    doc = extract_file(path, path.name, ExtractContext(ocr=LazyOcrService(ocr_engine, cache_dir)))
    if doc.error:
        raise ListFormatError(f"推荐汇总表无法读取：{doc.error}")
    header: tuple[int, int, dict[int, str]] | None = None
    for t_index, table in enumerate(doc.tables):
        found = _header_in(table.rows_text())
        if found:
            header = (t_index, found[0], found[1])
            break
    if header is None:
        raise ListFormatError("未在文件中找到推荐汇总表的表头（应有“企业名称”及“所属行业”"
                              "或“申报产品名称/类别”等栏目）")
    t_index, h_row, cols = header
    first = doc.tables[t_index]
    keys = set(cols.values())
    if kinds is None:
        from dossier.audit.rules import list_kinds

        kinds = list_kinds()
    kind = list_kind(keys, kinds)
    rows: list[ListRow] = []
    header_rows: dict[str, int] = {first.name or "": h_row + 1}
    # A list that runs over several pages of a PDF continues in tables of the same width.
    for table in doc.tables[t_index:]:
        if table is not first and table.n_cols != first.n_cols:
            continue
        grid = table.rows_text()
        start = h_row + 1 if table is first else 0
        if table is not first and _header_in(grid[:1]):
            start = 1
            header_rows.setdefault(table.name or "", 1)
        for r in range(start, len(grid)):
            cells = grid[r]
            values = {key: unicodedata.normalize("NFKC", cells[c]).strip()
                      for c, key in cols.items() if c < len(cells)}
            if not values.get("company") or _PLACEHOLDER.match(values["company"]):
                continue
            excerpt = " | ".join(v for v in (unicodedata.normalize("NFKC", x).strip()
                                             for x in cells) if v)
            rows.append(ListRow(row=r + 1, page=table.page if doc.media_type.endswith("pdf")
                                else None, serial=values.get("serial", ""),
                                values=values, excerpt=excerpt, sheet=table.name))
    texts = [p.text for p in doc.pages] + [" ".join(r) for r in first.rows_text()[:h_row]]
    return RecommendationList(path=str(path), kind=kind, rows=rows,
                              columns=[cols[c] for c in sorted(cols)], meta=_meta_from(texts),
                              sheet=first.name, header_rows=header_rows)
