"""The audit's output: the text report and JSON-safe data."""
from __future__ import annotations

from typing import Any

from dossier.audit.rules import AuditResult
from extractor.filenames import display_name, escape_controls, has_surrogates


_SEV = {"error": "错误", "warning": "警告", "info": "提示"}


def clean_json(value: Any) -> Any:
    """JSON-ready data with undecodable text (file names that are GBK bytes) decoded or
    U+FFFD, so that no UTF-8 writer can fail on it."""
    if isinstance(value, str):
        return display_name(value) if has_surrogates(value) else value
    if isinstance(value, dict):
        return {clean_json(k): clean_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_json(v) for v in value]
    return value


def render_text(result: AuditResult) -> str:
    """The text report; every value from the list or the dossiers (folder names, cells)
    with control characters shown as escapes, so none can fake a line."""
    lst = result.list
    c = result.counts()
    unit = escape_controls(str(lst.meta.get("推荐单位") or ""))
    lines = [f"推荐汇总表核查：{result.rule.title}（{result.rule.attachment}）",
             f"  文件：{escape_controls(str(lst.path))}" + (f"    推荐单位：{unit}" if unit else ""),
             f"  表中 {len(lst.rows)} 行、不重复企业 {result.enterprises} 家；"
             f"材料目录 {len(result.dossiers)} 份；"
             f"已对应 {len(result.matches)} 份",
             "结论：" + ("推荐表与申报材料一致。" if not result.findings else
                         f"发现 {len(result.findings)} 个问题（错误 {c['error']}，警告 {c['warning']}，"
                         f"提示 {c['info']}）"), ""]
    for sev in ("error", "warning", "info"):
        group = [f for f in result.findings if f.severity == sev]
        if not group:
            continue
        lines.append(f"{_SEV[sev]}（{len(group)}）")
        for f in group:
            lines.append(f"  [{f.code}] {escape_controls(f.message)}")
            if f.excerpt and f.row is not None:
                lines.append(f"      原文：{escape_controls(f.excerpt)}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
