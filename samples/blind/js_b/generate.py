# -*- coding: utf-8 -*-
"""Blind dossier corpus for js-smart-factory-2025 (Jiangsu 智能工厂梯度建设 2025), writer js_b.

Run:  python generate.py OUT_DIR
Deterministic: one seeded random.Random, no clock in file contents.
"""
import io
import json
import math
import pathlib
import random
import sys
import zipfile

from docx import Document
from docx.shared import Pt, Cm, RGBColor
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
import openpyxl
from openpyxl.styles import Alignment, Font, Border, Side, PatternFill
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from PIL import Image, ImageDraw, ImageFont, ImageFilter
import numpy as np

FONT_PATH = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
WRITER = "js_b"
PROGRAM = "js-smart-factory-2025"
RNG = random.Random(20250762)
NPR = np.random.RandomState(762)

_FONT_REG = False


def _reg_font():
    global _FONT_REG
    if not _FONT_REG:
        pdfmetrics.registerFont(TTFont("wqy", FONT_PATH, subfontIndex=0))
        _FONT_REG = True


# ---------------------------------------------------------------- identifiers
USCC_ALPHA = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc(body17):
    s = sum(USCC_ALPHA.index(c) * w for c, w in zip(body17, USCC_W))
    return body17 + USCC_ALPHA[(31 - s % 31) % 31]


def uscc_wrong(body17):
    good = uscc(body17)[-1]
    i = USCC_ALPHA.index(good)
    return body17 + USCC_ALPHA[(i + 7) % 31]


# ---------------------------------------------------------------- seed data
# 对照参考表 环节 headings -> 要素条件 five 环节 (see README for the mapping decision)
SCEN = {
    1: ("工厂数字化设计与交付", "工厂建设", "工厂建设"),
    2: ("数字孪生工厂运营优化", "工厂建设", "工厂建设"),
    3: ("产品数字化研发设计", "产品设计", "研发设计"),
    4: ("虚拟验证与中试", "产品设计", "研发设计"),
    5: ("工艺数字化设计", "工艺设计", "研发设计"),
    6: ("可制造性设计", "工艺设计", "研发设计"),
    7: ("生产计划优化", "计划调度", "生产管理"),
    8: ("智能排产调度", "计划调度", "生产管理"),
    9: ("产线柔性配置", "生产作业", "生产作业"),
    10: ("人机协同作业", "生产作业", "生产作业"),
    11: ("工艺动态优化", "生产作业", "生产作业"),
    12: ("先进过程控制", "生产作业", "生产作业"),
    13: ("数智精益管理", "生产作业", "生产作业"),
    14: ("在线智能检测", "质量管控", "生产管理"),
    15: ("质量追溯与分析改进", "质量管控", "生产管理"),
    16: ("设备运行监控", "设备管理", "生产管理"),
    17: ("设备智能运维", "设备管理", "生产管理"),
    18: ("智能仓储", "仓储物流", "生产管理"),
    19: ("精准配送", "仓储物流", "生产管理"),
    20: ("安全一体化管控", "安全管控", "生产管理"),
    21: ("危险作业自动化", "安全管控", "生产管理"),
    22: ("能源智能管控", "能碳管理", "生产管理"),
    23: ("碳资产全生命周期管理", "能碳管理", "生产管理"),
    24: ("污染在线管控", "环保管控", "生产管理"),
    25: ("智慧营销管理", "营销与售后", "运营管理"),
    26: ("产品智能运维", "营销与售后", "运营管理"),
    27: ("智能客户服务", "营销与售后", "运营管理"),
    28: ("供应链计划协同优化", "供应链管理", "运营管理"),
    29: ("供应链物流智能配送", "供应链管理", "运营管理"),
    30: ("供应商数智化管理", "供应链管理", "运营管理"),
    31: ("先进工业网络应用", "信息基础设施", None),
    32: ("工业信息安全管控", "信息基础设施", None),
    33: ("工厂数据资源管理", "信息基础设施", None),
    34: ("数据驱动产品研发", "多环节模式创新", None),
    35: ("大规模个性化定制", "多环节模式创新", None),
    36: ("网络协同制造", "多环节模式创新", None),
    37: ("研产供销服深度集成", "多环节模式创新", None),
    38: ("弹性供应链", "多环节模式创新", None),
    39: ("全员数字化管理", "多环节模式创新", None),
    40: ("可持续制造", "多环节模式创新", None),
}
TIER_NAME = {"B": "基础级", "A": "先进级", "E": "卓越级", "L": "领航级"}
TIER_ORD = {"B": 1, "A": 2, "E": 3, "L": 4}

