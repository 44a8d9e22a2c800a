"""INCONSISTENT_VALUE inside one declaration file: one figure written twice, differently
(the 基本信息 table says 76.5 %, the narrative says 80 %; the cover says one capital and the
form another). A warning: which of the two is right only the applicant can say. Two files
that disagree are checks.indicator_values.check_files_agree's."""
from __future__ import annotations

import re
from collections import defaultdict

from checks.context import CheckContext
from checks.display import field_name, shown, with_unit
from models import Finding, FindingCode, Severity
from models.fields import FieldObservation

_COMPARED = {"money", "number", "percent", "date", "identifier"}
# Relative difference below which two figures are one (rounding 8215.6 → 8216); a
# sentence rounds more freely (2.3亿元 for 23,456万元).
_REL = 0.005
_REL_PROSE = 0.03


def _comparable(obs: FieldObservation) -> object:
    n = obs.normalized
    if isinstance(n, dict) and "amount_wan" in n:
        return (n.get("currency", "CNY"), float(n["amount_wan"]))
    return n


def _differ(a: object, b: object, rel: float) -> bool:
    if isinstance(a, tuple) and isinstance(b, tuple):
        return a[0] == b[0] and abs(a[1] - b[1]) > rel * max(abs(a[1]), abs(b[1]), 1e-9)
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) > rel * max(abs(a), abs(b), 1e-9)
    return a != b


# A figure written with decimals or in 万/亿 is rounded; a sentence that says 约/左右 too.
_ROUNDED = re.compile(r"\.\d|亿|万")
_APPROX = re.compile(r"约|左右|余人|多人|近\d|超过|以上")


def _tolerance(a: FieldObservation, b: FieldObservation) -> float:
    """Relative tolerance for two readings: a sentence may round (2.3亿元, 约1500人), a
    whole count written in full (1520人) is exact."""
    if "prose" not in (a.via, b.via):
        return _REL
    if any(_ROUNDED.search(o.value or "") or _APPROX.search(o.extra.get("statement") or "")
           for o in (a, b)):
        return _REL_PROSE
    return _REL


def _same_period(a: FieldObservation, b: FieldObservation) -> bool:
    ya, yb = a.extra.get("year"), b.extra.get("year")
    return ya is None or yb is None or ya == yb


def check_declaration_agrees(ctx: CheckContext) -> list[Finding]:
    by_key: dict[tuple[str, str], list[FieldObservation]] = defaultdict(list)
    for o in ctx.observations:
        if o.source == "declaration" and not o.is_empty and o.normalized not in (None, ""):
            by_key[(o.key, o.location.path)].append(o)
    out: list[Finding] = []
    for (key, _path), readings in by_key.items():
        spec = ctx.spec(key)
        if spec.type not in _COMPARED or len(readings) < 2:
            continue
        first = readings[0]
        other = next((o for o in readings[1:] if _same_period(first, o) and _differ(
            _comparable(first), _comparable(o), _tolerance(first, o))), None)
        if other is None:
            continue
        a, b = with_unit(shown(first, spec), spec), with_unit(shown(other, spec), spec)
        out.append(Finding(
            code=FindingCode.INCONSISTENT_VALUE, severity=Severity.warning, field=spec.key,
            requirement=f"field.{spec.key}",
            message=f"申报材料中{field_name(spec)}前后不一致：一处为{a}，另一处为{b}，请核实并统一。",
            expected=a, actual=b, locations=[first.location, other.location]))
    return out
