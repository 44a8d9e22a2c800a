#!/usr/bin/env python3
"""Blind dossier corpus for 山东省“数据赋能”优秀产品 (2022 round, 鲁工信数据〔2022〕263号 附件2).

Writer: dataproduct_b.  Deterministic: every random generator is seeded, reportlab runs with
invariant=1, zip entries and xlsx properties carry fixed timestamps.

    python generate.py OUT_DIR
"""
import io
import json
import math
import pathlib
import random
import sys
import zipfile
import datetime as _dt

import numpy as np
from PIL import Image, ImageDraw, ImageFont
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab import rl_config

rl_config.useA85 = 0

WRITER = "dataproduct_b"
PROGRAM = "sd-data-product-2022"
FONT_PATH = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
pdfmetrics.registerFont(TTFont("wqy", FONT_PATH, subfontIndex=0))
FN = "wqy"

SCENARIOS = ["设备预测维护", "能耗动态平衡", "生产工艺优化", "质量智能控制", "市场精准营销"]

# ---------------------------------------------------------------- identifiers
USCC_ALPH = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc_check(body17):
    s = sum(USCC_ALPH.index(c) * w for c, w in zip(body17, USCC_W))
    return USCC_ALPH[(31 - s % 31) % 31]


def make_uscc(rng, div6, ma=True):
    if ma:
        tail = "MA" + "".join(rng.choice(USCC_ALPH) for _ in range(7))
    else:
        tail = "".join(rng.choice("0123456789") for _ in range(8)) + rng.choice(USCC_ALPH[:10])
    body = "91" + div6 + tail
    return body + uscc_check(body)


def id_check(body17):
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return "10X98765432"[sum(int(c) * x for c, x in zip(body17, w)) % 11]


def make_id(div6, birth, seq3):
    body = div6 + birth + seq3
    return body + id_check(body)


def word_count(text):
    """Microsoft Word 字数: CJK char 1, full-width punct 1, half-width alnum run 1, symbol run 1."""
    n = 0
    prev = None  # 'a' alnum run, 's' symbol run
    for ch in text:
        if ch.isspace():
            prev = None
            continue
        o = ord(ch)
        if o < 128:
            kind = "a" if ch.isalnum() else "s"
            if kind != prev:
                n += 1
            prev = kind
        else:
            n += 1
            prev = None
        # CJK and full-width chars each count 1
    return n


# ---------------------------------------------------------------- images
def _font(size):
    return ImageFont.truetype(FONT_PATH, size)


