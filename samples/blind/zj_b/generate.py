#!/usr/bin/env python3
"""Blind dossier corpus for 浙江省"未来工厂"评价指数（试行版） (seed 002), writer zj_b.

Deterministic: every random generator is seeded; no current time goes into file contents.
Usage: python generate.py OUT_DIR
"""
import io
import json
import pathlib
import random
import sys
import zipfile

import docx
from docx.shared import Pt, Cm, RGBColor
from docx.oxml.ns import qn
import openpyxl
from openpyxl.styles import Alignment, Font, Border, Side
from PIL import Image, ImageDraw, ImageFont, ImageFilter
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (SimpleDocTemplate, Paragraph, Spacer, Table,
                                TableStyle, Image as RLImage)
from reportlab.lib import colors

WRITER = "zj_b"
PROGRAM = "zj-future-factory"
FONT_PATH = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"

import re as _re

FIXED_TS = "2024-04-01T09:00:00Z"


def save_ooxml(obj, target):
    """Save a python-docx Document / openpyxl Workbook with fixed zip timestamps and fixed
    dcterms:created/modified (no current time in file contents)."""
    raw = io.BytesIO()
    obj.save(raw)
    zin = zipfile.ZipFile(io.BytesIO(raw.getvalue()))
    outb = io.BytesIO()
    with zipfile.ZipFile(outb, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                txt = data.decode("utf-8")
                txt = _re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)", r"\g<1>" + FIXED_TS + r"\g<3>", txt)
                data = txt.encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, date_time=(2024, 4, 1, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, data)
    if isinstance(target, (str, pathlib.Path)):
        pathlib.Path(target).write_bytes(outb.getvalue())
    else:
        target.write(outb.getvalue())


# --------------------------------------------------------------------------------------
# identifiers
# --------------------------------------------------------------------------------------
USCC_ALPHA = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc(first17):
    s = sum(USCC_ALPHA.index(c) * w for c, w in zip(first17, USCC_W))
    return first17 + USCC_ALPHA[(31 - s % 31) % 31]


# --------------------------------------------------------------------------------------
# Word-style 字数 (domain-facts.md): CJK char 1, full-width punct 1, run of half-width
# letters/digits 1, run of half-width symbols 1, whitespace 0.
# --------------------------------------------------------------------------------------
def wcount(text):
    n = 0
    prev = None
    for ch in text:
        o = ord(ch)
        if ch.isspace():
            prev = None
            continue
        if ch.isascii():
            kind = "an" if ch.isalnum() else "sym"
            if kind != prev:
                n += 1
            prev = kind
        else:
            n += 1
            prev = None
    return n


# --------------------------------------------------------------------------------------
# indicators (ids and names exactly as in seed 002; seed repeats numbers, so name matters)
# --------------------------------------------------------------------------------------
IND = {
    "1.1": ("1.1", "支撑保障条件", None, None, "企业提供佐证材料"),
    "1.3a": ("1.3 a)", "数字孪生", None, 300, "提供场景描述（不超过 300 字）和应用视频、图片资料"),
    "1.3b": ("1.3 b)", "人工智能", None, 300, "提供场景描述（不超过 300 字）和应用视频、图片资料"),
    "1.3c": ("1.3 c)", "工业互联网平台", None, 300, "提供场景描述（不超过 300 字）和应用视频、图片资料"),
    "1.3d": ("1.3 d)", "5G/工业网络", None, 500, "提供场景描述（不超过 500 字）和应用视频、图片资料"),
    "1.3e": ("1.3 e)", "装备联网率", None, None, "提供设备清单"),
    "3.1.2": ("3.1.2", "工艺设计", 500, 800, "500-800 字简明文字说明"),
    "3.2.1": ("3.2.1", "计划调度", 1000, 1500, "1000-1500 字简明文字说明"),
    "3.2.2": ("3.2.2", "生产执行", 1000, 1500, "1000-1500 字简明文字说明"),
    "3.2.3": ("3.2.3", "质量管控", 1000, 1500, "1000-1500 字简明文字说明"),
    "3.2.4": ("3.2.4", "物流配送", 800, 1000, "800-1000 字简明文字说明"),
    "3.2.5": ("3.2.5", "设备运维", 800, 1000, "800-1000 字简明文字说明"),
    "3.3.1s": ("3.3.1", "生产安全", 500, 800, "500-800 字简明文字说明"),
    "3.3.2": ("3.3.2", "作业安全", 500, 800, "500-800 字简明文字说明"),
    "3.3.3": ("3.3.3", "信息安全", 500, 800, "500-800 字简明文字说明"),
    "3.3.1L": ("3.3.1", "精益制造", 1000, 1500, "1000-1500 字简明文字说明"),
    "3.5": ("3.5", "绿色化制造", 1000, 1500, "1000-1500 字简明文字说明"),
}
PARENT = {"3.1.2": "数字化设计", "3.2.1": "智能化生产", "3.2.2": "智能化生产", "3.2.3": "智能化生产",
          "3.2.4": "智能化生产", "3.2.5": "智能化生产", "3.3.1s": "安全化管控", "3.3.2": "安全化管控",
          "3.3.3": "安全化管控", "3.3.1L": "数字化管理", "3.5": "绿色化制造"}


def heading_text(key):
    num, name = IND[key][0], IND[key][1]
    if key.startswith("1.3"):
        return f"1.3 新一代信息技术 {num[4:]} {name}"
    if key == "1.1":
        return "1.1 支撑保障条件"
    if key == "3.5":
        return "3.5 绿色化制造"
    return f"{num} {PARENT[key]}——{name}"


def ev(key):
    return {"id": IND[key][0], "name": IND[key][1]}


