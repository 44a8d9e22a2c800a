#!/usr/bin/env python
# -*- coding: utf-8 -*-
"""Blind dossier corpus for 山东省"数据赋能"优秀产品申报书 (鲁工信数据〔2022〕263号 附件2).

Writer: dataproduct_a.  Deterministic; run:  python generate.py OUT_DIR
Only stdlib + python-docx + openpyxl + reportlab + Pillow + numpy.
"""
import io
import json
import math
import pathlib
import random
import re
import sys
import zipfile
import datetime as _dt

import numpy as np
from PIL import Image, ImageDraw, ImageFont

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side

from reportlab import rl_config
rl_config.invariant = 1
rl_config.useA85 = 0
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import (Image as RLImage, PageBreak, Paragraph,
                                SimpleDocTemplate, Spacer, Table, TableStyle)

FONT_PATH = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
pdfmetrics.registerFont(TTFont("wqy", FONT_PATH, subfontIndex=0))
WRITER = "dataproduct_a"
PROGRAM = "sd-data-product-2022"
FIXED_ZIP_TIME = (2022, 12, 15, 9, 30, 0)
FIXED_DT = _dt.datetime(2022, 12, 15, 9, 30, 0)

# --------------------------------------------------------------------------------------------
# identifiers (domain-facts.md)
USCC_ALPHA = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc_check(code17):
    s = sum(USCC_ALPHA.index(c) * w for c, w in zip(code17, USCC_W))
    return USCC_ALPHA[(31 - s % 31) % 31]


def make_uscc(rng, div6):
    body = "MA" + "".join(rng.choice(USCC_ALPHA[:10] + "ACDEFGHJKLMNPQRTUWXY") for _ in range(7))
    c17 = "91" + div6 + body
    return c17 + uscc_check(c17)


ID_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def make_id(div6, birth, seq):
    c17 = div6 + birth + seq
    return c17 + "10X98765432"[sum(int(c) * w for c, w in zip(c17, ID_W)) % 11]


def wrong_check(code, alpha):
    c = code[-1]
    i = alpha.index(c)
    return code[:-1] + alpha[(i + 7) % len(alpha)]


# --------------------------------------------------------------------------------------------
# Word-style 字数 (domain-facts.md): CJK & full-width punct = 1 each; half-width run = 1
def word_count(text):
    n = 0
    for tok in re.findall(r"[\x21-\x7e]+|\s+|.", text, flags=re.S):
        if tok.isspace():
            continue
        n += 1
    return n


DIG = "零壹贰叁肆伍陆柒捌玖"


def capital_upper(wan):
    """integer 万元 (< 1亿) -> 伍仟万元整 style"""
    s = str(int(wan))
    units = ["", "拾", "佰", "仟"]
    out, zero = "", False
    for i, ch in enumerate(s):
        d = int(ch)
        pos = len(s) - 1 - i
        if d == 0:
            zero = True
            continue
        if zero and out:
            out += "零"
        zero = False
        out += DIG[d] + units[pos]
    return out + "万元整"


def cn_date(d):
    return "%d年%02d月%02d日" % (d.year, d.month, d.day)


# --------------------------------------------------------------------------------------------
# images: seals, signatures, licence, ID
def _font(size):
    return ImageFont.truetype(FONT_PATH, size)


