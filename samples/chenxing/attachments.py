"""Optional and supporting attachments: honours certificate, equity structure, other proof."""
from __future__ import annotations

import io
from datetime import datetime

import numpy as np
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from samples.chenxing.company_profile import Company
from samples.render.docx import save_docx, sign_off
from samples.render.fonts import reportlab_font
from samples.render.scan import jpeg_bytes, scanned_look
from samples.render.seal import seal_mask, stamp
from samples.render.text import draw_centered, draw_text, text_width, wrap

GOLD = (176, 134, 58)
CERT_RED = (178, 30, 36)


def render_honour(c: Company, seed: int) -> Image.Image:
    """荣誉证书, photographed slightly askew on a desk."""
    rng = np.random.default_rng(seed)
    w, h = 1754, 1240
    img = Image.new("RGB", (w, h), (253, 249, 238))
    draw = ImageDraw.Draw(img)
    draw.rectangle((30, 30, w - 30, h - 30), outline=GOLD, width=14)
    draw.rectangle((62, 62, w - 62, h - 62), outline=GOLD, width=3)
    for k in range(80, w - 80, 40):  # a simple running ornament along top and bottom
        draw.arc((k, 70, k + 40, 100), 0, 180, fill=GOLD, width=2)
        draw.arc((k, h - 100, k + 40, h - 70), 180, 360, fill=GOLD, width=2)
    draw_centered(draw, w / 2, 150, "荣誉证书", 120, fill=CERT_RED, tracking=40, bold=True)
    x0, x1 = 220, w - 220
    y = 390
    draw_text(draw, (x0, y), f"{c.name}：", 48)
    y += 100
    for line in wrap("　　" + c.honour.body, 48, x1 - x0):
        draw_text(draw, (x0, y), line, 48)
        y += 78
    draw_text(draw, (x0 + 96, y), "特发此证。", 48)
    draw_text(draw, (x0, h - 230), f"证书编号：{c.honour.number}", 32)
    right = x1
    draw_text(draw, (right - text_width(c.honour.issuer, 44), h - 330), c.honour.issuer, 44)
    draw_text(draw, (right - text_width(c.honour.issued, 44) - 30, h - 250), c.honour.issued, 44)
    mask = seal_mask(340, c.honour.issuer, rng)
    stamp(img, mask, (right - 200, h - 280), rotation=float(rng.uniform(-12, 12)))
    return scanned_look(img, rng, max_skew_deg=1.2, noise_sigma=7.0, blur=0.8, paper=(250, 246, 236),
                        vignette=0.18)


def honour_jpeg(c: Company, seed: int) -> bytes:
    return jpeg_bytes(render_honour(c, seed), quality=84)


def equity_docx(c: Company) -> bytes:
    """股权结构 table whose amounts add up to the registered capital."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("企业股权结构")
    run.bold = True
    run.font.size = Pt(16)
    doc.add_paragraph(f"企业名称：{c.name}")
    doc.add_paragraph(f"注册资本：{c.capital_wan}万元")
    doc.add_paragraph("截至2022年11月30日，公司股东及出资情况如下：")
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("序号", "股东名称", "出资方式", "出资额(万元)", "持股比例")):
        cell.text = text
    for n, s in enumerate(c.shareholders, start=1):
        cells = table.add_row().cells
        share = s.amount_wan * 10000 // c.capital_wan  # basis points
        for cell, text in zip(cells, (str(n), s.name, s.method, str(s.amount_wan), f"{share // 100}.{share % 100:02d}%")):
            cell.text = text
    cells = table.add_row().cells
    total = sum(s.amount_wan for s in c.shareholders)
    for cell, text in zip(cells, ("合计", "", "", str(total), "100.00%")):
        cell.text = text
    sign_off(doc, c.name, "2022年12月15日")
    return save_docx(doc, author=c.contact.name, created=datetime(2022, 12, 13, 14, 5, 0),
                     modified=datetime(2022, 12, 13, 14, 31, 0), revision=2)


def tax_proof_pdf(c: Company, password: str | None = None) -> bytes:
    """A short 纳税情况说明 (text PDF); with a password it cannot be opened by the checker."""
    font = reportlab_font()
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=1, encrypt=password)
    pdf.setTitle("纳税情况说明")
    pdf.setFont(font, 20)
    pdf.drawCentredString(A4[0] / 2, A4[1] - 40 * mm, "纳税情况说明")
    pdf.setFont(font, 12)
    lines = [
        f"纳税人名称：{c.name}",
        f"纳税人识别号：{c.uscc}",
        "经查询金税三期税收管理系统，该纳税人2021年度纳税信用等级为A级，",
        "2022年1月至11月按期申报、足额缴纳各项税费，无欠税记录。",
    ]
    y = A4[1] - 60 * mm
    for line in lines:
        pdf.drawString(25 * mm, y, line)
        y -= 9 * mm
    pdf.drawRightString(A4[0] - 25 * mm, y - 20 * mm, f"国家税务总局{c.city}税务局")
    pdf.drawRightString(A4[0] - 30 * mm, y - 30 * mm, "2022年12月08日")
    pdf.showPage()
    pdf.save()
    return buf.getvalue()
