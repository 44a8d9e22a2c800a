"""The dossier-level matching step: which requirements a programme asks evidence for,
which documents are its narrative, and the matcher's verdict on each requirement.

Requirements are the programme's own indicators plus the items of the catalogues it
refers to (建设导则 6.1.1 …, 40 典型场景). A catalogue item that other items sit under
(6.1 数字化设计 above 6.1.1–6.1.3) is a heading, not a requirement, and an id the
programme already has (Jiangsu lists the 40 scenarios itself) is matched once. All of them
are scored together, because the matcher's features compare each passage across the
requirements checked with it (see :mod:`matchers.evidence.evidence_matcher`)."""
from __future__ import annotations

import logging
import re
import time
import unicodedata
from pathlib import Path
from typing import Any

from criteria.loader import load_catalogues
from criteria.schema import Catalogue, IndicatorSpec, Programme
from matchers.embeddings.base import EmbeddingUnavailable
from matchers.evidence.evidence_matcher import EvidenceMatcher
from matchers.evidence.passages import dossier_passages
from models import Document
from models.evidence import (EvidenceHit, EvidenceRequirement, EvidenceResult, Passage,
                             RequirementMatch)
from models.fields import FieldObservation

log = logging.getLogger(__name__)

# The least lead of a passage's embedding similarity over the requirement's background (its
# mean over the dossier's passages) that counts as being about it without a keyword or a
# heading naming it: 0.015 keeps every true "met" of the blind narratives (bench/blind.py).
MIN_MARGIN = 0.015
# The probability at which a paragraph that fits a neighbour best still evidences this one.
SHARED_PARAGRAPH = 0.9


def _leaf_items(cat: Catalogue) -> list[IndicatorSpec]:
    ids = [i.id for i in cat.items]
    return [i for i in cat.items
            if not any(o != i.id and o.startswith(i.id + ".") for o in ids)]


def evidence_requirements(programme: Programme,
                          catalogues: dict[str, Catalogue] | None = None
                          ) -> list[EvidenceRequirement]:
    out = {i.id: EvidenceRequirement(i, programme.id) for i in programme.indicators}
    if not programme.catalogues:
        return list(out.values())
    cats = catalogues if catalogues is not None else load_catalogues()
    for cid in programme.catalogues:
        cat = cats.get(cid)
        if cat is None:
            log.warning("programme %s refers to unknown catalogue %s", programme.id, cid)
            continue
        for item in _leaf_items(cat):
            if item.id in out:
                out[item.id].spec = merge_texts(out[item.id].spec, item)
            else:
                out[item.id] = EvidenceRequirement(item, cid)
    return list(out.values())


def merge_texts(own: IndicatorSpec, other: IndicatorSpec) -> IndicatorSpec:
    """``own`` with what a catalogue says about the same requirement: Jiangsu lists the 40
    scenarios with an administrative note (《指引》第11项…) while the 指引 describes the
    scenario and the 自评价参考 its levels. The longer description is the substantive one;
    level descriptions and keywords are pooled. Identity fields (title, level, ★,
    needs_narrative) stay the programme's."""
    texts: list[str | None] = [d for d in (own.description, other.description) if d]
    description = max(texts or [None], key=lambda d: len(d or ""))
    levels = {**other.levels, **own.levels}
    kw = own.keywords
    if other.keywords is not None:
        if kw is None:
            kw = other.keywords
        else:
            kw = kw.model_copy(update={
                "all": list(dict.fromkeys([*kw.all, *other.keywords.all])),
                "any": list(dict.fromkeys([*kw.any, *other.keywords.any])),
                "synonyms": {**other.keywords.synonyms, **kw.synonyms},
                "negations": list(dict.fromkeys([*kw.negations, *other.keywords.negations]))})
    return own.model_copy(update={"description": description, "levels": levels, "keywords": kw})


def narrative_documents(docs: list[Document], programme: Programme) -> list[Document]:
    kinds = set(programme.narrative_kinds)
    return [d for d in docs if d.error is None and d.kind.value in kinds]


