# -*- coding: utf-8 -*-
"""Blind corpus generator, writer zj_a, programme zj-future-factory
(浙江省“未来工厂”评价指数（试行版）, seed 002; terminology from seed 004 建设导则).

Style: a factory writes ONE long 举证材料 DOCX with Word heading styles per indicator,
figures stated in prose, 附录2 设备系统购置情况一览表 as XLSX (merged two-row header,
合计 row), screenshots drawn with Pillow and pasted into the DOCX (a few attached as PNG).

Deterministic: every random generator is seeded; no current time in file contents.
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

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (Image as RLImage, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)

FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
WRITER = "zj_a"
PROGRAM = "zj-future-factory"

FIXED_ZIP_TIME = (2024, 3, 15, 9, 0, 0)


def normalize_ooxml(path, stamp="2024-03-15T09:00:00Z"):
    """Make a saved DOCX/XLSX byte-for-byte deterministic: fixed member timestamps and
    fixed dcterms:created/modified (python-docx/openpyxl otherwise write the current time)."""
    path = pathlib.Path(path)
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            if name == "docProps/core.xml":
                t = data.decode("utf-8")
                t = re.sub(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", r"\g<1>" + stamp + r"\2", t)
                data = t.encode("utf-8")
            zi = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)
    path.write_bytes(buf.getvalue())


# ---------------------------------------------------------------- identifiers
USCC_ALPHA = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc(body17):
    s = sum(USCC_ALPHA.index(c) * w for c, w in zip(body17, USCC_W))
    return body17 + USCC_ALPHA[(31 - s % 31) % 31]


# ---------------------------------------------------------------- Word 字数
def word_count(text):
    """Count like Microsoft Word 字数 (domain-facts.md): each CJK char / full-width
    punctuation = 1; each run of half-width letters+digits = 1; each run of
    half-width symbols = 1; whitespace = 0."""
    n = 0
    prev = None  # 'a' alnum run, 's' symbol run
    for ch in text:
        o = ord(ch)
        if ch.isspace():
            prev = None
            continue
        if o < 128:
            kind = "a" if ch.isalnum() else "s"
            if kind != prev:
                n += 1
            prev = kind
        else:
            n += 1
            prev = None
    return n


# ---------------------------------------------------------------- indicators
# key -> (seed id, seed name, (min,max) or None, evidence words quoted from seed)
IND = {
    "1.1": ("1.1", "支撑保障条件", None, "企业提供佐证材料；企业提供采购清单"),
    "1.2": ("1.2", "数字化生态组织", None, "企业提供制度规范及执行情况的佐证"),
    "1.3a": ("1.3", "新一代信息技术", (0, 300), "提供场景描述（不超过 300 字）和应用视频、图片资料"),
    "1.3b": ("1.3", "新一代信息技术", (0, 300), "提供场景描述（不超过 300 字）和应用视频、图片资料"),
    "1.3c": ("1.3", "新一代信息技术", (0, 300), "提供场景描述（不超过 300 字）和应用视频、图片资料"),
    "1.3d": ("1.3", "新一代信息技术", (0, 500), "提供场景描述（不超过 500 字）和应用视频、图片资料"),
    "1.3e": ("1.3", "新一代信息技术", None, "装备联网率=接入系统或平台的装备总数/装备总数×100%　提供设备清单"),
    "2.1.1": ("2.1.1", "模块化设计", (1000, 1500), "1000-1500 字简明文字说明"),
    "2.2.1": ("2.2.1", "研发设计协同", (800, None), "提供协同平台及协同业务描述(不少于 800 字)和平台业务界面截图、实例视频或动图"),
    "2.2.2": ("2.2.2", "供应链协同", None, "*"),
    "2.2.3": ("2.2.3", "生产协同", (800, None), "提供协同平台描述(不少于800字)和平台业务界面截图、实例"),
    "2.3.1": ("2.2.1", "产品生命周期服务延伸", (800, None), "提供平台描述（不少于800字）和平台业务界面截图、实例"),
    "3.1.1": ("3.1.1", "产品研发与设计", (800, 1000), "800-1000 字简明文字说明"),
    "3.1.2": ("3.1.2", "工艺设计", (500, 800), "500-800 字简明文字说明"),
    "3.1.3": ("3.1.3", "试验设计", (500, 800), "500-800 字简明文字说明"),
    "3.2.1": ("3.2.1", "计划调度", (1000, 1500), "1000-1500 字简明文字说明"),
    "3.2.2": ("3.2.2", "生产执行", (1000, 1500), "1000-1500 字简明文字说明"),
    "3.2.3": ("3.2.3", "质量管控", (1000, 1500), "1000-1500 字简明文字说明"),
    "3.2.4": ("3.2.4", "物流配送", (800, 1000), "800-1000 字简明文字说明"),
    "3.2.5": ("3.2.5", "设备运维", (800, 1000), "800-1000 字简明文字说明"),
    "3.3.1s": ("3.3.1", "生产安全", (500, 800), "500-800 字简明文字说明"),
    "3.3.2s": ("3.3.2", "作业安全", (500, 800), "500-800 字简明文字说明"),
    "3.3.3s": ("3.3.3", "信息安全", (500, 800), "500-800 字简明文字说明"),
    "3.4.1": ("3.3.1", "精益制造", (1000, 1500), "1000-1500 字简明文字说明"),
    "3.4.2": ("3.3.2", "精准服务", (800, 1000), "800-1000 字简明文字说明"),
    "3.4.3": ("3.3.3", "风险防控", (500, 800), "500-800 字简明文字说明"),
    "3.4.4": ("3.3.4", "智能决策", (500, 800), "500-800 字简明文字说明"),
    "3.5": ("3.5", "绿色化制造", (1000, 1500), "1000-1500 字简明文字说明"),
    "4.1": ("4.1", "“未来工厂”综合展示", None, "提供佐证材料"),
    "4.2": ("4.2", "典型场景应用示范", None, "提供佐证材料"),
}

# heading text as the applicant writes it (seed numbering unless renumbered)
SUBHEAD = {
    "1.3a": "a）数字孪生技术应用场景描述",
    "1.3b": "b）人工智能技术应用场景描述",
    "1.3c": "c）工业互联网平台应用场景描述",
    "1.3d": "d）工业网络（5G）组网场景描述",
    "1.3e": "e）装备联网情况",
}

# --------------------------------------------------------------- text pools
# core: specific sentences; tri: (场景, 措施, 效果); met: (指标, 单位, lo, hi, up?)
POOL = {
"1.3a": dict(core=[
 "{co}以{line}为对象，基于三维建模软件和{mes}实时数据，构建了与物理产线几何一致、逻辑一致的数字孪生虚拟产线。",
 "虚拟产线通过OPC UA接口每秒刷新设备状态、节拍和在制品位置，实现物理空间与虚拟空间的数据可视化。",
 "工艺人员可在虚拟产线中调整工位节拍和缓存数量，经仿真验证后一键下发到现场PLC，实现以虚控实。",
 "新产品导入前，先在虚拟产线中完成产能和瓶颈仿真，产线调试周期明显缩短。"],
 tri=[("生产异常", "孪生模型自动高亮异常工位并联动安灯系统", "异常响应时间缩短到五分钟以内"),
      ("换型调试", "在虚拟空间预演换型步骤", "现场换型时间减少约三成")],
 met=[("产线调试周期", "天", 45, 28, False)]),
"1.3b": dict(core=[
 "{co}在{line}末端部署了基于深度学习的外观缺陷视觉检测系统，替代原来人工目检这一重复性强、劳动强度大的岗位。",
 "系统采集高清图像后由边缘服务器完成推理，识别划伤、压痕、缺料等十二类缺陷，检测结果实时回传{mes}。",
 "模型由企业质量工程师与解决方案供应商共同训练，已累计标注样本四万余张，并按月迭代。"],
 tri=[("质量检测", "用AI视觉替代人工目检", "每班减少检验人员四名"),
      ("缺陷分类", "模型自动对缺陷进行分类统计并推送质量工程师", "缺陷原因分析效率提高")],
 met=[("缺陷漏检率", "%", 1.8, 0.3, False)]),
"1.3c": dict(core=[
 "{co}建成企业级工业互联网平台“{plat}”，接入全厂数控设备、机器人、检测设备及能源计量仪表。",
 "平台汇聚设备运行、生产运营和质量数据，提供设备OEE分析、能耗分析和生产看板等工业APP。",
 "基于平台数据，生产部每周开展设备运行优化和生产运营优化分析，形成数据驱动的智能化闭环。"],
 tri=[("设备运行优化", "依据平台OEE分析优化设备运行参数和生产节拍", "关键设备OEE持续提升"),
      ("用户交互", "向重点客户开放订单进度查询", "客户催单电话明显减少")],
 met=[("关键设备OEE", "%", 68, 81, True)]),
"1.3d": dict(core=[
 "{co}编制了工厂网络架构总体设计方案，核心层采用双机热备，汇聚层和接入层实施链路冗余设计，关键节点可平滑扩容。",
 "有线网络覆盖生产、检验、仓储和物流区域，办公区域和公共区域实现无线网络全覆盖，满足生产运行和管理通信要求。",
 "公司与运营商合作建设5G行业虚拟专网，在机加工车间和立体仓库部署5G基站，承载AGV调度、视频监控和移动终端业务。",
 "生产网与办公网之间部署工业防火墙实现数据隔离，网管系统对全网设备进行可管、可视的统一监控。"],
 tri=[("AGV调度", "通过5G专网下发调度指令", "端到端时延稳定在二十毫秒以内"),
      ("视频质检", "利用5G大带宽回传高清视频", "实现远程质检和远程专家指导"),
      ("移动报工", "操作工使用5G手持终端扫码报工", "报工数据实时上传MES")],
 met=[("生产区域无线覆盖率", "%", 60, 100, True)]),
"2.1.1": dict(core=[
 "{co}围绕{prod}产品族开展模块化设计，将产品分解为驱动、传动、壳体、控制和附件五大模块平台。",
 "公司建立了需求信息平台和定制服务小程序，客户可在线选择模块组合和参数，系统自动适配基础模型并实时给出价格和交期。",
 "在{plm}中建立了模块和部件的三维数字模型，模块之间的依赖、排斥和代用关系以配置规则的形式维护，保证了模块的独立性、通用性和互换性。",
 "公司建立了产品设计标准库和参数化模型库，设计人员输入客户参数后，由参数化修改引擎自动驱动模型变型，生成图纸和BOM。",
 "公司编制了产品基本参数系列和产品系列化型谱，合理简化品种、扩大通用范围。",
 "在装配环节，公司基于系列化和部件通用化开展制造过程聚类分析，优化装配序列，实现快速换装和混流生产。"],
 tri=[("需求获取", "通过小程序采集客户个性化参数", "客户需求识别准确率明显提高"),
      ("方案设计", "调用参数化模型库自动生成设计方案", "非标设计工作量大幅下降"),
      ("报价", "系统根据模块组合自动计算价格", "报价周期由两天缩短为实时"),
      ("模块管理", "对模块实施编码管理和版本管理", "模块复用率逐年提升"),
      ("虚拟产品库", "建立虚拟产品库并开展虚拟验证", "缩短了产品和工装的设计周期"),
      ("产线仿真", "对装配线进行动态仿真和节拍分析", "产线平衡率明显改善"),
      ("备件管理", "提高系列部件通用化程度", "备品配件储备量减少"),
      ("混流生产", "按模块组织混线装配", "多品种小批量订单交付更加及时")],
 met=[("系列化产品数占总产品数的比例", "%", 52, 78, True), ("通用部件数占总零部件数的比例", "%", 35, 61, True),
      ("定制订单设计周期", "天", 7, 2, False)]),
"2.2.1": dict(core=[
 "{co}建立了基于云架构的协同设计平台，集成CAD、PDM、CAE、CAPP和CAM等设计工具，实现企业间和企业部门间的协同设计。",
 "平台与主要客户和关键零部件供应商的设计系统打通，双方可在同一项目空间中共享模型、标准和设计变更。",
 "产品设计与工艺设计在平台上交互协同，工艺人员在设计阶段即可对模型进行可制造性评审。",
 "平台整合了企业计算资源、软件资源和数据资源，仿真工程师可远程提交CAE计算任务，实现异地协同和并行设计开发。",
 "针对复杂产品，公司组织结构、电气、热管理等多个专业在平台上开展多学科优化、性能分析和虚拟验证。"],
 tri=[("联合开发", "与客户共建项目空间协同设计", "新品开发周期缩短"),
      ("设计变更", "通过平台发布变更通知并自动推送相关方", "变更执行差错明显减少"),
      ("仿真计算", "统一调度高性能计算资源", "仿真等待时间大幅缩短"),
      ("知识共享", "将设计规范和典型案例沉淀到平台知识库", "新员工上手时间缩短"),
      ("异地协同", "杭州研发中心与生产基地同步评审模型", "设计评审效率提高"),
      ("供应商协同", "向供应商开放零部件接口模型", "零部件一次匹配率提升")],
 met=[("新产品开发周期", "个月", 14, 9, False), ("设计变更处理周期", "天", 6, 2, False)]),
"2.2.3": dict(core=[
 "{co}建立了生产协同平台，深度集成生产执行、物料供给、产线设备状态、人力配置和工艺技术等制造资源数据。",
 "平台连接本部工厂和两个外协加工基地，各基地的生产计划、在制品和设备状态在平台上统一展示。",
 "对于复杂产品，平台将总装计划自动分解为各基地的部件生产计划，实现由串行制造向并行制造转变。",
 "当客户需求或产品工艺发生变更时，平台自动评估影响范围，重新分配制造资源并推送变更任务。"],
 tri=[("计划协同", "由平台统一下达各基地部件计划", "部件齐套率显著提高"),
      ("物料协同", "共享各基地库存与在途信息", "紧急调料次数减少"),
      ("产能协同", "根据各基地设备负荷动态分配订单", "设备负荷更加均衡"),
      ("工艺协同", "工艺变更通过平台同步下发外协基地", "外协质量问题减少"),
      ("人力协同", "按平台预测提前调配技能人员", "高峰期加班时间减少")],
 met=[("部件齐套率", "%", 82, 96, True), ("订单准时交付率", "%", 88, 97, True)]),
"2.3.1": dict(core=[
 "{co}建立了{prod}远程运维服务平台，已接入在用客户设备一千余台，实时采集设备状态、工况和运行参数。",
 "平台基于机理模型与数据模型相结合的混合模型，为设备健康度评价、故障预警和维保建议提供模型基础。",
 "服务工程师通过平台查看设备运行曲线，结合故障诊断和排除模型，以图文方式引导用户排查和消除故障。",
 "公司依托平台向客户提供设备健康管理、预测性维护和远程升级等增值服务，服务收入逐年增长。"],
 tri=[("故障预警", "根据振动和温度趋势提前推送预警", "客户非计划停机减少"),
      ("维保建议", "按设备实际运行小时数生成保养建议", "客户维保成本下降"),
      ("远程诊断", "工程师远程登录平台分析故障代码", "上门服务次数减少"),
      ("AR指导", "通过AR眼镜远程指导现场人员", "一次修复率提高"),
      ("备件服务", "根据预测模型提前备货", "备件交付周期缩短")],
 met=[("客户设备平均故障修复时间", "小时", 36, 12, False), ("服务收入占比", "%", 4.2, 9.6, True)]),
"3.1.1": dict(core=[
 "{co}全面应用三维CAD、CAE、CAPP和CAM等产品设计工具，新产品全部实现三维设计。",
 "公司实施了{plm}，上线项目管理、文档管理、BOM管理和变更管理等主要模块，实现研发设计管理和产品全生命周期管理。",
 "公司按照IPD研发管理体系组织产品开发，并通过PLM系统固化评审节点，实现研发管理体系与信息系统的融合。",
 "公司已完成主导产品系列的MBD模型，模型包含结构、尺寸、公差、属性和性能等数据信息，并在设计、制造和服务环节共享。",
 "公司建立了设计标准库和设计知识库，辅助工程师快速开展产品研发设计。"],
 tri=[("三维设计", "统一三维设计模板和建模规范", "图纸差错率下降"),
      ("仿真分析", "在设计阶段开展强度和模态仿真", "样机试制次数减少"),
      ("BOM管理", "由PLM自动生成设计BOM并传递ERP", "BOM准确率提高"),
      ("设计复用", "通过知识库检索相似零件", "零件复用率提高"),
      ("协同评审", "跨部门在线评审三维模型", "评审周期缩短")],
 met=[("新产品研发周期", "个月", 12, 8, False), ("零件复用率", "%", 38, 57, True)]),
"3.1.2": dict(core=[
 "{co}建立了工艺知识库，并与CAPP和{plm}集成，工艺人员编制工艺时可直接调用典型工艺和工时定额。",
 "公司构建了设备级和产线级工艺机理模型库，对关键工序的切削参数和装配参数进行建模分析。",
 "公司采集生产和检测数据，结合工艺机理模型开展工艺验证和仿真，实现工艺参数的动态优化。"],
 tri=[("工艺编制", "调用知识库中的典型工艺模板", "工艺编制效率提高"),
      ("参数优化", "根据检测数据回溯优化切削参数", "关键尺寸合格率提升"),
      ("工艺验证", "在三维环境中预先验证装配工艺", "现场返工减少")],
 met=[("工艺编制周期", "天", 5, 2, False)]),
"3.1.3": dict(core=[
 "{co}建立了主导产品的三维数字化虚拟样机，在虚拟样机上开展结构、装配、功能和性能的仿真测试。",
 "公司建立了试验验证模型，将台架试验数据与仿真结果进行对比，持续提升产品与模型的匹配度。",
 "通过虚拟试验，公司减少了实物样机数量，实现了产品设计的快速验证和优化迭代。"],
 tri=[("虚拟装配", "在虚拟样机上检查干涉和装配顺序", "试装问题提前暴露"),
      ("性能仿真", "开展热仿真和疲劳仿真", "台架试验一次通过率提高")],
 met=[("实物样机数量", "台", 5, 2, False)]),
"3.2.1": dict(core=[
 "{co}实施应用{erp}和{mes}，包含销售、采购、生产计划和仓储管理等关键业务模块，销售订单、生产订单和采购订单在系统中自动关联。",
 "公司上线了{aps}高级计划排程系统，以订单交期、设备产能、模具和物料齐套等为约束，实现基于多约束的自动排程。",
 "APS生成主生产计划后，进一步分解为车间级、产线级的周计划和日计划，以及工位级的作业计划，并同步生成物料需求计划。",
 "计划员可根据市场需求、安全库存和制造过程等因素，对排程结果进行对比分析和优化。",
 "公司建立了数据采集和业务可视化平台，动态获取生产实时信息，对计划执行进度进行跟踪、统计分析和预警。",
 "当出现紧急插单、设备故障或交期变更时，系统根据实时状态自动调整计划，并给出对后续订单的影响评估。"],
 tri=[("订单评审", "由APS模拟排程给出可承诺交期", "交期答复由三天缩短为两小时"),
      ("物料计划", "根据排程结果自动生成采购建议", "原材料库存周转加快"),
      ("插单处理", "对插单进行多方案模拟比较", "插单对在制订单的影响明显降低"),
      ("设备故障", "自动将故障设备上的任务转移到同类设备", "停线等待时间减少"),
      ("计划执行跟踪", "按小时比对计划与实绩", "计划达成率持续提升"),
      ("模具约束", "把模具寿命和换模时间纳入排程约束", "换模次数减少"),
      ("产销协同", "销售计划与生产计划滚动协同", "成品库存下降"),
      ("外协计划", "外协工序与自制工序统一排程", "外协件到货更加准时")],
 met=[("计划达成率", "%", 86, 97, True), ("订单准时交付率", "%", 90, 98, True), ("计划编制时间", "小时", 6, 0.5, False),
      ("在制品库存", "万元", 1260, 780, False)]),
"3.2.2": dict(core=[
 "{co}以{mes}为核心，实现工艺规程、作业指导书和检验标准等作业文件与作业环节的自动关联。",
 "MES与数控设备和机器人控制系统集成，在安全可控的条件下自动下发NC程序和运行参数，操作工扫码即可调用。",
 "公司建立了计划执行、质量分析和设备OEE等生产过程数据分析模型，对生产过程实现动态监测、分析和警示。",
 "公司建立了产线级和车间级数字孪生模型，对生产过程进行动态仿真、分析和优化。",
 "在装配工位，公司应用AR眼镜展示三维装配指导，辅助操作人员完成复杂装配。",
 "公司基于物料拉动和配送需求建立数据模型，对生产执行、物流装备和库区设置等资源进行动态调度。"],
 tri=[("作业文件下发", "取消纸质图纸和作业指导书", "文件版本错误彻底消除"),
      ("程序下发", "由MES自动下发经审核的NC程序", "程序调用错误为零"),
      ("异常管理", "设置安灯系统并与MES联动", "异常响应时间缩短"),
      ("绩效分析", "按班组自动统计产量和效率", "绩效考核更加客观"),
      ("过程监控", "在车间大屏展示工单进度和设备状态", "管理人员可实时掌握现场情况"),
      ("追溯", "记录每件产品的工序、人员和参数", "实现单件级追溯"),
      ("辅助操作", "用AR指导新员工装配", "新员工培训周期缩短"),
      ("资源调度", "根据工位缺料信号动态调度AGV", "工位等料时间减少")],
 met=[("人均产值", "万元", 118, 165, True), ("生产效率", "%", 0, 23, True), ("设备综合效率OEE", "%", 66, 79, True),
      ("产品制造周期", "天", 9, 6, False)]),
"3.2.3": dict(core=[
 "{co}在关键工序部署了基于图像识别和AI算法的在线检测设备，实现产品外观和关键尺寸的动态实时在线监测。",
 "公司在焊接工序采用X射线检测和红外热成像技术，提升了质量的在线检测和分析能力。",
 "公司应用LIMS系统开展原材料、过程和成品检验数据的采集和可视化监控，并与质量管理系统集成。",
 "公司实施SPC统计过程控制，对关键质量特性进行控制图分析和过程能力分析，并应用质量大数据建立预测模型。",
 "公司建立了质量控制模型，对质量异常进行跟踪和预警，通过质量分析反馈优化设备和工艺参数，实现质量的闭环控制。",
 "公司建立了产品制造全流程质量数据库，通过系统实现从来料到最终交付的批次追溯。"],
 tri=[("来料检验", "由LIMS自动判定并推送检验结果", "来料检验周期缩短"),
      ("过程检验", "在线测量数据实时进入SPC系统", "过程异常可在首件阶段发现"),
      ("成品检验", "AI视觉自动判定外观缺陷", "外观漏检明显减少"),
      ("质量追溯", "扫描产品二维码查询全过程数据", "追溯时间由数小时缩短至数分钟"),
      ("质量改进", "利用大数据分析不良原因", "重复性质量问题减少"),
      ("供应商质量", "向供应商开放来料质量数据", "供应商来料合格率提高"),
      ("客户投诉", "投诉信息关联批次质量数据", "投诉处理周期缩短"),
      ("参数闭环", "质量偏差自动触发工艺参数调整", "过程能力指数提升")],
 met=[("产品一次交检合格率", "%", 97.1, 99.3, True), ("质量损失率", "%", 1.6, 0.7, False),
      ("关键特性CPK", "", 1.12, 1.48, True), ("客户投诉次数", "次", 46, 17, False)]),
"3.2.4": dict(core=[
 "{co}通过{erp}、{mes}和{wms}的集成应用，实现生产、仓储配送和运输管理多系统的集成。",
 "公司建设了自动化立体仓库，配置堆垛机、输送线和AGV，物料出入库、存储和配送全程由系统调度。",
 "WMS根据MES工单进度和工位物料消耗自动生成配送任务，实时拉动物料配送。",
 "公司建立物流模型，对配送路径和配送批量进行优化，实现JIT准时配送。",
 "成品发运环节接入第三方物流平台，对运输轨迹、时间和数量异常进行报警。"],
 tri=[("入库", "来料扫码后自动分配库位", "入库效率提高"),
      ("拣选", "采用灯光拣选和RFID校验", "拣选差错率下降"),
      ("配送", "AGV按节拍配送到线边", "物流用工减少"),
      ("库存", "系统动态分析呆滞和安全库存", "库存周转天数下降"),
      ("发运", "按订单自动生成装车方案", "车辆装载率提高")],
 met=[("库存周转天数", "天", 42, 27, False), ("物流配送人员", "人", 46, 21, False)]),
"3.2.5": dict(core=[
 "{co}建立了设备管理系统，涵盖设备档案、运行数据、维修记录和备品备件等信息，实现从设备采购到报废回收的全生命周期管理。",
 "点检、润滑、维修和备品备件管理全部实现数字化，维修人员使用移动终端接单和报工。",
 "公司对关键设备加装振动和温度传感器，基于设备运行数据和故障模型开展状态异常预警和预测性维护。",
 "公司与主要设备制造商通过设备运维平台实现数据互联，开展设备远程监控、远程诊断和预警。"],
 tri=[("点检", "按设备状态生成电子点检任务", "点检漏检现象消除"),
      ("维修", "故障报修自动派单", "平均修复时间缩短"),
      ("备件", "按消耗规律自动生成备件采购建议", "备件库存资金下降"),
      ("预测维护", "对主轴和丝杠建立健康度模型", "突发故障停机减少"),
      ("远程诊断", "设备厂商远程分析报警数据", "外请维修次数减少")],
 met=[("设备故障停机率", "%", 3.8, 1.4, False), ("平均故障修复时间", "小时", 5.5, 2.1, False)]),
"3.3.1s": dict(core=[
 "{co}建立了危险源台账和危险源管理信息系统，对全厂危险源进行动态分级管理，并与消防和视频等安全系统数据对接。",
 "公司已通过安全生产标准化二级企业评审，并上线安全生产管理信息系统，实现隐患排查、整改和验收的闭环管理。",
 "公司建立了消控中心与消控平台，与应急资源信息管理系统联动，实现应急预案的自动推送与预警。"],
 tri=[("隐患排查", "巡检人员通过手机上报隐患", "隐患整改闭环率达到百分之百"),
      ("危险源监控", "对危化品库温湿度和气体浓度在线监测", "异常情况及时报警"),
      ("应急演练", "在系统中组织线上线下结合的演练", "应急响应能力提升")],
 met=[("隐患整改平均周期", "天", 7, 2, False)]),
"3.3.2s": dict(core=[
 "{co}上线作业许可信息系统，动火、登高和受限空间等风险作业票全部实现线上签批。",
 "作业现场部署视频监控，系统对作业视频进行智能分析，识别未戴安全帽、未系安全带等不安全行为。",
 "公司在危险区域设置电子围栏并应用人员定位系统，人员越界时自动报警。"],
 tri=[("作业审批", "作业票线上流转和签批", "审批时间缩短"),
      ("行为预警", "AI识别不安全行为并语音提醒", "违章行为明显减少")],
 met=[("违章作业次数", "次/月", 23, 4, False)]),
"3.3.3s": dict(core=[
 "{co}参照等级保护要求建立了信息安全管理体系，对重要数据实施加密存储和隔离保护，并设置访问控制。",
 "公司拆除或封闭了工业主机上不必要的USB、光驱和无线接口，实现物理防护。",
 "关键业务数据每日增量备份、每周全量备份，并定期开展恢复演练。",
 "关键系统和平台采用多因素身份认证，新上线软件和补丁在离线环境中充分验证后再发布。",
 "在工业控制网络边界部署工业防火墙和网络安全监测设备，并部署信息安全审计平台开展行为审计分析。"],
 tri=[("终端防护", "工业主机统一安装白名单防护软件", "恶意软件感染事件为零"),
      ("漏洞管理", "每季度开展漏洞扫描并及时升级", "高危漏洞全部闭环"),
      ("配置变更", "重大配置变更须经审批和安全测试", "误操作导致的中断消除"),
      ("日志审计", "集中采集访问日志和操作日志", "异常访问可追溯")],
 met=[("数据备份成功率", "%", 96, 100, True)]),
"3.4.1": dict(core=[
 "{co}在{plm}、{mes}和{erp}中分别建立和管理设计BOM、工艺BOM、制造BOM、采购BOM和成本BOM，实现BOM数据在研发、生产、采购和销售服务全过程中的转换。",
 "通过BOM数据与业务活动的闭环，公司实现了对全业务流程的一体化驱动，产品研发和制造过程可视化、透明化。",
 "公司实现了SOP的数字化和无纸化，作业指导以图文和三维动画形式展示，并根据生产计划和工单自动分发到工位终端。",
 "公司建立了SOP与生产管理的持续改进机制，通过精益活动和数据分析不断提升现场管理水平。",
 "公司推行六西格玛和PDCA等精益管理工具，每年立项改善课题，对制造和业务数据进行统计分析和优化改进。",
 "公司持续对工艺流程、制造过程和物流等环节的瓶颈进行分析，应用仿真分析技术实现持续优化。"],
 tri=[("价值流分析", "绘制主导产品价值流图", "识别并消除了三处主要等待浪费"),
      ("快速换模", "推行SMED快速换模", "换模时间缩短一半以上"),
      ("5S管理", "通过可视化看板管理现场", "现场管理评分持续提升"),
      ("瓶颈改善", "对瓶颈工序开展节拍分析", "产线平衡率提高"),
      ("改善提案", "上线电子化改善提案平台", "员工提案数量逐年增加"),
      ("成本管控", "成本BOM与实际消耗自动对比", "材料成本差异可及时发现"),
      ("标准作业", "制定标准作业组合票", "作业一致性明显提高"),
      ("课题管理", "在系统中跟踪六西格玛课题进度", "改善收益可量化核算")],
 met=[("产线平衡率", "%", 71, 88, True), ("在制品数量", "件", 5400, 2900, False), ("改善提案数量", "条", 320, 1460, True),
      ("单位产品制造成本", "%", 0, 12, True)]),
"3.4.2": dict(core=[
 "{co}应用CRM客户关系管理系统和SRM供应商管理系统，并与{erp}集成，实现客户和供应商信息的共享和传递。",
 "公司基于历史订单、行为数据和市场情报，采用机器学习方法对重点客户进行精准画像，分析和预测客户需求。",
 "公司建立了客户服务诉求信息化平台，通过知识库和服务规则快速响应客户诉求，实现诉求处理全流程闭环。"],
 tri=[("客户画像", "按行业和采购习惯对客户分群", "营销活动更有针对性"),
      ("供应商管理", "在SRM中开展供应商绩效评价", "优质供应商占比提高"),
      ("诉求响应", "客户诉求自动派发到责任部门", "平均响应时间缩短"),
      ("需求预测", "根据画像预测客户补货需求", "提前备货避免缺货")],
 met=[("客户满意度", "分", 86, 94, True)]),
"3.4.3": dict(core=[
 "{co}识别了产业链上下游关键技术断链、供应断链和制造断链等风险，建立了断链预警机制。",
 "公司通过舆情跟踪、市场信息采集和大数据分析，对关键原材料价格和供应风险进行实时预警。",
 "公司针对自然灾害、重特大事故和贸易争端等突发风险编制了应急预案，并定期组织演练。"],
 tri=[("供应风险", "对单一来源物料开发备选供应商", "断供风险显著降低"),
      ("价格风险", "对大宗原材料设置价格预警线", "采购成本波动得到控制")],
 met=[("单一来源物料占比", "%", 18, 6, False)]),
"3.4.4": dict(core=[
 "{co}建立了工厂指挥中心，采购、计划、生产、仓储和销售等各业务环节的数据实时集成和互通。",
 "公司建立管理驾驶舱，覆盖研发、生产执行、质量管控、供应链和销售服务，形成基于角色的辅助决策体系。",
 "公司集成ERP、MES和SCM等系统，建立业财一体化平台，支撑各业务环节开展预算和决算分析。"],
 tri=[("经营分析", "管理层每日通过驾驶舱查看经营指标", "经营例会准备时间大幅减少"),
      ("预算管控", "预算执行偏差自动预警", "费用超支现象减少")],
 met=[("月度结账时间", "天", 6, 2, False)]),
"3.5": dict(core=[
 "{co}按照GB/T 36132-2018的要求开展绿色工厂建设，已获评{green}。",
 "公司部署了能耗在线采集装置，实现水、电、气等能源计量数据以及主材、辅材消耗数据的自动采集。",
 "公司建立了能源管理系统，对废水、废气、噪声和温室气体排放数据进行在线监测，并建立了能耗模型和排放模型。",
 "公司建立综合管控平台，应用模型对空压、制冷和照明等能源系统进行优化调度，实现管控的数字化和精细化。",
 "公司收集行业能效数据和企业历史数据，建立分析模型，开展三废、能源和资源指标的测算和衡量，优化排产顺序以降低峰时用电。",
 "公司在厂房屋顶建设分布式光伏电站，持续提高清洁能源使用比例，并对余热进行回收利用。"],
 tri=[("空压站", "根据用气需求自动联控空压机", "空压系统节电明显"),
      ("照明", "车间照明改为感应控制LED", "照明用电下降"),
      ("废水", "在线监测排口水质并自动报警", "排放稳定达标"),
      ("余热", "回收空压机和热处理炉余热供生活热水", "天然气用量减少"),
      ("光伏", "屋顶光伏所发电力优先自用", "外购电量减少"),
      ("包装", "推行可循环周转箱", "一次性包装材料用量减少"),
      ("碳管理", "建立产品碳足迹核算模型", "主要产品碳排放可量化"),
      ("峰谷用电", "将高耗能工序安排在谷时生产", "用电成本下降")],
 met=[("单位产值综合能耗", "吨标煤/万元", 0.052, 0.041, False), ("光伏发电量", "万千瓦时/年", 0, 386, True),
      ("清洁能源使用比例", "%", 3, 17, True), ("工业固废综合利用率", "%", 88, 97, True)]),
}

GENERIC = [
 "下一步，公司将持续深化该领域的数字化应用，推动相关系统向集成化、智能化方向升级。",
 "上述应用已形成相应的制度规范和操作规程，相关人员均经过培训并考核上岗。",
 "相关系统运行稳定，数据采集及时准确，为管理层决策提供了可靠的数据支撑。",
 "该项工作由公司智能制造部牵头，生产、质量、设备和信息等部门共同参与推进。",
 "公司定期对应用效果进行评估，并将评估结果纳入部门年度绩效考核。",
 "在建设过程中，公司坚持问题导向，先试点后推广，确保每一项应用都能落地见效。",
 "各系统之间通过统一的数据中台进行集成，主数据编码统一，避免了信息孤岛。",
 "公司还将相关经验整理为内部案例，在集团其他工厂进行复制推广。",
 "项目实施前，公司组织业务骨干对现状流程进行了全面梳理，识别出数据断点和管理痛点二十余项，作为系统建设的重点。",
 "系统上线后，公司同步修订了相关岗位职责和作业流程，确保线上流程与线下执行保持一致。",
 "为保证数据的及时性和准确性，公司制定了数据采集规范和数据质量考核办法，按月通报数据质量情况。",
 "相关业务数据通过接口与上下游系统实时交互，避免了人工重复录入，数据录入工作量减少约六成。",
 "公司在车间和职能部门设置了数字化专员，负责日常应用推广、问题收集和持续改进。",
 "针对应用过程中发现的问题，公司建立了问题清单和周例会机制，由责任部门限期整改并跟踪验证。",
 "在系统选型阶段，公司综合比较了多家解决方案供应商的产品和行业案例，并组织了现场调研和方案评审。",
 "项目采用分阶段实施的方式，第一阶段完成基础数据治理和核心功能上线，第二阶段实现与其他系统的深度集成。",
 "所有关键业务操作均在系统中留有记录，可按时间、人员和对象进行查询，满足内外部审核的要求。",
 "管理人员可通过电脑端和手机端随时查看业务运行情况，异常信息通过企业微信及时推送给相关责任人。",
 "公司每季度对系统应用情况进行评价，评价结果与部门负责人绩效挂钩，推动应用不断走深走实。",
 "通过上述措施，相关业务由依靠经验管理转变为依靠数据管理，管理的规范性和透明度明显提高。",
 "在此基础上，公司正逐步引入机器学习算法，对积累的历史数据进行深度挖掘，探索更多的优化空间。",
 "系统建设过程中，公司注重知识产权保护，相关成果已申请软件著作权，并形成企业标准。",
 "相关做法得到了客户和行业专家的认可，多家同行企业来公司参观交流。",
 "公司将该领域的典型问题和解决方法整理为知识条目，纳入企业知识库，供员工学习和查询。",
 "为提高员工的数字化技能，公司围绕系统操作和数据分析开展了专题培训，关键岗位人员全部持证上岗。",
 "系统部署在公司私有云平台上，采用主备架构，关键数据实时同步，保障业务连续运行。",
 "各项指标的统计口径由财务部和智能制造部共同确定，保证改造前后数据具有可比性。",
 "公司还与高校合作开展相关算法研究，部分成果已在生产现场试点应用。",
 "目前该系统已覆盖公司全部生产车间和主要职能部门，日均处理业务单据三千余笔。",
 "对于系统暂时无法覆盖的少量业务，公司制定了过渡期管理办法，确保管理不留空白。",
]

FRAMES = ["在{s}方面，{co}{m}，{e}。", "针对{s}环节，公司{m}，{e}。", "以{s}为例，公司{m}，{e}。",
          "{s}方面，公司{m}，实施后{e}。"]


def build_text(key, ctx, rng, target):
    """Build a narrative of about `target` Word-字数 for indicator `key`.
    Returns list of paragraphs."""
    p = POOL[key]
    sents = [s.format(**ctx) for s in p["core"]]
    extra = []
    for s, m, e in p["tri"]:
        extra.append(rng.choice(FRAMES).format(s=s, m=m, e=e, co=ctx["co"]))
    for name, u, a, b, up in p["met"]:
        if a == 0:
            extra.append(f"2023年，{name}较改造前{'提升' if up else '下降'}{b}{u}。")
        else:
            extra.append(f"截至2023年底，{name}由改造前的{a}{u}{'提升' if up else '下降'}至{b}{u}。")
    gens = GENERIC[:]
    rng.shuffle(gens)
    pool = sents + extra + gens
    out = []
    for s in pool:
        if word_count("".join(out)) >= target:
            break
        if word_count("".join(out + [s])) > target + 25 and out:
            continue
        out.append(s)
    # paragraphs of 2-4 sentences
    paras, cur = [], []
    for s in out:
        cur.append(s)
        if len(cur) >= rng.choice([2, 3, 4]):
            paras.append("".join(cur))
            cur = []
    if cur:
        paras.append("".join(cur))
    return paras


def fit_exact(paras, target):
    """Append/trim a pure-CJK tail so the total is exactly `target`."""
    while word_count("".join(paras)) > target - 8:
        last = paras[-1]
        cut = re.split(r"(?<=。)", last)
        cut = [c for c in cut if c]
        if len(cut) > 1:
            paras[-1] = "".join(cut[:-1])
        else:
            paras.pop()
    need = target - word_count("".join(paras)) - 1  # 1 for the final 。
    clauses = ["数据实时可视", "运行稳定", "效果明显", "已在全厂推广应用", "减少现场巡检人员六名", "设备综合效率持续提升",
               "数据质量显著改善", "管理人员可随时掌握现场运行情况", "换型效率进一步提高", "获得客户好评", "形成了可复制经验"]
    # exact subset (order kept) whose lengths + separators hit `need`: "该场景" + c1 + "，" + c2 ...
    best = None
    n = len(clauses)
    for mask in range(1, 1 << n):
        pick = [clauses[i] for i in range(n) if mask >> i & 1]
        if 3 + sum(len(x) for x in pick) + len(pick) - 1 == need:
            best = pick
            break
    if best is None:
        raise ValueError(need)
    paras[-1] = paras[-1] + "该场景" + "，".join(best) + "。"
    assert word_count("".join(paras)) == target, word_count("".join(paras))
    return paras


# ---------------------------------------------------------------- pictures
_FONTS = {}


def _font(sz):
    if sz not in _FONTS:
        _FONTS[sz] = ImageFont.truetype(FONT, sz)
    return _FONTS[sz]


def screenshot(title, kind, rng, w=880, h=520):
    """A fake system screen drawn with Pillow (palette PNG, small)."""
    im = Image.new("RGB", (w, h), (244, 246, 250))
    d = ImageDraw.Draw(im)
    d.rectangle([0, 0, w, 44], fill=(31, 78, 140))
    d.text((16, 8), title, font=_font(22), fill="white")
    d.rectangle([0, 44, 150, h], fill=(226, 232, 242))
    menus = ["首页", "计划管理", "生产执行", "质量管理", "设备管理", "仓储物流", "能源管理", "报表中心"]
    for i, m in enumerate(menus):
        d.text((18, 60 + i * 40), m, font=_font(18), fill=(40, 40, 60))
    x0, y0 = 170, 64
    if kind == "gantt":
        for i in range(7):
            y = y0 + 20 + i * 52
            d.text((x0, y), f"设备{i + 1:02d}", font=_font(16), fill=(30, 30, 30))
            x = x0 + 70
            while x < w - 60:
                ln = rng.randint(40, 140)
                col = rng.choice([(82, 145, 220), (246, 166, 35), (96, 186, 120), (200, 90, 90)])
                d.rectangle([x, y, min(x + ln, w - 30), y + 26], fill=col)
                x += ln + rng.randint(4, 20)
    elif kind == "bars":
        d.text((x0, y0), "近12个月指标趋势", font=_font(18), fill=(30, 30, 30))
        base = h - 60
        for i in range(12):
            v = rng.randint(80, 300)
            d.rectangle([x0 + 20 + i * 55, base - v, x0 + 55 + i * 55, base], fill=(82, 145, 220))
            d.text((x0 + 22 + i * 55, base + 8), f"{i + 1}月", font=_font(14), fill=(60, 60, 60))
    else:  # table
        cols = ["编号", "名称", "状态", "数量", "更新时间"]
        for j, c in enumerate(cols):
            d.text((x0 + j * 135, y0), c, font=_font(17), fill=(30, 30, 30))
        for i in range(9):
            y = y0 + 34 + i * 44
            d.line([x0, y - 6, w - 20, y - 6], fill=(200, 205, 215))
            vals = [f"NO{rng.randint(1000, 9999)}", rng.choice(["轴承座", "端盖", "主轴", "齿轮箱", "电控柜"]),
                    rng.choice(["运行", "待机", "完成", "预警"]), str(rng.randint(1, 500)),
                    f"2023-1{rng.randint(0, 2)}-{rng.randint(10, 28)}"]
            for j, v in enumerate(vals):
                d.text((x0 + j * 135, y), v, font=_font(16), fill=(50, 50, 50))
    im = im.quantize(colors=32)
    b = io.BytesIO()
    im.save(b, "PNG", optimize=True)
    return b.getvalue()


def seal_png(name, size=300):
    im = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    d = ImageDraw.Draw(im)
    red = (214, 30, 30, 235)
    d.ellipse([6, 6, size - 6, size - 6], outline=red, width=9)
    c = size / 2
    # star
    pts = []
    for k in range(10):
        r = 34 if k % 2 == 0 else 14
        a = -math.pi / 2 + k * math.pi / 5
        pts.append((c + r * math.cos(a), c + r * math.sin(a)))
    d.polygon(pts, fill=red)
    f = _font(30)
    n = len(name)
    for i, ch in enumerate(name):
        a = math.pi + (i + 0.5) * (math.pi / n) * 1.25 - math.pi * 0.125
        x = c + (size / 2 - 44) * math.cos(a)
        y = c + (size / 2 - 44) * math.sin(a)
        g = Image.new("RGBA", (40, 40), (0, 0, 0, 0))
        ImageDraw.Draw(g).text((5, 2), ch, font=f, fill=red)
        g = g.rotate(-math.degrees(a) - 90, resample=Image.BICUBIC)
        im.alpha_composite(g, (int(x - 20), int(y - 20)))
    d.text((c - 45, c + 50), "专用章", font=_font(28), fill=red)
    b = io.BytesIO()
    im.save(b, "PNG")
    return b.getvalue()


# ---------------------------------------------------------------- equipment
EQUIP = [  # name, model prefix, l1, l2, l3, price range 万元, qty range, domestic prob
 ("五轴联动加工中心", "DMU-65", "智能制造装备", "数控机床", "加工中心", (180, 320), (2, 6), 0.3),
 ("立式加工中心", "VMC850", "智能制造装备", "数控机床", "加工中心", (28, 46), (12, 40), 0.9),
 ("数控车床", "CK6150", "智能制造装备", "数控机床", "数控机床", (12, 26), (20, 60), 1.0),
 ("三坐标测量机", "Global-S", "智能制造装备", "数控机床", "数控测量机", (60, 110), (1, 3), 0.2),
 ("焊接机器人工作站", "RH-1400", "智能制造装备", "工业机器人", "焊接机器人", (35, 60), (6, 18), 0.6),
 ("上下料搬运机器人", "RB-20", "智能制造装备", "工业机器人", "搬运机器人", (18, 32), (10, 30), 0.7),
 ("装配协作机器人", "CR-10", "智能制造装备", "工业机器人", "装配机器人", (15, 28), (6, 20), 0.8),
 ("喷涂机器人", "PX-900", "智能制造装备", "工业机器人", "喷涂机器人", (55, 85), (2, 6), 0.4),
 ("金属3D打印机", "BLT-S310", "智能制造装备", "增材制造装备", "金属增材制造装备", (150, 260), (1, 2), 1.0),
 ("振动温度无线传感器", "VT-300", "智能制造装备", "智能传感与控制装备", "信息采集系统装备", (0.35, 0.8), (60, 160), 1.0),
 ("AI视觉检测设备", "AV-800", "智能制造装备", "智能检测与装配装备", "在线测量及质量监控机器人", (45, 90), (3, 10), 1.0),
 ("X射线检测仪", "XR-160", "智能制造装备", "智能检测与装配装备", "故障诊断与分析装备", (80, 140), (1, 3), 0.5),
 ("自动化立体仓库", "AS/RS-4800", "智能制造装备", "智能物流与仓储装备", "目动化立体仓库", (600, 980), (1, 1), 1.0),
 ("高速堆垛机", "DDJ-24", "智能制造装备", "智能物流与仓储装备", "高速堆垛机", (55, 90), (2, 6), 1.0),
 ("激光导航AGV", "AGV-L1000", "智能制造装备", "智能物流与仓储装备", "车间物流成套装备", (16, 30), (8, 30), 1.0),
 ("智能分拣机", "FJ-600", "智能制造装备", "智能物流与仓储装备", "智能分拣机", (40, 75), (1, 3), 1.0),
 ("自动装配线", "ZP-2000", "智能制造装备", "智能检测与装配装备", "精密对接与装配装备", (260, 480), (1, 3), 1.0),
 ("普通摇臂钻床", "Z3050", "智能制造装备", "数控机床", "其他机床装备", (4, 8), (6, 20), 1.0),
 ("空压机", "GA-75", "其它类型装备", "可组态(配置)装备", "其它", (25, 45), (3, 6), 0.5),
]
SOFT = [
 ("制造执行系统", "{mes}", "工业控制系统与工业软件", "生产制造类软件", "制造执行系统 (MES)", (180, 420)),
 ("高级计划排程系统", "{aps}", "工业控制系统与工业软件", "生产制造类软件", "高级计算排产系统 (APS)", (80, 200)),
 ("企业资源计划", "{erp}", "工业控制系统与工业软件", "经营管理类软件", "企业资源计划 (ERP)", (150, 380)),
 ("产品生命周期管理", "{plm}", "工业控制系统与工业软件", "经营管理类软件", "产品生命周期管理软件 (PLM)", (120, 300)),
 ("仓储管理系统", "{wms}", "工业控制系统与工业软件", "经营管理类软件", "仓储物流系统 (WMS)", (50, 130)),
 ("三维设计软件", "CAD 3D 2023", "工业控制系统与工业软件", "研发设计类软件", "计算机辅助设计 (CAD)", (40, 120)),
 ("数据采集与监视控制系统", "SCADA V5", "工业控制系统与工业软件", "工业控制系统执行类软件", "数据采集与监视控制系统 (SCADA)", (60, 150)),
 ("数字化车间集成", "集成服务", "整体解决方案", "整体方案", "数字化车间集成", (200, 500)),
]


def make_equipment(rng, ctx, n_eq, net_target):
    """Rows of equipment (dicts). Quantities, prices in 万元 with 2 decimals.
    Networked quantity adjusted to hit net_target fraction (of 台套数)."""
    items = rng.sample(EQUIP, n_eq)
    rows = []
    for name, mp, l1, l2, l3, pr, qr, dom in items:
        q = rng.randint(*qr)
        price = round(rng.uniform(*pr), 2)
        y = rng.choice([2021, 2022, 2023])
        rows.append(dict(name=name, model=f"{mp}", date=f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                         l1=l1, l2=l2, l3=l3, price=price, qty=q, dom="是" if rng.random() < dom else "否",
                         net="是", dc="是", rx="是"))
    # choose some rows not networked so that ratio close to target (by qty)
    total = sum(r["qty"] for r in rows)
    want_off = round(total * (1 - net_target))
    order = sorted(range(len(rows)), key=lambda i: (rows[i]["name"] not in ("普通摇臂钻床", "空压机", "数控车床"), rng.random()))
    off = 0
    for i in order:
        if off >= want_off:
            break
        r = rows[i]
        if off + r["qty"] <= want_off + 3:
            r["net"] = "否"; r["dc"] = "否"; r["rx"] = "否"
            off += r["qty"]
        elif r["qty"] > 4 and r["name"] not in ("自动化立体仓库",):
            # split the row: part networked (newer lot), part not (older lot)
            k = want_off - off
            if 0 < k < r["qty"]:
                r2 = dict(r); r2["qty"] = k; r2["net"] = r2["dc"] = r2["rx"] = "否"
                r2["date"] = "2021-0%d-1%d" % (rng.randint(1, 9), rng.randint(0, 9))
                r["qty"] -= k
                rows.insert(rows.index(r) + 1, r2)
                off += k
    soft = []
    for name, model, l1, l2, l3, pr in SOFT[: rng.randint(6, 8)]:
        soft.append(dict(name=name, model=model.format(**ctx), date=f"{rng.choice([2021, 2022, 2023])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                         l1=l1, l2=l2, l3=l3, price=round(rng.uniform(*pr), 2), qty=1, dom="是", net="是", dc="是", rx="是"))
    return rows, soft


def eq_stats(rows, soft):
    tot = sum(r["qty"] for r in rows)
    net = sum(r["qty"] for r in rows if r["net"] == "是")
    hw = round(sum(r["price"] * r["qty"] for r in rows), 2)
    sw = round(sum(r["price"] * r["qty"] for r in soft), 2)
    return dict(total=tot, net=net, rate=round(net * 100.0 / tot, 1), hw=hw, sw=sw, inv=round(hw + sw, 2))


THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def write_xlsx(path, company, rows, soft, opts):
    """opts: amount_col(bool), unit_in_qty(bool), price_unit('万元'|'元'), qty_total_override(int|None)"""
    wb = openpyxl.Workbook()
    sheets = [("智能制造装备", rows), ("工业软件及系统", soft)]
    for si, (sname, data) in enumerate(sheets):
        ws = wb.active if si == 0 else wb.create_sheet()
        ws.title = sname
        amount = opts.get("amount_col", True)
        pu = opts.get("price_unit", "万元")
        heads = ["序号", "设备系统名称", "规格型号", "购置时间\n(按发票日期)", "设备系统分类", None, None,
                 f"设备系统单价\n({pu})", "设备系统\n台套数"]
        if amount:
            heads.append("金额\n(万元)")
        heads += ["是否\n国产", "联网及数据情况", None, None]
        ncol = len(heads)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
        ws.cell(1, 1, f"附录2 企业设备系统购置情况一览表（{sname}）").font = Font(bold=True, size=14)
        ws.cell(1, 1).alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ncol)
        ws.cell(2, 1, f"填报单位（盖章）：{company}")
        r1, r2 = 3, 4
        sub = {5: "一级分类名称", 6: "二级分类名称", 7: "三级分类名称"}
        c_net = ncol - 2
        sub.update({c_net: "是否联网", c_net + 1: "是否支持数据采集", c_net + 2: "是否支持信息接收"})
        for c, hname in enumerate(heads, start=1):
            if c in sub:
                ws.cell(r2, c, sub[c])
            if hname is not None and c not in (5, c_net):
                ws.cell(r1, c, hname)
                ws.merge_cells(start_row=r1, start_column=c, end_row=r2, end_column=c)
        ws.cell(r1, 5, "设备系统分类")
        ws.merge_cells(start_row=r1, start_column=5, end_row=r1, end_column=7)
        ws.cell(r1, c_net, "联网及数据情况")
        ws.merge_cells(start_row=r1, start_column=c_net, end_row=r1, end_column=c_net + 2)
        for rr in (r1, r2):
            for c in range(1, ncol + 1):
                ws.cell(rr, c).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
                ws.cell(rr, c).font = Font(bold=True)
                ws.cell(rr, c).border = BOX
        r = r2 + 1
        for i, d in enumerate(data, start=1):
            price = d["price"] if pu == "万元" else int(round(d["price"] * 10000))
            qty = f"{d['qty']}台套" if opts.get("unit_in_qty") else d["qty"]
            vals = [i, d["name"], d["model"], d["date"], d["l1"], d["l2"], d["l3"], price, qty]
            if amount:
                vals.append(round(d["price"] * d["qty"], 2))
            vals += [d["dom"], d["net"], d["dc"], d["rx"]]
            for c, v in enumerate(vals, start=1):
                cell = ws.cell(r, c, v)
                cell.border = BOX
                if c == 8 and pu == "万元":
                    cell.number_format = "0.00"
            r += 1
        # 合计 row
        ws.cell(r, 1, "合计")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=7)
        qt = sum(d["qty"] for d in data)
        if si == 0 and opts.get("qty_total_override") is not None:
            qt = opts["qty_total_override"]
        ws.cell(r, 9, f"{qt}台套" if opts.get("unit_in_qty") else qt)
        if amount:
            ws.cell(r, 10, round(sum(d["price"] * d["qty"] for d in data), 2)).number_format = "0.00"
        if si == 0:
            nn = sum(d["qty"] for d in data if d["net"] == "是")
            ws.cell(r, c_net, f"联网{nn}台套")
        for c in range(1, ncol + 1):
            ws.cell(r, c).border = BOX
            ws.cell(r, c).font = Font(bold=True)
        widths = [6, 22, 16, 13, 16, 20, 26, 12, 10, 12, 7, 8, 10, 10]
        for c in range(1, ncol + 1):
            ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width = widths[c - 1] if c <= len(widths) else 10
        ws.freeze_panes = "A5"
    wb.properties.creator = company
    wb.save(path)
    normalize_ooxml(path)


# ---------------------------------------------------------------- companies
def mk_company(i, name, short, div, city, addr, legal, industry, prod, green, line):
    body = f"91{div}" + ["MA2H", "MA2C", "7K2Q", "MA28", "1469", "MA2J", "7530", "MA2A", "MA29", "6092", "MA2D"][i] + \
        ["0K7X", "3P1D", "8R5A", "6W4N", "4T2B", "9L6C", "2H8E", "7Y3F", "5N1G", "1D9H", "3E4J"][i] + \
        "0123456789"[i % 10]
    body = body[:17]
    return dict(name=name, co=short, code=uscc(body), div=div, city=city, addr=addr, legal=legal,
                industry=industry, prod=prod, green=green, line=line)


def ctx_for(c, rng):
    mesv = rng.choice(["睿工MES V5.2", "智云MOM 3.0", "中控MES 6.1", "恒思MES 2023版"])
    return dict(co=c["co"], prod=c["prod"], mes=mesv.split()[0] if " " in mesv else mesv,
                erp=rng.choice(["用友U9 ERP", "金蝶云星空ERP", "SAP S/4HANA"]),
                plm=rng.choice(["鼎捷PLM系统", "Teamcenter PLM系统", "思普PLM系统"]),
                aps=rng.choice(["安达发APS", "永凯APS", "排程大师APS"]),
                wms=rng.choice(["富勒WMS", "唯智WMS", "自研WMS"]),
                plat=c["co"] + "智造云", line=c["line"],
                green=c["green"])


# ---------------------------------------------------------------- DOCX writer
def set_cn_font(doc):
    for sname in ["Normal", "Heading 1", "Heading 2", "Heading 3", "Title"]:
        st = doc.styles[sname]
        st.font.name = "宋体" if sname == "Normal" else "黑体"
        st.element.rPr.rFonts.set(qn("w:eastAsia"), st.font.name)
        if sname.startswith("Heading") or sname == "Title":
            st.font.color.rgb = RGBColor(0, 0, 0)
    doc.styles["Normal"].font.size = Pt(12)


class Doc:
    """Thin wrapper: heading style or numbered plain bold paragraph."""

    def __init__(self, plain_headings=False):
        self.d = docx.Document()
        set_cn_font(self.d)
        self.plain = plain_headings
        self.fig = 0
        sec = self.d.sections[0]
        sec.left_margin = sec.right_margin = Cm(2.5)

    def h(self, text, level):
        if self.plain:
            p = self.d.add_paragraph()
            r = p.add_run(text)
            r.bold = True
            r.font.size = Pt(16 - level * 1.5)
            return p
        return self.d.add_heading(text, level=level)

    def p(self, text, indent=True):
        para = self.d.add_paragraph(text)
        if indent:
            para.paragraph_format.first_line_indent = Pt(24)
        para.paragraph_format.line_spacing = 1.25
        return para

    def img(self, png, caption, width_cm=14):
        self.d.add_picture(io.BytesIO(png), width=Cm(width_cm))
        self.d.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.fig += 1
        cp = self.d.add_paragraph(f"图{self.fig} " + caption)
        cp.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def save(self, path):
        self.d.core_properties.author = "Administrator"
        self.d.save(path)
        normalize_ooxml(path)


SHOT_TITLE = {
    "1.3a": ("数字孪生虚拟产线监控界面", "gantt"), "1.3b": ("AI视觉检测结果界面", "table"),
    "1.3c": ("工业互联网平台设备OEE分析", "bars"), "1.3d": ("5G专网网管监控界面", "table"),
    "2.1.1": ("定制服务平台参数化选型界面", "table"), "2.2.1": ("协同设计平台项目空间", "table"),
    "2.2.3": ("生产协同平台多基地计划看板", "gantt"), "2.3.1": ("远程运维平台设备健康度", "bars"),
    "3.1.1": ("PLM系统BOM管理界面", "table"), "3.1.2": ("工艺知识库界面", "table"),
    "3.1.3": ("虚拟样机仿真结果", "bars"), "3.2.1": ("APS排产甘特图界面", "gantt"),
    "3.2.2": ("MES工单执行监控界面", "table"), "3.2.3": ("SPC统计分析界面", "bars"),
    "3.2.4": ("WMS库位管理界面", "table"), "3.2.5": ("设备管理系统点检界面", "table"),
    "3.3.1s": ("危险源管理信息系统", "table"), "3.3.2s": ("作业许可系统作业票", "table"),
    "3.3.3s": ("信息安全审计平台日志", "table"), "3.4.1": ("数字化SOP工位终端", "table"),
    "3.4.2": ("CRM客户画像分析", "bars"), "3.4.3": ("供应风险预警看板", "bars"),
    "3.4.4": ("管理驾驶舱", "bars"), "3.5": ("能源管理系统能耗分析", "bars"),
}

L1_TITLE = {"1": "1 关键技术", "2": "2 模式创新", "3": "3 能力建设要求", "4": "4 社会责任"}
L2_TITLE = {"2.1": "2.1 个性化定制", "2.2": "2.2 网络化协同", "2.3": "2.3 服务化延伸", "3.1": "3.1 数字化设计",
            "3.2": "3.2 智能化生产", "3.3": "3.3 安全化管控", "3.4": "3.4 数字化管理", "3.5": "3.5 绿色化制造"}


def group_of(key):
    if key.startswith("1."):
        return "1", None
    if key in ("2.1.1",):
        return "2", "2.1"
    if key in ("2.2.1", "2.2.2", "2.2.3"):
        return "2", "2.2"
    if key == "2.3.1":
        return "2", "2.3"
    if key.endswith("s"):
        return "3", "3.3"
    if key.startswith("3.4."):
        return "3", "3.4"
    if key == "3.5":
        return "3", None
    if key.startswith("3.1"):
        return "3", "3.1"
    if key.startswith("3.2"):
        return "3", "3.2"
    return "4", None


def disp_number(key, renumber):
    sid = IND[key][0]
    if renumber:
        if key.startswith("3.4."):
            return key
        if key == "2.3.1":
            return "2.3.1"
    return sid


# ---------------------------------------------------------------- dossier spec
def default_targets(keys, rng):
    t = {}
    for k in keys:
        rngx = IND[k][2]
        if rngx is None:
            continue
        lo, hi = rngx
        if hi is None:
            t[k] = rng.randint(lo + 80, lo + 260)
        elif lo == 0:
            t[k] = rng.randint(int(hi * 0.6), hi - 70)
        else:
            t[k] = rng.randint(lo + 60, hi - 60)
    return t


def write_dossier(out, spec, rng):
    """Returns (files written, narrative labels, word counts, stats)."""
    c = spec["company"]
    ctx = spec["ctx"]
    folder = out / spec["name"]
    folder.mkdir(parents=True, exist_ok=True)
    rows, soft = spec["rows"], spec["soft"]
    st = eq_stats(rows, soft)
    stated = dict(rate=st["rate"], total=st["total"], inv=st["inv"], hw=st["hw"], sw=st["sw"])
    stated.update(spec.get("stated_override", {}))
    counts = {}

    D = Doc(plain_headings=spec.get("plain", False))
    d = D.d
    # cover
    t = d.add_paragraph()
    t.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = t.add_run("浙江省“未来工厂”申报\n企业举证材料")
    r.bold = True
    r.font.size = Pt(26)
    d.add_paragraph()
    if spec.get("grid4"):
        tb = d.add_table(rows=4, cols=4)
        tb.style = "Table Grid"
        cells = [("企业名称", c["name"], "统一社会信用代码", c["code"]),
                 ("所属地市", c["city"], "所属行业", c["industry"]),
                 ("法定代表人", c["legal"], "联系人", spec["contact"]),
                 ("企业地址", c["addr"], "填报日期", spec["fill_date"])]
        for i, row in enumerate(cells):
            for j, v in enumerate(row):
                tb.cell(i, j).text = v
    elif spec.get("colon_lines"):
        for k, v in [("申报单位", c["name"]), ("统一社会信用代码", c["code"]), ("所在地区", c["city"]),
                     ("联系人", spec["contact"]), ("日期", spec["fill_date"])]:
            D.p(f"{k}：{v}", indent=False)
    else:
        tb = d.add_table(rows=5, cols=2)
        tb.style = "Table Grid"
        for i, (k, v) in enumerate([("企业名称", c["name"]), ("统一社会信用代码", c["code"]), ("所属行业", c["industry"]),
                                    ("联系人及电话", spec["contact"]), ("填报日期", spec["fill_date"])]):
            tb.cell(i, 0).text = k
            tb.cell(i, 1).text = v
    if spec.get("seal", True):
        d.add_paragraph("申报单位（盖章）：" + c["name"])
        d.add_picture(io.BytesIO(seal_png(c["name"])), width=Cm(4))
    d.add_page_break()

    # optional self-evaluation summary table (lists claimed indicators)
    keys = spec["keys"]
    if spec.get("summary_keys"):
        D.h("申报指标自评汇总表", 1)
        sk = []
        for k in spec["summary_keys"]:
            if IND[k][:2] not in [IND[x][:2] for x in sk]:
                sk.append(k)
        tb = d.add_table(rows=len(sk) + 1, cols=3)
        tb.style = "Table Grid"
        for j, v in enumerate(["指标序号", "指标名称", "举证材料所在章节"]):
            tb.cell(0, j).text = v
        for i, k in enumerate(sk, start=1):
            tb.cell(i, 0).text = IND[k][0]
            tb.cell(i, 1).text = IND[k][1]
            tb.cell(i, 2).text = f"见正文{disp_number(k, spec.get('renumber'))}节"

    D.h("企业基本情况", 1)
    staff = spec.get("staff", 1286)
    D.p(f"{c['name']}（以下简称“{c['co']}”）成立于{spec['founded']}，位于{c['addr']}，主要从事{c['prod']}的研发、生产和销售，"
        f"属于{c['industry']}。截至2023年底，公司在职员工{spec.get('staff_intro', staff)}人，2023年实现营业收入{spec['revenue']}亿元。"
        f"公司自2021年起启动“未来工厂”建设，围绕数字化设计、智能化生产、安全化管控、数字化管理和绿色化制造开展系统性改造。")

    cur1 = cur2 = None
    narr_ev = []
    for k in keys:
        g1, g2 = group_of(k)
        if g1 != cur1:
            D.h(L1_TITLE[g1], 1)
            cur1 = g1
            cur2 = None
        if g2 and g2 != cur2:
            D.h(L2_TITLE[g2], 2)
            cur2 = g2
        sid, sname, rng_w, ev = IND[k]
        lvl = 3 if g2 else 2
        if k.startswith("1.3"):
            if k == "1.3a" or (k == keys[[x.startswith("1.3") for x in keys].index(True)]):
                D.h("1.3 新一代信息技术", 2)
            D.h(SUBHEAD[k], 3)
        elif k == "3.5":
            D.h("3.5 绿色化制造", 2)
        else:
            D.h(f"{disp_number(k, spec.get('renumber'))} {sname}", lvl)
        # --- bodies
        if k == "1.1":
            D.p(f"公司成立了由总经理任组长的未来工厂建设领导小组，下设智能制造部，负责未来工厂规划、项目实施和运维。"
                f"公司与浙江大学、省智能制造专家委员会专家及两家数字化转型解决方案供应商建立了长期合作机制，"
                f"联合完成省级工业互联网平台培育项目1项，共同申请发明专利6项、登记软件著作权9项。")
            D.p(f"截至2023年底，工厂本级负责智能制造相关工作的人员{spec['it_staff']}人，专业均属于电气类、电子信息类、"
                f"自动化类、计算机类和机械类，其中引进智能制造相关专业博士2名、高级职称人才7名。公司建立了覆盖新员工、"
                f"技能岗位和管理岗位的培训体系，2023年组织智能制造相关培训46期，参训3,100余人次。")
            if spec.get("no_invest_prose"):
                D.p("未来工厂建设过程中的智能制造软硬件投入情况详见附录2设备系统购置情况一览表。")
            else:
                D.p(spec.get("invest_sentence", "未来工厂建设过程中，公司智能制造软硬件累计投入{inv}万元，其中智能制造装备投入{hw}万元，"
                    "工业软件及系统投入{sw}万元，明细详见附录2设备系统购置情况一览表。").format(
                    inv=f"{stated['inv']:,.2f}", hw=f"{stated['hw']:,.2f}", sw=f"{stated['sw']:,.2f}",
                    inv_yi=f"{stated['inv'] / 10000:.6f}".rstrip("0")))
            narr_ev.append(k)
            continue
        if k == "1.2":
            D.p(f"公司制定了《{c['co']}智能制造专项战略规划（2021-2025）》，明确了未来工厂建设目标、路径和项目组织架构，"
                f"建立了质量、安全和人员激励等方面的制度规范。公司建立了企业知识库和模型库，由技术中心统一管理，"
                f"每季度组织评审更新，知识条目已超过3,600条，并通过{ctx['plm']}在各车间共享调用。")
            D.p(f"公司坚持以人为本，建设了职工书屋、健身中心和员工食堂，持续改善工作和休息环境。2023年，工厂级员工总人数"
                f"{staff}人，薪酬总支出（含社保、奖金）{spec['payroll']}万元，员工薪酬水平高于全省同行业平均水平。")
            D.img(screenshot(f"{c['co']}知识库管理平台", "table", rng), "知识库管理平台界面截图", 13)
            narr_ev.append(k)
            continue
        if k == "1.3e":
            D.p(spec.get("net_sentence", "截至2023年底，公司在册生产装备共{total}台套，其中接入{mes}或工业互联网平台的装备{net}台套，"
                "企业装备联网率达{rate}%，设备清单详见附录2。").format(total=stated["total"], net=stated.get("net", st["net"]),
                                                          rate=f"{stated['rate']:.1f}", mes=ctx["mes"]))
            narr_ev.append(k)
            continue
        if k == "2.2.2":  # plan only: not evidenced
            D.p(f"本项目前尚未建成，本次不申报得分。公司拟于2024年下半年启动供应链云平台建设，计划将主要供应商、"
                f"分销商的需求、库存和配送信息接入平台，实现客户需求和工艺变更信息在企业间的快速传播。")
            continue
        if k in ("4.1", "4.2"):
            if k == "4.1":
                D.p(f"公司已在新智造平台上线“{c['co']}未来工厂”三维数字孪生展厅，通过虚实结合的方式综合展示未来工厂建设成效，"
                    f"访问者可在线漫游厂区、查看各车间实时运行数据。")
            else:
                D.p("公司在新智造平台展示了数字化设计、智能化生产、绿色化制造、精益化管理和智慧供应链等5项典型场景应用，"
                    "每项场景均配有仿真动画和现场视频。")
            narr_ev.append(k)
            continue
        target = spec["targets"][k]
        paras = build_text(k, ctx, rng, target)
        if k in spec.get("exact", {}):
            paras = fit_exact(paras, spec["exact"][k])
        for para in paras:
            D.p(para)
        counts[k] = word_count("".join(paras))
        narr_ev.append(k)
        # screenshot pasted / attached / missing
        mode = spec.get("shots", {}).get(k, "paste" if spec.get("paste_default", True) else "none")
        title, kind = SHOT_TITLE[k]
        fig = f"图{disp_number(k, spec.get('renumber')).replace('.', '-')}"
        if mode == "paste":
            D.img(screenshot(f"{c['co']} {title}", kind, rng), f"{title}截图")
        elif isinstance(mode, tuple):  # ("attach", filename, present?)
            _, fname, present = mode
            D.p(f"相关系统截图详见附件《{fname}》。", indent=True)
            if present:
                (folder / fname).write_bytes(screenshot(f"{c['co']} {title}", kind, rng))
    # appendix pointer
    D.h("附录", 1)
    if spec.get("xlsx_name"):
        D.p(f"附录2 企业设备系统购置情况一览表（见附件《{spec['xlsx_name']}》）。", indent=False)
    else:
        D.p("附录2 企业设备系统购置情况一览表（另附）。", indent=False)
    docx_path = folder / spec["docx_name"]
    D.save(docx_path)
    if spec.get("xlsx_name") and not spec.get("omit_xlsx"):
        write_xlsx(folder / spec["xlsx_name"], c["name"], rows, soft, spec.get("xlsx_opts", {}))
    return folder, narr_ev, counts, st, stated


# ---------------------------------------------------------------- PDF (zip dossier)
def docx_to_pdf_like(spec, out_pdf, rng):
    """For the zip dossier the applicant sends the 举证材料 as a PDF printed from Word.
    We render the same content with reportlab (headings bold, screenshots inline)."""
    from reportlab import rl_config
    rl_config.invariant = 1  # deterministic PDF (no creation date / random id)
    pdfmetrics.registerFont(TTFont("wqy", FONT, subfontIndex=0))
    c = spec["company"]; ctx = spec["ctx"]
    st = eq_stats(spec["rows"], spec["soft"])
    H1 = ParagraphStyle("h1", fontName="wqy", fontSize=16, leading=22, spaceBefore=10, spaceAfter=6)
    H2 = ParagraphStyle("h2", fontName="wqy", fontSize=13.5, leading=19, spaceBefore=8, spaceAfter=4)
    H3 = ParagraphStyle("h3", fontName="wqy", fontSize=12, leading=17, spaceBefore=6, spaceAfter=3)
    B = ParagraphStyle("b", fontName="wqy", fontSize=10.5, leading=17, firstLineIndent=21, wordWrap="CJK")
    C = ParagraphStyle("c", fontName="wqy", fontSize=9.5, leading=13, alignment=1)
    story = [Paragraph("浙江省“未来工厂”申报 企业举证材料", ParagraphStyle("t", fontName="wqy", fontSize=22, leading=30, alignment=1)),
             Spacer(1, 20)]
    tb = Table([["企业名称", c["name"]], ["统一社会信用代码", c["code"]], ["所属行业", c["industry"]],
                ["联系人", spec["contact"]], ["日期", spec["fill_date"]]], colWidths=[4.5 * cm, 10 * cm])
    tb.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "wqy"), ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                            ("FONTSIZE", (0, 0), (-1, -1), 11)]))
    story += [tb, Spacer(1, 12)]
    seal = seal_png(c["name"])
    story.append(RLImage(io.BytesIO(seal), width=3.6 * cm, height=3.6 * cm))
    counts = {}
    ev = []
    story.append(Paragraph("企业基本情况", H1))
    story.append(Paragraph(f"{c['name']}成立于{spec['founded']}，位于{c['addr']}，主要从事{c['prod']}的研发、生产和销售。"
                           f"截至2023年底，公司在职员工{spec['staff']}人，2023年实现营业收入{spec['revenue']}亿元。", B))
    cur1 = cur2 = None
    for k in spec["keys"]:
        g1, g2 = group_of(k)
        if g1 != cur1:
            story.append(Paragraph(L1_TITLE[g1], H1)); cur1 = g1; cur2 = None
        if g2 and g2 != cur2:
            story.append(Paragraph(L2_TITLE[g2], H2)); cur2 = g2
        sid, sname, rw, evq = IND[k]
        if k.startswith("1.3"):
            if k == "1.3a":
                story.append(Paragraph("1.3 新一代信息技术", H2))
            story.append(Paragraph(SUBHEAD[k], H3))
        elif k == "3.5":
            story.append(Paragraph("3.5 绿色化制造", H2))
        else:
            story.append(Paragraph(f"{disp_number(k, spec.get('renumber'))} {sname}", H3 if g2 else H2))
        if k == "1.1":
            story.append(Paragraph(f"截至2023年底，工厂本级负责智能制造相关工作的人员{spec['it_staff']}人，公司设有智能制造部。"
                                   f"公司与省内高校及解决方案供应商建立了合作机制，联合申请发明专利4项。", B))
            story.append(Paragraph(f"未来工厂建设过程中，公司智能制造软硬件累计投入{st['inv'] / 10000:.6f}".rstrip("0") +
                                   f"亿元（装备{st['hw']:.2f}万元、软件及系统{st['sw']:.2f}万元），明细见附录2。", B))
            ev.append(k); continue
        if k == "1.3e":
            story.append(Paragraph(f"截至2023年底，公司在册生产装备共{st['total']}台套，其中已接入{ctx['mes']}或工业互联网平台的"
                                   f"{st['net']}台套，装备联网率为{st['rate']:.1f}%。", B))
            ev.append(k); continue
        paras = build_text(k, ctx, rng, spec["targets"][k])
        for p in paras:
            story.append(Paragraph(p, B))
        counts[k] = word_count("".join(paras))
        ev.append(k)
        if k in spec.get("pdf_shots", ()):
            title, kind = SHOT_TITLE[k]
            png = screenshot(f"{c['co']} {title}", kind, rng)
            story.append(RLImage(io.BytesIO(png), width=13 * cm, height=13 * cm * 520 / 880))
            story.append(Paragraph(f"图 {title}", C))
    doc = SimpleDocTemplate(str(out_pdf), pagesize=A4, leftMargin=2.3 * cm, rightMargin=2.3 * cm,
                            title="举证材料", author=c["co"], creator="Microsoft Word")
    doc.build(story)
    return ev, counts, st


# ---------------------------------------------------------------- labels helpers
def narr_entry(file, keys, not_keys=()):
    seen = []
    ev = []
    for k in keys:
        sid, sname = IND[k][0], IND[k][1]
        if (sid, sname) not in seen:
            seen.append((sid, sname))
            ev.append({"id": sid, "name": sname})
    e = {"file": file, "evidenced": ev}
    if not_keys:
        e["not_evidenced"] = [{"id": IND[k][0], "name": IND[k][1]} for k in not_keys]
    return e


def defect(code, sev, file, field, expected, found, quote):
    return dict(code=code, severity=sev, file=file, field=field, expected=expected, found=found, seed_quote=quote)


# ---------------------------------------------------------------- main
def generate(out_dir: pathlib.Path) -> None:
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    master = random.Random(20240415)

    comps = [
        mk_company(0, "宁波恒锐汽车零部件有限公司", "恒锐汽配", "330206", "宁波市", "宁波市北仑区大港工业城黄山西路188号", "陈国栋",
                   "汽车零部件及配件制造", "汽车底盘铝合金结构件", "宁波市级绿色工厂", "副车架智能焊装线"),
        mk_company(1, "绍兴柯美纺织印染有限公司", "柯美纺织", "330603", "绍兴市", "绍兴市柯桥区滨海工业区兴滨路58号", "沈立峰",
                   "纺织业", "高档化纤面料及印染布", "省级绿色工厂", "连续式智能染色生产线"),
        mk_company(2, "浙江力拓液压科技股份有限公司", "力拓液压", "330481", "嘉兴市", "海宁市海昌街道双联路129号", "王建华",
                   "通用设备制造业", "工程机械液压阀和液压泵", "国家级绿色工厂", "阀体柔性加工线"),
        mk_company(3, "温州瓯航智能电器有限公司", "瓯航电器", "330382", "温州市", "乐清市柳市镇智广路66号", "郑海涛",
                   "电气机械和器材制造业", "低压断路器和智能配电产品", "温州市级绿色工厂", "断路器自动装配检测线"),
        mk_company(4, "浙江东阳华晟电机有限公司", "华晟电机", "330783", "金华市", "东阳市横店镇工业大道321号", "胡立强",
                   "电气机械和器材制造业", "微特电机和伺服电机", "省级绿色工厂", "电机定转子生产线"),
        mk_company(5, "台州锦泰泵业有限公司", "锦泰泵业", "331004", "台州市", "台州市路桥区峰江街道机电路16号", "林志远",
                   "通用设备制造业", "农用水泵和屏蔽泵", "台州市级绿色工厂", "泵体智能加工线"),
        mk_company(6, "湖州天丰智能家居有限公司", "天丰家居", "330523", "湖州市", "安吉县递铺街道天荒坪北路99号", "潘晓军",
                   "家具制造业", "定制办公椅和智能家居", "省级绿色工厂", "板式家具柔性生产线"),
        mk_company(7, "杭州新启动力机械有限公司", "新启动力", "330110", "杭州市", "杭州市余杭区仁和街道启航路8号", "赵一鸣",
                   "专用设备制造业", "小型工程机械和动力总成", "国家级绿色工厂", "动力总成装配线"),
        mk_company(8, "衢州晶瑞新材料有限公司", "晶瑞新材", "330803", "衢州市", "衢州市衢江区高新园区东港六路12号", "徐海东",
                   "化学原料和化学制品制造业", "电子级氟化工新材料", "省级绿色工厂", "电子级氢氟酸提纯装置"),
        mk_company(9, "丽水精工阀门有限公司", "精工阀门", "331102", "丽水市", "丽水市莲都区南明山街道绿谷大道286号", "叶建新",
                   "通用设备制造业", "工业球阀和蝶阀", "丽水市级绿色工厂", "阀门智能装配试压线"),
    ]

    FULL = ["1.1", "1.2", "1.3a", "1.3b", "1.3c", "1.3d", "1.3e", "2.1.1", "3.1.1", "3.1.2", "3.2.1", "3.2.2",
            "3.2.3", "3.2.4", "3.2.5", "3.3.1s", "3.3.3s", "3.4.1", "3.4.4", "3.5", "4.1", "4.2"]
    labels = []
    xl = "附录2_设备系统购置情况一览表.xlsx"

    def base_spec(i, name, keys, as_of, **kw):
        rng = random.Random(1000 + i)
        c = comps[i]
        ctx = ctx_for(c, rng)
        rows, soft = make_equipment(rng, ctx, kw.pop("n_eq", 12), kw.pop("net_target", 0.78))
        spec = dict(name=name, company=c, ctx=ctx, rows=rows, soft=soft, keys=keys,
                    targets=default_targets(keys, rng), docx_name=f"{c['name']}未来工厂举证材料.docx", xlsx_name=xl,
                    contact=f"{rng.choice(['李', '王', '张', '周', '吴'])}工 0{rng.randint(570, 579)}-8{rng.randint(1000000, 9999999)}",
                    fill_date=kw.pop("fill_date", "2024年3月"), founded=f"{rng.randint(2003, 2015)}年{rng.randint(1, 12)}月",
                    revenue=f"{rng.uniform(3, 30):.2f}", staff=rng.randint(600, 2400), it_staff=rng.randint(35, 120),
                    payroll=0)
        spec["payroll"] = f"{spec['staff'] * rng.uniform(10.5, 14.5):,.1f}"
        spec.update(kw)
        return spec, rng

    def record(spec, folder, narr_keys, counts, st, stated, as_of, clean, desc, defects, not_keys=(), extra_narr=None):
        files = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
        ent = dict(name=spec["name"], as_of=as_of, clean=clean, description=desc, defects=defects,
                   narratives=[narr_entry(spec["docx_name"], narr_keys, not_keys)] + (extra_narr or []))
        ent["_debug"] = dict(files=files, word_counts=dict(counts),
                             equipment=st, stated=stated)
        labels.append(ent)

    # ---- 01 clean: heading styles, 2-col cover, pasted screenshots, plan-only 2.2.2 section
    keys = FULL[:8] + ["2.2.2"] + FULL[8:]
    spec, rng = base_spec(0, "zj_a_01_恒锐汽配", keys, "2024-04-18", n_eq=13, net_target=0.77)
    f, ev, cnt, st, stated = write_dossier(out_dir, spec, rng)
    record(spec, f, ev, cnt, st, stated, "2024-04-18", True,
           "汽车零部件企业的完整举证材料DOCX（Word标题样式逐项举证、截图贴入正文、电子章）和两页签的设备购置一览表XLSX；2.2.2供应链协同仅写规划且声明不申报。",
           [], not_keys=["2.2.2"])

    # ---- 02 clean: plain numbered headings, 4-column grid, units in qty cells, two screenshots attached,
    #      1.3 a) exactly 300 字 (limit is 不超过300字, so allowed), 流程行业 without 2.x indicators
    keys = ["1.1", "1.2", "1.3a", "1.3c", "1.3d", "1.3e", "3.1.2", "3.2.1", "3.2.2", "3.2.3", "3.2.4", "3.2.5", "3.3.1s",
            "3.3.2s", "3.3.3s", "3.4.3", "3.5"]
    spec, rng = base_spec(1, "zj_a_02_柯美纺织", keys, "2024-05-10", n_eq=11, net_target=0.81, plain=True, grid4=True,
                          paste_default=False, seal=False,
                          xlsx_opts=dict(amount_col=False, unit_in_qty=True), docx_name="举证材料（定稿）.docx")
    spec["exact"] = {"1.3a": 300}
    spec["targets"]["1.3a"] = 285
    spec["shots"] = {"3.2.1": ("attach", "IMG_20240306_101522.png", True), "3.2.3": ("attach", "IMG_20240306_101907.png", True),
                     "3.5": "paste", "3.2.5": "paste", "3.2.2": "paste", "3.2.4": "paste", "3.3.1s": "paste", "3.3.2s": "paste", "3.3.3s": "paste", "3.1.2": "paste",
                     "3.4.3": "paste", "1.3a": "none", "1.3c": "paste", "1.3d": "paste"}
    f, ev, cnt, st, stated = write_dossier(out_dir, spec, rng)
    record(spec, f, ev, cnt, st, stated, "2024-05-10", True,
           "印染企业举证材料：编号加粗段落作标题、四栏基本信息表、两张截图以手机文件名另附；1.3 a)场景描述恰好300字（不超过300字，合规）；未申报模式创新类指标。",
           [])

    # ---- 03 clean: zip containing PDF printed from Word + xlsx + a screenshot in 新建文件夹; investment in 亿元;
    #      数字化管理 renumbered 3.4.x (seed prints 3.3.x twice)
    keys = ["1.1", "1.3a", "1.3b", "1.3c", "1.3d", "1.3e", "2.2.1", "2.3.1", "3.1.1", "3.1.3", "3.2.2", "3.2.3", "3.2.4",
            "3.4.1", "3.4.2", "3.5"]
    spec, rng = base_spec(2, "zj_a_03_力拓液压.zip", keys, "2024-06-03", n_eq=12, net_target=0.84, renumber=True,
                          pdf_shots=("2.2.1", "2.3.1", "3.2.2", "3.4.2", "3.1.1", "3.5"))
    tmp = out_dir / "_tmp03"
    tmp.mkdir(exist_ok=True)
    pdf_path = tmp / "扫描件001.pdf"
    ev, cnt, st = docx_to_pdf_like(spec, pdf_path, rng)
    write_xlsx(tmp / "设备清单.xlsx", spec["company"]["name"], spec["rows"], spec["soft"], {})
    shot = screenshot(f"{spec['company']['co']} WMS库位管理界面", "table", rng)
    zpath = out_dir / spec["name"]
    with zipfile.ZipFile(zpath, "w", zipfile.ZIP_DEFLATED) as z:
        for arc, data in [("力拓液压未来工厂申报/扫描件001.pdf", pdf_path.read_bytes()),
                          ("力拓液压未来工厂申报/设备清单.xlsx", (tmp / "设备清单.xlsx").read_bytes()),
                          ("力拓液压未来工厂申报/新建文件夹/截图1.png", shot)]:
            zi = zipfile.ZipInfo(arc, date_time=(2024, 5, 28, 9, 30, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)
    for p in tmp.iterdir():
        p.unlink()
    tmp.rmdir()
    labels.append(dict(name=spec["name"], as_of="2024-06-03", clean=True,
                       description="液压件企业以zip提交：Word打印的PDF举证材料（扫描件001.pdf，有文字层）、设备清单.xlsx、新建文件夹内截图；投资额以亿元表述、数字化管理章节按3.4.x重新编号。",
                       defects=[], narratives=[narr_entry("力拓液压未来工厂申报/扫描件001.pdf", ev)],
                       _debug=dict(word_counts=dict(cnt), equipment=st)))

    # ---- 04 defect: 3.2.1 计划调度 under 1000 字
    keys = ["1.1", "1.2", "1.3a", "1.3c", "1.3e", "3.1.1", "3.2.1", "3.2.2", "3.2.3", "3.2.5", "3.3.1s", "3.4.1", "3.5"]
    spec, rng = base_spec(3, "zj_a_04_瓯航电器", keys, "2024-04-25", n_eq=12, net_target=0.74)
    spec["targets"]["3.2.1"] = 640
    f, ev, cnt, st, stated = write_dossier(out_dir, spec, rng)
    n = cnt["3.2.1"]
    record(spec, f, ev, cnt, st, stated, "2024-04-25", False,
           "低压电器企业的标准举证材料DOCX+设备一览表XLSX，其中3.2.1计划调度的简明文字说明明显不足1000字。",
           [defect("WORD_COUNT_BELOW_MINIMUM", "error", spec["docx_name"], "3.2.1 计划调度 简明文字说明",
                   "1000-1500字", f"实际{n}字（Word字数统计）", "3.2.1 智能化生产 计划调度 … 1000-1500 字简明文字说明")])

    # ---- 05 defect: 1.3 a) over 300 字; 3.3.3 信息安全 over 800 字
    keys = ["1.1", "1.2", "1.3a", "1.3b", "1.3c", "1.3d", "1.3e", "2.1.1", "3.1.1", "3.2.1", "3.2.2", "3.2.3", "3.2.4",
            "3.3.1s", "3.3.3s", "3.4.4", "3.5"]
    spec, rng = base_spec(4, "zj_a_05_华晟电机", keys, "2024-05-16", n_eq=13, net_target=0.8)
    spec["targets"]["1.3a"] = 430
    spec["targets"]["3.3.3s"] = 1000
    POOL["1.3a"]["tri"] = POOL["1.3a"]["tri"]  # uses GENERIC filler to exceed
    f, ev, cnt, st, stated = write_dossier(out_dir, spec, rng)
    record(spec, f, ev, cnt, st, stated, "2024-05-16", False,
           "电机企业举证材料DOCX，1.3 a)数字孪生场景描述超过300字上限，3.3.3信息安全简明文字说明超过800字上限。",
           [defect("WORD_LIMIT_EXCEEDED", "error", spec["docx_name"], "1.3 a) 数字孪生技术 场景描述",
                   "不超过300字", f"实际{cnt['1.3a']}字（Word字数统计）", "提供场景描述（不超过 300 字）和应用视频、图片资料"),
            defect("WORD_LIMIT_EXCEEDED", "error", spec["docx_name"], "3.3.3 信息安全 简明文字说明",
                   "500-800字", f"实际{cnt['3.3.3s']}字（Word字数统计）", "3.3.3 安全化管控 信息安全 … 500-800 字简明文字说明")])

    # ---- 06 defect: stated 装备联网率 not what the equipment list gives
    keys = ["1.1", "1.2", "1.3a", "1.3b", "1.3c", "1.3e", "2.2.3", "3.1.1", "3.1.2", "3.2.1", "3.2.2", "3.2.3",
            "3.2.5", "3.3.1s", "3.3.3s", "3.4.1", "3.5"]
    spec, rng = base_spec(5, "zj_a_06_锦泰泵业", keys, "2024-04-30", n_eq=13, net_target=0.72)
    st0 = eq_stats(spec["rows"], spec["soft"])
    spec["stated_override"] = {"rate": 82.4}
    spec["net_sentence"] = "截至2023年底，公司在册生产装备共{total}台套，主要生产装备已基本接入{mes}和设备物联平台，企业装备联网率达{rate}%，设备清单详见附录2。"
    f, ev, cnt, st, stated = write_dossier(out_dir, spec, rng)
    record(spec, f, ev, cnt, st, stated, "2024-04-30", False,
           "水泵企业举证材料DOCX+设备一览表XLSX；正文声称装备联网率82.4%，而一览表“是否联网”统计只有约" + f"{st0['rate']}%。",
           [defect("CALCULATION_MISMATCH", "error", spec["docx_name"], "1.3 e) 装备联网率",
                   f"{st0['net']}/{st0['total']}×100%={st0['rate']}%（附录2“智能制造装备”页签是否联网=是的台套数/台套数合计）",
                   "82.4%", "装备联网率=接入系统或平台的装备总数/装备总数×100%　提供设备清单")])

    # ---- 07 defect: investment total in prose ≠ equipment list; promised screenshot attachment missing
    keys = ["1.1", "1.2", "1.3a", "1.3c", "1.3d", "1.3e", "2.1.1", "3.1.1", "3.2.1", "3.2.2", "3.2.3", "3.2.4",
            "3.3.2s", "3.4.1", "3.4.4", "3.5"]
    spec, rng = base_spec(6, "zj_a_07_天丰家居", keys, "2024-05-22", n_eq=12, net_target=0.79)
    st0 = eq_stats(spec["rows"], spec["soft"])
    wrong_inv = round(st0["inv"] * 1.126 + 37.5, 2)
    spec["stated_override"] = {"inv": wrong_inv}
    spec["invest_sentence"] = "未来工厂建设过程中，公司智能制造软硬件累计投入{inv}万元，明细详见附录2设备系统购置情况一览表。"
    spec["shots"] = {"3.2.1": ("attach", "附件3-1 APS排产界面截图.png", False),
                     "3.2.2": ("attach", "附件3-2 MES工单执行监控截图.png", True)}
    f, ev, cnt, st, stated = write_dossier(out_dir, spec, rng)
    record(spec, f, ev, cnt, st, stated, "2024-05-22", False,
           "定制家具企业举证材料DOCX；正文智能制造软硬件累计投入与一览表两页签金额合计不符，3.2.1所称APS排产界面截图附件未随材料提交。",
           [defect("CALCULATION_MISMATCH", "error", spec["docx_name"], "1.1 d) 智能制造软硬件累计投入",
                   f"{st0['inv']:.2f}万元（附录2两页签金额合计：装备{st0['hw']:.2f}+软件及系统{st0['sw']:.2f}）",
                   f"{wrong_inv:,.2f}万元", "未来工厂建设过程中，智能制造软硬件累计投入。企业提供采购清单"),
            defect("MISSING_ATTACHMENT", "error", None, "3.2.1 计划调度 业务场景操作界面（附件3-1 APS排产界面截图）",
                   "正文称“详见附件《附件3-1 APS排产界面截图.png》”，应随材料提交", "材料中无此文件",
                   "提供实际业务场景操作界面录屏 CVR 和软件名称")])

    # ---- 08 defect: summary table claims 3.2.5 设备运维 but no section; staff count inconsistent
    keys = ["1.1", "1.2", "1.3a", "1.3b", "1.3c", "1.3e", "2.3.1", "3.1.1", "3.2.1", "3.2.2", "3.2.3", "3.3.1s",
            "3.4.1", "3.4.2", "3.5"]
    spec, rng = base_spec(7, "zj_a_08_新启动力", keys, "2024-06-12", n_eq=13, net_target=0.8, colon_lines=True)
    spec["summary_keys"] = keys[:11] + ["3.2.5"] + keys[11:]
    spec["staff_intro"] = spec["staff"] - 18
    f, ev, cnt, st, stated = write_dossier(out_dir, spec, rng)
    record(spec, f, ev, cnt, st, stated, "2024-06-12", False,
           "工程机械企业举证材料DOCX（“标签：值”式封面、前置自评汇总表）；汇总表申报3.2.5设备运维但正文无该节；员工总人数前后不一。",
           [defect("MISSING_EVIDENCE", "error", spec["docx_name"], "3.2.5 设备运维",
                   "自评汇总表申报本项，应有800-1000字简明文字说明及系统界面截图", "正文无3.2.5设备运维章节",
                   "3.2.5 智能化生产 设备运维 … 800-1000 字简明文字说明 … P 提供系统界面截图"),
            defect("INCONSISTENT_VALUE", "warning", spec["docx_name"], "1.2 工厂级员工总人数",
                   f"{spec['staff']}人（1.2 d 2) 工厂级员工总人数）", f"{spec['staff'] - 18}人（企业基本情况“在职员工”）",
                   "企业提供工厂级员工总人数及薪酬总支出（含社保、奖金）")],
           not_keys=["3.2.5"])

    # ---- 09 defect: 单价 column in 元 instead of 万元; 台套数 合计 row wrong
    keys = ["1.1", "1.2", "1.3a", "1.3c", "1.3d", "1.3e", "3.1.1", "3.1.2", "3.2.1", "3.2.2", "3.2.3", "3.2.4",
            "3.3.1s", "3.3.3s", "3.4.1", "3.5"]
    spec, rng = base_spec(8, "zj_a_09_晶瑞新材", keys, "2024-05-06", n_eq=12, net_target=0.86)
    st0 = eq_stats(spec["rows"], spec["soft"])
    spec["xlsx_opts"] = dict(amount_col=False, price_unit="元", qty_total_override=st0["total"] + 10)
    spec["xlsx_name"] = "设备购置一览表2024.xlsx"
    f, ev, cnt, st, stated = write_dossier(out_dir, spec, rng)
    record(spec, f, ev, cnt, st, stated, "2024-05-06", False,
           "氟化工新材料企业举证材料DOCX+设备一览表XLSX；一览表单价列改成“元”填报，装备页签台套数合计行与明细加总不符。",
           [defect("INVALID_UNIT", "warning", spec["xlsx_name"], "设备系统单价 (万元)",
                   "单价以万元填报（附录2表头“设备系统单价 (万元)”）", "表头改为“设备系统单价(元)”，数值按元填写（如" +
                   f"{int(round(spec['rows'][0]['price'] * 10000))}）", "设备系统单价 (万元)"),
            defect("CALCULATION_MISMATCH", "error", spec["xlsx_name"], "设备系统台套数 合计（智能制造装备页签）",
                   f"{st0['total']}（明细行台套数之和）", f"{st0['total'] + 10}",
                   "装备联网率=接入系统或平台的装备总数/装备总数×100%　提供设备清单")])

    # ---- 10 defect: no equipment list at all; 2.2.3 生产协同 under 800 字
    keys = ["1.1", "1.2", "1.3a", "1.3c", "1.3e", "2.2.3", "3.1.1", "3.2.1", "3.2.2", "3.2.3", "3.2.5", "3.3.1s",
            "3.4.1", "3.5"]
    spec, rng = base_spec(9, "zj_a_10_精工阀门", keys, "2024-04-08", n_eq=12, net_target=0.75, omit_xlsx=True)
    spec["targets"]["2.2.3"] = 520
    f, ev, cnt, st, stated = write_dossier(out_dir, spec, rng)
    record(spec, f, ev, cnt, st, stated, "2024-04-08", False,
           "阀门企业只交了一份举证材料DOCX，正文称设备一览表另附但未提交；2.2.3生产协同平台描述不足800字。",
           [defect("MISSING_ATTACHMENT", "error", None, "附录2 企业设备系统购置情况一览表（设备清单/采购清单）",
                   "随材料提交设备系统购置情况一览表", "材料中无设备清单文件",
                   "e) 企业的装备联网率达到较高水平。… 提供设备清单；未来工厂建设过程中，智能制造软硬件累计投入。企业提供采购清单"),
            defect("WORD_COUNT_BELOW_MINIMUM", "error", spec["docx_name"], "2.2.3 生产协同 协同平台描述",
                   "不少于800字", f"实际{cnt['2.2.3']}字（Word字数统计）", "提供协同平台描述(不少于800字)和平台业务界面截图、实例")])

    # debug info goes to a side file, labels.json keeps the exact format
    dbg = {e["name"]: e.pop("_debug") for e in labels}
    (out_dir / "labels.json").write_text(json.dumps(dict(writer=WRITER, program=PROGRAM, dossiers=labels),
                                                    ensure_ascii=False, indent=2), encoding="utf-8")
    if out_dir.resolve().parent.name == WRITER:
        (out_dir.resolve().parent / "debug_counts.json").write_text(
            json.dumps(dbg, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    generate(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "out"))
