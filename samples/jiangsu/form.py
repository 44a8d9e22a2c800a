"""What a Jiangsu 智能工厂 declaration says: identity, target level, the two self-evaluation
results, the investment figures, the self-assessment table and the scenario list."""
from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from samples.jiangsu.company import Applicant
from samples.jiangsu.scenarios import STAGE_LEFT_BLANK, Scenario

LEVELS = ("基础级", "先进级", "卓越级", "领航级")
NOT_APPLICABLE = "不涉及此环节"
# 表1 of the 评估指标体系: the ten 二级指标 in order.
INDICATORS = (
    "研发设计数字化水平", "生产作业数字化水平", "生产管理数字化水平", "经营管理数字化水平",
    "营销服务数字化水平", "产业链供应链协同数字化水平", "数字化投入规模", "网络与安全", "数据要素",
    "组织战略人才",
)
FIRST_LEVEL = {i: ("数字化应用能力" if k < 6 else "数字化支撑能力") for k, i in enumerate(INDICATORS)}


@dataclass(frozen=True)
class SelfRow:
    seq: int
    indicator: str
    level: int | None  # None: 不涉及此环节
    degree: str  # "" for level 1 and for 不涉及此环节
    score: int | None

    @property
    def applicable(self) -> bool:
        return self.level is not None


def degree_for(level: int, score: int) -> str:
    """The 符合程度 whose 表3 band holds the score (level 1 has none: it is scored 0)."""
    if level == 1:
        if score != 0:
            raise ValueError("level 1 is scored exactly 0")
        return ""
    base = (level - 2) * 20
    if not base <= score <= base + 20 or (score == base + 20 and level != 6):
        raise ValueError(f"score {score} is outside level {level}")
    return "基本符合" if score < base + 7 else "比较符合" if score < base + 14 else "非常符合"


def self_rows(answers: tuple[tuple[int, int] | None, ...]) -> tuple[SelfRow, ...]:
    """One (level, score) per indicator, None for 不涉及此环节; the degree follows the score."""
    if len(answers) != len(INDICATORS):
        raise ValueError("ten answers needed")
    rows = []
    for n, (name, a) in enumerate(zip(INDICATORS, answers), start=1):
        if a is None:
            rows.append(SelfRow(n, name, None, "", None))
        else:
            rows.append(SelfRow(n, name, a[0], degree_for(*a), a[1]))
    return tuple(rows)


def with_row(rows: tuple[SelfRow, ...], seq: int, **changes: object) -> tuple[SelfRow, ...]:
    return tuple(replace(r, **changes) if r.seq == seq else r for r in rows)  # type: ignore[arg-type]


def overall_score(rows: tuple[SelfRow, ...]) -> Decimal:
    """最终综合得分: the mean of the applicable questions (each scored on 100), one decimal."""
    scores = [r.score for r in rows if r.applicable and r.score is not None]
    return (Decimal(sum(scores)) / len(scores)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass(frozen=True)
class ScenarioRow:
    seq: int
    stage: str  # "" when the applicant left it empty
    name: str
    content: str


def scenario_rows(scenarios: tuple[Scenario, ...]) -> tuple[ScenarioRow, ...]:
    return tuple(ScenarioRow(n, "" if s.name in STAGE_LEFT_BLANK else s.stage, s.name, s.content)
                 for n, s in enumerate(scenarios, start=1))


@dataclass(frozen=True)
class Investment:
    """数字化投入规模 in 万元 as seed 001 asks it (自2014年以来…总金额：__万元。其中：2024年投入__万元),
    and the total itemised into the seed's three kinds (软件系统、解决方案、硬件设备)."""

    total: str
    y2024: str
    software: str
    solutions: str
    hardware: str


@dataclass(frozen=True)
class DeclarationData:
    applicant: Applicant
    company_name: str
    uscc: str
    target_level: str
    maturity: str  # as written, e.g. "3级"
    score: str  # 数字化转型自评价得分 as written
    investment: Investment
    self_assessment: tuple[SelfRow, ...]
    # False: the declaration points to a separate file for the self-assessment table.
    self_assessment_inline: bool
    scenarios: tuple[ScenarioRow, ...]
    filled_on: str = "2025年9月15日"

    @classmethod
    def build(cls, applicant: Applicant, target_level: str, maturity: int,
              answers: tuple[SelfRow, ...], scenarios: tuple[Scenario, ...],
              investment: Investment, *, inline: bool = True) -> "DeclarationData":
        """A consistent declaration: the stated score is the table's own result."""
        if target_level not in LEVELS:
            raise ValueError(target_level)
        return cls(applicant=applicant, company_name=applicant.company.name, uscc=applicant.company.uscc,
                   target_level=target_level, maturity=f"{maturity}级", score=str(overall_score(answers)),
                   investment=investment, self_assessment=answers, self_assessment_inline=inline,
                   scenarios=scenario_rows(scenarios))
