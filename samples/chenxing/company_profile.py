"""The fictional companies behind the sample dossiers.

Everything a document shows about a company comes from here, so the documents of one
dossier agree unless a dossier's defect changes one of them on purpose. Names, codes,
addresses and telephone numbers are invented; the codes carry valid check characters.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from samples.chenxing.uscc import make_uscc, org_code

YES = frozenset({"是"})
NO = frozenset({"否"})


@dataclass(frozen=True)
class Contact:
    name: str
    title: str
    phone: str
    email: str


@dataclass(frozen=True)
class Shareholder:
    name: str
    amount_wan: int  # 认缴出资额，万元
    method: str = "货币"


@dataclass(frozen=True)
class Honour:
    title: str  # the distinction, e.g. 山东省专精特新中小企业
    body: str  # the sentence printed on the certificate
    issuer: str
    issued: str  # as printed, e.g. 二〇二一年十二月
    number: str


@dataclass(frozen=True)
class DataProfile:
    """Answers to 二、数据赋能需求现状 (option groups as sets of ticked labels)."""

    device_count: str
    device_models: str
    protocols: frozenset[str]
    protocol_other: str
    collection_fitted: frozenset[str]
    collection_types: frozenset[str]
    collection_other: str
    network: frozenset[str]
    network_other: str
    parse_node: frozenset[str]
    parse_registrations: str
    edge_cloud: frozenset[str]
    edge_cloud_desc: str
    security: tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str], frozenset[str]]
    dcmm: frozenset[str]
    dcmm_level: frozenset[str]
    innovation: frozenset[str]
    innovation_desc: str
    plans: tuple[str, str, str, str, str]
    total_invest_wan: str


@dataclass(frozen=True)
class Company:
    key: str
    name: str
    uscc: str
    legal_rep: str
    capital_wan: int
    capital_text: str  # as printed on the licence
    established: date
    term_end: date | None  # None: 长期
    address: str
    entity_type: str
    scope: str
    authority: str  # 登记机关
    licence_date: date
    size: str
    ownership: str
    employees: int
    # 参保人数 for each month of the insurance proof, keyed by (year, month).
    insured: dict[tuple[int, int], int]
    revenue_fen: dict[int, int]  # 营业收入 by year, in 分 to keep sums exact
    invest_wan: dict[int, int]
    profile: str
    industry: str
    contact: Contact
    shareholders: tuple[Shareholder, ...]
    city: str
    insurance_centre: str
    insurance_account: str
    honour: Honour
    data: DataProfile
    seal_code: str = ""  # the 13-digit number under the star on newer company seals
    extra: dict[str, str] = field(default_factory=dict)

    def revenue_wan(self, year: int) -> str:
        """营业收入 in 万元 with two decimals, as a declaration writes it."""
        fen = self.revenue_fen[year]
        return f"{fen // 1_000_000}.{fen % 1_000_000 // 10_000:02d}"


# -- 山东鲁原智能装备有限公司 (济南) -------------------------------------------------------

_LUYUAN_PROFILE = (
    "山东鲁原智能装备有限公司成立于2015年，位于济南市历城区，是一家专业从事数控机床及智能制造成套装备"
    "研发、生产和销售的高新技术企业。公司主营产品包括数控车床、立式加工中心、龙门加工中心以及面向汽车"
    "零部件和工程机械行业的智能柔性生产线，产品销往全国二十多个省市，并出口东南亚、中东等地区。公司深耕"
    "金属切削机床细分领域七年，拥有省级企业技术中心和济南市数控装备工程技术研究中心，累计获得发明专利"
    "18项、实用新型专利56项、软件著作权23项，参与制定行业标准3项。公司先后被认定为山东省专精特新中小"
    "企业、山东省瞪羚企业，数控车床产品在省内同类产品中市场占有率位居前列。近年来，公司坚持“装备智能化、"
    "管理数字化、服务网络化”的经营战略，建成MES、ERP、PLM等信息系统，推进设备联网和数据采集，打造数据"
    "驱动的智能工厂，力争到2025年成为国内一流的智能制造装备整体解决方案供应商。"
)

# The same text grown past the 500-字 limit (Word counts about 590).
LUYUAN_PROFILE_TOO_LONG = (
    _LUYUAN_PROFILE
    + "公司现有员工386人，其中研发和技术人员112人，硕士及以上学历人员27人，"
    "每年研发投入占营业收入的比重保持在百分之五以上。2021年，公司建成覆盖"
    "机加工、装配、调试三大车间的5G专网，部署边缘计算节点和工业互联网平台，实现132台数控设备实时联网，"
    "设备综合效率明显提升。公司以MES为核心打通订单、计划、生产、"
    "质量、仓储全流程数据，以ERP和PLM实现研发与经营数据贯通，并依托设备运行数据开展预测性维护和远程"
    "运维服务，为下游客户提供机床健康诊断、工艺参数优化等增值服务。"
)

_LUYUAN_DATA = DataProfile(
    device_count="186台（套），其中数控机床132台、工业机器人24台、检测设备30台",
    device_models=(
        "DMG MORI NLX 2500数控车床；MAZAK VCN-530C立式加工中心；FANUC M-20iD/25工业机器人；"
        "海克斯康GLOBAL S三坐标测量机；通快TruLaser 3030激光切割机"
    ),
    protocols=frozenset({"OPC UA/DA", "ModBus", "ProfiBus", "其它："}),
    protocol_other="Profinet",
    collection_fitted=YES,
    collection_types=frozenset({"智能网关", "传感器"}),
    collection_other="",
    network=frozenset({"5G", "WiFi6", "工业以太网"}),
    network_other="",
    parse_node=NO,
    parse_registrations="",
    edge_cloud=YES,
    edge_cloud_desc="部署边缘服务器12台，存储容量约200TB，算力约300TFLOPS，承载设备数据采集、实时质量分析和MES边缘应用。",
    security=(YES, YES, NO, YES, NO),
    dcmm=YES,
    dcmm_level=frozenset({"二级"}),
    innovation=YES,
    innovation_desc=(
        "基于客户机床运行数据分析主轴负载和故障规律，推出带健康诊断功能的新一代数控车床，"
        "并提供预测性维护和远程运维服务，客户设备非计划停机时间下降约三成。"
    ),
    plans=(
        "对剩余54台老旧设备加装智能网关和振动、温度传感器，实现关键设备数据采集全覆盖。",
        "扩建5G专网覆盖装配和仓储区域，新增工业以太网环网，保障数据低时延可靠传输。",
        "扩容边缘云存储至500TB，建设设备数据湖，实现生产数据统一存储和分级备份。",
        "开展DCMM三级贯标，建立主数据管理和数据质量管理制度，部署数据库安全管理系统。",
        "建设工艺参数优化和质量智能控制模型，开展能耗动态平衡和市场精准营销分析应用。",
    ),
    total_invest_wan="1200",
)

LUYUAN = Company(
    key="luyuan",
    name="山东鲁原智能装备有限公司",
    uscc=make_uscc("91", "370112", org_code("26718459")),
    legal_rep="张建国",
    capital_wan=5000,
    capital_text="伍仟万元整",
    established=date(2015, 6, 1),
    term_end=None,
    address="山东省济南市历城区唐冶街道工业北路2588号",
    entity_type="有限责任公司（自然人投资或控股）",
    scope="数控机床、金属切削机床及智能制造装备的研发、制造、销售；工业机器人安装、维修；软件开发；货物进出口。",
    authority="济南市历城区市场监督管理局",
    licence_date=date(2021, 8, 16),
    size="中型",
    ownership="民营",
    employees=386,
    insured={(2022, 9): 381, (2022, 10): 384, (2022, 11): 386,
             (2022, 3): 372, (2022, 4): 375, (2022, 5): 377},
    revenue_fen={2018: 15_873_420_000, 2019: 17_890_530_000, 2020: 20_123_450_000, 2021: 23_456_780_000},
    invest_wan={2020: 320, 2021: 450},
    profile=_LUYUAN_PROFILE,
    industry="制造业-通用设备制造业-金属加工机械制造",
    contact=Contact("王磊", "信息中心主任", "0531-88776655", "wanglei@example.com"),
    shareholders=(
        Shareholder("张建国", 2750),
        Shareholder("济南鲁原投资合伙企业（有限合伙）", 1250),
        Shareholder("李海燕", 1000),
    ),
    city="济南市",
    insurance_centre="济南市社会保险事业中心",
    insurance_account="37011200285617",
    honour=Honour(
        title="山东省专精特新中小企业",
        body="被认定为2021年度山东省“专精特新”中小企业。",
        issuer="山东省工业和信息化厅",
        issued="二〇二一年十二月",
        number="鲁专精特新〔2021〕第0873号",
    ),
    data=_LUYUAN_DATA,
    seal_code="3701120085146",
)

# -- 杭州恒锐流体控制科技有限公司 (浙江，不在山东) -------------------------------------------

HENGRUI = Company(
    key="hengrui",
    name="杭州恒锐流体控制科技有限公司",
    uscc=make_uscc("91", "330110", "MA27X8L4Q"),
    legal_rep="陈志明",
    capital_wan=2000,
    capital_text="人民币贰仟万元整",
    established=date(2016, 3, 18),
    term_end=date(2046, 3, 17),
    address="浙江省杭州市余杭区仁和街道仁河大道188号",
    entity_type="有限责任公司（自然人投资或控股）",
    scope="阀门、管道配件、流体控制设备的研发、制造、销售；工业自动控制系统装置销售；技术服务；货物进出口。",
    authority="杭州市余杭区市场监督管理局",
    licence_date=date(2021, 5, 20),
    size="小型",
    ownership="民营",
    employees=215,
    insured={(2022, 9): 212, (2022, 10): 213, (2022, 11): 215},
    revenue_fen={2018: 8_642_000_000, 2019: 9_876_500_000, 2020: 11_235_060_000, 2021: 13_678_940_000},
    invest_wan={2020: 180, 2021: 260},
    profile=(
        "杭州恒锐流体控制科技有限公司成立于2016年，位于杭州市余杭区，专业从事工业阀门及流体控制设备的研发、"
        "生产和销售，主营产品包括电动调节阀、气动球阀、高性能蝶阀和智能阀门定位器，广泛应用于石油化工、"
        "电力、冶金和市政供水等领域。公司在流体控制细分领域耕耘六年，拥有发明专利9项、实用新型专利41项，"
        "是浙江省科技型中小企业和浙江省“专精特新”中小企业。公司建有阀门综合性能试验中心，产品通过API、"
        "CE等认证，出口欧洲和南美市场。公司坚持“专业化、精细化、数字化”发展战略，已上线ERP和MES系统，"
        "正在推进装配线设备联网、产品全生命周期质量追溯和阀门远程监测服务，致力于成为国内领先的智能流体控制"
        "解决方案提供商，为客户创造更大价值。"
    ),
    industry="制造业-通用设备制造业-泵、阀门、压缩机及类似机械制造",
    contact=Contact("刘婷", "数字化部经理", "0571-86123456", "liuting@example.com"),
    shareholders=(
        Shareholder("陈志明", 1200),
        Shareholder("杭州恒锐企业管理合伙企业（有限合伙）", 500),
        Shareholder("周晓峰", 300),
    ),
    city="杭州市",
    insurance_centre="杭州市社会保险管理服务中心",
    insurance_account="33011000417395",
    honour=Honour(
        title="浙江省专精特新中小企业",
        body="被认定为2021年度浙江省“专精特新”中小企业。",
        issuer="浙江省经济和信息化厅",
        issued="二〇二一年十一月",
        number="浙经信〔2021〕第1526号",
    ),
    data=DataProfile(
        device_count="92台（套）",
        device_models="沈阳机床i5M4.2立式加工中心；大隈LB3000EX数控车床；ABB IRB 1600工业机器人；阀门压力试验台；氦质谱检漏仪",
        protocols=frozenset({"OPC UA/DA", "ModBus"}),
        protocol_other="",
        collection_fitted=YES,
        collection_types=frozenset({"智能网关"}),
        collection_other="",
        network=frozenset({"5G", "工业以太网"}),
        network_other="",
        parse_node=NO,
        parse_registrations="",
        edge_cloud=NO,
        edge_cloud_desc="",
        security=(YES, NO, NO, YES, NO),
        dcmm=NO,
        dcmm_level=frozenset(),
        innovation=YES,
        innovation_desc="根据用户阀门运行工况数据优化阀芯结构和密封材料，推出带在线监测功能的智能调节阀。",
        plans=(
            "为装配线和试验台加装智能网关与压力、流量传感器，实现试验数据自动采集。",
            "完善车间工业以太网，扩大5G网络覆盖范围。",
            "建设企业边缘云，统一存储生产和试验数据。",
            "建立数据标准和主数据管理制度，启动DCMM贯标。",
            "建设产品质量追溯和阀门远程运维应用。",
        ),
        total_invest_wan="680",
    ),
    seal_code="3301100137824",
)

# -- 淄博宏盛耐火材料有限公司 (营业期限已届满) ----------------------------------------------

HONGSHENG = Company(
    key="hongsheng",
    name="淄博宏盛耐火材料有限公司",
    uscc=make_uscc("91", "370303", org_code("73576821")),
    legal_rep="孙宏伟",
    capital_wan=1200,
    capital_text="壹仟贰佰万元整",
    established=date(2002, 3, 1),
    term_end=date(2022, 2, 28),
    address="山东省淄博市张店区房镇镇华光路366号",
    entity_type="其他有限责任公司",
    scope="耐火材料、保温材料、不定形耐火制品的生产、销售；窑炉工程施工；耐火材料技术咨询服务。",
    authority="淄博市张店区市场监督管理局",
    licence_date=date(2019, 7, 12),
    size="小型",
    ownership="民营",
    employees=168,
    insured={(2022, 9): 165, (2022, 10): 166, (2022, 11): 168},
    revenue_fen={2018: 5_210_330_000, 2019: 5_634_870_000, 2020: 6_102_560_000, 2021: 6_789_010_000},
    invest_wan={2020: 85, 2021: 130},
    profile=(
        "淄博宏盛耐火材料有限公司成立于2002年，位于淄博市张店区，是一家专业生产定形和不定形耐火材料的企业，"
        "主营产品包括高铝砖、莫来石砖、低水泥浇注料和轻质保温砖，主要服务于钢铁、水泥、玻璃和有色冶金行业的"
        "高温窑炉。公司在耐火材料领域从业二十年，拥有实用新型专利28项，是淄博市“专精特新”企业和山东省耐火"
        "材料行业协会理事单位。公司建有压制成型、隧道窑烧成和浇注料预混三条生产线，年产各类耐火制品约6万吨。"
        "近年来，公司以节能降耗和质量稳定为目标，推进压机、隧道窑等关键设备数字化改造，上线ERP系统和窑炉"
        "温度在线监测系统，逐步实现生产过程数据采集和能耗精细化管理，努力打造耐火材料行业数字化转型示范企业，实现绿色低碳高质量发展。"
    ),
    industry="制造业-非金属矿物制品业-耐火材料制品制造",
    contact=Contact("赵敏", "办公室主任", "0533-2187654", "zhaomin@example.com"),
    shareholders=(
        Shareholder("孙宏伟", 720),
        Shareholder("淄博宏盛投资有限公司", 480),
    ),
    city="淄博市",
    insurance_centre="淄博市社会保险事业中心",
    insurance_account="37030300152846",
    honour=Honour(
        title="淄博市专精特新企业",
        body="被认定为淄博市“专精特新”企业。",
        issuer="淄博市工业和信息化局",
        issued="二〇二〇年十二月",
        number="淄工信〔2020〕第0215号",
    ),
    data=DataProfile(
        device_count="64台（套）",
        device_models="HPF-1250全自动液压压砖机；隧道窑温控系统；强制式混砂机；电子配料秤；热震试验炉",
        protocols=frozenset({"ModBus"}),
        protocol_other="",
        collection_fitted=YES,
        collection_types=frozenset({"传感器"}),
        collection_other="",
        network=frozenset({"工业以太网", "移动物联网(NB IoT)"}),
        network_other="",
        parse_node=NO,
        parse_registrations="",
        edge_cloud=NO,
        edge_cloud_desc="",
        security=(YES, NO, NO, NO, NO),
        dcmm=NO,
        dcmm_level=frozenset(),
        innovation=NO,
        innovation_desc="",
        plans=(
            "为压砖机和隧道窑加装温度、压力传感器及智能网关，采集成型和烧成工艺数据。",
            "建设覆盖生产车间的工业以太网和无线网络。",
            "部署本地服务器，集中存储工艺、质量和能耗数据。",
            "制定数据管理制度，明确数据责任部门。",
            "建设窑炉能耗动态平衡和成品质量分析应用。",
        ),
        total_invest_wan="450",
    ),
    seal_code="3703030063528",
)

COMPANIES: dict[str, Company] = {c.key: c for c in (LUYUAN, HENGRUI, HONGSHENG)}
