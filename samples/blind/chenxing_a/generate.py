#!/usr/bin/env python
"""Blind dossier corpus for 山东省数字经济"晨星工厂" (2022 round, 鲁工信数据〔2022〕263号 附件1/附件5).

Writer: chenxing_a.  Deterministic: every random generator is seeded, no current time is written.
Usage: python generate.py OUT_DIR
"""
import io
import json
import math
import pathlib
import random
import re
import sys
import zipfile

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
import openpyxl
from openpyxl.styles import Alignment, Font, Border, Side
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.lib.utils import ImageReader

FONT_PATH = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
pdfmetrics.registerFont(TTFont("wqy", FONT_PATH, subfontIndex=0))

WRITER = "chenxing_a"
PROGRAM = "sd-chenxing-2022"

# ----------------------------------------------------------------------------------------------
# identifiers
# ----------------------------------------------------------------------------------------------
USCC_ALPHA = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc(first17):
    s = sum(USCC_ALPHA.index(c) * w for c, w in zip(first17, USCC_W))
    return first17 + USCC_ALPHA[(31 - s % 31) % 31]


def orgcode(d8):
    """组织机构代码 GB 11714-1997: weights 3 7 9 10 5 8 4 2, C9 = 11 - S mod 11 (10 -> X, 11 -> 0)."""
    c = 11 - sum(int(x) * w for x, w in zip(d8, [3, 7, 9, 10, 5, 8, 4, 2])) % 11
    return d8 + ("X" if c == 10 else "0" if c == 11 else str(c))


def uscc_ok(code):
    return len(code) == 18 and uscc(code[:17]) == code


def word_count(text):
    """Microsoft Word 字数: CJK char / full-width punct = 1, run of half-width alnum = 1,
    run of half-width symbols = 1, whitespace 0."""
    n = 0
    prev = None
    for ch in text:
        if ch.isspace():
            prev = None
            continue
        o = ord(ch)
        if o > 0x2E7F:
            n += 1
            prev = None
        elif ch.isascii() and ch.isalnum():
            if prev != "a":
                n += 1
            prev = "a"
        else:
            if ch.isascii():
                if prev != "s":
                    n += 1
                prev = "s"
            else:
                n += 1
                prev = None
    return n


# ----------------------------------------------------------------------------------------------
# images: seals, licence scans
# ----------------------------------------------------------------------------------------------
def _font(size):
    return ImageFont.truetype(FONT_PATH, size)


def seal_image(text, bottom="", size=420, color=(215, 30, 35)):
    """Red round seal drawn with Pillow (transparent background)."""
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    c = size / 2
    r = size / 2 - 8
    d.ellipse([c - r, c - r, c + r, c + r], outline=color + (235,), width=12)
    # star
    pts = []
    for i in range(10):
        ang = -math.pi / 2 + i * math.pi / 5
        rr = size * 0.14 if i % 2 == 0 else size * 0.055
        pts.append((c + rr * math.cos(ang), c + rr * math.sin(ang)))
    d.polygon(pts, fill=color + (235,))
    # arc text
    n = len(text)
    fs = int(size * 0.11) if n <= 14 else int(size * 0.095)
    f = _font(fs)
    span = min(250, 18 * n)
    start = -90 - span / 2
    for i, ch in enumerate(text):
        ang = start + span * (i + 0.5) / n
        rad = math.radians(ang)
        tr = r - fs * 0.85
        x = c + tr * math.cos(rad)
        y = c + tr * math.sin(rad)
        tile = Image.new("RGBA", (fs + 10, fs + 10), (0, 0, 0, 0))
        ImageDraw.Draw(tile).text((5, 0), ch, font=f, fill=color + (235,))
        tile = tile.rotate(-(ang + 90), resample=Image.BICUBIC, expand=True)
        img.alpha_composite(tile, (int(x - tile.width / 2), int(y - tile.height / 2)))
    if bottom:
        fb = _font(int(size * 0.075))
        w = d.textlength(bottom, font=fb)
        d.text((c - w / 2, c + size * 0.2), bottom, font=fb, fill=color + (235,))
    return img


def png_bytes(img):
    b = io.BytesIO()
    img.save(b, "PNG")
    return b.getvalue()


def licence_scan(co, rng, rotate=0.8, grey=True, fmt="JPEG"):
    """Scanned paper licence (副本), landscape, ~150 dpi, text >= 30 px."""
    W, H = 1754, 1240
    bg = (236, 234, 228) if grey else (250, 249, 246)
    img = Image.new("RGB", (W, H), bg)
    d = ImageDraw.Draw(img)
    # decorative border
    d.rectangle([40, 40, W - 40, H - 40], outline=(176, 140, 80), width=10)
    d.rectangle([62, 62, W - 62, H - 62], outline=(176, 140, 80), width=3)
    # emblem placeholder
    d.ellipse([W / 2 - 55, 90, W / 2 + 55, 200], outline=(200, 40, 40), width=6)
    d.text((W / 2 - 30, 120), "国徽", font=_font(30), fill=(200, 40, 40))
    ft = _font(84)
    title = "营 业 执 照"
    tw = d.textlength(title, font=ft)
    d.text(((W - tw) / 2, 210), title, font=ft, fill=(25, 25, 25))
    fs = _font(40)
    sub = "（副      本）"
    d.text(((W - d.textlength(sub, font=fs)) / 2, 315), sub, font=fs, fill=(25, 25, 25))
    f = _font(32)
    d.text((110, 390), "统一社会信用代码  " + co["uscc"], font=f, fill=(20, 20, 20))
    d.text((W - 420, 390), "证照编号：" + co.get("lic_no", co["uscc"][2:8] + co["uscc"][9:17]), font=_font(28), fill=(20, 20, 20))
    left = [("名        称", co["name"]), ("类        型", co["lic_type"]),
            (co.get("rep_label", "法定代表人"), co["rep"]),
            ("经 营 范 围", co["scope"])]
    right = []
    if co.get("capital_cn"):
        right.append(("注 册 资 本", co["capital_cn"]))
    right += [("成 立 日 期", co["est_cn"]), ("营 业 期 限", co["term_cn"]),
              (co.get("addr_label", "住        所"), co["address"])]
    y = 470
    for lab, val in left:
        d.text((110, y), lab, font=f, fill=(20, 20, 20))
        lines = _wrap(val, 17 if lab.startswith("经") else 18)
        for ln in lines[:5]:
            d.text((330, y), ln, font=f, fill=(20, 20, 20))
            y += 46
        y += 18
    y = 470
    for lab, val in right:
        d.text((930, y), lab, font=f, fill=(20, 20, 20))
        parts = [val[:val.index("至") + 1], val[val.index("至") + 1:]] if "至" in val and len(val) > 16 else _wrap(val, 16)
        for ln in parts:
            d.text((1150, y), ln, font=f, fill=(20, 20, 20))
            y += 46
        y += 18
    # QR code block
    q = rng.integers(0, 2, size=(25, 25))
    for i in range(25):
        for j in range(25):
            if q[i, j]:
                d.rectangle([120 + j * 8, 1000 + i * 8, 127 + j * 8, 1007 + i * 8], fill=(30, 30, 30))
    d.text((350, 1100), "扫描二维码登录“国家企业信用信息公示系统”了解更多登记、备案、许可、监管信息。",
           font=_font(24), fill=(60, 60, 60))
    d.text((1180, 960), "登 记 机 关", font=f, fill=(20, 20, 20))
    d.text((1230, 1060), co["lic_date_cn"], font=f, fill=(20, 20, 20))
    s = seal_image(co["authority"], size=300)
    img.paste(s, (1190, 860), s)
    img = img.rotate(rotate, resample=Image.BICUBIC, expand=False, fillcolor=bg)
    if fmt == "JPEG":
        arr = np.asarray(img).astype(np.int16)
        arr = arr + rng.normal(0, 6, arr.shape).astype(np.int16)
        img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
        img = img.filter(ImageFilter.GaussianBlur(0.5))
    b = io.BytesIO()
    if fmt == "JPEG":
        img.save(b, "JPEG", quality=72, dpi=(150, 150))
    else:
        img.convert("L").quantize(16).save(b, "PNG", dpi=(150, 150), optimize=True)
    return b.getvalue()


def _wrap_w(s, width, size):
    """Wrap text to a width in points, measuring each glyph (keeps numbers whole where possible)."""
    out, cur, w = [], "", 0.0
    for ch in s:
        cw = pdfmetrics.stringWidth(ch, "wqy", size)
        if w + cw > width and cur:
            out.append(cur)
            cur, w = "", 0.0
        cur += ch
        w += cw
    out.append(cur)
    return out


def _wrap(s, n):
    """Fixed-width wrap that never splits a run of ASCII digits/letters across lines."""
    out = []
    while len(s) > n:
        k = n
        while 0 < k < len(s) and s[k - 1].isascii() and s[k].isascii() and s[k - 1].isalnum() and s[k].isalnum():
            k -= 1
        if k == 0:
            k = n
        out.append(s[:k])
        s = s[k:]
    out.append(s)
    return out


# ----------------------------------------------------------------------------------------------
# PDF helpers (reportlab)
# ----------------------------------------------------------------------------------------------
class Pdf:
    def __init__(self, pagesize=A4, footer=None):
        self.buf = io.BytesIO()
        self.c = rl_canvas.Canvas(self.buf, pagesize=pagesize, invariant=1)
        self.c.setCreator("")
        self.W, self.H = pagesize
        self.footer = footer
        self.page = 1
        self.y = self.H - 60

    def font(self, size):
        self.c.setFont("wqy", size)

    def text(self, x, y, s, size=10.5):
        self.font(size)
        self.c.drawString(x, y, s)

    def center(self, s, size=16, dy=28):
        self.font(size)
        self.c.drawCentredString(self.W / 2, self.y, s)
        self.y -= dy

    def para(self, s, size=10.5, width_chars=None, lead=16, indent=True, x=60):
        s = ("　　" + s) if indent else s
        for ln in _wrap_w(s, self.W - 2 * x, size):
            self.need(lead)
            self.text(x, self.y, ln, size)
            self.y -= lead

    def need(self, h):
        if self.y - h < 60:
            self.newpage()

    def newpage(self):
        self._foot()
        self.c.showPage()
        self.page += 1
        self.y = self.H - 60

    def _foot(self):
        if self.footer:
            self.font(8)
            self.c.drawString(50, 30, self.footer + "    第 %d 页" % self.page)

    def table(self, rows, widths, x=50, size=9, rowh=18, header_rows=1, wrap=None):
        for ri, row in enumerate(rows):
            # compute wrapped lines
            cells = []
            for ci, val in enumerate(row):
                cells.append(_wrap_w(str(val), widths[ci] - 6, size) if val is not None else [""])
            h = max(len(cl) for cl in cells) * (size + 4) + 6
            h = max(h, rowh)
            self.need(h)
            cx = x
            for ci, cl in enumerate(cells):
                self.c.rect(cx, self.y - h, widths[ci], h)
                self.font(size)
                ty = self.y - size - 4
                for ln in cl:
                    self.c.drawString(cx + 3, ty, ln)
                    ty -= size + 4
                cx += widths[ci]
            self.y -= h

    def image(self, data, x, y, w, h):
        self.c.drawImage(ImageReader(io.BytesIO(data)), x, y, w, h, mask="auto")

    def save(self):
        self._foot()
        self.c.save()
        return self.buf.getvalue()


# ----------------------------------------------------------------------------------------------
# DOCX helpers
# ----------------------------------------------------------------------------------------------
def new_doc(font="宋体", size=10.5):
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = font
    st.font.size = Pt(size)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), font)
    sec = doc.sections[0]
    sec.left_margin = sec.right_margin = Cm(2.2)
    return doc


def set_cell(cell, text, bold=False, center=False, size=None):
    cell.text = ""
    lines = str(text).split("\n")
    p = cell.paragraphs[0]
    for i, ln in enumerate(lines):
        if i:
            p = cell.add_paragraph()
        r = p.add_run(ln)
        r.bold = bold
        if size:
            r.font.size = Pt(size)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def add_seal_para(doc, co, label="申报单位（盖章）：", date_text=None, seal=True):
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p.add_run(label + co["name"] + ("" if seal else "        "))
    if seal:
        p2 = doc.add_paragraph()
        p2.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p2.add_run().add_picture(io.BytesIO(png_bytes(seal_image(co["name"]))), width=Cm(4.0))
    if date_text:
        p3 = doc.add_paragraph()
        p3.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p3.add_run(date_text)


FIXED_DT = (2022, 12, 1, 9, 0, 0)


