"""A document cut into passages that evidence can be matched against, each with where it
came from (file, page, box, excerpt) and the headings it stands under.

- Running text: consecutive paragraphs (or PDF/OCR lines, which are pieces of
  paragraphs) under the same heading are joined up to about ``max_chars``; a longer stretch
  is cut at sentence ends. A passage never spans a heading or a page break, so its
  location is one box on one page.
- Tables: one passage per row, cells joined (with the header row's labels when the table
  has one); a row too long for one passage gives one passage per long cell instead, under
  the row's short cells as a heading (表单: 场景描述 | 〈500 字〉).
- Passages with fewer than ``min_chars`` letters are dropped (page numbers, 签字, 盖章)."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from matchers.sections import _NUMBERING
from models import BBox, Block, Document, Location, Table

PassageKind = Literal["heading", "paragraph", "table_row", "cell"]

MAX_CHARS = 300
MIN_CHARS = 8
EXCERPT = 60
# A header cell is a short label (场景名称, 实施效果).
_HEADER_MAX = 16
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")
_LETTERS = re.compile(r"[\w]", re.UNICODE)
# Numbering that opens a heading line. Stricter than the sections reader: wrapped PDF/OCR
# lines often start with a number (2021年…, 3.2亿元…) and must not cut a paragraph.
_HEAD_NUM = re.compile(r"^\s*(?:第[一二三四五六七八九十]+[章节部分]|[一二三四五六七八九十]+[、.．]"
                       r"|[（(][一二三四五六七八九十\d]+[)）]|\d+(?:\.\d+)+|\d+[、.．](?!\d))\s*")
_UNIT_AFTER_NUMBER = "年月日号%％万亿元个台套家人项次天倍"


@dataclass(frozen=True)
class Passage:
    text: str
    location: Location
    kind: PassageKind
    heading_path: tuple[str, ...] = field(default_factory=tuple)

    @property
    def scoring_text(self) -> str:
        """The text scored against requirements: the nearest heading gives context that a
        paragraph often leaves implicit (1.1 智能排产 → 系统根据订单交期自动生成…)."""
        if self.heading_path and self.heading_path[-1] not in self.text:
            return f"{self.heading_path[-1]}：{self.text}"
        return self.text


def letter_count(text: str) -> int:
    return len(_LETTERS.findall(text))


def split_sentences(text: str, max_chars: int = MAX_CHARS) -> list[str]:
    """Chunks of at most ``max_chars`` cut at sentence ends (a sentence longer than that
    is cut hard); a short tail is folded into the chunk before it."""
    text = text.strip()
    if len(text) <= max_chars:
        return [text] if text else []
    sentences = [s for s in _SENTENCE_END.split(text) if s.strip()]
    pieces: list[str] = []
    for s in sentences:
        while len(s) > max_chars:
            pieces.append(s[:max_chars])
            s = s[max_chars:]
        pieces.append(s)
    chunks: list[str] = []
    buf = ""
    for s in pieces:
        if buf and len(buf) + len(s) > max_chars:
            chunks.append(buf)
            buf = ""
        buf += s
    if buf:
        if chunks and len(buf) < max_chars // 4 and len(chunks[-1]) + len(buf) <= max_chars * 1.3:
            chunks[-1] += buf
        else:
            chunks.append(buf)
    return [c.strip() for c in chunks if c.strip()]


def _union(boxes: Iterable[BBox | None]) -> BBox | None:
    bs = [b for b in boxes if b is not None]
    if not bs:
        return None
    return (min(b[0] for b in bs), min(b[1] for b in bs), max(b[2] for b in bs),
            max(b[3] for b in bs))


def looks_like_heading(block: Block) -> bool:
    if block.kind == "heading":
        return True
    t = unicodedata.normalize("NFKC", block.text).strip()
    if len(t) > 30 or t.endswith(("。", "；", ";", "，", ",", "：", ":")):
        return False
    m = _HEAD_NUM.match(t)
    if not m:
        return False
    rest = t[m.end():]
    return bool(rest) and rest[0] not in _UNIT_AFTER_NUMBER and not rest[0].isdigit()


def _heading_level(text: str) -> int:
    """Depth from the numbering: 一、→1, （一）→2, 1.→2, 1.1→3, 1.1.1→4, (1)→5; unnumbered
    styled headings count as level 1."""
    t = unicodedata.normalize("NFKC", text).strip()
    m = re.match(r"^第[一二三四五六七八九十]+[章节部分]", t)
    if m or re.match(r"^[一二三四五六七八九十]+[、.．]", t):
        return 1
    if re.match(r"^[（(][一二三四五六七八九十]+[)）]", t):
        return 2
    m = re.match(r"^(\d+(?:\.\d+)*)", t)
    if m:
        return 1 + m.group(1).count(".") + 1
    if re.match(r"^[（(]\d+[)）]", t):
        return 5
    return 1


def _joins(a: str, b: str) -> str:
    """Joins two pieces of running text: no space between CJK, one between Latin words."""
    if not a:
        return b
    if a[-1].isascii() and a[-1].isalnum() and b[:1].isascii() and b[:1].isalnum():
        return f"{a} {b}"
    return a + b


class _Builder:
    def __init__(self, doc: Document, max_chars: int, min_chars: int) -> None:
        self.doc = doc
        self.max_chars = max_chars
        self.min_chars = min_chars
        self.out: list[Passage] = []

    def emit(self, text: str, page: int | None, bbox: BBox | None, kind: PassageKind,
             headings: tuple[str, ...]) -> None:
        for chunk in split_sentences(text, self.max_chars):
            if letter_count(chunk) < self.min_chars:
                continue
            self.out.append(Passage(
                text=chunk, kind=kind, heading_path=headings,
                location=Location(path=self.doc.path, page=page, bbox=bbox,
                                  excerpt=chunk[:EXCERPT])))

    def running_text(self) -> None:
        stack: list[tuple[int, str]] = []
        buf: list[Block] = []
        text = ""
        page_no = 1

        def flush() -> None:
            nonlocal buf, text
            if buf:
                self.emit(text, page_no, _union(b.bbox for b in buf), "paragraph",
                          tuple(h for _lvl, h in stack))
            buf, text = [], ""

        for page in self.doc.pages:
            flush()
            # The page, not the block, is authoritative (a block's page defaults to 1).
            page_no = page.number
            for b in page.blocks:
                # Table cells become row passages below; PDF lines inside a table too.
                if b.kind == "cell" or b.table_index is not None or not b.text.strip():
                    continue
                piece = b.text.strip()
                if looks_like_heading(b) and len(piece) <= 60:
                    flush()
                    level = _heading_level(piece)
                    while stack and stack[-1][0] >= level:
                        stack.pop()
                    title = _NUMBERING.sub("", unicodedata.normalize("NFKC", piece), count=1)
                    stack.append((level, title.strip() or piece))
                    if letter_count(piece) >= self.min_chars * 3:
                        self.emit(piece, page_no, b.bbox, "heading",
                                  tuple(h for _l, h in stack[:-1]))
                    continue
                if b.kind == "line":
                    # Lines are pieces of paragraphs: joined, and cut once the passage is
                    # full at a sentence end (or, lacking one, at 1.5× the size).
                    text = _joins(text, piece)
                    buf.append(b)
                    full = len(text) >= self.max_chars
                    if (full and text.endswith(("。", "！", "？", "；", ";", "!", "?"))) \
                            or len(text) >= self.max_chars * 1.5:
                        flush()
                    continue
                # Paragraph blocks are units; short ones under one heading share a passage.
                if buf and len(text) + len(piece) > self.max_chars:
                    flush()
                text = f"{text}\n{piece}" if text else piece
                buf.append(b)
                if len(text) >= self.max_chars:
                    flush()
            flush()

    def tables(self) -> None:
        for t in self.doc.tables:
            self.table(t)

    def table(self, t: Table) -> None:
        rows = t.grid()
        texts = t.rows_text()
        header: list[str] | None = None
        if len(texts) >= 2 and all(len(x.strip()) <= _HEADER_MAX for x in texts[0]) \
                and sum(1 for x in texts[0] if x.strip()) >= 2:
            header = [x.strip() for x in texts[0]]
        caption = (t.name or "").strip()
        for r, row in enumerate(rows):
            if header is not None and r == 0:
                continue
            cells: list[tuple[str, str, BBox | None]] = []   # (label, text, bbox)
            seen: set[tuple[int, int]] = set()
            for c, cell in enumerate(row):
                if cell is None or not cell.text.strip():
                    continue
                origin = cell.merged_from or (cell.row, cell.col)
                # A cell merged across columns appears once per row; across rows it is
                # repeated, because it labels every row it spans (环节: 生产作业).
                if origin in seen:
                    continue
                seen.add(origin)
                label = header[c] if header and c < len(header) and header[c] else ""
                cells.append((label, cell.text.strip(), cell.bbox))
            if not cells:
                continue
            joined = " | ".join(f"{lb}：{tx}" if lb and lb != tx else tx for lb, tx, _b in cells)
            headings = (caption,) if caption else ()
            if len(joined) <= self.max_chars * 1.2:
                self.emit(joined, t.page, _union(b for _l, _t, b in cells) or t.bbox,
                          "table_row", headings)
                continue
            short = [f"{lb}：{tx}" if lb and lb != tx else tx for lb, tx, _b in cells
                     if len(tx) <= 40]
            context = headings + ((" | ".join(short),) if short else ())
            for lb, tx, bbox in cells:
                if len(tx) > 40:
                    self.emit(tx, t.page, bbox or t.bbox, "cell",
                              context + ((lb,) if lb and lb not in context else ()))


def document_passages(doc: Document, max_chars: int = MAX_CHARS,
                      min_chars: int = MIN_CHARS) -> list[Passage]:
    """Passages of ``doc`` in reading order (running text first, then tables)."""
    if doc.error:
        return []
    b = _Builder(doc, max_chars, min_chars)
    b.running_text()
    b.tables()
    return b.out


def dossier_passages(docs: Iterable[Document], max_chars: int = MAX_CHARS,
                     min_chars: int = MIN_CHARS) -> list[Passage]:
    out: list[Passage] = []
    for d in docs:
        out.extend(document_passages(d, max_chars, min_chars))
    return out
