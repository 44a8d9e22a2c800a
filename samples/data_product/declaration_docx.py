"""The 数据赋能优秀产品申报书 as an applicant fills it in Word.

Layout follows 附件2 of 鲁工信数据〔2022〕263号: title and cover lines, 填表说明, then
一、申报单位基本情况 (label/value table; 联系人 merged down column 0), 二、申报产品整体情况
(label column, one value cell per row; the narrative boxes 产品简介 … 应用成效 are rows of it),
三、证明材料 and 四、其他. The 真实性承诺 page is not in the Word file: applicants print it,
sign and stamp it, and upload the scan (see ``pledge_scan``).
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

from docx.document import Document as DocxDocument
from docx.enum.table import WD_ALIGN_VERTICAL
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Mm
from docx.table import _Cell

from samples.render.docx import a4_document, add_heading, add_title
from samples.data_product import vendor as v
from samples.render.archive import normalize_zip

TITLE = "山东省“数据赋能”优秀产品申报书"
FILL_DATE = "2022年12月15日"

INSTRUCTIONS = (
    "1. 本申报表由山东省工业和信息化厅统一编制。",
    "2. 填写申报表时用宋体、小四号字体填写；正文内容用仿宋、3号字体填写，单倍行距。",
    "3. 申报企业需要准备提交的材料包括申请表及配套证明材料。请按要求在申报表上统一签字并加盖公章。",
    "4. 如有任何疑问，可致电或发送电子邮件咨询。",
    "5. 本表仅可填写一款产品，多款产品请填写多款申报表",
)
CATEGORY_NOTES = (
    "1. 数据采集类产品：指设备的数字化改造升级软硬件产品",
    "2. 数据传输类产品：指提供企业内外网改造、数据解析节点建设和应用的软硬件服务产品",
    "3. 数据存储类产品：指可以提供边缘云、企业数据安全防护的软硬件产品",
    "4. 数据管理类产品：指可以提供DCMM能力咨询服务、企业数据管理(EDM)系统推广的服务产品",
    "5. 数据应用类产品：指可以提供为工艺优化、设备运维、精准营销等企业场景提供数据驱动的智能产品",
)
EVIDENCE = (
    ("（一）单位证明（必要项）", "单位统一社会信用代码注册登记证（照）、法人身份证。"),
    ("（二）荣誉类", "产品所获国家级、省部级、市厅级等政府授予的表彰。"),
    ("（三）资质类", "产品所持的第三方专业机构测评报告、自评报告、产品登记证书等（若内容多，可复印关键部分）。"),
    ("（四）研发类", "产品所持的发明专利、软著、查新报告、成果鉴定等（若内容多，可复印关键部分）。"),
    ("（五）效益类", "产品相关售卖合同及金额汇总表、审计报告、用户评价等。（若提供用户评价需加盖用户单位公章）"),
)


@dataclass(frozen=True)
class DeclarationData:
    """What the applicant wrote; a defect changes one of these."""

    company_name: str
    uscc: str
    registered_capital: str
    categories: frozenset[str]
    product_name: str
    profile: str
    cases: tuple[str, ...]
    vendor: v.Vendor = v.LUSHU

    @classmethod
    def clean(cls) -> DeclarationData:
        return cls(company_name=v.LUSHU.name, uscc=v.LUSHU.uscc,
                   registered_capital=str(v.LUSHU.capital_wan),
                   categories=frozenset({v.CATEGORY}), product_name=v.PRODUCT_NAME,
                   profile=v.PROFILE, cases=v.CASES)




def boxes(labels: tuple[str, ...], ticked: frozenset[str]) -> str:
    return "   ".join(("☑" if lab in ticked else "□") + lab for lab in labels)


def _fill(cell: _Cell, text: str | tuple[str, ...], label: bool = False) -> None:
    """Write one paragraph per item; label cells are centred."""
    paras = (text,) if isinstance(text, str) else text
    first = cell.paragraphs[0]
    for i, para in enumerate(paras):
        p = first if i == 0 else cell.add_paragraph()
        if para:
            p.add_run(para)
        if label:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER


def _grid(doc: DocxDocument, rows: int, widths_mm: tuple[float, ...]):  # type: ignore[no-untyped-def]
    table = doc.add_table(rows=rows, cols=len(widths_mm))
    table.style = "Table Grid"
    table.autofit = False
    for r in range(rows):
        for c, w in enumerate(widths_mm):
            table.cell(r, c).width = Mm(w)
    return table


def _basic_info(doc: DocxDocument, d: DeclarationData) -> None:
    c = d.vendor
    t = _grid(doc, 9, (16, 30, 52, 28, 44))
    single = (("单位名称", d.company_name), ("单位性质", boxes(v.OWNERSHIP, frozenset({c.ownership}))),
              ("注册地址", c.address))
    for r, (label, value) in enumerate(single):
        _fill(t.cell(r, 0).merge(t.cell(r, 1)), label, label=True)
        _fill(t.cell(r, 2).merge(t.cell(r, 4)), value)
    established = f"{c.established.year}年{c.established.month:02d}月{c.established.day:02d}日"
    pairs = ((3, "统一社会信用代码", d.uscc, "注册资本(万元)", d.registered_capital),
             (4, "成立日期", established, "单位规模(人)", str(c.employees)))
    for r, l1, v1, l2, v2 in pairs:
        _fill(t.cell(r, 0).merge(t.cell(r, 1)), l1, label=True)
        _fill(t.cell(r, 2), v1)
        _fill(t.cell(r, 3), l2, label=True)
        _fill(t.cell(r, 4), v2)
    _fill(t.cell(5, 0).merge(t.cell(5, 1)), "聚焦服务行业", label=True)
    _fill(t.cell(5, 2).merge(t.cell(5, 4)), c.industry)
    contacts = (("姓名", c.contact_name, "电话", c.contact_phone),
                ("职务", c.contact_title, "手机", c.contact_mobile),
                ("传真", c.contact_fax, "E-mail", c.contact_email))
    for k, row in enumerate(contacts):
        for col, text in enumerate(row, start=1):
            _fill(t.cell(6 + k, col), text, label=(col % 2 == 1))
    _fill(t.cell(6, 0).merge(t.cell(8, 0)), "联系人", label=True)


def _product(doc: DocxDocument, d: DeclarationData) -> None:
    rows: tuple[tuple[str, str | tuple[str, ...]], ...] = (
        ("申报产品类别", boxes(v.CATEGORIES, d.categories)),
        ("注", CATEGORY_NOTES),
        ("产品名称", d.product_name),
        ("产品简介", d.profile),
        ("总体方案", v.OVERALL_PLAN),
        ("赋能案例", d.cases),
        ("创新经验", v.INNOVATION),
        ("应用成效", v.EFFECTIVENESS),
    )
    t = _grid(doc, len(rows), (26, 144))
    for r, (label, value) in enumerate(rows):
        _fill(t.cell(r, 0), label, label=True)
        _fill(t.cell(r, 1), value)


def declaration_docx(d: DeclarationData) -> bytes:
    doc = a4_document("宋体")  # 小四

    add_title(doc, TITLE, 22)
    for line in (f"申报单位（盖章）：{d.company_name}", f"申报类别：{v.CATEGORY}",
                 f"法人代表（签名）：{d.vendor.legal_rep.name}", f"填报日期：{FILL_DATE}"):
        doc.add_paragraph(line)
    for line in ("山东省工业和信息化厅编制", "二〇二二年十二月"):
        doc.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    add_heading(doc, "填表说明")
    for line in INSTRUCTIONS:
        doc.add_paragraph(line)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    add_heading(doc, "一、申报单位基本情况")
    _basic_info(doc, d)
    add_heading(doc, "二、申报产品整体情况")
    _product(doc, d)
    add_heading(doc, "三、证明材料（复印件需加盖公章）")
    for head, body in EVIDENCE:
        doc.add_paragraph(head)
        doc.add_paragraph(body)
    add_heading(doc, "四、其他")
    doc.add_paragraph("可根据实际情况补充。（如产品演示、测试的视频材料等）")

    props = doc.core_properties
    props.author = d.vendor.contact_name
    props.last_modified_by = d.vendor.contact_name
    props.title = ""
    props.comments = ""
    props.created = datetime(2022, 12, 13, 10, 20, 0)
    props.modified = datetime(2022, 12, 15, 17, 5, 0)
    props.revision = 4
    buf = io.BytesIO()
    doc.save(buf)
    return normalize_zip(buf.getvalue())
