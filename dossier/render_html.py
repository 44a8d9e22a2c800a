"""The review page: one self-contained HTML file (no external assets, crops embedded as
data URIs) that a reviewer works from — findings grouped by requirement and severity with
excerpts and page crops, fields side by side by source, documents with their kinds.

Everything a reviewer reads is Chinese: the report's keys (field keys, rule ids, document
kinds) are named through :mod:`dossier.labels` from the programme's YAML; the keys
themselves stay in ``data-`` attributes for scripts and tests."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from criteria.loader import load_catalogues
from dossier.crops import location_key, thumbnail_key
from dossier.labels import PAGE_FINDINGS, Labels, code_name, kind_name, source_name
from dossier.reading_note import reading_note
from dossier.render_text import clean_report
from extractor.filenames import escape_controls
from models import DocumentKind, Finding, FindingCode, Location, Report

_TEMPLATES = Path(__file__).parent / "templates"
_SEVERITY = {"error": 0, "warning": 1, "info": 2}
SOURCE_ORDER = ("declaration", "business_license", "financial_statement", "social_insurance", "id_card")
VERDICT_LABELS = {"ready": "材料齐全", "needs_fixes": "需要补正", "unreadable": "材料无法读取"}
# "识别为 business_license（置信度 0.93）", "向量最近类中心：other（…）": the report builder
# and the classifier write the kind's key into excerpts and reasons; the page shows its name.
_KIND_IN_TEXT = re.compile(r"((?:识别为|类中心)[：:\s]*)(" + "|".join(
    sorted((k.value for k in DocumentKind), key=len, reverse=True)) + r")(?![A-Za-z0-9_])")


def _groups(report: Report, labels: Labels) -> list[dict[str, Any]]:
    groups: dict[str, list[Finding]] = {}
    for f in report.findings:
        key = f.requirement or (f"field.{f.field}" if f.field else "general")
        groups.setdefault(key, []).append(f)
    out: list[dict[str, Any]] = []
    for key, items in groups.items():
        items.sort(key=lambda f: _SEVERITY[f.severity.value])
        out.append({"id": key, "title": labels.requirement(key), "findings": items,
                    "worst": items[0].severity.value})
    out.sort(key=lambda g: (_SEVERITY[g["worst"]], g["title"]))
    return out


def show(value: Any, name: Any = None) -> str:
    """Expected/actual values for people: dicts as "申报书 3000；营业执照 5000" (keys named by
    ``name``), lists joined."""
    if isinstance(value, dict):
        return "；".join(f"{name(k) if name else k} {show(v, name)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return "、".join(show(v, name) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def shorten(value: Any, limit: int = 120) -> str:
    s = show(value)
    return s if len(s) <= limit else s[:limit] + "…"


# Control characters other than whitespace, and bidi embeddings/overrides/isolates: shown
# as escapes wherever they occur (excerpts, messages); file names get the full
# escape_controls (the ``name`` filter), which also makes a newline visible as \n.
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _finalize(value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, Markup) and _UNSAFE.search(value):
        return _UNSAFE.sub(lambda m: escape_controls(m.group()), value)
    return value


def _value_key_namer(labels: Labels) -> Any:
    def name(key: Any) -> str:
        k = str(key)
        if k in labels.fields:
            return labels.field(k)
        if k in SOURCE_ORDER or k in {d.value for d in DocumentKind}:
            return source_name(k)
        return labels.field(k)
    return name


def _level_estimate(f: Finding, labels: Labels) -> tuple[str, str]:
    """LEVEL_ESTIMATE's expected/actual dicts as the two sentences they stand for."""
    exp = f.expected if isinstance(f.expected, dict) else {}
    act = f.actual if isinstance(f.actual, dict) else {}
    nxt, gaps = exp.get("next_level"), list(exp.get("missing_star_indicators") or [])
    if nxt is None:
        expected = "已达最高等级，无需补充★指标佐证"
    else:
        shown = "、".join(labels.indicator(str(g)) for g in gaps[:12]) + ("等" if len(gaps) > 12 else "")
        expected = f"达到{labels.level(nxt)}还需 {len(gaps)} 项★指标的佐证" + (f"：{shown}" if shown else "")
    actual = f"估计等级为{labels.level(act.get('estimated_level'))}"
    if act.get("star_indicators") is not None:
        actual += (f"，{act.get('star_indicators')} 项★指标中 {act.get('evidenced_star_indicators', 0)} "
                   f"项有佐证")
    return expected, actual


