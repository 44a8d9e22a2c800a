"""Reads a declaration form's fields: table label cell → value cell (right of it, or
below it when the label ends its row), cover lines "label：value", and option groups from
the boxes ticked in the value cell. Works the same on DOCX tables, PDF tables and tables
recovered from scans, because all of them arrive as :class:`models.Table` grids."""
from __future__ import annotations

from collections import defaultdict

from criteria.schema import FieldSpec, Programme
from matchers.field_values import is_blank, normalize_value
from matchers.labels import LabelIndex, LabelMatch
from matchers.ocr_rows import rows_of
from matchers.option_marks import checkboxes_in_text, ticked_options
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
        for (r, c), cell in sorted(origins.items()):
            match = self._label(cell)
            if match is None:
                continue
            value_cell = self._value_cell(grid, origins, cell)
            out.append(self._observation(table, cell, match, value_cell))
        return out

    def _label(self, cell: Cell) -> LabelMatch | None:
        text = cell.text.strip()
        if not text or len(text) > 60:
            return None
        # A cell with boxes is a value, even if an option happens to look like a label.
        if checkboxes_in_text(text):
            return None
        return self.index.match(text)

    def _value_cell(self, grid: list[list[Cell | None]], origins: dict[tuple[int, int], Cell],
                    label: Cell) -> Cell | None:
        r, c = label.row, label.col
        lab_origin = (r, c)
        for cc in range(c + label.col_span, len(grid[r])):
            v = grid[r][cc]
            if v is None:
                continue
            if _origin(v) == lab_origin:
                continue
            return origins.get(_origin(v), v)
        below = r + label.row_span
        if below < len(grid) and grid[below][c] is not None:
            v = grid[below][c]
            return origins.get(_origin(v), v)
        return None

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
            ticked, recognised = ticked_options(boxes, spec.options)
            obs.options = ticked
            obs.value = "、".join(ticked)
            obs.normalized = ticked
            obs.extra["boxes_recognised"] = recognised
            return obs
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


def _text_observations(doc: Document, index: LabelIndex) -> list[FieldObservation]:
    """Cover lines outside tables: "统一社会信用代码：9137…", "法定代表人：张三"."""
    table_boxes: dict[int, list[BBox]] = defaultdict(list)
    for t in doc.tables:
        if t.bbox is not None:
            table_boxes[t.page].append(t.bbox)
    out: list[FieldObservation] = []
    for page in doc.pages:
        for block in page.blocks:
            if block.kind == "cell" or block.table_index is not None:
                continue
            if any(_centre_in(block.bbox, tb) for tb in table_boxes.get(page.number, [])):
                continue
            for line in block.text.splitlines():
                hit = index.match_prefix(line)
                if hit is None:
                    continue
                match, rest = hit
                spec = match.spec
                has_sep = any(s in line for s in ":：")
                structured = spec.type in {"identifier", "date", "money", "number", "phone",
                                           "email"}
                if not (has_sep or (structured and rest)) or spec.type == "options":
                    continue
                rest = _strip_annotations(rest)
                loc = Location(path=doc.path, page=page.number, bbox=block.bbox,
                               excerpt=line.strip()[:EXCERPT])
                obs = FieldObservation(key=spec.key, source="declaration", location=loc,
                                       label=match.matched, label_score=match.score,
                                       via="text")
                if not is_blank(rest, spec):
                    obs.value = rest
                    obs.normalized = normalize_value(spec, rest)
                else:
                    obs.value = ""
                out.append(obs)
    return out


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
    """Every field observation in ``doc``; the table reading of a key outranks cover lines,
    so an empty 企业全称 box is reported even when the cover names the company."""
    index = LabelIndex(programme.fields)
    reader = _TableReader(doc, index)
    table_obs: list[FieldObservation] = []
    for t in [*doc.tables, *row_tables(doc, len(doc.tables))]:
        table_obs.extend(reader.read(t))
    text_obs = _text_observations(doc, index)
    keys_in_tables = {o.key for o in table_obs}
    return table_obs + [o for o in text_obs if o.key not in keys_in_tables]


def best_observation(observations: list[FieldObservation], key: str) -> FieldObservation | None:
    """The reading to report for ``key``: the first non-empty one, else the first."""
    mine = [o for o in observations if o.key == key]
    for o in mine:
        if not o.is_empty:
            return o
    return mine[0] if mine else None


def spec_by_key(programme: Programme) -> dict[str, FieldSpec]:
    return {f.key: f for f in programme.fields}
