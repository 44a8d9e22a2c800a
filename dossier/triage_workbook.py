"""The batch's triage list as a reviewer's worklist: an Excel workbook with one row per
dossier, worst first (「材料汇总」), and one row per finding (「问题明细」), each with a 状态
drop-down and a 备注 column; and a CSV, one row per dossier, that scripts read and Excel
opens with the Chinese intact (UTF-8 with BOM)."""
from __future__ import annotations

import csv
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from extractor.filenames import display_name, escape_controls, has_surrogates
from models import Report
from models.document import DocumentKind

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

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
SEVERITY_LABELS: dict[str, str] = {"error": "错误", "warning": "警告", "info": "提示"}
SEVERITY_FILLS: dict[str, str] = {"error": "F8CBAD", "warning": "FFE699", "info": "EDEDED"}
_SEVERITY_RANK: dict[str, int] = {"error": 0, "warning": 1, "info": 2}

SUMMARY_SHEET = "材料汇总"
DETAIL_SHEET = "问题明细"
# The CSV's columns; USCC came later, so it is last and scripts reading by position keep working.
CSV_HEADERS: tuple[str, ...] = ("材料名称", "企业名称", "结论", "错误数", "警告数", "提示数",
                                "主要问题", "报告文件", "统一社会信用代码")
STATUS_HEADER, REMARK_HEADER = "状态", "备注"
STATUS_CHOICES: tuple[str, ...] = ("待审核", "需补正", "已通过", "不通过")
REVIEW_HEADERS: tuple[str, ...] = (STATUS_HEADER, REMARK_HEADER)
# Sheet 「材料汇总」: the CSV's columns, then the reviewer's.
HEADERS: tuple[str, ...] = CSV_HEADERS + REVIEW_HEADERS
COLUMN_WIDTHS: tuple[int, ...] = (30, 34, 14, 8, 8, 8, 90, 34, 22, 10, 40)
DETAIL_HEADERS: tuple[str, ...] = ("材料", "企业名称", "问题代码", "严重程度", "要求/指标", "说明",
                                   "文件", "页码", "摘录", "报告链接") + REVIEW_HEADERS
DETAIL_WIDTHS: tuple[int, ...] = (26, 30, 22, 9, 30, 70, 30, 6, 40, 16, 10, 40)
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
class TriageFinding:
    """One finding as the worklist shows it; stored in the batch's resume state, so kept small."""

    code: str
    severity: str  # models.Severity value
    message: str
    requirement: str = ""  # requirement id
    requirement_title: str = ""
    path: str = ""
    page: int | None = None
    excerpt: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TriageFinding:
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS.get(self.severity, self.severity)

    @property
    def requirement_label(self) -> str:
        return " ".join(x for x in (self.requirement, self.requirement_title) if x)


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
    uscc: str = ""
    # None: a row from a state written before findings were kept (see write_triage).
    findings: list[TriageFinding] | None = None

    @property
    def verdict_label(self) -> str:
        return VERDICT_LABELS.get(self.verdict, self.verdict)

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> TriageRow:
        row = cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})
        if row.findings is not None:
            row.findings = [f if isinstance(f, TriageFinding) else TriageFinding.from_dict(f)
                            for f in row.findings]
        return row

    def cells(self) -> list[str | int]:
        """The row as written to the CSV and the summary sheet: names with control
        characters shown as escapes, undecodable bytes decoded or U+FFFD, nothing openpyxl
        refuses."""
        return [escape_controls(self.name), cell_text(self.company), cell_text(self.verdict_label),
                self.errors, self.warnings, self.infos,
                cell_text("；".join(self.top_issues)), escape_controls(self.report_html),
                cell_text(self.uscc)]


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