def _expected_actual(f: Finding, labels: Labels) -> tuple[str, str] | None:
    if f.expected is None and f.actual is None:
        return None
    if f.code == FindingCode.LEVEL_ESTIMATE and isinstance(f.expected, dict):
        return _level_estimate(f, labels)
    name = _value_key_namer(labels)
    return show(f.expected, name), show(f.actual, name)


def _pictures(f: Finding, loc: Location, crops: dict[str, str], shown_pages: set[str]
              ) -> list[dict[str, str]]:
    """The crop around the cited box; for a seal or signature finding pointing at a whole
    page, the page's thumbnail (once per finding)."""
    key = location_key(loc)
    if key and key in crops:
        return [{"kind": "crop", "src": crops[key]}]
    if f.code in PAGE_FINDINGS:
        tkey = thumbnail_key(loc)
        if tkey and tkey in crops and tkey not in shown_pages:
            shown_pages.add(tkey)
            return [{"kind": "thumb", "src": crops[tkey]}]
    return []


def _catalogue_titles() -> dict[str, str]:
    try:
        return {c.id: c.title for c in load_catalogues().values()}
    except Exception:  # a missing catalogue only costs the page a name; the id is humanised
        return {}


def render_html(report: Report, crops: dict[str, str] | None = None) -> str:
    report = clean_report(report)
    crops = crops or {}
    labels = Labels(report.program, {r.id: r.title for r in report.requirements})
    env = Environment(loader=FileSystemLoader(_TEMPLATES),
                      autoescape=select_autoescape(["html", "j2"]), finalize=_finalize)
    env.filters["name"] = lambda value: escape_controls("" if value is None else str(value))
    env.filters["show"] = show
    env.filters["shorten"] = shorten
    env.filters["reading"] = reading_note
    env.filters["kinds"] = lambda text: _KIND_IN_TEXT.sub(
        lambda m: m.group(1) + kind_name(m.group(2)), "" if text is None else str(text))
    env.globals["crop_of"] = lambda loc: crops.get(location_key(loc) or "") if loc else None
    env.globals["expected_actual"] = lambda f: _expected_actual(f, labels)
    env.globals["code_name"] = code_name
    env.globals["kind_name"] = kind_name
    catalogues = _catalogue_titles()
    env.globals["source_title"] = lambda s: (labels.programme.title if labels.programme and
                                             s == report.program else catalogues.get(s) or
                                             labels.requirement(s))
    pictures: dict[int, list[list[dict[str, str]]]] = {}
    for f in report.findings:
        seen: set[str] = set()
        pictures[id(f)] = [_pictures(f, loc, crops, seen) for loc in f.locations]
    env.globals["pictures_of"] = lambda f: pictures.get(id(f), [])
    inconsistent = {f.field for f in report.findings if f.code.value == "INCONSISTENT_VALUE"}
    sources = [s for s in SOURCE_ORDER
               if any(r.source == s for fr in report.fields.values() for r in fr.readings)]
    indicators = [q for q in report.requirements if q.kind == "indicator"]
    counts = {k: sum(1 for q in indicators if q.status.value == k)
              for k in ("met", "partial", "missing")}
    programme_title = labels.programme.title if labels.programme else labels.requirement(report.program)
    return env.get_template("report.html.j2").render(
        r=report, groups=_groups(report, labels), sources=sources,
        source_labels={s: source_name(s) for s in SOURCE_ORDER}, labels=labels,
        programme_title=programme_title, indicators=indicators, indicator_counts=counts,
        inconsistent=inconsistent, verdict_label=VERDICT_LABELS[report.summary.verdict.value])
