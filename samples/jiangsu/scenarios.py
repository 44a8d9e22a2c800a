"""The scenarios the sample companies list, with the 环节 they write beside them and a line
on what was built.

The 环节 here is the samples' own record of the five 要素条件 环节 (工厂建设、研发设计、生产作业、
生产管理、运营管理); the test checks it against the catalogue's group_of_item instead of the
generator reading the catalogue, so a wrong mapping in either shows up.
"""
from __future__ import annotations

from dataclasses import dataclass

FACTORY, RD, OPERATION, MANAGEMENT, BUSINESS = "工厂建设", "研发设计", "生产作业", "生产管理", "运营管理"
STAGES = (FACTORY, RD, OPERATION, MANAGEMENT, BUSINESS)


@dataclass(frozen=True)
class Scenario:
    name: str  # as printed in 《指引》/《自评价参考》
    stage: str  # one of STAGES
    content: str  # 建设内容/说明


_ALL = (
    Scenario("数字孪生工厂运营优化", FACTORY,
             "构建齿轮加工车间数字孪生系统，设备、产线两级模型与MES实时数据联动，实现车间运行状态三维可视化和异常回溯。"),
    Scenario("先进工业网络应用", FACTORY,
             "建成覆盖机加工、热处理、装配车间的5G专网和千兆工业环网，设备接入率96%，关键业务数据传输时延小于20毫秒。"),
    Scenario("工业信息安全管控", FACTORY,
             "部署工业防火墙、工控主机防病毒和安全审计系统，生产网与办公网逻辑隔离，每年开展信息安全风险评估。"),
    Scenario("工厂数据资源管理", FACTORY,
             "建设数据中台，制定主数据和指标数据标准，设立数据治理小组，实现研发、生产、经营数据统一管理和共享。"),
    Scenario("产品数字化研发设计", RD,
             "应用三维CAD和PDM系统开展减速机产品设计，建立标准件库和典型产品设计知识库，设计数据统一管理和版本控制。"),
    Scenario("工艺数字化设计", RD,
             "上线CAPP工艺设计管理系统，工艺文件结构化管理和电子审批，建立齿轮加工典型工艺模型，关键工艺信息重用率70%。"),
    Scenario("虚拟验证与中试", RD,
             "基于三维模型开展齿轮啮合、箱体强度和热变形仿真，仿真结果与工艺设计双向交互，样机试制次数减少40%。"),
    Scenario("产线柔性配置", OPERATION,
             "建成两条模块化齿轮加工柔性产线，工装和程序参数化，换型时间由4小时缩短至45分钟。"),
    Scenario("人机协同作业", OPERATION,
             "在装配工位部署协作机器人完成轴承压装和螺栓拧紧，人机协同完成复杂装配任务，装配效率提升25%。"),
    Scenario("工艺动态优化", OPERATION,
             "采集磨齿机主轴负载、砂轮修整等参数，应用多设备联合寻优算法优化磨削参数组合，齿形精度合格率提升至99.2%。"),
    Scenario("在线智能检测", OPERATION,
             "齿轮测量中心和机器视觉检测设备在线检测齿形与表面缺陷，检测结果自动判定并上传质量系统。"),
    Scenario("设备运行监控", OPERATION,
             "设备物联平台实时采集186台设备运行数据，开展数据可视化、历史查询和报表分析，设备综合效率提升8个百分点。"),
    Scenario("数智精益管理", OPERATION,
             "以精益生产为主线，应用电子看板、6S和六西格玛方法，建设生产数据采集与管理系统，实时监控工序节拍和在制品，"
             "识别浪费并推动现场持续改善，在制品库存下降18%。"),
    Scenario("生产计划优化", MANAGEMENT,
             "ERP与MES集成，综合订单、产能、物料等多因子约束自动生成主生产计划并动态调整，准时交货率提升至97%。"),
    Scenario("智能排产调度", MANAGEMENT,
             "部署APS高级计划排程系统，处理多工序、多资源排产调度，插单时自动重排并下发到机台。"),
    Scenario("质量追溯与分析改进", MANAGEMENT,
             "建立质量管理系统（QMS），一物一码关联原材料、工序和检测数据，实现质量问题全程记录、跟踪和追溯。"),
    Scenario("设备智能运维", MANAGEMENT,
             "建立设备运维管理平台，实时采集关键运行参数，开展故障分析和远程诊断，非计划停机时间下降30%。"),
    Scenario("智能仓储", MANAGEMENT,
             "建设立体仓库和仓储管理系统（WMS），实现库位分配、出入库和移库管理，库存周转天数缩短12天。"),
    Scenario("精准配送", MANAGEMENT,
             "AGV与WMS、MES集成，按工位需求实现关键件及时配送。"),
    Scenario("能源智能管控", MANAGEMENT,
             "部署能耗在线监测系统，对电、气、水等能源输送和使用全面监控，结合生产计划开展能源调度，单位产值能耗下降9%。"),
    Scenario("安全一体化管控", MANAGEMENT,
             "建立生产安全管控系统，集成安全培训和风险管理知识库，自动识别潜在安全风险并预警。"),
    Scenario("供应商数智化管理", BUSINESS,
             "上线供应商管理系统（SRM），对供货质量、交付、响应、成本等进行量化评价和分级管理。"),
    Scenario("全员数字化管理", BUSINESS,
             "组织全员数字化能力培训，覆盖数字化工具使用和数据分析，建立员工技能数字档案。"),
    Scenario("供应链计划协同优化", BUSINESS,
             "与主要客户和供应商共享需求预测与库存数据，建立采购、生产、库存计划协同机制。"),
    Scenario("智能客户服务", BUSINESS,
             "建立客户服务平台和客户关系管理系统，为主机厂客户提供主动式服务和质量问题闭环处理。"),
)

