"""sentence-transformers models from a folder on local disk (e.g. a bge-small-zh the user
downloaded once). Optional extra: ``pip install 'dossier-checker[st]'`` (torch CPU first).

The name given must be an existing local directory. A hub id such as
``BAAI/bge-small-zh`` is refused before sentence-transformers is even imported, and the
model is opened with ``local_files_only=True`` and the Hugging Face offline switches set,
so no code path can reach a model hub."""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import numpy as np

from matchers.embeddings.base import EmbeddingUnavailable, l2_normalise

INSTALL_HINT = ("pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu && "
                "pip install 'dossier-checker[st]'")
# owner/name with no path separators beyond the one slash: how hub ids look.
_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.\-]*/[\w.\-]+$")
_MARKERS = ("modules.json", "config_sentence_transformers.json", "config.json")


def resolve_model_dir(spec: str) -> Path:
    """The model folder for ``spec``, or :class:`EmbeddingUnavailable` saying why not."""
    raw = spec.strip()
    if not raw:
        raise EmbeddingUnavailable("DOSSIER_EMBEDDINGS=st: 后需给出本地模型目录，"
                                   "例如 st:/models/bge-small-zh")
    path = Path(raw).expanduser()
    if not path.is_dir():
        if _HUB_ID.match(raw) and not raw.startswith((".", "~")):
            raise EmbeddingUnavailable(
                f"{raw!r} 看起来是模型仓库的名称，而不是本地目录。本程序不会从任何模型仓库下载模型："
                f"请先把模型文件夹复制到本机，再设置 DOSSIER_EMBEDDINGS=st:/模型目录的完整路径")
        raise EmbeddingUnavailable(f"本地模型目录不存在：{path}（DOSSIER_EMBEDDINGS=st:{raw}）")
    if not any((path / m).is_file() for m in _MARKERS):
        raise EmbeddingUnavailable(
            f"{path} 不是 sentence-transformers 模型目录（缺少 {' / '.join(_MARKERS)}）")
    return path.resolve()


def _fingerprint(path: Path) -> str:
    """Config contents plus weight-file sizes: changes when the model folder is replaced."""
    h = hashlib.sha256()
    for p in sorted(path.rglob("*")):
        if not p.is_file():
            continue
        rel = str(p.relative_to(path))
        if p.suffix in (".json", ".txt") and p.stat().st_size < 2_000_000:
            h.update(rel.encode() + b"\0" + p.read_bytes())
        else:
            h.update(f"{rel}\0{p.stat().st_size}".encode())
    return h.hexdigest()[:12]


class SentenceTransformerBackend:
    """Implements :class:`matchers.embeddings.base.EmbeddingBackend`."""

    name = "st"

    def __init__(self, model_dir: str | Path, device: str = "cpu", batch_size: int = 32,
                 query_prefix: str | None = None, passage_prefix: str = "") -> None:
        self.path = resolve_model_dir(str(model_dir))
        self.device = device
        self.batch_size = batch_size
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.version = f"st-{self.path.name}-{_fingerprint(self.path)}"
        self._model: object | None = None

    def load(self) -> object:
        if self._model is not None:
            return self._model
        # Set before the import: huggingface_hub reads them when it is first imported.
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as e:
            raise EmbeddingUnavailable(
                f"使用本地 sentence-transformers 模型需要安装可选依赖：{INSTALL_HINT}") from e
        self._model = SentenceTransformer(str(self.path), device=self.device,
                                          local_files_only=True, trust_remote_code=False)
        return self._model

    def encode(self, texts: list[str], *, query: bool = False) -> np.ndarray:
        model = self.load()
        if not texts:
            dim = model.get_sentence_embedding_dimension() or 0  # type: ignore[attr-defined]
            return np.zeros((0, dim), dtype=np.float32)
        kwargs: dict[str, object] = {}
        prompts = getattr(model, "prompts", None) or {}
        if query and self.query_prefix is None and "query" in prompts:
            # The model folder declares its own query instruction (bge, e5 exports).
            kwargs["prompt_name"] = "query"
            items = list(texts)
        elif query:
            items = [(self.query_prefix or "") + t for t in texts]
        else:
            items = [self.passage_prefix + t for t in texts]
        vecs = model.encode(items, batch_size=self.batch_size,  # type: ignore[attr-defined]
                            convert_to_numpy=True, normalize_embeddings=True,
                            show_progress_bar=False, **kwargs)
        return l2_normalise(vecs)
