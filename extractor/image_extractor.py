"""Scans and photos (JPEG, PNG, BMP, TIFF incl. multi-page, WebP, GIF, iPhone HEIC): each
image, or each frame of a multi-page TIFF, is a page read by OCR, with ruled tables and
tick boxes recovered from the pixels.

Photos are turned upright from their EXIF orientation first. Very large images are
shrunk so the long side is at most ``MAX_SIDE`` px (the factor is recorded in
``Document.metadata["image_scale"]``). A phone photo of a page (the sheet lying on a
desk, at a slant, unevenly lit) is then warped flat and evenly lit
(``metadata["photo_corrected"]``, e.g. ``"1:dewarp+flatten"``), and every page is turned
upright — 90°, 180° or 270°, decided from the text detector's line boxes and the
line-angle classifier before it is read (``metadata["page_rotation"]``; see
:func:`extractor.ocr.page_ocr.read_upright`). Bboxes are in the frame of the page as
read: shrunk, flattened and turned; that image is the page image saved for crops.
"""
from __future__ import annotations

import dataclasses
import struct
import warnings
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from extractor.base import ExtractContext, UnreadableFileError, new_document
from extractor.budget import apply_pillow_limit, pages_hit, take_ocr_page, time_hit
from extractor.ocr.page_ocr import land_page, ocr_page
from models import Document

MAX_SIDE = 4000
# Images beyond Limits.max_image_pixels are refused outright, from their header's size,
# before any pixel is decoded (Pillow opens lazily); Pillow's own decompression-bomb
# limit is set to the same figure (extractor.budget.apply_pillow_limit).

_SIGNATURES: list[tuple[bytes, str]] = [
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"II+\x00", "image/tiff"),  # BigTIFF
    (b"BM", "image/bmp"),
]