def normalize_zip(data, dt=FIXED_DT):
    """Rewrite an OOXML package with fixed member timestamps (determinism)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=dt)
            zi.compress_type = zipfile.ZIP_DEFLATED
            blob = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                blob = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rb"\g<1>2022-12-01T09:00:00Z\g<2>", blob)
            z.writestr(zi, blob)
    return b.getvalue()


def docx_bytes(doc):
    import datetime
    cp = doc.core_properties
    cp.author = "晨星申报咨询"
    cp.last_modified_by = "晨星申报咨询"
    cp.created = datetime.datetime(2022, 12, 1, 9, 0, 0)
    cp.modified = datetime.datetime(2022, 12, 1, 9, 0, 0)
    cp.revision = 1
    cp.comments = ""
    b = io.BytesIO()
    doc.save(b)
    return normalize_zip(b.getvalue())


# ----------------------------------------------------------------------------------------------
# tick boxes
# ----------------------------------------------------------------------------------------------
def ticks(options, chosen, style="before", other=None):
    """style before: ☑大型 □中型 ; after: 大型√ 中型□ ; square: ■大型 □中型."""
    out = []
    for o in options:
        on = o in chosen
        lab = o
        if o.startswith("其它") and other is not None:
            lab = "其它：" + (other or "________")
        if style == "before":
            out.append(("☑" if on else "□") + lab)
        elif style == "after":
            out.append(lab + ("☑" if on else "□"))
        elif style == "square":
            out.append(("■" if on else "□") + lab)
        elif style == "check":
            out.append(lab + ("（√）" if on else "（  ）"))
    return "    ".join(out)


SCALE = ["大型", "中型", "小型"]
OWN = ["国有", "民营", "合资", "外资"]
PROTO = ["OPC UA/DA", "ModBus", "ProfiBus", "CANBus", "其它"]
YN = ["是", "否"]
COLLECT = ["智能网关", "传感器", "其它"]
NETS = ["5G", "F5G", "PON全光网络", "时间敏感网络(TSN)", "WiFi6", "移动物联网(NB IoT)", "Lora", "工业以太网", "其它"]
DCMM = ["二级", "三级", "三级以上"]


def yn(v):
    return ["是"] if v is True else (["否"] if v is False else (v or []))


# ----------------------------------------------------------------------------------------------
# attachments: finance, social security, equity, honours
# ----------------------------------------------------------------------------------------------
def fin_numbers(rev_wan, cap_wan, k):
    rev = round(rev_wan * 10000, 2)
    cost = round(rev * (0.74 + 0.01 * k), 2)
    tax = round(rev * 0.006, 2)
    sell = round(rev * 0.031, 2)
    adm = round(rev * 0.042, 2)
    rd = round(rev * 0.038, 2)
    finc = round(rev * 0.007, 2)
    op = round(rev - cost - tax - sell - adm - rd - finc, 2)
    nin = round(rev * 0.002, 2)
    nout = round(rev * 0.0008, 2)
    tot = round(op + nin - nout, 2)
    itax = round(tot * 0.15, 2)
    net = round(tot - itax, 2)
    inc = [("一、营业收入", rev), ("减：营业成本", cost), ("税金及附加", tax), ("销售费用", sell),
           ("管理费用", adm), ("研发费用", rd), ("财务费用", finc), ("二、营业利润", op),
           ("加：营业外收入", nin), ("减：营业外支出", nout), ("三、利润总额", tot),
           ("减：所得税费用", itax), ("四、净利润", net)]
    cash = round(rev * 0.11, 2); ar = round(rev * 0.17, 2); inv = round(rev * 0.13, 2)
    cur = round(cash + ar + inv, 2)
    fa = round(rev * 0.42, 2); ia = round(rev * 0.05, 2)
    ncur = round(fa + ia, 2)
    assets = round(cur + ncur, 2)
    stl = round(rev * 0.08, 2); ap = round(rev * 0.15, 2)
    cl = round(stl + ap, 2)
    ltl = round(rev * 0.06, 2)
    liab = round(cl + ltl, 2)
    paid = round(cap_wan * 10000, 2)
    cres = round(rev * 0.02, 2)
    surplus = round(rev * 0.03, 2)
    undist = round(assets - liab - paid - cres - surplus, 2)
    eq = round(paid + cres + surplus + undist, 2)
    bs = [("货币资金", cash), ("应收账款", ar), ("存货", inv), ("流动资产合计", cur), ("固定资产", fa),
          ("无形资产", ia), ("非流动资产合计", ncur), ("资产总计", assets), ("短期借款", stl),
          ("应付账款", ap), ("流动负债合计", cl), ("长期借款", ltl), ("负债合计", liab),
          ("实收资本（或股本）", paid), ("资本公积", cres), ("盈余公积", surplus), ("未分配利润", undist),
          ("所有者权益合计", eq), ("负债和所有者权益总计", round(liab + eq, 2))]
    return inc, bs


def money(v):
    return "{:,.2f}".format(v)


def finance_pdf(co, years, software="用友U8+ V13.0"):
    pdf = Pdf(footer="%s 导出  编制单位：%s" % (software, co["name"]))
    for y in years:
        rev = co["revenue"][y]
        prev = co["revenue"].get(y - 1, rev * 0.9)
        inc, bs = fin_numbers(rev, co["capital_wan"], y % 3)
        pinc, pbs = fin_numbers(prev, co["capital_wan"], (y - 1) % 3)
        pdf.center("资 产 负 债 表", 16)
        pdf.text(50, pdf.y, "编制单位：%s" % co["name"], 9)
        pdf.text(300, pdf.y, "%d年12月31日" % y, 9)
        pdf.text(470, pdf.y, "会企01表  单位：元", 9)
        pdf.y -= 14
        rows = [["项目", "行次", "期末余额", "年初余额"]]
        for i, ((n, v), (_, pv)) in enumerate(zip(bs, pbs)):
            rows.append([n, str(i + 1), money(v), money(pv)])
        pdf.table(rows, [190, 40, 140, 130])
        pdf.y -= 12
        pdf.text(50, pdf.y, "单位负责人：%s      财务负责人：%s      制表人：%s" % (co["rep"], co["cfo"], co["clerk"]), 9)
        pdf.newpage()
        pdf.center("利  润  表", 16)
        pdf.text(50, pdf.y, "编制单位：%s" % co["name"], 9)
        pdf.text(300, pdf.y, "%d年度" % y, 9)
        pdf.text(470, pdf.y, "会企02表  单位：元", 9)
        pdf.y -= 14
        rows = [["项目", "行次", "本期金额", "上期金额"]]
        for i, ((n, v), (_, pv)) in enumerate(zip(inc, pinc)):
            rows.append([n, str(i + 1), money(v), money(pv)])
        pdf.table(rows, [190, 40, 140, 130])
        pdf.y -= 12
        pdf.text(50, pdf.y, "单位负责人：%s      财务负责人：%s      制表人：%s" % (co["rep"], co["cfo"], co["clerk"]), 9)
        if y != years[-1]:
            pdf.newpage()
    return pdf.save()


def social_pdf(co, months, heads, print_date, center_name):
    pdf = Pdf(footer="山东省社会保险网上服务平台")
    pdf.center("单位参保缴费情况证明", 16)
    pdf.text(50, pdf.y, "单位名称：%s" % co["name"], 10)
    pdf.y -= 16
    pdf.text(50, pdf.y, "统一社会信用代码：%s" % co["uscc"], 10)
    pdf.text(340, pdf.y, "单位编号：%s" % co["ss_no"], 10)
    pdf.y -= 22
    rows = [["费款所属期", "险种", "缴费人数", "缴费基数合计(元)", "实缴金额(元)", "缴费状态"]]
    for m, h in zip(months, heads):
        for xz, rate in (("企业职工基本养老保险", 0.24), ("职工基本医疗保险", 0.085), ("失业保险", 0.01), ("工伤保险", 0.006)):
            base = h * 5180
            rows.append([m, xz, str(h), money(base), money(round(base * rate, 2)), "已到账"])
    pdf.table(rows, [70, 130, 55, 100, 90, 50], size=8.5)
    pdf.y -= 16
    pdf.para("兹证明上述单位在我中心参加社会保险，以上缴费信息截至打印之日。本证明仅用于证明单位参保缴费情况。", 9.5)
    pdf.y -= 10
    pdf.text(360, pdf.y - 10, center_name, 10)
    pdf.text(360, pdf.y - 28, "打印日期：" + print_date, 10)
    pdf.image(png_bytes(seal_image(center_name, "业务专用章", size=300)), 370, pdf.y - 80, 110, 110)
    return pdf.save()


def equity_docx(co):
    doc = new_doc()
    h = doc.add_paragraph()
    h.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = h.add_run("企业股权结构")
    r.bold = True
    r.font.size = Pt(16)
    ccy = co.get("capital_ccy", "")
    doc.add_paragraph("%s注册资本%s万%s元，截至%s，股权结构如下：" % (co["name"], fmt_num(co["capital_wan"]), ccy, co["equity_date"]) if not ccy else
                      "%s注册资本%s万%s，截至%s，股权结构如下：" % (co["name"], fmt_num(co["capital_wan"]), ccy, co["equity_date"]))
    t = doc.add_table(rows=1, cols=4)
    t.style = "Table Grid"
    for i, v in enumerate(["序号", "股东名称", "认缴出资额（万%s）" % (co.get("capital_ccy") or "元"), "持股比例"]):
        set_cell(t.rows[0].cells[i], v, bold=True, center=True)
    tot = 0
    for i, (n, amt) in enumerate(co["holders"]):
        c = t.add_row().cells
        set_cell(c[0], str(i + 1), center=True)
        set_cell(c[1], n)
        set_cell(c[2], fmt_num(amt))
        set_cell(c[3], "%.2f%%" % (amt / co["capital_wan"] * 100))
        tot += amt
    c = t.add_row().cells
    set_cell(c[0], "合计", center=True)
    set_cell(c[2], fmt_num(tot))
    set_cell(c[3], "100.00%")
    add_seal_para(doc, co, "", None, seal=True)
    return docx_bytes(doc)


def honours_pdf(co):
    pdf = Pdf()
    pdf.center("企业获得荣誉及资质情况", 15)
    rows = [["序号", "荣誉/资质名称", "授予单位", "获得时间"]]
    for i, h in enumerate(co["honours"]):
        rows.append([str(i + 1)] + list(h))
    pdf.table(rows, [40, 230, 150, 80])
    return pdf.save()


def fmt_num(v):
    if float(v).is_integer():
        return str(int(v))
    return ("%.2f" % v).rstrip("0").rstrip(".")


# ----------------------------------------------------------------------------------------------
# the declaration (附件1 山东省数字经济"晨星工厂"申报书) in several layouts
# ----------------------------------------------------------------------------------------------
def field_values(co):
    """Ordered (label, value) pairs of section 一, with the seed's labels; co['labels'] may rename."""
    L = co.get("labels", {})
    inv20 = co.get("inv_text", {}).get(2020, fmt_num(co["inv"][2020]))
    inv21 = co.get("inv_text", {}).get(2021, fmt_num(co["inv"][2021]))
    cap_label = L.get("cap", "注册资金(万元)")
    return [
        (L.get("name", "企业全称"), co.get("form_name", co["name"])),
        ("通讯地址", co["mail_addr"]),
        (L.get("date", "注册日期"), co["form_est"]),
        (cap_label, co["form_cap"] if "form_cap" in co else fmt_num(co["capital_wan"])),
        ("企业规模", ticks(SCALE, co["scale"], co["tick"])),
        ("企业类型", ticks(OWN, co["own"], co["tick"])),
        ("企业人数", co.get("form_staff", str(co["staff"]))),
        ("上年度企业营收(万元)", co.get("form_rev", fmt_num(co["revenue"][2021]))),
        ("2020年数字化转型投入金额", inv20 + ("" if co.get("inv_no_unit") else " 万元")),
        ("2021年数字化转型投入金额", inv21 + ("" if co.get("inv_no_unit") else " 万元")),
    ]


