# -*- coding: utf-8 -*-
"""Blind dossier corpus, writer brain_b, programme sd-industry-brain.

Seed: /work/shared/seeds/003 附件1 山东省"产业大脑"评价指标体系 (L1P1-L5P5).
Every dossier is a 产业大脑 self-evaluation (自评) package submitted by a county/city
operator: a report in prose, sometimes an indicator sheet, sometimes supporting images.
Deterministic: one random.Random per dossier, PDFs written with invariant=1, fixed zip dates.

Usage: python generate.py OUT_DIR
"""
import io
import json
import pathlib
import random
import shutil
import sys
import zipfile

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docx.oxml.ns import qn
import openpyxl
from openpyxl.styles import Alignment, Font, Border, Side
from PIL import Image, ImageDraw, ImageFont, ImageFilter
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (Image as RLImage, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)
from reportlab.lib import colors

FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'
pdfmetrics.registerFont(TTFont('wqy', FONT, subfontIndex=0))

WRITER = 'brain_b'
PROGRAM = 'sd-industry-brain'

# ---------------------------------------------------------------- identifiers
USCC_ALPHA = '0123456789ABCDEFGHJKLMNPQRTUWXY'
USCC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc(first17):
    s = sum(USCC_ALPHA.index(c) * w for c, w in zip(first17, USCC_W))
    return first17 + USCC_ALPHA[(31 - s % 31) % 31]


for _g in ('91512081MA62K0260E', '91110000600037341L', '91110108MA01EBFH9B'):
    assert uscc(_g[:17]) == _g

# ---------------------------------------------------------------- the seed's indicators
# (id, 名称, 单位 from the seed; '' = the seed prints no unit: descriptive indicator)
IND = [
    ('L1P1', '产业规模', '亿元'), ('L1P2', '产业布局', '个'), ('L1P3', '产业链健全性', ''),
    ('L1P4', '产业链企业数量', '家'), ('L1P5', '产业链规上企业数量', '家'),
    ('L1P6', '上市挂牌企业数量', '家'), ('L1P7', '优势企业数量', '家'),
    ('L1P8', '链主企业产值', '亿元'), ('L1P9', '近三年获得奖励', '项'),
    ('L1P10', '产业集聚度', '%'),
    ('L2P1', '存储与计算资源', ''), ('L2P2', '产业数据仓', 'TB'), ('L2P3', '行业数据仓', 'TB'),
    ('L2P4', '企业数据仓', 'TB'),
    ('L3P1', '科技创新平台数量', '家'), ('L3P2', '产学研合作', '个'), ('L3P3', '数字人才数量', '人'),
    ('L3P4', '知识产权数量', '项'), ('L3P5', '技术标准数量', '项'),
    ('L4P1', '“晨星工厂”培育能力', '家'), ('L4P2', '工业大数据应用场景构建', '个'),
    ('L4P3', '能力组件构建水平', '个'), ('L4P4', 'DCMM认证企业数量', '家'),
    ('L4P5', '赋能工业互联网平台建设', '个'), ('L4P6', '赋能行业应用创新', '次'),
    ('L4P7', '赋能产业链发展韧性', '家'), ('L4P8', '培育数据驱动的新业态新模式', '个'),
    ('L5P1', '组织领导机制', ''), ('L5P2', '管理运营专业化', ''), ('L5P3', '数据管理制度', ''),
    ('L5P4', '资金支持强度', '万元'), ('L5P5', '安全防护水平', '等级'),
]
NAME = {i: n for i, n, u in IND}
UNIT = {i: u for i, n, u in IND}
GROUPS = [('一、产业发展水平', 'L1'), ('二、数据支撑能力', 'L2'), ('三、科技创新能力', 'L3'),
          ('四、数据价值释放能力', 'L4'), ('五、运营保障水平', 'L5')]

SEED_UNIT_QUOTE = {
    'L1P1': 'L1P1\t产业规模\t上年度产业集群或产业链范围内所有企业的主营业务收入总和\t亿元',
    'L1P8': 'L1P8\t链主企业产值\t上年度产业链链主企业（占据优势地位，显著的辐射带动作用，对上下游大部分企业的资源配置和应用具有较强的直接或间接影响力）产值\t亿元',
    'L1P10': 'L1P10\t产业集聚度\t上年度产业集群或产业链主营收入与所在区县整体产值的占比\t%',
}


def fmt(x):
    """number -> text without trailing zeros"""
    if isinstance(x, int):
        return str(x)
    s = ('%.2f' % x).rstrip('0').rstrip('.')
    return s


# ---------------------------------------------------------------- per dossier data
def make_data(rng, p):
    """p: dict of dossier parameters. Returns d: id -> dict(v=number or text, s=display)."""
    d = {}
    L1P1 = p['scale']                              # 亿元, one decimal
    ratio = p['ratio']                             # % one decimal
    county_out = round(L1P1 / ratio * 100, 1)
    assert round(L1P1 / county_out * 100, 1) == ratio
    up, mid, down = rng.randint(60, 160), rng.randint(150, 420), rng.randint(80, 260)
    total = up + mid + down
    gs = rng.randint(int(total * 0.25), int(total * 0.4))
    adv = [('山东省（准）独角兽企业', rng.randint(0, 2)), ('瞪羚企业', rng.randint(12, 30)),
           ('“专精特新”中小企业', rng.randint(30, 70)), ('制造业单项冠军', rng.randint(1, 5)),
           ('隐形冠军企业', rng.randint(5, 15))]
    awards = p['awards']
    leader_out = p['leader_out']                   # 亿元
    talents = (rng.randint(20, 60), rng.randint(300, 900))
    d['L1P1'] = dict(v=L1P1)
    d['L1P2'] = dict(v=rng.randint(2, 6))
    d['L1P3'] = dict(v='以%s为链主企业，产业链上游原材料及零部件企业%d家、中游整机及制造企业%d家、下游应用及服务企业%d家，链条企业覆盖%s等环节，无明显缺失环节。'
                     % (p['leader'], up, mid, down, p['links']), parts=(up, mid, down))
    d['L1P4'] = dict(v=total)
    d['L1P5'] = dict(v=gs)
    d['L1P6'] = dict(v=rng.randint(3, 11))
    d['L1P7'] = dict(v=sum(n for _, n in adv), parts=adv)
    d['L1P8'] = dict(v=leader_out)
    d['L1P9'] = dict(v=len(awards), parts=awards)
    d['L1P10'] = dict(v=ratio, county_out=county_out)
    d['L2P1'] = dict(v='已接入全国一体化工业大数据中心山东工业云%s，部署计算节点%d个、可用存储%dTB，承载产业大脑全部应用。'
                     % (p['cloud'], rng.randint(8, 40), rng.randint(200, 900)))
    d['L2P2'] = dict(v=rng.randint(80, 400), types='政务侧数据库%d个、企业侧数据资源目录%d个' % (rng.randint(5, 15), rng.randint(20, 60)))
    d['L2P3'] = dict(v=rng.randint(120, 600), types='兼容Modbus、OPC UA、Profinet等工业协议%d种，接入工业设备%d台（套）' % (rng.randint(12, 40), rng.randint(3000, 20000)))
    d['L2P4'] = dict(v=rng.randint(200, 900), types='汇聚%d家企业研发、生产、采购、营销数据，企业数据仓%d个' % (rng.randint(60, 300), rng.randint(30, 120)))
    d['L3P1'] = dict(v=rng.randint(18, 60))
    d['L3P2'] = dict(v=rng.randint(10, 45))
    d['L3P3'] = dict(v=sum(talents), parts=talents)
    d['L3P4'] = dict(v=rng.randint(900, 4000))
    d['L3P5'] = dict(v=rng.randint(20, 90))
    d['L4P1'] = dict(v=rng.randint(6, 30))
    d['L4P2'] = dict(v=rng.randint(20, 80))
    d['L4P3'] = dict(v=rng.randint(40, 180))
    d['L4P4'] = dict(v=rng.randint(3, 15))
    d['L4P5'] = dict(v=rng.randint(8, 30))
    d['L4P6'] = dict(v=rng.randint(20000, 150000))
    d['L4P7'] = dict(v=rng.randint(10, 40))
    d['L4P8'] = dict(v=rng.randint(4, 16))
    d['L5P1'] = dict(v='%s成立由%s任组长的%s产业大脑推进工作小组，办公室设在%s，统筹推进产业大脑建设，%s召开推进会议%d次。'
                     % (p.get('gov_body', p['gov_area'] + '人民政府'), p['head'], p['ind'], p['dept'], '2022年', rng.randint(3, 8)))
    d['L5P2'] = dict(v='成立独立运营单位%s，制定《产业大脑运营管理办法》《数据服务管理制度》等制度%d项，运营团队%d人，平台按月迭代。'
                     % (p['op'], rng.randint(6, 14), rng.randint(25, 80)))
    d['L5P3'] = dict(v='已建立企业认证、数据登记、数据上架、数据交易、数据服务等标准规则%d项，形成完整的数据管理制度体系。' % rng.randint(8, 20))
    funds = (rng.randint(1, 3), rng.randint(3, 9), rng.randint(200, 900) * 100)
    d['L5P4'] = dict(v=funds[2], parts=funds)
    d['L5P5'] = dict(v='三级')
    for k, e in d.items():
        e['s'] = disp(k, e['v'])
    d['_county_out'] = county_out
    return d


