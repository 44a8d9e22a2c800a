"""How a file was read, in the reviewer's words: the report's ``documents[].reading``
(text layer or OCR per page, conversions, photo corrections) as one Chinese line."""
from __future__ import annotations

import re

_LAYER = [
    (re.compile(r"ocr\(hidden layer agrees ([\d.]+)\)"), "按图像识别（隐藏文字层一致 {0}）"),
    (re.compile(r"ocr\(hidden layer disagrees ([\d.]+)\)"), "按图像识别（隐藏文字层不一致 {0}）"),
    (re.compile(r"ocr\(garbled text layer\)"), "按图像识别（文字层乱码）"),
    (re.compile(r"ocr\(no text layer\)"), "按图像识别（无文字层）"),
    (re.compile(r"ocr\(image page\)"), "按图像识别（图片页）"),
    (re.compile(r"ocr\((.*)\)"), "按图像识别（{0}）"),
    (re.compile(r"hidden\(no ocr service\)"), "采用隐藏文字层（未启用识别）"),
    (re.compile(r"none\(no ocr service\)"), "未识别（未启用识别）"),
]
_STEPS = {"dewarp": "透视矫正", "flatten": "光照均衡"}


def _pages(value: str) -> list[tuple[str, str]]:
    out = []
    for part in value.split(","):
        page, _, what = part.partition(":")
        out.append((page.strip(), what.strip()))
    return out


def reading_note(reading: dict[str, str]) -> str:
    """"" when the file was read as is (a DOCX, a text PDF)."""
    notes: list[str] = []
    if reading.get("converted_from"):
        by = reading.get("converted_by", "LibreOffice")
        notes.append(f"由 .{reading['converted_from']} 经 {by} 转换后读取")
    if reading.get("ofd_pages"):
        notes.append(f"OFD 版式文件 {reading['ofd_pages']} 页"
                     + (f"，含 {reading['ofd_signatures']} 个电子签章"
                        if reading.get("ofd_signatures", "0") != "0" else ""))
    layers = []
    for page, what in _pages(reading.get("text_layer", "")):
        if not what or what == "text":
            continue
        for pattern, words in _LAYER:
            m = pattern.fullmatch(what.split(" +")[0])
            if m:
                layers.append(f"第{page}页{words.format(*m.groups())}")
                break
    notes += layers
    for page, what in _pages(reading.get("photo_corrected", "")):
        if what:
            steps = "、".join(_STEPS.get(s, s) for s in what.split("+"))
            notes.append(f"第{page}页为拍照件，已{steps}")
    for page, what in _pages(reading.get("page_rotation", "")):
        if what and what != "0":
            notes.append(f"第{page}页已旋转 {what}°")
    return "；".join(notes)