# ISO-BMFF brands of HEIF stills as phones write them. "mif1"/"msf1" are generic HEIF
# brands (AVIF files carry them too): they count only with an HEVC compatible brand.
_HEIC_BRANDS = frozenset({b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis"})
_GENERIC_HEIF_BRANDS = frozenset({b"mif1", b"msf1"})
# Camera exposure tags in the EXIF sub-IFD. Scanners write Make/Model too, but never an
# exposure time, f-number or focal length.
_EXIF_IFD = 0x8769
_CAMERA_TAGS = (0x829A, 0x829D, 0x920A)  # ExposureTime, FNumber, FocalLength


def _is_heic(head: bytes) -> bool:
    if len(head) < 12 or head[4:8] != b"ftyp":
        return False
    major = head[8:12]
    if major in _HEIC_BRANDS:
        return True
    if major not in _GENERIC_HEIF_BRANDS:
        return False
    size = int.from_bytes(head[:4], "big")
    compatible = head[16:min(len(head), max(16, size))]
    return any(compatible[i:i + 4] in _HEIC_BRANDS for i in range(0, len(compatible) - 3, 4))


@lru_cache(maxsize=1)
def _register_heif() -> bool:
    """Teach Pillow HEIC (once); False when pillow-heif is not installed."""
    try:
        import pillow_heif
    except ImportError:
        return False
    pillow_heif.register_heif_opener()
    return True


def taken_by_camera(frame: Image.Image) -> bool:
    """The frame's EXIF has a camera's exposure data (a phone or camera photo)."""
    try:
        ifd = frame.getexif().get_ifd(_EXIF_IFD)
    except Exception:  # broken EXIF says nothing either way
        return False
    return any(tag in ifd for tag in _CAMERA_TAGS)


def sniff_image_type(head: bytes) -> str | None:
    for sig, media in _SIGNATURES:
        if head.startswith(sig):
            if media == "image/bmp" and len(head) >= 18:
                # "BM" alone is too weak; a BMP header's DIB size field is 12..124.
                dib = int.from_bytes(head[14:18], "little")
                if not 12 <= dib <= 124:
                    return None
            return media
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if _is_heic(head):
        return "image/heic"
    return None


def to_rgb(frame: Image.Image) -> Image.Image:
    """RGB on white: transparent areas of PNG screenshots must not turn black."""
    if frame.mode in ("RGBA", "LA", "PA") or (frame.mode == "P" and "transparency" in frame.info):
        rgba = frame.convert("RGBA")
        canvas = Image.new("RGB", rgba.size, "white")
        canvas.paste(rgba, mask=rgba.getchannel("A"))
        return canvas
    if frame.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit greyscale scans: scale to 8 bit rather than clip.
        arr = np.asarray(frame, dtype=np.float64)
        top = arr.max() or 1.0
        return Image.fromarray((arr * (255.0 / top)).astype(np.uint8)).convert("RGB")
    return frame.convert("RGB")


def limit_size(img: Image.Image, max_side: int = MAX_SIDE) -> tuple[Image.Image, float]:
    w, h = img.size
    scale = min(1.0, max_side / max(w, h))
    if scale < 1.0:
        img = img.resize((max(1, round(w * scale)), max(1, round(h * scale))),
                         Image.Resampling.LANCZOS)
    return img, scale


class ImageExtractor:
    name = "image"
    media_type = "image/*"

    def sniff(self, head: bytes, suffix: str) -> bool:
        return sniff_image_type(head) is not None

    @staticmethod
    def _frames(img: Image.Image, scales: list[float], n_frames: int,
                max_pixels: int) -> Iterator[tuple[np.ndarray, bool]]:
        """The first ``n_frames`` pages, each as an upright RGB array no larger than
        MAX_SIDE, and whether a camera took it; decoded one at a time (a 50-page TIFF
        never sits in memory whole). Frames of a GIF or animated WebP are an animation,
        not pages: first one only; a HEIC's further images are thumbnails or bursts:
        first one only. Appends each frame's scale to ``scales``."""
        for i, frame in enumerate(ImageSequence.Iterator(img)):
            if i >= n_frames or (i > 0 and img.format != "TIFF"):
                break
            if frame.width * frame.height > max_pixels:
                # A later TIFF frame may claim any size in its own header.
                raise ValueError(f"frame {i + 1} is {frame.width}x{frame.height}")
            frame.load()
            camera = taken_by_camera(frame)
            try:
                upright = ImageOps.exif_transpose(frame) or frame
            except Exception:  # broken EXIF must not lose the page
                upright = frame
            rgb, scale = limit_size(to_rgb(upright))
            scales.append(scale)
            yield np.asarray(rgb), camera

    def extract(self, path: Path, rel_path: str, ctx: ExtractContext) -> Document:
        with path.open("rb") as f:
            media = sniff_image_type(f.read(64)) or "image/unknown"
        if media == "image/heic" and not _register_heif():
            raise UnreadableFileError(
                "暂不支持读取 HEIC 图片（缺少 HEIC 解码组件），请转换为 JPEG 后提交")
        doc = new_document(path, rel_path, media)
        limit = ctx.limits.max_image_pixels
        apply_pillow_limit(limit)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                img = Image.open(path)  # lazy: only the header is read here
            if img.width * img.height > limit:
                img.close()
                raise UnreadableFileError(_too_large(img.width, img.height),
                                          f"{img.width}x{img.height} > {limit}")
            if img.format == "JPEG" and max(img.size) > 2 * MAX_SIDE:
                # Let the JPEG decoder shrink by 2/4/8 while decoding: a 50-megapixel
                # photo is never held at full size.
                img.draft("RGB", (img.width * MAX_SIDE // max(img.size),
                                  img.height * MAX_SIDE // max(img.size)))
            img.load()
        except UnreadableFileError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            size = header_size(path)
            reason = _too_large(*size) if size else "图片尺寸过大，未读取"
            raise UnreadableFileError(reason, str(exc)) from exc
        except UnidentifiedImageError as exc:
            raise UnreadableFileError("图片文件无法识别或已损坏", str(exc)) from exc
        except (OSError, SyntaxError, ValueError) as exc:
            raise UnreadableFileError("图片文件已损坏", str(exc)) from exc
        scales: list[float] = []
        skipped_ocr: list[str] = []
        # Pages are counted from the TIFF's directory chain (headers only, no pixels).
        total = _frame_count(img)
        n_frames = total
        if total > ctx.limits.max_pages:
            n_frames = ctx.limits.max_pages
            doc.limit_hits.append(pages_hit(total, ctx.limits))
        frames = self._frames(img, scales, n_frames, limit)
        try:
            while True:
                if doc.pages and ctx.deadline.expired():
                    doc.limit_hits.append(time_hit(len(doc.pages), n_frames, ctx.limits))
                    break
                try:
                    arr, camera = next(frames)
                except StopIteration:
                    break
                except (OSError, SyntaxError, ValueError) as exc:
                    if not doc.pages:
                        raise UnreadableFileError("图片文件已损坏", str(exc)) from exc
                    # A later TIFF frame is broken: keep the pages read so far, say so.
                    doc.metadata["truncated_after_page"] = str(len(doc.pages))
                    break
                number = len(doc.pages) + 1
                page_ctx = ctx
                if ctx.ocr is not None and not take_ocr_page(ctx, doc.path):
                    page_ctx = dataclasses.replace(ctx, ocr=None)
                    skipped_ocr.append(str(number))
                res = ocr_page(arr, number, page_ctx, table_start=len(doc.tables),
                               try_rotations=True, image_stem=doc.sha256[:16],
                               camera=camera)
                del arr
                land_page(doc, res, page_ctx)
        finally:
            img.close()
        doc.metadata["image_frames"] = str(len(doc.pages))
        if any(s < 1.0 for s in scales):
            doc.metadata["image_scale"] = ",".join(f"{s:.4f}" for s in scales)
        if ctx.ocr is None:
            doc.metadata["ocr_skipped_pages"] = ",".join(str(p.number) for p in doc.pages)
        elif skipped_ocr:
            doc.metadata["ocr_skipped_pages"] = ",".join(skipped_ocr)
        return doc


def _too_large(width: int, height: int) -> str:
    return f"图片尺寸过大（{width}×{height} 像素），未读取"


def _frame_count(img: Image.Image) -> int:
    if img.format != "TIFF":
        return 1
    try:
        return max(1, int(getattr(img, "n_frames", 1)))
    except (OSError, ValueError, SyntaxError, struct.error):
        return 1


def header_size(path: Path) -> tuple[int, int] | None:
    """An image's size from its header alone, without Pillow's decompression-bomb check
    (which refuses to say the size of an image it refuses)."""
    Image.init()
    try:
        with path.open("rb") as fp:
            prefix = fp.read(16)
            for fmt in Image.ID:
                factory, accept = Image.OPEN[fmt]
                ok = not accept or accept(prefix)
                if not ok or isinstance(ok, str):
                    continue
                fp.seek(0)
                try:
                    im = factory(fp, str(path))
                except (SyntaxError, IndexError, TypeError, struct.error, OSError, ValueError):
                    continue
                return im.size
    except OSError:
        return None
    return None
