#!/usr/bin/env python
"""Blind corpus generator (writer brain_a, program sd-industry-brain).

Shandong 产业大脑 evaluation: a city/county industry-brain operator reports the
indicators L1P1-L5P5 of 附件1 山东省"产业大脑"评价指标体系 (seed 003).
Deterministic: every random generator is seeded, all timestamps fixed.
Usage: python generate.py OUT_DIR
"""
import io
import json
import math
import pathlib
import random
import sys
import zipfile

from PIL import Image, ImageDraw, ImageFont, ImageFilter
import numpy as np
from docx import Document
from docx.shared import Pt, Cm, RGBColor
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
import openpyxl
from openpyxl.styles import Alignment, Font, Border, Side
import reportlab.rl_config
reportlab.rl_config.invariant = 1
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate, Paragraph, Table, TableStyle, Spacer
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib import colors

FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
WRITER = "brain_a"
PROGRAM = "sd-industry-brain"
FIXED_DT = (2023, 6, 30, 9, 0, 0)
FIXED_ISO = "2023-06-30T09:00:00Z"

# ---------------------------------------------------------------- seed data
# (编号, 指标名称, 单位 or None for descriptive indicators) -- from 附件1
INDICATORS = [
    ("L1P1", "产业规模", "亿元"), ("L1P2", "产业布局", "个"), ("L1P3", "产业链健全性", None),
    ("L1P4", "产业链企业数量", "家"), ("L1P5", "产业链规上企业数量", "家"),
    ("L1P6", "上市挂牌企业数量", "家"), ("L1P7", "优势企业数量", "家"),
    ("L1P8", "链主企业产值", "亿元"), ("L1P9", "近三年获得奖励", "项"), ("L1P10", "产业集聚度", "%"),
    ("L2P1", "存储与计算资源", None), ("L2P2", "产业数据仓", "TB"), ("L2P3", "行业数据仓", "TB"),
    ("L2P4", "企业数据仓", "TB"),
    ("L3P1", "科技创新平台数量", "家"), ("L3P2", "产学研合作", "个"), ("L3P3", "数字人才数量", "人"),
    ("L3P4", "知识产权数量", "项"), ("L3P5", "技术标准数量", "项"),
    ("L4P1", "“晨星工厂”培育能力", "家"), ("L4P2", "工业大数据应用场景构建", "个"),
    ("L4P3", "能力组件构建水平", "个"), ("L4P4", "DCMM认证企业数量", "家"),
    ("L4P5", "赋能工业互联网平台建设", "个"), ("L4P6", "赋能行业应用创新", "次"),
    ("L4P7", "赋能产业链发展韧性", "家"), ("L4P8", "培育数据驱动的新业态新模式", "个"),
    ("L5P1", "组织领导机制", None), ("L5P2", "管理运营专业化", None), ("L5P3", "数据管理制度", None),
    ("L5P4", "资金支持强度", "万元"), ("L5P5", "安全防护水平", "等级"),
]
IND = {c: (n, u) for c, n, u in INDICATORS}
TYPES = [("一、产业发展水平", "L1"), ("二、数据支撑能力", "L2"), ("三、科技创新能力", "L3"),
         ("四、数据价值释放能力", "L4"), ("五、运营保障水平", "L5")]
DESCRIPTIVE = [c for c, n, u in INDICATORS if u is None]

SEED_QUOTE = {
    "L1P1": "L1P1 产业规模：上年度产业集群或产业链范围内所有企业的主营业务收入总和；单位：亿元",
    "L1P4": "L1P4 产业链企业数量：产业集群或产业链范围内上中下游企业数量；单位：家",
    "L1P5": "L1P5 产业链规上企业数量：产业集群或产业链范围内规上企业数量；单位：家",
    "L1P7": "L1P7 优势企业数量：山东省（准）独角兽企业、瞪羚企业、“专精特新”中小企业、制造业单项冠军、隐形冠军企业等数量总和；单位：家",
    "L1P8": "L1P8 链主企业产值：上年度产业链链主企业……产值；单位：亿元",
    "L1P9": "L1P9 近三年获得奖励：获国家级、省级各类荣誉数量……；单位：项",
    "L1P10": "L1P10 产业集聚度：上年度产业集群或产业链主营收入与所在区县整体产值的占比；单位：%",
    "L2P1": "L2P1 存储与计算资源：产业集群所拥有的全国一体化工业大数据中心山东工业云建设情况,包括省级区域中心、行业中心和边缘中心",
    "L2P3": "L2P3 行业数据仓：……包括工业协议兼容适配能力、工业设备连接类型、数量和存储量；单位：TB",
    "L3P3": "L3P3 数字人才数量：培育或引进数字经济领域高层次人才的数量;培育数字产业专业技能人才的数量；单位：人",
}


# ---------------------------------------------------------------- helpers
def uscc_check(code17):
    alpha = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    assert len(code17) == 17 and all(ch in alpha for ch in code17), code17
    s = sum(alpha.index(ch) * pow(3, i, 31) for i, ch in enumerate(code17))
    return code17 + alpha[(31 - s % 31) % 31]


def fmt_num(v, sep=False):
    if v is None:
        return ""
    if isinstance(v, float) and not float(v).is_integer():
        s = ("{:,.2f}" if sep else "{:.2f}").format(v).rstrip("0").rstrip(".")
        return s
    v = int(v)
    return "{:,}".format(v) if sep else str(v)