# --------------------------------------------------------------------------------------
# sentence pools.  Placeholders filled from the company dict + per-sentence numbers.
# --------------------------------------------------------------------------------------
POOLS = {
    "1.1": [
        "公司成立了由总经理任组长的“未来工厂”建设领导小组，下设数字化推进办公室，统筹人才、资金、项目和制度保障。",
        "公司与{univ}共建智能制造联合实验室，与{vendor}签订数字化转型长期合作协议，共同完成了{proj}等项目，联合申请发明专利{pat}项。",
        "公司组建了专门负责智能制造的数字化中心，现有IT基础、数据分析、信息安全、设备自动化等方向专职人员{it}人，均具有电气类、电子信息类、自动化类、计算机类或机械类学历或资格证书。",
        "近三年引进智能制造相关专业博士{phd}名、高级职称人才{senior}名，其中1人入选市级智能制造专家库。",
        "公司建立了覆盖新员工、岗位技能、数字化专项的三级培训体系，年度培训{train}人次，并组织骨干参加省经信厅组织的智能制造专题培训。",
        "未来工厂建设过程中，公司智能制造软硬件累计投入{invest}万元，涵盖技术改造、产线投入、工业机器人、智能检测与装配装备、智能物流与仓储装备及工业软件，明细见设备系统购置情况一览表。",
    ],
    "1.3a": [
        "公司基于{twin}搭建了{ws0}数字孪生工厂，按1:1还原厂房、产线和{eq}台主要设备的三维模型。",
        "孪生模型通过工业互联网平台实时接入设备状态、产量和能耗数据，刷新周期小于{sec}秒，实现物理产线与虚拟产线的同步可视化。",
        "工艺人员可在虚拟空间中调整节拍和工位布局并进行仿真验证，验证通过后下发至产线执行，实现以虚控实。",
        "应用后新产线调试周期缩短{p1}%，现场巡检工作量下降{p2}%。",
    ],
    "1.3c": [
        "公司自建企业级工业互联网平台“{plat}”，接入设备{eq}台，采集点位{pts}个，日均数据量约{gb}GB。",
        "平台集成ERP、MES、WMS、QMS等系统，提供设备运行优化、生产运营分析和供应商协同等工业APP共{apps}个。",
        "平台于{year}年入选省级工业互联网平台创建名单，已向产业链上下游{sup}家企业开放协同服务。",
    ],
    "1.3d": [
        "公司编制了厂区网络架构总体设计方案，采用核心层、汇聚层、接入层三层架构，核心交换机双机热备，主干链路冗余设计，带宽和节点可平滑扩容。",
        "有线网络采用万兆主干、千兆到桌面，覆盖生产、检验、仓储、物流等生产区域及办公区域和公共区域。",
        "公司与{telco}合作建设5G行业虚拟专网，部署室内基站{bs}个，实现AGV调度、机器视觉质检和移动终端作业的无线接入，端到端时延低于{ms}毫秒。",
        "生产网与办公网通过工业防火墙逻辑隔离，5G专网数据不出园区，满足生产运行和管理过程的通信要求。",
        "网络运行状态统一纳入网管平台监控，关键链路可用率达到{avail}%。",
    ],
    "3.1.2": [
        "公司建立了涵盖{prod}关键工序的工艺知识库，收录典型工艺路线{routes}条、工艺参数模板{tpl}套，与CAPP、PLM系统集成，工艺员编制工艺时可自动检索和引用。",
        "针对{ws0}的关键工序，构建了设备级、单元级和产线级工艺机理模型，用于切削参数、热处理曲线等工艺参数的仿真和验证。",
        "工艺设计采用三维CAPP工具完成，工艺BOM由PLM中的设计BOM自动转换生成，工艺卡片随三维模型一同发布到车间终端。",
        "通过采集生产、检测数据并结合工艺机理模型，工艺部门每月开展一次工艺验证分析，对偏差较大的参数提出优化建议并在PLM中发起变更。",
        "实施后，新产品工艺编制周期由{a1}天缩短至{b1}天，工艺变更响应时间缩短{p1}%。",
    ],
    "3.2.1": [
        "公司实施应用{erp}系统，包含销售、采购、生产计划和仓储管理等关键业务模块，并与MES、WMS实现集成。",
        "销售订单在ERP中评审确认后，系统自动生成生产订单，并根据BOM和库存情况自动生成采购申请，实现销售订单、生产订单和采购订单的关联和数据自动生成。",
        "公司于{year}年上线{aps}高级计划排程系统，以订单交期、设备产能、模具和工装、物料齐套、人员班次为约束进行自动排程。",
        "APS根据主生产计划自动分解形成车间级月计划、产线级周计划和工位级日计划，计划员只需对异常订单进行人工确认。",
        "系统综合考虑市场需求预测、安全库存和制造过程约束，对生产作业计划和物料计划进行分析优化，物料计划随作业计划滚动更新。",
        "通过数据采集和系统集成，计划、生产、采购、物料等关键业务的执行进度实时反馈至计划看板，对延期风险自动预警。",
        "当发生设备故障、紧急插单或交期变更时，动态调度模型根据实时状态自动重排受影响的工单，并将调整结果推送至相关车间和供应商。",
        "公司建立了计划执行统计分析模型，每周对计划达成率、插单率和齐套率进行分析，持续优化排程规则。",
    ],
    "3.2.2": [
        "公司全面实施{mes}制造执行系统，覆盖{wsall}，实现工艺规程、工艺文件、检验标准等作业文件与工序的自动关联。",
        "生产工单下达后，MES自动将NC程序、运行参数和作业指导书下发至对应设备和工位终端，操作人员扫码即可调取当前工序的全部作业文件。",
        "在安全可控的条件下，MES通过边缘网关向数控设备和机器人下发加工程序，实现程序版本的统一管理，杜绝错版加工。",
        "系统建立了计划执行、质量分析、设备OEE等生产过程数据分析模型，对产量、节拍、停机时间进行动态监测和分析警示。",
        "在装配工位部署AR辅助作业终端，将工艺操作知识库以三维动画形式叠加在实物上，指导新员工完成复杂装配作业。",
        "基于物料拉动和配送需求建立数据模型，对生产执行、物流装备、库区设置和人工干预等资源进行动态调度。",
    ],
    "3.2.3": [
        "公司以{qms}质量管理系统为核心，打通来料检验、过程检验、成品检验和售后质量反馈，实现质量数据的自动采集和统一管理。",
        "在{ws0}关键工位部署基于图像识别和深度学习算法的视觉检测设备{vis}套，对产品外观缺陷进行100%在线检测，检测节拍{sec}秒/件。",
        "针对内部缺陷，引入X射线检测和红外热成像在线检测设备，检测结果自动上传质量系统并与产品序列号绑定。",
        "公司理化实验室应用LIMS系统，实现样品登记、检测任务分配、数据采集和报告生成的全流程线上管理，LIMS与质量管理系统集成，实现生产过程质量数据的统计分析和追溯。",
        "质量系统内置SPC模块，对关键尺寸和工艺参数自动绘制控制图并计算过程能力指数，出现连续异常点时自动触发预警。",
        "基于质量大数据建立了质量预测模型，对影响关键质量特性的工艺参数进行相关性分析，并将优化后的参数反馈至设备，实现质量的闭环控制。",
        "公司建立了产品批次质量数据库，覆盖原材料批次、生产工单、设备、操作人员和检验结果，可实现从来料到最终交付的正反向追溯。",
    ],
    "3.2.4": [
        "公司通过ERP、MES、WMS和TMS系统的集成应用，实现生产、仓储配送和运输管理的一体化协同。",
        "原材料和成品仓库建有自动化立体仓库，配置堆垛机{stk}台、AGV{agv}台，WMS根据MES的工单需求自动生成配送任务。",
        "建立物流路径优化模型，按照最小批量和JIT准时配送原则计算线边配送批次和路线。",
        "成品运输环节应用TMS系统和车载定位终端，实现仓储、配送、出入库、运输全过程的动态跟踪，对轨迹偏离、到达超时、数量不符等异常自动报警。",
        "仓储系统、仓储设备、输送装置与MES集成，产线物料消耗达到安全水位时系统自动生成配送指令并拉动物料配送。",
        "公司建立SCM供应链协同平台，与核心供应商共享需求预测和库存信息，动态进行库存分析和预测并制定库存优化策略。",
    ],
    "3.2.5": [
        "公司建立了{eam}设备管理系统，涵盖设备制造数据、运行数据、维修数据和备品备件信息，实现从设备采购、维修维护、备品备件到报废回收的全生命周期管理。",
        "设备点检、润滑、维修和备件领用全部通过移动终端在线完成，点检标准和润滑周期由系统自动推送。",
        "系统根据设备运行时长和状态数据生成按需保养计划，避免过度保养和保养不足。",
        "对主轴、伺服电机、空压机等关键部件加装振动和温度传感器，基于设备运行数据和故障模型，应用大数据算法实现设备状态异常预警和预测性维护。",
        "公司设备运维平台与主要设备制造商实现数据互联，制造商工程师可远程查看设备报警和参数，开展远程诊断。",
        "建立了设备故障知识库，沉淀典型故障案例{cases}条，维修人员可按故障代码检索处理方法。",
    ],
    "3.3.1s": [
        "公司建立了危险源台账并上线危险源管理信息系统，按照风险等级对{haz}处危险源实行分级管控，系统根据监测数据动态计算危险源等级。",
        "危险源管理系统与消防、视频监控、气体检测等安全系统数据对接，异常时自动推送至安全管理人员手机。",
        "公司已达到安全生产标准化二级，并上线安全生产管理信息系统，实现隐患排查、整改、验收的闭环管理。",
        "对涉及生产安全的设备和系统开展风险识别，已识别的设备中采用功能安全认证产品的占比为{fs}%。",
        "建有消控中心与消控平台，并建立应急资源信息管理系统，实现应急预案的自动推送与预警。",
    ],
    "3.3.2": [
        "公司上线作业许可信息系统，动火、受限空间、高处作业等风险作业票全部线上签批。",
        "通过视频监控、人员定位和电子围栏对危险区域人员行为进行监控，对未佩戴安全帽、越界等不安全行为实时预警。",
    ],
    "3.3.3": [
        "公司建立了信息安全管理体系，对工艺配方、客户资料等重要数据进行加密存储和访问控制，封闭工业主机上不必要的USB接口和光驱。",
        "关键业务数据每日增量备份、每周全量备份，并定期开展恢复演练。",
        "关键设备、系统和平台的访问采用账号口令加动态令牌的多因素认证。",
        "部署防病毒和主机白名单软件，新上线软件和补丁在离线测试环境中充分验证后方可上线。",
        "在工业控制网络边界部署工业防火墙和网络安全监测设备，并部署信息安全审计平台进行行为审计分析。",
        "建立重大配置变更管理和安全测试管理制度，及时跟踪安全漏洞信息并完成升级。",
    ],
    "3.3.1L": [
        "公司在PLM、MES、ERP中分别建立并管理设计BOM、工艺BOM、制造BOM、采购BOM和成本BOM，BOM数据在研发设计、生产制造、采购供应、销售服务等全业务过程中自动转换。",
        "通过BOM数据与业务活动的闭环，设计变更可自动触发工艺、采购和生产的联动调整，实现全业务流程的一体化驱动。",
        "车间SOP全部实现数字化和无纸化，以图文和三维动画形式指导作业，并根据生产计划和工单自动分发至工位终端。",
        "公司建立了SOP持续改进机制，每月结合精益活动和质量数据评审SOP，{year}年共修订SOP{sop}份。",
        "公司推行六西格玛和PDCA管理工具，组建改善小组{grp}个，利用生产和业务数据开展统计分析，针对瓶颈工序实施改善。",
        "通过大数据和仿真分析持续识别工艺流程、制造过程和物流等环节的瓶颈，并进行持续优化。",
    ],
    "3.5": [
        "公司按照GB/T 36132-2018要求开展绿色工厂建设，于{year}年获评{green}。",
        "公司建立能源管理系统，对水、电、气、蒸汽等能源以及主材、辅材消耗进行分级计量和数据采集，计量器具配备率达到100%。",
        "环境排放方面，废水、废气在线监测数据、噪声和温室气体排放数据实时接入综合管控平台。",
        "基于采集的数据建立了资源消耗模型和排放模型，按产品、工序核算单位能耗和碳排放。",
        "综合管控平台应用模型对空压站、冷却循环水等公用系统进行优化调度，实现管控的数字化和精细化。",
        "收集行业对标数据与企业历史数据，建立分析模型和优化策略，对三废、能源、资源等指标进行测算和衡量，优化排产顺序以降低峰时用电。",
        "公司在厂房屋顶建设分布式光伏{pv}兆瓦，清洁能源占比逐年提升，并推行绿色产品设计和绿色供应链管理。",
    ],
}

