"""Many distinct fictional 晨星工厂 applicants, derived from the hand-made sample companies.

Each variant keeps its template's documents (same form, same kinds of attachments) but
gets its own name, city, code, address, revenue and scan noise, so every page of every
dossier is different: an OCR cache filled by one dossier cannot answer for another, and
a recommendation list can name each company once.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from samples.chenxing.company_profile import HONGSHENG, LUYUAN, LUYUAN_PROFILE_TOO_LONG, Company, Shareholder
from samples.chenxing.uscc import make_uscc, org_code
from samples.chenxing.wordcount import word_count


@dataclass(frozen=True)
class City:
    name: str  # 济南市
    short: str  # 济南
    district: str
    division: str  # 行政区划代码 of the district (digits 3–8 of the code)
    street: str


CITIES: tuple[City, ...] = (
    City("济南市", "济南", "历城区", "370112", "唐冶街道工业北路"),
    City("青岛市", "青岛", "黄岛区", "370211", "长江中路"),
    City("淄博市", "淄博", "张店区", "370303", "华光路"),
    City("潍坊市", "潍坊", "奎文区", "370705", "东风东街"),
    City("烟台市", "烟台", "莱山区", "370613", "观海路"),
    City("济宁市", "济宁", "任城区", "370811", "红星中路"),
    City("临沂市", "临沂", "兰山区", "371302", "沂蒙路"),
    City("威海市", "威海", "环翠区", "371002", "世昌大道"),
)

# Two-character trade names ("字号"): 10 × 10, none equal to the templates' 鲁原/宏盛.
_FIRST = "华泰恒瑞兴嘉永德信润"
_SECOND = "源达丰通科联诚安泽晟"
BRANDS: tuple[str, ...] = tuple(a + b for a in _FIRST for b in _SECOND)


@dataclass(frozen=True)
class Line:
    """A line of business: which template company and how the name and industry read."""

    template: Company
    business: str  # the 4-character 行业特点 in the name
    industry: str
    # How the name reads: 山东鲁原智能装备有限公司 ("province"), 淄博宏盛耐火材料有限公司
    # ("city"), or 宏盛耐材科技（淄博）有限公司 ("bracket", the place in brackets).
    style: str


LINES: tuple[Line, ...] = (
    Line(LUYUAN, "智能装备", "制造业-通用设备制造业-金属加工机械制造", "province"),
    Line(HONGSHENG, "耐火材料", "制造业-非金属矿物制品业-耐火材料制品制造", "city"),
    Line(LUYUAN, "精密机械", "制造业-通用设备制造业-通用零部件制造", "province"),
    Line(HONGSHENG, "新型建材", "制造业-非金属矿物制品业-轻质建筑材料制造", "city"),
    Line(LUYUAN, "数控机床", "制造业-通用设备制造业-金属加工机械制造", "province"),
    Line(HONGSHENG, "耐材科技", "制造业-非金属矿物制品业-耐火材料制品制造", "bracket"),
)
# Names are unique for every index below this (brand × line × city combinations).
MAX_VARIANTS = len(BRANDS) * len(LINES)

_TEMPLATE_PARTS = {LUYUAN.key: ("济南", "鲁原", "智能装备", "历城区"),
                   HONGSHENG.key: ("淄博", "宏盛", "耐火材料", "张店区")}
# Text added to a 企业简介 to push it past the 500-字 limit (word_limit defect).
_LUYUAN_BASE_PROFILE = LUYUAN.profile
PROFILE_EXTRA = LUYUAN_PROFILE_TOO_LONG[len(_LUYUAN_BASE_PROFILE):]


def _rename(text: str, template: Company, name: str, city: City, brand: str, business: str) -> str:
    t_city, t_brand, t_business, t_district = _TEMPLATE_PARTS[template.key]
    return (text.replace(template.name, name)
            .replace(t_brand, brand).replace(t_business, business)
            .replace(f"{t_city}市{t_district}", f"{city.name}{city.district}")
            .replace(t_city, city.short))


def _name(line: Line, city: City, brand: str) -> str:
    if line.style == "bracket":
        return f"{brand}{line.business}（{city.short}）有限公司"
    return f"{city.short if line.style == 'city' else '山东'}{brand}{line.business}有限公司"


def variant(index: int, *, long_profile: bool = False) -> Company:
    """The index-th applicant (0-based); the same index always gives the same company."""
    if not 0 <= index < MAX_VARIANTS:
        raise ValueError(f"index must be in 0..{MAX_VARIANTS - 1}")
    line = LINES[index % len(LINES)]
    brand = BRANDS[(index // len(LINES)) % len(BRANDS)]
    city = CITIES[(index * 3 + index // len(LINES)) % len(CITIES)]
    t = line.template
    name = _name(line, city, brand)
    profile = _rename(t.profile, t, name, city, brand, line.business)
    if long_profile:
        profile += PROFILE_EXTRA
    # Revenue between 0.6× and 1.55× the template's, kept in whole 元.
    scale = 0.6 + (index * 37 % 20) / 20
    revenue = {y: int(v * scale) // 100 * 100 for y, v in t.revenue_fen.items()}
    serial = f"{index + 1:06d}"
    return dataclasses.replace(
        t,
        key=f"batch{index:04d}",
        name=name,
        uscc=make_uscc("91", city.division, org_code(f"6{index + 1:07d}")),
        term_end=None,
        address=f"山东省{city.name}{city.district}{city.street}{100 + index * 7 % 900}号",
        authority=f"{city.name}{city.district}市场监督管理局",
        revenue_fen=revenue,
        profile=profile,
        industry=line.industry,
        shareholders=tuple(Shareholder(_rename(s.name, t, name, city, brand, line.business),
                                       s.amount_wan, s.method) for s in t.shareholders),
        city=city.name,
        insurance_centre=f"{city.name}社会保险事业中心",
        insurance_account=f"{city.division}{serial}{index % 100:02d}",
        seal_code=f"{city.division}{serial}{index % 10}",
    )


def profile_words(c: Company) -> int:
    return word_count(c.profile)
