"""Checks on indicator figures and what is written beside them (the 说明 cell of their row,
the rest of their line, the sentence that states them):

- ``whole_number``: counts (家, 个, 项, 人, 次) are whole numbers (VALUE_OUT_OF_RANGE);
- ``at_most_field``: a subset's figure does not exceed its whole's (INCONSISTENT_VALUE);
- ``stated_share``: a share in % against the amounts written beside it (CALCULATION_MISMATCH;
  a fraction written for a percentage is INVALID_UNIT);
- ``breakdown_sum``: a total against its written breakdown or the 合计 of the table it cites
  (CALCULATION_MISMATCH);
- ``period_years``: the years written with a figure fit its period, 上年度 / 近三年
  (DATE_OUT_OF_RANGE);

and, for every programme, figures that two declaration files state differently
(INCONSISTENT_VALUE, a warning: which one is right only the applicant can say)."""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from checks.context import CheckContext
from checks.contract import RULE_SEVERITY, rule_check
from checks.display import field_name, not_met
from checks.quantities import fmt
from criteria.schema import (AtMostFieldRule, BreakdownSumRule, FieldSpec, PeriodYearsRule,
                             StatedShareRule, WholeNumberRule)
from models import Finding, FindingCode, Severity
from models.fields import FieldObservation

_MONEY_WAN = {"元": Decimal("0.0001"), "千元": Decimal("0.1"), "万元": Decimal(1),
              "百万元": Decimal(100), "千万元": Decimal(1000), "亿元": Decimal(10000),
              "万亿元": Decimal(100000000)}
_NUM = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_AMOUNT = re.compile(_NUM + r"\s*(万亿元|千万元|百万元|亿元|万元|千元|元)")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*(?=年|\.\d|-\d|/\d|—|～|~)")
_COMPARED_YEAR = re.compile(r"(较|比|相比|同比|对比|比上年)\s*$")
_DIVIDED = re.compile(r"÷|/|除以|／")
_TOTAL_CELL = re.compile(r"^\s*(合\s*计|总\s*计|小\s*计)\s*$")
_CITED = re.compile(r"[《<]([^》>]{2,40})[》>]")


def _n(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "")


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _joined_text(ctx: CheckContext, path: str) -> str:
    """A document's text outside tables with its lines joined (text PDFs break sentences
    at every line end), cached on the context."""
    cache = ctx.derived.setdefault("joined_text", {})
    if path not in cache:
        doc = next((d for d in ctx.readable if d.path == path), None)
        cache[path] = "" if doc is None else "".join(
            _n(b.text).replace("\n", "") for p in doc.pages for b in p.blocks
            if b.kind != "cell" and b.table_index is None)
    return cache[path]


_NEXT_ITEM = re.compile(r"[A-Za-z]{1,3}\d{1,2}(?:[A-Za-z.]\d{1,2}){1,3}\s*[\u4e00-\u9fff]|\n")


def _paragraph(ctx: CheckContext, obs: FieldObservation) -> str:
    """For a value read from a "label：value" line: the whole paragraph after the figure, up
    to the next indicator's number (L1P8 …) — a text PDF gives the line reader only the
    paragraph's first line."""
    if obs.via != "text" or not obs.value:
        return ""
    text = _joined_text(ctx, obs.location.path)
    probe = re.sub(r"\s+", "", _n(obs.value))[:24]
    at = text.find(probe)
    if at < 0:
        return ""
    m = _NEXT_ITEM.search(text, at + len(probe))
    end = min(m.start() if m else len(text), at + 240)
    return text[at:end]


def _after_figure(text: str) -> str:
    m = re.search(_NUM, text)
    return text[m.end():] if m else text


def note_of(obs: FieldObservation, ctx: CheckContext | None = None) -> str:
    """What the applicant wrote beside the figure: the row's other cells, the rest of the
    value's paragraph after the figure, or the sentence that states it."""
    parts = [_n(str(obs.extra.get("row_rest", "")))]
    paragraph = _paragraph(ctx, obs) if ctx is not None else ""
    if paragraph:
        parts.append(_after_figure(paragraph))
    else:
        value = _n(obs.value or "")
        if re.search(_NUM, value):
            parts.append(_after_figure(value))
        statement = _n(str(obs.extra.get("statement", "")))
        if statement:
            if obs.value and _n(obs.value) in statement:
                statement = statement.replace(_n(obs.value), " ", 1)
            parts.append(statement)
    return " ".join(p for p in parts if p.strip())


def _value(obs: FieldObservation | None) -> float | None:
    if obs is None or obs.is_empty:
        return None
    n = obs.normalized
    if isinstance(n, dict):
        n = n.get("amount_wan")
    if isinstance(n, (int, float)) and not isinstance(n, bool):
        return float(n)
    return None