SCENARIOS: dict[str, Scenario] = {s.name: s for s in _ALL}

# 建设内容 of a scenario listed before it was built (the unevidenced_scenario sample).
PLANNED_ONLY = {
    "工艺动态优化": "计划于2026年启动磨削工艺参数优化项目，目前正在开展需求调研和方案论证，尚未实施。",
}

# Rows whose 环节 cell the applicant leaves empty: the checker must place them by name.
STAGE_LEFT_BLANK = frozenset({"供应商数智化管理", "全员数字化管理"})


def pick(*names: str) -> tuple[Scenario, ...]:
    return tuple(SCENARIOS[n] for n in names)


# 先进级, 16 scenarios, every one described at 先进级 in the reference table.
ADVANCED_16 = pick(
    "产品数字化研发设计", "工艺数字化设计", "先进工业网络应用",
    "产线柔性配置", "人机协同作业", "工艺动态优化", "在线智能检测", "设备运行监控",
    "生产计划优化", "智能排产调度", "质量追溯与分析改进", "设备智能运维", "智能仓储", "能源智能管控",
    "供应商数智化管理", "全员数字化管理",
)
_DROPPED_FOR_TOO_FEW = {"工艺数字化设计", "人机协同作业", "能源智能管控", "设备智能运维"}
ADVANCED_12 = tuple(s for s in ADVANCED_16 if s.name not in _DROPPED_FOR_TOO_FEW)
# 16 again, but no 运营管理 scenario: the two are swapped for 生产管理 ones.
ADVANCED_NO_BUSINESS = tuple(s for s in ADVANCED_16 if s.stage != BUSINESS) + pick("精准配送", "安全一体化管控")
# 卓越级: 21 scenarios over all five 环节.
EXCELLENT_21 = ADVANCED_16 + pick("数字孪生工厂运营优化", "工业信息安全管控", "虚拟验证与中试",
                                  "供应链计划协同优化", "智能客户服务")
# 卓越级 attempt with 18 scenarios and no 运营管理.
EXCELLENT_18_NO_BUSINESS = ADVANCED_NO_BUSINESS + pick("数字孪生工厂运营优化", "工业信息安全管控")
# 领航级 attempt: 22 scenarios, no 研发设计.
LEADING_22_NO_RD = tuple(s for s in ADVANCED_16 if s.stage != RD) + pick(
    "数字孪生工厂运营优化", "工业信息安全管控", "工厂数据资源管理", "精准配送", "安全一体化管控",
    "供应链计划协同优化", "智能客户服务", "数智精益管理")
# 基础级 attempt: 6 scenarios, none in 生产作业.
BASIC_6_NO_OPERATION = pick("先进工业网络应用", "生产计划优化", "质量追溯与分析改进", "设备智能运维",
                            "智能仓储", "供应商数智化管理")