# workshop-level paragraphs (one per workshop) to build longer sections
WS_POOLS = {
    "3.2.1": ["{ws}共有{lines}条产线，APS按照设备能力和换型时间对该车间工单进行排序，换型次数较人工排产减少{p1}%，计划达成率由{a1}%提升至{b1}%。"],
    "3.2.2": ["{ws}的{lines}条产线全部接入MES，工单报工、首件检验、在制品流转均在系统中完成，生产数据采集率达到{b1}%，设备OEE由{a1}%提升至{c1}%。"],
    "3.2.3": ["{ws}建立了关键质量特性清单，共{kpc}项关键特性纳入SPC监控，过程能力指数CPK由{a2}提升至{b2}，一次交检合格率达到{b1}%。"],
    "3.2.4": ["{ws}线边库采用料架电子标签和AGV配送，配送准时率由{a1}%提升至{b1}%，线边库存下降{p1}%。"],
    "3.2.5": ["{ws}关键设备{eq}台纳入预测性维护，非计划停机时间同比下降{p1}%，设备综合效率提升{p2}个百分点。"],
    "3.3.1L": ["{ws}开展精益改善项目{grp}项，通过价值流分析消除等待和搬运浪费，生产周期缩短{p1}%，在制品库存下降{p2}%。"],
    "3.5": ["{ws}通过能耗模型分析峰谷用电结构，调整高能耗工序排产时段，单位产品综合能耗下降{p1}%，单位产值碳排放下降{p2}%。"],
}
EFFECT = {
    "3.2.1": ["实施后，订单准时交付率由{a1}%提升至{b1}%，计划编制时间由{a2}小时缩短至{b2}小时。",
              "原材料库存周转天数减少{p1}天，紧急插单响应时间缩短至{b2}小时以内。"],
    "3.2.2": ["实施后，生产效率提升{p1}%，纸质单据减少{p2}%，生产异常平均处理时间缩短{p1}%。"],
    "3.2.3": ["实施后，产品不良率由{a2}%下降至{b2}%，质量追溯时间由{a1}小时缩短至{b3}分钟，客户投诉同比下降{p1}%。"],
    "3.2.4": ["实施后，物流用工减少{p1}%，库存准确率达到{b1}%，成品发运及时率提升{p2}个百分点。"],
    "3.2.5": ["实施后，设备故障停机率下降{p1}%，备件库存金额下降{p2}%，维修响应时间缩短至{b3}分钟。"],
    "3.3.1L": ["全年完成改善提案{sop}条，节约成本约{money}万元，人均产值提升{p1}%。"],
    "3.5": ["近三年单位工业增加值能耗累计下降{p1}%，工业固废综合利用率达到{b1}%，水重复利用率达到{c1}%。"],
}
MORE = {
    "3.1.2": [
        "工艺知识库按照材料、工序、设备类型分类管理，每条工艺知识均记录来源、适用范围和验证结果，由工艺主管审核后发布，过期知识自动提醒复核。",
        "对于新承接的{prod}项目，工艺员在PLM中选择相似产品的工艺模板，系统自动带出工序、设备、工装和参数推荐值，工艺员只需对差异部分进行修改。",
        "公司与设备供应商共同建立了主要设备的能力模型，工艺路线编制时系统自动校验设备加工范围和精度能力，避免工艺设计与设备能力不匹配。",
    ],
    "3.2.1": [
        "排程结果以甘特图形式展示，计划员可查看每台设备、每条产线的负荷情况，对瓶颈资源进行重点关注和调整。",
        "APS与ERP之间每15分钟同步一次订单和库存数据，与MES实时同步工单完工和设备状态数据，保证排程依据的数据准确、及时。",
        "对于模具和工装等共享资源，APS将其作为有限能力资源参与排程，避免同一套模具被同时分配给多条产线。",
        "物料计划与作业计划联动，系统按照工单开工时间倒推物料需求时间，自动生成采购建议和车间领料计划，减少了物料短缺造成的停线。",
        "公司制定了《生产计划管理制度》和《APS排程规则说明》，明确计划冻结期、插单审批流程和排程优先级规则。",
    ],
    "3.2.2": [
        "MES与PLM集成，工程变更在PLM中发布后，相关工单的作业文件自动更新，已下发未开工的工单会收到变更提醒。",
        "每道工序完工后，操作人员通过工位终端扫码报工，系统自动记录工时、产量、不良数和设备编号，形成完整的生产履历。",
        "车间现场部署电子看板，实时显示工单进度、设备状态、质量异常和物料齐套情况，异常信息通过安灯系统推送至班组长和相关职能人员。",
        "生产异常分为设备、质量、物料、工艺四类，系统对每类异常设置响应时限，超时自动升级，异常处理过程和结果全部在线留痕。",
        "生产绩效分析模块按日、周、月统计产量、效率、合格率和OEE，支持按车间、产线、班组、人员多维度分析。",
    ],
    "3.2.3": [
        "来料检验环节，供应商随货上传电子质检报告，系统根据供应商等级和历史质量自动确定抽样方案，检验结果实时反馈至供应商协同平台。",
        "过程检验实行首件、巡检和末件三检制度，检验项目和标准由系统根据工单自动带出，检测量具数据通过蓝牙直接采集，避免人工抄录错误。",
        "成品出厂前需完成全部检验项目并在系统中判定合格后方可入库和发货，不合格品在系统中自动锁定，评审处理流程全部线上完成。",
        "对售后质量反馈，系统按产品序列号追溯生产批次、工艺参数和检验记录，快速定位问题原因并启动8D改进流程。",
    ],
    "3.2.4": [
        "入库环节采用条码和RFID识别，物料到货后自动核对采购订单，系统分配库位并指挥堆垛机上架，出入库信息实时同步ERP。",
        "WMS按照先进先出和批次管理规则自动分配出库批次，拣选完成后由AGV按照MES工单顺序配送至产线工位。",
    ],
    "3.2.5": [
        "设备台账在系统中按车间、产线、设备类型分级管理，每台设备都有唯一二维码，扫码即可查看设备档案、维修记录和点检记录。",
        "备品备件实行安全库存管理，系统根据备件消耗历史和设备保养计划自动计算备件需求，生成采购申请。",
    ],
    "3.3.1s": [
        "公司每年组织开展危险源辨识和风险评价，辨识结果录入系统并生成风险分布四色图，张贴在各车间入口。",
        "重大危险源区域安装了可燃气体、有毒气体在线检测报警装置和视频监控，数据实时上传至安全生产管理平台。",
        "安全生产管理信息系统涵盖安全教育培训、隐患排查治理、特种设备管理、劳保用品发放等模块，各级人员的安全职责在系统中逐级落实。",
        "公司每年组织消防、危化品泄漏等专项应急演练，演练记录和评估报告在系统中归档。",
    ],
    "3.3.3": [
        "公司制定了《信息安全管理制度》《数据备份与恢复管理办法》等制度，明确信息安全管理职责，设立专职信息安全管理员。",
        "生产网、办公网和外网之间实行分区分域管理，远程运维通过堡垒机统一接入并全程录像。",
        "公司每年委托第三方机构开展一次网络安全等级保护测评和渗透测试，发现的问题均已完成整改。",
        "对员工定期开展信息安全意识培训和钓鱼邮件演练，提升全员信息安全意识。",
    ],
    "3.3.1L": [
        "公司成立了精益推进办公室，制定精益生产三年推进规划，将精益指标纳入各车间绩效考核。",
        "通过MES采集的工时和停机数据，精益团队每月识别瓶颈工序，采用仿真软件对产线平衡方案进行模拟验证后再实施。",
        "公司推行全员改善提案制度，提案在线提交、评审和奖励，优秀案例沉淀至知识库供其他车间借鉴。",
        "现场推行5S和目视化管理，车间布局按照单件流原则进行了优化调整，物流路线缩短。",
        "精益改善成果通过MES和BI报表持续跟踪，改善措施固化为标准作业后纳入SOP管理，防止问题反复。",
    ],
    "3.5": [
        "能源管理系统覆盖全部车间和公用动力站房，电能计量到产线和重点用能设备，水、气、蒸汽计量到车间。",
        "系统对各车间能耗设置定额并实时对比，超定额时自动预警，能源管理员可查看分时段、分设备的能耗曲线。",
        "公司建立了温室气体排放核算台账，按年度开展碳排放核查，并制定碳达峰行动方案。",
        "危险废物从产生、贮存到转移处置全过程在系统中登记，转移联单电子化，与环保部门监管平台对接。",
    ],
}
WS_MORE = {
    "3.1.2": ["{ws}的主要工序已全部建立标准工艺模板，工艺文件由系统自动生成，工艺编制差错率下降{p1}%。"],
    "3.2.1": ["{ws}的紧急插单由APS自动评估对在制工单的影响后给出建议方案，计划员确认后即可发布。"],
    "3.2.2": ["{ws}工位终端覆盖率达到100%，纸质作业指导书全部取消。"],
    "3.2.3": ["{ws}的检验数据全部实现自动采集，检验记录无纸化率达到100%。"],
    "3.2.4": ["{ws}成品下线后由输送线自动送入立体仓库，入库过程无需人工搬运。"],
    "3.2.5": ["{ws}设备点检完成率由{a1}%提升至{b1}%。"],
    "3.3.1L": ["{ws}推行快速换型，平均换型时间缩短{p2}%。"],
    "3.5": ["{ws}实施了余热回收和变频节能改造，年节约用电约{money}万千瓦时。"],
}

TOPIC = {  # key: (topic, dept, goal, pains)
    "3.1.2": ("工艺设计", "工艺技术部", "工艺设计效率和工艺质量", ("工艺文件编制周期长", "工艺经验难以沉淀", "工艺变更传递不及时")),
    "3.2.1": ("计划调度", "生产计划部", "订单交付能力和计划准确性", ("排产依赖计划员经验", "插单和变更响应慢", "物料齐套性差")),
    "3.2.2": ("生产执行", "生产管理部", "生产效率和过程透明度", ("作业文件靠纸质传递", "生产进度不透明", "异常处理不及时")),
    "3.2.3": ("质量管控", "质量管理部", "产品质量稳定性和追溯能力", ("检验数据靠人工记录", "质量问题追溯困难", "质量异常发现滞后")),
    "3.2.4": ("物流配送", "物流部", "物流效率和库存周转", ("物料配送靠人工叫料", "库存账实不符", "运输过程不可视")),
    "3.2.5": ("设备运维", "设备动力部", "设备可靠性和运维效率", ("设备故障以事后维修为主", "备件库存积压", "维修经验依赖个人")),
    "3.3.1s": ("生产安全", "安全环保部", "本质安全水平", ("危险源管理靠台账", "隐患整改跟踪难", "应急响应慢")),
    "3.3.3": ("信息安全", "数字化中心", "信息安全防护能力", ("工控网络缺少边界防护", "数据备份不规范", "账号权限管理粗放")),
    "3.3.1L": ("精益制造", "精益推进办公室", "生产效率和现场管理水平", ("BOM数据在各系统间不一致", "SOP更新滞后", "改善活动缺少数据支撑")),
    "3.5": ("绿色化制造", "安全环保部", "能源利用效率和环境绩效", ("能耗数据采集不全", "用能情况不透明", "节能措施缺少量化评估")),
}
BG_T = ("{co}主要生产{prod}，产品规格多、批量小、交期要求高。过去公司{topic}主要依靠人工经验和纸质单据，存在{pain0}、{pain1}、{pain2}等问题，"
        "难以满足客户对交期和质量的要求。为此，公司自{y0}年起将{topic}的数字化、智能化作为“未来工厂”建设的重点任务，成立专项小组，"
        "联合{vendor}制定实施方案，分阶段推进系统建设和业务流程再造。")
ORG_T = ("在管理保障方面，公司明确{dept}为{topic}场景的责任部门，制定了相应的管理制度和操作规范，对关键岗位人员开展系统操作培训，"
         "并将系统应用情况纳入部门月度考核，确保系统用起来、用得好。")
SUM_T = "总体来看，通过{topic}场景的建设，公司{topic}实现了由经验驱动向数据驱动的转变，{goal}明显提升，为“未来工厂”建设奠定了基础。"


def frame(key, co, which, r):
    if key not in TOPIC:
        return ""
    topic, dept, goal, pains = TOPIC[key]
    t = {"bg": BG_T, "org": ORG_T, "sum": SUM_T}[which]
    return t.format(topic=topic, dept=dept, goal=goal, pain0=pains[0], pain1=pains[1], pain2=pains[2],
                    y0=r.choice([2019, 2020, 2021]), **co)


GENERIC = ["上述系统已稳定运行一年以上，相关业务数据完整可追溯。",
           "公司将该场景的做法固化为管理制度，纳入年度绩效考核。",
           "相关系统界面截图及业务操作录屏见附件。"]


def _nums(r, co):
    a1 = r.randint(72, 88)
    return dict(co, a1=a1, b1=min(99.6, a1 + r.randint(6, 11) + r.choice([0, 0.5])),
                c1=r.randint(75, 90), a2=round(r.uniform(1.1, 2.5), 2), b2=round(r.uniform(0.3, 0.9), 2),
                b3=r.randint(5, 30), p1=r.randint(12, 35), p2=r.randint(8, 30), lines=r.randint(3, 8),
                kpc=r.randint(18, 60), eq=r.randint(20, 90), grp=r.randint(6, 18), sop=r.randint(80, 260),
                money=r.randint(150, 900), sec=r.randint(2, 8), pts=r.randint(8000, 30000),
                gb=r.randint(12, 80), apps=r.randint(15, 48), sup=r.randint(40, 260), bs=r.randint(12, 40),
                ms=r.randint(12, 20), avail=99.9, routes=r.randint(300, 1200), tpl=r.randint(60, 220),
                vis=r.randint(6, 24), stk=r.randint(4, 12), agv=r.randint(10, 36), cases=r.randint(300, 1500),
                haz=r.randint(30, 120), fs=r.randint(60, 85), pv=round(r.uniform(1.5, 8.0), 1))


def fill(t, r, co, ws=None):
    d = _nums(r, co)
    if ws:
        d["ws"] = ws
    return t.format(**d)


def build_section(key, co, target, r):
    """Return paragraphs whose total Word count is as close to target as the pools allow, never
    above it.  Sentences are used at most once (no contradictory repeats).  Deterministic given r."""
    sents = [fill(s, r, co) for s in POOLS[key]] + [fill(s, r, co) for s in MORE.get(key, [])]
    ws_s = []
    for ws in co["workshops"]:
        for t in WS_POOLS.get(key, []) + WS_MORE.get(key, []):
            ws_s.append(fill(t, r, co, ws))
    eff = [fill(t, r, co) for t in EFFECT.get(key, [])]
    bg = frame(key, co, "bg", r)
    tail = [x for x in (frame(key, co, "org", r), frame(key, co, "sum", r)) if x]
    chosen = []
    cur = 0
    for s in ([bg] if bg else []) + sents + ws_s + eff + tail:
        w = wcount(s)
        if cur + w <= target:
            chosen.append(s)
            cur += w
    paras = []
    k = 3
    for i in range(0, len(chosen), k):
        paras.append("".join(chosen[i:i + k]))
    return paras