# Scenario narratives, written from what the enterprise built (tier = level description it meets)
TXT = {
    1: {"A": "新厂区规划阶段采用物流与动线仿真软件对三套总平面布局方案进行比选优化，并使用生产系统建模工具对{line}进行精细化设计，产线节拍平衡率由78%提升至91%。",
        "E": "{year}年新厂房建设采用BIM建模，集成物流和动线仿真、生产系统建模等技术，搭建了工厂数字化设计与交付平台，建筑、设备、管网模型随竣工资料一并数字化交付，工厂建设周期缩短约4个月。"},
    2: {"A": "基于三维可视化平台构建了{ws}的车间级数字孪生展示系统，实时映射设备运行状态与产量数据，管理人员可在大屏上查看车间全貌。",
        "E": "构建覆盖全部关键工序和风险环节的车间数字孪生系统，采用异构模型融合技术接入PLC、MES、能源计量等多源模型，实现物理车间与虚拟车间的实时映射，用于持续优化车间运营指标。"},
    3: {"B": "研发部门全面应用三维CAD开展产品设计，设计图纸和BOM在PDM系统中结构化管理，实现版本控制、权限管理和电子审批。",
        "A": "研发中心建立了典型零部件标准件库和产品设计知识库，设计时直接检索调用；三维模型集成尺寸公差、材料等设计信息，保证研发过程数据源唯一。",
        "E": "基于标准件库和设计知识库开展{prod}的参数化、模块化设计，产品的设计、生产、检验和运维信息集成于三维数字化模型，实现基于模型的产品数据归档与管理。"},
    4: {"A": "应用CAE仿真软件基于三维模型开展结构强度、热性能等关键要素的仿真并迭代优化，设计部门与工艺部门通过PLM平台并行协同。",
        "E": "构建了产品设计仿真分析和试验验证平台，对{prod}的外观、结构、性能、工艺进行仿真分析与台架试验验证闭环迭代，样机试制轮次由4轮减少到2轮。"},
    5: {"B": "应用CAPP软件编制工艺规程，工艺文件统一存档，可在线查阅并下发至车间执行。",
        "A": "部署工艺设计管理系统，实现工艺文件的结构化管理、版本管理与电子审批，并按典型零件特征建立工艺模板，关键工艺设计信息可以重用。",
        "E": "典型产品的工艺设计全部采用三维模型，建立了涵盖工艺流程、工艺参数和制造资源的工艺知识库，可按结构化方式查询与更新。"},
    6: {"B": "新产品图纸下发前由工艺部门进行工艺审查，提前识别加工与装配难点。",
        "A": "通过对历史加工工时与不良数据的分析，提出产品结构优化建议，工艺与设计人员并行开展设计评审，单件制造成本下降约6%。",
        "E": "打通PLM与MES，工艺信息下发、执行、反馈和监控形成闭环，现场执行偏差自动回传工艺部门，实现工艺设计与制造协同。"},
    7: {"B": "ERP系统根据销售订单和库存自动编制月度及周生产计划，并可按交期规则自动调整，减少了人工干预。",
        "A": "生产计划系统综合考虑产能、物料齐套和交期等多因子约束自动生成生产计划，插单时动态调整，准时交货率提升至97%。",
        "E": "计划系统应用多目标优化算法生成多套生产计划方案供比选，平衡效率与成本，设备综合利用率提升8个百分点。"},
    8: {"A": "上线APS高级计划排程系统，可处理多工序、多资源约束下的排产调度，排产时间由半天缩短到20分钟。",
        "E": "APS与MES实时交互，根据设备状态和在制品进度实时调整排程，能够预测潜在的瓶颈工序并自动调整计划以避免交付延迟。"},
    9: {"B": "{line}采用自动化产线，实现上料、加工、下料的自动化作业。",
        "A": "{line}按模块化、参数化理念设计，关键工作站采用快换夹具和可重组工装，换型时间由90分钟缩短至25分钟。",
        "E": "建立了{line}全产线数字孪生模型，新订单投产前在虚拟产线上模拟验证产线配置，再下发至物理产线快速切换，快速响应市场变化。"},
    10: {"B": "在上下料和简单装配工位部署协作机器人，承担重复性物料搬运与拧紧作业。",
         "A": "在多品种装配工位部署协作机器人与视觉引导系统，与操作工协同完成个性化装配任务。",
         "E": "构建人机协同作业单元及管控系统，应用力控交互、自主路径规划和安全区域感知技术，在复杂装配任务中实现人机高度协同。"},
    11: {"A": "采集关键工序设备参数与质量数据，应用多设备联合寻优算法确定最优工艺参数组合，产线整体良率提升2.3个百分点。",
         "E": "建立设备机理与数据混合模型，工艺参数在线优化系统对关键工序参数实时寻优并下发执行，产品质量一致性显著提高。"},
    12: {"B": "关键工序采用PLC控制系统，对温度、压力等关键工艺参数进行监测和控制。",
         "A": "DCS系统实现对{ws}复杂工艺过程的动态监控，工艺参数可根据工况自动调整。",
         "E": "部署先进过程控制（APC）系统，应用模型预测控制、多目标寻优技术实现工艺流程闭环控制，关键质量指标波动降低40%。"},
    13: {"B": "通过MES采集产量、停机等生产数据，结合电子看板开展精益改善。",
         "A": "建立了较为完善的生产数据采集与管理系统，实时分析OEE、在制品等数据，将精益改善流程固化到信息系统中，产品质量稳定性明显提升。",
         "E": "在精益数据平台基础上引入AI分析，对生产过程进行智能监控和优化，基于数据驱动开展管理决策，人均产值提升15%。"},
    14: {"B": "检验员通过移动终端在线填报检验数据，质量数据实时入库。",
         "A": "部署机器视觉检测设备，对{prod}外观缺陷在线识别并自动判定，漏检率降至0.05%。",
         "E": "构建在线智能检测系统，实现关键工序质量在线检测和在线分析，自动判断检验结果并报警，检测数据共享，同时建立产品质量问题知识库。"},
    15: {"B": "产品赋二维码，通过系统关联原材料批次、生产过程和成品检验数据，实现原材料、半成品、产成品质量信息追溯，并生成质量问题初步分析报告。",
         "A": "建立质量管理系统（QMS），实时采集与存储产品质量数据，质量问题全过程记录与跟踪，确保问题可追溯。",
         "E": "实时采集原料、生产过程、客户使用的质量信息，实现产品质量精准追溯；应用质量机理分析查找问题根本原因，形成结构化质量知识库并输出改善方案。"},
    16: {"B": "对关键设备的温度、电流、转速等基本数据进行采集，由设备员通过报表软件进行分析。",
         "A": "设备联网采集系统实时采集{n_dev}台设备数据，提供运行状态可视化、历史数据查询与报表分析。",
         "E": "集成振动、温度等智能传感器和机器学习算法，建成综合设备监控系统，实现设备数据全面采集分析、状态实时监测与异常报警。"},
    17: {"B": "采用设备管理系统开展设备点巡检和维护保养管理，保养计划到期自动提醒。",
         "A": "建立设备运维管理平台，实时采集关键运行参数，支持故障分析和远程诊断。",
         "E": "应用故障机理分析技术对设备数据深入分析、识别故障模式，建立设备故障知识库并与设备运维管理平台集成。"},
    18: {"B": "原材料和成品仓库采用条码管理，扫码完成出入库、盘点和安全库存预警。",
         "A": "上线仓储管理系统（WMS），实现货物库位分配、出入库和移库的系统化管理。",
         "E": "WMS与MES集成，依据生产作业计划实现立体库自动出入库，并采用RF手持终端和按灯拣货优化入库与拣货流程。"},
    19: {"B": "按照生产计划对各产线定时配送物料。",
         "A": "AGV调度系统与物流信息系统集成，实现关键件准时配送至工位。",
         "E": "数字化仓储设备、AGV与MES集成，依据工位实际生产状态实时拉动物料配送。"},
    20: {"B": "建立安全生产管理制度，通过安全管理信息系统开展隐患登记和报警。",
         "A": "建设生产安全管控系统，集成安全培训和风险管理知识库，统一管理安全数据并自动识别潜在风险发出预警。",
         "E": "应用生产运行风险动态监控、电子围栏防非法入侵、安全预警等技术，实现危险源的动态识别、评审和治理。"},
    21: {"B": "在冲压、焊接等危险工位张贴安全标识，配置安全光栅和安全护栏。",
         "A": "在危险作业区域安装传感器和摄像头，建设智能作业单元实时监测作业状态，出现异常时系统自动报警。",
         "E": "危险作业区增加远程监控与辅助作业功能，操作人员在控制室远程查看并操作设备，初步实现危险作业环节少人化。"},
    22: {"B": "建立能耗管控系统，对水、电、气能耗进行在线采集和统计。",
         "A": "对能源输送、存储、转化和使用各环节进行全面监控，将能源使用与生产计划匹配并开展能源调度。"},
    23: {"A": "通过计量仪表和物联网手段实时采集各生产环节碳排放数据，建立数字化碳管理系统，对数据整理、存储和初步分析并形成碳排放报告。",
         "E": "碳管理系统将排放数据与生产流程、供应链信息结合，自动核算各环节碳排放量，并追踪产品从原材料到废弃处理的全生命周期碳排放。"},
    24: {"B": "对废气排放口等重点部位进行识别并定期委托监测，环保台账实行信息化管理。",
         "A": "废气、废水在线监测设备接入环保管理系统，污染数据自动采集并记录。",
         "E": "实现从清洁生产到末端治理全过程的污染数据采集、实时监控报警和可视化分析。"},
    25: {"B": "销售部门基于历史销售数据人工预测市场需求并制定销售计划，在系统中统计管理订单、合同和客户信息。",
         "A": "通过CRM系统编制销售计划，管理订单、销售历史数据和客户的静态、动态信息。",
         "E": "挖掘客户数据优化需求预测模型，应用用户画像制定精准销售计划，实现基于客户需求洞察的供需精准匹配。"},
    26: {"B": "服务人员提供现场和远程运维指导，产品使用信息经统计后反馈研发和质量部门。",
         "A": "构建产品远程运维系统，管理产品运行信息、维修计划和维修物料寿命，并与设计、生产、销售系统集成，建立产品故障知识库。",
         "E": "产品远程运维系统集成AR远程指导和预测性维护技术，基于产品上传的运行数据开展远程监控、故障诊断和增值服务。"},
    27: {"B": "建立客户反馈渠道和满意度评价制度，通过系统统计客户服务信息并闭环处理。",
         "A": "通过客户服务平台和移动客户端实时提供在线客服，建立客户服务知识库并与客户关系管理系统集成。",
         "E": "依托客户服务平台和CRM对客户实施精细化管理，主动推送保养提醒和升级服务，提供主动式客户服务。"},
    28: {"E": "建立供应链管理系统，与核心供应商建立计划协同机制，确保生产、采购和库存计划相互衔接和一致。"},
    29: {"E": "物流运输系统与仓储管理系统集成，关键运输节点信息实时跟踪与反馈，并支持拆单、拼单等功能。"},
    30: {"B": "建立合格供应商名录，通过采购系统开展供应商寻源、评价和确认。",
         "A": "上线供应商管理系统（SRM），对供货质量、技术、响应、交付、成本等要素进行量化评价。",
         "E": "应用供应商风险评估和供应链溯源技术形成供应商精准画像，开展分级分类、寻源和优选。"},
    31: {"B": "工业控制网络和生产网络覆盖全部生产车间。",
         "A": "建成具备远程配置功能的工业网络，核心节点可扩展升级，保障关键业务数据传输完整。",
         "E": "部署5G专网和千兆光网等新型网络基础设施，车间设备通过工业物联网接入。"},
    32: {"B": "每年对关键工业控制系统开展信息安全风险评估，工业主机安装正版工业防病毒软件。",
         "A": "工控网、生产网和办公网之间部署网闸和防火墙，实现安全隔离与授权访问，保障关键数据完整。",
         "E": "建立工业互联网安全和数据分类分级管理机制，部署工控安全防护设备，具备数据安全风险监测和应急处置能力。"},
    33: {"B": "制定数据管理制度和流程，对物料、客户等基础数据开展初步的质量监控。",
         "A": "制定统一的数据标准和规范，成立数据治理小组优化数据流程，部分业务数据上云。",
         "E": "应用大数据、隐私计算等技术构建可信数据空间，实现与集团内兄弟企业的数据安全可信流通与分析利用。"},
    34: {"E": "集成市场、设计、生产、使用等多维数据，开展竞品分析与客户需求分析，为新品研发提供决策建议。"},
    36: {"E": "借助工业互联网平台实现生产设备、传感器与管理系统的数据集成与共享，并与外协供应商建立紧密的协同生产机制。"},
    38: {"E": "建立供应链风险预警与弹性管控系统，识别断供、涨价等供应链风险并进行风险跟踪管理。"},
    39: {"A": "组织全员数字化能力培训，内容涵盖数字化工具使用、数据分析及健康管理等。",
         "E": "构建统一的人员能力数字化管理平台，集成技能、培训、绩效等多维信息，通过数据分析与可视化提升人员数字化能力。"},
}

# 表2 questions (二级指标)
QUEST = {1: "研发设计数字化水平", 2: "生产作业数字化水平", 3: "生产管理数字化水平",
         4: "经营管理数字化水平", 5: "营销服务数字化水平", 6: "产业链供应链协同数字化水平",
         7: "数字化投入规模", 8: "网络与安全", 9: "数据要素", 10: "组织战略人才"}
Q_L1 = {q: ("数字化应用能力" if q <= 6 else "数字化支撑能力") for q in QUEST}
FIT = ["基本符合", "比较符合", "非常符合"]


