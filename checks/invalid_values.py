"""INVALID_VALUE: a value that was written but cannot be read as what its field is.

An impossible 注册日期 (2022年13月45日), an amount in exponent notation (1e999, -1.8e308),
a figure too large to be real (|x| ≥ 10^15, inf, NaN), an amount that is no amount, a
spreadsheet error cell (#DIV/0!, #REF!, #VALUE!, #N/A) or a formula the file holds without
its result (=1/0 in a workbook never saved by Excel). What "cannot be read" means is
decided in one place, :func:`criteria.values.read_value`, from the domain parsers;
the form readers already give such a reading ``normalized = None``, so no comparison uses
it. Blanks, placeholders and prompts (无, /, ——, 见附件, a bracketed hint, 待填写) are no
attempt at a value and are not reported here (an empty required box is MISSING_FIELD's).

One finding per bad value (per field, file and raw text), with the raw text, the field's
label, what was expected and where it was read. The comparisons the value would have fed
(with the business licence, a sum, a ratio, a date window …) are named in that finding
("因此未能与营业执照上的注册资本比对"): those checks skip a reading that is not a value, so
they report neither MISSING_FIELD nor an INCONSISTENT_VALUE that blames the other side.

Spreadsheet error cells that no field reading took (a 合计 row, a column summed by a rule,
a statement's sheet) are reported once per sheet, naming the cells: the totals and ratios
over them could not be checked, and those checks do not then blame the declared figures.

Severity: a warning — OCR misreads digits (a 3 read as 8 makes 2022年13月), and the
reviewer looks at the page. Error only when the value certainly is what the file says and
the field is mandatory: it was read from a text layer or a spreadsheet (not OCR), and the
programme YAML marks the field ``required`` with an error-level missing severity — the same
box left empty would be an error, and a box filled with something that is not a value
answers no more than an empty one.
"""
from __future__ import annotations

from typing import Any

from checks.context import CheckContext
from checks.display import SOURCE_NAMES, field_name
from criteria.schema import FieldSpec
from criteria.values import expected_of, read_value
from models import Document, Finding, FindingCode, Location, Severity
from models.fields import FieldObservation
from models.readings import FORMULA, SHEET_ERROR

# Rules that compare a field with something else, and what to call them when the title
# says nothing.
_COMPARING = {
    "equals": "比对", "sum": "合计核对", "ratio": "比例核对", "value_range": "取值范围核对",
    "date_window": "时间范围核对", "not_expired": "有效期核对", "at_most_field": "大小关系核对",
    "stated_share": "占比核对", "breakdown_sum": "分项合计核对", "period_years": "年份核对",
    "count_at_least": "数量核对", "whole_number": "整数核对",
}
_FIELD_ATTRS = ("field", "bound", "numerator")
_QUANTITY_ATTRS = ("total", "parts", "stated", "numerator", "denominator", "value", "count")
_CELLS_NAMED = 4


def _spec(ctx: CheckContext, key: str) -> FieldSpec | None:
    try:
        return ctx.spec(key)
    except KeyError:
        return None


def invalid_reason(obs: FieldObservation | None, spec: FieldSpec | None) -> str | None:
    """Why a reading is no value of its field (None: it is one, or it is blank). Other
    checks use it to leave such a reading out instead of comparing or blaming it."""
    if obs is None or spec is None or obs.is_empty or spec.type == "options":
        return None
    cell = obs.extra.get("cell_error")
    if cell:
        return str(cell)
    return read_value(spec, str(obs.value))[1]


def _rule_fields(rule: Any) -> set[str]:
    keys: set[str] = set()
    for attr in _FIELD_ATTRS:
        v = getattr(rule, attr, None)
        if isinstance(v, str):
            keys.add(v)
    keys.update(getattr(rule, "fields", None) or [])
    for attr in _QUANTITY_ATTRS:
        v = getattr(rule, attr, None)
        for q in v if isinstance(v, list) else [v]:
            f = getattr(q, "field", None)
            if isinstance(f, str):
                keys.add(f)
    return keys


