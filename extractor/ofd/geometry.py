"""Number lists, transforms, path data and colours as OFD writes them."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import overload

# A TextCode longer than this is cut (a real line holds a few hundred glyphs).
MAX_REPEAT = 100_000
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")

Point = tuple[float, float]


def numbers(text: str | None) -> list[float]:
    """Whitespace- or comma-separated numbers; anything unparsable is skipped."""
    if not text:
        return []
    return [float(m) for m in _NUMBER.findall(text)]


def deltas(text: str | None) -> list[float]:
    """DeltaX/DeltaY: numbers, where "g N v" stands for v repeated N times (writers
    compress runs of equal advances that way, as in DeltaX="g 9 7.07")."""
    if not text:
        return []
    tokens = text.replace(",", " ").split()
    out: list[float] = []
    i = 0
    while i < len(tokens) and len(out) < MAX_REPEAT:
        tok = tokens[i]
        if tok == "g" and i + 2 < len(tokens):
            try:
                count, value = int(float(tokens[i + 1])), float(tokens[i + 2])
            except ValueError:
                i += 1
                continue
            out.extend([value] * max(0, min(count, MAX_REPEAT - len(out))))
            i += 3
            continue
        try:
            out.append(float(tok))
        except ValueError:
            pass
        i += 1
    return out


@dataclass(frozen=True)
class Affine:
    """x' = a·x + c·y + e, y' = b·x + d·y + f (OFD's CTM "a b c d e f")."""

    a: float = 1.0
    b: float = 0.0
    c: float = 0.0
    d: float = 1.0
    e: float = 0.0
    f: float = 0.0

    @staticmethod
    def parse(text: str | None) -> Affine:
        v = numbers(text)
        return Affine(*v[:6]) if len(v) >= 6 else Affine()

    @staticmethod
    def translate(x: float, y: float) -> Affine:
        return Affine(e=x, f=y)

    def then(self, outer: Affine) -> Affine:
        """This transform followed by ``outer``."""
        o = outer
        return Affine(self.a * o.a + self.b * o.c, self.a * o.b + self.b * o.d,
                      self.c * o.a + self.d * o.c, self.c * o.b + self.d * o.d,
                      self.e * o.a + self.f * o.c + o.e, self.e * o.b + self.f * o.d + o.f)

    def apply(self, x: float, y: float) -> Point:
        return self.a * x + self.c * y + self.e, self.b * x + self.d * y + self.f

    @property
    def scale(self) -> float:
        """Mean length scale (for font sizes and line widths)."""
        return math.sqrt(abs(self.a * self.d - self.b * self.c)) or 1.0

    @property
    def axis_aligned(self) -> bool:
        return abs(self.b) < 1e-9 and abs(self.c) < 1e-9

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        pts = [self.apply(x, y) for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        return min(xs), min(ys), max(xs), max(ys)


def boundary(text: str | None) -> tuple[float, float, float, float] | None:
    """Boundary "x y w h" → (x, y, w, h); None when absent or malformed."""
    v = numbers(text)
    if len(v) < 4:
        return None
    return v[0], v[1], v[2], v[3]


@dataclass
class SubPath:
    points: list[Point]
    closed: bool = False


# Curve segments are flattened into this many straight pieces.
_CURVE_STEPS = 12


def _arc(p0: Point, rx: float, ry: float, angle_deg: float, large: bool, sweep: bool,
         p1: Point) -> list[Point]:
    """Endpoint-parameterised elliptical arc (as in SVG; OFD's "A" command) → points."""
    if rx == 0 or ry == 0 or p0 == p1:
        return [p1]
    phi = math.radians(angle_deg)
    cos_p, sin_p = math.cos(phi), math.sin(phi)
    dx, dy = (p0[0] - p1[0]) / 2, (p0[1] - p1[1]) / 2
    x1p, y1p = cos_p * dx + sin_p * dy, -sin_p * dx + cos_p * dy
    rx, ry = abs(rx), abs(ry)
    lam = (x1p / rx) ** 2 + (y1p / ry) ** 2
    if lam > 1:
        rx, ry = rx * math.sqrt(lam), ry * math.sqrt(lam)
    num = rx * rx * ry * ry - rx * rx * y1p * y1p - ry * ry * x1p * x1p
    den = rx * rx * y1p * y1p + ry * ry * x1p * x1p
    coef = math.sqrt(max(0.0, num / den)) if den else 0.0
    if large == sweep:
        coef = -coef
    cxp, cyp = coef * rx * y1p / ry, -coef * ry * x1p / rx
    cx = cos_p * cxp - sin_p * cyp + (p0[0] + p1[0]) / 2
    cy = sin_p * cxp + cos_p * cyp + (p0[1] + p1[1]) / 2

    def ang(ux: float, uy: float, vx: float, vy: float) -> float:
        return math.atan2(ux * vy - uy * vx, ux * vx + uy * vy)

    t1 = ang(1, 0, (x1p - cxp) / rx, (y1p - cyp) / ry)
    dt = ang((x1p - cxp) / rx, (y1p - cyp) / ry, (-x1p - cxp) / rx, (-y1p - cyp) / ry)
    if not sweep and dt > 0:
        dt -= 2 * math.pi
    elif sweep and dt < 0:
        dt += 2 * math.pi
    steps = max(4, int(abs(dt) / (math.pi / 16)))
    out: list[Point] = []
    for k in range(1, steps + 1):
        t = t1 + dt * k / steps
        x, y = rx * math.cos(t), ry * math.sin(t)
        out.append((cos_p * x - sin_p * y + cx, sin_p * x + cos_p * y + cy))
    out[-1] = p1
    return out


def parse_path(data: str | None, max_points: int = 200_000) -> list[SubPath]:
    """AbbreviatedData (S/M start, L line, Q quadratic, B cubic, A arc, C close) →
    flattened sub-paths in the object's own coordinates."""
    if not data:
        return []
    tokens = re.findall(r"[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?", data)
    paths: list[SubPath] = []
    cur: SubPath | None = None
    pos: Point = (0.0, 0.0)
    total = 0
    i = 0

    def take(n: int) -> list[float] | None:
        nonlocal i
        vals = tokens[i:i + n]
        if len(vals) < n or any(v.isalpha() for v in vals):
            return None
        i += n
        return [float(v) for v in vals]

    while i < len(tokens) and total < max_points:
        cmd = tokens[i]
        i += 1
        if not cmd.isalpha():
            continue
        cmd = cmd.upper()
        if cmd in ("S", "M"):
            v = take(2)
            if v is None:
                continue
            pos = (v[0], v[1])
            cur = SubPath([pos])
            paths.append(cur)
        elif cmd == "C":
            if cur is not None and cur.points:
                cur.closed = True
                pos = cur.points[0]
                cur = None
        elif cmd in ("L", "Q", "B", "A"):
            need = {"L": 2, "Q": 4, "B": 6, "A": 7}[cmd]
            v = take(need)
            if v is None:
                continue
            if cur is None:
                cur = SubPath([pos])
                paths.append(cur)
            if cmd == "L":
                pts = [(v[0], v[1])]
            elif cmd == "Q":
                (x1, y1), (x2, y2) = (v[0], v[1]), (v[2], v[3])
                pts = [((1 - t) ** 2 * pos[0] + 2 * (1 - t) * t * x1 + t * t * x2,
                        (1 - t) ** 2 * pos[1] + 2 * (1 - t) * t * y1 + t * t * y2)
                       for t in (k / _CURVE_STEPS for k in range(1, _CURVE_STEPS + 1))]
            elif cmd == "B":
                pts = []
                for k in range(1, _CURVE_STEPS + 1):
                    t = k / _CURVE_STEPS
                    u = 1 - t
                    pts.append((u ** 3 * pos[0] + 3 * u * u * t * v[0] + 3 * u * t * t * v[2]
                                + t ** 3 * v[4],
                                u ** 3 * pos[1] + 3 * u * u * t * v[1] + 3 * u * t * t * v[3]
                                + t ** 3 * v[5]))
            else:
                pts = _arc(pos, v[0], v[1], v[2], bool(v[3]), bool(v[4]), (v[5], v[6]))
            cur.points.extend(pts)
            total += len(pts)
            pos = pts[-1]
    return [p for p in paths if p.points]


RGB = tuple[int, int, int]


@overload
def color(value: str | None, default: RGB) -> RGB: ...


@overload
def color(value: str | None, default: RGB | None = None) -> RGB | None: ...


def color(value: str | None, default: RGB | None = None) -> RGB | None:
    """Colour Value "r g b" (0-255), one grey value, or four CMYK values; producers
    also write "#FF" style hex components."""
    if not value:
        return default
    comps: list[float] = []
    for tok in value.replace(",", " ").split():
        try:
            comps.append(float(int(tok[1:], 16)) if tok.startswith("#") else float(tok))
        except ValueError:
            return default
    clamp = [max(0.0, min(255.0, v)) for v in comps]
    if len(clamp) == 3:
        return int(clamp[0]), int(clamp[1]), int(clamp[2])
    if len(clamp) == 1:
        g = int(clamp[0])
        return g, g, g
    if len(clamp) == 4:
        c, m, y, k = (v / 255.0 for v in clamp)
        return (int(255 * (1 - c) * (1 - k)), int(255 * (1 - m) * (1 - k)),
                int(255 * (1 - y) * (1 - k)))
    return default
