"""A handwritten signature drawn as random cubic Bézier strokes (no font: a signature is
ink, not characters, and OCR must not be able to read it back as print)."""
from __future__ import annotations

import numpy as np
from PIL import ImageDraw

PEN_INK = (28, 34, 92)  # blue-black ballpoint


def _bezier(p: np.ndarray, n: int = 48) -> list[tuple[float, float]]:
    t = np.linspace(0.0, 1.0, n)[:, None]
    pts = ((1 - t) ** 3) * p[0] + 3 * ((1 - t) ** 2) * t * p[1] + 3 * (1 - t) * t * t * p[2] + t ** 3 * p[3]
    return [(float(x), float(y)) for x, y in pts]


def draw_signature(draw: ImageDraw.ImageDraw, box: tuple[float, float, float, float],
                   rng: np.random.Generator, glyphs: int = 3, width: int = 4,
                   ink: tuple[int, int, int] = PEN_INK) -> None:
    """Scribble ``glyphs`` character-sized clusters of strokes left to right in ``box``
    (x0, y0, x1, y1), slanted and overlapping as a quick signature is, plus a tail."""
    x0, y0, x1, y1 = box
    cell = (x1 - x0) / glyphs
    h = y1 - y0
    for g in range(glyphs):
        gx = x0 + g * cell
        for _ in range(int(rng.integers(4, 7))):
            start = np.array([gx + rng.uniform(0.0, 0.9) * cell, y0 + rng.uniform(0.05, 0.95) * h])
            ctrl = start + rng.uniform(-0.6, 0.6, size=(3, 2)) * np.array([cell, h])
            pts = np.vstack([start, ctrl])
            pts[:, 0] = np.clip(pts[:, 0], x0, x1)
            pts[:, 1] = np.clip(pts[:, 1], y0, y1)
            draw.line(_bezier(pts), fill=ink, width=width, joint="curve")
    tail = np.array([[x1 - cell * 0.6, y0 + h * 0.7], [x1 - cell * 0.2, y1],
                     [x1, y0 + h * 0.3], [x1 + cell * 0.15, y0 + h * 0.55]])
    draw.line(_bezier(tail), fill=ink, width=max(width - 1, 2), joint="curve")
