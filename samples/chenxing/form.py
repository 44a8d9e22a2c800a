"""What a filled 晨星工厂 declaration says, and the form layout both renderers share.

The layout mirrors 附件1 of 鲁工信数据〔2022〕263号: a cover block, then 一、企业概况 (one
table, group label in column 0 merged down, label/value pairs after it), 二、数据赋能需求现状
and 三、企业财务证明材料. The DOCX writer and the scanned-page painter both walk the same
:class:`DeclarationForm`, so a scan shows exactly what the DOCX would.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from samples.chenxing.company_profile import Company, DataProfile

TITLE = "山东省数字经济“晨星工厂”申报书"
FILL_DATE = "2022年12月15日"

SIZE_OPTIONS = ("大型", "中型", "小型")
OWNERSHIP_OPTIONS = ("国有", "民营", "合资", "外资")
PROTOCOL_OPTIONS = ("OPC UA/DA", "ModBus", "ProfiBus", "CANBus", "其它：")
COLLECTION_TYPE_OPTIONS = ("智能网关", "传感器", "其它：")
NETWORK_OPTIONS = ("5G", "F5G", "PON全光网络", "时间敏感网络(TSN)", "WiFi6", "移动物联网(NB IoT)",
                   "Lora", "工业以太网", "其它：")
YES_NO = ("是", "否")
DCMM_LEVELS = ("二级", "三级", "三级以上")

ATTACHMENT_LINES = (
    "附件1、注册资金和注册成立时间证明（请提供申报单位营业执照扫描件）。",
    "附件2、财务状况和主营收入证明（请提供申报单位2020年、2021年财务报表）。",
    "附件3、员工数量证明（请提供近3个月的员工社保缴纳证明）。",
    "附件4、企业获得荣誉或资质证明材料（请提供企业荣誉或资质扫描件，不提供视为无）。",
    "附件5、企业股权结构",
    "附件6、其他可以证明企业经济情况的证明材料",
)


@dataclass(frozen=True)
class DeclarationData:
    cover_name: str
    company_name: str
    uscc: str
    legal_rep: str
    address: str
    registered_date: str
    registered_capital: str
    size: frozenset[str]
    ownership: frozenset[str]
    employees: str
    revenue: str
    invest_2020: str
    invest_2021: str
    profile: str
    industry: str
    contact_name: str
    contact_title: str
    contact_phone: str
    contact_email: str
    data: DataProfile
    fill_date: str = FILL_DATE

    @classmethod
    def from_company(cls, c: Company) -> DeclarationData:
        return cls(
            cover_name=c.name,
            company_name=c.name,
            uscc=c.uscc,
            legal_rep=c.legal_rep,
            address=c.address,
            registered_date=f"{c.established.year}年{c.established.month:02d}月{c.established.day:02d}日",
            registered_capital=str(c.capital_wan),
            size=frozenset({c.size}),
            ownership=frozenset({c.ownership}),
            employees=str(c.employees),
            revenue=c.revenue_wan(2021),
            invest_2020=f"{c.invest_wan[2020]}万元",
            invest_2021=f"{c.invest_wan[2021]}万元",
            profile=c.profile,
            industry=c.industry,
            contact_name=c.contact.name,
            contact_title=c.contact.title,
            contact_phone=c.contact.phone,
            contact_email=c.contact.email,
            data=c.data,
        )


@dataclass(frozen=True)
class Options:
    """A checkbox group; ``other_text`` is what is written after 其它：."""

    labels: tuple[str, ...]
    selected: frozenset[str]
    other_text: str = ""
    break_before: frozenset[str] = frozenset()  # options the printed form puts on a new line

    def ticked(self, label: str) -> bool:
        return label in self.selected


Value = str | Options


@dataclass(frozen=True)
class Row:
    """One table row: group label (merged down column 0) and label/value pairs.

    With two cells the value spans all remaining columns; ``span_label`` makes the label
    also cover the group column (the last row of table 二).
    """

    group: str | None
    cells: tuple[Value, ...]
    span_label: bool = False


@dataclass(frozen=True)
class FormTable:
    n_cols: int
    widths_mm: tuple[float, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class DeclarationForm:
    title: str
    cover: tuple[str, ...]
    sections: tuple[tuple[str, FormTable], ...]
    closing_heading: str
    closing_lines: tuple[str, ...] = field(default=ATTACHMENT_LINES)


def _opts(labels: tuple[str, ...], selected: frozenset[str], other: str = "",
          breaks: frozenset[str] = frozenset()) -> Options:
    return Options(labels, selected, other, breaks)


def build_form(d: DeclarationData) -> DeclarationForm:
    g1 = "企业基本信息"
    g2 = "企业联系人"
    overview = FormTable(
        n_cols=5,
        widths_mm=(16, 31, 47, 29, 47),
        rows=(
            Row(g1, ("企业全称", d.company_name)),
            Row(g1, ("通讯地址", d.address)),
            Row(g1, ("注册日期", d.registered_date, "注册资金(万元)", d.registered_capital)),
            Row(g1, ("企业规模", _opts(SIZE_OPTIONS, d.size))),
            Row(g1, ("企业类型", _opts(OWNERSHIP_OPTIONS, d.ownership))),
            Row(g1, ("企业人数", d.employees, "上年度企业营收(万元)", d.revenue)),
            Row(g1, ("2020 年数字化转型投入金额", d.invest_2020, "2021 年数字化转型投入金额", d.invest_2021)),
            Row(g1, ("企业简介", d.profile)),
            Row(g1, ("所属行业", d.industry)),
            Row(g2, ("姓名", d.contact_name, "职务", d.contact_title)),
            Row(g2, ("联系电话", d.contact_phone, "邮箱", d.contact_email)),
        ),
    )
    x = d.data
    groups = (
        "企业核心生产设备情况", "企业生产网络建设情况", "企业数据解析情况", "企业边缘云应用情况",
        "企业数据安全防护情况", "企业数据管理情况", "企业数据应用情况",
        "企业在数据采集、传输、存储、管理、应用方面改造目标和拟进行的具体内容",
    )
    security_labels = ("是否部署工业控制安全产品", "是否部署态势感知系统", "是否部署数据库安全管理系统",
                       "是否部署数据泄露防护系统", "是否部署数据脱敏系统")
    plan_labels = ("计划数据采集方面改造内容", "计划数据传输方面改造内容", "计划数据存储方面改造内容",
                   "计划数据管理方面改造内容", "计划数据应用层面改造内容")
    rows: list[Row] = [
        Row(groups[0], ("设备数量", x.device_count)),
        Row(groups[0], ("主要设备型号", x.device_models)),
        Row(groups[0], ("支持通讯协议", _opts(PROTOCOL_OPTIONS, x.protocols, x.protocol_other,
                                               frozenset({"其它："})))),
        Row(groups[0], ("主要设备是否加装数据采集设备", _opts(YES_NO, x.collection_fitted))),
        Row(groups[0], ("如是，选择数据采集设备类型", _opts(COLLECTION_TYPE_OPTIONS, x.collection_types,
                                                          x.collection_other))),
        Row(groups[1], ("新型网络技术使用情况", _opts(NETWORK_OPTIONS, x.network, x.network_other))),
        Row(groups[2], ("是否建设工业网络数据解析节点", _opts(YES_NO, x.parse_node))),
        Row(groups[2], ("如是，填写数据解析注册量", x.parse_registrations)),
        Row(groups[3], ("是否已建设企业边缘云", _opts(YES_NO, x.edge_cloud))),
        Row(groups[3], ("如已建设，描述服务器数量、存储能力和算力", x.edge_cloud_desc)),
    ]
    rows += [Row(groups[4], (label, _opts(YES_NO, sel))) for label, sel in zip(security_labels, x.security)]
    rows += [
        Row(groups[5], ("是否通过 DCMM 贯标", _opts(YES_NO, x.dcmm))),
        Row(groups[5], ("如通过，选择 DCMM 等级", _opts(DCMM_LEVELS, x.dcmm_level))),
        Row(groups[6], ("是否基于用户数据分析实施产品创新", _opts(YES_NO, x.innovation))),
        Row(groups[6], ("如是，描述产品创新内容", x.innovation_desc)),
    ]
    rows += [Row(groups[7], (label, plan)) for label, plan in zip(plan_labels, x.plans)]
    rows.append(Row(None, ("企业改造拟投入的资金总额(万元)", x.total_invest_wan), span_label=True))
    demand = FormTable(n_cols=3, widths_mm=(28, 50, 92), rows=tuple(rows))
    return DeclarationForm(
        title=TITLE,
        cover=(
            f"申报单位（盖章）：{d.cover_name}",
            f"统一社会信用代码：{d.uscc}",
            f"法定代表人：{d.legal_rep}",
            f"填报日期：{d.fill_date}",
        ),
        sections=(("一、企业概况", overview), ("二、数据赋能需求现状", demand)),
        closing_heading="三、企业财务证明材料",
    )
