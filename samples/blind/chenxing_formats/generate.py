#!/usr/bin/env python3
"""Blind test-corpus generator: Shandong 数字经济"晨星工厂" (鲁工信数据〔2022〕263号, 附件1) dossiers
delivered in the file formats applicants really use (legacy .doc/.wps, .xls/.et, OFD electronic
licence, phone photos incl. upside-down / sideways / HEIC, scanned PDF with an invisible OCR layer,
Word printed to PDF, a PDF whose tick glyphs come late in the content stream, a content control
still showing its placeholder, an encrypted statement PDF).

Usage:  /work/main/.venv/bin/python generate.py OUT_DIR

Everything is fictional. Writes OUT_DIR/<dossier>/... and OUT_DIR/labels.json.
Needs: python-docx, openpyxl, reportlab, Pillow, numpy, lxml, pillow_heif and the `soffice` command.
"""
import datetime as dt
import io
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import zipfile
import hashlib

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps

SEED = 20221220
FIXED_ZIP_TIME = (2022, 12, 8, 9, 30, 0)
CJK_FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
SYM_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SYM_CHARS = set("☑☒□■✓✔")


# ----------------------------------------------------------------------------------------------
# identifiers, numbers, word count
# ----------------------------------------------------------------------------------------------
USCC_ALPHA = "0123456789ABCDEFGHJKLMNPQRTUWXY"          # GB 32100-2015, values 0..30
USCC_W = [pow(3, i, 31) for i in range(17)]             # 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28


def uscc_check(body17):
    s = sum(USCC_ALPHA.index(ch) * w for ch, w in zip(body17, USCC_W))
    return USCC_ALPHA[(31 - s % 31) % 31]


def uscc_valid(code):
    return len(code) == 18 and all(c in USCC_ALPHA for c in code) and uscc_check(code[:17]) == code[17]


def orgcode_check(body8):
    """GB 11714 organisation code check character (positions 9-17 of older USCCs)."""
    w = [3, 7, 9, 10, 5, 8, 4, 2]
    val = lambda ch: int(ch) if ch.isdigit() else ord(ch) - 55
    c = 11 - sum(val(ch) * wi for ch, wi in zip(body8, w)) % 11
    return "X" if c == 10 else ("0" if c == 11 else str(c))


def make_uscc(rng, division, new_style):
    if new_style:   # 2015+ registrations: MA + 6 characters from the USCC alphabet
        alpha = "0123456789ABCDEFGHJKLMNPQRTUWXY"
        while True:
            body8 = "MA" + "".join(rng.choice(alpha) for _ in range(6))
            chk = orgcode_check(body8)
            if chk in USCC_ALPHA:
                break
    else:
        body8 = "".join(rng.choice("0123456789") for _ in range(8))
        body8 = str(rng.randint(1, 7)) + body8[1:]
        chk = orgcode_check(body8)
    body17 = "91" + division + body8 + chk
    return body17 + uscc_check(body17)


CN_DIG = "零壹贰叁肆伍陆柒捌玖"


def _four(n):
    """0 < n < 10000 -> capital numerals with 仟佰拾 units and inner 零."""
    units = ["仟", "佰", "拾", ""]
    s, zero = "", False
    digits = f"{n:04d}"
    started = False
    for d, u in zip(digits, units):
        d = int(d)
        if d == 0:
            if started:
                zero = True
            continue
        if zero:
            s += "零"
            zero = False
        s += CN_DIG[d] + u
        started = True
    return s


def capital_words(wan):
    """registered capital given in 万元 (integer) -> e.g. 壹亿贰仟万元整 / 伍仟万元整."""
    yuan = int(wan) * 10000
    yi, rest = divmod(yuan, 10 ** 8)
    wanp, ge = divmod(rest, 10 ** 4)
    s = ""
    if yi:
        s += _four(yi) + "亿"
    if wanp:
        if yi and wanp < 1000:
            s += "零"
        s += _four(wanp) + "万"
    if ge:
        s += _four(ge)
    return s + "元整"


def word_count(text):
    """字数 as Microsoft Word counts it (domain-facts.md): each CJK ideograph 1, each full-width
    punctuation 1, each maximal run of half-width letters/digits 1, each run of half-width
    symbols 1, whitespace 0."""
    n, i = 0, 0
    while i < len(text):
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ord(ch) < 128 and ch.isalnum():
            while i < len(text) and ord(text[i]) < 128 and text[i].isalnum():
                i += 1
            n += 1
        elif ord(ch) < 128:
            while i < len(text) and ord(text[i]) < 128 and not text[i].isalnum() and not text[i].isspace():
                i += 1
            n += 1
        else:
            n += 1
            i += 1
    return n


def d_cn(d):            # 2011年04月18日
    return f"{d.year}年{d.month:02d}月{d.day:02d}日"


def d_cn_short(d):      # 2011年4月18日
    return f"{d.year}年{d.month}月{d.day}日"


def d_iso(d):
    return d.isoformat()


def d_dot(d):
    return f"{d.year}.{d.month:02d}.{d.day:02d}"


CN_NUM = "〇一二三四五六七八九"


def d_hanzi(d):         # 二〇〇九年三月十六日
    def small(n):
        if n < 10:
            return CN_NUM[n]
        t, o = divmod(n, 10)
        return ("" if t == 1 else CN_NUM[t]) + "十" + (CN_NUM[o] if o else "")
    return "".join(CN_NUM[int(c)] for c in str(d.year)) + "年" + small(d.month) + "月" + small(d.day) + "日"


def money(x):
    return f"{x:,.2f}"


# ----------------------------------------------------------------------------------------------
# fonts and small images (seals, QR-like code)
# ----------------------------------------------------------------------------------------------
_font_cache = {}


def pil_font(size_px, sym=False):
    key = (int(size_px), sym)
    if key not in _font_cache:
        _font_cache[key] = ImageFont.truetype(SYM_FONT if sym else CJK_FONT, max(4, int(size_px)))
    return _font_cache[key]


_REF = 200


def advance(ch, size_mm):
    """advance width of one character in mm at font size size_mm (em = size_mm)."""
    f = pil_font(_REF, ch in SYM_CHARS)
    return f.getlength(ch) / _REF * size_mm


def text_width(s, size_mm):
    return sum(advance(c, size_mm) for c in s)


def make_seal(top_text, bottom_text="", size=420, color=(214, 28, 36), rng=None, star=True, inner_text=""):
    """Round red seal, transparent background (RGBA)."""
    rng = rng or random.Random(1)
    S = size
    im = Image.new("RGBA", (S, S), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    bw = int(S * 0.035)
    d.ellipse([bw, bw, S - bw, S - bw], outline=color + (255,), width=bw)
    cx = cy = S / 2
    if star:
        r1, r2 = S * 0.15, S * 0.06
        pts = []
        for k in range(10):
            a = -math.pi / 2 + k * math.pi / 5
            r = r1 if k % 2 == 0 else r2
            pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
        d.polygon(pts, fill=color + (255,))
    n = len(top_text)
    span = min(250.0, 22.0 * n + 20)
    fs = int(S * (0.13 if n <= 10 else 0.11 if n <= 14 else 0.095))
    f = pil_font(fs)
    rad = S / 2 - bw * 2 - fs * 0.62
    for i, ch in enumerate(top_text):
        ang = -span / 2 + (span * i / (n - 1) if n > 1 else 0)
        tile = Image.new("RGBA", (fs * 2, fs * 2), (0, 0, 0, 0))
        ImageDraw.Draw(tile).text((fs, fs), ch, font=f, fill=color + (255,), anchor="mm")
        tile = tile.rotate(-ang, resample=Image.BICUBIC)
        a = math.radians(ang)
        px = cx + rad * math.sin(a)
        py = cy - rad * math.cos(a)
        im.alpha_composite(tile, (int(px - fs), int(py - fs)))
    if bottom_text:
        f2 = pil_font(int(S * 0.085))
        d.text((cx, cy + S * 0.27), bottom_text, font=f2, fill=color + (255,), anchor="mm")
    if inner_text:
        f3 = pil_font(int(S * 0.07))
        d.text((cx, cy + S * 0.16), inner_text, font=f3, fill=color + (255,), anchor="mm")
    # ink unevenness
    a = np.array(im)
    nr = np.random.default_rng(rng.randint(0, 10 ** 9))
    mask = nr.random(a.shape[:2])
    alpha = a[:, :, 3].astype(np.float32)
    alpha *= np.where(mask < 0.10, 0.45, 1.0) * (0.82 + 0.18 * nr.random(a.shape[:2]))
    a[:, :, 3] = alpha.clip(0, 255).astype(np.uint8)
    return Image.fromarray(a, "RGBA").filter(ImageFilter.GaussianBlur(0.6))


def make_qr_like(rng, n=29, px=8):
    """A QR-looking module pattern (finder patterns + random modules); it encodes nothing."""
    nr = np.random.default_rng(rng.randint(0, 10 ** 9))
    m = nr.random((n, n)) < 0.5

    def finder(r, c):
        m[r:r + 7, c:c + 7] = True
        m[r + 1:r + 6, c + 1:c + 6] = False
        m[r + 2:r + 5, c + 2:c + 5] = True
        rr0, rr1 = max(r - 1, 0), min(r + 8, n)
        cc0, cc1 = max(c - 1, 0), min(c + 8, n)
        for rr in range(rr0, rr1):
            for cc in range(cc0, cc1):
                if not (r <= rr < r + 7 and c <= cc < c + 7):
                    m[rr, cc] = False
    finder(0, 0)
    finder(0, n - 7)
    finder(n - 7, 0)
    img = Image.new("L", ((n + 8) * px, (n + 8) * px), 255)
    d = ImageDraw.Draw(img)
    for r in range(n):
        for c in range(n):
            if m[r, c]:
                d.rectangle([(c + 4) * px, (r + 4) * px, (c + 5) * px - 1, (r + 5) * px - 1], fill=0)
    return img.convert("RGB")


# ----------------------------------------------------------------------------------------------
# Sheet: one page laid out in millimetres (y down, text positioned by baseline); rendered to
# Pillow (photos, scans), to reportlab (text PDFs, invisible OCR layers) and to OFD.
# ----------------------------------------------------------------------------------------------
class Sheet:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.items = []

    def text(self, x, y, s, size=3.5, font="song", color=(0, 0, 0), spacing=None, tag=None):
        """Split into runs of symbol glyphs (tick boxes) and ordinary text; spacing = fixed
        per-character advance (spread-out labels such as 名  称)."""
        runs, cur, cur_sym = [], "", None
        for ch in s:
            sym = ch in SYM_CHARS
            if cur and sym != cur_sym:
                runs.append((cur, cur_sym))
                cur = ""
            cur += ch
            cur_sym = sym
        if cur:
            runs.append((cur, cur_sym))
        for run, sym in runs:
            adv = [spacing if spacing else advance(c, size) for c in run]
            self.items.append(dict(k="text", x=x, y=y, s=run, size=size, font=("sym" if sym else font),
                                   color=color, adv=adv, tick=sym, tag=tag, spaced=bool(spacing)))
            x += sum(adv)
        return x

    def line(self, x1, y1, x2, y2, width=0.25, color=(0, 0, 0)):
        self.items.append(dict(k="line", x1=x1, y1=y1, x2=x2, y2=y2, width=width, color=color))

    def rect(self, x, y, w, h, width=0.25, color=(0, 0, 0)):
        self.line(x, y, x + w, y, width, color)
        self.line(x + w, y, x + w, y + h, width, color)
        self.line(x + w, y + h, x, y + h, width, color)
        self.line(x, y + h, x, y, width, color)

    def image(self, x, y, w, h, img, tag="image"):
        self.items.append(dict(k="image", x=x, y=y, w=w, h=h, img=img, tag=tag))

    def text_center(self, cx, y, s, size=3.5, font="song", **kw):
        return self.text(cx - text_width(s, size) / 2, y, s, size, font, **kw)

    # --- Pillow -------------------------------------------------------------------------
    def to_pil(self, dpi=200, paper=(255, 255, 255), skip_tags=()):
        k = dpi / 25.4
        im = Image.new("RGB", (int(self.w * k), int(self.h * k)), paper)
        d = ImageDraw.Draw(im)
        for it in self.items:
            if it["k"] == "line":
                d.line([it["x1"] * k, it["y1"] * k, it["x2"] * k, it["y2"] * k], fill=it["color"],
                       width=max(1, int(round(it["width"] * k))))
            elif it["k"] == "text":
                f = pil_font(it["size"] * k, it["font"] == "sym")
                if it["spaced"]:
                    x = it["x"]
                    for ch, a in zip(it["s"], it["adv"]):
                        d.text((x * k, it["y"] * k), ch, font=f, fill=it["color"], anchor="ls")
                        x += a
                else:
                    d.text((it["x"] * k, it["y"] * k), it["s"], font=f, fill=it["color"], anchor="ls")
        for it in self.items:       # images (seals) on top, multiplied like ink
            if it["k"] == "image" and it["tag"] not in skip_tags:
                w, h = max(1, int(it["w"] * k)), max(1, int(it["h"] * k))
                src = it["img"].resize((w, h), Image.LANCZOS)
                if src.mode == "RGBA":
                    base = im.crop((int(it["x"] * k), int(it["y"] * k), int(it["x"] * k) + w, int(it["y"] * k) + h))
                    a = np.array(src).astype(np.float32) / 255.0
                    b = np.array(base).astype(np.float32) / 255.0
                    alpha = a[:, :, 3:4]
                    out = b * (1 - alpha) + (b * a[:, :, :3]) * alpha
                    im.paste(Image.fromarray((out * 255).clip(0, 255).astype(np.uint8)), (int(it["x"] * k), int(it["y"] * k)))
                else:
                    im.paste(src.convert("RGB"), (int(it["x"] * k), int(it["y"] * k)))
        return im

    # --- reportlab ----------------------------------------------------------------------
    def to_canvas(self, c, mode="visible", late_ticks=False, background=None, skip_tags=()):
        """mode 'visible': vector page; 'ocr': background image + invisible text (render mode 3)."""
        from reportlab.lib.units import mm
        H = self.h
        if background is not None:
            buf = io.BytesIO()
            background.save(buf, "JPEG", quality=72)
            buf.seek(0)
            from reportlab.lib.utils import ImageReader
            c.drawImage(ImageReader(buf), 0, 0, self.w * mm, self.h * mm)
        if mode == "visible":
            for it in self.items:
                if it["k"] == "line":
                    c.setStrokeColorRGB(*[v / 255 for v in it["color"]])
                    c.setLineWidth(it["width"] * mm)
                    c.line(it["x1"] * mm, (H - it["y1"]) * mm, it["x2"] * mm, (H - it["y2"]) * mm)
            for it in self.items:
                if it["k"] == "image" and it["tag"] not in skip_tags:
                    from reportlab.lib.utils import ImageReader
                    buf = io.BytesIO()
                    it["img"].save(buf, "PNG")
                    buf.seek(0)
                    c.drawImage(ImageReader(buf), it["x"] * mm, (H - it["y"] - it["h"]) * mm,
                                it["w"] * mm, it["h"] * mm, mask="auto")
        texts = [it for it in self.items if it["k"] == "text"]
        if late_ticks:      # all words first, tick glyphs in a second pass
            texts = [t for t in texts if not t["tick"]] + [t for t in texts if t["tick"]]
        for it in texts:
            fname = "DJV" if it["font"] == "sym" else "WQY"
            pt = it["size"] * 72 / 25.4
            to = c.beginText()
            to.setFont(fname, pt)
            if mode == "ocr":
                to.setTextRenderMode(3)
            else:
                to.setFillColorRGB(*[v / 255 for v in it["color"]])
            if it["spaced"]:
                x = it["x"]
                for ch, a in zip(it["s"], it["adv"]):
                    to.setTextOrigin(x * mm, (H - it["y"]) * mm)
                    to.textOut(ch)
                    x += a
            else:
                to.setTextOrigin(it["x"] * mm, (H - it["y"]) * mm)
                to.textOut(it["s"])
            c.drawText(to)


_rl_ready = False


def rl_fonts():
    global _rl_ready
    if not _rl_ready:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        pdfmetrics.registerFont(TTFont("WQY", CJK_FONT, subfontIndex=0))
        pdfmetrics.registerFont(TTFont("DJV", SYM_FONT))
        _rl_ready = True


def write_pdf(path, sheets, mode="visible", late_ticks=False, backgrounds=None, title="", author="",
              creator="", encrypt=None, ocr_noise=None):
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas
    rl_fonts()
    kw = {}
    if encrypt:
        from reportlab.lib import pdfencrypt
        kw["encrypt"] = pdfencrypt.StandardEncryption(encrypt[0], ownerPassword=encrypt[1], canPrint=1,
                                                      canModify=0, canCopy=0, strength=128)
    c = canvas.Canvas(path, pagesize=(sheets[0].w * mm, sheets[0].h * mm), invariant=1, **kw)
    c.setTitle(title)
    c.setAuthor(author)
    c.setCreator(creator)
    c.setProducer(creator)
    for i, sh in enumerate(sheets):
        c.setPageSize((sh.w * mm, sh.h * mm))
        if ocr_noise:
            sh = ocr_noise(sh)
        sh.to_canvas(c, mode=mode, late_ticks=late_ticks, background=(backgrounds[i] if backgrounds else None))
        c.showPage()
    c.save()


# ----------------------------------------------------------------------------------------------
# OFD (GB/T 33190-2016) writer for one-page documents laid out as a Sheet
# ----------------------------------------------------------------------------------------------
OFD_NS = "http://www.ofdspec.org/2016"


def _esc(s):
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;"))


def _f(v):
    s = f"{v:.3f}".rstrip("0").rstrip(".")
    return s if s not in ("-0", "") else "0"


def delta_x(advs, use_g):
    """DeltaX for n glyphs: n-1 advances; runs of equal advances may be written 'g N d'."""
    vals = [_f(a) for a in advs[:-1]]
    if not use_g:
        return " ".join(vals)
    out, i = [], 0
    while i < len(vals):
        j = i
        while j < len(vals) and vals[j] == vals[i]:
            j += 1
        if j - i >= 3:
            out.append(f"g {j - i} {vals[i]}")
        else:
            out.extend(vals[i:j])
        i = j
    return " ".join(out)


def write_ofd(path, sheet, meta, seal_as_image=True, signature=None, font_names=("宋体", "黑体", "楷体"),
              multi_line_objects=(), use_g_every=2):
    """sheet: Sheet in mm. meta: dict(title, author, creator, date, docid).
    signature: None or dict(seal_png, boundary(x,y,w,h), provider, datetime) -> Signatures/Sign_0.
    multi_line_objects: tags whose text runs are grouped into one TextObject with several TextCodes."""
    uid = [0]

    def nid():
        uid[0] += 1
        return uid[0]

    font_ids = {}
    fonts_xml = []
    for fn in font_names:
        i = nid()
        font_ids[fn] = i
        fonts_xml.append(f'<ofd:Font ID="{i}" FontName="{_esc(fn)}" FamilyName="{_esc(fn)}"/>')
    sym_font = nid()
    fonts_xml.append(f'<ofd:Font ID="{sym_font}" FontName="Segoe UI Symbol" FamilyName="Segoe UI Symbol"/>')
    font_map = {"song": font_ids[font_names[0]], "hei": font_ids[font_names[1]], "kai": font_ids[font_names[2]],
                "sym": sym_font}
    media, media_xml = {}, []
    files = {}
    page_id = nid()
    layer_id = nid()
    objs = []
    grouped = {}
    tcount = 0
    for it in sheet.items:
        if it["k"] == "text":
            if it["tag"] in multi_line_objects:
                grouped.setdefault(it["tag"], []).append(it)
                if len(grouped[it["tag"]]) > 1:
                    continue
                objs.append(("group", it["tag"]))
            else:
                objs.append(("text", it))
        elif it["k"] == "line":
            objs.append(("line", it))
        elif it["k"] == "image":
            if it["tag"] == "seal" and not seal_as_image:
                continue
            objs.append(("image", it))
    body = []
    for kind, it in objs:
        if kind in ("text", "group"):
            runs = grouped[it] if kind == "group" else [it]
            x0 = min(r["x"] for r in runs)
            top = min(r["y"] - r["size"] for r in runs)
            right = max(r["x"] + sum(r["adv"]) for r in runs)
            bottom = max(r["y"] + 0.3 * r["size"] for r in runs)
            r0 = runs[0]
            oid = nid()
            col = " ".join(str(v) for v in r0["color"])
            codes = []
            for r in runs:
                tcount += 1
                dx = delta_x(r["adv"], use_g=(tcount % use_g_every == 0))
                dxa = f' DeltaX="{dx}"' if len(r["s"]) > 1 else ""
                codes.append(f'<ofd:TextCode X="{_f(r["x"] - x0)}" Y="{_f(r["y"] - top)}"{dxa}>{_esc(r["s"])}</ofd:TextCode>')
            body.append(f'<ofd:TextObject ID="{oid}" Boundary="{_f(x0)} {_f(top)} {_f(right - x0)} {_f(bottom - top)}" '
                        f'Font="{font_map[r0["font"]]}" Size="{_f(r0["size"])}">'
                        f'<ofd:FillColor Value="{col}"/>' + "".join(codes) + "</ofd:TextObject>")
        elif kind == "line":
            x0, y0 = min(it["x1"], it["x2"]), min(it["y1"], it["y2"])
            w, h = abs(it["x2"] - it["x1"]) or it["width"], abs(it["y2"] - it["y1"]) or it["width"]
            oid = nid()
            col = " ".join(str(v) for v in it["color"])
            body.append(f'<ofd:PathObject ID="{oid}" Boundary="{_f(x0)} {_f(y0)} {_f(w)} {_f(h)}" LineWidth="{_f(it["width"])}">'
                        f'<ofd:StrokeColor Value="{col}"/><ofd:AbbreviatedData>M {_f(it["x1"] - x0)} {_f(it["y1"] - y0)} '
                        f'L {_f(it["x2"] - x0)} {_f(it["y2"] - y0)}</ofd:AbbreviatedData></ofd:PathObject>')
        elif kind == "image":
            key = id(it["img"])
            if key not in media:
                mid = nid()
                fname = f"image_{mid}.png"
                buf = io.BytesIO()
                it["img"].save(buf, "PNG", optimize=False)
                files[f"Doc_0/Res/{fname}"] = buf.getvalue()
                media[key] = mid
                media_xml.append(f'<ofd:MultiMedia ID="{mid}" Type="Image" Format="PNG"><ofd:MediaFile>{fname}</ofd:MediaFile></ofd:MultiMedia>')
            oid = nid()
            body.append(f'<ofd:ImageObject ID="{oid}" Boundary="{_f(it["x"])} {_f(it["y"])} {_f(it["w"])} {_f(it["h"])}" '
                        f'CTM="{_f(it["w"])} 0 0 {_f(it["h"])} 0 0" ResourceID="{media[key]}"/>')
    sig_files = {}
    if signature:
        sid = nid()
        x, y, w, h = signature["boundary"]
        buf = io.BytesIO()
        signature["seal_png"].save(buf, "PNG")
        seal_bytes = buf.getvalue()
        sig_files["Doc_0/Signs/Sign_0/Seal.esl"] = b"0\x82ESL-MOCK" + hashlib.sha256(seal_bytes).digest() + seal_bytes
        sig_files["Doc_0/Signs/Sign_0/SignedValue.dat"] = hashlib.sha512(seal_bytes + meta["docid"].encode()).digest()
    max_id = uid[0]
    content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Area><ofd:PhysicalBox>0 0 {_f(sheet.w)} {_f(sheet.h)}</ofd:PhysicalBox></ofd:Area>'
               f'<ofd:Content><ofd:Layer ID="{layer_id}" Type="Body">' + "".join(body) + "</ofd:Layer></ofd:Content></ofd:Page>")
    files["Doc_0/Pages/Page_0/Content.xml"] = content.encode()
    files["Doc_0/PublicRes.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Res xmlns:ofd="{OFD_NS}" BaseLoc="Res"><ofd:Fonts>'
                                    + "".join(fonts_xml) + "</ofd:Fonts></ofd:Res>").encode()
    files["Doc_0/DocumentRes.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Res xmlns:ofd="{OFD_NS}" BaseLoc="Res"><ofd:MultiMedias>'
                                      + "".join(media_xml) + "</ofd:MultiMedias></ofd:Res>").encode()
    files["Doc_0/Document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Document xmlns:ofd="{OFD_NS}"><ofd:CommonData><ofd:MaxUnitID>{max_id}</ofd:MaxUnitID>'
        f'<ofd:PageArea><ofd:PhysicalBox>0 0 {_f(sheet.w)} {_f(sheet.h)}</ofd:PhysicalBox></ofd:PageArea>'
        f'<ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes></ofd:CommonData>'
        f'<ofd:Pages><ofd:Page ID="{page_id}" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>').encode()
    sig_ref = ""
    if signature:
        def digest(b):
            try:
                return hashlib.new("sm3", b).digest(), "1.2.156.10197.1.401"
            except Exception:
                return hashlib.sha256(b).digest(), "2.16.840.1.101.3.4.2.1"
        import base64
        refs, method = [], None
        names = (["Doc_0/Document.xml", "Doc_0/Pages/Page_0/Content.xml", "Doc_0/PublicRes.xml", "Doc_0/DocumentRes.xml"]
                 + sorted(k for k in files if k.startswith("Doc_0/Res/")))
        for name in names:
            dgst, method = digest(files[name])
            refs.append(f'<ofd:Reference FileRef="/{name}"><ofd:CheckValue>{base64.b64encode(dgst).decode()}</ofd:CheckValue></ofd:Reference>')
        sig = (f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Signature xmlns:ofd="{OFD_NS}"><ofd:SignedInfo>'
               f'<ofd:Provider ProviderName="{_esc(signature["provider"])}" Version="2.0" Company="{_esc(signature["provider"])}"/>'
               f'<ofd:SignatureMethod>1.2.156.10197.1.501</ofd:SignatureMethod>'
               f'<ofd:SignatureDateTime>{signature["datetime"]}</ofd:SignatureDateTime>'
               f'<ofd:References CheckMethod="{method}">' + "".join(refs) + "</ofd:References>"
               f'<ofd:StampAnnot ID="{sid}" PageRef="{page_id}" Boundary="{_f(x)} {_f(y)} {_f(w)} {_f(h)}"/>'
               f'<ofd:Seal><ofd:BaseLoc>/Doc_0/Signs/Sign_0/Seal.esl</ofd:BaseLoc></ofd:Seal>'
               f'</ofd:SignedInfo><ofd:SignedValue>/Doc_0/Signs/Sign_0/SignedValue.dat</ofd:SignedValue></ofd:Signature>')
        sig_files["Doc_0/Signs/Sign_0/Signature.xml"] = sig.encode()
        sig_files["Doc_0/Signs/Signatures.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Signatures xmlns:ofd="{OFD_NS}"><ofd:MaxSignId>1</ofd:MaxSignId>'
            f'<ofd:Signature ID="1" Type="Seal" BaseLoc="/Doc_0/Signs/Sign_0/Signature.xml"/></ofd:Signatures>').encode()
        sig_ref = "<ofd:Signatures>Doc_0/Signs/Signatures.xml</ofd:Signatures>"
    ofd_xml = (f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD xmlns:ofd="{OFD_NS}" Version="1.0" DocType="OFD"><ofd:DocBody>'
               f'<ofd:DocInfo><ofd:DocID>{meta["docid"]}</ofd:DocID><ofd:Title>{_esc(meta["title"])}</ofd:Title>'
               f'<ofd:Author>{_esc(meta["author"])}</ofd:Author><ofd:CreationDate>{meta["date"]}</ofd:CreationDate>'
               f'<ofd:Creator>{_esc(meta["creator"])}</ofd:Creator><ofd:CreatorVersion>1.0</ofd:CreatorVersion></ofd:DocInfo>'
               f'<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>{sig_ref}</ofd:DocBody></ofd:OFD>')
    order = ["OFD.xml", "Doc_0/Document.xml", "Doc_0/PublicRes.xml", "Doc_0/DocumentRes.xml",
             "Doc_0/Pages/Page_0/Content.xml"] + sorted(k for k in files if k.startswith("Doc_0/Res/")) + sorted(sig_files)
    allf = dict(files)
    allf.update(sig_files)
    allf["OFD.xml"] = ofd_xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name in order:
            zi = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, allf[name])