def disp(k, v):
    u = UNIT[k]
    if u == '':
        return v
    if u == '%':
        return fmt(v) + '%'
    if u == '等级':
        return v
    return fmt(v) + u


# ---------------------------------------------------------------- explanatory text per indicator
def explain(k, d, p, year='2022年'):
    e = d[k]
    if k == 'L1P1':
        return '%s，%s产业链范围内所有企业主营业务收入总和。' % (year, p['ind'])
    if k == 'L1P2':
        return '产业方向列入%s等省级、市级中长期规划。' % p['plans']
    if k == 'L1P4':
        return '上游、中游、下游企业合计。'
    if k == 'L1P5':
        return '产业链范围内规模以上工业企业。'
    if k == 'L1P6':
        return '含境内主板、创业板、科创板及境外上市挂牌企业。'
    if k == 'L1P7':
        return '其中' + '、'.join('%s%d家' % (a, b) for a, b in e['parts']) + '。'
    if k == 'L1P8':
        return '%s链主企业%s产值。' % (year, p['leader'])
    if k == 'L1P9':
        return '包括' + '；'.join('%s（%d年）' % (a, b) for a, b in e['parts']) + '。'
    if k == 'L1P10':
        return '%s%s工业总产值%s亿元，产业主营收入占比按此计算。' % (year, p['gov_area'], fmt(d['_county_out']))
    if k in ('L2P2', 'L2P3', 'L2P4'):
        return '数据资源载体：%s。' % e['types']
    if k == 'L3P1':
        return '省级以上重点实验室、工程技术研究中心、企业技术中心、院士工作站等。'
    if k == 'L3P2':
        return '省级科技项目及“卡脖子”关键共性技术攻关项目。'
    if k == 'L3P3':
        return '其中引进培育数字经济高层次人才%d人、数字产业专业技能人才%d人。' % e['parts']
    if k == 'L3P4':
        return '产业链相关发明专利、实用新型专利及软件著作权。'
    if k == 'L3P5':
        return '牵头或参与制定国家、行业、地方、团体标准。'
    if k == 'L4P1':
        return '基于产业大脑培育的省级“晨星工厂”。'
    if k == 'L4P2':
        return '协同制造、制造能力交易、产品溯源、设计反馈优化等在库场景。'
    if k == 'L4P3':
        return '研发仿真、业务流程、行业机理、数据算法等工业模型和工业APP。'
    if k == 'L4P4':
        return '通过DCMM 2级及以上评估认证。'
    if k == 'L4P5':
        return '平台化设计、网络化协同、个性化定制、服务化延伸示范场景及省级以上平台。'
    if k == 'L4P6':
        return '订阅量前三工业APP（%s）累计订阅次数。' % p['apps']
    if k == 'L4P7':
        return '产业链产能共享、供应链互通服务企业。'
    if k == 'L4P8':
        return '供应链金融、共享经济、绿色经济等新业态示范案例。'
    if k == 'L5P4':
        a, b, c = e['parts']
        return '成立专项基金%d只，享受政府扶持资金、专项资金%d项，为企业撮合产业基金等社会投资总金额%d万元。' % (a, b, c)
    if k == 'L5P5':
        return '产业大脑平台通过网络安全等级保护三级测评，并取得第三方安全测评认证。'
    return ''


# sentence style (values stated in prose, no numbered lines)
def sentence(k, d, p, year='2022年'):
    e, s = d[k], d[k]['s']
    T = {
        'L1P1': '%s，%s产业链范围内所有企业实现主营业务收入%s，产业规模持续扩大。' % (year, p['ind'], s),
        'L1P2': '产业方向列入%s等省级、市级中长期规划共%s。' % (p['plans'], s),
        'L1P3': e['v'] if UNIT[k] == '' else '',
        'L1P4': '产业链范围内上中下游企业共%s。' % s,
        'L1P5': '产业链范围内规上企业共计%s。' % s,
        'L1P6': '上市挂牌企业%s。' % s,
        'L1P7': '拥有优势企业%s，%s' % (s, explain('L1P7', d, p)),
        'L1P8': '链主企业%s%s实现产值%s。' % (p['leader'], year, s),
        'L1P9': '近三年获得国家级、省级各类荣誉%s，%s' % (s, explain('L1P9', d, p)),
        'L1P10': '%s工业总产值%s亿元，产业链主营收入占比即产业集聚度为%s。' % (p['gov_area'], fmt(d['_county_out']), s),
        'L2P2': '产业数据仓已建成，%s，存储量%s。' % (e.get('types', ''), s),
        'L2P3': '行业数据仓具备编目、采集、治理、交换共享及建模能力，%s，存储量%s。' % (e.get('types', ''), s),
        'L2P4': '企业数据仓%s，存储量%s。' % (e.get('types', ''), s),
        'L3P1': '产业链拥有省级以上科技创新平台%s。' % s,
        'L3P2': '实施产学研创新项目%s。' % s,
        'L3P3': '数字人才共%s，%s' % (s, explain('L3P3', d, p) if 'parts' in e else ''),
        'L3P4': '获得产业链相关专利及软件著作权%s。' % s,
        'L3P5': '牵头或参与制定各级标准%s。' % s,
        'L4P1': '基于产业大脑培育“晨星工厂”%s。' % s,
        'L4P2': '工业大数据应用场景库在库场景%s。' % s,
        'L4P3': '开发共享能力组件%s。' % s,
        'L4P4': '通过DCMM 2级及以上评估认证的企业%s。' % s,
        'L4P5': '赋能工业互联网平台示范应用场景及省级以上平台合计%s。' % s,
        'L4P6': '订阅量前三的工业APP（%s）累计订阅%s。' % (p['apps'], s),
        'L4P7': '产业链产能共享、供应链互通服务企业%s。' % s,
        'L4P8': '培育数据驱动新业态新模式示范案例%s。' % s,
        'L5P4': '成立专项基金%d只，享受政府扶持资金、专项资金%d项，为企业撮合社会投资%s。' % (d['L5P4']['parts'][0], d['L5P4']['parts'][1], s),
        'L5P5': '平台通过网络安全等级保护%s测评。' % s,
    }
    if UNIT[k] == '':
        return e['v']
    return T[k]


