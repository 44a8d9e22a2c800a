#!/usr/bin/env python
# -*- coding: utf-8 -*-
"""Blind dossier corpus, writer js_a, programme js-smart-factory-2025
(江苏省智能工厂梯度建设 2025: 基础级/先进级/卓越级/领航级 申报材料).

Deterministic: every random generator is seeded, no current time is written into any file
(docx/xlsx zip members get a fixed timestamp, PDFs are written with reportlab invariant=1).
Usage: python generate.py OUT_DIR
"""
import datetime as _dt
import io
import json
import pathlib
import random
import re
import shutil
import sys
import zipfile

import numpy as np
from PIL import Image, ImageDraw, ImageFont, ImageFilter
import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm as RL_CM
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (Image as RLImage, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

FONT_PATH = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'
WRITER = 'js_a'
PROGRAM = 'js-smart-factory-2025'
FIXED_ZIP_TIME = (2025, 1, 1, 0, 0, 0)
FIXED_DT = _dt.datetime(2025, 1, 1, 0, 0, 0)

_font_registered = False


def reg_font():
    global _font_registered
    if not _font_registered:
        pdfmetrics.registerFont(TTFont('wqy', FONT_PATH, subfontIndex=0))
        _font_registered = True


# ---------------------------------------------------------------------------
# identifiers (domain-facts.md: GB 32100-2015 USCC; GB 11714 organisation code)
USCC_ALPHA = '0123456789ABCDEFGHJKLMNPQRTUWXY'
USCC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc_check(body17):
    s = sum(USCC_ALPHA.index(c) * w for c, w in zip(body17, USCC_W))
    return USCC_ALPHA[(31 - s % 31) % 31]


def org_code(rng):
    # GB 11714: 8 body chars + check, weights 3 7 9 10 5 8 4 2
    body = ''.join(rng.choice('0123456789') for _ in range(8))
    w = [3, 7, 9, 10, 5, 8, 4, 2]
    s = sum(int(c) * x for c, x in zip(body, w))
    c = 11 - s % 11
    ch = 'X' if c == 10 else ('0' if c == 11 else str(c))
    return body + ch


def make_uscc(div, rng, new=True):
    if new:
        body = '91' + div + 'MA' + ''.join(rng.choice(USCC_ALPHA) for _ in range(7))
    else:
        body = '91' + div + org_code(rng)
    return body + uscc_check(body)


for _k in ('91512081MA62K0260E', '91110000600037341L', '91110108MA01EBFH9B'):
    assert uscc_check(_k[:17]) == _k[17], _k

# ---------------------------------------------------------------------------
# seed: 智能制造典型场景参考指引(2024年版) — number, name (指引 spelling), 环节 of the
# 典型场景对照参考表 (reference-table grouping)
SCEN = {
    1: ('工厂数字化设计与交付', '工厂建设'), 2: ('数字孪生工厂运营优化', '工厂建设'),
    3: ('产品数字化研发设计', '产品设计'), 4: ('虚拟验证与中试', '产品设计'),
    5: ('工艺数字化设计', '工艺设计'), 6: ('可制造性设计', '工艺设计'),
    7: ('生产计划优化', '计划调度'), 8: ('智能排产调度', '计划调度'),
    9: ('产线柔性配置', '生产作业'), 10: ('人机协同作业', '生产作业'),
    11: ('工艺动态优化', '生产作业'), 12: ('先进过程控制', '生产作业'),
    13: ('数智精益管理', '生产作业'),
    14: ('在线智能检测', '质量管控'), 15: ('质量追溯与分析改进', '质量管控'),
    16: ('设备运行监控', '设备管理'), 17: ('设备智能运维', '设备管理'),
    18: ('智能仓储', '仓储物流'), 19: ('精准配送', '仓储物流'),
    20: ('危险作业自动化', '安全管控'), 21: ('安全一体化管控', '安全管控'),
    22: ('能源智能管控', '能碳管理'), 23: ('碳资产全生命周期管理', '能碳管理'),
    24: ('污染在线管控', '环保管控'),
    25: ('智慧营销管理', '营销与售后'), 26: ('产品智能运维', '营销与售后'),
    27: ('智能客户服务', '营销与售后'),
    28: ('供应链计划协同优化', '供应链管理'), 29: ('供应商数智化管理', '供应链管理'),
    30: ('供应链物流智能配送', '供应链管理'),
    31: ('先进工业网络应用', '信息基础设施'), 32: ('工业信息安全管控', '信息基础设施'),
    33: ('工厂数据资源管理', '信息基础设施'),
    34: ('数据驱动产品研发', '多环节模式创新'), 35: ('大规模个性化定制', '多环节模式创新'),
    36: ('网络协同制造', '多环节模式创新'), 37: ('研产供销服深度集成', '多环节模式创新'),
    38: ('弹性供应链', '多环节模式创新'), 39: ('全员数字化管理', '多环节模式创新'),
    40: ('可持续制造', '多环节模式创新'),
}
# the five 环节 of 要素条件 (工厂建设、研发设计、生产作业、生产管理、运营管理) — our mapping,
# see README (the seed does not map the 15 reference-table groups onto the five)
FIVE = ['工厂建设', '研发设计', '生产作业', '生产管理', '运营管理']


def five_of(n):
    if n in (1, 2, 31, 32, 33):
        return '工厂建设'
    if n in (3, 4, 5, 6, 34):
        return '研发设计'
    if 9 <= n <= 13:
        return '生产作业'
    if 7 <= n <= 24:
        return '生产管理'
    return '运营管理'


DESC = {
    1: '新厂区规划阶段应用BIM建筑信息模型和物流仿真软件，对{p}车间布局、物流动线进行3套方案比选优化，对生产线进行建模后完成工厂数字化交付，竣工资料以三维模型形式移交。',
    2: '构建车间级数字孪生系统，接入设备、产线实时数据，在三维场景中实时映射{p}产线运行状态、在制品分布和关键工序风险点，支撑运营调度优化。',
    3: '全面应用三维CAD设计软件和PDM系统，建立{p}典型组件标准库和设计知识库，设计数据结构化管理，实现版本控制、权限管理和电子审批。',
    4: '应用有限元分析软件对{p}的结构强度、热性能进行仿真，迭代优化后再试制样机，样机试制轮次由平均4轮降至2轮。',
    5: '上线CAPP工艺设计管理系统，工艺文件结构化管理、共享和电子审批，针对{p}典型特征建立工艺模型，关键工艺设计信息可重用。',
    6: '打通PLM与MES数据，工艺部门在设计评审阶段开展可制造性、可装配性审查，依据历史加工数据提出结构改进方案，实现工艺与设计并行。',
    7: '部署APS高级计划系统，与订单和MES工单数据对接，考虑产能、物料等约束自动生成{p}月度和周生产计划，插单时自动调整计划。',
    8: '在APS中建立多工序、多资源约束排产模型，按交期、换型时间等多目标寻优生成工序级排程，设备异常时自动重排并下发至机台。',
    9: '建成{p}自动化生产线，关键工位采用模块化快换工装，换型时通过配方参数一键下发，换线时间由90分钟缩短至25分钟。',
    10: '在上下料、装配和码垛工位部署协作机器人，构建人机协同作业单元，配置安全光栅和力矩感知防护，操作工与机器人协同完成搬运和装配。',
    11: '建设工艺参数在线优化系统，采集关键工序工艺参数与质量结果，建立机理与数据混合模型，对多台设备参数联合寻优并在线下发。',
    12: '在DCS基础上部署APC先进过程控制系统，对{p}关键工段温度、压力、流量等参数实施模型预测控制，关键参数波动幅度下降40%以上。',
    13: '将精益生产与数字化系统融合，通过电子看板实时展示人、机、料、法、环数据，开展OEE分析和六西格玛改善项目，在线跟踪改善成效。',
    14: '在关键工序部署机器视觉检测设备和在线量仪，对{p}外观缺陷和关键尺寸进行在线识别、自动判定和超差报警，检测数据实时上传。',
    15: '上线QMS质量管理系统，应用二维码为每件{p}赋码，关联原材料批次、工序参数和检验结果，实现正反向追溯，质量问题在线记录和闭环跟踪。',
    16: '部署设备联网采集系统，采集关键设备的运行状态、转速、温度、电流等数据，设备状态可视化展示，历史数据可查询，异常时自动报警。',
    17: '上线设备管理系统，实现点巡检、维护保养电子化，建立设备运维平台，对关键设备振动、电流数据实时采集，开展故障分析和远程诊断。',
    18: '建设自动化立体仓库并部署WMS仓储管理系统，应用条码/RFID实现物料出入库、库位分配、移库和盘点管理，与MES集成按工单自动出库。',
    19: '部署AGV厂内物流设备，与WMS、MES集成，依据产线实际消耗实时拉动物料配送，关键件按工位准时送达。',
    20: '在{danger}等危险作业区域部署传感器、视频监控和智能作业单元，实现远程监控与辅助作业，危险岗位作业人员减少60%。',
    21: '建设安全生产管控平台，集成隐患排查、安全培训、风险分级管控和视频智能识别，实现安全数据统一管理和风险自动预警。',
    22: '部署能耗在线监测系统，对水、电、气、蒸汽等能源介质分区分项计量，实时监控能耗并与生产计划匹配开展能源调度。',
    23: '建立数字化碳管理系统，自动采集各工序能耗与排放数据，核算产品碳足迹，形成年度碳排放报告。',
    24: '建设环保在线监测平台，废气、废水排放口在线监测数据自动采集和记录，超标实时报警，并与治理设施运行数据联动分析。',
    25: '上线CRM客户关系管理系统，通过系统编制销售计划，管理销售订单、合同和客户、经销商信息，基于销售历史数据开展需求预测。',
    26: '为{p}加装物联网通信模块，构建产品远程运维系统，实时采集运行参数，实现远程监控、故障诊断和预测性维护服务。',
    27: '建设客户服务平台和微信服务号，提供在线客服，建立客户服务知识库，服务工单与CRM集成，客户反馈闭环管理。',
    28: '建设SCM供应链管理系统，将销售预测、生产计划、采购和库存计划在系统中协同，与核心供应商共享需求计划，各环节计划衔接一致。',
    29: '建立SRM供应商管理系统，供应商准入、询比价和订单协同线上化，按质量、交付、成本、服务对供应商量化评价和分级管理。',
    30: '建设TMS运输管理系统并与WMS集成，成品发运实现拆单拼单、在途车辆定位跟踪和到货签收反馈。',
    31: '建成覆盖全厂的工业以太网和千兆光纤网络，生产车间部署5G专网，实现工业控制网络与生产网络全覆盖。',
    32: '实施工控网、生产网和办公网分区隔离，部署工业防火墙、工业主机防病毒软件和安全审计系统，定期开展信息安全风险评估，建立数据分类分级管理制度。',
    33: '建设企业数据中台，制定统一的数据标准与主数据规范，成立数据治理小组，对生产、质量、设备等数据进行治理和分析应用。',
    34: '集成市场反馈、生产质量和售后使用数据，开展竞品分析和客户需求分析，为新一代{p}的研发提供数据支撑。',
    35: '搭建在线定制平台，客户可选配{p}的规格与功能模块，订单参数自动转化为BOM和工艺，柔性产线按单生产。',
    36: '依托集团工业互联网平台，实现本部与两个生产基地之间的设计、计划和产能协同，订单可在多工厂之间动态分配。',
    37: 'PLM、ERP、MES、CRM等系统通过集成平台贯通，研发、生产、供应、销售和服务业务流和数据流一体化运行。',
    38: '建立供应链风险预警系统，对关键物料供应商的交付、产能等风险进行识别和跟踪，制定替代料和备选供应商预案。',
    39: '构建人员数字化管理平台，开展全员数字化能力培训，员工技能、绩效和培训记录统一管理，实现按技能精准派工。',
    40: '建立节能模型，能源数据与生产、设备系统共享，开展产品全生命周期环境影响评估和绿色供应链管理。',
}

# seed 附件3 表1/表2: 10 二级指标; 7 数字化投入规模 has no level (amount only)
IND = [
    (1, '数字化应用能力', '研发设计数字化水平'),
    (2, '数字化应用能力', '生产作业数字化水平'),
    (3, '数字化应用能力', '生产管理数字化水平'),
    (4, '数字化应用能力', '经营管理数字化水平'),
    (5, '数字化应用能力', '营销服务数字化水平'),
    (6, '数字化应用能力', '产业链供应链协同数字化水平'),
    (7, '数字化支撑能力', '数字化投入规模'),
    (8, '数字化支撑能力', '网络与安全'),
    (9, '数字化支撑能力', '数据要素'),
    (10, '数字化支撑能力', '组织战略人才'),
]
FITS = ['基本符合', '比较符合', '非常符合']


def band(level, fit):
    """表3 企业等级自主打分参考表: (low, high, low_inclusive)."""
    if level == 1:
        return (0, 0, True)
    lo = 20 * (level - 2) + 7 * FITS.index(fit)
    hi = lo + (6 if fit == '非常符合' else 7)
    return (lo, hi, not (level == 2 and fit == '基本符合'))


def in_band(level, fit, score):
    lo, hi, inc = band(level, fit)
    if level == 1:
        return score == 0
    return (score >= lo if inc else score > lo) and score < hi


def total_of(scores):
    vals = [s[2] for q, s in scores.items() if q != 7 and s != 'NA']
    return sum(vals), len(vals), round(sum(vals) / len(vals), 2)


MATURITY = {'二级': '二级（规范级）', '三级': '三级（集成级）', '四级': '四级（优化级）'}
LEVEL_RULE = {  # 要素条件(2025年版)
    '基础级': (8, ['生产作业'], 2, 60),
    '先进级': (15, ['生产作业', '生产管理', '运营管理'], 2, 70),
    '卓越级': (20, FIVE, 3, 80),
    '领航级': (25, FIVE, 4, 90),
}
LEVELS = ['基础级', '先进级', '卓越级', '领航级']
CN_NUM = '〇一二三四五六七八九'


# ---------------------------------------------------------------------------
def fmt_date(d, style):
    if d in ('长期',):
        return d
    if style == 'cn':
        return f'{d.year}年{d.month}月{d.day}日'
    if style == 'cn0':
        return f'{d.year}年{d.month:02d}月{d.day:02d}日'
    if style == 'dash':
        return d.isoformat()
    if style == 'dot':
        return f'{d.year}.{d.month:02d}.{d.day:02d}'
    if style == 'cnnum':
        y = ''.join(CN_NUM[int(c)] for c in str(d.year))

        def small(n):
            if n < 10:
                return '一二三四五六七八九'[n - 1]
            if n == 10:
                return '十'
            if n < 20:
                return '十' + '一二三四五六七八九'[n - 11]
            return '一二三四五六七八九'[n // 10 - 1] + '十' + ('' if n % 10 == 0 else '一二三四五六七八九'[n % 10 - 1])
        return f'{y}年{small(d.month)}月{small(d.day)}日'
    raise ValueError(style)


def ticks(options, chosen, style):
    out = []
    for o in options:
        on = o in chosen
        if style == 'pre':
            out.append(('☑' if on else '□') + o)
        elif style == 'square':
            out.append(('■' if on else '□') + o)
        elif style == 'post':
            out.append(o + ('√' if on else '□'))
    return '  '.join(out)


def D(y, m, d):
    return _dt.date(y, m, d)


# ---------------------------------------------------------------------------
# seals
def make_seal(text, size=420, seed=0):
    rng = np.random.default_rng(seed)
    img = Image.new('RGBA', (size, size), (255, 255, 255, 0))
    dr = ImageDraw.Draw(img)
    red = (214, 30, 36, 235)
    c = size / 2
    dr.ellipse([8, 8, size - 8, size - 8], outline=red, width=14)
    # star
    import math
    r1, r2 = size * 0.14, size * 0.055
    pts = []
    for i in range(10):
        ang = -math.pi / 2 + i * math.pi / 5
        r = r1 if i % 2 == 0 else r2
        pts.append((c + r * math.cos(ang), c + r * math.sin(ang)))
    dr.polygon(pts, fill=red)
    font = ImageFont.truetype(FONT_PATH, int(size * 0.105))
    n = len(text)
    span = min(250.0, 18.0 * n)
    start = -90 - span / 2
    R = size / 2 - size * 0.17
    for i, ch in enumerate(text):
        a = start + span * (i + 0.5) / n
        rad = math.radians(a)
        x, y = c + R * math.cos(rad), c + R * math.sin(rad)
        tile = Image.new('RGBA', (int(size * 0.14), int(size * 0.14)), (0, 0, 0, 0))
        td = ImageDraw.Draw(tile)
        td.text((tile.width / 2, tile.height / 2), ch, font=font, fill=red, anchor='mm')
        tile = tile.rotate(-(a + 90), resample=Image.BICUBIC)
        img.alpha_composite(tile, (int(x - tile.width / 2), int(y - tile.height / 2)))
    # uneven ink
    arr = np.array(img)
    mask = arr[:, :, 3] > 0
    noise = rng.uniform(0.7, 1.0, size=mask.shape)
    arr[:, :, 3] = (arr[:, :, 3] * np.where(mask, noise, 1)).astype(np.uint8)
    return Image.fromarray(arr)


def png_bytes(img):
    b = io.BytesIO()
    img.save(b, format='PNG')
    b.seek(0)
    return b


# ---------------------------------------------------------------------------
# zip normalisation (fixed timestamps so files are byte-identical between runs)
def normalise_zip(path):
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            if name == 'docProps/core.xml':
                data = re.sub(rb'(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)',
                              rb'\g<1>2025-01-01T00:00:00Z\g<3>', data)
            zi = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)


class GBKZipInfo(zipfile.ZipInfo):
    """Windows-made zip: GBK names without the UTF-8 flag."""

    def _encodeFilenameFlags(self):
        return self.filename.encode('gbk'), self.flag_bits & ~0x800


def write_gbk_zip(zip_path, src_dir):
    files = sorted(p for p in src_dir.rglob('*') if p.is_file())
    with zipfile.ZipFile(zip_path, 'w', zipfile.ZIP_DEFLATED) as z:
        for p in files:
            rel = p.relative_to(src_dir).as_posix()
            zi = GBKZipInfo(rel, FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 0
            z.writestr(zi, p.read_bytes())


# ---------------------------------------------------------------------------
# common content
def basic_pairs(co, variant=0):
    lab_name = '单位名称' if variant == 1 else '企业名称'
    lab_cap = '注册资金' if variant == 1 else '注册资本'
    lab_code = '社会信用代码' if variant == 2 else '统一社会信用代码'
    cap = co['capital_decl']
    return [
        (lab_name, co['name']),
        (lab_code, co['code_decl']),
        ('注册地址', co['addr']),
        ('所属地区', co['city'] + co['county']),
        ('法定代表人', co['legal']),
        ('成立日期', fmt_date(co['est'], co.get('decl_date_style', 'cn'))),
        (lab_cap, cap),
        ('所属行业', co['industry']),
        ('主营产品', co['product_full']),
        ('2024年营业收入', f"{co['revenue']}万元"),
        ('从业人员数', f"{co['staff']}人"),
        ('企业类型', co['scale_text']),
        ('联系人', co['contact']),
        ('联系电话', co['phone']),
    ]


def apply_pairs(co, tick_style):
    lvl = ticks(LEVELS, [co['level']], tick_style)
    cover = ticks(FIVE, co['cover_claim'], tick_style)
    return [
        ('申报等级', lvl),
        ('智能制造能力成熟度自评价等级', 'GB/T 39116-2020 ' + MATURITY[co['maturity']]),
        ('覆盖环节', cover),
        ('建设场景数', f"{len(co['scen'])}个"),
        ('数字化转型自评价综合得分', f"{co['stated_total']:.2f}分"),
    ]


def inv_phrase(co):
    u = co.get('inv_unit', '万元')
    sp = ' ' if u else ''
    return (f"数字化投入规模：企业自2014年以来总金额{co['inv_total']}{sp}{u}，"
            f"其中：{co.get('inv_year', '2024')}年投入{co['inv_2024']}{sp}{u}。")


def scen_rows(co):
    rows = []
    for i, n in enumerate(co['scen'], 1):
        name, grp = SCEN[n]
        desc = '' if n in co.get('empty_desc', ()) else DESC[n].format(p=co['product'], danger=co.get('danger', '投料'))
        rows.append((str(i), name, grp, desc))
    return rows


def score_rows(co):
    rows = []
    for q, l1, l2 in IND:
        if q == 7:
            rows.append((str(q), l1, l2, None, None, None))
            continue
        s = co['scores'][q]
        if s == 'NA':
            rows.append((str(q), l1, l2, '不涉及此环节', '—', '—'))
        else:
            lv, fit, sc = s
            lv_txt = '' if (q in co.get('blank_level', ())) else str(lv)
            rows.append((str(q), l1, l2, lv_txt, fit if lv > 1 else '—', str(sc)))
    return rows


def total_sentence(co):
    s, n, _ = total_of(co['scores'])
    ssum = co.get('stated_sum', s)
    extra = ''
    if n < 9:
        extra = '（第{}题选择“不涉及此环节”，按自评方法第3条，最终综合得分=其他问题的综合得分/其他问题的总分）'.format(
            '、'.join(str(q) for q, v in co['scores'].items() if v == 'NA'))
    return (f"参评题目{n}项，自评分合计{ssum}分，满分{n * 100}分，综合得分{co['stated_total']:.2f}分{extra}。")


def narrative_paras(co):
    """Narrative section: re-describes a subset of listed scenarios; a plan sentence about an
    unlisted scenario is a plan, not evidence."""
    paras = [co['intro']]
    listed = [n for n in co['scen'] if n not in co.get('empty_desc', ())]
    by5 = {}
    for n in listed:
        by5.setdefault(five_of(n), []).append(n)
    k = 1
    nums = '一二三四五六'
    for f in FIVE:
        if f not in by5:
            continue
        ns = by5[f][:3]
        body = ''.join(f"{SCEN[n][0]}：" + DESC[n].format(p=co['product'], danger=co.get('danger', '投料')) for n in ns)
        paras.append(f"（{nums[k - 1]}）{f}环节。" + body)
        k += 1
    if co.get('plan'):
        paras.append(co['plan'][1])
    return paras


# ---------------------------------------------------------------------------
# DOCX helpers
def new_doc():
    d = docx.Document()
    st = d.styles['Normal']
    st.font.name = 'Times New Roman'
    st.font.size = Pt(10.5)
    st.element.get_or_add_rPr().get_or_add_rFonts().set(qn('w:eastAsia'), '宋体')
    cp = d.core_properties
    cp.author = 'admin'
    cp.last_modified_by = 'admin'
    cp.created = FIXED_DT
    cp.modified = FIXED_DT
    cp.revision = 1
    cp.comments = ''
    return d


def heading(d, text, level, use_style):
    if use_style:
        h = d.add_heading(text, level=level)
        for r in h.runs:
            r.font.color.rgb = RGBColor(0, 0, 0)
            r._element.get_or_add_rPr().get_or_add_rFonts().set(qn('w:eastAsia'), '黑体')
        return h
    p = d.add_paragraph()
    r = p.add_run(text)
    r.bold = True
    r.font.size = Pt(14 if level == 1 else 12)
    return p


def set_cell(cell, text, bold=False, size=None):
    cell.text = ''
    p = cell.paragraphs[0]
    r = p.add_run(text)
    r.bold = bold
    if size:
        r.font.size = Pt(size)


def doc_table(d, rows, header=True, widths=None, size=9):
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = 'Table Grid'
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            set_cell(t.cell(i, j), v, bold=(header and i == 0), size=size)
            if widths:
                t.cell(i, j).width = Cm(widths[j])
    return t


def add_scen_table(d, co):
    rows = [('序号', '场景名称', '环节', '建设内容/说明')] + scen_rows(co)
    doc_table(d, rows, widths=[1.1, 3.4, 2.2, 9.8])


def add_score_table(d, co, fit_style=None):
    rows = [('序号', '一级指标', '二级指标', '等级', '符合程度', '自评分')]
    t = d.add_table(rows=1, cols=6)
    t.style = 'Table Grid'
    for j, v in enumerate(rows[0]):
        set_cell(t.cell(0, j), v, bold=True, size=9)
    for q, l1, l2, lv, fit, sc in score_rows(co):
        cells = t.add_row().cells
        set_cell(cells[0], q, size=9)
        set_cell(cells[1], l1, size=9)
        set_cell(cells[2], l2, size=9)
        if q == '7':
            m = cells[3].merge(cells[5])
            set_cell(m, inv_phrase(co).replace('数字化投入规模：', ''), size=9)
            continue
        set_cell(cells[3], lv, size=9)
        if fit_style and fit not in ('—',):
            chosen = co.get('fit_override', {}).get(int(q), [fit])
            set_cell(cells[4], ticks(FITS, chosen, fit_style), size=8)
        else:
            set_cell(cells[4], fit, size=9)
        set_cell(cells[5], sc, size=9)
    cells = t.add_row().cells
    m = cells[0].merge(cells[4])
    set_cell(m, '综合得分', bold=True, size=9)
    set_cell(cells[5], f"{co['stated_total']:.2f}", bold=True, size=9)
    d.add_paragraph(total_sentence(co))


def add_pledge(d, co, seal_img, date_text):
    d.add_paragraph('本单位承诺：所填报内容及提供的材料真实、准确、完整，如有虚假，愿承担相应责任。')
    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p.add_run('法定代表人（签字）：' + co['legal'])
    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p.add_run('企业（盖章）：' + co['name'] + '  ')
    p.add_run().add_picture(png_bytes(seal_img), width=Cm(3.6))
    p = d.add_paragraph(date_text)
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def save_docx(d, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    normalise_zip(path)


# ---------------------------------------------------------------------------
# declaration layouts
def decl_docx(co, path, layout, seal_img, tick_style='pre', fit_style=None, with_scores=True):
    d = new_doc()
    styled = layout in ('grid4', 'under')
    t = d.add_paragraph()
    t.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = t.add_run('江苏省智能工厂梯度建设申报书')
    r.bold = True
    r.font.size = Pt(18)
    t = d.add_paragraph()
    t.alignment = WD_ALIGN_PARAGRAPH.CENTER
    t.add_run(f"（申报等级：{co['level']}智能工厂）")
    d.add_paragraph(f"申报单位：{co['name']}（盖章）")
    d.add_paragraph(f"填报日期：{co['fill_date']}")

    H = (lambda s, lv=1: heading(d, s, lv, styled))
    H('一、企业基本信息')
    bp = basic_pairs(co, co.get('label_variant', 0))
    if layout == 'grid4':
        rows = []
        for i in range(0, len(bp), 2):
            a = bp[i]
            b = bp[i + 1] if i + 1 < len(bp) else ('', '')
            rows.append((a[0], a[1], b[0], b[1]))
        doc_table(d, rows, header=False, widths=[2.6, 5.6, 2.6, 5.6])
    elif layout == 'grid2':
        doc_table(d, bp, header=False, widths=[4.0, 12.5])
    elif layout == 'under':
        rows = []
        for i in range(0, len(bp), 2):
            a = bp[i]
            b = bp[i + 1] if i + 1 < len(bp) else ('', '')
            rows.append((a[0], b[0]))
            rows.append((a[1], b[1]))
        t = doc_table(d, rows, header=False, widths=[8.2, 8.2])
        for i in range(0, len(rows), 2):
            for c in t.rows[i].cells:
                for p in c.paragraphs:
                    for rr in p.runs:
                        rr.bold = True
    elif layout == 'prose':
        for k, v in bp:
            d.add_paragraph(f'{k}：{v}')

    H('二、申报信息')
    ap = apply_pairs(co, tick_style)
    if layout == 'prose':
        for k, v in ap:
            d.add_paragraph(f'{k}：{v}')
    else:
        doc_table(d, ap, header=False, widths=[5.0, 11.5])

    H('三、智能工厂建设场景清单')
    d.add_paragraph('对照《江苏省智能工厂梯度建设典型场景企业自评价参考（2025年版）》，本企业已建成场景如下：')
    add_scen_table(d, co)

    H('四、企业数字化转型自评价')
    d.add_paragraph('依据《江苏省企业数字化转型通用评估指标体系（2025年版）》及表3企业等级自主打分参考表进行自评。')
    if with_scores:
        add_score_table(d, co, fit_style)
    else:
        d.add_paragraph(f"自评价明细见附件《数字化转型自评价表》。{total_sentence(co)}")
    d.add_paragraph(inv_phrase(co))

    H('五、智能工厂建设情况')
    for para in narrative_paras(co):
        d.add_paragraph(para)

    H('六、真实性承诺')
    add_pledge(d, co, seal_img, co['fill_date'])
    save_docx(d, path)


def decl_pdf(co, path, seal_img, tick_style='post', with_scores=True):
    reg_font()
    path.parent.mkdir(parents=True, exist_ok=True)
    base = ParagraphStyle('b', fontName='wqy', fontSize=10, leading=15, wordWrap='CJK')
    small = ParagraphStyle('s', parent=base, fontSize=8.5, leading=12)
    title = ParagraphStyle('t', parent=base, fontSize=17, leading=24, alignment=1)
    h1 = ParagraphStyle('h', parent=base, fontSize=12.5, leading=20, spaceBefore=8)
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=2 * RL_CM, rightMargin=2 * RL_CM,
                            topMargin=2 * RL_CM, bottomMargin=2 * RL_CM, invariant=1,
                            title='申报书', author='')
    P = lambda s, st=base: Paragraph(s, st)
    ts = TableStyle([('GRID', (0, 0), (-1, -1), 0.5, colors.black),
                     ('VALIGN', (0, 0), (-1, -1), 'MIDDLE'),
                     ('FONTNAME', (0, 0), (-1, -1), 'wqy')])
    story = [P('江苏省智能工厂梯度建设申报书', title), Spacer(1, 6),
             P(f"申报单位：{co['name']}"), P(f"填报日期：{co['fill_date']}"), Spacer(1, 6),
             P('一、企业基本信息', h1)]
    bp = basic_pairs(co, co.get('label_variant', 0))
    story.append(Table([[P(k), P(v)] for k, v in bp], colWidths=[4 * RL_CM, 13 * RL_CM], style=ts))
    story.append(P('二、申报信息', h1))
    story.append(Table([[P(k), P(v)] for k, v in apply_pairs(co, tick_style)],
                       colWidths=[5 * RL_CM, 12 * RL_CM], style=ts))
    story.append(P('三、智能工厂建设场景清单', h1))
    rows = [[P(x, small) for x in ('序号', '场景名称', '环节', '建设内容/说明')]]
    rows += [[P(a, small) for a in r] for r in scen_rows(co)]
    story.append(Table(rows, colWidths=[1.1 * RL_CM, 3.3 * RL_CM, 2.2 * RL_CM, 10.4 * RL_CM], style=ts, repeatRows=1))
    story.append(P('四、企业数字化转型自评价', h1))
    if with_scores:
        rows = [[P(x, small) for x in ('序号', '一级指标', '二级指标', '等级', '符合程度', '自评分')]]
        spans = []
        for q, l1, l2, lv, fit, sc in score_rows(co):
            if q == '7':
                rows.append([P(q, small), P(l1, small), P(l2, small),
                             P(inv_phrase(co).replace('数字化投入规模：', ''), small), '', ''])
                spans.append(('SPAN', (3, len(rows) - 1), (5, len(rows) - 1)))
            else:
                rows.append([P(x, small) for x in (q, l1, l2, lv, fit, sc)])
        rows.append([P('综合得分', small), '', '', '', '', P(f"{co['stated_total']:.2f}", small)])
        spans.append(('SPAN', (0, len(rows) - 1), (4, len(rows) - 1)))
        st2 = TableStyle(ts.getCommands() + spans)
        story.append(Table(rows, colWidths=[1.1 * RL_CM, 2.6 * RL_CM, 4.6 * RL_CM, 2.9 * RL_CM, 3.0 * RL_CM, 2.8 * RL_CM], style=st2))
        story.append(P(total_sentence(co)))
    else:
        story.append(P('自评价明细见附件《数字化转型自评价表》。' + total_sentence(co)))
    story.append(P(inv_phrase(co)))
    story.append(P('五、智能工厂建设情况', h1))
    for para in narrative_paras(co):
        story.append(P(para))
    story.append(P('六、真实性承诺', h1))
    story.append(P('本单位承诺：所填报内容及提供的材料真实、准确、完整，如有虚假，愿承担相应责任。'))
    story.append(Spacer(1, 10))
    story.append(P(f"法定代表人（签字）：{co['legal']}"))
    story.append(P(f"企业（盖章）：{co['name']}"))
    buf = png_bytes(seal_img)
    story.append(RLImage(buf, width=3.6 * RL_CM, height=3.6 * RL_CM))
    story.append(P(co['fill_date']))
    doc.build(story)


def score_xlsx(co, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = openpyxl.Workbook()
    wb.properties.creator = 'admin'
    wb.properties.lastModifiedBy = 'admin'
    wb.properties.created = FIXED_DT
    wb.properties.modified = FIXED_DT
    ws = wb.active
    ws.title = '自评价表'
    thin = Side(style='thin')
    bd = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws['A1'] = '江苏省企业数字化转型自评价表'
    ws.merge_cells('A1:F1')
    ws['A2'] = f"企业名称：{co['name']}"
    ws.merge_cells('A2:F2')
    hdr = ['序号', '一级指标', '二级指标', '企业等级和自主打分']
    for j, v in enumerate(hdr, 1):
        ws.cell(3, j, v)
    ws.merge_cells('A3:A4')
    ws.merge_cells('B3:B4')
    ws.merge_cells('C3:C4')
    ws.merge_cells('D3:F3')
    ws['D4'] = '等级'
    ws['E4'] = '符合程度'
    ws['F4'] = '自评分'
    r = 5
    first_apply = r
    for q, l1, l2, lv, fit, sc in score_rows(co):
        ws.cell(r, 1, int(q))
        ws.cell(r, 2, l1)
        ws.cell(r, 3, l2)
        if q == '7':
            ws.cell(r, 4, inv_phrase(co).replace('数字化投入规模：', ''))
            ws.merge_cells(start_row=r, start_column=4, end_row=r, end_column=6)
        else:
            ws.cell(r, 4, int(lv) if lv and lv.isdigit() else (lv if lv else None))
            ws.cell(r, 5, fit)
            ws.cell(r, 6, int(sc) if sc.isdigit() else sc)
        r += 1
    ws.merge_cells(start_row=first_apply, start_column=2, end_row=first_apply + 5, end_column=2)
    ws.merge_cells(start_row=first_apply + 6, start_column=2, end_row=first_apply + 9, end_column=2)
    s, n, _ = total_of(co['scores'])
    ws.cell(r, 1, '合计')
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
    ws.cell(r, 6, co.get('stated_sum', s))
    r += 1
    ws.cell(r, 1, f'综合得分（合计÷{n * 100}×100）')
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
    ws.cell(r, 6, co['stated_total'])
    ws.cell(r, 6).number_format = '0.00'
    r += 1
    ws.cell(r, 1, '注：第7项数字化投入规模只填金额，不计分；等级、符合程度按表3企业等级自主打分参考表填写。')
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=6)
    for row in ws.iter_rows(min_row=3, max_row=r - 1, max_col=6):
        for c in row:
            c.border = bd
            c.alignment = Alignment(wrap_text=True, vertical='center', horizontal='center')
            c.font = Font(name='宋体', size=10)
    ws['A1'].font = Font(name='黑体', size=14, bold=True)
    for col, w in zip('ABCDEF', (6, 14, 26, 12, 12, 10)):
        ws.column_dimensions[col].width = w
    wb.save(str(path))
    normalise_zip(path)


# ---------------------------------------------------------------------------
# business licences
def licence_fields(co):
    term = co['lic_term']
    return [
        ('统一社会信用代码', co['code']),
        ('名称', co['lic_name']),
        ('类型', co['type']),
        ('法定代表人', co['legal']),
        ('注册资本', co['capital_lic']),
        ('成立日期', fmt_date(co['est'], co.get('lic_date_style', 'cn0'))),
        ('营业期限', term),
        ('住所', co['addr']),
        ('经营范围', co['scope']),
    ]


def licence_pdf(co, path, seal_img, electronic=False):
    seal_img = make_seal(co['authority'], seed=int(co['key']) + 100)  # 登记机关's seal
    reg_font()
    path.parent.mkdir(parents=True, exist_ok=True)
    W, H = landscape(A4)
    c = rl_canvas.Canvas(str(path), pagesize=(W, H), invariant=1)
    c.setStrokeColor(colors.HexColor('#b8860b'))
    c.setLineWidth(3)
    c.rect(25, 25, W - 50, H - 50)
    c.setFillColor(colors.black)
    c.setFont('wqy', 34)
    c.drawCentredString(W / 2, H - 90, '营 业 执 照')
    c.setFont('wqy', 13)
    c.drawCentredString(W / 2, H - 115, '（电子营业执照）' if electronic else '（副 本）')
    rng = random.Random(co['key'])
    # QR-like block
    x0, y0, s = W - 170, H - 180, 4
    for i in range(25):
        for j in range(25):
            edge = (i < 7 and j < 7) or (i < 7 and j > 17) or (i > 17 and j < 7)
            if edge or rng.random() < 0.45:
                c.rect(x0 + i * s, y0 + j * s, s, s, stroke=0, fill=1)
    y = H - 160
    c.setFont('wqy', 12.5)
    for k, v in licence_fields(co):
        c.drawString(70, y, k)
        if k == '经营范围':
            line = ''
            for ch in v:
                line += ch
                if pdfmetrics.stringWidth(line, 'wqy', 12.5) > W - 280:
                    c.drawString(190, y, line)
                    y -= 18
                    line = ''
            if line:
                c.drawString(190, y, line)
        else:
            c.drawString(190, y, v)
        y -= 28
    c.drawString(W - 330, 110, '登记机关  ' + co['authority'])
    c.drawString(W - 250, 85, fmt_date(co['lic_issue'], 'cn'))
    c.drawImage(ImageReader(png_bytes(seal_img)), W - 260, 55, 120, 120, mask='auto')
    c.setFont('wqy', 8)
    c.drawCentredString(W / 2, 35, '国家企业信用信息公示系统网址：http://www.gsxt.gov.cn')
    c.showPage()
    c.save()


def licence_img(co, path, seal_img, angle, seed):
    seal_img = make_seal(co['authority'], seed=int(co['key']) + 100)  # 登记机关's seal
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    Wd, Ht = 2000, 1400
    img = Image.new('RGB', (Wd, Ht), (238, 236, 230))
    dr = ImageDraw.Draw(img)
    dr.rectangle([40, 40, Wd - 40, Ht - 40], outline=(170, 130, 40), width=10)
    dr.rectangle([62, 62, Wd - 62, Ht - 62], outline=(170, 130, 40), width=3)
    ft = ImageFont.truetype(FONT_PATH, 84)
    f = ImageFont.truetype(FONT_PATH, 38)
    fs = ImageFont.truetype(FONT_PATH, 32)
    dr.text((Wd / 2, 150), '营 业 执 照', font=ft, fill=(20, 20, 20), anchor='mm')
    dr.text((Wd / 2, 235), '（副 本）', font=f, fill=(20, 20, 20), anchor='mm')
    y = 320
    for k, v in licence_fields(co):
        dr.text((130, y), k, font=f, fill=(25, 25, 25))
        if k == '经营范围':
            line = ''
            for ch in v:
                line += ch
                if dr.textlength(line, font=fs) > 1400:
                    dr.text((480, y + 3), line, font=fs, fill=(30, 30, 30))
                    y += 46
                    line = ''
            if line:
                dr.text((480, y + 3), line, font=fs, fill=(30, 30, 30))
        else:
            dr.text((480, y), v, font=f, fill=(25, 25, 25))
        y += 68
    dr.text((1220, 1180), '登记机关  ' + co['authority'], font=f, fill=(25, 25, 25))
    dr.text((1420, 1240), fmt_date(co['lic_issue'], 'cn'), font=f, fill=(25, 25, 25))
    seal = seal_img.resize((330, 330))
    img.paste(seal, (1400, 1010), seal)
    img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=(200, 200, 198))
    arr = np.asarray(img).astype(np.float32)
    arr = arr * 0.93 + rng.normal(0, 7, arr.shape)
    arr = np.clip(arr, 0, 255).astype(np.uint8)
    img = Image.fromarray(arr).filter(ImageFilter.GaussianBlur(0.6))
    img.save(str(path), format='JPEG', quality=80, dpi=(200, 200))


# ---------------------------------------------------------------------------
# companies / dossiers
def companies():
    rng = random.Random(20250601)
    C = []

    def base(**kw):
        kw.setdefault('type', '有限责任公司（自然人投资或控股）')
        kw.setdefault('contact', '王' + rng.choice('磊敏静涛芳强'))
        kw.setdefault('fill_date', '2025年6月10日')
        kw.setdefault('cover_claim', None)
        co = kw
        co['code'] = make_uscc(co['div'], rng, new=co['est'].year >= 2016)
        co.setdefault('code_decl', co['code'])
        co.setdefault('lic_name', co['name'])
        co.setdefault('capital_decl', f"{co['capital_wan']}万元")
        co.setdefault('product_full', co['product'])
        if co['cover_claim'] is None:
            co['cover_claim'] = sorted({five_of(n) for n in co['scen']}, key=FIVE.index)
        s, n, t = total_of(co['scores'])
        co.setdefault('stated_total', t)
        C.append(co)
        return co

    SCALE = '☑规模以上工业企业 □创新型中小企业 □省级专精特新中小企业 □国家专精特新“小巨人”企业'

    # 01 clean 先进级 — docx, heading styles, 4-column grid; licence capital in 大写
    base(key='01', folder='01_苏州瑞泽精密机械', name='苏州瑞泽精密机械有限公司', div='320506',
         city='苏州市', county='吴中区', addr='苏州市吴中区木渎镇金枫南路1288号', legal='沈建国',
         est=D(2009, 3, 18), capital_wan=12000, capital_lic='壹亿贰仟万元整', lic_term='2009年03月18日至长期',
         industry='C34通用设备制造业', product='数控机床主轴', product_full='精密数控机床电主轴、机械主轴',
         revenue=68520, staff=612, scale_text=SCALE, phone='0512-66218835', level='先进级', maturity='三级',
         scen=[3, 5, 7, 8, 9, 10, 14, 15, 16, 17, 18, 19, 21, 22, 25, 29, 31],
         scores={1: (5, '比较符合', 70), 2: (5, '非常符合', 76), 3: (5, '非常符合', 75), 4: (5, '比较符合', 72),
                 5: (5, '基本符合', 66), 6: (5, '比较符合', 71), 8: (5, '比较符合', 69), 9: (5, '比较符合', 68),
                 10: (5, '比较符合', 68), 7: None},
         inv_total=8650, inv_2024=1320, authority='苏州市吴中区行政审批局', lic_issue=D(2023, 8, 21),
         scope='数控机床主轴、机床功能部件的研发、制造、销售；机械零部件加工；货物及技术进出口。',
         intro='公司成立于2009年，专注精密数控机床主轴研发制造，2021年起实施智能工厂改造，先后建设MES、APS、WMS、QMS等系统。',
         plan=(2, '下一步，公司计划于2026年启动数字孪生工厂建设，目前处于方案论证阶段。'),
         as_of='2025-06-20')

    # 02 clean 基础级 — text PDF declaration, 研发设计 不涉及此环节 (OEM 来料加工), licence photo
    base(key='02', folder='02_无锡恒拓汽车零部件', name='无锡恒拓汽车零部件有限公司', div='320206',
         city='无锡市', county='惠山区', addr='无锡市惠山区洛社镇新雅路66号', legal='顾卫东',
         est=D(2017, 6, 1), capital_wan=3000, capital_lic='叁仟万元整', lic_term='2017年06月01日至长期',
         industry='C36汽车制造业', product='制动卡钳', product_full='汽车制动卡钳壳体、支架（按客户图纸来料加工）',
         revenue=21860, staff=236, scale_text=SCALE, phone='0510-83592216', level='基础级', maturity='二级',
         decl_date_style='dot', label_variant=1,
         scen=[7, 9, 10, 14, 16, 17, 18, 21, 31],
         scores={1: 'NA', 2: (5, '基本符合', 63), 3: (4, '非常符合', 58), 4: (5, '基本符合', 62),
                 5: (4, '非常符合', 55), 6: (5, '基本符合', 64), 8: (4, '非常符合', 57), 9: (5, '基本符合', 61),
                 10: (5, '比较符合', 68), 7: None},
         inv_total=1865, inv_2024=342, authority='无锡市惠山区行政审批局', lic_issue=D(2022, 4, 12),
         scope='汽车零部件及配件制造；金属切削加工服务；机械零件、零部件加工。',
         intro='公司为整车厂一级供应商配套加工制动卡钳壳体和支架，产品图纸由客户提供，公司不承担产品和工艺研发设计。',
         plan=None, as_of='2025-06-25')

    # 03 clean 卓越级 — zip (GBK names, 新建文件夹), prose declaration + xlsx self-evaluation; scores on band lower bounds
    base(key='03', folder='常州天衡新能源_申报材料', name='江苏天衡（常州）新能源科技有限公司', div='320412',
         lic_name='江苏天衡(常州)新能源科技有限公司',
         city='常州市', county='武进区', addr='常州市武进区南夏墅街道常武南路588号', legal='吕志华',
         est=D(2018, 11, 6), capital_wan=5000, capital_lic='5000万元人民币', lic_term='2018年11月06日至2048年11月05日',
         industry='C38电气机械和器材制造业', product='锂电池模组', product_full='储能锂电池模组及电池包',
         revenue=186300, staff=1420, scale_text=SCALE, phone='0519-86329901', level='卓越级', maturity='三级',
         decl_date_style='cnnum', label_variant=2,
         scen=[1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 14, 15, 16, 17, 18, 19, 21, 22, 25, 28, 30, 32, 33],
         scores={1: (6, '基本符合', 80), 2: (6, '比较符合', 87), 3: (6, '基本符合', 84), 4: (5, '非常符合', 78),
                 5: (5, '非常符合', 74), 6: (6, '基本符合', 82), 8: (5, '非常符合', 79), 9: (6, '基本符合', 81),
                 10: (6, '比较符合', 90), 7: None},
         inv_total=23680, inv_2024=4150, authority='常州市武进区行政审批局', lic_issue=D(2021, 9, 30),
         scope='电池制造；电池销售；储能技术服务；新兴能源技术研发；技术进出口。',
         intro='公司建有储能电池模组和电池包两个数字化车间，形成“一平台、一中台、多系统”的智能工厂架构。',
         plan=(40, '公司计划在2026年启动可持续制造体系建设，开展产品全生命周期环境影响评估。'),
         fill_date='2025年7月2日', as_of='2025-07-15')

    # 04 clean 领航级 — docx value-under-label layout, electronic licence PDF
    base(key='04', folder='04_南京钧陵电气', name='南京钧陵电气集团有限公司', div='320115',
         type='有限责任公司', city='南京市', county='江宁区', addr='南京市江宁区秣陵街道将军大道699号',
         legal='周海林', est=D(2003, 5, 20), capital_wan=36800, capital_lic='叁亿陆仟捌佰万元整',
         lic_term='2003年05月20日至长期',
         industry='C38电气机械和器材制造业', product='智能中压开关设备', product_full='智能中压开关柜、环网柜、一二次融合开关',
         revenue=592400, staff=3280,
         scale_text='☑规模以上工业企业 □创新型中小企业 □省级专精特新中小企业 ☑国家专精特新“小巨人”企业',
         phone='025-52718800', level='领航级', maturity='四级',
         scen=[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 25, 26, 28, 29, 33, 36],
         danger='喷涂、高压试验',
         scores={1: (6, '非常符合', 96), 2: (6, '非常符合', 95), 3: (6, '非常符合', 97), 4: (6, '比较符合', 92),
                 5: (6, '比较符合', 90), 6: (6, '非常符合', 94), 8: (6, '比较符合', 88), 9: (6, '非常符合', 95),
                 10: (6, '比较符合', 93), 7: None},
         inv_total=23450, inv_2024=3860, authority='南京市江宁区市场监督管理局', lic_issue=D(2024, 3, 8),
         scope='输配电及控制设备制造；智能输配电及控制设备销售；电力设施器材制造；软件开发；工业互联网数据服务。',
         intro='集团自2014年以来累计数字化投入2.345亿元，建成覆盖研发、生产、供应、服务的工业互联网平台，本部与两个生产基地协同运营。',
         plan=(40, '面向“双碳”目标，集团拟于2026年开展可持续制造专项建设。'),
         fill_date='2025-06-18', as_of='2025-07-01')

    # 05 先进级 with only 13 scenarios (COUNT_BELOW_MINIMUM)
    base(key='05', folder='05_南通海晟纺织', name='南通海晟纺织科技有限公司', div='320612',
         city='南通市', county='通州区', addr='南通市通州区川姜镇志浩路18号', legal='陆海燕',
         est=D(2016, 4, 12), capital_wan=8000, capital_lic='捌仟万元整', lic_term='2016年04月12日至长期',
         industry='C17纺织业', product='家纺面料', product_full='高支家纺面料、床品套件',
         revenue=43600, staff=520, scale_text=SCALE, phone='0513-86721130', level='先进级', maturity='二级',
         scen=[3, 7, 9, 10, 14, 15, 16, 17, 18, 22, 25, 29, 31],
         scores={1: (5, '比较符合', 68), 2: (5, '非常符合', 75), 3: (5, '比较符合', 72), 4: (5, '比较符合', 70),
                 5: (5, '比较符合', 69), 6: (5, '基本符合', 66), 8: (5, '比较符合', 71), 9: (5, '非常符合', 74),
                 10: (5, '比较符合', 72), 7: None},
         inv_total=5320, inv_2024=980, authority='南通市通州区行政审批局', lic_issue=D(2022, 10, 9),
         scope='面料纺织加工；家用纺织制成品制造；针纺织品销售；货物进出口。',
         intro='公司拥有喷气织机420台，2022年起实施织造车间数字化改造。',
         plan=(8, '智能排产调度系统已完成选型，计划于2025年四季度上线。'), as_of='2025-06-30')

    # 06 先进级 with no 运营管理 scenario (ELIGIBILITY_FAILED) + score outside its band (VALUE_OUT_OF_RANGE)
    base(key='06', folder='06_扬州润丰食品', name='扬州润丰食品有限公司', div='321012',
         city='扬州市', county='江都区', addr='扬州市江都区仙女镇龙川南路218号', legal='孙立成',
         est=D(2012, 8, 8), capital_wan=6600, capital_lic='陆仟陆佰万元整', lic_term='2012年08月08日至2042年08月07日',
         industry='C14食品制造业', product='速冻调理食品', product_full='速冻米面制品、速冻调理肉制品',
         revenue=52800, staff=760, scale_text=SCALE, phone='0514-86533027', level='先进级', maturity='二级',
         scen=[1, 3, 5, 7, 8, 9, 12, 13, 14, 15, 16, 17, 18, 19, 22, 24],
         cover_claim=['生产作业', '生产管理', '运营管理'],
         scores={1: (5, '基本符合', 64), 2: (5, '比较符合', 75), 3: (5, '非常符合', 77), 4: (5, '比较符合', 72),
                 5: (5, '比较符合', 70), 6: (5, '比较符合', 70), 8: (5, '基本符合', 65), 9: (5, '比较符合', 69),
                 10: (5, '比较符合', 71), 7: None},
         inv_total=4890, inv_2024=760, authority='扬州市江都区行政审批局', lic_issue=D(2021, 5, 17),
         scope='食品生产；食品销售；速冻食品制造；冷库经营。',
         intro='公司建有速冻米面制品和调理肉制品两条自动化生产线及万吨级冷库，通过SC、BRC认证。',
         plan=None, as_of='2025-07-08')

    # 07 卓越级 with maturity 二级 (ELIGIBILITY_FAILED) + wrong total in xlsx (CALCULATION_MISMATCH)
    base(key='07', folder='07_泰州康元医药化工', name='泰州康元医药化工有限公司', div='321204',
         city='泰州市', county='姜堰区', addr='泰州市姜堰区经济开发区天目山路9号', legal='钱永康',
         est=D(2010, 1, 26), capital_wan=15000, capital_lic='壹亿伍仟万元整', lic_term='2010年01月26日至长期',
         industry='C27医药制造业', product='原料药', product_full='心血管类原料药及医药中间体',
         revenue=96700, staff=880, scale_text=SCALE, phone='0523-88213370', level='卓越级', maturity='二级',
         danger='危化品投料、加氢反应',
         scen=[2, 3, 5, 6, 7, 8, 12, 13, 14, 15, 16, 17, 18, 20, 21, 22, 24, 25, 29, 32, 33],
         scores={1: (6, '基本符合', 83), 2: (6, '基本符合', 82), 3: (5, '非常符合', 78), 4: (6, '基本符合', 84),
                 5: (5, '非常符合', 76), 6: (6, '基本符合', 81), 8: (6, '基本符合', 85), 9: (5, '非常符合', 79),
                 10: (6, '基本符合', 84), 7: None},
         stated_sum=744, stated_total=82.67,
         inv_total=12360, inv_2024=2210, authority='泰州市姜堰区行政审批局', lic_issue=D(2023, 2, 14),
         scope='药品生产；化工产品生产（不含许可类化工产品）；医药中间体研发、制造。',
         intro='公司原料药车间全部通过GMP认证，2020年起建设流程型智能工厂，DCS、APC、MES、LIMS等系统全面上线。',
         plan=None, fill_date='2025年6月28日', as_of='2025-07-10')

    # 08 基础级: one scenario claimed with no description (MISSING_EVIDENCE) + 投入 for 2023 instead of 2024
    base(key='08', folder='08_盐城捷达家具', name='盐城捷达家具有限公司', div='320903',
         city='盐城市', county='盐都区', addr='盐城市盐都区大冈镇工业集中区富民路5号', legal='戴春来',
         est=D(2015, 9, 9), capital_wan=2000, capital_lic='贰仟万元整', lic_term='2015年09月09日至长期',
         industry='C21家具制造业', product='板式家具', product_full='板式办公家具、定制衣柜',
         revenue=15200, staff=310, scale_text=SCALE, phone='0515-88361205', level='基础级', maturity='二级',
         scen=[7, 9, 10, 14, 15, 16, 18, 31], empty_desc={15},
         scores={1: (4, '基本符合', 45), 2: (5, '基本符合', 63), 3: (5, '基本符合', 62), 4: (5, '比较符合', 67),
                 5: (4, '非常符合', 56), 6: (5, '基本符合', 61), 8: (5, '基本符合', 60), 9: (5, '基本符合', 62),
                 10: (5, '比较符合', 68), 7: None},
         inv_total=1280, inv_2024=236, inv_year='2023', authority='盐城市盐都区行政审批局', lic_issue=D(2020, 7, 3),
         scope='家具制造；家具销售；木材加工；家居用品销售。',
         intro='公司2022年引进板式家具柔性生产线，实施开料、封边、钻孔工序自动化改造。',
         plan=None, as_of='2025-06-26')

    # 09 基础级: two 符合程度 ticked for one sub-indicator (OPTION_CONFLICT) + 投入 without 万元 (INVALID_UNIT)
    base(key='09', folder='09_徐州鑫矿机械', name='徐州鑫矿机械装备有限公司', div='320312',
         city='徐州市', county='铜山区', addr='徐州市铜山区高新技术产业开发区银山路16号', legal='韩光明',
         est=D(2014, 12, 2), capital_wan=5180, capital_lic='伍仟壹佰捌拾万元整', lic_term='2014年12月02日至长期',
         industry='C35专用设备制造业', product='矿用刮板输送机', product_full='矿用刮板输送机、转载机及配件',
         revenue=38900, staff=455, scale_text=SCALE, phone='0516-83887612', level='基础级', maturity='二级',
         scen=[7, 9, 10, 14, 16, 17, 18, 21, 25, 31],
         scores={1: (5, '基本符合', 62), 2: (5, '基本符合', 64), 3: (5, '基本符合', 61), 4: (5, '比较符合', 67),
                 5: (5, '基本符合', 63), 6: (4, '非常符合', 58), 8: (5, '基本符合', 60), 9: (4, '非常符合', 57),
                 10: (5, '基本符合', 65), 7: None},
         fit_override={5: ['基本符合', '比较符合']},
         inv_total=3856.5, inv_2024=612, inv_unit='', authority='徐州市铜山区行政审批局', lic_issue=D(2022, 1, 20),
         scope='矿山机械制造；矿山机械销售；通用设备修理；机械零件、零部件加工。',
         intro='公司为煤矿企业提供刮板输送机成套装备，2021年起建设焊接、机加工数字化车间。',
         plan=None, as_of='2025-07-03')

    # 10 基础级 but 规模以下 with no 参照执行 status (ELIGIBILITY_FAILED) + score outside its band (VALUE_OUT_OF_RANGE)
    base(key='10', folder='10_淮安华锦塑业', name='淮安华锦塑业有限公司', div='320804',
         city='淮安市', county='淮阴区', addr='淮安市淮阴区王营镇长江东路308号', legal='许华锦',
         est=D(2019, 3, 15), capital_wan=500, capital_lic='伍佰万元整', lic_term='2019年03月15日至长期',
         industry='C29橡胶和塑料制品业', product='注塑件', product_full='家电注塑结构件',
         revenue=1650, staff=48,
         scale_text='□规模以上工业企业 □创新型中小企业 □省级专精特新中小企业 □国家专精特新“小巨人”企业（本企业为规模以下工业企业）',
         phone='0517-84216630', level='基础级', maturity='二级',
         scen=[3, 5, 9, 10, 14, 16, 18, 25, 31],
         scores={1: (5, '基本符合', 61), 2: (5, '基本符合', 63), 3: (5, '基本符合', 62), 4: (5, '基本符合', 64),
                 5: (5, '基本符合', 60), 6: (5, '基本符合', 62), 8: (4, '基本符合', 48), 9: (5, '基本符合', 61),
                 10: (5, '基本符合', 63), 7: None},
         inv_total=386, inv_2024=72, authority='淮安市淮阴区行政审批局', lic_issue=D(2019, 3, 15),
         scope='塑料制品制造；塑料制品销售；模具制造。',
         intro='公司为家电企业配套注塑结构件，拥有注塑机36台。',
         plan=None, as_of='2025-06-27')

    # 11 基础级 with total ≤ 60 (ELIGIBILITY_FAILED) + 等级 left blank for one sub-indicator (MISSING_FIELD)
    base(key='11', folder='11_镇江宏图光电', name='镇江宏图光电科技有限公司', div='321102',
         city='镇江市', county='京口区', addr='镇江市京口区象山街道学府路301号', legal='丁文涛',
         est=D(2016, 10, 28), capital_wan=3500, capital_lic='叁仟伍佰万元整', lic_term='2016年10月28日至2046年10月27日',
         industry='C39计算机、通信和其他电子设备制造业', product='LED驱动电源', product_full='LED驱动电源、智能照明控制模块',
         revenue=27400, staff=390, scale_text=SCALE, phone='0511-85523317', level='基础级', maturity='二级',
         scen=[7, 9, 13, 14, 16, 18, 22, 31, 33],
         scores={1: (4, '非常符合', 55), 2: (5, '基本符合', 62), 3: (4, '非常符合', 57), 4: (5, '基本符合', 61),
                 5: (4, '比较符合', 52), 6: (4, '非常符合', 56), 8: (4, '非常符合', 58), 9: (4, '比较符合', 52),
                 10: (5, '基本符合', 63), 7: None},
         blank_level={9},
         inv_total=2140, inv_2024=390, authority='镇江市京口区行政审批局', lic_issue=D(2021, 12, 6),
         scope='电子元器件制造；照明器具制造；智能控制系统集成。',
         intro='公司SMT贴片、插件、老化测试工序已实现自动化，2023年上线MES系统。',
         plan=None, fill_date='2025年6月12日', as_of='2025-06-30')
    return C


# ---------------------------------------------------------------------------
def rule_check(co, intended):
    """Guard: every condition the seed states holds, except the planted ones."""
    s, n, t = total_of(co['scores'])
    probs = set()
    need, envs, mat, thr = LEVEL_RULE[co['level']]
    described = [x for x in co['scen'] if x not in co.get('empty_desc', ())]
    if len(co['scen']) < need:
        probs.add('count')
    if len(described) < len(co['scen']):
        probs.add('evidence')
    covered = {five_of(x) for x in described}
    if not set(envs) <= covered:
        probs.add('env')
    if int('一二三四五'.index(co['maturity'][0]) + 1) < mat:
        probs.add('maturity')
    for q, v in co['scores'].items():
        if q == 7 or v == 'NA':
            continue
        if not in_band(*v):
            probs.add('band')
    if abs(co['stated_total'] - t) > 0.005 or co.get('stated_sum', s) != s:
        probs.add('total')
    if t <= 60:
        probs.add('score60')
    if t <= thr:
        probs.add('scorelevel')
    assert probs == set(intended), (co['key'], probs, intended)


def build(out):
    C = {c['key']: c for c in companies()}
    seals = {k: make_seal(c['lic_name'], seed=int(k)) for k, c in C.items()}
    labels = []

    def narr(co, file):
        ev = [{'id': SCEN[n][0], 'name': SCEN[n][0]} for n in co['scen'] if n not in co.get('empty_desc', ())]
        ne = []
        if co.get('plan'):
            ne.append({'id': SCEN[co['plan'][0]][0], 'name': SCEN[co['plan'][0]][0]})
        for n in sorted(co.get('empty_desc', ())):
            ne.append({'id': SCEN[n][0], 'name': SCEN[n][0]})
        r = {'file': file, 'evidenced': ev}
        if ne:
            r['not_evidenced'] = ne
        return r

    def entry(co, name, desc, defects, narratives):
        labels.append({'name': name, 'as_of': co['as_of'], 'clean': not defects, 'description': desc,
                       'defects': defects, 'narratives': narratives})

    Q_BAND = '表3 企业等级自主打分参考表：等级5 比较符合 [67-74)；“企业在选定所处的等级后，依据企业与该等级描述的符合程度……在等级分段内……进行自主打分”'

    # 01
    co = C['01']
    rule_check(co, [])
    dd = out / co['folder']
    decl_docx(co, dd / '智能工厂梯度建设申报书（先进级）.docx', 'grid4', seals['01'], tick_style='pre')
    licence_pdf(co, dd / '营业执照副本.pdf', seals['01'])
    entry(co, co['folder'], '先进级申报书DOCX（标题样式、四栏基本信息表、17个场景、自评表在文中）加营业执照PDF，注册资本执照写大写“壹亿贰仟万元整”。', [],
          [narr(co, '智能工厂梯度建设申报书（先进级）.docx')])

    # 02
    co = C['02']
    rule_check(co, [])
    dd = out / co['folder']
    decl_pdf(co, dd / '智能工厂申报材料（定稿）.pdf', seals['02'], tick_style='post')
    licence_img(co, dd / 'IMG_20250512_0931.jpg', seals['02'], angle=1.2, seed=2)
    entry(co, co['folder'], '基础级申报书文本PDF（标签左值右、勾选√在后），研发设计选“不涉及此环节”按其余8题折算得分，营业执照为手机照片JPG。', [],
          [narr(co, '智能工厂申报材料（定稿）.pdf')])

    # 03 zip
    co = C['03']
    rule_check(co, [])
    tmp = out / '_tmp03'
    decl_docx(co, tmp / '新建文件夹' / '申报书.docx', 'prose', seals['03'], tick_style='square', with_scores=False)
    score_xlsx(co, tmp / '新建文件夹' / '自评价表.xlsx')
    licence_pdf(co, tmp / '扫描件002.pdf', seals['03'], electronic=True)
    zname = '常州天衡新能源_申报材料.zip'
    write_gbk_zip(out / zname, tmp)
    shutil.rmtree(tmp)
    entry(co, zname, '卓越级申报材料ZIP（GBK文件名、新建文件夹），申报书为“标签：值”段落式DOCX，自评价表为两行合并表头的XLSX，多项自评分恰在分段下限。', [],
          [narr(co, '新建文件夹/申报书.docx')])

    # 04
    co = C['04']
    rule_check(co, [])
    dd = out / co['folder']
    decl_docx(co, dd / '申报书-钧陵电气-领航级.docx', 'under', seals['04'], tick_style='pre')
    licence_pdf(co, dd / '电子营业执照.pdf', seals['04'], electronic=True)
    entry(co, co['folder'], '领航级申报书DOCX（值在标签下方的表格、28个场景、成熟度四级、综合得分93.33），电子营业执照PDF，叙述中投入以亿元表述。', [],
          [narr(co, '申报书-钧陵电气-领航级.docx')])

    # 05
    co = C['05']
    rule_check(co, ['count'])
    dd = out / co['folder']
    fn = '海晟纺织智能工厂申报书.docx'
    decl_docx(co, dd / fn, 'grid4', seals['05'], tick_style='square')
    licence_pdf(co, dd / '扫描件001.pdf', seals['05'])
    entry(co, co['folder'], '先进级申报书DOCX（■勾选、四栏表），场景清单只有13个场景。', [
        {'code': 'COUNT_BELOW_MINIMUM', 'severity': 'error', 'file': fn, 'field': '建设场景数',
         'expected': '先进级建设场景数不低于15个', 'found': '申报先进级，场景清单及“建设场景数”均为13个',
         'seed_quote': '三、先进级智能工厂 ……至少覆盖生产作业、生产管理、运营管理三个环节,建设场景数不低于15个场景'}],
        [narr(co, fn)])

    # 06
    co = C['06']
    rule_check(co, ['env', 'band'])
    dd = out / co['folder']
    fn = '润丰食品-先进级智能工厂申报.docx'
    decl_docx(co, dd / fn, 'grid2', seals['06'], tick_style='pre')
    licence_img(co, dd / '营业执照.jpg', seals['06'], angle=-0.8, seed=6)
    entry(co, co['folder'], '先进级申报书DOCX（两栏表），16个场景全部在工厂建设/研发设计/生产作业/生产管理，无运营管理场景，却勾选“运营管理”；一项自评分超出分段。', [
        {'code': 'ELIGIBILITY_FAILED', 'severity': 'error', 'file': fn, 'field': '覆盖环节',
         'expected': '先进级至少覆盖生产作业、生产管理、运营管理三个环节',
         'found': '场景清单16个场景中无营销与售后、供应链管理、多环节模式创新等运营管理类场景，未覆盖运营管理环节（申报信息仍勾选“运营管理”）',
         'seed_quote': '三、先进级智能工厂 ……至少覆盖生产作业、生产管理、运营管理三个环节,建设场景数不低于15个场景'},
        {'code': 'VALUE_OUT_OF_RANGE', 'severity': 'error', 'file': fn, 'field': '生产作业数字化水平 自评分',
         'expected': '等级5、比较符合的打分分段为[67-74)', 'found': '等级5、比较符合，自评分75',
         'seed_quote': Q_BAND}],
        [narr(co, fn)])

    # 07
    co = C['07']
    rule_check(co, ['maturity', 'total'])
    dd = out / co['folder']
    fn = '申报书.pdf'
    fx = '附件 自评价表.xlsx'
    decl_pdf(co, dd / fn, seals['07'], tick_style='post', with_scores=False)
    score_xlsx(co, dd / fx)
    licence_pdf(co, dd / '营业执照(1).pdf', seals['07'])
    s, n, t = total_of(co['scores'])
    entry(co, co['folder'], '卓越级申报书文本PDF＋自评价XLSX，成熟度自评只有二级，自评表合计与各项分数之和不符。', [
        {'code': 'ELIGIBILITY_FAILED', 'severity': 'error', 'file': fn, 'field': '智能制造能力成熟度自评价等级',
         'expected': '卓越级须达到GB/T39116-2020三级及以上', 'found': 'GB/T 39116-2020 二级（规范级）',
         'seed_quote': '四、卓越级智能工厂 ……智能制造能力成熟度自评价水平达到GB/T39116-2020《智能制造能力成熟度模型》三级及以上'},
        {'code': 'CALCULATION_MISMATCH', 'severity': 'error', 'file': fx, 'field': '综合得分',
         'expected': f'9项自评分之和{s}分，综合得分{s}/{n * 100}×100={t:.2f}分',
         'found': f"合计{co['stated_sum']}分，综合得分{co['stated_total']:.2f}分（申报书同）",
         'seed_quote': '企业分别在10个二级指标等级选项对应分段内……填入……该等级的自评分数,系统将自动综合计算得分；最终综合得分=其他问题的综合得分/其他问题的总分'}],
        [narr(co, fn)])

    # 08
    co = C['08']
    rule_check(co, ['evidence'])
    dd = out / co['folder']
    fn = '捷达家具申报书.docx'
    decl_docx(co, dd / fn, 'prose', seals['08'], tick_style='pre')
    licence_pdf(co, dd / '营业执照.pdf', seals['08'])
    entry(co, co['folder'], '基础级段落式DOCX申报书，8个场景中“质量追溯与分析改进”建设内容空白；数字化投入写成“其中：2023年投入”。', [
        {'code': 'MISSING_EVIDENCE', 'severity': 'error', 'file': fn, 'field': '建设场景清单 质量追溯与分析改进 建设内容/说明',
         'expected': '每个申报场景说明建设内容（对照场景描述）；基础级有效场景不少于8个',
         'found': '“质量追溯与分析改进”一行建设内容为空，有说明的场景仅7个',
         'seed_quote': '建设场景数不低于《自评价参考》中的8个场景；企业参考《自评价参考》……依据智能工厂梯度建设典型场景对照参考表开展基础级智能工厂的场景自评价'},
        {'code': 'DATE_OUT_OF_RANGE', 'severity': 'error', 'file': fn, 'field': '数字化投入规模',
         'expected': '其中：2024年投入___万元', 'found': '其中：2023年投入236 万元',
         'seed_quote': '数字化投入规模指企业自2014年以来……的总金额(不含研发人员费用):___万元。其中:2024年投入___万元。'}],
        [narr(co, fn)])

    # 09
    co = C['09']
    rule_check(co, [])
    dd = out / co['folder']
    fn = '鑫矿机械_申报书_v3.docx'
    decl_docx(co, dd / fn, 'grid2', seals['09'], tick_style='pre', fit_style='pre')
    licence_img(co, dd / 'IMG_20250603_1512.jpg', seals['09'], angle=1.6, seed=9)
    entry(co, co['folder'], '基础级DOCX申报书，自评表符合程度用勾选框，营销服务一项同时勾“基本符合”“比较符合”；数字化投入金额未写单位。', [
        {'code': 'OPTION_CONFLICT', 'severity': 'error', 'file': fn, 'field': '营销服务数字化水平 符合程度',
         'expected': '基本符合、比较符合、非常符合中选一项', 'found': '☑基本符合 ☑比较符合 □非常符合（自评分63）',
         'seed_quote': '企业在选定所处的等级后,依据企业与该等级描述的符合程度,参照"基本符合"、"比较符合"和"非常符合"在等级分段内从低到高划分3个小分段……并进行自主打分'},
        {'code': 'INVALID_UNIT', 'severity': 'error', 'file': fn, 'field': '数字化投入规模',
         'expected': '总金额___万元，其中：2024年投入___万元', 'found': '自2014年以来总金额3856.5，其中：2024年投入612（无单位）',
         'seed_quote': '数字化投入规模指企业自2014年以来……的总金额(不含研发人员费用):___万元。其中:2024年投入___万元。'}],
        [narr(co, fn)])

    # 10
    co = C['10']
    rule_check(co, ['band'])
    dd = out / co['folder']
    fn = '华锦塑业申报书.docx'
    decl_docx(co, dd / fn, 'grid2', seals['10'], tick_style='pre')
    licence_img(co, dd / '新建文件夹' / '扫描全能王 2025-06-05 10.22.jpg', seals['10'], angle=-1.3, seed=10)
    entry(co, co['folder'], '基础级DOCX申报书，企业为规模以下且无专精特新/创新型中小企业资质；网络与安全“等级4 基本符合”却打48分。营业执照为放在“新建文件夹”里的手机扫描图片。', [
        {'code': 'ELIGIBILITY_FAILED', 'severity': 'error', 'file': fn, 'field': '企业类型',
         'expected': '规模以上工业企业（或创新型中小企业、省级专精特新中小企业、国家专精特新“小巨人”企业参照执行）',
         'found': '四类均未勾选，注明“本企业为规模以下工业企业”，2024年营业收入1650万元',
         'seed_quote': '一、基础要求 1. 企业为规模以上工业企业……创新型中小企业、省级专精特新中小企业、国家专精特新"小巨人"企业可参照执行。'},
        {'code': 'VALUE_OUT_OF_RANGE', 'severity': 'error', 'file': fn, 'field': '网络与安全 自评分',
         'expected': '等级4、基本符合的打分分段为[40-47)', 'found': '等级4、基本符合，自评分48',
         'seed_quote': '表3 企业等级自主打分参考表：等级4 基本符合 [40-47)；“依据企业与该等级描述的符合程度……在等级分段内从低到高划分3个小分段……并进行自主打分”'}],
        [narr(co, fn)])

    # 11
    co = C['11']
    rule_check(co, ['score60', 'scorelevel'])
    dd = out / co['folder']
    fn = '宏图光电申报书.docx'
    fx = '数字化转型自评价表.xlsx'
    decl_docx(co, dd / fn, 'prose', seals['11'], tick_style='post', with_scores=False)
    score_xlsx(co, dd / fx)
    licence_pdf(co, dd / '营业执照.pdf', seals['11'])
    s, n, t = total_of(co['scores'])
    entry(co, co['folder'], f'基础级段落式DOCX＋自评价XLSX，综合得分{total_of(co["scores"])[2]:.2f}分不高于60分；数据要素一项等级栏空着只填了分数。', [
        {'code': 'ELIGIBILITY_FAILED', 'severity': 'error', 'file': fx, 'field': '综合得分',
         'expected': '自评价得分高于60分', 'found': f'综合得分{t:.2f}分',
         'seed_quote': '5. 企业具备基本的数字化、网络化、智能化能力,利用《江苏省企业数字化转型通用评估指标体系(2025年版)》自评价得分高于60分。'},
        {'code': 'MISSING_FIELD', 'severity': 'error', 'file': fx, 'field': '数据要素 等级',
         'expected': '填入等级序号（1-6）', 'found': '等级栏为空，自评分52',
         'seed_quote': '企业分别在10个二级指标等级选项对应分段内依据自身实际和水平,在等级栏和打分栏分别填入题目中的等级序号和该等级的自评分数'}],
        [narr(co, fn)])

    return labels


def generate(out_dir):
    out = pathlib.Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    labels = build(out)
    labels.sort(key=lambda x: x['name'])
    with open(out / 'labels.json', 'w', encoding='utf-8') as f:
        json.dump({'writer': WRITER, 'program': PROGRAM, 'dossiers': labels}, f, ensure_ascii=False, indent=2)


if __name__ == '__main__':
    generate(pathlib.Path(sys.argv[1]))