def normalize_zip(path, when=FIXED_ZIP_TIME):
    """Rewrite an OOXML zip with fixed timestamps so python-docx/openpyxl output is stable."""
    import re
    with zipfile.ZipFile(path) as z:
        entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    stamp = "%04d-%02d-%02dT%02d:%02d:%02dZ" % when
    fixed = []
    for name, data in entries:
        if name == "docProps/core.xml":     # openpyxl stamps "modified" with the current time
            data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + stamp.encode() + rb"\g<2>", data)
        fixed.append((name, data))
    entries = fixed
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            zi = zipfile.ZipInfo(name, when)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)


# ----------------------------------------------------------------------------------------------
# photos and scans
# ----------------------------------------------------------------------------------------------
def _persp_coeffs(dst, src):
    """coefficients for PIL PERSPECTIVE: maps output (dst) points to input (src) points."""
    A, B = [], []
    for (x, y), (u, v) in zip(dst, src):
        A.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        A.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        B += [u, v]
    return np.linalg.solve(np.array(A, float), np.array(B, float)).tolist()


def desk_texture(W, H, nr, tone):
    base = np.array(tone, np.float32)[None, None, :]
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    grain = np.sin(xx / W * 40 + np.sin(yy / H * 7) * 3) * 6 + nr.normal(0, 5, (H, W))
    img = base + grain[:, :, None] * np.array([1.0, 0.8, 0.6], np.float32)
    return img


def photograph(page, rng, frame=(2250, 3000), fill=0.84, skew=0.035, shadow=True, tone=(92, 70, 52),
               blur=1.0, noise=4.0, quality=82, light_dir=None):
    """A phone photo of a printed page lying on a desk. page: RGB PIL image. Returns RGB image."""
    nr = np.random.default_rng(rng.randint(0, 10 ** 9))
    W, H = frame
    pw, ph = page.size
    sc = min(W * fill / pw, H * fill / ph)
    w, h = pw * sc, ph * sc
    x0, y0 = (W - w) / 2 + rng.uniform(-0.03, 0.03) * W, (H - h) / 2 + rng.uniform(-0.03, 0.03) * H
    corners = [(x0, y0), (x0 + w, y0), (x0 + w, y0 + h), (x0, y0 + h)]
    dst = [(cx + rng.uniform(-skew, skew) * w, cy + rng.uniform(-skew, skew) * h) for cx, cy in corners]
    src = [(0, 0), (pw, 0), (pw, ph), (0, ph)]
    coeffs = _persp_coeffs(dst, src)
    warped = page.transform((W, H), Image.PERSPECTIVE, coeffs, Image.BICUBIC)
    mask = Image.new("L", page.size, 255).transform((W, H), Image.PERSPECTIVE, coeffs, Image.BILINEAR)
    desk = desk_texture(W, H, nr, tone)
    # soft contact shadow of the page on the desk
    sh = np.array(mask.filter(ImageFilter.GaussianBlur(18)), np.float32) / 255.0
    sh = np.roll(np.roll(sh, 10, axis=0), 8, axis=1)
    desk *= (1 - 0.45 * sh)[:, :, None]
    m = np.array(mask, np.float32)[:, :, None] / 255.0
    img = desk * (1 - m) + np.array(warped, np.float32) * m
    # uneven light: linear + radial falloff
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    ang = light_dir if light_dir is not None else rng.uniform(0, 2 * math.pi)
    lin = (xx / W - 0.5) * math.cos(ang) + (yy / H - 0.5) * math.sin(ang)
    rad = ((xx / W - 0.5) ** 2 + (yy / H - 0.5) ** 2)
    light = 1.02 - 0.22 * (lin + 0.5) - 0.25 * rad
    img *= light[:, :, None]
    img *= np.array([1.0, 0.97, 0.90], np.float32)[None, None, :]     # warm indoor cast
    if shadow:      # a phone/arm shadow across part of the page
        sm = Image.new("L", (W, H), 0)
        d = ImageDraw.Draw(sm)
        side = rng.choice(["left", "right", "bottom"])
        if side == "left":
            poly = [(0, H * rng.uniform(0.45, 0.7)), (W * rng.uniform(0.35, 0.55), H), (0, H)]
        elif side == "right":
            poly = [(W, H * rng.uniform(0.2, 0.4)), (W, H), (W * rng.uniform(0.55, 0.75), H)]
        else:
            poly = [(W * 0.1, H), (W * rng.uniform(0.3, 0.5), H * rng.uniform(0.72, 0.82)),
                    (W * rng.uniform(0.6, 0.8), H * rng.uniform(0.74, 0.84)), (W * 0.95, H)]
        d.polygon(poly, fill=255)
        sm = np.array(sm.filter(ImageFilter.GaussianBlur(45)), np.float32) / 255.0
        img *= (1 - 0.42 * sm)[:, :, None]
    img += nr.normal(0, noise, img.shape).astype(np.float32)
    out = Image.fromarray(img.clip(0, 255).astype(np.uint8), "RGB")
    if blur:
        out = out.filter(ImageFilter.GaussianBlur(blur))
    return out


def scan_page(page, rng, angle=None, grey=True, noise=6.0):
    """A flatbed scan: slight rotation, greyish paper, speckle noise; red ink stays red."""
    nr = np.random.default_rng(rng.randint(0, 10 ** 9))
    ang = angle if angle is not None else rng.uniform(-0.9, 0.9)
    a = np.array(page, np.float32)
    if grey:
        g = a.mean(axis=2, keepdims=True)
        red = (a[:, :, 0] - a[:, :, 1:].mean(axis=2)) > 60
        a = np.where(red[:, :, None], a * np.array([0.95, 0.75, 0.75]), np.repeat(g, 3, axis=2))
    a = a * 0.93 + 10
    a += nr.normal(0, noise, a.shape)
    speck = nr.random(a.shape[:2]) < 0.0007
    a[speck] = 40
    im = Image.fromarray(a.clip(0, 255).astype(np.uint8), "RGB")
    im = im.rotate(ang, resample=Image.BICUBIC, expand=False, fillcolor=(236, 236, 232))
    return im.filter(ImageFilter.GaussianBlur(0.5))


def exif_bytes(make, model, when, orientation=None, extra_sw=None):
    ex = Image.Exif()
    ex[0x010F] = make
    ex[0x0110] = model
    ex[0x0132] = when.strftime("%Y:%m:%d %H:%M:%S")
    if extra_sw:
        ex[0x0131] = extra_sw
    if orientation:
        ex[0x0112] = orientation
    sub = ex.get_ifd(0x8769)
    sub[0x9003] = when.strftime("%Y:%m:%d %H:%M:%S")
    sub[0x9004] = when.strftime("%Y:%m:%d %H:%M:%S")
    return ex.tobytes()