def make_seal(text, rng, bottom="", size=360, color=(215, 25, 30, 235)):
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    c = size / 2
    d.ellipse([8, 8, size - 8, size - 8], outline=color, width=max(6, size // 40))
    # star
    r1, r2 = size * 0.13, size * 0.05
    pts = []
    for k in range(10):
        r = r1 if k % 2 == 0 else r2
        a = -math.pi / 2 + k * math.pi / 5
        pts.append((c + r * math.cos(a), c + r * math.sin(a)))
    d.polygon(pts, fill=color)
    n = len(text)
    span = min(250.0, 22.0 * n)
    fs = int(size * (0.13 if n <= 12 else 0.105))
    f = _font(fs)
    rad = size / 2 - 8 - fs * 0.85
    for i, ch in enumerate(text):
        th = -span / 2 + (span * i / (n - 1) if n > 1 else 0)
        t = math.radians(th)
        x = c + rad * math.sin(t)
        y = c - rad * math.cos(t)
        glyph = Image.new("RGBA", (fs + 8, fs + 8), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((4, 0), ch, font=f, fill=color)
        glyph = glyph.rotate(-th, resample=Image.BICUBIC, expand=True)
        img.alpha_composite(glyph, (int(x - glyph.width / 2), int(y - glyph.height / 2)))
    if bottom:
        fb = _font(int(size * 0.08))
        w = d.textlength(bottom, font=fb)
        d.text((c - w / 2, c + size * 0.2), bottom, font=fb, fill=color)
    # ink texture
    a = np.array(img)
    low = np.random.RandomState(rng.randint(0, 10 ** 6)).rand(size // 12 + 1, size // 12 + 1)
    mask = np.kron(low, np.ones((12, 12)))[:size, :size] < 0.12
    a[..., 3] = np.where(mask, (a[..., 3] * 0.5).astype(np.uint8), a[..., 3])
    img = Image.fromarray(a)
    if size > 240:
        img = img.resize((240, 240), Image.LANCZOS)
    return img


def make_signature(name, rng):
    f = _font(92)
    img = Image.new("RGBA", (110 * len(name) + 60, 150), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    x = 20
    for ch in name:
        g = Image.new("RGBA", (120, 130), (0, 0, 0, 0))
        ImageDraw.Draw(g).text((6, 4), ch, font=f, fill=(20, 25, 60, 255))
        g = g.transform(g.size, Image.AFFINE, (1, 0.35, -22, 0, 1, 0), resample=Image.BICUBIC)
        g = g.rotate(rng.uniform(-8, 8), resample=Image.BICUBIC)
        img.alpha_composite(g, (x, rng.randint(0, 14)))
        x += 84
    d.line([(10, 128), (x + 20, 112)], fill=(20, 25, 60, 200), width=4)
    return img


_PNG_CACHE = {}


def png_bytes(img):
    k = id(img)
    if k in _PNG_CACHE and _PNG_CACHE[k][0] is img:
        return _PNG_CACHE[k][1]
    b = io.BytesIO()
    q = img.quantize(colors=24, method=Image.FASTOCTREE) if img.mode == "RGBA" else img
    q.save(b, "PNG", optimize=True)
    _PNG_CACHE[k] = (img, b.getvalue())
    return b.getvalue()


def licence_fields(co):
    return [
        ("统一社会信用代码", co["uscc_lic"]),
        ("名        称", co["name_lic"]),
        ("类        型", co["etype"]),
        ("法定代表人", co["rep"]),
        ("注册资本", co["capital_lic"]),
        ("成立日期", co["est_lic"]),
        ("营业期限", co["term_lic"]),
        ("住        所", co["addr"]),
    ]


def _wrap(text, n):
    return [text[i:i + n] for i in range(0, len(text), n)] or [""]


def licence_image(co, rng, applicant_seal=True, rotate=0.8):
    W, H = 2000, 1400
    img = Image.new("RGB", (W, H), (246, 240, 226))
    d = ImageDraw.Draw(img)
    d.rectangle([40, 40, W - 40, H - 40], outline=(190, 60, 50), width=10)
    d.rectangle([62, 62, W - 62, H - 62], outline=(190, 60, 50), width=3)
    ft = _font(110)
    d.text((W / 2 - 270, 100), "营 业 执 照", font=ft, fill=(170, 30, 30))
    d.text((W / 2 - 60, 240), "(副    本)", font=_font(42), fill=(40, 40, 40))
    fl = _font(40)
    y = 340
    for lab, val in licence_fields(co):
        d.text((140, y), lab, font=fl, fill=(30, 30, 30))
        lines = _wrap(val, 34)
        for j, ln in enumerate(lines):
            d.text((470, y + j * 54), ln, font=fl, fill=(20, 20, 20))
        y += 58 * len(lines) + 14
    d.text((140, y), "经营范围", font=fl, fill=(30, 30, 30))
    for j, ln in enumerate(_wrap(co["scope"], 34)[:4]):
        d.text((470, y + j * 54), ln, font=fl, fill=(20, 20, 20))
    d.text((1250, 1150), "登记机关", font=fl, fill=(30, 30, 30))
    d.text((1230, 1230), co["issue_date_lic"], font=fl, fill=(30, 30, 30))
    seal = make_seal(co["authority"], rng, size=330)
    img.paste(seal, (1390, 990), seal)
    # QR-like block
    qr = np.random.RandomState(7).rand(25, 25) > 0.5
    q = Image.fromarray((~qr * 255).astype(np.uint8)).resize((200, 200), Image.NEAREST).convert("RGB")
    img.paste(q, (1680, 110))
    if applicant_seal:
        s2 = make_seal(co["name"], rng, size=320)
        img.paste(s2, (760, 960), s2)
        d.text((720, 1290), "与原件一致", font=_font(36), fill=(200, 30, 30))
    arr = np.array(img).astype(np.int16)
    arr += np.random.RandomState(rng.randint(0, 9999)).randint(-10, 10, arr.shape).astype(np.int16)
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    img = img.rotate(rotate, resample=Image.BICUBIC, fillcolor=(225, 225, 222), expand=False)
    img = img.resize((1600, 1120), Image.LANCZOS)
    b = io.BytesIO()
    img.save(b, "JPEG", quality=72)
    return b.getvalue()


def id_image(co, rng):
    W, H = 1400, 1900
    img = Image.new("RGB", (W, H), (236, 236, 234))
    d = ImageDraw.Draw(img)
    for top in (120, 1000):
        d.rounded_rectangle([150, top, 1250, top + 700], radius=40, outline=(90, 90, 90), width=4,
                            fill=(250, 250, 248))
    f = _font(40)
    y = 170
    for lab, val in [("姓名", co["rep"]), ("性别", co["rep_sex"]), ("民族", "汉"),
                     ("出生", co["rep_birth_cn"])]:
        d.text((200, y), lab, font=f, fill=(80, 80, 80))
        d.text((330, y), val, font=f, fill=(10, 10, 10))
        y += 80
    d.text((200, y), "住址", font=f, fill=(80, 80, 80))
    for j, ln in enumerate(_wrap(co["rep_addr"], 15)):
        d.text((330, y + j * 56), ln, font=f, fill=(10, 10, 10))
    d.text((200, 740), "公民身份号码", font=f, fill=(80, 80, 80))
    d.text((480, 740), co["rep_id"], font=_font(44), fill=(10, 10, 10))
    d.rectangle([930, 200, 1180, 520], outline=(120, 120, 120), width=3)
    d.text((990, 340), "照片", font=f, fill=(150, 150, 150))
    d.text((420, 1080), "中华人民共和国", font=_font(56), fill=(20, 20, 20))
    d.text((470, 1180), "居民身份证", font=_font(64), fill=(20, 20, 20))
    d.text((250, 1460), "签发机关  " + co["rep_issuer"], font=f, fill=(20, 20, 20))
    d.text((250, 1560), "有效期限  " + co["rep_valid"], font=f, fill=(20, 20, 20))
    s = make_seal(co["name"], rng, size=330)
    img.paste(s, (900, 1380), s)
    img = img.rotate(-0.6, resample=Image.BICUBIC, fillcolor=(236, 236, 234))
    img = img.resize((1050, 1425), Image.LANCZOS)
    b = io.BytesIO()
    img.save(b, "JPEG", quality=72)
    return b.getvalue()


# --------------------------------------------------------------------------------------------
# zip normalisation (docx/xlsx internal timestamps fixed)
def fix_zip(data):
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                txt = data.decode("utf-8")
                for tag in ("dcterms:created", "dcterms:modified"):
                    txt = re.sub(r"(<%s[^>]*>)[^<]*(</%s>)" % (tag, tag), r"\g<1>2022-12-15T09:30:00Z\g<2>", txt)
                data = txt.encode("utf-8")
            z.writestr(zi, data)
    return out.getvalue()


def save_docx(doc, path):
    cp = doc.core_properties
    cp.created = FIXED_DT
    cp.modified = FIXED_DT
    cp.last_printed = FIXED_DT
    cp.author = "Administrator"
    cp.last_modified_by = "Administrator"
    b = io.BytesIO()
    doc.save(b)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(fix_zip(b.getvalue()))


def save_xlsx(wb, path):
    wb.properties.created = FIXED_DT
    wb.properties.modified = FIXED_DT
    wb.properties.creator = "Administrator"
    b = io.BytesIO()
    wb.save(b)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(fix_zip(b.getvalue()))


def new_doc():
    doc = docx.Document()
    st = doc.styles["Normal"]
    st.font.name = "宋体"
    st.font.size = Pt(12)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    for s in doc.sections:
        s.left_margin = s.right_margin = Cm(2.5)
    return doc


def add_pic(paragraph, img, width_cm):
    run = paragraph.add_run()
    run.add_picture(io.BytesIO(png_bytes(img)), width=Cm(width_cm))
    return run


def para(doc, text, bold=False, size=None, align=None, style=None):
    p = doc.add_paragraph(style=style) if style else doc.add_paragraph()
    r = p.add_run(text)
    r.bold = bold
    if size:
        r.font.size = Pt(size)
    if align == "c":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "r":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return p


def set_cell(cell, text, bold=False):
    cell.text = ""
    lines = text.split("\n")
    p = cell.paragraphs[0]
    for i, ln in enumerate(lines):
        if i:
            p = cell.add_paragraph()
        r = p.add_run(ln)
        r.bold = bold


# --------------------------------------------------------------------------------------------
NATURES = ["国有", "民营", "合资", "外资"]
CATS = ["数据采集类", "数据传输类", "数据存储类", "数据管理类", "数据应用类"]
CAT_NOTE = ("注：1. 数据采集类产品：指设备的数字化改造升级软硬件产品；2. 数据传输类产品：指提供企业内外网改造、"
            "数据解析节点建设和应用的软硬件服务产品；3. 数据存储类产品：指可以提供边缘云、企业数据安全防护的软硬件产品；"
            "4. 数据管理类产品：指可以提供DCMM能力咨询服务、企业数据管理(EDM)系统推广的服务产品；5. 数据应用类产品："
            "指可以提供为工艺优化、设备运维、精准营销等企业场景提供数据驱动的智能产品")


def ticks(options, selected, style):
    out = []
    for o in options:
        on = o in selected
        if style == "pre":
            out.append(("☑" if on else "□") + o)
        elif style == "post":
            out.append(o + ("☑" if on else "□"))
        elif style == "square":
            out.append(("■" if on else "□") + o)
        else:  # sqrt
            out.append(("√" if on else "□") + o)
    return "    ".join(out)


def cases_text(d):
    parts = []
    nums = "一二三四五六"
    for i, c in enumerate(d["cases"]):
        parts.append("案例%s：%s。%s" % (nums[i], c["title"], c["text"]))
    return parts


def basic_rows(d):
    return [
        ("单位名称", d["decl_name"]),
        ("单位性质", ticks(NATURES, d["nature"], d["tick"])),
        ("注册地址", d["decl_addr"]),
        ("统一社会信用代码", d["decl_uscc"]),
        ("注册资本(万元)", d["decl_capital"]),
        ("成立日期", d["decl_est"]),
        ("单位规模(人)", d["staff"]),
        ("聚焦服务行业", d["industry"]),
    ]


def attach_list(d):
    return d["attach_text"]


# ---------------------------------------------------------------- DOCX declaration renderers
def docx_cover_and_pledge(doc, d, co, rng):
    for _ in range(3):
        doc.add_paragraph()
    para(doc, "山东省“数据赋能”优秀产品申报书", bold=True, size=22, align="c")
    for _ in range(3):
        doc.add_paragraph()
    p = doc.add_paragraph()
    p.add_run("申  报  单  位：%s  (盖章)" % d["decl_name"])
    if d["seal_cover"]:
        add_pic(p, co["seal_img"], 3.6)
    doc.add_paragraph("申  报  类  别：%s" % d["cover_cat"])
    p = doc.add_paragraph()
    p.add_run("法  人  代  表：%s  (签名)" % co["rep"])
    if d["sign_cover"]:
        add_pic(p, co["sig_img"], 3.0)
    doc.add_paragraph("填  报  日  期：%s" % d["fill_date"])
    for _ in range(3):
        doc.add_paragraph()
    para(doc, "山东省工业和信息化厅编制", align="c")
    para(doc, "二〇二二年十二月", align="c")
    doc.add_page_break()
    para(doc, "填表说明", bold=True, size=16, align="c")
    for t in ["1. 本申报表由山东省工业和信息化厅统一编制。",
              "2. 填写申报表时用宋体、小四号字体填写；正文内容用仿宋、3号字体填写，单倍行距。",
              "3. 申报企业需要准备提交的材料包括申请表及配套证明材料。请按要求在申报表上统一签字并加盖公章。",
              "4. 如有任何疑问，可致电或发送电子邮件咨询。",
              "5. 本表仅可填写一款产品，多款产品请填写多款申报表"]:
        doc.add_paragraph(t)
    doc.add_page_break()
    para(doc, "真实性承诺", bold=True, size=18, align="c")
    doc.add_paragraph()
    doc.add_paragraph("    我单位申报的所有材料，均真实、完整，如有不实，愿承担相应的责任。")
    doc.add_paragraph()
    if d.get("pledge_note"):
        doc.add_paragraph(d["pledge_note"])
    p = doc.add_paragraph()
    p.add_run("法人代表(签字)：")
    if d["sign_pledge"]:
        add_pic(p, co["sig_img"], 3.0)
    p = doc.add_paragraph()
    p.add_run("申报单位(公章)：")
    if d["seal_pledge"]:
        add_pic(p, co["seal_img"], 4.0)
    para(doc, d["pledge_date"], align="r")
    doc.add_page_break()


def docx_product_rows(d):
    rows = [("申报产品类别", ticks(CATS, d["cats"], d["tick"]) + "\n" + CAT_NOTE),
            ("产品名称", d["product"]),
            ("产品简介", d["intro"]),
            ("总体方案", d["scheme"]),
            ("赋能案例", "\n".join(cases_text(d))),
            ("创新经验", d["innovation"]),
            ("应用成效", d["effect"])]
    return rows


def render_docx_table(d, co, rng, path):
    """seed-like layout: label cell left, value cell right, contact block 4 columns"""
    doc = new_doc()
    docx_cover_and_pledge(doc, d, co, rng)
    para(doc, "一、申报单位基本情况", bold=True, size=14)
    br = basic_rows(d)
    t = doc.add_table(rows=0, cols=4)
    t.style = "Table Grid"

    def full(lab, val):
        r = t.add_row().cells
        set_cell(r[0], lab)
        m = r[1].merge(r[2]).merge(r[3])
        set_cell(m, val)

    def half(l1, v1, l2, v2):
        r = t.add_row().cells
        for c, v in zip(r, (l1, v1, l2, v2)):
            set_cell(c, v)

    full(*br[0])
    full(*br[1])
    full(*br[2])
    half(br[3][0], br[3][1], br[4][0], br[4][1])
    half(br[5][0], br[5][1], br[6][0], br[6][1])
    full(br[7][0], br[7][1])
    half("联系人 姓名", d["contact"], "电话", d["phone"])
    half("职务", d["title"], "手机", d["mobile"])
    half("传真", d["fax"], "E-mail", d["email"])
    doc.add_paragraph()
    para(doc, "二、申报产品整体情况", bold=True, size=14)
    t2 = doc.add_table(rows=0, cols=2)
    t2.style = "Table Grid"
    for lab, val in docx_product_rows(d):
        r = t2.add_row().cells
        set_cell(r[0], lab, bold=True)
        set_cell(r[1], val)
        r[0].width = Cm(2.6)
        r[1].width = Cm(13.4)
    doc.add_paragraph()
    para(doc, "三、证明材料(复印件需加盖公章)", bold=True, size=14)
    for ln in attach_list(d):
        doc.add_paragraph(ln)
    para(doc, "四、其他", bold=True, size=14)
    doc.add_paragraph(d.get("other", "无。"))
    save_docx(doc, path)


def render_docx_grid(d, co, rng, path):
    """4-column label|value|label|value grid, ticks after the label"""
    doc = new_doc()
    docx_cover_and_pledge(doc, d, co, rng)
    para(doc, "一、申报单位基本情况", bold=True, size=14)
    br = basic_rows(d) + [("联系人姓名", d["contact"]), ("职务", d["title"]), ("电话", d["phone"]),
                          ("手机", d["mobile"]), ("传真", d["fax"]), ("E-mail", d["email"])]
    t = doc.add_table(rows=0, cols=4)
    t.style = "Table Grid"
    longs = {"单位名称", "注册地址", "聚焦服务行业", "单位性质"}
    pend = []
    for lab, val in br:
        if lab in longs:
            r = t.add_row().cells
            set_cell(r[0], lab, bold=True)
            set_cell(r[1].merge(r[2]).merge(r[3]), val)
        else:
            pend.append((lab, val))
    for i in range(0, len(pend), 2):
        r = t.add_row().cells
        set_cell(r[0], pend[i][0], bold=True)
        set_cell(r[1], pend[i][1])
        if i + 1 < len(pend):
            set_cell(r[2], pend[i + 1][0], bold=True)
            set_cell(r[3], pend[i + 1][1])
    doc.add_paragraph()
    para(doc, "二、申报产品整体情况", bold=True, size=14)
    t2 = doc.add_table(rows=0, cols=1)
    t2.style = "Table Grid"
    for lab, val in docx_product_rows(d):
        r = t2.add_row().cells  # value under its label
        set_cell(r[0], lab, bold=True)
        r = t2.add_row().cells
        set_cell(r[0], val)
    doc.add_paragraph()
    para(doc, "三、证明材料(复印件需加盖公章)", bold=True, size=14)
    for ln in attach_list(d):
        doc.add_paragraph(ln)
    save_docx(doc, path)


def render_docx_para(d, co, rng, path):
    """re-typed: Word heading styles, 标签：值 paragraphs, narrative as body text"""
    doc = new_doc()
    docx_cover_and_pledge(doc, d, co, rng)
    doc.add_heading("一、申报单位基本情况", level=1)
    for lab, val in basic_rows(d):
        p = doc.add_paragraph()
        r = p.add_run(lab + "：")
        r.bold = True
        p.add_run(val)
    p = doc.add_paragraph()
    p.add_run("联系人：").bold = True
    p.add_run("姓名：%s；职务：%s；电话：%s；手机：%s；传真：%s；E-mail：%s" % (
        d["contact"], d["title"], d["phone"], d["mobile"], d["fax"], d["email"]))
    doc.add_heading("二、申报产品整体情况", level=1)
    rows = docx_product_rows(d)
    for i, (lab, val) in enumerate(rows):
        doc.add_heading("（%s）%s" % ("一二三四五六七"[i], lab), level=2)
        for ln in val.split("\n"):
            doc.add_paragraph(ln)
    doc.add_heading("三、证明材料(复印件需加盖公章)", level=1)
    for ln in attach_list(d):
        doc.add_paragraph(ln)
    save_docx(doc, path)


# ---------------------------------------------------------------- PDF declaration renderer
def rl_img(img, width_cm):
    b = io.BytesIO(png_bytes(img))
    w = width_cm * cm
    return RLImage(b, width=w, height=w * img.height / img.width, mask="auto")


def render_pdf_decl(d, co, rng, path, grid=True):
    st = ParagraphStyle("n", fontName="wqy", fontSize=10.5, leading=15, wordWrap="CJK")
    h = ParagraphStyle("h", parent=st, fontSize=14, leading=20, spaceBefore=8, spaceAfter=6)
    title = ParagraphStyle("t", parent=st, fontSize=22, leading=30, alignment=1)
    center = ParagraphStyle("c", parent=st, alignment=1)
    right = ParagraphStyle("r", parent=st, alignment=2)
    story = [Spacer(1, 4 * cm), Paragraph("山东省“数据赋能”优秀产品申报书", title), Spacer(1, 3 * cm)]
    cov = [[Paragraph("申报单位：%s (盖章)" % d["decl_name"], st),
            rl_img(co["seal_img"], 3.2) if d["seal_cover"] else ""],
           [Paragraph("申报类别：%s" % d["cover_cat"], st), ""],
           [Paragraph("法人代表：%s (签名)" % co["rep"], st),
            rl_img(co["sig_img"], 2.6) if d["sign_cover"] else ""],
           [Paragraph("填报日期：%s" % d["fill_date"], st), ""]]
    story += [Table(cov, colWidths=[11 * cm, 4 * cm]), Spacer(1, 3 * cm),
              Paragraph("山东省工业和信息化厅编制", center), Paragraph("二〇二二年十二月", center), PageBreak()]
    story += [Paragraph("真实性承诺", title), Spacer(1, 1.5 * cm),
              Paragraph("我单位申报的所有材料，均真实、完整，如有不实，愿承担相应的责任。", st), Spacer(1, 2 * cm)]
    pl = [[Paragraph("法人代表(签字)：", st), rl_img(co["sig_img"], 2.8) if d["sign_pledge"] else ""],
          [Paragraph("申报单位(公章)：", st), rl_img(co["seal_img"], 3.6) if d["seal_pledge"] else ""],
          ["", Paragraph(d["pledge_date"], right)]]
    story += [Table(pl, colWidths=[5 * cm, 8 * cm]), PageBreak()]
    story.append(Paragraph("一、申报单位基本情况", h))
    br = basic_rows(d)
    P = lambda s: Paragraph(s, st)
    if grid:
        data = [[P(br[0][0]), P(br[0][1]), "", ""],
                [P(br[1][0]), P(br[1][1]), "", ""],
                [P(br[2][0]), P(br[2][1]), "", ""],
                [P(br[3][0]), P(br[3][1]), P(br[4][0]), P(br[4][1])],
                [P(br[5][0]), P(br[5][1]), P(br[6][0]), P(br[6][1])],
                [P(br[7][0]), P(br[7][1]), "", ""],
                [P("联系人姓名"), P(d["contact"]), P("电话"), P(d["phone"])],
                [P("职务"), P(d["title"]), P("手机"), P(d["mobile"])],
                [P("传真"), P(d["fax"]), P("E-mail"), P(d["email"])]]
        tb = Table(data, colWidths=[3.2 * cm, 5.3 * cm, 3 * cm, 5 * cm])
        spans = [("SPAN", (1, i), (3, i)) for i in (0, 1, 2, 5)]
    else:
        data = [[P(a), P(b)] for a, b in br] + [[P("联系人"), P("姓名：%s  职务：%s  电话：%s  手机：%s  传真：%s  E-mail：%s" % (
            d["contact"], d["title"], d["phone"], d["mobile"], d["fax"], d["email"]))]]
        tb = Table(data, colWidths=[3.5 * cm, 13 * cm])
        spans = []
    tb.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                            ("VALIGN", (0, 0), (-1, -1), "MIDDLE")] + spans))
    story.append(tb)
    story.append(Paragraph("二、申报产品整体情况", h))
    rows = []
    for lab, val in docx_product_rows(d):
        cell = [Paragraph(x, st) for x in val.split("\n")]
        rows.append([P(lab), cell])
    t2 = Table(rows, colWidths=[2.4 * cm, 14.1 * cm])
    t2.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                            ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story.append(t2)
    story.append(Paragraph("三、证明材料(复印件需加盖公章)", h))
    for ln in attach_list(d):
        story.append(Paragraph(ln, st))
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, leftMargin=2.2 * cm, rightMargin=2.2 * cm, topMargin=2 * cm,
                      bottomMargin=2 * cm, title="申报书", author="", creator="Microsoft Word").build(story)
    path.write_bytes(buf.getvalue())


# ---------------------------------------------------------------- attachments
def pdf_canvas(path, size=A4):
    path.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(path), pagesize=size, invariant=1)
    return c


def draw_seal_pdf(c, img, x, y, w):
    c.drawImage(ImageReader(io.BytesIO(png_bytes(img))), x, y, w, w, mask="auto")


def licence_pdf(co, rng, path, applicant_seal=True, electronic=True):
    c = pdf_canvas(path, landscape(A4))
    W, H = landscape(A4)
    c.setStrokeColorRGB(0.75, 0.2, 0.2)
    c.setLineWidth(4)
    c.rect(20, 20, W - 40, H - 40)
    c.setFillColorRGB(0.65, 0.1, 0.1)
    c.setFont("wqy", 34)
    c.drawCentredString(W / 2, H - 80, "营 业 执 照")
    c.setFillColorRGB(0, 0, 0)
    c.setFont("wqy", 13)
    c.drawCentredString(W / 2, H - 105, "（电子营业执照）" if electronic else "（副本）")
    y = H - 150
    for lab, val in licence_fields(co):
        c.setFont("wqy", 12)
        c.drawString(70, y, lab)
        for j, ln in enumerate(_wrap(val, 40)):
            c.drawString(200, y - j * 17, ln)
        y -= 17 * len(_wrap(val, 40)) + 9
    c.drawString(70, y, "经营范围")
    for j, ln in enumerate(_wrap(co["scope"], 40)):
        c.drawString(200, y - j * 17, ln)
    c.drawString(560, 110, "登记机关")
    c.drawString(560, 85, co["issue_date_lic"])
    draw_seal_pdf(c, make_seal(co["authority"], rng, size=300), 610, 60, 120)
    qr = np.random.RandomState(11).rand(21, 21) > 0.5
    for i in range(21):
        for j in range(21):
            if qr[i, j]:
                c.rect(W - 140 + j * 4, H - 140 + i * 4, 4, 4, stroke=0, fill=1)
    if electronic:
        c.setFont("wqy", 9)
        c.drawString(W - 160, H - 155, "扫描二维码登录国家企业信用信息公示系统")
    if applicant_seal:
        draw_seal_pdf(c, co["seal_img"], 330, 40, 120)
        c.setFillColorRGB(0.8, 0.1, 0.1)
        c.setFont("wqy", 12)
        c.drawString(345, 30, "与原件一致")
    c.showPage()
    c.save()