def _mark_fits(matches: list[RequirementMatch], reqs: list[EvidenceRequirement],
               passages: list[Passage], matcher: EvidenceMatcher) -> None:
    """Records on each hit which requirement its passage fits best, overall and among the
    requirements of the same source, and keeps "met" for requirements that a passage is
    really about.

    The matcher's probabilities compare passages and requirements within the dossier, so
    the best of several passages about *other* indicators can clear the met threshold
    (a 工艺设计 paragraph for 产品研发与设计). "Met" therefore also needs a passage at the
    met threshold that fits this requirement better than any other requirement of its
    source (the programme's indicators, or one catalogue); otherwise the verdict is
    partial — a passage touches the topic, none is written about it. A partial verdict
    resting only on passages filed under other indicators' headings, with none of this
    one's terms, is missing: nothing was written for this indicator."""
    import numpy as np

    probs = matcher.last_probabilities
    fits = [reqs[int(i)].spec.id for i in np.argmax(probs, axis=0)]
    by_source: dict[str, list[int]] = {}
    for i, r in enumerate(reqs):
        by_source.setdefault(r.source, []).append(i)
    fits_in: dict[str, list[str]] = {}
    for source, rows in by_source.items():
        best_rows = np.asarray(rows)[np.argmax(probs[rows], axis=0)]
        fits_in[source] = [reqs[int(i)].spec.id for i in best_rows]
    index = {id(p): i for i, p in enumerate(passages)}
    source_of = {r.spec.id: r.source for r in reqs}
    filed = [_filed_under(p, reqs) for p in passages]
    t_met, t_partial = matcher.calibration.t_met, matcher.calibration.t_partial
    for m in matches:
        source = source_of[m.requirement_id]
        own = fits_in[source]
        for h in m.best:
            j = index[id(h.passage)]
            # Shown with the evidence so a reviewer sees when a match rides on a
            # neighbour's paragraph, and read by the checks that must not count it.
            h.explanation["passage_fits_best"] = fits[j]
            h.explanation["passage_fits_best_in_source"] = own[j]
            under = filed[j].get(source, [])
            if under:
                h.explanation["filed_under"] = under
        support = [h for h in m.best if h.probability >= t_partial]
        if m.status == "partial" and support and \
                all(_written_for_another(h, m.requirement_id) for h in support):
            # Every passage that touches the topic sits under another indicator's
            # heading and names none of this one's terms: the applicant wrote nothing
            # for this indicator (a section pasted from a neighbour's reads like that).
            m.status = "missing"
            m.best[0].explanation["partial_withheld"] = (
                f"相关段落均写在其他指标（{'、'.join(support[0].explanation['filed_under'])}）"
                "的标题下，且未出现本指标的关键词，未见为本指标撰写的内容")
            continue
        if m.status != "met":
            continue
        reasons = [_withheld(h, m.requirement_id, source, t_met) for h in m.best]
        if any(r is None for r in reasons):
            continue
        m.status = "partial"
        if m.best:
            m.best[0].explanation["met_withheld"] = reasons[0]


def _written_for_another(hit: EvidenceHit, requirement_id: str) -> bool:
    """Filed under other indicators' headings, not this one's, with none of its terms."""
    under = hit.explanation.get("filed_under") or []
    return bool(under) and requirement_id not in under and \
        not hit.explanation.get("terms_hit") and hit.explanation.get("rule_score", 0.0) <= 0.0


def _withheld(hit: EvidenceHit, requirement_id: str, source: str, t_met: float) -> str | None:
    """Why this hit cannot make the requirement met (None: it can)."""
    if hit.probability < t_met:
        return "相符程度未达“满足”阈值"
    under = hit.explanation.get("filed_under") or []
    if under and requirement_id not in under:
        # The applicant filed this paragraph under another indicator's heading: it is
        # that indicator's evidence, however much it resembles this one.
        return f"该段落写在其他指标（{'、'.join(under)}）的标题下，不作为本指标的佐证"
    if requirement_id not in under and not hit.explanation.get("terms_hit") and \
            hit.explanation.get("rule_score", 0.0) <= 0.0 and \
            hit.explanation.get("embedding_margin", 0.0) < MIN_MARGIN:
        # Nothing in the passage is about the requirement in absolute terms: no keyword,
        # no heading, and its meaning barely above what every passage scores — the best
        # of poor passages (an introductory "已建成场景如下：") is not evidence.
        return "段落未出现本指标的关键词，语义相似度也不明显高于其他段落，不足以认定"
    best = hit.explanation.get("passage_fits_best_in_source")
    # One paragraph may describe neighbouring indicators at once (供应链管理平台 and 供应链
    # 协同; 出入库管理 and 物料配送): a near-certain match that also names this one's own
    # terms stands even when a neighbour fits the paragraph a little better.
    shared = hit.probability >= SHARED_PARAGRAPH and \
        hit.explanation.get("rule_score", 0.0) >= 0.5
    if best != requirement_id and requirement_id not in under and not shared:
        return f"最相符的段落更符合其他指标（{best}），未见专门描述本指标的段落"
    return None


