"""A city's 晨星工厂 recommendation list (附件3 推荐汇总表) for a generated batch, with
problems planted for `dossier audit-list` to find.

    python -m samples.audit.make_list BATCH_DIR OUTDIR [--unit 济南市工业和信息化局] [--pdf]

BATCH_DIR is the output of samples.batch.make_batch (its batch_manifest.json says which
company and industry each dossier has). OUTDIR receives the same list as
附件3_晨星工厂推荐汇总表.xlsx and .docx (and .pdf with --pdf), laid out as in 鲁工信数据〔2022〕263号 附件3
(序号, 企业名称, 所属行业, 建设地点, 备注), and planted.json with the findings expected.

Planted: one listed company without a dossier, one dossier left off the list, one row whose
所属行业 differs from its declaration, one company listed twice, one name written with
有限责任公司 for 有限公司 (matched, noted as info), one name with half-width brackets
(matched silently), and — when the list names fewer than 50 enterprises — the quota.
The batch's broken dossiers cannot be matched to anything and are expected as
DOSSIER_NOT_LISTED too. Expectations are exact for --ocr-free batches (names read from
DOCX); a scanned declaration's OCR may add a near-miss name warning.
"""
from __future__ import annotations

import argparse
import io
import json
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from samples.batch.make_batch import load_manifest
from samples.render.archive import FIXED_TIME, normalize_zip, pin_core_dates

TITLE = "山东省数字经济“晨星工厂”推荐汇总表"
HEADERS = ("序号", "企业名称", "所属行业", "建设地点", "备注")
QUOTA = 50  # 各市推荐数字经济“晨星工厂”不少于 50 家
MISSING_COMPANY = ("山东瑞祥电子科技有限公司",
                   "制造业-计算机、通信和其他电子设备制造业-电子元件及电子专用材料制造", "山东省济南市")
OTHER_INDUSTRY = "制造业-化学原料和化学制品制造业-专用化学产品制造"


@dataclass(frozen=True)
class ListRowSpec:
    company: str
    industry: str
    location: str
    remark: str = ""