def id_pdf(co, rng, path):
    c = pdf_canvas(path)
    W, H = A4
    c.setFont("wqy", 11)
    c.drawString(60, H - 50, "法定代表人身份证复印件")
    for top in (H - 90, H - 400):
        c.roundRect(120, top - 260, 360, 260, 14)
    y = H - 120
    for lab, val in [("姓名", co["rep"]), ("性别", co["rep_sex"]), ("民族", "汉"), ("出生", co["rep_birth_cn"])]:
        c.drawString(140, y, lab)
        c.drawString(190, y, val)
        y -= 28
    c.drawString(140, y, "住址")
    for j, ln in enumerate(_wrap(co["rep_addr"], 16)):
        c.drawString(190, y - j * 18, ln)
    c.drawString(140, H - 325, "公民身份号码")
    c.setFont("wqy", 13)
    c.drawString(225, H - 325, co["rep_id"])
    c.setFont("wqy", 16)
    c.drawCentredString(300, H - 460, "中华人民共和国")
    c.drawCentredString(300, H - 490, "居民身份证")
    c.setFont("wqy", 11)
    c.drawString(150, H - 580, "签发机关  " + co["rep_issuer"])
    c.drawString(150, H - 610, "有效期限  " + co["rep_valid"])
    draw_seal_pdf(c, co["seal_img"], 380, H - 700, 120)
    c.showPage()
    c.save()


def ip_pdf(co, d, rng, path, kind="软著"):
    c = pdf_canvas(path)
    W, H = A4
    c.setFont("wqy", 22)
    if kind == "软著":
        c.drawCentredString(W / 2, H - 120, "中华人民共和国国家版权局")
        c.drawCentredString(W / 2, H - 160, "计算机软件著作权登记证书")
        rows = [("证书号", d["ip_no"]), ("软件名称", d["ip_title"]), ("著作权人", co["name"]),
                ("开发完成日期", d["ip_dev"]), ("首次发表日期", d["ip_pub"]), ("权利取得方式", "原始取得"),
                ("权利范围", "全部权利"), ("登记号", d["ip_reg"])]
        auth = "中华人民共和国国家版权局"
    else:
        c.drawCentredString(W / 2, H - 140, "发明专利证书")
        rows = [("证书号", d["ip_no"]), ("发明名称", d["ip_title"]), ("专利号", d["ip_reg"]),
                ("专利申请日", d["ip_dev"]), ("专利权人", co["name"]), ("授权公告日", d["ip_pub"])]
        auth = "国家知识产权局"
    c.setFont("wqy", 13)
    y = H - 230
    for lab, val in rows:
        c.drawString(90, y, lab + "：")
        for j, ln in enumerate(_wrap(val, 30)):
            c.drawString(200, y - j * 20, ln)
        y -= 20 * len(_wrap(val, 30)) + 16
    c.drawString(330, 190, auth)
    draw_seal_pdf(c, make_seal(auth, rng, size=300), 350, 170, 110)
    draw_seal_pdf(c, co["seal_img"], 90, 90, 110)
    c.showPage()
    c.save()


def award_pdf(co, d, rng, path):
    c = pdf_canvas(path, landscape(A4))
    W, H = landscape(A4)
    c.setStrokeColorRGB(0.8, 0.6, 0.1)
    c.setLineWidth(6)
    c.rect(30, 30, W - 60, H - 60)
    c.setFont("wqy", 34)
    c.drawCentredString(W / 2, H - 110, "证    书")
    c.setFont("wqy", 16)
    lines = _wrap(d["award_text"], 38)
    for j, ln in enumerate(lines):
        c.drawString(110, H - 180 - j * 28, ln)
    c.drawString(W - 330, 140, "山东省工业和信息化厅")
    c.drawString(W - 300, 112, d["award_date"])
    draw_seal_pdf(c, make_seal("山东省工业和信息化厅", rng, size=300), W - 320, 80, 130)
    draw_seal_pdf(c, co["seal_img"], 90, 60, 110)
    c.showPage()
    c.save()


def eval_text(co, d, ev):
    return ("我单位自%s起使用%s提供的“%s”。%s综合评价：该产品运行稳定，服务响应及时，达到了合同约定的各项技术指标，"
            "评价等级：优秀。" % (ev["since"], co["name"], d["product_short"], ev["text"]))


def eval_docx(co, d, ev, rng, path, sealed=True):
    doc = new_doc()
    para(doc, "用户使用评价意见", bold=True, size=18, align="c")
    doc.add_paragraph()
    t = doc.add_table(rows=0, cols=2)
    t.style = "Table Grid"
    for lab, val in [("用户单位名称", ev["user"]), ("使用产品名称", d["product_short"]),
                     ("产品提供单位", co["name"]), ("项目合同编号", ev["contract"])]:
        r = t.add_row().cells
        set_cell(r[0], lab, bold=True)
        set_cell(r[1], val)
    doc.add_paragraph()
    para(doc, "评价意见：", bold=True)
    doc.add_paragraph("    " + eval_text(co, d, ev))
    doc.add_paragraph()
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p.add_run("用户单位(盖章)：")
    if sealed:
        add_pic(p, make_seal(ev["user"], rng, size=340), 4.0)
    para(doc, ev["date"], align="r")
    save_docx(doc, path)


def eval_pdf(co, d, ev, rng, path, sealed=True):
    c = pdf_canvas(path)
    W, H = A4
    c.setFont("wqy", 20)
    c.drawCentredString(W / 2, H - 90, "用户评价")
    c.setFont("wqy", 12)
    y = H - 140
    for lab, val in [("用户单位", ev["user"]), ("产品名称", d["product_short"]), ("供应单位", co["name"])]:
        c.drawString(70, y, "%s：%s" % (lab, val))
        y -= 24
    y -= 10
    for ln in _wrap(eval_text(co, d, ev), 36):
        c.drawString(70, y, ln)
        y -= 20
    c.drawString(300, 220, "用户单位(盖章)：")
    c.drawString(330, 160, ev["date"])
    if sealed:
        draw_seal_pdf(c, make_seal(ev["user"], rng, size=340), 380, 150, 130)
    c.showPage()
    c.save()