def band(level, fit):
    """表3: returns (lo, hi, lo_inclusive). level 1 -> exactly 0."""
    if level == 1:
        return (0, 0, True)
    s = (level - 2) * 20
    i = FIT.index(fit)
    lo, hi = s + 7 * i, (s + 20 if i == 2 else s + 7 * (i + 1))
    return (lo, hi, not (level == 2 and i == 0))


def in_band(level, fit, score):
    lo, hi, inc = band(level, fit)
    if level == 1:
        return score == 0
    return (score >= lo if inc else score > lo) and score < hi


def band_str(level, fit):
    lo, hi, inc = band(level, fit)
    return ("[" if inc else "(") + f"{lo}-{hi})"


MATURITY = {1: "一级（规划级）", 2: "二级（规范级）", 3: "三级（集成级）", 4: "四级（优化级）"}
LEVEL_RULE = {"基础级": (8, {"生产作业"}, 2, 60, "B"),
              "先进级": (15, {"生产作业", "生产管理", "运营管理"}, 2, 70, "A"),
              "卓越级": (20, {"工厂建设", "研发设计", "生产作业", "生产管理", "运营管理"}, 3, 80, "E")}

# ---------------------------------------------------------------- dossiers
D = [
    dict(key="01", folder="常州恒锐精密传动_基础级", as_of="2025-05-20", level="基础级",
         name="常州恒锐精密传动有限公司", body="91320412MA1W8K3P6", addr="常州市武进区湖塘镇长虹路188号",
         city="常州市武进区", rep="沈建国", est="2016年4月18日", cap_form="500万元", cap_lic="伍佰万元整",
         term="2016年04月18日至长期", industry="C3453 齿轮及齿轮减、变速箱制造", guishang=False,
         qual="江苏省专精特新中小企业（2024年认定）", revenue="1860万元", staff=86,
         prod="精密行星减速机", line="行星减速机装配线", ws="机加工车间", n_dev=46,
         contact="陆敏", phone="0519-86321475",
         scen=[(9, "B"), (10, "B"), (16, "B"), (17, "B"), (14, "B"), (15, "B"), (18, "B"), (7, "B"), (32, "B")],
         q={1: None, 2: (4, "比较符合", 52), 3: (5, "基本符合", 63), 4: (5, "基本符合", 65), 5: (4, "非常符合", 56),
            6: (5, "基本符合", 60), 8: (5, "基本符合", 62), 9: (4, "非常符合", 57), 10: (5, "基本符合", 66)},
         invest=(1286, 312, None), maturity=2,
         plans=[(2, "计划于2026年启动装配车间数字孪生工厂运营优化项目建设。"), (22, "拟于明年部署能耗在线采集设备，逐步建设能源智能管控系统。")],
         files=dict(decl="申报书_常州恒锐.docx", xlsx="附件1 数字化转型自评价表.xlsx", lic="营业执照副本.pdf")),
    dict(key="02", folder="申报材料-苏州汇川智联(先进级)", as_of="2025-06-10", level="先进级",
         name="汇川智联（苏州）汽车零部件有限公司", xname="汇川智联(苏州)汽车零部件有限公司",
         body="91320594MA1MX7Q2B", addr="苏州工业园区星龙街428号", city="苏州工业园区", rep="周启明",
         est="2016-08-09", cap_form="12000万元", cap_lic="人民币壹亿贰仟万元整", term="2016年08月09日至2046年08月08日",
         industry="C3670 汽车零部件及配件制造", guishang=True, qual="", revenue="8.65亿元", staff=612,
         prod="新能源汽车电驱壳体", line="壳体压铸—机加一体化产线", ws="压铸车间", n_dev=214,
         contact="顾晓婷", phone="0512-62897730",
         scen=[(3, "A"), (5, "A"), (7, "A"), (8, "A"), (9, "A"), (11, "A"), (13, "E"), (14, "A"), (15, "A"),
               (16, "A"), (17, "A"), (18, "A"), (19, "A"), (22, "A"), (30, "A"), (32, "A"), (39, "A"), (24, "B")],
         q={1: (5, "比较符合", 70), 2: (5, "非常符合", 75), 3: (5, "比较符合", 72), 4: (5, "比较符合", 71), 5: None,
            6: (5, "基本符合", 66), 8: (5, "比较符合", 73), 9: (5, "基本符合", 65), 10: (5, "比较符合", 70)},
         invest=(6820, 1350, None), maturity=3,
         plans=[(35, "下一步将探索面向整车厂小批量订单的大规模个性化定制模式。")],
         files=dict(decl="申报书.pdf", xlsx="自评价表_汇川.xlsx", lic="扫描件001.jpg")),
    dict(key="03", folder="无锡瑞恒新材料_卓越级.zip", as_of="2025-07-02", level="卓越级",
         name="无锡瑞恒新材料科技股份有限公司", body="91320200MA1N2FLW1", addr="无锡市新吴区鸿山街道锡梅路9号",
         city="无锡市新吴区", rep="华志强", est="二〇一七年三月六日", cap_form="36800万元", cap_lic="叁亿陆仟捌佰万元整",
         term="长期", industry="C2651 初级形态塑料及合成树脂制造", guishang=True, qual="国家级专精特新“小巨人”企业",
         revenue="21.4亿元", staff=1180, prod="高性能改性工程塑料", line="改性造粒连续化产线", ws="聚合车间", n_dev=536,
         contact="钱雯", phone="0510-85217766",
         scen=[(1, "E"), (3, "E"), (5, "E"), (8, "E"), (9, "E"), (11, "E"), (13, "E"), (14, "E"), (15, "E"), (16, "E"),
               (17, "E"), (18, "E"), (19, "E"), (20, "E"), (24, "E"), (28, "E"), (29, "E"), (30, "E"), (31, "E"),
               (32, "E"), (36, "E"), (22, "A")],
         q={1: (6, "基本符合", 84), 2: (6, "比较符合", 88), 3: (6, "基本符合", 86), 4: (6, "基本符合", 82), 5: None,
            6: (6, "基本符合", 85), 8: (5, "非常符合", 79), 9: (6, "基本符合", 83), 10: (6, "比较符合", 90)},
         invest=(28650, 4120, None), maturity=3,
         plans=[(2, "2026年计划建设全厂级数字孪生工厂，实现虚实双向控制。"), (23, "正在筹划碳资产全生命周期管理系统。")],
         files=dict(decl="新建文件夹/瑞恒申报书终稿(1).docx", xlsx="新建文件夹/表2自评.xlsx", lic="新建文件夹/营业执照.pdf")),
    dict(key="04", folder="南通海晟船舶配套_先进级", as_of="2025-04-28", level="先进级",
         name="南通海晟船舶配套设备有限公司", body="91320600MA1P4R8T3", addr="南通市崇川区江海大道1066号",
         city="南通市崇川区", rep="SATO KENJI（佐藤健二）", est="2017.09.12", cap_form="500万美元", cap_lic="伍佰万美元",
         term="2017年09月12日至长期", industry="C3734 船用配套设备制造", guishang=True,
         qual="外商独资企业，按日方母公司图纸来图加工", revenue="4.12亿元", staff=358,
         prod="船用甲板机械部件", line="锚绞机部件焊接—机加产线", ws="焊接车间", n_dev=128,
         contact="陈海燕", phone="0513-85093311",
         scen=[(1, "A"), (2, "A"), (9, "A"), (10, "A"), (13, "A"), (14, "A"), (15, "A"), (16, "A"), (17, "A"),
               (18, "A"), (20, "A"), (21, "A"), (23, "A"), (25, "A"), (27, "A"), (31, "A")],
         q={1: None, 2: (6, "基本符合", 82), 3: (6, "基本符合", 84), 4: (5, "非常符合", 78), 5: (5, "非常符合", 76),
            6: (6, "基本符合", 80), 8: (6, "比较符合", 87), 9: (5, "非常符合", 79), 10: (6, "基本符合", 83)},
         invest=(5380, 960, None), maturity=2, plans=[],
         files=dict(decl="2025智能工厂申报-海晟.docx", xlsx="数字化转型自评估.xlsx", lic="IMG_20250314_0931.jpg")),
    dict(key="05", folder="扬州金诺液压_先进级", as_of="2025-06-18", level="先进级",
         name="扬州金诺液压科技有限公司", body="91321003MA1T6B5K0", addr="扬州市邗江区维扬经济开发区金山路21号",
         city="扬州市邗江区", rep="葛文涛", est="2018年1月22日", cap_form="3000万元", cap_lic="叁仟万元整",
         term="2018年01月22日至2048年01月21日", industry="C3444 液压动力机械及元件制造", guishang=True, qual="",
         revenue="3.37亿元", staff=296, prod="工程机械多路阀", line="阀体柔性加工线", ws="精加工车间", n_dev=112,
         contact="孙莉", phone="0514-87319026",
         scen=[(1, "A"), (3, "A"), (4, "A"), (5, "A"), (6, "A"), (7, "A"), (8, "A"), (9, "A"), (10, "A"), (11, "A"),
               (14, "A"), (15, "A"), (16, "A"), (17, "A"), (18, "A"), (21, "A"), (22, "A")],
         q={1: (5, "比较符合", 72), 2: (5, "非常符合", 76), 3: (5, "比较符合", 73), 4: (5, "比较符合", 70), 5: None,
            6: (5, "基本符合", 64), 8: (5, "比较符合", 71), 9: (5, "比较符合", 69), 10: (5, "基本符合", 66)},
         invest=(4630, 880, None), maturity=2,
         plans=[(30, "计划2026年上线供应商管理系统。"), (25, "拟建设CRM系统开展智慧营销管理。")],
         files=dict(decl="金诺液压-申报书.docx", xlsx="自评价.xlsx", lic="营业执照.pdf")),
    dict(key="06", folder="徐州同力重工_卓越级", as_of="2025-06-25", level="卓越级",
         name="徐州同力重工机械有限公司", body="91320301MA1X3C9N7", addr="徐州经济技术开发区桃山路56号",
         city="徐州经济技术开发区", rep="王立军", est="2015年11月3日", cap_form="20000万元", cap_lic="贰亿元整",
         term="2015年11月03日至长期", industry="C3511 矿山机械制造", guishang=True, qual="江苏省专精特新中小企业",
         revenue="15.8亿元", staff=965, prod="矿用液压支架", line="立柱千斤顶智能焊接线", ws="结构件车间", n_dev=402,
         contact="张倩", phone="0516-87765432",
         scen=[(2, "E"), (3, "E"), (4, "E"), (6, "E"), (7, "E"), (8, "E"), (10, "E"), (12, "E"), (14, "E"), (15, "E"),
               (16, "E"), (17, "E"), (18, "E"), (21, "E"), (23, "E"), (26, "E"), (27, "E"), (29, "E"), (32, "E"),
               (33, "E")],
         q={1: (6, "基本符合", 83), 2: (6, "比较符合", 89), 3: (6, "基本符合", 88), 4: (6, "基本符合", 84),
            5: (6, "基本符合", 81), 6: (6, "基本符合", 82), 8: (6, "基本符合", 81), 9: (5, "非常符合", 78),
            10: (6, "基本符合", 85)},
         invest=(19870, 3260, None), maturity=2, plans=[],
         files=dict(decl="徐州同力_卓越级智能工厂申报书.docx", xlsx="附件-自评价打分表.xlsx", lic="营业执照(1).pdf",
                    pledge="IMG_20250611_1542.jpg")),
    dict(key="07", folder="泰州康宁医药包材_先进级", as_of="2025-05-30", level="先进级",
         name="泰州康宁医药包装材料有限公司", body="91321291MA1Y8D2H4", addr="泰州市医药高新区口泰路802号",
         city="泰州医药高新区", rep="吴德兴", est="2019年5月16日", cap_form="8000万元", cap_lic="捌仟万元整",
         term="2019年05月16日至长期", industry="C2927 日用塑料制品制造", guishang=True, qual="",
         revenue="5.26亿元", staff=402, prod="药用中硼硅玻璃管制注射剂瓶", line="制瓶成型线", ws="成型车间", n_dev=176,
         contact="施佳", phone="0523-86658812",
         scen=[(3, "A"), (5, "A"), (7, "A"), (8, "A"), (9, "A"), (10, "A"), (12, "A"), (13, "A"), (14, "A"), (15, "A"),
               (16, "A"), (17, "A"), (18, "A"), (24, "A"), (30, "A"), (33, "A"), (39, "A")],
         q={1: (5, "比较符合", 71), 2: (5, "非常符合", 77), 3: (5, "比较符合", 73), 4: (5, "比较符合", 72), 5: None,
            6: (5, "比较符合", 68), 8: (5, "比较符合", 70), 9: (5, "基本符合", 66), 10: (5, "比较符合", 69)},
         invest=(5940, 1120, None), maturity=2, plans=[],
         files=dict(decl="康宁包材申报书.docx", xlsx="自评价表(终).xlsx", lic="营业执照.pdf")),
    dict(key="08", folder="盐城裕丰纺织_基础级", as_of="2025-05-12", level="基础级",
         name="盐城裕丰纺织有限公司", body="91320902MA1Q5E7L2", addr="盐城市亭湖区环保科技城纬一路12号",
         city="盐城市亭湖区", rep="季红兵", est="2014年7月1日", cap_form="2600万元", cap_lic="贰仟陆佰万元整",
         term="2014年07月01日至2034年06月30日", industry="C1713 棉印染精加工", guishang=True, qual="",
         revenue="2.08亿元", staff=240, prod="棉及混纺色织面料", line="前处理—染色连续生产线", ws="染整车间", n_dev=64,
         contact="卞小军", phone="0515-88326610",
         scen=[(9, "B"), (13, "B"), (16, "B"), (18, "B"), (22, "B"), (31, "B"), (25, "B")],
         q={1: None, 2: (5, "基本符合", 61), 3: (5, "基本符合", 64), 4: (5, "基本符合", 63), 5: (4, "非常符合", 57),
            6: (5, "基本符合", 62), 8: (5, "基本符合", 65), 9: (4, "非常符合", 58), 10: (5, "基本符合", 66)},
         invest=(1540, 420, None), maturity=None,
         plans=[(24, "计划今年下半年建设污水排放在线监测系统。")],
         files=dict(decl="申报书（裕丰）.docx", xlsx="表2.xlsx")),
    dict(key="09", folder="镇江德盛电器_基础级", as_of="2025-06-05", level="基础级",
         name="镇江德盛电器有限公司", body="91321191MA1R7G4M8", addr="镇江新区大港五峰山路66号",
         city="镇江新区", rep="钟华", est="2018年9月20日", cap_form="1800万元", cap_lic="壹仟捌佰万元整",
         term="2018年09月20日至长期", industry="C3823 配电开关控制设备制造", guishang=True, qual="",
         revenue="1.46亿元", staff=168, prod="低压成套开关柜", line="钣金折弯—装配线", ws="钣金车间", n_dev=58,
         contact="汤静", phone="0511-83175520",
         scen=[(9, "B"), (10, "B"), (14, "B"), (16, "B"), (17, "B"), (18, "B"), (19, "B"), (30, "B"), (33, "B")],
         q={1: (4, "比较符合", 50), 2: (5, "基本符合", 62), 3: (5, "基本符合", 61), 4: (5, "基本符合", 64), 5: None,
            6: (4, "非常符合", 55), 8: (5, "基本符合", 63), 9: (4, "非常符合", 58), 10: (5, "比较符合", 67)},
         invest=(980, 236, None), maturity=2, plans=[],
         files=dict(decl="德盛电器智能工厂申报.docx", xlsx="自评价表.xlsx")),
    dict(key="10", folder="南京科瑞光电_卓越级", as_of="2025-07-08", level="卓越级",
         name="南京科瑞光电技术有限公司", body="91320115MA1U9H6J5", addr="南京市江宁区将军大道159号",
         city="南京市江宁区", rep="李思远", est="2015年3月27日", cap_form="15000万元", cap_lic="壹亿伍仟万元整",
         term="2015年03月27日至2045年03月26日", industry="C3976 光电子器件制造", guishang=True,
         qual="国家级专精特新“小巨人”企业", revenue="18.2亿元", staff=1340, prod="光通信激光器芯片模块",
         line="光模块自动耦合封装线", ws="封装车间", n_dev=688, contact="蒋一帆", phone="025-52106688",
         scen=[(1, "E"), (3, "E"), (5, "E"), (7, "E"), (8, "E"), (9, "E"), (10, "E"), (14, "E"), (15, "E"),
               (16, "E"), (17, "E"), (18, "E"), (19, "E"), (20, "E"), (25, "E"), (26, "E"), (30, "E"), (31, "E"),
               (34, "E"), (38, "E"), (22, "A"), (39, "A")],
         q={1: (6, "基本符合", 85), 2: (6, "基本符合", 83), 3: (6, "比较符合", 87), 4: (6, "基本符合", 82),
            5: (5, "非常符合", 77), 6: (6, "基本符合", 84), 8: (6, "基本符合", 80), 9: (5, "非常符合", 76),
            10: (6, "基本符合", 86)},
         invest=(24350, 3880, (9650, 4120, 10680)), maturity=3, plans=[],
         files=dict(decl="科瑞光电-卓越级申报材料.docx", xlsx="自评价表-科瑞.xlsx", lic="营业执照电子版.pdf")),
]