def section2(co):
    s = co["s2"]
    rows = [
        ("企业核心生产设备情况", "设备数量", s["dev_n"]),
        ("", "主要设备型号", "；".join(s["models"])),
        ("", "支持通讯协议", ticks(PROTO, s["proto"], co["tick"], other=s.get("proto_other", ""))),
        ("", "主要设备是否加装数据采集设备", ticks(YN, yn(s["collect"]), co["tick"])),
        ("", "如是，选择数据采集设备类型", ticks(COLLECT, s.get("collect_types", []), co["tick"], other=s.get("collect_other", ""))),
        ("企业生产网络建设情况", "新型网络技术使用情况", ticks(NETS, s["nets"], co["tick"], other=s.get("net_other", ""))),
        ("企业数据解析情况", "是否建设工业网络数据解析节点", ticks(YN, yn(s["node"]), co["tick"])),
        ("", "如是，填写数据解析注册量", s.get("node_reg", "")),
        ("企业边缘云应用情况", "是否已建设企业边缘云", ticks(YN, yn(s["edge"]), co["tick"])),
        ("", "如已建设，描述服务器数量、存储能力和算力", s.get("edge_desc", "")),
        ("企业数据安全防护情况", "是否部署工业控制安全产品", ticks(YN, yn(s["sec"][0]), co["tick"])),
        ("", "是否部署态势感知系统", ticks(YN, yn(s["sec"][1]), co["tick"])),
        ("", "是否部署数据库安全管理系统", ticks(YN, yn(s["sec"][2]), co["tick"])),
        ("", "是否部署数据泄露防护系统", ticks(YN, yn(s["sec"][3]), co["tick"])),
        ("", "是否部署数据脱敏系统", ticks(YN, yn(s["sec"][4]), co["tick"])),
        ("企业数据管理情况", "是否通过DCMM贯标", ticks(YN, yn(s["dcmm"]), co["tick"])),
        ("", "如通过，选择DCMM等级", ticks(DCMM, s.get("dcmm_level", []), co["tick"])),
        ("企业数据应用情况", "是否基于用户数据分析实施产品创新", ticks(YN, yn(s["innov"]), co["tick"])),
        ("", "如是，描述产品创新内容", s.get("innov_desc", "")),
        ("企业在数据采集、传输、存储、管理、应用方面改造目标和拟进行的具体内容", "计划数据采集方面改造内容", s["plan"][0]),
        ("", "计划数据传输方面改造内容", s["plan"][1]),
        ("", "计划数据存储方面改造内容", s["plan"][2]),
        ("", "计划数据管理方面改造内容", s["plan"][3]),
        ("", "计划数据应用层面改造内容", s["plan"][4]),
    ]
    return rows


ATT_TEXT = [
    ("附件1、注册资金和注册成立时间证明", "（请提供申报单位营业执照扫描件）。"),
    ("附件2、财务状况和主营收入证明", "（请提供申报单位2020年、2021年财务报表）。"),
    ("附件3、员工数量证明", "（请提供近3个月的员工社保缴纳证明）。"),
    ("附件4、企业获得荣誉或资质证明材料", "（请提供企业荣誉或资质扫描件，不提供视为无）。"),
    ("附件5、企业股权结构", ""),
    ("附件6、其他可以证明企业经济情况的证明材料", ""),
]


def decl_grid_docx(co):
    """Layout A: the seed's own table – group label | label | value | label | value."""
    doc = new_doc()
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run("山东省数字经济“晨星工厂”申报书")
    r.bold = True
    r.font.size = Pt(18)
    if co.get("cover_code"):
        doc.add_paragraph("申报单位：%s" % co.get("form_name", co["name"]))
        doc.add_paragraph("统一社会信用代码：%s" % co["cover_code"])
        doc.add_paragraph("所在市：%s" % co["city"])
    doc.add_paragraph("一、企业概况").runs[0].bold = True
    fv = field_values(co)
    t = doc.add_table(rows=0, cols=5)
    t.style = "Table Grid"

    def row4(g, a, b, c=None, d=None):
        cells = t.add_row().cells
        set_cell(cells[0], g, bold=True)
        set_cell(cells[1], a)
        if c is None:
            m = cells[2].merge(cells[4])
            set_cell(m, b)
        else:
            set_cell(cells[2], b)
            set_cell(cells[3], c)
            set_cell(cells[4], d)

    row4("企业基本信息", fv[0][0], fv[0][1])
    row4("", fv[1][0], fv[1][1])
    row4("", fv[2][0], fv[2][1], fv[3][0], fv[3][1])
    row4("", fv[4][0], fv[4][1])
    row4("", fv[5][0], fv[5][1])
    row4("", fv[6][0], fv[6][1], fv[7][0], fv[7][1])
    row4("", fv[8][0], fv[8][1], fv[9][0], fv[9][1])
    row4("", "企业简介", co["intro"])
    row4("", "所属行业", co["industry"])
    row4("企业联系人", "姓名", co["contact"][0], "职务", co["contact"][1])
    row4("", "联系电话", co["contact"][2], "邮箱", co["contact"][3])
    doc.add_paragraph()
    doc.add_paragraph("二、数据赋能需求现状").runs[0].bold = True
    t2 = doc.add_table(rows=0, cols=3)
    t2.style = "Table Grid"
    for g, a, b in section2(co):
        c = t2.add_row().cells
        set_cell(c[0], g, bold=True)
        set_cell(c[1], a)
        set_cell(c[2], b)
    c = t2.add_row().cells
    m = c[0].merge(c[1])
    set_cell(m, "企业改造拟投入的资金总额(万元)", bold=True)
    set_cell(c[2], co["plan_total"])
    doc.add_paragraph()
    doc.add_paragraph("三、企业财务证明材料").runs[0].bold = True
    for a, b in ATT_TEXT:
        doc.add_paragraph(a + b + ("见" + co["att_names"][a[:3]] if co["att_names"].get(a[:3]) else ""))
    doc.add_paragraph()
    add_seal_para(doc, co, date_text=co["sign_date"], seal=co.get("seal", True))
    return docx_bytes(doc)


def decl_regional_docx(co):
    """Layout B: older/regional edition (单位名称/注册资本), value under label, tick after label."""
    doc = new_doc("仿宋", 11)
    doc.add_heading("山东省数字经济“晨星工厂”企业申报书", level=0)
    doc.add_paragraph("申报单位（盖章）：%s        推荐单位：%s工业和信息化局" % (co["name"], co["city"]))
    doc.add_heading("一、企业概况", level=1)
    fv = field_values(co)
    t = doc.add_table(rows=0, cols=2)
    t.style = "Table Grid"
    pairs = fv + [("企业简介（不超过500字）", co["intro"]), ("所属行业", co["industry"]),
                  ("企业联系人", "姓名：%s    职务：%s\n联系电话：%s    邮箱：%s" % tuple(co["contact"]))]
    for i in range(0, len(pairs), 2):
        cells = t.add_row().cells
        for j in range(2):
            if i + j < len(pairs):
                lab, val = pairs[i + j]
                set_cell(cells[j], lab, bold=True)
                cells[j].add_paragraph(val)
    doc.add_heading("二、数据赋能需求现状", level=1)
    grp = None
    for g, a, b in section2(co):
        if g:
            grp = g
            doc.add_heading(g, level=2)
        p = doc.add_paragraph()
        p.add_run(a + "：").bold = True
        p.add_run(b if b else "")
    p = doc.add_paragraph()
    p.add_run("企业改造拟投入的资金总额(万元)：").bold = True
    p.add_run(co["plan_total"])
    doc.add_heading("三、企业财务证明材料", level=1)
    for a, b in ATT_TEXT:
        doc.add_paragraph(a + b)
    add_seal_para(doc, co, date_text=co["sign_date"], seal=co.get("seal", True))
    return docx_bytes(doc)


def decl_prose_docx(co):
    """Layout C: '标签：值' lines under numbered plain-paragraph headings (no heading styles)."""
    doc = new_doc("宋体", 12)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run("山东省数字经济“晨星工厂”申报书")
    r.bold = True
    r.font.size = Pt(20)
    if co.get("cover_code"):
        for s in ("申报单位：" + co.get("form_name", co["name"]), "统一社会信用代码：" + co["cover_code"],
                  "所在地市：" + co["city"], "填报日期：" + co["sign_date"]):
            q = doc.add_paragraph(s)
            q.alignment = WD_ALIGN_PARAGRAPH.CENTER
        doc.add_page_break()
    doc.add_paragraph("一、企业概况").runs[0].bold = True
    doc.add_paragraph("（一）企业基本信息").runs[0].bold = True
    for lab, val in field_values(co):
        doc.add_paragraph("%s：%s" % (lab, val))
    doc.add_paragraph("（二）企业简介").runs[0].bold = True
    doc.add_paragraph(co["intro"])
    doc.add_paragraph("（三）所属行业：%s" % co["industry"])
    doc.add_paragraph("（四）企业联系人：姓名 %s；职务 %s；联系电话 %s；邮箱 %s" % tuple(co["contact"]))
    doc.add_paragraph("二、数据赋能需求现状").runs[0].bold = True
    n = 0
    for g, a, b in section2(co):
        if g:
            n += 1
            doc.add_paragraph("（%s）%s" % ("一二三四五六七八九"[n - 1], g)).runs[0].bold = True
        doc.add_paragraph("%s：%s" % (a, b))
    doc.add_paragraph("企业改造拟投入的资金总额(万元)：%s" % co["plan_total"])
    doc.add_paragraph("三、企业财务证明材料").runs[0].bold = True
    for a, b in ATT_TEXT:
        doc.add_paragraph(a + b)
    add_seal_para(doc, co, date_text=co["sign_date"], seal=co.get("seal", True))
    return docx_bytes(doc)


def decl_pdf(co):
    """Layout D: the Word form printed to a text PDF, electronic seal drawn on the last page."""
    pdf = Pdf(footer="山东省数字经济“晨星工厂”申报书")
    pdf.center("山东省数字经济“晨星工厂”申报书", 18, 36)
    pdf.text(50, pdf.y, "一、企业概况", 12)
    pdf.y -= 20
    fv = field_values(co)
    rows = [[fv[0][0], fv[0][1], "", ""], [fv[1][0], fv[1][1], "", ""],
            [fv[2][0], fv[2][1], fv[3][0], fv[3][1]], [fv[4][0], fv[4][1], "", ""],
            [fv[5][0], fv[5][1], "", ""], [fv[6][0], fv[6][1], fv[7][0], fv[7][1]],
            [fv[8][0], fv[8][1], fv[9][0], fv[9][1]]]
    pdf.table([[a, b + ("" if not c else ""), c, d] for a, b, c, d in rows], [105, 170, 105, 115], size=9)
    pdf.table([["企业简介", co["intro"]]], [105, 390], size=9)
    pdf.table([["所属行业", co["industry"]]], [105, 390], size=9)
    pdf.table([["企业联系人", "姓名：%s  职务：%s  联系电话：%s  邮箱：%s" % tuple(co["contact"])]], [105, 390], size=9)
    pdf.y -= 14
    pdf.need(30)
    pdf.text(50, pdf.y, "二、数据赋能需求现状", 12)
    pdf.y -= 20
    pdf.table([[g, a, b] for g, a, b in section2(co)], [110, 135, 250], size=8.5)
    pdf.table([["企业改造拟投入的资金总额(万元)", co["plan_total"]]], [245, 250], size=9)
    pdf.y -= 14
    pdf.need(140)
    pdf.text(50, pdf.y, "三、企业财务证明材料", 12)
    pdf.y -= 18
    for a, b in ATT_TEXT:
        pdf.para(a + b, 9.5, indent=False)
    pdf.y -= 20
    pdf.need(150)
    pdf.text(300, pdf.y, "申报单位（盖章）：" + co["name"], 10)
    pdf.text(380, pdf.y - 90, co["sign_date"], 10)
    if co.get("seal", True):
        pdf.image(png_bytes(seal_image(co["name"])), 360, pdf.y - 110, 120, 120)
    return pdf.save()


