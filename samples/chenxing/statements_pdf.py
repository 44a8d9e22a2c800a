"""Annual financial statements as text PDFs (reportlab, real text layer).

One file per year. The later year's file also carries a 资产负债表 before the 利润表, as
an accountant's export does. Figures for a year are derived from the company's revenue
with a seed fixed per (company, year), so the 上期金额 column of one file equals the
本期金额 of the previous year's file.
"""
from __future__ import annotations

import io
import zlib
from dataclasses import dataclass

import numpy as np
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from samples.chenxing.company_profile import Company
from samples.render.fonts import reportlab_font


def money(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100:,}.{fen % 100:02d}"


def _rng(company: Company, year: int, what: str) -> np.random.Generator:
    return np.random.default_rng(zlib.crc32(f"{company.key}:{year}:{what}".encode()))


def _part(rng: np.random.Generator, base: int, ratio: float) -> int:
    return int(base * ratio * rng.uniform(0.94, 1.06)) // 100 * 100 + int(rng.integers(0, 100))


@dataclass(frozen=True)
class IncomeYear:
    revenue: int
    cost: int
    taxes: int
    selling: int
    admin: int
    rnd: int
    finance: int
    interest_exp: int
    interest_inc: int
    other_gains: int
    investment: int
    non_op_income: int
    non_op_expense: int

    @property
    def operating_profit(self) -> int:
        return (self.revenue - self.cost - self.taxes - self.selling - self.admin - self.rnd
                - self.finance + self.other_gains + self.investment)

    @property
    def total_profit(self) -> int:
        return self.operating_profit + self.non_op_income - self.non_op_expense

    @property
    def income_tax(self) -> int:
        return max(self.total_profit, 0) * 15 // 100  # 高新技术企业 15%

    @property
    def net_profit(self) -> int:
        return self.total_profit - self.income_tax


def income_year(company: Company, year: int) -> IncomeYear:
    rng = _rng(company, year, "income")
    r = company.revenue_fen[year]
    interest = _part(rng, r, 0.009)
    interest_inc = _part(rng, r, 0.0012)
    return IncomeYear(
        revenue=r,
        cost=_part(rng, r, 0.723),
        taxes=_part(rng, r, 0.009),
        selling=_part(rng, r, 0.031),
        admin=_part(rng, r, 0.052),
        rnd=_part(rng, r, 0.046),
        finance=interest - interest_inc + _part(rng, r, 0.0004),
        interest_exp=interest,
        interest_inc=interest_inc,
        other_gains=_part(rng, r, 0.003),
        investment=_part(rng, r, 0.001),
        non_op_income=_part(rng, r, 0.0005),
        non_op_expense=_part(rng, r, 0.0003),
    )


def _income_rows(cur: IncomeYear, prev: IncomeYear) -> list[tuple[str, int]]:
    def both(attr: str) -> tuple[int, int]:
        return getattr(cur, attr), getattr(prev, attr)

    spec = [
        ("一、营业收入", "revenue"),
        ("　　减：营业成本", "cost"),
        ("　　　　税金及附加", "taxes"),
        ("　　　　销售费用", "selling"),
        ("　　　　管理费用", "admin"),
        ("　　　　研发费用", "rnd"),
        ("　　　　财务费用", "finance"),
        ("　　　　其中：利息费用", "interest_exp"),
        ("　　　　　　　利息收入", "interest_inc"),
        ("　　加：其他收益", "other_gains"),
        ("　　　　投资收益（损失以“－”号填列）", "investment"),
        ("二、营业利润（亏损以“－”号填列）", "operating_profit"),
        ("　　加：营业外收入", "non_op_income"),
        ("　　减：营业外支出", "non_op_expense"),
        ("三、利润总额（亏损总额以“－”号填列）", "total_profit"),
        ("　　减：所得税费用", "income_tax"),
        ("四、净利润（净亏损以“－”号填列）", "net_profit"),
    ]
    return [(label, *both(attr)) for label, attr in spec]  # type: ignore[misc]


def _balance(company: Company, year: int) -> tuple[list[tuple[str, int | None]], list[tuple[str, int | None]]]:
    """(assets, liabilities+equity) rows at 31 Dec of year; totals balance exactly."""
    rng = _rng(company, year, "balance")
    r = company.revenue_fen[year]
    cash, receivable, prepaid, other_rec, stock = (_part(rng, r, k) for k in (0.16, 0.21, 0.03, 0.01, 0.18))
    current = cash + receivable + prepaid + other_rec + stock
    lt_invest, fixed, cip, intangible = (_part(rng, r, k) for k in (0.02, 0.33, 0.05, 0.07))
    non_current = lt_invest + fixed + cip + intangible
    total = current + non_current
    st_loan, payable, contract, salary, tax = (_part(rng, r, k) for k in (0.12, 0.17, 0.05, 0.02, 0.01))
    cur_liab = st_loan + payable + contract + salary + tax
    lt_loan = _part(rng, r, 0.06)
    liab = cur_liab + lt_loan
    paid_in = company.capital_wan * 1_000_000
    capital_reserve = _part(rng, r, 0.02)
    surplus = _part(rng, r, 0.03)
    retained = total - liab - paid_in - capital_reserve - surplus
    equity = paid_in + capital_reserve + surplus + retained
    assets = [
        ("流动资产：", None), ("货币资金", cash), ("应收账款", receivable), ("预付款项", prepaid),
        ("其他应收款", other_rec), ("存货", stock), ("流动资产合计", current), ("非流动资产：", None),
        ("长期股权投资", lt_invest), ("固定资产", fixed), ("在建工程", cip), ("无形资产", intangible),
        ("非流动资产合计", non_current), ("", None), ("", None), ("", None), ("", None),
        ("资产总计", total),
    ]
    liabilities = [
        ("流动负债：", None), ("短期借款", st_loan), ("应付账款", payable), ("合同负债", contract),
        ("应付职工薪酬", salary), ("应交税费", tax), ("流动负债合计", cur_liab), ("非流动负债：", None),
        ("长期借款", lt_loan), ("非流动负债合计", lt_loan), ("负债合计", liab),
        ("所有者权益：", None), ("实收资本（或股本）", paid_in), ("资本公积", capital_reserve),
        ("盈余公积", surplus), ("未分配利润", retained), ("所有者权益合计", equity),
        ("负债和所有者权益总计", liab + equity),
    ]
    return assets, liabilities


