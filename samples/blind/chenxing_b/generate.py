#!/usr/bin/env python
"""Blind dossier corpus for 山东省数字经济"晨星工厂" 2022 (鲁工信数据〔2022〕263号, 附件1 / 附件5).

Writer: chenxing_b.  Style: small enterprises that re-type the 申报书 themselves.
Deterministic: every random generator is seeded, no current time is written.
Usage: python generate.py OUT_DIR
"""
import copy
import datetime as dt
import io
import json
import math
import pathlib
import random
import re
import sys
import zipfile

import numpy as np
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor
from docx.oxml.ns import qn
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (Image as RLImage, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)

FONT_PATH = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
pdfmetrics.registerFont(TTFont("wqy", FONT_PATH, subfontIndex=0))

WRITER = "chenxing_b"
PROGRAM = "sd-chenxing-2022"

# ---------------------------------------------------------------- identifiers
USCC_ALPHA = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc(body17):
    """GB 32100-2015 check character."""
    s = sum(USCC_ALPHA.index(c) * w for c, w in zip(body17, USCC_W))
    return body17 + USCC_ALPHA[(31 - s % 31) % 31]


def uscc_ok(code):
    return len(code) == 18 and uscc(code[:17]) == code


ID_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def idcard(body17):
    s = sum(int(c) * w for c, w in zip(body17, ID_W)) % 11
    return body17 + "10X98765432"[s]


# ---------------------------------------------------------------- helpers
CN_DIG = "零壹贰叁肆伍陆柒捌玖"


def capital_words(wan):
    """Integer 万元 (< 1亿) -> 大写, e.g. 5000 -> 伍仟万元整, 2050 -> 贰仟零伍拾万元整."""
    assert 0 < wan < 10000
    units = ["仟", "佰", "拾", ""]
    s = "%04d" % wan
    out, zero = "", False
    started = False
    for d, u in zip(s, units):
        if d == "0":
            if started:
                zero = True
            continue
        if zero:
            out += "零"
            zero = False
        out += CN_DIG[int(d)] + u
        started = True
    return out + "万元整"


CN_NUM = "〇一二三四五六七八九"


