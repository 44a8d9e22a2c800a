"""效益类 evidence: a sales contract (text PDF, as exported from Word) and the
合同及金额汇总表 (XLSX), both for the product's sales."""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from samples.data_product.vendor import LINYI, PRODUCT_NAME, WEIFANG, ZIBO, UserCompany, Vendor
from samples.render.archive import pin_core_dates
from samples.render.fonts import reportlab_font


@dataclass(frozen=True)
class Sale:
    number: str
    buyer: UserCompany
    signed: str
    amount_yuan: int
    amount_words: str
    gateways: int


SALES = (
    Sale("LSZL-XS-2021-0517", WEIFANG, "2021年05月28日", 2_865_000, "贰佰捌拾陆万伍仟元整", 32),
    Sale("LSZL-XS-2021-0903", ZIBO, "2021年09月14日", 1_980_000, "壹佰玖拾捌万元整", 24),
    Sale("LSZL-XS-2022-0216", LINYI, "2022年02月22日", 3_126_000, "叁佰壹拾贰万陆仟元整", 40),
)


def _styles() -> tuple[ParagraphStyle, ParagraphStyle]:
    font = reportlab_font()
    title = ParagraphStyle("title", fontName=font, fontSize=18, leading=26, alignment=TA_CENTER)
    body = ParagraphStyle("body", fontName=font, fontSize=11, leading=19, wordWrap="CJK")
    return title, body


def contract_pdf(v: Vendor, sale: Sale = SALES[0]) -> bytes:
    title, body = _styles()
    amount = f"{sale.amount_yuan:,}.00"
    clauses = (
        f"合同编号：{sale.number}",
        f"甲方（采购方）：{sale.buyer.name}",
        f"乙方（供货方）：{v.name}",
        f"签订地点：{sale.buyer.city}　　签订日期：{sale.signed}",
        "甲乙双方根据《中华人民共和国民法典》及有关法律法规，经友好协商，就甲方采购乙方工业设备数据采集"
        "网关系统事宜达成如下条款，共同遵守。",
        f"第一条　合同标的：乙方向甲方提供{PRODUCT_NAME}一套，含边缘采集网关{sale.gateways}台、"
        "设备数据管理平台软件授权一套，以及安装调试、设备接入配置和人员培训服务。",
        f"第二条　合同金额：本合同总金额为人民币{amount}元（大写：{sale.amount_words}），含税及运输、"
        "安装调试费用。",
        "第三条　付款方式：合同签订后十个工作日内甲方支付合同金额的30%；设备到货验收合格后支付60%；"
        "系统稳定运行满一年后支付剩余10%。",
        "第四条　交付与验收：乙方于合同签订后30日内完成设备交付和安装调试，甲方在系统试运行15日后组织验收。",
        "第五条　质量保证：网关硬件质保期为三年，平台软件提供三年免费升级和远程运维服务。",
        "第六条　违约责任：任何一方未按约定履行义务的，应向守约方支付合同总金额5%的违约金；造成损失的，"
        "还应赔偿相应损失。",
        "第七条　争议解决：因本合同引起的争议，双方协商解决；协商不成的，提交甲方所在地人民法院诉讼解决。",
        "第八条　本合同一式四份，甲乙双方各执两份，自双方签字盖章之日起生效。",
    )
    story: list = [Paragraph("工业设备数据采集网关系统采购合同", title), Spacer(1, 6 * mm)]
    for clause in clauses:
        story += [Paragraph(clause, body), Spacer(1, 2 * mm)]
    story.append(Spacer(1, 10 * mm))
    sign = Table(
        [[Paragraph("甲方（盖章）：" + sale.buyer.name, body), Paragraph("乙方（盖章）：" + v.name, body)],
         [Paragraph("法定代表人或授权代表（签字）：", body), Paragraph("法定代表人或授权代表（签字）：", body)],
         [Paragraph("日期：" + sale.signed, body), Paragraph("日期：" + sale.signed, body)]],
        colWidths=[85 * mm, 85 * mm])
    sign.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story.append(sign)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm, topMargin=25 * mm,
                            bottomMargin=25 * mm, invariant=1, title="采购合同", author="", creator="Microsoft Word",
                            subject="")
    doc.build(story)
    return buf.getvalue()


def contract_summary_xlsx(v: Vendor) -> bytes:
    """产品销售合同及金额汇总表: one row per contract, amounts in 万元, a 合计 row."""
    wb = Workbook()
    ws = wb.active
    ws.title = "合同汇总"
    ws.append([f"{PRODUCT_NAME}销售合同及金额汇总表"])
    ws.merge_cells("A1:F1")
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append([f"填报单位：{v.name}", None, None, None, "单位：万元", None])
    ws.append(["序号", "合同编号", "客户名称", "签订日期", "合同金额(万元)", "备注"])
    for n, s in enumerate(SALES, start=1):
        ws.append([n, s.number, s.buyer.name, s.signed, round(s.amount_yuan / 10_000, 2), "已验收"])
    ws.append(["合计", None, None, None, round(sum(s.amount_yuan for s in SALES) / 10_000, 2), None])
    for col, width in zip("ABCDEF", (8, 22, 30, 18, 16, 10)):
        ws.column_dimensions[col].width = width
    fixed = datetime(2022, 12, 14, 16, 0, 0)
    wb.properties.creator = v.contact_name
    wb.properties.lastModifiedBy = v.contact_name
    wb.properties.created = fixed
    wb.properties.modified = fixed
    buf = io.BytesIO()
    wb.save(buf)
    return pin_core_dates(buf.getvalue(), fixed)