# --------------------------------------------------------------------------------------
# companies
# --------------------------------------------------------------------------------------
def company(idx, name, short, div, body, city, addr, prod, industry, workshops, **kw):
    c = dict(name=name, co=short, uscc=uscc("91" + div + body), city=city, addr=addr, prod=prod,
             industry=industry, workshops=workshops, ws0=workshops[0], ws1=workshops[-1],
             wsall="、".join(workshops))
    c.update(dict(univ="浙江工业大学", vendor="杭州某工业软件服务商", proj="数字化车间改造", pat=6, it=38, phd=2,
                  senior=9, train=2600, invest=0, twin="Unity3D引擎", plat="智造云", year=2022,
                  telco="中国移动浙江公司", erp="金蝶云·星空ERP", aps="APS", mes="MES", qms="QMS",
                  eam="EAM", green="省级绿色工厂"))
    c.update(kw)
    return c


COMPANIES = [
    company(1, "浙江恒拓汽车零部件有限公司", "恒拓", "330402", "MA29K3L71", "嘉兴", "浙江省嘉兴市南湖区亚太路1288号",
            "汽车制动系统零部件", "汽车零部件及配件制造", ["机加工一车间", "装配二车间", "热处理车间"],
            univ="嘉兴大学", vendor="浙江中控技术股份有限公司", erp="SAP S/4HANA", mes="恒拓MES", pat=8),
    company(2, "宁波甬泰智能电器股份有限公司", "甬泰", "330206", "MA2H0CF52", "宁波", "浙江省宁波市北仑区大港五路66号",
            "智能断路器", "配电开关控制设备制造", ["注塑车间", "总装车间"],
            univ="宁波大学", vendor="宁波某智能制造服务商", erp="用友U9", mes="鼎捷MES", plat="甬泰智联"),
    company(3, "衢州华屹新材料有限公司", "华屹", "330803", "MA2DPW403", "衢州", "浙江省衢州市衢江区绿色产业集聚区华兴路9号",
            "电子级含氟精细化学品", "专项化学用品制造", ["合成车间", "精馏车间", "包装车间"],
            univ="浙江大学衢州研究院", vendor="浙江中控技术股份有限公司", erp="浪潮GS", mes="MOM", qms="LIMS/QMS",
            green="国家级绿色工厂"),
    company(4, "湖州栖川家居科技有限公司", "栖川", "330523", "MA2B7KX10", "湖州", "浙江省湖州市安吉县递铺街道天荒坪北路358号",
            "定制办公椅", "家具制造", ["五金车间", "海绵车间", "装配车间"],
            univ="浙江农林大学", vendor="杭州某家居行业软件商", erp="金蝶云·星空ERP", mes="栖川MES"),
    company(5, "台州启澜泵业有限公司", "启澜", "331081", "MA2K5RN38", "台州", "浙江省台州市温岭市泽国镇机电工业园启澜路18号",
            "智能水泵", "泵及真空设备制造", ["机加工车间", "电机车间", "总装车间"], erp="用友U8+", mes="启澜MES"),
    company(6, "绍兴越纺智能织造有限公司", "越纺", "330603", "MA2JY6T47", "绍兴", "浙江省绍兴市柯桥区滨海工业区越纺路200号",
            "功能性面料", "化纤织造加工", ["织造车间", "印染车间"], erp="浪潮ERP", mes="越纺MES"),
    company(7, "杭州临芯精密电子有限公司", "临芯", "330110", "MA2CQ8E63", "杭州", "浙江省杭州市余杭区仓前街道文一西路1500号",
            "车规级功率模块", "电子元件及电子专用材料制造", ["SMT车间", "封装车间", "测试车间"], erp="SAP ERP", mes="临芯MES"),
    company(8, "金华锐驰工具有限公司", "锐驰", "330782", "MA2EBN595", "金华", "浙江省金华市义乌市佛堂镇锐驰大道77号",
            "锂电园林工具", "电动工具制造", ["冲压车间", "注塑车间", "总装车间"], erp="金蝶K/3 Cloud", mes="锐驰MES"),
    company(9, "温州瓯江阀门集团有限公司", "瓯江", "330381", "MA2AT7W24", "温州", "浙江省温州市瑞安市经济开发区阀门路5号",
            "工业阀门", "阀门和旋塞制造", ["铸造车间", "机加工车间", "装配试压车间"], erp="用友NC", mes="瓯江MES"),
    company(10, "丽水青禾竹木制品有限公司", "青禾", "331102", "MA2L4HG86", "丽水", "浙江省丽水市莲都区南明山街道绿谷大道218号",
            "竹木家居制品", "竹制品制造", ["开料车间", "成型车间", "涂装车间"], erp="金蝶云·星空ERP", mes="青禾MES"),
]

# --------------------------------------------------------------------------------------
# equipment list (附录2).  装备联网率 is computed over rows whose 一级分类 is 智能制造装备 by 台套数
# (documented in README); list is built so that the row-based ratio equals the unit-based one.
# --------------------------------------------------------------------------------------
EQUIP_CATALOG = [
    ("五轴加工中心", "DMU 65 monoBLOCK", "数控机床", "加工中心", 210.0, 320.0),
    ("数控车床", "CK6150", "数控机床", "数控机床", 18.0, 36.0),
    ("立式加工中心", "VMC850", "数控机床", "加工中心", 32.0, 58.0),
    ("三坐标测量机", "Global S 7.10.7", "数控机床", "数控测量机", 85.0, 120.0),
    ("焊接机器人", "FANUC ARC Mate 100iD", "工业机器人", "焊接机器人", 26.0, 38.0),
    ("搬运机器人", "KUKA KR 120", "工业机器人", "搬运机器人", 30.0, 45.0),
    ("装配机器人", "ABB IRB 1200", "工业机器人", "装配机器人", 18.0, 28.0),
    ("喷涂机器人", "埃夫特 GR630", "工业机器人", "喷涂机器人", 35.0, 52.0),
    ("视觉检测系统", "海康 MV-VS", "智能检测与装配装备", "其它智能检测与装配装备", 12.0, 26.0),
    ("X射线在线检测机", "日联 AX8200", "智能检测与装配装备", "其它智能检测与装配装备", 60.0, 95.0),
    ("在线数据采集网关", "研华 WISE-4000", "智能传感与控制装备", "信息采集系统装备", 1.2, 3.5),
    ("PLC控制柜", "西门子 S7-1500", "智能传感与控制装备", "现场控制系统装备", 6.0, 15.0),
    ("AGV小车", "海康 MR-Q7", "智能物流与仓储装备", "车间物流成套装备", 12.0, 22.0),
    ("高速堆垛机", "今天国际 TD-12", "智能物流与仓储装备", "高速堆垛机", 55.0, 90.0),
    ("智能分拣机", "中科微至 WZ-X", "智能物流与仓储装备", "智能分拣机", 40.0, 75.0),
    ("自动化立体仓库", "定制", "智能物流与仓储装备", "自动化立体仓库", 380.0, 650.0),
]
SOFT_CATALOG = [
    ("MES制造执行系统", "V5.0", "生产制造类软件", "制造执行系统 (MES)", 120.0, 380.0),
    ("APS高级计划排程系统", "V3.2", "生产制造类软件", "高级计算排产系统 (APS)", 60.0, 180.0),
    ("ERP系统升级", "云版", "经营管理类软件", "企业资源计划 (ERP)", 80.0, 260.0),
    ("WMS仓储管理系统", "V4", "经营管理类软件", "仓储物流系统 (WMS)", 40.0, 95.0),
    ("PLM产品生命周期管理", "V12", "经营管理类软件", "产品生命周期管理软件 (PLM)", 90.0, 240.0),
    ("SCADA数据采集与监控系统", "V7", "工业控制系统执行类软件", "数据采集与监视控制系统 (SCADA)", 35.0, 80.0),
    ("CAD/CAM三维设计软件", "2023版", "研发设计类软件", "计算机辅助设计 (CAD)", 18.0, 45.0),
]


def make_equipment(r, n_eq=12, n_off=2, n_soft=4, year0=2021):
    """Rows of 附录2.  Networked and non-networked 智能制造装备 rows have the same average 台套数, so
    the unit-based and the row-based 装备联网率 coincide.  A 立体仓库 is always 1套."""
    rows = []
    cats = r.sample(EQUIP_CATALOG, n_eq)
    cats.sort(key=lambda c: c[0] == "自动化立体仓库", reverse=True)  # warehouse, if any, is networked
    q0 = r.randint(2, 4)
    on_n = n_eq - n_off
    on_total = q0 * on_n
    fixed = [i for i in range(on_n) if cats[i][0] == "自动化立体仓库"]
    on_q = [1] * on_n
    free = [i for i in range(on_n) if i not in fixed]
    for _ in range(on_total - on_n):
        on_q[r.choice(free)] += 1
    qtys = on_q + [q0] * n_off
    for i, (c, q) in enumerate(zip(cats, qtys)):
        net = i < on_n
        price = round(r.uniform(c[4], c[5]), 1)
        y = r.randint(year0, 2023)
        rows.append(dict(name=c[0], model=c[1], date=f"{y}-{r.randint(1,12):02d}-{r.randint(1,28):02d}",
                         l1="智能制造装备", l2=c[2], l3=c[3], price=price, qty=q,
                         unit="套" if c[0] == "自动化立体仓库" else "台",
                         dom="是" if r.random() < 0.6 else "否", net="是" if net else "否",
                         acq="是" if net else "否", recv="是" if net else "否"))
    for c in r.sample(SOFT_CATALOG, n_soft):
        y = r.randint(year0, 2023)
        rows.append(dict(name=c[0], model=c[1], date=f"{y}-{r.randint(1,12):02d}-{r.randint(1,28):02d}",
                         l1="工业控制系统与工业软件", l2=c[2], l3=c[3], price=round(r.uniform(c[4], c[5]), 1),
                         qty=1, unit="套", dom="是", net="是", acq="是", recv="是"))
    r.shuffle(rows)
    return rows


def eq_stats(rows):
    eq = [x for x in rows if x["l1"] == "智能制造装备"]
    tot = sum(x["qty"] for x in eq)
    on = sum(x["qty"] for x in eq if x["net"] == "是")
    invest = round(sum(x["price"] * x["qty"] for x in rows), 1)
    return dict(total=tot, on=on, rate=round(on / tot * 100, 1), invest=invest,
                row_rate=round(sum(1 for x in eq if x["net"] == "是") / len(eq) * 100, 1))


EQ_HEAD = ["序号", "设备系统名称", "规格型号", "购置时间\n(按发票日期)", "设备系统一级\n分类名称", "设备系统二级\n分类名称",
           "设备系统三级\n分类名称", "设备系统单价\n(万元)", "设备系统\n台套数", "是否\n国产", "是否\n联网",
           "是否支持数\n据采集", "是否支持信\n息接收"]


