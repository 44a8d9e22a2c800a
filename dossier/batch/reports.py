"""The files of one dossier's result: OUTDIR/reports/<name>.json and .html, and the report
of a dossier whose check did not finish."""
from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dossier import __version__
from dossier.batch.discover import BatchItem
from dossier.batch.state import write_text_atomic
from dossier.triage_workbook import TriageRow, row_from_report
from extractor.filenames import display_name, has_surrogates
from models import Finding, FindingCode, Location, Report, Severity, Summary, Verdict

if TYPE_CHECKING:
    from dossier.batch.run import BatchSettings

REPORTS_SUBDIR = "reports"


def report_paths(out_dir: Path, name: str) -> tuple[Path, Path]:
    base = out_dir / REPORTS_SUBDIR
    return base / f"{name}.json", base / f"{name}.html"


def write_reports(report: Report, name: str, out_dir: Path,
                  crops: dict[str, str] | None = None) -> TriageRow:
    from dossier.render_html import render_html

    json_path, html_path = report_paths(out_dir, name)
    data = report.model_dump(mode="json")
    clean = _display_strings(data)
    if clean != data:
        # A raw (undecodable) name reached the report, e.g. a GBK folder name as the
        # dossier's name: written as people read it, never as bytes no UTF-8 writer takes.
        data, report = clean, Report.model_validate(clean)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    write_text_atomic(json_path, text)
    write_text_atomic(html_path, render_html(report, crops))
    return row_from_report(name, report, html_path.relative_to(out_dir).as_posix(),
                           json_path.relative_to(out_dir).as_posix())


def _display_strings(value: Any) -> Any:
    """``value`` (JSON-like) with every string holding surrogate escapes replaced by its
    display_name."""
    if isinstance(value, str):
        return display_name(value) if has_surrogates(value) else value
    if isinstance(value, dict):
        return {_display_strings(k): _display_strings(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_display_strings(v) for v in value]
    return value


def failure_report(item: BatchItem, settings: BatchSettings, programme_id: str,
                   message: str) -> Report:
    """The report of a dossier whose check did not finish: unreadable, one finding."""
    shown = display_name(item.path.name)
    finding = Finding(code=FindingCode.UNREADABLE_FILE, severity=Severity.error,
                      message=message, locations=[Location(path=shown)])
    return Report(dossier=shown, program=programme_id,
                  as_of=settings.as_of.isoformat(), tool_version=__version__,
                  summary=Summary(errors=1, verdict=Verdict.unreadable), findings=[finding])