def contracts_xlsx(co, d, path, style="plain", total_override=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "合同金额汇总表"
    thin = Side(style="thin")
    bd = Border(left=thin, right=thin, top=thin, bottom=thin)
    rows = d["contracts"]
    if style == "yuan":
        unit_hdr = "合同金额(元)"
        vals = [round(r[3] * 10000, 2) for r in rows]
    else:
        unit_hdr = "合同金额(万元)"
        vals = [r[3] for r in rows]
    total = round(sum(vals), 2) if total_override is None else total_override
    ws.merge_cells("A1:F1")
    ws["A1"] = "%s“%s”产品销售合同及金额汇总表" % (co["name"], d["product_short"])
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    if style == "merged":
        ws.merge_cells("A2:A3"); ws.merge_cells("B2:B3"); ws.merge_cells("C2:C3")
        ws.merge_cells("D2:E2"); ws.merge_cells("F2:F3")
        ws["A2"], ws["B2"], ws["C2"], ws["D2"], ws["F2"] = "序号", "合同名称", "客户单位", "合同信息", "备注"
        ws["D3"], ws["E3"] = "签订日期", "合同金额"
        r0 = 4
    else:
        for j, hdr in enumerate(["序号", "合同名称", "客户单位", "签订日期", unit_hdr, "备注"]):
            ws.cell(2, j + 1, hdr)
        r0 = 3
    for i, (r, v) in enumerate(zip(rows, vals)):
        ws.cell(r0 + i, 1, i + 1)
        ws.cell(r0 + i, 2, r[0])
        ws.cell(r0 + i, 3, r[1])
        ws.cell(r0 + i, 4, r[2])
        if style == "merged":
            ws.cell(r0 + i, 5, "%s万元" % fmt_num(v))
        else:
            ws.cell(r0 + i, 5, v)
            ws.cell(r0 + i, 5).number_format = "#,##0.00"
        ws.cell(r0 + i, 6, r[4] if len(r) > 4 else "")
    rt = r0 + len(rows)
    ws.cell(rt, 1, "合计")
    ws.merge_cells(start_row=rt, start_column=1, end_row=rt, end_column=4)
    if style == "merged":
        ws.cell(rt, 5, "%s万元" % fmt_num(total))
    else:
        ws.cell(rt, 5, total)
        ws.cell(rt, 5).number_format = "#,##0.00"
    for row in ws.iter_rows(min_row=2, max_row=rt, max_col=6):
        for cl in row:
            cl.border = bd
    for col, w in zip("ABCDEF", (6, 40, 32, 14, 16, 18)):
        ws.column_dimensions[col].width = w
    ws.cell(rt + 2, 1, "填表单位（盖章）：%s" % co["name"])
    save_xlsx(wb, path)
    return total


def fmt_num(v):
    s = ("%.2f" % v).rstrip("0").rstrip(".")
    return s


# --------------------------------------------------------------------------------------------
# content
EVID = ["设备预测维护", "能耗动态平衡", "生产工艺优化", "质量智能控制", "市场精准营销"]


def ev_list(names):
    return [{"id": n, "name": n} for n in names]


def build_companies(rng):
    """all fictional"""
    C = {}

    def co(key, name, div, addr, capital, est, term, etype, rep, sex, birth, seq, rep_addr, issuer,
           valid, authority, scope, issue):
        u = make_uscc(rng, div)
        C[key] = dict(name=name, name_lic=name, uscc=u, uscc_lic=u, addr=addr, capital=capital,
                      capital_lic=capital_upper(capital), est=est, est_lic=cn_date(est),
                      term_lic=term, etype=etype, rep=rep, rep_sex=sex,
                      rep_birth_cn="%s年%d月%d日" % (birth[:4], int(birth[4:6]), int(birth[6:])),
                      rep_id=make_id(div if div[:2] == "37" else "370102", birth, seq),
                      rep_addr=rep_addr, rep_issuer=issuer, rep_valid=valid,
                      authority=authority, scope=scope, issue_date_lic=issue)

    D = _dt.date
    co("c1", "济南云擎数据科技有限公司", "370102", "山东省济南市历下区经十路15982号云擎大厦12层", 5000,
       D(2016, 3, 18), "2016年03月18日至2046年03月17日", "有限责任公司(自然人投资或控股)", "刘振华", "男",
       "19780612", "031", "山东省济南市历下区燕子山西路58号", "济南市公安局历下分局", "2019.07.02-2039.07.02",
       "济南市历下区市场监督管理局", "软件开发；信息系统集成服务；工业互联网数据服务；数据处理和存储支持服务；"
       "技术服务、技术开发、技术咨询。(依法须经批准的项目，经相关部门批准后方可开展经营活动)", "2021年08月09日")
    co("c2", "北京数联智控科技有限公司", "110108", "北京市海淀区上地信息路26号中关村创业大厦5层503室", 2000,
       D(2014, 9, 2), "长期", "有限责任公司(自然人投资或控股)", "陈立伟", "男", "19800224", "017",
       "山东省济南市市中区英雄山路129号", "济南市公安局市中分局", "2016.05.10-2036.05.10",
       "北京市海淀区市场监督管理局", "技术开发、技术服务；物联网技术服务；计算机系统服务；销售计算机、软件及辅助设备、"
       "电子产品；制造智能工业网关(限分支机构经营)。", "2022年03月15日")
    co("c3", "海澜数智(青岛)科技有限公司", "370211", "山东省青岛市黄岛区长江中路216号海澜科创中心A座1801室", 3000,
       D(2019, 6, 18), "2019年06月18日至长期", "其他有限责任公司", "孙海涛", "男", "19830915", "053",
       "山东省青岛市黄岛区珠江路88号", "青岛市公安局黄岛分局", "2018.11.20-2038.11.20",
       "青岛市黄岛区市场监督管理局", "工业互联网数据服务；物联网技术研发；软件开发；信息技术咨询服务；"
       "网络技术服务。", "2022年05月26日")
    co("c4", "淄博齐岳信息技术有限公司", "370305", "山东省淄博市临淄区齐鲁化学工业区清田路36号", 1200,
       D(2012, 5, 10), "2012年05月10日至9999年12月31日", "有限责任公司(自然人投资或控股)", "高岩", "女",
       "19760308", "046", "山东省淄博市临淄区桓公路112号", "淄博市公安局临淄分局", "2015.04.18-2035.04.18",
       "淄博市临淄区市场监督管理局", "计算机软硬件开发、销售；信息系统集成；云计算设备销售；数据处理服务；"
       "网络与信息安全软件开发。", "2020年11月03日")
    co("d1", "日照港数通信息科技有限公司", "371102", "山东省日照市东港区海滨二路99号港数大厦7层", 1000,
       D(2017, 11, 6), "2017年11月06日至长期", "有限责任公司(非自然人投资或控股的法人独资)", "赵明远", "男",
       "19790521", "013", "山东省日照市东港区烟台路66号", "日照市公安局东港分局", "2017.02.14-2037.02.14",
       "日照市东港区市场监督管理局", "信息技术咨询服务；数据处理服务；软件开发；信息系统运行维护服务。", "2021年12月01日")
    co("d2", "临沂沂蒙云智软件有限公司", "371302", "山东省临沂市兰山区北京路37号沂蒙云谷9号楼", 800,
       D(2018, 4, 23), "2018年04月23日至长期", "有限责任公司(自然人投资或控股)", "王晓燕", "女", "19850107",
       "028", "山东省临沂市兰山区沂蒙路200号", "临沂市公安局兰山分局", "2020.01.09-2040.01.09",
       "临沂市兰山区市场监督管理局", "软件开发；大数据服务；互联网数据服务；市场营销策划。", "2022年02月17日")
    co("d3", "泰山智联自动化有限公司", "370902", "山东省泰安市泰山区擂鼓石大街567号", 1500,
       D(2013, 7, 30), "2013年07月30日至2043年07月29日", "有限责任公司(自然人投资或控股)", "李国栋", "男",
       "19720818", "035", "山东省泰安市泰山区东岳大街301号", "泰安市公安局泰山分局", "2012.09.03-长期",
       "泰安市泰山区市场监督管理局", "工业自动控制系统装置制造、销售；物联网设备制造；软件开发。", "2020年07月21日")
    co("d4", "烟台蓝海安全技术有限公司", "370613", "山东省烟台市莱山区港城东大街1267号蓝海软件园3号楼", 2600,
       D(2015, 10, 12), "2015年10月12日至长期", "有限责任公司(自然人投资或控股)", "周文斌", "男", "19810430",
       "019", "山东省烟台市莱山区观海路25号", "烟台市公安局莱山分局", "2021.06.30-2041.06.30",
       "烟台市莱山区市场监督管理局", "网络与信息安全软件开发；信息安全设备制造、销售；信息系统集成服务。", "2021年03月29日")
    co("d5", "威海精工视觉科技有限公司", "371002", "山东省威海市环翠区火炬路213号创新创业基地B座", 1800,
       D(2016, 12, 5), "2016年12月05日至长期", "有限责任公司(自然人投资或控股)", "郑凯", "男", "19870616",
       "057", "山东省威海市环翠区青岛中路18号", "威海市公安局环翠分局", "2017.08.22-2027.08.22",
       "威海市环翠区市场监督管理局", "人工智能应用软件开发；机器视觉设备研发、制造、销售；软件开发。", "2022年06月08日")
    co("d6", "东营石油数智科技有限公司", "370502", "山东省东营市东营区府前大街59号", 3500,
       D(2015, 1, 20), "2015年01月20日至长期", "有限责任公司(自然人投资或控股)", "马振东", "男", "19750102",
       "071", "山东省东营市东营区济南路168号", "东营市公安局东营分局", "2014.03.11-2034.03.11",
       "东营市东营区市场监督管理局", "石油钻采专用设备技术服务；软件开发；物联网技术服务；数据处理服务。", "2021年09月14日")
    co("d7", "聊城鲁西数据技术有限公司", "371502", "山东省聊城市东昌府区建设路116号", 600,
       D(2012, 11, 1), "2012年11月01日至2022年10月31日", "有限责任公司(自然人投资或控股)", "韩秀英", "女",
       "19680925", "082", "山东省聊城市东昌府区柳园路20号", "聊城市公安局东昌府分局", "2010.06.01-长期",
       "聊城市东昌府区市场监督管理局", "数据处理服务；工业自动化系统集成；软件开发及技术咨询。", "2019年05月06日")
    co("d8", "德州禹城数智装备有限责任公司", "371482", "山东省德州市禹城市高新区汉槐街1678号", 5000,
       D(2014, 8, 8), "2014年08月08日至长期", "有限责任公司(自然人投资或控股)", "孟庆春", "男", "19770311",
       "063", "山东省德州市禹城市市中街道大禹路19号", "禹城市公安局", "2019.10.25-2039.10.25",
       "禹城市市场监督管理局", "5G通信设备、工业网关研发、制造、销售；能源管理软件开发；物联网技术服务。", "2022年04月12日")
    for k, v in C.items():
        v["seal_img"] = make_seal(v["name"], rng)
        v["sig_img"] = make_signature(v["rep"], rng)
    return C


def c_(title, customer, text, scen):
    return dict(title=title, customer=customer, text=text, scen=scen)


def base_decl(co, **kw):
    d = dict(decl_name=co["name"], decl_addr=co["addr"], decl_uscc=co["uscc"],
             decl_capital=fmt_num(co["capital"]), decl_est=cn_date(co["est"]), tick="pre",
             seal_cover=True, sign_cover=True, seal_pledge=True, sign_pledge=True,
             pledge_date="2022年12月16日", fill_date="2022年12月16日")
    d.update(kw)
    if "cover_cat" not in d:
        d["cover_cat"] = "、".join(d["cats"])
    return d


def build_dossiers(C):
    L = []
    # ------------------------------------------------------------------ C1 clean, seed table
    co = C["c1"]
    d = base_decl(co, nature=["民营"], staff="186", industry="制造业-黑色金属冶炼和压延加工业-钢压延加工",
                  contact="张倩", title="市场部经理", phone="0531-88776512", mobile="13805318864",
                  fax="0531-88776513", email="zhangqian@yunqing-data.cn", cats=["数据应用类"],
                  product="云擎工业设备智能运维平台V3.0", product_short="云擎工业设备智能运维平台V3.0",
                  decl_capital="5000")
    d["intro"] = ("云擎工业设备智能运维平台V3.0是济南云擎数据科技有限公司自主研发的面向流程制造企业的数据应用类产品。"
                  "研发背景：钢铁、建材、造纸等行业高价值旋转设备多，传统定期检修方式成本高、非计划停机频繁，"
                  "能源消耗占生产成本比重大且缺乏实时调度手段。核心技术：平台采用振动、温度、电流多源数据融合的设备"
                  "健康度评估模型，基于LSTM与机理模型结合的剩余寿命预测算法，以及基于负荷预测的多能源介质动态平衡调度算法，"
                  "已取得发明专利2项、软件著作权11项。主要功能：设备状态在线监测、故障早期预警与诊断、预测性维护工单闭环、"
                  "能耗实时计量与分析、峰谷负荷动态平衡调度、运维知识库。应用领域：钢铁、水泥、造纸、化工等流程行业。"
                  "市场地位：产品已在省内外42家工业企业部署，接入设备一万二千余台，是省内流程行业设备预测维护领域的主要"
                  "供应商之一。")
    d["scheme"] = ("产品定位为流程行业设备运维与能源管理的数据应用平台。技术路线采用“边缘采集+云端分析”架构：边缘侧部署"
                   "采集终端完成高频振动数据的特征提取，云端基于微服务架构部署模型训练、预警推理与工单管理服务。"
                   "功能结构包括数据接入层、数据治理层、模型算法层和业务应用层，支持私有化部署与SaaS两种交付方式。")
    d["cases"] = [
        c_("莱芜鑫源特钢有限公司热轧产线设备预测维护项目", "莱芜鑫源特钢有限公司",
           "2021年为该公司热轧产线的86台主轧机、风机和水泵加装振动温度传感器，平台对轴承、齿轮箱进行健康度评估和"
           "剩余寿命预测，提前7至15天发出故障预警并自动生成检修工单。项目运行一年来，非计划停机时间下降41%，"
           "备件库存资金减少620万元。", ["设备预测维护"]),
        c_("章丘华岳水泥有限公司能耗动态平衡项目", "章丘华岳水泥有限公司",
           "2022年为该公司两条熟料生产线建设能源数据采集网络，平台按小时预测全厂电力负荷，对生料磨、水泥磨等大功率"
           "设备进行峰谷错峰动态调度，实现电、煤、压缩空气多种能源介质的动态平衡。吨水泥综合电耗下降3.2千瓦时，"
           "年节约电费约480万元。", ["能耗动态平衡"]),
        c_("阳谷瑞丰纸业有限公司纸机设备运维与能源优化项目", "阳谷瑞丰纸业有限公司",
           "2022年在该公司3号纸机上线平台，对烘缸、真空泵等关键设备开展在线监测与预测性维护，故障预警准确率达到92%；"
           "同时对蒸汽、电力消耗进行实时计量和动态平衡调度，吨纸汽耗下降6.5%。", ["设备预测维护", "能耗动态平衡"]),
    ]
    d["innovation"] = ("产品获评2021年度济南市优秀软件产品。创新点：一是提出多源数据融合的设备健康度评估方法；二是将机理模型与"
                       "深度学习相结合提升剩余寿命预测精度；三是形成流程行业设备故障知识库，沉淀故障案例3600余条。")
    d["contracts"] = [("热轧产线设备预测维护项目合同", "莱芜鑫源特钢有限公司", "2021-03-22", 386.50),
                      ("熟料线能源管理及动态平衡项目合同", "章丘华岳水泥有限公司", "2022-02-18", 268.00),
                      ("3号纸机智能运维平台项目合同", "阳谷瑞丰纸业有限公司", "2022-05-09", 175.80),
                      ("设备在线监测平台软件采购合同", "滨州宏达铝材有限公司", "2022-07-26", 96.40),
                      ("智能运维平台年度服务合同", "泰安岱岳化工有限公司", "2022-09-13", 52.30)]
    tot = round(sum(r[3] for r in d["contracts"]), 2)
    d["effect"] = ("截至2022年11月，产品已服务42家工业企业，本表汇总的近两年主要销售合同5份，合同金额合计%s万元。"
                   "用户平均减少非计划停机35%%以上，带来直接经济效益超过3000万元。2023年计划拓展质量智能控制模块，"
                   "进一步覆盖省内化工、轮胎等行业。" % fmt_num(tot))
    d["attach_text"] = ["(一) 单位证明：营业执照副本复印件（见02_营业执照副本.jpg）、法人身份证复印件（见03_法人身份证.jpg）。",
                        "(二) 荣誉类：无。",
                        "(三) 资质类：无。",
                        "(四) 研发类：计算机软件著作权登记证书（见04）。",
                        "(五) 效益类：合同金额汇总表（见05）、用户评价3份（见06-08，均加盖用户单位公章）。"]
    d["ip_no"], d["ip_title"], d["ip_reg"] = "软著登字第8836512号", "云擎工业设备智能运维平台V3.0", "2021SR1123871"
    d["ip_dev"], d["ip_pub"] = "2021年05月20日", "2021年06月15日"
    evs = [dict(user=c["customer"], contract="YQ-2021-%03d" % (i + 17), since=["2021年6月", "2022年5月", "2022年8月"][i],
                text=c["text"], date=["2022年12月08日", "2022年12月09日", "2022年12月12日"][i], scen=c["scen"])
           for i, c in enumerate(d["cases"])]
    L.append(dict(name="C01_jinan_yunqing", as_of="2022-12-20", co=co, d=d, layout="docx_table",
                  decl="01_山东省数据赋能优秀产品申报书_云擎.docx", lic=("jpg", "02_营业执照副本.jpg"),
                  idc=("jpg", "03_法人身份证.jpg"), ip=("软著", "04_软件著作权登记证书.pdf"),
                  xlsx=("plain", "05_合同金额汇总表.xlsx"),
                  evals=[("docx", "06_用户评价_莱芜鑫源特钢.docx", evs[0], True),
                         ("docx", "07_用户评价_章丘华岳水泥.docx", evs[1], True),
                         ("docx", "08_用户评价_阳谷瑞丰纸业.docx", evs[2], True)],
                  not_ev=["质量智能控制"],
                  description="济南软件企业按附件2原表格逐格填写的DOCX申报书，电子公章与签名图片粘贴，营业执照与身份证为图片，"
                              "合同汇总表XLSX带合计行，3份盖用户公章的用户评价；执照注册资本写作伍仟万元整。",
                  defects=[]))

    # ------------------------------------------------------------------ C2 clean, Beijing, PDF grid
    co = C["c2"]
    d = base_decl(co, nature=["民营"], staff="94", industry="制造业-通用设备制造业-泵、阀门、压缩机及类似机械制造",
                  contact="杜鹏", title="山东区域总监", phone="010-62987735", mobile="15866721903",
                  fax="010-62987736", email="dupeng@shulian-iot.com", cats=["数据采集类"],
                  product="数联DL-G500系列工业智能数据采集网关", product_short="数联DL-G500系列工业智能数据采集网关",
                  fill_date="2022年12月14日", pledge_date="2022年12月14日", decl_est="2014-09-02", tick="post")
    d["intro"] = ("数联DL-G500系列工业智能数据采集网关是北京数联智控科技有限公司自主研发的数据采集类软硬件一体化产品，"
                  "主要用于存量工业设备的数字化改造升级。研发背景：山东省内机械、化工企业大量在役设备型号杂、协议多，"
                  "数据难以采集。核心技术：自研多协议解析引擎，支持Modbus、OPC UA、Profibus、CANBus及西门子、三菱、"
                  "欧姆龙等200余种PLC和仪表协议；内置边缘计算模块，可就地完成振动频谱分析与数据清洗；支持4G/5G/以太网"
                  "多链路上传。主要功能：设备数据采集、协议转换、边缘计算、断点续传、远程配置与运维。应用领域：通用设备制造、"
                  "化工、食品等行业。市场地位：产品累计销售1.8万台，其中在山东省内部署6200余台。")
    d["scheme"] = ("产品采用“硬件网关+边缘应用+云端管理平台”三层架构。硬件采用工业级ARM处理器，宽温设计；"
                   "边缘应用以容器方式部署；云端管理平台实现网关批量配置、固件升级与状态监控。")
    d["cases"] = [
        c_("潍坊恒通泵业有限公司装配线数据采集与设备预测维护项目", "潍坊恒通泵业有限公司",
           "2021年部署网关68台，采集数控机床、试压台主轴振动与电流数据，网关边缘侧计算振动特征值，结合用户设备管理"
           "系统实现主轴轴承故障提前预警和预测性维护，设备故障停机时间下降37%。", ["设备预测维护"]),
        c_("淄博鲁化精细化工有限公司能源数据采集与动态平衡项目", "淄博鲁化精细化工有限公司",
           "2022年部署网关45台，接入全厂电表、蒸汽流量计、循环水泵数据，为企业能源管理系统提供分钟级数据，"
           "实现蒸汽管网压力与各车间用汽负荷的动态平衡调度，年节约标煤1100吨。", ["能耗动态平衡"]),
        c_("烟台福瑞食品有限公司杀菌工序工艺参数优化项目", "烟台福瑞食品有限公司",
           "2022年部署网关22台，实时采集杀菌釜温度、压力曲线，用户基于网关数据建立杀菌工艺参数优化模型，"
           "杀菌时间缩短8%，蒸汽单耗同步下降。", ["生产工艺优化"]),
    ]
    d["innovation"] = ("产品获2021年北京市新技术新产品（服务）证书。创新点：多协议自适应识别技术，新设备接入时间由2天缩短至2小时；"
                       "边缘侧轻量化特征提取算法，上传数据量减少90%。")
    d["contracts"] = [("装配线数据采集网关采购合同", "潍坊恒通泵业有限公司", "2021-04-06", 81.60),
                      ("能源数据采集网关及实施合同", "淄博鲁化精细化工有限公司", "2022-01-20", 63.25),
                      ("杀菌工序数据采集项目合同", "烟台福瑞食品有限公司", "2022-06-02", 29.70),
                      ("工业网关框架采购合同", "青岛海诺机械有限公司", "2022-08-19", 118.00)]
    tot = round(sum(r[3] for r in d["contracts"]), 2)
    d["effect"] = ("产品在山东省内已服务150余家工业企业。附表所列主要合同4份，合同金额合计%s万元（汇总表以元为单位列示）。"
                   "用户设备联网率平均提升40个百分点，为企业后续数据应用打下基础。" % fmt_num(tot))
    d["attach_text"] = ["(一) 单位证明：电子营业执照、法定代表人身份证复印件。",
                        "(二) 荣誉类：无。(三) 资质类：无。",
                        "(四) 研发类：发明专利证书1份。",
                        "(五) 效益类：销售合同汇总表、用户评价3份。"]
    d["ip_no"], d["ip_title"], d["ip_reg"] = "第4987215号", "一种工业多协议自适应识别的数据采集网关及方法", "ZL202010458732.6"
    d["ip_dev"], d["ip_pub"] = "2020年05月27日", "2022年03月18日"
    evs = [dict(user=c["customer"], contract="SL-%d" % (2021103 + i), since=["2021年5月", "2022年3月", "2022年7月"][i],
                text=c["text"], date="2022年12月%02d日" % (5 + i), scen=c["scen"]) for i, c in enumerate(d["cases"])]
    L.append(dict(name="C02_beijing_shulian_pdf", as_of="2022-12-22", co=co, d=d, layout="pdf_grid",
                  decl="申报书（数联智控）.pdf", lic=("pdf", "电子营业执照.pdf"), idc=("pdf", "法定代表人身份证正反面.pdf"),
                  ip=("专利", "发明专利证书.pdf"), xlsx=("yuan", "销售合同汇总.xlsx"),
                  evals=[("pdf", "用户评价1.pdf", evs[0], True), ("pdf", "用户评价2.pdf", evs[1], True),
                         ("pdf", "用户评价3.pdf", evs[2], True)],
                  not_ev=[],
                  description="北京注册的网关厂商（附件2只要求“在国内依法注册”）以PDF提交的四列网格申报书，勾选标记在选项后，"
                              "营业期限“长期”，合同汇总表以元计、申报书以万元计且可精确换算。",
                  defects=[]))

    # ------------------------------------------------------------------ C3 clean zip, 2 cases + 省级试点
    co = C["c3"]
    co["name_lic"] = "海澜数智(青岛)科技有限公司"
    d = base_decl(co, nature=["合资"], staff="73", industry="制造业-汽车制造业-汽车零部件及配件制造",
                  contact="于婷婷", title="综合部主管", phone="0532-86901255", mobile="18653270916",
                  fax="0532-86901256", email="yutt@hailan-dz.com", cats=["数据传输类"],
                  product="海澜工业互联网标识解析企业节点系统V2.1", product_short="海澜工业互联网标识解析企业节点系统V2.1",
                  decl_name="海澜数智（青岛）科技有限公司", decl_est="2019.06.18", decl_capital="3000.00",
                  tick="sqrt", fill_date="二〇二二年十二月十九日", pledge_date="",
                  seal_pledge=False, sign_pledge=False,
                  pledge_note="（本页已打印签字盖章，扫描件见“承诺书签字盖章页.jpg”）")
    d["intro"] = ("海澜工业互联网标识解析企业节点系统V2.1是海澜数智（青岛）科技有限公司自主研发的数据传输类产品，"
                  "面向汽车零部件等离散制造企业提供企业级标识解析节点建设和应用服务。核心技术包括Handle与国家顶级节点"
                  "兼容的标识编码与注册服务、分布式标识数据库、标识数据安全传输通道。主要功能：产品与零部件一物一码赋码、"
                  "标识注册与解析、上下游企业间数据互联互通、标识数据统计分析。产品已对接国家工业互联网标识解析二级节点，"
                  "累计标识注册量2.6亿条。2022年，产品入选山东省工业互联网标识解析集成创新应用试点示范项目。")
    d["scheme"] = ("系统由标识编码管理、标识注册解析服务、企业节点数据库、数据交换接口和统计分析五个子系统组成，"
                   "支持与ERP、MES、WMS系统集成，通过安全传输通道与产业链上下游共享数据。")
    d["cases"] = [
        c_("青岛瑞驰汽车部件有限公司零部件全生命周期质量追溯项目", "青岛瑞驰汽车部件有限公司",
           "2021年建设企业标识解析节点，为制动盘、轮毂等零部件赋予唯一标识，打通原材料批次、加工参数、检验数据，"
           "出现质量问题时通过标识快速定位批次并分析缺陷原因，质量问题追溯时间由2天缩短到10分钟，客诉率下降28%。",
           ["质量智能控制"]),
        c_("即墨宏远汽车配件有限公司售后标识扫码与精准营销项目", "即墨宏远汽车配件有限公司",
           "2022年为售后件赋码，终端维修厂扫码即可获取产品信息与防伪验证，平台汇总扫码区域、车型和频次数据，"
           "企业据此向重点区域经销商精准投放促销和备货，售后件销量同比增长19%。", ["市场精准营销"]),
    ]
    d["innovation"] = ("产品2022年获评山东省工业互联网标识解析集成创新应用试点示范项目（证书见附件）。"
                       "创新经验：标识编码与企业既有物料编码双码映射，实现零改造接入。")
    d["contracts"] = [("标识解析企业节点建设合同", "青岛瑞驰汽车部件有限公司", "2021-03-15", 156.00),
                      ("售后件标识赋码及数据平台合同", "即墨宏远汽车配件有限公司", "2022-04-28", 88.50),
                      ("标识解析节点运维服务合同", "青岛瑞驰汽车部件有限公司", "2022-03-10", 24.00)]
    tot = round(sum(r[3] for r in d["contracts"]), 2)
    d["effect"] = ("产品已在2家核心企业及其56家上下游配套企业应用，合同金额合计%s万元，累计标识注册量2.6亿条。" % fmt_num(tot))
    d["attach_text"] = ["(一) 单位证明：营业执照、法人身份证（附件文件夹）。",
                        "(二) 荣誉类：2022年山东省工业互联网标识解析集成创新应用试点示范证书。",
                        "(四) 研发类：软件著作权登记证书。",
                        "(五) 效益类：合同汇总表、用户评价2份。"]
    d["award_text"] = ("海澜数智（青岛）科技有限公司“海澜工业互联网标识解析企业节点系统V2.1”项目入选2022年山东省工业互联网"
                       "标识解析集成创新应用试点示范项目。特发此证。")
    d["award_date"] = "二〇二二年十月"
    d["ip_no"], d["ip_title"], d["ip_reg"] = "软著登字第9012733号", "海澜工业互联网标识解析企业节点系统V2.1", "2022SR0401876"
    d["ip_dev"], d["ip_pub"] = "2022年01月10日", "2022年02月08日"
    evs = [dict(user=c["customer"], contract="HL-HT-%02d" % (i + 3), since=["2021年6月", "2022年6月"][i],
                text=c["text"], date="2022年12月%02d日" % (12 + i), scen=c["scen"]) for i, c in enumerate(d["cases"])]
    L.append(dict(name="C03_qingdao_hailan_zip", as_of="2022-12-26", co=co, d=d, layout="docx_grid", zip=True,
                  decl="申报书.docx", lic=("pdf", "附件/营业执照.pdf"), idc=("pdf", "附件/身份证.pdf"),
                  ip=("软著", "附件/软著.pdf"), award="附件/试点示范证书.pdf", xlsx=("plain", "附件/合同汇总表.xlsx"),
                  pledge_scan="承诺书签字盖章页.jpg",
                  evals=[("docx", "附件/用户评价/瑞驰.docx", evs[0], True), ("docx", "附件/用户评价/宏远.docx", evs[1], True)],
                  not_ev=[],
                  description="Mac打包的zip（含__MACOSX与.DS_Store），仅2个案例但产品获评省级试点示范（附证书，不受案例数量限制）；"
                              "名称全角括号与执照半角括号不同、日期写作2019.06.18、承诺页为签字盖章扫描件。",
                  defects=[]))

    # ------------------------------------------------------------------ C4 clean, headings, odd file names
    co = C["c4"]
    d = base_decl(co, nature=["民营"], staff="132", industry="制造业-化学原料和化学制品制造业-基础化学原料制造",
                  contact="冯雪", title="总经理助理", phone="0533-7182246", mobile="13953318275",
                  fax="0533-7182247", email="fengxue@qiyue-it.com", cats=["数据存储类"],
                  product="齐岳工业边缘云一体机QY-EC200", product_short="齐岳工业边缘云一体机QY-EC200",
                  decl_capital="1200", tick="square", fill_date="2022.12.21", pledge_date="2022年12月21日")
    d["intro"] = ("齐岳工业边缘云一体机QY-EC200是淄博齐岳信息技术有限公司自主研发的数据存储类软硬件一体化产品，"
                  "为化工、建材等企业提供部署在工厂现场的边缘云与数据安全防护能力。核心技术：超融合架构，计算、存储、网络"
                  "资源统一编排；分布式存储三副本冗余；内置工业防火墙与数据库审计模块；支持GPU推理卡扩展，可运行视觉检测、"
                  "故障诊断等AI模型。主要功能：边缘算力提供、时序数据存储、容器与虚拟机统一管理、数据备份与容灾、安全防护。"
                  "产品已在淄博、东营、滨州等地36家企业部署。")
    d["scheme"] = ("单台一体机提供64核CPU、512GB内存、96TB存储，三台即可组成高可用集群；通过“云-边-端”协同，"
                   "与公有云平台同步模型与非敏感数据。")
    d["cases"] = [
        c_("临淄齐旺化工有限公司边缘云与机泵预测维护项目", "临淄齐旺化工有限公司",
           "2021年部署3台一体机组成边缘云集群，承载全厂DCS历史数据和机泵振动数据，在边缘侧运行机泵故障诊断模型，"
           "提前发现机泵密封和轴承异常，实现预测性维护，全年减少机泵非计划检修23次。", ["设备预测维护"]),
        c_("淄博鲁陶建材有限公司瓷砖视觉质检边缘云项目", "淄博鲁陶建材有限公司",
           "2022年部署2台带GPU一体机，运行瓷砖表面缺陷视觉检测模型，每条线每分钟检测60片，缺陷检出率99.2%，"
           "检验数据实时反馈至窑炉工段，产品优等品率提高2.1个百分点。", ["质量智能控制"]),
        c_("东营海科石化有限公司生产数据边缘存储与安全防护项目", "东营海科石化有限公司",
           "2022年部署边缘云集群存储生产实时数据，配合工业防火墙与数据库审计实现生产数据本地存储、分级访问与备份。",
           []),
        c_("滨州中裕机械有限公司边缘云数据中心项目", "滨州中裕机械有限公司",
           "2022年以2台一体机替代原有机房的11台服务器，承载ERP、MES、PLM系统和设计图纸存储，机房能耗下降，"
           "系统可用性达到99.95%。", []),
    ]
    d["innovation"] = ("产品取得软件著作权登记，获2022年淄博市首台（套）技术装备认定。创新：工业协议感知的存储分层技术，热数据毫秒级写入。")
    d["contracts"] = [("边缘云一体机及故障诊断项目合同", "临淄齐旺化工有限公司", "2021-05-11", 128.50),
                      ("视觉质检边缘云设备采购合同", "淄博鲁陶建材有限公司", "2022-03-02", 96.00),
                      ("边缘存储与安全防护项目合同", "东营海科石化有限公司", "2022-06-17", 143.20),
                      ("边缘云数据中心建设合同", "滨州中裕机械有限公司", "2022-09-05", 72.80)]
    tot = round(sum(r[3] for r in d["contracts"]), 2)
    d["effect"] = ("主要合同4份，合同金额合计%s万元；用户IT基础设施投入平均降低35%%。" % fmt_num(tot))
    d["attach_text"] = ["1. 营业执照（照片）、法定代表人身份证复印件（扫描件）", "2. 软件著作权登记证书",
                        "3. 合同金额汇总表（附件3.xlsx）", "4. 用户评价（扫描件001.pdf及用户评价-鲁陶.docx）"]
    d["ip_no"], d["ip_title"], d["ip_reg"] = "软著登字第7421190号", "齐岳工业边缘云管理系统V1.0", "2021SR0733412"
    d["ip_dev"], d["ip_pub"] = "2021年03月01日", "2021年03月30日"
    evs = [dict(user=d["cases"][i]["customer"], contract="QY-%d" % (210 + i), since=["2021年7月", "2022年4月"][i],
                text=d["cases"][i]["text"], date="2022年12月%02d日" % (13 + i), scen=d["cases"][i]["scen"]) for i in range(2)]
    L.append(dict(name="C04_zibo_qiyue_headings", as_of="2022-12-27", co=co, d=d, layout="docx_para",
                  decl="新建文件夹/申报书终稿(1).docx", lic=("jpg", "新建文件夹/IMG_20221215_0931.jpg"),
                  idc=("pdf", "扫描件002.pdf"), ip=("软著", "新建文件夹/软著证书.pdf"), xlsx=("merged", "附件3.xlsx"),
                  evals=[("pdf", "扫描件001.pdf", evs[0], True), ("docx", "用户评价-鲁陶.docx", evs[1], True)],
                  not_ev=[],
                  description="标题用Word样式、字段为“标签：值”段落、■勾选；营业期限至9999年；文件名不说明内容（扫描件001.pdf、"
                              "IMG_20221215_0931.jpg、新建文件夹/）；合同表两行合并表头、金额带“万元”单位；4个案例其中2个无赋能场景。",
                  defects=[]))

    # ------------------------------------------------------------------ D1 missing ID card + category unticked
    co = C["d1"]
    d = base_decl(co, nature=["国有"], staff="58", industry="交通运输、仓储和邮政业-水上运输业-水上运输辅助活动",
                  contact="孙磊", title="技术总监", phone="0633-8362190", mobile="13963308817",
                  fax="0633-8362191", email="sunlei@gangshutong.cn", cats=[],
                  product="港数企业数据管理(EDM)系统V2.0", product_short="港数企业数据管理(EDM)系统V2.0",
                  cover_cat="数据管理类")
    d["intro"] = ("港数企业数据管理(EDM)系统V2.0是日照港数通信息科技有限公司自主研发的数据管理类产品，依据《数据管理能力"
                  "成熟度评估模型》(GB/T 36073-2018)设计，为港口物流及临港制造企业提供主数据管理、元数据管理、数据标准管理、"
                  "数据质量管理和数据资产目录等功能，并配套DCMM贯标咨询服务。核心技术包括基于规则与机器学习的数据质量检测、"
                  "数据血缘自动解析。产品已服务临港企业17家，协助4家企业通过DCMM二级、1家企业通过DCMM三级评估。")
    d["scheme"] = "系统采用微服务架构，包含数据标准、主数据、元数据、数据质量、数据资产五大中心，提供统一门户与开放接口。"
    d["cases"] = [
        c_("日照临港钢管有限公司DCMM贯标与主数据治理项目", "日照临港钢管有限公司",
           "2021年为该公司梳理物料、客户、供应商主数据8.6万条，建立数据标准312项，协助通过DCMM二级评估。", []),
        c_("岚山港口装卸有限公司数据资产目录项目", "岚山港口装卸有限公司",
           "2022年建设数据资产目录，编目数据表1400余张，数据质量问题发现率提升至95%。", []),
        c_("日照海悦粮油有限公司数据质量管理项目", "日照海悦粮油有限公司",
           "2022年上线数据质量规则186条，订单与库存数据一致性由82%提升至99%。", []),
    ]
    d["innovation"] = "产品获2022年日照市优秀软件产品。创新经验：将DCMM评估要求映射为系统可执行的检查项，贯标与系统建设同步推进。"
    d["contracts"] = [("DCMM贯标咨询及主数据治理合同", "日照临港钢管有限公司", "2021-04-12", 98.00),
                      ("数据资产目录建设合同", "岚山港口装卸有限公司", "2022-03-08", 65.50),
                      ("数据质量管理系统合同", "日照海悦粮油有限公司", "2022-06-21", 42.00)]
    tot = round(sum(r[3] for r in d["contracts"]), 2)
    d["effect"] = "已服务17家企业，主要合同合计%s万元。" % fmt_num(tot)
    d["attach_text"] = ["(一) 单位证明：营业执照", "(四) 研发类：软件著作权证书", "(五) 效益类：合同金额汇总表、用户评价"]
    d["ip_no"], d["ip_title"], d["ip_reg"] = "软著登字第8011534号", "港数企业数据管理系统V2.0", "2021SR0288102"
    d["ip_dev"], d["ip_pub"] = "2020年12月18日", "2021年01月20日"
    evs = [dict(user=d["cases"][0]["customer"], contract="GST-2021-04", since="2021年8月", text=d["cases"][0]["text"],
                date="2022年12月06日", scen=[])]
    L.append(dict(name="D01_rizhao_gangshu_noid", as_of="2022-12-21", co=co, d=d, layout="docx_table",
                  decl="日照港数通_数据赋能优秀产品申报书.docx", lic=("pdf", "营业执照.pdf"), idc=None,
                  ip=("软著", "软著证书.pdf"), xlsx=("plain", "合同金额汇总表.xlsx"),
                  evals=[("docx", "用户评价-临港钢管.docx", evs[0], True)], not_ev=[],
                  description="原表格DOCX申报书，单位证明只附营业执照、缺法人身份证；表内“申报产品类别”五个方框都未勾选（仅封面写了类别）。",
                  defects=[
                      dict(code="MISSING_ATTACHMENT", severity="error", file=None, field="单位证明：法人身份证",
                           expected="单位统一社会信用代码注册登记证(照)和法人身份证复印件（必要项）",
                           found="只有营业执照.pdf，无法定代表人身份证复印件",
                           seed_quote="(一) 单位证明(必要项) 单位统一社会信用代码注册登记证(照 )、法人身份证。"),
                      dict(code="OPTION_NOT_SELECTED", severity="error",
                           file="日照港数通_数据赋能优秀产品申报书.docx", field="申报产品类别",
                           expected="在□数据采集类 □数据传输类 □数据存储类 □数据管理类 □数据应用类中勾选一项",
                           found="五个方框均为□，未勾选",
                           seed_quote="申报 产品 类别 □数据采集类 □数据管理类 □数据传输类 □数据应用类 □数据存储类"),
                  ]))

    # ------------------------------------------------------------------ D2 intro over 500 + wrong-year date
    co = C["d2"]
    d = base_decl(co, nature=["民营"], staff="66", industry="制造业-木材加工和木、竹、藤、棕、草制品业-人造板制造",
                  contact="刘畅", title="产品经理", phone="0539-8126633", mobile="15953926604",
                  fax="0539-8126634", email="liuchang@ymyunzhi.com", cats=["数据应用类"],
                  product="沂蒙云智工业品精准营销数据平台V1.5", product_short="沂蒙云智工业品精准营销数据平台V1.5",
                  fill_date="2021年12月20日", pledge_date="2021年12月20日")
    d["intro"] = ("沂蒙云智工业品精准营销数据平台V1.5是临沂沂蒙云智软件有限公司面向临沂板材、五金、机械等产业集群自主研发的"
                  "数据应用类产品。研发背景：临沂是全国重要的人造板和五金产业基地，区域内中小制造企业数量多、产品同质化严重，"
                  "长期依赖商贸城批发和熟人渠道，缺乏对终端客户需求的洞察，营销费用投入大但转化效果难以衡量，库存积压和价格战"
                  "问题突出。公司自2018年成立起即聚焦工业品营销数字化，组建了由数据科学家、行业专家和软件工程师组成的研发团队。"
                  "核心技术：一是多源客户数据融合技术，汇聚企业ERP订单、电商平台询盘、物流发货、展会名片等数据，构建统一客户"
                  "主档和客户画像标签体系，标签数量超过420个；二是基于梯度提升树与图神经网络的客户购买意向预测模型，能够预测"
                  "经销商和终端客户未来30天的采购概率和品类偏好；三是营销自动化引擎，按客户分群自动生成短信、企业微信、邮件"
                  "触达策略并评估投放效果；四是区域市场需求热力分析，结合物流发货数据和房地产开工数据预测区域板材需求。"
                  "主要功能：客户画像、线索评分、商机预测、精准投放、营销效果归因分析、区域需求预测、经销商分级管理、价格"
                  "敏感度分析等。应用领域：人造板、五金工具、工程机械配件、建材等工业品制造和流通企业。市场地位：产品已服务"
                  "临沂、菏泽、潍坊等地的工业品制造企业53家，累计管理客户档案120余万条，帮助用户平均提升线索转化率2.3倍，"
                  "降低获客成本31%，在省内工业品精准营销细分领域处于领先地位，2022年入选临沂市数字经济重点培育产品名单，"
                  "并与多家行业协会建立了长期合作关系，共同推动产业集群营销模式由“坐商”向“数商”转变。")
    d["scheme"] = "平台采用数据中台架构，分为数据采集、客户数据平台(CDP)、算法模型、营销应用四层，支持SaaS订阅和私有化部署。"
    d["cases"] = [
        c_("临沂千秋木业有限公司板材精准营销项目", "临沂千秋木业有限公司",
           "2021年上线平台，整合12万条经销商与终端客户数据，按购买意向模型分群精准投放，线索转化率提升2.8倍，"
           "新增经销商46家。", ["市场精准营销"]),
        c_("费县鑫磊五金制品有限公司客户画像与精准营销项目", "费县鑫磊五金制品有限公司",
           "2022年建设客户画像和线索评分，对海外询盘客户按评分精准跟进，出口订单额同比增长22%。", ["市场精准营销"]),
        c_("兰陵金宇工程机械配件有限公司经销商精准营销项目", "兰陵金宇工程机械配件有限公司",
           "2022年对全国380家经销商分级，按采购预测自动推送促销政策和备货建议，经销商月均复购率提高17%。",
           ["市场精准营销"]),
    ]
    d["innovation"] = "产品入选2022年临沂市数字经济重点培育产品名单；创新经验：把工业品长周期采购行为建模为时序图，提高意向预测准确率。"
    d["contracts"] = [("精准营销数据平台建设合同", "临沂千秋木业有限公司", "2021-02-26", 58.00),
                      ("客户画像与营销平台合同", "费县鑫磊五金制品有限公司", "2022-03-17", 36.80),
                      ("经销商营销平台订阅合同", "兰陵金宇工程机械配件有限公司", "2022-05-30", 24.60)]
    tot = round(sum(r[3] for r in d["contracts"]), 2)
    d["effect"] = "已服务53家企业，主要合同3份合计%s万元；带动用户新增销售额约2.1亿元。" % fmt_num(tot)
    d["attach_text"] = ["(一) 单位证明：营业执照、法人身份证", "(四) 研发类：软件著作权登记证书",
                        "(五) 效益类：合同金额汇总表、用户评价2份"]
    d["ip_no"], d["ip_title"], d["ip_reg"] = "软著登字第7720956号", "沂蒙云智精准营销数据平台V1.5", "2021SR1032445"
    d["ip_dev"], d["ip_pub"] = "2021年04月02日", "2021年05月06日"
    evs = [dict(user=c["customer"], contract="YM-%02d" % (i + 1), since=["2021年4月", "2022年5月"][i], text=c["text"],
                date="2022年12月%02d日" % (7 + i), scen=c["scen"]) for i, c in enumerate(d["cases"][:2])]
    n_intro = word_count(d["intro"])
    L.append(dict(name="D02_linyi_yunzhi_longintro", as_of="2022-12-23", co=co, d=d, layout="pdf_table",
                  decl="沂蒙云智-优秀产品申报书.pdf", lic=("pdf", "营业执照副本.pdf"), idc=("pdf", "法人身份证.pdf"),
                  ip=("软著", "软著.pdf"), xlsx=("plain", "合同金额汇总表.xlsx"),
                  evals=[("pdf", "用户评价-千秋木业.pdf", evs[0], True), ("pdf", "用户评价-鑫磊五金.pdf", evs[1], True)],
                  not_ev=[],
                  description="PDF两列表格申报书，产品简介写得过长；封面填报日期和承诺日期沿用上一年的2021年12月20日。",
                  defects=[
                      dict(code="WORD_LIMIT_EXCEEDED", severity="error", file="沂蒙云智-优秀产品申报书.pdf", field="产品简介",
                           expected="不超过500字", found="实际%d字（按Word字数统计）" % n_intro,
                           seed_quote="产品 简介 概要描述产品研发背景、核心技术、主要功能、应用领域、市场地位等。 ( 500 字)"),
                      dict(code="DATE_OUT_OF_RANGE", severity="warning", file="沂蒙云智-优秀产品申报书.pdf",
                           field="填报日期", expected="2022年12月（本申报书2022年12月编制，12月30日前报送）",
                           found="2021年12月20日",
                           seed_quote="填 报 日 期： 年 月 日 … 山东省工业和信息化厅编制 二〇二二年十二月；于 12 月 30 日前将加盖公章的申报书…报送"),
                  ]))

    # ------------------------------------------------------------------ D3 bad credit code
    co = C["d3"]
    bad = wrong_check(co["uscc"], USCC_ALPHA)
    d = base_decl(co, nature=["民营"], staff="112", industry="制造业-非金属矿物制品业-水泥、石灰和石膏制造",
                  contact="宋佳", title="销售部部长", phone="0538-6217790", mobile="13853812265",
                  fax="0538-6217791", email="songjia@tszl-auto.com", cats=["数据采集类"],
                  product="智联TZ-300工业PLC数据采集网关", product_short="智联TZ-300工业PLC数据采集网关",
                  decl_uscc=bad, tick="post")
    d["intro"] = ("智联TZ-300工业PLC数据采集网关是泰山智联自动化有限公司自主研发的数据采集类硬件产品，用于老旧设备数字化改造。"
                  "产品支持西门子S7、三菱MC、欧姆龙FINS、Modbus RTU/TCP等协议，具有16路数字量和8路模拟量扩展输入，"
                  "可直接采集无通讯接口设备的开关量和传感器信号。主要功能：协议采集、数据缓存、边缘规则计算、MQTT上传。"
                  "应用于水泥、耐材、机械加工行业，累计销售9600台。")
    d["scheme"] = "硬件采用双核工业处理器和隔离输入电路；软件支持图形化配置，配套网关管理云平台。"
    d["cases"] = [
        c_("泰安中联山水水泥有限公司窑线数据采集项目", "泰安中联山水水泥有限公司",
           "2021年部署网关120台，采集回转窑、篦冷机、立磨等设备数据，数据完整率达到99.5%。", []),
        c_("新泰鲁耐耐火材料有限公司压机联网项目", "新泰鲁耐耐火材料有限公司",
           "2022年为42台液压机加装网关和压力传感器，实现压制参数实时采集，并据此优化保压时间和压力曲线，产品密度合格率提高4个百分点。",
           ["生产工艺优化"]),
        c_("肥城精锐机械有限公司数控机床联网项目", "肥城精锐机械有限公司",
           "2022年联网数控机床65台，采集主轴负载、加工程序号和报警信息，设备利用率统计由人工改为自动。", []),
    ]
    d["innovation"] = "获实用新型专利5项、软件著作权3项；创新：无接口设备的信号级采集方案，改造不停机。"
    d["contracts"] = [("窑线数据采集网关采购合同", "泰安中联山水水泥有限公司", "2021-03-09", 86.40),
                      ("压机联网改造合同", "新泰鲁耐耐火材料有限公司", "2022-04-15", 31.50),
                      ("数控机床联网项目合同", "肥城精锐机械有限公司", "2022-07-04", 40.30)]
    tot = round(sum(r[3] for r in d["contracts"]), 2)
    d["effect"] = "累计销售9600台，主要合同合计%s万元。" % fmt_num(tot)
    d["attach_text"] = ["(一) 营业执照复印件、法人身份证复印件", "(四) 软件著作权证书", "(五) 合同金额汇总表、用户评价"]
    d["ip_no"], d["ip_title"], d["ip_reg"] = "软著登字第6608123号", "智联网关配置管理软件V3.0", "2020SR1598770"
    d["ip_dev"], d["ip_pub"] = "2020年08月12日", "2020年09月01日"
    evs = [dict(user=d["cases"][1]["customer"], contract="TZ-2022-15", since="2022年6月", text=d["cases"][1]["text"],
                date="2022年12月09日", scen=d["cases"][1]["scen"])]
    L.append(dict(name="D03_taian_zhilian_badcode", as_of="2022-12-20", co=co, d=d, layout="docx_grid",
                  decl="申报书-泰山智联.docx", lic=("pdf", "扫描件_营业执照.pdf"), idc=("pdf", "扫描件_身份证.pdf"),
                  ip=("软著", "软著.pdf"), xlsx=("plain", "合同汇总.xlsx"),
                  evals=[("docx", "用户评价_鲁耐.docx", evs[0], True)], not_ev=[],
                  description="四列网格DOCX申报书，申报书上的统一社会信用代码末位校验码抄错（执照上的代码正确）。",
                  defects=[
                      dict(code="INVALID_IDENTIFIER", severity="error", file="申报书-泰山智联.docx", field="统一社会信用代码",
                           expected=co["uscc"] + "（营业执照上的代码，校验位正确）",
                           found=bad + "（校验位错误，且与执照不一致）",
                           seed_quote="统一社会信 用代码；(一) 单位证明(必要项) 单位统一社会信用代码注册登记证(照 )"),
                  ]))

    # ------------------------------------------------------------------ D4 pledge unsigned + user eval unsealed
    co = C["d4"]
    d = base_decl(co, nature=["民营"], staff="148", industry="制造业-化学原料和化学制品制造业-专用化学产品制造",
                  contact="潘丽", title="市场总监", phone="0535-6938802", mobile="13589251170",
                  fax="0535-6938803", email="panli@lanhai-sec.com", cats=["数据存储类"],
                  product="蓝海工业数据安全防护平台V4.0", product_short="蓝海工业数据安全防护平台V4.0",
                  sign_pledge=False, sign_cover=False)
    d["intro"] = ("蓝海工业数据安全防护平台V4.0是烟台蓝海安全技术有限公司自主研发的数据存储类（企业数据安全防护）产品，"
                  "集工控安全监测、数据库安全审计、数据防泄漏和数据脱敏于一体。核心技术：工控协议深度解析、基于行为基线的"
                  "异常检测、敏感数据自动识别与分级。主要功能：资产识别、威胁监测、态势感知大屏、数据库审计、数据脱敏、"
                  "泄露溯源。应用于化工、医药、装备制造行业，已在省内外61家企业部署，获公安部计算机信息系统安全专用产品销售许可证。")
    d["scheme"] = "平台由采集探针、安全分析中心和管理控制台组成，旁路部署不影响生产网络，支持与企业态势感知平台对接。"
    d["cases"] = [
        c_("万华华烁精细化工（烟台）有限公司工控数据安全防护项目", "万华华烁精细化工（烟台）有限公司",
           "2021年在3个生产装置部署工控安全探针和审计系统，识别工控资产860个，全年阻断异常访问1200余次。", []),
        c_("烟台康瑞制药有限公司数据防泄漏与脱敏项目", "烟台康瑞制药有限公司",
           "2022年对研发与质量数据实施分级分类和脱敏，外发数据全部审计留痕。", []),
        c_("龙口恒信重工有限公司工业数据安全态势感知项目", "龙口恒信重工有限公司",
           "2022年建设安全态势感知平台，覆盖办公网和生产网，平均威胁处置时间由2天降至4小时。", []),
    ]
    d["innovation"] = "产品通过中国网络安全审查技术与认证中心检测，获2022年烟台市优秀软件产品。"
    d["contracts"] = [("工控数据安全防护项目合同", "万华华烁精细化工（烟台）有限公司", "2021-06-18", 212.00),
                      ("数据防泄漏与脱敏系统合同", "烟台康瑞制药有限公司", "2022-02-25", 87.60),
                      ("安全态势感知平台合同", "龙口恒信重工有限公司", "2022-08-11", 134.50)]
    tot = round(sum(r[3] for r in d["contracts"]), 2)
    d["effect"] = "已部署61家企业；主要合同合计%s万元。" % fmt_num(tot)
    d["attach_text"] = ["(一) 营业执照、法人身份证", "(三) 计算机信息系统安全专用产品销售许可证（略）", "(四) 软件著作权",
                        "(五) 合同金额汇总表、用户评价3份"]
    d["ip_no"], d["ip_title"], d["ip_reg"] = "软著登字第8543377号", "蓝海工业数据安全防护平台V4.0", "2021SR1655093"
    d["ip_dev"], d["ip_pub"] = "2021年08月16日", "2021年09月20日"
    evs = [dict(user=c["customer"], contract="LH-%02d" % (31 + i), since=["2021年9月", "2022年4月", "2022年10月"][i],
                text=c["text"], date="2022年12月%02d日" % (5 + i), scen=[]) for i, c in enumerate(d["cases"])]
    L.append(dict(name="D04_yantai_lanhai_unsigned", as_of="2022-12-22", co=co, d=d, layout="docx_table",
                  decl="蓝海-数据赋能优秀产品申报书.docx", lic=("pdf", "营业执照.pdf"), idc=("pdf", "法人身份证.pdf"),
                  ip=("软著", "软著证书.pdf"), xlsx=("plain", "合同金额汇总表.xlsx"),
                  evals=[("docx", "用户评价1-万华华烁.docx", evs[0], True), ("docx", "用户评价2-康瑞制药.docx", evs[1], True),
                         ("docx", "用户评价3-恒信重工.docx", evs[2], False)], not_ev=[],
                  description="原表格DOCX申报书，封面和真实性承诺只粘贴了公章、法人代表未签字；第3份用户评价未盖用户单位公章。",
                  defects=[
                      dict(code="MISSING_SIGNATURE", severity="error", file="蓝海-数据赋能优秀产品申报书.docx",
                           field="真实性承诺 法人代表(签字)", expected="法人代表签字（另有申报单位公章）",
                           found="法人代表(签字)处空白，封面“法人代表：周文斌 (签名)”处也无签名",
                           seed_quote="真实性承诺 … 法人代表(签字)： 申报单位(公章)：；请按要求在申报表上统一签字并加盖公章。"),
                      dict(code="MISSING_SEAL", severity="error", file="用户评价3-恒信重工.docx", field="用户评价（用户单位公章）",
                           expected="加盖用户单位龙口恒信重工有限公司公章", found="“用户单位(盖章)：”处无公章",
                           seed_quote="(若提供用户评价需加盖用户单位公章)"),
                  ]))

    # ------------------------------------------------------------------ D5 total mismatch + two natures ticked
    co = C["d5"]
    d = base_decl(co, nature=["民营", "合资"], staff="87", industry="制造业-橡胶和塑料制品业-橡胶制品业",
                  contact="曲晓", title="营销中心经理", phone="0631-5809921", mobile="15106312287",
                  fax="0631-5809922", email="quxiao@jgvision.cn", cats=["数据应用类"],
                  product="精工AI视觉质检系统V2.3", product_short="精工AI视觉质检系统V2.3", tick="square")
    d["intro"] = ("精工AI视觉质检系统V2.3是威海精工视觉科技有限公司自主研发的数据应用类产品，以工业相机和深度学习算法替代"
                  "人工目检。核心技术：小样本缺陷检测算法、多光谱成像、检测数据统计分析。主要功能：在线缺陷检测、"
                  "缺陷分类统计、质量数据追溯、质量异常预警。应用于轮胎、橡胶密封件、电子元件等行业，"
                  "已在31家企业部署检测工位210个。")
    d["scheme"] = "系统由成像单元、边缘推理工控机、质检数据平台组成，检测结果通过OPC UA回传产线PLC实现自动剔除。"
    d["cases"] = [
        c_("威海三角橡胶制品有限公司密封圈外观质检项目", "威海三角橡胶制品有限公司",
           "2021年部署检测工位24个，检测飞边、缺胶、气泡等缺陷，漏检率低于0.05%，每条线减少质检人员6人。",
           ["质量智能控制"]),
        c_("荣成华泰轮胎有限公司胎面缺陷检测与质量预警项目", "荣成华泰轮胎有限公司",
           "2022年部署检测工位18个，平台按班次统计胎面缺陷类型与位置，出现缺陷聚集时自动预警并通知质检人员复核拦截，"
           "胎面不良品流出率下降37%。", ["质量智能控制"]),
        c_("文登新锐电子有限公司连接器外观检测项目", "文登新锐电子有限公司",
           "2022年部署检测工位9个，检测针脚歪斜和镀层缺陷，检测节拍0.6秒/件，质量数据自动归档追溯。", ["质量智能控制"]),
    ]
    d["innovation"] = "获发明专利3项，2022年获评威海市“专精特新”产品。创新经验：检测、剔除、预警、追溯一体化，实现质量闭环控制。"
    d["contracts"] = [("密封圈视觉检测系统采购合同", "威海三角橡胶制品有限公司", "2021-04-20", 132.00),
                      ("胎面视觉检测与质量预警项目合同", "荣成华泰轮胎有限公司", "2022-03-14", 118.60),
                      ("连接器外观检测设备合同", "文登新锐电子有限公司", "2022-06-28", 45.90),
                      ("视觉检测工位扩容合同", "威海三角橡胶制品有限公司", "2022-09-07", 38.50)]
    row_sum = round(sum(r[3] for r in d["contracts"]), 2)
    wrong_total = 373.00
    d["effect"] = "已在31家企业部署，主要合同4份合计%s万元，用户质检人员平均减少60%%。" % fmt_num(wrong_total)
    d["attach_text"] = ["1. 营业执照、法人身份证", "2. 发明专利证书", "3. 合同金额汇总表", "4. 用户评价"]
    d["ip_no"], d["ip_title"], d["ip_reg"] = "第5120388号", "一种基于小样本学习的橡胶制品表面缺陷检测方法", "ZL202110233561.8"
    d["ip_dev"], d["ip_pub"] = "2021年03月05日", "2022年05月24日"
    evs = [dict(user=d["cases"][1]["customer"], contract="JG-2022-08", since="2022年7月", text=d["cases"][1]["text"],
                date="2022年12月10日", scen=d["cases"][1]["scen"])]
    L.append(dict(name="D05_weihai_jinggong_total", as_of="2022-12-23", co=co, d=d, layout="docx_para",
                  decl="精工视觉申报书.docx", lic=("pdf", "营业执照.pdf"), idc=("pdf", "身份证.pdf"),
                  ip=("专利", "发明专利.pdf"), xlsx=("plain", "合同金额汇总表.xlsx", wrong_total),
                  evals=[("pdf", "用户评价-华泰轮胎.pdf", evs[0], True)], not_ev=[],
                  description="段落式DOCX申报书（Word标题样式、■勾选），单位性质勾了民营和合资两项；合同汇总表合计行与明细之和不符。",
                  defects=[
                      dict(code="CALCULATION_MISMATCH", severity="error", file="合同金额汇总表.xlsx", field="合同金额汇总表 合计",
                           expected="%s万元（4份合同金额之和）" % fmt_num(row_sum), found="%s万元" % fmt_num(wrong_total),
                           seed_quote="(五) 效益类 产品相关售卖合同及金额汇总表"),
                      dict(code="OPTION_CONFLICT", severity="error", file="精工视觉申报书.docx", field="单位性质",
                           expected="□国有 □民营 □合资 □外资 中勾选一项", found="■民营 和 ■合资 同时勾选",
                           seed_quote="单位性质 □国有 □民营 □合资 □外资"),
                  ]))

    # ------------------------------------------------------------------ D6 only 2 cases + capital mismatch
    co = C["d6"]
    d = base_decl(co, nature=["民营"], staff="205", industry="采矿业-石油和天然气开采业-石油开采",
                  contact="徐鹏飞", title="技术中心主任", phone="0546-8315526", mobile="13905464781",
                  fax="0546-8315527", email="xupf@dysyshuzhi.com", cats=["数据应用类"],
                  product="数智油田抽油机设备健康管理平台V2.0", product_short="数智油田抽油机设备健康管理平台V2.0",
                  decl_capital="3000", tick="post", fill_date="2022年12月15日", pledge_date="2022年12月15日")
    d["intro"] = ("数智油田抽油机设备健康管理平台V2.0是东营石油数智科技有限公司自主研发的数据应用类产品，面向油田抽油机、"
                  "注水泵等采油设备。核心技术：基于示功图的抽油机工况智能诊断、电参数反演、设备剩余寿命预测。主要功能："
                  "设备远程监测、工况诊断、故障预警、预测性维护工单。已在胜利油田周边采油企业部署，接入油井3400余口。")
    d["scheme"] = "平台由井口RTU、无线传输网络、数据中心和诊断应用组成，诊断模型在云端训练、在井场边缘节点推理。"
    d["cases"] = [
        c_("东营胜华石油工程有限公司抽油机预测维护项目", "东营胜华石油工程有限公司",
           "2021年接入油井1800口，通过示功图诊断识别抽油杆断脱、泵漏失等故障，提前预警并安排预测性维护，"
           "检泵周期延长62天。", ["设备预测维护"]),
        c_("垦利德瑞采油服务有限公司注水泵健康管理项目", "垦利德瑞采油服务有限公司",
           "2022年对136台注水泵开展振动与电参数在线监测，预测轴承与柱塞故障，维修费用下降26%。", ["设备预测维护"]),
    ]
    d["innovation"] = "获发明专利2项。创新：示功图与电参数融合诊断，诊断准确率96%。"
    d["contracts"] = [("抽油机健康管理平台建设合同", "东营胜华石油工程有限公司", "2021-05-06", 265.00),
                      ("注水泵在线监测项目合同", "垦利德瑞采油服务有限公司", "2022-04-22", 92.40)]
    tot = round(sum(r[3] for r in d["contracts"]), 2)
    d["effect"] = "接入油井3400余口，主要合同合计%s万元；2023年计划在滨州、潍坊油区推广。" % fmt_num(tot)
    d["attach_text"] = ["(一) 营业执照、法人身份证", "(四) 发明专利证书", "(五) 合同金额汇总表、用户评价2份"]
    d["ip_no"], d["ip_title"], d["ip_reg"] = "第4766031号", "一种基于示功图与电参数融合的抽油机故障诊断方法", "ZL202010982214.5"
    d["ip_dev"], d["ip_pub"] = "2020年09月17日", "2021年11月30日"
    evs = [dict(user=c["customer"], contract="SZ-%02d" % (i + 5), since=["2021年8月", "2022年7月"][i], text=c["text"],
                date="2022年12月%02d日" % (8 + i), scen=c["scen"]) for i, c in enumerate(d["cases"])]
    L.append(dict(name="D06_dongying_shuzhi_twocases", as_of="2022-12-19", co=co, d=d, layout="pdf_grid",
                  decl="东营石油数智_申报书.pdf", lic=("pdf", "营业执照.pdf"), idc=("pdf", "法人身份证复印件.pdf"),
                  ip=("专利", "专利证书.pdf"), xlsx=("plain", "合同金额汇总表.xlsx"),
                  evals=[("pdf", "用户评价-胜华.pdf", evs[0], True), ("pdf", "用户评价-德瑞.pdf", evs[1], True)],
                  not_ev=[],
                  description="PDF四列网格申报书，赋能案例只有2个且无国家/省级示范试点证明；注册资本填3000万元而执照为叁仟伍佰万元整。",
                  defects=[
                      dict(code="COUNT_BELOW_MINIMUM", severity="error", file="东营石油数智_申报书.pdf", field="赋能案例",
                           expected="3个以上成功项目案例（获评国家、省级示范试点的除外）", found="2个案例，未提供示范试点证明",
                           seed_quote="具有 3 个以上成功项 目 案例 (获评国家、省级示范试点的不受案例数量限制)"),
                      dict(code="INCONSISTENT_VALUE", severity="error", file="东营石油数智_申报书.pdf", field="注册资本(万元)",
                           expected="3500（营业执照：叁仟伍佰万元整）", found="3000",
                           seed_quote="注册资本(万元 )；单位统一社会信用代码注册登记证(照 )"),
                  ]))

    # ------------------------------------------------------------------ D7 expired licence + 成立日期 empty
    co = C["d7"]
    d = base_decl(co, nature=["民营"], staff="41", industry="制造业-化学原料和化学制品制造业-合成材料制造",
                  contact="韩冬", title="项目经理", phone="0635-8436617", mobile="13806359902",
                  fax="0635-8436618", email="handong@luxidata.com", cats=["数据应用类"],
                  product="鲁西化工生产工艺优化大数据平台V1.2", product_short="鲁西化工生产工艺优化大数据平台V1.2",
                  decl_est="")
    d["intro"] = ("鲁西化工生产工艺优化大数据平台V1.2是聊城鲁西数据技术有限公司自主研发的数据应用类产品，针对化工装置"
                  "操作参数多、耦合强的问题，基于历史运行数据建立软测量与工艺优化模型，给出关键操作参数推荐值。主要功能："
                  "数据采集汇聚、软测量、工艺参数寻优、优化效果评估。已在聊城、德州等地化工企业应用8套。")
    d["scheme"] = "平台从DCS与LIMS抽取数据，经清洗后建立机理与数据混合模型，通过操作指导画面推送优化建议。"
    d["cases"] = [
        c_("聊城信发聚合材料有限公司聚合反应工艺优化项目", "聊城信发聚合材料有限公司",
           "2021年建立聚合釜温度、压力、引发剂配比优化模型，单釜反应时间缩短9%，优级品率提高3.5个百分点。",
           ["生产工艺优化"]),
        c_("茌平金晟化工有限公司精馏塔工艺参数优化项目", "茌平金晟化工有限公司",
           "2022年对3座精馏塔建立回流比与再沸器蒸汽量优化模型，产品纯度稳定在99.9%以上，蒸汽单耗下降7%。",
           ["生产工艺优化"]),
        c_("临清东源树脂有限公司反应釜工艺优化项目", "临清东源树脂有限公司",
           "2022年建立树脂合成反应终点预测模型，替代人工取样判断，批次间质量波动下降40%。", ["生产工艺优化"]),
    ]
    d["innovation"] = "获软件著作权4项。创新：机理与数据混合建模，模型可解释。"
    d["contracts"] = [("聚合工艺优化平台合同", "聊城信发聚合材料有限公司", "2021-06-01", 78.00),
                      ("精馏工艺优化项目合同", "茌平金晟化工有限公司", "2022-03-21", 56.00),
                      ("反应釜工艺优化项目合同", "临清东源树脂有限公司", "2022-07-12", 33.50)]
    tot = round(sum(r[3] for r in d["contracts"]), 2)
    d["effect"] = "已应用8套，主要合同合计%s万元。" % fmt_num(tot)
    d["attach_text"] = ["(一) 营业执照、法人身份证", "(四) 软件著作权", "(五) 合同金额汇总表、用户评价"]
    d["ip_no"], d["ip_title"], d["ip_reg"] = "软著登字第7180442号", "鲁西化工生产工艺优化大数据平台V1.2", "2021SR0490317"
    d["ip_dev"], d["ip_pub"] = "2021年02月08日", "2021年03月01日"
    evs = [dict(user=d["cases"][0]["customer"], contract="LX-2021-06", since="2021年9月", text=d["cases"][0]["text"],
                date="2022年12月07日", scen=d["cases"][0]["scen"])]
    L.append(dict(name="D07_liaocheng_luxi_expired", as_of="2022-12-21", co=co, d=d, layout="docx_table",
                  decl="鲁西数据_申报书.docx", lic=("pdf", "营业执照副本.pdf"), idc=("pdf", "法人代表身份证.pdf"),
                  ip=("软著", "软著.pdf"), xlsx=("plain", "合同金额汇总表.xlsx"),
                  evals=[("docx", "用户评价.docx", evs[0], True)], not_ev=[],
                  description="原表格DOCX申报书，“成立日期”一栏空着；所附营业执照营业期限至2022年10月31日，已过期。",
                  defects=[
                      dict(code="DOCUMENT_EXPIRED", severity="error", file="营业执照副本.pdf", field="营业期限",
                           expected="营业期限覆盖审核日2022-12-21（经营状态正常）", found="2012年11月01日至2022年10月31日",
                           seed_quote="在国内依法注册，具有独立法人资格，…经营状态正常，信用记录良好"),
                      dict(code="MISSING_FIELD", severity="error", file="鲁西数据_申报书.docx", field="成立日期",
                           expected="2012年11月01日（营业执照成立日期）", found="空白",
                           seed_quote="成立日期"),
                  ]))

    # ------------------------------------------------------------------ D8 two products + name mismatch
    co = C["d8"]
    d = base_decl(co, nature=["民营"], staff="263", industry="制造业-电气机械和器材制造业-输配电及控制设备制造",
                  contact="孟晓东", title="副总经理", phone="0534-7269013", mobile="13705349380",
                  fax="0534-7269014", email="mengxd@yc-shuzhi.com", cats=["数据传输类"],
                  decl_name="德州禹城数智装备有限公司",
                  product="数智5G工业专网网关YC-5G100及数智能源管理平台V3.0",
                  product_short="数智5G工业专网网关YC-5G100", tick="post", fill_date="2022年12月20日",
                  pledge_date="2022年12月20日")
    d["intro"] = ("本次申报包括两款产品。（1）数智5G工业专网网关YC-5G100：德州禹城数智装备有限责任公司自主研发的数据传输类产品，"
                  "支持5G SA/NSA双模、5G LAN和TSN，提供工业以太网口与串口，实现产线设备无线化联网和企业内网改造，"
                  "端到端时延小于20毫秒。（2）数智能源管理平台V3.0：面向工业企业的能源数据采集、能耗分析与负荷调度软件，"
                  "实现水、电、气等能源介质的计量与平衡调度。两款产品可组合交付，已在德州、聊城等地42家企业应用。")
    d["scheme"] = "网关负责现场数据的5G无线接入与传输；能源管理平台部署在企业私有云，通过网关接收能源计量数据。"
    d["cases"] = [
        c_("德州华源纺织有限公司5G工业专网改造项目", "德州华源纺织有限公司",
           "2021年部署5G网关160台，细纱机、络筒机全部无线联网，布线成本减少70%，设备数据上传延时小于20毫秒。", []),
        c_("禹城福临食品有限公司能源管理项目", "禹城福临食品有限公司",
           "2022年通过5G网关采集电、汽、水计量数据，能源管理平台按生产计划预测负荷，动态平衡锅炉蒸汽与制冷用电，"
           "单位产品综合能耗下降8%。", ["能耗动态平衡"]),
        c_("齐河鲁恒机械有限公司车间网络化升级项目", "齐河鲁恒机械有限公司",
           "2022年以5G专网替代车间有线网络，联网加工中心48台，AGV调度通过5G LAN实现。", []),
    ]
    d["innovation"] = "获发明专利1项、实用新型6项、软著5项；5G网关通过工信部进网许可。"
    d["contracts"] = [("5G工业专网改造合同", "德州华源纺织有限公司", "2021-07-19", 196.00),
                      ("能源管理平台及5G网关项目合同", "禹城福临食品有限公司", "2022-02-28", 84.30),
                      ("车间5G网络化升级合同", "齐河鲁恒机械有限公司", "2022-06-06", 121.70)]
    tot = round(sum(r[3] for r in d["contracts"]), 2)
    d["effect"] = "两款产品合计服务42家企业，主要合同合计%s万元。" % fmt_num(tot)
    d["attach_text"] = ["(一) 营业执照、法人身份证", "(四) 软件著作权（能源管理平台）", "(五) 合同金额汇总表、用户评价"]
    d["ip_no"], d["ip_title"], d["ip_reg"] = "软著登字第8390021号", "数智能源管理平台V3.0", "2021SR1402266"
    d["ip_dev"], d["ip_pub"] = "2021年07月01日", "2021年08月10日"
    evs = [dict(user=d["cases"][1]["customer"], contract="YC-2022-11", since="2022年5月", text=d["cases"][1]["text"],
                date="2022年12月14日", scen=d["cases"][1]["scen"])]
    L.append(dict(name="D08_dezhou_yucheng_twoproducts", as_of="2022-12-28", co=co, d=d, layout="docx_grid",
                  decl="申报书.docx", lic=("pdf", "营业执照.pdf"), idc=("pdf", "身份证.pdf"),
                  ip=("软著", "软著.pdf"), xlsx=("plain", "合同金额汇总表.xlsx"),
                  evals=[("docx", "用户评价-福临食品.docx", evs[0], True)], not_ev=[],
                  description="四列网格DOCX申报书，一张表里申报了5G网关和能源管理平台两款产品；单位名称写成“有限公司”，执照为“有限责任公司”。",
                  defects=[
                      dict(code="MULTIPLE_PRODUCTS", severity="error", file="申报书.docx", field="产品名称",
                           expected="一款产品（多款产品分别填写申报表）",
                           found="数智5G工业专网网关YC-5G100及数智能源管理平台V3.0（两款）",
                           seed_quote="本表仅可填写一款产品，多款产品请填写多款申报表"),
                      dict(code="INCONSISTENT_VALUE", severity="error", file="申报书.docx", field="单位名称",
                           expected="德州禹城数智装备有限责任公司（营业执照名称）", found="德州禹城数智装备有限公司",
                           seed_quote="单位名称；单位统一社会信用代码注册登记证(照 )"),
                  ]))
    return L


# --------------------------------------------------------------------------------------------
def pledge_scan(co, rng, date_text):
    W, H = 1240, 1754  # A4 @150dpi
    img = Image.new("RGB", (W, H), (232, 231, 226))
    d = ImageDraw.Draw(img)
    d.text((W / 2 - 150, 200), "真实性承诺", font=_font(72), fill=(25, 25, 25))
    f = _font(42)
    lines = ["    我单位申报的所有材料，均真实、完", "整，如有不实，愿承担相应的责任。"]
    for i, ln in enumerate(lines):
        d.text((150, 420 + i * 70), ln, font=f, fill=(25, 25, 25))
    d.text((150, 800), "法人代表(签字)：", font=f, fill=(25, 25, 25))
    sig = co["sig_img"].resize((int(co["sig_img"].width * 0.9), int(co["sig_img"].height * 0.9)))
    img.paste(sig, (520, 760), sig)
    d.text((150, 1050), "申报单位(公章)：", font=f, fill=(25, 25, 25))
    d.text((700, 1300), date_text, font=f, fill=(25, 25, 25))
    s = make_seal(co["name"], rng, size=400)
    img.paste(s, (480, 930), s)
    arr = np.array(img).astype(np.int16)
    arr += np.random.RandomState(5).randint(-12, 12, arr.shape).astype(np.int16)
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)).rotate(-1.2, resample=Image.BICUBIC,
                                                                         fillcolor=(210, 210, 206))
    b = io.BytesIO()
    img.save(b, "JPEG", quality=70)
    return b.getvalue()


