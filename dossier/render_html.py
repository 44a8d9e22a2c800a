"""The review page: one self-contained HTML file (no external assets, crops embedded as
data URIs) that a reviewer works from — findings grouped by requirement and severity with
excerpts and page crops, fields side by side by source, documents with their kinds."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from dossier.crops import location_key
from dossier.reading_note import reading_note
from dossier.render_text import clean_report
from extractor.filenames import escape_controls
from models import Finding, Report

_TEMPLATES = Path(__file__).parent / "templates"
_SEVERITY = {"error": 0, "warning": 1, "info": 2}
SOURCE_LABELS = {"declaration": "申报书", "business_license": "营业执照",
                 "financial_statement": "财务报表", "social_insurance": "社保证明", "id_card": "身份证"}
VERDICT_LABELS = {"ready": "材料齐全", "needs_fixes": "需要补正", "unreadable": "材料无法读取"}


def _groups(report: Report) -> list[dict[str, Any]]:
    titles = {r.id: r.title for r in report.requirements}
    groups: dict[str, list[Finding]] = {}
    for f in report.findings:
        key = f.requirement or (f"field.{f.field}" if f.field else "general")
        groups.setdefault(key, []).append(f)
    out: list[dict[str, Any]] = []
    for key, items in groups.items():
        items.sort(key=lambda f: _SEVERITY[f.severity.value])
        title = titles.get(key) or {"general": "材料整体", "eligibility.region": "申报条件"}.get(key, key)
        out.append({"id": key, "title": title, "findings": items,
                    "worst": items[0].severity.value})
    out.sort(key=lambda g: (_SEVERITY[g["worst"]], g["title"]))
    return out


def show(value: Any) -> str:
    """Expected/actual values for people: dicts as "申报书 3000；营业执照 5000", lists joined."""
    if isinstance(value, dict):
        return "；".join(f"{k} {show(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return "、".join(show(v) for v in value)
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


def render_html(report: Report, crops: dict[str, str] | None = None) -> str:
    report = clean_report(report)
    env = Environment(loader=FileSystemLoader(_TEMPLATES),
                      autoescape=select_autoescape(["html", "j2"]), finalize=_finalize)
    env.filters["name"] = lambda value: escape_controls("" if value is None else str(value))
    env.filters["show"] = show
    env.filters["shorten"] = shorten
    env.filters["reading"] = reading_note
    env.globals["crop_of"] = lambda loc: (crops or {}).get(location_key(loc) or "")
    inconsistent = {f.field for f in report.findings if f.code.value == "INCONSISTENT_VALUE"}
    sources = [s for s in SOURCE_LABELS
               if any(r.source == s for fr in report.fields.values() for r in fr.readings)]
    indicators = [q for q in report.requirements if q.kind == "indicator"]
    counts = {k: sum(1 for q in indicators if q.status.value == k)
              for k in ("met", "partial", "missing")}
    return env.get_template("report.html.j2").render(
        r=report, groups=_groups(report), sources=sources, source_labels=SOURCE_LABELS,
        indicators=indicators, indicator_counts=counts,
        inconsistent=inconsistent, verdict_label=VERDICT_LABELS[report.summary.verdict.value])
