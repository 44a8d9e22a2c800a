"""The fictional applicant of the 未来工厂 samples, its 设备系统购置情况一览表 and the 基本信息
values its declaration states.

The company is a chenxing ``Company`` (so ``samples.chenxing.license_image`` can draw its
licence); only the licence-facing fields matter here. Every figure the declaration states
about equipment and investment is derived from ``EQUIPMENT`` so the clean dossier agrees
with itself; defective dossiers override one stated value.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from samples.chenxing.company_profile import HENGRUI, Company, Contact
from samples.chenxing.uscc import make_uscc, org_code

# -- companies ------------------------------------------------------------------------------

ORUI = dataclasses.replace(
    HENGRUI,
    key="orui",
    name="浙江瓯瑞电气科技有限公司",
    uscc=make_uscc("91", "330382", org_code("14587263")),
    legal_rep="林国华",
    capital_wan=8000,
    capital_text="捌仟万元整",
    established=date(2009, 4, 16),
    term_end=None,
    address="浙江省温州市乐清市北白象镇电气大道1688号",
    entity_type="有限责任公司（自然人投资或控股）",
    scope="输配电及控制设备、智能低压电器、成套开关设备的研发、制造、销售；电力电子元器件制造；工业自动控制系统"
          "装置制造；软件开发；货物进出口。",
    authority="乐清市市场监督管理局",
    licence_date=date(2023, 3, 22),
    size="大型",
    employees=1268,
    city="温州市",
    contact=Contact("郑晓东", "数字化中心总监", "0577-62851234", "zhengxd@example.com"),
    seal_code="3303820046215",
)

# The same company when its 20-year term has run out before the as-of date.
ORUI_EXPIRED = dataclasses.replace(
    ORUI, key="orui_expired", established=date(2004, 4, 16), term_end=date(2024, 4, 15),
    licence_date=date(2019, 5, 8),
)

# A sister company's (valid) code: what a declaration copied from the wrong template carries.
SISTER_USCC = make_uscc("91", "330382", org_code("32917654"))

# A switchgear maker registered in Jiangsu applying to the Zhejiang programme.
SUZHOU = dataclasses.replace(
    ORUI,
    key="suzhou",
    name="苏州瑞能电气科技有限公司",
    uscc=make_uscc("91", "320506", org_code("50819372")),
    legal_rep="顾建平",
    capital_wan=5000,
    capital_text="伍仟万元整",
    established=date(2011, 9, 6),
    address="江苏省苏州市吴中区木渎镇金枫南路1258号",
    authority="苏州市吴中区市场监督管理局",
    licence_date=date(2022, 7, 14),
    city="苏州市",
    contact=Contact("陆文斌", "信息部经理", "0512-66281357", "luwb@example.com"),
    seal_code="3205060071853",
)

LOCATIONS = {"orui": "浙江省温州市乐清市", "orui_expired": "浙江省温州市乐清市", "suzhou": "江苏省苏州市吴中区"}
FACTORY_NAMES = {"orui": "瓯瑞电气智能低压电器未来工厂", "orui_expired": "瓯瑞电气智能低压电器未来工厂",
                 "suzhou": "瑞能电气智能配电设备未来工厂"}


# -- 附录2 企业设备系统购置情况一览表 ------------------------------------------------------------

EQUIPMENT_CATEGORY = "智能制造装备"
# 一级分类 left out of 装备联网率 and 设备总数 (criteria: equipment_networking_rate).
NOT_EQUIPMENT = ("工业控制系统与工业软件", "整体解决方案")


@dataclass(frozen=True)
class EquipmentRow:
    name: str
    model: str
    purchased: date
    category_1: str
    category_2: str
    category_3: str
    unit_price_wan: Decimal
    quantity: int
    domestic: bool
    networked: bool
    data_collection: bool
    info_receiving: bool

    @property
    def is_equipment(self) -> bool:
        return self.category_1 not in NOT_EQUIPMENT


def _row(name: str, model: str, purchased: str, c1: str, c2: str, c3: str, price: str, qty: int,
         flags: str) -> EquipmentRow:
    """flags: four Y/N letters for 国产 / 联网 / 数据采集 / 信息接收."""
    yes = [ch == "Y" for ch in flags]
    return EquipmentRow(name, model, date.fromisoformat(purchased), c1, c2, c3, Decimal(price), qty, *yes)


_EQ, _SW, _SOL = EQUIPMENT_CATEGORY, "工业控制系统与工业软件", "整体解决方案"

EQUIPMENT: tuple[EquipmentRow, ...] = (
    _row("断路器自动化装配生产线", "ORZ-MCCB-250", "2022-03-18", _EQ, "智能检测与装配装备", "可视化柔性装配装备", "680.00", 2, "YYYY"),
    _row("六轴工业机器人", "ER20-1700", "2022-04-12", _EQ, "工业机器人", "装配机器人", "28.50", 24, "YYYY"),
    _row("SCARA机器人", "LS6-B602S", "2022-04-12", _EQ, "工业机器人", "搬运机器人", "12.80", 16, "NYYY"),
    _row("数控转塔冲床", "EM-2510NT", "2022-05-20", _EQ, "数控机床", "数控机床", "96.00", 4, "NYYN"),
    _row("数控折弯机", "PBH-110-3100", "2022-05-26", _EQ, "数控机床", "数控机床", "45.00", 6, "YYYY"),
    _row("立式加工中心", "VMC850E", "2022-06-15", _EQ, "数控机床", "加工中心", "52.00", 8, "YYYY"),
    _row("激光打标机", "FM-20W", "2022-07-08", _EQ, "其它类型装备", "可组态（配置）装备", "8.60", 12, "YNNN"),
    _row("断路器特性自动检测台", "ORT-TX-800", "2022-07-22", _EQ, "智能检测与装配装备", "其它智能检测与装配装备", "36.00", 10, "YYYY"),
    _row("机器视觉外观检测系统", "OR-VIS-3000", "2022-09-05", _EQ, "智能检测与装配装备", "其它智能检测与装配装备", "18.50", 14, "YYYY"),
    _row("自动化立体仓库", "ASRS-6000", "2022-10-18", _EQ, "智能物流与仓储装备", "自动化立体仓库", "1260.00", 1, "YYYY"),
    _row("潜伏式AGV小车", "QR-600", "2022-11-02", _EQ, "智能物流与仓储装备", "车间物流成套装备", "16.80", 20, "YYYY"),
    _row("智能分拣输送线", "FJ-SS-120", "2022-11-25", _EQ, "智能物流与仓储装备", "输送与分拣成套装备", "220.00", 1, "YYYY"),
    _row("半自动绕线机", "RX-2A", "2023-01-10", _EQ, "其它类型装备", "其它", "3.20", 10, "YNNN"),
    _row("工业级光固化3D打印机", "UP-600", "2023-02-16", _EQ, "增材制造装备", "非金属增材制造装备", "38.00", 1, "YYYN"),
    _row("设备数据采集网关", "EG-8000", "2023-03-08", _EQ, "智能传感与控制装备", "信息采集系统装备", "1.85", 40, "YYYY"),
    _row("空压机群控系统", "KY-QK-06", "2023-04-20", _EQ, "智能传感与控制装备", "现场控制系统装备", "42.00", 1, "YYYY"),
    _row("MES制造执行系统", "V5.0", "2022-08-30", _SW, "生产制造类软件", "制造执行系统（MES）", "360.00", 1, "YYYY"),
    _row("APS高级计划排程系统", "V3.2", "2023-05-15", _SW, "生产制造类软件", "高级计算排产系统（APS）", "150.00", 1, "NYYY"),
    _row("WMS仓储管理系统", "V4.1", "2022-10-18", _SW, "经营管理类软件", "仓储物流系统（WMS）", "85.00", 1, "YYYY"),
    _row("SCADA数据采集与监视控制系统", "V2.6", "2023-03-08", _SW, "工业控制系统执行类软件",
         "数据采集与监视控制系统（SCADA）", "120.00", 1, "YYYY"),
    _row("数字化车间整体规划设计", "—", "2021-12-20", _SOL, "整体方案", "整体规划设计", "260.00", 1, "YNNN"),
)


def equipment_units(rows: tuple[EquipmentRow, ...] = EQUIPMENT) -> int:
    """装备总数: 台套 of the equipment rows (software and solutions left out)."""
    return sum(r.quantity for r in rows if r.is_equipment)


def networked_units(rows: tuple[EquipmentRow, ...] = EQUIPMENT) -> int:
    return sum(r.quantity for r in rows if r.is_equipment and r.networked)


def networking_rate(rows: tuple[EquipmentRow, ...] = EQUIPMENT) -> Decimal:
    """装备联网率 in %, rounded to two decimals as a form states it."""
    return (Decimal(networked_units(rows)) * 100 / Decimal(equipment_units(rows))).quantize(Decimal("0.01"))


def investment_wan(rows: tuple[EquipmentRow, ...] = EQUIPMENT) -> Decimal:
    """Σ 单价（万元）× 台套数 over every row: 智能制造软硬件累计投入."""
    return sum((r.unit_price_wan * r.quantity for r in rows), Decimal("0"))


def money_text(value: Decimal) -> str:
    return f"{value:,.2f}"


# -- the declaration's 基本信息 --------------------------------------------------------------

@dataclass(frozen=True)
class Basics:
    """The 基本信息 table and cover lines exactly as the declaration writes them."""

    cover_name: str
    company_name: str
    uscc: str
    legal_rep: str
    address: str
    location: str
    industry: str
    size: frozenset[str]
    construction_type: frozenset[str]
    factory_name: str
    revenue: str
    employees: str
    payroll: str
    smart_staff: str
    investment: str
    equipment_total: str
    rate: str
    contact_name: str
    contact_title: str
    contact_phone: str
    contact_email: str

    @classmethod
    def from_company(cls, c: Company) -> "Basics":
        return cls(
            cover_name=c.name,
            company_name=c.name,
            uscc=c.uscc,
            legal_rep=c.legal_rep,
            address=c.address,
            location=LOCATIONS[c.key],
            industry="制造业-电气机械和器材制造业-输配电及控制设备制造",
            size=frozenset({"大型"}),
            construction_type=frozenset({"集群示范头雁型"}),
            factory_name=FACTORY_NAMES[c.key],
            revenue="186,420.55",
            employees=str(c.employees),
            payroll="14,863.50",
            smart_staff="86",
            investment=money_text(investment_wan()),
            equipment_total=str(equipment_units()),
            rate=str(networking_rate()),
            contact_name=c.contact.name,
            contact_title=c.contact.title,
            contact_phone=c.contact.phone,
            contact_email=c.contact.email,
        )