def _field_text(report: Report, key: str) -> str:
    """The field as the business licence reads it when the report has that reading (the
    registered identity, which the list and the declaration must follow), else the
    report's value."""
    fr = report.fields.get(key)
    if fr is None:
        return ""
    licence = next((r for r in fr.readings if r.source == DocumentKind.business_license.value), None)
    for value in ((licence.value, licence.normalized) if licence else ()) + (fr.value, fr.normalized):
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _ordered_findings(report: Report) -> list[TriageFinding]:
    titles = {r.id: r.title for r in report.requirements}
    # Worst first; an unreadable file explains an unreadable verdict better than the
    # missing attachments that follow from it.
    ordered = sorted(report.findings, key=lambda f: (_SEVERITY_RANK.get(f.severity.value, 3),
                                                     f.code.value != "UNREADABLE_FILE"))
    out: list[TriageFinding] = []
    for f in ordered:
        loc = f.locations[0] if f.locations else None
        out.append(TriageFinding(
            code=f.code.value, severity=f.severity.value, message=f.message,
            requirement=f.requirement or "", requirement_title=titles.get(f.requirement or "", ""),
            path=loc.path if loc else "", page=loc.page if loc else None,
            excerpt=(loc.excerpt or "") if loc else ""))
    return out


def row_from_report(name: str, report: Report, report_html: str, report_json: str) -> TriageRow:
    findings = _ordered_findings(report)
    # 主要问题 is what must be fixed: an info (a level estimate, a note) is not a problem.
    issues = [f.message for f in findings if f.severity in ("error", "warning")][:TOP_FINDINGS]
    s = report.summary
    return TriageRow(name=name, company=_field_text(report, "company_name"),
                     verdict=s.verdict.value, errors=s.errors, warnings=s.warnings,
                     infos=s.infos, top_issues=issues, report_html=report_html,
                     report_json=report_json, uscc=_field_text(report, "uscc"), findings=findings)


def sort_worst_first(rows: list[TriageRow]) -> list[TriageRow]:
    """Unreadable dossiers first (nothing was judged), then most errors, most warnings."""
    return sorted(rows, key=lambda r: (r.verdict != "unreadable", -r.errors, -r.warnings,
                                       -r.infos, r.name))


def replace_atomically(target: Path, write: Callable[[Path], object]) -> None:
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
            w.writerow(CSV_HEADERS)
            for r in rows:
                w.writerow(r.cells())
    replace_atomically(path, write)


# ------------------------------------------------------------------ the workbook

def _reviewer_notes(path: Path) -> tuple[dict[tuple[str, ...], tuple[Any, Any]],
                                         dict[tuple[str, ...], tuple[Any, Any]]]:
    """(状态, 备注) the reviewer entered in the previous workbook, by dossier and by finding:
    a re-run of the batch must not wipe the work done on the list."""
    by_dossier: dict[tuple[str, ...], tuple[Any, Any]] = {}
    by_finding: dict[tuple[str, ...], tuple[Any, Any]] = {}
    if not path.is_file():
        return by_dossier, by_finding
    try:
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True)
    except Exception:  # noqa: BLE001 - an unreadable old list only loses its notes
        return by_dossier, by_finding
    try:
        for title, keys, out in ((SUMMARY_SHEET, ("材料名称",), by_dossier),
                                 (DETAIL_SHEET, ("材料", "问题代码", "说明", "文件", "页码"), by_finding)):
            if title not in wb.sheetnames:
                continue
            rows = wb[title].iter_rows(values_only=True)
            header = [str(h or "") for h in next(rows, ())]
            if not all(k in header for k in (*keys, *REVIEW_HEADERS)):
                continue
            at = [header.index(k) for k in keys]
            s, r = header.index(STATUS_HEADER), header.index(REMARK_HEADER)
            for values in rows:
                cells = list(values) + [None] * len(header)
                key = tuple("" if cells[i] is None else str(cells[i]) for i in at)
                if cells[s] not in (None, "", STATUS_CHOICES[0]) or cells[r] not in (None, ""):
                    out[key] = (cells[s], cells[r])
    finally:
        wb.close()
    return by_dossier, by_finding


def _style_header(ws: Worksheet, widths: Iterable[int]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="D9E1F2")
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(ws.max_column)}{max(ws.max_row, 1)}"


