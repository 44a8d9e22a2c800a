"""The fictional companies behind the Jiangsu samples.

Only what the 营业执照 shows matters here, so each company is the 晨星工厂 sample company with
its licence facts replaced (samples.chenxing.license_image draws from a Company); the other
attributes (statements, social insurance) are never rendered for this programme.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from samples.chenxing.company_profile import LUYUAN, Company
from samples.chenxing.uscc import make_uscc, org_code


@dataclass(frozen=True)
class Applicant:
    company: Company
    contact_name: str
    contact_phone: str


def _licence_company(**facts: object) -> Company:
    return dataclasses.replace(LUYUAN, **facts)  # type: ignore[arg-type]


CHENGRUI = Applicant(
    company=_licence_company(
        key="chengrui",
        name="常州澄锐精密传动科技有限公司",
        uscc=make_uscc("91", "320412", org_code("MA1XK7R3")),
        legal_rep="周振华",
        capital_wan=6000,
        capital_text="陆仟万元整",
        established=date(2012, 4, 9),
        term_end=None,
        address="江苏省常州市武进区湖塘镇长虹西路318号",
        entity_type="有限责任公司（自然人投资或控股）",
        scope="精密齿轮、减速机及传动部件的研发、制造、销售；智能装备制造；工业自动控制系统装置制造；货物进出口。",
        authority="常州市武进区行政审批局",
        licence_date=date(2023, 7, 12),
        city="常州市",
        seal_code="3204120039518",
    ),
    contact_name="钱立新",
    contact_phone="0519-86351208",
)

XILAN = Applicant(
    company=_licence_company(
        key="xilan",
        name="无锡锡澜汽车零部件有限公司",
        uscc=make_uscc("91", "320214", org_code("MA1N6G2T")),
        legal_rep="顾文斌",
        capital_wan=12000,
        capital_text="壹亿贰仟万元整",
        established=date(2009, 11, 23),
        term_end=date(2039, 11, 22),
        address="江苏省无锡市新吴区锡梅路56号",
        entity_type="有限责任公司（非自然人投资或控股的法人独资）",
        scope="汽车零部件及配件制造；模具制造；金属表面处理及热处理加工；技术服务；货物进出口。",
        authority="无锡市新吴区行政审批局",
        licence_date=date(2024, 3, 6),
        city="无锡市",
        seal_code="3202140051876",
    ),
    contact_name="华晓燕",
    contact_phone="0510-85203367",
)

# Registered in 浙江省 (division 330402, address in 嘉兴): otherwise a consistent dossier.
HECHEN = Applicant(
    company=_licence_company(
        key="hechen",
        name="嘉兴禾辰精密机械有限公司",
        uscc=make_uscc("91", "330402", org_code("MA2CJ5W8")),
        legal_rep="沈国强",
        capital_wan=3000,
        capital_text="叁仟万元整",
        established=date(2014, 8, 18),
        term_end=None,
        address="浙江省嘉兴市南湖区亚中路1066号",
        entity_type="有限责任公司（自然人投资或控股）",
        scope="通用机械零部件、精密传动件的制造、销售；技术开发；货物进出口。",
        authority="嘉兴市南湖区市场监督管理局",
        licence_date=date(2022, 9, 1),
        city="嘉兴市",
        seal_code="3304020026637",
    ),
    contact_name="朱佳颖",
    contact_phone="0573-82217790",
)