def invest_xlsx(co, total_override=None, unit="万元"):
    """数字化转型投入明细 – merged two-row header, units in cells, 合计 row typed by hand."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "投入明细"
    ws.merge_cells("A1:F1")
    ws["A1"] = "%s数字化转型投入明细表" % co["name"]
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.merge_cells("A2:A3"); ws["A2"] = "序号"
    ws.merge_cells("B2:B3"); ws["B2"] = "项目名称"
    ws.merge_cells("C2:C3"); ws["C2"] = "类别"
    ws.merge_cells("D2:E2"); ws["D2"] = "投入金额（%s）" % unit
    ws["D3"] = "2020年"; ws["E3"] = "2021年"
    ws.merge_cells("F2:F3"); ws["F2"] = "备注"
    r = 4
    s20 = s21 = 0
    for i, (n, cat, a, b, note) in enumerate(co["inv_items"]):
        ws.cell(r, 1, i + 1); ws.cell(r, 2, n); ws.cell(r, 3, cat)
        k = 10000 if unit == "元" else 1
        ws.cell(r, 4, round(a * k, 2)); ws.cell(r, 5, round(b * k, 2)); ws.cell(r, 6, note)
        s20 += a; s21 += b
        r += 1
    ws.cell(r, 1, "合计")
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
    k = 10000 if unit == "元" else 1
    t20, t21 = total_override or (round(s20 * k, 2), round(s21 * k, 2))
    ws.cell(r, 4, t20); ws.cell(r, 5, t21)
    thin = Side(style="thin")
    for row in ws.iter_rows(min_row=2, max_row=r, max_col=6):
        for c in row:
            c.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.column_dimensions["B"].width = 34
    ws.column_dimensions["C"].width = 12
    ws.column_dimensions["F"].width = 20
    import datetime
    wb.properties.created = datetime.datetime(2022, 12, 1, 9, 0, 0)
    wb.properties.modified = datetime.datetime(2022, 12, 1, 9, 0, 0)
    wb.properties.creator = "晨星申报咨询"
    b = io.BytesIO()
    wb.save(b)
    return normalize_zip(b.getvalue())


def licence_pdf(co):
    """Electronic licence (电子营业执照) exported as PDF with a text layer."""
    pdf = Pdf(pagesize=landscape(A4))
    c = pdf.c
    W, H = pdf.W, pdf.H
    c.setStrokeColorRGB(0.7, 0.55, 0.3)
    c.setLineWidth(4)
    c.rect(25, 25, W - 50, H - 50)
    c.setFillColorRGB(0, 0, 0)
    pdf.font(30)
    c.drawCentredString(W / 2, H - 95, "营 业 执 照")
    pdf.font(12)
    c.drawCentredString(W / 2, H - 118, "（电子营业执照）")
    pdf.text(60, H - 150, "统一社会信用代码：" + co["uscc"], 12)
    left = [("名称", co["name"]), ("类型", co["lic_type"]), (co.get("rep_label", "法定代表人"), co["rep"]),
            ("经营范围", co["scope"])]
    right = []
    if co.get("capital_cn"):
        right.append(("注册资本", co["capital_cn"]))
    right += [("成立日期", co["est_cn"]), ("营业期限", co["term_cn"]), (co.get("addr_label", "住所"), co["address"])]
    y = H - 190
    for lab, val in left:
        pdf.text(60, y, lab, 11)
        for ln in _wrap(val, 26):
            pdf.text(140, y, ln, 11)
            y -= 17
        y -= 8
    y = H - 190
    for lab, val in right:
        pdf.text(470, y, lab, 11)
        for ln in _wrap(val, 22):
            pdf.text(550, y, ln, 11)
            y -= 17
        y -= 8
    pdf.text(560, 110, "登记机关", 11)
    pdf.text(580, 70, co["lic_date_cn"], 11)
    pdf.image(png_bytes(seal_image(co["authority"], size=300)), 600, 60, 110, 110)
    rng = np.random.default_rng(7)
    q = rng.integers(0, 2, size=(21, 21))
    for i in range(21):
        for j in range(21):
            if q[i, j]:
                c.rect(60 + j * 4, 60 + i * 4, 4, 4, fill=1, stroke=0)
    pdf.text(160, 70, "国家企业信用信息公示系统网址：http://www.gsxt.gov.cn", 9)
    return pdf.save()


# ----------------------------------------------------------------------------------------------
# narrative attachments (附件6 其他) – paragraphs tagged with the 附件5 indicators they evidence
# ----------------------------------------------------------------------------------------------
IND = {  # 二级指标 (附件5) -> 分类/一级指标
    "精益化工厂布局规划": "顶层规划/工厂规划", "晨星总体规划": "顶层规划/战略规划", "组织规划": "顶层规划/战略规划",
    "工业现场数据采集": "工厂数据采集汇聚/工业数据采集", "业务信息系统数据采集": "工厂数据采集汇聚/工业数据采集",
    "设备运行实时监控": "工厂数据采集汇聚/设备数字化", "设备健康状态数字化管理": "工厂数据采集汇聚/设备数字化",
    "无人质量检测": "工厂数据采集汇聚/产线数字化",
    "5G新型网络设施": "网络化升级/基础设施", "生产环境基础网络": "网络化升级/企业生产网",
    "数据标识解析应用": "工厂数据治理/数据标识", "数据管理能力": "工厂数据治理/数据治理",
    "生产计划": "数字化应用/数字化生产", "生产执行": "数字化应用/数字化生产", "异常处理": "数字化应用/数字化生产",
    "质量管理": "数字化应用/数字化生产", "数字孪生应用": "数字化应用/数字化生产",
    "供应链管理平台": "数字化应用/数字供应链", "供应商全生命周期管理": "数字化应用/数字供应链",
    "出入库管理": "数字化应用/数字供应链", "库存实时监控": "数字化应用/数字供应链",
    "客户管理": "数字化应用/数字化营销",
    "能源管理制度": "数字化双碳/绿色低碳", "能源数据采集": "数字化双碳/绿色低碳", "能耗预警": "数字化双碳/绿色低碳",
    "生产安全": "安全管控/工厂安全", "信息安全": "安全管控/工厂安全",
}


def ind(i):
    return {"id": i, "name": IND[i] + "/" + i}


def narrative_docx(co, title, paras):
    doc = new_doc("仿宋", 12)
    doc.add_heading(title, level=1)
    doc.add_paragraph("申报单位：%s" % co["name"])
    for head, text, _e, _n in paras:
        if head:
            doc.add_heading(head, level=2)
        doc.add_paragraph(text)
    add_seal_para(doc, co, date_text=co["sign_date"], seal=True)
    return docx_bytes(doc)


def narrative_pdf(co, title, paras):
    pdf = Pdf(footer=co["name"])
    pdf.center(title, 15, 30)
    for head, text, _e, _n in paras:
        if head:
            pdf.need(40)
            pdf.y -= 4
            pdf.text(60, pdf.y, head, 11.5)
            pdf.y -= 20
        pdf.para(text, 10.5)
    pdf.y -= 10
    pdf.need(120)
    pdf.text(330, pdf.y, co["name"], 10.5)
    pdf.text(360, pdf.y - 20, co["sign_date"], 10.5)
    pdf.image(png_bytes(seal_image(co["name"])), 345, pdf.y - 90, 110, 110)
    return pdf.save()


def narr_label(file, paras):
    ev, ne = [], []
    for _h, _t, e, n in paras:
        for i in e:
            if i not in ev:
                ev.append(i)
        for i in n:
            if i not in ne:
                ne.append(i)
    ne = [i for i in ne if i not in ev]
    out = {"file": file, "evidenced": [ind(i) for i in ev]}
    if ne:
        out["not_evidenced"] = [ind(i) for i in ne]
    return out


N01 = [
    ("一、工厂布局与总体情况",
     "2021年公司完成二号厂房布局调整，按照下料、数控加工、热处理、装配、成品库五个功能区重新分区，物流路线由原来的往复交叉改为单向直线流动，车间有效使用面积提高18%，工序间转运距离缩短约40%。",
     ["精益化工厂布局规划"], []),
    ("二、设备联网与数据采集",
     "公司对126台数控车床、加工中心和磨床加装智能网关，并在主轴、导轨部位加装振动和温度传感器，通过OPC UA与ModBus协议采集设备静态信息、运行状态、告警信息、主轴负载、进给速度等工艺参数及产量信息，设备联网率达到87%。",
     ["工业现场数据采集"], []),
    ("",
     "在此基础上建设了设备运行管理系统，形成单台设备—产线—车间三级监测看板，实时显示设备启停状态、运行工况和生产节拍，对压缩空气、冷却液供应等运行条件异常进行提示，设备综合效率（OEE）由61%提升到74%。",
     ["设备运行实时监控"], []),
    ("三、网络建设",
     "车间采用工业以太网环网与5G专网相结合的方式组网，与中国移动合作建设5G专网基站2个，移动巡检终端通过5G接入；生产区域数据实时汇聚到车间服务器，24小时自动采集，生产异常自动预警，取代了原来的纸质报表。",
     ["5G新型网络设施", "生产环境基础网络"], []),
    ("四、生产计划与执行",
     "2021年上线MES系统，与ERP集成：根据ERP销售订单和预测编制主生产计划，结合各产线设备产能、节拍和人员排班进行排产，生成车间作业计划并派工；各工序通过扫码报工，采集物料批次、设备编号、操作人员等数据上传MES。",
     ["生产计划", "生产执行"], []),
    ("五、质量与仓储",
     "关键尺寸工序配置三坐标测量机和在线测径仪，检测数据自动上传质量管理模块，超差自动判定并报警，目前已积累质量问题案例412条，形成产品质量问题知识库。原材料库和成品库全部使用二维码标签，入库、出库、盘点均通过PDA扫码完成。",
     ["质量管理", "出入库管理"], []),
    ("六、下一步计划",
     "公司计划于2023年建设设备预测性维护模型，对主轴等关键部件进行健康状态评估；同时计划建设能源管理系统，对电、水、压缩空气进行分项计量，并启动DCMM2级贯标工作。",
     [], ["设备健康状态数字化管理", "能源数据采集", "数据管理能力"]),
]

N02 = [
    ("（一）晨星总体规划",
     "公司于2021年3月编制《数字化转型三年行动方案（2021—2023年）》，聘请第三方机构开展自上而下的现状诊断，确定了以生产数据贯通为主线的转型基线，将关键目标分解到三个生产事业部和信息中心。",
     ["晨星总体规划"], []),
    ("（二）组织保障",
     "成立由董事长任组长的数字化转型领导小组，设立总数据师（CDO）岗位，由分管生产的副总经理兼任；信息中心为责任部门，明确了数据专员、系统管理员等12个关键岗位的职责。",
     ["组织规划"], []),
    ("（三）业务系统数据集成",
     "公司将ERP、MES、LIMS、设备管理系统的原始数据通过ETL工具进行清洗、集成和转换，建立统一的业务数据资源库，目前汇聚主数据1.6万条、业务数据约3.2TB。",
     ["业务信息系统数据采集"], []),
    ("（四）能源管控",
     "制定了《能源管理制度》和《能源计量器具管理办法》，全厂水、电、蒸汽、天然气计量表计287块接入能源管理系统，实现分车间动态计量；对聚合釜、空压机、冷冻机组等高耗能设备实时监控运行功率，按固定阈值和同期动态阈值进行能耗超限预警，2021年综合能耗同比下降6.8%。",
     ["能源管理制度", "能源数据采集", "能耗预警"], []),
    ("（五）安全管控",
     "生产装置全部采用DCS控制并配置SIS安全仪表系统，对储罐区温度、压力、液位和可燃气体浓度等风险要素进行在线监测和联锁。信息安全方面部署了工业防火墙、态势感知平台和数据库审计系统，核心业务系统通过网络安全等级保护三级测评。",
     ["生产安全", "信息安全"], []),
    ("（六）后续方向",
     "下一步，公司将研究建设主要装置的数字孪生模型，并探索标识解析企业节点建设，目前尚处于方案论证阶段。",
     [], ["数字孪生应用", "数据标识解析应用"]),
]

N03 = [
    ("1. 供应链协同",
     "2020年上线SRM供应链管理平台，与38家主要供应商实现系统集成，建立了业务连接和数据连接，送货通知、质量反馈、对账单在平台上在线流转，形成协同供应链。",
     ["供应链管理平台"], []),
    ("",
     "建立了供应商开发、认证、引入、日常管理、绩效评估、退出的全过程管理制度，每季度从供货质量、技术能力、响应速度、交付及时率、信誉五个维度对供应商量化打分，连续两个季度C级的供应商启动退出程序。",
     ["供应商全生命周期管理"], []),
    ("2. 仓储物流",
     "立体仓库和线边库采用RFID标签管理，物料出入库自动识别记账；WMS实时监控线边库存，低于安全库存时自动生成配送任务拉动仓库送料，仓库库存低于最低库存时自动生成采购申请。",
     ["出入库管理", "库存实时监控"], []),
    ("3. 现场管理与质量",
     "装配线设置ANDON系统，质量、设备、物料异常由工位一键呼叫，超过5分钟未处理自动升级通知班长，超过15分钟通知车间主任。总成终检工位引入机器视觉检测，替代原有人工目检，实现无人化外观质检。",
     ["异常处理", "无人质量检测"], []),
    ("4. 客户管理",
     "使用CRM系统统一管理主机厂客户和售后经销商的基本信息、联系人、拜访记录与投诉信息，线上商城与线下经销渠道在同一系统中协同管理。",
     ["客户管理"], []),
    ("5. 计划",
     "公司拟于2023年申请建设工业互联网标识解析企业节点，对总成产品进行统一编码。",
     [], ["数据标识解析应用"]),
]


# ----------------------------------------------------------------------------------------------
# companies
# ----------------------------------------------------------------------------------------------
def base_s2(**kw):
    s = {
        "dev_n": "186台（套）",
        "models": ["DMG MORI NLX2500数控车床", "马扎克VCN-530C立式加工中心", "海天HTF250注塑机", "发那科M-20iD焊接机器人",
                   "ABB IRB6700搬运机器人"],
        "proto": ["OPC UA/DA", "ModBus"], "collect": True, "collect_types": ["智能网关", "传感器"],
        "nets": ["5G", "工业以太网"], "node": False, "node_reg": "", "edge": True,
        "edge_desc": "部署边缘服务器6台，存储容量120TB，算力约80TFLOPS（FP16）",
        "sec": [True, True, False, False, False], "dcmm": False, "dcmm_level": [],
        "innov": True, "innov_desc": "基于售后设备运行数据分析，对主轴润滑结构进行改进，产品平均无故障时间由1800小时提高到2600小时。",
        "plan": ["对剩余60台老旧设备加装数据采集网关，实现设备联网率100%。",
                 "扩建5G专网覆盖至热处理车间，新建工业PON网络。",
                 "扩容边缘云存储至300TB，建设数据备份中心。",
                 "开展DCMM2级贯标，建立主数据管理体系。",
                 "建设设备预测性维护和能耗动态平衡应用。"],
    }
    s.update(kw)
    return s


def make_company(i, **kw):
    rng = random.Random(1000 + i)
    div = kw["div"]
    if int(kw["est_cn"][:4]) < 2015:
        # codes re-issued to older companies embed the 9-character 组织机构代码 (GB 11714)
        body = orgcode("%08d" % rng.randint(10000000, 79999999))
    else:
        body = "MA" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(7))
    code = uscc("91" + div + body)
    co = {
        "uscc": code, "tick": "before", "seal": True, "labels": {}, "cfo": "王静", "clerk": "李娜",
        "ss_no": "%08d" % rng.randint(10000000, 99999999), "lic_type": "有限责任公司(自然人投资或控股)",
        "staff_months": None, "honours": [], "att_names": {},
    }
    co.update(kw)
    return co


def intro_text(co, extra=0):
    base = ("%s成立于%s，位于%s，是一家专业从事%s研发、生产和销售的%s。公司主营产品包括%s，"
            "产品广泛应用于%s等领域。公司深耕%s细分领域已有%d年，现有员工%d人，其中研发及技术人员%d人，"
            "拥有发明专利%d项、实用新型专利%d项。公司先后通过ISO9001质量管理体系、ISO14001环境管理体系"
            "%s认证，是%s。2021年实现营业收入%s万元。"
            "公司坚持“质量立企、创新强企、数字兴企”的经营战略，近年来持续推进设备联网、生产管理系统和"
            "供应链协同建设，计划通过三年时间建成数据驱动的智能工厂，力争在细分市场占有率进入国内前三位。") % (
        co["name"], co["est_cn"], co["city_full"], co["biz"], co["kind"], co["products"], co["apps"], co["niche"],
        co["years_in"], co["staff"], co["rd_staff"], co["pat_inv"], co["pat_um"], co.get("certs", ""), co["status"],
        fmt_num(co["revenue"][2021]))
    if extra:
        base += extra
    return base


def companies():
    C = []
    # ---------------------------------------------------------------- 01 clean, grid docx, scanned licence JPG
    c = make_company(1, div="370211", name="青岛海岳精密机械有限公司", city="青岛市", city_full="青岛市黄岛区",
                     rep="孙立华", capital_cn="伍仟万元整", capital_wan=5000, est_cn="2008年06月01日",
                     term_cn="2008年06月01日至长期", address="山东省青岛市黄岛区前湾港路1688号",
                     scope="一般项目：通用设备制造（不含特种设备制造）；机械零件、零部件加工；机械零件、零部件销售；金属切削加工服务；货物进出口。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）",
                     authority="青岛市黄岛区市场监督管理局", lic_date_cn="2021年08月16日",
                     mail_addr="山东省青岛市黄岛区前湾港路1688号", form_est="2008年6月1日",
                     scale=["中型"], own=["民营"], staff=426, revenue={2020: 31562.18, 2021: 35628.47},
                     inv={2020: 612.5, 2021: 886.3}, biz="精密传动零部件", kind="国家高新技术企业",
                     products="精密齿轮轴、减速机壳体、液压阀块等", apps="工程机械、轨道交通、港口机械",
                     niche="精密传动零部件", years_in=14, rd_staff=58, pat_inv=9, pat_um=46,
                     status="山东省“专精特新”中小企业、青岛市企业技术中心",
                     industry="制造业-通用设备制造业-轴承、齿轮和传动部件制造",
                     contact=["刘晓峰", "信息部部长", "0532-86981235", "liuxf@haiyue-jm.com"],
                     s2=base_s2(dev_n="126台", models=["DMG MORI NLX2500数控车床", "马扎克VCN-530C立式加工中心",
                                                      "格里森GP300ES滚齿机", "海克斯康Global S三坐标测量机",
                                                      "EMAG VL4立式车床"]),
                     plan_total="1260", sign_date="2022年12月15日", cfo="王静", clerk="李娜",
                     holders=[("孙立华", 3000), ("青岛海岳投资合伙企业（有限合伙）", 1500), ("孙晓岳", 500)],
                     equity_date="2022年11月30日",
                     honours=[("山东省“专精特新”中小企业", "山东省工业和信息化厅", "2021年12月"),
                              ("青岛市企业技术中心", "青岛市工业和信息化局", "2020年11月"),
                              ("高新技术企业证书", "青岛市科学技术局等", "2020年12月")])
    c["certs"] = "和ISO45001职业健康安全管理体系"
    c["intro"] = intro_text(c)
    C.append(c)
    # ---------------------------------------------------------------- 02 clean, text PDF declaration, e-licence PDF
    c = make_company(2, div="370303", name="山东鲁泰新材料（集团）有限公司", form_name="山东鲁泰新材料(集团)有限公司",
                     city="淄博市", city_full="淄博市张店区", rep="毕建国", capital_cn="壹亿贰仟万元整",
                     capital_wan=12000, est_cn="2006年03月18日", term_cn="2006年03月18日至2036年03月17日",
                     address="山东省淄博市张店区华光路266号",
                     scope="许可项目：危险化学品生产。一般项目：合成材料制造（不含危险化学品）；化工产品生产（不含许可类化工产品）；新材料技术研发；货物进出口。",
                     authority="淄博市市场监督管理局", lic_date_cn="2022年03月09日",
                     mail_addr="淄博市张店区华光路266号", form_est="2006.03.18", scale=["大型"], own=["民营"],
                     staff=1386, revenue={2020: 186530.6, 2021: 215876.25}, inv={2020: 1860, 2021: 2475.8},
                     biz="高性能聚合物材料", kind="化工新材料企业", products="聚甲醛、改性工程塑料、功能母粒",
                     apps="汽车零部件、电子电器、医疗器械", niche="工程塑料", years_in=16, rd_staff=162,
                     pat_inv=31, pat_um=58, status="国家级绿色工厂、山东省制造业单项冠军企业",
                     industry="制造业-化学原料和化学制品制造业-合成材料制造",
                     contact=["韩梅", "信息中心主任", "0533-2186620", "hanmei@lutai-nm.com"],
                     s2=base_s2(innov_desc='基于下游注塑客户的加工工艺数据和投诉数据分析，开发低VOC、高流动性改性聚甲醛新牌号3个，客户退货率下降42%。', plan=['对聚合、造粒工段在线分析仪表数据进行补充采集，新增采集点位1200个。', '新建厂区F5G全光网络，实现生产网与办公网物理隔离。', '建设数据湖，存储能力扩展到1PB。', '在DCMM二级基础上开展三级贯标，完善数据标准和数据质量管理。', '建设聚合工艺参数优化和能耗动态平衡模型。'], dev_n="2318台（套）", models=["横河CENTUM VP集散控制系统", "聚合釜R-2101（50m³）",
                                                           "科倍隆ZSK70双螺杆挤出机", "阿特拉斯GA250空压机"],
                                proto=["OPC UA/DA", "ModBus", "ProfiBus"], nets=["5G", "PON全光网络", "工业以太网"],
                                sec=[True, True, True, False, False], dcmm=True, dcmm_level=["二级"],
                                edge_desc="企业边缘云部署服务器18台，存储能力480TB，算力约200TFLOPS"),
                     plan_total="3680", sign_date="2022年12月19日", cfo="周海燕", clerk="赵琳",
                     holders=[("毕建国", 7200), ("淄博鲁泰投资有限公司", 4800)], equity_date="2022年12月1日",
                     honours=[("国家级绿色工厂", "工业和信息化部", "2020年12月"),
                              ("DCMM数据管理能力成熟度2级（受管理级）", "中国电子信息行业联合会", "2022年6月")])
    c["intro"] = intro_text(c)
    c["tick"] = "square"
    C.append(c)
    # ---------------------------------------------------------------- 03 clean, regional labels, zip (Mac)
    c = make_company(3, div="370781", name="青州华德汽车零部件有限公司", city="潍坊市", city_full="潍坊市青州市",
                     rep="陈华德", capital_cn="壹仟伍佰万美元", capital_wan=None, lic_type="有限责任公司(中外合资)",
                     est_cn="2011年09月07日", term_cn="2011年09月07日至2041年09月06日",
                     address="山东省潍坊市青州市经济开发区云门山南路2999号",
                     scope="一般项目：汽车零部件及配件制造；汽车零配件批发；机械零件、零部件加工；货物进出口。",
                     authority="青州市市场监督管理局", lic_date_cn="2021年05月20日",
                     mail_addr="山东省青州市经济开发区云门山南路2999号", form_est="二〇一一年九月七日",
                     form_cap="1500万美元", scale=["中型"], own=["合资"], staff=538,
                     revenue={2020: 41250.0, 2021: 47390.6}, inv={2020: 380, 2021: 655.4},
                     labels={"name": "单位名称", "cap": "注册资本(万元)", "date": "成立日期"},
                     biz="汽车制动系统零部件", kind="中外合资企业", products="制动钳总成、制动盘、轮毂轴承单元",
                     apps="乘用车、商用车整车配套及售后市场", niche="汽车制动零部件", years_in=11, rd_staff=64,
                     pat_inv=7, pat_um=39, status="潍坊市“隐形冠军”企业",
                     industry="制造业-汽车制造业-汽车零部件及配件制造",
                     contact=["王志强", "副总经理", "13853698812", "wangzq@huade-auto.cn"],
                     s2=base_s2(plan=['对剩余压铸和机加设备加装传感器，补充振动、温度数据采集。', '新建车间5G专网与工业PON网络。', '2023年建设企业边缘云，部署服务器4台。', '开展DCMM2级贯标，建立主数据管理体系。', '建设制动钳总成质量追溯与设备预测性维护应用。'], collect=True, collect_types=["智能网关"], node=False, edge=False, edge_desc="",
                                sec=[True, False, False, False, False], innov=False, innov_desc=""),
                     plan_total="980", sign_date="2022年12月22日", tick="after",
                     holders=[("青州华德控股有限公司", 900), ("德国BREMTEC GmbH", 600)], equity_date="2022年12月1日")
    c["capital_wan"] = 1500  # 万美元 – kept as foreign currency on both documents
    c["capital_ccy"] = "美元"
    c["certs"] = "和IATF16949汽车行业质量管理体系"
    c["intro"] = intro_text(c)
    C.append(c)
    # ---------------------------------------------------------------- 04 clean, prose layout, licence PNG, xlsx 投入明细 (元→万元)
    c = make_company(4, div="370613", name="烟台莱山智能装备股份有限公司", city="烟台市", city_full="烟台市莱山区",
                     rep="于德江", capital_cn="人民币捌仟零伍拾万元整", capital_wan=8050, lic_type="其他股份有限公司(非上市)",
                     est_cn="2013年04月22日", term_cn="2013年04月22日至无固定期限",
                     address="山东省烟台市莱山区港城东大街1235号",
                     scope="一般项目：智能物料搬运装备销售；工业机器人制造；物料搬运装备制造；通用设备制造（不含特种设备制造）；软件开发。",
                     authority="烟台市莱山区行政审批服务局", lic_date_cn="2022年01月11日",
                     mail_addr="烟台市莱山区港城东大街1235号", form_est="2013-04-22", scale=["中型"], own=["民营"],
                     staff=312, revenue={2020: 22816.4, 2021: 26390.05},
                     inv={2020: 236.8, 2021: 386.5}, biz="智能物流输送装备", kind="国家高新技术企业",
                     products="AGV搬运机器人、智能立体库、输送分拣系统", apps="汽车、家电、食品饮料",
                     niche="智能物流装备", years_in=9, rd_staff=71, pat_inv=12, pat_um=64,
                     status="山东省瞪羚企业",
                     industry="制造业-专用设备制造业-其他专用设备制造",
                     contact=["曲婷婷", "总经理助理", "0535-6931827", "qutt@laishan-ie.com"],
                     s2=base_s2(plan=['对钣金、焊接设备加装智能网关，实现设备联网率100%。', '将WiFi6覆盖扩展至装配车间，试点5G专网。', '建设企业边缘云，部署服务器3台，存储60TB。', '开展DCMM2级贯标。', '建设AGV产品远程运维平台和装配质量智能控制应用。'], dev_n="94台", models=["大族G3015HE激光切割机", "通快TruBend 5130折弯机",
                                                     "松下TAWERS焊接机器人", "牧野F5加工中心"],
                                proto=["OPC UA/DA", "其它"], proto_other="MQTT", nets=["WiFi6", "工业以太网"],
                                edge=False, edge_desc="", sec=[False, True, True, False, False]),
                     plan_total="620", sign_date="2022年12月20日", tick="check",
                     holders=[("于德江", 4025), ("烟台莱山创业投资有限公司", 2415), ("曲建明", 1610)],
                     equity_date="2022年11月30日")
    c["inv_items"] = [("MES系统一期", "软件", 118.0, 0.0, "2020年验收"),
                      ("设备联网网关及传感器", "硬件", 86.5, 42.3, "94台设备"),
                      ("WiFi6无线网络改造", "网络", 32.3, 0.0, ""),
                      ("WMS仓储管理系统", "软件", 0.0, 156.0, ""),
                      ("态势感知与数据库审计", "安全", 0.0, 68.2, ""),
                      ("三维设计软件许可", "软件", 0.0, 120.0, "SolidWorks 40套")]
    c["intro"] = intro_text(c)
    C.append(c)
    # ---------------------------------------------------------------- 05 WORD_LIMIT_EXCEEDED + OPTION_CONFLICT
    c = make_company(5, div="370811", name="济宁鲁科液压科技有限公司", city="济宁市", city_full="济宁市任城区",
                     rep="张广明", capital_cn="叁仟万元整", capital_wan=3000, est_cn="2010年11月15日",
                     term_cn="2010年11月15日至长期", address="山东省济宁市任城区开源路77号",
                     scope="一般项目：液压动力机械及元件制造；液压动力机械及元件销售；机械零件、零部件加工。",
                     authority="济宁市任城区市场监督管理局", lic_date_cn="2020年07月02日",
                     mail_addr="济宁市任城区开源路77号", form_est="2010年11月15日", scale=["大型", "中型"],
                     own=["民营"], staff=467, revenue={2020: 52310.0, 2021: 60125.8}, inv={2020: 420, 2021: 735},
                     biz="液压油缸及液压系统", kind="省级专精特新企业", products="工程机械液压油缸、煤矿液压支架立柱",
                     apps="工程机械、煤矿综采、港口起重", niche="液压油缸", years_in=12, rd_staff=52, pat_inv=8,
                     pat_um=51, status="山东省“专精特新”中小企业",
                     industry="制造业-通用设备制造业-液压动力机械及元件制造",
                     contact=["李成", "企管部经理", "0537-2239018", "licheng@lukehy.com"],
                     s2=base_s2(dev_n="215台"), plan_total="1450", sign_date="2022年12月16日",
                     holders=[("张广明", 2100), ("张瑞", 900)], equity_date="2022年12月1日")
    extra = ("公司建有省级企业技术中心和液压元件检测实验室，配备高压液压综合试验台、缸筒内孔检测系统等先进检测设备，"
             "与山东大学、济宁学院开展产学研合作，共同承担省重点研发计划项目1项。公司产品配套徐工、三一、山推、中国煤科等"
             "主机厂，并出口至俄罗斯、印度尼西亚、澳大利亚等国家和地区。近三年来，公司投资1.2亿元建设智能化缸筒加工车间，"
             "引进数控深孔珩磨机、自动焊接工作站和机器人喷涂线，缸筒加工效率提高35%，产品一次交验合格率达到99.2%。"
             "公司高度重视人才队伍建设，设立数字化转型专项资金，实行总数据师制度，组建了16人的数字技术工程师队伍。")
    c["intro"] = intro_text(c, extra)
    C.append(c)
    # ---------------------------------------------------------------- 06 INVALID_IDENTIFIER (cover) + INCONSISTENT_VALUE 注册资金
    c = make_company(6, div="371311", name="临沂沂蒙食品机械有限公司", city="临沂市", city_full="临沂市罗庄区",
                     rep="高振华", capital_cn="叁仟伍佰万元整", capital_wan=3500, est_cn="2012年05月28日",
                     term_cn="2012年05月28日至长期", address="山东省临沂市罗庄区湖西路19号",
                     scope="一般项目：食品、酒、饮料及茶生产专用设备制造；包装专用设备制造；机械设备销售。",
                     authority="临沂市罗庄区行政审批服务局", lic_date_cn="2021年04月08日",
                     mail_addr="临沂市罗庄区湖西路19号", form_est="2012年5月28日", form_cap="3000",
                     scale=["中型"], own=["民营"], staff=355, revenue={2020: 18760.3, 2021: 21450.9},
                     inv={2020: 156, 2021: 298.6}, biz="食品加工及包装机械", kind="高新技术企业",
                     products="连续式油炸机、速冻隧道、全自动包装线", apps="速冻食品、休闲食品、预制菜",
                     niche="食品加工成套装备", years_in=10, rd_staff=46, pat_inv=5, pat_um=42,
                     status="临沂市企业技术中心", industry="制造业-专用设备制造业-食品、饮料、烟草及饲料生产专用设备制造",
                     contact=["高敏", "办公室主任", "0539-8261377", "gaomin@yimengfm.com"],
                     s2=base_s2(dev_n="108台"), plan_total="560", sign_date="2022年12月21日", tick="square",
                     holders=[("高振华", 2450), ("高敏", 1050)], equity_date="2022年12月1日")
    good = c["uscc"]
    i = next(k for k in range(9, 15) if good[k] != good[k + 1])
    bad = good[:i] + good[i + 1] + good[i] + good[i + 2:]  # two body characters transposed while typing
    if uscc_ok(bad):
        bad = good[:17] + USCC_ALPHA[(USCC_ALPHA.index(good[17]) + 1) % 31]
    c["cover_code"] = bad
    c["intro"] = intro_text(c)
    C.append(c)
    # ---------------------------------------------------------------- 07 DOCUMENT_EXPIRED + DATE_OUT_OF_RANGE (社保)
    c = make_company(7, div="370911", name="泰安岱宗纺织有限公司", city="泰安市", city_full="泰安市岱岳区",
                     rep="许长青", capital_cn="贰仟万元整", capital_wan=2000, est_cn="2002年09月01日",
                     term_cn="2002年09月01日至2022年08月31日", address="山东省泰安市岱岳区粥店街道长城路558号",
                     scope="纺纱加工；面料纺织加工；针纺织品销售；货物进出口。",
                     authority="泰安市岱岳区市场监督管理局", lic_date_cn="2017年06月12日",
                     mail_addr="泰安市岱岳区长城路558号", form_est="2002年9月1日", scale=["中型"], own=["民营"],
                     staff=642, revenue={2020: 38642.5, 2021: 43120.75}, inv={2020: 210, 2021: 356},
                     biz="棉纺及混纺纱线", kind="纺织企业", products="紧密纺棉纱、涡流纺纱线、色纺纱",
                     apps="针织、家纺、服装面料", niche="紧密纺纱线", years_in=20, rd_staff=38, pat_inv=3, pat_um=27,
                     status="山东省纺织行业智能制造示范车间", industry="制造业-纺织业-棉纺织及印染精加工",
                     contact=["许倩", "综合部部长", "0538-8512906", "xuqian@daizongtex.com"],
                     s2=base_s2(innov_desc='基于客户订单和成纱质量数据分析，优化配棉方案，开发色纺纱新品种12个。', plan=['对清梳联和络筒工序加装智能网关，实现单锭数据采集。', '车间部署WiFi6无线网络，覆盖三个纺纱车间。', '新建机房，部署服务器4台用于数据存储。', '建立主数据标准，统一物料、设备编码。', '建设成纱质量预测和能耗分析应用。'], dev_n="1260台（套）", models=["立达C80梳棉机", "丰田RX300细纱机", "村田VORTEX870涡流纺纱机",
                                                          "青岛宏大JWF1576络筒机"], nets=["工业以太网", "其它"],
                                net_other="LoRa温湿度监测网"), plan_total="480", sign_date="2022年12月23日",
                     holders=[("许长青", 1400), ("泰安岱宗投资有限公司", 600)], equity_date="2022年12月1日")
    c["intro"] = intro_text(c)
    C.append(c)
    # ---------------------------------------------------------------- 08 ELIGIBILITY_FAILED (分公司) + MISSING_ATTACHMENT 股权结构
    c = make_company(8, div="370116", name="山东齐鲁重工机械有限公司莱芜分公司", city="济南市", city_full="济南市莱芜区",
                     rep="赵德胜", rep_label="负责人", capital_cn=None, capital_wan=None,
                     lic_type="有限责任公司分公司(自然人投资或控股)", est_cn="2016年03月10日",
                     term_cn="2016年03月10日至长期", address="山东省济南市莱芜区凤城西大街180号",
                     addr_label="营业场所",
                     scope="一般项目：矿山机械制造；冶金专用设备制造；金属结构制造（隶属企业经营范围内）。",
                     authority="济南市莱芜区行政审批服务局", lic_date_cn="2021年09月27日",
                     mail_addr="济南市莱芜区凤城西大街180号", form_est="2016年3月10日", form_cap="15000",
                     scale=["小型"], own=["民营"], staff=289, revenue={2020: 24150.0, 2021: 28960.4},
                     inv={2020: 135, 2021: 248}, biz="矿山及冶金机械", kind="制造企业",
                     products="带式输送机、破碎机、冶金辊道", apps="矿山、钢铁冶金、港口",
                     niche="散料输送装备", years_in=6, rd_staff=35, pat_inv=2, pat_um=18, status="济南市“一企一技术”研发中心",
                     industry="制造业-专用设备制造业-采矿、冶金、建筑专用设备制造",
                     contact=["赵明", "分公司办公室主任", "0634-6218833", "zhaoming@qlzg-lw.com"],
                     s2=base_s2(dev_n="97台"), plan_total="430", sign_date="2022年12月20日",
                     holders=[], equity_date="")
    c["intro"] = intro_text(c)
    C.append(c)
    # ---------------------------------------------------------------- 09 MISSING_SEAL + CALCULATION_MISMATCH (xlsx 合计)
    c = make_company(9, div="371002", name="威海蓝海医疗器械有限公司", city="威海市", city_full="威海市环翠区",
                     rep="谭永胜", capital_cn="陆仟万元整", capital_wan=6000, est_cn="2009年07月16日",
                     term_cn="2009年07月16日至2039年07月15日", address="山东省威海市环翠区火炬路213号",
                     scope="许可项目：第二类医疗器械生产；第三类医疗器械生产。一般项目：第一类医疗器械生产；第二类医疗器械销售。",
                     authority="威海市环翠区市场监督管理局", lic_date_cn="2022年02月14日",
                     mail_addr="威海市环翠区火炬路213号", form_est="2009年7月16日", scale=["中型"], own=["民营"],
                     staff=508, revenue={2020: 46890.1, 2021: 51235.66}, inv={2020: 320, 2021: 512.6},
                     biz="一次性医用耗材", kind="医疗器械生产企业", products="输注器械、采血器械、留置针",
                     apps="医院、疾控中心、血站", niche="一次性输注器械", years_in=13, rd_staff=73, pat_inv=11,
                     pat_um=47, status="山东省制造业单项冠军企业", industry="制造业-专用设备制造业-医疗仪器设备及器械制造",
                     contact=["林琳", "信息化专员", "0631-5302217", "linlin@lanhai-med.com"],
                     s2=base_s2(innov_desc='基于医院用户使用反馈与不良事件数据分析，改进留置针防针刺结构，用户投诉率下降35%。', plan=['对灭菌、组装工序设备加装数据采集终端。', '建设5G专网覆盖洁净车间。', '扩容企业私有云存储至200TB。', '建立UDI产品标识与质量追溯数据管理体系。', '建设注塑工艺参数优化与质量智能控制应用。'], dev_n="164台", models=["恩格尔e-mac注塑机", "海天MA1600注塑机", "全自动输液器组装机",
                                                      "环氧乙烷灭菌柜", "基恩士CV-X视觉检测系统"]),
                     plan_total="900", sign_date="2022年12月22日", seal=False,
                     holders=[("谭永胜", 3600), ("威海蓝海投资合伙企业（有限合伙）", 2400)], equity_date="2022年11月30日")
    c["inv_items"] = [("MES制造执行系统", "软件", 150.0, 96.0, ""), ("注塑机联网改造", "硬件", 88.0, 126.6, ""),
                      ("视觉检测系统", "硬件", 82.0, 110.0, ""), ("数据中心机房改造", "基础设施", 0.0, 98.0, ""),
                      ("态势感知系统", "安全", 0.0, 102.0, "")]
    # items for 2021 sum to 532.6; the typed 合计 and the form both say 512.6
    c["certs"] = "和ISO13485医疗器械质量管理体系"
    c["intro"] = intro_text(c)
    C.append(c)
    # ---------------------------------------------------------------- 10 INVALID_UNIT + INCONSISTENT_VALUE 营收
    c = make_company(10, div="371502", name="聊城东昌轴承有限公司", city="聊城市", city_full="聊城市东昌府区",
                     rep="马国庆", capital_cn="陆仟捌佰万元整", capital_wan=6800, est_cn="2005年12月08日",
                     term_cn="2005年12月08日至长期", address="山东省聊城市东昌府区松桂路39号",
                     scope="一般项目：轴承制造；轴承销售；轴承、齿轮和传动部件制造；机械零件、零部件加工。",
                     authority="聊城市东昌府区市场监督管理局", lic_date_cn="2020年10月19日",
                     mail_addr="聊城市东昌府区松桂路39号", form_est="2005年12月8日", form_cap="6800",
                     labels={"cap": "注册资金"}, form_rev="28650", scale=["中型"], own=["民营"], staff=476,
                     revenue={2020: 23980.2, 2021: 26850.0}, inv={2020: 186, 2021: 302},
                     biz="深沟球轴承及圆锥滚子轴承", kind="轴承制造企业", products="深沟球轴承、圆锥滚子轴承、轮毂轴承",
                     apps="电机、汽车、农业机械", niche="中小型轴承", years_in=17, rd_staff=41, pat_inv=4, pat_um=33,
                     status="山东省“专精特新”中小企业", industry="制造业-通用设备制造业-轴承、齿轮和传动部件制造",
                     contact=["马丽", "企划部部长", "0635-8417725", "mali@dongchang-zc.com"],
                     s2=base_s2(dev_n="236台"), plan_total="760", sign_date="2022年12月19日",
                     holders=[("马国庆", 4080), ("马丽", 1360), ("聊城东昌投资有限公司", 1360)],
                     equity_date="2022年12月1日")
    c["certs"] = "和IATF16949汽车行业质量管理体系"
    c["intro"] = intro_text(c)
    C.append(c)
    # ---------------------------------------------------------------- 11 DATE_OUT_OF_RANGE (statements 2019/2020) + OPTION_NOT_SELECTED (DCMM等级)
    c = make_company(11, div="370502", name="东营黄河石油装备有限公司", city="东营市", city_full="东营市东营区",
                     rep="崔永刚", capital_cn="壹亿元整", capital_wan=10000, est_cn="2007年08月30日",
                     term_cn="2007年08月30日至长期", address="山东省东营市东营区府前大街118号",
                     scope="一般项目：石油钻采专用设备制造；石油钻采专用设备销售；海洋工程装备制造；机械设备租赁。",
                     authority="东营市市场监督管理局", lic_date_cn="2021年12月03日",
                     mail_addr="东营市东营区府前大街118号", form_est="2007年8月30日", scale=["大型"], own=["民营"],
                     staff=1125, revenue={2019: 88120.0, 2020: 92460.35, 2021: 108735.9},
                     inv={2020: 980, 2021: 1365}, biz="石油钻采装备", kind="石油装备制造企业",
                     products="抽油机、井口装置、压裂泵", apps="油气田开采、页岩气压裂", niche="采油装备",
                     years_in=15, rd_staff=136, pat_inv=22, pat_um=87, status="山东省企业技术中心",
                     industry="制造业-专用设备制造业-采矿、冶金、建筑专用设备制造",
                     contact=["崔晓", "数字化部部长", "0546-8275519", "cuixiao@hhpe.com.cn"],
                     s2=base_s2(innov_desc='通过在用户油井抽油机上加装远程监测终端，分析冲次、载荷数据，推出智能节能抽油机，平均节电18%。', plan=['对大型机加设备和焊接机器人加装数据采集网关。', '建设5G+工业以太网融合网络。', '建设企业边缘云二期，新增服务器12台。', '开展DCMM贯标深化工作。', '建设产品远程运维和预测性维护平台。'], dev_n="412台", dcmm=True, dcmm_level=[]), plan_total="2200",
                     sign_date="2022年12月21日", tick="before",
                     holders=[("崔永刚", 6000), ("东营黄河投资控股有限公司", 4000)], equity_date="2022年12月1日")
    c["intro"] = intro_text(c)
    C.append(c)
    # ---------------------------------------------------------------- 12 MISSING_ATTACHMENT (社保) + MISSING_FIELD (边缘云描述)
    c = make_company(12, div="370725", name="昌乐宝石机电有限公司", city="潍坊市", city_full="潍坊市昌乐县",
                     rep="刘宝山", capital_cn="壹仟捌佰万元整", capital_wan=1800, est_cn="2014年02月19日",
                     term_cn="2014年02月19日至长期", address="山东省潍坊市昌乐县宝石城大道6688号",
                     scope="一般项目：电机制造；发电机及发电机组制造；微特电机及组件制造；电机及其控制系统研发。",
                     authority="昌乐县市场监督管理局", lic_date_cn="2022年05月06日",
                     mail_addr="昌乐县宝石城大道6688号", form_est="2014年2月19日", scale=["小型"], own=["民营"],
                     staff=186, revenue={2020: 9860.4, 2021: 12350.8}, inv={2020: 68, 2021: 145},
                     biz="永磁同步电机", kind="科技型中小企业", products="永磁同步电机、伺服电机、电机控制器",
                     apps="空压机、水泵、新能源物流车", niche="永磁电机", years_in=8, rd_staff=29, pat_inv=3,
                     pat_um=21, status="潍坊市“专精特新”中小企业", industry="制造业-电气机械和器材制造业-电机制造",
                     contact=["刘洋", "总经理助理", "15966178023", "liuyang@bsjd.com.cn"],
                     s2=base_s2(dev_n="72台", edge=True, edge_desc=""), plan_total="320",
                     sign_date="2022年12月26日", tick="after",
                     holders=[("刘宝山", 1260), ("刘洋", 540)], equity_date="2022年12月1日")
    c["intro"] = intro_text(c)
    C.append(c)
    return C


# ----------------------------------------------------------------------------------------------
# dossier assembly
# ----------------------------------------------------------------------------------------------
MONTHS_OK = ["2022-09", "2022-10", "2022-11"]


def heads_for(co, months):
    return [co["staff"] - 4, co["staff"] - 2, co["staff"]][-len(months):]


SEAL_Q = "“将盖章后的电子申报材料提报至各市工业和信息化局”；“将加盖公章的申报书和推荐汇总表……电子版报送至指定邮箱”"


def build(out):
    cos = companies()
    rng = np.random.default_rng(20221230)
    labels = []

    def D(name, as_of, desc, defects=None, narratives=None):
        labels.append({"name": name, "as_of": as_of, "clean": not defects, "description": desc,
                       "defects": defects or [], "narratives": narratives or []})

    def write(folder, files):
        p = out / folder
        for rel, data in files.items():
            fp = p / rel
            fp.parent.mkdir(parents=True, exist_ok=True)
            fp.write_bytes(data)

    # ---- 01
    co = cos[0]
    att = {
        "申报书_青岛海岳精密机械有限公司.docx": decl_grid_docx(co),
        "附件1_营业执照.jpg": licence_scan(co, rng, rotate=0.8),
        "附件2_2020年度财务报表.pdf": finance_pdf(co, [2020]),
        "附件2_2021年度财务报表.pdf": finance_pdf(co, [2021]),
        "附件3_社保缴纳证明.pdf": social_pdf(co, MONTHS_OK, heads_for(co, MONTHS_OK), "2022-12-08", "青岛市社会保险事业中心"),
        "附件4_荣誉资质.pdf": honours_pdf(co),
        "附件5_股权结构.docx": equity_docx(co),
        "附件6_晨星工厂建设情况说明.docx": narrative_docx(co, "青岛海岳精密机械有限公司晨星工厂建设情况说明", N01),
    }
    write("01_青岛海岳精密", att)
    D("01_青岛海岳精密", "2022-12-20",
      "官方表格版式DOCX（分组|标签|值|标签|值）申报书，贴电子公章；营业执照为扫描JPG（伍仟万元整、营业期限至长期）；2020、2021年报表分两份PDF；附建设情况说明",
      narratives=[narr_label("附件6_晨星工厂建设情况说明.docx", N01)])

    # ---- 02 text PDF
    co = cos[1]
    att = {
        "山东省数字经济晨星工厂申报书（鲁泰）.pdf": decl_pdf(co),
        "扫描件001.pdf": licence_pdf(co),
        "扫描件002.pdf": finance_pdf(co, [2020, 2021], software="金蝶K/3 Cloud"),
        "扫描件003.pdf": social_pdf(co, MONTHS_OK, heads_for(co, MONTHS_OK), "2022-12-09", "淄博市社会保险事业中心"),
        "扫描件004.pdf": honours_pdf(co),
        "股权结构.docx": equity_docx(co),
        "附件6_数字化建设成效.pdf": narrative_pdf(co, "山东鲁泰新材料（集团）有限公司数字化建设成效", N02),
    }
    write("02_鲁泰新材料", att)
    D("02_鲁泰新材料", "2022-12-22",
      "申报书由Word打印成文字层PDF并绘制电子公章；名称中半角(集团)与执照全角（集团）不同写法；注册日期写作2006.03.18；执照为电子营业执照PDF（壹亿贰仟万元整）；附件文件名为扫描件00X.pdf",
      narratives=[narr_label("附件6_数字化建设成效.pdf", N02)])

    # ---- 03 zip (Mac)
    co = cos[2]
    months3 = ["2022-10", "2022-11", "2022-12"]
    inner = {
        "新建文件夹/晨星工厂申报书-华德.docx": decl_regional_docx(co),
        "新建文件夹/营业执照电子版.pdf": licence_pdf(co),
        "新建文件夹/财务报表2020-2021.pdf": finance_pdf(dict(co, capital_wan=10350), [2020, 2021]),
        "新建文件夹/社保证明.pdf": social_pdf(co, months3, heads_for(co, months3), "2022-12-21", "青州市社会保险事业中心"),
        "新建文件夹/股权结构.docx": equity_docx(co),
        "新建文件夹/附件6 供应链与现场数字化情况.docx": narrative_docx(co, "供应链与现场数字化建设情况", N03),
    }
    zb = io.BytesIO()
    with zipfile.ZipFile(zb, "w", zipfile.ZIP_DEFLATED) as z:
        for rel, data in inner.items():
            zi = zipfile.ZipInfo(rel, date_time=(2022, 12, 22, 16, 5, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)
            d, f = rel.rsplit("/", 1)
            zi2 = zipfile.ZipInfo("__MACOSX/" + d + "/._" + f, date_time=(2022, 12, 22, 16, 5, 0))
            z.writestr(zi2, b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ")
        z.writestr(zipfile.ZipInfo("新建文件夹/.DS_Store", date_time=(2022, 12, 22, 16, 5, 0)), b"\x00\x00\x00\x01Bud1" + b"\x00" * 60)
    (out / "03_青州华德.zip").write_bytes(zb.getvalue())
    D("03_青州华德.zip", "2022-12-27",
      "Mac打包的zip（__MACOSX、.DS_Store、新建文件夹）；地区旧版标签（单位名称/注册资本/成立日期），值在标签下方，勾选在选项后；中外合资、注册资本1500万美元；未提供荣誉资质（不提供视为无）；未加装以外的“如是”项留空合理；社保为2022年10-12月",
      narratives=[narr_label("新建文件夹/附件6 供应链与现场数字化情况.docx", N03)])

    # ---- 04 prose + PNG licence + xlsx 投入 (元/万元)
    co = cos[3]
    att = {
        "烟台莱山智能装备-晨星工厂申报书.docx": decl_prose_docx(co),
        "IMG_20221214_0931.png": licence_scan(co, rng, rotate=-1.2, grey=True, fmt="PNG"),
        "附件2 财务报表（2020年度）.pdf": finance_pdf(co, [2020], software="浪潮GS"),
        "附件2 财务报表（2021年度）.pdf": finance_pdf(co, [2021], software="浪潮GS"),
        "附件3 社保缴纳证明.pdf": social_pdf(co, MONTHS_OK, heads_for(co, MONTHS_OK), "2022-12-13", "烟台市社会保险服务中心"),
        "附件5 股权结构.docx": equity_docx(co),
        "附件6 数字化转型投入明细.xlsx": invest_xlsx(co, unit="元"),
    }
    write("04_烟台莱山智能装备", att)
    D("04_烟台莱山智能装备", "2022-12-23",
      "“标签：值”段落式申报书（编号纯文本标题），勾选为“（√）”写在选项后；执照为灰底PNG扫描（人民币捌仟零伍拾万元整，营业期限至无固定期限），股份有限公司；附投入明细XLSX（两行合并表头、合计行与申报书一致）")

    # ---- 05
    co = cos[4]
    n = word_count(co["intro"])
    att = {
        "济宁鲁科液压-晨星工厂申报书.docx": decl_grid_docx(co),
        "营业执照.pdf": licence_pdf(co),
        "2020-2021年财务报表.pdf": finance_pdf(co, [2020, 2021]),
        "社保缴纳证明.pdf": social_pdf(co, MONTHS_OK, heads_for(co, MONTHS_OK), "2022-12-07", "济宁市社会保险事业中心"),
        "股权结构.docx": equity_docx(co),
    }
    write("05_济宁鲁科液压", att)
    D("05_济宁鲁科液压", "2022-12-21", "官方表格版式DOCX；企业简介超过500字；企业规模同时勾选大型和中型",
      [{"code": "WORD_LIMIT_EXCEEDED", "severity": "error", "file": "济宁鲁科液压-晨星工厂申报书.docx",
        "field": "企业简介", "expected": "不超过500字", "found": "%d字（Word字数统计口径）" % n,
        "seed_quote": "企业简介 (包括但不限于以下内容：企业主营业务，主营产品，所从事细分领域及从业时间，企业在细分领域的地位，企业经营战略等；不超过 500 字)"},
       {"code": "OPTION_CONFLICT", "severity": "error", "file": "济宁鲁科液压-晨星工厂申报书.docx",
        "field": "企业规模", "expected": "□大型 □中型 □小型 中只勾选一项",
        "found": "☑大型 ☑中型 同时勾选", "seed_quote": "企业规模 □大型    □中型     □小型"}])

    # ---- 06
    co = cos[5]
    att = {
        "沂蒙食品机械晨星工厂申报材料.docx": decl_prose_docx(co),
        "扫描件001.jpg": licence_scan(co, rng, rotate=1.5, grey=True),
        "扫描件002.pdf": finance_pdf(co, [2020, 2021], software="用友T3"),
        "扫描件003.pdf": social_pdf(co, MONTHS_OK, heads_for(co, MONTHS_OK), "2022-12-14", "临沂市社会保险事业中心"),
        "扫描件004.docx": equity_docx(co),
    }
    write("06_沂蒙食品机械", att)
    D("06_沂蒙食品机械", "2022-12-26",
      "段落式DOCX带封面（申报单位、统一社会信用代码）；封面信用代码两位字符颠倒导致校验位不符；注册资金写3000万元而执照为叁仟伍佰万元整",
      [{"code": "INVALID_IDENTIFIER", "severity": "error", "file": "沂蒙食品机械晨星工厂申报材料.docx",
        "field": "统一社会信用代码", "expected": co["uscc"] + "（营业执照、社保证明所载，校验位正确）",
        "found": co["cover_code"] + "（校验位不符合GB 32100-2015）",
        "seed_quote": "申报单位据实填写《山东省数字经济“晨星工厂”企业申报书》(附件 1)；附件 1、注册资金和注册成立时间证明 (请提供申报单位营业执照扫描件)"},
       {"code": "INCONSISTENT_VALUE", "severity": "error", "file": "沂蒙食品机械晨星工厂申报材料.docx",
        "field": "注册资金(万元)", "expected": "3500（营业执照：注册资本 叁仟伍佰万元整）", "found": "3000",
        "seed_quote": "注册资金(万元)；附件 1、注册资金和注册成立时间证明 (请提供申报单位营业执照扫描件)"}])

    # ---- 07
    co = cos[6]
    bad_months = ["2022-04", "2022-05", "2022-06"]
    att = {
        "泰安岱宗纺织_晨星工厂申报书.docx": decl_regional_docx(co),
        "IMG_20221216_1042.jpg": licence_scan(co, rng, rotate=-0.6, grey=False),
        "财务报表.pdf": finance_pdf(co, [2020, 2021], software="用友U8 V10.1"),
        "社保证明.pdf": social_pdf(co, bad_months, heads_for(co, bad_months), "2022-07-05", "泰安市社会保险事业中心"),
        "股权结构.docx": equity_docx(co),
    }
    write("07_泰安岱宗纺织", att)
    D("07_泰安岱宗纺织", "2022-12-26",
      "地区版DOCX（标题样式）；营业执照为手机拍照JPG，营业期限已于2022年08月31日届满；社保证明为2022年4-6月（打印于2022-07-05），不是近3个月",
      [{"code": "DOCUMENT_EXPIRED", "severity": "error", "file": "IMG_20221216_1042.jpg", "field": "营业期限",
        "expected": "营业期限覆盖评审日2022-12-26（经营状态正常）", "found": "2002年09月01日至2022年08月31日",
        "seed_quote": "近三年无重大违法违规行为、无重大生产安全事故，经营状态正常；请提供申报单位营业执照扫描件"},
       {"code": "DATE_OUT_OF_RANGE", "severity": "error", "file": "社保证明.pdf", "field": "员工数量证明（社保缴纳证明）",
        "expected": "近3个月（2022年9月—11月或10月—12月）", "found": "2022-04至2022-06",
        "seed_quote": "附件 3、员工数量证明 (请提供近 3 个月的员工社保缴纳证明)"}])

    # ---- 08 branch
    co = cos[7]
    att = {
        "晨星工厂申报书（莱芜分公司）.docx": decl_grid_docx(co),
        "营业执照（分公司）.pdf": licence_pdf(co),
        "财务报表2020-2021.pdf": finance_pdf(dict(co, capital_wan=1000), [2020, 2021]),
        "社保缴纳证明.pdf": social_pdf(co, MONTHS_OK, heads_for(co, MONTHS_OK), "2022-12-09", "济南市莱芜区社会保险事业中心"),
    }
    write("08_齐鲁重工莱芜分公司", att)
    D("08_齐鲁重工莱芜分公司", "2022-12-20",
      "申报主体为分公司（营业执照类型“有限责任公司分公司”、负责人、营业场所、无注册资本），不具有独立法人资格；未提供股权结构",
      [{"code": "ELIGIBILITY_FAILED", "severity": "error", "file": "营业执照（分公司）.pdf", "field": "独立法人资格",
        "expected": "具有独立法人资格的企业", "found": "类型：有限责任公司分公司(自然人投资或控股)；负责人：赵德胜",
        "seed_quote": "申报省级数字经济“晨星工厂”的企业须符合以下条件：在山东省行政区域内注册，具有独立法人资格，属于规上工业企业"},
       {"code": "MISSING_ATTACHMENT", "severity": "error", "file": None, "field": "附件5、企业股权结构",
        "expected": "企业股权结构材料", "found": "申报材料中无股权结构文件",
        "seed_quote": "三、企业财务证明材料 …… 附件 5、企业股权结构"}])

    # ---- 09 no seal + xlsx total mismatch
    co = cos[8]
    att = {
        "威海蓝海医疗晨星工厂申报书.docx": decl_grid_docx(co),
        "营业执照（电子）.pdf": licence_pdf(co),
        "财务报表2020.pdf": finance_pdf(co, [2020], software="金蝶KIS"),
        "财务报表2021.pdf": finance_pdf(co, [2021], software="金蝶KIS"),
        "社保缴纳证明.pdf": social_pdf(co, MONTHS_OK, heads_for(co, MONTHS_OK), "2022-12-12", "威海市社会保险事业中心"),
        "股权结构.docx": equity_docx(co),
        "附件6_数字化转型投入明细.xlsx": invest_xlsx(co, total_override=(320.0, 512.6)),
    }
    write("09_威海蓝海医疗", att)
    D("09_威海蓝海医疗", "2022-12-22",
      "官方表格版式DOCX，落款“申报单位（盖章）”处无公章；投入明细XLSX中2021年合计手填512.6万元，各项之和为532.6万元",
      [{"code": "MISSING_SEAL", "severity": "error", "file": "威海蓝海医疗晨星工厂申报书.docx", "field": "申报单位（盖章）",
        "expected": "申报书加盖申报单位公章", "found": "落款处仅有单位名称，无公章",
        "seed_quote": SEAL_Q},
       {"code": "CALCULATION_MISMATCH", "severity": "error", "file": "附件6_数字化转型投入明细.xlsx",
        "field": "2021年数字化转型投入金额", "expected": "532.6万元（150+96… 即96.0+126.6+110.0+98.0+102.0）",
        "found": "合计行及申报书填报512.6万元",
        "seed_quote": "2021 年数字化 转型投入金额 万元"}])
    labels[-1]["defects"][1]["expected"] = "532.6万元（2021年各项：96.0+126.6+110.0+98.0+102.0）"

    # ---- 10
    co = cos[9]
    att = {
        "聊城东昌轴承-申报书.docx": decl_prose_docx(co),
        "营业执照副本.pdf": licence_pdf(co),
        "2020年报表.pdf": finance_pdf(co, [2020], software="用友畅捷通T+"),
        "2021年报表.pdf": finance_pdf(co, [2021], software="用友畅捷通T+"),
        "社保.pdf": social_pdf(co, MONTHS_OK, heads_for(co, MONTHS_OK), "2022-12-06", "聊城市社会保险事业中心"),
        "股权结构.docx": equity_docx(co),
    }
    write("10_聊城东昌轴承", att)
    D("10_聊城东昌轴承", "2022-12-19",
      "段落式DOCX，重打表格时“注册资金”丢了（万元）只写数字6800；上年度企业营收填28650万元，而2021年利润表营业收入为268,500,000.00元",
      [{"code": "INVALID_UNIT", "severity": "warning", "file": "聊城东昌轴承-申报书.docx", "field": "注册资金(万元)",
        "expected": "以万元为单位填写（6800万元）", "found": "注册资金：6800（无单位，标签也未注明万元）",
        "seed_quote": "注册资金(万元)"},
       {"code": "INCONSISTENT_VALUE", "severity": "error", "file": "聊城东昌轴承-申报书.docx", "field": "上年度企业营收(万元)",
        "expected": "26850（2021年利润表 营业收入 268,500,000.00元）", "found": "28650",
        "seed_quote": "上年度企业营收 (万元)；附件 2、财务状况和主营收入证明 (请提供申报单位 2020 年、2021 年财务报表)"}])

    # ---- 11
    co = cos[10]
    att = {
        "东营黄河石油装备晨星工厂申报书.docx": decl_grid_docx(co),
        "附件1 营业执照.pdf": licence_pdf(co),
        "附件2 财务报表（2019-2020）.pdf": finance_pdf(co, [2019, 2020]),
        "附件3 社保缴纳证明.pdf": social_pdf(co, MONTHS_OK, heads_for(co, MONTHS_OK), "2022-12-10", "东营市社会保险事业中心"),
        "附件4 荣誉.pdf": honours_pdf(dict(co, honours=[("山东省企业技术中心", "山东省工业和信息化厅", "2019年12月")])),
        "附件5 股权结构.docx": equity_docx(co),
    }
    write("11_东营黄河石油装备", att)
    D("11_东营黄河石油装备", "2022-12-21",
      "官方表格版式DOCX；财务报表附的是2019、2020年度（缺2021年度）；DCMM勾选“是”但未勾选等级",
      [{"code": "DATE_OUT_OF_RANGE", "severity": "error", "file": "附件2 财务报表（2019-2020）.pdf",
        "field": "附件2、财务状况和主营收入证明", "expected": "2020年、2021年财务报表", "found": "2019年度、2020年度财务报表",
        "seed_quote": "附件 2、财务状况和主营收入证明 (请提供申报单位 2020 年、2021 年财务报表)"},
       {"code": "OPTION_NOT_SELECTED", "severity": "error", "file": "东营黄河石油装备晨星工厂申报书.docx",
        "field": "如通过，选择DCMM等级", "expected": "“是否通过DCMM贯标”选“是”时勾选□二级 □三级 □三级以上之一",
        "found": "☑是，但等级三项均未勾选",
        "seed_quote": "是否通过 DCMM 贯标 □是 □否；如通过，选择 DCMM 等级 □二级 □三级 □三级以上"}])

    # ---- 12
    co = cos[11]
    att = {
        "申报书（宝石机电）.docx": decl_regional_docx(co),
        "执照.pdf": licence_pdf(co),
        "财务报表.pdf": finance_pdf(co, [2020, 2021], software="用友T3"),
        "股权结构.docx": equity_docx(co),
    }
    write("12_昌乐宝石机电", att)
    D("12_昌乐宝石机电", "2022-12-28",
      "地区版DOCX，勾选在选项后；未附近3个月社保缴纳证明；边缘云勾选“是”但服务器数量、存储能力和算力描述留空",
      [{"code": "MISSING_ATTACHMENT", "severity": "error", "file": None, "field": "附件3、员工数量证明",
        "expected": "近3个月的员工社保缴纳证明", "found": "申报材料中无社保缴纳证明",
        "seed_quote": "附件 3、员工数量证明 (请提供近 3 个月的员工社保缴纳证明)"},
       {"code": "MISSING_FIELD", "severity": "error", "file": "申报书（宝石机电）.docx",
        "field": "如已建设，描述服务器数量、存储能力和算力", "expected": "已建设企业边缘云时描述服务器数量、存储能力和算力",
        "found": "“是否已建设企业边缘云”勾选是，描述栏为空",
        "seed_quote": "是否已建设企业边缘云 □是 □否；如已建设，描述服务器数量、存储能力和算力"}])

    return labels, cos


def generate(out_dir):
    out = pathlib.Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    labels, cos = build(out)
    # sanity: clean intros within 500 字, identifiers valid
    for c in cos:
        assert uscc_ok(c["uscc"]), c["name"]
    for lab, c in zip(labels, cos):
        wc = word_count(c["intro"])
        if lab["name"].startswith("05_"):
            assert wc > 500, wc
        else:
            assert wc <= 500, (lab["name"], wc)
    (out / "labels.json").write_text(json.dumps({"writer": WRITER, "program": PROGRAM, "dossiers": labels},
                                                ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    generate(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "out"))