def eq_row_values(i, x, units=False):
    price = f"{x['price']}万元" if units else x["price"]
    qty = f"{x['qty']}{x['unit']}" if units else x["qty"]
    return [i, x["name"], x["model"], x["date"], x["l1"], x["l2"], x["l3"], price, qty, x["dom"], x["net"],
            x["acq"], x["recv"]]


# --------------------------------------------------------------------------------------
# images
# --------------------------------------------------------------------------------------
_FONTS = {}


def pfont(size):
    if size not in _FONTS:
        _FONTS[size] = ImageFont.truetype(FONT_PATH, size)
    return _FONTS[size]


def screenshot(title, kind, r, w=1000, h=600):
    """A fake system screen: title bar (32 px text), a table and a bar chart."""
    im = Image.new("RGB", (w, h), (240, 243, 248))
    d = ImageDraw.Draw(im)
    d.rectangle([0, 0, w, 56], fill=(31, 78, 140))
    d.text((20, 10), title, font=pfont(32), fill="white")
    d.rectangle([0, 56, 170, h], fill=(225, 230, 240))
    for i, m in enumerate(["首页", "计划", "生产", "质量", "设备", "报表"]):
        d.text((24, 80 + i * 48), m, font=pfont(28), fill=(40, 40, 40))
    cols = {"table": ["工单号", "产品", "数量", "状态"], "chart": None}
    x0, y0 = 190, 76
    d.text((x0, y0), kind, font=pfont(28), fill=(20, 20, 20))
    y = y0 + 46
    for j in range(6):
        fillc = (255, 255, 255) if j % 2 else (232, 238, 246)
        d.rectangle([x0, y, x0 + 430, y + 40], fill=fillc)
        txt = "  ".join(["工单号", "数量", "状态"]) if j == 0 else f"WO{r.randint(240100, 240399)}  {r.randint(50, 900)}  {'完成' if r.random() < .6 else '执行中'}"
        d.text((x0 + 8, y + 5), txt, font=pfont(28), fill=(30, 30, 30))
        y += 40
    bx = 650
    for j in range(6):
        hh = r.randint(60, 300)
        d.rectangle([bx + j * 52, 520 - hh, bx + j * 52 + 34, 520], fill=(60, 140, 210))
    d.line([640, 520, 980, 520], fill=(80, 80, 80), width=2)
    d.text((650, 530), "近6月达成率", font=pfont(28), fill=(40, 40, 40))
    return im


def site_photo(caption, r):
    im = Image.new("RGB", (1200, 800), (150, 150, 145))
    d = ImageDraw.Draw(im)
    for i in range(5):
        x = 80 + i * 220
        d.rectangle([x, 300, x + 160, 620], fill=(230, 120, 30))
        d.rectangle([x + 20, 330, x + 140, 420], fill=(40, 40, 40))
        d.line([x + 80, 300, x + 80 + r.randint(-60, 60), 160], fill=(240, 180, 40), width=14)
    d.rectangle([0, 620, 1200, 800], fill=(110, 110, 108))
    d.rectangle([40, 680, 1160, 770], fill=(255, 255, 255))
    d.text((60, 695), caption, font=pfont(40), fill=(10, 10, 10))
    arr = __import__("numpy").array(im).astype("int16")
    rs = __import__("numpy").random.RandomState(7)
    arr = arr + rs.randint(-10, 11, arr.shape)
    im = Image.fromarray(arr.clip(0, 255).astype("uint8"))
    return im.rotate(1.2, expand=True, fillcolor=(130, 130, 130))


def seal_image(text):
    s = 360
    im = Image.new("RGBA", (s, s), (255, 255, 255, 0))
    d = ImageDraw.Draw(im)
    red = (215, 25, 32, 230)
    d.ellipse([8, 8, s - 8, s - 8], outline=red, width=12)
    # star
    import math
    cx, cy, R = s / 2, s / 2, 50
    pts = []
    for i in range(10):
        a = math.pi / 2 + i * math.pi / 5
        rr = R if i % 2 == 0 else R * 0.4
        pts.append((cx + rr * math.cos(a), cy - rr * math.sin(a)))
    d.polygon(pts, fill=red)
    n = len(text)
    for i, ch in enumerate(text):
        a = math.radians(210 - i * (240 / max(1, n - 1)))
        x = cx + 125 * math.cos(a)
        y = cy - 125 * math.sin(a)
        g = Image.new("RGBA", (48, 48), (0, 0, 0, 0))
        ImageDraw.Draw(g).text((4, 2), ch, font=pfont(40), fill=red)
        g = g.rotate(math.degrees(a) - 90, expand=True)
        im.alpha_composite(g, (int(x - g.width / 2), int(y - g.height / 2)))
    return im


def png_bytes(im, fmt="PNG", **kw):
    b = io.BytesIO()
    im.save(b, fmt, **kw)
    return b.getvalue()


# --------------------------------------------------------------------------------------
# DOCX helpers (headings as plain numbered paragraphs, bold run, no heading styles)
# --------------------------------------------------------------------------------------
def new_doc():
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "宋体"
    st.font.size = Pt(11)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    return d


def plain_head(d, text, size=12):
    p = d.add_paragraph()
    run = p.add_run(text)
    run.bold = True
    run.font.size = Pt(size)
    return p


def body(d, text):
    p = d.add_paragraph(text)
    p.paragraph_format.first_line_indent = Pt(22)
    return p


def add_pic(d, im, caption, width_cm=14):
    d.add_picture(io.BytesIO(png_bytes(im)), width=Cm(width_cm))
    c = d.add_paragraph(caption)
    c.alignment = 1


def kv_table(d, pairs):
    t = d.add_table(rows=0, cols=2)
    t.style = "Table Grid"
    for k, v in pairs:
        cells = t.add_row().cells
        cells[0].text = k
        cells[1].text = v
    return t


def eq_docx_table(d, rows, st):
    t = d.add_table(rows=1, cols=len(EQ_HEAD))
    t.style = "Table Grid"
    for i, h in enumerate(EQ_HEAD):
        t.rows[0].cells[i].text = h.replace("\n", "")
    for i, x in enumerate(rows, 1):
        cells = t.add_row().cells
        for j, v in enumerate(eq_row_values(i, x)):
            cells[j].text = str(v)
    cells = t.add_row().cells
    cells[1].text = "合计"
    cells[7].text = f"投入合计{st['invest']:.1f}"
    for row in t.rows:
        for c in row.cells:
            for p in c.paragraphs:
                for run in p.runs:
                    run.font.size = Pt(7.5)
    return t


# --------------------------------------------------------------------------------------
# PDF helpers
# --------------------------------------------------------------------------------------
_PDF_READY = [False]


def pdf_styles():
    if not _PDF_READY[0]:
        pdfmetrics.registerFont(TTFont("wqy", FONT_PATH, subfontIndex=0))
        _PDF_READY[0] = True
    return (ParagraphStyle("b", fontName="wqy", fontSize=10.5, leading=17, wordWrap="CJK", firstLineIndent=21),
            ParagraphStyle("h", fontName="wqy", fontSize=12, leading=20, spaceBefore=8, spaceAfter=4),
            ParagraphStyle("t", fontName="wqy", fontSize=16, leading=26, alignment=1, spaceAfter=10),
            ParagraphStyle("c", fontName="wqy", fontSize=9, leading=13, alignment=1))


def write_pdf(path, story_fn):
    b, h, t, c = pdf_styles()
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=2.2 * cm, rightMargin=2.2 * cm,
                            topMargin=2 * cm, bottomMargin=2 * cm, title="", author="", creator="WPS Office",
                            invariant=1)
    story = []
    story_fn(story, b, h, t, c)
    doc.build(story)


def rl_img(im, width_cm=14):
    ir = io.BytesIO(png_bytes(im))
    w = width_cm * cm
    return RLImage(ir, width=w, height=w * im.height / im.width)


# --------------------------------------------------------------------------------------
# XLSX equipment list with merged two-row header
# --------------------------------------------------------------------------------------
def write_eq_xlsx(path, co, rows, st, units=False, note=None, total_row=True):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "设备清单"
    ws.append(["附录2 企业设备系统购置情况一览表"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=13)
    ws.append([f"填报单位：{co['name']}"])
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=13)
    # two-row header: 设备系统分类 spans 5..7, 状态 spans 10..13
    top = ["序号", "设备系统名称", "规格型号", "购置时间(按发票日期)", "设备系统分类", None, None,
           "设备系统单价(万元)", "设备系统台套数", "设备状态", None, None, None]
    sub = [None, None, None, None, "一级分类名称", "二级分类名称", "三级分类名称", None, None,
           "是否国产", "是否联网", "是否支持数据采集", "是否支持信息接收"]
    ws.append(top)
    ws.append(sub)
    for col in (1, 2, 3, 4, 8, 9):
        ws.merge_cells(start_row=3, start_column=col, end_row=4, end_column=col)
    ws.merge_cells(start_row=3, start_column=5, end_row=3, end_column=7)
    ws.merge_cells(start_row=3, start_column=10, end_row=3, end_column=13)
    for i, x in enumerate(rows, 1):
        ws.append(eq_row_values(i, x, units=units))
    if total_row:
        tq = sum(x["qty"] for x in rows if x["l1"] == "智能制造装备")
        ws.append(["合计", None, None, None, None, None, None,
                   f"{st['invest']:.1f}万元" if units else st["invest"],
                   f"装备{tq}台（套）" if units else tq, None, None, None, None])
    if note:
        ws.append([note])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=13)
    thin = Side(style="thin")
    for row in ws.iter_rows(min_row=3, max_row=ws.max_row):
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="center")
            c.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            c.font = Font(name="宋体", size=9)
    for col, wdt in zip("ABCDEFGHIJKLM", [5, 22, 18, 13, 14, 16, 22, 11, 9, 6, 6, 8, 8]):
        ws.column_dimensions[col].width = wdt
    save_ooxml(wb, path)


# --------------------------------------------------------------------------------------
# dossier builders
# --------------------------------------------------------------------------------------
TARGET = {  # middle-of-range targets for clean sections (with margin for heading/caption)
    "1.1": 420, "1.3a": 200, "1.3c": 180, "1.3d": 380, "3.1.2": 640, "3.2.1": 1230, "3.2.2": 1220,
    "3.2.3": 1240, "3.2.4": 900, "3.2.5": 900, "3.3.1s": 660, "3.3.2": 640, "3.3.3": 660, "3.3.1L": 1230,
    "3.5": 1230,
}


def sections_for(co, keys, r, override=None):
    override = override or {}
    out = {}
    for k in keys:
        tgt = override.get(k, TARGET[k])
        out[k] = build_section(k, co, tgt, r)
    return out


def check_range(key, paras, expect_ok=True):
    lo, hi = IND[key][2], IND[key][3]
    n = sum(wcount(p) for p in paras)
    ok = (lo is None or n >= lo + 15) and (hi is None or n <= hi - 15)
    if expect_ok:
        assert ok, (key, n, lo, hi)
    return n


