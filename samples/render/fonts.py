"""Locating the CJK font and handing it to Pillow and reportlab.

Only WenQuanYi is looked for: it is what the Debian image installs, and a fixed font keeps
the generated images byte-identical from run to run.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/wqy")
_CANDIDATES = ("wqy-microhei.ttc", "wqy-zenhei.ttc")
REPORTLAB_FONT_NAME = "WQYMicroHei"


class FontMissingError(RuntimeError):
    pass


@lru_cache(maxsize=1)
def cjk_font_path() -> Path:
    for name in _CANDIDATES:
        path = FONT_DIR / name
        if path.is_file():
            return path
    raise FontMissingError(
        f"找不到中文字体（已查找 {FONT_DIR}/{'、'.join(_CANDIDATES)}）。"
        "请先安装：apt-get install fonts-wqy-microhei"
    )


@lru_cache(maxsize=64)
def pil_font(size: int) -> ImageFont.FreeTypeFont:
    # index=0 picks the proportional face of the TTC; the second face is monospaced.
    return ImageFont.truetype(str(cjk_font_path()), size=size, index=0)


@lru_cache(maxsize=1)
def reportlab_font() -> str:
    """Register the CJK font with reportlab once and return its name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if REPORTLAB_FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(REPORTLAB_FONT_NAME, str(cjk_font_path()), subfontIndex=0))
    return REPORTLAB_FONT_NAME
