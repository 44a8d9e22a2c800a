"""The batch's triage list: one row per dossier, worst first, as an Excel workbook (filter,
frozen header, coloured verdicts, link to each HTML report) and as a CSV that Excel opens
with the Chinese intact (UTF-8 with BOM)."""
from __future__ import annotations

import csv
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import quote

from extractor.filenames import display_name, escape_controls, has_surrogates
from models import Report

VERDICT_LABELS: dict[str, str] = {
    "ready": "材料齐全",
    "needs_fixes": "需要补正",
    "unreadable": "材料无法读取",
}
# Fill colours: amber for unreadable (nothing could be judged), red for fixes, green ready.
VERDICT_FILLS: dict[str, str] = {
    "unreadable": "FFE699",
    "needs_fixes": "F8CBAD",
    "ready": "C6EFCE",
}
HEADERS: tuple[str, ...] = ("材料名称", "企业名称", "结论", "错误数", "警告数", "提示数",
                            "主要问题", "报告文件")
COLUMN_WIDTHS: tuple[int, ...] = (30, 34, 14, 8, 8, 8, 90, 34)
TOP_FINDINGS = 3
# What openpyxl refuses in a cell (IllegalCharacterError: C0 controls other than tab,
# newline and carriage return) plus the rest of C1 and the bidi overrides; a file
# name gets the full escape_controls, so a newline in it shows as \n.
_UNSAFE_CELL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_umask = os.umask(0o022)
os.umask(_umask)
# mkstemp creates 0600 files; outputs are for colleagues too, so honour the umask instead.
FILE_MODE = 0o666 & ~_umask


@dataclass
class TriageRow:
    name: str
    company: str
    verdict: str  # models.report.Verdict value
    errors: int
    warnings: int
    infos: int
    top_issues: list[str] = field(default_factory=list)
    report_html: str = ""  # relative to the batch output folder
    report_json: str = ""

    @property
    def verdict_label(self) -> str:
        return VERDICT_LABELS.get(self.verdict, self.verdict)

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> TriageRow:
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})

    def cells(self) -> list[str | int]:
        """The row as written to the CSV and the workbook: names with control characters
        shown as escapes, undecodable bytes decoded or U+FFFD, nothing openpyxl refuses."""
        return [escape_controls(self.name), cell_text(self.company), cell_text(self.verdict_label),
                self.errors, self.warnings, self.infos,
                cell_text("；".join(self.top_issues)), escape_controls(self.report_html)]


def cell_text(value: str) -> str:
    """Text safe for any spreadsheet cell; tabs and line breaks are kept."""
    value = display_name(value) if has_surrogates(value) else value
    return _UNSAFE_CELL.sub(lambda m: escape_controls(m.group()), value)


def hyperlink_target(path: str) -> str:
    """A link to a report file as Excel stores it: percent-encoded where the name holds
    anything that is not plain printable text (openpyxl cannot write it as is)."""
    if has_surrogates(path) or _UNSAFE_CELL.search(path) or any(c in path for c in "\t\r\n"):
        raw = os.fsencode(path) if has_surrogates(path) else path.encode("utf-8")
        return quote(raw, safe="/")
    return path


def row_from_report(name: str, report: Report, report_html: str, report_json: str) -> TriageRow:
    company = report.fields.get("company_name")
    value = company.value if company is not None else None
    # Worst first; an unreadable file explains an unreadable verdict better than the
    # missing attachments that follow from it.
    rank = {"error": 0, "warning": 1, "info": 2}
    ordered = sorted(report.findings, key=lambda f: (rank.get(f.severity.value, 3),
                                                     f.code.value != "UNREADABLE_FILE"))
    issues = [f.message for f in ordered[:TOP_FINDINGS]]
    s = report.summary
    return TriageRow(name=name, company=value if isinstance(value, str) else "",
                     verdict=s.verdict.value, errors=s.errors, warnings=s.warnings,
                     infos=s.infos, top_issues=issues, report_html=report_html,
                     report_json=report_json)


def sort_worst_first(rows: list[TriageRow]) -> list[TriageRow]:
    """Unreadable dossiers first (nothing was judged), then most errors, most warnings."""
    return sorted(rows, key=lambda r: (r.verdict != "unreadable", -r.errors, -r.warnings,
                                       -r.infos, r.name))


def _replace_atomically(target: Path, write: Callable[[Path], object]) -> None:
    # The reviewer may have the previous workbook open; never leave half a file behind.
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    os.chmod(tmp, FILE_MODE)
    try:
        write(Path(tmp))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_csv(rows: list[TriageRow], path: Path) -> None:
    def write(tmp: Path) -> None:
        # utf-8-sig writes the BOM Excel needs to read the file as UTF-8, not GBK.
        with tmp.open("w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f)
            w.writerow(HEADERS)
            for r in rows:
                w.writerow(r.cells())
    _replace_atomically(path, write)


def write_xlsx(rows: list[TriageRow], path: Path, title: str = "核查汇总") -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append(list(HEADERS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="D9E1F2")
        cell.alignment = Alignment(vertical="center")
    for r in rows:
        ws.append(r.cells())
        row = ws.max_row
        fill = VERDICT_FILLS.get(r.verdict)
        if fill:
            ws.cell(row=row, column=3).fill = PatternFill("solid", fgColor=fill)
        ws.cell(row=row, column=7).alignment = Alignment(wrap_text=True, vertical="top")
        if r.report_html:
            link = ws.cell(row=row, column=8)
            link.hyperlink = hyperlink_target(r.report_html)
            link.font = Font(color="0563C1", underline="single")
    for i, width in enumerate(COLUMN_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    last_col = get_column_letter(len(HEADERS))
    ws.auto_filter.ref = f"A1:{last_col}{max(ws.max_row, 1)}"
    _replace_atomically(path, lambda tmp: wb.save(tmp))


def write_triage(rows: list[TriageRow], out_dir: Path) -> tuple[Path, Path]:
    ordered = sort_worst_first(rows)
    xlsx, csv_path = out_dir / "triage.xlsx", out_dir / "triage.csv"
    write_xlsx(ordered, xlsx)
    write_csv(ordered, csv_path)
    return xlsx, csv_path