# planted defects (applied in writers below)
CLEAN = {"01", "02", "03", "04"}
PLANT = {
    "06": {"q_band": 3},               # Q3 score 88 with 6/基本符合 (band [80-87)); maturity 二级 for 卓越级
    "07": {"rescale_wrong": True, "invest_year": 2023},
    "08": {"maturity_blank": True},
    "09": {"bad_uscc": True},
    "10": {"invest_sum_wrong": 24350, "decl_score": "84.22"},
}


def code_of(d):
    if PLANT.get(d["key"], {}).get("bad_uscc"):
        return uscc_wrong(d["body"])
    return uscc(d["body"])


def total_of(d, wrong=False):
    scored = [v for k, v in d["q"].items() if v is not None]
    s = sum(v[2] for v in scored)
    n = len(scored)
    if wrong:
        n = 9
    return s, n * 100, round(s / (n * 100) * 100 + 1e-9, 2)


def fmt2(x):
    return f"{x:.2f}"


# ---------------------------------------------------------------- images (seal / signature)
def seal_png(name, size=360):
    img = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    dr = ImageDraw.Draw(img)
    red = (214, 26, 30, 235)
    c = size / 2
    dr.ellipse([8, 8, size - 8, size - 8], outline=red, width=11)
    # star
    r1, r2 = size * 0.13, size * 0.052
    pts = []
    for i in range(10):
        r = r1 if i % 2 == 0 else r2
        a = -math.pi / 2 + i * math.pi / 5
        pts.append((c + r * math.cos(a), c + r * math.sin(a)))
    dr.polygon(pts, fill=red)
    f = ImageFont.truetype(FONT_PATH, int(size * 0.105))
    n = len(name)
    span = math.radians(250)
    start = -math.pi / 2 - span / 2
    rad = size * 0.36
    for i, ch in enumerate(name):
        a = start + span * (i + 0.5) / n
        x, y = c + rad * math.cos(a), c + rad * math.sin(a)
        tile = Image.new("RGBA", (int(size * 0.14), int(size * 0.14)), (0, 0, 0, 0))
        td = ImageDraw.Draw(tile)
        td.text((tile.width / 2, tile.height / 2), ch, font=f, fill=red, anchor="mm")
        tile = tile.rotate(-math.degrees(a) - 90, resample=Image.BICUBIC)
        img.alpha_composite(tile, (int(x - tile.width / 2), int(y - tile.height / 2)))
    f2 = ImageFont.truetype(FONT_PATH, int(size * 0.07))
    dr.text((c, c + size * 0.24), "公章", font=f2, fill=red, anchor="mm")
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue(), img


