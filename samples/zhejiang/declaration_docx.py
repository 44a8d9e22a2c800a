"""The 未来工厂 declaration as a Word file: cover lines, the 基本信息 table, then the
scenario descriptions under Word heading styles, numbered after the evaluation index.

The index (shared/seeds/002) prints no form, so the layout is what applicants use in
practice: 一、企业基本信息 (label/value table), 二、关键技术 (1.x), 三、模式创新 (2.x),
四、能力建设 (3.x), each scenario a Heading 3/4 such as "1.3.1 数字孪生" followed by plain
paragraphs. A heading is written only when something is under it, so a dossier that does
not claim a 2.x mode has no empty 2.x headings.
"""
from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from docx.document import Document as DocxDocument
from docx.enum.table import WD_ALIGN_VERTICAL
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from samples.chenxing.declaration_docx import OPTION_GAP
from samples.render.docx import a4_document, add_heading, add_title
from samples.render.archive import normalize_zip
from samples.zhejiang.company import Basics

TITLE = "浙江省“未来工厂”申报书"
FILL_DATE = "2024年06月20日"
SIZE_OPTIONS = ("大型", "中型", "小型")
CONSTRUCTION_TYPES = ("创新突破领航型", "集群示范头雁型", "协同共生链主型", "业态变革平台型")
ATTACHMENT_LINES = (
    "附件1：营业执照（副本）扫描件",
    "附件2：企业设备系统购置情况一览表",
    "附件3：系统界面截图",
)

# Section key → its paragraphs, in any order (the outline fixes the order).
Texts = Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class Node:
    level: int  # Word heading level
    number: str  # "二、" for level 1, "1.3.1" below
    title: str
    key: str | None = None  # the catalogue section this heading opens
    intro: str | None = None  # fixed text (not a catalogue section) written under it
    children: tuple["Node", ...] = field(default_factory=tuple)

    @property
    def heading(self) -> str:
        return f"{self.number}{self.title}" if self.level == 1 else f"{self.number} {self.title}"


def _n(level: int, number: str, title: str, key: str | None = None, intro: str | None = None,
       *children: Node) -> Node:
    return Node(level, number, title, key, intro, tuple(children))