def _norm_title(text: str) -> str:
    return re.sub(r"[\s“”\"'‘’]+", "", unicodedata.normalize("NFKC", text))


def _filed_under(passage: Passage, reqs: list[EvidenceRequirement]) -> dict[str, list[str]]:
    """Per source, the requirements whose title a heading above the passage names."""
    heads = [_norm_title(h) for h in passage.heading_path]
    if not heads:
        return {}
    out: dict[str, list[str]] = {}
    for r in reqs:
        title = _norm_title(r.spec.title)
        if len(title) >= 2 and any(title in h for h in heads):
            out.setdefault(r.source, []).append(r.spec.id)
    return out


def match_dossier_evidence(docs: list[Document], programme: Programme,
                           matcher: EvidenceMatcher | None = None,
                           catalogues: dict[str, Catalogue] | None = None,
                           embeddings: str | None = None,
                           cache_dir: Path | None = None) -> EvidenceResult:
    """Matches every requirement of ``programme`` against the narrative passages of
    ``docs``. A missing embedding model is reported in ``error``, not raised: the rest of
    the dossier is still checked. ``cache_dir``: the run's cache folder (vectors go to its
    ``embeddings`` subfolder), default ``$DOSSIER_CACHE_DIR``."""
    reqs = evidence_requirements(programme, catalogues)
    result = EvidenceResult(requirements=reqs)
    if not reqs:
        return result
    t0 = time.perf_counter()
    passages = dossier_passages(narrative_documents(docs, programme), programme=programme)
    result.passages = passages
    try:
        if matcher is None:
            from matchers.embeddings.base import get_backend

            kw: dict[str, Any] = ({"cache_dir": Path(cache_dir) / "embeddings"}
                                  if cache_dir is not None else {})
            matcher = EvidenceMatcher(get_backend(embeddings, **kw))
        matches = matcher.match([r.spec for r in reqs], passages)
        if passages:
            _mark_fits(matches, reqs, passages, matcher)
    except EmbeddingUnavailable as e:
        result.error = str(e)
        return result
    result.backend = matcher.backend.name
    result.t_met, result.t_partial = matcher.calibration.t_met, matcher.calibration.t_partial
    result.matches = {m.requirement_id: m for m in matches}
    result.seconds = round(time.perf_counter() - t0, 3)
    return result


def credit_reported_values(result: EvidenceResult, programme: Programme,
                           observations: list[FieldObservation]) -> None:
    """An indicator reported as a figure (an index's L1P1 产业规模 …, whose field carries the
    indicator's code) is evidenced by the value the declaration gives it, wherever it is
    written: a table cell with a number is not narrative, but it is the evidence the index
    asks for."""
    codes = {f.code: f.key for f in programme.fields if f.code}
    if not codes:
        return
    for req in result.requirements:
        key = codes.get(req.spec.id)
        m = result.matches.get(req.spec.id)
        if key is None or m is None or m.status == "met" or req.source != programme.id:
            continue
        # A reported 0 (上市挂牌企业 0家) answers the question but evidences nothing.
        obs = next((o for o in observations if o.key == key and o.source == "declaration"
                    and not o.is_empty and o.normalized not in (0, 0.0)), None)
        if obs is None:
            continue
        passage = Passage(text=f"{obs.label or req.spec.title}：{obs.value}",
                          location=obs.location, kind="cell")
        m.best.insert(0, EvidenceHit(passage, 1.0, {
            "reported_value": obs.value, "field": key,
            "reason": "申报材料填报了该指标的数值"}))
        m.status, m.score = "met", max(m.score, result.t_met)