def signature_png(name):
    img = Image.new("RGBA", (260, 90), (255, 255, 255, 0))
    dr = ImageDraw.Draw(img)
    f = ImageFont.truetype(FONT_PATH, 54)
    dr.text((10, 12), name, font=f, fill=(20, 20, 60, 255))
    img = img.transform(img.size, Image.AFFINE, (1, 0.35, -15, 0, 1, 0), resample=Image.BICUBIC)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


# ---------------------------------------------------------------- declaration text
def scen_para(d, sid, tier):
    t = TXT[sid][tier].format(line=d["line"], ws=d["ws"], prod=d["prod"], n_dev=d["n_dev"], year=2022)
    return t


def coverage_text(d):
    hs = []
    for sid, _ in d["scen"]:
        h = SCEN[sid][1]
        if h not in hs:
            hs.append(h)
    return "、".join(hs)


def decl_blocks(d):
    """Return list of (kind, text) where kind in h1,h2,p,kv."""
    pl = PLANT.get(d["key"], {})
    code = code_of(d)
    B = []
    B.append(("title", f"江苏省{d['level']}智能工厂申报书"))
    B.append(("center", f"申报单位：{d['name']}（盖章）"))
    B.append(("h1", "一、企业基本情况"))
    B.append(("h2", "（一）基本信息"))
    kv = [("企业名称", d["name"]), ("统一社会信用代码", code), ("注册地址", d["addr"]), ("所在地区", d["city"]),
          ("法定代表人", d["rep"]), ("成立日期", d["est"]), ("注册资本", d["cap_form"]), ("所属行业", d["industry"]),
          ("是否规模以上工业企业", "是" if d["guishang"] else "否"),
          ]
    if d["qual"]:
        kv.append(("企业资质", d["qual"]))
    kv += [("2024年营业收入", d["revenue"]), ("从业人员", f"{d['staff']}人"), ("申报等级", d["level"]),
           ("联系人", d["contact"]), ("联系电话", d["phone"])]
    for k, v in kv:
        B.append(("kv", f"{k}：{v}"))
    B.append(("h2", "（二）企业简介"))
    if d["q"].get(1, 0) is None:
        biz = f"主要按客户提供的图纸和技术要求从事{d['prod']}的加工制造，产品设计由客户完成"
    elif d["q"].get(5, 0) is None:
        biz = f"主要从事{d['prod']}的研发和生产，产品按长期框架协议全部直供下游主机厂，不设独立营销渠道"
    else:
        biz = f"主要从事{d['prod']}的研发、生产和销售"
    B.append(("p", f"{d['name']}成立于{d['est']}，{biz}，现有员工{d['staff']}人，"
                   f"2024年实现营业收入{d['revenue']}。公司近三年生产经营正常，诚信守法，未发生重大及以上安全、环保、质量事故，"
                   f"未被列入严重失信主体名单。"))
    B.append(("h1", "二、智能工厂建设情况"))
    B.append(("h2", "（一）组织机制与人才队伍"))
    B.append(("p", f"公司成立由总经理任组长的智能工厂建设领导小组，下设智能制造推进办公室，统筹智能工厂的规划、建设和运营；"
                   f"信息化部配备专职人员{max(4, d['staff'] // 40)}人，与生产、技术、质量等部门共同组成项目团队。"
                   f"关键技术装备和工业软件均经过安全评估，网络安全和数据安全风险可控。"))
    n = len(d["scen"])
    B.append(("h2", "（二）典型场景建设情况"))
    lvls = {}
    for _, t in d["scen"]:
        lvls[TIER_NAME[t]] = lvls.get(TIER_NAME[t], 0) + 1
    lvl_txt = "、".join(f"{k}{v}个" for k, v in sorted(lvls.items(), key=lambda x: -TIER_ORD[[a for a, b in TIER_NAME.items() if b == x[0]][0]]))
    B.append(("p", f"对照《江苏省智能工厂梯度建设典型场景企业自评价参考(2025年版)》，公司已建成典型场景{n}个（其中{lvl_txt}），"
                   f"涉及{coverage_text(d)}等环节。各场景建设情况如下。"))
    for i, (sid, tier) in enumerate(d["scen"], 1):
        B.append(("h3", f"{i}. {SCEN[sid][0]}（{SCEN[sid][1]}，自评{TIER_NAME[tier]}）"))
        B.append(("p", scen_para(d, sid, tier)))
    B.append(("h1", "三、自评价情况"))
    s, full, tot = total_of(d, wrong=pl.get("rescale_wrong", False))
    na = [k for k, v in d["q"].items() if v is None]
    B.append(("h2", "（一）数字化转型自评价"))
    na_txt = "；".join(f"第{k}题“{QUEST[k]}”选择“不涉及此环节”，该题权重平均分配至其他题目" for k in na)
    score_txt = pl.get("decl_score", fmt2(tot))
    B.append(("p", f"按照《江苏省企业数字化转型通用评估指标体系(2025年版)》开展自评价" + (f"，{na_txt}" if na else "") +
                   f"，综合得分为{score_txt}分，详见附件自评价表。"))
    B.append(("kv", f"数字化转型自评价得分：{score_txt}分"))
    B.append(("h2", "（二）智能制造能力成熟度自评价"))
    mt = "" if pl.get("maturity_blank") else MATURITY[d["maturity"]]
    B.append(("kv", f"智能制造能力成熟度自评价等级（GB/T39116-2020）：{mt}"))
    B.append(("h2", "（三）数字化投入"))
    tot_inv, y24, parts = d["invest"]
    year = pl.get("invest_year", 2024)
    if parts:
        st = pl.get("invest_sum_wrong", sum(parts))
        B.append(("p", f"自2014年以来，公司在数字化改造方面累计采购软件系统{parts[0]}万元、解决方案{parts[1]}万元、"
                       f"硬件设备{parts[2]}万元，合计{st}万元（不含研发人员费用），其中{year}年投入{y24}万元。"))
    else:
        B.append(("p", f"自2014年以来，公司在数字化改造方面采购软件系统、解决方案和硬件设备的总金额为{tot_inv}万元"
                       f"（不含研发人员费用），其中{year}年投入{y24}万元。"))
    if d["plans"]:
        B.append(("h1", "四、下一步建设计划"))
        B.append(("p", "".join(t for _, t in d["plans"])))
        B.append(("h1", "五、承诺"))
    else:
        B.append(("h1", "四、承诺"))
    B.append(("p", "本单位承诺所填报内容及提供的材料真实、准确、完整，如有虚假，愿承担相应责任。"))
    return B


def invest_total(d):
    pl = PLANT.get(d["key"], {})
    tot_inv, y24, parts = d["invest"]
    if parts:
        return pl.get("invest_sum_wrong", sum(parts))
    return tot_inv


# ---------------------------------------------------------------- DOCX
def set_run_font(run, size=None, bold=False, color=None):
    run.font.name = "宋体"
    run._element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    if size:
        run.font.size = Pt(size)
    run.bold = bold
    if color:
        run.font.color.rgb = RGBColor(*color)