def keyfig_pairs(co, st, rate=None, invest=None, it=None):
    extra = [("负责智能制造相关工作的人员数", f"{it if it is not None else co['it']}人")]
    return [("企业名称", co["name"]), ("统一社会信用代码", co["uscc"]), ("注册地址", co["addr"]),
            ("所属行业", co["industry"]), ("主导产品", co["prod"])] + extra + [
            ("智能制造软硬件累计投入", f"{invest if invest is not None else st['invest']:.1f}万元"),
            ("装备总数（智能制造装备）", f"{st['total']}台（套）"), ("接入系统或平台的装备数", f"{st['on']}台（套）"),
            ("装备联网率", f"{rate if rate is not None else st['rate']:.1f}%")]


def rate_prose(co, st, rate=None, date="2024年3月底"):
    rt = rate if rate is not None else st["rate"]
    return (f"截至{date}，公司共有智能制造装备{st['total']}台（套），其中接入MES、SCADA或工业互联网平台的装备"
            f"{st['on']}台（套），装备联网率为{rt:.1f}%（按附录2设备清单中“智能制造装备”的台套数计算，工业软件不计入装备总数）。")


def docx_compilation(path, co, secs, st, r, shots=None, skip=None, seal=False, rate=None, invest=None,
                     eq_rows=None, prose_rate_override=None, title_suffix="未来工厂评价举证材料"):
    """One DOCX: cover key-figure table, numbered plain headings, sections, optional equipment table."""
    d = new_doc()
    p = d.add_paragraph()
    p.alignment = 1
    rr = p.add_run(f"{co['name']}\n{title_suffix}")
    rr.bold = True
    rr.font.size = Pt(18)
    plain_head(d, "一、企业基本情况及关键指标")
    kv_table(d, keyfig_pairs(co, st, rate=rate, invest=invest))
    plain_head(d, "二、指标举证")
    shots = shots or {}
    for k, paras in secs.items():
        plain_head(d, heading_text(k))
        if k == "1.3e":
            body(d, paras[0])
            continue
        for i, t in enumerate(paras):
            body(d, t)
        if k in shots:
            for cap, im in shots[k]:
                add_pic(d, im, cap)
    for k, reason in (skip or {}).items():
        plain_head(d, heading_text(k))
        body(d, reason)
    if eq_rows is not None:
        plain_head(d, "三、附录2 企业设备系统购置情况一览表")
        eq_docx_table(d, eq_rows, st)
    if seal:
        d.add_paragraph("")
        d.add_paragraph(f"申报单位（盖章）：{co['name']}")
        d.add_picture(io.BytesIO(png_bytes(seal_image(co["name"]))), width=Cm(4))
        d.add_paragraph("2024年4月")
    d.core_properties.author = "admin"
    save_ooxml(d, path)


def pdf_sections(path, co, secs, r, title, shots=None, skip=None):
    shots = shots or {}

    def story(s, b, h, t, c):
        s.append(Paragraph(title, t))
        for k, paras in secs.items():
            s.append(Paragraph(heading_text(k), h))
            for para in paras:
                s.append(Paragraph(para, b))
            for cap, im in shots.get(k, []):
                s.append(rl_img(im, 13))
                s.append(Paragraph(cap, c))
        for k, reason in (skip or {}).items():
            s.append(Paragraph(heading_text(k), h))
            s.append(Paragraph(reason, b))
    write_pdf(path, story)


def narr(file, keys, not_keys=()):
    keys = list(keys)
    if "3.2.3" in keys and "1.3b" not in keys:
        keys.append("1.3b")  # 3.2.3 a) text describes image-recognition / deep-learning inspection
    d = {"file": file, "evidenced": [ev(k) for k in keys]}
    if not_keys:
        d["not_evidenced"] = [ev(k) for k in not_keys]
    return d


def defect(code, sev, file, field, expected, found, quote):
    return dict(code=code, severity=sev, file=file, field=field, expected=expected, found=found,
                seed_quote=quote)


Q_RATE = "装备联网率=接入系统或平台的装备总数/装备总数×100%"
Q_INV = "未来工厂建设过程中，智能制造软硬件累计投入。企业提供采购清单"


def rate_section(co, st, rate=None):
    return [rate_prose(co, st, rate)]