def normalize_ooxml(data, fix_core=True):
    """Rewrite a docx/xlsx zip with fixed timestamps (no current time in contents)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            b = src.read(info.filename)
            if fix_core and info.filename == "docProps/core.xml":
                import re
                t = b.decode("utf-8")
                t = re.sub(r"(<dcterms:created[^>]*>)[^<]*(</dcterms:created>)", r"\g<1>%s\g<2>" % FIXED_ISO, t)
                t = re.sub(r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", r"\g<1>%s\g<2>" % FIXED_ISO, t)
                b = t.encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_DT)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, b)
    return out.getvalue()


def save_docx(doc, path):
    import datetime as dt
    cp = doc.core_properties
    cp.author = "产业大脑运营专班"
    cp.last_modified_by = "产业大脑运营专班"
    cp.created = dt.datetime(2023, 6, 30, 9, 0, 0)
    cp.modified = dt.datetime(2023, 6, 30, 9, 0, 0)
    bio = io.BytesIO()
    doc.save(bio)
    path.write_bytes(normalize_ooxml(bio.getvalue()))


def save_xlsx(wb, path):
    import datetime as dt
    wb.properties.creator = "产业大脑运营专班"
    wb.properties.created = dt.datetime(2023, 6, 30, 9, 0, 0)
    bio = io.BytesIO()
    wb.save(bio)
    path.write_bytes(normalize_ooxml(bio.getvalue()))


def font(size):
    return ImageFont.truetype(FONT, size)


def draw_seal(text, bottom="", size=320, color=(214, 30, 36, 235)):
    """Red round seal drawn with Pillow: name along the upper arc, star, bottom line."""
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    c = size / 2
    w = max(6, size // 40)
    d.ellipse([w, w, size - w, size - w], outline=color, width=w)
    # star
    r_out, r_in = size * 0.16, size * 0.064
    pts = []
    for k in range(10):
        ang = -math.pi / 2 + k * math.pi / 5
        r = r_out if k % 2 == 0 else r_in
        pts.append((c + r * math.cos(ang), c + r * math.sin(ang)))
    d.polygon(pts, fill=color)
    n = len(text)
    fs = int(size * 0.11)
    f = font(fs)
    span = math.radians(min(250, 22 * n))
    rad = size / 2 - w - fs * 0.75
    for i, ch in enumerate(text):
        ang = -math.pi / 2 - span / 2 + span * (i + 0.5) / n
        ci = Image.new("RGBA", (fs + 8, fs + 8), (0, 0, 0, 0))
        ImageDraw.Draw(ci).text((4, 0), ch, font=f, fill=color)
        ci = ci.rotate(-math.degrees(ang + math.pi / 2), resample=Image.BICUBIC, expand=True)
        x = c + rad * math.cos(ang) - ci.width / 2
        y = c + rad * math.sin(ang) - ci.height / 2
        img.alpha_composite(ci, (int(x), int(y)))
    if bottom:
        fb = font(int(size * 0.085))
        tw = d.textlength(bottom, font=fb)
        d.text((c - tw / 2, c + size * 0.2), bottom, font=fb, fill=color)
    return img


def seal_png_bytes(text, bottom=""):
    bio = io.BytesIO()
    draw_seal(text, bottom, size=300).save(bio, "PNG")
    bio.seek(0)
    return bio


def scan_finish(img, rng, angle):
    """Grey paper, slight rotation and noise for a scanned/photographed page."""
    img = img.convert("RGB").rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=(236, 236, 232))
    arr = np.asarray(img).astype(np.int16)
    nrng = np.random.default_rng(rng.randint(0, 10 ** 6))
    arr = arr - 14 + nrng.integers(-9, 10, size=arr.shape[:2])[..., None]
    arr = np.clip(arr, 0, 255).astype(np.uint8)
    return Image.fromarray(arr).filter(ImageFilter.GaussianBlur(0.5))


# ---------------------------------------------------------------- profiles
CHAIN = {
    "动力装备": ("铸锻件、曲轴连杆、燃油喷射系统、电控单元", "柴油机、燃气发动机及发电机组整机制造", "工程机械、船舶动力、农机配套及后市场服务"),
    "新材料": ("氟化工原料、有机硅单体、高纯氧化铝", "氟硅材料、先进陶瓷、高性能高分子材料", "新能源汽车、半导体、医药包装及建筑节能"),
    "高端化工": ("原油加工、煤制烯烃、氯碱", "聚氨酯（MDI/TDI）、精细化学品、专用化学品", "汽车内饰、家电保温、建材及纺织助剂"),
    "医疗器械": ("医用高分子材料、电子元器件、精密零部件", "一次性医用耗材、骨科植入物、医学影像设备", "医疗机构、流通配送、第三方检测与维修"),
    "木业家居": ("速生杨原木、胶黏剂、饰面纸", "单板、胶合板、生态板及定制家居", "家具制造、装饰装修、商贸物流"),
    "铝精深加工": ("氧化铝、电解铝、再生铝", "铝板带箔、工业铝型材、铝合金铸件", "汽车轻量化、食品包装、3C电子"),
    "工程机械": ("液压件、结构钢材、传动系统", "挖掘机、装载机、推土机整机制造", "基建施工、设备租赁、再制造服务"),
    "石油装备": ("特种钢管、电机电控、密封件", "抽油机、钻采设备、压裂装备", "油田技术服务、海外工程总包"),
    "体育器材": ("钢材、工程塑料、电子控制模块", "商用健身器材、家用健身器材、体育用品", "健身场馆、学校体育、跨境电商"),
    "纺织服装": ("纱线、面料、辅料", "针织服装、童装、功能性服装", "品牌运营、跨境电商、直播电商"),
}

PROFILES = [
    # key, folder, as_of, city, district, industry, applicant, uscc17 prefix, master, county output(亿元)
    dict(key="C1", folder="01_寒亭区动力装备产业大脑", as_of="2023-07-10", city="潍坊市", district="寒亭区",
         industry="动力装备", applicant="潍坊市寒亭区工业和信息化局", uscc17="11370703MB28403716"[:17],
         operator="潍坊寒亭产业大脑运营有限公司", master="潍坊海川动力股份有限公司", county=610.0, seed=11),
    dict(key="C2", folder="02_张店新材料产业大脑", as_of="2023-08-02", city="淄博市", district="张店区",
         industry="新材料", applicant="淄博齐链数智科技有限公司", uscc17="91370303MA3TK5R2X"[:17],
         operator="淄博齐链数智科技有限公司", master="淄博华瓷新材料集团有限公司", county=980.0, seed=22),
    dict(key="C3", folder="03_福山高端化工产业大脑", as_of="2023-09-15", city="烟台市", district="福山区",
         industry="高端化工", applicant="烟台福山区大数据中心", uscc17="12370611MB1C08752"[:17],
         operator="烟台福山区大数据中心", master="烟台万辰化学股份有限公司", county=1320.0, seed=33),
    dict(key="C4", folder="04_文登医疗器械产业大脑", as_of="2023-06-20", city="威海市", district="文登区",
         industry="医疗器械", applicant="威海市文登区医疗器械行业协会", uscc17="51371003MJE25613X"[:17],
         operator="威海文医链数字科技有限公司", master="威海康瑞医疗用品股份有限公司", county=520.0, seed=44),
    dict(key="D1", folder="05_兰山木业家居产业大脑", as_of="2023-07-28", city="临沂市", district="兰山区",
         industry="木业家居", applicant="临沂兰山木链数字科技有限公司", uscc17="91371302MA94LQ6T3"[:17],
         operator="临沂兰山木链数字科技有限公司", master="临沂千林木业集团有限公司", county=890.0, seed=55),
    dict(key="D2", folder="06_茌平铝精深加工产业大脑", as_of="2023-08-18", city="聊城市", district="茌平区",
         industry="铝精深加工", applicant="聊城茌平铝谷数据服务有限公司", uscc17="91371503MA7DJ2W45"[:17],
         operator="聊城茌平铝谷数据服务有限公司", master="山东信合铝业集团有限公司", county=1050.0, seed=66),
    dict(key="D3", folder="07_任城工程机械产业大脑", as_of="2023-09-05", city="济宁市", district="任城区",
         industry="工程机械", applicant="济宁市任城区工业和信息化局", uscc17="11370811MB2851630"[:17],
         operator="济宁任城智造链科技有限公司", master="济宁力拓重工机械股份有限公司", county=760.0, seed=77),
    dict(key="D4", folder="08_东营区石油装备产业大脑", as_of="2023-10-12", city="东营市", district="东营区",
         industry="石油装备", applicant="东营油装云数字科技有限公司", uscc17="91370502MA3WF8K17"[:17],
         operator="东营油装云数字科技有限公司", master="东营胜拓石油装备股份有限公司", county=700.0, seed=88),
    dict(key="D5", folder="09_宁津体育器材产业大脑", as_of="2023-11-08", city="德州市", district="宁津县",
         industry="体育器材", applicant="宁津县工业和信息化局", uscc17="11371422MB1746290"[:17],
         operator="宁津健链数字科技有限公司", master="山东英健体育器材股份有限公司", county=330.0, seed=99),
    dict(key="D6", folder="10_即墨纺织服装产业大脑", as_of="2023-12-01", city="青岛市", district="即墨区",
         industry="纺织服装", applicant="青岛即墨纺织服装产业大脑运营有限公司", uscc17="91370282MA3PN7G56"[:17],
         operator="青岛即墨纺织服装产业大脑运营有限公司", master="青岛锦绣纺织集团有限公司", county=1480.0, seed=111),
]

AWARD_POOL = [
    ("省级数字经济园区", "山东省工业和信息化厅"), ("省级特色产业集群", "山东省工业和信息化厅"),
    ("省级战略性新兴产业集群", "山东省发展和改革委员会"), ("省级创新创业共同体", "山东省科学技术厅"),
    ("国家中小企业特色产业集群", "工业和信息化部"), ("省级“现代优势产业集群+人工智能”试点", "山东省工业和信息化厅"),
    ("省级数字经济重点项目", "山东省发展和改革委员会"), ("省级工业互联网园区", "山东省工业和信息化厅"),
    ("国家新型工业化产业示范基地", "工业和信息化部"),
]


def build_values(p):
    rng = random.Random(p["seed"])
    v = {}
    v["L1P1"] = round(rng.uniform(0.30, 0.55) * p["county"], 1)
    v["L1P2"] = rng.randint(2, 5)
    v["L1P4"] = rng.randint(380, 1400)
    v["L1P5"] = int(v["L1P4"] * rng.uniform(0.22, 0.38))
    v["L1P6"] = rng.randint(3, 12)
    cats = [("山东省（准）独角兽企业", rng.randint(0, 2)), ("瞪羚企业", rng.randint(4, 12)),
            ("“专精特新”中小企业", rng.randint(15, 45)), ("制造业单项冠军企业", rng.randint(1, 4)),
            ("隐形冠军企业", rng.randint(2, 8))]
    p["l1p7_cats"] = cats
    v["L1P7"] = sum(n for _, n in cats)
    v["L1P8"] = round(v["L1P1"] * rng.uniform(0.18, 0.32), 1)
    aw = rng.sample(AWARD_POOL, rng.randint(3, 5))
    p["awards"] = [(name, org, rng.choice([2021, 2022]), rng.randint(1, 12)) for name, org in aw]
    p["awards"].sort(key=lambda a: (a[2], a[3]))
    v["L1P9"] = len(p["awards"])
    v["L1P10"] = round(v["L1P1"] / p["county"] * 100, 1)
    v["L2P2"] = rng.randint(120, 800)
    v["L2P3"] = rng.randint(30, 300)
    v["L2P4"] = rng.randint(60, 500)
    v["L3P1"] = rng.randint(12, 60)
    v["L3P2"] = rng.randint(6, 40)
    v["L3P3"] = rng.randint(300, 2800)
    v["L3P4"] = rng.randint(600, 5200)
    v["L3P5"] = rng.randint(6, 55)
    v["L4P1"] = rng.randint(4, 28)
    v["L4P2"] = rng.randint(12, 80)
    v["L4P3"] = rng.randint(25, 200)
    v["L4P4"] = rng.randint(2, 18)
    v["L4P5"] = rng.randint(3, 18)
    v["L4P6"] = rng.randint(8000, 180000)
    v["L4P7"] = rng.randint(5, 30)
    v["L4P8"] = rng.randint(3, 15)
    v["L5P4"] = rng.randint(20, 500) * 100
    v["L5P5"] = "三级"
    # split of L1P4 into up/mid/down
    a = int(v["L1P4"] * rng.uniform(0.25, 0.35))
    b = int(v["L1P4"] * rng.uniform(0.30, 0.40))
    p["split"] = (a, b, v["L1P4"] - a - b)
    p["up"], p["mid"], p["down"] = CHAIN[p["industry"]]
    p["platform"] = p["district"] + p["industry"] + "产业大脑"
    p["uscc"] = uscc_check(p["uscc17"])
    p["rng"] = rng
    return v


def short_note(p, v, code):
    """The 说明 column text of the indicator table."""
    ind = p["industry"]
    notes = {
        "L1P1": "2022年度%s产业链范围内企业主营业务收入合计" % ind,
        "L1P2": "列入省级“十强”产业、市级%s产业中长期规划等" % ind,
        "L1P3": "见定性指标说明",
        "L1P4": "上游%d家、中游%d家、下游%d家" % p["split"] if isinstance(v.get("L1P4"), int) else "产业链在库企业",
        "L1P5": "2022年末规模以上工业企业",
        "L1P6": "含境内主板、创业板、新三板挂牌企业",
        "L1P7": "；".join("%s%d家" % (n, k) for n, k in p["l1p7_cats"] if k),
        "L1P8": "链主企业%s 2022年度产值" % p["master"],
        "L1P9": "；".join("%d年%s" % (a[2], a[0]) for a in p["awards"]),
        "L1P10": "产业链主营收入%s亿元÷%s%d年规上工业总产值%s亿元" % (fmt_num(v.get("L1P1")), p["district"], 2022, fmt_num(p["county"])),
        "L2P1": "见定性指标说明",
        "L2P2": "汇聚市场监管、税务、电力、社保等政府侧数据及企业侧数据",
        "L2P3": "兼容Modbus、OPC UA、Profinet等协议，连接设备%d台" % (p["rng"].randint(30, 90) * 100),
        "L2P4": "接入企业%d家，含研发、生产、采购、营销数据" % max(10, v["L1P5"] // 3 if isinstance(v["L1P5"], int) else 40),
        "L3P1": "省级以上重点实验室、企业技术中心、博士后科研工作站等",
        "L3P2": "省级科技项目及关键共性技术攻关项目",
        "L3P3": "高层次数字人才及数字技能人才",
        "L3P4": "产业链相关专利及软件著作权",
        "L3P5": "牵头或参与制定国家、行业、地方、团体标准",
        "L4P1": "基于产业大脑培育的省级“晨星工厂”",
        "L4P2": "协同制造、制造能力交易、产品溯源等在库场景",
        "L4P3": "工业模型、工业APP及共享能力组件",
        "L4P4": "通过DCMM 2级及以上评估的企业",
        "L4P5": "平台化设计、网络化协同等示范场景及省级平台",
        "L4P6": "订阅量前三工业APP累计订阅次数",
        "L4P7": "产业链招引、培育项目涉及企业",
        "L4P8": "供应链金融、共享工厂等新业态示范案例",
        "L5P1": "见定性指标说明", "L5P2": "见定性指标说明", "L5P3": "见定性指标说明",
        "L5P4": "专项基金、政府扶持资金及撮合社会投资合计",
        "L5P5": "网络安全等级保护第三级",
    }
    return notes[code]


def long_text(p, v, code):
    """Prose paragraphs for descriptive indicators and selected quantitative ones."""
    d, ind = p["district"], p["industry"]
    if code == "L1P3":
        s = ("%s%s产业链以%s为链主企业，形成了较为完整的上中下游链条。上游主要为%s；中游为%s；下游延伸至%s。"
             % (d, ind, p["master"], p["up"], p["mid"], p["down"]))
        if isinstance(v.get("L1P4"), int):
            s += ("截至2022年底，产业链在库企业%d家，其中上游%d家、中游%d家、下游%d家，链主企业本地配套率约%d%%。"
                  % ((v["L1P4"],) + p["split"] + (p["rng"].randint(52, 78),)))
        s += "产业大脑按“链主—核心配套—协作配套”三级梳理企业图谱，对关键环节的断点、堵点实行清单化管理。"
        return [s]
    if code == "L2P1":
        return [("产业大脑依托全国一体化工业大数据中心山东工业云%s边缘中心建设，与省级区域中心实现数据级联。"
                 "边缘中心机房部署服务器%d台，通用算力约%d TFLOPS，为产业数据仓、行业数据仓和企业数据仓提供统一的存储与计算资源，"
                 "并通过政务外网与%s大数据局共享交换平台对接。" % (p["city"], p["rng"].randint(40, 160), p["rng"].randint(200, 900), p["city"]))]
    if code == "L5P1":
        q = "区" if d.endswith("区") else "县"
        return [("%s人民政府成立了由%s长任组长、分管副%s长任副组长的%s推进工作小组，成员单位包括工业和信息化、发展改革、"
                 "财政、大数据、市场监管等部门。工作小组办公室设在%s工业和信息化局，建立月调度、季通报制度，"
                 "2022年以来共召开专题推进会%d次。" % (d, q, q, p["platform"], d, p["rng"].randint(4, 9)))]
    if code == "L5P2":
        return [("成立%s作为产业大脑独立运营单位，组建运营团队%d人，制定《%s运营管理办法》《数据服务收费管理规定》《运营绩效考核办法》等制度，"
                 "采用“政府引导、企业主体、市场化运营”的模式，平台按季度迭代更新。" % (p["operator"], p["rng"].randint(18, 60), p["platform"]))]
    if code == "L5P3":
        return [("制定了《企业认证管理规范》《数据资源登记规则》《数据产品上架审核规范》《数据交易管理办法》《数据服务管理规范》五项规则，"
                 "形成企业认证、数据登记、数据上架、数据交易、数据服务全流程的标准规则管理体系，累计完成数据资源登记%d项。"
                 % p["rng"].randint(120, 600))]
    if code == "L5P5":
        return [("%s已通过网络安全等级保护第三级测评，并委托第三方机构开展数据安全风险评估。平台部署防火墙、入侵检测、"
                 "数据库审计和工控安全监测系统，建立数据分类分级和安全事件应急处置机制，采用国产服务器和操作系统开展信息安全技术应用创新。"
                 % p["platform"])]
    return []


# ---------------------------------------------------------------- DOCX writers
def set_cn_font(doc, size=10.5):
    st = doc.styles["Normal"]
    st.font.name = "宋体"
    st.font.size = Pt(size)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")


def cell_text(cell, text, bold=False, size=9, align=None):
    cell.text = ""
    par = cell.paragraphs[0]
    run = par.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)
    if align:
        par.alignment = align


def value_str(v, code, unit_in_cell, sep=False):
    val = v.get(code)
    if val is None or val == "":
        return ""
    u = IND[code][1]
    s = val if isinstance(val, str) else fmt_num(val, sep)
    if unit_in_cell and u and u != "等级" and not isinstance(val, str):
        s += u
    return s


def docx_indicator_doc(p, v, path, style, notes_override=None, units_override=None,
                       unit_in_cell=False, blank_unit_codes=(), title_extra="", seal=False, intro=True):
    """style 'heading': Word heading styles; 'plain': numbered plain bold paragraphs;
    'merged': table with vertically merged 类型 column like the seed."""
    notes_override = notes_override or {}
    units_override = units_override or {}
    doc = Document()
    set_cn_font(doc)
    sec = doc.sections[0]
    sec.left_margin = sec.right_margin = Cm(2.2)
    t = doc.add_paragraph()
    t.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = t.add_run("%s%s\n山东省“产业大脑”评价指标填报表%s" % (p["city"], p["platform"], title_extra))
    r.bold = True
    r.font.size = Pt(16)
    doc.add_paragraph("填报单位：%s" % p["applicant"])
    doc.add_paragraph("统一社会信用代码：%s" % p["uscc"])
    doc.add_paragraph("数据截止时间：2022年12月31日（产业规模、链主企业产值、产业集聚度为2022年度数据）")
    if intro:
        intro_txt = ("%s于2022年启动建设，以%s产业链为主线，汇聚政府侧与企业侧数据资源，面向链上企业提供产业链监测、"
                     "供需对接、能力组件共享等服务。现将评价指标填报如下。" % (p["platform"], p["industry"]))
        doc.add_paragraph(intro_txt)

    def heading(text, level):
        if style == "heading":
            doc.add_heading(text, level=level)
        else:
            hp = doc.add_paragraph()
            hr = hp.add_run(text)
            hr.bold = True
            hr.font.size = Pt(14 if level == 1 else 12)

    heading("一、指标填报表", 1)
    if style == "merged":
        cols = ["类型", "编号", "指标名称", "填报值", "单位", "说明"]
    else:
        cols = ["编号", "指标名称", "填报值", "单位", "说明"]
    tbl = doc.add_table(rows=1, cols=len(cols))
    tbl.style = "Table Grid"
    for i, c in enumerate(cols):
        cell_text(tbl.rows[0].cells[i], c, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for tname, prefix in TYPES:
        codes = [c for c, _, _ in INDICATORS if c.startswith(prefix + "P")]
        if style != "merged":
            row = tbl.add_row()
            m = row.cells[0].merge(row.cells[-1])
            cell_text(m, tname, bold=True)
        first_row = None
        for code in codes:
            row = tbl.add_row()
            cells = row.cells
            off = 1 if style == "merged" else 0
            if style == "merged":
                if first_row is None:
                    first_row = row
                    cell_text(cells[0], tname.split("、")[1], bold=True)
            name, unit = IND[code]
            if code in units_override:
                unit_txt = units_override[code]
            elif unit_in_cell or code in blank_unit_codes or unit is None:
                unit_txt = "" if (unit_in_cell or unit is None or code in blank_unit_codes) else unit
                if unit == "等级" and unit_in_cell:
                    unit_txt = "等级"
            else:
                unit_txt = unit
            if code in DESCRIPTIVE:
                val = "—" if code not in notes_override.get("_blank_desc", ()) else ""
                val = "详见说明" if style == "plain" else val
            else:
                val = value_str(v, code, unit_in_cell and code not in blank_unit_codes, sep=(style == "plain"))
            cell_text(cells[off], code)
            cell_text(cells[off + 1], name)
            cell_text(cells[off + 2], val, align=WD_ALIGN_PARAGRAPH.RIGHT if code not in DESCRIPTIVE else None)
            cell_text(cells[off + 3], unit_txt, align=WD_ALIGN_PARAGRAPH.CENTER)
            cell_text(cells[off + 4], notes_override.get(code, short_note(p, v, code)))
        if style == "merged" and first_row is not None:
            top = first_row.cells[0]
            bottom = tbl.rows[-1].cells[0]
            top.merge(bottom)
            cell_text(top, tname.split("、")[1], bold=True)

    heading("二、定性指标说明", 1)
    nums = ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）", "（八）"]
    k = 0
    long_override = notes_override.get("_long", {})
    for code in DESCRIPTIVE:
        heading("%s%s %s" % (nums[k], code, IND[code][0]), 2)
        k += 1
        paras = long_override.get(code, long_text(p, v, code))
        if not paras:
            doc.add_paragraph("")
        for para in paras:
            pp = doc.add_paragraph(para)
            pp.paragraph_format.first_line_indent = Pt(21)
    extra = notes_override.get("_extra")
    if extra:
        heading("三、其他需要说明的情况", 1)
        for para in extra:
            pp = doc.add_paragraph(para)
            pp.paragraph_format.first_line_indent = Pt(21)
    doc.add_paragraph("")
    doc.add_paragraph("填报单位（盖章）：%s" % p["applicant"])
    doc.add_paragraph("填报人：%s        联系电话：0%d-%d" % (p.get("contact", "刘海宁"), 530 + p["seed"] % 10, 8200000 + p["seed"] * 131))
    doc.add_paragraph("填报日期：%s" % p.get("fill_date", "2023年6月28日"))
    if seal:
        doc.add_picture(seal_png_bytes(p["applicant"], ""), width=Cm(4.0))
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    save_docx(doc, path)


# ---------------------------------------------------------------- images
def notice_scan(p, path, rng):
    W, H = 1240, 1754  # A4 at 150 dpi
    img = Image.new("RGB", (W, H), (250, 250, 247))
    d = ImageDraw.Draw(img)
    red = (200, 20, 25)
    f_head = font(64)
    head = "%s人民政府办公室" % p["district"]
    tw = d.textlength(head, font=f_head)
    d.text(((W - tw) / 2, 120), head, font=f_head, fill=red)
    d.line([(110, 230), (W - 110, 230)], fill=red, width=4)
    f = font(34)
    f_t = font(40)
    title = ["关于成立%s" % p["platform"], "推进工作小组的通知"]
    y = 280
    for line in title:
        tw = d.textlength(line, font=f_t)
        d.text(((W - tw) / 2, y), line, font=f_t, fill=(20, 20, 20))
        y += 60
    no = "寒政办字〔2022〕18号"
    tw = d.textlength(no, font=f)
    d.text(((W - tw) / 2, y + 5), no, font=f, fill=(20, 20, 20))
    y += 80
    body = [
        "各街道办事处，区政府有关部门：",
        "　　为统筹推进%s建设，经区政府研究，" % p["platform"],
        "决定成立%s推进工作小组。" % p["platform"],
        "组成人员如下：",
        "　　组　长：王建华　区委副书记、区长",
        "　　副组长：孙立新　副区长",
        "　　成　员：区工业和信息化局、区发展和改革局、",
        "　　　　　　区财政局、区大数据中心主要负责同志",
        "　　工作小组办公室设在区工业和信息化局，负责产业",
        "大脑建设的日常调度，建立月调度、季通报工作制度。",
    ]
    for line in body:
        d.text((130, y), line, font=f, fill=(25, 25, 25))
        y += 58
    y += 60
    sig = ["%s人民政府办公室" % p["district"], "2022年6月20日"]
    for line in sig:
        d.text((700, y), line, font=f, fill=(25, 25, 25))
        y += 58
    seal = draw_seal("%s%s人民政府办公室" % (p["city"], p["district"]), "", size=330)
    img = img.convert("RGBA")
    img.alpha_composite(seal, (700, y - 260))
    img = scan_finish(img, rng, 0.8)
    img.save(path, "JPEG", quality=72)


def cert_photo(p, path, rng):
    W, H = 1600, 1130
    img = Image.new("RGB", (W, H), (248, 246, 238))
    d = ImageDraw.Draw(img)
    d.rectangle([40, 40, W - 40, H - 40], outline=(150, 110, 40), width=10)
    d.rectangle([62, 62, W - 62, H - 62], outline=(150, 110, 40), width=3)
    ft = font(72)
    t = "网络安全等级保护备案证明"
    tw = d.textlength(t, font=ft)
    d.text(((W - tw) / 2, 110), t, font=ft, fill=(30, 30, 30))
    f = font(40)
    lines = [
        "备案单位：%s" % p["operator"],
        "系统名称：%s平台" % p["platform"],
        "安全保护等级：第三级",
        "备案编号：37100312023-00418",
        "测评机构：山东信安测评技术有限公司",
        "测评结论：符合　　测评日期：2023年3月16日",
    ]
    y = 270
    for line in lines:
        d.text((170, y), line, font=f, fill=(30, 30, 30))
        y += 78
    d.text((980, 820), "威海市公安局文登分局", font=f, fill=(30, 30, 30))
    d.text((1040, 890), "2023年4月3日", font=f, fill=(30, 30, 30))
    img = img.convert("RGBA")
    img.alpha_composite(draw_seal("威海市公安局文登分局", "", size=300), (1020, 700))
    img = scan_finish(img, rng, -1.2)
    img.save(path, "JPEG", quality=72)


# ---------------------------------------------------------------- PDF
def register_pdf_font():
    if "wqy" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("wqy", FONT, subfontIndex=0))


def pdf_indicator_doc(p, v, path, notes_override=None, long_override=None, units_override=None):
    register_pdf_font()
    notes_override = notes_override or {}
    long_override = long_override or {}
    units_override = units_override or {}
    st_t = ParagraphStyle("t", fontName="wqy", fontSize=15, leading=22, alignment=1)
    st_h = ParagraphStyle("h", fontName="wqy", fontSize=12, leading=18, spaceBefore=8, spaceAfter=4)
    st_b = ParagraphStyle("b", fontName="wqy", fontSize=10.5, leading=17, firstLineIndent=21, wordWrap="CJK")
    st_c = ParagraphStyle("c", fontName="wqy", fontSize=8.5, leading=11, wordWrap="CJK")
    story = [Paragraph("%s%s<br/>山东省“产业大脑”评价指标填报表" % (p["city"], p["platform"]), st_t), Spacer(1, 8),
             Paragraph("填报单位：%s　　统一社会信用代码：%s" % (p["applicant"], p["uscc"]), st_b),
             Paragraph("一、指标填报表", st_h)]
    rows = [[Paragraph(x, st_c) for x in ["编号", "指标名称", "填报值", "单位", "说明"]]]
    spans = []
    for tname, prefix in TYPES:
        rows.append([Paragraph(tname, st_c), "", "", "", ""])
        spans.append(len(rows) - 1)
        for code, name, unit in INDICATORS:
            if not code.startswith(prefix + "P"):
                continue
            val = "详见说明" if code in DESCRIPTIVE else value_str(v, code, False)
            u = units_override.get(code, unit or "")
            rows.append([Paragraph(code, st_c), Paragraph(name, st_c), Paragraph(val, st_c), Paragraph(u, st_c),
                         Paragraph(notes_override.get(code, short_note(p, v, code)), st_c)])
    tb = Table(rows, colWidths=[38, 100, 62, 36, 250], repeatRows=1)
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDDDDD"))]
    for r in spans:
        style.append(("SPAN", (0, r), (-1, r)))
        style.append(("BACKGROUND", (0, r), (-1, r), colors.HexColor("#F0F0F0")))
    tb.setStyle(TableStyle(style))
    story.append(tb)
    story.append(Paragraph("二、定性指标说明", st_h))
    nums = ["1.", "2.", "3.", "4.", "5.", "6."]
    for i, code in enumerate(DESCRIPTIVE):
        story.append(Paragraph("%s %s %s" % (nums[i], code, IND[code][0]), st_h))
        for para in long_override.get(code, long_text(p, v, code)):
            story.append(Paragraph(para, st_b))
    story.append(Spacer(1, 16))
    story.append(Paragraph("填报单位：%s　　　填报日期：%s" % (p["applicant"], p.get("fill_date", "2023年10月20日")), st_b))
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=50, rightMargin=50, topMargin=50, bottomMargin=50,
                            title="产业大脑评价指标填报表", author="", creator="Microsoft Word", invariant=1)
    doc.build(story)


# ---------------------------------------------------------------- XLSX
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def xlsx_full_dossier(p, v, path, long_override=None):
    long_override = long_override or {}
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "评价指标填报"
    ws.merge_cells("A1:G1")
    ws["A1"] = "%s山东省“产业大脑”评价指标填报表（填报单位：%s）" % (p["platform"], p["applicant"])
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    # merged two-row header
    hdr = [("A2:A3", "类型"), ("B2:B3", "编号"), ("C2:C3", "指标名称"), ("D2:E2", "填报情况"), ("F2:F3", "说明"),
           ("G2:G3", "佐证材料")]
    for rngs, txt in hdr:
        ws.merge_cells(rngs)
        c = ws[rngs.split(":")[0]]
        c.value = txt
        c.font = Font(bold=True)
        c.alignment = Alignment(horizontal="center", vertical="center")
    ws["D3"] = "填报值"
    ws["E3"] = "单位"
    ws["D3"].font = ws["E3"].font = Font(bold=True)
    r = 4
    for tname, prefix in TYPES:
        codes = [c for c, _, _ in INDICATORS if c.startswith(prefix + "P")]
        start = r
        for code in codes:
            name, unit = IND[code]
            ws.cell(r, 2, code)
            ws.cell(r, 3, name)
            if code in DESCRIPTIVE:
                ws.cell(r, 4, "见“定性指标说明”表")
            elif code == "L1P10":
                c = ws.cell(r, 4, round(v[code] / 100, 4))
                c.number_format = "0.0%"
            else:
                ws.cell(r, 4, v[code])
                if isinstance(v[code], int):
                    ws.cell(r, 4).number_format = "#,##0"
            ws.cell(r, 5, unit or "")
            ws.cell(r, 6, short_note(p, v, code) if code not in DESCRIPTIVE else "")
            ws.cell(r, 7, {"L1P7": "见“优势企业明细”表", "L1P9": "见“近三年获奖”表"}.get(code, ""))
            r += 1
        ws.merge_cells(start_row=start, start_column=1, end_row=r - 1, end_column=1)
        ws.cell(start, 1, tname)
        ws.cell(start, 1).alignment = Alignment(vertical="center", wrap_text=True)
    for row in ws.iter_rows(min_row=2, max_row=r - 1, max_col=7):
        for c in row:
            c.border = BOX
    for col, w in zip("ABCDEFG", [16, 8, 26, 14, 8, 52, 20]):
        ws.column_dimensions[col].width = w

    ws2 = wb.create_sheet("优势企业明细")
    ws2.append(["类别", "数量（家）", "备注"])
    for n, k in p["l1p7_cats"]:
        ws2.append([n, k, "省级及以上主管部门认定名单"])
    ws2.append(["合计", sum(k for _, k in p["l1p7_cats"]), ""])
    ws3 = wb.create_sheet("近三年获奖")
    ws3.append(["序号", "荣誉名称", "授予单位", "获得时间"])
    for i, a in enumerate(p["awards"], 1):
        ws3.append([i, a[0], a[1], "%d年%d月" % (a[2], a[3])])
    ws4 = wb.create_sheet("定性指标说明")
    ws4.append(["编号", "指标名称", "情况说明"])
    for code in DESCRIPTIVE:
        ws4.append([code, IND[code][0], "\n".join(long_override.get(code, long_text(p, v, code)))])
        ws4.cell(ws4.max_row, 3).alignment = Alignment(wrap_text=True, vertical="top")
    ws4.column_dimensions["C"].width = 90
    save_xlsx(wb, path)


def xlsx_breakdown(p, path, cats=None, stated_total=None, sheet_title="优势企业明细"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet_title
    ws.merge_cells("A1:D1")
    ws["A1"] = "%s优势企业统计表" % p["platform"]
    ws.append(["序号", "类别", "数量", "备注"])
    cats = cats or p["l1p7_cats"]
    for i, (n, k) in enumerate(cats, 1):
        ws.append([i, n, "%d家" % k, "认定文件见附件"])
    ws.append(["", "合计", "%d家" % (stated_total if stated_total is not None else sum(k for _, k in cats)), ""])
    save_xlsx(wb, path)


def xlsx_awards(p, path, awards):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "近三年获奖情况"
    ws.merge_cells("A1:E1")
    ws["A1"] = "%s近三年获得国家级、省级荣誉情况" % p["platform"]
    ws.merge_cells("A2:A3"); ws["A2"] = "序号"
    ws.merge_cells("B2:B3"); ws["B2"] = "荣誉名称"
    ws.merge_cells("C2:D2"); ws["C2"] = "认定情况"
    ws["C3"] = "认定单位"; ws["D3"] = "认定时间"
    ws.merge_cells("E2:E3"); ws["E2"] = "级别"
    for i, a in enumerate(awards, 1):
        ws.append([i, a[0], a[1], "%d.%02d" % (a[2], a[3]), "国家级" if "部" in a[1] else "省级"])
    ws.append(["合计", "%d项" % len(awards), "", "", ""])
    save_xlsx(wb, path)


# ---------------------------------------------------------------- zip with GBK names
class GBKZipInfo(zipfile.ZipInfo):
    def _encodeFilenameFlags(self):
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def write_gbk_zip(path, members):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            zi = GBKZipInfo(name, date_time=FIXED_DT)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 0
            z.writestr(zi, data)


# ---------------------------------------------------------------- narratives
def evidenced_list(v, missing=()):
    out = []
    for code, name, unit in INDICATORS:
        if code in missing:
            continue
        if unit is not None and not v.get(code):
            continue
        out.append({"id": code, "name": name})
    return out


def nid(code):
    return {"id": code, "name": IND[code][0]}


# ---------------------------------------------------------------- dossiers
def generate(out_dir: pathlib.Path) -> None:
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    profiles = {p["key"]: dict(p) for p in PROFILES}
    vals = {k: build_values(p) for k, p in profiles.items()}
    dossiers = []
    img_rng = random.Random(2023)

    def entry(p, clean, desc, defects, narratives):
        dossiers.append({"name": p["folder"] + (".zip" if p.get("zip") else ""), "as_of": p["as_of"], "clean": clean,
                         "description": desc, "defects": defects, "narratives": narratives})

    # ---- C1: Word heading styles, government applicant (code starts 11), scanned notice
    p, v = profiles["C1"], vals["C1"]
    d = out_dir / p["folder"]; d.mkdir(exist_ok=True)
    p["fill_date"] = "2023年6月28日"
    docx_indicator_doc(p, v, d / ("%s产业大脑评价指标填报表.docx" % p["district"]), "heading")
    notice_scan(p, d / "扫描件001.jpg", img_rng)
    entry(p, True, "区工信局（统一社会信用代码以11开头的机关）以Word标题样式填报的五列指标表，定性指标按标题分节叙述，另附推进工作小组成立通知扫描件（红章）。", [],
          [{"file": "%s产业大脑评价指标填报表.docx" % p["district"], "evidenced": evidenced_list(v)},
           {"file": "扫描件001.jpg", "evidenced": [nid("L5P1")]}])

    # ---- C2: unit inside value cells, plain numbered headings, pasted electronic seal
    p, v = profiles["C2"], vals["C2"]
    d = out_dir / p["folder"]; d.mkdir(exist_ok=True)
    p["fill_date"] = "2023年7月20日"
    wan = v["L5P4"]
    notes = {"L5P4": "设立新材料产业专项基金1支；争取省市扶持资金及撮合社会投资合计%s亿元" % fmt_num(wan / 10000),
             "_extra": ["产业大脑已接入%s、%s等省级工业互联网平台的设备数据；拟于2024年申报国家级跨行业跨领域工业互联网平台，目前处于方案编制阶段。"
                        % ("“齐链云”", "“瓷链通”")]}
    docx_indicator_doc(p, v, d / "附件1 产业大脑评价指标（张店新材料）.docx", "plain", notes_override=notes,
                       unit_in_cell=True, seal=True)
    entry(p, True, "运营公司填报，数值与单位写在同一单元格（如“356.8亿元”）、千分位分隔，标题为加粗编号段落，资金支持以万元填报并在说明中折合亿元，文末粘贴电子公章。", [],
          [{"file": "附件1 产业大脑评价指标（张店新材料）.docx", "evidenced": evidenced_list(v)}])

    # ---- C3: XLSX-only dossier; L5P2 only planned (not evidence, loses points, not a defect)
    p, v = profiles["C3"], vals["C3"]
    d = out_dir / p["folder"]; d.mkdir(exist_ok=True)
    long = {"L5P2": ["目前产业大脑由福山区大数据中心（事业单位）代为运营管理，已制定《平台运维管理制度》。"
                     "计划于2024年组建独立的市场化运营公司，形成持续迭代的运营管理模式。"]}
    xlsx_full_dossier(p, v, d / "产业大脑指标填报.xlsx", long_override=long)
    entry(p, True, "整份材料为一个XLSX：合并两行表头、类型列纵向合并、产业集聚度为百分比格式单元格，另有优势企业明细（含合计行）、近三年获奖、定性指标说明工作表；填报单位为事业单位（代码以12开头）。", [],
          [{"file": "产业大脑指标填报.xlsx", "evidenced": evidenced_list(v, missing=("L5P2",)),
            "not_evidenced": [nid("L5P2")]}])

    # ---- C4: text PDF with scanner-like name + photo of 等保 certificate; association applicant; L4P4 = 0
    p, v = profiles["C4"], vals["C4"]
    d = out_dir / p["folder"]; d.mkdir(exist_ok=True)
    v["L4P4"] = 0
    p["fill_date"] = "2023年6月12日"
    pdf_indicator_doc(p, v, d / "扫描件001.pdf",
                      notes_override={"L4P4": "截至2022年底链上企业暂无通过DCMM评估，3家企业已启动贯标"})
    cert_photo(p, d / "IMG_20230612_1015.jpg", img_rng)
    entry(p, True, "行业协会（代码以51开头）报送的文字型PDF（文件名为扫描件001.pdf），DCMM认证企业数如实填0家，另附等保三级备案证明手机照片。", [],
          [{"file": "扫描件001.pdf", "evidenced": evidenced_list(v), "not_evidenced": [nid("L4P4")]},
           {"file": "IMG_20230612_1015.jpg", "evidenced": [nid("L5P5")]}])

    # ---- D1: L1P8 unit 万元 instead of 亿元; L3P3 empty
    p, v = profiles["D1"], vals["D1"]
    d = out_dir / p["folder"]; d.mkdir(exist_ok=True)
    v_l3p3 = v["L3P3"]
    v["L3P3"] = None
    p["fill_date"] = "2023年7月10日"
    fname = "兰山区木业家居产业大脑评价指标.docx"
    notes = {"L3P3": "",
             "_extra": ["链主企业%s带动作用显著，2022年度实现产值%s亿元，占产业链主营业务收入的%d%%左右。"
                        % (p["master"], fmt_num(v["L1P8"]), round(v["L1P8"] / v["L1P1"] * 100))]}
    docx_indicator_doc(p, v, d / fname, "heading", notes_override=notes, units_override={"L1P8": "万元"})
    entry(p, False, "Word标题样式五列指标表；链主企业产值单位栏写成“万元”而数值及正文均为亿元口径，数字人才数量一栏空白。", [
        {"code": "INVALID_UNIT", "severity": "error", "file": fname, "field": "L1P8 链主企业产值",
         "expected": "%s亿元（指标单位为亿元；正文亦写%s亿元）" % (fmt_num(v["L1P8"]), fmt_num(v["L1P8"])),
         "found": "填报值%s，单位栏“万元”" % fmt_num(v["L1P8"]), "seed_quote": SEED_QUOTE["L1P8"]},
        {"code": "MISSING_FIELD", "severity": "warning", "file": fname, "field": "L3P3 数字人才数量",
         "expected": "填报数字人才数量（人）", "found": "填报值、说明均为空", "seed_quote": SEED_QUOTE["L3P3"]},
    ], [{"file": fname, "evidenced": evidenced_list(v, missing=("L3P3",))}])

    # ---- D2: unit-in-cell style; L1P10 over 100 %; L2P3 value without unit
    p, v = profiles["D2"], vals["D2"]
    d = out_dir / p["folder"]; d.mkdir(exist_ok=True)
    v["L1P10"] = 112.4
    p["fill_date"] = "2023年8月5日"
    fname = "茌平区铝精深加工产业大脑指标填报（定稿）.docx"
    notes = {"L1P10": "产业链主营收入占全区工业总产值比重",
             "L2P3": "兼容Modbus、OPC UA、S7等协议，连接熔铸、轧机等设备%d台" % 4600}
    docx_indicator_doc(p, v, d / fname, "plain", notes_override=notes, unit_in_cell=True, blank_unit_codes=("L2P3",))
    entry(p, False, "数值与单位写在同一单元格的Word指标表；产业集聚度填112.4%，行业数据仓只填数字未写单位。", [
        {"code": "VALUE_OUT_OF_RANGE", "severity": "error", "file": fname, "field": "L1P10 产业集聚度",
         "expected": "占比，不超过100%", "found": "112.4%", "seed_quote": SEED_QUOTE["L1P10"]},
        {"code": "INVALID_UNIT", "severity": "error", "file": fname, "field": "L2P3 行业数据仓",
         "expected": "%dTB（单位TB）" % v["L2P3"], "found": "%d（填报值与单位栏均无单位）" % v["L2P3"],
         "seed_quote": SEED_QUOTE["L2P3"]},
    ], [{"file": fname, "evidenced": evidenced_list(v)}])

    # ---- D3: L1P5 > L1P4; L1P10 contradicts its own formula
    p, v = profiles["D3"], vals["D3"]
    d = out_dir / p["folder"]; d.mkdir(exist_ok=True)
    v["L1P5"] = v["L1P4"] + 74
    right = round(v["L1P1"] / p["county"] * 100, 1)
    v["L1P10"] = round(right + 9.6, 1)
    p["fill_date"] = "2023年8月30日"
    fname = "任城区工程机械产业大脑评价指标填报表.docx"
    docx_indicator_doc(p, v, d / fname, "merged")
    entry(p, False, "仿照附件1版式、类型列纵向合并的Word指标表；规上企业数量大于产业链企业总数，产业集聚度与说明栏所列收入、产值算式不符。", [
        {"code": "INCONSISTENT_VALUE", "severity": "error", "file": fname, "field": "L1P5 产业链规上企业数量",
         "expected": "不大于L1P4 产业链企业数量%d家" % v["L1P4"], "found": "%d家" % v["L1P5"],
         "seed_quote": SEED_QUOTE["L1P5"] + "；" + SEED_QUOTE["L1P4"]},
        {"code": "CALCULATION_MISMATCH", "severity": "error", "file": fname, "field": "L1P10 产业集聚度",
         "expected": "%s÷%s×100%%=%s%%" % (fmt_num(v["L1P1"]), fmt_num(p["county"]), fmt_num(right)),
         "found": "%s%%" % fmt_num(v["L1P10"]), "seed_quote": SEED_QUOTE["L1P10"]},
    ], [{"file": fname, "evidenced": evidenced_list(v)}])

    # ---- D4: L1P7 total vs breakdown xlsx; L3P3 not a whole number
    p, v = profiles["D4"], vals["D4"]
    d = out_dir / p["folder"]; d.mkdir(exist_ok=True)
    true_sum = v["L1P7"]
    v["L1P7"] = true_sum + 6
    v["L3P3"] = v["L3P3"] + 0.5
    p["fill_date"] = "2023年9月26日"
    fname = "东营区石油装备产业大脑评价指标.docx"
    notes = {"L1P7": "详见附表《优势企业统计表》", "L3P3": "高层次数字人才及数字技能人才（按全年平均在岗人数折算）"}
    docx_indicator_doc(p, v, d / fname, "heading", notes_override=notes)
    xname = "新建文件夹/附表.xlsx"
    (d / "新建文件夹").mkdir(exist_ok=True)
    xlsx_breakdown(p, d / xname)
    entry(p, False, "Word指标表另附“新建文件夹/附表.xlsx”优势企业统计表；表内优势企业数量与附表合计不符，数字人才数量填了小数。", [
        {"code": "CALCULATION_MISMATCH", "severity": "error", "file": fname, "field": "L1P7 优势企业数量",
         "expected": "%d家（附表各类优势企业合计）" % true_sum, "found": "%d家" % v["L1P7"], "seed_quote": SEED_QUOTE["L1P7"]},
        {"code": "VALUE_OUT_OF_RANGE", "severity": "error", "file": fname, "field": "L3P3 数字人才数量",
         "expected": "整数人数", "found": "%s人" % fmt_num(v["L3P3"]), "seed_quote": SEED_QUOTE["L3P3"]},
    ], [{"file": fname, "evidenced": evidenced_list(v)}])

    # ---- D5: PDF; L1P1 reported for 2021 instead of 上年度 2022; L2P1 left blank
    p, v = profiles["D5"], vals["D5"]
    d = out_dir / p["folder"]; d.mkdir(exist_ok=True)
    p["fill_date"] = "2023年10月20日"
    fname = "宁津县体育器材产业大脑评价指标填报表.pdf"
    notes = {"L1P1": "2021年度体育器材产业链范围内企业主营业务收入合计（据2021年统计年报）"}
    pdf_indicator_doc(p, v, d / fname, notes_override=notes, long_override={"L2P1": ["（待补充）"]})
    entry(p, False, "从Word导出的文字型PDF指标表；产业规模填的是2021年度数据，“存储与计算资源”一节只写“（待补充）”。", [
        {"code": "DATE_OUT_OF_RANGE", "severity": "error", "file": fname, "field": "L1P1 产业规模",
         "expected": "上年度（2022年度）主营业务收入总和", "found": "2021年度主营业务收入合计", "seed_quote": SEED_QUOTE["L1P1"]},
        {"code": "MISSING_FIELD", "severity": "warning", "file": fname, "field": "L2P1 存储与计算资源",
         "expected": "说明山东工业云省级区域中心、行业中心、边缘中心建设情况", "found": "“（待补充）”",
         "seed_quote": SEED_QUOTE["L2P1"]},
    ], [{"file": fname, "evidenced": evidenced_list(v, missing=("L2P1",)), "not_evidenced": [nid("L2P1")]}])

    # ---- D6: zip with GBK names; award from 2018 counted; L1P4 not whole
    p, v = profiles["D6"], vals["D6"]
    p["zip"] = True
    p["fill_date"] = "2023年11月15日"
    used = {a[0] for a in p["awards"]}
    old_name, old_org = [a for a in AWARD_POOL if a[0] not in used][0]
    awards = [(old_name, old_org, 2018, 11)] + p["awards"]
    p["awards"] = awards
    v["L1P9"] = len(awards)
    v["L1P4"] = v["L1P4"] + 0.5
    tmp = io.BytesIO()
    inner_doc = "即墨纺织服装产业大脑/评价指标填报表.docx"
    inner_x = "即墨纺织服装产业大脑/附表 近三年获奖情况.xlsx"
    tdir = out_dir / "_tmp_d6"
    tdir.mkdir(exist_ok=True)
    notes = {"L1P4": "产业链在库企业（按四个季度平均）"}
    docx_indicator_doc(p, v, tdir / "a.docx", "merged", notes_override=notes)
    xlsx_awards(p, tdir / "b.xlsx", awards)
    write_gbk_zip(out_dir / (p["folder"] + ".zip"),
                  [(inner_doc, (tdir / "a.docx").read_bytes()), (inner_x, (tdir / "b.xlsx").read_bytes())])
    for f in tdir.iterdir():
        f.unlink()
    tdir.rmdir()
    entry(p, False, "Windows下打包的zip（GBK文件名），内含Word指标表及获奖情况附表；近三年获得奖励计入了2018年的荣誉，产业链企业数量填了小数。", [
        {"code": "DATE_OUT_OF_RANGE", "severity": "error", "file": inner_doc, "field": "L1P9 近三年获得奖励",
         "expected": "只计近三年内获得的荣誉（2018年不在近三年内），应为%d项" % (len(awards) - 1),
         "found": "计入2018年11月“%s”，填报%d项" % (old_name, len(awards)), "seed_quote": SEED_QUOTE["L1P9"]},
        {"code": "VALUE_OUT_OF_RANGE", "severity": "error", "file": inner_doc, "field": "L1P4 产业链企业数量",
         "expected": "整数家数", "found": "%s家" % fmt_num(v["L1P4"]), "seed_quote": SEED_QUOTE["L1P4"]},
    ], [{"file": inner_doc, "evidenced": evidenced_list(v)}])

    labels = {"writer": WRITER, "program": PROGRAM, "dossiers": dossiers}
    (out_dir / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: python generate.py OUT_DIR")
        sys.exit(2)
    generate(pathlib.Path(sys.argv[1]))