# ---------------------------------------------------------------- seal / images
def seal_png(text, size=300):
    img = Image.new('RGBA', (size, size), (255, 255, 255, 0))
    dr = ImageDraw.Draw(img)
    red = (220, 30, 30, 235)
    dr.ellipse((6, 6, size - 6, size - 6), outline=red, width=8)
    f = ImageFont.truetype(FONT, int(size * 0.11))
    import math
    n = len(text)
    for i, ch in enumerate(text):
        ang = math.radians(-150 + 300 * i / max(n - 1, 1)) - math.pi / 2
        r = size * 0.36
        cx, cy = size / 2 + r * math.cos(ang), size / 2 + r * math.sin(ang)
        ch_img = Image.new('RGBA', (int(size * 0.14),) * 2, (0, 0, 0, 0))
        ImageDraw.Draw(ch_img).text((0, 0), ch, font=f, fill=red)
        ch_img = ch_img.rotate(-math.degrees(ang) - 90, resample=Image.BICUBIC)
        img.alpha_composite(ch_img, (int(cx - ch_img.width / 2), int(cy - ch_img.height / 2)))
    # star
    cx, cy, R = size / 2, size / 2, size * 0.12
    pts = []
    for i in range(10):
        rr = R if i % 2 == 0 else R * 0.4
        a = -math.pi / 2 + i * math.pi / 5
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    dr.polygon(pts, fill=red)
    buf = io.BytesIO()
    img.save(buf, 'PNG')
    return buf.getvalue()


def scan_image(lines, rng, seal_text=None, title=None, angle=0.8, w=1240, h=1754):
    """A grey scanned A4 page at 150 dpi, text >= 30px high."""
    img = Image.new('RGB', (w, h), (236, 234, 229))
    dr = ImageDraw.Draw(img)
    f_t = ImageFont.truetype(FONT, 52)
    f = ImageFont.truetype(FONT, 34)
    y = 140
    if title:
        tw = dr.textlength(title, font=f_t)
        dr.text(((w - tw) / 2, y), title, font=f_t, fill=(25, 25, 25))
        y += 120
    for ln in lines:
        # wrap at ~30 chars
        while ln:
            part, ln = ln[:31], ln[31:]
            dr.text((110, y), part, font=f, fill=(30, 30, 30))
            y += 56
        y += 10
    if seal_text:
        s = Image.open(io.BytesIO(seal_png(seal_text, 330)))
        img.paste(s, (w - 520, y - 200 if y > 600 else y), s)
    # noise
    px = img.load()
    for _ in range(9000):
        x, yy = rng.randrange(w), rng.randrange(h)
        g = rng.randint(150, 215)
        px[x, yy] = (g, g, g)
    img = img.rotate(angle, resample=Image.BICUBIC, fillcolor=(236, 234, 229))
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    buf = io.BytesIO()
    img.save(buf, 'JPEG', quality=72)
    return buf.getvalue()


# ---------------------------------------------------------------- DOCX helpers
def new_doc():
    doc = docx.Document()
    st = doc.styles['Normal']
    st.font.name = 'Times New Roman'
    st.font.size = Pt(12)
    st.element.get_or_add_rPr().get_or_add_rFonts().set(qn('w:eastAsia'), '仿宋_GB2312')
    doc.core_properties.author = 'Administrator'
    import datetime
    doc.core_properties.created = datetime.datetime(2023, 1, 1)
    doc.core_properties.modified = datetime.datetime(2023, 1, 1)
    return doc


def normalize_ooxml(b):
    """Rewrite an OOXML package with fixed zip dates and fixed core-property times,
    so that the output is byte-identical between runs (no current time in files)."""
    import re
    src = zipfile.ZipFile(io.BytesIO(b))
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        for i in src.infolist():
            data = src.read(i)
            if i.filename == 'docProps/core.xml':
                data = re.sub(rb'(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)', rb'\g<1>2023-01-01T00:00:00Z\2', data)
            zi = zipfile.ZipInfo(i.filename, date_time=(2023, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)
    return out.getvalue()


def doc_bytes(doc):
    buf = io.BytesIO()
    doc.save(buf)
    return normalize_ooxml(buf.getvalue())


def add_title(doc, text):
    pp = doc.add_paragraph()
    pp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = pp.add_run(text)
    r.bold = True
    r.font.size = Pt(18)
    r.font.name = '方正小标宋简体'
    r._element.rPr.rFonts.set(qn('w:eastAsia'), '方正小标宋简体')


def add_seal_block(doc, unit, date_txt, seal=True):
    doc.add_paragraph('')
    pp = doc.add_paragraph('填报单位（盖章）：%s' % unit)
    pp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    pp = doc.add_paragraph(date_txt)
    pp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if seal:
        pp = doc.add_paragraph()
        pp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        pp.add_run().add_picture(io.BytesIO(seal_png(unit)), width=Cm(4))


# ---------------------------------------------------------------- PDF helpers
ST_T = ParagraphStyle('t', fontName='wqy', fontSize=17, leading=26, alignment=1, wordWrap='CJK')
ST_H = ParagraphStyle('h', fontName='wqy', fontSize=13, leading=22, spaceBefore=8, wordWrap='CJK')
ST_P = ParagraphStyle('p', fontName='wqy', fontSize=11, leading=19, firstLineIndent=22, wordWrap='CJK')
ST_C = ParagraphStyle('c', fontName='wqy', fontSize=9.5, leading=13, wordWrap='CJK')


def pdf_bytes(story, title):
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm,
                            topMargin=22 * mm, bottomMargin=20 * mm, title=title,
                            author='Administrator', creator='WPS 文字',
                            producer='WPS 文字', invariant=1)
    doc.build(story)
    return buf.getvalue()


