"""Narrative sections of a declaration located by heading: a table label cell whose
neighbour holds the text (产品简介 | …), or a heading paragraph followed by body
paragraphs up to the next heading."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from criteria.schema import Programme, SectionSpec
from matchers.labels import normalize_label
from models import Block, Document, Location

# Numbering printed before headings: 1.1.1 / 一、/ （一） / (1) / 第一章.
_NUMBERING = re.compile(r"^\s*(?:第[一二三四五六七八九十]+[章节部分]|[（(]?[一二三四五六七八九十]+[)）、.．]"
                        r"|[（(]\d+[)）]|\d+(?:\.\d+)*[.、．)）]?)\s*")
_EXCERPT = 60


@dataclass
class SectionText:
    key: str
    text: str
    location: Location


def _strip_numbering(text: str) -> str:
    return _NUMBERING.sub("", unicodedata.normalize("NFKC", text), count=1).strip()


def _is_heading(block: Block) -> bool:
    if block.kind == "heading":
        return True
    t = unicodedata.normalize("NFKC", block.text).strip()
    # A short numbered line is a heading in most declarations even without a style.
    return len(t) <= 40 and bool(_NUMBERING.match(t)) and not t.endswith(("。", "；", ";"))


def _heading_match(text: str, spec: SectionSpec) -> bool:
    norm = normalize_label(_strip_numbering(text))
    if not norm:
        return False
    for h in spec.all_headings:
        nh = normalize_label(h)
        # "1.1.2 数字孪生场景描述" starts with the heading; a heading line may carry a hint
        # in brackets after it, which normalize_label already dropped.
        if norm == nh or (norm.startswith(nh) and len(norm) <= len(nh) + 12):
            return True
    return False


def _from_tables(doc: Document, spec: SectionSpec) -> SectionText | None:
    for t in doc.tables:
        grid = t.grid()
        for c in t.cells:
            if c.merged_from is not None or len(c.text) > 40 or not _heading_match(c.text, spec):
                continue
            right = [x for x in grid[c.row][c.col + c.col_span:] if x is not None
                     and (x.merged_from or (x.row, x.col)) != (c.row, c.col)]
            value = right[0] if right else None
            if value is None and c.row + c.row_span < t.n_rows:
                value = grid[c.row + c.row_span][c.col]
            if value is None:
                continue
            text = value.text.strip()
            return SectionText(spec.key, text, Location(
                path=doc.path, page=t.page, bbox=value.bbox,
                excerpt=f"{c.text.strip()}：{text[:_EXCERPT]}"))
    return None


def _from_paragraphs(doc: Document, spec: SectionSpec, all_specs: list[SectionSpec]
                     ) -> SectionText | None:
    blocks = [b for p in doc.pages for b in p.blocks if b.kind != "cell"]
    for i, b in enumerate(blocks):
        if len(b.text) > 60 or not _heading_match(b.text, spec):
            continue
        body: list[Block] = []
        for nb in blocks[i + 1:]:
            if _is_heading(nb) or any(_heading_match(nb.text, o) for o in all_specs
                                      if o.key != spec.key and len(nb.text) <= 60):
                break
            body.append(nb)
        text = "\n".join(x.text.strip() for x in body if x.text.strip())
        return SectionText(spec.key, text, Location(
            path=doc.path, page=b.page, bbox=b.bbox,
            excerpt=f"{b.text.strip()[:30]}：{text[:_EXCERPT]}"))
    return None


def read_sections(doc: Document, programme: Programme) -> dict[str, SectionText]:
    out: dict[str, SectionText] = {}
    for spec in programme.sections:
        found = _from_tables(doc, spec) or _from_paragraphs(doc, spec, programme.sections)
        if found is not None:
            out[spec.key] = found
    return out


_ITEM = re.compile(r"^\s*(?:案例\s*[一二三四五六七八九十\d]+|[（(]\s*\d+\s*[)）]|\d+\s*[.、．)）]"
                   r"|[一二三四五六七八九十]+\s*[、.．])")


def count_items(text: str) -> int:
    """Numbered items in a section (案例一/案例1/（1）/1./1、/一、), one per line start."""
    return sum(1 for line in text.splitlines() if _ITEM.match(unicodedata.normalize("NFKC", line)))