def write_docx(d, path, use_heading_styles=False):
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "宋体"
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    st.font.size = Pt(12)
    sec = doc.sections[0]
    sec.left_margin = sec.right_margin = Cm(2.6)
    hdr = sec.header.paragraphs[0]
    hdr.text = "江苏省智能工厂梯度建设申报材料（2025年）"
    hdr.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for kind, text in decl_blocks(d):
        if kind == "title":
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            set_run_font(p.add_run(text), 18, True)
        elif kind == "center":
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            set_run_font(p.add_run(text), 14)
        elif kind in ("h1", "h2", "h3"):
            if use_heading_styles and kind != "h3":
                h = doc.add_heading(text, level=1 if kind == "h1" else 2)
                for r in h.runs:
                    set_run_font(r, None, True, (0, 0, 0))
            else:
                p = doc.add_paragraph()
                set_run_font(p.add_run(text), 14 if kind == "h1" else 12, kind != "h3" or True)
        elif kind == "kv":
            p = doc.add_paragraph()
            p.paragraph_format.first_line_indent = Cm(0.85)
            k, v = text.split("：", 1)
            set_run_font(p.add_run(k + "："), 12, True)
            set_run_font(p.add_run(v), 12)
        else:
            p = doc.add_paragraph()
            p.paragraph_format.first_line_indent = Cm(0.85)
            set_run_font(p.add_run(text), 12)
    # signature + seal
    p = doc.add_paragraph()
    set_run_font(p.add_run("法定代表人（签字）："), 12)
    p.add_run().add_picture(io.BytesIO(signature_png(d["rep"].split("（")[-1].rstrip("）"))), width=Cm(3.2))
    p = doc.add_paragraph()
    set_run_font(p.add_run("申报单位（盖章）："), 12)
    png, _ = seal_png(d["name"])
    p.add_run().add_picture(io.BytesIO(png), width=Cm(4.0))
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    set_run_font(p.add_run(DATE_SIGN[d["key"]]), 12)
    doc.core_properties.author = d["contact"]
    doc.core_properties.comments = ""
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    normalize_ooxml(path)


DATE_SIGN = {"01": "2025年5月8日", "02": "2025年05月30日", "03": "二〇二五年六月二十日", "04": "2025.04.15",
             "05": "2025年6月6日", "06": "2025年6月12日", "07": "2025年5月19日", "08": "2025年4月30日",
             "09": "2025年5月26日", "10": "2025年6月27日"}


# ---------------------------------------------------------------- PDF declaration (reportlab)
def wrap(text, font, size, width):
    lines, cur = [], ""
    for ch in text:
        if pdfmetrics.stringWidth(cur + ch, font, size) > width:
            lines.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        lines.append(cur)
    return lines


def write_pdf_decl(d, path):
    _reg_font()
    c = rl_canvas.Canvas(str(path), pagesize=A4, invariant=1)
    W, H = A4
    left, right, top, bottom = 72, W - 72, H - 72, 72
    y = top

    def newpage():
        nonlocal y
        c.showPage()
        y = top

    def line(txt, size=11, indent=0, center=False):
        nonlocal y
        if y < bottom + size:
            newpage()
        c.setFont("wqy", size)
        if center:
            c.drawCentredString(W / 2, y, txt)
        else:
            c.drawString(left + indent, y, txt)
        y -= size * 1.7

    for kind, text in decl_blocks(d):
        if kind == "title":
            line(text, 17, center=True)
            y -= 6
        elif kind == "center":
            line(text, 12, center=True)
        elif kind in ("h1", "h2", "h3"):
            for ln in wrap(text, "wqy", 13 if kind == "h1" else 11.5, right - left):
                line(ln, 13 if kind == "h1" else 11.5)
        else:
            ls = wrap(text, "wqy", 11, right - left - 22)
            for i, ln in enumerate(ls):
                line(ln, 11, indent=22 if i == 0 else 0)
    if y < bottom + 180:
        newpage()
    c.setFont("wqy", 11)
    c.drawString(left, y, "法定代表人（签字）：")
    from reportlab.lib.utils import ImageReader
    c.drawImage(ImageReader(io.BytesIO(signature_png(d["rep"]))), left + 110, y - 14, 90, 31, mask="auto")
    y -= 50
    c.drawString(left, y, "申报单位（盖章）：")
    _, seal = seal_png(d["name"])
    c.drawImage(ImageReader(seal), left + 100, y - 70, 120, 120, mask="auto")
    y -= 90
    c.drawRightString(right, y, DATE_SIGN[d["key"]])
    c.showPage()
    c.save()


# ---------------------------------------------------------------- XLSX self-assessment
def write_xlsx(d, path):
    pl = PLANT.get(d["key"], {})
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评价表"
    thin = Side(style="thin")
    bd = Border(left=thin, right=thin, top=thin, bottom=thin)
    ctr = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.merge_cells("A1:H1")
    ws["A1"] = "江苏省企业数字化转型自评价表（2025年版）"
    ws["A1"].font = Font(name="宋体", size=14, bold=True)
    ws["A1"].alignment = ctr
    ws.merge_cells("A2:H2")
    ws["A2"] = f"企业名称：{d.get('xname', d['name'])}    统一社会信用代码：{code_of(d)}"
    # two-row merged header
    ws.merge_cells("A3:A4"); ws["A3"] = "序号"
    ws.merge_cells("B3:B4"); ws["B3"] = "一级指标"
    ws.merge_cells("C3:C4"); ws["C3"] = "二级指标"
    ws.merge_cells("D3:F3"); ws["D3"] = "企业等级和自主打分"
    ws["D4"] = "等级"; ws["E4"] = "符合程度"; ws["F4"] = "自评分（分）"
    ws.merge_cells("G3:G4"); ws["G3"] = "满分"
    ws.merge_cells("H3:H4"); ws["H3"] = "备注"
    r = 5
    for qn_ in range(1, 11):
        ws.cell(r, 1, qn_); ws.cell(r, 2, Q_L1[qn_]); ws.cell(r, 3, QUEST[qn_])
        if qn_ == 7:
            tot_inv, y24, parts = d["invest"]
            year = pl.get("invest_year", 2024)
            ws.cell(r, 4, "—"); ws.cell(r, 5, "—"); ws.cell(r, 6, "—"); ws.cell(r, 7, "—")
            ws.cell(r, 8, f"自2014年以来投入规模为{invest_total(d)}万元，其中：{year}年投入{y24}万元")
        else:
            v = d["q"][qn_]
            if v is None:
                ws.cell(r, 4, "不涉及此环节"); ws.cell(r, 5, "—"); ws.cell(r, 6, "—")
                ws.cell(r, 7, 0 if pl.get("rescale_wrong") is None else 100)
                ws.cell(r, 7, 100 if pl.get("rescale_wrong") else "—")
                ws.cell(r, 8, "权重平均分配至其他题目" if not pl.get("rescale_wrong") else "")
            else:
                ws.cell(r, 4, v[0]); ws.cell(r, 5, v[1]); ws.cell(r, 6, v[2]); ws.cell(r, 7, 100)
        r += 1
    s, full, tot = total_of(d, wrong=pl.get("rescale_wrong", False))
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
    ws.cell(r, 1, "合计")
    ws.cell(r, 6, s); ws.cell(r, 7, full)
    r += 1
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
    ws.cell(r, 1, "综合得分（=自评分合计÷满分合计×100）")
    ws.cell(r, 6, tot)
    ws.cell(r, 6).number_format = "0.00"
    last = r
    for row in ws.iter_rows(min_row=3, max_row=last, max_col=8):
        for cell in row:
            cell.border = bd
            cell.alignment = ctr
            if cell.row in (3, 4):
                cell.font = Font(bold=True)
                cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for col, w in zip("ABCDEFGH", (6, 14, 26, 14, 12, 12, 8, 40)):
        ws.column_dimensions[col].width = w
    ws.cell(last + 2, 1, "注：等级为题目中的等级序号；自评分按《企业等级自主打分参考表》（表3）在等级分段内打分。")
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(path))
    normalize_ooxml(path)


# ---------------------------------------------------------------- business licence
AUTH = {"01": "常州市武进区市场监督管理局", "02": "苏州工业园区市场监督管理局", "03": "无锡市行政审批局",
        "04": "南通市市场监督管理局", "05": "扬州市邗江区市场监督管理局", "06": "徐州市市场监督管理局",
        "07": "泰州市市场监督管理局", "08": "盐城市亭湖区市场监督管理局", "09": "镇江市市场监督管理局",
        "10": "南京市江宁区市场监督管理局"}


def lic_fields(d):
    return [("统一社会信用代码", code_of(d)), ("名称", d["name"]),
            ("类型", "有限责任公司（外国法人独资）" if d["key"] == "04" else ("股份有限公司（非上市）" if "股份" in d["name"] else "有限责任公司")),
            ("法定代表人", d["rep"]), ("注册资本", d["cap_lic"]), ("成立日期", lic_date(d["est"])),
            ("营业期限", d["term"]), ("住所", d["addr"]),
            ("经营范围", f"{d['prod']}的研发、制造、销售；技术服务、技术开发、技术咨询；货物进出口。"
                     f"（依法须经批准的项目，经相关部门批准后方可开展经营活动）")]


def lic_date(est):
    # licences print 2016年04月18日 style
    import re
    m = re.findall(r"\d+", est)
    if len(m) == 3:
        return f"{int(m[0])}年{int(m[1]):02d}月{int(m[2]):02d}日"
    cn = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    # 二〇一七年三月六日
    y = "".join(str(cn[c]) for c in est.split("年")[0])
    return f"{y}年03月06日"


