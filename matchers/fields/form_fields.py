"""Reads a declaration form's fields: table label cell → value cell (right of it, or
below it when the label ends its row), cover lines "label：value", and option groups from
the boxes ticked in the value cell. Works the same on DOCX tables, PDF tables and tables
recovered from scans, because all of them arrive as :class:`models.Table` grids."""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from criteria.schema import FieldSpec, Programme
from matchers.fields.field_values import is_blank, normalize_value
from matchers.fields.labels import LabelIndex, LabelMatch, normalize_label
from matchers.fields.sections import strip_numbering
from matchers.fields.stated_figures import read_stated_figures
from matchers.fields.ocr_rows import rows_of
from extractor.checkmarks import checkboxes_in_text
from matchers.fields.option_marks import ticked_options, unboxed_options
from models import BBox, Cell, Checkbox, Document, Location, Table
from models.fields import FieldObservation

EXCERPT = 80


def _origin(cell: Cell) -> tuple[int, int]:
    return cell.merged_from if cell.merged_from is not None else (cell.row, cell.col)


def _centre_in(bbox: BBox | None, region: BBox | None, slack: float = 2.0) -> bool:
    if bbox is None or region is None:
        return False
    cx, cy = (bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2
    return (region[0] - slack <= cx <= region[2] + slack
            and region[1] - slack <= cy <= region[3] + slack)


class _TableReader:
    def __init__(self, doc: Document, index: LabelIndex) -> None:
        self.doc = doc
        self.index = index

    def read(self, table: Table) -> list[FieldObservation]:
        grid = table.grid()
        origins = {(c.row, c.col): c for c in table.cells if c.merged_from is None}
        out: list[FieldObservation] = []
        for (_r, _c), cell in sorted(origins.items()):
            match = self._label(cell)
            if match is None:
                continue
            value_cell = self._value_cell(grid, origins, cell)
            out.append(self._observation(table, cell, match, value_cell))
        return out

    def _label(self, cell: Cell) -> LabelMatch | None:
        text = cell.text.strip()
        # A label cell may carry the form's long instruction in brackets (企业简介（包括但不
        # 限于…；不超过500字）): its length is the label's, not the instruction's.
        if not text or len(normalize_label(text)) > 60:
            return None
        # A cell with boxes is a value, even if an option happens to look like a label.
        if checkboxes_in_text(text):
            return None
        return self.index.match(text)

    def _value_cell(self, grid: list[list[Cell | None]], origins: dict[tuple[int, int], Cell],
                    label: Cell) -> Cell | None:
        r, c = label.row, label.col
        lab_origin = (r, c)
        right: Cell | None = None
        for cc in range(c + label.col_span, len(grid[r])):
            v = grid[r][cc]
            if v is None or _origin(v) == lab_origin:
                continue
            right = origins.get(_origin(v), v)
            break
        below_cell: Cell | None = None
        below = r + label.row_span
        if below < len(grid) and (under := grid[below][c]) is not None:
            v = under
            if _origin(v) != lab_origin:
                below_cell = origins.get(_origin(v), v)
        if right is not None and below_cell is not None and self._is_other_label(right, label) \
                and not self._is_other_label(below_cell, label):
            # A header row of labels (企业名称 | 信用代码 | …) with the values in the row below.
            return below_cell
        return right if right is not None else below_cell

    def _is_other_label(self, cell: Cell, label: Cell) -> bool:
        if checkboxes_in_text(cell.text):
            return False
        m = self.index.match(cell.text.strip()) \
            if len(normalize_label(cell.text)) <= 60 else None
        own = self.index.match(label.text.strip())
        return m is not None and (own is None or m.spec.key != own.spec.key)

    def _observation(self, table: Table, label: Cell, match: LabelMatch,
                     value_cell: Cell | None) -> FieldObservation:
        spec = match.spec
        value_text = ""
        if value_cell is not None:
            # A neighbouring cell that is itself another field's label means this one is blank.
            other = self.index.match(value_cell.text)
            if not (other and other.spec.key != spec.key):
                value_text = value_cell.text.strip()
        where = value_cell.bbox if value_cell is not None and value_cell.bbox else label.bbox
        loc = Location(path=self.doc.path, page=table.page, bbox=where,
                       excerpt=(f"{label.text.strip()}：{value_text}")[:EXCERPT])
        obs = FieldObservation(key=spec.key, source="declaration", location=loc,
                               label=label.text.strip(), label_score=match.score, via="table")
        if value_cell is not None:
            # What follows the value on its row (a 单位 column) matters to unit rules.
            rest = [c.text.strip() for c in table.cells if c.row == value_cell.row
                    and c.col > value_cell.col + value_cell.col_span - 1 and c.merged_from is None]
            if rest:
                obs.extra["row_rest"] = " ".join(rest)
        if spec.type == "options":
            boxes = self._boxes_for(table, value_cell, value_text, label)
            ticked, recognised = _answer(obs, boxes, value_text, spec.options)
            obs.options = ticked
            obs.value = "、".join(ticked)
            obs.normalized = ticked
            obs.extra["boxes_recognised"] = recognised
            return obs
        if value_cell is not None and value_cell.error and value_text:
            # A spreadsheet error cell or an uncached formula: says which cell and why.
            obs.extra["cell_error"] = value_cell.error
        if is_blank(value_text, spec):
            obs.value = ""
            return obs
        obs.value = value_text
        obs.normalized = normalize_value(spec, value_text)
        return obs

    def _boxes_for(self, table: Table, value_cell: Cell | None, text: str,
                   label: Cell) -> list[Checkbox]:
        if value_cell is None:
            return []
        in_cell = [b for b in self.doc.checkboxes
                   if b.table_index == table.index and (b.row, b.col) == (value_cell.row,
                                                                          value_cell.col)]
        region = value_cell.bbox
        if table.name == "ocr-rows" and label.bbox is not None:
            # A row of OCR lines has no cell walls: the options are whatever boxes sit on
            # the label's row, right of it.
            region = (label.bbox[2], label.bbox[1], float("inf"), label.bbox[3])
        if not in_cell and region is not None:
            in_cell = [b for b in self.doc.checkboxes
                       if b.page == table.page and b.source == "image"
                       and _centre_in(b.bbox, region)]
        return in_cell or checkboxes_in_text(text)


_STRUCTURED = {"identifier", "date", "money", "number", "phone", "email", "percent"}


_Line = tuple[str, int, "BBox | None", bool]


def _free_lines(doc: Document) -> list[_Line]:
    """Lines of text outside tables, in reading order: (line, page, bbox of its block,
    whether it is a heading)."""
    table_boxes: dict[int, list[BBox]] = defaultdict(list)
    for t in doc.tables:
        if t.bbox is not None:
            table_boxes[t.page].append(t.bbox)
    out: list[_Line] = []
    for page in doc.pages:
        for block in page.blocks:
            if block.kind == "cell" or block.table_index is not None:
                continue
            if any(_centre_in(block.bbox, tb) for tb in table_boxes.get(page.number, [])):
                continue
            heading = block.kind == "heading" and not any(s in block.text for s in ":：")
            out.extend((line, page.number, block.bbox, heading)
                       for line in block.text.splitlines() if line.strip())
    return out


def _line_observation(doc: Document, match: LabelMatch, value: str, excerpt: str, page: int,
                      bbox: BBox | None, via: str = "text") -> FieldObservation:
    spec = match.spec
    value = _strip_annotations(value)
    loc = Location(path=doc.path, page=page, bbox=bbox, excerpt=excerpt.strip()[:EXCERPT])
    obs = FieldObservation(key=spec.key, source="declaration", location=loc,
                           label=match.matched, label_score=match.score, via=via)  # type: ignore[arg-type]
    if spec.type == "options":
        ticked, recognised = _answer(obs, checkboxes_in_text(value), value, spec.options)
        obs.options, obs.value, obs.normalized = ticked, "、".join(ticked), ticked
        obs.extra["boxes_recognised"] = recognised
    elif not is_blank(value, spec):
        obs.value = value
        obs.normalized = normalize_value(spec, value)
    else:
        obs.value = ""
    return obs


def _is_label_line(text: str, index: LabelIndex) -> bool:
    body = strip_numbering(text)
    return bool(index.colon_pairs(body)) or index.match(body) is not None \
        or index.match_prefix(body) is not None


def _value_below(lines: list[_Line], i: int, index: LabelIndex, long: bool = False) -> str:
    """What follows a bare label ("企业名称：" alone on its line, or a heading "（二）企业
    简介"): the next line, or for long texts every line up to the next heading or label."""
    taken: list[str] = []
    for text, _page, _bbox, heading in lines[i + 1:]:
        t = text.strip()
        if heading or not t or _is_label_line(t, index) or (not long and len(t) > 200):
            break
        taken.append(t)
        if not long:
            break
    return "\n".join(taken)


def _text_observations(doc: Document, index: LabelIndex) -> list[FieldObservation]:
    """Lines outside tables: "统一社会信用代码：9137…", several "label：value" pairs on one
    line, a bare label with its value on the next line, and OCR's "统一社会信用代码9137…"
    whose colon was lost."""
    lines = _free_lines(doc)
    out: list[FieldObservation] = []
    for i, (line, page, bbox, heading) in enumerate(lines):
        body = strip_numbering(line)
        if heading:
            # A heading that is a field's label ("（二）企业简介"): its text is the value.
            head = index.match(body)
            # A heading names a field only when it is that field's label exactly, or the
            # field is a long text written under it (（二）企业简介).
            if head is not None and (head.spec.type == "long_text" or head.score >= 100):
                value = _value_below(lines, i, index, long=head.spec.type == "long_text")
                out.append(_line_observation(doc, head, value, line, page, bbox))
            continue
        pairs = index.colon_pairs(body)
        if pairs:
            for n, (match, value, _offset) in enumerate(pairs):
                if not value and n == len(pairs) - 1:
                    value = _value_below(lines, i, index,
                                         long=match.spec.type == "long_text")
                sub = _spaced_pairs(value, index)
                if sub:
                    out.extend(_line_observation(doc, m, v, line, page, bbox) for m, v in sub)
                    continue
                out.append(_line_observation(doc, match, value, line, page, bbox))
            continue
        # A group label the form does not define, then "label value" segments:
        # "（四）企业联系人：姓名 曲婷婷；职务 总经理助理；联系电话 0535-…".
        group = re.split(r"[:：]", body, maxsplit=1)
        sub = _spaced_pairs(group[1], index) if len(group) == 2 else []
        if sub:
            out.extend(_line_observation(doc, m, v, line, page, bbox) for m, v in sub)
            continue
        bare = index.match(body) if len(body) <= 40 else None
        if bare is not None:
            # A label alone on its line, its value on the line(s) below (text PDFs lay
            # a form out this way, one line per cell).
            value = _value_below(lines, i, index, long=bare.spec.type == "long_text")
            out.append(_line_observation(doc, bare, value, line, page, bbox))
            continue
        hit = index.match_prefix(body)
        if hit is None:
            continue
        match, rest = hit
        if match.spec.type in _STRUCTURED and rest and not (
                match.spec.type in ("number", "money", "percent")
                and not re.match(r"[\d.\-+]", unicodedata.normalize("NFKC", rest))):
            # A figure glued to its label (OCR lost the colon) — not a sentence that
            # merely starts with the label ("产业数据仓已建成，…存储量84TB").
            out.append(_line_observation(doc, match, rest, line, page, bbox))
    return out


def _spaced_pairs(value: str, index: LabelIndex) -> list[tuple[LabelMatch, str]]:
    """"姓名 曲婷婷；职务 总经理助理；联系电话 0535-…": label-space-value segments inside
    a group's value, separated by ；/，."""
    segments = [s.strip() for s in re.split(r"[；;，,]", value) if s.strip()]
    if len(segments) < 2:
        return []
    out: list[tuple[LabelMatch, str]] = []
    for seg in segments:
        m = re.match(r"^(\S{1,12}?)[\s:：]+(.+)$", seg)
        head = index.match(m.group(1)) if m else None
        if head is None or m is None:
            return []
        out.append((head, m.group(2).strip()))
    return out


def _declared_table(table: Table, programme: Programme) -> bool:
    from matchers.fields.structured_tables import match_header

    return any(match_header(table, spec) is not None for spec in programme.tables)


def _cell_pair_observations(doc: Document, index: LabelIndex, tables: list[Table]
                            ) -> list[FieldObservation]:
    """Cells that hold label and value together ("企业名称：甲公司", several per cell)."""
    out: list[FieldObservation] = []
    for t in tables:
        for c in t.cells:
            if c.merged_from is not None:
                continue
            lines = [ln for ln in c.text.splitlines() if ln.strip()]
            # "企业全称\n泰安岱宗纺织有限公司": the label on the cell's first line, the value
            # on the lines below it.
            if len(lines) >= 2 and not index.colon_pairs(lines[0]):
                head = index.match(lines[0].strip())
                if head is not None:
                    out.append(_line_observation(doc, head, "\n".join(lines[1:]).strip(),
                                                 c.text, t.page, c.bbox, via="table"))
                    continue
            for line in lines:
                for match, value, _o in index.colon_pairs(line):
                    out.append(_line_observation(doc, match, value, line, t.page, c.bbox,
                                                 via="table"))
    return out


def _answer(obs: FieldObservation, boxes: list[Checkbox], text: str, options: list[str]
            ) -> tuple[list[str], int]:
    """The options ticked in a group, however answered: boxes, the option written in words
    (no box at all), or the one option whose box glyph was lost (noted on ``obs``)."""
    ticked, recognised = ticked_options(boxes, options)
    if not recognised:
        ticked = options_written(text, options)
    elif not ticked:
        ticked = unboxed_options(text, boxes, options)
        obs.extra["ticked_inferred"] = bool(ticked)
    return ticked, recognised


def options_written(value: str, options: list[str]) -> list[str]:
    """Options answered in words instead of boxes ("申报等级：先进级", "企业规模：中型"):
    the option the value names, when it names exactly one (the longest wins, so 三级以上
    is not also 三级)."""
    v = re.sub(r"\s+", "", value)
    if not v or len(v) > 40:
        return []
    named = [o for o in options if re.sub(r"\s+", "", o) in v]
    named = [o for o in named if not any(o != p and o in p for p in named)]
    return named if len(named) == 1 else []


def _strip_annotations(value: str) -> str:
    # "（盖章）", "(签名)" printed after blanks on covers are not part of the value.
    for ann in ("(盖章)", "（盖章）", "(签名)", "（签名）", "(签字)", "（签字）"):
        value = value.replace(ann, "")
    return value.strip()


def row_tables(doc: Document, start_index: int) -> list[Table]:
    """Spatial pairing for scanned pages where no ruled table was recovered: each visual
    row of OCR lines becomes a table row, each line a cell, so "label   value" printed
    side by side pairs up exactly like a label cell and its value cell."""
    out: list[Table] = []
    pages_with_tables = {t.page for t in doc.tables}
    for page in doc.pages:
        if not page.ocr or page.number in pages_with_tables:
            continue
        rows = [r for r in rows_of(page) if r.blocks and r.blocks[0].bbox is not None]
        if not rows:
            continue
        width = max(len(r.blocks) for r in rows)
        cells: list[Cell] = []
        for i, r in enumerate(rows):
            for j, b in enumerate(r.blocks):
                # The last line of a row spans to the right edge, so a value always sits
                # "right of" its label even in rows with fewer lines.
                span = width - j if j == len(r.blocks) - 1 else 1
                cells.append(Cell(text=b.text, row=i, col=j, col_span=span, bbox=b.bbox))
                cells.extend(Cell(text=b.text, row=i, col=j + k, bbox=b.bbox,
                                  merged_from=(i, j)) for k in range(1, span))
        out.append(Table(index=start_index + len(out), page=page.number, source="ocr",
                         n_rows=len(rows), n_cols=width, cells=cells, name="ocr-rows"))
    return out


def read_form_fields(doc: Document, programme: Programme) -> list[FieldObservation]:
    """Every field observation in ``doc``, wherever the applicant wrote it: label and value
    cells, "label：value" in a cell or a line, a value below its label, and — for figures
    only — a sentence that states it ("装备联网率达76.5%"). The table reading of a key
    outranks lines, so an empty 企业全称 box is reported even when the cover names the
    company. Sentences come last, so they state a figure only where no box does."""
    index = LabelIndex(programme.fields)
    reader = _TableReader(doc, index)
    # The programme's declared tables (自评价表, 设备清单, 场景清单) are data, read row by
    # row by matchers.fields.structured_tables: a row label there (数字化投入规模 | 5 | 非常符合)
    # is not a form label with its value beside it.
    forms = [t for t in doc.tables if not _declared_table(t, programme)]
    table_obs: list[FieldObservation] = []
    for t in [*forms, *row_tables(doc, len(doc.tables))]:
        table_obs.extend(reader.read(t))
    keys_in_tables = {o.key for o in table_obs}
    table_obs.extend(o for o in _cell_pair_observations(doc, index, forms)
                     if o.key not in keys_in_tables or not o.is_empty)
    all_text_obs = _text_observations(doc, index)
    table_obs = _resolve_references(table_obs, all_text_obs,
                                    {f.key for f in programme.fields if f.type == "long_text"})
    keys_in_tables = {o.key for o in table_obs}
    text_obs = [o for o in all_text_obs if o.key not in keys_in_tables]
    # Sentences last: a figure in a box is the one the form states; a different figure in
    # the narrative is then an inconsistency (checks.declaration_agreement).
    return table_obs + text_obs + read_stated_figures(doc, programme)


# A description cell that points elsewhere: "见定性指标说明", "详见报告", "见附件".
_SEE_ELSEWHERE = re.compile(r"^[(（]?\s*(详见|参见|见)")


def _resolve_references(table_obs: list[FieldObservation], text_obs: list[FieldObservation],
                        long_keys: set[str]) -> list[FieldObservation]:
    """A description (long_text) whose table cell is empty ("—") or points elsewhere ("详见
    说明") is answered, if anywhere, under its own heading or label line in the text: that
    reading replaces the cell's (an empty or "（待补充）" section is then 未填写)."""
    def points_away(o: FieldObservation) -> bool:
        rest = str(o.extra.get("row_rest", ""))
        return o.is_empty or bool(_SEE_ELSEWHERE.match(o.value or "")) \
            or bool(_SEE_ELSEWHERE.match(rest.strip()))
    elsewhere = {o.key: o for o in text_obs if o.key in long_keys}
    if not elsewhere:
        return table_obs
    replaced = {o.key for o in table_obs if o.key in elsewhere and points_away(o)
                and all(points_away(x) for x in table_obs if x.key == o.key)}
    if not replaced:
        return table_obs
    return [o for o in table_obs if o.key not in replaced] + \
        [elsewhere[k] for k in elsewhere if k in replaced]


def best_observation(observations: list[FieldObservation], key: str) -> FieldObservation | None:
    """The reading to report for ``key``: the first non-empty one, else the first."""
    mine = [o for o in observations if o.key == key]
    for o in mine:
        if not o.is_empty:
            return o
    return mine[0] if mine else None


def spec_by_key(programme: Programme) -> dict[str, FieldSpec]:
    return {f.key: f for f in programme.fields}