def _written(obs: FieldObservation) -> Decimal | None:
    """The figure exactly as written (1323.5, not a float)."""
    m = re.search(_NUM, _n(obs.value or ""))
    return _number(m.group(1)) if m else None


def _in_unit(obs: FieldObservation, spec: FieldSpec) -> float | None:
    """The field's figure in the field's own unit (a 万元 figure of a 亿元 field converts)."""
    value = _n(obs.value or "")
    m = _AMOUNT.search(value)
    figure = _number(m.group(1)) if m else None
    if m and spec.unit in _MONEY_WAN and figure is not None:
        return float(figure * _MONEY_WAN[m.group(2)] / _MONEY_WAN[spec.unit])
    if spec.type == "money" and isinstance(obs.normalized, dict) and spec.unit in _MONEY_WAN:
        return float(Decimal(str(obs.normalized["amount_wan"])) / _MONEY_WAN[spec.unit])
    return _value(obs)


def _fields(rule_fields: list[str], units: list[str], ctx: CheckContext) -> list[FieldSpec]:
    if rule_fields:
        return [ctx.spec(k) for k in rule_fields]
    return [f for f in ctx.programme.fields if f.unit in units]


@rule_check(WholeNumberRule, codes=(FindingCode.VALUE_OUT_OF_RANGE,))
def check_whole_number(rule: WholeNumberRule, ctx: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    for spec in _fields(rule.fields, rule.units, ctx):
        obs = ctx.best(spec.key, "declaration")
        if obs is None or obs.is_empty or _value(obs) is None:
            continue
        written = _written(obs)
        if written is None or written == written.to_integral_value():
            continue
        out.append(Finding(
            code=FindingCode.VALUE_OUT_OF_RANGE,
            severity=RULE_SEVERITY, field=spec.key,
            message=f"{field_name(spec)}为数量（单位：{spec.unit}），应为整数，填写为“{obs.value}”"
                    f"（{written}{spec.unit or ''}）。请按实际数量填报。",
            expected="整数", actual=str(written), locations=[obs.location]))
    return out


@rule_check(AtMostFieldRule, codes=(FindingCode.INCONSISTENT_VALUE,))
def check_at_most_field(rule: AtMostFieldRule, ctx: CheckContext) -> list[Finding]:
    part_spec, whole_spec = ctx.spec(rule.field), ctx.spec(rule.bound)
    part_obs = ctx.best(rule.field, "declaration")
    whole_obs = ctx.best(rule.bound, "declaration")
    part, whole = _value(part_obs), _value(whole_obs)
    if part is None or whole is None or part <= whole:
        return []
    assert part_obs is not None and whole_obs is not None
    unit = part_spec.unit or ""
    return [Finding(
        code=FindingCode.INCONSISTENT_VALUE, severity=RULE_SEVERITY,
        field=rule.field,
        message=f"{rule.title}：{field_name(part_spec)}为{fmt(part)}{unit}，大于"
                f"{field_name(whole_spec)}{fmt(whole)}{whole_spec.unit or ''}；前者是后者的一部分，"
                f"不应更多。请核对。",
        expected=f"≤ {fmt(whole)}", actual=part,
        locations=[part_obs.location, whole_obs.location])]


def _amounts(text: str, unit: str) -> list[tuple[float, str]]:
    """Amounts of money in ``text``, converted to ``unit`` (亿元), as written."""
    out = []
    for m in _AMOUNT.finditer(text):
        n = _number(m.group(1))
        if n is not None:
            out.append((float(n * _MONEY_WAN[m.group(2)] / _MONEY_WAN.get(unit, Decimal(1))),
                        m.group(0)))
    return out


def declaration_readings(ctx: CheckContext) -> dict[str, list[FieldObservation]]:
    """The declaration's readings by file (the pipeline reads every file of a split
    declaration, the main form first)."""
    out: dict[str, list[FieldObservation]] = {}
    for o in ctx.observations:
        if o.source == "declaration":
            out.setdefault(o.location.path, []).append(o)
    return out


def readings_of(ctx: CheckContext, key: str) -> list[FieldObservation]:
    """The field's non-empty readings, the best one first, then one per other file."""
    best = ctx.best(key, "declaration")
    out = [best] if best is not None and not best.is_empty else []
    for path, obs in declaration_readings(ctx).items():
        if best is not None and path == best.location.path:
            continue
        first = next((o for o in obs if o.key == key and not o.is_empty), None)
        if first is not None:
            out.append(first)
    return out


@rule_check(StatedShareRule, codes=(FindingCode.CALCULATION_MISMATCH,))
def check_stated_share(rule: StatedShareRule, ctx: CheckContext) -> list[Finding]:
    for obs in readings_of(ctx, rule.field):
        found = _share_finding(rule, ctx, obs)
        if found:
            return found
    return []


def _share_finding(rule: StatedShareRule, ctx: CheckContext,
                   obs: FieldObservation) -> list[Finding]:
    spec = ctx.spec(rule.field)
    stated = _value(obs)
    if stated is None:
        return []
    note = note_of(obs, ctx)
    unit = "亿元"
    num_spec = ctx.spec(rule.numerator) if rule.numerator else None
    if num_spec is not None and num_spec.unit in _MONEY_WAN:
        unit = num_spec.unit
    amounts = _amounts(note, unit)
    num_obs = ctx.best(num_spec.key, "declaration") if num_spec is not None else None
    num_field = _in_unit(num_obs, num_spec) \
        if num_obs is not None and num_spec is not None and not num_obs.is_empty else None
    if len(amounts) >= 2 and not _DIVIDED.search(note) and num_field is not None:
        # "产业主营收入268.4亿元，区县工业总产值212.3亿元": the numerator restated.
        amounts = [a for a in amounts if abs(a[0] - num_field) > 1e-6 * max(1.0, num_field)]
    if len(amounts) >= 2 and _DIVIDED.search(note):
        (num, num_text), (den, den_text) = amounts[0], amounts[-1]
        how = f"{num_text} ÷ {den_text}"
        locs = [obs.location]
    elif len(amounts) == 1 and num_spec is not None:
        if num_field is None:
            return []
        num = num_field
        den, den_text = amounts[0]
        how = f"{field_name(num_spec)}{fmt(num)}{unit} ÷ {den_text}"
        locs = [obs.location, num_obs.location]  # type: ignore[union-attr]
    else:
        return []
    if not den:
        return []
    share = num / den * 100
    if abs(stated - share) <= rule.tolerance_points + 1e-9:
        return []
    if abs(stated * 100 - share) <= rule.tolerance_points + 1e-9:
        return [Finding(
            code=FindingCode.INVALID_UNIT, severity=Severity(rule.fraction_severity),
            field=rule.field,
            message=f"{field_name(spec)}应以“%”填报：填写为“{obs.value}”，按{how}计算为"
                    f"{fmt(share, 1)}%，所填是小数而非百分数。请改为{fmt(share, 1)}%。",
            expected=f"{fmt(share, 1)}%", actual=obs.value, locations=locs)]
    return [Finding(
        code=FindingCode.CALCULATION_MISMATCH, severity=RULE_SEVERITY,
        field=rule.field,
        message=f"{not_met(rule.title)}：填报{fmt(stated)}%，按{how}计算为{fmt(share, 1)}%，相差"
                f"{fmt(abs(stated - share), 1)}个百分点。请核对。",
        expected=round(share, 2), actual=stated, locations=locs)]


def _counts(text: str, unit: str) -> list[Decimal]:
    pat = re.compile(_NUM + r"\s*" + re.escape(unit) + r"(?![\u4e00-\u9fff]{0,1}[元吨])")
    out = []
    for m in pat.finditer(text):
        n = _number(m.group(1))
        if n is not None:
            out.append(n)
    return out


def _cited_total(ctx: CheckContext, note: str, unit: str) -> tuple[Decimal, str, object] | None:
    """The 合计 of a table the note cites by name (详见附表《优势企业统计表》)."""
    names = [re.sub(r"\s+", "", c) for c in _CITED.findall(note)]
    if not names:
        return None
    for d in ctx.readable:
        for t in d.tables:
            head = re.sub(r"\s+", "", _n(" ".join(
                [t.name or "", *[c.text for c in t.cells if c.row <= 1]])))
            if not any(n in head for n in names):
                continue
            for r in range(t.n_rows):
                cells = sorted((c for c in t.cells if c.row == r and c.merged_from is None),
                               key=lambda c: c.col)
                if not any(_TOTAL_CELL.match(_n(c.text)) for c in cells):
                    continue
                for c in cells:
                    m = re.fullmatch(r"\s*" + _NUM + r"\s*" + f"(?:{re.escape(unit)})?\\s*",
                                     _n(c.text))
                    if m:
                        from models import Location
                        return (_number(m.group(1)) or Decimal(0), t.name or d.path,
                                Location(path=d.path, page=t.page, bbox=c.bbox,
                                         excerpt=f"合计 {c.text}"))
    return None


@rule_check(BreakdownSumRule, codes=(FindingCode.CALCULATION_MISMATCH,))
def check_breakdown_sum(rule: BreakdownSumRule, ctx: CheckContext) -> list[Finding]:
    spec = ctx.spec(rule.field)
    obs = ctx.best(rule.field, "declaration")
    if obs is None or obs.is_empty or not spec.unit:
        return []
    total = _written(obs)
    if total is None:
        return []
    note = note_of(obs, ctx)
    parts = _counts(note, spec.unit)
    locs = [obs.location]
    if len(parts) >= rule.min_parts:
        computed = sum(parts, Decimal(0))
        how = "+".join(str(p) for p in parts)
        where = "说明中的分项"
    else:
        cited = _cited_total(ctx, note, spec.unit)
        if cited is None:
            return []
        computed, name, loc = cited
        how = f"{computed}"
        where = f"所附《{name}》合计"
        locs.append(loc)  # type: ignore[arg-type]
    if computed == total:
        return []
    return [Finding(
        code=FindingCode.CALCULATION_MISMATCH, severity=RULE_SEVERITY,
        field=rule.field,
        message=f"{not_met(rule.title)}：{field_name(spec)}填报{total}{spec.unit}，{where}为"
                f"{how}={computed}{spec.unit}。请核对。",
        expected=str(computed), actual=str(total), locations=locs)]


def _years(text: str) -> list[int]:
    out = []
    for m in _YEAR.finditer(text):
        if _COMPARED_YEAR.search(text[max(0, m.start() - 4):m.start()]):
            continue  # 较2021年增长: a comparison, not the figure's year
        out.append(int(m.group(1)))
    return out


@rule_check(PeriodYearsRule, codes=(FindingCode.DATE_OUT_OF_RANGE,))
def check_period_years(rule: PeriodYearsRule, ctx: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    for key in rule.fields:
        spec = ctx.spec(key)
        for obs in readings_of(ctx, key):
            years = _years(note_of(obs, ctx) + " " + _n(obs.value or ""))
            if not years:
                continue
            if rule.period == "last_year":
                want = ctx.as_of.year - 1
                if want in years:
                    continue
                bad = sorted(set(years))
                expect = f"{want}年度"
                why = f"指标为上年度数据（{want}年度），填报说明为{'、'.join(f'{y}年' for y in bad)}"
            else:
                low = ctx.as_of.year - rule.years
                bad = sorted({y for y in years if y < low or y > ctx.as_of.year})
                if not bad:
                    continue
                expect = f"{low}年及以后"
                why = (f"指标只计近{rule.years}年（{low}年以来），所列含"
                       f"{'、'.join(f'{y}年' for y in bad)}")
            out.append(Finding(
                code=FindingCode.DATE_OUT_OF_RANGE,
                severity=RULE_SEVERITY, field=key,
                message=f"{rule.title}：{field_name(spec)}{why}，不在统计期内。请按统计期核对填报值。",
                expected=expect, actual="、".join(str(y) for y in bad), locations=[obs.location]))
            break
    return out


# ----- the same figure in two declaration files -------------------------------------------

_FIGURES = {"number", "money", "percent"}


def _precision(obs: FieldObservation, spec: FieldSpec | None = None) -> float:
    """Half a unit of the last digit written (2.3亿元 → 0.05亿元), in the normalised unit."""
    value = _n(obs.value or "")
    m = re.search(_NUM, value)
    if not m:
        return 0.0
    digits = m.group(1).replace(",", "")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    half = 0.5 * 10 ** (-decimals)
    written = float(digits)
    norm = _in_unit(obs, spec) if spec is not None else _value(obs)
    if norm is None or written == 0:
        return half
    return half * abs(norm / written)


def check_files_agree(ctx: CheckContext) -> list[Finding]:
    """A figure that two declaration files (the report and its data sheet) state differently."""
    specs = {f.key: f for f in ctx.programme.fields if f.type in _FIGURES}
    by_path: dict[str, dict[str, FieldObservation]] = defaultdict(dict)
    for path, readings in declaration_readings(ctx).items():
        for o in readings:
            if o.key in specs and _value(o) is not None:
                by_path[path].setdefault(o.key, o)
    out: list[Finding] = []
    paths = list(by_path)
    for key, spec in specs.items():
        readings = [by_path[p][key] for p in paths if key in by_path[p]]
        if len(readings) < 2:
            continue
        first = readings[0]
        a = _in_unit(first, spec)
        for other in readings[1:]:
            b = _in_unit(other, spec)
            if a is None or b is None:
                continue
            tol = max(_precision(first, spec), _precision(other, spec)) + 1e-9
            if abs(a - b) <= tol:
                continue
            out.append(Finding(
                code=FindingCode.INCONSISTENT_VALUE, severity=Severity.warning, field=key,
                requirement=f"field.{key}",
                message=f"{field_name(spec)}在不同文件中不一致：{first.location.path}为"
                        f"“{first.value}”，{other.location.path}为“{other.value}”。请核实并统一。",
                expected=first.value, actual=other.value,
                locations=[first.location, other.location]))
            break
    return out