def write_lic_pdf(d, path):
    _reg_font()
    W, H = landscape(A4)
    c = rl_canvas.Canvas(str(path), pagesize=(W, H), invariant=1)
    c.setStrokeColorRGB(0.75, 0.55, 0.2)
    c.setLineWidth(6)
    c.rect(28, 28, W - 56, H - 56)
    c.setFont("wqy", 34)
    c.drawCentredString(W / 2, H - 100, "营 业 执 照")
    c.setFont("wqy", 13)
    c.drawCentredString(W / 2, H - 124, "（副        本）")
    y = H - 170
    for k, v in lic_fields(d):
        c.setFont("wqy", 13)
        c.drawString(80, y, k)
        lines = wrap(v, "wqy", 13, W - 300)
        for ln in lines:
            c.drawString(210, y, ln)
            y -= 24
        y -= 6
    c.setFont("wqy", 13)
    c.drawString(W - 300, 90, "登记机关")
    c.drawString(W - 300, 66, "2024年03月15日")
    from reportlab.lib.utils import ImageReader
    _, seal = seal_png(AUTH[d["key"]])
    c.drawImage(ImageReader(seal), W - 240, 40, 120, 120, mask="auto")
    c.setFont("wqy", 9)
    c.drawString(80, 50, "国家企业信用信息公示系统网址：http://www.gsxt.gov.cn")
    c.showPage()
    c.save()


def write_lic_img(d, path, photo=False):
    W, H = 1600, 1130
    img = Image.new("RGB", (W, H), (238, 236, 230) if not photo else (226, 222, 212))
    dr = ImageDraw.Draw(img)
    dr.rectangle([24, 24, W - 24, H - 24], outline=(190, 140, 60), width=10)
    ft = ImageFont.truetype(FONT_PATH, 72)
    f = ImageFont.truetype(FONT_PATH, 38)
    dr.text((W / 2, 95), "营 业 执 照", font=ft, fill=(150, 30, 30), anchor="mm")
    dr.text((W / 2, 160), "（副  本）", font=f, fill=(20, 20, 20), anchor="mm")
    y = 220
    for k, v in lic_fields(d):
        dr.text((90, y), k, font=f, fill=(25, 25, 25))
        for ln in _wrap_px(v, f, W - 510):
            dr.text((420, y), ln, font=f, fill=(25, 25, 25))
            y += 52
        y += 8
    dr.text((W - 470, H - 150), "登记机关", font=f, fill=(25, 25, 25))
    dr.text((W - 470, H - 100), "2024年03月15日", font=f, fill=(25, 25, 25))
    _, seal = seal_png(AUTH[d["key"]], 300)
    img.paste(seal, (W - 400, H - 330), seal)
    arr = np.asarray(img).astype(np.int16)
    arr = arr + NPR.randint(-14, 15, size=arr.shape)
    if photo:
        grad = np.linspace(-25, 10, W)[None, :, None]
        arr = arr + grad
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    img = img.rotate(1.2 if photo else -0.8, resample=Image.BICUBIC, expand=False, fillcolor=(200, 198, 192))
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(str(path), "JPEG", quality=72, dpi=(200, 200))


def _wrap_px(text, font, width):
    lines, cur = [], ""
    for ch in text:
        if font.getlength(cur + ch) > width:
            lines.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        lines.append(cur)
    return lines


def write_pledge_scan(d, path):
    """scanned 承诺书 page with handwritten-like signature and red seal (image-only page)."""
    W, H = 1240, 1754  # A4 at 150 dpi
    img = Image.new("RGB", (W, H), (242, 242, 240))
    dr = ImageDraw.Draw(img)
    ft = ImageFont.truetype(FONT_PATH, 56)
    f = ImageFont.truetype(FONT_PATH, 38)
    dr.text((W / 2, 180), "真实性承诺书", font=ft, fill=(15, 15, 15), anchor="mm")
    body = (f"本单位郑重承诺：申报江苏省{d['level']}智能工厂所提交的申报书、自评价表及相关附件内容真实、准确、完整，"
            f"近三年生产经营正常，诚信守法，未发生重大（含）以上安全、环保、质量事故（事件），未被列入严重失信主体名单。"
            f"如有虚假，本单位愿承担相应责任。")
    y = 300
    for ln in _wrap_px(body, f, W - 220):
        dr.text((110, y), ln, font=f, fill=(20, 20, 20))
        y += 62
    y += 120
    dr.text((600, y), f"法定代表人（签字）：", font=f, fill=(20, 20, 20))
    sig = Image.open(io.BytesIO(signature_png(d["rep"])))
    img.paste(sig, (930, y - 20), sig)
    y += 110
    dr.text((600, y), "单位（盖章）：", font=f, fill=(20, 20, 20))
    y += 90
    dr.text((760, y), "2025年6月11日", font=f, fill=(20, 20, 20))
    _, seal = seal_png(d["name"], 360)
    img.paste(seal, (720, y - 300), seal)
    arr = np.asarray(img).astype(np.int16) + NPR.randint(-12, 13, size=(H, W, 3))
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)).convert("RGB")
    img = img.rotate(-1.1, resample=Image.BICUBIC, fillcolor=(205, 205, 205))
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(str(path), "JPEG", quality=70, dpi=(150, 150))


# ---------------------------------------------------------------- labels
def narrative_label(d, decl_rel):
    ev = [{"id": SCEN[s][0], "name": SCEN[s][0]} for s, _ in d["scen"]]
    ne = [{"id": SCEN[s][0], "name": SCEN[s][0]} for s, _ in d["plans"]]
    if 32 not in [s for s, _ in d["scen"]]:
        # 组织机制 paragraph restates 基础要求3 (网络安全和数据安全风险可控) — not a 工业信息安全管控 build-out
        ne.append({"id": SCEN[32][0], "name": SCEN[32][0]})
    out = {"file": decl_rel, "evidenced": ev}
    if ne:
        out["not_evidenced"] = ne
    return out


SEED_Q = {
    "adv_cover": "先进级智能工厂……至少覆盖生产作业、生产管理、运营管理三个环节,建设场景数不低于15个场景,智能制造能力成熟度自评价水平达到GB/T39116-2020《智能制造能力成熟度模型》二级及以上。",
    "exc_mat": "卓越级智能工厂……覆盖全部五个环节,建设场景数不低于20个场景,智能制造能力成熟度自评价水平达到GB/T39116-2020《智能制造能力成熟度模型》三级及以上。",
    "band": "表3 企业等级自主打分参考表：6 基本符合 [80-87) 比较符合 [87-94) 非常符合 [94-100)；企业在选定所处的等级后,依据企业与该等级描述的符合程度……在等级分段内从低到高划分3个小分段……并进行自主打分。",
    "rescale": "自评价表格的1、5、6问题中,具有“不涉及此环节”选项,如果企业选择了不涉及该选项,则该问题的指标权重平均分配在其他问题中。即:最终综合得分=其他问题的综合得分/其他问题的总分。",
    "year": "数字化投入规模指企业自2014年以来,在数字化改造方面采购软件系统、解决方案和硬件设备的总金额(不含研发人员费用):____万元。其中:2024年投入____万元。",
    "basic8": "基础级智能工厂……至少覆盖生产作业环节,建设场景数不低于《自评价参考》中的8个场景,智能制造能力成熟度自评价水平达到GB/T39116-2020《智能制造能力成熟度模型》二级及以上。",
    "gt60": "5. 企业具备基本的数字化、网络化、智能化能力,利用《江苏省企业数字化转型通用评估指标体系(2025年版)》自评价得分高于60分。",
    "invest_sum": "数字化投入规模指企业自2014年以来,在数字化改造方面采购软件系统、解决方案和硬件设备的总金额(不含研发人员费用)",
}


