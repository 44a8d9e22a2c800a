"""The 山东省“产业大脑”评价指标体系 (seed 003 附件1) as the sample form prints it, and the
fictional 产业大脑 whose figures fill it.

The table is copied from the seed here rather than read from criteria/, so a label or unit
that drifts in the YAML shows up as a failing sample instead of following along.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Indicator:
    id: str  # L1P1 … L5P5, the seed's 编号
    group: str  # the seed's 类型, e.g. 一、产业发展水平
    name: str  # 指标名称 exactly as printed
    unit: str  # 单位; "" where the seed prints none (the answer is a description)
    key: str  # field key in criteria/sd-industry-brain.yaml


INDICATORS: tuple[Indicator, ...] = (
    Indicator("L1P1", "一、产业发展水平", "产业规模", "亿元", "l1p1_industry_scale"),
    Indicator("L1P2", "一、产业发展水平", "产业布局", "个", "l1p2_industry_layout"),
    Indicator("L1P3", "一、产业发展水平", "产业链健全性", "", "l1p3_chain_completeness"),
    Indicator("L1P4", "一、产业发展水平", "产业链企业数量", "家", "l1p4_chain_enterprises"),
    Indicator("L1P5", "一、产业发展水平", "产业链规上企业数量", "家", "l1p5_above_scale_enterprises"),
    Indicator("L1P6", "一、产业发展水平", "上市挂牌企业数量", "家", "l1p6_listed_enterprises"),
    Indicator("L1P7", "一、产业发展水平", "优势企业数量", "家", "l1p7_leading_enterprises"),
    Indicator("L1P8", "一、产业发展水平", "链主企业产值", "亿元", "l1p8_chain_leader_output"),
    Indicator("L1P9", "一、产业发展水平", "近三年获得奖励", "项", "l1p9_awards_3y"),
    Indicator("L1P10", "一、产业发展水平", "产业集聚度", "%", "l1p10_industry_concentration"),
    Indicator("L2P1", "二、数据支撑能力", "存储与计算资源", "", "l2p1_storage_computing"),
    Indicator("L2P2", "二、数据支撑能力", "产业数据仓", "TB", "l2p2_industry_data_warehouse"),
    Indicator("L2P3", "二、数据支撑能力", "行业数据仓", "TB", "l2p3_sector_data_warehouse"),
    Indicator("L2P4", "二、数据支撑能力", "企业数据仓", "TB", "l2p4_enterprise_data_warehouse"),
    Indicator("L3P1", "三、科技创新能力", "科技创新平台数量", "家", "l3p1_innovation_platforms"),
    Indicator("L3P2", "三、科技创新能力", "产学研合作", "个", "l3p2_industry_academia_projects"),
    Indicator("L3P3", "三、科技创新能力", "数字人才数量", "人", "l3p3_digital_talents"),
    Indicator("L3P4", "三、科技创新能力", "知识产权数量", "项", "l3p4_intellectual_property"),
    Indicator("L3P5", "三、科技创新能力", "技术标准数量", "项", "l3p5_technical_standards"),
    Indicator("L4P1", "四、数据价值释放能力", "“晨星工厂”培育能力", "家", "l4p1_chenxing_cultivation"),
    Indicator("L4P2", "四、数据价值释放能力", "工业大数据应用场景构建", "个", "l4p2_big_data_scenarios"),
    Indicator("L4P3", "四、数据价值释放能力", "能力组件构建水平", "个", "l4p3_capability_components"),
    Indicator("L4P4", "四、数据价值释放能力", "DCMM认证企业数量", "家", "l4p4_dcmm_enterprises"),
    Indicator("L4P5", "四、数据价值释放能力", "赋能工业互联网平台建设", "个", "l4p5_iiot_platforms"),
    Indicator("L4P6", "四、数据价值释放能力", "赋能行业应用创新", "次", "l4p6_industry_app_innovation"),
    Indicator("L4P7", "四、数据价值释放能力", "赋能产业链发展韧性", "家", "l4p7_chain_resilience"),
    Indicator("L4P8", "四、数据价值释放能力", "培育数据驱动的新业态新模式", "个", "l4p8_new_business_models"),
    Indicator("L5P1", "五、运营保障水平", "组织领导机制", "", "l5p1_leadership_mechanism"),
    Indicator("L5P2", "五、运营保障水平", "管理运营专业化", "", "l5p2_professional_operation"),
    Indicator("L5P3", "五、运营保障水平", "数据管理制度", "", "l5p3_data_management_rules"),
    Indicator("L5P4", "五、运营保障水平", "资金支持强度", "万元", "l5p4_funding_support"),
    Indicator("L5P5", "五、运营保障水平", "安全防护水平", "等级", "l5p5_security_level"),
)
BY_ID: dict[str, Indicator] = {i.id: i for i in INDICATORS}


@dataclass(frozen=True)
class Answer:
    """What the applicant writes for one indicator: the figure as typed and the unit it
    carries (None when the figure is a description)."""

    figure: str
    unit: str | None
    # How the figure reads when the unit is written into the value cell, where that is not
    # simply figure + unit.
    inline: str | None = None

    def with_unit(self) -> str:
        if self.inline is not None:
            return self.inline
        return self.figure + (self.unit or "")


# A fictional 潍坊 power-equipment 产业大脑; every figure with the seed's unit.
ANSWERS: dict[str, Answer] = {
    "L1P1": Answer("3,486.2", "亿元"),
    "L1P2": Answer("6", "个"),
    "L1P3": Answer("以链主企业潍坊鸿泰动力集团为核心，覆盖整机研发、关键零部件、动力总成、"
                   "再制造与后市场服务等上中下游环节，各环节均有规上企业布局。", None),
    "L1P4": Answer("1,268", "家"),
    "L1P5": Answer("412", "家"),
    "L1P6": Answer("17", "家"),
    "L1P7": Answer("86", "家"),
    "L1P8": Answer("1,052.7", "亿元"),
    "L1P9": Answer("9", "项"),
    "L1P10": Answer("38.6", "%"),
    "L2P1": Answer("建有全国一体化工业大数据中心山东工业云潍坊边缘中心1个，接入动力装备行业中心，"
                   "部署计算节点96个。", None),
    "L2P2": Answer("860", "TB"),
    "L2P3": Answer("420", "TB"),
    "L2P4": Answer("1,350", "TB"),
    "L3P1": Answer("58", "家"),
    "L3P2": Answer("34", "个"),
    "L3P3": Answer("2,460", "人"),
    "L3P4": Answer("3,218", "项"),
    "L3P5": Answer("47", "项"),
    "L4P1": Answer("36", "家"),
    "L4P2": Answer("128", "个"),
    "L4P3": Answer("215", "个"),
    "L4P4": Answer("14", "家"),
    "L4P5": Answer("9", "个"),
    "L4P6": Answer("56,800", "次"),
    "L4P7": Answer("23", "家"),
    "L4P8": Answer("15", "个"),
    "L5P1": Answer("坊子区人民政府成立由区长任组长的产业大脑推进工作小组，统筹推进产业大脑建设。", None),
    "L5P2": Answer("成立独立运营单位潍坊智造云数据科技有限公司，制定运营管理办法、数据服务规范等12项制度。", None),
    "L5P3": Answer("建立企业认证、数据登记、数据上架、数据交易、数据服务等标准规则管理体系。", None),
    "L5P4": Answer("52,000", "万元"),
    # 等级 is written the way applicants name it: 网络安全等级保护三级 (等保三级).
    "L5P5": Answer("三级", "等级", inline="网络安全等级保护三级"),
}
