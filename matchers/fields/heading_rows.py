"""Table rows written as numbered headings instead of a table.

Applicants often list what a form asks as a table (序号 | 场景名称 | 环节 | 建设内容) as
numbered paragraphs instead:

    1. 产线柔性配置（生产作业，自评基础级）
    前处理—染色连续生产线采用自动化产线，实现上料、加工、下料的自动化作业。
    2. 数智精益管理（生产作业，自评基础级）
    …

A heading is such a row when, after its numbering (1. / 1、 / （1） / 一、), it names an
item of a known list — the programme's indicators or a shared catalogue (the 40 typical
scenarios) — and little else: the first part of a bracket after the name fills one column
(环节), the paragraphs up to the next heading fill another (建设内容). A Word heading style
stands for the numbering. What the table spec declares (``TableSpec.from_headings``) says
which columns receive the name, the bracket and the text; nothing here is programme
specific."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from criteria.schema import HeadingRows, Programme, TableSpec
from models import Document, Location

_CN_NUM = "一二三四五六七八九十"
# "1." "1、" "1．" "（1）" "(1)" "1)" "一、" "（一）" "场景1：" at the start of a block.
_NUMBERING = re.compile(
    rf"^\s*(?:[（(]\s*(?:\d{{1,3}}|[{_CN_NUM}]{{1,3}})\s*[)）]"
    rf"|(?:\d{{1,3}}(?:\.\d{{1,3}}){{0,2}}|[{_CN_NUM}]{{1,3}})\s*[.、．)）:：]"
    rf"|场景\s*\d{{1,3}}\s*[:：、.．]?)\s*")
_BRACKET = re.compile(r"^\s*[（(]([^（）()]{0,60})[)）]")
# What may follow the name and its bracket on a heading line ("：", "场景").
_TAIL = re.compile(r"^[\s:：。.、;；—\-]*(?:场景)?[\s:：。.]*$")
_SPLIT = re.compile(r"[，,、;；/|｜\s]+")


def _norm(text: str) -> str:
    s = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\"“”'‘’《》]+", "", s)


@lru_cache(maxsize=32)
def _catalogue_titles(ids: tuple[str, ...]) -> tuple[str, ...]:
    from criteria.loader import load_catalogues

    cats = load_catalogues()
    out: list[str] = []
    for cid in ids:
        cat = cats.get(cid)
        if cat is not None:
            out.extend(i.title for i in cat.items)
    return tuple(out)


def item_names(programme: Programme, spec: HeadingRows) -> list[str]:
    """Names a heading may give: indicator titles and their keyword alternatives (人机协同
    作业 / 人机协同制造), and the titles of the declared catalogues; longest first."""
    names: set[str] = set()
    for ind in programme.indicators:
        names.add(ind.title)
        if ind.keywords is not None:
            names.update(k for k in ind.keywords.any if len(k) >= 3)
    names.update(_catalogue_titles(tuple(spec.catalogues)))
    return sorted({n for n in (_norm(x) for x in names) if len(n) >= 3}, key=len, reverse=True)


def _heading_item(text: str, is_heading: bool, names: list[str]
                  ) -> tuple[str, str | None] | None:
    """(name, bracket text) when ``text`` is a heading naming one of ``names``."""
    t = unicodedata.normalize("NFKC", text).strip()
    m = _NUMBERING.match(t)
    if m is None and not is_heading:
        return None
    rest = t[m.end():] if m else t
    squeezed = _norm(rest)
    name = next((n for n in names if squeezed.startswith(n)), None)
    if name is None:
        return None
    # Cut the name off the unsqueezed text: walk until as many name characters are consumed.
    i, k = 0, 0
    while i < len(rest) and k < len(name):
        if _norm(rest[i]):
            k += 1
        i += 1
    after = rest[i:]
    bracket = None
    b = _BRACKET.match(after)
    if b:
        bracket = b.group(1).strip()
        after = after[b.end():]
    if not _TAIL.match(after):
        return None  # a sentence that begins with the name, not a heading
    return name, bracket


def _ends_description(text: str, is_heading: bool) -> bool:
    if is_heading:
        return True
    t = unicodedata.normalize("NFKC", text).strip()
    return bool(_NUMBERING.match(t)) and len(t) <= 40


def read_heading_rows(doc: Document, table: TableSpec, programme: Programme
                      ) -> list[tuple[dict[str, str], Location]]:
    """The rows ``doc`` writes as headings, as raw cell texts keyed by column, with where
    each heading is."""
    spec = table.from_headings
    if spec is None or doc.error is not None:
        return []
    names = item_names(programme, spec)
    if not names:
        return []
    blocks = [(b, p.number) for p in doc.pages for b in p.blocks
              if b.kind != "cell" and b.text.strip()]
    out: list[tuple[dict[str, str], Location]] = []
    current: dict[str, str] | None = None
    text: list[str] = []
    seen: set[str] = set()

    def close() -> None:
        if current is not None and spec.text_column:
            current[spec.text_column] = "\n".join(text).strip()

    for block, page in blocks:
        is_heading = block.kind == "heading"
        hit = _heading_item(block.text, is_heading, names)
        if hit is not None and hit[0] in seen:
            hit = None  # named again (a plan, a summary): the first heading is the row
            close()
            current, text = None, []
            continue
        if hit is not None:
            close()
            name, bracket = hit
            seen.add(name)
            current = {spec.name_column: name}
            if spec.bracket_column and bracket:
                current[spec.bracket_column] = _SPLIT.split(bracket)[0]
            text = []
            excerpt = block.text.strip()[:80]
            out.append((current, Location(path=doc.path, page=page, bbox=block.bbox,
                                          excerpt=excerpt)))
            continue
        if current is None:
            continue
        if _ends_description(block.text, is_heading):
            close()
            current, text = None, []
            continue
        text.append(block.text.strip())
    close()
    return out