# ---------------------------------------------------------------- XLSX helper
def sheet_bytes(d, p, title, overrides=None, percent_cell=True, units_in_cells=False, year='2022年度', see='见报告'):
    overrides = overrides or {}
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = '指标数据'
    thin = Side(style='thin')
    bd = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.merge_cells('A1:F1')
    ws['A1'] = title
    ws['A1'].font = Font(name='宋体', size=14, bold=True)
    ws['A1'].alignment = Alignment(horizontal='center')
    # two-row merged header
    for c in 'ABC':
        ws.merge_cells('%s2:%s3' % (c, c))
    ws['A2'], ws['B2'], ws['C2'] = '类型', '编号', '指标名称'
    ws.merge_cells('D2:E2')
    ws['D2'] = year
    ws['D3'], ws['E3'] = '数值', '单位'
    ws.merge_cells('F2:F3')
    ws['F2'] = '备注'
    row = 4
    for gname, pre in GROUPS:
        ids = [i for i, n, u in IND if i.startswith(pre + 'P')]
        ws.merge_cells('A%d:A%d' % (row, row + len(ids) - 1))
        ws['A%d' % row] = gname
        for k in ids:
            e = d.get(k)
            ws['B%d' % row] = k
            ws['C%d' % row] = NAME[k]
            if k in overrides:
                val, unit, note = overrides[k]
                ws['D%d' % row] = val
                ws['E%d' % row] = unit
                ws['F%d' % row] = note
            elif e is None:
                pass
            elif UNIT[k] == '':
                ws['D%d' % row] = see
                ws['F%d' % row] = e['v'][:40] + '…'
            elif k == 'L1P10' and percent_cell:
                ws['D%d' % row] = round(e['v'] / 100, 4)
                ws['D%d' % row].number_format = '0.0%'
                ws['E%d' % row] = '%'
            elif units_in_cells:
                ws['D%d' % row] = e['s']
            else:
                ws['D%d' % row] = e['v']
                ws['E%d' % row] = UNIT[k]
            row += 1
    for r in ws.iter_rows(min_row=2, max_row=row - 1, max_col=6):
        for c in r:
            c.border = bd
            c.alignment = Alignment(vertical='center', wrap_text=True)
    for c, wdt in zip('ABCDEF', (16, 8, 26, 14, 8, 44)):
        ws.column_dimensions[c].width = wdt
    return xbytes(wb), ws, wb


def xbytes(wb):
    buf = io.BytesIO()
    wb.save(buf)
    return normalize_ooxml(buf.getvalue())


# ---------------------------------------------------------------- dossier parameters
def P(**kw):
    return kw


DOSSIERS = [
    P(key='01_临清市轴承产业大脑', city='聊城市', gov_area='临清市', ind='轴承', div='371581',
      leader='山东临轴精工集团有限公司', links='钢材冶炼、锻造、车加工、热处理、磨加工、装配、检测、销售',
      op='临清轴链数字科技有限公司', dept='临清市工业和信息化局', head='市长',
      cloud='轴承行业边缘中心', scale=356.8, ratio=38.5, leader_out=128.6,
      plans='山东省“十强”产业高端装备、聊城市轴承产业集群发展规划', apps='轴承寿命预测、热处理工艺优化、订单协同',
      awards=[('省级特色产业集群', 2021), ('省级数字经济园区（临清轴承数字产业园）', 2022), ('省级创新创业共同体', 2021),
              ('国家中小企业特色产业集群', 2022)], as_of='2023-04-18'),
    P(key='02_潍坊市动力装备产业大脑', city='潍坊市', gov_area='潍坊市', ind='动力装备', div='370700',
      leader='潍坊重擎动力股份有限公司', links='铸锻件、零部件、发动机整机、变速箱、整车配套、后市场服务',
      op='潍坊擎云工业互联网有限公司', dept='潍坊市工业和信息化局', head='市长',
      cloud='区域中心潍坊分中心', scale=1842.6, ratio=26.3, leader_out=1106.4,
      plans='山东省11条标志性产业链（动力装备）、潍坊市先进制造业强市规划', apps='发动机远程运维、零部件质量追溯、产能共享',
      awards=[('国家先进制造业集群', 2022), ('省级战略性新兴产业集群', 2021), ('省级特色产业集群', 2021),
              ('省级数字经济园区', 2022), ('省级创新创业共同体', 2021)], as_of='2023-06-05'),
    P(key='03_烟台市绿色化工产业大脑', city='烟台市', gov_area='烟台市福山区', ind='绿色化工', div='370611',
      leader='烟台海华新材料化工集团有限公司', links='原油及煤化工原料、基础化学品、聚氨酯、精细化学品、新材料应用、危化品物流',
      op='烟台化链云数据服务有限公司', dept='福山区工业和信息化局', head='区长',
      cloud='化工行业中心', scale=523.7, ratio=61.8, leader_out=402.3,
      plans='山东省“十强”产业高端化工、烟台市绿色石化产业规划', apps='装置安全预警、危化品物流追溯、能耗优化',
      awards=[('省级战略性新兴产业集群', 2021), ('省级特色产业集群', 2022), ('省级化工园区认定', 2021)],
      as_of='2023-05-09'),
    P(key='04_广饶县橡胶轮胎产业大脑', city='东营市', gov_area='广饶县', ind='橡胶轮胎', div='370523',
      leader='广饶恒驰轮胎集团有限公司', links='天然及合成橡胶、炭黑、钢帘线、轮胎制造、翻新、回收利用',
      op='广饶轮链数据科技有限公司', dept='广饶县工业和信息化局', head='县长',
      cloud='橡胶轮胎行业边缘中心', scale=688.2, ratio=52.4, leader_out=231.5,
      plans='山东省高端化工产业规划、东营市橡胶轮胎产业链规划', apps='轮胎胎压云诊断、炭黑集采、订单拼单',
      awards=[('省级特色产业集群', 2021), ('省级数字经济园区', 2022)], as_of='2023-08-22'),
    P(key='05_邹平市高端铝业产业大脑', city='滨州市', gov_area='邹平市', ind='高端铝业', div='371681',
      leader='邹平鸿业铝材集团有限公司', links='氧化铝、电解铝、铝板带箔、铝型材、汽车轻量化部件、再生铝',
      op='邹平铝链智联科技有限公司', dept='邹平市工业和信息化局', head='市长',
      cloud='有色金属行业边缘中心', scale=1128.5, ratio=67.2, leader_out=586.0,
      plans='山东省11条标志性产业链（高端铝材）、滨州市铝产业规划', apps='电解槽能效诊断、铝材订单协同、再生铝溯源',
      awards=[('省级特色产业集群', 2021), ('省级战略性新兴产业集群', 2022), ('省级创新创业共同体', 2022)],
      as_of='2023-03-28'),
    P(key='06_淄博市先进陶瓷产业大脑', city='淄博市', gov_area='淄博市淄川区', ind='先进陶瓷', div='370302',
      leader='淄博鲁瓷新材料股份有限公司', links='陶瓷原料、粉体制备、成型烧结、结构陶瓷、功能陶瓷、窑炉装备',
      op='淄博瓷链云科技有限公司', dept='淄川区工业和信息化局', head='区长',
      cloud='建材行业边缘中心', scale=268.4, ratio=41.9, leader_out=46.7,
      plans='山东省新材料产业规划、淄博市先进陶瓷产业集群规划', apps='窑炉温控优化、粉体配方推荐、产品溯源',
      awards=[('省级特色产业集群', 2021), ('省级新材料产业基地', 2021), ('省级数字经济园区', 2022)],
      as_of='2023-07-14'),
    P(key='07_济宁市工程机械产业大脑', city='济宁市', gov_area='济宁高新区', ind='工程机械', div='370800',
      leader='济宁鲁工机械集团有限公司', links='液压件、结构件、发动机配套、挖掘机及装载机整机、租赁、再制造',
      op='济宁机链数字科技有限公司', dept='济宁高新区经济发展局', head='管委会主任（正县级）', gov_body='济宁高新区管理委员会',
      cloud='装备制造行业边缘中心', scale=612.9, ratio=47.3, leader_out=238.8,
      plans='山东省“十强”产业高端装备、济宁市工程机械产业链规划', apps='设备远程运维、配件商城、施工工况分析',
      awards=[('省级特色产业集群', 2021), ('省级战略性新兴产业集群', 2022), ('省级创新创业共同体', 2021)],
      as_of='2023-06-20'),
    P(key='08_青岛市黄岛区智能家电产业大脑', city='青岛市', gov_area='青岛市黄岛区', ind='智能家电', div='370211',
      leader='青岛海澜智能家电集团有限公司', links='压缩机、电机、钣金注塑件、控制器、整机、物流与售后服务',
      op='青岛家链云数据科技有限公司', dept='黄岛区工业和信息化局', head='区长',
      cloud='家电行业中心', scale=612.4, ratio=45.2, leader_out=356.1,
      plans='山东省11条标志性产业链（智能家电）、青岛市智能家电产业链规划', apps='家电远程诊断、供应链协同、个性化定制',
      awards=[('国家先进制造业集群', 2022), ('省级战略性新兴产业集群', 2021), ('省级数字经济园区', 2021),
              ('省级特色产业集群', 2021)], as_of='2023-05-20'),
    P(key='09_临沂市兰山区木业产业大脑', city='临沂市', gov_area='临沂市兰山区', ind='木业', div='371302',
      leader='临沂林华木业集团有限公司', links='原木及单板、胶黏剂、人造板、定制家居、物流交易、板材回收',
      op='临沂木链数字科技有限公司', dept='兰山区工业和信息化局', head='区长',
      cloud='轻工行业边缘中心', scale=356.8, ratio=33.6, leader_out=62.4,
      plans='山东省现代轻工纺织产业规划、临沂市木业产业集群规划', apps='板材质检、集采拼单、物流调度',
      awards=[('省级特色产业集群', 2021), ('省级创新创业共同体', 2022)], as_of='2023-09-12'),
    P(key='10_禹城市功能糖产业大脑', city='德州市', gov_area='禹城市', ind='功能糖', div='371482',
      leader='禹城百康生物科技集团有限公司', links='玉米芯及淀粉原料、低聚糖、糖醇、益生元、食品饮料应用、生物质热电',
      op='禹城糖链数字科技有限公司', dept='禹城市工业和信息化局', head='市长',
      cloud='生物医药行业边缘中心', scale=198.6, ratio=29.7, leader_out=72.8,
      plans='山东省医养健康产业规划、德州市功能糖产业集群规划', apps='发酵过程优化、原料集采、产品溯源',
      awards=[('省级特色产业集群', 2021), ('国家中小企业特色产业集群', 2022), ('省级创新创业共同体', 2021),
              ('山东省新型工业化产业示范基地', 2018), ('省级数字经济园区', 2022)], as_of='2023-07-10'),
]