def _status_dropdown(ws: Worksheet, column: int) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(type="list", formula1='"' + ",".join(STATUS_CHOICES) + '"',
                        allow_blank=True, showErrorMessage=True, errorTitle="状态",
                        error="请从下拉列表中选择：" + "、".join(STATUS_CHOICES))
    ws.add_data_validation(dv)
    letter = get_column_letter(column)
    dv.add(f"{letter}2:{letter}{max(ws.max_row, 2)}")


def _link(cell: Any, target: str) -> None:
    from openpyxl.styles import Font

    cell.hyperlink = hyperlink_target(target)
    cell.font = Font(color="0563C1", underline="single")


def write_xlsx(rows: list[TriageRow], path: Path, title: str = SUMMARY_SHEET) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    old_rows, old_findings = _reviewer_notes(path)
    wrap = Alignment(wrap_text=True, vertical="top")
    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append(list(HEADERS))
    n_csv = len(CSV_HEADERS)
    for r in rows:
        status, remark = old_rows.get((escape_controls(r.name),), (STATUS_CHOICES[0], None))
        ws.append([*r.cells(), status, remark])
        row = ws.max_row
        fill = VERDICT_FILLS.get(r.verdict)
        if fill:
            ws.cell(row=row, column=3).fill = PatternFill("solid", fgColor=fill)
        for col in (1, 2, 7, n_csv + 2):
            ws.cell(row=row, column=col).alignment = wrap
        if r.report_html:
            _link(ws.cell(row=row, column=8), r.report_html)
    _style_header(ws, COLUMN_WIDTHS)
    _status_dropdown(ws, n_csv + 1)

    wd = wb.create_sheet(DETAIL_SHEET)
    wd.append(list(DETAIL_HEADERS))
    # Errors and warnings of every dossier, worst dossier first, then the infos (level
    # estimates, notes), which ask for no fix.
    entries = [(r, f) for r in rows for f in (r.findings or [])]
    entries.sort(key=lambda e: e[1].severity == "info")
    for r, f in entries:
        values: list[Any] = [escape_controls(r.name), cell_text(r.company), f.code, f.severity_label,
                             cell_text(f.requirement_label), cell_text(f.message),
                             escape_controls(f.path), f.page, cell_text(f.excerpt),
                             "打开报告" if r.report_html else ""]
        key = tuple("" if values[i] is None else str(values[i]) for i in (0, 2, 5, 6, 7))
        wd.append([*values, *old_findings.get(key, (STATUS_CHOICES[0], None))])
        row = wd.max_row
        sev = wd.cell(row=row, column=4)
        if f.severity in SEVERITY_FILLS:
            sev.fill = PatternFill("solid", fgColor=SEVERITY_FILLS[f.severity])
        if f.severity == "info":
            for col in range(1, 11):
                wd.cell(row=row, column=col).font = Font(color="7F7F7F")
        for col in (1, 2, 5, 6, 7, 9, len(DETAIL_HEADERS)):
            wd.cell(row=row, column=col).alignment = wrap
        if r.report_html:
            _link(wd.cell(row=row, column=10), r.report_html)
    _style_header(wd, DETAIL_WIDTHS)
    _status_dropdown(wd, len(DETAIL_HEADERS) - 1)
    replace_atomically(path, lambda tmp: wb.save(tmp))


def _with_findings(row: TriageRow, out_dir: Path) -> TriageRow:
    """A row from an older batch state (no findings kept) rebuilt from its JSON report, so
    that 问题明细 lists its findings too; as it was when the report cannot be read."""
    if row.findings is not None or not row.report_json:
        return row
    try:
        report = Report.model_validate_json((out_dir / row.report_json).read_bytes())
    except (OSError, ValueError):
        return row
    return row_from_report(row.name, report, row.report_html, row.report_json)


def write_triage(rows: list[TriageRow], out_dir: Path) -> tuple[Path, Path]:
    ordered = sort_worst_first([_with_findings(r, out_dir) for r in rows])
    xlsx, csv_path = out_dir / "triage.xlsx", out_dir / "triage.csv"
    write_xlsx(ordered, xlsx)
    write_csv(ordered, csv_path)
    return xlsx, csv_path
