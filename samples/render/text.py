"""Measuring, wrapping and drawing CJK text with Pillow."""
from __future__ import annotations

import re

from PIL import ImageDraw

from samples.render.fonts import pil_font

INK = (20, 20, 20)
# Latin words and numbers stay whole when a line wraps, as Word does.
# Closing punctuation never starts a line; it hangs past the margin instead (禁则).
_NO_LINE_START = set("，。、；：？！”’）》」』】,.;:?!)%")
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-_/@:+%]*|\s+|.", re.S)


def text_width(text: str, size: int, tracking: float = 0.0) -> float:
    font = pil_font(size)
    if not tracking:
        return font.getlength(text)
    return sum(font.getlength(ch) for ch in text) + tracking * max(len(text) - 1, 0)


def wrap(text: str, size: int, width: float) -> list[str]:
    """Greedy line breaking that honours explicit newlines."""
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for token in _TOKEN.findall(para):
            if text_width(line + token, size) <= width or (line and token in _NO_LINE_START):
                line += token
                continue
            if line.strip():
                lines.append(line.rstrip())
            line = "" if token.isspace() else token
            # A token wider than the line is cut character by character.
            while text_width(line, size) > width and len(line) > 1:
                cut = len(line)
                while cut > 1 and text_width(line[:cut], size) > width:
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line.rstrip())
    return lines


def draw_text(
    draw: ImageDraw.ImageDraw,
    xy: tuple[float, float],
    text: str,
    size: int,
    fill: tuple[int, int, int] = INK,
    tracking: float = 0.0,
    bold: bool = False,
) -> float:
    """Draw one line with its top-left at xy; returns the x after the last glyph."""
    font = pil_font(size)
    x, y = xy
    stroke = 1 if bold else 0
    if not tracking:
        draw.text((x, y), text, font=font, fill=fill, stroke_width=stroke, stroke_fill=fill)
        return x + font.getlength(text)
    for ch in text:
        draw.text((x, y), ch, font=font, fill=fill, stroke_width=stroke, stroke_fill=fill)
        x += font.getlength(ch) + tracking
    return x - tracking


def draw_centered(
    draw: ImageDraw.ImageDraw,
    cx: float,
    y: float,
    text: str,
    size: int,
    fill: tuple[int, int, int] = INK,
    tracking: float = 0.0,
    bold: bool = False,
) -> None:
    w = text_width(text, size, tracking)
    draw_text(draw, (cx - w / 2, y), text, size, fill, tracking, bold)