OUTLINE: tuple[Node, ...] = (
    _n(1, "二、", "关键技术", None, None,
       _n(2, "1.1", "支撑保障条件", intro="support"),
       _n(2, "1.2", "数字化生态组织", intro="organisation"),
       _n(2, "1.3", "新一代信息技术", None, None,
          _n(3, "1.3.1", "数字孪生", "s_1_3_a_digital_twin"),
          _n(3, "1.3.2", "人工智能", "s_1_3_b_artificial_intelligence"),
          _n(3, "1.3.3", "工业互联网平台", "s_1_3_c_industrial_internet_platform"),
          _n(3, "1.3.4", "5G网络", "s_1_3_d_5g_network"),
          _n(3, "1.3.5", "装备联网率", intro="rate"))),
    _n(1, "三、", "模式创新", None, None,
       _n(2, "2.1", "个性化定制", None, None,
          _n(3, "2.1.1", "模块化设计", "s_2_1_1_modular_design", None,
             _n(4, "2.1.1.1", "需求精准识别", "s_2_1_1_a_demand_identification"),
             _n(4, "2.1.1.2", "模块部件通用化", "s_2_1_1_b_module_generalization"),
             _n(4, "2.1.1.3", "产品设计标准库", "s_2_1_1_c_design_standard_library"),
             _n(4, "2.1.1.4", "装配序列与产线平衡", "s_2_1_1_e_assembly_line_balancing")),
          _n(3, "2.1.2", "模块化生产", None, None,
             _n(4, "2.1.2.1", "产供销协同", "s_2_1_2_a_supply_sales_collaboration"),
             _n(4, "2.1.2.2", "自适应物流", "s_2_1_2_b_adaptive_logistics"),
             _n(4, "2.1.2.3", "智能排产与混线生产", "s_2_1_2_c_intelligent_scheduling"),
             _n(4, "2.1.2.4", "订单与装备智能匹配", "s_2_1_2_d_order_equipment_matching")),
          _n(3, "2.1.3", "个性化组合", None, None,
             _n(4, "2.1.3.1", "个性化组合虚拟验证", "s_2_1_3_a_virtual_validation"),
             _n(4, "2.1.3.2", "个性化组合生产组织", "s_2_1_3_b_combination_production"))),
       _n(2, "2.2", "网络化协同", None, None,
          _n(3, "2.2.1", "研发设计协同", "s_2_2_1_rd_collaboration"),
          _n(3, "2.2.3", "生产协同", "s_2_2_3_production_collaboration")),
       _n(2, "2.3", "服务化延伸", None, None,
          _n(3, "2.3.1", "产品生命周期服务延伸", None, None,
             _n(4, "2.3.1.1", "设备健康管理服务", "s_2_3_1_a_equipment_health"),
             _n(4, "2.3.1.2", "工业产品远程运维", "s_2_3_1_b_remote_maintenance"),
             _n(4, "2.3.1.3", "设备融资租赁服务", "s_2_3_1_c_financial_leasing")),
          _n(3, "2.3.2", "供应链/产业链服务延伸", None, None,
             _n(4, "2.3.2.1", "供应链云化应用", "s_2_3_2_a_supply_chain_cloud"),
             _n(4, "2.3.2.2", "制造能力共享", "s_2_3_2_b_capacity_sharing"),
             _n(4, "2.3.2.3", "供应链信用评价", "s_2_3_2_c_credit_evaluation")),
          _n(3, "2.3.3", "检验检测认证服务延伸", None, None,
             _n(4, "2.3.3.1", "对外检验检测认证服务", "s_2_3_3_a_testing_certification"),
             _n(4, "2.3.3.2", "环境检测服务", "s_2_3_3_b_environmental_testing"),
             _n(4, "2.3.3.3", "检测数据共享服务", "s_2_3_3_c_test_data_sharing")),
          _n(3, "2.3.4", "承包集成服务延伸", None, None,
             _n(4, "2.3.4.1", "离散行业智能工厂解决方案", "s_2_3_4_a_discrete_solution"),
             _n(4, "2.3.4.2", "流程行业智能工厂解决方案", "s_2_3_4_b_process_solution"),
             _n(4, "2.3.4.3", "创新创业综合解决方案", "s_2_3_4_c_innovation_solution")))),
    _n(1, "四、", "能力建设", None, None,
       _n(2, "3.1", "数字化设计", None, None,
          _n(3, "3.1.1", "产品研发与设计", "s_3_1_1_product_design"),
          _n(3, "3.1.2", "工艺设计", "s_3_1_2_process_design"),
          _n(3, "3.1.3", "试验设计", "s_3_1_3_test_design")),
       _n(2, "3.2", "智能化生产", None, None,
          _n(3, "3.2.1", "计划调度", "s_3_2_1_planning_scheduling"),
          _n(3, "3.2.2", "生产执行", "s_3_2_2_production_execution"),
          _n(3, "3.2.3", "质量管控", "s_3_2_3_quality_control"),
          _n(3, "3.2.4", "物流配送", "s_3_2_4_logistics"),
          _n(3, "3.2.5", "设备运维", "s_3_2_5_equipment_maintenance")),
       _n(2, "3.3", "安全化管控", None, None,
          _n(3, "3.3.1", "生产安全", "s_3_3_1_production_safety"),
          _n(3, "3.3.2", "作业安全", "s_3_3_2_operation_safety"),
          _n(3, "3.3.3", "信息安全", "s_3_3_3_information_security")),
       _n(2, "3.4", "数字化管理", None, None,
          _n(3, "3.4.1", "精益制造", "s_3_4_1_lean_manufacturing"),
          _n(3, "3.4.2", "精准服务", "s_3_4_2_precision_service"),
          _n(3, "3.4.3", "风险防控", "s_3_4_3_risk_control"),
          _n(3, "3.4.4", "智能决策", "s_3_4_4_intelligent_decision")),
       _n(2, "3.5", "绿色化制造", "s_3_5_green_manufacturing")),
)


def walk(nodes: tuple[Node, ...] = OUTLINE) -> Iterator[Node]:
    for node in nodes:
        yield node
        yield from walk(node.children)


SECTION_HEADINGS: dict[str, str] = {n.key: n.title for n in walk() if n.key}


def intro_text(name: str, b: Basics) -> tuple[str, ...]:
    """The fixed paragraphs under 1.1, 1.2 and 1.3.5; they repeat the stated figures."""
    if name == "support":
        return (
            "公司成立了由总经理任组长的未来工厂建设领导小组，设立数字化中心统筹推进智能制造规划和项目实施；与高校、"
            "科研院所和数字化转型解决方案供应商建立长期合作机制，引进智能制造领域高级人才9名。工厂本级负责智能制造"
            f"相关工作的人员{b.smart_staff}人，专业涵盖电气、电子信息、自动化、计算机和机械等领域。未来工厂建设以来，"
            f"智能制造软硬件累计投入{b.investment}万元，采购清单见附件企业设备系统购置情况一览表。",
        )
    if name == "organisation":
        return (
            "公司制定了智能制造专项战略规划，建立了未来工厂项目组织架构和配套的人力资源管理制度，工厂车间制定了质量、"
            f"安全和人员激励等方面的制度规范。工厂级员工总人数{b.employees}人，上年度员工薪酬总支出（含社保、奖金）"
            f"{b.payroll}万元。",
        )
    if name == "rate":
        return (f"截至2024年5月底，未来工厂设备总数{b.equipment_total}台（套），装备联网率{b.rate}%，设备清单详见附件。",)
    raise KeyError(name)