def plan(manifest: dict) -> tuple[list[ListRowSpec], list[dict]]:
    """The rows of the list and the findings a correct audit reports for them."""
    entries = sorted(manifest["dossiers"], key=lambda e: e["index"])
    good = [e for e in entries if e["company"]]
    broken = [e for e in entries if not e["company"]]
    bracket = next((e for e in good if "（" in e["company"]), None)
    rest = [e for e in good if e is not bracket]
    if len(rest) < 4:
        raise ValueError("批次中至少需要 4 份可读的材料（不含带括号名称的一份）")
    suffix_e, industry_e, dup_e, omitted = rest[0], rest[1], rest[2], rest[-1]
    expected: list[dict] = []
    rows: list[ListRowSpec] = []
    for e in good:
        if e is omitted:
            continue
        company, industry = e["company"], e["industry"]
        if e is suffix_e:
            company = company.removesuffix("有限公司") + "有限责任公司"
            expected.append({"code": "LIST_MISMATCH", "severity": "info", "field": "company_name",
                             "dossier": e["name"], "company": company})
        if e is bracket:
            company = company.replace("（", "(").replace("）", ")")
        if e is industry_e:
            industry = OTHER_INDUSTRY
            expected.append({"code": "LIST_MISMATCH", "severity": "error", "field": "industry",
                             "dossier": e["name"], "company": company})
        rows.append(ListRowSpec(company, industry, f"山东省{e['city']}"))
    # The company without a dossier sits mid-list, the duplicate at the end.
    rows.insert(len(rows) // 2, ListRowSpec(*MISSING_COMPANY))
    expected.append({"code": "LIST_MISSING_DOSSIER", "severity": "error", "field": None,
                     "dossier": None, "company": MISSING_COMPANY[0]})
    rows.append(ListRowSpec(dup_e["company"], dup_e["industry"], f"山东省{dup_e['city']}", "重复填报"))
    expected.append({"code": "LIST_DUPLICATE", "severity": "error", "field": None,
                     "dossier": None, "company": dup_e["company"]})
    for e in [omitted, *broken]:
        expected.append({"code": "DOSSIER_NOT_LISTED", "severity": "warning", "field": None,
                         "dossier": e["name"], "company": e["company"]})
    enterprises = len(rows) - 1
    if enterprises < QUOTA:
        expected.append({"code": "LIST_QUOTA", "severity": "warning", "field": None,
                         "dossier": None, "company": None, "count": enterprises})
    return rows, expected


def write_xlsx(rows: list[ListRowSpec], path: Path, unit: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    wb = Workbook()
    ws = wb.active
    ws.title = "推荐汇总表"
    ws["A1"] = "附件3"
    ws["A2"] = TITLE
    ws.merge_cells("A2:E2")
    ws["A2"].font = Font(size=16, bold=True)
    ws["A2"].alignment = Alignment(horizontal="center")
    ws["A3"] = f"推荐单位：{unit}"
    ws.merge_cells("A3:C3")
    ws["D3"] = "填报人：王丽    联系方式：0531-86090000"
    ws.merge_cells("D3:E3")
    ws.append(list(HEADERS))
    thin = Side(style="thin")
    for n, r in enumerate(rows, start=1):
        ws.append([n, r.company, r.industry, r.location, r.remark])
    for row in ws.iter_rows(min_row=4, max_row=ws.max_row, max_col=len(HEADERS)):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for col, width in zip("ABCDE", (6, 34, 52, 18, 12)):
        ws.column_dimensions[col].width = width
    buf = io.BytesIO()
    wb.save(buf)
    # openpyxl stamps a new workbook's created and modified times with the clock.
    when = datetime(*FIXED_TIME)
    path.write_bytes(pin_core_dates(buf.getvalue(), when, created=when))


def write_docx(rows: list[ListRowSpec], path: Path, unit: str) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    d = docx.Document()
    d.add_paragraph("附件3")
    title = d.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(TITLE).bold = True
    d.add_paragraph(f"推荐单位：{unit}")
    d.add_paragraph("填报人：王丽")
    d.add_paragraph("联系方式：0531-86090000")
    table = d.add_table(rows=1 + len(rows), cols=len(HEADERS))
    table.style = "Table Grid"
    for c, h in enumerate(HEADERS):
        table.cell(0, c).text = h
    for n, r in enumerate(rows, start=1):
        for c, value in enumerate((str(n), r.company, r.industry, r.location, r.remark)):
            table.cell(n, c).text = value
    d.core_properties.author = "dossier-checker samples"
    buf = io.BytesIO()
    d.save(buf)
    path.write_bytes(normalize_zip(buf.getvalue()))


def write_pdf(rows: list[ListRowSpec], path: Path, unit: str) -> None:
    """A text PDF as a city office exports it from Word: ruled table, header repeated on
    every page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from samples.render.fonts import reportlab_font

    font = reportlab_font()
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=13)
    head = ParagraphStyle("head", fontName=font, fontSize=16, leading=22, alignment=1)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, invariant=1, title=TITLE)
    data: list[list] = [list(HEADERS)]
    data += [[str(n), Paragraph(r.company, body), Paragraph(r.industry, body), r.location, r.remark]
             for n, r in enumerate(rows, start=1)]
    table = Table(data, colWidths=[30, 150, 180, 90, 50], repeatRows=1)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font),
                               ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    doc.build([Paragraph("附件3", body), Paragraph(TITLE, head),
               Paragraph(f"推荐单位：{unit}", body), Paragraph("填报人：王丽", body),
               Paragraph("联系方式：0531-86090000", body), Spacer(1, 8), table])
    path.write_bytes(buf.getvalue())


LIST_STEM = "附件3_晨星工厂推荐汇总表"


def make_lists(batch_dir: Path, out_dir: Path, unit: str = "济南市工业和信息化局",
               pdf: bool = False) -> tuple[Path, Path, list[dict]]:
    """XLSX and DOCX (and with ``pdf`` a text PDF) of the same list, and the expected
    findings."""
    rows, expected = plan(load_manifest(batch_dir))
    out_dir.mkdir(parents=True, exist_ok=True)
    xlsx = out_dir / f"{LIST_STEM}.xlsx"
    docx_path = out_dir / f"{LIST_STEM}.docx"
    write_xlsx(rows, xlsx, unit)
    write_docx(rows, docx_path, unit)
    if pdf:
        write_pdf(rows, out_dir / f"{LIST_STEM}.pdf", unit)
    (out_dir / "planted.json").write_text(
        json.dumps({"batch": str(batch_dir), "rows": len(rows), "findings": expected},
                   ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return xlsx, docx_path, expected


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m samples.audit.make_list",
                                 description="为一批样例材料生成带有预设问题的晨星工厂推荐汇总表（XLSX 与 DOCX）")
    ap.add_argument("batch", type=Path, help="samples.batch.make_batch 生成的目录")
    ap.add_argument("out", type=Path, help="输出目录")
    ap.add_argument("--unit", default="济南市工业和信息化局", help="推荐单位")
    ap.add_argument("--pdf", action="store_true", help="另外生成一份文字版 PDF")
    args = ap.parse_args(argv)
    try:
        xlsx, docx_path, expected = make_lists(args.batch, args.out, args.unit, pdf=args.pdf)
    except (OSError, ValueError, KeyError) as e:
        print(f"无法生成推荐表：{e}", file=sys.stderr)
        return 2
    print(xlsx)
    print(docx_path)
    if args.pdf:
        print(args.out / f"{LIST_STEM}.pdf")
    print(f"预设问题 {len(expected)} 个，见 {args.out / 'planted.json'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