def op_code(p, rng):
    body = ''.join(rng.choice('0123456789ABCDEFGHJKLMNPQRTUWXY') for _ in range(9))
    return uscc('91' + p['div'] + body)


def gov_code(p, rng):
    body = '00' + ''.join(rng.choice('0123456789') for _ in range(6)) + 'X'
    body = body[:9]
    return uscc('11' + p['div'] + body)


def ids_with_values(d, skip=()):
    return [i for i, n, u in IND if i in d and i not in skip]


def ev(ids):
    return [{'id': i, 'name': NAME[i]} for i in ids]


# ================================================================ builders
def build_01(p, rng, files):
    """clean: DOCX report with heading styles and 'L1P1 产业规模：…' lines + xlsx sheet"""
    d = make_data(rng, p)
    # 万元 that convert exactly to 亿元 (looks wrong, is right)
    d['L1P8']['s'] = '%d万元' % round(d['L1P8']['v'] * 10000)
    # L2P1 not built: stated as a plan only (a scoring index may leave it out)
    d['L2P1']['v'] = '暂未建设。本集群计划于2024年申建山东工业云轴承行业边缘中心，现阶段数据存放于运营单位自有机房，本项自评不得分。'
    d['L2P1']['s'] = d['L2P1']['v']
    doc = new_doc()
    add_title(doc, '%s%s产业大脑建设情况自评报告' % (p['gov_area'], p['ind']))
    doc.add_paragraph('填报单位：%s（统一社会信用代码：%s）' % (p['op'], p['opcode']))
    doc.add_paragraph('主管部门：%s' % p['dept'])
    doc.add_paragraph('数据年度：2022年度（上年度）')
    for gname, pre in GROUPS:
        doc.add_heading(gname, level=1)
        for k in ids_with_values(d):
            if not k.startswith(pre + 'P'):
                continue
            para = doc.add_paragraph()
            r = para.add_run('%s %s：' % (k, NAME[k]))
            r.bold = True
            para.add_run(d[k]['s'])
            ex = explain(k, d, p)
            if ex:
                para.add_run('。' + ex if UNIT[k] else '')
    add_seal_block(doc, p['op'], '2023年4月10日')
    files['%s产业大脑自评报告.docx' % p['ind']] = doc_bytes(doc)
    xb, ws, wb = sheet_bytes(d, p, '%s%s产业大脑评价指标数据表' % (p['gov_area'], p['ind']))
    files['附表：评价指标数据表.xlsx'] = xb
    evid = [k for k in ids_with_values(d) if k != 'L2P1']
    return d, [], [{'file': '%s产业大脑自评报告.docx' % p['ind'], 'evidenced': ev(evid),
                    'not_evidenced': ev(['L2P1'])}], '聊城临清轴承产业大脑自评报告（DOCX，标题样式+“L1P1 产业规模：356.8亿元”式条目）及指标数据表（XLSX，两行合并表头，产业集聚度为百分比格式单元格）；链主企业产值以万元填写可精确折算亿元；L2P1仅写计划、自评不得分。'


def build_02(p, rng, files):
    """clean: government applicant (credit code starts with 11), 6-col grid (编号|指标|值|编号|指标|值)"""
    d = make_data(rng, p)
    doc = new_doc()
    add_title(doc, '%s产业大脑评价指标自评表' % p['ind'])
    doc.add_paragraph('申报单位：%s    统一社会信用代码：%s' % (p['dept'], p['govcode']))
    doc.add_paragraph('建设运营单位：%s    统一社会信用代码：%s' % (p['op'], p['opcode']))
    doc.add_paragraph('一、指标数据（2022年度）')
    ids = [k for k in ids_with_values(d) if UNIT[k] != '']
    half = (len(ids) + 1) // 2
    t = doc.add_table(rows=1 + half, cols=6)
    t.style = 'Table Grid'
    for c, h in enumerate(['编号', '指标', '值', '编号', '指标', '值']):
        t.cell(0, c).text = h
    for i, k in enumerate(ids):
        r, c0 = 1 + (i % half), 0 if i < half else 3
        t.cell(r, c0).text = k
        t.cell(r, c0 + 1).text = NAME[k]
        t.cell(r, c0 + 2).text = d[k]['s']
    doc.add_paragraph('二、指标说明')
    for k in ids:
        ex = explain(k, d, p)
        if ex:
            doc.add_paragraph('%s %s——统计口径：%s' % (k, NAME[k], ex))
    doc.add_paragraph('三、描述性指标')
    for k in ids_with_values(d):
        if UNIT[k] == '':
            doc.add_paragraph('（%s）%s。%s' % (k, NAME[k], d[k]['v']))
    add_seal_block(doc, p['dept'], '二〇二三年五月三十日')
    files['自评表(1).docx'] = doc_bytes(doc)
    return d, [], [{'file': '自评表(1).docx', 'evidenced': ev(ids_with_values(d))}], \
        '潍坊动力装备产业大脑自评表（DOCX），申报单位为市工信局（信用代码以11开头），指标值放在“编号|指标|值|编号|指标|值”六列网格中，另有指标说明与描述性指标段落；无缺陷。'