def _included(node: Node, texts: Texts) -> bool:
    if node.intro or (node.key and node.key in texts):
        return True
    return any(_included(c, texts) for c in node.children)


def _options(labels: tuple[str, ...], ticked: frozenset[str]) -> str:
    return OPTION_GAP.join(("☑" if label in ticked else "□") + label for label in labels)


def _basics_rows(b: Basics) -> list[tuple[str, ...]]:
    """Label/value pairs per row; a row with one pair spans the value over three columns."""
    return [
        ("企业名称", b.company_name),
        ("统一社会信用代码", b.uscc, "法定代表人", b.legal_rep),
        ("注册地址", b.address),
        ("所在地区", b.location, "所属行业", b.industry),
        ("企业规模", _options(SIZE_OPTIONS, b.size)),
        ("建设类型", _options(CONSTRUCTION_TYPES, b.construction_type)),
        ("未来工厂名称", b.factory_name),
        ("上年度营业收入(万元)", b.revenue, "工厂级员工总人数(人)", b.employees),
        ("员工薪酬总支出(万元)", b.payroll, "智能制造相关工作人员数(人)", b.smart_staff),
        ("智能制造软硬件累计投入(万元)", b.investment, "设备总数(台套)", b.equipment_total),
        ("装备联网率(%)", b.rate),
        ("联系人", b.contact_name, "职务", b.contact_title),
        ("联系电话", b.contact_phone, "电子邮箱", b.contact_email),
    ]


def _basics_table(doc: DocxDocument, b: Basics) -> None:
    rows = _basics_rows(b)
    widths = (40, 48, 40, 42)
    table = doc.add_table(rows=len(rows), cols=4)
    table.style = "Table Grid"
    table.autofit = False
    for r, row in enumerate(rows):
        if len(row) == 2:
            table.cell(r, 1).merge(table.cell(r, 3))
        for k, text in enumerate(row):
            cell = table.cell(r, k)
            if text:
                cell.paragraphs[0].add_run(text)
            if k % 2 == 0:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
    for r in range(len(rows)):
        for c, w in enumerate(widths):
            table.cell(r, c).width = Mm(w)


def _heading(doc: DocxDocument, text: str, level: int) -> None:
    add_heading(doc, text, level, {1: 15, 2: 14, 3: 13, 4: 12}[level])


def _body(doc: DocxDocument, text: str) -> None:
    p = doc.add_paragraph(text)
    p.paragraph_format.first_line_indent = Pt(24)
    p.paragraph_format.line_spacing = 1.25


def _write_nodes(doc: DocxDocument, nodes: tuple[Node, ...], texts: Texts, b: Basics) -> None:
    for node in nodes:
        if not _included(node, texts):
            continue
        _heading(doc, node.heading, node.level)
        paragraphs = texts.get(node.key, ()) if node.key else intro_text(node.intro, b) if node.intro else ()
        for text in paragraphs:
            _body(doc, text)
        _write_nodes(doc, node.children, texts, b)


def declaration_docx(b: Basics, texts: Texts) -> bytes:
    doc = a4_document("仿宋_GB2312")

    add_title(doc, TITLE, 20, "方正小标宋简体")
    for line in (f"申报单位（盖章）：{b.cover_name}", f"未来工厂名称：{b.factory_name}", f"填报日期：{FILL_DATE}"):
        doc.add_paragraph(line)

    _heading(doc, "一、企业基本信息", 1)
    _basics_table(doc, b)
    _write_nodes(doc, OUTLINE, texts, b)
    _heading(doc, "五、附件目录", 1)
    for line in ATTACHMENT_LINES:
        doc.add_paragraph(line)

    props = doc.core_properties
    props.author = b.contact_name
    props.last_modified_by = b.contact_name
    props.title = ""
    props.comments = ""
    props.created = datetime(2024, 6, 17, 9, 5, 0)
    props.modified = datetime(2024, 6, 20, 17, 42, 0)
    props.revision = 7
    buf = io.BytesIO()
    doc.save(buf)
    return normalize_zip(buf.getvalue())