def _comparisons(ctx: CheckContext, obs: FieldObservation, spec: FieldSpec) -> list[str]:
    """The comparisons this reading would have fed, in words."""
    out: list[str] = []
    for rule in ctx.programme.rules:
        if rule.kind not in _COMPARING or obs.key not in _rule_fields(rule):
            continue
        if rule.kind == "equals":
            for src in rule.sources:
                other = ctx.best(obs.key, src) if src != obs.source else None
                if other is not None and not other.is_empty:
                    out.append(f"与{SOURCE_NAMES[src]}上的{spec.label}比对")
            continue
        title = getattr(rule, "title", None)
        out.append(f"“{title}”的核对" if title else f"{spec.label}的{_COMPARING[rule.kind]}")
    others = [o for o in ctx.observations_for(obs.key, "declaration")
              if o is not obs and not o.is_empty and o.normalized not in (None, "")]
    if obs.source == "declaration" and others:
        out.append("与申报材料中其他位置填写的同一数值比对")
    return list(dict.fromkeys(out))


def _document(ctx: CheckContext, path: str) -> Document | None:
    return next((d for d in ctx.documents if d.path == path), None)


def _from_text_layer(ctx: CheckContext, obs: FieldObservation) -> bool:
    """Read from the file's own text or cells, not from OCR of a picture."""
    if obs.via == "ocr_row":
        return False
    doc = _document(ctx, obs.location.path)
    if doc is None:
        return False
    page = obs.location.page
    blocks = [b for p in doc.pages if page is None or p.number == page for b in p.blocks]
    tables = [t for t in doc.tables if page is None or t.page == page]
    return bool(blocks or tables) and all(b.source == "text" for b in blocks) \
        and all(t.source == "text" for t in tables)


def _severity(ctx: CheckContext, obs: FieldObservation, spec: FieldSpec) -> Severity:
    missing = Severity(spec.missing_severity or ctx.programme.missing_field_severity)
    if spec.required and missing == Severity.error and _from_text_layer(ctx, obs):
        return Severity.error
    return Severity.warning


def _observation_findings(ctx: CheckContext) -> tuple[list[Finding], set[tuple[str, str]]]:
    out: list[Finding] = []
    seen: set[tuple[str, str, str]] = set()
    cells_reported: set[tuple[str, str]] = set()
    for obs in ctx.observations:
        spec = _spec(ctx, obs.key)
        why = invalid_reason(obs, spec)
        if why is None or spec is None:
            continue
        raw = str(obs.value).strip()
        key = (obs.key, obs.location.path, raw)
        if key in seen:
            continue
        seen.add(key)
        cell = obs.extra.get("cell_error")
        if cell:
            cells_reported.add((obs.location.path, str(cell)))
        expected = expected_of(spec)
        where = SOURCE_NAMES.get(obs.source, "材料")
        said = f"取自{cell}" if cell else f"填写为“{raw[:60]}”，{why}"
        message = f"{where}中{field_name(spec)}{said}，不能作为{expected}读取"
        lost = _comparisons(ctx, obs, spec)
        if lost:
            message += f"，因此未能{'、'.join(lost)}"
        message += "。请核实并填写正确的值" + ("（电子表格请在 Excel 中修正并保存后重新提交）。"
                                              if cell or SHEET_ERROR.match(raw) or FORMULA.match(raw)
                                              else "。")
        out.append(Finding(
            code=FindingCode.INVALID_VALUE, severity=_severity(ctx, obs, spec), field=spec.key,
            requirement=f"field.{spec.key}", message=message, expected=expected,
            actual=raw, locations=[obs.location]))
    return out, cells_reported


def _sheet_findings(ctx: CheckContext, reported: set[tuple[str, str]]) -> list[Finding]:
    """Error cells no field reading took: one finding per sheet, naming them."""
    out: list[Finding] = []
    for doc in ctx.readable:
        for table in doc.tables:
            errors = [c for c in table.cells if c.error and c.merged_from is None
                      and (doc.path, c.error) not in reported]
            if not errors:
                continue
            sheet = f"工作表“{table.name}”" if table.name else "表格"
            named = "；".join(c.error for c in errors[:_CELLS_NAMED])  # type: ignore[misc]
            more = f"等{len(errors)}个单元格" if len(errors) > _CELLS_NAMED else ""
            out.append(Finding(
                code=FindingCode.INVALID_VALUE, severity=Severity.warning,
                message=f"“{doc.path}”{sheet}中{named}{more}，没有可用的数值；这些单元格所在的"
                        f"合计、比例等核对未能进行。请在 Excel 中修正并保存后重新提交。",
                expected="数值", actual=[c.text for c in errors[:_CELLS_NAMED]],
                locations=[Location(path=doc.path, page=table.page, bbox=errors[0].bbox or table.bbox,
                                    excerpt=named[:80])]))
    return out


def check_invalid_values(ctx: CheckContext) -> list[Finding]:
    found, cells = _observation_findings(ctx)
    return found + _sheet_findings(ctx, cells)