def build_03(p, rng, files):
    """clean: WPS text PDF in prose sentences, L1P1 in 万元, certificate photo"""
    d = make_data(rng, p)
    d['L1P1']['s'] = '%s万元' % format(round(d['L1P1']['v'] * 10000), ',')
    story = [Paragraph('%s%s产业大脑评价情况报告' % (p['gov_area'], p['ind']), ST_T), Spacer(1, 8),
             Paragraph('报送单位：%s（统一社会信用代码%s）' % (p['op'], p['opcode']), ST_P)]
    for gname, pre in GROUPS:
        story.append(Paragraph(gname, ST_H))
        txt = ''.join(sentence(k, d, p) for k in ids_with_values(d) if k.startswith(pre + 'P'))
        story.append(Paragraph(txt, ST_P))
    story.append(Paragraph('附：产业大脑平台网络安全等级保护测评证明（照片）。', ST_P))
    story.append(Spacer(1, 20))
    story.append(Paragraph('%s　　2023年4月28日' % p['op'], ST_P))
    files['评价情况报告.pdf'] = pdf_bytes(story, '评价情况报告')
    files['IMG_20230412_1016.jpg'] = scan_image(
        ['备案单位：%s' % p['op'], '系统名称：%s%s产业大脑平台' % (p['gov_area'], p['ind']),
         '安全保护等级：第三级', '测评结论：良（符合）', '测评日期：2022年11月25日',
         '测评机构：山东鲁信网络安全测评中心有限公司'],
        rng, seal_text='山东鲁信网络安全测评中心有限公司', title='网络安全等级保护测评报告（封面）', angle=-1.2)
    return d, [], [{'file': '评价情况报告.pdf', 'evidenced': ev(ids_with_values(d))}], \
        '烟台福山区绿色化工产业大脑评价情况报告（WPS导出文字PDF，数值写在叙述句中，不标编号），产业规模写作5,237,000万元（=523.7亿元，正确），附等保三级测评报告封面照片一张。'


def build_04(p, rng, files):
    """clean: XLSX is the main carrier, units typed in cells; 0家 上市企业; short cover docx"""
    d = make_data(rng, p)
    d['L1P6']['v'] = 0
    d['L1P6']['s'] = '0家'
    adv = d['L1P7']['parts']
    xb, ws, wb = sheet_bytes(d, p, '广饶县橡胶轮胎产业大脑评价指标填报表', percent_cell=False,
                             units_in_cells=True, see='见说明')
    # L1P10 as "52.4%" text in the value cell (units typed into cells)
    for row in ws.iter_rows(min_row=4):
        if row[1].value == 'L1P10':
            row[3].value = d['L1P10']['s']
            row[5].value = '2022年广饶县工业总产值%s亿元' % fmt(d['_county_out'])
        if row[1].value == 'L1P6':
            row[5].value = '暂无上市挂牌企业，2家企业处于辅导期'
    # second sheet: 优势企业明细 with 合计 row
    ws2 = wb.create_sheet('优势企业明细')
    ws2.append(['序号', '类别', '数量（家）'])
    for i, (a, b) in enumerate(adv, 1):
        ws2.append([i, a, b])
    n = len(adv) + 1
    ws2.append(['合计', '', '=SUM(C2:C%d)' % n])
    files['指标填报表.xlsx'] = xbytes(wb)
    doc = new_doc()
    add_title(doc, '关于报送广饶县橡胶轮胎产业大脑评价材料的说明')
    doc.add_paragraph('县工业和信息化局：')
    doc.add_paragraph('现将我单位运营的橡胶轮胎产业大脑2022年度评价指标数据报送如下，具体数据见《指标填报表》，描述性指标说明如下：')
    for k in ('L1P3', 'L2P1', 'L5P1', 'L5P2', 'L5P3'):
        doc.add_paragraph('%s（%s）%s' % (NAME[k], k, d[k]['v']))
    doc.add_paragraph('产业链暂无上市挂牌企业，L1P6按0家填报。')
    add_seal_block(doc, p['op'], '2023年8月15日')
    files['新建文件夹/说明.docx'] = doc_bytes(doc)
    return d, [], [{'file': '新建文件夹/说明.docx', 'evidenced': ev(['L1P3', 'L2P1', 'L5P1', 'L5P2', 'L5P3']),
                    'not_evidenced': ev(['L1P6'])}], \
        '东营广饶橡胶轮胎产业大脑：以XLSX为主（两行合并表头，单位直接写在数值单元格“412家”“52.4%”，另附优势企业明细表含公式合计行），说明函DOCX放在“新建文件夹”内；上市挂牌企业0家如实填报（正确）。'


def build_05(p, rng, files):
    """defect: L1P8 链主企业产值 given in 万吨 (产量, not 产值)"""
    d = make_data(rng, p)
    d['L1P8']['s'] = '586万吨'
    doc = new_doc()
    add_title(doc, '%s产业大脑评价自评材料' % p['ind'])
    doc.add_paragraph('一、基本情况', style='Heading 1')
    doc.add_paragraph('%s产业大脑由%s建设运营（统一社会信用代码：%s），主管部门为%s。以下按山东省“产业大脑”评价指标体系逐项填报2022年度数据。'
                      % (p['gov_area'] + p['ind'], p['op'], p['opcode'], p['dept']))
    for n_, (gname, pre) in enumerate(GROUPS, 2):
        doc.add_paragraph('%s、%s' % ('一二三四五六'[n_ - 1], gname[2:]), style='Heading 1')
        for k in ids_with_values(d):
            if k.startswith(pre + 'P'):
                ex = explain(k, d, p) if UNIT[k] else ''
                if k == 'L1P8':
                    ex = '2022年链主企业%s电解铝及铝材产出。' % p['leader']
                doc.add_paragraph('%s %s：%s。%s' % (k, NAME[k], d[k]['s'].rstrip('。'), ex))
    doc.add_paragraph('此外，平台计划于2024年上线再生铝碳足迹核算组件。')
    add_seal_block(doc, p['op'], '2023年3月20日')
    fn = '邹平铝业产业大脑自评材料.docx'
    files[fn] = doc_bytes(doc)
    defects = [dict(code='INVALID_UNIT', severity='error', file=fn, field='L1P8 链主企业产值',
                    expected='以亿元计的产值（单位：亿元）', found='链主企业产值：586万吨（实物产量单位）',
                    seed_quote=SEED_UNIT_QUOTE['L1P8'])]
    return d, defects, [{'file': fn, 'evidenced': ev(ids_with_values(d))}], \
        '滨州邹平高端铝业产业大脑自评材料（DOCX，“一、”编号标题用Heading 1样式，逐项“编号 指标：值”）；链主企业产值误填为586万吨（产量单位，应为亿元）。'


