"""Everything the checks read: the programme, the as-of date, the documents and what the
matchers found in them. Checks are pure functions of this context."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from criteria.schema import FieldSpec, Programme
from models import Document, DocumentKind, Location
from models.evidence import EvidenceResult
from models.fields import FieldObservation, ObservationSource
from models.limits import LimitHit
from models.readings import InsuranceFacts, SectionText, StatementFacts, StructuredTable


@dataclass
class CheckContext:
    programme: Programme
    as_of: date
    documents: list[Document]
    observations: list[FieldObservation] = field(default_factory=list)
    statements: list[StatementFacts] = field(default_factory=list)
    insurance: list[InsuranceFacts] = field(default_factory=list)
    sections: dict[str, SectionText] = field(default_factory=dict)
    tables: dict[str, StructuredTable] = field(default_factory=dict)
    # What the evidence matcher found for the programme's indicators (None: not run).
    evidence: EvidenceResult | None = None
    # Rules that produced findings in this run, by rule_key (for rule-coverage tests).
    fired: dict[str, int] = field(default_factory=dict)
    # What a check derives from the documents once per run and other checks reuse (a
    # document's joined text …), by a name the check chooses.
    derived: dict[str, dict[str, str]] = field(default_factory=dict)
    # Limits reached by the run as a whole (OCR pages per dossier, wall time), beside the
    # ones each document records.
    run_limit_hits: list[LimitHit] = field(default_factory=list)

    @property
    def readable(self) -> list[Document]:
        return [d for d in self.documents if d.error is None]

    @property
    def declarations(self) -> list[Document]:
        return [d for d in self.readable if d.kind == DocumentKind.declaration]

    def spec(self, key: str) -> FieldSpec:
        return self.programme.field(key)

    def observations_for(self, key: str,
                         source: ObservationSource | None = None) -> list[FieldObservation]:
        return [o for o in self.observations
                if o.key == key and (source is None or o.source == source)]

    def best(self, key: str, source: ObservationSource | None = None) -> FieldObservation | None:
        obs = self.observations_for(key, source)
        for o in obs:
            if not o.is_empty:
                return o
        return obs[0] if obs else None

    def documents_for_attachment(self, attachment_id: str) -> list[Document]:
        spec = self.programme.attachment(attachment_id)
        kinds = set(spec.kinds)
        return [d for d in self.readable if d.kind.value in kinds]

    def declaration_location(self) -> list[Location]:
        return [Location(path=d.path, page=1) for d in self.declarations[:1]]

    @property
    def last_statement_year(self) -> int:
        """The year 上年度 refers to: the latest year the programme asks statements for."""
        from criteria.schema import CoversYearsRule

        years = [y for r in self.programme.rules if isinstance(r, CoversYearsRule)
                 for y in r.years]
        return max(years) if years else self.as_of.year - 1