def defects_for(d, P):
    k = d["key"]
    f = d["files"]
    if k == "05":
        return [dict(code="ELIGIBILITY_FAILED", severity="error", file=P(f["decl"]), field="覆盖环节（运营管理）",
                     expected="先进级至少覆盖生产作业、生产管理、运营管理三个环节",
                     found="17个场景均属工厂建设、产品设计、工艺设计、计划调度、生产作业、质量管控、设备管理、仓储物流、安全管控、能碳管理，无营销与售后、供应链管理等运营管理环节场景",
                     seed_quote=SEED_Q["adv_cover"])]
    if k == "06":
        return [dict(code="ELIGIBILITY_FAILED", severity="error", file=P(f["decl"]),
                     field="智能制造能力成熟度自评价水平", expected="卓越级须达到GB/T39116-2020三级及以上",
                     found="二级（规范级）", seed_quote=SEED_Q["exc_mat"]),
                dict(code="VALUE_OUT_OF_RANGE", severity="error", file=P(f["xlsx"]),
                     field="生产管理数字化水平（第3题）自主打分", expected="等级6、基本符合的打分分段[80-87)",
                     found="等级6、基本符合，自评分88", seed_quote=SEED_Q["band"])]
    if k == "07":
        s, _, tot = total_of(d)
        _, _, wt = total_of(d, True)
        return [dict(code="CALCULATION_MISMATCH", severity="error", file=P(f["xlsx"]), field="综合得分",
                     expected=f"第5题不涉及此环节，{s}÷800×100={fmt2(tot)}分",
                     found=f"满分合计按900计，综合得分{fmt2(wt)}分（申报书同样填{fmt2(wt)}分）", seed_quote=SEED_Q["rescale"]),
                dict(code="DATE_OUT_OF_RANGE", severity="error", file=P(f["xlsx"]), field="数字化投入规模（其中：2024年投入）",
                     expected="其中：2024年投入金额", found="其中：2023年投入1120万元（申报书亦写2023年）", seed_quote=SEED_Q["year"])]
    if k == "08":
        return [dict(code="COUNT_BELOW_MINIMUM", severity="error", file=P(f["decl"]), field="建设场景数",
                     expected="基础级不低于8个场景", found="7个场景", seed_quote=SEED_Q["basic8"]),
                dict(code="MISSING_FIELD", severity="error", file=P(f["decl"]), field="智能制造能力成熟度自评价水平",
                     expected="GB/T39116-2020 自评价等级（基础级须二级及以上）", found="“智能制造能力成熟度自评价等级（GB/T39116-2020）：”后为空",
                     seed_quote=SEED_Q["basic8"])]
    if k == "09":
        s, _, tot = total_of(d)
        return [dict(code="ELIGIBILITY_FAILED", severity="error", file=P(f["xlsx"]), field="数字化转型自评价得分",
                     expected="高于60分", found=f"{fmt2(tot)}分（{s}÷800×100，申报书同）", seed_quote=SEED_Q["gt60"]),
                dict(code="INVALID_IDENTIFIER", severity="error", file=P(f["decl"]), field="统一社会信用代码",
                     expected=uscc(d["body"]), found=uscc_wrong(d["body"]) + "（校验位错误，自评价表同）",
                     seed_quote="统一社会信用代码（GB 32100-2015 校验位）")]
    if k == "10":
        parts = d["invest"][2]
        _, _, tot = total_of(d)
        return [dict(code="CALCULATION_MISMATCH", severity="error", file=P(f["decl"]), field="数字化投入规模",
                     expected=f"{parts[0]}+{parts[1]}+{parts[2]}={sum(parts)}万元",
                     found=f"合计{PLANT['10']['invest_sum_wrong']}万元（自评价表同）", seed_quote=SEED_Q["invest_sum"]),
                dict(code="INCONSISTENT_VALUE", severity="error", file=P(f["decl"]), field="数字化转型自评价得分",
                     expected=f"自评价表综合得分{fmt2(tot)}分", found=f"申报书写{PLANT['10']['decl_score']}分",
                     seed_quote="企业分别在10个二级指标等级选项对应分段内……填入题目中的等级序号和该等级的自评分数,系统将自动综合计算得分。")]
    return []


DESC = {
    "01": "常州一家省级专精特新（非规上）减速机企业申报基础级，DOCX申报书以“标签：值”列基本信息、段落描述9个场景，自评价XLSX第1题不涉及此环节，综合得分60.13，营业执照PDF注册资本为中文大写。",
    "02": "苏州外资汽车零部件企业申报先进级，申报书为文字PDF，18个场景段落描述，自评价表名称用半角括号，营业执照为扫描JPG。",
    "03": "无锡新材料股份公司申报卓越级，Windows GBK文件名zip内嵌“新建文件夹”，成立日期写作二〇一七年三月六日，营业期限长期，自评价第5题不涉及。",
    "04": "南通外商独资船舶配套企业申报先进级，注册资本500万美元，来图加工故研发设计题不涉及，综合得分81.13但只申报先进级，营业执照为手机照片JPG。",
    "05": "扬州液压企业申报先进级，17个场景全部位于生产与研发环节，缺少运营管理环节场景。",
    "06": "徐州重工企业申报卓越级，成熟度仅二级，且自评价表一题打分超出其符合程度分段，另附扫描承诺书照片。",
    "07": "泰州医药包材企业申报先进级，自评价第5题不涉及但满分仍按900计算综合得分，投入年份写成2023年。",
    "08": "盐城纺织企业申报基础级，只描述7个场景，成熟度自评价等级留空，无营业执照附件。",
    "09": "镇江电器企业申报基础级，综合得分恰为60.00分未“高于60分”，统一社会信用代码校验位错误。",
    "10": "南京光电企业申报卓越级，数字化投入分项之和与合计不符，申报书得分与自评价表不一致。",
}


# ---------------------------------------------------------------- self-check of seed rules
def check_rules(d):
    """returns list of rule violations (used to assert clean dossiers are clean)."""
    v = []
    pl = PLANT.get(d["key"], {})
    for q, x in d["q"].items():
        if x is not None and not in_band(*x):
            v.append(f"band Q{q}")
        if x is None and q not in (1, 5, 6):
            v.append("na-not-allowed")
    s, full, tot = total_of(d)
    if not tot > 60:
        v.append("score<=60")
    mn, env, mat, sc, tier = LEVEL_RULE[d["level"]]
    ok_sc = [sid for sid, t in d["scen"] if TIER_ORD[t] >= TIER_ORD[tier] and t in TXT[sid]]
    if len(ok_sc) < mn:
        v.append("count")
    cov = {SCEN[s_][2] for s_ in ok_sc}
    if not env <= cov:
        v.append("coverage")
    if d["maturity"] is None or pl.get("maturity_blank") or d["maturity"] < mat:
        v.append("maturity")
    if tot <= sc:
        v.append("suggested-score")
    # 不涉及 consistency with scenarios (no marketing scenarios when Q5 n/a, etc.)
    if d["q"].get(5, 1) is None and any(SCEN[s_][1] == "营销与售后" for s_, _ in d["scen"]):
        v.append("q5-na-vs-marketing")
    if d["q"].get(1, 1) is None and any(SCEN[s_][1] in ("产品设计", "工艺设计") for s_, _ in d["scen"]):
        v.append("q1-na-vs-design")
    for sid, t in d["scen"] + [(p, None) for p, _ in d["plans"]]:
        if t and t not in TXT[sid]:
            v.append(f"tier-missing {sid}{t}")
    if pl.get("bad_uscc"):
        v.append("uscc")
    if pl.get("rescale_wrong") or pl.get("invest_year") or pl.get("invest_sum_wrong") or pl.get("decl_score"):
        v.append("planted-calc")
    return v


# ---------------------------------------------------------------- main
def generate(out_dir: pathlib.Path) -> None:
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    labels = {"writer": WRITER, "program": PROGRAM, "dossiers": []}
    for d in D:
        f = d["files"]
        is_zip = d["folder"].endswith(".zip")
        base = out_dir / ("_tmp_" + d["key"] if is_zip else d["folder"])
        base.mkdir(parents=True, exist_ok=True)
        decl = base / f["decl"]
        if decl.suffix == ".pdf":
            write_pdf_decl(d, decl)
        else:
            write_docx(d, decl, use_heading_styles=(d["key"] in ("04", "10")))
        write_xlsx(d, base / f["xlsx"])
        if "lic" in f:
            lp = base / f["lic"]
            if lp.suffix == ".pdf":
                write_lic_pdf(d, lp)
            else:
                write_lic_img(d, lp, photo=(d["key"] == "04"))
        if "pledge" in f:
            write_pledge_scan(d, base / f["pledge"])
        if is_zip:
            zp = out_dir / d["folder"]
            with zipfile.ZipFile(zp, "w", zipfile.ZIP_DEFLATED) as z:
                for p in sorted(base.rglob("*")):
                    rel = p.relative_to(base).as_posix()
                    zi = zipfile.ZipInfo(rel + ("/" if p.is_dir() else ""), date_time=(2025, 6, 20, 9, 30, 0))
                    # Windows-made zip: GBK names without the UTF-8 flag
                    zi.filename = rel + ("/" if p.is_dir() else "")
                    zi.flag_bits = 0
                    zi.compress_type = zipfile.ZIP_DEFLATED
                    zi.external_attr = (0o40775 << 16) | 0x10 if p.is_dir() else (0o100664 << 16)
                    data = b"" if p.is_dir() else p.read_bytes()
                    _write_gbk(z, zi, data)
            for p in sorted(base.rglob("*"), reverse=True):
                p.unlink() if p.is_file() else p.rmdir()
            base.rmdir()
        P = (lambda rel: rel)
        v = check_rules(d)
        clean = d["key"] in CLEAN
        if clean:
            assert not v, (d["key"], v)
        else:
            assert v, d["key"]
        labels["dossiers"].append(dict(
            name=d["folder"], as_of=d["as_of"], clean=clean, description=DESC[d["key"]],
            defects=defects_for(d, P), narratives=[narrative_label(d, f["decl"])]))
    (out_dir / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, indent=2), encoding="utf-8")


def normalize_ooxml(path, stamp="2025-05-06T09:00:00Z"):
    """Make DOCX/XLSX byte-deterministic: fixed core.xml dates and fixed zip entry times."""
    import re
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            if name == "docProps/core.xml":
                txt = data.decode("utf-8")
                txt = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)", r"\g<1>" + stamp + r"\g<3>", txt)
                data = txt.encode("utf-8")
            zi = zipfile.ZipInfo(name, date_time=(2025, 5, 6, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o100644 << 16
            z.writestr(zi, data)


class _GBKInfo(zipfile.ZipInfo):
    def _encodeFilenameFlags(self):
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def _write_gbk(z, zi, data):
    gi = _GBKInfo(zi.filename, date_time=zi.date_time)
    gi.flag_bits = 0
    gi.compress_type = zipfile.ZIP_DEFLATED
    gi.external_attr = zi.external_attr
    z.writestr(gi, data)


if __name__ == "__main__":
    generate(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "out"))