# ----------------------------------------------------------------------------------------------
# page layouts
# ----------------------------------------------------------------------------------------------
def wrap(s, width, size):
    lines = []
    for para in s.split("\n"):
        cur, w = "", 0.0
        for ch in para:
            a = advance(ch, size)
            if cur and w + a > width:
                # avoid starting a line with closing punctuation
                if ch in "，。、；：）》”！？" and len(cur) > 1:
                    lines.append(cur[:-1])
                    cur, w = cur[-1], advance(cur[-1], size)
                else:
                    lines.append(cur)
                    cur, w = "", 0.0
            cur += ch
            w += a
        lines.append(cur)
    return lines


def licence_sheet(c, variant="paper", seal=None, qr=None):
    """营业执照 (new style since 2019), landscape 297x210 mm. variant 'paper' (副本) or 'electronic'."""
    L = c["licence"]
    sh = Sheet(297, 210)
    red = (170, 30, 30)
    if variant == "paper":
        sh.rect(7, 7, 283, 196, 1.2, (176, 140, 60))
        sh.rect(10, 10, 277, 190, 0.4, (176, 140, 60))
    else:
        sh.rect(9, 9, 279, 192, 0.6, (200, 170, 90))
    sh.text(95, 46, "营业执照", size=15, font="hei", spacing=24, color=(20, 20, 20))
    if variant == "paper":
        sh.text(127, 59, "（副", size=4.6, spacing=5)
        sh.text(150, 59, "本）", size=4.6, spacing=5)
        sh.text(230, 62, f"副本编号：{L.get('copy_no', '1-1')}", size=3.0)
    else:
        sh.text_center(148.5, 59, "（电子营业执照）", size=4.2)
    sh.text(26, 33, "统一社会信用代码", size=3.8, font="hei")
    sh.text(26, 41, L["uscc"], size=4.4)
    if qr is not None:
        sh.image(246, 18, 30, 30, qr, tag="qr")
        for i, t in enumerate(["扫描市场主体身份码", "了解更多登记、备案、", "许可、监管信息。"]):
            sh.text(246, 52 + i * 3.2, t, size=2.3)
    size, lab_w = 4.0, 20.0

    def label(x, y, t):
        if len(t) == 2:
            sh.text(x, y, t, size=size, font="hei", spacing=lab_w - size)
        elif len(t) == 4:
            sh.text(x, y, t, size=size, font="hei", spacing=(lab_w - size) / 3)
        else:
            sh.text(x, y, t, size=size, font="hei")
    y = 80
    left = [("名称", L["name"]), ("类型", L["type"]), ("法定代表人", L["rep"])]
    for lab, val in left:
        label(26, y, lab)
        sh.text(52, y, val, size=size, tag="v_" + lab)
        y += 11
    label(26, y, "经营范围")
    for i, ln in enumerate(wrap(L["scope"], 98, 3.4)[:12]):
        sh.text(52, y + i * 5.6, ln, size=3.4, tag="scope")
    y = 80
    right = [("注册资本", L["capital"]), ("成立日期", L["est"]), ("营业期限", L["term"])]
    for lab, val in right:
        label(162, y, lab)
        sh.text(188, y, val, size=size, tag="v_" + lab)
        y += 11
    label(162, y, "住所")
    for i, ln in enumerate(wrap(L["address"], 90, size)):
        sh.text(188, y + i * 6, ln, size=size, tag="addr")
    sh.text(196, 170, "登记机关", size=4.2, font="hei")
    if seal is not None:
        sh.image(204, 146, 42, 42, seal, tag="seal")
    sh.text(210, 184, L["issued"], size=4.2)
    sh.text(22, 196, "国家企业信用信息公示系统网址：http://www.gsxt.gov.cn", size=2.6)
    sh.text(22, 200, "市场主体应当于每年1月1日至6月30日通过国家企业信用信息公示系统报送公示年度报告。", size=2.6)
    sh.text(232, 198, "国家市场监督管理总局监制", size=2.6)
    return sh


TABLE_X = 20.0
COLS = [22.0, 36.0, 48.0, 36.0, 28.0]


def declaration_sheets(blocks, tick, seal=None, fill_date="", cell_size=3.3, sign_name=""):
    """Lay the declaration (blocks from declaration_blocks) out on A4 sheets."""
    PW, PH, TOP, BOTTOM = 210.0, 297.0, 22.0, 280.0
    LH, PAD = cell_size * 1.5, 1.6
    sheets = [Sheet(PW, PH)]
    y = TOP

    def new_page():
        nonlocal y
        sheets.append(Sheet(PW, PH))
        y = TOP

    def cell_lines(cell, width):
        if cell["k"] in ("label", "value", "placeholder"):
            t = cell["t"] if cell["k"] != "placeholder" else "单击或点击此处输入文字。"
            return [[(ln, None)] for ln in wrap(t, width - 2 * PAD, cell_size)] if t else [[("", None)]]
        # options: flow tokens
        toks = []
        for lab, on in cell["opts"]:
            box = tick if on else "□"
            txt = lab
            if lab.startswith("其它") and cell.get("other") is not None:
                txt = lab + (cell["other"] if on else "________")
            toks.append((box, txt))
        lines, cur, w = [], [], 0.0
        for box, txt in toks:
            tw = text_width(box + txt, cell_size) + 4.0
            if cur and w + tw > width - 2 * PAD:
                lines.append(cur)
                cur, w = [], 0.0
            cur.append((box, txt))
            w += tw
        lines.append(cur)
        return lines

    for blk in blocks:
        kind = blk[0]
        if kind == "title":
            sheets[-1].text_center(PW / 2, y + 8, blk[1], size=6.2, font="hei")
            y += 18
        elif kind == "heading":
            if y + 14 > BOTTOM:
                new_page()
            sheets[-1].text(TABLE_X, y + 7, blk[1], size=4.4, font="hei")
            y += 11
        elif kind == "para":
            for ln in wrap(blk[1], 170, 3.6):
                if y + 6 > BOTTOM:
                    new_page()
                sheets[-1].text(TABLE_X + (0 if blk[1].startswith("附件") or blk[1].startswith("三") else 4), y + 5, ln, size=3.6)
                y += 6.2
        elif kind == "sign":
            if y + 40 > BOTTOM:
                new_page()
            y += 8
            sh = sheets[-1]
            sh.text(95, y + 5, "申报单位（盖章）：", size=3.8)
            sh.text(95 + text_width("申报单位（盖章）：", 3.8), y + 5, sign_name, size=3.8)
            if seal is not None:
                sh.image(125, y - 12, 38, 38, seal, tag="seal")
            sh.text(130, y + 17, fill_date, size=3.8)
            y += 30
        elif kind == "table":
            rows = blk[1]
            # measure
            meas = []
            for row in rows:
                col = 0 if row["group"] is None else 1
                cells = []
                for cell in row["cells"]:
                    x = TABLE_X + sum(COLS[:col])
                    wdt = sum(COLS[col:col + cell["span"]])
                    cells.append((cell, x, wdt, cell_lines(cell, wdt)))
                    col += cell["span"]
                h = max(max(len(cl[3]) for cl in cells) * LH + 2 * PAD, 9.0)
                meas.append((row, cells, h))
            groups = []   # [group, page, y0, y1, gid]
            gid, prev = 0, None
            for row, cells, h in meas:
                if row["group"] != prev:
                    gid += 1
                    prev = row["group"]
                if y + h > BOTTOM:
                    new_page()
                sh = sheets[-1]
                for cell, x, wdt, lines in cells:
                    sh.rect(x, y, wdt, h, 0.25)
                    ly = y + PAD + cell_size * 1.05 + max(0.0, (h - 2 * PAD - len(lines) * LH) / 2)
                    for ln in lines:
                        xx = x + PAD
                        if cell["k"] == "options":
                            for box, txt in ln:
                                xx = sh.text(xx, ly, box + txt, size=cell_size)
                                xx += 4.0
                        else:
                            for t, _ in ln:
                                colr = (120, 120, 120) if cell["k"] == "placeholder" else (0, 0, 0)
                                fnt = "hei" if cell["k"] == "label" else "song"
                                if cell["k"] == "label":
                                    xx = x + max(PAD, (wdt - text_width(t, cell_size)) / 2)
                                sh.text(xx, ly, t, size=cell_size, font=fnt, color=colr)
                        ly += LH
                if row["group"] is not None:
                    if groups and groups[-1][4] == gid and groups[-1][1] == len(sheets) - 1:
                        groups[-1][3] = y + h
                    else:
                        groups.append([row["group"], len(sheets) - 1, y, y + h, gid])
                y += h
            best = {}
            for gr in groups:       # a merged cell split over two pages shows its text once, in its taller part
                if gr[4] not in best or (gr[3] - gr[2]) > (best[gr[4]][3] - best[gr[4]][2]):
                    best[gr[4]] = gr
            for gr in groups:
                g, pg, y0, y1, gi = gr
                sh = sheets[pg]
                sh.rect(TABLE_X, y0, COLS[0], y1 - y0, 0.25)
                if best[gi] is not gr:
                    continue
                sz = cell_size
                while True:
                    lines = wrap(g, COLS[0] - 2 * PAD, sz)
                    if len(lines) * sz * 1.5 <= (y1 - y0) - 1 or sz < 2.2:
                        break
                    sz -= 0.2
                lh = sz * 1.5
                ly = (y0 + y1) / 2 - len(lines) * lh / 2 + sz
                for ln in lines:
                    sh.text(TABLE_X + (COLS[0] - text_width(ln, sz)) / 2, ly, ln, size=sz, font="hei")
                    ly += lh
            y += 4
    n = len(sheets)
    for i, sh in enumerate(sheets):
        sh.text_center(PW / 2, 290, f"— {i + 1} —", size=3.2)
    return sheets


def social_sheet(c, months, issue_date, seal, with_code=True):
    """单位参保缴费证明 as printed from the 社保 online hall."""
    s = c["social"]
    sh = Sheet(210, 297)
    sh.text_center(105, 32, "单位参保缴费证明", size=6.5, font="hei")
    sh.text(22, 44, f"证明编号：{s['cert_no']}", size=3.2)
    y = 54
    fields = [("单位名称", c["licence"]["name"])]
    if with_code:
        fields.append(("统一社会信用代码", c["licence"]["uscc"]))
    fields += [("单位社保编号", s["unit_no"]), ("参保地", s["place"]),
               ("证明期间", f"{months[0][0]}年{months[0][1]:02d}月至{months[-1][0]}年{months[-1][1]:02d}月")]
    for lab, val in fields:
        sh.text(22, y, f"{lab}：{val}", size=3.6)
        y += 7
    y += 3
    cols = [("费款所属期", 30), ("养老参保人数", 26), ("医疗参保人数", 26), ("失业参保人数", 26), ("工伤参保人数", 26), ("实缴金额（元）", 32)]
    x = 22
    for t, w in cols:
        sh.rect(x, y, w, 9, 0.25)
        sh.text(x + (w - text_width(t, 3.1)) / 2, y + 6, t, size=3.1, font="hei")
        x += w
    y += 9
    total = 0.0
    for (yy, mm), (n, amt) in zip(months, s["rows"]):
        vals = [f"{yy}{mm:02d}", str(n), str(n), str(n), str(n), money(amt)]
        total += amt
        x = 22
        for (t, w), v in zip(cols, vals):
            sh.rect(x, y, w, 8, 0.25)
            sh.text(x + (w - text_width(v, 3.3)) / 2, y + 5.6, v, size=3.3)
            x += w
        y += 8
    x = 22
    for i, (t, w) in enumerate(cols):
        sh.rect(x, y, w, 8, 0.25)
        v = "合计" if i == 0 else (money(total) if i == len(cols) - 1 else "—")
        sh.text(x + (w - text_width(v, 3.3)) / 2, y + 5.6, v, size=3.3, font="hei" if i == 0 else "song")
        x += w
    y += 18
    for ln in wrap(f"兹证明{c['licence']['name']}在我中心依法参加基本养老保险、基本医疗保险、失业保险和工伤保险，"
                   f"上述期间按时足额缴纳社会保险费，无欠费记录。", 166, 3.6):
        sh.text(22, y, ln, size=3.6)
        y += 6.5
    sh.text(22, y + 3, "特此证明。", size=3.6)
    sh.text(22, y + 14, "（本证明可登录社会保险网上服务大厅扫码验证真伪）", size=3.0, color=(80, 80, 80))
    sh.text(120, y + 34, s["center"], size=3.8)
    sh.text(128, y + 44, d_cn(issue_date), size=3.8)
    if seal is not None:
        sh.image(128, y + 14, 40, 40, seal, tag="seal")
    return sh


BS_ASSETS = ["货币资金", "应收账款", "存货", "其他流动资产", "流动资产合计", "固定资产", "无形资产",
             "其他非流动资产", "非流动资产合计", "资产总计"]
BS_LIABS = ["短期借款", "应付账款", "应付职工薪酬", "应交税费", "流动负债合计", "长期借款", "非流动负债合计",
            "负债合计", "实收资本（或股本）", "资本公积", "盈余公积", "未分配利润", "所有者权益合计",
            "负债和所有者权益总计"]
IS_ROWS = ["一、营业收入", "减：营业成本", "税金及附加", "销售费用", "管理费用", "研发费用", "财务费用",
           "二、营业利润", "加：营业外收入", "减：营业外支出", "三、利润总额", "减：所得税费用", "四、净利润"]


def make_financials(rng, capital_wan, rev2021_wan, years):
    """Consistent balance sheets (year-end) and income statements for the given years (+ one before)."""
    fin = {}
    rev = {}
    r = rev2021_wan * 10000
    for y in sorted(years + [min(years) - 1], reverse=True):
        rev[y] = round(r / 100) * 100 if y != 2021 else rev2021_wan * 10000
        r = r / rng.uniform(1.05, 1.22)
    for y in sorted(rev):
        R = float(rev[y])
        cost = round(R * rng.uniform(0.68, 0.78), 2)
        tax = round(R * rng.uniform(0.006, 0.012), 2)
        sell = round(R * rng.uniform(0.02, 0.04), 2)
        adm = round(R * rng.uniform(0.03, 0.05), 2)
        rd = round(R * rng.uniform(0.031, 0.05), 2)
        finx = round(R * rng.uniform(0.003, 0.01), 2)
        op = round(R - cost - tax - sell - adm - rd - finx, 2)
        nin = round(R * rng.uniform(0.0005, 0.002), 2)
        nout = round(R * rng.uniform(0.0002, 0.001), 2)
        tot = round(op + nin - nout, 2)
        itax = round(tot * 0.15, 2) if tot > 0 else 0.0
        net = round(tot - itax, 2)
        inc = dict(zip(IS_ROWS, [R, cost, tax, sell, adm, rd, finx, op, nin, nout, tot, itax, net]))
        cash = round(R * rng.uniform(0.08, 0.15), 2)
        ar = round(R * rng.uniform(0.12, 0.2), 2)
        inv = round(R * rng.uniform(0.1, 0.18), 2)
        oca = round(R * rng.uniform(0.01, 0.03), 2)
        ca = round(cash + ar + inv + oca, 2)
        fa = round(R * rng.uniform(0.35, 0.55), 2)
        ia = round(R * rng.uniform(0.04, 0.08), 2)
        onca = round(R * rng.uniform(0.01, 0.02), 2)
        nca = round(fa + ia + onca, 2)
        ta = round(ca + nca, 2)
        stl = round(R * rng.uniform(0.05, 0.1), 2)
        ap = round(R * rng.uniform(0.1, 0.16), 2)
        sal = round(R * rng.uniform(0.01, 0.02), 2)
        taxp = round(R * rng.uniform(0.005, 0.01), 2)
        cl = round(stl + ap + sal + taxp, 2)
        ltl = round(R * rng.uniform(0.04, 0.08), 2)
        ncl = ltl
        tl = round(cl + ncl, 2)
        paid = float(capital_wan * 10000)
        capres = round(R * rng.uniform(0.01, 0.03), 2)
        surplus = round(R * rng.uniform(0.01, 0.02), 2)
        undist = round(ta - tl - paid - capres - surplus, 2)
        if undist < 0:   # keep it a healthy company: grow fixed assets instead
            fa = round(fa - undist + R * 0.05, 2)
            nca = round(fa + ia + onca, 2)
            ta = round(ca + nca, 2)
            undist = round(ta - tl - paid - capres - surplus, 2)
        eq = round(paid + capres + surplus + undist, 2)
        bs = dict(zip(BS_ASSETS, [cash, ar, inv, oca, ca, fa, ia, onca, nca, ta]))
        bs.update(dict(zip(BS_LIABS, [stl, ap, sal, taxp, cl, ltl, ncl, tl, paid, capres, surplus, undist, eq,
                                      round(tl + eq, 2)])))
        fin[y] = dict(bs=bs, inc=inc)
    return fin


