"""The terminal report: verdict first, then findings by severity with where and why.

Every value that came from the dossier (file names, excerpts, messages that quote them)
goes through :func:`extractor.filenames.escape_controls`: a newline in a file name must
not fake a line of the report, a bidi override must not turn the text around."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from dossier.reading_note import reading_note
from extractor.filenames import display_name, escape_controls, has_surrogates
from models import Location, Report, Severity

_SEV = {Severity.error: "错误", Severity.warning: "警告", Severity.info: "提示"}
_VERDICT = {"ready": "材料齐全，可提交/进入评审", "needs_fixes": "需要补正",
            "unreadable": "材料无法读取"}


def _clean(value: Any) -> Any:
    """``value`` with every string that holds surrogate escapes decoded; the very same
    object where nothing needed it."""
    if isinstance(value, str):
        return display_name(value) if has_surrogates(value) else value
    if isinstance(value, BaseModel):
        changes = {}
        for name in type(value).model_fields:
            old = getattr(value, name)
            new = _clean(old)
            if new is not old:
                changes[name] = new
        return value.model_copy(update=changes) if changes else value
    if isinstance(value, dict):
        items = [(_clean(k), _clean(v)) for k, v in value.items()]
        if all(k is k0 and v is v0 for (k, v), (k0, v0) in zip(items, value.items())):
            return value
        return dict(items)
    if isinstance(value, (list, tuple)):
        cleaned = [_clean(v) for v in value]
        if all(a is b for a, b in zip(cleaned, value)):
            return value
        return type(value)(cleaned) if isinstance(value, list) else tuple(cleaned)
    return value


def clean_report(report: Report) -> Report:
    """The report with no undecodable text left (file names that are GBK bytes on a
    UTF-8 file system arrive as surrogate escapes, which no UTF-8 writer accepts):
    decoded where the bytes read as UTF-8/GB18030, else U+FFFD. Every report writer
    (text, JSON, HTML) starts from this."""
    return _clean(report)


def _t(value: Any) -> str:
    return escape_controls("" if value is None else str(value))


def _where(loc: Location) -> str:
    parts = [_t(loc.path)]
    if loc.page:
        parts.append(f"第{loc.page}页")
    s = " ".join(parts)
    if loc.excerpt:
        s += f"：“{_t(loc.excerpt)}”"
    return s


def render_text(report: Report, color: bool = False) -> str:
    def c(code: str, s: str) -> str:
        return f"\033[{code}m{s}\033[0m" if color else s

    report = clean_report(report)
    s = report.summary
    lines = [
        c("1", f"材料核查报告  {_t(report.dossier)}"),
        f"申报项目：{_t(report.program)}    核查日期：{_t(report.as_of)}    "
        f"版本：{_t(report.tool_version)}",
        f"结论：{c('1;31' if s.verdict.value != 'ready' else '1;32', _VERDICT[s.verdict.value])}"
        f"（错误 {s.errors}，警告 {s.warnings}，提示 {s.infos}）",
        "",
        c("1", f"材料清单（{len(report.documents)} 份）"),
    ]
    for d in report.documents:
        ocr = f"，OCR {d.ocr_pages} 页" if d.ocr_pages else ""
        how = _t(reading_note(d.reading))
        lines.append(f"  - {_t(d.path)}  [{_t(d.kind)}]  {d.pages} 页{ocr}"
                     + (f"（{how}）" if how else ""))
    lines.append("")
    if not report.findings:
        lines.append(c("32", "未发现问题。"))
    for sev, colour in ((Severity.error, "31"), (Severity.warning, "33"), (Severity.info, "36")):
        items = [f for f in report.findings if f.severity == sev]
        if not items:
            continue
        lines.append(c("1;" + colour, f"{_SEV[sev]}（{len(items)}）"))
        for i, f in enumerate(items, 1):
            lines.append(f"  {i}. [{f.code.value}] {_t(f.message)}")
            for loc in f.locations[:3]:
                lines.append(f"     位置：{_where(loc)}")
        lines.append("")
    basic = [r for r in report.requirements if r.kind != "indicator"]
    met = sum(1 for r in basic if r.status.value == "met")
    lines.append(c("1", f"要求项：{met}/{len(basic)} 已满足"))
    for r in basic:
        if r.status.value in ("missing", "partial"):
            lines.append(f"  ✗ {_t(r.title)}（{r.status.value}）")
    indicators = [r for r in report.requirements if r.kind == "indicator"]
    if indicators:
        counts = {k: sum(1 for r in indicators if r.status.value == k)
                  for k in ("met", "partial", "missing")}
        lines.append(c("1", f"指标佐证：{counts['met']} 项满足，{counts['partial']} 项部分相符，"
                            f"{counts['missing']} 项未见佐证（共 {len(indicators)} 项，"
                            "详见 JSON/HTML 报告）"))
    return "\n".join(lines).rstrip() + "\n"
