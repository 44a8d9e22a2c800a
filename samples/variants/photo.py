"""Phone-photo twins of dossier files: every page of a PDF or image file photographed
on a desk (see :mod:`samples.render.photo`) and saved as the phone saves it.

``to_photos`` writes one ``IMG_<4 digits>.jpg`` per page. A page may be turned on the
desk (a licence put down upside down: the pixels are turned and no EXIF says so), and a
portrait shot may be stored sideways with an EXIF orientation tag, as phones do. The
JPEGs carry camera EXIF (make, model, exposure, focal length) like a phone's.
``to_heic`` writes one page as an iPhone HEIC. ``photo_twin`` copies a dossier folder
with chosen files replaced by their photos. Output is identical for the same seed.
"""
from __future__ import annotations

import io
import shutil
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, ImageSequence

from samples.render.photo import photograph

EXIF_ORIENTATION = 0x0112
EXIF_MAKE, EXIF_MODEL, EXIF_DATETIME = 0x010F, 0x0110, 0x0132
EXIF_IFD = 0x8769
EXIF_EXPOSURE, EXIF_FNUMBER, EXIF_FOCAL, EXIF_ORIGINAL = 0x829A, 0x829D, 0x920A, 0x9003
JPEG_QUALITY = 85
# Orientation 6: the viewer turns the stored pixels 90° clockwise; so they are stored
# turned 90° counter-clockwise (a phone held upright, sensor landscape).
SIDEWAYS_TAG = 6


def _is_pdf(path: Path) -> bool:
    with path.open("rb") as f:
        return b"%PDF-" in f.read(1024)


def page_images(src: Path, dpi: int = 200) -> Iterator[Image.Image]:
    """Each page of a PDF (rendered at ``dpi``) or each frame of an image file, RGB and
    upright."""
    if _is_pdf(src):
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(src))
        try:
            for page in pdf:
                bitmap = page.render(scale=dpi / 72.0)
                try:
                    yield bitmap.to_pil().convert("RGB")
                finally:
                    bitmap.close()
                page.close()
        finally:
            pdf.close()
        return
    with Image.open(src) as img:
        for frame in ImageSequence.Iterator(img):
            yield (ImageOps.exif_transpose(frame) or frame).convert("RGB")


def camera_exif(orientation: int = 1, shot: int = 0) -> Image.Exif:
    """EXIF as a phone writes it (fixed values, so files are byte-identical)."""
    exif = Image.Exif()
    exif[EXIF_MAKE] = "Apple"
    exif[EXIF_MODEL] = "iPhone 12"
    exif[EXIF_DATETIME] = f"2022:12:01 09:{31 + shot % 28:02d}:00"
    exif[EXIF_ORIENTATION] = orientation
    ifd = exif.get_ifd(EXIF_IFD)
    ifd[EXIF_EXPOSURE] = 1 / 60
    ifd[EXIF_FNUMBER] = 1.6
    ifd[EXIF_FOCAL] = 4.2
    ifd[EXIF_ORIGINAL] = exif[EXIF_DATETIME]
    return exif


def _pick(value: int | bool | Sequence[int] | Sequence[bool], i: int) -> int | bool:
    if isinstance(value, (int, bool)):
        return value
    return value[i % len(value)] if value else 0


def photo_of(page: Image.Image, seed: int, index: int, turn: int = 0,
             long_side: int = 3000) -> Image.Image:
    """One page photographed; ``turn`` = degrees counter-clockwise the sheet lies
    turned on the desk (0, 90, 180, 270)."""
    rng = np.random.default_rng([seed, index])
    if turn % 360:
        page = page.rotate(turn % 360, expand=True)
    return photograph(page, rng, long_side=long_side)


def to_photos(src: Path, out_dir: Path, seed: int = 0, *,
              turns: int | Sequence[int] = 0,
              exif_sideways: bool | Sequence[bool] = False,
              dpi: int = 200, long_side: int = 3000) -> list[Path]:
    """Every page of ``src`` as a phone photo JPEG in ``out_dir``; returns the paths.

    ``turns``: degrees counter-clockwise each sheet lies turned (one value, or one per
    page, cycled); ``exif_sideways``: store the pixels turned 90° counter-clockwise with
    EXIF orientation 6 (one value or per page). The default 3000 px photo shows an A4
    page at about 200 dpi, as a 9-12 megapixel phone camera does; tests pass less to
    keep OCR cheap."""
    out_dir.mkdir(parents=True, exist_ok=True)
    first = 1000 + (seed * 37) % 8000
    paths: list[Path] = []
    for i, page in enumerate(page_images(Path(src), dpi)):
        photo = photo_of(page, seed, i, int(_pick(turns, i)), long_side)
        orientation = 1
        if _pick(exif_sideways, i):
            photo = photo.transpose(Image.Transpose.ROTATE_90)
            orientation = SIDEWAYS_TAG
        path = out_dir / f"IMG_{(first + i) % 10000:04d}.jpg"
        photo.save(path, "JPEG", quality=JPEG_QUALITY, subsampling=2,
                   exif=camera_exif(orientation, i).tobytes())
        paths.append(path)
    return paths


def to_heic(src: Path, out_path: Path, seed: int = 0, *, page: int = 1, turn: int = 0,
            dpi: int = 200, long_side: int = 3000, quality: int = 80) -> Path:
    """Page ``page`` (1-based) of ``src`` photographed and saved as an iPhone HEIC."""
    import pillow_heif

    pillow_heif.register_heif_opener()
    for i, image in enumerate(page_images(Path(src), dpi)):
        if i + 1 == page:
            photo = photo_of(image, seed, i, turn, long_side)
            break
    else:
        raise ValueError(f"{src} has no page {page}")
    out_path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    photo.save(buf, format="HEIF", quality=quality, exif=camera_exif(1, page).tobytes())
    out_path.write_bytes(buf.getvalue())
    return out_path


def photo_twin(src_dir: Path, out_dir: Path, files: Mapping[str, int], seed: int = 0,
               **photo_kwargs: object) -> dict[str, list[Path]]:
    """A copy of the dossier folder ``src_dir`` in ``out_dir`` where each file named in
    ``files`` (path relative to the folder → turn in degrees) is replaced by its photos.
    Returns the photo paths per replaced file."""
    if out_dir.exists():
        shutil.rmtree(out_dir)
    shutil.copytree(src_dir, out_dir)
    made: dict[str, list[Path]] = {}
    for k, (rel, turn) in enumerate(sorted(files.items())):
        original = out_dir / rel
        photos = to_photos(src_dir / rel, original.parent, seed=seed + k, turns=turn,
                           **photo_kwargs)  # type: ignore[arg-type]
        original.unlink()
        made[rel] = photos
    return made
