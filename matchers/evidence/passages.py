"""A document cut into passages that evidence can be matched against, each with where it
came from (file, page, box, excerpt) and the headings it stands under.

- Running text: consecutive paragraphs (or PDF/OCR lines, which are pieces of
  paragraphs) under the same heading are joined up to about ``max_chars``; a longer stretch
  is cut at sentence ends. A passage never spans a heading or a page break, so its
  location is one box on one page.
- Tables: one passage per row, cells joined (with the header row's labels when the table
  has one); a row too long for one passage gives one passage per long cell instead, under
  the row's short cells as a heading (表单: 场景描述 | 〈500 字〉).
- Passages with fewer than ``min_chars`` letters are dropped (page numbers, 签字, 盖章).
- Form answers: a cell of tick boxes keeps only its ticked options (☑5G □F5G → 5G), and a
  row whose only answer is a ticked 否/无 is dropped: "是否部署态势感知系统 ☑否" says the
  system is absent, and its words must not evidence it.
- Tables a programme declares (``tables:`` in its criteria) are data, not narrative: only
  their ``narrative`` columns (建设内容/说明) give passages, one per cell, with the row's
  other cells as the passage's ``label`` — shown to the reviewer but not scored, so a
  claimed scenario's name does not evidence itself."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from criteria.schema import Programme, TableSpec
from extractor.checkmarks import MARK_CHARS, label_marks, normalise_marks
from matchers.fields.sections import numbering, strip_numbering
from models import BBox, Block, Document, Location, Table
from models.evidence import Passage, PassageKind
from models.readings import is_declined

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
# A value that is only a figure (3级, 87.06, 2022年, 1,200万元): the row says how much, not
# what was built, and a form's label | figure row is not narrative.
_FIGURE_ONLY = re.compile(r"^[\d.,，%％\s级年月日万元亿千百台套个人项家次天/:：()（）~～-]+$")
# A question cell (如是，填写… / 是否…) at the end of a row: the question was not answered.
_PROMPT = re.compile(r"^\s*(?:如是|如已|如通过|如有|是否|请)")
# Contact and identity rows (姓名 | 王磊 | 职务 | 信息中心主任; 企业名称 | 某某公司) say who
# applies, not what was built.
_CONTACT_LABELS = frozenset((
    "联系人", "姓名", "电话", "手机", "邮箱", "传真", "电子邮箱", "职务", "联系电话",
    "企业名称", "单位名称", "申报单位", "企业全称", "统一社会信用代码", "法定代表人", "注册地址",
    "通讯地址", "所在地区", "所属行业", "企业规模", "企业类型", "企业性质", "成立时间", "注册资本",
    "所属园区"))
_NEGATIVE_ANSWERS = {"否", "无", "没有", "未建设", "未部署", "未开展", "未通过", "不涉及"}
# Words that end a header cell (场景名称, 建设内容, 序号 …): a first row of them is a header;
# a first row like 企业名称 | 浙江某某有限公司 is a form's label and value.
_HEADER_WORD = re.compile(r"(名称|内容|说明|描述|情况|序号|类别|类型|环节|场景|效果|指标|备注|单位|数量|"
                          r"型号|规格|金额|时间|日期|等级|程度|分数|得分|评分|方式|项目|系统|编号|"
                          r"人|部门|来源|要素|要求|成效|证明|材料|比例|率|[(（][^)）]*[)）])$")


def ticked_only(text: str) -> str | None:
    """A tick-box cell reduced to its ticked options ("☑5G □F5G ☑PON" → "5G PON"; "是☑ 否□"
    → "是"), with any question before the first box kept; the text unchanged when it has
    no boxes; None when it has boxes and none is ticked. Marks and their labels are read
    the way the extractors read option groups (:mod:`extractor.checkmarks`)."""
    norm, marks = normalise_marks(text)
    if not marks:
        return text
    labelled = label_marks(norm, marks)
    ticked = [m.label for m in labelled if m.checked and m.label]
    if not ticked:
        return None
    head = norm[:marks[0].pos].strip()
    first = labelled[0].label
    if first and head.endswith(first):   # labels written before their boxes (是☑ 否□)
        head = head[: -len(first)].strip()
    return " ".join(([head] if head else []) + ticked)


def is_negative_answer(text: str) -> bool:
    t = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    return t in _NEGATIVE_ANSWERS


_INSTRUCTION_START = re.compile(r"^\s*(?:注|说明|填表说明|填报说明|备注)\s*\d*\s*[:：]")
_INSTRUCTION_CUES = ("填写", "填报", "勾选", "逐项", "请按", "请在", "请于", "如实")
_LABEL_LINE = re.compile(r"^[^，。；：:]{2,16}[：:]")


def is_form_boilerplate(text: str, kind: PassageKind) -> bool:
    """The form's own words rather than the applicant's: filling-in instructions (注：…
    请按…逐项填写), an item the applicant declines (本项暂不申报), and, in running text,
    a cover block of label：value lines with no sentence (申报单位（盖章）：… 统一社会信用
    代码：…). They resemble every requirement a little and evidence none."""
    if _INSTRUCTION_START.match(text) or sum(c in text for c in _INSTRUCTION_CUES) >= 2:
        return True
    if is_declined(text):
        return True
    if kind in ("paragraph", "heading") and "。" not in text:
        lines = [ln for ln in text.splitlines() if ln.strip()]
        return len(lines) >= 2 and sum(bool(_LABEL_LINE.match(ln)) for ln in lines) >= 2
    return False


def is_header_row(cells: list[str]) -> bool:
    """A first row of short labels (场景名称 | 建设内容) rather than a form's label | value."""
    filled = [c.strip() for c in cells if c.strip()]
    if len(filled) < 2 or any(len(c) > _HEADER_MAX for c in filled):
        return False
    if any(ch in MARK_CHARS for c in filled for ch in c):
        return False   # a row of answers
    labelled = sum(bool(_HEADER_WORD.search(unicodedata.normalize("NFKC", c))) for c in filled)
    # Two columns must both be labels; wider tables may have a header or two without the
    # usual endings (序号 | 环节 | 场景名称 | 牵头人).
    return labelled == len(filled) if len(filled) == 2 else labelled * 2 >= len(filled)


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


