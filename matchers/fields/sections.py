"""Narrative sections of a declaration located by heading, in whatever form applicants
write headings: Word heading styles, numbered plain paragraphs (一、 （一） 1. 1.3 3.2.3
a) (1) ①), short bold paragraphs, a table label cell whose neighbour holds the text
(产品简介 | …), or a lead phrase before a colon ("质量管控：本企业……").

A section runs from its heading to the next heading of the same or a higher rank, so an
indicator's section (2.1.1 模块化设计, 1000-1500字) includes its lettered sub-items, while
each sub-item (a) 需求精准识别, 不少于300字) is a section of its own."""
from __future__ import annotations

import re
import unicodedata

from criteria.schema import Programme, SectionSpec
from matchers.fields.labels import normalize_label
from models import Block, Document, DocumentKind, Location, Table
from models.readings import SectionText

_NUMBER_FORMS: list[tuple[re.Pattern[str], int | None]] = [
    (re.compile(r"^第[一二三四五六七八九十百]+[章节部分篇]\s*"), 0),
    (re.compile(r"^[一二三四五六七八九十]+\s*[、.．]\s*"), 1),
    (re.compile(r"^[（(]\s*[一二三四五六七八九十]+\s*[)）]\s*"), 2),
    # 1 / 1. / 1.3 / 3.2.3: rank grows with the number of parts (None: computed).
    (re.compile(r"^\d{1,2}(?:\s*[.．]\s*\d{1,2}){0,4}(?:\s*[.、．)）](?!\d)|\s+|(?![年月日号个台套万亿人家项])(?=[\u4e00-\u9fff]))"),
     None),
    (re.compile(r"^[（(]\s*\d{1,2}\s*[)）]\s*"), 7),
    (re.compile(r"^[a-zA-Z]\s*[)）.．、]\s*"), 8),
    (re.compile(r"^[①②③④⑤⑥⑦⑧⑨⑩]\s*"), 9),
]
# Headings with a style level but no number: Word's level 1 is a chapter.
_STYLE_RANK_BASE = 0
_EXCERPT = 60
_MAX_HEADING = 40


def numbering(text: str) -> tuple[str, int | None]:
    """(the printed number, its rank) of a line that starts with one; ("", None) if none."""
    t = unicodedata.normalize("NFKC", text).lstrip()
    for pattern, rank in _NUMBER_FORMS:
        m = pattern.match(t)
        if m:
            number = m.group(0).strip()
            if rank is None:
                parts = re.findall(r"\d+", number)
                rank = 2 + len(parts)
            return number, rank
    return "", None


def strip_numbering(text: str) -> str:
    t = unicodedata.normalize("NFKC", text).strip()
    number, _ = numbering(t)
    return t[len(number):].strip() if number else t


def _looks_like_sentence(t: str) -> bool:
    return t.endswith(("。", "；", ";", "，", ",")) or "。" in t[:-1]


def heading_rank(block: Block) -> int | None:
    """The block's rank as a heading (smaller = higher), or None when it is body text."""
    t = unicodedata.normalize("NFKC", block.text).strip()
    if not t or len(t) > _MAX_HEADING + 20:
        return None
    _, rank = numbering(t)
    if block.kind == "heading":
        if rank is not None:
            return rank
        return _STYLE_RANK_BASE + block.level if block.level is not None else 5
    if rank is not None and len(t) <= _MAX_HEADING and not _looks_like_sentence(t):
        return rank
    return None


def _heading_match(text: str, spec: SectionSpec) -> bool:
    """The line names the section: equal to one of its headings, starting with one, or —
    for headings of 3 characters or more — containing one in a short line
    ("3.2.3 智能化生产——质量管控", "1.3 新一代信息技术 a) 数字孪生")."""
    norm = normalize_label(strip_numbering(text))
    if not norm:
        return False
    for h in spec.all_headings:
        nh = normalize_label(strip_numbering(h))
        if not nh:
            continue
        if norm == nh or (norm.startswith(nh) and len(norm) <= len(nh) + 12):
            return True
        if len(nh) >= 3 and nh in norm and len(norm) <= len(nh) + 20:
            return True
    return False


def _lead(text: str) -> tuple[str, str] | None:
    """"质量管控：本企业……" → ("质量管控", "本企业……") when the part before the colon is short."""
    t = unicodedata.normalize("NFKC", text).strip()
    m = re.match(r"^(.{2,30}?)[:：]\s*(.+)$", t, flags=re.S)
    if not m or _looks_like_sentence(m.group(1)):
        return None
    return m.group(1), m.group(2)


