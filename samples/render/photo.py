"""Making a clean page render look like a phone photo of the printed page.

The page (paper-toned, as printed) lies on a darker textured desk, seen at a slant: its
corners are moved 3-8 % of the side from a rectangle. The light falls off across the
frame, a soft shadow band (the phone, a hand) crosses part of the page, and the camera
adds a little blur and sensor noise. Everything random comes from the ``rng`` passed in,
so a seed gives the same photo every time.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

from samples.render.scan import PAPER

# Desk colours (RGB): a mid-dark wood, a grey office desk, a dark laminate.
DESKS: tuple[tuple[int, int, int], ...] = ((112, 84, 60), (92, 94, 98), (70, 62, 58))


def desk_texture(width: int, height: int, rng: np.random.Generator) -> np.ndarray:
    """A float32 RGB desk: a base colour, wood-like grain stripes and blotches."""
    base = np.array(DESKS[int(rng.integers(len(DESKS)))], dtype=np.float32)
    yy = np.arange(height, dtype=np.float32)[:, None]
    xx = np.arange(width, dtype=np.float32)[None, :]
    freq = rng.uniform(0.02, 0.05)
    phase = rng.uniform(0, 2 * np.pi)
    grain = np.sin(yy * freq + 3.0 * np.sin(xx * 0.004 + phase)) * 7.0
    coarse = rng.normal(0.0, 1.0, size=(6, 6)).astype(np.float32)
    blotch = cv2.resize(coarse, (width, height), interpolation=cv2.INTER_CUBIC) * 6.0
    tex = base[None, None, :] + (grain + blotch)[..., None]
    return tex.astype(np.float32)


def _page_corners(pw: int, ph: int, margin_x: int, margin_y: int,
                  rng: np.random.Generator) -> np.ndarray:
    """The page's corners on the canvas: a rectangle with each corner pushed 3-8 % of
    the page's side in a random direction."""
    rect = np.array([[0, 0], [pw, 0], [pw, ph], [0, ph]], dtype=np.float32)
    rect += np.array([margin_x, margin_y], dtype=np.float32)
    mags = rng.uniform(0.03, 0.08, size=(4, 2)) * np.array([pw, ph])
    signs = rng.choice([-1.0, 1.0], size=(4, 2))
    return (rect + mags * signs).astype(np.float32)


def _light_field(width: int, height: int, rng: np.random.Generator) -> np.ndarray:
    """Multiplicative light: a linear fall-off in a random direction, a mild vignette,
    and a soft-edged shadow band across part of the frame."""
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    u, v = xx / width - 0.5, yy / height - 0.5
    angle = rng.uniform(0, 2 * np.pi)
    ramp = np.cos(angle) * u + np.sin(angle) * v  # about -0.7 .. 0.7
    light = 1.0 + ramp * rng.uniform(0.25, 0.4)
    light *= 1.0 - 0.25 * (u ** 2 + v ** 2)
    # The shadow: a band between two parallel lines through a random point of the
    # middle of the frame, 12-25 % of the frame wide, edges blurred.
    band_angle = rng.uniform(0, np.pi)
    nx, ny = np.cos(band_angle), np.sin(band_angle)
    cx, cy = rng.uniform(-0.25, 0.25, size=2)
    dist = (u - cx) * nx + (v - cy) * ny
    half = rng.uniform(0.06, 0.125)
    softness = rng.uniform(0.015, 0.04)
    inside = 1.0 / (1.0 + np.exp((np.abs(dist) - half) / softness))
    depth = rng.uniform(0.3, 0.45)
    light *= 1.0 - depth * inside
    return light


@dataclass(frozen=True)
class PhotoShot:
    image: Image.Image
    # Where the page's corners landed (top-left, top-right, bottom-right, bottom-left of
    # the page as given), in photo pixels: the truth a page finder is measured against.
    corners: np.ndarray


def photograph(page: Image.Image, rng: np.random.Generator, long_side: int = 2000) -> Image.Image:
    """``page`` (a clean render) as a phone photo whose long side is ``long_side`` px."""
    return take_photo(page, rng, long_side).image


def take_photo(page: Image.Image, rng: np.random.Generator, long_side: int = 2000) -> PhotoShot:
    """Like :func:`photograph`, also saying where the page's corners are."""
    arr = np.asarray(page.convert("RGB"), dtype=np.float32)
    # Printed on real paper: white becomes paper tone, black a dark grey.
    tone = np.array(PAPER, dtype=np.float32) / 255.0
    arr = 20.0 + arr * tone * (1.0 - 20.0 / 255.0)
    ph, pw = arr.shape[:2]
    margin = rng.uniform(0.10, 0.15)
    cw, ch = int(pw * (1 + 2 * margin)), int(ph * (1 + 2 * margin))
    scale = long_side / max(cw, ch)
    cw, ch = int(round(cw * scale)), int(round(ch * scale))
    spw, sph = int(round(pw * scale)), int(round(ph * scale))
    arr = cv2.resize(arr, (spw, sph), interpolation=cv2.INTER_AREA)
    corners = _page_corners(spw, sph, (cw - spw) // 2, (ch - sph) // 2, rng)
    src = np.array([[0, 0], [spw, 0], [spw, sph], [0, sph]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(src, corners)
    warped = cv2.warpPerspective(arr, matrix, (cw, ch), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.ones((sph, spw), np.float32), matrix, (cw, ch),
                               flags=cv2.INTER_LINEAR)[..., None]
    scene = warped * mask + desk_texture(cw, ch, rng) * (1.0 - mask)
    scene *= _light_field(cw, ch, rng)[..., None]
    # A slightly warm cast, as under indoor light.
    scene *= np.array([1.0, 0.97, 0.92], dtype=np.float32)
    scene = cv2.GaussianBlur(scene, (0, 0), rng.uniform(0.6, 1.0))
    scene += rng.normal(0.0, rng.uniform(2.5, 4.5), size=(ch, cw, 1)).astype(np.float32)
    return PhotoShot(Image.fromarray(np.clip(scene, 0, 255).astype(np.uint8)), corners)
