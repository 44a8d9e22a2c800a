"""The 山东省“产业大脑”申报书 as data: the cover block and one value per indicator, and the
two layouts the samples print it in.

Layout contract with the field reader (documented in criteria/sd-industry-brain.yaml):
- 基本信息 table: label cell → value cell to its right.
- 评价指标 table, one row per indicator. ``unit_in_value`` (DOCX): columns 类型 | 编号 |
  指标名称 | 指标值, the unit written with the figure ("3,486.2亿元"). ``unit_column`` (text PDF):
  columns 编号 | 指标名称 | 指标值 | 单位, the figure alone and the unit in the cell right of it.
  Either way the 指标名称 cell is the label and the cell right of it the value.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Literal

from samples.chenxing.uscc import make_uscc
from samples.industry_brain.indicators import ANSWERS, INDICATORS, Answer, Indicator

UnitStyle = Literal["unit_in_value", "unit_column"]

TITLE = "山东省“产业大脑”申报书"
SUBTITLE = "（山东省“产业大脑”评价指标填报）"
NOTE = "填报说明：各项指标填写上年度数据；有单位的指标须注明单位，无单位的指标请简要描述建设情况。"
PLEDGE = "本单位承诺以上填报内容真实、准确，并对其真实性负责。"


@dataclass(frozen=True)
class BrainDeclaration:
    brain_name: str = "潍坊市动力装备产业大脑"
    builder: str = "潍坊智造云数据科技有限公司"
    uscc: str = make_uscc("91", "370704", "MA3WX7K2L")  # 潍坊市坊子区
    region: str = "山东省潍坊市坊子区"
    industry_chain: str = "动力装备产业链"
    operator: str = "潍坊智造云数据科技有限公司"
    contact_name: str = "孙立伟"
    contact_phone: str = "0536-7651238"
    fill_date: str = "2023年6月20日"
    answers: dict[str, Answer] = field(default_factory=lambda: dict(ANSWERS))

    def replace_answers(self, **changes: Answer) -> "BrainDeclaration":
        return dataclasses.replace(self, answers={**self.answers, **changes})

    def cover_rows(self) -> list[tuple[tuple[str, str], ...]]:
        """基本信息 rows: one or two (label, value) pairs each."""
        return [
            (("产业大脑名称", self.brain_name),),
            (("建设单位", self.builder),),
            (("统一社会信用代码", self.uscc), ("所在地区", self.region)),
            (("所属产业集群（产业链）", self.industry_chain),),
            (("运营单位", self.operator),),
            (("联系人", self.contact_name), ("联系电话", self.contact_phone)),
        ]

    def value_cells(self, ind: Indicator, style: UnitStyle) -> tuple[str, str]:
        """(指标值, 单位) as written; 单位 is "" in the unit_in_value layout."""
        a = self.answers[ind.id]
        if a.unit is None:
            return a.figure, ""
        if style == "unit_in_value":
            return a.with_unit(), ""
        return a.figure, a.unit

    def indicator_rows(self) -> list[Indicator]:
        return list(INDICATORS)
