"""The fictional applicant behind the 数据赋能优秀产品 samples, its product and its users.

Everything a document shows comes from here, so the documents of one dossier agree unless
a dossier's defect changes one of them on purpose. Names, codes, numbers and addresses are
invented; the credit code and the ID number carry valid check characters.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from samples.chenxing.company_profile import LUYUAN, Company
from samples.chenxing.uscc import make_uscc, org_code
from samples.data_product.id_number import make_id_number

CATEGORIES = ("数据采集类", "数据传输类", "数据存储类", "数据管理类", "数据应用类")
OWNERSHIP = ("国有", "民营", "合资", "外资")


@dataclass(frozen=True)
class Person:
    name: str
    sex: str
    ethnicity: str
    born: date
    address: str
    id_number: str


@dataclass(frozen=True)
class UserCompany:
    """A customer: a 赋能案例, and the signer of a 用户使用意见 or a contract."""

    name: str
    city: str
    seal_code: str


@dataclass(frozen=True)
class Vendor:
    key: str
    name: str
    uscc: str
    legal_rep: Person
    capital_wan: int
    capital_text: str  # as printed on the licence
    established: date
    address: str
    entity_type: str
    scope: str
    authority: str
    licence_date: date
    ownership: str
    employees: int
    industry: str
    contact_name: str
    contact_title: str
    contact_phone: str
    contact_mobile: str
    contact_fax: str
    contact_email: str
    seal_code: str


LEGAL_REP = Person(
    name="刘振华",
    sex="男",
    ethnicity="汉",
    born=date(1978, 3, 15),
    address="山东省济南市历下区燕子山路21号3号楼2单元501室",
    id_number=make_id_number("370102", date(1978, 3, 15), "251"),
)

LUSHU = Vendor(
    key="lushu",
    name="山东鲁数智联科技有限公司",
    uscc=make_uscc("91", "370102", org_code("MA3QX7R2")),
    legal_rep=LEGAL_REP,
    capital_wan=1000,
    capital_text="壹仟万元整",
    established=date(2016, 4, 12),
    address="山东省济南市历下区工业南路57号鲁数大厦12层",
    entity_type="有限责任公司（自然人投资或控股）",
    scope="软件开发；信息系统集成服务；物联网技术服务；工业互联网数据服务；数据处理和存储支持服务；"
          "计算机软硬件及辅助设备批发、零售。",
    authority="济南市历下区市场监督管理局",
    licence_date=date(2022, 3, 8),
    ownership="民营",
    employees=86,
    industry="制造业-化学原料和化学制品制造业-基础化学原料制造",
    contact_name="孙晓燕",
    contact_title="市场部经理",
    contact_phone="0531-86112345",
    contact_mobile="13953112468",
    contact_fax="0531-86112346",
    contact_email="sunxy@example.com",
    seal_code="3701020156734",
)

WEIFANG = UserCompany("潍坊恒信化工有限公司", "潍坊市", "3707030098215")
ZIBO = UserCompany("淄博鲁泰陶瓷有限公司", "淄博市", "3703030041172")
LINYI = UserCompany("临沂华宇机械制造有限公司", "临沂市", "3713020067390")


def licence_company(v: Vendor) -> Company:
    """The vendor as the 晨星工厂 licence renderer wants it. Only the fields a licence
    prints are set from the vendor; the rest of the record (a manufacturer's data profile)
    is never drawn on a licence."""
    return dataclasses.replace(
        LUYUAN, key=v.key, name=v.name, uscc=v.uscc, legal_rep=v.legal_rep.name,
        capital_wan=v.capital_wan, capital_text=v.capital_text, established=v.established,
        term_end=None, address=v.address, entity_type=v.entity_type, scope=v.scope,
        authority=v.authority, licence_date=v.licence_date, seal_code=v.seal_code,
    )


# ----- the product ----------------------------------------------------------------------

PRODUCT_NAME = "鲁数智联工业设备数据采集网关系统V3.0"
TWO_PRODUCTS_NAME = "数据采集网关及边缘计算平台"
CATEGORY = "数据采集类"

PROFILE = (
    "鲁数智联工业设备数据采集网关系统V3.0是山东鲁数智联科技有限公司自主研发的设备数字化改造软硬件产品，"
    "面向化工、建材、机械等流程和离散制造企业“老旧设备多、通讯协议杂、数据采不上来”的痛点而研制。"
    "产品由边缘采集网关硬件、协议解析引擎和设备数据管理平台三部分组成，核心技术包括多协议自适应解析、"
    "断点续传与边缘缓存、基于规则的数据清洗和轻量化边缘计算，支持Modbus、OPC UA、Profinet、"
    "西门子S7、三菱MC等80余种工业协议，可在不改动原有控制系统的前提下完成PLC、DCS、数控机床、"
    "仪器仪表等设备的数据采集。主要功能包括设备接入配置、实时数据采集、设备状态监测、报警推送、"
    "数据转发和远程运维，采集数据可按需上送企业私有云或工业互联网平台。产品已在省内化工、陶瓷、"
    "装备制造等行业30余家企业落地应用，累计接入设备4200余台套，获得软件著作权12项、发明专利2项，"
    "入选山东省首版次高端软件产品名单，在省内设备数据采集细分市场具有较强竞争力。"
)

# The same text grown past the 500-字 limit.
PROFILE_TOO_LONG = PROFILE + (
    "产品研发团队由35名工程师组成，其中具有十年以上工业自动化从业经历的骨干12人，"
    "与山东大学、齐鲁工业大学共建工业数据采集联合实验室，持续跟踪时间敏感网络、5G工业模组和"
    "边缘智能等新技术方向。V3.0版本在前两代产品基础上重构了协议解析引擎，采集周期由秒级提升到"
    "百毫秒级，单台网关可同时接入设备由32台提升到128台，并新增设备画像和数据质量评估功能，"
    "帮助企业在完成设备联网的同时建立规范的设备数据资产目录，为后续开展预测性维护、"
    "能耗优化和工艺优化等数据应用打下坚实基础。公司还为客户提供现场勘查、方案设计、安装调试和"
    "人员培训的一站式服务，平均交付周期不超过三十天。"
)

OVERALL_PLAN = (
    "产品定位：面向中小制造企业设备数字化改造的一体化数据采集解决方案，以“低改造、快部署、可扩展”为目标。",
    "技术路线：采用“边缘网关＋协议引擎＋管理平台”三层架构，边缘侧基于国产ARM处理器和实时Linux系统，"
    "平台侧采用微服务架构和时序数据库，支持私有化部署和云端部署两种模式。",
    "功能结构：设备接入管理、协议解析、数据采集与缓存、边缘计算规则、设备状态监测、报警管理、"
    "数据转发接口和远程运维八大功能模块。",
    "产品特性：协议覆盖广、现场免编程配置、断网数据不丢失、支持国产化软硬件环境，满足等保二级安全要求。",
)

CASES = (
    "案例一：潍坊恒信化工有限公司设备预测性维护项目。为其合成车间的126台机泵、压缩机和反应釜部署采集网关"
    "32台，实时采集振动、温度、电流等数据并建立设备健康模型，关键设备非计划停机次数同比下降41%，"
    "年节约维修费用约180万元。",
    "案例二：淄博鲁泰陶瓷有限公司能耗动态平衡项目。对辊道窑、球磨机、喷雾干燥塔等高耗能设备实施数据采集和"
    "能耗计量，结合生产计划动态调整窑炉燃气和电力负荷，单位产品综合能耗下降8.6%，年节约能源成本约260万元。",
    "案例三：临沂华宇机械制造有限公司生产工艺优化项目。接入数控机床、焊接机器人和热处理炉共212台套，"
    "采集加工参数与质量检测数据并开展关联分析，优化切削和热处理工艺参数，产品一次交检合格率由95.2%"
    "提升到98.7%。",
)

INNOVATION = (
    "产品入选山东省首版次高端软件产品名单，获得发明专利2项（一种多协议自适应的工业设备数据采集方法等）、"
    "软件著作权12项。创新点一是协议自适应识别技术，网关上电后自动扫描识别设备协议和点位，现场配置时间缩短"
    "70%；二是边缘缓存与断点续传机制，网络中断72小时内数据零丢失；三是采集规则模板库，沉淀化工、陶瓷、机械"
    "等行业设备模板300余个，实现同类设备一键复制接入。"
)

EFFECTIVENESS = (
    "截至2022年11月，产品已在省内30余家制造企业应用，累计部署网关860余台、接入设备4200余台套，"
    "2021年产品销售收入1860万元。应用企业设备联网率平均提升45个百分点，设备综合效率平均提升12%，"
    "带动企业年均降本增效超过200万元。随着全省工业企业数据赋能专项行动推进，预计未来三年省内设备数据采集"
    "改造市场规模超过50亿元，产品具有广阔的推广空间。"
)
