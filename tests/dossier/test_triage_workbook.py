"""The batch's triage workbook as a worklist, built from real reports of generated sample
dossiers: the 材料汇总 and 问题明细 sheets, the reviewer's 状态 drop-down, infos kept out of
主要问题, the licence's company name, old resume-state rows, and notes kept on a re-run."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest

from dossier.triage_workbook import (CSV_HEADERS, DETAIL_HEADERS, DETAIL_SHEET, HEADERS,
                                     STATUS_CHOICES, SUMMARY_SHEET, TriageRow, row_from_report,
                                     write_triage)
from models import Report

PROGRAM = "sd-chenxing-2022"
NAMES = ("clean", "inconsistent", "star_narrative")


@pytest.fixture(scope="module")
def reports(run_sample) -> dict[str, Report]:  # type: ignore[no-untyped-def]
    # The session's runs of the samples (tests/dossier/conftest.py): checked once for all.
    out: dict[str, Report] = {name: run_sample(PROGRAM, name).report for name in NAMES}
    assert set(out) == set(NAMES)
    return out


def _rows(reports: dict[str, Report]) -> list[TriageRow]:
    return [row_from_report(n, r, f"reports/{n}.html", f"reports/{n}.json") for n, r in reports.items()]


def _sheet(ws: openpyxl.worksheet.worksheet.Worksheet) -> list[dict[str, object]]:
    header = [c.value for c in ws[1]]
    return [dict(zip(header, (c.value for c in r))) for r in ws.iter_rows(min_row=2)]


def _status_validations(ws: openpyxl.worksheet.worksheet.Worksheet) -> list[str]:
    col = next(c.column_letter for c in ws[1] if c.value == "状态")
    return [str(dv.sqref) for dv in ws.data_validations.dataValidation
            if dv.type == "list" and all(s in (dv.formula1 or "") for s in STATUS_CHOICES)
            and str(dv.sqref).startswith(f"{col}2:{col}")]


def test_workbook_is_a_worklist(reports: dict[str, Report], tmp_path: Path) -> None:
    xlsx, csv_path = write_triage(_rows(reports), tmp_path)
    wb = openpyxl.load_workbook(xlsx)
    assert wb.sheetnames == [SUMMARY_SHEET, DETAIL_SHEET]
    summary, detail = wb[SUMMARY_SHEET], wb[DETAIL_SHEET]
    assert [c.value for c in summary[1]] == list(HEADERS)
    assert [c.value for c in detail[1]] == list(DETAIL_HEADERS)
    for ws in (summary, detail):
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:{ws.cell(row=1, column=ws.max_column).column_letter}{ws.max_row}"
        assert _status_validations(ws) == [f"{ws['A1'].offset(column=ws.max_column - 2).column_letter}2:"
                                           f"{ws['A1'].offset(column=ws.max_column - 2).column_letter}"
                                           f"{ws.max_row}"]

    rows = {r["材料名称"]: r for r in _sheet(summary)}
    assert [r["材料名称"] for r in _sheet(summary)][0] == "inconsistent"  # the only one with errors
    for name, report in reports.items():
        row = rows[name]
        assert row["结论"] == {"ready": "材料齐全", "needs_fixes": "需要补正"}[report.summary.verdict.value]
        assert (row["错误数"], row["警告数"]) == (report.summary.errors, report.summary.warnings)
        assert row["统一社会信用代码"] == report.fields["uscc"].value
        assert row["状态"] == "待审核" and row["备注"] is None

    # 主要问题: errors and warnings only; the level estimate (an info) never appears there.
    clean = reports["clean"]
    infos = [f.message for f in clean.findings if f.severity.value == "info"]
    warnings = [f.message for f in clean.findings if f.severity.value == "warning"]
    assert infos and warnings
    assert all(m not in str(rows["clean"]["主要问题"]) for m in infos)
    assert all(m in str(rows["clean"]["主要问题"]) for m in warnings)

    # The declaration of `inconsistent` misnames the company; the licence's name is listed.
    readings = {r.source: r.value for r in reports["inconsistent"].fields["company_name"].readings}
    assert readings["declaration"] != readings["business_license"]
    assert rows["inconsistent"]["企业名称"] == readings["business_license"]
    link = summary.cell(row=2, column=HEADERS.index("报告文件") + 1).hyperlink
    assert link is not None and link.target == "reports/inconsistent.html"

    # 问题明细: one row per finding, in Chinese severities, infos after every error and warning.
    found = _sheet(detail)
    assert len(found) == sum(len(r.findings) for r in reports.values())
    severities = [r["严重程度"] for r in found]
    assert set(severities) == {"错误", "警告", "提示"}
    first_info = severities.index("提示")
    assert all(s == "提示" for s in severities[first_info:])
    for name, report in reports.items():
        mine = [r for r in found if r["材料"] == name]
        assert sorted(str(r["问题代码"]) for r in mine) == sorted(f.code.value for f in report.findings)
        assert {r["说明"] for r in mine} == {f.message for f in report.findings}
        assert all(r["企业名称"] == rows[name]["企业名称"] for r in mine)
    estimate = next(r for r in found if r["问题代码"] == "LEVEL_ESTIMATE")
    assert estimate["严重程度"] == "提示"
    seal = next(r for r in found if r["问题代码"] == "EMBEDDED_SEAL")
    assert seal["文件"] and isinstance(seal["页码"], int)
    with_req = [(r, f) for r in found for f in reports[str(r["材料"])].findings
                if f.message == r["说明"] and f.requirement]
    titles = {q.id: q.title for rep in reports.values() for q in rep.requirements}
    for r, f in with_req:
        assert str(r["要求/指标"]).startswith(str(f.requirement))
        if titles.get(str(f.requirement)):
            assert titles[str(f.requirement)] in str(r["要求/指标"])
    assert detail.cell(row=2, column=DETAIL_HEADERS.index("报告链接") + 1).hyperlink is not None

    # The CSV: one row per dossier, the summary's columns without the reviewer's, USCC last.
    with csv_path.open(encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    assert table[0] == list(CSV_HEADERS) and table[0][-1] == "统一社会信用代码"
    assert [r[0] for r in table[1:]] == [r["材料名称"] for r in _sheet(summary)]
    assert table[1][-1] == reports["inconsistent"].fields["uscc"].value


def test_old_state_rows_load_and_get_their_findings_from_the_report(reports: dict[str, Report],
                                                                    tmp_path: Path) -> None:
    new = _rows(reports)
    assert [TriageRow.from_dict(json.loads(json.dumps(r.as_dict()))) for r in new] == new
    # A row as an older batch stored it in its resume state: no USCC, no findings.
    old_keys = ("name", "company", "verdict", "errors", "warnings", "infos", "top_issues",
                "report_html", "report_json")
    old = [TriageRow.from_dict({k: r.as_dict()[k] for k in old_keys}) for r in new]
    assert all(r.findings is None and r.uscc == "" for r in old)
    (tmp_path / "reports").mkdir()
    for name, report in reports.items():
        if name != "clean":  # a report gone missing: the row is listed as it is
            (tmp_path / "reports" / f"{name}.json").write_text(report.model_dump_json(),
                                                                encoding="utf-8")
    xlsx, _ = write_triage(old, tmp_path)
    wb = openpyxl.load_workbook(xlsx)
    assert len(_sheet(wb[SUMMARY_SHEET])) == 3
    found = _sheet(wb[DETAIL_SHEET])
    assert len(found) == len(reports["inconsistent"].findings) + len(reports["star_narrative"].findings)
    assert {r["材料"] for r in found} == {"inconsistent", "star_narrative"}


def test_rerun_keeps_the_reviewers_status_and_notes(reports: dict[str, Report], tmp_path: Path) -> None:
    rows = _rows(reports)
    xlsx, _ = write_triage(rows, tmp_path)
    wb = openpyxl.load_workbook(xlsx)
    summary, detail = wb[SUMMARY_SHEET], wb[DETAIL_SHEET]
    s_col, r_col = HEADERS.index("状态") + 1, HEADERS.index("备注") + 1
    summary.cell(row=2, column=s_col).value = "需补正"
    summary.cell(row=2, column=r_col).value = "已电话通知企业"
    ds_col, dr_col = DETAIL_HEADERS.index("状态") + 1, DETAIL_HEADERS.index("备注") + 1
    detail.cell(row=2, column=ds_col).value = "已通过"
    detail.cell(row=2, column=dr_col).value = "执照为准"
    key = [c.value for c in detail[2]][:8]
    wb.save(xlsx)

    write_triage(rows, tmp_path)
    wb = openpyxl.load_workbook(xlsx)
    summary, detail = wb[SUMMARY_SHEET], wb[DETAIL_SHEET]
    assert [c.value for c in summary[2]][s_col - 1:] == ["需补正", "已电话通知企业"]
    assert [c.value for c in summary[3]][s_col - 1:] == ["待审核", None]
    again = next(r for r in detail.iter_rows(min_row=2, values_only=True) if list(r[:8]) == key)
    assert list(again[ds_col - 1:]) == ["已通过", "执照为准"]