def statement_sheets(c, year):
    """资产负债表 + 利润表 of one year as exported by accounting software (text PDF)."""
    fin = c["fin"]
    out = []
    bs, bs0 = fin[year]["bs"], fin[year - 1]["bs"]
    sh = Sheet(210, 297)
    sh.text_center(105, 24, "资产负债表", size=6, font="hei")
    sh.text(170, 30, "会企01表", size=3)
    sh.text(16, 37, f"编制单位：{c['licence']['name']}", size=3.2)
    sh.text(100, 37, f"{year}年12月31日", size=3.2)
    sh.text(172, 37, "单位：元", size=3.2)
    widths = [40, 22, 22, 46, 24, 24]
    heads = ["资产", "期末余额", "上年年末余额", "负债和所有者权益", "期末余额", "上年年末余额"]
    y = 40
    x = 16
    for t, w in zip(heads, widths):
        sh.rect(x, y, w, 8, 0.25)
        sh.text(x + (w - text_width(t, 2.8)) / 2, y + 5.4, t, size=2.8, font="hei")
        x += w
    y += 8
    for i in range(len(BS_LIABS)):
        a = BS_ASSETS[i] if i < len(BS_ASSETS) else ""
        l = BS_LIABS[i]
        vals = [a, money(bs[a]) if a else "", money(bs0[a]) if a else "", l, money(bs[l]), money(bs0[l])]
        x = 16
        for j, (t, w) in enumerate(zip(vals, widths)):
            sh.rect(x, y, w, 7, 0.25)
            if j in (0, 3):
                sh.text(x + 1.5, y + 4.9, t, size=2.8, font="hei" if "合计" in t or "总计" in t else "song")
            else:
                sh.text(x + w - 1.5 - text_width(t, 2.7), y + 4.9, t, size=2.7)
            x += w
        y += 7
    sh.text(16, y + 8, "单位负责人：" + c["licence"]["rep"], size=3)
    sh.text(80, y + 8, "主管会计工作负责人：" + c["fin_staff"][0], size=3)
    sh.text(150, y + 8, "会计机构负责人：" + c["fin_staff"][1], size=3)
    out.append(sh)
    inc, inc0 = fin[year]["inc"], fin[year - 1]["inc"]
    sh = Sheet(210, 297)
    sh.text_center(105, 24, "利润表", size=6, font="hei")
    sh.text(170, 30, "会企02表", size=3)
    sh.text(16, 37, f"编制单位：{c['licence']['name']}", size=3.2)
    sh.text(105, 37, f"{year}年度", size=3.2)
    sh.text(172, 37, "单位：元", size=3.2)
    widths = [78, 16, 42, 42]
    y = 40
    x = 16
    for t, w in zip(["项目", "行次", "本期金额", "上期金额"], widths):
        sh.rect(x, y, w, 8, 0.25)
        sh.text(x + (w - text_width(t, 3)) / 2, y + 5.4, t, size=3, font="hei")
        x += w
    y += 8
    for i, r in enumerate(IS_ROWS):
        vals = [r, str(i + 1), money(inc[r]), money(inc0[r])]
        x = 16
        for j, (t, w) in enumerate(zip(vals, widths)):
            sh.rect(x, y, w, 7.5, 0.25)
            if j == 0:
                sh.text(x + 1.5 + (0 if r[0] in "一二三四" else 4), y + 5.2, t, size=3)
            else:
                sh.text(x + w - 2 - text_width(t, 3), y + 5.2, t, size=3)
            x += w
        y += 7.5
    sh.text(16, y + 8, "单位负责人：" + c["licence"]["rep"], size=3)
    sh.text(80, y + 8, "主管会计工作负责人：" + c["fin_staff"][0], size=3)
    sh.text(150, y + 8, "会计机构负责人：" + c["fin_staff"][1], size=3)
    out.append(sh)
    return out


def certificate_sheet(c, cert, seal):
    sh = Sheet(297, 210)
    sh.rect(8, 8, 281, 194, 1.5, (180, 140, 50))
    sh.text_center(148.5, 50, cert["title"], size=12, font="hei", color=(150, 20, 20))
    y = 82
    for lab, val in [("企业名称", c["licence"]["name"]), ("证书编号", cert["no"]), ("发证时间", cert["date"]),
                     ("有效期", cert["valid"])]:
        sh.text(70, y, f"{lab}：{val}", size=5)
        y += 13
    sh.text(70, y + 6, cert.get("extra", ""), size=4)
    for i, who in enumerate(cert["issuers"]):
        sh.text(40 + i * 80, 178, who, size=4.2)
        if seal is not None and i == 0:
            sh.image(48 + i * 80, 150, 40, 40, seal, tag="seal")
    return sh


def equity_sheet(c):
    sh = Sheet(210, 297)
    sh.text_center(105, 30, "企业股权结构", size=6, font="hei")
    sh.text(22, 44, f"截至2022年11月30日，{c['licence']['name']}注册资本{c['capital_wan']}万元，股权结构如下：", size=3.6)
    y = 52
    widths = [14, 70, 34, 26, 22]
    heads = ["序号", "股东名称", "认缴出资额（万元）", "出资比例", "出资方式"]
    x = 22
    for t, w in zip(heads, widths):
        sh.rect(x, y, w, 9, 0.25)
        sh.text(x + (w - text_width(t, 3.2)) / 2, y + 6, t, size=3.2, font="hei")
        x += w
    y += 9
    for i, (nm, amt, way) in enumerate(c["holders"]):
        vals = [str(i + 1), nm, f"{amt:g}", f"{amt / c['capital_wan'] * 100:.2f}%", way]
        x = 22
        for t, w in zip(vals, widths):
            sh.rect(x, y, w, 9, 0.25)
            sh.text(x + (w - text_width(t, 3.3)) / 2, y + 6, t, size=3.3)
            x += w
        y += 9
    x = 22
    for t, w in zip(["", "合计", f"{c['capital_wan']:g}", "100.00%", ""], widths):
        sh.rect(x, y, w, 9, 0.25)
        sh.text(x + (w - text_width(t, 3.3)) / 2, y + 6, t, size=3.3, font="hei")
        x += w
    return sh


# ----------------------------------------------------------------------------------------------
# the 附件1 申报书 as data (shared by the Word, PDF, photo and scan renderings)
# ----------------------------------------------------------------------------------------------
def Lb(t, span=1):
    return {"k": "label", "t": t, "span": span}


def Vl(t, span=1, name=None, placeholder=False):
    return {"k": "placeholder" if placeholder else "value", "t": t, "span": span, "name": name}


def Op(options, selected, span=3, other=None, name=None):
    return {"k": "options", "opts": [(o, o in selected) for o in options], "other": other, "span": span, "name": name}


YN = ["是", "否"]
INTRO_LABEL = "企业简介\n（包括但不限于以下内容：企业主营业务，主营产品，所从事细分领域及从业时间，企业在细分领域的地位，企业经营战略等；不超过500字）"
IND_LABEL = "所属行业\n（按国民经济行业分类具体到中类）"


def declaration_blocks(c):
    f = c["form"]
    ph = f.get("placeholder_fields", set())

    def v(name, value, span=1):
        return Vl(value, span, name=name, placeholder=(name in ph))
    yn = lambda b: {"是"} if b is True else ({"否"} if b is False else set())
    basic = [
        {"group": "企业基本信息", "cells": [Lb(f.get("name_label", "企业全称")), v("企业全称", f["name"], 3)]},
    ]
    if f.get("code_row"):
        basic.append({"group": "企业基本信息", "cells": [Lb("统一社会信用代码"), v("统一社会信用代码", f["uscc"], 3)]})
    basic += [
        {"group": "企业基本信息", "cells": [Lb("通讯地址"), v("通讯地址", f["address"], 3)]},
        {"group": "企业基本信息", "cells": [Lb("注册日期"), v("注册日期", f["reg_date"]),
                                            Lb(f.get("cap_label", "注册资金(万元)")), v("注册资金", f["capital"])]},
        {"group": "企业基本信息", "cells": [Lb("企业规模"), Op(["大型", "中型", "小型"], f["scale"], name="企业规模")]},
        {"group": "企业基本信息", "cells": [Lb("企业类型"), Op(["国有", "民营", "合资", "外资"], f["ownership"], name="企业类型")]},
        {"group": "企业基本信息", "cells": [Lb("企业人数"), v("企业人数", f["employees"]),
                                            Lb("上年度企业营收(万元)"), v("上年度企业营收", f["revenue"])]},
        {"group": "企业基本信息", "cells": [Lb("2020年数字化转型投入金额"), v("2020年数字化转型投入金额", f"{f['inv2020']}万元"),
                                            Lb("2021年数字化转型投入金额"), v("2021年数字化转型投入金额", f"{f['inv2021']}万元")]},
        {"group": None, "cells": [Lb(INTRO_LABEL, 2), v("企业简介", f["intro"], 3)]},
        {"group": None, "cells": [Lb(IND_LABEL, 2), v("所属行业", f["industry"], 3)]},
        {"group": "企业联系人", "cells": [Lb("姓名"), v("联系人姓名", f["contact"][0]), Lb("职务"), v("职务", f["contact"][1])]},
        {"group": "企业联系人", "cells": [Lb("联系电话"), v("联系电话", f["contact"][2]), Lb("邮箱"), v("邮箱", f["contact"][3])]},
    ]
    g1, g2, g3, g4, g5, g6, g7, g8 = ("企业核心生产设备情况", "企业生产网络建设情况", "企业数据解析情况", "企业边缘云应用情况",
                                      "企业数据安全防护情况", "企业数据管理情况", "企业数据应用情况",
                                      "企业在数据采集、传输、存储、管理、应用方面改造目标和拟进行的具体内容")
    need = [
        {"group": g1, "cells": [Lb("设备数量"), v("设备数量", f["equip_count"], 3)]},
        {"group": g1, "cells": [Lb("主要设备型号"), v("主要设备型号", f["equip_models"], 3)]},
        {"group": g1, "cells": [Lb("支持通讯协议"), Op(["OPC UA/DA", "ModBus", "ProfiBus", "CANBus", "其它："], f["protocols"],
                                                     other=f.get("protocol_other"), name="支持通讯协议")]},
        {"group": g1, "cells": [Lb("主要设备是否加装数据采集设备"), Op(YN, yn(f["collect"]), name="是否加装数据采集设备")]},
        {"group": g1, "cells": [Lb("如是，选择数据采集设备类型"), Op(["智能网关", "传感器", "其它："], f["collect_types"],
                                                                 other=f.get("collect_other"), name="数据采集设备类型")]},
        {"group": g2, "cells": [Lb("新型网络技术使用情况"),
                                Op(["5G", "F5G", "PON全光网络", "时间敏感网络(TSN)", "WiFi6", "移动物联网(NB IoT)", "Lora",
                                    "工业以太网", "其它："], f["networks"], other=f.get("network_other"), name="新型网络技术使用情况")]},
        {"group": g3, "cells": [Lb("是否建设工业网络数据解析节点"), Op(YN, yn(f["parse_node"]), name="是否建设数据解析节点")]},
        {"group": g3, "cells": [Lb("如是，填写数据解析注册量"), v("数据解析注册量", f["parse_count"], 3)]},
        {"group": g4, "cells": [Lb("是否已建设企业边缘云"), Op(YN, yn(f["edge"]), name="是否已建设企业边缘云")]},
        {"group": g4, "cells": [Lb("如已建设，描述服务器数量、存储能力和算力"), v("边缘云描述", f["edge_desc"], 3)]},
    ]
    for lab, key in [("是否部署工业控制安全产品", "sec_ics"), ("是否部署态势感知系统", "sec_sa"),
                     ("是否部署数据库安全管理系统", "sec_db"), ("是否部署数据泄露防护系统", "sec_dlp"),
                     ("是否部署数据脱敏系统", "sec_mask")]:
        need.append({"group": g5, "cells": [Lb(lab), Op(YN, yn(f[key]), name=lab)]})
    need += [
        {"group": g6, "cells": [Lb("是否通过DCMM贯标"), Op(YN, yn(f["dcmm"]), name="是否通过DCMM贯标")]},
        {"group": g6, "cells": [Lb("如通过，选择DCMM等级"), Op(["二级", "三级", "三级以上"], f["dcmm_level"], name="DCMM等级")]},
        {"group": g7, "cells": [Lb("是否基于用户数据分析实施产品创新"), Op(YN, yn(f["innov"]), name="是否实施产品创新")]},
        {"group": g7, "cells": [Lb("如是，描述产品创新内容"), v("产品创新内容", f["innov_desc"], 3)]},
    ]
    for lab, key in [("计划数据采集方面改造内容", "plan_collect"), ("计划数据传输方面改造内容", "plan_trans"),
                     ("计划数据存储方面改造内容", "plan_store"), ("计划数据管理方面改造内容", "plan_manage"),
                     ("计划数据应用层面改造内容", "plan_apply")]:
        need.append({"group": g8, "cells": [Lb(lab), v(lab, f[key], 3)]})
    need.append({"group": None, "cells": [Lb("企业改造拟投入的资金总额(万元)", 3), v("企业改造拟投入的资金总额", f["plan_total"], 2)]})
    atts = ["附件1、注册资金和注册成立时间证明（请提供申报单位营业执照扫描件）。",
            "附件2、财务状况和主营收入证明（请提供申报单位2020年、2021年财务报表）。",
            "附件3、员工数量证明（请提供近3个月的员工社保缴纳证明）。",
            "附件4、企业获得荣誉或资质证明材料（请提供企业荣誉或资质扫描件，不提供视为无）。",
            "附件5、企业股权结构",
            "附件6、其他可以证明企业经济情况的证明材料"]
    blocks = [("title", "山东省数字经济“晨星工厂”申报书"), ("heading", "一、企业概况"), ("table", basic),
              ("heading", "二、数据赋能需求现状"), ("table", need), ("heading", "三、企业财务证明材料")]
    blocks += [("para", a) for a in atts]
    blocks.append(("sign",))
    return blocks


# ----------------------------------------------------------------------------------------------
# Word (python-docx) rendering of the declaration, with optional content controls
# ----------------------------------------------------------------------------------------------
def _docx_font(run, name="宋体", size=None, bold=False, color=None):
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor
    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    rf = rpr.find(qn("w:rFonts"))
    if rf is None:
        from docx.oxml import OxmlElement
        rf = OxmlElement("w:rFonts")
        rpr.insert(0, rf)
    rf.set(qn("w:eastAsia"), name)
    if size:
        run.font.size = Pt(size)
    run.bold = bold
    if color:
        run.font.color.rgb = RGBColor(*color)


_sdt_id = [1000]


def _add_sdt(paragraph, text, placeholder, alias):
    """Run-level content control (w:sdt). placeholder=True -> Word's placeholder text with w:showingPlcHdr."""
    from docx.oxml import parse_xml
    _sdt_id[0] += 7
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    if placeholder:
        xml = (f'<w:sdt {ns}><w:sdtPr><w:alias w:val="{alias}"/><w:tag w:val="{alias}"/><w:id w:val="{_sdt_id[0]}"/>'
               f'<w:placeholder><w:docPart w:val="DefaultPlaceholder_-1854013440"/></w:placeholder><w:showingPlcHdr/><w:text/></w:sdtPr>'
               f'<w:sdtContent><w:r><w:rPr><w:rStyle w:val="PlaceholderText"/><w:rFonts w:hint="eastAsia"/></w:rPr>'
               f'<w:t>单击或点击此处输入文字。</w:t></w:r></w:sdtContent></w:sdt>')
    else:
        xml = (f'<w:sdt {ns}><w:sdtPr><w:alias w:val="{alias}"/><w:tag w:val="{alias}"/><w:id w:val="{_sdt_id[0]}"/>'
               f'<w:placeholder><w:docPart w:val="DefaultPlaceholder_-1854013440"/></w:placeholder><w:text w:multiLine="1"/></w:sdtPr>'
               f'<w:sdtContent><w:r><w:rPr><w:rFonts w:ascii="宋体" w:eastAsia="宋体" w:hAnsi="宋体"/><w:sz w:val="21"/></w:rPr>'
               f'<w:t xml:space="preserve">{_esc(text)}</w:t></w:r></w:sdtContent></w:sdt>')
    paragraph._p.append(parse_xml(xml))


