"""The evidence matcher's results, as the checks and the report read them: passages of the
dossier, the passages that best evidence each requirement, and the verdicts.

Produced by :mod:`matchers.evidence`; defined here so the checks and the report depend on
the data, not on the matcher."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from models.location import Location

if TYPE_CHECKING:  # annotations only: criteria sits above models
    from criteria.schema import IndicatorSpec

PassageKind = Literal["heading", "paragraph", "table_row", "cell"]
Status = Literal["met", "partial", "missing"]
STATUS_RANK = {"missing": 0, "partial": 1, "met": 2}
# Passages shorter than this are scored with their heading (see Passage.scoring_text).
HEADING_CONTEXT_BELOW = 80


@dataclass(frozen=True)
class Passage:
    text: str
    location: Location
    kind: PassageKind
    heading_path: tuple[str, ...] = field(default_factory=tuple)
    # Context shown with the passage but not scored (a declared table row's other cells).
    label: str | None = None

    @property
    def scoring_text(self) -> str:
        """The text scored against requirements. A short passage gets its nearest heading
        as context it leaves implicit (1.1 智能排产 → 系统根据订单交期自动生成…); a
        paragraph long enough to stand alone does not, because the heading is the
        applicant's claim and the paragraph the evidence: a 设备运维 box holding a pasted
        物流 text must not pass on its heading."""
        if self.heading_path and self.heading_path[-1] not in self.text \
                and len(self.text) < HEADING_CONTEXT_BELOW:
            return f"{self.heading_path[-1]}：{self.text}"
        return self.text


@dataclass
class EvidenceHit:
    passage: Passage
    probability: float
    explanation: dict[str, Any]

    def fits_best(self, requirement_id: str) -> bool:
        """The passage is about ``requirement_id`` more than about any other requirement."""
        return self.explanation.get("passage_fits_best") == requirement_id

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.passage.text, "kind": self.passage.kind,
                "heading_path": list(self.passage.heading_path),
                "location": self.passage.location.model_dump(mode="json"),
                "probability": round(self.probability, 4), "explanation": self.explanation}


@dataclass
class RequirementMatch:
    requirement_id: str
    title: str
    status: Status
    score: float
    best: list[EvidenceHit]

    def to_dict(self) -> dict[str, Any]:
        return {"requirement": self.requirement_id, "title": self.title, "status": self.status,
                "score": round(self.score, 4), "best": [h.to_dict() for h in self.best]}


@dataclass
class EvidenceRequirement:
    spec: IndicatorSpec
    # The programme's id, or the catalogue's id for catalogue items.
    source: str


@dataclass
class EvidenceResult:
    requirements: list[EvidenceRequirement] = field(default_factory=list)
    matches: dict[str, RequirementMatch] = field(default_factory=dict)
    passages: list[Passage] = field(default_factory=list)
    backend: str | None = None
    seconds: float = 0.0
    # Set when matching could not run (no embedding model); a message for users.
    error: str | None = None
    # The calibration's probability thresholds for met and partial.
    t_met: float = 0.5
    t_partial: float = 0.3

    def status(self, requirement_id: str) -> str | None:
        m = self.matches.get(requirement_id)
        return m.status if m is not None else None

    def evidenced(self, requirement_id: str, min_status: str = "met") -> bool:
        st = self.status(requirement_id)
        return st is not None and STATUS_RANK[st] >= STATUS_RANK[min_status]

    def best_hit(self, requirement_id: str) -> EvidenceHit | None:
        m = self.matches.get(requirement_id)
        return m.best[0] if m is not None and m.best else None

    def evidenced_exclusively(self, requirement_id: str, min_status: str = "met") -> bool:
        """Evidenced by a passage that is about this requirement more than any other. Fine-
        grained lists (5.1.10 工艺管理平台 … 5.1.17 工艺设计知识库 in one list) put neighbours close
        together, and the paragraph written for one also scores high on the next; counting
        it once keeps an estimate from climbing on neighbours' evidence."""
        if not self.evidenced(requirement_id, min_status):
            return False
        m = self.matches[requirement_id]
        floor = self.t_met if min_status == "met" else self.t_partial
        return any(h.probability >= floor and h.fits_best(requirement_id) for h in m.best)

    def spec(self, requirement_id: str) -> IndicatorSpec | None:
        for r in self.requirements:
            if r.spec.id == requirement_id:
                return r.spec
        return None