def make_seal(name, bottom="", size=420, color=(214, 24, 30), seed=0):
    rng = np.random.RandomState(seed)
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    c = size / 2
    d.ellipse([8, 8, size - 8, size - 8], outline=color + (255,), width=max(8, size // 34))
    R, r2 = size * 0.15, size * 0.15 * 0.38
    pts = []
    for i in range(10):
        a = -math.pi / 2 + i * math.pi / 5
        rr = R if i % 2 == 0 else r2
        pts.append((c + rr * math.cos(a), c + rr * math.sin(a)))
    d.polygon(pts, fill=color + (255,))
    n = len(name)
    fs = int(size * (0.15 if n <= 12 else 0.125 if n <= 16 else 0.105))
    span = min(250.0, 19.5 * n + 20) if n > 4 else 110.0
    rt = size / 2 - 8 - size // 34 - fs * 0.62
    f = _font(fs)
    for i, ch in enumerate(name):
        ang = -90 - span / 2 + span * (i + 0.5) / n
        ci = Image.new("RGBA", (int(fs * 1.4), int(fs * 1.4)), (0, 0, 0, 0))
        cd = ImageDraw.Draw(ci)
        cd.text((fs * 0.7, fs * 0.7), ch, font=f, fill=color + (255,), anchor="mm")
        ci = ci.rotate(-(ang + 90), expand=True, resample=Image.BICUBIC)
        px = c + rt * math.cos(math.radians(ang))
        py = c + rt * math.sin(math.radians(ang))
        img.alpha_composite(ci, (int(px - ci.width / 2), int(py - ci.height / 2)))
    if bottom:
        bf = _font(int(size * 0.085))
        d.text((c, c + size * 0.27), bottom, font=bf, fill=color + (255,), anchor="mm")
    a = np.array(img)
    small = Image.fromarray((rng.uniform(0.62, 1.0, size=(size // 12 + 1, size // 12 + 1)) * 255).astype(np.uint8))
    mott = np.asarray(small.resize((size, size), Image.BILINEAR)).astype(np.float32) / 255.0
    a[..., 3] = (a[..., 3] * mott * 0.9).astype(np.uint8)
    a[..., 0], a[..., 1], a[..., 2] = color
    return Image.fromarray(a, "RGBA")


def make_signature(name, seed, size=110, ink=(25, 25, 70)):
    rng = random.Random(seed)
    f = _font(size)
    w = int(size * (len(name) * 0.85 + 1.2))
    img = Image.new("RGBA", (w, int(size * 1.7)), (0, 0, 0, 0))
    x = size * 0.3
    for ch in name:
        ci = Image.new("RGBA", (int(size * 1.4), int(size * 1.4)), (0, 0, 0, 0))
        ImageDraw.Draw(ci).text((size * 0.7, size * 0.7), ch, font=f, fill=ink + (255,), anchor="mm")
        sc = rng.uniform(0.85, 1.1)
        ci = ci.resize((int(ci.width * sc * rng.uniform(0.75, 0.95)), int(ci.height * sc)))
        ci = ci.rotate(rng.uniform(-14, 6), expand=True, resample=Image.BICUBIC)
        img.alpha_composite(ci, (int(x), int(rng.uniform(0, size * 0.25))))
        x += size * rng.uniform(0.62, 0.78)
    d = ImageDraw.Draw(img)
    y0 = int(size * 1.35)
    pts = [(size * 0.2 + i * (x / 12), y0 + 10 * math.sin(i * 0.9)) for i in range(13)]
    d.line(pts, fill=ink + (230,), width=max(3, size // 30))
    img = img.transform(img.size, Image.AFFINE, (1, 0.32, -size * 0.45, 0, 1, 0), resample=Image.BICUBIC)
    return img


def scan_finish(img, seed, angle, quality=72):
    rng = np.random.RandomState(seed)
    img = img.convert("RGB").rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=(226, 226, 222))
    a = np.asarray(img).astype(np.int16)
    a = a + rng.normal(0, 5, size=a.shape[:2])[..., None].astype(np.int16)
    a = np.clip(a, 0, 255).astype(np.uint8)
    out = io.BytesIO()
    Image.fromarray(a).save(out, "JPEG", quality=quality, dpi=(150, 150))
    return out.getvalue()


def wrap_px(draw, text, font, width):
    lines, cur = [], ""
    for ch in text:
        if ch == "\n":
            lines.append(cur)
            cur = ""
            continue
        if draw.textlength(cur + ch, font=font) > width:
            lines.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        lines.append(cur)
    return lines


# ---------------------------------------------------------------- PDF helper
def tokens(text):
    """Split for wrapping without breaking half-width words."""
    out, cur = [], ""
    for ch in text:
        if ord(ch) < 128 and not ch.isspace():
            cur += ch
        else:
            if cur:
                out.append(cur)
                cur = ""
            out.append(ch)
    if cur:
        out.append(cur)
    return out


_IMG_CACHE = {}


class PDF:
    def __init__(self, pagesize=A4, footer=True):
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=pagesize, invariant=1, pageCompression=1)
        self.c.setCreator("WPS 文字")
        self.W, self.H = pagesize
        self.L, self.R = 62, self.W - 62
        self.top, self.bottom = self.H - 64, 64
        self.y = self.top
        self.pno = 1
        self.footer = footer

    def _foot(self):
        if self.footer:
            self.c.setFont(FN, 10)
            self.c.drawCentredString(self.W / 2, 36, "— %d —" % self.pno)

    def newpage(self):
        self._foot()
        self.c.showPage()
        self.pno += 1
        self.y = self.top

    def ensure(self, h):
        if self.y - h < self.bottom:
            self.newpage()

    def wrap(self, text, width, size):
        lines = []
        for part in text.split("\n"):
            cur = ""
            for t in tokens(part):
                if pdfmetrics.stringWidth(cur + t, FN, size) > width and cur:
                    lines.append(cur)
                    cur = t.lstrip() if t.isspace() else t
                else:
                    cur += t
            lines.append(cur)
        return lines

    def line(self, text, size=12, x=None, center=False, gap=1.65, color=None):
        self.ensure(size * gap)
        self.y -= size * gap
        self.c.setFont(FN, size)
        if color:
            self.c.setFillColorRGB(*color)
        if center:
            self.c.drawCentredString(self.W / 2, self.y, text)
        else:
            self.c.drawString(self.L if x is None else x, self.y, text)
        self.c.setFillColorRGB(0, 0, 0)

    def para(self, text, size=12, indent=2, x=None, width=None, gap=1.65):
        x = self.L if x is None else x
        width = (self.R - x) if width is None else width
        first = "\u3000" * indent
        for ln in self.wrap(first + text, width, size):
            self.line(ln, size, x=x, gap=gap)

    def space(self, h):
        self.y -= h

    def image(self, pil, x, y, w, h):
        key = id(pil)
        if key not in _IMG_CACHE:
            im = pil
            tw = int(w * 1.7)
            if im.width > tw:
                im = im.resize((tw, max(1, int(im.height * tw / im.width))), Image.LANCZOS)
            _IMG_CACHE[key] = (pil, ImageReader(im))
        self.c.drawImage(_IMG_CACHE[key][1], x, y, w, h, mask="auto")

    def grid(self, rows, widths, size=11, pad=5, minh=26):
        """rows: list of list of (text, span). draws bordered cells."""
        x0 = self.L
        for row in rows:
            cells = []
            ci = 0
            for text, span in row:
                w = sum(widths[ci:ci + span])
                cells.append((text, w))
                ci += span
            wrapped = [self.wrap(t, w - 2 * pad, size) for t, w in cells]
            h = max(minh, max(len(wl) for wl in wrapped) * size * 1.5 + 2 * pad)
            self.ensure(h)
            x = x0
            self.c.setFont(FN, size)
            for (t, w), wl in zip(cells, wrapped):
                self.c.rect(x, self.y - h, w, h)
                ty = self.y - pad - size
                for ln in wl:
                    self.c.drawString(x + pad, ty, ln)
                    ty -= size * 1.5
                x += w
            self.y -= h

    def boxed(self, label, text, lw=70, size=11, pad=6):
        """label cell on the left, long text on the right, split over pages."""
        lines = self.wrap(text, self.R - self.L - lw - 2 * pad, size) if text else [""]
        lh = size * 1.55
        i = 0
        first = True
        while i < len(lines) or first:
            avail = self.y - self.bottom - 2 * pad
            k = max(1, int(avail // lh))
            if avail < lh * 2 and not first:
                self.newpage()
                continue
            if avail < lh * 2:
                self.newpage()
                continue
            chunk = lines[i:i + k]
            h = max(40, len(chunk) * lh + 2 * pad)
            self.c.rect(self.L, self.y - h, lw, h)
            self.c.rect(self.L + lw, self.y - h, self.R - self.L - lw, h)
            self.c.setFont(FN, size)
            if first:
                ty = self.y - pad - size
                for j in range(0, len(label), 2):
                    self.c.drawString(self.L + pad, ty, label[j:j + 2])
                    ty -= size * 1.5
            ty = self.y - pad - size
            for ln in chunk:
                self.c.drawString(self.L + lw + pad, ty, ln)
                ty -= lh
            self.y -= h
            i += k
            first = False
            if i < len(lines):
                self.newpage()

    def bytes(self):
        self._foot()
        self.c.showPage()
        self.c.save()
        return self.buf.getvalue()


# ---------------------------------------------------------------- company / product data
def cn_date(d):
    return "%d年%02d月%02d日" % (d.year, d.month, d.day)


def D(s):
    return _dt.date.fromisoformat(s)


def cap_upper(wan):
    """万元 integer -> 大写 (whole 万 amounts only)."""
    digits = "零壹贰叁肆伍陆柒捌玖"
    units = ["", "拾", "佰", "仟"]

    def four(n):
        s, zero = "", False
        for i in range(3, -1, -1):
            dgt = n // (10 ** i) % 10
            if dgt:
                if zero and s:
                    s += "零"
                s += digits[dgt] + units[i]
                zero = False
            else:
                zero = True
        return s

    yi, wan_ = divmod(wan, 10000)
    s = ""
    if yi:
        s += four(yi) + "亿"
    if wan_:
        if yi and wan_ < 1000:
            s += "零"
        s += four(wan_) + "万"
    return s + "元整"


CUSTOMERS = [
    ("山东恒岳机械制造有限公司", "济南", "通用设备制造"),
    ("青岛北港橡胶制品有限公司", "青岛", "橡胶和塑料制品"),
    ("淄博鼎泰陶瓷科技有限公司", "淄博", "非金属矿物制品"),
    ("潍坊富华纺织有限公司", "潍坊", "纺织"),
    ("烟台金润食品有限公司", "烟台", "农副食品加工"),
    ("济宁宏远化工有限公司", "济宁", "化学原料和化学制品制造"),
    ("临沂安泰建材有限公司", "临沂", "非金属矿物制品"),
    ("威海海鸿渔具有限公司", "威海", "文教、工美、体育和娱乐用品制造"),
    ("东营海源石化装备有限公司", "东营", "专用设备制造"),
    ("德州鑫宇汽车零部件有限公司", "德州", "汽车制造"),
    ("聊城华东轴承有限公司", "聊城", "通用设备制造"),
    ("滨州宏业铝业有限公司", "滨州", "有色金属冶炼和压延加工"),
    ("泰安力诺电缆有限公司", "泰安", "电气机械和器材制造"),
    ("日照钢联精密铸造有限公司", "日照", "金属制品"),
    ("枣庄瑞丰纸业有限公司", "枣庄", "造纸和纸制品"),
    ("菏泽天健药业有限公司", "菏泽", "医药制造"),
]

CASE_TPL = {
    "设备预测维护": "{cust}是{ind}行业企业，关键设备突发故障时有发生，维修以事后抢修为主。{y}年{m}月，我公司在该企业部署{prod}，{how}接入{n}台关键设备的振动、温度、电流等运行数据，建立设备健康评估与故障预警模型，按健康度自动生成维护工单，实现设备预测维护。项目上线后，非计划停机时间下降{a}％，备件库存资金减少{b}万元。",
    "能耗动态平衡": "{cust}是{ind}行业企业，水、电、气、蒸汽消耗大，能源数据分散在多个系统。{y}年{m}月，我公司为其实施{prod}，{how}对{n}个能源计量点进行分钟级采集，建立负荷预测与分时调度模型，依据生产计划动态平衡各车间用能。项目运行一年，综合能耗下降{a}％，年节约能源费用{b}万元。",
    "生产工艺优化": "{cust}是{ind}行业企业，产品质量波动主要受工艺参数影响，参数设定依赖老师傅经验。{y}年{m}月，我公司在该企业实施{prod}，{how}汇聚{n}条产线的工艺参数与检验结果，建立工艺参数与产品指标的关联模型，给出推荐参数并下发至控制系统，实现生产工艺优化。实施后一次合格率提升{a}个百分点，单位产品原料消耗下降{b}％。",
    "质量智能控制": "{cust}是{ind}行业企业，原有人工抽检漏检率高、追溯困难。{y}年{m}月，我公司为其部署{prod}，{how}在{n}个关键工序采集在线检测图像和过程数据，建立缺陷识别与质量预警模型，超限自动报警并联动停机，实现质量智能控制。项目投运后，产品不良率下降{a}％，年减少质量损失{b}万元。",
    "市场精准营销": "{cust}是{ind}行业企业，经销网络覆盖面广但客户需求掌握不准。{y}年{m}月，我公司为其上线{prod}，{how}整合{n}家经销商的订单、库存与终端用户数据，构建客户画像与需求预测模型，按区域推送产品组合与促销方案，实现市场精准营销。上线后新客户转化率提升{a}％，库存周转天数减少{b}天。",
}


def case_text(rng, cust, scen, prod, how, y):
    name, city, ind = cust
    return CASE_TPL[scen].format(
        cust=name, ind=ind, y=y, m=rng.randint(2, 11), prod=prod, how=how,
        n=rng.randint(12, 260), a=rng.randint(8, 35), b=rng.randint(30, 480))


# Each dossier: company + product + layout + planted defects.
DOSSIERS = [
    dict(key="d01", folder="云枢科技-数据赋能优秀产品申报", as_of="2022-12-26", clean=True,
         name="山东云枢工业数据科技有限公司", div="370102", ma=True, city="济南市历下区",
         addr="山东省济南市历下区经十路17703号华特广场B座1506室", authority="济南市历下区行政审批服务局",
         rep="王立新", rep_sex="男", rep_birth="19780412", rep_div="370102", nature="民营",
         cap=5000, est="2016-03-18", term_end=None, staff=186, ctype="有限责任公司(自然人投资或控股)",
         industry="制造业-通用设备制造业-金属加工机械制造", contact=("孙晓宁", "市场部经理"),
         phone="0531-88126570", mobile="13805311267", fax="0531-88126571", email="sunxn@yunshu-data.cn",
         product="云枢工业设备数据采集网关系统V3.0", cat="数据采集类", layout="lines", pledge="esign",
         fill_date="2022-12-16",
         intro=["云枢工业设备数据采集网关系统是我公司自主研发的工业现场数据采集软硬件一体化产品。",
                "研发背景方面，省内大量规上工业企业存在设备品牌杂、通讯协议多、老旧设备没有数字接口等问题，生产数据依靠人工抄录，难以支撑精细化管理。",
                "公司自二〇一七年起组建专门团队，围绕多源异构设备接入开展技术攻关，先后迭代三个大版本。",
                "核心技术方面，产品内置协议解析引擎，支持OPC UA、Modbus、Profibus、CANBus以及主流数控系统和PLC的七十余种通讯协议，采用边缘计算架构在网关侧完成数据清洗、压缩和断点续传，单台网关可同时接入两百个以上数据点，采集周期最短十毫秒。",
                "主要功能包括设备联网接入、数据实时采集、边缘预处理、本地缓存、远程配置与升级，以及向企业私有云或工业互联网平台转发数据。",
                "应用领域覆盖机械加工、化工、纺织、食品、建材等行业的设备数字化改造。",
                "市场地位方面，产品已获得软件著作权四项、发明专利一项，累计服务省内外制造企业一百二十余家，接入设备超过一万台，在省内中小企业设备联网改造领域具有较高的市场占有率。"],
         plan="产品定位为面向离散制造和流程制造企业的设备数据采集底座。技术路线采用“端—边—云”架构：端侧通过串口、网口、无线模块连接设备；边侧网关运行嵌入式Linux和自研采集引擎，完成协议解析、数据建模和缓存；云侧提供设备接入管理平台，统一配置点表、监控网关状态并向上层应用开放数据接口。功能结构分为接入层、采集层、处理层、服务层四层，产品具有协议覆盖广、部署快、可远程运维等特性。",
         innov="产品入选2021年山东省首版次高端软件名单，获济南市科技进步二等奖。创新性技术包括自适应协议识别、点表模板复用和弱网环境断点续传，形成了“先采集、后治理、再应用”的设备联网改造经验。",
         effect="截至2022年11月，产品累计签订合同{ncon}项，合同金额合计{total}万元，接入设备超过一万台。用户平均减少人工抄表工作量八成以上，为后续数据分析打下基础。未来三年省内规上工业企业设备联网改造需求旺盛，市场空间广阔。",
         cases=[(0, "设备预测维护"), (3, "能耗动态平衡"), (5, "生产工艺优化")],
         how="通过加装数据采集网关", plan_future=None,
         files=dict(decl="申报书（盖章版）.pdf", lic="扫描件001.pdf", idc="扫描件002.pdf",
                    ip="附件/软著证书.pdf", con="附件/新建 Microsoft Excel 工作表.xlsx", eva="附件/用户评价.pdf"),
         defects=[]),
    dict(key="d02", folder="青岛海澜", as_of="2022-12-27", clean=True,
         name="青岛海澜智控科技（集团）有限公司", form_name="青岛海澜智控科技(集团)有限公司",
         div="370211", ma=False, city="青岛市黄岛区",
         addr="山东省青岛市黄岛区江山南路480号海澜科技园3号楼", authority="青岛市黄岛区行政审批服务局",
         rep="刘海峰", rep_sex="男", rep_birth="19720903", rep_div="370211", nature="民营",
         cap=12000, est="2012-06-01", term_end="2042-05-31", staff=432, ctype="其他有限责任公司",
         industry="制造业-橡胶和塑料制品业-橡胶制品业", contact=("马静", "项目申报专员"),
         phone="0532-86987710", mobile="15863920471", fax="0532-86987711", email="majing@hailan-ic.com",
         product="海澜工艺参数智能优化平台V2.1", cat="数据应用类", layout="grid4", pledge="scan",
         fill_date="2022-12-15", est_fmt="dot",
         intro=["海澜工艺参数智能优化平台是我公司面向流程型和混合型制造企业自主研发的数据驱动工艺优化软件。",
                "研发背景方面，橡胶、化工、建材等行业的工艺参数多、耦合强，长期依靠人工经验设定，质量波动和原料浪费明显。",
                "公司依托十年工业自动化项目积累，于二〇一九年启动平台研发。",
                "核心技术包括多源工艺数据对齐、基于机理与数据融合的工艺模型、参数寻优算法和闭环下发机制。",
                "平台主要功能有工艺数据汇聚、工艺知识库、参数推荐、偏差预警、配方管理和效果评估。",
                "应用领域涵盖橡胶制品、化工、陶瓷、食品等行业。",
                "平台已取得软件著作权六项、发明专利两项，服务企业四十余家，在省内橡胶行业工艺优化细分市场处于领先位置。"],
         plan="平台定位为工艺优化类工业APP。技术路线为“数据汇聚—模型训练—参数推荐—闭环验证”。架构设计上分数据接入层、数据治理层、模型层和应用层，支持私有化部署和云端部署两种方式。功能结构包括工艺数据中心、模型工厂、参数推荐、配方管理、效果评估五大模块。产品特性为模型可解释、参数可回溯、与现有DCS/PLC系统无缝对接。",
         innov="平台获2021年度山东省优秀工业APP称号、青岛市专精特新产品认定。总结出“机理打底、数据修正、闭环验证”的工艺优化方法，形成橡胶硫化、陶瓷烧成等行业模型模板十余个。",
         effect="平台目前在{ncust}家企业稳定运行，累计签订合同{ncon}项、金额合计{total}万元，帮助用户平均降低原料消耗3％以上。随着流程行业数字化转型加速，预计未来三年市场规模年均增长超过30％。",
         cases=[(1, "生产工艺优化"), (2, "生产工艺优化"), (4, "质量智能控制"), (15, "生产工艺优化")],
         how="通过对接DCS和质检系统", plan_future="市场精准营销",
         files=dict(decl="海澜-申报书.pdf", pledge="IMG_20221215_1632.jpg", lic="001.pdf", idc="002.pdf",
                    ip="003.pdf", con="004.xlsx", eva="005.pdf"),
         defects=[]),
    dict(key="d03", folder="数衡智联申报材料.zip", as_of="2022-12-28", clean=True,
         name="北京数衡智联科技有限公司", div="110108", ma=True, city="北京市海淀区",
         addr="北京市海淀区上地信息路26号中关村创业大厦7层712", authority="北京市海淀区市场监督管理局",
         rep="陈思远", rep_sex="男", rep_birth="19810627", rep_div="110108", nature="民营",
         cap=2000, est="2015-09-10", term_end="2045-09-09", staff=95, ctype="有限责任公司(自然人投资或控股)",
         industry="制造业-化学原料和化学制品制造业-基础化学原料制造", contact=("赵一鸣", "济南办事处主任"),
         phone="010-62981133", mobile="18653107762", fax="010-62981134", email="zhaoym@shuheng.com.cn",
         product="数衡企业数据管理（EDM）平台", cat="数据管理类", layout="below", pledge="esign",
         fill_date="2022-12-19", demo=True,
         intro=["数衡企业数据管理（EDM）平台是我公司自主研发的企业级数据管理软件，覆盖数据标准、元数据、主数据、数据质量和数据资产目录等能力。",
                "研发背景方面，制造企业信息系统多、编码不统一，数据难以共享和复用，急需按照DCMM国家标准建立规范化的数据管理体系。",
                "核心技术包括基于知识图谱的元数据血缘分析、规则引擎驱动的数据质量稽核和低代码主数据建模。",
                "主要功能有数据标准管理、主数据管理、元数据管理、数据质量管理、数据资产目录和DCMM自评估工具。",
                "平台适用于化工、装备制造、冶金等行业的大中型企业。",
                "平台取得软件著作权八项，二〇二一年入选工业和信息化部工业互联网试点示范项目，已在省内外化工企业中形成示范应用。"],
         plan="平台定位为企业数据管理的基础平台。技术路线采用微服务架构和容器化部署，底层兼容多种国产数据库。架构分为数据接入、数据治理、数据服务、运营门户四层。功能结构包括标准、元数据、主数据、质量、资产、安全六大中心。产品特性为国产化适配、开箱即用的行业数据标准模板、与DCMM评估指标一一对应。",
         innov="平台入选工业和信息化部2021年工业互联网试点示范项目（平台集成创新应用方向），获中国软件行业协会优秀软件产品称号。创新经验是把DCMM八大能力域拆解为可落地的平台功能和管理流程，做到“贯标有工具、管理有抓手”。",
         effect="平台已服务企业{ncust}家，累计签订合同{ncon}项，合同金额合计{total}万元。用户主数据重复率平均下降九成，为数据应用打下基础。随着DCMM贯标在山东全面推开，市场空间广阔。",
         cases=[(5, "生产工艺优化"), (8, "设备预测维护")],
         how="通过统一设备和物料主数据并治理历史数据，", plan_future=None,
         files=dict(decl="申报材料/1.pdf", lic="申报材料/附件/CamScanner 12-19-2022 10.21.pdf",
                    idc="申报材料/附件/CamScanner 12-19-2022 10.24.pdf", ip="申报材料/附件/知识产权.pdf",
                    hon="申报材料/附件/荣誉.pdf", con="申报材料/附件/合同.xlsx", eva="申报材料/附件/评价.pdf"),
         defects=[]),
    dict(key="d04", folder="鲁信数联", as_of="2022-12-22", clean=False,
         name="烟台鲁信数联信息技术有限公司", div="370602", ma=True, city="烟台市芝罘区",
         addr="山东省烟台市芝罘区南大街188号数联大厦11层", authority="烟台市芝罘区行政审批服务局",
         rep="于洪涛", rep_sex="男", rep_birth="19800215", rep_div="370602", nature="民营",
         cap=3000, est="2017-08-22", term_end=None, staff=124, ctype="有限责任公司(自然人投资或控股)",
         industry="制造业-农副食品加工业-水产品加工", contact=("曲晓燕", "综合部主管"),
         phone="0535-6612098", mobile="13953517783", fax="0535-6612099", email="quxy@luxinsl.cn",
         product="鲁信工业互联网标识解析企业节点服务平台", cat="数据传输类", layout="lines", pledge="esign",
         fill_date="2022-12-14", long_intro=True,
         intro=["鲁信工业互联网标识解析企业节点服务平台是我公司自主研发的数据传输类软件服务产品，为制造企业建设企业级标识解析节点并提供标识注册、解析和数据共享服务。",
                "研发背景方面，随着国家工业互联网标识解析体系建设推进，烟台、青岛等地已建成多个行业二级节点，但大量中小制造企业缺乏建设企业节点的技术能力，产品、原材料和设备编码不统一，产业链上下游之间的数据难以安全互通。",
                "公司自二〇一八年起参与地方行业二级节点的建设和运营，积累了标识编码、解析和运维经验，于二〇二〇年形成平台化产品。",
                "核心技术方面，平台采用兼容Handle、OID、Ecode等多种标识体系的解析引擎，支持标识编码规则在线配置、批量赋码和标识数据模板管理，内置国密算法实现标识数据的加密传输和访问控制，并提供与企业ERP、MES、WMS等系统对接的标准接口。",
                "主要功能包括企业节点部署、标识注册、标识解析、标识数据管理、赋码设备对接、上下游数据共享、解析量统计分析以及节点运行监控。",
                "平台支持公有云托管和本地部署两种模式，满足不同规模企业的需要。",
                "应用领域覆盖食品加工、机械装备、化工、医药等行业，可用于产品追溯、供应链协同和设备全生命周期管理。",
                "市场地位方面，平台已取得软件著作权五项，通过国家工业信息安全发展研究中心组织的测试，累计为省内外六十余家企业建设企业节点，标识注册量超过一亿条，是胶东地区服务企业数量较多的标识解析服务产品之一。",
                "公司还与多家行业二级节点运营单位签订了合作协议，共同推动标识解析在重点产业链中的规模化应用，助力企业破除数据孤岛，提升产业链上下游协同水平。"],
         plan="平台定位为企业级标识解析节点的建设与运营工具。技术路线采用云原生架构，解析服务可水平扩展。架构设计分为标识编码层、解析服务层、数据管理层和应用接口层。功能结构包括节点管理、赋码管理、解析服务、数据共享和运营统计五个子系统。产品特性为多标识体系兼容、国密安全、对接简便。",
         innov="平台获2022年烟台市工业互联网优秀解决方案称号。创新性地将标识赋码与产线数据采集同步完成，形成“一物一码、码随数走”的实施经验。",
         effect="平台已服务企业六十余家，累计签订合同{ncon}项，合同金额合计{total}万元，标识注册量超过一亿条。未来随着标识解析在重点产业链推广，市场空间将持续扩大。",
         cases=[(4, "质量智能控制"), (9, "设备预测维护"), (14, "质量智能控制")],
         how="通过建设企业标识解析节点并为产品和设备赋码，", plan_future=None,
         files=dict(decl="鲁信数联申报书.pdf", lic="营业执照.pdf", ip="软著登记证书.pdf",
                    con="合同金额汇总表.xlsx", eva="用户评价.pdf"),
         drop=["idc"],
         defects=["WORD_LIMIT_EXCEEDED", "MISSING_ATTACHMENT:idc"]),
    dict(key="d05", folder="智源能效", as_of="2022-12-23", clean=False,
         name="潍坊智源能效科技有限公司", div="370705", ma=True, city="潍坊市奎文区",
         addr="山东省潍坊市奎文区东风东街6655号智源大厦", authority="潍坊市奎文区行政审批服务局",
         rep="高建华", rep_sex="女", rep_birth="19830518", rep_div="370705", nature="民营",
         cap=1500, est="2018-05-09", term_end=None, staff=68, ctype="有限责任公司(自然人投资或控股)",
         industry="制造业-纺织业-棉纺织及印染精加工", contact=("李娜", "技术总监"),
         phone="0536-8198826", mobile="13706369251", fax="0536-8198827", email="lina@zyenergy.cn",
         product="智源能耗动态平衡管控系统V1.8", cat="数据应用类", layout="below", pledge="esign",
         fill_date="2022-12-13",
         intro=["智源能耗动态平衡管控系统是我公司自主研发的工业能源数据应用软件。",
                "研发背景方面，纺织、建材、化工等高耗能行业用能结构复杂，能源计量和生产数据分离，节能空间难以发现。",
                "核心技术包括多能源介质统一建模、基于生产计划的负荷预测、分时电价下的用能调度优化。",
                "主要功能有能源数据采集、能耗统计分析、能效对标、异常用能报警、负荷预测和调度建议。",
                "产品适用于纺织、建材、化工、造纸等行业。",
                "产品取得软件著作权三项，已在潍坊、淄博等地的纺织和陶瓷企业应用，在省内纺织行业能源管理细分领域具有一定影响力。"],
         plan="产品定位为中型制造企业的能源管控系统。技术路线为“计量—分析—优化—调度”闭环。架构分为采集层、数据层、模型层和应用层，支持本地服务器部署。功能结构包括能源监测、统计分析、能效对标、负荷预测、调度优化、报表中心六个模块。产品特性为建模灵活、部署轻量、对标数据丰富。",
         innov="产品获2022年潍坊市优秀软件产品称号。创新性地把生产排程数据引入能耗预测，形成了按订单动态安排高耗能工序的经验。",
         effect="产品目前在{ncust}家企业应用，累计签订合同{ncon}项，合同金额合计{total}万元，用户综合能耗平均下降8％左右。随着“双碳”工作推进，市场空间较大。",
         cases=[(3, "能耗动态平衡"), (2, "能耗动态平衡")],
         how="通过加装智能电表和蒸汽流量计，", plan_future=None,
         files=dict(decl="附件2 申报书.pdf", lic="扫描件001.pdf", idc="扫描件002.pdf", ip="扫描件003.pdf",
                    con="扫描件004.xlsx", eva="扫描件005.pdf"),
         unsealed_eval=1,
         defects=["COUNT_BELOW_MINIMUM", "MISSING_SEAL:eval"]),
    dict(key="d06", folder="齐鲁边缘云", as_of="2022-12-21", clean=False,
         name="淄博齐鲁边缘云计算有限公司", div="370305", ma=True, city="淄博市临淄区",
         addr="山东省淄博市临淄区齐鲁化学工业区清田路99号", authority="淄博市临淄区行政审批服务局",
         rep="孟凡军", rep_sex="男", rep_birth="19760730", rep_div="370305", nature="民营",
         cap=3500, form_cap="3000", est="2019-11-26", term_end=None, staff=77,
         ctype="有限责任公司(自然人投资或控股)",
         industry="制造业-化学原料和化学制品制造业-基础化学原料制造", contact=("刘畅", "销售经理"),
         phone="0533-7186650", mobile="15106432218", fax="0533-7186651", email="liuchang@qlec.cn",
         product="齐鲁工业边缘云一体机", cat="数据存储类", layout="lines", pledge="esign",
         fill_date="2022-12-12", lic_image=True, bad_code=True,
         intro=["齐鲁工业边缘云一体机是我公司自主研发的软硬件一体化边缘计算产品，集成计算、存储、网络和安全能力。",
                "研发背景方面，化工园区企业生产数据量大、对实时性和数据不出厂要求高，公有云难以满足。",
                "核心技术包括轻量化容器编排、边缘存储分层与冷热数据迁移、云边协同的模型下发和国产化硬件适配。",
                "主要功能有边缘算力池化、工业数据存储、应用容器托管、云边协同管理和基础安全防护。",
                "产品适用于化工、冶金、建材等流程行业企业和工业园区。",
                "产品取得软件著作权三项、实用新型专利两项，已在淄博、东营等地十余家化工企业部署。"],
         plan="产品定位为企业级边缘云的一体化交付形态。技术路线采用国产服务器加自研边缘云操作系统。架构分为硬件层、虚拟化与容器层、数据存储层、应用服务层和统一管理层。功能结构包括算力管理、存储管理、应用商店、云边协同和安全防护。产品特性为开箱即用、国产化、可扩展。",
         innov="产品获2022年淄博市首台（套）技术装备认定。创新性地将边缘存储与生产数据生命周期结合，形成化工企业“数据不出厂、算力就近用”的建设经验。",
         effect="产品累计签订合同{ncon}项，合同金额合计{total}万元，部署边缘节点三十余个。随着企业级边缘云建设推进，未来市场需求旺盛。",
         cases=[(5, "质量智能控制"), (8, "设备预测维护"), (11, "生产工艺优化")],
         how="通过部署边缘云一体机就近存储和计算现场数据，", plan_future=None,
         files=dict(decl="申报书-盖章.pdf", lic="IMG_20221209_0915.jpg", idc="身份证.pdf", ip="附件3.pdf",
                    con="附件4.xlsx", eva="附件5.pdf"),
         defects=["INCONSISTENT_VALUE:cap", "INVALID_IDENTIFIER:form_code"]),
    dict(key="d07", folder="新建文件夹", as_of="2022-12-29", clean=False,
         name="临沂沂蒙质控数据科技有限公司", div="371302", ma=True, city="临沂市兰山区",
         addr="山东省临沂市兰山区北京路37号临沂数字经济产业园A座", authority="临沂市兰山区行政审批服务局",
         rep="徐兆国", rep_sex="男", rep_birth="19790321", rep_div="371302", nature="民营",
         cap=1000, est="2020-04-16", term_end=None, staff=53, ctype="有限责任公司(自然人投资或控股)",
         industry="制造业-木材加工和木、竹、藤、棕、草制品业-人造板制造", contact=("王倩", "行政主管"),
         phone="0539-8726615", mobile="18265906132", fax="0539-8726616", email="wangqian@ymzk.cn",
         product="沂蒙视觉质检数据分析系统V1.2", cat="数据应用类", layout="lines", pledge="none",
         fill_date="2022-12-20",
         intro=["沂蒙视觉质检数据分析系统是我公司自主研发的工业视觉质检与质量数据分析软件。",
                "研发背景方面，板材、建材、五金等行业表面缺陷检测主要依靠人工目检，效率低、标准不一。",
                "核心技术包括小样本缺陷识别算法、多相机同步采集和质量数据统计过程控制。",
                "主要功能有图像采集、缺陷识别、分级判定、质量报表和追溯查询。",
                "产品适用于人造板、建材、五金、纺织等行业。",
                "产品取得软件著作权三项，已服务临沂及周边企业二十余家。"],
         plan="产品定位为面向中小企业的视觉质检系统。技术路线采用工业相机加边缘推理服务器。架构分为采集层、推理层、数据层和应用层。功能结构包括采集控制、缺陷识别、质量统计、追溯查询四个模块。产品特性为部署快、样本需求少、可与产线联动。",
         innov="产品获2022年临沂市优秀软件产品称号。创新性地采用小样本迁移学习，新缺陷类型上线周期缩短到一周以内。",
         effect="产品累计签订合同{ncon}项，合同金额合计{total}万元。用户平均减少质检人员一半以上。临沂板材产业集群规模大，市场空间广阔。",
         cases=[(6, "质量智能控制"), (13, "质量智能控制"), (10, "质量智能控制")],
         how="通过在产线加装工业相机和边缘推理服务器，", plan_future="生产工艺优化",
         files=dict(decl="1.pdf", lic="2.pdf", idc="3.pdf", ip="4.pdf", con="5.xlsx", eva="6.pdf"),
         defects=["MISSING_SIGNATURE:pledge", "MISSING_SEAL:pledge"]),
    dict(key="d08", folder="鲁智物联-申报", as_of="2022-12-20", clean=False,
         name="济宁鲁智装备物联科技有限公司", div="370811", ma=True, city="济宁市任城区",
         addr="山东省济宁市任城区崇文大道1号济宁高新区软件园8号楼", authority="济宁市任城区行政审批服务局",
         rep="韩东", rep_sex="男", rep_birth="19850109", rep_div="370811", nature=None,
         cap=2000, est="2017-02-28", term_end="2047-02-27", staff=112, ctype="有限责任公司(自然人投资或控股)",
         industry="制造业-通用设备制造业-轴承、齿轮和传动部件制造", contact=("周敏", "总经理助理"),
         phone="0537-2356619", mobile="13562789120", fax="0537-2356620", email="zhoumin@luzhi-iot.cn",
         product="鲁智设备预测性维护平台V2.0；鲁智能耗在线监测系统V1.5", cat="数据应用类", layout="below",
         pledge="esign", fill_date="2022-12-12", two_products=True,
         intro=["本次申报的鲁智设备预测性维护平台和鲁智能耗在线监测系统均为我公司自主研发的工业数据应用产品。",
                "研发背景方面，轴承、齿轮、机床等装备制造企业设备数量多、能耗高，设备管理和能源管理长期粗放。",
                "设备预测性维护平台的核心技术包括振动频谱分析、设备健康度评估和剩余寿命预测，主要功能有状态监测、故障诊断、维护工单和备件管理。",
                "能耗在线监测系统的核心技术包括多介质能源计量接入和能效对标分析，主要功能有能耗实时监测、能耗报表和异常报警。",
                "两款产品可单独部署，也可共用数据采集底座。",
                "产品共取得软件著作权五项，服务济宁、聊城等地装备制造企业三十余家。"],
         plan="产品定位为装备制造企业的设备与能源数据应用套件。技术路线采用统一数据采集底座加应用微服务。架构分为采集层、数据平台层和应用层。功能结构包括设备状态监测、故障诊断、维护管理、能耗监测和报表分析。产品特性为模块化、可单独选配。",
         innov="预测性维护平台获2022年济宁市优秀工业APP称号。创新性地采用振动与电流信号融合诊断，降低了传感器改造成本。",
         effect="两款产品累计签订合同{ncon}项，合同金额合计{total}万元。用户设备综合效率平均提升5个百分点。装备制造行业设备管理数字化需求旺盛，市场空间广阔。",
         cases=[(10, "设备预测维护"), (0, "设备预测维护"), (12, "能耗动态平衡")],
         how="通过加装振动和电流传感器，", plan_future=None,
         files=dict(decl="申报书.pdf", lic="执照.pdf", idc="身份证正反面.pdf", ip="软著.pdf",
                    con="合同汇总.xlsx", eva="评价.pdf"),
         defects=["MULTIPLE_PRODUCTS", "OPTION_NOT_SELECTED:nature"]),
    dict(key="d09", folder="蓝海数智", as_of="2022-12-26", clean=False,
         name="威海蓝海数智科技有限公司", div="371002", ma=False, city="威海市环翠区",
         addr="山东省威海市环翠区海滨北路128号蓝海科技楼", authority="威海市环翠区行政审批服务局",
         rep="曲志刚", rep_sex="男", rep_birth="19700806", rep_div="371002", nature="民营",
         cap=800, est="2002-12-05", term_end="2022-12-04", staff=58, ctype="有限责任公司(自然人投资或控股)",
         industry="制造业-文教、工美、体育和娱乐用品制造业-体育用品制造", contact=("丛丽", "办公室主任"),
         phone="0631-5236071", mobile="13863106618", fax="0631-5236072", email="congli@lhsz.com.cn",
         product="蓝海市场精准营销数据平台V3.2", cat="数据应用类", layout="lines", pledge="esign",
         fill_date="2022-12-18", id_image=True, bad_total=True,
         intro=["蓝海市场精准营销数据平台是我公司自主研发的制造企业营销数据应用软件。",
                "研发背景方面，威海渔具、轮胎、食品等出口型和经销型制造企业渠道层级多，终端需求变化快，企业对经销商库存和终端销售掌握滞后。",
                "核心技术包括多渠道订单数据整合、客户画像建模、区域需求预测和营销效果归因分析。",
                "主要功能有渠道数据采集、客户画像、需求预测、营销活动管理、促销效果评估和经营驾驶舱。",
                "产品适用于渔具、轮胎、食品饮料、家电等经销型制造企业。",
                "平台取得软件著作权四项，已服务威海、烟台、青岛等地制造企业三十余家，在胶东地区渔具行业营销数字化领域具有较高知名度。"],
         plan="平台定位为经销型制造企业的营销数据中台。技术路线采用数据中台加轻应用架构。架构分为数据采集层、数据中台层、模型层和应用层。功能结构包括渠道数据中心、客户中心、预测中心、营销中心四大模块。产品特性为对接主流电商和进销存系统、模型可配置、移动端可用。",
         innov="平台获2021年威海市优秀软件产品称号。创新性地把经销商进销存数据纳入需求预测，形成“以销定产、以数促销”的实施经验。",
         effect="平台累计签订合同{ncon}项，合同金额合计{total}万元。用户平均库存周转天数缩短15天以上。制造企业营销数字化渗透率仍较低，市场空间广阔。",
         cases=[(7, "市场精准营销"), (4, "市场精准营销"), (12, "市场精准营销")],
         how="通过对接经销商进销存系统和电商平台，", plan_future=None,
         files=dict(decl="蓝海数智申报书.pdf", lic="扫描件001.pdf", idc="IMG_20221217_1108.jpg",
                    ip="扫描件003.pdf", con="扫描件004.xlsx", eva="扫描件005.pdf"),
         defects=["DOCUMENT_EXPIRED", "CALCULATION_MISMATCH"]),
    dict(key="d10", folder="华信工业软件德州", as_of="2022-12-22", clean=False,
         name="山东华信工业软件有限公司德州分公司", div="371402", ma=True, city="德州市德城区",
         addr="山东省德州市德城区新湖大街1166号德州数字经济产业园5层", authority="德州市德城区行政审批服务局",
         rep="张建军", rep_sex="男", rep_birth="19770915", rep_div="371402", nature="国有+民营",
         cap=None, form_cap="5000（总公司）", est="2019-07-15", term_end=None, staff=46,
         ctype="有限责任公司分公司(自然人投资或控股)", branch=True,
         industry="制造业-汽车制造业-汽车零部件及配件制造", contact=("李伟", "分公司副经理"),
         phone="0534-2618803", mobile="13905346627", fax="0534-2618804", email="liwei@huaxin-ind.cn",
         product="华信制造执行数据采集与质量追溯系统V4.0", cat="数据采集类", layout="lines", pledge="esign",
         fill_date="2022-12-15",
         intro=["华信制造执行数据采集与质量追溯系统是华信工业软件面向汽车零部件企业自主研发的生产现场数据采集软件。",
                "研发背景方面，汽车零部件企业质量追溯要求严格，但生产过程数据大量停留在纸质记录和单机设备中。",
                "核心技术包括工位级数据采集终端、设备参数自动采集、条码与批次自动关联和追溯链路构建。",
                "主要功能有工位数据采集、设备参数采集、批次管理、质量数据记录和正反向追溯。",
                "产品适用于汽车零部件、机械加工、电子装配等离散制造行业。",
                "产品取得软件著作权三项，已在德州、聊城等地汽车零部件企业应用二十余家。"],
         plan="产品定位为离散制造现场的数据采集与追溯系统。技术路线采用工位终端加采集服务器。架构分为终端层、采集服务层、数据层和应用层。功能结构包括工位采集、设备采集、批次管理、追溯查询四个模块。产品特性为工位终端即插即用、与主流MES和ERP对接。",
         innov="产品获2022年德州市优秀软件产品称号。创新性地将工位终端与设备参数采集统一编码，实现零部件逐件追溯。",
         effect="产品累计签订合同{ncon}项，合同金额合计{total}万元，用户质量追溯时间由数小时缩短到几分钟。汽车零部件行业追溯需求持续增长，市场空间广阔。",
         cases=[(9, "质量智能控制"), (10, "质量智能控制"), (13, "质量智能控制")],
         how="通过在关键工位部署数据采集终端，", plan_future=None,
         files=dict(decl="华信德州-申报书.pdf", lic="扫描件001.pdf", idc="扫描件002.pdf", ip="扫描件003.pdf",
                    con="扫描件004.xlsx", eva="扫描件005.pdf"),
         defects=["ELIGIBILITY_FAILED", "OPTION_CONFLICT:nature"]),
    dict(key="d11", folder="港联数据", as_of="2022-12-27", clean=False,
         name="日照港联数据服务有限公司", div="371102", ma=True, city="日照市东港区",
         addr="山东省日照市东港区海曲东路396号日照国际金融中心21层", authority="日照市东港区行政审批服务局",
         rep="厉明", rep_sex="男", rep_birth="19820411", rep_div="371102", nature="国有",
         cap=6000, est="2018-10-30", term_end=None, staff=139, ctype="有限责任公司(国有控股)",
         industry="制造业-黑色金属冶炼和压延加工业-钢压延加工", contact=("张璐", "市场部主管"),
         phone="0633-8316627", mobile="15563301876", fax="0633-8316628", email="zhanglu@gldata.cn",
         product="港联工业数据安全防护系统V2.0", cat="数据存储类", layout="below", pledge="esign",
         fill_date="2021-12-20", empty_plan=True,
         intro=["港联工业数据安全防护系统是我公司自主研发的工业企业数据安全防护产品。",
                "研发背景方面，钢铁、港口、化工等企业生产网与办公网互联后，工业数据面临泄露、篡改和勒索等风险。",
                "核心技术包括工业协议深度解析、数据资产自动识别与分类分级、敏感数据脱敏和数据流转审计。",
                "主要功能有数据资产识别、分类分级、数据脱敏、数据库审计、数据泄露防护和安全态势展示。",
                "产品适用于钢铁、港口、化工、能源等行业企业。",
                "产品取得软件著作权四项，通过公安部第三研究所检测，已服务日照及周边企业二十余家。"],
         plan="",
         innov="产品获2022年日照市网络安全优秀产品称号。创新性地将工业数据分类分级与数据脱敏策略联动，形成“先识别、再分级、后防护”的实施经验。",
         effect="产品累计签订合同{ncon}项，合同金额合计{total}万元。用户未发生数据安全事件。随着数据安全法规实施，企业数据安全防护需求快速增长。",
         cases=[(13, "质量智能控制"), (11, "生产工艺优化"), (5, "设备预测维护")],
         how="在保障数据分类分级防护的前提下打通生产数据，", plan_future=None,
         files=dict(decl="港联-申报书.pdf", lic="营业执照副本.pdf", idc="法人身份证.pdf", ip="软著.pdf",
                    con="合同.xlsx", eva="用户评价.pdf"),
         defects=["MISSING_FIELD:plan", "DATE_OUT_OF_RANGE"]),
    dict(key="d12", folder="石化云链", as_of="2022-12-28", clean=True,
         name="东营石化云链科技有限公司", div="370502", ma=True, city="东营市东营区",
         addr="山东省东营市东营区府前大街59号东营软件园C座", authority="东营市东营区行政审批服务局",
         rep="杜宏伟", rep_sex="男", rep_birth="19750128", rep_div="370502", nature="国有",
         cap=10000, est="2018-04-08", term_end="9999-12-31", staff=210, ctype="有限责任公司(国有控股)",
         industry="制造业-石油、煤炭及其他燃料加工业-精炼石油产品制造", contact=("王鹏", "数字化事业部经理"),
         phone="0546-8779012", mobile="13954621095", fax="0546-8779013", email="wangpeng@shyl.com.cn",
         product="石化装置设备健康管理数据平台V2.3", cat="数据应用类", layout="lines", pledge="esign",
         fill_date="2022-12-19", latin_intro=True, est_fmt="cn",
         intro=["石化装置设备健康管理数据平台是我公司自主研发的石化行业设备数据应用软件。",
                "研发背景方面，石化装置连续运行、设备价值高，传统定期检修既有过修又有失修。",
                "核心技术方面，平台基于 Kubernetes 容器化部署，时序数据存储采用 TDengine 与 PostgreSQL 组合，数据接入兼容 OPC UA、Modbus TCP、MQTT 等协议，并与 SAP PM、Maximo 等资产管理系统对接；算法侧基于 TensorFlow 和 PyTorch 训练振动频谱、油液分析和工艺参数融合的设备健康模型，支持 ONNX 模型导出和边缘推理。",
                "平台前端采用 Vue 与 ECharts 构建可视化驾驶舱，移动端支持 Android 和 HarmonyOS，接口遵循 RESTful 规范并提供 Python SDK；安全方面支持 LDAP 单点登录和 HTTPS 加密传输，数据库可替换为 openGauss、OceanBase、DM 等国产数据库。",
                "主要功能有设备状态监测、健康度评估、故障诊断、剩余寿命预测、检维修工单和知识库。",
                "平台适用于炼油、化工、化肥等流程行业企业。",
                "平台取得软件著作权五项、发明专利一项，服务东营、滨州、淄博等地石化企业二十余家，在省内地炼企业设备管理领域处于领先地位。"],
         plan="平台定位为石化装置设备全生命周期健康管理平台。技术路线采用云边协同架构，边侧完成数据采集和实时诊断，云侧完成模型训练和跨装置对标。架构分为感知层、边缘层、平台层和应用层。功能结构包括监测、诊断、预测、检修、知识五大中心。产品特性为行业模型丰富、与资产管理系统深度集成、支持信创环境。",
         innov="平台获2022年山东省优秀工业互联网平台解决方案称号、东营市科技进步一等奖。总结出“机理模型与数据模型双驱动”的设备诊断经验，形成机泵、压缩机、加热炉等设备模型五十余个。",
         effect="平台累计签订合同{ncon}项，合同金额合计{total}万元，接入设备一万二千余台。用户关键机组非计划停机次数平均下降四成。随着石化行业智能化改造推进，未来市场空间广阔。",
         cases=[(8, "设备预测维护"), (5, "设备预测维护"), (11, "能耗动态平衡")],
         how="通过在机泵、压缩机上加装无线振动温度传感器，", plan_future="质量智能控制",
         files=dict(decl="石化云链申报书（最终版）.pdf", lic="扫描件001.pdf", idc="扫描件002.pdf",
                    ip="扫描件003.pdf", con="扫描件004.xlsx", eva="扫描件005.pdf"),
         defects=[]),
]

SEED_Q = {
    "one_product": "本表仅可填写一款产品，多款产品请填写多款申报表",
    "pledge": "法人代表(签字)：…申报单位(公章)：；请按要求在申报表上统一签字并加盖公章",
    "intro": "产品简介 概要描述产品研发背景、核心技术、主要功能、应用领域、市场地位等。(500字)",
    "unit_cert": "(一) 单位证明(必要项) 单位统一社会信用代码注册登记证(照)、法人身份证。",
    "cases": "具有3个以上成功项目案例(获评国家、省级示范试点的不受案例数量限制)",
    "eval_seal": "用户评价等。(若提供用户评价需加盖用户单位公章)",
    "legal": "在国内依法注册，具有独立法人资格，近三年无重大违法违规行为、无重大生产安全事故，经营状态正常",
    "nature": "单位性质 □国有 □民营 □合资 □外资",
    "plan": "总体方案 产品总体方案，如产品定位、技术路线、架构设计、功能结构、产品特性等",
    "date": "填报日期： 年 月 日；山东省工业和信息化厅编制 二〇二二年十二月；于12月30日前将加盖公章的申报书…报送",
    "contract": "产品相关售卖合同及金额汇总表",
    "code": "统一社会信用代码",
    "cap": "注册资本(万元)",
}


# ---------------------------------------------------------------- derived data
def prepare(dd, idx):
    rng = random.Random(1000 + idx)
    dd["rng"] = rng
    dd["code"] = make_uscc(rng, dd["div"], dd["ma"])
    if dd.get("bad_code"):
        good = dd["code"]
        ch = USCC_ALPH[(USCC_ALPH.index(good[-1]) + 7) % 31]
        dd["form_code"] = good[:-1] + ch
        assert uscc_check(dd["form_code"][:17]) != dd["form_code"][17]
    else:
        dd["form_code"] = dd["code"]
    seq = "%03d" % (rng.randint(10, 480) * 2 + (1 if dd["rep_sex"] == "男" else 0))
    dd["rep_id"] = make_id(dd["rep_div"], dd["rep_birth"], seq)
    dd.setdefault("form_name", dd["name"])
    if "form_cap" not in dd:
        dd["form_cap"] = str(dd["cap"])
    dd["est_d"] = D(dd["est"])
    dd["fill_d"] = D(dd["fill_date"])
    # seals / signatures
    dd["seal"] = make_seal(dd["name"], seed=idx * 7 + 1)
    dd["sig"] = make_signature(dd["rep"], seed=idx * 11 + 3)
    # cases
    prod_short = dd["product"].split("；")[0]
    prod_short = prod_short.rstrip("0123456789.V")
    dd["prod_short"] = prod_short
    years = [2020, 2021, 2021, 2022]
    dd["case_texts"] = []
    for i, (ci, scen) in enumerate(dd["cases"]):
        dd["case_texts"].append(case_text(rng, CUSTOMERS[ci], scen, prod_short, dd["how"], years[i % 4]))
    # contracts (one per case customer plus others)
    cons = []
    cust_idx = [c for c, _ in dd["cases"]]
    extra = [i for i in range(len(CUSTOMERS)) if i not in cust_idx]
    rng.shuffle(extra)
    for j, ci in enumerate(cust_idx + extra[:rng.randint(1, 3)]):
        amt = round(rng.randint(180, 1650) / 10.0, 1)
        day = _dt.date(2020 + j % 3, rng.randint(1, 12), rng.randint(1, 28))
        cons.append((CUSTOMERS[ci][0], "%s采购及实施合同" % prod_short, day, amt))
    dd["contracts"] = cons
    dd["total"] = round(sum(c[3] for c in cons), 1)
    dd["effect_txt"] = dd["effect"].format(ncon=len(cons), total=("%.1f" % dd["total"]),
                                           ncust=len(cons))
    if dd.get("plan_future"):
        dd["effect_txt"] += "下一步，公司计划于2023年研发{}相关模块，进一步拓展产品应用场景。".format(dd["plan_future"])
    dd["intro_txt"] = "".join(dd["intro"])
    wc = word_count(dd["intro_txt"])
    dd["intro_wc"] = wc
    if dd.get("long_intro"):
        assert wc > 560, wc
    else:
        assert wc <= 480, (dd["key"], wc)
    if dd.get("latin_intro"):
        assert len(dd["intro_txt"]) > 520 and wc <= 480, (len(dd["intro_txt"]), wc)
    for t in [dd["intro_txt"], dd["plan"], dd["innov"]]:
        for s in SCENARIOS:
            assert s not in t.replace(dd["prod_short"], "").replace("能耗动态平衡管控系统", ""), (dd["key"], s)


# ---------------------------------------------------------------- checkbox strings
def boxes(options, chosen, style):
    out = []
    for o in options:
        on = o in chosen
        if style == "square":
            out.append(("■" if on else "□") + o)
        elif style == "after":
            out.append(o + ("√" if on else "□"))
        else:
            out.append(("√" if on else "□") + o)
    return "    ".join(out)


NATURES = ["国有", "民营", "合资", "外资"]
CATS = ["数据采集类", "数据传输类", "数据存储类", "数据管理类", "数据应用类"]


def nature_sel(dd):
    n = dd["nature"]
    return [] if not n else n.split("+")


# ---------------------------------------------------------------- declaration PDF
def draw_cover(p, dd, sealed=True, signed=True):
    c = p.c
    p.space(120)
    p.line("山东省“数据赋能”优秀产品申报书", 24, center=True)
    p.space(150)
    x = p.L + 40
    p.line("申  报  单  位：%s（盖章）" % dd["form_name"], 14, x=x, gap=2.6)
    sy = p.y
    p.line("申  报  类  别：%s" % dd["cat"], 14, x=x, gap=2.6)
    p.line("法  人  代  表：%s（签名）" % dd["rep"], 14, x=x, gap=2.6)
    gy = p.y
    d = dd["fill_d"]
    p.line("填  报  日  期：%d 年 %d 月 %d 日" % (d.year, d.month, d.day), 14, x=x, gap=2.6)
    if sealed:
        p.image(dd["seal"], x + 250, sy - 70, 120, 120)
    if signed:
        s = dd["sig"]
        p.image(s, x + 330, gy - 12, 95, 95 * s.height / s.width)
    p.y = 150
    p.line("山东省工业和信息化厅编制", 14, center=True)
    p.line("二〇二二年十二月", 14, center=True)
    p.newpage()


def draw_notes(p):
    p.line("填表说明", 16, center=True, gap=2.4)
    for t in ["1. 本申报表由山东省工业和信息化厅统一编制。",
              "2. 填写申报表时用宋体、小四号字体填写；正文内容用仿宋、3号字体填写，单倍行距。",
              "3. 申报企业需要准备提交的材料包括申请表及配套证明材料。请按要求在申报表上统一签字并加盖公章。",
              "4. 如有任何疑问，可致电或发送电子邮件咨询。",
              "5. 本表仅可填写一款产品，多款产品请填写多款申报表"]:
        p.para(t, 12, indent=0)
    p.newpage()


def draw_pledge(p, dd, signed=True, sealed=True):
    p.space(60)
    p.line("真实性承诺", 20, center=True, gap=3)
    p.space(30)
    p.para("我单位申报的所有材料，均真实、完整，如有不实，愿承担相应的责任。", 14)
    p.space(80)
    x = p.L + 200
    p.line("法人代表(签字)：", 14, x=x, gap=3)
    if signed:
        s = dd["sig"]
        p.image(s, x + 115, p.y - 14, 110, 110 * s.height / s.width)
    p.space(40)
    p.line("申报单位(公章)：", 14, x=x, gap=3)
    sy = p.y
    d = dd["fill_d"]
    p.space(20)
    p.line("%d 年 %d 月 %d 日" % (d.year, d.month, d.day), 14, x=x + 110, gap=3)
    if sealed:
        p.image(dd["seal"], x + 95, sy - 85, 135, 135)
    p.newpage()


def basic_pairs(dd):
    est = dd["est_d"]
    if dd.get("est_fmt") == "dot":
        est_s = "%d.%02d.%02d" % (est.year, est.month, est.day)
    elif dd.get("est_fmt") == "cn":
        est_s = "%d年%d月%d日" % (est.year, est.month, est.day)
    else:
        est_s = est.isoformat()
    return [("单位名称", dd["form_name"]), ("注册地址", dd["addr"]),
            ("统一社会信用代码", dd["form_code"]), ("注册资本(万元)", dd["form_cap"]),
            ("成立日期", est_s), ("单位规模(人)", str(dd["staff"])),
            ("聚焦服务行业", dd["industry"])]


def case_block(dd):
    nums = "一二三四五六"
    return ["案例%s、%s" % (nums[i], t) for i, t in enumerate(dd["case_texts"])]


def build_declaration(dd):
    p = PDF()
    lay = dd["layout"]
    esign = dd["pledge"] == "esign"
    signed_cover = dd["pledge"] != "none"
    draw_cover(p, dd, sealed=signed_cover, signed=signed_cover)
    if lay != "below":
        draw_notes(p)
    if dd["pledge"] in ("esign", "none"):
        draw_pledge(p, dd, signed=esign, sealed=esign)
    pairs = basic_pairs(dd)
    nat = nature_sel(dd)
    style = {"lines": "square", "below": "after", "grid4": "tick"}[lay]
    nat_s = boxes(NATURES, nat, style)
    cat_s = boxes(CATS, [dd["cat"]], style)
    cname, cpos = dd["contact"]
    sections = [("产品简介", dd["intro_txt"]), ("总体方案", dd["plan"]),
                ("赋能案例", "\n".join(case_block(dd))), ("创新经验", dd["innov"]),
                ("应用成效", dd["effect_txt"])]
    if lay == "grid4":
        p.line("一、申报单位基本情况", 15, gap=2.2)
        W = [95, 140, 95, p.R - p.L - 330]
        g = dict(pairs)
        p.grid([[("单位名称", 1), (g["单位名称"], 3)],
                [("单位性质", 1), (nat_s, 3)],
                [("注册地址", 1), (g["注册地址"], 3)],
                [("统一社会信用代码", 1), (g["统一社会信用代码"], 1), ("注册资本(万元)", 1), (g["注册资本(万元)"], 1)],
                [("成立日期", 1), (g["成立日期"], 1), ("单位规模(人)", 1), (g["单位规模(人)"], 1)],
                [("聚焦服务行业", 1), (g["聚焦服务行业"], 3)],
                [("联系人姓名", 1), (cname, 1), ("电话", 1), (dd["phone"], 1)],
                [("职务", 1), (cpos, 1), ("手机", 1), (dd["mobile"], 1)],
                [("传真", 1), (dd["fax"], 1), ("E-mail", 1), (dd["email"], 1)]], W, size=10.5)
        p.space(10)
        p.line("二、申报产品整体情况", 15, gap=2.2)
        p.grid([[("申报产品类别", 1), (cat_s, 3)], [("产品名称", 1), (dd["product"], 3)]], W, size=10.5)
        for lab, txt in sections:
            p.boxed(lab, txt, lw=W[0])
    elif lay == "lines":
        p.line("一、申报单位基本情况", 15, gap=2.2)
        for lab, val in pairs[:1]:
            p.line("%s：%s" % (lab, val), 12)
        p.line("单位性质：" + nat_s, 12)
        for lab, val in pairs[1:]:
            p.line("%s：%s" % (lab, val), 12)
        p.line("联系人：%s    职务：%s" % (cname, cpos), 12)
        p.line("电话：%s    手机：%s" % (dd["phone"], dd["mobile"]), 12)
        p.line("传真：%s    E-mail：%s" % (dd["fax"], dd["email"]), 12)
        p.space(8)
        p.line("二、申报产品整体情况", 15, gap=2.2)
        p.line("申报产品类别：" + cat_s, 12)
        p.line("产品名称：" + dd["product"], 12)
        for k, (lab, txt) in enumerate(sections):
            p.line("（%s）%s" % ("一二三四五"[k], lab), 13, gap=2.0)
            if lab == "赋能案例":
                for t in case_block(dd):
                    p.para(t, 12)
            else:
                p.para(txt, 12)
    else:  # below
        p.line("一、申报单位基本情况", 15, gap=2.2)
        rows = pairs[:1] + [("单位性质", nat_s)] + pairs[1:] + [
            ("联系人姓名", cname), ("职务", cpos), ("电话", dd["phone"]), ("手机", dd["mobile"]),
            ("传真", dd["fax"]), ("E-mail", dd["email"])]
        for lab, val in rows:
            p.line(lab, 12, gap=1.8)
            p.line(val, 12, x=p.L + 24, gap=1.5)
        p.space(8)
        p.line("二、申报产品整体情况", 15, gap=2.2)
        p.line("申报产品类别", 12, gap=1.8)
        p.line(cat_s, 12, x=p.L + 24, gap=1.5)
        p.line("产品名称", 12, gap=1.8)
        p.line(dd["product"], 12, x=p.L + 24, gap=1.5)
        hints = {"产品简介": "（概要描述产品研发背景、核心技术、主要功能、应用领域、市场地位等。500字）",
                 "总体方案": "（产品总体方案，如产品定位、技术路线、架构设计、功能结构、产品特性等）",
                 "赋能案例": "（列举以数据驱动赋能的应用案例）",
                 "创新经验": "（获得相关荣誉、总结产品取得的创新性技术和经验。）",
                 "应用成效": "（描述产品当前应用规模，带来的经济效益和社会效益，未来市场空间等）"}
        for lab, txt in sections:
            p.line(lab, 13, gap=2.0)
            if not txt:
                p.line(hints[lab], 10.5, x=p.L + 24, gap=1.6)
                p.space(60)
                continue
            if lab == "赋能案例":
                for t in case_block(dd):
                    p.para(t, 12)
            else:
                p.para(txt, 12)
    p.space(10)
    p.line("三、证明材料（复印件需加盖公章）", 15, gap=2.2)
    att = ["（一）单位证明：营业执照、法人身份证（见附件）",
           "（二）荣誉类：" + ("工业和信息化部2021年工业互联网试点示范项目证书（见附件）" if dd.get("demo") else "详见创新经验部分"),
           "（三）资质类：产品测试报告（略）",
           "（四）研发类：计算机软件著作权登记证书",
           "（五）效益类：产品销售合同及金额汇总表、用户评价"]
    for t in att:
        p.line(t, 12)
    return p.bytes()


# ---------------------------------------------------------------- pledge scan (image page)
def build_pledge_scan(dd, seed):
    W, H = 1240, 1754
    img = Image.new("RGB", (W, H), (246, 246, 242))
    d = ImageDraw.Draw(img)
    d.text((W / 2, 300), "真实性承诺", font=_font(64), fill=(20, 20, 20), anchor="mm")
    body = "我单位申报的所有材料，均真实、完整，如有不实，愿承担相应的责任。"
    y = 470
    for ln in wrap_px(d, "\u3000\u3000" + body, _font(40), W - 260):
        d.text((130, y), ln, font=_font(40), fill=(25, 25, 25))
        y += 70
    d.text((520, 880), "法人代表(签字)：", font=_font(40), fill=(25, 25, 25))
    d.text((520, 1060), "申报单位(公章)：", font=_font(40), fill=(25, 25, 25))
    fd = dd["fill_d"]
    d.text((760, 1220), "%d 年 %d 月 %d 日" % (fd.year, fd.month, fd.day), font=_font(40), fill=(25, 25, 25))
    d.text((W / 2, 1660), "— 12 —", font=_font(30), fill=(60, 60, 60), anchor="mm")
    sig = make_signature(dd["rep"], seed=seed + 5, size=120, ink=(15, 15, 35))
    img.paste(sig, (820, 820), sig)
    seal = make_seal(dd["name"], size=380, seed=seed + 9)
    img.paste(seal, (700, 900), seal)
    return scan_finish(img, seed, angle=0.9)


# ---------------------------------------------------------------- licence
def licence_fields(dd):
    cap = "——" if dd.get("branch") else ("人民币" if dd["key"] == "d03" else "") + cap_upper(dd["cap"])
    est = dd["est_d"]
    if dd["term_end"] is None:
        term = "长期"
    else:
        term = "%s 至 %s" % (cn_date(est), cn_date(D(dd["term_end"])))
    rep_lab = "负  责  人" if dd.get("branch") else "法定代表人"
    f = [("统一社会信用代码", dd["code"]), ("名    称", dd["name"]), ("类    型", dd["ctype"]),
         (rep_lab, dd["rep"])]
    if not dd.get("branch"):
        f.append(("注册资本", cap))
    f += [("成立日期", cn_date(est)), ("营业期限", term),
          ("营业场所" if dd.get("branch") else "住    所", dd["addr"]),
          ("经营范围", "一般项目：软件开发；信息系统集成服务；工业互联网数据服务；物联网技术服务；"
                       "技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）")]
    return f


def issue_date(dd):
    est = dd["est_d"]
    return _dt.date(max(est.year, 2020), 3 if est.month > 3 else est.month + 4, 10)


def build_licence_pdf(dd):
    p = PDF(pagesize=landscape(A4), footer=False)
    c = p.c
    W, H = p.W, p.H
    c.setStrokeColorRGB(0.72, 0.55, 0.25)
    c.setLineWidth(3)
    c.rect(24, 24, W - 48, H - 48)
    c.setLineWidth(1)
    c.rect(32, 32, W - 64, H - 64)
    c.setStrokeColorRGB(0, 0, 0)
    c.setFont(FN, 34)
    c.drawCentredString(W / 2, H - 95, "营  业  执  照")
    c.setFont(FN, 13)
    c.drawCentredString(W / 2, H - 120, "（副      本）" if dd["key"] != "d12" else "（电子营业执照）")
    c.setFont(FN, 11)
    c.drawString(70, H - 150, "统一社会信用代码")
    c.drawString(70, H - 166, dd["code"])
    # QR placeholder
    rng = random.Random(hash(dd["code"]) % 1000 if False else len(dd["code"]) + dd["staff"])
    q = 5
    for i in range(21):
        for j in range(21):
            if rng.random() < 0.5 or (i < 7 and j < 7) or (i < 7 and j > 13) or (i > 13 and j < 7):
                c.rect(W - 150 + i * q, H - 230 + j * q, q, q, fill=1, stroke=0)
    c.setFont(FN, 9)
    c.drawString(W - 160, H - 245, "扫描二维码登录“国家企业信用")
    c.drawString(W - 160, H - 257, "信息公示系统”了解更多登记、")
    c.drawString(W - 160, H - 269, "备案、许可、监管信息。")
    y = H - 200
    fields = licence_fields(dd)
    for lab, val in fields:
        if lab == "统一社会信用代码":
            continue
        c.setFont(FN, 12.5)
        c.drawString(90, y, lab)
        lines = p.wrap(val, 470, 12.5)
        for ln in lines:
            c.drawString(190, y, ln)
            y -= 22
        y -= 6
    idate = issue_date(dd)
    c.setFont(FN, 13)
    c.drawString(W - 300, 110, "登记机关")
    c.drawString(W - 250, 80, "%d 年 %02d 月 %02d 日" % (idate.year, idate.month, idate.day))
    auth_seal = make_seal(dd["authority"], size=300, seed=dd["staff"])
    p.image(auth_seal, W - 270, 55, 130, 130)
    # applicant stamps the copy
    p.image(dd["seal"], 120, 50, 105, 105)
    c.setFont(FN, 9)
    c.drawString(70, 42, "国家市场监督管理总局监制")
    return p.bytes()


def build_licence_jpg(dd, seed):
    W, H = 1754, 1240
    img = Image.new("RGB", (W, H), (248, 246, 240))
    d = ImageDraw.Draw(img)
    d.rectangle([30, 30, W - 30, H - 30], outline=(170, 130, 60), width=8)
    d.rectangle([46, 46, W - 46, H - 46], outline=(170, 130, 60), width=2)
    d.text((W / 2, 140), "营  业  执  照", font=_font(84), fill=(20, 20, 20), anchor="mm")
    d.text((W / 2, 215), "（副      本）", font=_font(34), fill=(20, 20, 20), anchor="mm")
    f = _font(32)
    d.text((110, 250), "统一社会信用代码", font=f, fill=(20, 20, 20))
    d.text((110, 295), dd["code"], font=_font(36), fill=(20, 20, 20))
    y = 380
    for lab, val in licence_fields(dd):
        if lab == "统一社会信用代码":
            continue
        d.text((150, y), lab, font=f, fill=(20, 20, 20))
        for ln in wrap_px(d, val, f, 1100):
            d.text((400, y), ln, font=f, fill=(20, 20, 20))
            y += 50
        y += 12
    idate = issue_date(dd)
    d.text((1280, 1040), "登记机关", font=f, fill=(20, 20, 20))
    d.text((1250, 1110), "%d 年 %02d 月 %02d 日" % (idate.year, idate.month, idate.day), font=f,
           fill=(20, 20, 20))
    a = make_seal(dd["authority"], size=300, seed=seed + 2)
    img.paste(a, (1300, 880), a)
    s = make_seal(dd["name"], size=300, seed=seed + 3)
    img.paste(s, (220, 900), s)
    return scan_finish(img, seed, angle=-0.7)


# ---------------------------------------------------------------- ID card
def id_fields(dd):
    b = dd["rep_birth"]
    addr = dd["addr"].split("号")[0] + "号"
    return dict(name=dd["rep"], sex=dd["rep_sex"], nation="汉",
                birth="%s年%d月%d日" % (b[:4], int(b[4:6]), int(b[6:])), addr=addr, id=dd["rep_id"],
                auth=dd["city"].replace("市", "市公安局").split("局")[0] + "局" + dd["city"].split("市")[1] + "分局",
                valid="2016.05.11-2036.05.11")


def build_id_pdf(dd):
    p = PDF(footer=False)
    c = p.c
    f = id_fields(dd)
    x, y, w, h = 130, 470, 340, 214
    for k in range(2):
        yy = 560 if k == 0 else 300
        c.roundRect(x, yy, w, h, 12)
        if k == 0:
            c.setFont(FN, 12)
            lines = [("姓名", f["name"]), ("性别", f["sex"] + "    民族 " + f["nation"]),
                     ("出生", f["birth"]), ("住址", f["addr"])]
            ty = yy + h - 30
            for lab, val in lines:
                c.drawString(x + 16, ty, lab)
                for ln in p.wrap(val, 200, 12):
                    c.drawString(x + 56, ty, ln)
                    ty -= 20
                ty -= 6
            c.drawString(x + 16, yy + 20, "公民身份号码   " + f["id"])
            c.rect(x + w - 100, yy + h - 130, 80, 100)
        else:
            c.setFont(FN, 16)
            c.drawCentredString(x + w / 2 + 20, yy + h - 50, "中华人民共和国")
            c.setFont(FN, 20)
            c.drawCentredString(x + w / 2 + 20, yy + h - 82, "居民身份证")
            c.setFont(FN, 12)
            c.drawString(x + 40, yy + 50, "签发机关   " + f["auth"])
            c.drawString(x + 40, yy + 26, "有效期限   " + f["valid"])
    c.setFont(FN, 12)
    c.drawString(x, 240, "此复印件仅供申报山东省“数据赋能”优秀产品使用，再复印无效。")
    p.image(dd["seal"], 360, 170, 115, 115)
    return p.bytes()


def build_id_jpg(dd, seed):
    W, H = 1240, 1754
    img = Image.new("RGB", (W, H), (240, 240, 238))
    d = ImageDraw.Draw(img)
    f = id_fields(dd)
    ft = _font(34)
    x0, w, h = 190, 860, 540
    y1, y2 = 180, 820
    d.rounded_rectangle([x0, y1, x0 + w, y1 + h], 30, outline=(80, 80, 80), width=3, fill=(232, 236, 238))
    rows = [("姓名", f["name"]), ("性别", f["sex"] + "      民族  " + f["nation"]), ("出生", f["birth"]),
            ("住址", f["addr"])]
    y = y1 + 50
    for lab, val in rows:
        d.text((x0 + 40, y), lab, font=ft, fill=(60, 60, 60))
        for ln in wrap_px(d, val, ft, 440):
            d.text((x0 + 150, y), ln, font=ft, fill=(10, 10, 10))
            y += 48
        y += 14
    d.text((x0 + 40, y1 + h - 70), "公民身份号码", font=ft, fill=(60, 60, 60))
    d.text((x0 + 290, y1 + h - 72), f["id"], font=_font(40), fill=(10, 10, 10))
    d.rectangle([x0 + w - 250, y1 + 60, x0 + w - 50, y1 + 310], outline=(120, 120, 120), width=2,
                fill=(210, 214, 218))
    d.rounded_rectangle([x0, y2, x0 + w, y2 + h], 30, outline=(80, 80, 80), width=3, fill=(232, 236, 238))
    d.text((x0 + w / 2 + 40, y2 + 120), "中华人民共和国", font=_font(52), fill=(10, 10, 10), anchor="mm")
    d.text((x0 + w / 2 + 40, y2 + 210), "居民身份证", font=_font(64), fill=(10, 10, 10), anchor="mm")
    d.text((x0 + 90, y2 + 360), "签发机关   " + f["auth"], font=ft, fill=(10, 10, 10))
    d.text((x0 + 90, y2 + 430), "有效期限   " + f["valid"], font=ft, fill=(10, 10, 10))
    d.text((x0, 1450), "此复印件仅供申报“数据赋能”优秀产品使用", font=ft, fill=(20, 20, 20))
    s = make_seal(dd["name"], size=300, seed=seed + 4)
    img.paste(s, (760, 1360), s)
    return scan_finish(img, seed, angle=1.2)


# ---------------------------------------------------------------- IP / honour / contracts / evaluation
def build_ip_pdf(dd):
    p = PDF(footer=False)
    rng = random.Random(dd["staff"] * 3)
    prods = dd["product"].split("；")
    for k, prod in enumerate(prods):
        p.space(40)
        p.line("中华人民共和国国家版权局", 18, center=True, gap=2.4)
        p.line("计算机软件著作权登记证书", 22, center=True, gap=2.4)
        p.line("证书号：软著登字第%07d号" % rng.randint(5000000, 9999999), 12, center=True, gap=2.4)
        p.space(30)
        ry = dd["est_d"].year + 2 if dd["est_d"].year < 2019 else 2021
        rd = _dt.date(min(ry, 2022), rng.randint(1, 9), rng.randint(1, 28))
        for lab, val in [("软件名称", prod.replace("V", " V")), ("著作权人", dd["name"]),
                         ("开发完成日期", cn_date(rd - _dt.timedelta(days=90))),
                         ("首次发表日期", cn_date(rd - _dt.timedelta(days=60))),
                         ("权利取得方式", "原始取得"), ("权利范围", "全部权利"),
                         ("登记号", "%dSR%07d" % (rd.year, rng.randint(100000, 1999999)))]:
            p.line("%s：%s" % (lab, val), 13, x=p.L + 40, gap=2.2)
        p.space(20)
        p.para("根据《计算机软件保护条例》和《计算机软件著作权登记办法》的规定，经中国版权保护中心审核，对以上事项予以登记。", 12)
        p.line(cn_date(rd), 13, x=p.R - 160, gap=3)
        p.image(make_seal("中华人民共和国国家版权局", size=300, seed=77 + k), p.R - 190, p.y - 30, 120, 120)
        p.image(dd["seal"], p.L + 30, p.y - 150, 110, 110)
        if k < len(prods) - 1:
            p.newpage()
    return p.bytes()


def build_honour_pdf(dd):
    p = PDF(footer=False)
    p.space(80)
    p.line("工业和信息化部", 22, center=True, gap=2.6)
    p.line("2021年工业互联网试点示范项目", 20, center=True, gap=2.6)
    p.space(40)
    p.para("项目名称：基于%s的化工企业数据治理与应用" % dd["product"], 14, indent=0, x=p.L + 40)
    p.para("承担单位：%s" % dd["name"], 14, indent=0, x=p.L + 40)
    p.para("示范方向：平台集成创新应用", 14, indent=0, x=p.L + 40)
    p.space(40)
    p.line("工业和信息化部信息技术发展司", 13, x=p.R - 230, gap=2.4)
    p.line("二〇二二年一月", 13, x=p.R - 180, gap=2.0)
    p.image(dd["seal"], p.L + 40, p.y - 140, 110, 110)
    return p.bytes()


def build_contracts_xlsx(dd):
    wb = Workbook()
    ws = wb.active
    ws.title = "合同汇总"
    thin = Side(style="thin")
    bd = Border(left=thin, right=thin, top=thin, bottom=thin)
    unit_in_cell = dd["key"] in ("d05", "d09", "d12")
    ws.merge_cells("A1:F1")
    ws["A1"] = "%s销售合同及金额汇总表" % dd["prod_short"]
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.merge_cells("A2:F2")
    ws["A2"] = "填报单位：%s" % dd["name"]
    ws.merge_cells("A3:A4")
    ws["A3"] = "序号"
    ws.merge_cells("B3:D3")
    ws["B3"] = "合同信息"
    ws["B4"], ws["C4"], ws["D4"] = "客户单位", "合同名称", "签订日期"
    ws.merge_cells("E3:E4")
    ws["E3"] = "合同金额" if unit_in_cell else "合同金额（万元）"
    ws.merge_cells("F3:F4")
    ws["F3"] = "备注"
    r = 5
    for i, (cust, cname, day, amt) in enumerate(dd["contracts"], 1):
        ws.cell(r, 1, i)
        ws.cell(r, 2, cust)
        ws.cell(r, 3, cname)
        cd = ws.cell(r, 4, _dt.datetime(day.year, day.month, day.day))
        cd.number_format = "yyyy-mm-dd"
        ws.cell(r, 5, ("%.1f万元" % amt) if unit_in_cell else amt)
        ws.cell(r, 6, "已验收")
        r += 1
    total = dd["total"]
    if dd.get("bad_total"):
        total = round(total + 100.0, 1)
        dd["bad_total_value"] = total
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
    ws.cell(r, 1, "合计")
    ws.cell(r, 5, ("%.1f万元" % total) if unit_in_cell else total)
    for row in ws.iter_rows(min_row=3, max_row=r, max_col=6):
        for cell in row:
            cell.border = bd
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for col, w in zip("ABCDEF", (6, 30, 34, 13, 14, 10)):
        ws.column_dimensions[col].width = w
    fixed = _dt.datetime(2022, 12, 10, 9, 30, 0)
    wb.properties.creator = "Administrator"
    wb.properties.created = fixed
    wb.properties.modified = fixed
    buf = io.BytesIO()
    wb.save(buf)
    return normalize_zip(buf.getvalue(), fixed)


def normalize_zip(data, fixed):
    """rewrite an OOXML zip with fixed timestamps (openpyxl stamps 'modified' with now)."""
    zin = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    zout = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)
    for info in zin.infolist():
        b = zin.read(info.filename)
        if info.filename == "docProps/core.xml":
            import re
            b = re.sub(rb"<dcterms:modified([^>]*)>[^<]*</dcterms:modified>",
                       b"<dcterms:modified\\1>2022-12-10T09:30:00Z</dcterms:modified>", b)
        zi = zipfile.ZipInfo(info.filename, date_time=fixed.timetuple()[:6])
        zi.compress_type = zipfile.ZIP_DEFLATED
        zout.writestr(zi, b)
    zout.close()
    return out.getvalue()


EVAL_TXT = [
    "我单位自{y}年起使用{prod}，系统运行稳定，数据采集准确及时，供应商技术团队响应迅速，能够结合我单位实际需求开展定制开发和现场服务。产品上线后对提升我单位数字化管理水平、降本增效作用明显，总体评价为优秀，同意推荐。",
    "{prod}在我单位已稳定运行一年以上，功能满足合同约定要求，操作界面友好，与现有系统对接顺畅。项目实施规范、文档齐全，取得了良好的经济效益，我单位对该产品和服务表示满意。",
    "该产品自{y}年在我单位投入使用以来，有效解决了生产管理中的数据难题，实施团队专业，售后服务及时。经我单位评估，产品达到预期目标，评价为满意。",
]


def build_eval_pdf(dd):
    p = PDF(footer=False)
    rng = random.Random(dd["staff"] * 5)
    n = len(dd["cases"])
    for i, (ci, _) in enumerate(dd["cases"]):
        cust = CUSTOMERS[ci][0]
        p.space(50)
        p.line("用户使用评价意见", 20, center=True, gap=2.6)
        p.space(20)
        p.line("产品名称：%s" % dd["product"].split("；")[0], 12.5, gap=2.2)
        p.line("供应单位：%s" % dd["name"], 12.5, gap=2.2)
        p.line("使用单位：%s" % cust, 12.5, gap=2.2)
        p.line("评价意见：", 12.5, gap=2.2)
        p.para(EVAL_TXT[i % 3].format(y=2020 + i % 3, prod=dd["prod_short"]), 12.5)
        p.space(60)
        p.line("使用单位（盖章）：", 12.5, x=p.L + 230, gap=2.4)
        yy = p.y
        p.line("%d年%d月%d日" % (2022, 11, rng.randint(3, 28)), 12.5, x=p.L + 300, gap=2.6)
        if dd.get("unsealed_eval") != i:
            p.image(make_seal(cust, size=300, seed=300 + ci), p.L + 300, yy - 70, 120, 120)
        if i < n - 1:
            p.newpage()
    return p.bytes()


# ---------------------------------------------------------------- labels
def defects_for(dd, files):
    out = []
    decl = files["decl"]
    for dcode in dd["defects"]:
        code, _, what = dcode.partition(":")
        if code == "WORD_LIMIT_EXCEEDED":
            out.append(dict(code=code, severity="warning", file=decl, field="产品简介",
                            expected="不超过500字（Word字数统计）",
                            found="实际%d字（Word字数统计）/ 上限500字" % dd["intro_wc"],
                            seed_quote=SEED_Q["intro"]))
        elif code == "MISSING_ATTACHMENT":
            out.append(dict(code=code, severity="error", file=None, field="法人身份证",
                            expected="提供法定代表人身份证复印件（单位证明，必要项）",
                            found="材料中只有营业执照，没有法人身份证",
                            seed_quote=SEED_Q["unit_cert"]))
        elif code == "COUNT_BELOW_MINIMUM":
            out.append(dict(code=code, severity="error", file=decl, field="赋能案例",
                            expected="3个以上成功项目案例（未获评国家、省级示范试点）",
                            found="只列举了2个案例（案例一、案例二），未提及获评示范试点",
                            seed_quote=SEED_Q["cases"]))
        elif code == "MISSING_SEAL" and what == "eval":
            ci = dd["cases"][dd["unsealed_eval"]][0]
            out.append(dict(code=code, severity="error", file=files["eva"], field="用户评价",
                            expected="用户评价加盖用户单位公章（%s）" % CUSTOMERS[ci][0],
                            found="第%d页%s的用户评价“使用单位（盖章）”处无公章" % (dd["unsealed_eval"] + 1, CUSTOMERS[ci][0]),
                            seed_quote=SEED_Q["eval_seal"]))
        elif code == "INCONSISTENT_VALUE":
            out.append(dict(code=code, severity="error", file=decl, field="注册资本(万元)",
                            expected="%d（营业执照：%s）" % (dd["cap"], cap_upper(dd["cap"])),
                            found=dd["form_cap"], seed_quote=SEED_Q["cap"]))
        elif code == "INVALID_IDENTIFIER":
            out.append(dict(code=code, severity="error", file=decl, field="统一社会信用代码",
                            expected="%s（营业执照所载，校验位 %s）" % (dd["code"], dd["code"][-1]),
                            found="%s（第18位校验码应为%s）" % (dd["form_code"], uscc_check(dd["form_code"][:17])),
                            seed_quote=SEED_Q["code"]))
        elif code == "MISSING_SIGNATURE":
            out.append(dict(code=code, severity="error", file=decl, field="真实性承诺—法人代表(签字)",
                            expected="法人代表签字", found="签字处空白（封面“法人代表（签名）”也未签）",
                            seed_quote=SEED_Q["pledge"]))
        elif code == "MISSING_SEAL" and what == "pledge":
            out.append(dict(code=code, severity="error", file=decl, field="真实性承诺—申报单位(公章)",
                            expected="加盖申报单位公章", found="公章处空白，申报书全文无公章",
                            seed_quote=SEED_Q["pledge"]))
        elif code == "MULTIPLE_PRODUCTS":
            out.append(dict(code=code, severity="error", file=decl, field="产品名称",
                            expected="一款产品的规范全称", found=dd["product"],
                            seed_quote=SEED_Q["one_product"]))
        elif code == "OPTION_NOT_SELECTED":
            out.append(dict(code=code, severity="error", file=decl, field="单位性质",
                            expected="勾选国有/民营/合资/外资之一", found="四个选项均未勾选",
                            seed_quote=SEED_Q["nature"]))
        elif code == "DOCUMENT_EXPIRED":
            out.append(dict(code=code, severity="error", file=files["lic"], field="营业期限",
                            expected="营业期限在%s仍有效" % dd["as_of"],
                            found="%s 至 %s（已届满）" % (cn_date(dd["est_d"]), cn_date(D(dd["term_end"]))),
                            seed_quote=SEED_Q["legal"]))
        elif code == "CALCULATION_MISMATCH":
            out.append(dict(code=code, severity="warning", file=files["con"], field="合同金额汇总表—合计",
                            expected="%.1f万元（各合同金额之和；申报书应用成效亦为%.1f万元）" % (dd["total"], dd["total"]),
                            found="%.1f万元" % dd["bad_total_value"], seed_quote=SEED_Q["contract"]))
        elif code == "ELIGIBILITY_FAILED":
            out.append(dict(code=code, severity="error", file=files["lic"], field="独立法人资格",
                            expected="具有独立法人资格的企业",
                            found="营业执照类型为“%s”，设负责人，申报单位为分公司" % dd["ctype"],
                            seed_quote=SEED_Q["legal"]))
        elif code == "OPTION_CONFLICT":
            out.append(dict(code=code, severity="error", file=decl, field="单位性质",
                            expected="单选其一", found="同时勾选“国有”和“民营”",
                            seed_quote=SEED_Q["nature"]))
        elif code == "MISSING_FIELD":
            out.append(dict(code=code, severity="error", file=decl, field="总体方案",
                            expected="填写产品定位、技术路线、架构设计、功能结构、产品特性等",
                            found="只保留了填写提示，内容空白", seed_quote=SEED_Q["plan"]))
        elif code == "DATE_OUT_OF_RANGE":
            out.append(dict(code=code, severity="warning", file=decl, field="填报日期",
                            expected="2022年12月（本批次申报书二〇二二年十二月编制，12月30日前报送）",
                            found="%d年%d月%d日（封面及真实性承诺落款均为此日期）" % (dd["fill_d"].year, dd["fill_d"].month, dd["fill_d"].day),
                            seed_quote=SEED_Q["date"]))
        else:
            raise ValueError(dcode)
    return out


DESCR = {
    "d01": "济南民营企业的数据采集类产品申报，重新录入表格导出的文本PDF（标签：值），电子公章与签名画在PDF上，执照注册资本为大写伍仟万元整、营业期限长期",
    "d02": "青岛集团公司的数据应用类产品，申报书为四列表格PDF，真实性承诺单独为签字盖章的扫描页JPG，执照名称用全角括号而申报书用半角括号，成立日期写作2012.06.01",
    "d03": "北京注册企业的数据管理类产品（国内注册即可），zip压缩包，值在标签下方，仅两个案例但产品获评工信部试点示范，执照资本为“人民币贰仟万元整”",
    "d04": "烟台企业的数据传输类产品，标签：值格式PDF，产品简介明显超过500字，且缺少法人身份证",
    "d05": "潍坊企业的数据应用类（能耗）产品，值在标签下方，只有两个赋能案例，其中一份用户评价未盖用户单位公章",
    "d06": "淄博企业的边缘云一体机（数据存储类），执照为手机拍照JPG，申报书注册资本与执照不一致，统一社会信用代码校验位打错",
    "d07": "临沂企业的视觉质检产品，文件夹名为新建文件夹、文件名为1.pdf至6.xlsx，真实性承诺和封面均未签字未盖章",
    "d08": "济宁企业在一张申报书中填报两款产品，单位性质四个选项都未勾选",
    "d09": "威海企业的精准营销数据平台，法人身份证为扫描JPG，营业执照营业期限已于2022年12月4日届满，合同汇总表合计金额与明细之和不符",
    "d10": "德州分公司（非独立法人）以分公司名义申报数据采集类产品，单位性质同时勾选国有和民营",
    "d11": "日照国有企业的数据安全防护产品，值在标签下方，总体方案只留填写提示未填写，填报日期与承诺日期为2021年12月",
    "d12": "东营国有控股企业的设备健康管理平台，产品简介含大量英文技术名词（字符数超过500但Word字数不超过500），执照营业期限至9999年12月31日，成立日期写作中文格式",
}


def narratives(dd, decl):
    ev = []
    for _, s in dd["cases"]:
        if s not in [e["id"] for e in ev]:
            ev.append({"id": s, "name": s})
    ne = []
    if dd.get("plan_future") and dd["plan_future"] not in [e["id"] for e in ev]:
        ne.append({"id": dd["plan_future"], "name": dd["plan_future"]})
    n = {"file": decl, "evidenced": ev}
    if ne:
        n["not_evidenced"] = ne
    return [n]


# ---------------------------------------------------------------- main
def generate(out_dir):
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    labels = {"writer": WRITER, "program": PROGRAM, "dossiers": []}
    for idx, dd in enumerate(DOSSIERS):
        dd = dict(dd)
        prepare(dd, idx)
        files = dd["files"]
        blobs = {}
        blobs[files["decl"]] = build_declaration(dd)
        if dd["pledge"] == "scan":
            blobs[files["pledge"]] = build_pledge_scan(dd, seed=idx * 13)
        if dd.get("lic_image"):
            blobs[files["lic"]] = build_licence_jpg(dd, seed=idx * 17)
        else:
            blobs[files["lic"]] = build_licence_pdf(dd)
        if "idc" in files:
            blobs[files["idc"]] = build_id_jpg(dd, seed=idx * 19) if dd.get("id_image") else build_id_pdf(dd)
        blobs[files["ip"]] = build_ip_pdf(dd)
        if "hon" in files:
            blobs[files["hon"]] = build_honour_pdf(dd)
        blobs[files["con"]] = build_contracts_xlsx(dd)
        blobs[files["eva"]] = build_eval_pdf(dd)
        name = dd["folder"]
        if name.endswith(".zip"):
            zb = io.BytesIO()
            with zipfile.ZipFile(zb, "w", zipfile.ZIP_DEFLATED) as z:
                for rel in sorted(blobs):
                    zi = zipfile.ZipInfo(rel, date_time=(2022, 12, 19, 10, 30, 0))
                    zi.compress_type = zipfile.ZIP_DEFLATED
                    z.writestr(zi, blobs[rel])
            (out_dir / name).write_bytes(zb.getvalue())
        else:
            for rel, b in blobs.items():
                fp = out_dir / name / rel
                fp.parent.mkdir(parents=True, exist_ok=True)
                fp.write_bytes(b)
        labels["dossiers"].append(dict(
            name=name, as_of=dd["as_of"], clean=dd["clean"], description=DESCR[dd["key"]],
            defects=defects_for(dd, files), narratives=narratives(dd, files["decl"])))
        assert dd["clean"] == (not dd["defects"])
    (out_dir / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    generate(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "out"))