def write_dossier(root, spec, rng):
    co, d = spec["co"], spec["d"]
    files = {}

    def p(rel):
        q = root / rel
        q.parent.mkdir(parents=True, exist_ok=True)
        return q

    lay = spec["layout"]
    if lay == "docx_table":
        render_docx_table(d, co, rng, p(spec["decl"]))
    elif lay == "docx_grid":
        render_docx_grid(d, co, rng, p(spec["decl"]))
    elif lay == "docx_para":
        render_docx_para(d, co, rng, p(spec["decl"]))
    elif lay == "pdf_grid":
        render_pdf_decl(d, co, rng, p(spec["decl"]), grid=True)
    elif lay == "pdf_table":
        render_pdf_decl(d, co, rng, p(spec["decl"]), grid=False)
    kind, rel = spec["lic"]
    if kind == "jpg":
        p(rel).write_bytes(licence_image(co, rng))
    else:
        licence_pdf(co, rng, p(rel), electronic=("电子" in rel))
    if spec["idc"]:
        kind, rel = spec["idc"]
        if kind == "jpg":
            p(rel).write_bytes(id_image(co, rng))
        else:
            id_pdf(co, rng, p(rel))
    ip_pdf(co, d, rng, p(spec["ip"][1]), kind=spec["ip"][0])
    if spec.get("award"):
        award_pdf(co, d, rng, p(spec["award"]))
    xl = spec["xlsx"]
    contracts_xlsx(co, d, p(xl[1]), style=xl[0], total_override=(xl[2] if len(xl) > 2 else None))
    for kind, rel, ev, sealed in spec["evals"]:
        if kind == "docx":
            eval_docx(co, d, ev, rng, p(rel), sealed)
        else:
            eval_pdf(co, d, ev, rng, p(rel), sealed)
    if spec.get("pledge_scan"):
        p(spec["pledge_scan"]).write_bytes(pledge_scan(co, rng, "2022年12月19日"))


