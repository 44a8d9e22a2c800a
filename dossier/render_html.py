"""A self-contained HTML report (no external assets): findings grouped by severity with
location and excerpt, extracted fields with their sources, documents, requirements."""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from models import Report

_TEMPLATES = Path(__file__).parent / "templates"


def render_html(report: Report) -> str:
    env = Environment(loader=FileSystemLoader(_TEMPLATES),
                      autoescape=select_autoescape(["html", "j2"]))
    groups = [(sev, label, [f for f in report.findings if f.severity.value == sev])
              for sev, label in (("error", "错误"), ("warning", "警告"), ("info", "提示"))]
    return env.get_template("report.html.j2").render(r=report, groups=groups)