def declaration_docx(path, c, tick="☑", use_sdt=False, seal_png=None, fill_date="", core_time=None):
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor
    d = docx.Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.0)
    sec.top_margin, sec.bottom_margin = Cm(2.2), Cm(2.0)
    st = d.styles["Normal"]
    st.font.name = "宋体"
    st.font.size = Pt(10.5)
    from docx.oxml.ns import qn
    st.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    if use_sdt:
        ps = d.styles.add_style("Placeholder Text", WD_STYLE_TYPE.CHARACTER)
        ps.font.color.rgb = RGBColor(0x80, 0x80, 0x80)
    cp = d.core_properties
    cp.author = c["form"]["contact"][0]
    cp.last_modified_by = c["form"]["contact"][0]
    cp.title = "山东省数字经济“晨星工厂”申报书"
    when = core_time or dt.datetime(2022, 12, 8, 9, 0, 0)
    cp.created = when
    cp.modified = when
    cp.revision = 3
    blocks = declaration_blocks(c)
    for blk in blocks:
        if blk[0] == "title":
            p = d.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _docx_font(p.add_run(blk[1]), "黑体", 18, True)
        elif blk[0] == "heading":
            p = d.add_paragraph()
            _docx_font(p.add_run(blk[1]), "黑体", 14, True)
        elif blk[0] == "para":
            p = d.add_paragraph()
            _docx_font(p.add_run(blk[1]), "仿宋", 12)
        elif blk[0] == "sign":
            d.add_paragraph()
            p = d.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _docx_font(p.add_run("申报单位（盖章）：" + c["form"]["name"]), "仿宋", 14)
            if seal_png:
                p2 = d.add_paragraph()
                p2.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                p2.add_run().add_picture(seal_png, width=Cm(4.0))
            p3 = d.add_paragraph()
            p3.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _docx_font(p3.add_run(fill_date), "仿宋", 14)
        elif blk[0] == "table":
            rows = blk[1]
            t = d.add_table(rows=len(rows), cols=5)
            t.style = "Table Grid"
            t.alignment = WD_TABLE_ALIGNMENT.CENTER
            widths = [Cm(w / 10) for w in COLS]
            for i, row in enumerate(rows):
                col = 0 if row["group"] is None else 1
                for cell in row["cells"]:
                    tc = t.cell(i, col)
                    if cell["span"] > 1:
                        tc = tc.merge(t.cell(i, col + cell["span"] - 1))
                    p = tc.paragraphs[0]
                    if cell["k"] == "label":
                        parts = cell["t"].split("\n")
                        _docx_font(p.add_run(parts[0]), "宋体", 10.5, True)
                        for extra in parts[1:]:
                            p2 = tc.add_paragraph()
                            _docx_font(p2.add_run(extra), "宋体", 9)
                    elif cell["k"] in ("value", "placeholder"):
                        if use_sdt:
                            _add_sdt(p, cell["t"], cell["k"] == "placeholder", cell.get("name") or "field")
                        else:
                            if cell["k"] == "placeholder":
                                _docx_font(p.add_run("单击或点击此处输入文字。"), "宋体", 10.5, color=(0x80, 0x80, 0x80))
                            else:
                                lines = cell["t"].split("\n")
                                _docx_font(p.add_run(lines[0]), "宋体", 10.5)
                                for extra in lines[1:]:
                                    _docx_font(tc.add_paragraph().add_run(extra), "宋体", 10.5)
                    else:   # options
                        for lab, on in cell["opts"]:
                            _docx_font(p.add_run(tick if on else "□"), "Segoe UI Symbol", 10.5)
                            txt = lab
                            if lab.startswith("其它") and cell.get("other") is not None:
                                txt = lab + (cell["other"] if on else "          ")
                            _docx_font(p.add_run(txt + "    "), "宋体", 10.5)
                    col += cell["span"]
            # vertical merge of group cells
            i = 0
            while i < len(rows):
                g = rows[i]["group"]
                j = i
                while j + 1 < len(rows) and g is not None and rows[j + 1]["group"] == g:
                    j += 1
                if g is not None:
                    tc = t.cell(i, 0).merge(t.cell(j, 0)) if j > i else t.cell(i, 0)
                    _docx_font(tc.paragraphs[0].add_run(g), "宋体", 10.5, True)
                i = j + 1
            for row in t.rows:
                for k, cell in enumerate(row.cells):
                    cell.width = widths[k]
    d.save(path)
    normalize_zip(path)


def equity_docx(path, c):
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    d = docx.Document()
    cp = d.core_properties
    cp.author = c["form"]["contact"][0]
    cp.created = cp.modified = dt.datetime(2022, 12, 1, 10, 0, 0)
    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _docx_font(p.add_run("企业股权结构"), "黑体", 16, True)
    p = d.add_paragraph()
    _docx_font(p.add_run(f"截至2022年11月30日，{c['licence']['name']}注册资本{c['capital_wan']}万元，股东及出资情况如下："), "仿宋", 12)
    t = d.add_table(rows=len(c["holders"]) + 2, cols=5)
    t.style = "Table Grid"
    for k, h in enumerate(["序号", "股东名称", "认缴出资额（万元）", "出资比例", "出资方式"]):
        _docx_font(t.cell(0, k).paragraphs[0].add_run(h), "宋体", 10.5, True)
    for i, (nm, amt, way) in enumerate(c["holders"]):
        for k, v in enumerate([str(i + 1), nm, f"{amt:g}", f"{amt / c['capital_wan'] * 100:.2f}%", way]):
            _docx_font(t.cell(i + 1, k).paragraphs[0].add_run(v), "宋体", 10.5)
    n = len(c["holders"]) + 1
    for k, v in enumerate(["", "合计", f"{c['capital_wan']:g}", "100.00%", ""]):
        _docx_font(t.cell(n, k).paragraphs[0].add_run(v), "宋体", 10.5, bool(v))
    p = d.add_paragraph()
    _docx_font(p.add_run(f"实际控制人：{c['controller']}"), "仿宋", 12)
    d.save(path)
    normalize_zip(path)


# ----------------------------------------------------------------------------------------------
# spreadsheets (openpyxl) - statements as accountants keep them: merged two-row header, 合计 rows
# ----------------------------------------------------------------------------------------------
def statements_xlsx(path, c, years, formulas=False, author="财务部"):
    import openpyxl
    from openpyxl.styles import Alignment, Border, Font, Side
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    fin = c["fin"]
    for y in years:
        bs, bs0 = fin[y]["bs"], fin[y - 1]["bs"]
        ws = wb.create_sheet(f"{y}资产负债表")
        ws.merge_cells("A1:F1")
        ws["A1"] = "资产负债表"
        ws["A1"].font = Font(bold=True, size=16)
        ws["A1"].alignment = Alignment(horizontal="center")
        ws["A2"] = f"编制单位：{c['licence']['name']}"
        ws["C2"] = f"{y}年12月31日"
        ws["F2"] = "单位：元"
        ws.append(["资产", "期末余额", "上年年末余额", "负债和所有者权益", "期末余额", "上年年末余额"])
        start = 4
        for i in range(len(BS_LIABS)):
            a = BS_ASSETS[i] if i < len(BS_ASSETS) else None
            l = BS_LIABS[i]
            ws.append([a, bs[a] if a else None, bs0[a] if a else None, l, bs[l], bs0[l]])
        if formulas:   # totals as formulas (LibreOffice computes them when converting)
            r = lambda name, lst: start + lst.index(name)
            for col in ("B", "C"):
                ws[f"{col}{r('流动资产合计', BS_ASSETS)}"] = f"=SUM({col}{start}:{col}{start + 3})"
                ws[f"{col}{r('非流动资产合计', BS_ASSETS)}"] = f"=SUM({col}{start + 5}:{col}{start + 7})"
                ws[f"{col}{r('资产总计', BS_ASSETS)}"] = f"={col}{start + 4}+{col}{start + 8}"
            for col in ("E", "F"):
                ws[f"{col}{r('流动负债合计', BS_LIABS)}"] = f"=SUM({col}{start}:{col}{start + 3})"
                ws[f"{col}{r('负债合计', BS_LIABS)}"] = f"={col}{start + 4}+{col}{start + 6}"
                ws[f"{col}{r('所有者权益合计', BS_LIABS)}"] = f"=SUM({col}{start + 8}:{col}{start + 11})"
                ws[f"{col}{r('负债和所有者权益总计', BS_LIABS)}"] = f"={col}{start + 7}+{col}{start + 12}"
        for row in ws.iter_rows(min_row=3, max_row=start + len(BS_LIABS) - 1, max_col=6):
            for cell in row:
                cell.border = box
                if cell.column in (2, 3, 5, 6):
                    cell.number_format = "#,##0.00"
        for col, w in zip("ABCDEF", [18, 18, 18, 22, 18, 18]):
            ws.column_dimensions[col].width = w
        inc, inc0 = fin[y]["inc"], fin[y - 1]["inc"]
        ws = wb.create_sheet(f"{y}利润表")
        ws.merge_cells("A1:D1")
        ws["A1"] = "利润表"
        ws["A1"].font = Font(bold=True, size=16)
        ws["A1"].alignment = Alignment(horizontal="center")
        ws["A2"] = f"编制单位：{c['licence']['name']}"
        ws["B2"] = f"{y}年度"
        ws["D2"] = "单位：元"
        ws.append(["项目", "行次", "本期金额", "上期金额"])
        for i, r_ in enumerate(IS_ROWS):
            ws.append([r_, i + 1, inc[r_], inc0[r_]])
        if formulas:
            for col in ("C", "D"):
                ws[f"{col}11"] = f"={col}4-{col}5-{col}6-{col}7-{col}8-{col}9-{col}10"
                ws[f"{col}14"] = f"={col}11+{col}12-{col}13"
                ws[f"{col}16"] = f"={col}14-{col}15"
        for row in ws.iter_rows(min_row=3, max_row=3 + len(IS_ROWS), max_col=4):
            for cell in row:
                cell.border = box
                if cell.column in (3, 4):
                    cell.number_format = "#,##0.00"
        for col, w in zip("ABCD", [26, 8, 20, 20]):
            ws.column_dimensions[col].width = w
    wb.properties.creator = author
    wb.properties.lastModifiedBy = author
    wb.properties.created = wb.properties.modified = dt.datetime(2022, 12, 2, 16, 0, 0)
    wb.save(path)
    normalize_zip(path)


# ----------------------------------------------------------------------------------------------
# fictional applicants
# ----------------------------------------------------------------------------------------------
COMPANIES = [
    # key, licence name, division, address, type, rep, capital(万元), est, term_end(None=长期), authority, issued,
    # employees, revenue2021(万元), scale, ownership, industry, domain, products, apps, new-style code
    dict(key="xinze", name="山东鑫泽精密机械有限公司", div="370114",
         address="山东省济南市章丘区明水经济技术开发区工业五路2177号", type="有限责任公司(自然人投资或控股)", rep="王立军",
         cap=5000, est=dt.date(2011, 4, 18), end=None, auth="济南市章丘区市场监督管理局", issued=dt.date(2021, 6, 18),
         emp=386, rev=36850.00, scale="中型", own="民营", industry="制造业-通用设备制造业-泵、阀门、压缩机及类似机械制造",
         domain="工业流程泵和工业阀门", products="多级离心泵、化工流程泵、高压球阀和调节阀", apps="石油化工、电力、冶金和市政供水",
         new=False, city="济南", equip="数控机床"),
    dict(key="hengrun", name="潍坊恒润纺织（集团）有限公司", div="370785",
         address="山东省潍坊市高密市醴泉街道康成大街3188号", type="有限责任公司(自然人投资或控股)", rep="李恒昌",
         cap=12000, est=dt.date(1998, 7, 2), end=None, auth="高密市市场监督管理局", issued=dt.date(2020, 9, 11),
         emp=1260, rev=118420.00, scale="大型", own="民营", industry="制造业-纺织业-棉纺织及印染精加工",
         domain="中高档棉纺织品", products="精梳紧密纺纱线、高支高密色织面料和功能性家纺面料", apps="高端服装、家纺和产业用纺织品",
         new=False, city="潍坊", equip="细纱机和织机"),
    dict(key="huayue", name="山东华岳轮胎科技有限公司", div="370523",
         address="山东省东营市广饶县大王镇橡胶工业园华岳路18号", type="有限责任公司(自然人投资或控股)", rep="张振岳",
         cap=3500, est=dt.date(2009, 3, 16), end=dt.date(2039, 3, 15), auth="广饶县市场监督管理局", issued=dt.date(2022, 3, 2),
         emp=612, rev=52836.00, scale="中型", own="民营", industry="制造业-橡胶和塑料制品业-橡胶制品业",
         domain="全钢子午线轮胎和半钢子午线轮胎", products="全钢载重子午线轮胎、半钢乘用车轮胎和工程机械轮胎", apps="商用车、乘用车和工程机械",
         new=False, city="东营", equip="硫化机和成型机"),
    dict(key="ruifeng", name="淄博瑞丰新材料股份有限公司", div="370303",
         address="山东省淄博市张店区房镇镇华光路366号", type="股份有限公司(非上市、自然人投资或控股)", rep="孙瑞峰",
         cap=8000, est=dt.date(2006, 5, 10), end=dt.date(2056, 5, 9), auth="淄博市行政审批服务局", issued=dt.date(2021, 11, 23),
         emp=428, rev=31560.00, scale="中型", own="民营", industry="制造业-化学原料和化学制品制造业-合成材料制造",
         domain="功能性高分子材料", products="改性聚氨酯树脂、水性涂料乳液和特种胶黏剂", apps="汽车内饰、建筑防水和电子封装",
         new=False, city="淄博", equip="反应釜和分散机"),
    dict(key="haichuan", name="烟台海川汽车零部件有限公司", div="370611",
         address="山东省烟台市福山区福新街道永达街1106号", type="有限责任公司(中外合资)", rep="刘海川",
         cap=2000, est=dt.date(2015, 6, 1), end=None, auth="烟台市福山区市场监督管理局", issued=dt.date(2021, 4, 6),
         emp=355, rev=24618.00, scale="中型", own="合资", industry="制造业-汽车制造业-汽车零部件及配件制造",
         domain="汽车底盘精密零部件", products="转向节、控制臂和制动钳支架", apps="乘用车和新能源汽车",
         new=True, city="烟台", equip="加工中心和压铸机"),
    dict(key="jinsui", name="临沂金穗食品有限公司", div="371302",
         address="山东省临沂市兰山区义堂镇工业园金穗路9号", type="有限责任公司(自然人投资或控股)", rep="赵金穗",
         cap=1500, est=dt.date(2016, 8, 23), end=None, auth="临沂市兰山区市场监督管理局", issued=dt.date(2022, 5, 19),
         emp=168, rev=2860.00, scale="小型", own="民营", industry="制造业-食品制造业-方便食品制造",
         domain="速冻米面食品", products="速冻水饺、手抓饼和杂粮馒头", apps="商超零售、团餐和餐饮连锁",
         new=True, city="临沂", equip="速冻隧道和包装机"),
    dict(key="hongtai", name="德州宏泰电缆有限公司", div="371403",
         address="山东省德州市陵城区经济开发区宏泰大道66号", type="有限责任公司(自然人投资或控股)", rep="周宏泰",
         cap=3500, est=dt.date(2008, 10, 9), end=None, auth="德州市陵城区市场监督管理局", issued=dt.date(2021, 8, 30),
         emp=720, rev=58230.00, scale="中型", own="民营", industry="制造业-电气机械和器材制造业-电线、电缆、光缆及电工器材制造",
         domain="中低压电力电缆", products="交联聚乙烯绝缘电力电缆、矿用电缆和光伏专用电缆", apps="电网、矿山和新能源电站",
         new=False, city="德州", equip="拉丝机和挤出机"),
    dict(key="huaguan", name="聊城华冠钢结构工程有限公司", div="371502",
         address="山东省聊城市东昌府区嘉明经济开发区华冠路5号", type="有限责任公司(自然人投资或控股)", rep="吴华冠",
         cap=6000, est=dt.date(2002, 8, 16), end=dt.date(2022, 8, 15), auth="聊城市东昌府区市场监督管理局", issued=dt.date(2019, 3, 12),
         emp=465, rev=21860.00, scale="中型", own="民营", industry="制造业-金属制品业-结构性金属制品制造",
         domain="重型钢结构和装配式钢结构建筑", products="重型H型钢构件、钢结构厂房和装配式钢结构住宅构件", apps="工业厂房、场馆和桥梁",
         new=False, city="聊城", equip="数控切割机和焊接机器人"),
    dict(key="wantong", name="菏泽万通农业机械有限公司", div="371702",
         address="山东省菏泽市牡丹区万福办事处长江路1588号", type="有限责任公司(自然人投资或控股)", rep="郑万通",
         cap=4200, est=dt.date(2010, 1, 26), end=None, auth="菏泽市牡丹区市场监督管理局", issued=dt.date(2022, 2, 14),
         emp=530, rev=26740.00, scale="中型", own="民营", industry="制造业-专用设备制造业-农、林、牧、渔专用机械制造",
         domain="小麦玉米收获机械", products="自走式玉米联合收获机、小麦收割机和秸秆打捆机", apps="黄淮海粮食主产区",
         new=False, city="菏泽", equip="激光切割机和焊接机器人"),
    dict(key="baoli", name="滨州宝利纸业有限公司", div="371625",
         address="山东省滨州市博兴县经济开发区新城二路1177号", type="有限责任公司(自然人投资或控股)", rep="钱宝利",
         cap=10000, est=dt.date(2004, 12, 8), end=dt.date(2054, 12, 7), auth="博兴县市场监督管理局", issued=dt.date(2021, 7, 22),
         emp=880, rev=67520.00, scale="中型", own="民营", industry="制造业-造纸和纸制品业-造纸",
         domain="高档包装纸", products="白卡纸、涂布白板纸和食品级包装原纸", apps="食品、医药和电子产品包装",
         new=False, city="滨州", equip="纸机和复卷机"),
    dict(key="luyue", name="泰安鲁岳医药有限公司", div="370911",
         address="山东省泰安市岱岳区满庄镇工业园鲁岳路88号", type="有限责任公司(国有控股)", rep="陈鲁岳",
         cap=9000, est=dt.date(2003, 4, 28), end=None, auth="泰安市岱岳区市场监督管理局", issued=dt.date(2022, 1, 7),
         emp=610, rev=45230.00, scale="中型", own="国有", industry="制造业-医药制造业-化学药品制剂制造",
         domain="化学药品固体制剂", products="片剂、硬胶囊剂和颗粒剂", apps="心脑血管、消化系统和抗感染治疗",
         new=False, city="泰安", equip="压片机和包衣机"),
    dict(key="runhua", name="枣庄润华新型建材有限公司", div="370404",
         address="山东省枣庄市峄城区峨山镇建材工业园润华路1号", type="有限责任公司(自然人投资或控股)", rep="冯润华",
         cap=3000, est=dt.date(2017, 3, 14), end=dt.date(2047, 3, 13), auth="枣庄市峄城区市场监督管理局", issued=dt.date(2021, 9, 27),
         emp=310, rev=18640.00, scale="中型", own="民营", industry="制造业-非金属矿物制品业-石膏、水泥制品及类似制品制造",
         domain="装配式混凝土预制构件和新型墙体材料", products="预制叠合板、预制楼梯和蒸压加气混凝土砌块", apps="装配式住宅和市政工程",
         new=True, city="枣庄", equip="布料机和蒸压釜"),
    dict(key="lanhai", name="青岛澜海智能家电有限公司", div="370211",
         address="山东省青岛市黄岛区前湾港路1580号", type="有限责任公司(自然人投资或控股)", rep="林澜海",
         cap=15000, est=dt.date(2007, 11, 20), end=None, auth="青岛市黄岛区市场监督管理局", issued=dt.date(2022, 4, 15),
         emp=1580, rev=96840.00, scale="大型", own="民营", industry="制造业-电气机械和器材制造业-家用电力器具制造",
         domain="智能厨房电器和小家电", products="智能烟灶、洗碗机和破壁料理机", apps="家庭厨房和商用后厨",
         new=False, city="青岛", equip="注塑机和冲压线"),
    dict(key="zhuoyue", name="徐州卓越机电设备有限公司", div="320312",
         address="江苏省徐州市铜山区经济开发区黄河路66号", type="有限责任公司(自然人投资或控股)", rep="何卓越",
         cap=2000, est=dt.date(2012, 5, 7), end=None, auth="徐州市铜山区市场监督管理局", issued=dt.date(2021, 12, 3),
         emp=260, rev=9820.00, scale="小型", own="民营", industry="制造业-通用设备制造业-物料搬运设备制造",
         domain="矿用输送设备", products="带式输送机、刮板输送机和托辊", apps="煤矿、港口和电厂",
         new=False, city="徐州", equip="数控车床和焊接机器人"),
]

SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = ["建国", "志强", "海燕", "丽娟", "明", "伟", "静", "磊", "晓东", "文华", "秀英", "俊杰", "红梅", "玉兰", "新民", "春雨",
         "国庆", "立新", "雪梅", "永刚", "晨", "宇航", "佳琪", "浩然", "子涵"]
TITLES = ["信息中心主任", "首席数据官（CDO）", "总经理助理", "企管部部长", "智能制造部经理", "办公室主任"]
PINYIN = {"xinze": "xinze", "hengrun": "hengrun", "huayue": "huayuetyre", "ruifeng": "ruifengchem", "haichuan": "haichuanauto",
          "jinsui": "jinsuifood", "hongtai": "hongtaicable", "huaguan": "huaguansteel", "wantong": "wantongnj", "baoli": "baolipaper",
          "luyue": "luyuepharm", "runhua": "runhuajc", "lanhai": "lanhai-ha", "zhuoyue": "zhuoyue-jd"}
AREA = {"济南": "0531", "潍坊": "0536", "东营": "0546", "淄博": "0533", "烟台": "0535", "临沂": "0539", "德州": "0534",
        "聊城": "0635", "菏泽": "0530", "滨州": "0543", "泰安": "0538", "枣庄": "0632", "青岛": "0532", "徐州": "0516"}


def person(rng):
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def intro_text(c, rng, long=False):
    k = c["k"]
    yrs = 2022 - k["est"].year
    s = [f"{k['name']}成立于{k['est'].year}年，是一家专业从事{k['domain']}研发、生产和销售的{'国有控股' if k['own'] == '国有' else ''}工业企业。",
         f"公司主营业务为{k['domain']}的设计制造与技术服务，主要产品包括{k['products']}等，产品广泛应用于{k['apps']}等领域。",
         f"公司深耕该细分领域{yrs}年，主导产品国内市场占有率位居行业前列，是{k['city']}市重点培育的骨干企业。",
         f"公司通过ISO9001质量管理体系和ISO14001环境管理体系认证，拥有发明专利{rng.randint(6, 30)}项、实用新型专利{rng.randint(20, 90)}项，建有市级企业技术中心。",
         f"近年来公司持续推进数字化转型，已上线ERP、MES和WMS等信息系统，设立首席数据官（CDO）岗位，组建了{rng.randint(12, 40)}人的数字技术工程师队伍。",
         "公司坚持“质量立企、创新强企、数据兴企”的经营战略，以数据赋能为抓手，推动研发、生产、管理和服务全流程数字化升级，着力打造行业领先的数字化工厂。"]
    if long:
        extra = ["公司高度重视安全生产和环境保护，建立了完善的安全生产责任制和环境管理制度，近三年未发生重大安全生产事故和环境污染事件，先后获得省级守合同重信用企业、市级文明单位等荣誉称号。",
              f"在市场开拓方面，公司建立了覆盖全国二十多个省、自治区、直辖市的营销服务网络，产品远销东南亚、中东和非洲等国家和地区，与多家行业龙头企业建立了长期稳定的战略合作关系，客户满意度持续保持在较高水平。",
              "在人才队伍方面，公司与省内多所高校和科研院所开展产学研合作，共建联合实验室和研究生实践基地，形成了一支结构合理、素质过硬的技术研发和管理团队，为企业持续创新提供了有力支撑。",
              "下一步，公司将以参与全省工业企业数据赋能专项行动为契机，围绕数据采集、传输、存储、管理和应用五个环节开展系统改造，推动生产经营全流程数据贯通，力争用三年时间建成数据驱动的数字经济“晨星工厂”，为行业数字化转型提供可复制、可推广的经验。"]
        for e in extra:         # just past the limit, as applicants overrun it: stop once over 550
            if word_count("".join(s)) > 550:
                break
            s.append(e)
    return "".join(s)


def build_company(k, rng, as_of):
    c = {"k": k}
    code = make_uscc(rng, k["div"], k["new"])
    cap_text = "人民币" + capital_words(k["cap"]) if k["key"] in ("hengrun", "haichuan", "lanhai") else capital_words(k["cap"])
    term = (f"{d_cn(k['est'])}至长期" if k["end"] is None else f"{d_cn(k['est'])}至{d_cn(k['end'])}")
    scope_core = f"{k['products'].replace('和', '、')}的研发、制造、销售"
    scope = (f"一般项目：{scope_core}；技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；机械设备租赁；"
             f"货物进出口；技术进出口。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）")
    c["licence"] = dict(uscc=code, name=k["name"], type=k["type"], rep=k["rep"], capital=cap_text, est=d_cn(k["est"]),
                        term=term, address=k["address"], scope=scope, issued=d_cn(k["issued"]), authority=k["auth"],
                        copy_no=f"{rng.randint(1, 3)}-1")
    c["capital_wan"] = k["cap"]
    months = [(2022, 9), (2022, 10), (2022, 11)]
    n = k["emp"]
    counts = [n - rng.randint(2, 9), n - rng.randint(0, 4), n]
    per = rng.uniform(1480, 1720)
    c["social"] = dict(cert_no=f"SB{k['div']}{rng.randint(10 ** 9, 10 ** 10 - 1)}", unit_no=str(rng.randint(10 ** 9, 10 ** 10 - 1)),
                       place=f"{k['auth'].replace('市场监督管理局', '').replace('行政审批服务局', '')}",
                       center=f"{k['auth'].replace('市场监督管理局', '社会保险事业中心').replace('行政审批服务局', '社会保险事业中心')}",
                       rows=[(cn, round(cn * per * rng.uniform(0.99, 1.01), 2)) for cn in counts], months=months)
    # shareholders summing to the registered capital
    ctrl = k["rep"]
    if k["own"] == "国有":
        holders = [(f"{k['city']}市国有资本投资运营有限公司", round(k["cap"] * 0.51), "货币"),
                   (f"{k['city']}鲁岳投资管理有限公司", k["cap"] - round(k["cap"] * 0.51), "货币")]
        ctrl = f"{k['city']}市人民政府国有资产监督管理委员会"
    elif k["own"] == "合资":
        holders = [(ctrl, round(k["cap"] * 0.6), "货币"), ("HAICHUAN AUTO PARTS (HK) LIMITED", k["cap"] - round(k["cap"] * 0.6), "货币")]
    else:
        a = round(k["cap"] * rng.choice([0.55, 0.6, 0.7, 0.51]))
        b = round(k["cap"] * rng.choice([0.2, 0.25, 0.15]))
        holders = [(ctrl, a, "货币"), (person(rng), b, "货币"),
                   (f"{k['city']}{k['name'][2:4]}企业管理咨询合伙企业（有限合伙）", k["cap"] - a - b, "货币")]
    c["holders"] = holders
    c["controller"] = ctrl
    c["fin_staff"] = (person(rng), person(rng))
    c["fin"] = make_financials(rng, k["cap"], k["rev"], [2019, 2020, 2021])
    contact = (person(rng), rng.choice(TITLES), rng.choice([f"{AREA[k['city']]}-{rng.randint(6000000, 8999999)}",
                                                            f"1{rng.choice('3578')}{rng.randint(100000000, 999999999)}"]),
               f"{rng.choice(['xxzx', 'cdo', 'office', 'zhzz'])}@{PINYIN[k['key']]}.com")
    eq_count = rng.randint(120, 900)
    models = {"数控机床": "DMG MORI CMX 1100V立式加工中心；沈阳机床i5M4.2；大连机床CKA6150数控车床；KUKA KR210焊接机器人；海天HTF360注塑机",
              "细纱机和织机": "经纬JWF1572细纱机；村田No.21C自动络筒机；丰田JAT810喷气织机；必佳乐OMNIplus-i织机；特吕茨勒TC19i梳棉机",
              "硫化机和成型机": "桂林橡机LLY-B1400硫化机；萨驰VMI MAXX成型机；软控PS2A成型机；益阳橡机XK-660开炼机；大连橡塑F370密炼机",
              "反应釜和分散机": "5000L不锈钢反应釜；ABB AC800M DCS控制系统；西门子S7-1500 PLC；FLUKO FDM-30分散机；耐驰LMZ25砂磨机",
              "加工中心和压铸机": "布勒Carat140压铸机；MAZAK VCN-530C加工中心；FANUC M-20iD机器人；蔡司CONTURA三坐标测量机；力劲DCC1600压铸机",
              "速冻隧道和包装机": "双螺旋速冻隧道SLD-1000；全自动饺子机JGL-300；枕式包装机DXD-450；金属检测机IMD-II；冷链立体库堆垛机",
              "拉丝机和挤出机": "尼霍夫MMH121拉丝机；麦拉菲尔Maillefer CV交联生产线；西门子S7-1200控制柜；绞线机JLK-630；成缆机CL-3000",
              "数控切割机和焊接机器人": "林肯Power Wave焊接机器人工作站；华工激光12000W切割机；数控相贯线切割机XG-600；H型钢组立机Z15；抛丸机Q69",
              "激光切割机和焊接机器人": "大族激光G4020切割机；埃斯顿ER20焊接机器人；数控折弯机PPEB-200；电泳涂装线；三坐标测量机",
              "纸机和复卷机": "福伊特Voith 5600mm纸机；维美德Valmet复卷机；ABB QCS质量控制系统；西门子PCS7 DCS；横切机BW-2600",
              "压片机和包衣机": "菲特Fette 2090i压片机；GEA ConsiGma包衣机；博世GKF胶囊填充机；湿法制粒机HLSG-400；铝塑泡罩包装机DPH-260",
              "布料机和蒸压釜": "艾巴维PC构件流水线布料机；Φ2.85×39m蒸压釜；混凝土搅拌站HZS120；数控钢筋网焊机；码垛机器人",
              "注塑机和冲压线": "海天MA5300注塑机；扬力自动冲压线；发那科M-710iC机器人；恩德斯豪斯流量计；整机性能测试台",
              "数控车床和焊接机器人": "沈阳机床CAK6150数控车床；松下TM-1400焊接机器人；托辊自动生产线；数控火焰切割机；喷涂线"}[k["equip"]]
    dcmm = k["key"] in ("hengrun", "lanhai", "luyue", "baoli")
    f = dict(name=k["name"], uscc=code, address=k["address"], reg_date=d_cn(k["est"]), capital=str(k["cap"]),
             scale={k["scale"]}, ownership={k["own"]}, employees=str(n), revenue=f"{k['rev']:.2f}",
             inv2020=rng.choice([180, 260, 320, 450, 520, 680, 860]), inv2021=rng.choice([350, 410, 560, 730, 980, 1260]),
             intro="", industry=k["industry"], contact=contact,
             equip_count=f"{eq_count}台（套）", equip_models=models,
             protocols={"OPC UA/DA", "ModBus"} | ({"ProfiBus"} if rng.random() < 0.5 else set()),
             collect=True, collect_types={"智能网关", "传感器"}, networks={"5G", "工业以太网"} | ({"WiFi6"} if rng.random() < 0.6 else set()),
             parse_node=rng.random() < 0.5, edge=rng.random() < 0.6,
             sec_ics=True, sec_sa=rng.random() < 0.6, sec_db=rng.random() < 0.5, sec_dlp=rng.random() < 0.4, sec_mask=rng.random() < 0.3,
             dcmm=dcmm, dcmm_level=({"二级"} if dcmm else set()), innov=True,
             innov_desc=(f"基于用户使用数据和售后运维数据分析，针对{k['apps']}等典型工况优化{k['products'].split('、')[0]}的结构设计和工艺参数，"
                         f"开展设备预测维护和质量智能控制，新产品研发周期缩短约两成，客户投诉率明显下降。"),
             plan_collect=f"对车间{k['equip']}等{eq_count}台（套）设备加装智能网关和温度、振动、电流传感器，实时采集设备状态、工艺参数和产量数据。",
             plan_trans="建设5G专网与工业以太网融合的车间网络，部署工业互联网标识解析企业节点，打通车间级与企业级数据传输通道。",
             plan_store="建设企业边缘云，新增边缘服务器和分布式存储，实现生产数据的就近存储、实时计算和云边协同。",
             plan_manage="建设企业数据管理平台，开展DCMM贯标，建立主数据、元数据和数据质量管理制度，形成企业数据资产目录。",
             plan_apply="基于生产和质量数据构建工艺优化、能耗动态平衡和设备预测性维护模型，建设企业数字大脑驾驶舱。",
             plan_total=str(rng.choice([1200, 1500, 1860, 2300, 2650, 3200])))
    f["parse_count"] = f"{rng.randint(20, 400)}万条" if f["parse_node"] else ""
    f["edge_desc"] = (f"部署边缘服务器{rng.randint(4, 16)}台，存储容量{rng.choice([48, 96, 120, 200])}TB，"
                      f"GPU算力约{rng.choice([60, 120, 240])}TFLOPS" if f["edge"] else "")
    c["form"] = f
    f["intro"] = intro_text(c, rng)
    return c