def build_06(p, rng, files):
    """defect: 产业集聚度 126.4% (divided by 规上工业增加值)"""
    d = make_data(rng, p)
    d['L1P10']['s'] = '126.4%'
    added = round(d['L1P1']['v'] / 1.264, 1)
    story = [Paragraph('%s%s产业大脑自评报告' % (p['gov_area'], p['ind']), ST_T), Spacer(1, 6),
             Paragraph('运营单位：%s　统一社会信用代码：%s　数据年度：2022年' % (p['op'], p['opcode']), ST_P)]
    for gname, pre in GROUPS:
        story.append(Paragraph(gname, ST_H))
        for k in ids_with_values(d):
            if not k.startswith(pre + 'P'):
                continue
            if k == 'L1P10':
                txt = 'L1P10 产业集聚度：126.4%%。2022年产业主营收入%s亿元，%s规上工业增加值%s亿元，产业集聚度较上年提高6.2个百分点。' % (
                    fmt(d['L1P1']['v']), p['gov_area'], fmt(added))
            elif UNIT[k]:
                txt = '%s %s：%s。%s' % (k, NAME[k], d[k]['s'], explain(k, d, p))
            else:
                txt = '%s %s：%s' % (k, NAME[k], d[k]['v'])
            story.append(Paragraph(txt, ST_P))
    story.append(Spacer(1, 16))
    story.append(Paragraph('%s　2023年7月' % p['op'], ST_P))
    fn = '扫描件001.pdf'
    files[fn] = pdf_bytes(story, '自评报告')
    defects = [dict(code='VALUE_OUT_OF_RANGE', severity='error', file=fn, field='L1P10 产业集聚度',
                    expected='占比应在0–100%之间（产业主营收入÷所在区县整体产值）',
                    found='产业集聚度：126.4%（以规上工业增加值为分母）',
                    seed_quote=SEED_UNIT_QUOTE['L1P10'])]
    return d, defects, [{'file': fn, 'evidenced': ev(ids_with_values(d))}], \
        '淄博淄川先进陶瓷产业大脑自评报告（WPS导出文字PDF，文件名“扫描件001.pdf”但有文字层）；产业集聚度填126.4%，超过100%（错用规上工业增加值作分母）。'


def build_07(p, rng, files):
    """defects: L3P3 数字人才数量 missing (blank row in sheet, absent in report);
    L1P5 stated 412 in report but 421 in sheet."""
    d = make_data(rng, p)
    d['L1P5']['v'] = 412
    d['L1P5']['s'] = '412家'
    doc = new_doc()
    add_title(doc, '济宁高新区工程机械产业大脑建设成效自评报告')
    doc.add_paragraph('报送单位：%s（%s）' % (p['op'], p['opcode']))
    for gname, pre in GROUPS:
        pp = doc.add_paragraph()
        r = pp.add_run(gname)
        r.bold = True
        for k in ids_with_values(d, skip=('L3P3',)):
            if not k.startswith(pre + 'P'):
                continue
            if k == 'L1P5':
                doc.add_paragraph('产业链范围内规上企业共计412家，占产业链企业总数的%.1f%%。' % (412 / d['L1P4']['v'] * 100))
                continue
            doc.add_paragraph('%s %s：%s%s' % (k, NAME[k], d[k]['s'], ('。' + explain(k, d, p)) if UNIT[k] else ''))
    add_seal_block(doc, p['op'], '2023年6月12日')
    fn = '工程机械产业大脑自评报告.docx'
    files[fn] = doc_bytes(doc)
    xb, ws, wb = sheet_bytes(d, p, '济宁高新区工程机械产业大脑评价指标数据表',
                             overrides={'L3P3': (None, '人', None), 'L1P5': (421, '家', '规上工业企业')})
    xn = '附件2 指标数据表.xlsx'
    files[xn] = xb
    defects = [
        dict(code='MISSING_FIELD', severity='warning', file=xn, field='L3P3 数字人才数量',
             expected='填报培育或引进数字经济领域高层次人才及数字产业专业技能人才数量（人）',
             found='指标数据表L3P3行数值为空，自评报告中无此指标',
             seed_quote='L3P3\t数字人才数量\t培育或引进数字经济领域高层次人才的数量;培育数字产业专业技能人才的数量\t人'),
        dict(code='INCONSISTENT_VALUE', severity='error', file=xn, field='L1P5 产业链规上企业数量',
             expected='412家（自评报告：“产业链范围内规上企业共计412家”）', found='421家（指标数据表）',
             seed_quote='L1P5\t产业链规上企业数量\t产业集群或产业链范围内规上企业数量\t家'),
    ]
    return d, defects, [{'file': fn, 'evidenced': ev(ids_with_values(d, skip=('L3P3',)))}], \
        '济宁高新区工程机械产业大脑自评报告（DOCX，无标题样式、粗体分组）+指标数据表（XLSX）；数字人才数量L3P3两处均未填；规上企业数量报告412家、表中421家。'


def build_08(p, rng, files):
    """defects: L1P1 reported for 2021 (上年度 = 2022 for a 2023 review);
    L1P10 45.2% does not match 612.4 / 1580.0 (= 38.8%)."""
    d = make_data(rng, p)
    d['_county_out'] = 1580.0
    assert round(612.4 / 1580.0 * 100, 1) == 38.8
    story = [Paragraph('青岛市黄岛区智能家电产业大脑评价指标自评报告', ST_T), Spacer(1, 6),
             Paragraph('建设运营单位：%s；统一社会信用代码：%s。' % (p['op'], p['opcode']), ST_P)]
    for gname, pre in GROUPS:
        story.append(Paragraph(gname, ST_H))
        parts = []
        for k in ids_with_values(d):
            if not k.startswith(pre + 'P'):
                continue
            if k == 'L1P1':
                parts.append('2021年，智能家电产业链范围内所有企业主营业务收入总和为612.4亿元（L1P1）。')
            elif k == 'L1P10':
                parts.append('黄岛区2022年工业总产值1580亿元，产业主营收入占比即产业集聚度为45.2%（L1P10）。')
            else:
                parts.append(sentence(k, d, p).rstrip('。') + '（%s）。' % k)
        story.append(Paragraph(''.join(parts), ST_P))
    story.append(Spacer(1, 14))
    story.append(Paragraph('%s　2023年5月12日' % p['op'], ST_P))
    fn = '黄岛区智能家电产业大脑自评报告（WPS）.pdf'
    files[fn] = pdf_bytes(story, '自评报告')
    defects = [
        dict(code='DATE_OUT_OF_RANGE', severity='error', file=fn, field='L1P1 产业规模',
             expected='上年度（2022年）产业链主营业务收入总和', found='“2021年……主营业务收入总和为612.4亿元”',
             seed_quote=SEED_UNIT_QUOTE['L1P1']),
        dict(code='CALCULATION_MISMATCH', severity='error', file=fn, field='L1P10 产业集聚度',
             expected='612.4亿元÷1580亿元=38.8%', found='45.2%',
             seed_quote=SEED_UNIT_QUOTE['L1P10']),
    ]
    return d, defects, [{'file': fn, 'evidenced': ev(ids_with_values(d))}], \
        '青岛黄岛区智能家电产业大脑自评报告（WPS导出文字PDF，叙述句后括注指标编号）；产业规模用2021年数据（应为上年度2022年）；产业集聚度45.2%与文中612.4亿元÷1580亿元=38.8%不符。'


