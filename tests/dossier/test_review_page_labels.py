"""The review page of a generated dossier speaks Chinese: no field key, document kind, rule id
or finding code reaches the text a reviewer reads, and the licence finding shows its crop
with the cited line outlined in red."""
from __future__ import annotations

import base64
import io
import re
from html.parser import HTMLParser

import pytest
from PIL import Image

from criteria.loader import load_programme
from dossier.crops import OUTLINE
from dossier.labels import Labels, humanise
from dossier.pipeline import DossierRun
from dossier.render_html import render_html
from models import DocumentKind, FindingCode
from samples.generate import BY_KEY

SAMPLE = "sd-chenxing-2022/expired_license"


class _Page(HTMLParser):
    """Visible text nodes, and each finding's images (data-code → list of src)."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.images: dict[str, list[tuple[str, str]]] = {}
        self._skip = 0
        self._code: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "div" and a.get("data-code"):
            self._code = a["data-code"]
        if tag == "img" and self._code:
            self.images.setdefault(self._code, []).append((a.get("class") or "", a.get("src") or ""))
        if tag == "img" and a.get("alt"):
            self.texts.append(a["alt"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.texts.append(data.strip())


@pytest.fixture(scope="module")
def run(run_sample) -> DossierRun:  # type: ignore[no-untyped-def]
    # The session's run of the sample (tests/dossier/conftest.py): checked once for all.
    program, name = SAMPLE.split("/")
    return run_sample(program, name)


@pytest.fixture(scope="module")
def page(run: DossierRun) -> _Page:
    parsed = _Page()
    parsed.feed(render_html(run.report, run.crops))
    return parsed


def test_visible_text_names_no_key(run: DossierRun, page: _Page) -> None:
    prog = load_programme(run.report.program)
    keys = {f.key for f in prog.fields} | {k.value for k in DocumentKind} | \
        {c.value for c in FindingCode} | {r.id for r in prog.rules if r.id} | \
        {f.requirement for f in run.report.findings if f.requirement}
    # File and folder names are the applicant's, shown as they are.
    names = [run.report.dossier, *(d.path for d in run.report.documents)]
    visible = [t for t in page.texts if not any(n in t for n in names)]
    words = {w for t in visible for w in re.findall(r"[A-Za-z_][A-Za-z0-9_.]*[A-Za-z0-9_]", t)}
    assert not words & keys, sorted(words & keys)
    assert not any(re.fullmatch(r"[a-z]+(_[a-z0-9]+)+", w) for w in words)
    # The keys were there to name: the report does carry them.
    assert "business_term_end" in run.report.fields
    assert any(t == prog.field("business_term_end").label for t in page.texts)


def test_level_estimate_reads_as_sentences(run: DossierRun, page: _Page) -> None:
    assert any(f.code == FindingCode.LEVEL_ESTIMATE for f in run.report.findings)
    line = next(t for t in page.texts if t.startswith("应为：达到"))
    assert "★指标的佐证" in line and "实际：估计等级为" in line


def test_licence_finding_crop_outlines_the_cited_box(page: _Page) -> None:
    imgs = page.images[FindingCode.DOCUMENT_EXPIRED.value]
    [(cls, src)] = [i for i in imgs if i[0] == "crop"]
    assert src.startswith("data:image/png;base64,")
    img = Image.open(io.BytesIO(base64.b64decode(src.split(",", 1)[1]))).convert("RGB")
    px = img.load()
    red = [(x, y) for y in range(img.height) for x in range(img.width) if px[x, y] == OUTLINE]
    assert red
    x0, x1 = min(x for x, _ in red), max(x for x, _ in red)
    y0, y1 = min(y for _, y in red), max(y for _, y in red)
    # A rectangle: its top and bottom edges are outline all along.
    assert all(px[x, y0] == OUTLINE and px[x, y1] == OUTLINE for x in range(x0, x1 + 1))
    assert all(px[x0, y] == OUTLINE for y in range(y0, y1 + 1))
    # With a row of context above and below the box.
    assert y0 > 10 and img.height - y1 > 10


def test_labels_fall_back_to_words_not_keys() -> None:
    labels = Labels("no-such-programme")
    assert labels.field("some_new_field") == "some new field"
    assert labels.requirement("field.other_key") == "other key"
    assert humanise("a.b_c") == "a b c"
    chenxing = Labels(BY_KEY[SAMPLE].program)
    assert chenxing.requirement("declaration_seal").endswith("盖章")