def cn_date(d):
    def num(n):
        if n < 10:
            return CN_NUM[n]
        if n == 10:
            return "十"
        if n < 20:
            return "十" + CN_NUM[n - 10]
        return CN_NUM[n // 10] + "十" + (CN_NUM[n % 10] if n % 10 else "")
    return "".join(CN_NUM[int(c)] for c in str(d.year)) + "年" + num(d.month) + "月" + num(d.day) + "日"


def fmt_date(d, style):
    if style == "dot":
        return d.strftime("%Y.%m.%d")
    if style == "cn":
        return cn_date(d)
    if style == "ymd":
        return "%d年%02d月%02d日" % (d.year, d.month, d.day)
    return d.isoformat()


def word_count(text):
    """Word 字数: CJK char / full-width punct 1 each, half-width alnum run 1, symbol run 1."""
    n = 0
    for m in re.finditer(r"[A-Za-z0-9]+|[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u2018-\u201d\u2026\u2014]|[^\sA-Za-z0-9\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u2018-\u201d\u2026\u2014]+", text):
        n += 1
    return n


def yuan(wan):
    """万元 (may have 2 decimals) -> '12,860,000.00' 元 string, exact."""
    fen = int(round(wan * 1000000))
    return "{:,}.{:02d}".format(fen // 100, fen % 100)


# ---------------------------------------------------------------- seal
def seal_png(text, size=360, center="★", bottom=""):
    rnd = random.Random(text)
    img = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    d = ImageDraw.Draw(img)
    red = (214, 28, 36, 235)
    c = size / 2
    d.ellipse([6, 6, size - 6, size - 6], outline=red, width=max(6, size // 40))
    font = ImageFont.truetype(FONT_PATH, int(size * 0.12))
    n = len(text)
    span = 250.0
    start = -90 - span / 2
    r = c - size * 0.15
    for i, ch in enumerate(text):
        ang = start + span * (i + 0.5) / n
        a = math.radians(ang)
        x = c + r * math.cos(a)
        y = c + r * math.sin(a)
        tile = Image.new("RGBA", (int(size * 0.16), int(size * 0.16)), (0, 0, 0, 0))
        td = ImageDraw.Draw(tile)
        td.text((tile.width / 2, tile.height / 2), ch, font=font, fill=red, anchor="mm")
        tile = tile.rotate(-(ang + 90), resample=Image.BICUBIC)
        img.alpha_composite(tile, (int(x - tile.width / 2), int(y - tile.height / 2)))
    sf = ImageFont.truetype(FONT_PATH, int(size * 0.22))
    d.text((c, c), center, font=sf, fill=red, anchor="mm")
    if bottom:
        bf = ImageFont.truetype(FONT_PATH, int(size * 0.07))
        d.text((c, c + size * 0.22), bottom, font=bf, fill=red, anchor="mm")
    # a little ink unevenness
    arr = np.array(img)
    noise = np.random.RandomState(rnd.randint(0, 10 ** 6)).randint(0, 60, arr.shape[:2])
    arr[..., 3] = np.where(arr[..., 3] > 0, np.clip(arr[..., 3].astype(int) - noise, 0, 255), 0)
    img = Image.fromarray(arr)
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def sign_png(name):
    img = Image.new("RGBA", (300, 110), (255, 255, 255, 0))
    d = ImageDraw.Draw(img)
    f = ImageFont.truetype(FONT_PATH, 62)
    d.text((10, 18), name, font=f, fill=(20, 20, 60, 255))
    img = img.transform(img.size, Image.AFFINE, (1, 0.35, -20, 0, 1, 0), resample=Image.BICUBIC)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()



FIXED_TS = "2022-12-01T09:00:00Z"


def save_ooxml(obj, path):
    """Save a python-docx / openpyxl object, then pin zip timestamps and core.xml dates (determinism)."""
    buf = io.BytesIO()
    obj.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                txt = data.decode("utf-8")
                txt = re.sub(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)", r"\g<1>" + FIXED_TS + r"\g<2>", txt)
                data = txt.encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, date_time=(2022, 12, 1, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zf.writestr(zi, data)
    pathlib.Path(path).write_bytes(out.getvalue())

# ---------------------------------------------------------------- PDF helpers
def pstyle(size=10.5, lead=None, bold=False, align=0, indent=0):
    return ParagraphStyle("s%s%s%s" % (size, align, indent), fontName="wqy", fontSize=size,
                          leading=lead or size * 1.55, wordWrap="CJK", alignment=align,
                          firstLineIndent=indent)


def esc(t):
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")


def build_pdf(path, flow, footer=None):
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=2.2 * cm, rightMargin=2.2 * cm,
                            topMargin=2 * cm, bottomMargin=2 * cm, invariant=1,
                            title="", author="", creator="WPS", producer="")

    def onpage(canv, d):
        if footer:
            canv.setFont("wqy", 8)
            canv.drawCentredString(A4[0] / 2, 1.2 * cm, footer % canv.getPageNumber())
    doc.build(flow, onFirstPage=onpage, onLaterPages=onpage)


def rl_img(png, w_cm):
    im = Image.open(io.BytesIO(png))
    h = w_cm * im.height / im.width
    return RLImage(io.BytesIO(png), width=w_cm * cm, height=h * cm, mask="auto")


def rl_table(rows, widths, spans=(), size=9.5, header_rows=0):
    st = pstyle(size)
    data = [[Paragraph(esc(str(c)), st) if not isinstance(c, Paragraph) else c for c in r] for r in rows]
    t = Table(data, colWidths=[w * cm for w in widths])
    cmds = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    for sp in spans:
        cmds.append(("SPAN",) + sp)
    if header_rows:
        cmds.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#eeeeee")))
    t.setStyle(TableStyle(cmds))
    return t


# ---------------------------------------------------------------- docx helpers
def new_doc():
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "宋体"
    st.font.size = Pt(11)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    doc.core_properties.author = "Administrator"
    doc.core_properties.created = dt.datetime(2022, 12, 1, 9, 0, 0)
    doc.core_properties.modified = dt.datetime(2022, 12, 1, 9, 0, 0)
    doc.core_properties.last_modified_by = "Administrator"
    doc.core_properties.comments = ""
    return doc


def para(doc, text, bold=False, size=None, align=None, indent=False):
    p = doc.add_paragraph()
    r = p.add_run(text)
    r.bold = bold
    if size:
        r.font.size = Pt(size)
    if align == "c":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if indent:
        p.paragraph_format.first_line_indent = Pt(22)
    return p


def lv_para(doc, label, value):
    p = doc.add_paragraph()
    r = p.add_run(label + "：")
    r.bold = True
    p.add_run(value)
    return p


# ---------------------------------------------------------------- indicator names (附件5)
IND = {  # id (二级指标 as printed in 附件5) -> 一级指标
    "工业现场数据采集": "工业数据采集", "设备运行实时监控": "设备数字化", "设备健康状态数字化管理": "设备数字化",
    "设备故障诊断与处置": "设备数字化", "生产执行": "数字化生产", "生产计划": "数字化生产",
    "出入库管理": "数字供应链", "能源数据采集": "绿色低碳", "能耗预警": "绿色低碳",
    "能源预测和平衡": "绿色低碳", "三维产品设计": "数字化研发", "5G 新型网络设施": "基础设施",
    "无人质量检测": "产线数字化", "数据管理能力": "数据治理", "销售管理": "数字化营销",
    "数字孪生应用": "数字化生产", "预测性采购": "数字供应链", "生产安全": "工厂安全",
    "信息安全": "工厂安全", "产品数字化": "产品数字化", "柔性自动化": "产线数字化",
    "异常处理": "数字化生产", "质量管理": "数字化生产", "能源管理制度": "绿色低碳", "客户管理": "数字化营销", "生产追溯": "数字化生产", "数据标识解析应用": "数据标识",
}


def ind(i):
    return {"id": i, "name": IND[i] + "-" + i}


# ---------------------------------------------------------------- companies
def D(y, m, d):
    return dt.date(y, m, d)


BASE = dict(
    protocols=["OPC UA/DA", "ModBus"], protocol_other="", collect="是", collect_types=["智能网关", "传感器"],
    collect_other="", networks=["工业以太网", "WiFi6"], network_other="", parse_node="否", parse_count="",
    edge="否", edge_desc="", sec=["是", "是", "否", "否", "否"], dcmm="否", dcmm_level=[],
    innov="是", honors=True,
)

COMPANIES = [
    dict(key="D01", name="潍坊恒铸精密机械有限公司", div="370703", ent="MA3C4XK2R", rep="王建国",
         rep_id="37070319720314", addr="山东省潍坊市寒亭区开元街道通亭街1688号", post="261100",
         reg=D(2011, 6, 1), cap=5000, term=None, scale="中型", etype="民营", staff=286,
         rev21=23560.00, rev20=19874.50, inv20=312.60, inv21=486.40, plan_total=1280,
         industry="制造业-金属制品业-铸造及其他金属制品制造", product="球墨铸铁及灰铁精密铸件",
         contact=("刘晓燕", "信息中心主任", "0536-7625518", "hzjm_xxzx@163.com"),
         equip=142, models=["DISA 230-B 垂直分型造型线", "KGPS-3T 中频感应熔炼炉", "Q3730 抛丸清理机",
                             "SPECTROMAXx 直读光谱仪", "VMC850 立式加工中心"],
         shareholders=[("王建国", 3000), ("王建民", 1200), ("潍坊恒铸投资合伙企业（有限合伙）", 800)]),
    dict(key="D02", name="青岛澜拓橡塑科技有限公司", div="370211", ent="MA3D8NP4W", rep="孙立群",
         rep_id="37021119800722", addr="山东省青岛市黄岛区王台街道湘江路2999号", post="266555",
         reg=D(2015, 6, 1), cap=3000, term=None, scale="小型", etype="民营", staff=163,
         rev21=12860.00, rev20=10420.00, inv20=186.00, inv21=258.50, plan_total=650,
         industry="制造业-橡胶和塑料制品业-塑料制品业", product="汽车内饰注塑件、家电塑料结构件",
         contact=("于海涛", "总经理助理", "0532-86170325", "yuht@lantuo-rp.com"),
         equip=96, models=["海天 MA3800 注塑机", "海天 JU6500 注塑机", "拓斯达 五轴伺服机械手",
                            "信易 SAC-50 中央供料系统"],
         shareholders=[("孙立群", 1800), ("青岛澜海企业管理咨询有限公司", 1200)]),
    dict(key="D03", name="滨州锦绣家纺有限公司", div="371602", ent="MA3F2LT7Q", rep="张秀芬",
         rep_id="37160219760905", addr="山东省滨州市滨城区黄河五路589号", post="256600",
         reg=D(2008, 3, 18), cap=8000, term="9999", scale="中型", etype="民营", staff=412,
         rev21=38645.30, rev20=33120.80, inv20=420.00, inv21=735.20, plan_total=1600,
         industry="制造业-纺织业-家用纺织制成品制造", product="床上用品、毛巾及家纺面料",
         contact=("韩磊", "数字化办公室主任", "0543-3216688", "hanlei@jinxiu-home.cn"),
         equip=238, models=["丰田 JAT810 喷气织机", "必佳乐 OMNIplus-i 喷气织机", "立信 高温溢流染色机",
                             "门富士 定型机", "JX-AI 视觉验布机"],
         shareholders=[("张秀芬", 4800), ("李振华", 3200)]),
    dict(key="D04", name="山东鲁航（集团）有限公司", div="370811", ent="MA3BQ6R1K", rep="周庆海",
         rep_id="37081119680411", addr="山东省济宁市任城区杨柳国际新城火炬路18号", post="272000",
         reg=D(2004, 11, 26), cap=6800, term=None, scale="中型", etype="民营", staff=538,
         rev21=46213.80, rev20=41755.20, inv20=526.30, inv21=812.00, plan_total=2100,
         industry="制造业-专用设备制造业-采矿、冶金、建筑专用设备制造", product="矿用液压支架、刮板输送机",
         contact=("陈静", "企管部部长", "0537-2219077", "chenjing@luhang-group.com"),
         equip=215, models=["大族 G3015 光纤激光切割机", "松下 YD-500 焊接机器人工作站",
                             "TK6916 数控落地镗铣床", "液压支架综合试验台"],
         shareholders=[("周庆海", 4080), ("周文博", 1360), ("济宁鲁航管理咨询中心（有限合伙）", 1360)]),
    dict(key="D05", name="淄博齐润化工助剂有限公司", div="370303", ent="MA3CTY9H5", rep="齐志刚",
         rep_id="37030319790130", addr="山东省淄博市张店区湖田街道化工园区华光路66号", post="255000",
         reg=D(2013, 9, 9), cap=2000, term=None, scale="小型", etype="民营", staff=126,
         rev21=15428.60, rev20=12306.00, inv20=168.00, inv21=296.80, plan_total=560,
         industry="制造业-化学原料和化学制品制造业-专用化学产品制造", product="水处理剂、油田化学助剂",
         contact=("齐玉婷", "总经办主任", "0533-2876519", "qirun_zb@126.com"),
         equip=88, models=["5000L 搪玻璃反应釜", "LPG-150 离心喷雾干燥机", "屏蔽泵", "螺杆空压机"],
         shareholders=[("齐志刚", 1400), ("齐志强", 600)]),
    dict(key="D06", name="临沂华木板业有限公司", div="371302", ent="MA3DK5U8N", rep="高长顺",
         rep_id="37130219740618", addr="山东省临沂市兰山区义堂镇工业园华木路9号", post="276000",
         reg=D(2012, 4, 20), cap=1500, term=D(2042, 4, 19), scale="中型", etype="民营", staff=205,
         rev21=18760.00, rev20=16540.00, inv20=96.00, inv21=188.00, plan_total=420,
         industry="制造业-木材加工和木、竹、藤、棕、草制品业-人造板制造", product="多层板、生态板",
         contact=("高雪", "办公室主任", "0539-8539126", "huamu_ban@163.com"),
         equip=64, models=["四层热压机", "旋切机", "宽带砂光机", "自动涂胶机"],
         shareholders=[("高长顺", 1500)]),
    dict(key="D07", name="德州正驰汽车零部件有限公司", div="371402", ent="MA3EW2P6B", rep="马德胜",
         rep_id="37140219810227", addr="山东省德州市德城区天衢工业园晶华大道26号", post="253000",
         reg=D(2016, 8, 15), cap=2500, term=D(2046, 8, 14), scale="中型", etype="民营", staff=318,
         rev21=27390.00, rev20=22480.00, inv20=230.00, inv21=390.00, plan_total=880,
         industry="制造业-汽车制造业-汽车零部件及配件制造", product="制动钳总成、转向节",
         contact=("马骏", "IT经理", "0534-2698110", "majun@zhengchi-auto.com"),
         equip=174, models=["DMG MORI NLX2500 数控车床", "FANUC M-20iD 机器人", "MAZAK 卧式加工中心",
                             "气密性检测机"],
         shareholders=[("马德胜", 1500), ("德州正驰控股有限公司", 1000)]),
    dict(key="D08", name="泰安岱鑫电力设备有限公司", div="370902", ent="MA3AHX3T0", rep="刘宝泉",
         rep_id="37090219650812", addr="山东省泰安市泰山区泰山大街东首高新技术产业园", post="271000",
         reg=D(2002, 9, 12), cap=3600, term=D(2022, 9, 11), scale="中型", etype="民营", staff=247,
         rev21=21035.00, rev20=19360.00, inv20=150.00, inv21=276.00, plan_total=700,
         industry="制造业-电气机械和器材制造业-输配电及控制设备制造", product="高低压开关柜、箱式变电站",
         contact=("刘芳", "技术部副部长", "0538-8921655", "liufang@daixin-power.com"),
         equip=121, models=["通快 TruPunch 数控冲床", "AMADA 折弯机", "母排加工机", "耐压试验装置"],
         shareholders=[("刘宝泉", 2400), ("刘宝山", 1200)]),
    dict(key="D09", name="徐州鲁苏机电科技有限公司", div="320312", ent="MA1XG7L2C", rep="谢永林",
         rep_id="32031219770503", addr="江苏省徐州市铜山区经济开发区黄山路17号", post="221116",
         mail_addr="山东省临沂市郯城县经济开发区人民路东段（销售办事处）",
         reg=D(2014, 5, 28), cap=2000, term=None, scale="小型", etype="民营", staff=138,
         rev21=9860.00, rev20=8730.00, inv20=80.00, inv21=145.00, plan_total=380,
         industry="制造业-通用设备制造业-泵、阀门、压缩机及类似机械制造", product="化工离心泵、磁力泵",
         contact=("谢楠", "综合部经理", "0516-83361207", "xienan@lusu-jd.com"),
         equip=58, models=["CK6150 数控车床", "动平衡机", "泵性能试验台"],
         shareholders=[("谢永林", 2000)]),
    dict(key="D10", name="烟台海晟食品有限公司", div="370602", ent="MA3CN1J9E", rep="曲海波",
         rep_id="37060219780921", addr="山东省烟台市芝罘区幸福南路17号", post="264000",
         reg=D(2010, 7, 6), cap=1200, term=None, scale="中型", etype="民营", staff=352,
         rev21=15850.00, rev20=14220.00, inv20=110.00, inv21=205.00, plan_total=460,
         industry="制造业-农副食品加工业-水产品加工", product="冷冻调理海产品",
         contact=("曲晓", "行政部经理", "0535-6617290", "quxiao@haisheng-food.com"),
         equip=90, models=["螺旋速冻机", "自动包装机", "金属检测机", "蒸煮线"],
         shareholders=[("曲海波", 840), ("曲海涛", 360)]),
    dict(key="D11", name="聊城东岳轴承有限公司", div="371502", ent="MA3E5RW3D", rep="孟繁东",
         rep_id="37150219700214", addr="山东省聊城市东昌府区郑家镇轴承产业园6号", post="252000",
         reg=D(2009, 10, 30), cap=1000, term=None, scale="小型", etype="民营", staff=172,
         rev21=10635.00, rev20=9120.00, inv20=72.00, inv21=126.00, plan_total=300,
         industry="制造业-通用设备制造业-轴承、齿轮和传动部件制造", product="深沟球轴承、圆锥滚子轴承",
         contact=("孟强", "生产部长", "0635-8529017", "mengq@dongyue-zc.com"),
         equip=110, models=["3MZ1410 数控磨床", "自动装配线", "振动测量仪"],
         shareholders=[("孟繁东", 1000)]),
    dict(key="D12", name="日照港兴金属制品有限责任公司", div="371102", ent="MA3FB8K4P", rep="丁国栋",
         rep_id="37110219750318", addr="山东省日照市东港区北京路368号", post="276800",
         reg=D(2017, 3, 2), cap=3000, term=None, scale="小型", etype="民营", staff=147,
         rev21=11980.00, rev20=9950.00, inv20=88.00, inv21=162.00, plan_total=520,
         industry="制造业-金属制品业-结构性金属制品制造", product="钢结构件、集装箱配件",
         contact=("丁悦", "财务部经理", "0633-8225187", "gangxing_rz@163.com"),
         equip=79, models=["数控火焰切割机", "H型钢组立机", "埋弧焊机", "抛丸机"],
         shareholders=[("丁国栋", 2100), ("日照港兴投资有限公司", 900)]),
]

for _c in COMPANIES:
    for k, v in BASE.items():
        _c.setdefault(k, copy.deepcopy(v))
    _c["code"] = uscc("91" + _c["div"] + _c["ent"])
    _c["rep_idno"] = idcard(_c["rep_id"] + "031")
    _c.setdefault("mail_addr", _c["addr"])
    assert uscc_ok(_c["code"])

# a few per-company variations of the 数据赋能 part
C = {c["key"]: c for c in COMPANIES}
C["D01"].update(networks=["5G", "工业以太网"], edge="是",
                edge_desc="机房部署浪潮NF5280M6服务器4台，存储容量共96TB，总算力约40TFLOPS，运行MES、设备数采与边缘计算应用。",
                sec=["是", "是", "是", "否", "否"])
C["D02"].update(protocols=["OPC UA/DA", "ModBus"], protocol_other="Euromap 63", networks=["工业以太网", "WiFi6"])
C["D03"].update(networks=["5G", "PON 全光网络", "工业以太网"], dcmm="是", dcmm_level=["二级"],
                parse_node="是", parse_count="约12.6万条", edge="是",
                edge_desc="超融合服务器3台、存储60TB，GPU推理服务器1台（A30×2）用于视觉验布。",
                sec=["是", "是", "是", "是", "否"])
C["D04"].update(protocols=["OPC UA/DA", "ModBus", "ProfiBus"], networks=["5G", "工业以太网", "WiFi6"],
                edge="是", edge_desc="服务器6台，存储120TB，CPU核心共192核。", sec=["是", "是", "是", "是", "是"],
                dcmm="是", dcmm_level=["三级"])
C["D05"].update(protocols=["ModBus", "其它"], protocol_other="HART", collect_types=["传感器"],
                networks=["工业以太网"], sec=["是", "否", "否", "否", "否"])
C["D06"].update(protocols=["ModBus"], collect_types=["智能网关"], networks=["工业以太网", "移动物联网(NB IoT)"],
                innov="否", honors=False)
C["D07"].update(protocols=["OPC UA/DA", "ProfiBus", "CANBus"], networks=["5G", "工业以太网"])
C["D08"].update(protocols=["ModBus"], networks=["工业以太网"])
C["D10"].update(networks=["工业以太网", "WiFi6", "Lora"], honors=False)
C["D11"].update(protocols=["ModBus", "ProfiBus"])
C["D12"].update(protocols=["ModBus"], collect_types=["智能网关"], networks=["工业以太网"], honors=False)

INNOV = {
    "D01": "依托熔炼炉、造型线采集的温度、砂型紧实度等数据，分析客户退货缺陷与工艺参数的关系，优化浇注温度窗口，铸件气孔类缺陷率下降。",
    "D02": "基于主机厂客户的装配反馈数据，对仪表板骨架注塑件进行结构减重优化，单件减重约6%。",
    "D03": "基于电商渠道销售与退换货数据分析用户偏好，调整面料克重与花型，新开发“轻柔棉”系列产品。",
    "D04": "根据井下用户液压支架运行压力数据，优化立柱密封结构与阀组选型，延长维护周期。",
    "D05": "根据油田用户现场水质数据调整阻垢剂配方，形成3个定制化配方系列。",
    "D07": "利用主机厂质量反馈数据优化制动钳壳体加工工艺参数，降低返修率。",
    "D08": "汇总用户箱变运行温升数据，改进柜体散热风道设计。",
    "D09": "依据用户泵组运行数据改进叶轮型线，提升效率约2个百分点。",
    "D10": "根据商超渠道销售数据调整调理产品规格与口味。",
    "D11": "依据主机用户振动噪声反馈数据优化沟道超精工艺。",
    "D12": "依据客户安装反馈改进节点板开孔设计。",
}

PLANS = ["对剩余老旧设备加装数据采集网关，实现关键设备数据采集全覆盖。",
         "车间无线网络升级，核心交换机扩容，实现生产网与办公网隔离。",
         "扩充存储与备份，建设企业边缘云节点。",
         "建立主数据与数据标准，开展DCMM贯标咨询。",
         "建设设备预测性维护与能耗分析应用。"]

INTRO = {
    "D01": ("{name}成立于{y}年，位于潍坊市寒亭区，是一家专业从事{product}研发、生产和销售的铸造企业，"
            "从事铸造行业{n}年。公司主要产品包括液压阀体、泵壳、工程机械配重等球墨铸铁件和灰铁件，"
            "年产各类铸件约3.2万吨，产品配套潍柴、雷沃等主机企业，并出口德国、日本等国家。"
            "公司拥有DISA垂直分型造型线2条、中频感应电炉6台，建有市级企业技术中心，"
            "获得IATF16949质量管理体系认证。公司在潍坊地区液压铸件细分领域市场占有率位居前列。"
            "公司坚持“精益制造、数据驱动”的经营战略，近年来持续推进熔炼、造型、清理等工序的数字化改造，"
            "计划用三年时间建成覆盖生产全过程的数字化铸造工厂。"),
    "D02": ("{name}成立于{y}年，专注于{product}的设计与生产，从事注塑行业{n}年。公司现有注塑机90余台，"
            "为青岛及周边整车、家电企业提供一级配套，年产注塑件约2800万件。公司通过IATF16949认证，"
            "是国家高新技术企业。经营战略上，公司以“专注细分、配套主机”为方向，"
            "逐步提高自动化和信息化水平，降低人工成本，提升交付能力。"),
    "D03": ("{name}始建于{y}年，是一家集纺纱、织造、染整、缝制于一体的家用纺织品生产企业，"
            "主要产品为{product}，从事家纺行业{n}年，产品销往国内各大商超和电商平台，并出口欧美、日韩。"
            "公司拥有喷气织机200余台，年产家纺面料3600万米。公司是省级“专精特新”中小企业，"
            "在毛巾类细分领域位居全省前列。公司经营战略为“品牌+智造”双轮驱动，以数字化改造提升质量与柔性交付能力。"),
    "D04": ("{name}成立于{y}年，是以煤矿综采装备为主业的民营企业集团，主营{product}等产品，"
            "从事矿山装备制造{n}年，产品服务于山东、山西、内蒙古等地煤矿。公司为国家高新技术企业、"
            "省级企业技术中心，液压支架产销量在省内民营企业中居前。公司经营战略为“主业做精、服务增值”，"
            "由单一设备制造向成套装备及运维服务延伸。"),
    "D06": ("{name}成立于{y}年，位于临沂市兰山区义堂镇板材产业集聚区，主要生产{product}，从事人造板行业{n}年。"
            "公司现有热压生产线6条，年产各类板材约15万立方米，产品销往华东、华南地区家具及装修企业。"
            "公司坚持绿色环保方向，产品甲醛释放量达到E0级。"),
    "D07": ("{name}成立于{y}年，主要从事{product}等汽车底盘零部件的研发与制造，从事汽车零部件行业{n}年，"
            "为多家国内整车厂提供配套。公司通过IATF16949认证，拥有机加工、装配、检测完整生产链。"
            "公司经营战略为“质量立企、精益制造”。"),
    "D08": ("{name}成立于{y}年，主要产品为{product}，从事输配电设备制造{n}年，产品广泛应用于电网、"
            "工矿企业和新能源电站。公司为国家高新技术企业，拥有3C认证产品60余项。"
            "公司经营战略为“智能化、成套化”。"),
    "D09": ("{name}成立于{y}年，主要生产{product}，从事泵类产品制造{n}年，产品主要服务于化工、医药行业，"
            "在山东临沂设有销售办事处。公司经营战略为“专业化、精品化”。"),
    "D10": ("{name}成立于{y}年，主要产品为{product}，从事水产品加工{n}年，产品销往全国商超及餐饮连锁，"
            "并出口日韩。公司通过HACCP、BRC认证。经营战略为“品质第一、渠道多元”。"),
    "D11": ("{name}成立于{y}年，主要生产{product}，从事轴承制造{n}年，年产轴承约1800万套，"
            "产品配套电机、农机等行业。公司经营战略为“专精特新、细分领先”。"),
    "D12": ("{name}成立于{y}年，主要产品为{product}，从事金属结构件制造{n}年，"
            "产品服务于港口、物流装备行业。公司经营战略为“立足港口、服务物流”。"),
}

LONG_EXTRA_D05 = (
    "公司始终把安全环保放在首位，建有完善的安全生产标准化体系，连续多年被评为园区安全生产先进单位。"
    "公司研发中心现有研发人员28人，其中高级工程师5人，与青岛科技大学、山东理工大学建立了长期产学研合作关系，"
    "共同开展新型无磷阻垢剂、绿色缓蚀剂等课题研究，累计获得授权发明专利9项、实用新型专利21项。"
    "公司产品广泛应用于胜利油田、长庆油田、大港油田以及电力、钢铁、化工等行业的循环冷却水系统，"
    "与中石化、中石油下属多家单位建立了稳定的合作关系，产品质量和技术服务得到用户一致好评。"
    "在细分领域方面，公司油田用阻垢剂产品在山东省内市场占有率位居前列，是淄博市“专精特新”中小企业，"
    "并获评山东省“瞪羚”企业。面向未来，公司将继续坚持“科技兴企、绿色发展”的经营战略，"
    "加大研发投入，加快数字化、智能化改造步伐，推动企业高质量发展，力争在“十四五”期末实现营业收入翻番，"
    "努力建设成为国内一流的水处理及油田化学品综合服务商。"
    "目前公司已与多家油田技术服务公司签订了长期供货协议，产品供不应求，新建的年产1万吨绿色水处理剂项目预计2023年底投产。"
)
INTRO["D05"] = ("{name}成立于{y}年，位于淄博市张店区化工园区，是一家专业从事{product}研发、生产和销售的精细化工企业，"
                "从事专用化学品行业{n}年。公司现有反应釜、喷雾干燥等生产装置，年产各类水处理剂及油田助剂2.6万吨。"
                ) + LONG_EXTRA_D05


def intro_of(c):
    return INTRO[c["key"]].format(name=c["name"], y=c["reg"].year, n=2022 - c["reg"].year, product=c["product"])


# ---------------------------------------------------------------- declaration model
SCALES = ["大型", "中型", "小型"]
TYPES = ["国有", "民营", "合资", "外资"]
PROTOS = ["OPC UA/DA", "ModBus", "ProfiBus", "CANBus", "其它"]
COLLECT = ["智能网关", "传感器", "其它"]
NETS = ["5G", "F5G", "PON 全光网络", "时间敏感网络(TSN)", "WiFi6", "移动物联网(NB IoT)", "Lora", "工业以太网", "其它"]
YN = ["是", "否"]
DCMM = ["二级", "三级", "三级以上"]
SEC_LABELS = ["是否部署工业控制安全产品", "是否部署态势感知系统", "是否部署数据库安全管理系统",
              "是否部署数据泄露防护系统", "是否部署数据脱敏系统"]


def decl_model(c, o):
    """o: overrides dict with rendering / defect knobs."""
    dstyle = o.get("date_style", "dot")
    money = o.get("money", lambda v: "%s" % fmt_wan(v))
    scale_sel = o.get("scale_sel", [c["scale"]])
    type_sel = o.get("type_sel", [c["etype"]])
    S = []
    S.append(("h1", "一、企业概况"))
    S.append(("h2", "（一）企业基本信息"))
    S.append(("kv", "企业全称", o.get("form_name", c["name"])))
    if o.get("with_code"):
        S.append(("kv", "统一社会信用代码", c["code"]))
    S.append(("kv", "通讯地址", c["mail_addr"]))
    S.append(("kv", "注册日期", fmt_date(c["reg"], dstyle)))
    S.append(("kv", o.get("cap_label", "注册资金(万元)"), o.get("form_cap", fmt_wan(c["cap"]))))
    S.append(("choice", "企业规模", SCALES, scale_sel))
    S.append(("choice", "企业类型", TYPES, type_sel))
    S.append(("kv", "企业人数", o.get("staff_txt", "%d人" % c["staff"])))
    S.append(("kv", o.get("rev_label", "上年度企业营收(万元)"), o.get("rev_txt", money(c["rev21"]))))
    S.append(("kv", o.get("inv20_label", "2020年数字化转型投入金额"), o.get("inv20_txt", money(c["inv20"]) + o.get("unit_sfx", "万元"))))
    S.append(("kv", o.get("inv21_label", "2021年数字化转型投入金额"), o.get("inv21_txt", money(c["inv21"]) + o.get("unit_sfx", "万元"))))
    S.append(("text", "企业简介", o.get("intro", intro_of(c))))
    S.append(("kv", "所属行业", o.get("industry", c["industry"])))
    S.append(("h2", "（二）企业联系人"))
    n, t, p, e = c["contact"]
    S.append(("kv", "姓名", n))
    S.append(("kv", "职务", t))
    S.append(("kv", "联系电话", p))
    S.append(("kv", "邮箱", e))
    S.append(("h1", "二、数据赋能需求现状"))
    S.append(("h2", "（一）企业核心生产设备情况"))
    S.append(("kv", "设备数量", "%d台（套）" % c["equip"]))
    S.append(("text", "主要设备型号", "；".join("%d.%s" % (i + 1, m) for i, m in enumerate(c["models"]))))
    S.append(("choice", "支持通讯协议", PROTOS, c["protocols"] + (["其它"] if c["protocol_other"] and "其它" not in c["protocols"] else []),
              c["protocol_other"]))
    S.append(("choice", "主要设备是否加装数据采集设备", YN, [c["collect"]]))
    S.append(("choice", "如是，选择数据采集设备类型", COLLECT, c["collect_types"], c["collect_other"]))
    S.append(("h2", "（二）企业生产网络建设情况"))
    S.append(("choice", "新型网络技术使用情况", NETS, c["networks"], c["network_other"]))
    S.append(("h2", "（三）企业数据解析情况"))
    S.append(("choice", "是否建设工业网络数据解析节点", YN, [c["parse_node"]]))
    S.append(("kv", "如是，填写数据解析注册量", c["parse_count"]))
    S.append(("h2", "（四）企业边缘云应用情况"))
    S.append(("choice", "是否已建设企业边缘云", YN, [c["edge"]]))
    S.append(("kv", "如已建设，描述服务器数量、存储能力和算力", o.get("edge_desc", c["edge_desc"])))
    S.append(("h2", "（五）企业数据安全防护情况"))
    for lab, v in zip(SEC_LABELS, c["sec"]):
        S.append(("choice", lab, YN, [v]))
    S.append(("h2", "（六）企业数据管理情况"))
    S.append(("choice", "是否通过DCMM贯标", YN, [c["dcmm"]]))
    S.append(("choice", "如通过，选择DCMM等级", DCMM, c["dcmm_level"]))
    S.append(("h2", "（七）企业数据应用情况"))
    S.append(("choice", "是否基于用户数据分析实施产品创新", YN, [c["innov"]]))
    S.append(("text", "如是，描述产品创新内容", INNOV.get(c["key"], "") if c["innov"] == "是" else ""))
    S.append(("h2", "（八）企业在数据采集、传输、存储、管理、应用方面改造目标和拟进行的具体内容"))
    for lab, v in zip(["计划数据采集方面改造内容", "计划数据传输方面改造内容", "计划数据存储方面改造内容",
                       "计划数据管理方面改造内容", "计划数据应用层面改造内容"], PLANS):
        S.append(("kv", lab, v))
    S.append(("kv", o.get("plan_label", "企业改造拟投入的资金总额(万元)"), o.get("plan_txt", money(c["plan_total"]))))
    S.append(("h1", "三、企业财务证明材料"))
    for line in o["att_lines"]:
        S.append(("p", line))
    return S


def fmt_wan(v):
    s = ("%.2f" % v).rstrip("0").rstrip(".")
    return s


def tick(options, selected, mark, other=""):
    parts = []
    for op in options:
        on = op in selected
        lab = op
        if op == "其它":
            lab = "其它：" + (other if on else "______")
        parts.append(lab + (mark if on else "□"))
    return "  ".join(parts)


# ---------------------------------------------------------------- renderers
def render_docx_lines(path, c, model, mark="■", seal=True, sign=True, date_line="", title_size=16):
    """Style A: 标签：值 lines in paragraphs, numbered plain-paragraph headings, ticks after label."""
    doc = new_doc()
    para(doc, "山东省数字经济“晨星工厂”申报书", bold=True, size=title_size, align="c")
    for it in model:
        k = it[0]
        if k == "h1":
            para(doc, it[1], bold=True, size=13)
        elif k == "h2":
            para(doc, it[1], bold=True)
        elif k == "kv":
            lv_para(doc, it[1], it[2])
        elif k == "choice":
            lv_para(doc, it[1], tick(it[2], it[3], mark, it[4] if len(it) > 4 else ""))
        elif k == "text":
            lv_para(doc, it[1], "")
            para(doc, it[2], indent=True)
        elif k == "p":
            para(doc, it[1])
    add_docx_sign(doc, c, seal, sign, date_line)
    path.parent.mkdir(parents=True, exist_ok=True)
    save_ooxml(doc, path)


def add_docx_sign(doc, c, seal, sign, date_line):
    para(doc, "")
    p = para(doc, "申报单位（盖章）：" + c["name"])
    if seal:
        doc.add_picture(io.BytesIO(seal_png(c["name"])), width=Cm(4.2))
    p = doc.add_paragraph()
    p.add_run("法定代表人（签字）：")
    if sign:
        p.add_run().add_picture(io.BytesIO(sign_png(c["rep"])), width=Cm(2.8))
    if date_line:
        para(doc, date_line)


def render_docx_grid(path, c, model, mark="√", seal=True, sign=True, date_line=""):
    """Style B: 4-column label|value|label|value grid, plain-paragraph numbered section titles."""
    doc = new_doc()
    para(doc, "山东省数字经济“晨星工厂”申报书", bold=True, size=16, align="c")
    table = None
    pending = []

    def flush():
        nonlocal pending
        if pending:
            row = table.add_row().cells
            for i, (lab, val) in enumerate(pending):
                row[2 * i].text = lab
                row[2 * i + 1].text = val
            if len(pending) == 1:
                row[1].merge(row[3])
            pending = []

    for it in model:
        k = it[0]
        if k in ("h1",):
            if table is not None:
                flush()
            para(doc, it[1], bold=True, size=13)
            table = doc.add_table(rows=0, cols=4)
            table.style = "Table Grid"
        elif k == "h2":
            flush()
            row = table.add_row().cells
            m = row[0].merge(row[3])
            m.text = it[1]
            m.paragraphs[0].runs[0].bold = True
        elif k == "kv":
            if len(it[2]) > 22 or len(it[1]) > 14:
                flush()
                pending.append((it[1], it[2]))
                flush()
            else:
                pending.append((it[1], it[2]))
                if len(pending) == 2:
                    flush()
        elif k in ("choice", "text"):
            flush()
            v = tick(it[2], it[3], mark, it[4] if len(it) > 4 else "") if k == "choice" else it[2]
            pending.append((it[1], v))
            flush()
        elif k == "p":
            flush()
            row = table.add_row().cells
            m = row[0].merge(row[3])
            m.text = it[1]
    flush()
    add_docx_sign(doc, c, seal, sign, date_line)
    path.parent.mkdir(parents=True, exist_ok=True)
    save_ooxml(doc, path)


def render_pdf_below(path, c, model, mark="√", seal=True, date_line=""):
    """Style C: text PDF, each value on the line below its label."""
    fl = [Paragraph("山东省数字经济“晨星工厂”申报书", pstyle(16, align=1)), Spacer(1, 8)]
    lab_st = pstyle(10.5)
    val_st = ParagraphStyle("v", parent=pstyle(10.5), leftIndent=18)
    for it in model:
        k = it[0]
        if k == "h1":
            fl.append(Spacer(1, 6))
            fl.append(Paragraph("<b>%s</b>" % esc(it[1]), pstyle(13)))
        elif k == "h2":
            fl.append(Paragraph(esc(it[1]), pstyle(11.5)))
        elif k in ("kv", "text", "choice"):
            v = tick(it[2], it[3], mark, it[4] if len(it) > 4 else "") if k == "choice" else it[2]
            fl.append(Paragraph(esc(it[1]), lab_st))
            fl.append(Paragraph(esc(v) if v else "&nbsp;", val_st))
        elif k == "p":
            fl.append(Paragraph(esc(it[1]), pstyle(10.5)))
    fl.append(Spacer(1, 14))
    fl.append(Paragraph("申报单位（盖章）：" + esc(c["name"]), pstyle(11)))
    if seal:
        fl.append(rl_img(seal_png(c["name"]), 4.0))
    if date_line:
        fl.append(Paragraph(esc(date_line), pstyle(11)))
    build_pdf(path, fl, footer="— %d —")


def render_pdf_grid(path, c, model, mark="■", seal=True, date_line=""):
    """Style D: text PDF with 4-column grid tables."""
    fl = [Paragraph("山东省数字经济“晨星工厂”申报书", pstyle(16, align=1)), Spacer(1, 8)]
    rows, spans = [], []
    pending = []
    W = [3.4, 5.0, 3.4, 4.8]

    def flush():
        nonlocal pending
        if pending:
            if len(pending) == 2:
                rows.append([pending[0][0], pending[0][1], pending[1][0], pending[1][1]])
            else:
                rows.append([pending[0][0], pending[0][1], "", ""])
                spans.append(((1, len(rows) - 1), (3, len(rows) - 1)))
            pending = []

    def close_table():
        nonlocal rows, spans
        flush()
        if rows:
            fl.append(rl_table(rows, W, spans))
        rows, spans = [], []

    for it in model:
        k = it[0]
        if k == "h1":
            close_table()
            fl.append(Spacer(1, 6))
            fl.append(Paragraph("<b>%s</b>" % esc(it[1]), pstyle(13)))
        elif k == "h2":
            flush()
            rows.append([it[1], "", "", ""])
            spans.append(((0, len(rows) - 1), (3, len(rows) - 1)))
        elif k == "kv":
            if len(it[2]) > 18 or len(it[1]) > 12:
                flush()
                pending.append((it[1], it[2]))
                flush()
            else:
                pending.append((it[1], it[2]))
                if len(pending) == 2:
                    flush()
        elif k in ("choice", "text"):
            flush()
            v = tick(it[2], it[3], mark, it[4] if len(it) > 4 else "") if k == "choice" else it[2]
            pending.append((it[1], v))
            flush()
        elif k == "p":
            close_table()
            fl.append(Paragraph(esc(it[1]), pstyle(10.5)))
    close_table()
    fl.append(Spacer(1, 14))
    fl.append(Paragraph("申报单位（盖章）：" + esc(c["name"]), pstyle(11)))
    if seal:
        fl.append(rl_img(seal_png(c["name"]), 4.0))
    if date_line:
        fl.append(Paragraph(esc(date_line), pstyle(11)))
    build_pdf(path, fl)


# ---------------------------------------------------------------- licence
def licence_fields(c, cap_override=None, date_style="ymd"):
    term = ("长期" if c["term"] is None else
            "%s至%s" % (fmt_date(c["reg"], "ymd"), "长期" if c["term"] == "9999" else fmt_date(c["term"], "ymd")))
    if c["term"] == "9999":
        term = "%s至9999年12月31日" % fmt_date(c["reg"], "ymd")
    cap = cap_override or capital_words(c["cap"])
    return [("统一社会信用代码", c["code"]), ("名称", c["lic_name"] if "lic_name" in c else c["name"]),
            ("类型", c.get("lic_type", "有限责任公司(自然人投资或控股)")), ("法定代表人", c["rep"]),
            ("注册资本", cap), ("成立日期", fmt_date(c["reg"], date_style)), ("营业期限", term),
            ("住所", c["addr"]),
            ("经营范围", "一般项目：%s的研发、制造、销售；货物进出口。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）" % c["product"])]


def authority(c):
    city = {"3707": "潍坊市寒亭区", "3702": "青岛市黄岛区", "3716": "滨州市滨城区", "3708": "济宁市任城区",
            "3703": "淄博市张店区", "3713": "临沂市兰山区", "3714": "德州市德城区", "3709": "泰安市泰山区",
            "3203": "徐州市铜山区", "3706": "烟台市芝罘区", "3715": "聊城市东昌府区", "3711": "日照市东港区"}
    return city[c["div"][:4]] + ("行政审批服务局" if c["div"][:2] == "37" else "市场监督管理局")


def licence_pdf(path, c, issue=dt.date(2021, 3, 15), cap_override=None):
    fl = [Paragraph("营 业 执 照", pstyle(24, align=1)), Paragraph("（副  本）", pstyle(12, align=1)),
          Spacer(1, 6), Paragraph("（电子营业执照打印件）", pstyle(9, align=1)), Spacer(1, 12)]
    rows = [[k, v] for k, v in licence_fields(c, cap_override)]
    fl.append(rl_table(rows, [3.6, 12.6], size=10.5))
    fl.append(Spacer(1, 16))
    fl.append(Paragraph("登记机关：" + authority(c), pstyle(11, align=2)))
    fl.append(rl_img(seal_png(authority(c), center="★"), 3.6))
    fl.append(Paragraph(fmt_date(issue, "ymd"), pstyle(11, align=2)))
    fl.append(Spacer(1, 10))
    fl.append(Paragraph("国家企业信用信息公示系统网址：http://www.gsxt.gov.cn", pstyle(8, align=1)))
    build_pdf(path, fl)


def licence_jpg(path, c, seed, issue=dt.date(2020, 6, 18), rot=1.2, phone=False):
    rnd = np.random.RandomState(seed)
    W, H = 1754, 1240  # A4 landscape at 150 dpi
    img = Image.new("RGB", (W, H), (236, 233, 226))
    d = ImageDraw.Draw(img)
    d.rectangle([40, 40, W - 40, H - 40], outline=(150, 110, 60), width=10)
    tf = ImageFont.truetype(FONT_PATH, 96)
    d.text((W / 2, 140), "营 业 执 照", font=tf, fill=(160, 30, 30), anchor="mm")
    sf = ImageFont.truetype(FONT_PATH, 40)
    d.text((W / 2, 228), "（副  本）", font=sf, fill=(30, 30, 30), anchor="mm")
    f = ImageFont.truetype(FONT_PATH, 36)
    y = 300
    for k, v in licence_fields(c):
        if k == "统一社会信用代码":
            d.text((110, y), "统一社会信用代码  " + v, font=f, fill=(20, 20, 20))
            y += 70
            continue
        d.text((110, y), k, font=f, fill=(20, 20, 20))
        line = ""
        lines = []
        for ch in v:
            if d.textlength(line + ch, font=f) > 1000:
                lines.append(line)
                line = ""
            line += ch
        lines.append(line)
        for ln in lines[:2]:
            d.text((400, y), ln, font=f, fill=(20, 20, 20))
            y += 50
        y += 12
    d.text((W - 560, H - 200), "登记机关", font=f, fill=(20, 20, 20))
    d.text((W - 560, H - 140), fmt_date(issue, "ymd"), font=f, fill=(20, 20, 20))
    seal = Image.open(io.BytesIO(seal_png(authority(c)))).resize((300, 300))
    img.paste(seal, (W - 520, H - 400), seal)
    # QR-like block
    qr = (rnd.rand(25, 25) > 0.5).astype(np.uint8) * 255
    qr = Image.fromarray(qr).resize((200, 200), Image.NEAREST).convert("RGB")
    img.paste(qr, (W - 300, 300))
    img = img.rotate(rot, resample=Image.BICUBIC, fillcolor=(200, 200, 200), expand=False)
    arr = np.array(img).astype(np.int16)
    arr += rnd.randint(-14, 14, arr.shape).astype(np.int16)
    if phone:
        grad = np.linspace(-28, 10, W)[None, :, None]
        arr = arr + grad.astype(np.int16)
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.6))
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(str(path), "JPEG", quality=72, dpi=(150, 150))


# ---------------------------------------------------------------- attachments
def fin_xlsx(path, c, years=(2020, 2021)):
    wb = Workbook()
    wb.properties.creator = "Administrator"
    wb.properties.created = dt.datetime(2022, 12, 1, 9, 0, 0)
    wb.properties.modified = dt.datetime(2022, 12, 1, 9, 0, 0)
    ws = wb.active
    ws.title = "利润表"
    ws.merge_cells("A1:D1")
    ws["A1"] = "利 润 表"
    ws["A1"].alignment = Alignment(horizontal="center")
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = "编制单位：" + c["name"]
    ws["D2"] = "单位：元"
    ws.merge_cells("A3:A4")
    ws["A3"] = "项目"
    ws.merge_cells("B3:C3")
    ws["B3"] = "金额"
    ws["B4"] = "%d年度" % years[1]
    ws["C4"] = "%d年度" % years[0]
    ws["D3"] = "备注"
    ws.merge_cells("D3:D4")
    shift = {2021: 1.0, 2020: 1.0, 2019: 0.9}
    r1 = c["rev21"] if years[1] == 2021 else c["rev20"]
    r0 = c["rev20"] if years[0] == 2020 else round(c["rev20"] * 0.88, 2)
    items = [("一、营业收入", 1.0), ("减：营业成本", 0.78), ("税金及附加", 0.006), ("销售费用", 0.021),
             ("管理费用", 0.038), ("研发费用", 0.034), ("财务费用", 0.009), ("二、营业利润", None),
             ("三、利润总额", None), ("减：所得税费用", None), ("四、净利润", None)]
    r = 5
    for name, k in items:
        ws.cell(r, 1, name)
        for col, rev in ((2, r1), (3, r0)):
            if k is not None:
                v = round(rev * 10000 * k, 2)
            else:
                base = round(rev * 10000 * (1 - 0.78 - 0.006 - 0.021 - 0.038 - 0.034 - 0.009), 2)
                v = {"二、营业利润": base, "三、利润总额": base, "减：所得税费用": round(base * 0.15, 2),
                     "四、净利润": round(base * 0.85, 2)}[name]
            cell = ws.cell(r, col, v)
            cell.number_format = "#,##0.00"
        r += 1
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 20
    ws.column_dimensions["C"].width = 20
    ws2 = wb.create_sheet("资产负债表")
    ws2.merge_cells("A1:C1")
    ws2["A1"] = "资产负债表（简表）"
    ws2["A2"] = "编制单位：" + c["name"]
    ws2["C2"] = "单位：元"
    ws2.append(["项目", "%d年12月31日" % years[1], "%d年12月31日" % years[0]])
    ta1, ta0 = round(r1 * 10000 * 1.15, 2), round(r0 * 10000 * 1.12, 2)
    ws2.append(["资产总计", ta1, ta0])
    ws2.append(["负债合计", round(ta1 * 0.46, 2), round(ta0 * 0.49, 2)])
    ws2.append(["实收资本", c["cap"] * 10000, c["cap"] * 10000])
    ws2.append(["所有者权益合计", round(ta1 - round(ta1 * 0.46, 2), 2), round(ta0 - round(ta0 * 0.49, 2), 2)])
    for row in ws2.iter_rows(min_row=4, min_col=2):
        for cell in row:
            cell.number_format = "#,##0.00"
    ws2.column_dimensions["A"].width = 20
    ws2.column_dimensions["B"].width = 20
    ws2.column_dimensions["C"].width = 20
    path.parent.mkdir(parents=True, exist_ok=True)
    save_ooxml(wb, path)


def fin_pdf(path, c, year, rev_override=None):
    rev = rev_override if rev_override is not None else (c["rev21"] if year == 2021 else c["rev20"])
    fl = [Paragraph("利  润  表", pstyle(16, align=1)),
          Paragraph("编制单位：%s　　　　%d年度　　　　单位：元" % (esc(c["name"]), year), pstyle(9.5, align=1)),
          Spacer(1, 8)]
    rows = [["项目", "行次", "本年累计金额"]]
    ks = [("一、营业收入", 1.0), ("减：营业成本", 0.79), ("税金及附加", 0.005), ("销售费用", 0.02),
          ("管理费用", 0.04), ("研发费用", 0.031), ("财务费用", 0.008)]
    for i, (n, k) in enumerate(ks):
        rows.append([n, str(i + 1), yuan(round(rev * k, 6))])
    prof = rev * (1 - sum(k for _, k in ks[1:]))
    rows.append(["二、营业利润", "8", yuan(round(prof, 6))])
    rows.append(["四、净利润", "9", yuan(round(prof * 0.85, 6))])
    fl.append(rl_table(rows, [7, 2, 6], header_rows=1))
    fl.append(Spacer(1, 8))
    fl.append(Paragraph("单位负责人：%s　　主管会计工作负责人：　　会计机构负责人：" % esc(c["rep"]), pstyle(9)))
    fl.append(Paragraph("（本表由财务软件导出）", pstyle(8)))
    build_pdf(path, fl)


def shebao_pdf(path, c, months, staff=None, issue=None):
    staff = staff or c["staff"]
    fl = [Paragraph("社会保险参保缴费证明（单位）", pstyle(16, align=1)), Spacer(1, 10),
          Paragraph("单位名称：%s" % esc(c["name"]), pstyle(10.5)),
          Paragraph("统一社会信用代码：%s" % c["code"], pstyle(10.5)),
          Paragraph("查询期间：%s 至 %s" % (months[0], months[-1]), pstyle(10.5)), Spacer(1, 8)]
    rows = [["费款所属期", "险种", "缴费人数", "缴费基数合计（元）", "实缴金额（元）"]]
    rnd = random.Random(c["code"])
    for i, m in enumerate(months):
        n = staff - (len(months) - 1 - i) * rnd.randint(0, 2)
        base = n * 4350
        rows.append([m, "企业职工基本养老保险", str(n), "{:,}.00".format(base), "{:,.2f}".format(base * 0.16)])
    fl.append(rl_table(rows, [2.8, 4.4, 2.0, 3.6, 3.4], header_rows=1))
    fl.append(Spacer(1, 10))
    fl.append(Paragraph("说明：本证明依据社会保险信息系统记录打印，仅证明上述期间参保缴费情况。", pstyle(9)))
    fl.append(Paragraph("打印日期：%s" % (issue or ""), pstyle(9)))
    fl.append(rl_img(seal_png("社会保险业务专用章", center="★"), 3.2))
    build_pdf(path, fl)


def equity_docx(path, c):
    doc = new_doc()
    para(doc, "企业股权结构", bold=True, size=14, align="c")
    para(doc, "截至2022年11月30日，%s股权结构如下：" % c["name"])
    t = doc.add_table(rows=1, cols=4)
    t.style = "Table Grid"
    for i, h in enumerate(["序号", "股东名称", "认缴出资额（万元）", "持股比例"]):
        t.rows[0].cells[i].text = h
    for i, (n, v) in enumerate(c["shareholders"]):
        r = t.add_row().cells
        r[0].text = str(i + 1)
        r[1].text = n
        r[2].text = fmt_wan(v)
        r[3].text = "%.2f%%" % (100.0 * v / c["cap"])
    r = t.add_row().cells
    r[0].text = "合计"
    r[2].text = fmt_wan(sum(v for _, v in c["shareholders"]))
    r[3].text = "100.00%"
    path.parent.mkdir(parents=True, exist_ok=True)
    save_ooxml(doc, path)


def honor_pdf(path, c, items):
    fl = [Paragraph("企业荣誉及资质证明材料目录", pstyle(15, align=1)), Spacer(1, 8)]
    rows = [["序号", "荣誉/资质名称", "颁发单位", "时间"]] + [[str(i + 1)] + list(x) for i, x in enumerate(items)]
    fl.append(rl_table(rows, [1.4, 7.0, 5.0, 3.0], header_rows=1))
    fl.append(Spacer(1, 8))
    fl.append(Paragraph("（证书扫描件附后，略）", pstyle(9)))
    build_pdf(path, fl)


HONORS = [("高新技术企业证书", "山东省科学技术厅等", "2021.12"), ("山东省“专精特新”中小企业", "山东省工业和信息化厅", "2022.01"),
          ("IATF16949质量管理体系认证证书", "认证机构", "2021.05")]


# ---------------------------------------------------------------- narratives
NARR_D01 = [
    ("一、建设背景", "公司2019年启动“数字化铸造工厂”建设，围绕熔炼、造型、清理三大工序逐步推进设备联网和生产管理信息化。"
     "截至2022年11月，已完成以下建设内容（括号内为对应的《山东省数字经济“晨星工厂”建设参考指标》二级指标）。"),
    ("二、已建成内容", None),
    ("1.现场设备数据采集（对应指标：工业现场数据采集）",
     "对6台中频感应电炉、2条DISA造型线、8台抛丸机等86台关键设备加装智能网关和温度、压力、电流传感器，"
     "采集设备的静态信息、运行状态、告警信息、浇注温度等工艺参数和产量信息，使现场设备具备互联互通能力，"
     "关键设备数据采集率由2019年的不足20%提高到目前的61%。"),
    ("2.设备运行监控看板（对应指标：设备运行实时监控）",
     "上线设备运行管理系统，建立“单台设备—生产线—熔炼/造型车间”三级监测画面，实时显示设备启停、运行工况、生产节拍，"
     "并同时监测冷却水、压缩空气等运行条件，班组长可在现场看板和手机端查看。"),
    ("3.制造执行系统（对应指标：生产执行）",
     "2021年上线MES系统，工人在工位终端扫码报工，系统采集每炉次的原材料批次、设备、操作人员数据并上传，"
     "替代了原来的纸质生产记录。"),
    ("4.仓库条码管理（对应指标：出入库管理）",
     "原辅材料库和成品库采用条码标签管理，出入库通过PDA扫码完成，库存台账由WMS自动生成，取消了手工台账。"),
    ("5.能源计量（对应指标：能源数据采集）",
     "对全厂水、电、天然气实施分车间计量，中频电炉等重点耗能设备安装智能电表，实现分钟级能耗数据动态监控。"),
    ("三、尚未开展的内容",
     "目前能耗数据只用于统计报表，尚未设定能耗预警阈值，也未建立能耗预测模型；三维设计软件计划于2023年采购，"
     "目前尚未开展三维产品设计。上述内容列入下一步建设计划，本次不作为已建成内容申报。"),
]
NARR_D01_EVID = ["工业现场数据采集", "设备运行实时监控", "生产执行", "出入库管理", "能源数据采集"]
NARR_D01_NOT = ["能耗预警", "能源预测和平衡", "三维产品设计", "生产计划"]

NARR_D03 = [
    ("锦绣家纺数字化建设情况说明", None),
    ("（一）厂区网络", "2021年与运营商合作建成覆盖织造、染整车间的5G专网，并敷设PON全光网络和工业以太网，"
     "实现了新型网络技术对织造、染整生产各环节的覆盖。【对应附件5：5G新型网络设施】"),
    ("（二）AI视觉验布", "在成品检验工序部署8台视觉验布机，通过工业相机和缺陷识别算法自动识别断经、断纬、油污等20余类布面疵点，"
     "检验环节已不再安排人工目检，验布效率提高3倍。【对应附件5：无人质量检测】"),
    ("（三）数据管理", "公司制定了数据管理制度和主数据标准，2022年9月通过数据管理能力成熟度评估（DCMM）二级（受管理级）认证。"
     "【对应附件5：数据管理能力】"),
    ("（四）销售订单管理", "通过ERP销售模块编制年度和月度销售计划，销售订单录入系统管理，销售数据由系统统计。"
     "【对应附件5：销售管理】"),
    ("（五）下一步打算", "公司正在论证建设染整车间数字孪生系统，并计划与主要棉纱供应商探索联合预测补货，目前均处于方案阶段。"),
]
NARR_D03_EVID = ["5G 新型网络设施", "无人质量检测", "质量管理", "数据管理能力", "销售管理"]
NARR_D03_NOT = ["数字孪生应用", "预测性采购", "生产追溯", "客户管理"]

NARR_D05 = [
    ("齐润化工数据赋能建设情况", None),
    ("1.关键机泵在线监测（附件5：设备健康状态数字化管理）",
     "对反应釜搅拌电机、屏蔽泵、螺杆空压机等32台关键转动设备安装振动、温度在线监测传感器，系统对振动趋势进行评估和跟踪，"
     "发现轴承劣化征兆时自动生成维护保养工单，2022年据此提前更换轴承11次，由定期检修转为视情维护。"),
    ("2.能源计量与超限报警（附件5：能源管理制度、能源数据采集、能耗预警）",
     "公司制定了《能源计量管理制度》，建设能源管理系统，对全厂电、蒸汽、循环水、氮气实现在线计量和动态监控，并对喷雾干燥塔等高耗能设备单独计量；"
     "系统按班次设定固定阈值，蒸汽单耗超限时自动向调度室报警，调度员据此调整蒸汽分配。"),
    ("3.生产安全（附件5：生产安全）",
     "反应工序设置DCS和SIS安全仪表系统，温度、压力超限自动联锁停车；对物料、设备、工艺和环境风险点实行分级管控，近三年未发生生产安全事故。"),
    ("4.信息安全（附件5：信息安全）",
     "生产控制网与办公网之间部署工业防火墙，重要服务器每日异地备份，终端统一安装防病毒软件，核心系统实行账号分级授权。"),
    ("5.其他说明", "公司产品为化工原料，不涉及产品加装数字化模块；数字孪生应用计划于2024年视资金情况再行研究。"),
]
NARR_D05_EVID = ["设备健康状态数字化管理", "能源管理制度", "能源数据采集", "能耗预警", "生产安全", "信息安全"]
NARR_D05_NOT = ["产品数字化", "数字孪生应用", "能源预测和平衡"]


def narrative_docx(path, blocks, title=None):
    doc = new_doc()
    if title:
        para(doc, title, bold=True, size=15, align="c")
    for head, body in blocks:
        para(doc, head, bold=True)
        if body:
            para(doc, body, indent=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    save_ooxml(doc, path)


def narrative_pdf(path, blocks, c):
    fl = []
    for i, (head, body) in enumerate(blocks):
        fl.append(Paragraph(esc(head), pstyle(15 if i == 0 else 11.5, align=1 if i == 0 else 0)))
        if body:
            fl.append(Paragraph(esc(body), pstyle(10.5, indent=21)))
        fl.append(Spacer(1, 4))
    fl.append(Paragraph(esc(c["name"]), pstyle(11, align=2)))
    fl.append(Paragraph("二〇二二年十二月", pstyle(11, align=2)))
    build_pdf(path, fl)


# ---------------------------------------------------------------- dossier assembly
MONTHS_OK = ["2022年09月", "2022年10月", "2022年11月"]
ATT_STD = [
    "附件1、注册资金和注册成立时间证明（营业执照扫描件）",
    "附件2、财务状况和主营收入证明（2020年、2021年财务报表）",
    "附件3、员工数量证明（近3个月员工社保缴纳证明）",
    "附件4、企业获得荣誉或资质证明材料",
    "附件5、企业股权结构",
    "附件6、其他可以证明企业经济情况的证明材料",
]


class GBKZipInfo(zipfile.ZipInfo):
    """Windows-style zip: GBK names without the UTF-8 flag."""

    def _encodeFilenameFlags(self):
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def zip_dir(src, zpath):
    with zipfile.ZipFile(zpath, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(p for p in src.rglob("*") if p.is_file()):
            zi = GBKZipInfo(str(f.relative_to(src)).replace("\\", "/"), date_time=(2022, 12, 19, 10, 30, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zf.writestr(zi, f.read_bytes())


def rmtree(p):
    if p.is_dir():
        for q in sorted(p.rglob("*"), reverse=True):
            q.rmdir() if q.is_dir() else q.unlink()
        p.rmdir()


def SQ(*parts):
    return " ".join(parts)


SQ_ATT1 = "附件 1、注册资金和注册成立时间证明 (请提供申报单位营业执照扫描件) 。"
SQ_ATT2 = "附件 2、财务状况和主营收入证明 (请提供申报单位 2020 年、2021 年财务报表) 。"
SQ_ATT3 = "附件 3、员工数量证明 (请提供近 3 个月的员工社保缴纳证明) 。"
SQ_SEAL = "将盖章后的电子申报材料提报至各市工业和信息化局。"
SQ_ELIG = "申报省级数字经济  “晨星工厂”的企业须符合以下条件： 在山东省行政区域内注册，  具有独立法人资格，  属于规上工业企业"
SQ_INTRO = "企业简介 (包括但不限于以下内容：企业主营业务，主营产品，所从 事细分领域及从业时间，企业在细分领域的地位，企业经营 战略等；不超过 500 字)"


def generate(out_dir):
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    random.seed(20221230)
    np.random.seed(20221230)
    dossiers = []

    def entry(name, as_of, desc, defects=(), narratives=()):
        dossiers.append(dict(name=name, as_of=as_of, clean=not defects, description=desc,
                             defects=list(defects), narratives=list(narratives)))

    def dfct(code, sev, file, field, expected, found, quote):
        return dict(code=code, severity=sev, file=file, field=field, expected=expected, found=found, seed_quote=quote)

    # ---------------- D01 clean: 标签：值 docx, folder 新建文件夹, narrative attachment
    c = C["D01"]
    root = out_dir / "01_恒铸精密"
    rmtree(root)
    att = ["附件1、注册资金和注册成立时间证明：营业执照（见扫描件001.pdf）",
           "附件2、财务状况和主营收入证明：2020年、2021年财务报表（见财务报表.xlsx）",
           "附件3、员工数量证明：2022年9-11月社保缴纳证明（见扫描件002.pdf）",
           "附件4、企业荣誉或资质证明（见扫描件003.pdf）",
           "附件5、企业股权结构（见股权.docx）",
           "附件6、其他证明材料：晨星工厂建设情况说明（见新建文件夹/说明.docx）"]
    m = decl_model(c, dict(att_lines=att, date_style="dot", with_code=True))
    render_docx_lines(root / "申报书(定稿).docx", c, m, mark="■", date_line="2022.12.20")
    licence_pdf(root / "扫描件001.pdf", c)
    fin_xlsx(root / "财务报表.xlsx", c)
    shebao_pdf(root / "扫描件002.pdf", c, MONTHS_OK, issue="2022-12-08")
    honor_pdf(root / "扫描件003.pdf", c, HONORS)
    equity_docx(root / "股权.docx", c)
    narrative_docx(root / "新建文件夹" / "说明.docx", NARR_D01, title="晨星工厂建设情况说明")
    entry(root.name, "2022-12-26",
          "恒铸精密：自行重排的Word申报书（“标签：值”段落、■勾选在选项后），营业执照为电子执照PDF（注册资本大写伍仟万元整），附晨星工厂建设情况说明",
          narratives=[dict(file="新建文件夹/说明.docx", evidenced=[ind(i) for i in NARR_D01_EVID],
                           not_evidenced=[ind(i) for i in NARR_D01_NOT])])

    # ---------------- D02 clean: zip (GBK names), 4-col grid docx, amounts in 元, dates 二〇
    c = C["D02"]
    tmp = out_dir / "_tmp02"
    rmtree(tmp)
    yuan_money = lambda v: yuan(v) + "元"
    att = ["附件1：营业执照（扫描件001.pdf）", "附件2：2020年度、2021年度财务报表（扫描件002.pdf、扫描件003.pdf）",
           "附件3：近3个月社保缴纳证明（扫描件004.pdf）", "附件4：荣誉资质（扫描件005.pdf）", "附件5：股权结构（新建 DOCX 文档.docx）",
           "附件6：无"]
    m = decl_model(c, dict(att_lines=att, date_style="cn", money=yuan_money, unit_sfx="",
                           rev_label="上年度企业营收", cap_label="注册资金(万元)",
                           inv20_label="2020年数字化转型投入金额", inv21_label="2021年数字化转型投入金额",
                           plan_label="企业改造拟投入的资金总额"))
    render_docx_grid(tmp / "晨星工厂申报书.docx", c, m, mark="√", date_line="二〇二二年十二月十九日")
    licence_pdf(tmp / "新建文件夹" / "扫描件001.pdf", c, cap_override="人民币叁仟万元整")
    fin_pdf(tmp / "新建文件夹" / "扫描件002.pdf", c, 2020)
    fin_pdf(tmp / "新建文件夹" / "扫描件003.pdf", c, 2021)
    shebao_pdf(tmp / "新建文件夹" / "扫描件004.pdf", c, MONTHS_OK, issue="2022-12-12")
    honor_pdf(tmp / "新建文件夹" / "扫描件005.pdf", c, HONORS[:1] + HONORS[2:])
    equity_docx(tmp / "新建文件夹" / "新建 DOCX 文档.docx", c)
    zip_dir(tmp, out_dir / "澜拓橡塑-晨星工厂申报.zip")
    rmtree(tmp)
    entry("澜拓橡塑-晨星工厂申报.zip", "2022-12-21",
          "澜拓橡塑：Windows打包的zip（GBK文件名），4列表格版申报书，金额按“元”填写（可精确换算为万元），日期写作二〇一五年六月一日，营业期限“长期”",
          )

    # ---------------- D03 clean: PDF values-below-labels, licence JPG, narrative PDF
    c = C["D03"]
    root = out_dir / "03_锦绣家纺"
    rmtree(root)
    att = ["附件1 营业执照：IMG_20221214_0931.jpg", "附件2 2020年、2021年财务报表：cwbb.xlsx",
           "附件3 2022年9—11月社保缴费证明：扫描件001.pdf", "附件4 荣誉资质：扫描件002.pdf",
           "附件5 股权结构：gq.docx", "附件6 数字化建设情况说明：扫描件003.pdf"]
    m = decl_model(c, dict(att_lines=att, date_style="ymd"))
    render_pdf_below(root / "申报书.pdf", c, m, mark="√", date_line="2022年12月16日")
    licence_jpg(root / "IMG_20221214_0931.jpg", c, seed=3, rot=-1.1, phone=True)
    fin_xlsx(root / "cwbb.xlsx", c)
    shebao_pdf(root / "扫描件001.pdf", c, MONTHS_OK, issue="2022-12-05")
    honor_pdf(root / "扫描件002.pdf", c, HONORS[1:2] + [("DCMM二级（受管理级）证书", "评估机构", "2022.09")])
    equity_docx(root / "gq.docx", c)
    narrative_pdf(root / "扫描件003.pdf", NARR_D03, c)
    entry(root.name, "2022-12-23",
          "锦绣家纺：文本PDF申报书（值在标签下一行，√在选项后），营业执照为手机拍照JPG（营业期限至9999年12月31日），附数字化建设情况说明PDF",
          narratives=[dict(file="扫描件003.pdf", evidenced=[ind(i) for i in NARR_D03_EVID],
                           not_evidenced=[ind(i) for i in NARR_D03_NOT])])

    # ---------------- D04 clean: PDF 4-col grid, 集团 name full-width vs half-width brackets, no honours
    c = C["D04"]
    root = out_dir / "04_鲁航集团"
    rmtree(root)
    att = ["附件1：营业执照（001.pdf）", "附件2：2020年、2021年财务报表（002.xlsx）", "附件3：近3个月社保缴纳证明（003.pdf）",
           "附件4：荣誉资质（不提供）", "附件5：股权结构（005.docx）", "附件6：无"]
    m = decl_model(c, dict(att_lines=att, date_style="iso", form_name="山东鲁航(集团)有限公司", with_code=True))
    render_pdf_grid(root / "新建文件夹" / "申报书-打印版.pdf", c, m, mark="■", date_line="2022-12-15")
    licence_pdf(root / "新建文件夹" / "001.pdf", c)
    fin_xlsx(root / "新建文件夹" / "002.xlsx", c)
    shebao_pdf(root / "新建文件夹" / "003.pdf", c, MONTHS_OK, issue="2022-12-09")
    equity_docx(root / "新建文件夹" / "005.docx", c)
    entry(root.name, "2022-12-22",
          "鲁航集团：4列网格PDF申报书，表内企业全称用半角括号“(集团)”而执照为全角“（集团）”，未附荣誉资质（不提供视为无），营业期限长期")

    # ---------------- D05 defect: 企业简介 over 500字; narrative docx
    c = C["D05"]
    root = out_dir / "05_齐润化工"
    rmtree(root)
    att = ATT_STD
    m = decl_model(c, dict(att_lines=att, date_style="ymd"))
    render_docx_lines(root / "晨星工厂申报书.docx", c, m, mark="√", date_line="2022年12月18日")
    licence_pdf(root / "扫描件001.pdf", c)
    fin_pdf(root / "扫描件002.pdf", c, 2020)
    fin_pdf(root / "扫描件003.pdf", c, 2021)
    shebao_pdf(root / "扫描件004.pdf", c, MONTHS_OK, issue="2022-12-07")
    honor_pdf(root / "扫描件005.pdf", c, HONORS[:2])
    equity_docx(root / "扫描件006.docx", c)
    narrative_docx(root / "新建文件夹" / "附件6.docx", NARR_D05)
    n = word_count(intro_of(c))
    entry(root.name, "2022-12-24", "齐润化工：Word“标签：值”申报书，企业简介写了六百多字，附数据赋能建设情况说明",
          defects=[dfct("WORD_LIMIT_EXCEEDED", "error", "晨星工厂申报书.docx", "企业简介", "不超过500字",
                        "实际%d字（Word字数统计口径）" % n, SQ_INTRO)],
          narratives=[dict(file="新建文件夹/附件6.docx", evidenced=[ind(i) for i in NARR_D05_EVID],
                           not_evidenced=[ind(i) for i in NARR_D05_NOT])])
    assert n > 500

    # ---------------- D06 defect: 企业规模 two boxes; 社保 proof missing; licence phone photo
    c = C["D06"]
    root = out_dir / "06_华木板业"
    rmtree(root)
    att = ["附件1、营业执照（IMG_20221215_0931.jpg）", "附件2、2020年、2021年财务报表（扫描件002.pdf、扫描件003.pdf）",
           "附件3、员工社保缴纳证明（后补）", "附件5、股权结构：独资，见扫描件004.docx"]
    m = decl_model(c, dict(att_lines=att, date_style="dot", scale_sel=["中型", "小型"]))
    render_docx_grid(root / "新建文件夹" / "申报书.docx", c, m, mark="■", date_line="2022.12.15")
    licence_jpg(root / "新建文件夹" / "IMG_20221215_0931.jpg", c, seed=6, rot=1.6, phone=True)
    fin_pdf(root / "新建文件夹" / "扫描件002.pdf", c, 2020)
    fin_pdf(root / "新建文件夹" / "扫描件003.pdf", c, 2021)
    equity_docx(root / "新建文件夹" / "扫描件004.docx", c)
    entry(root.name, "2022-12-27", "华木板业：4列表格Word申报书（■勾选），企业规模勾了两个；社保缴纳证明未附（写“后补”）",
          defects=[dfct("OPTION_CONFLICT", "error", "新建文件夹/申报书.docx", "企业规模", "□大型 □中型 □小型 中只选一项",
                        "中型■  小型■ 两项同时勾选", "企业规模	□大型    □中型     □小型"),
                   dfct("MISSING_ATTACHMENT", "error", None, "附件3、员工数量证明（近3个月的员工社保缴纳证明）",
                        "近3个月的员工社保缴纳证明", "材料中无社保缴纳证明，申报书写“后补”", SQ_ATT3)])

    # ---------------- D07 defect: capital mismatch; financial statements 2019/2020
    c = C["D07"]
    root = out_dir / "07_正驰汽配"
    rmtree(root)
    att = ["附件1：营业执照", "附件2：财务报表", "附件3：社保缴纳证明", "附件4：荣誉资质", "附件5：股权结构"]
    m = decl_model(c, dict(att_lines=att, date_style="dot", form_cap="2000"))
    render_pdf_below(root / "扫描件000.pdf", c, m, mark="√", date_line="2022年12月14日")
    licence_pdf(root / "扫描件001.pdf", c)
    fin_xlsx(root / "扫描件002.xlsx", c, years=(2019, 2020))
    shebao_pdf(root / "扫描件003.pdf", c, MONTHS_OK, issue="2022-12-06")
    honor_pdf(root / "扫描件004.pdf", c, HONORS)
    equity_docx(root / "扫描件005.docx", c)
    entry(root.name, "2022-12-20", "正驰汽配：文本PDF申报书（值在标签下），注册资金填2000万元而执照为贰仟伍佰万元整；财务报表交的是2019、2020年度",
          defects=[dfct("INCONSISTENT_VALUE", "error", "扫描件000.pdf", "注册资金(万元)",
                        "2500（营业执照 扫描件001.pdf：注册资本 贰仟伍佰万元整）", "2000",
                        SQ_ATT1),
                   dfct("DATE_OUT_OF_RANGE", "error", "扫描件002.xlsx", "附件2、财务状况和主营收入证明（2020年、2021年财务报表）",
                        "2020年、2021年财务报表", "2019年度、2020年度利润表和资产负债表（缺2021年）", SQ_ATT2)])

    # ---------------- D08 defect: licence term ended 2022-09-11; declaration not sealed
    c = C["D08"]
    root = out_dir / "08_岱鑫电力"
    rmtree(root)
    att = ATT_STD
    m = decl_model(c, dict(att_lines=att, date_style="cn"))
    render_docx_lines(root / "文档1.docx", c, m, mark="■", seal=False, sign=True, date_line="二〇二二年十二月十二日")
    licence_jpg(root / "扫描件001.jpg", c, seed=8, rot=0.8, issue=dt.date(2017, 5, 10))
    fin_xlsx(root / "扫描件002.xlsx", c)
    shebao_pdf(root / "扫描件003.pdf", c, MONTHS_OK, issue="2022-12-05")
    honor_pdf(root / "扫描件004.pdf", c, HONORS[:1])
    equity_docx(root / "扫描件005.docx", c)
    entry(root.name, "2022-12-22", "岱鑫电力：Word申报书只有法人签字没有盖章；营业执照扫描件营业期限至2022年09月11日已届满",
          defects=[dfct("DOCUMENT_EXPIRED", "error", "扫描件001.jpg", "营业期限",
                        "营业期限在2022-12-22仍有效（经营状态正常）", "2002年09月12日至2022年09月11日",
                        "近三年无重大违法违规行为、无重大生产安全事故，  经营状态正常，  信用记录良好"),
                   dfct("MISSING_SEAL", "error", "文档1.docx", "申报单位（盖章）", "加盖申报单位公章",
                        "“申报单位（盖章）”处无公章（仅有法定代表人签字）", SQ_SEAL)])

    # ---------------- D09 defect: registered in Jiangsu
    c = C["D09"]
    root = out_dir / "09_鲁苏机电"
    rmtree(root)
    att = ATT_STD
    m = decl_model(c, dict(att_lines=att, date_style="dot", with_code=True))
    render_pdf_grid(root / "申报书.pdf", c, m, mark="√", date_line="2022.12.13")
    licence_pdf(root / "扫描件001.pdf", c)
    fin_pdf(root / "扫描件002.pdf", c, 2020)
    fin_pdf(root / "扫描件003.pdf", c, 2021)
    shebao_pdf(root / "扫描件004.pdf", c, MONTHS_OK, issue="2022-12-02")
    honor_pdf(root / "扫描件005.pdf", c, HONORS[:1])
    equity_docx(root / "扫描件006.docx", c)
    entry(root.name, "2022-12-21", "鲁苏机电：4列网格PDF申报书，通讯地址填山东临沂办事处，但营业执照住所和信用代码均为江苏徐州",
          defects=[dfct("ELIGIBILITY_FAILED", "error", "扫描件001.pdf", "住所 / 统一社会信用代码",
                        "在山东省行政区域内注册（信用代码第3-4位37，住所在山东）",
                        "住所：江苏省徐州市铜山区经济开发区黄山路17号；统一社会信用代码%s（32=江苏）" % c["code"], SQ_ELIG)])

    # ---------------- D10 defect: 所属行业 empty; 营收 differs from 2021 利润表
    c = C["D10"]
    root = out_dir / "10_海晟食品"
    rmtree(root)
    att = ATT_STD
    m = decl_model(c, dict(att_lines=att, date_style="ymd", industry="", rev_txt="16850"))
    render_docx_grid(root / "申报书.docx", c, m, mark="√", date_line="2022年12月19日")
    licence_pdf(root / "扫描件001.pdf", c)
    fin_pdf(root / "扫描件002.pdf", c, 2020)
    fin_pdf(root / "扫描件003.pdf", c, 2021)
    shebao_pdf(root / "扫描件004.pdf", c, MONTHS_OK, issue="2022-12-13")
    equity_docx(root / "扫描件005.docx", c)
    entry(root.name, "2022-12-28", "海晟食品：4列表格Word申报书，所属行业一栏空着；上年度营收填16850万元，而2021年利润表营业收入为158,500,000.00元",
          defects=[dfct("MISSING_FIELD", "error", "申报书.docx", "所属行业", "按国民经济行业分类具体到中类",
                        "空白", "所属行业 (按国民经济行业分类具体到中类，如：制造业-化学纤维 制造业-纤维素纤维原料及纤维制造)"),
                   dfct("INCONSISTENT_VALUE", "error", "申报书.docx", "上年度企业营收(万元)",
                        "15850（扫描件003.pdf 2021年度利润表 营业收入 158,500,000.00元）", "16850",
                        "附件 2、财务状况和主营收入证明 (请提供申报单位 2020 年、2021 年财务报表) 。")])

    # ---------------- D11 defect: 社保 proof for 2022.03-05; invest amounts with no unit
    c = C["D11"]
    root = out_dir / "11_东岳轴承"
    rmtree(root)
    att = ATT_STD
    m = decl_model(c, dict(att_lines=att, date_style="dot", unit_sfx="",
                           inv20_label="2020年数字化转型投入金额", inv21_label="2021年数字化转型投入金额"))
    render_docx_lines(root / "扫描件000.docx", c, m, mark="√", date_line="2022.12.16")
    licence_pdf(root / "扫描件001.pdf", c)
    fin_xlsx(root / "扫描件002.xlsx", c)
    shebao_pdf(root / "扫描件003.pdf", c, ["2022年03月", "2022年04月", "2022年05月"], issue="2022-06-10")
    honor_pdf(root / "扫描件004.pdf", c, HONORS[1:2])
    equity_docx(root / "扫描件005.docx", c)
    entry(root.name, "2022-12-23", "东岳轴承：Word“标签：值”申报书，数字化转型投入只写数字不写单位；社保证明是2022年3—5月的旧证明",
          defects=[dfct("DATE_OUT_OF_RANGE", "error", "扫描件003.pdf", "附件3、员工数量证明（近3个月的员工社保缴纳证明）",
                        "近3个月（约2022年9月—11月）", "2022年03月至2022年05月（打印日期2022-06-10）", SQ_ATT3),
                   dfct("INVALID_UNIT", "warning", "扫描件000.docx", "2020年/2021年数字化转型投入金额",
                        "金额以万元填写（表中单位“万元”）", "2020年：%s；2021年：%s（无单位）" % (fmt_wan(c["inv20"]), fmt_wan(c["inv21"])),
                        "2020 年数字化 转型投入金额	万元	2021 年数字化 转型投入金额	万元")])

    # ---------------- D12 defect: 企业类型 none ticked; name 有限公司 vs licence 有限责任公司
    c = C["D12"]
    root = out_dir / "12_港兴金属"
    rmtree(root)
    att = ATT_STD
    m = decl_model(c, dict(att_lines=att, date_style="dot", type_sel=[], form_name="日照港兴金属制品有限公司"))
    render_pdf_below(root / "新建文件夹" / "扫描件001.pdf", c, m, mark="√", date_line="2022年12月20日")
    licence_pdf(root / "新建文件夹" / "扫描件002.pdf", c)
    fin_pdf(root / "新建文件夹" / "扫描件003.pdf", c, 2020)
    fin_pdf(root / "新建文件夹" / "扫描件004.pdf", c, 2021)
    shebao_pdf(root / "新建文件夹" / "扫描件005.pdf", c, MONTHS_OK, issue="2022-12-14")
    equity_docx(root / "新建文件夹" / "扫描件006.docx", c)
    entry(root.name, "2022-12-27", "港兴金属：文本PDF申报书，企业类型四个框都没勾；申报书企业全称写“有限公司”，执照为“有限责任公司”",
          defects=[dfct("OPTION_NOT_SELECTED", "error", "新建文件夹/扫描件001.pdf", "企业类型", "□国有 □民营 □合资 □外资 中勾选一项",
                        "四项均未勾选", "企业类型	□国有    □民营     □合资     □外资"),
                   dfct("INCONSISTENT_VALUE", "error", "新建文件夹/扫描件001.pdf", "企业全称",
                        "日照港兴金属制品有限责任公司（营业执照 新建文件夹/扫描件002.pdf）", "日照港兴金属制品有限公司",
                        "企业全称")])

    labels = dict(writer=WRITER, program=PROGRAM, dossiers=dossiers)
    (out_dir / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    generate(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "out"))
