"""Assembles the JSON report (schema_version 1) from the checked context."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from checks.attachments import KIND_NAMES
from checks.conditions import condition_met
from checks.context import CheckContext
from checks.display import shown
from criteria.schema import Programme
from models import (
    DocumentSummary,
    FieldReport,
    Finding,
    Location,
    Report,
    RequirementResult,
    RequirementStatus,
    Severity,
)
from models.report import EvidencePassage, FieldReading, FieldSource

_SEVERITY_ORDER = {Severity.error: 0, Severity.warning: 1, Severity.info: 2}
# Sources in the order a reviewer trusts them for the report's field values.
_FIELD_SOURCES = ("declaration", "business_license", "financial_statement")


def _fields(ctx: CheckContext) -> dict[str, FieldReport]:
    out: dict[str, FieldReport] = {}
    for spec in ctx.programme.fields:
        readings = []
        for src in (*_FIELD_SOURCES, "id_card"):
            obs = ctx.best(spec.key, src)  # type: ignore[arg-type]
            if obs is None or obs.is_empty:
                continue
            readings.append((obs, FieldReading(
                source=src, value=obs.options if obs.options is not None else obs.value,
                normalized=shown(obs, spec), location=obs.location)))
        if not readings:
            continue
        first, _ = readings[0]
        out[spec.key] = FieldReport(
            value=first.options if first.options is not None else first.value,
            normalized=shown(first, spec),
            source=FieldSource(path=first.location.path, page=first.location.page),
            readings=[r for _, r in readings] if len(readings) > 1 else [])
    return out


def _requirements(ctx: CheckContext, findings: list[Finding]) -> list[RequirementResult]:
    by_req: dict[str, list[Finding]] = {}
    for f in findings:
        if f.requirement:
            by_req.setdefault(f.requirement, []).append(f)
    out: list[RequirementResult] = []
    decl = ctx.declarations
    out.append(RequirementResult(
        id="declaration", title=f"《{ctx.programme.title}》申报书",
        status=RequirementStatus.met if decl else RequirementStatus.missing, kind="declaration",
        evidence=[Location(path=d.path, page=1, excerpt=d.kind_reason) for d in decl[:1]]))
    for att in ctx.programme.attachments:
        docs = ctx.documents_for_attachment(att.id)
        if att.id in by_req:
            status = RequirementStatus.partial if docs else RequirementStatus.missing
        elif docs:
            status = RequirementStatus.met
        else:
            status = RequirementStatus.missing if att.required else RequirementStatus.not_applicable
        out.append(RequirementResult(
            id=att.id, title=att.title, status=status, kind="attachment",
            evidence=[Location(path=d.path, page=1,
                               excerpt=f"识别为{KIND_NAMES.get(d.kind.value, d.kind.value)}"
                                       f"（置信度 {d.kind_confidence or 0:.2f}）") for d in docs]))
    for spec in ctx.programme.fields:
        conditional = spec.required_when is not None
        if not (spec.required or conditional):
            continue
        rid = f"field.{spec.key}"
        obs = ctx.best(spec.key, "declaration")
        if conditional and not condition_met(ctx, spec.required_when):  # type: ignore[arg-type]
            status = RequirementStatus.not_applicable
        elif rid in by_req:
            blocking = {"MISSING_FIELD", "OPTION_NOT_SELECTED"}
            status = (RequirementStatus.missing
                      if any(f.code.value in blocking for f in by_req[rid])
                      else RequirementStatus.partial)
        elif obs is not None and not obs.is_empty:
            status = RequirementStatus.met
        else:
            status = RequirementStatus.missing if decl else RequirementStatus.not_applicable
        evidence = [obs.location] if obs is not None and not obs.is_empty else []
        out.append(RequirementResult(id=rid, title=spec.label, status=status,
                                     evidence=evidence, kind="field"))
    out.extend(_indicator_requirements(ctx))
    region = [f for f in findings if f.requirement == "eligibility.region"]
    if any(r.kind == "region" for r in ctx.programme.rules):
        out.append(RequirementResult(
            id="eligibility.region", title=f"注册地在{ctx.programme.region or ''}",
            kind="eligibility",
            status=RequirementStatus.missing if region else RequirementStatus.met,
            evidence=[loc for f in region for loc in f.locations]))
    return out


# Passages shown per indicator: the best few where it is evidenced, the closest one where
# it is not (so a reviewer sees why it fell short).
_PASSAGES_SHOWN = {"met": 3, "partial": 3, "missing": 1}


def _indicator_requirements(ctx: CheckContext) -> list[RequirementResult]:
    ev = ctx.evidence
    if ev is None or ev.error is not None:
        return []
    out: list[RequirementResult] = []
    for req in ev.requirements:
        m = ev.matches.get(req.spec.id)
        if m is None:
            continue
        hits = m.best[:_PASSAGES_SHOWN[m.status]]
        passages = [EvidencePassage(
            text=h.passage.text, location=h.passage.location, probability=round(h.probability, 4),
            heading_path=list(h.passage.heading_path), label=h.passage.label,
            explanation=h.explanation) for h in hits]
        evidence = [h.passage.location for h in hits if h.probability >= ev.t_partial]
        out.append(RequirementResult(
            id=req.spec.id, title=req.spec.title, status=RequirementStatus(m.status),
            evidence=evidence, kind="indicator", source=req.source, group=req.spec.group,
            level=req.spec.level, score=round(m.score, 4), passages=passages))
    return out


# Document metadata that says how a file was read (see DocumentSummary.reading).
READING_KEYS = ("text_layer", "converted_from", "converted_by", "ofd_pages",
                "ofd_signatures", "photo_corrected", "page_rotation")


def build_report(path: Path, programme: Programme, as_of: date, tool_version: str,
                 ctx: CheckContext, findings: list[Finding]) -> Report:
    findings = sorted(findings, key=lambda f: (_SEVERITY_ORDER[f.severity], f.code.value,
                                               f.field or "", f.requirement or ""))
    documents = [DocumentSummary(path=d.path, kind=d.kind.value if d.error is None else "unreadable",
                                 pages=len(d.pages), ocr_pages=d.ocr_pages, sha256=d.sha256,
                                 kind_confidence=d.kind_confidence, kind_reason=d.kind_reason,
                                 reading={k: d.metadata[k] for k in READING_KEYS
                                          if k in d.metadata})
                 for d in ctx.documents]
    return Report(
        dossier=path.name, program=programme.id, as_of=as_of.isoformat(),
        tool_version=tool_version,
        summary=Report.summarise(findings, any_readable=bool(ctx.readable)),
        documents=documents, fields=_fields(ctx), requirements=_requirements(ctx, findings),
        findings=findings)
