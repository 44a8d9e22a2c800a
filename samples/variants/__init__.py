"""Variants of a dossier's files as applicants really send them (legacy Office, WPS, OFD,
phone photos, scans with a hidden text layer, Word printed to PDF): each variant turns a
file of a generated dossier into its twin, so :mod:`bench.variants` can check that the
twin dossier gets the same findings as the original.

A variant says which files it takes (by suffix and by the kind the checker recognised
in the original run: the licence, the declaration) and how to make the twin; the
makers live in this package's modules and are imported only when used (LibreOffice,
pillow-heif and reportlab are needed by some, not by the checker)."""
from __future__ import annotations

import importlib
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

Maker = Callable[[Path, Path], list[Path]]


@dataclass(frozen=True)
class Variant:
    name: str
    # Chinese label for reports.
    label: str
    suffixes: frozenset[str]
    # Document kinds (as the checker recognised them in the original) it applies to;
    # empty = every file with one of the suffixes.
    kinds: frozenset[str]
    maker: str  # "module:function"
    # The maker needs a PDF: other suffixes are printed to PDF first (DOCX by LibreOffice,
    # images wrapped as one page each).
    needs_pdf: bool = False

    def applies(self, path: Path, kind: str | None) -> bool:
        return path.suffix.lower() in self.suffixes and (not self.kinds or kind in self.kinds)

    def make(self, src: Path, out_dir: Path) -> list[Path]:
        module, func = self.maker.split(":")
        fn = getattr(importlib.import_module(f"samples.variants.{module}"), func)
        out_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="variant-") as tmp:
            work = Path(tmp)
            source = as_pdf(src, work) if self.needs_pdf and src.suffix.lower() != ".pdf" else src
            (work / "out").mkdir()
            made = fn(source, work / "out")
            made = list(made) if isinstance(made, (list, tuple)) else [made]
            # Makers name their files (IMG_1000.jpg …): two sources in one folder must not
            # overwrite each other's twins.
            return [_move_unique(Path(m), out_dir, src) for m in made]


_DECLARATION = frozenset({"declaration"})
_LICENCE = frozenset({"business_license"})
_IMAGES = frozenset({".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp"})

VARIANTS: dict[str, Variant] = {v.name: v for v in (
    Variant("doc", "旧版 Word（.doc）", frozenset({".docx"}), frozenset(), "legacy:to_doc"),
    Variant("wps", "WPS 文字（.wps）", frozenset({".docx"}), frozenset(), "legacy:to_wps"),
    Variant("xls", "旧版 Excel（.xls）", frozenset({".xlsx"}), frozenset(), "legacy:to_xls"),
    Variant("et", "WPS 表格（.et）", frozenset({".xlsx"}), frozenset(), "legacy:to_et"),
    Variant("ofd_licence", "OFD 电子营业执照", frozenset({".pdf"}) | _IMAGES, _LICENCE,
            "ofd:pdf_to_ofd", needs_pdf=True),
    Variant("ofd", "OFD 版式文件", frozenset({".pdf", ".docx"}), _DECLARATION,
            "ofd:pdf_to_ofd", needs_pdf=True),
    Variant("photo", "手机拍照", frozenset({".pdf", ".docx"}) | _IMAGES,
            _DECLARATION | _LICENCE, "photo:to_photos", needs_pdf=True),
    Variant("scan_text_layer", "带隐藏文字层的扫描 PDF", frozenset({".pdf", ".docx"}),
            _DECLARATION, "pdf_layers:scanned_with_text_layer", needs_pdf=True),
    Variant("garbled_pdf", "文字层乱码的 PDF", frozenset({".pdf", ".docx"}), _DECLARATION,
            "pdf_layers:garbled_text_layer", needs_pdf=True),
    Variant("printed_pdf", "Word 打印为 PDF（勾选符号后置）", frozenset({".docx"}), _DECLARATION,
            "pdf_layers:printed_pdf_with_late_ticks"),
)}


def twin_files(variant: Variant, folder: Path, kinds: dict[str, str | None]) -> list[Path]:
    """Turn, in place, every file of the dossier ``folder`` that ``variant`` takes into its
    twin; ``kinds`` maps a file's path in the dossier (as the checker reported it) to its
    recognised kind. Returns the twins made."""
    made_all: list[Path] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        kind = kinds.get(rel) or next((k for p, k in kinds.items() if p.endswith(rel)), None)
        if not variant.applies(path, kind):
            continue
        made = variant.make(path, path.parent)
        # A twin may keep its source's name (a scan rewritten with a hidden text layer).
        if path.resolve() not in {m.resolve() for m in made}:
            path.unlink()
        made_all += made
    return made_all


def _move_unique(path: Path, out_dir: Path, source: Path) -> Path:
    """Move a made twin into ``out_dir`` under its own name, or a numbered one when another
    file already has it; a twin named as its source replaces the source."""
    target = out_dir / path.name
    n = 1
    while target.exists() and target.resolve() != source.resolve():
        target = out_dir / f"{path.stem}_{n}{path.suffix}"
        n += 1
    shutil.move(str(path), target)
    return target


def as_pdf(src: Path, out_dir: Path) -> Path:
    """A PDF of ``src``: Word/Excel printed by LibreOffice, an image as one page."""
    suffix = src.suffix.lower()
    if suffix in _IMAGES:
        from PIL import Image

        out = out_dir / f"{src.stem}.pdf"
        with Image.open(src) as img:
            img.convert("RGB").save(out, "PDF", resolution=200.0)
        return out
    from samples.variants.legacy import to_pdf

    return to_pdf(src, out_dir)