# ----------------------------------------------------------------------------------------------
# dossier assembly
# ----------------------------------------------------------------------------------------------
class Ctx:
    def __init__(self, out, tmp):
        self.out, self.tmp = out, tmp
        self.conv = []       # (src.docx/xlsx, target format, final path)
        self.n = 0

    def path(self, dossier, rel):
        p = os.path.join(self.out, dossier, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        return p

    def tmpfile(self, ext):
        self.n += 1
        return os.path.join(self.tmp, f"f{self.n:03d}.{ext}")

    def convert(self, src, fmt, dest):
        self.conv.append((src, fmt, dest))


def save_jpeg(img, path, exif=None, quality=85):
    kw = {"quality": quality}
    if exif:
        kw["exif"] = exif
    img.save(path, "JPEG", **kw)


PHONES = [("HUAWEI", "ELS-AN00"), ("Xiaomi", "M2102K1C"), ("OPPO", "PEGM00"), ("vivo", "V2055A"), ("Apple", "iPhone 12")]


def photo_name(when, iphone=False, n=0):
    return f"IMG_{4000 + n}.HEIC" if iphone else f"IMG_{when:%Y%m%d_%H%M}.jpg"


def seal_for(text, rng, bottom=""):
    return make_seal(text, bottom, rng=rng)


def add_declaration_docx(ctx, c, dossier, rel, fmt, rng, tick="☑", use_sdt=False, fill_date="2022年12月8日"):
    """fmt: docx | doc | wps | pdf (Word printed to PDF by LibreOffice)."""
    seal = seal_for(c["form"]["name"], rng)
    seal_png = ctx.tmpfile("png")
    seal.save(seal_png)
    src = ctx.tmpfile("docx")
    declaration_docx(src, c, tick=tick, use_sdt=use_sdt, seal_png=seal_png, fill_date=fill_date)
    dest = ctx.path(dossier, rel)
    if fmt == "docx":
        shutil.copyfile(src, dest)
    else:
        ctx.convert(src, {"doc": "doc", "wps": "doc", "pdf": "pdf"}[fmt], dest)
    return dest


def add_statements_xls(ctx, c, dossier, rel, years, fmt="xls", formulas=True):
    src = ctx.tmpfile("xlsx")
    statements_xlsx(src, c, years, formulas=formulas)
    dest = ctx.path(dossier, rel)
    if fmt == "xlsx":
        shutil.copyfile(src, dest)
    else:
        ctx.convert(src, "xls", dest)     # .et files are written as BIFF8 too, as WPS does


def add_statement_pdf(ctx, c, dossier, rel, year, encrypt=None):
    write_pdf(ctx.path(dossier, rel), statement_sheets(c, year), title=f"{year}年度财务报表", author=c["fin_staff"][1],
              creator="用友U8财务报表 V13.0", encrypt=encrypt)


def add_social_pdf(ctx, c, dossier, rel, rng, issue, months=None, scan=False, noise_map=None):
    months = months or c["social"]["months"]
    seal = seal_for(c["social"]["center"], rng, bottom="业务专用章")
    sh = social_sheet(c, months, issue, seal)
    if not scan:
        write_pdf(ctx.path(dossier, rel), [sh], title="单位参保缴费证明", creator="山东省社会保险网上服务平台")
    else:
        bg = scan_page(sh.to_pil(200), rng)
        write_pdf(ctx.path(dossier, rel), [sh], mode="ocr", backgrounds=[bg], creator="EPSON Scan 2 / ABBYY FineReader 15",
                  ocr_noise=ocr_noise_fn(noise_map or {"无欠费记录": "无欠费记彔", "特此证明。": "特此证明o",
                                                       "网上服务大厅": "网上服务大斤"}))


def ocr_noise_fn(mapping):
    """OCR layer with its own small mistakes, confined to boilerplate phrases."""
    def f(sheet):
        s2 = Sheet(sheet.w, sheet.h)
        for it in sheet.items:
            it = dict(it)
            if it["k"] == "text":
                t = it["s"]
                for a, b in mapping.items():
                    if a in t and len(a) == len(b):
                        t = t.replace(a, b)
                it["s"] = t
            s2.items.append(it)
        return s2
    return f


def add_equity(ctx, c, dossier, rel, kind="docx", rng=None):
    dest = ctx.path(dossier, rel)
    if kind == "docx":
        equity_docx(dest, c)
    elif kind == "pdf":
        write_pdf(dest, [equity_sheet(c)], title="企业股权结构", creator="WPS 文字")
    else:
        img = scan_page(equity_sheet(c).to_pil(150), rng or random.Random(1), grey=False, noise=3)
        save_jpeg(img, dest, quality=80)


def add_certificate(ctx, c, dossier, rel, rng, cert):
    seal = seal_for(cert["issuers"][0], rng)
    img = scan_page(certificate_sheet(c, cert, seal).to_pil(150), rng, grey=False, noise=3)
    save_jpeg(img, ctx.path(dossier, rel), quality=82)


def licence_images(c, rng, variant="paper"):
    seal = seal_for(c["licence"]["authority"], rng)
    qr = make_qr_like(rng)
    return licence_sheet(c, variant, seal, qr), seal, qr


def add_licence_ofd(ctx, c, dossier, rel, rng, with_signature=True, seal_as_image=True, when="2022-11-30"):
    sh, seal, qr = licence_images(c, rng, "electronic")
    sig = None
    if with_signature:
        sig = dict(seal_png=seal, boundary=(204, 146, 42, 42), provider="国家市场监督管理总局电子营业执照系统",
                   datetime=when.replace("-", "") + "101200Z")
    meta = dict(docid=hashlib.md5((c["licence"]["uscc"] + when).encode()).hexdigest(), title="营业执照",
                author=c["licence"]["authority"], creator="电子营业执照系统", date=when)
    write_ofd(ctx.path(dossier, rel), sh, meta, seal_as_image=seal_as_image, signature=sig,
              multi_line_objects=("scope",))


def add_licence_photo(ctx, c, dossier, rel, rng, when, mode="upright", phone=None, heic=False):
    """mode: upright | upside_down | sideways_noexif | sideways_exif"""
    sh, _, _ = licence_images(c, rng, "paper")
    page = sh.to_pil(170, paper=(250, 247, 238))
    img = photograph(page, rng, frame=(3000, 2250), fill=0.86, skew=0.03, shadow=True)
    make, model = phone or rng.choice(PHONES[:4])
    orient = None
    if mode == "upside_down":
        img = img.rotate(180)
    elif mode == "sideways_noexif":
        img = img.rotate(90, expand=True)      # pixels stored sideways, no tag to undo it
    elif mode == "sideways_exif":
        img = img.rotate(90, expand=True)      # sensor-oriented pixels ...
        orient = 6                             # ... and the tag that makes viewers turn them upright
    ex = exif_bytes(make, model, when, orientation=orient)
    dest = ctx.path(dossier, rel)
    if heic:
        import pillow_heif
        pillow_heif.register_heif_opener()
        img.save(dest, format="HEIF", quality=70, exif=exif_bytes("Apple", "iPhone 13", when))
    else:
        save_jpeg(img, dest, exif=ex, quality=84)


def add_licence_scan_pdf(ctx, c, dossier, rel, rng):
    sh, _, _ = licence_images(c, rng, "paper")
    bg = scan_page(sh.to_pil(200, paper=(250, 247, 238)), rng, grey=False)
    write_pdf(ctx.path(dossier, rel), [sh], mode="ocr", backgrounds=[bg], creator="Canon iR-ADV C3525 / OCR",
              ocr_noise=ocr_noise_fn({"公示系统网址": "公示系统冈址", "总局监制": "总局监剬"}))


def defect(code, field, file, found, expected, note):
    return dict(code=code, field=field, file=file, found=found, expected=expected, note=note)


SEED_LINES = {
    "intro": "附件1 企业简介：“(包括但不限于以下内容：…企业经营战略等；不超过 500 字)”",
    "industry": "附件1 所属行业：“(按国民经济行业分类具体到中类，如：制造业-化学纤维 制造业-纤维素纤维原料及纤维制造)”",
    "scale": "附件1 企业规模：“□大型    □中型     □小型”",
    "att1": "附件1 三、附件 1、注册资金和注册成立时间证明 (请提供申报单位营业执照扫描件)",
    "att2": "附件1 三、附件 2、财务状况和主营收入证明 (请提供申报单位 2020 年、2021 年财务报表)",
    "att3": "附件1 三、附件 3、员工数量证明 (请提供近 3 个月的员工社保缴纳证明)",
    "att5": "附件1 三、附件 5、企业股权结构",
    "elig": "通知 三(二)1：“申报省级数字经济 “晨星工厂”的企业须符合以下条件： 在山东省行政区域内注册，具有独立法人资格，属于规上工业企业…”",
    "state": "通知 三(二)1：“经营状态正常，信用记录良好”",
}


CERT_HNTE = lambda rng: dict(title="高新技术企业证书", no=f"GR2021370{rng.randint(10000, 99999)}", date="2021年12月07日", valid="三年",
                             issuers=["山东省科学技术厅", "山东省财政厅", "国家税务总局山东省税务局"])
CERT_DCMM = lambda rng: dict(title="数据管理能力成熟度等级证书", no=f"DCMM{rng.randint(10 ** 7, 10 ** 8 - 1)}", date="2022年06月20日",
                             valid="2022年06月20日至2025年06月19日", extra="评估等级：稳健级（2级）  依据：GB/T 36073-2018",
                             issuers=["中国电子信息行业联合会"])
CERT_SRDI = lambda rng: dict(title="山东省专精特新中小企业", no=f"鲁专精{rng.randint(2022000, 2022999)}", date="2022年01月28日",
                             valid="三年", issuers=["山东省工业和信息化厅"])

def d01(ctx, c, rng, name):
    c["form"]["reg_date"] = d_iso(c["k"]["est"])
    add_declaration_docx(ctx, c, name, "申报书.doc", "doc", rng, tick="☑", fill_date="2022年12月9日")
    add_licence_ofd(ctx, c, name, "附件1营业执照.ofd", rng, with_signature=True, seal_as_image=True, when="2022-11-28")
    add_statements_xls(ctx, c, name, "附件2财务报表（2020-2021）.xls", [2020, 2021])
    add_social_pdf(ctx, c, name, "附件3社保缴纳证明.pdf", rng, dt.date(2022, 12, 5))
    add_certificate(ctx, c, name, "附件4高新技术企业证书.jpg", rng, CERT_HNTE(rng))
    add_equity(ctx, c, name, "附件5股权结构.docx")
    return dict(clean=True, formats=["doc", "ofd_licence", "xls"], defects=[],
                description="中文：民营中型泵阀企业。申报书为Word 97 .doc（☑勾选），营业执照为电子营业执照OFD（文字对象+红章图片+签章StampAnnot），"
                            "2020、2021年财务报表为.xls（含公式合计行），社保证明为系统导出PDF（2022年9-11月），附高企证书与股权结构。"
                            "看似有误实则正确：执照注册资本“伍仟万元整”与申报书“5000”（万元）一致；注册日期写作2011-04-18；营业期限“至长期”；"
                            "DCMM选“否”故等级留空；上年度营收以万元填报、报表以元列示。",
                habits=["伍仟万元整 vs 5000万元", "2011-04-18 vs 2011年04月18日", "营业期限至长期", "条件项（DCMM等级）因选“否”留空", "元 vs 万元"])


def d02(ctx, c, rng, name):
    f = c["form"]
    f["capital"] = "3000"                      # licence says 叁仟伍佰万元整
    f["scale"] = {"大型", "中型"}               # two boxes ticked in a single choice
    fn = "宏泰电缆晨星工厂申报书.wps"
    add_declaration_docx(ctx, c, name, fn, "wps", rng, tick="☑", fill_date="2022年12月12日")
    add_licence_ofd(ctx, c, name, "电子营业执照.ofd", rng, with_signature=True, seal_as_image=False, when="2022-12-01")
    add_statement_pdf(ctx, c, name, "财务报表/2020年度财务报表.pdf", 2020)
    add_statement_pdf(ctx, c, name, "财务报表/2021年度财务报表.pdf", 2021)
    add_social_pdf(ctx, c, name, "社保缴纳证明.pdf", rng, dt.date(2022, 12, 6))
    add_equity(ctx, c, name, "股权结构.docx")
    return dict(clean=False, formats=["wps", "ofd_licence"],
                description="中文：电缆企业。申报书为WPS .wps（Word 97二进制），营业执照为电子营业执照OFD，印章仅以签章（Signatures/StampAnnot）形式存在、页面无章图；"
                            "财务报表为财务软件导出PDF。埋设：申报书注册资金3000万元与执照叁仟伍佰万元整不一致；企业规模同时勾选大型、中型。",
                defects=[defect("INCONSISTENT_VALUE", "注册资金", fn, "3000（万元）", "3500（万元），电子营业执照.ofd 注册资本“叁仟伍佰万元整”",
                                "附件1 要求“注册资金(万元)”并以“附件 1、注册资金和注册成立时间证明 (请提供申报单位营业执照扫描件)”为证；两者数值不同。股权结构合计亦为3500万元。"),
                         defect("OPTION_CONFLICT", "企业规模", fn, "☑大型 ☑中型（两项均勾选）", "大型/中型/小型中只选一项",
                                "附件1 企业规模“□大型 □中型 □小型”为互斥分类，同时勾选两项自相矛盾。")],
                habits=[])


def d03(ctx, c, rng, name):
    f = c["form"]
    f["name"] = "潍坊恒润纺织(集团)有限公司"     # half-width brackets on the form, full-width on the licence
    f["reg_date"] = d_cn_short(c["k"]["est"])
    add_declaration_docx(ctx, c, name, "山东省数字经济晨星工厂申报书（恒润集团）.wps", "wps", rng, tick="■", fill_date="2022年12月15日")
    when = dt.datetime(2022, 12, 5, 9, 31, 12)
    add_licence_photo(ctx, c, name, photo_name(when), rng, when, mode="sideways_exif", phone=("HUAWEI", "ELS-AN00"))
    add_statement_pdf(ctx, c, name, "附件2/2020年度财务报表.pdf", 2020)
    add_statement_pdf(ctx, c, name, "附件2/2021年度财务报表.pdf", 2021)
    add_social_pdf(ctx, c, name, "scan002.pdf", rng, dt.date(2022, 12, 7), scan=True)
    add_certificate(ctx, c, name, "附件4/DCMM证书.jpg", rng, CERT_DCMM(rng))
    add_equity(ctx, c, name, "附件5 股权结构.docx")
    return dict(clean=True, formats=["wps", "photo_sideways_exif", "scan_ocr_pdf"], defects=[],
                description="中文：大型纺织集团。申报书为WPS .wps（■表示勾选）；营业执照副本为手机照片，像素横躺存储、EXIF Orientation=6（查看器自动转正）；"
                            "社保证明为扫描PDF（灰度、轻微倾斜、红章，含不可见OCR文字层，OCR层在套话处有个别错字）；财务报表为软件导出PDF；附DCMM二级证书。"
                            "看似有误实则正确：申报书名称用半角括号“(集团)”，执照为全角“（集团）”；注册资本“人民币壹亿贰仟万元整”对“12000”；"
                            "注册日期写作1998年7月2日；营业期限至长期。",
                habits=["（集团） vs (集团)", "人民币壹亿贰仟万元整 vs 12000", "1998年7月2日 vs 1998年07月02日", "■作勾选符号", "EXIF方向标记"])


def d04(ctx, c, rng, name):
    f = c["form"]
    f["intro"] = intro_text(c, rng, long=True)
    n = word_count(f["intro"])
    assert n > 540, n
    add_declaration_docx(ctx, c, name, "申报书.doc", "doc", rng, tick="☑", fill_date="2022年12月10日")
    when = dt.datetime(2022, 12, 9, 16, 45, 3)
    fn = photo_name(when)
    add_licence_photo(ctx, c, name, fn, rng, when, mode="upside_down")
    add_social_pdf(ctx, c, name, "scan003.pdf", rng, dt.date(2022, 12, 6), scan=True)
    add_statements_xls(ctx, c, name, "财务报表2020-2021.xlsx", [2020, 2021], fmt="xlsx", formulas=False)
    add_equity(ctx, c, name, "股权结构.pdf", kind="pdf")
    return dict(clean=False, formats=["doc", "photo_upside_down", "scan_ocr_pdf"],
                description="中文：钢结构企业。申报书为Word 97 .doc，营业执照副本为倒置（旋转180°、无EXIF方向标记）的手机照片，社保证明为带OCR层扫描PDF，"
                            "报表为.xlsx。埋设：营业执照营业期限2022年08月15日已届满；企业简介超过500字。",
                defects=[defect("DOCUMENT_EXPIRED", "营业期限", fn, "2002年08月16日至2022年08月15日", "判定日2022-12-20营业期限仍有效",
                                "营业执照为附件1“注册资金和注册成立时间证明”，通知要求“经营状态正常”；执照期限已于2022-08-15届满。照片倒置。"),
                         defect("WORD_LIMIT_EXCEEDED", "企业简介", "申报书.doc", f"实际{n}字", "上限500字",
                                "附件1 企业简介“…企业经营战略等；不超过 500 字”；按Word字数统计规则计数（汉字与全角标点各计1，ISO9001、ERP等半角串各计1）。")],
                habits=[])


def d05(ctx, c, rng, name):
    c["form"]["placeholder_fields"] = {"所属行业"}
    add_declaration_docx(ctx, c, name, "申报书.docx", "docx", rng, use_sdt=True, fill_date="2022年12月8日")
    when = dt.datetime(2022, 11, 30, 10, 12, 40)
    add_licence_photo(ctx, c, name, photo_name(when), rng, when, mode="sideways_noexif", phone=("Xiaomi", "M2102K1C"))
    add_statements_xls(ctx, c, name, "附件2 财务报表（2020-2021）.xls", [2020, 2021])
    add_social_pdf(ctx, c, name, "附件3 社保.pdf", rng, dt.date(2022, 12, 2))
    add_equity(ctx, c, name, "附件5 股权结构.docx")
    return dict(clean=False, formats=["sdt_placeholder", "photo_sideways_noexif", "xls"],
                description="中文：小型速冻食品企业（营收2860万元，属规上）。申报书.docx各填写项均为内容控件（w:sdt），其中“所属行业”仍显示占位符"
                            "“单击或点击此处输入文字。”（w:showingPlcHdr）；营业执照照片像素横躺且无EXIF方向标记；报表为.xls。埋设：所属行业未填写。",
                defects=[defect("MISSING_FIELD", "所属行业", "申报书.docx", "单击或点击此处输入文字。（内容控件占位符，w:showingPlcHdr）",
                                "按国民经济行业分类具体到中类，如 制造业-食品制造业-方便食品制造",
                                "附件1 所属行业“(按国民经济行业分类具体到中类…)”为必填项；占位符不是填写内容。")],
                habits=["其余内容控件已填写（无showingPlcHdr）", "小型企业但营收≥2000万元"])


def d06(ctx, c, rng, name):
    c["form"]["reg_date"] = d_dot(c["k"]["est"])
    add_declaration_docx(ctx, c, name, "申报书.pdf", "pdf", rng, tick="☑", fill_date="2022年12月7日")
    when = dt.datetime(2022, 12, 3, 14, 20, 5)
    add_licence_photo(ctx, c, name, "IMG_4127.HEIC", rng, when, heic=True)
    add_statements_xls(ctx, c, name, "附件2 财务报表.et", [2020, 2021])
    add_social_pdf(ctx, c, name, "附件3 社保证明.pdf", rng, dt.date(2022, 12, 1))
    add_equity(ctx, c, name, "附件5 股权结构图.jpg", kind="jpg", rng=rng)
    return dict(clean=True, formats=["word_pdf", "heic", "et"], defects=[],
                description="中文：轮胎企业。申报书为Word文档经LibreOffice“打印”成PDF（☑/□为文本字形）；营业执照为iPhone HEIC照片；"
                            "财务报表为WPS表格.et（BIFF8）；股权结构为扫描JPG。看似有误实则正确：注册日期写作2009.03.16；"
                            "注册资本“叁仟伍佰万元整”对“3500”；营业期限2009年03月16日至2039年03月15日（有效）；未附荣誉资质（“不提供视为无”）。",
                habits=["2009.03.16 日期写法", "叁仟伍佰万元整 vs 3500", "无附件4（不提供视为无）"])


def d07(ctx, c, rng, name):
    c["form"]["scale"] = set()
    seal = seal_for(c["form"]["name"], rng)
    sheets = declaration_sheets(declaration_blocks(c), "☑", seal=seal, fill_date="2022年12月13日", sign_name=c["form"]["name"])
    write_pdf(ctx.path(name, "申报书.pdf"), sheets, late_ticks=True, title="山东省数字经济“晨星工厂”申报书",
              author=c["form"]["contact"][0], creator="WPS 文字")
    add_licence_ofd(ctx, c, name, "附件1 营业执照.ofd", rng, with_signature=False, seal_as_image=True, when="2022-12-02")
    add_statements_xls(ctx, c, name, "附件2 财务报表.et", [2020, 2021])
    add_social_pdf(ctx, c, name, "附件3 社保缴纳证明.pdf", rng, dt.date(2022, 12, 8))
    add_equity(ctx, c, name, "附件5 股权结构.docx")
    return dict(clean=False, formats=["pdf_late_ticks", "ofd_licence", "et"],
                description="中文：农机企业。申报书PDF由程序绘制：先写全部文字，再在第二遍于各选项位置补画☑/□字形（勾选符号位于内容流末尾）；"
                            "营业执照为OFD（仅页面章图、无签章）；报表为.et。埋设：企业规模三项均未勾选。",
                defects=[defect("OPTION_NOT_SELECTED", "企业规模", "申报书.pdf", "□大型 □中型 □小型（均未勾选）", "勾选其一（按从业人员530人、营收26740万元应为中型）",
                                "附件1 企业规模“□大型 □中型 □小型”必须选择一项。")],
                habits=["勾选字形在内容流末尾（其余选项组均已正确勾选）"])


def d08(ctx, c, rng, name):
    add_declaration_docx(ctx, c, name, "宝利纸业申报书.pdf", "pdf", rng, tick="☑", fill_date="2022年12月9日")
    sh, _, _ = licence_images(c, rng, "paper")
    save_jpeg(scan_page(sh.to_pil(160, paper=(250, 247, 238)), rng, grey=False, noise=4), ctx.path(name, "营业执照.jpg"), quality=80)
    fn = "附件2 财务报表.xls"
    add_statements_xls(ctx, c, name, fn, [2019, 2020])
    add_social_pdf(ctx, c, name, "附件3 社保缴纳证明.pdf", rng, dt.date(2022, 12, 5))
    add_equity(ctx, c, name, "附件5 股权结构.docx")
    return dict(clean=False, formats=["word_pdf", "xls"],
                description="中文：造纸企业。申报书为Word打印PDF；营业执照为彩色平板扫描JPG；财务报表为.xls，但工作表为2019年、2020年（缺2021年）。",
                defects=[defect("DATE_OUT_OF_RANGE", None, fn, "2019年、2020年（工作表2019资产负债表/利润表、2020资产负债表/利润表）",
                                "2020年、2021年",
                                "附件1 三“附件 2、财务状况和主营收入证明 (请提供申报单位 2020 年、2021 年财务报表)”；交来的是2019、2020年。"
                                "（检查器也可能表述为缺少2021年报表。）")],
                habits=[])


def d09(ctx, c, rng, name):
    c["form"]["reg_date"] = d_hanzi(c["k"]["est"])
    c["form"]["capital"] = "8000.00"
    seal = seal_for(c["form"]["name"], rng)
    sheets = declaration_sheets(declaration_blocks(c), "√", seal=seal, fill_date="2022年12月12日", sign_name=c["form"]["name"])
    base = dt.datetime(2022, 12, 12, 15, 1, 0)
    for i, sh in enumerate(sheets):
        when = base + dt.timedelta(seconds=47 * i)
        page = sh.to_pil(170, paper=(252, 252, 250))
        img = photograph(page, rng, frame=(2250, 3000), fill=0.88, skew=0.03, shadow=(i % 2 == 0), blur=0.8)
        save_jpeg(img, ctx.path(name, f"新建文件夹/IMG_{when:%Y%m%d_%H%M%S}.jpg"),
                  exif=exif_bytes("OPPO", "PEGM00", when), quality=84)
    add_licence_ofd(ctx, c, name, "营业执照.ofd", rng, with_signature=False, seal_as_image=True, when="2022-12-05")
    add_statements_xls(ctx, c, name, "2020、2021年财务报表.xls", [2020, 2021])
    add_social_pdf(ctx, c, name, "社保缴纳证明（9-11月）.pdf", rng, dt.date(2022, 12, 6))
    add_certificate(ctx, c, name, "专精特新证书.jpg", rng, CERT_SRDI(rng))
    add_equity(ctx, c, name, "股权结构.docx")
    return dict(clean=True, formats=["photo", "ofd_licence", "xls"], defects=[],
                description=f"中文：化工新材料股份公司。已盖章的申报书逐页手机拍照（{len(sheets)}页，新建文件夹/IMG_*.jpg，透视、阴影、光照不均、模糊、JPEG噪声，√表示勾选，末页红章）；"
                            "营业执照为OFD（页面章图）；报表为.xls。看似有误实则正确：注册日期写作“二〇〇六年五月十日”；注册资金“8000.00”对执照“捌仟万元整”；"
                            "营业期限至2056年05月09日。",
                habits=["二〇〇六年五月十日", "8000.00 vs 捌仟万元整", "√作勾选符号", "文件夹名“新建文件夹”"])


def d10(ctx, c, rng, name):
    add_declaration_docx(ctx, c, name, "申报书.doc", "doc", rng, tick="☑", fill_date="2022年12月8日")
    add_licence_ofd(ctx, c, name, "附件1营业执照.ofd", rng, with_signature=True, seal_as_image=True, when="2022-11-25")
    add_statement_pdf(ctx, c, name, "附件2财务报表/2020年财务报表.pdf", 2020)
    add_statement_pdf(ctx, c, name, "附件2财务报表/2021年财务报表.pdf", 2021)
    fn = "附件3/scan004.pdf"
    add_social_pdf(ctx, c, name, fn, rng, dt.date(2022, 7, 8), months=[(2022, 4), (2022, 5), (2022, 6)], scan=True)
    add_certificate(ctx, c, name, "附件4/DCMM证书.jpg", rng, CERT_DCMM(rng))
    return dict(clean=False, formats=["doc", "ofd_licence", "scan_ocr_pdf"],
                description="中文：国有控股制药企业。申报书.doc，营业执照OFD（章图+签章），社保证明为扫描PDF（含OCR层），但证明期间为2022年04月至06月（7月开具）；"
                            "未提交企业股权结构。",
                defects=[defect("DATE_OUT_OF_RANGE", None, fn, "2022年04月至2022年06月", "2022年09月至2022年11月（判定日2022-12-20前的近3个月）",
                                "附件1 三“附件 3、员工数量证明 (请提供近 3 个月的员工社保缴纳证明)”。"),
                         defect("MISSING_ATTACHMENT", "附件5 企业股权结构", None, "无", "企业股权结构材料",
                                "附件1 三“附件 5、企业股权结构”未提供（附件4、附件6可不提供，附件5无“不提供视为无”的说明）。")],
                habits=["企业类型“国有”"])


def d11(ctx, c, rng, name):
    add_declaration_docx(ctx, c, name, "申报书.docx", "docx", rng, tick="☑", fill_date="2022年12月9日")
    when = dt.datetime(2022, 12, 6, 11, 8, 52)
    add_licence_photo(ctx, c, name, photo_name(when), rng, when, mode="upright", phone=("vivo", "V2055A"))
    add_statement_pdf(ctx, c, name, "财务报表/2020年财务报表.pdf", 2020)
    fn = "财务报表/2021年财务报表.pdf"
    add_statement_pdf(ctx, c, name, fn, 2021, encrypt=("rh2021", "runhua-owner"))
    add_social_pdf(ctx, c, name, "社保缴纳证明.pdf", rng, dt.date(2022, 12, 5))
    add_equity(ctx, c, name, "股权结构.docx")
    return dict(clean=False, formats=["encrypted_pdf", "photo"],
                description="中文：新型建材企业。申报书.docx，营业执照为手机照片（正向）；2021年财务报表PDF设有打开密码（RC4-128加密），无法读取。"
                            "只应报告UNREADABLE_FILE这一项：不应因无法读取而再报告缺少2021年报表或其他任何问题。",
                defects=[defect("UNREADABLE_FILE", None, fn, "PDF设有打开密码（用户口令），无法打开", "可读取的2021年财务报表",
                                "附件1 三“附件 2、…(请提供申报单位 2020 年、2021 年财务报表)”；文件加密无法审查。除此之外不应报告其他问题。")],
                habits=[])


def d12(ctx, c, rng, name):
    c["form"]["reg_date"] = "2015/6/1"
    seal = seal_for(c["form"]["name"], rng)
    sheets = declaration_sheets(declaration_blocks(c), "☑", seal=seal, fill_date="2022年12月16日", sign_name=c["form"]["name"])
    write_pdf(ctx.path(name, "申报书（盖章版）.pdf"), sheets, late_ticks=True, title="申报书", author=c["form"]["contact"][0],
              creator="Microsoft® Word 2016")
    when = dt.datetime(2022, 12, 14, 9, 5, 31)
    add_licence_photo(ctx, c, name, "营业执照副本.jpg", rng, when, mode="upright", phone=("HUAWEI", "ELS-AN00"))
    add_statements_xls(ctx, c, name, "财务报表/2020年财务报表.xlsx", [2020], fmt="xlsx", formulas=False)
    add_statements_xls(ctx, c, name, "财务报表/2021年财务报表.xlsx", [2021], fmt="xlsx", formulas=False)
    add_social_pdf(ctx, c, name, "扫描件001.pdf", rng, dt.date(2022, 12, 12), scan=True)
    add_equity(ctx, c, name, "股权结构.pdf", kind="pdf")
    return dict(clean=True, formats=["pdf_late_ticks", "photo", "scan_ocr_pdf"], defects=[],
                description="中文：中外合资汽车零部件企业。申报书PDF的勾选字形在第二遍绘制（位于内容流末尾），所有选项组均已正确勾选；营业执照副本为手机照片；"
                            "社保证明为带OCR层扫描PDF（扫描件001.pdf）；报表为两份.xlsx。看似有误实则正确：注册日期写作2015/6/1；企业类型“合资”；"
                            "注册资本“人民币贰仟万元整”对“2000”；判定日2022-12-28时近3个月为9-11月。",
                habits=["2015/6/1 日期写法", "人民币贰仟万元整 vs 2000", "勾选字形后置"])


def d13(ctx, c, rng, name):
    f = c["form"]
    good = c["licence"]["uscc"]
    bad = None
    for i in range(8, 15):          # transpose two adjacent different digits in the entity id
        if good[i] != good[i + 1] and good[i].isdigit() and good[i + 1].isdigit():
            cand = good[:i] + good[i + 1] + good[i] + good[i + 2:]
            if not uscc_valid(cand):
                bad = cand
                break
    assert bad and not uscc_valid(bad)
    f["code_row"] = True
    f["uscc"] = bad
    f["cap_label"] = "注册资本(万元)"
    add_declaration_docx(ctx, c, name, "申报书.doc", "doc", rng, tick="☑", fill_date="2022年12月14日")
    add_licence_ofd(ctx, c, name, "附件1营业执照.ofd", rng, with_signature=True, seal_as_image=True, when="2022-12-03")
    add_statements_xls(ctx, c, name, "附件2 财务报表.xls", [2020, 2021])
    add_social_pdf(ctx, c, name, "附件3 社保缴纳证明.pdf", rng, dt.date(2022, 12, 5))
    add_certificate(ctx, c, name, "附件4 DCMM证书.jpg", rng, CERT_DCMM(rng))
    add_equity(ctx, c, name, "附件5 股权结构.docx")
    return dict(clean=False, formats=["doc", "ofd_licence", "xls"],
                description="中文：大型家电企业。申报书.doc为地方改版模板（增加“统一社会信用代码”行，“注册资本(万元)”标签），其中信用代码两位数字顺序颠倒，"
                            "校验位不通过且与OFD营业执照不一致（执照及社保证明上的代码正确）。",
                defects=[defect("INVALID_IDENTIFIER", "统一社会信用代码", "申报书.doc", bad, good,
                                "GB 32100-2015 校验位不通过（domain-facts：第18位按加权和模31计算）。"),
                         defect("INCONSISTENT_VALUE", "统一社会信用代码", "申报书.doc", bad, f"{good}（附件1营业执照.ofd）",
                                "同一处笔误：申报书与营业执照代码不同（domain-facts：不同文件间代码不同属不一致）。附件1要求营业执照为注册证明。")],
                habits=["地方改版模板标签（注册资本/注册资金）"])


def d14(ctx, c, rng, name):
    add_declaration_docx(ctx, c, name, "申报书.wps", "wps", rng, tick="☑", fill_date="2022年12月11日")
    add_licence_scan_pdf(ctx, c, name, "营业执照扫描件.pdf", rng)
    add_statements_xls(ctx, c, name, "财务报表.xls", [2020, 2021])
    add_social_pdf(ctx, c, name, "社保缴纳证明.pdf", rng, dt.date(2022, 12, 2))
    add_equity(ctx, c, name, "股权结构.docx")
    return dict(clean=False, formats=["wps", "scan_ocr_pdf", "xls"],
                description="中文：江苏徐州的输送设备企业申报山东项目。申报书.wps；营业执照为彩色扫描PDF（含OCR层）；信用代码第3-4位为32（江苏），住所江苏省徐州市。",
                defects=[defect("ELIGIBILITY_FAILED", "注册地", "营业执照扫描件.pdf", f"江苏省徐州市（统一社会信用代码{c['licence']['uscc']}，行政区划320312）",
                                "在山东省行政区域内注册（代码第3-4位37）",
                                "通知 三(二)1：“申报省级数字经济 “晨星工厂”的企业须符合以下条件： 在山东省行政区域内注册…”。")],
                habits=[])


DOSSIERS = [
    ("01_鑫泽精密机械", "xinze", "2022-12-20", d01),
    ("02_宏泰电缆", "hongtai", "2022-12-20", d02),
    ("03_恒润纺织", "hengrun", "2022-12-26", d03),
    ("04_华冠钢结构", "huaguan", "2022-12-20", d04),
    ("05_金穗食品", "jinsui", "2022-12-20", d05),
    ("06_华岳轮胎", "huayue", "2022-12-15", d06),
    ("07_万通农机", "wantong", "2022-12-22", d07),
    ("08_宝利纸业", "baoli", "2022-12-20", d08),
    ("09_瑞丰新材料", "ruifeng", "2022-12-20", d09),
    ("10_鲁岳医药", "luyue", "2022-12-20", d10),
    ("11_润华建材", "runhua", "2022-12-20", d11),
    ("12_海川汽车零部件", "haichuan", "2022-12-28", d12),
    ("13_澜海智能家电", "lanhai", "2022-12-20", d13),
    ("14_卓越机电", "zhuoyue", "2022-12-20", d14),
]


def run_conversions(ctx):
    if not ctx.conv:
        return
    prof = tempfile.mkdtemp(prefix="lo_profile_", dir=ctx.tmp)
    by_fmt = {}
    for src, fmt, dest in ctx.conv:
        by_fmt.setdefault(fmt, []).append((src, dest))
    for fmt, items in sorted(by_fmt.items()):
        outdir = os.path.join(ctx.tmp, "conv_" + fmt)
        os.makedirs(outdir, exist_ok=True)
        cmd = ["soffice", f"-env:UserInstallation=file://{prof}", "--headless", "--convert-to", fmt, "--outdir", outdir] + [s for s, _ in items]
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
        for src, dest in items:
            out = os.path.join(outdir, os.path.splitext(os.path.basename(src))[0] + "." + fmt)
            if not os.path.exists(out):
                sys.exit(f"soffice failed to convert {src} to {fmt}: {r.stderr.decode(errors='replace')[-500:]}")
            shutil.move(out, dest)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: generate.py OUT_DIR")
    if shutil.which("soffice") is None:
        sys.exit("error: the `soffice` command (LibreOffice) is required to write .doc/.wps/.xls/.et and Word-printed PDFs; install LibreOffice.")
    out = os.path.abspath(sys.argv[1])
    os.makedirs(out, exist_ok=True)
    names = {n for n, *_ in DOSSIERS}
    for n in names:
        if os.path.isdir(os.path.join(out, n)):
            shutil.rmtree(os.path.join(out, n))
    comp = {k["key"]: k for k in COMPANIES}
    labels = {"writer": "chenxing_formats", "program": "sd-chenxing-2022", "dossiers": []}
    with tempfile.TemporaryDirectory(prefix="chenxing_") as tmp:
        ctx = Ctx(out, tmp)
        for i, (name, key, as_of, fn) in enumerate(DOSSIERS):
            rng = random.Random(SEED * 100 + i)
            c = build_company(comp[key], rng, as_of)
            iw = word_count(c["form"]["intro"])
            assert key == "huaguan" or iw <= 480, (key, iw)
            lab = fn(ctx, c, rng, name)
            labels["dossiers"].append(dict(name=name, as_of=as_of, clean=lab["clean"], description=lab["description"],
                                           formats=lab["formats"], defects=lab["defects"], narratives=[]))
            print(f"built {name}", file=sys.stderr)
        run_conversions(ctx)
    with open(os.path.join(out, "labels.json"), "w", encoding="utf-8") as fh:
        json.dump(labels, fh, ensure_ascii=False, indent=2)
    print(f"wrote {len(labels['dossiers'])} dossiers to {out}")


if __name__ == "__main__":
    main()
