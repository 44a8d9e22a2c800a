"""社会保险参保缴费证明, printed by the social-insurance centre, stamped and scanned."""
from __future__ import annotations

import zlib
from datetime import date, datetime

import numpy as np
from PIL import Image

from samples.chenxing.company_profile import Company
from samples.render.scan import image_pdf_bytes, scanned_look
from samples.render.seal import seal_mask, stamp
from samples.render.table import CellSpec, PageFlow, RowSpec, RuledTable
from samples.render.text import draw_centered, draw_text, text_width

PAGE_W, PAGE_H = 1654, 2339
BODY = 34
PER_HEAD_FEN = 185_642  # average monthly contribution per insured person, in 分


def issue_date(months: list[tuple[int, int]]) -> date:
    """Printed in the month after the last month covered."""
    y, m = max(months)
    return date(y + (m == 12), m % 12 + 1, 12)


def render_insurance(company: Company, months: list[tuple[int, int]], seed: int) -> list[Image.Image]:
    rng = np.random.default_rng(seed)
    flow = PageFlow(PAGE_W, PAGE_H, margin_x=150, margin_top=170, margin_bottom=200)
    draw = flow.draw
    draw_centered(draw, PAGE_W / 2, flow.y, "社会保险参保缴费证明", 56, bold=True, tracking=6)
    flow.y += 150
    for line in (f"单位名称：{company.name}", f"统一社会信用代码：{company.uscc}",
                 f"单位社保编号：{company.insurance_account}"):
        draw_text(draw, (flow.margin_x, flow.y), line, BODY)
        flow.y += 64
    flow.y += 10
    flow.paragraph("经查询，该单位在我中心参加企业职工基本养老保险、失业保险、工伤保险，"
                   "近期参保缴费情况如下：", BODY, indent=0)
    flow.y += 20

    rows = [RowSpec(tuple(CellSpec(i, 1, t, "center") for i, t in
                          enumerate(("序号", "费款所属期", "参保人数", "缴费金额(元)", "缴费状态"))))]
    total = 0
    for n, (y, m) in enumerate(sorted(months), start=1):
        people = company.insured.get((y, m), company.employees)
        amount = people * PER_HEAD_FEN + zlib.crc32(f"{company.key}{y}{m}".encode()) % 10_000
        total += amount
        cells = (str(n), f"{y}年{m:02d}月", str(people), f"{amount // 100:,}.{amount % 100:02d}", "已足额缴纳")
        rows.append(RowSpec(tuple(CellSpec(i, 1, t, "center") for i, t in enumerate(cells))))
    rows.append(RowSpec((CellSpec(0, 3, "合计", "center"),
                         CellSpec(3, 1, f"{total // 100:,}.{total % 100:02d}", "center"),
                         CellSpec(4, 1, "", "center"))))
    RuledTable([140, 330, 230, 360, 294], font_size=BODY).paint(flow, rows)
    flow.y += 40
    flow.paragraph("特此证明。", BODY, indent=68)
    flow.y += 20
    flow.paragraph("说明：本证明仅反映单位参保缴费情况，不作为个人权益记录依据。可登录当地人力资源和"
                   "社会保障网上服务平台，凭验证码核验本证明真伪。", 28)
    code = "".join("0123456789ABCDEFGHJKLMNPQRTUWXY"[int(k)] for k in rng.integers(0, 31, 12))
    flow.paragraph(f"验证码：{code}", 28)

    issued = issue_date(months)
    right = PAGE_W - flow.margin_x
    y = max(flow.y + 120, 1650)

    draw_text(draw, (right - text_width(company.insurance_centre, BODY) - 40, y), company.insurance_centre, BODY)
    when = f"{issued.year}年{issued.month:02d}月{issued.day:02d}日"
    draw_text(draw, (right - text_width(when, BODY) - 70, y + 70), when, BODY)
    mask = seal_mask(300, company.insurance_centre, rng, bottom_text="业务专用章")
    stamp(flow.page, mask, (int(right - 120 + rng.integers(-20, 20)), int(y + 70 + rng.integers(-15, 15))),
          rotation=float(rng.uniform(-10, 10)))
    return [scanned_look(p, rng, max_skew_deg=0.5) for p in flow.pages]


def insurance_pdf(company: Company, months: list[tuple[int, int]], seed: int) -> bytes:
    pages = render_insurance(company, months, seed)
    issued = issue_date(months)
    return image_pdf_bytes(pages, datetime(issued.year, issued.month, issued.day, 15, 2, 41), quality=80)