def narratives(spec):
    d = spec["d"]
    ev = []
    for c in d["cases"]:
        for s in c["scen"]:
            if s not in ev:
                ev.append(s)
    ev = [e for e in EVID if e in ev]
    out = [{"file": spec["decl"], "evidenced": ev_list(ev)}]
    if spec.get("not_ev"):
        out[0]["not_evidenced"] = ev_list(spec["not_ev"])
    for kind, rel, e, sealed in spec["evals"]:
        out.append({"file": rel, "evidenced": ev_list([x for x in EVID if x in e["scen"]])})
    return out


def zip_dir(src, zpath, top):
    entries = sorted(x for x in src.rglob("*") if x.is_file())
    with zipfile.ZipFile(zpath, "w", zipfile.ZIP_DEFLATED) as z:
        for f in entries:
            rel = f.relative_to(src).as_posix()
            zi = zipfile.ZipInfo(top + "/" + rel, FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, f.read_bytes())
            # Mac resource-fork junk
            parts = (top + "/" + rel).split("/")
            junk = "__MACOSX/" + "/".join(parts[:-1] + ["._" + parts[-1]])
            zj = zipfile.ZipInfo(junk, FIXED_ZIP_TIME)
            z.writestr(zj, b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        " + b"\x00" * 40)
        zi = zipfile.ZipInfo(top + "/.DS_Store", FIXED_ZIP_TIME)
        z.writestr(zi, b"\x00\x00\x00\x01Bud1" + b"\x00" * 60)


def generate(out_dir):
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20221230)
    C = build_companies(rng)
    specs = build_dossiers(C)
    # sanity: intros within / over the limit as designed
    for s in specs:
        n = word_count(s["d"]["intro"])
        over = any(df["code"] == "WORD_LIMIT_EXCEEDED" for df in s["defects"])
        assert (n > 500) == over, (s["name"], n)
        for ch in (s["co"]["uscc"],):
            assert uscc_check(ch[:17]) == ch[17]
    labels = {"writer": WRITER, "program": PROGRAM, "dossiers": []}
    import shutil
    import tempfile
    for s in specs:
        r2 = random.Random(s["name"])
        if s.get("zip"):
            with tempfile.TemporaryDirectory() as td:
                tdp = pathlib.Path(td)
                write_dossier(tdp, s, r2)
                zname = s["name"] + ".zip"
                zip_dir(tdp, out_dir / zname, "海澜数智申报材料")
            name = zname
            pref = "海澜数智申报材料/"
        else:
            dd = out_dir / s["name"]
            if dd.exists():
                shutil.rmtree(dd)
            write_dossier(dd, s, r2)
            name = s["name"]
            pref = ""
        defects = []
        for df in s["defects"]:
            df = dict(df)
            if df["file"]:
                df["file"] = pref + df["file"]
            defects.append(df)
        nar = narratives(s)
        for n in nar:
            n["file"] = pref + n["file"]
        labels["dossiers"].append({
            "name": name, "as_of": s["as_of"], "clean": not defects, "description": s["description"],
            "defects": defects, "narratives": nar})
    (out_dir / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    generate(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "out"))