class _Styles:
    def __init__(self) -> None:
        font = reportlab_font()
        self.font = font
        self.title = ParagraphStyle("t", fontName=font, fontSize=18, leading=24, alignment=TA_CENTER)
        self.small = ParagraphStyle("s", fontName=font, fontSize=9, leading=12)


def _header(st: _Styles, title: str, form_no: str, company: str, period: str, width: float) -> list[Flowable]:
    head = Table(
        [["", form_no]],
        colWidths=[width - 60, 60],
        style=TableStyle([("FONTNAME", (0, 0), (-1, -1), st.font), ("FONTSIZE", (0, 0), (-1, -1), 9),
                          ("ALIGN", (1, 0), (1, 0), "RIGHT")]),
    )
    meta = Table(
        [[f"编制单位：{company}", period, "单位：元"]],
        colWidths=[width * 0.5, width * 0.3, width * 0.2],
        style=TableStyle([("FONTNAME", (0, 0), (-1, -1), st.font), ("FONTSIZE", (0, 0), (-1, -1), 9.5),
                          ("ALIGN", (1, 0), (1, 0), "CENTER"), ("ALIGN", (2, 0), (2, 0), "RIGHT"),
                          ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]),
    )
    return [Paragraph(title, st.title), head, meta, Spacer(1, 2 * mm)]


def _grid_style(st: _Styles, size: float) -> list[tuple]:
    return [
        ("FONTNAME", (0, 0), (-1, -1), st.font),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), 3.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.2),
    ]


def _signatures(st: _Styles, company: Company) -> Paragraph:
    return Paragraph(
        f"单位负责人：{company.legal_rep}　　　　主管会计工作负责人：{company.extra.get('cfo', '刘芳')}"
        f"　　　　会计机构负责人：{company.extra.get('accountant', '郑晓红')}",
        st.small,
    )


def _income_story(st: _Styles, company: Company, year: int, width: float, period_style: str) -> list[Flowable]:
    cur, prev = income_year(company, year), income_year(company, year - 1)
    period = {"annual": f"{year}年度", "months": f"{year}年1-12月", "date": f"{year}年12月31日"}[period_style]
    data: list[list[str]] = [["项目", "行次", "本期金额", "上期金额"]]
    for n, (label, a, b) in enumerate(_income_rows(cur, prev), start=1):
        data.append([label, str(n), money(a), money(b)])
    table = Table(data, colWidths=[width * 0.46, width * 0.08, width * 0.23, width * 0.23], repeatRows=1)
    table.setStyle(TableStyle(_grid_style(st, 9.5) + [
        ("ALIGN", (1, 1), (1, -1), "CENTER"), ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
    ]))
    return _header(st, "利润表", "会企02表", company.name, period, width) + [
        table, Spacer(1, 5 * mm), _signatures(st, company)]


def _balance_story(st: _Styles, company: Company, year: int, width: float) -> list[Flowable]:
    end_a, end_l = _balance(company, year)
    start_a, start_l = _balance(company, year - 1)
    data = [["资产", "行次", "期末余额", "年初余额", "负债和所有者权益", "行次", "期末余额", "年初余额"]]
    line = 1
    for (la, va), (_, sa), (ll, vl), (_, sl) in zip(end_a, start_a, end_l, start_l):
        row = []
        for label, v, s in ((la, va, sa), (ll, vl, sl)):
            if v is None:
                row += [label, "", "", ""]
            else:
                row += [label, str(line), money(v), money(s)]
                line += 1
        data.append(row)
    w = [0.15, 0.05, 0.14, 0.14, 0.19, 0.05, 0.14, 0.14]
    table = Table(data, colWidths=[width * k for k in w], repeatRows=1)
    table.setStyle(TableStyle(_grid_style(st, 7.6) + [
        ("ALIGN", (1, 1), (1, -1), "CENTER"), ("ALIGN", (5, 1), (5, -1), "CENTER"),
        ("ALIGN", (2, 1), (3, -1), "RIGHT"), ("ALIGN", (6, 1), (7, -1), "RIGHT"),
    ]))
    return _header(st, "资产负债表", "会企01表", company.name, f"{year}年12月31日", width) + [
        table, Spacer(1, 5 * mm), _signatures(st, company)]


def statements_pdf(company: Company, year: int, with_balance_sheet: bool, period_style: str = "annual") -> bytes:
    st = _Styles()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=16 * mm, rightMargin=16 * mm, topMargin=18 * mm, bottomMargin=18 * mm,
        invariant=1, title=f"{year}年度财务报表", author="", creator="财务软件导出", subject="",
    )
    story: list[Flowable] = []
    if with_balance_sheet:
        story += _balance_story(st, company, year, doc.width) + [PageBreak()]
    story += _income_story(st, company, year, doc.width, period_style)
    doc.build(story)
    return buf.getvalue()