def _from_tables(doc: Document, spec: SectionSpec) -> SectionText | None:
    for t in doc.tables:
        grid = t.grid()
        for c in t.cells:
            if c.merged_from is not None or len(c.text) > _MAX_HEADING \
                    or not _heading_match(c.text, spec):
                continue
            right = [x for x in grid[c.row][c.col + c.col_span:] if x is not None
                     and (x.merged_from or (x.row, x.col)) != (c.row, c.col)]
            value = right[0] if right else None
            if value is None and c.row + c.row_span < t.n_rows:
                value = grid[c.row + c.row_span][c.col]
            if value is None:
                continue
            text = value.text.strip()
            if c.row + c.row_span >= t.n_rows:
                text = "\n".join(x for x in (text, _continued(doc, t, value.col)) if x)
            return SectionText(spec.key, text, Location(
                path=doc.path, page=t.page, bbox=value.bbox,
                excerpt=f"{c.text.strip()}：{text[:_EXCERPT]}"))
    return None


def _continued(doc: Document, table: Table, col: int) -> str:
    """The rest of a last-row cell that a page break carried into the next page's table
    (a first row whose label cell is empty)."""
    nxt = next((t for t in doc.tables if t.page == table.page + 1), None)
    if nxt is None:
        return ""
    grid = nxt.grid()
    if not grid or not grid[0] or (grid[0][0] is not None and grid[0][0].text.strip()):
        return ""
    cell = grid[0][col] if col < len(grid[0]) else None
    return cell.text.strip() if cell is not None else ""


def _body_blocks(doc: Document) -> list[Block]:
    return [b for p in doc.pages for b in p.blocks if b.kind != "cell" and b.text.strip()]


# A line that is exactly a section's heading, with no number or style (a text PDF lays
# the form's label cells out as lines): a heading of this rank.
_BARE_RANK = 6


def _is_bare_heading(text: str, specs: list[SectionSpec]) -> bool:
    norm = normalize_label(strip_numbering(text))
    return bool(norm) and any(norm == normalize_label(h) for s in specs for h in s.all_headings)


def _from_paragraphs(doc: Document, spec: SectionSpec,
                     all_specs: list[SectionSpec] | None = None) -> SectionText | None:
    blocks = _body_blocks(doc)
    specs = all_specs or [spec]
    for i, b in enumerate(blocks):
        rank = heading_rank(b)
        first = ""
        bare = rank is None and _is_bare_heading(b.text, [spec])
        if bare:
            rank = _BARE_RANK
        if rank is None or not _heading_match(b.text, spec):
            lead = _lead(b.text)
            if lead is None or not _heading_match(lead[0], spec):
                continue
            # A lead phrase opens the section on the same line; it ranks like its number.
            rank = numbering(b.text)[1] or _BARE_RANK
            first = lead[1]
        body: list[str] = [first] if first else []
        for nb in blocks[i + 1:]:
            r = heading_rank(nb)
            if r is None and _is_bare_heading(nb.text, specs):
                r = _BARE_RANK
            # A section opened by a bare label (a form laid out as lines) holds numbered
            # items of its own (1. 2. 案例一): only a chapter-level number or a styled
            # heading ends it.
            if bare and r is not None and r != _BARE_RANK and nb.kind != "heading" and r > 2:
                r = None
            if r is not None and r <= rank:
                break
            body.append(nb.text.strip())
        text = "\n".join(x for x in body if x)
        return SectionText(spec.key, text, Location(
            path=doc.path, page=b.page, bbox=b.bbox,
            excerpt=f"{b.text.strip()[:30]}：{text[:_EXCERPT]}"))
    return None


def read_sections(doc: Document | list[Document], programme: Programme
                  ) -> dict[str, SectionText]:
    """Each section of the programme found in ``doc`` (or the first of several documents
    that has it: applicants split a long 举证 into several files)."""
    docs = doc if isinstance(doc, list) else [doc]
    out: dict[str, SectionText] = {}
    for spec in programme.sections:
        for d in docs:
            found = _from_tables(d, spec) or _from_paragraphs(d, spec, programme.sections)
            if found is not None:
                out[spec.key] = found
                break
    return out


def declaration_documents(docs: list[Document], primary: Document | None) -> list[Document]:
    """The primary declaration first, then the other declarations and free-form documents
    that may carry the rest of the narrative."""
    rest = [d for d in docs if d is not primary and d.error is None
            and d.kind in (DocumentKind.declaration, DocumentKind.other)]
    return ([primary] if primary is not None else []) + rest