def build_09(p, rng, files):
    """defects: L1P7 total 86 vs breakdown sum; L1P1 without unit."""
    d = make_data(rng, p)
    parts = [('山东省（准）独角兽企业', 2), ('瞪羚企业', 23), ('“专精特新”中小企业', 41),
             ('制造业单项冠军', 4), ('隐形冠军企业', 12)]
    assert sum(b for _, b in parts) == 82
    d['L1P7'] = dict(v=86, parts=parts, s='86家')
    d['L1P1']['s'] = '356.8'
    doc = new_doc()
    add_title(doc, '兰山区木业产业大脑评价自评报告')
    doc.add_paragraph('运营单位：%s　统一社会信用代码：%s' % (p['op'], p['opcode']))
    doc.add_paragraph('（一）产业发展水平')
    doc.add_paragraph('L1P1 产业规模：356.8。2022年木业产业链范围内所有企业主营业务收入总和，较上年增长7.9%。')
    for k in ids_with_values(d, skip=('L1P1',)):
        if k.startswith('L1'):
            doc.add_paragraph('%s %s：%s%s' % (k, NAME[k], d[k]['s'], ('。' + explain(k, d, p)) if UNIT[k] else ''))
    for i, (gname, pre) in enumerate(GROUPS[1:], 2):
        doc.add_paragraph('（%s）%s' % ('一二三四五'[i - 1], gname[2:]))
        for k in ids_with_values(d):
            if k.startswith(pre + 'P'):
                doc.add_paragraph('%s %s：%s%s' % (k, NAME[k], d[k]['s'], ('。' + explain(k, d, p)) if UNIT[k] else ''))
    add_seal_block(doc, p['op'], '2023年9月5日')
    fn = '木业产业大脑自评报告-终稿.docx'
    files[fn] = doc_bytes(doc)
    defects = [
        dict(code='CALCULATION_MISMATCH', severity='error', file=fn, field='L1P7 优势企业数量',
             expected='2+23+41+4+12=82家', found='86家',
             seed_quote='L1P7\t优势企业数量\t山东省（准）独角兽企业、瞪羚企业、“专精特新”中小企业、制造业单项冠军、隐形冠军企业等数量总和\t家'),
        dict(code='INVALID_UNIT', severity='error', file=fn, field='L1P1 产业规模',
             expected='356.8亿元', found='“L1P1 产业规模：356.8”（无单位）',
             seed_quote=SEED_UNIT_QUOTE['L1P1']),
    ]
    return d, defects, [{'file': fn, 'evidenced': ev(ids_with_values(d))}], \
        '临沂兰山区木业产业大脑自评报告（DOCX，“（一）”编号普通段落）；优势企业数量86家而分项合计82家；产业规模“356.8”未写单位。'


def build_10(p, rng, files):
    """zip with GBK names; defects: L1P9 counts a 2018 honour; L1P10 bare 0.297."""
    d = make_data(rng, p)
    d['L1P10']['s'] = '0.297'
    doc = new_doc()
    add_title(doc, '禹城市功能糖产业大脑评价材料')
    doc.add_paragraph('报送单位：%s　统一社会信用代码：%s' % (p['op'], p['opcode']))
    doc.add_paragraph('本材料按山东省“产业大脑”评价指标体系填报，数据年度为2022年。')
    for gname, pre in GROUPS:
        doc.add_heading(gname, level=2)
        for k in ids_with_values(d):
            if not k.startswith(pre + 'P'):
                continue
            if k == 'L1P9':
                doc.add_paragraph('L1P9 近三年获得奖励：5项。' + explain(k, d, p))
            elif k == 'L1P10':
                doc.add_paragraph('L1P10 产业集聚度：0.297。2022年禹城市工业总产值%s亿元。' % fmt(d['_county_out']))
            else:
                doc.add_paragraph('%s %s：%s%s' % (k, NAME[k], d[k]['s'], ('。' + explain(k, d, p)) if UNIT[k] else ''))
    add_seal_block(doc, p['op'], '2023年7月3日')
    fn = '禹城功能糖产业大脑/评价材料.docx'
    files[fn] = doc_bytes(doc)
    files['禹城功能糖产业大脑/附件/扫描件_报送函.jpg'] = scan_image(
        ['禹城市工业和信息化局：', '现报送禹城市功能糖产业大脑2022年度评价材料一套，',
         '包括评价材料、指标数据表，请予审核。', '联系人：刘雪梅　电话：0534-7216688',
         '%s' % p['op'], '2023年7月3日'], rng, seal_text=p['op'], title='关于报送产业大脑评价材料的函', angle=0.9)
    xb, ws, wb = sheet_bytes(d, p, '禹城市功能糖产业大脑指标数据表',
                             overrides={'L1P10': (0.297, '%', '产业主营收入/全市工业总产值'),
                                        'L1P9': (5, '项', '含2018年省新型工业化产业示范基地')})
    files['禹城功能糖产业大脑/附件/指标数据表.xlsx'] = xb
    defects = [
        dict(code='DATE_OUT_OF_RANGE', severity='error', file=fn, field='L1P9 近三年获得奖励',
             expected='近三年内（2018年不在任何“近三年”口径内）获得的荣誉，应为4项', found='5项，含“山东省新型工业化产业示范基地（2018年）”',
             seed_quote='L1P9\t近三年获得奖励\t获国家级、省级各类荣誉数量，包括省级数字经济园区、特色产业集群、战略新兴产业集群、省级创新创业共同体等\t项'),
        dict(code='INVALID_UNIT', severity='warning', file=fn, field='L1P10 产业集聚度',
             expected='以%表示的占比：29.7%', found='“产业集聚度：0.297”（无%；数据表中0.297又标注单位%，读作0.297%）',
             seed_quote=SEED_UNIT_QUOTE['L1P10']),
    ]
    return d, defects, [{'file': fn, 'evidenced': ev(ids_with_values(d))}], \
        '德州禹城功能糖产业大脑，Windows打包的zip（GBK文件名、无UTF-8标志，含子文件夹），内有评价材料DOCX、扫描报送函JPG（红章）与指标数据表XLSX；近三年奖励5项中含2018年荣誉；产业集聚度写成0.297无%。'


BUILDERS = [build_01, build_02, build_03, build_04, build_05, build_06, build_07, build_08, build_09, build_10]


class GBKZipInfo(zipfile.ZipInfo):
    def _encodeFilenameFlags(self):
        return self.filename.encode('gbk'), self.flag_bits & ~0x800


def write_zip(path, files):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        dirs = sorted({'/'.join(n.split('/')[:i]) + '/' for n in files for i in range(1, n.count('/') + 1)})
        for dn in dirs:
            zi = GBKZipInfo(dn, date_time=(2023, 7, 3, 16, 20, 0))
            zi.external_attr = 0x10
            z.writestr(zi, b'')
        for n, b in files.items():
            zi = GBKZipInfo(n, date_time=(2023, 7, 3, 16, 21, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, b)


def generate(out_dir):
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    entries = []
    for idx, (p, b) in enumerate(zip(DOSSIERS, BUILDERS)):
        rng = random.Random(20230000 + idx * 7919)
        p = dict(p)
        p['opcode'] = op_code(p, rng)
        p['govcode'] = gov_code(p, rng)
        files = {}
        d, defects, narr, desc = b(p, rng, files)
        if b is build_10:
            name = p['key'] + '.zip'
            target = out_dir / name
            if target.exists():
                target.unlink()
            write_zip(target, files)
        else:
            name = p['key']
            folder = out_dir / name
            if folder.exists():
                shutil.rmtree(folder)
            for fn, data in files.items():
                fp = folder / fn
                fp.parent.mkdir(parents=True, exist_ok=True)
                fp.write_bytes(data)
        entries.append({'name': name, 'as_of': p['as_of'], 'clean': not defects,
                        'description': desc, 'defects': defects, 'narratives': narr})
    labels = {'writer': WRITER, 'program': PROGRAM, 'dossiers': entries}
    (out_dir / 'labels.json').write_text(json.dumps(labels, ensure_ascii=False, indent=2), encoding='utf-8')


if __name__ == '__main__':
    generate(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else 'out'))