def _joins(a: str, b: str) -> str:
    """Joins two pieces of running text: no space between CJK, one between Latin words."""
    if not a:
        return b
    if a[-1].isascii() and a[-1].isalnum() and b[:1].isascii() and b[:1].isalnum():
        return f"{a} {b}"
    return a + b


class _Builder:
    def __init__(self, doc: Document, max_chars: int, min_chars: int,
                 declared: list[TableSpec] | None = None) -> None:
        self.doc = doc
        self.max_chars = max_chars
        self.min_chars = min_chars
        self.declared = declared or []
        self.out: list[Passage] = []

    def emit(self, text: str, page: int | None, bbox: BBox | None, kind: PassageKind,
             headings: tuple[str, ...], label: str | None = None) -> None:
        for chunk in split_sentences(text, self.max_chars):
            if letter_count(chunk) < self.min_chars or is_form_boilerplate(chunk, kind):
                continue
            self.out.append(Passage(
                text=chunk, kind=kind, heading_path=headings, label=label,
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
                    # One ranking of heading forms with the section reader: 一、 （一） 1.
                    # 1.3 3.2.3 (1) a) ①, Word's outline level for unnumbered ones.
                    level = numbering(piece)[1] or b.level or 1
                    while stack and stack[-1][0] >= level:
                        stack.pop()
                    title = strip_numbering(piece)
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
        from matchers.fields.structured_tables import match_header

        for t in self.doc.tables:
            for spec in self.declared:
                hit = match_header(t, spec)
                if hit is not None:
                    self.declared_table(t, spec, *hit)
                    break
            else:
                self.table(t)

    def declared_table(self, t: Table, spec: TableSpec, header_row: int,
                       mapping: dict[int, str]) -> None:
        narrative = {c.key for c in spec.columns if c.narrative}
        if not narrative:
            return
        names = {c.key: (c.labels[0] if c.labels else c.key) for c in spec.columns}
        for row in t.grid()[header_row + 1:]:
            context = " | ".join(
                f"{names[mapping[c]]}：{cell.text.strip()}" for c, cell in enumerate(row)
                if cell is not None and c in mapping and mapping[c] not in narrative
                and cell.text.strip())
            for c, cell in enumerate(row):
                if cell is None or mapping.get(c) not in narrative or not cell.text.strip():
                    continue
                self.emit(cell.text.strip(), t.page, cell.bbox or t.bbox, "cell",
                          (spec.title,), label=context or None)

    def table(self, t: Table) -> None:
        rows = t.grid()
        texts = t.rows_text()
        header: list[str] | None = None
        if len(texts) >= 2 and is_header_row(texts[0]):
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
                answer = ticked_only(cell.text.strip())
                if answer is None:
                    continue   # a question left unanswered says nothing
                cells.append((label, answer, cell.bbox))
            if not cells:
                continue
            # 是否部署… ☑否: the row says the thing is absent.
            if any(is_negative_answer(tx) for _lb, tx, _b in cells[1:]):
                continue
            if len(cells) >= 2 and _FIGURE_ONLY.match(cells[-1][1]) \
                    and all(len(tx) <= 20 for _lb, tx, _b in cells[:-1]):
                continue
            if _PROMPT.match(cells[-1][1]) or any(
                    tx.strip("：: ") in _CONTACT_LABELS for _lb, tx, _b in cells):
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
                      min_chars: int = MIN_CHARS, programme: Programme | None = None
                      ) -> list[Passage]:
    """Passages of ``doc`` in reading order (running text first, then tables). With a
    ``programme``, its declared tables give only their narrative columns."""
    if doc.error:
        return []
    declared = [t for t in programme.tables if doc.kind.value in t.kinds] if programme else []
    b = _Builder(doc, max_chars, min_chars, declared)
    b.running_text()
    b.tables()
    return b.out


def dossier_passages(docs: Iterable[Document], max_chars: int = MAX_CHARS,
                     min_chars: int = MIN_CHARS, programme: Programme | None = None
                     ) -> list[Passage]:
    out: list[Passage] = []
    for d in docs:
        out.extend(document_passages(d, max_chars, min_chars, programme))
    return out