# --------------------------------------------------------------------------------------
def generate(out_dir):
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    dossiers = []

    # ---------------- zj01 clean: single DOCX compilation + DOCX equipment table ----------
    r = random.Random(101)
    co = COMPANIES[0]
    rows = make_equipment(r, 12, 2, 4)
    st = eq_stats(rows)
    co = dict(co, invest=f"{st['invest']:.1f}")
    keys = ["1.1", "1.3a", "1.3d", "3.1.2", "3.2.1", "3.2.3", "3.3.3"]
    secs = sections_for(co, keys, r)
    for k in keys:
        check_range(k, secs[k])
    secs = dict(list(secs.items())[:3] + [("1.3e", rate_section(co, st))] + list(secs.items())[3:])
    name = "zj01_恒拓汽车零部件"
    dd = out_dir / name
    dd.mkdir(exist_ok=True)
    shots = {"3.2.1": [("图1 APS高级计划排程系统排产界面截图", screenshot("APS高级计划排程系统", "车间周计划排程", r))],
             "3.2.3": [("图2 QMS质量管理系统SPC分析界面截图", screenshot("QMS质量管理系统", "SPC控制图与CPK", r))],
             "1.3a": [("图0 数字孪生工厂界面截图", screenshot("数字孪生工厂", "机加工一车间三维监控", r))]}
    docx_compilation(dd / "恒拓-未来工厂评价举证材料（终稿）.docx", co, secs, st, r, shots=shots,
                     skip={"3.3.2": "本项暂不申报，不提供举证材料。"}, seal=True, eq_rows=rows)
    dossiers.append(dict(
        name=name, as_of="2024-05-20", clean=True,
        description="单个Word汇编：封面关键指标两列表、编号普通段落标题、7项指标说明配截图、设备清单为Word表格；3.3.2作业安全注明暂不申报；末尾粘贴电子公章。",
        defects=[],
        narratives=[narr("恒拓-未来工厂评价举证材料（终稿）.docx",
                         ["1.1", "1.3a", "1.3d", "1.3e", "3.1.2", "3.2.1", "3.2.3", "3.3.3"], ["3.3.2"])]))

    # ---------------- zj02 clean: text PDFs in nested folder + XLSX with units in cells ------
    r = random.Random(202)
    co = COMPANIES[1]
    rows = make_equipment(r, 11, 2, 3)
    st = eq_stats(rows)
    co = dict(co, invest=f"{st['invest']:.1f}")
    name = "zj02_甬泰智能电器"
    dd = out_dir / name
    (dd / "新建文件夹").mkdir(parents=True, exist_ok=True)
    s1 = sections_for(co, ["3.2.1", "3.2.2"], r)
    s2 = sections_for(co, ["3.2.4", "3.5"], r)
    s3 = sections_for(co, ["1.1", "1.3c"], r)
    for s in (s1, s2, s3):
        for k, v in s.items():
            check_range(k, v)
    s3 = dict(list(s3.items()) + [("1.3e", rate_section(co, st))])
    pdf_sections(dd / "新建文件夹" / "附件1.pdf", co, s1, r, "智能化生产（计划调度、生产执行）举证说明",
                 shots={"3.2.2": [("图1 MES生产执行看板", screenshot("鼎捷MES", "注塑车间工单执行", r))]})
    pdf_sections(dd / "新建文件夹" / "附件2.pdf", co, s2, r, "物流配送与绿色化制造举证说明")
    pdf_sections(dd / "附件3(1).pdf", co, s3, r, f"{co['name']}关键技术举证说明")
    write_eq_xlsx(dd / "设备清单0412.xlsx", co, rows, st, units=True,
                  note="注：装备联网率按智能制造装备台套数计算，工业软件不计入装备总数。")
    site_photo("甬泰总装车间AGV线边配送现场", r).convert("L").save(dd / "IMG_20240412_0931.jpg", quality=70)
    dossiers.append(dict(
        name=name, as_of="2024-06-14", clean=True,
        description="文件夹内三份文字版PDF（文件名不说明内容，放在“新建文件夹”内）、带合并两行表头和合计行且单元格内带单位（“3台”“12.5万元”）的设备清单XLSX、一张灰度现场照片；关键指标写在正文叙述中。",
        defects=[],
        narratives=[narr("新建文件夹/附件1.pdf", ["3.2.1", "3.2.2"]),
                    narr("新建文件夹/附件2.pdf", ["3.2.4", "3.5"]),
                    narr("附件3(1).pdf", ["1.1", "1.3c", "1.3e"])]))

    # ---------------- zj03 clean: zip from a Mac, process industry, DOCX per section ----------
    r = random.Random(303)
    co = COMPANIES[2]
    rows = make_equipment(r, 10, 1, 5)
    st = eq_stats(rows)
    co = dict(co, invest=f"{st['invest']:.1f}")
    name = "zj03_华屹新材料.zip"
    secs = sections_for(co, ["3.2.3", "3.3.1s", "3.3.3", "3.5", "1.1"], r)
    for k, v in secs.items():
        check_range(k, v)
    files = {}
    for k in ["3.2.3", "3.3.1s", "3.3.3", "3.5"]:
        d = new_doc()
        plain_head(d, heading_text(k), 14)
        for t in secs[k]:
            body(d, t)
        if k == "3.3.1s":
            body(d, "作业安全（3.3.2）方面，公司计划于2025年上线作业许可信息系统，目前仍采用纸质作业票。")
        b = io.BytesIO()
        save_ooxml(d, b)
        files[f"华屹举证材料/{IND[k][0]}{IND[k][1]}.docx"] = b.getvalue()
    d = new_doc()
    plain_head(d, "企业概况与关键数据", 14)
    body(d, f"{co['name']}（统一社会信用代码：{co['uscc']}）位于{co['addr']}，主要生产{co['prod']}。")
    body(d, f"公司近年智能制造软硬件累计投入人民币{st['invest'] * 10000:,.0f}元（即{st['invest']:.1f}万元），明细见设备系统购置情况一览表。")
    plain_head(d, heading_text("1.1"))
    for t in secs["1.1"]:
        body(d, t)
    plain_head(d, heading_text("1.3e"))
    body(d, rate_prose(co, st))
    b = io.BytesIO()
    save_ooxml(d, b)
    files["华屹举证材料/00企业概况.docx"] = b.getvalue()
    xb = io.BytesIO()
    write_eq_xlsx(xb, co, rows, st, units=False,
                  note="说明：装备联网率按智能制造装备台套数计算，工业软件不计入装备总数。")
    files["华屹举证材料/附录2设备系统购置情况一览表.xlsx"] = xb.getvalue()
    files["华屹举证材料/现场照片/IMG_1032.jpg"] = png_bytes(
        site_photo("华屹合成车间X射线在线检测设备现场", r).convert("RGB"), "JPEG", quality=72)
    files["__MACOSX/华屹举证材料/._00企业概况.docx"] = b"\x00\x05\x16\x07" + b"\x00" * 60
    files["华屹举证材料/.DS_Store"] = b"\x00\x00\x00\x01Bud1" + b"\x00" * 120
    with zipfile.ZipFile(out_dir / name, "w", zipfile.ZIP_DEFLATED) as z:
        for fn in sorted(files):
            zi = zipfile.ZipInfo(fn, date_time=(2024, 4, 8, 10, 30, 0))
            z.writestr(zi, files[fn], compress_type=zipfile.ZIP_DEFLATED)
    dossiers.append(dict(
        name=name, as_of="2024-04-25", clean=True,
        description="Mac打包的zip（含__MACOSX和.DS_Store），流程型化工企业，每个指标一份Word，编号普通段落标题；投入在正文中以元和万元两种写法给出（可精确换算）；作业安全只写了2025年计划。",
        defects=[],
        narratives=[narr("华屹举证材料/3.2.3质量管控.docx", ["3.2.3"]),
                    narr("华屹举证材料/3.3.1生产安全.docx", ["3.3.1s"], ["3.3.2"]),
                    narr("华屹举证材料/3.3.3信息安全.docx", ["3.3.3"]),
                    narr("华屹举证材料/3.5绿色化制造.docx", ["3.5"]),
                    narr("华屹举证材料/00企业概况.docx", ["1.1", "1.3e"])]))

    # ---------------- zj04 clean: 自评汇总 XLSX + one PDF + equipment list DOCX -----------------
    r = random.Random(404)
    co = COMPANIES[3]
    rows = make_equipment(r, 13, 3, 4)
    st = eq_stats(rows)
    co = dict(co, invest=f"{st['invest']:.1f}")
    name = "zj04_栖川家居"
    dd = out_dir / name
    dd.mkdir(exist_ok=True)
    keys = ["1.3a", "1.3c", "3.2.1", "3.2.2", "3.2.5", "3.3.1L"]
    secs = sections_for(co, keys, r)
    for k, v in secs.items():
        check_range(k, v)
    pdf_sections(dd / "扫描件001.pdf", co, secs, r, f"{co['name']}“未来工厂”指标举证说明",
                 shots={"3.2.5": [("图3 EAM设备管理系统预测性维护界面", screenshot("EAM设备管理系统", "关键设备健康度", r))],
                        "3.3.1L": [("图4 数字化SOP工位终端界面", screenshot("栖川MES", "数字化SOP分发", r))]},
                 skip={"3.2.3": "本项本次不申报。"})
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评汇总"
    ws.append(["企业名称", co["name"], "统一社会信用代码", co["uscc"]])
    ws.append(["智能制造软硬件累计投入（万元）", st["invest"], "装备联网率", st["rate"] / 100])
    ws["D2"].number_format = "0.0%"
    ws.append([])
    ws.append(["指标编号", "指标名称", "是否申报", "举证材料"])
    for k in keys:
        ws.append([IND[k][0], IND[k][1], "是", "扫描件001.pdf"])
    ws.append(["1.3 e)", "装备联网率", "是", "设备系统购置情况一览表.docx"])
    ws.append(["3.2.3", "质量管控", "否", "—"])
    ws.append(["3.5", "绿色化制造", "否", "—"])
    for col, wdt in zip("ABCD", [30, 40, 18, 30]):
        ws.column_dimensions[col].width = wdt
    save_ooxml(wb, dd / "自评汇总表.xlsx")
    d = new_doc()
    plain_head(d, "附录2 企业设备系统购置情况一览表", 14)
    d.add_paragraph(f"填报单位：{co['name']}                      金额单位：万元")
    eq_docx_table(d, rows, st)
    d.add_paragraph(f"装备合计{st['total']}台（套），其中联网{st['on']}台（套）。")
    d.add_paragraph(f"（盖章）{co['name']}")
    d.add_picture(io.BytesIO(png_bytes(seal_image(co["name"]))), width=Cm(3.5))
    save_ooxml(d, dd / "设备系统购置情况一览表.docx")
    dossiers.append(dict(
        name=name, as_of="2024-07-03", clean=True,
        description="自评汇总XLSX（联网率为百分比格式单元格，质量管控、绿色化制造标“否”不申报）+ 一份名为“扫描件001.pdf”的文字版PDF举证说明 + Word表格设备清单加电子章。",
        defects=[],
        narratives=[narr("扫描件001.pdf", keys, ["3.2.3"])]))

    # ---------------- zj05: 3.2.3 质量管控 under 1000 字 ---------------------------------------
    r = random.Random(505)
    co = COMPANIES[4]
    rows = make_equipment(r, 12, 2, 4)
    st = eq_stats(rows)
    co = dict(co, invest=f"{st['invest']:.1f}")
    keys = ["1.1", "3.2.1", "3.2.2", "3.2.3", "3.2.4"]
    secs = sections_for(co, keys, r, override={"3.2.3": 700})
    for k in keys:
        if k != "3.2.3":
            check_range(k, secs[k])
    n323 = check_range("3.2.3", secs["3.2.3"], expect_ok=False)
    assert n323 < 900, n323
    secs = dict(list(secs.items()) + [("1.3e", rate_section(co, st))])
    name = "zj05_启澜泵业"
    dd = out_dir / name
    dd.mkdir(exist_ok=True)
    docx_compilation(dd / "启澜泵业未来工厂申报举证.docx", co, secs, st, r,
                     shots={"3.2.3": [("图5 视觉检测系统界面", screenshot("视觉检测系统", "泵壳外观缺陷检测", r))]})
    write_eq_xlsx(dd / "附录2.xlsx", co, rows, st, note="注：装备联网率按智能制造装备台套数计算，工业软件不计入。")
    dossiers.append(dict(
        name=name, as_of="2024-05-08", clean=False,
        description="Word汇编+XLSX设备清单；3.2.3质量管控说明明显不足1000字。",
        defects=[defect("WORD_COUNT_BELOW_MINIMUM", "error", "启澜泵业未来工厂申报举证.docx", "3.2.3 质量管控 简明文字说明",
                        "1000-1500字", f"约{n323}字（正文，不含标题和图注）",
                        "3.2.3 智能化生产 质量管控 …… 1000-1500 字简明文字说明")],
        narratives=[narr("启澜泵业未来工厂申报举证.docx", ["1.1", "3.2.1", "3.2.2", "3.2.3", "3.2.4", "1.3e"])]))

    # ---------------- zj06: 1.3 a) 数字孪生 over 300 字 -------------------------------------
    r = random.Random(606)
    co = COMPANIES[5]
    rows = make_equipment(r, 10, 2, 3)
    st = eq_stats(rows)
    co = dict(co, invest=f"{st['invest']:.1f}")
    name = "zj06_越纺智能织造"
    dd = out_dir / name
    dd.mkdir(exist_ok=True)
    secs = sections_for(co, ["1.3c", "1.3d", "3.2.2", "3.5"], r)
    for k, v in secs.items():
        check_range(k, v)
    twin = [fill(s, r, co) for s in POOLS["1.3a"]]
    twin += ["孪生工厂覆盖织造车间全部喷气织机和印染车间定型机，织机运行状态、断纬停台、车速等数据实时映射到三维模型中，管理人员在指挥中心大屏上即可查看每台织机的效率和停台原因。",
             "印染车间的定型机温度、车速和门幅参数在孪生模型中同步显示，工艺人员可在虚拟环境中试验新工艺曲线，确认后一键下发至设备PLC执行。",
             "孪生系统还与能源管理系统对接，按机台显示电耗和蒸汽消耗。"]
    n13a = wcount("".join(twin))
    assert n13a > 340, n13a
    allsecs = {"1.3a": twin}
    allsecs.update(secs)
    pdf_sections(dd / "越纺-举证材料.pdf", co, allsecs, r, f"{co['name']}未来工厂评价举证材料",
                 shots={"1.3a": [("图1 数字孪生织造车间", screenshot("越纺数字孪生工厂", "织造车间实时映射", r))]})
    write_eq_xlsx(dd / "设备系统购置情况一览表.xlsx", co, rows, st, units=True,
                  note=f"注：智能制造装备{st['total']}台（套），联网{st['on']}台（套），装备联网率{st['rate']:.1f}%（工业软件不计入）。")
    dossiers.append(dict(
        name=name, as_of="2024-06-28", clean=False,
        description="单份文字版PDF举证材料+设备清单XLSX；1.3 a)数字孪生场景描述超过300字。",
        defects=[defect("WORD_LIMIT_EXCEEDED", "error", "越纺-举证材料.pdf", "1.3 a) 数字孪生 场景描述",
                        "不超过300字", f"约{n13a}字", "提供场景描述（不超过 300 字）和应用视频、图片资料")],
        narratives=[narr("越纺-举证材料.pdf", ["1.3a", "1.3c", "1.3d", "3.2.2", "3.5"])]))

    # ---------------- zj07: stated 装备联网率 does not match the list --------------------------
    r = random.Random(707)
    co = COMPANIES[6]
    rows = make_equipment(r, 14, 4, 4)
    st = eq_stats(rows)
    co = dict(co, invest=f"{st['invest']:.1f}")
    stated = 95.2
    # also differs from a row-based count and from a count that includes software
    alt_sw = round((st["on"] + sum(x["qty"] for x in rows if x["l1"] != "智能制造装备")) /
                   (st["total"] + sum(x["qty"] for x in rows if x["l1"] != "智能制造装备")) * 100, 1)
    assert abs(stated - st["rate"]) > 5 and abs(stated - st["row_rate"]) > 5 and abs(stated - alt_sw) > 3, (st, alt_sw)
    name = "zj07_临芯精密电子"
    dd = out_dir / name
    dd.mkdir(exist_ok=True)
    keys = ["1.1", "1.3c", "1.3d", "3.2.3", "3.3.3"]
    secs = sections_for(co, keys, r)
    for k, v in secs.items():
        check_range(k, v)
    secs = dict(list(secs.items())[:3] + [("1.3e", [
        f"公司持续推进装备数字化改造，SMT、封装、测试车间的贴片机、固晶机、键合机和测试分选机均已通过SECS/GEM或边缘网关接入MES和工业互联网平台，截至2024年4月底，装备联网率达到{stated}%，详见设备清单。"])]
        + list(secs.items())[3:])
    docx_compilation(dd / "临芯_未来工厂举证.docx", co, secs, st, r, rate=stated,
                     shots={"1.3c": [("图1 工业互联网平台设备接入界面", screenshot("临芯智造平台", "设备接入与点位", r))]})
    write_eq_xlsx(dd / "附件-设备清单.xlsx", co, rows, st)
    dossiers.append(dict(
        name=name, as_of="2024-05-31", clean=False,
        description="Word举证材料（两列关键指标表+正文）与设备清单XLSX；声称的装备联网率与清单计算结果不符。",
        defects=[defect("CALCULATION_MISMATCH", "error", "临芯_未来工厂举证.docx", "1.3 e) 装备联网率",
                        f"按设备清单：{st['on']}/{st['total']}×100%={st['rate']:.1f}%",
                        f"{stated}%（关键指标表与1.3 e)正文）", Q_RATE)],
        narratives=[narr("临芯_未来工厂举证.docx", ["1.1", "1.3c", "1.3d", "1.3e", "3.2.3", "3.3.3"])]))

    # ---------------- zj08: 投入 mismatch + 联网率 differs between cover and narrative -----------
    r = random.Random(808)
    co = COMPANIES[7]
    rows = make_equipment(r, 12, 3, 4)
    st = eq_stats(rows)
    inv_stated = round(st["invest"] + 412.6, 1)
    co = dict(co, invest=f"{inv_stated:.1f}")
    it_table = co["it"] + 17
    name = "zj08_锐驰工具"
    dd = out_dir / name
    dd.mkdir(exist_ok=True)
    keys = ["1.1", "1.3a", "3.2.1", "3.2.4", "3.3.1L"]
    secs = sections_for(co, keys, r)
    for k, v in secs.items():
        check_range(k, v)
    secs = dict(list(secs.items())[:2] + [("1.3e", [rate_prose(co, st, None, "2024年2月底")])] + list(secs.items())[2:])

    def story(s, b, h, t, c):
        s.append(Paragraph(f"{co['name']}未来工厂评价举证材料", t))
        s.append(Paragraph("一、关键指标", h))
        tbl = Table([[k, v] for k, v in keyfig_pairs(co, st, invest=inv_stated, it=it_table)], colWidths=[6 * cm, 10 * cm])
        tbl.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "wqy"), ("FONTSIZE", (0, 0), (-1, -1), 9.5),
                                 ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
        s.append(tbl)
        s.append(Paragraph("二、指标举证", h))
        for k, paras in secs.items():
            s.append(Paragraph(heading_text(k), h))
            for para in paras:
                s.append(Paragraph(para, b))
            if k == "3.2.1":
                s.append(rl_img(screenshot("锐驰APS", "总装车间日计划", r), 13))
                s.append(Paragraph("图2 APS排产界面截图", c))
    write_pdf(dd / "锐驰举证材料.pdf", story)
    write_eq_xlsx(dd / "设备系统购置情况一览表.xlsx", co, rows, st, units=True)
    dossiers.append(dict(
        name=name, as_of="2024-03-29", clean=False,
        description="文字版PDF（关键指标为两列小表）+带单位的设备清单XLSX；申报的智能制造投入与清单合计不符，且关键指标表中的智能制造相关人员数与1.1正文不一致。",
        defects=[defect("CALCULATION_MISMATCH", "error", "锐驰举证材料.pdf", "1.1 d) 智能制造软硬件累计投入",
                        f"按设备系统购置情况一览表 Σ单价×台套数={st['invest']:.1f}万元",
                        f"{inv_stated:.1f}万元（关键指标表及1.1正文）", Q_INV),
                 defect("INCONSISTENT_VALUE", "error", "锐驰举证材料.pdf", "1.1 b) 负责智能制造相关工作的人员数",
                        f"{co['it']}人（1.1 支撑保障条件正文）", f"{it_table}人（关键指标表）",
                        "b) 企业具备 IT 基础、数据分析、数据安全、信息安全等……负责智能制造相关工作的人员数 …… 1)工厂本级企业负责智能制造相关工作的人员数。")],
        narratives=[narr("锐驰举证材料.pdf", ["1.1", "1.3a", "1.3e", "3.2.1", "3.2.4", "3.3.1L"])]))

    # ---------------- zj09: promised screenshot missing + claimed 3.2.5 without description -----
    r = random.Random(909)
    co = COMPANIES[8]
    rows = make_equipment(r, 12, 2, 5)
    st = eq_stats(rows)
    co = dict(co, invest=f"{st['invest']:.1f}")
    name = "zj09_瓯江阀门"
    dd = out_dir / name
    (dd / "截图").mkdir(parents=True, exist_ok=True)
    keys = ["3.1.2", "3.2.1", "3.2.2", "3.3.1s"]
    secs = sections_for(co, keys, r)
    for k, v in secs.items():
        check_range(k, v)
    secs["3.2.1"] = secs["3.2.1"] + ["APS排产界面截图见附件“截图/3-2-1APS排产界面.png”，MES生产执行界面截图见附件“截图/3-2-2MES生产执行.png”。"]
    secs["3.2.2"] = secs["3.2.2"] + ["下一步，公司计划于2025年建设设备远程运维平台，与阀门执行器制造商实现数据互联。"]
    check_range("3.2.1", secs["3.2.1"])
    check_range("3.2.2", secs["3.2.2"])
    d = new_doc()
    p = d.add_paragraph()
    rr = p.add_run(f"{co['name']}\n“未来工厂”评价举证材料")
    rr.bold = True
    rr.font.size = Pt(16)
    p.alignment = 1
    plain_head(d, "一、自评指标一览")
    t = d.add_table(rows=1, cols=4)
    t.style = "Table Grid"
    for i, hh in enumerate(["指标编号", "指标名称", "是否申报", "举证材料位置"]):
        t.rows[0].cells[i].text = hh
    listing = [("3.1.2", "工艺设计", "√", "本文二、(一)"), ("3.2.1", "计划调度", "√", "本文二、(二)"),
               ("3.2.2", "生产执行", "√", "本文二、(三)"), ("3.2.5", "设备运维", "√", "本文二、(四)"),
               ("3.3.1", "生产安全", "√", "本文二、(五)"), ("3.3.2", "作业安全", "不申报", "—"),
               ("1.3 e)", "装备联网率", "√", "设备清单.xlsx")]
    for row in listing:
        cells = t.add_row().cells
        for i, v in enumerate(row):
            cells[i].text = v
    plain_head(d, "二、指标举证")
    order = [("（一）", "3.1.2"), ("（二）", "3.2.1"), ("（三）", "3.2.2"), ("（五）", "3.3.1s")]
    for lab, k in order:
        plain_head(d, f"{lab}{heading_text(k)}")
        for x in secs[k]:
            body(d, x)
    plain_head(d, "三、关键指标")
    body(d, f"公司智能制造软硬件累计投入{st['invest']:.1f}万元。" + rate_prose(co, st))
    save_ooxml(d, dd / "瓯江阀门-举证材料.docx")
    screenshot("瓯江MES", "装配试压车间工单执行", r).save(dd / "截图" / "3-2-2MES生产执行.png", optimize=True)
    write_eq_xlsx(dd / "设备清单.xlsx", co, rows, st, note="注：装备联网率按智能制造装备台套数计算。")
    dossiers.append(dict(
        name=name, as_of="2024-08-16", clean=False,
        description="Word举证材料（含自评指标一览表、编号普通段落标题）+截图文件夹+设备清单XLSX；正文所称APS排产界面截图缺失；一览表勾选申报3.2.5设备运维却没有任何说明。",
        defects=[defect("MISSING_ATTACHMENT", "warning", None, "3.2.1 计划调度 排产界面截图",
                        "截图/3-2-1APS排产界面.png（正文中声明随附）", "截图文件夹中只有3-2-2MES生产执行.png",
                        "b) 采用 APS 等生产计划排产系统或平台…… * 提供实际业务场景操作界面录屏 CVR 和软件名称"),
                 defect("MISSING_EVIDENCE", "error", "瓯江阀门-举证材料.docx", "3.2.5 设备运维",
                        "800-1000字简明文字说明及系统界面截图", "一览表标“√”申报并指向“本文二、(四)”，正文无（四），无任何说明",
                        "3.2.5 智能化生产 设备运维 …… 800-1000 字简明文字说明")],
        narratives=[narr("瓯江阀门-举证材料.docx", ["3.1.2", "3.2.1", "3.2.2", "3.3.1s", "1.3e"], ["3.2.5"])]))

    # ---------------- zj10: equipment list missing + 3.5 over 1500 字 --------------------------
    r = random.Random(1010)
    co = COMPANIES[9]
    rows = make_equipment(r, 11, 2, 3)
    st = eq_stats(rows)
    co = dict(co, invest=f"{st['invest']:.1f}")
    name = "zj10_青禾竹木"
    dd = out_dir / name
    dd.mkdir(exist_ok=True)
    keys = ["1.1", "1.3d", "3.2.2", "3.2.4"]
    secs = sections_for(co, keys, r)
    for k, v in secs.items():
        check_range(k, v)
    g = build_section("3.5", co, 1500, r)
    extra = ["公司竹材加工产生的竹屑、竹粉全部进入生物质锅炉作为燃料，锅炉蒸汽供涂装车间烘干使用，年替代标准煤约1200吨。",
             "涂装车间全面采用水性漆和UV固化工艺，VOCs排放浓度稳定低于地方排放标准限值，废气处理设施运行数据实时上传至生态环境部门监控平台。",
             "公司对竹材供应商推行绿色采购标准，要求供应商提供FSC或同等森林认证，并将碳排放信息纳入供应商评价。",
             "产品设计阶段引入生命周期评价方法，对主要产品开展碳足迹核算，并在包装上使用可回收纸浆模塑替代泡沫塑料。",
             "开料车间的边角余料经指接、拼板后用于小件产品生产，竹材综合利用率由原来的约45%提升至约70%。",
             "成型车间的热压机原先采用导热油炉加热，2023年改造为电磁加热并加装保温层，热压工序单位产品能耗下降约18%，同时消除了导热油泄漏的安全隐患。",
             "公司对空压站实施集中控制改造，根据用气量自动调整空压机运行台数和压力设定值，并回收空压机余热用于员工浴室热水供应，年节约用电约26万千瓦时。",
             "厂区实施雨污分流，生产废水经处理后部分回用于喷淋除尘和厂区绿化，雨水收集池收集的雨水用于竹材浸泡工序，全年节约新鲜水约1.8万吨。",
             "公司还积极参与丽水市竹产业链绿色低碳发展联盟，与上游竹材加工合作社共享能耗和碳排放数据，联合开展竹材初加工环节的节能改造，带动合作社降低单位能耗。",
             "在绿色产品方面，公司开发的无醛胶合竹板系列产品通过绿色产品认证，产品甲醛释放量远低于国家标准限值，已成为公司出口欧洲市场的主力产品之一。"]
    g = g + extra
    n35 = wcount("".join(g))
    assert n35 > 1580, n35
    secs = dict(list(secs.items()) + [("3.5", g), ("1.3e", rate_section(co, st))])
    docx_compilation(dd / "青禾-未来工厂评价材料.docx", co, secs, st, r,
                     shots={"3.2.4": [("图1 WMS仓储管理系统界面", screenshot("青禾WMS", "成品库存与出库", r))]})
    dossiers.append(dict(
        name=name, as_of="2024-09-10", clean=False,
        description="单个Word汇编；声称了装备联网率和智能制造投入但没有附设备系统购置情况一览表（采购清单）；3.5绿色化制造说明超过1500字。",
        defects=[defect("MISSING_ATTACHMENT", "error", None, "附录2 企业设备系统购置情况一览表（设备清单/采购清单）",
                        "随材料提供设备清单", "材料中只有一份Word，无设备清单",
                        "e) 企业的装备联网率达到较高水平。…… 提供设备清单；未来工厂建设过程中，智能制造软硬件累计投入。企业提供采购清单"),
                 defect("WORD_LIMIT_EXCEEDED", "error", "青禾-未来工厂评价材料.docx", "3.5 绿色化制造 简明文字说明",
                        "1000-1500字", f"约{n35}字", "3.5 绿色化制造 …… 1000-1500 字简明文字说明")],
        narratives=[narr("青禾-未来工厂评价材料.docx", ["1.1", "1.3d", "3.2.2", "3.2.4", "3.5", "1.3e"])]))

    labels = {"writer": WRITER, "program": PROGRAM, "dossiers": dossiers}
    (out_dir / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    generate(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "out"))
