"""The snapshot fixtures: each a file the sample generators make deterministically, the
programme its fields are read against, and how its readings are taken."""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SNAPSHOT_DIR = Path(__file__).resolve().parent
# Identity fields that depend on the generating libraries' byte layout, not on what was
# read; the snapshot is about the reading.
VOLATILE_DOCUMENT_FIELDS = ("sha256", "size")


@dataclass(frozen=True)
class Fixture:
    name: str  # folder under tests/snapshots
    file_name: str  # the path the document is extracted under (relative, as in a dossier)
    make: Callable[[], bytes]
    programme: str  # the programme whose fields are read
    # How the readings are taken: "form_fields" (matchers.fields.form_fields),
    # "business_licence", "statements" (financial_statement) or "structured_tables".
    reader: str
    # The document kind the classifier would give it (the structured-table reader looks at
    # kinds); set after the document snapshot is taken, so that stays extractor output.
    kind: str | None = None
    ocr: bool = False


def _sample_file(module: str, dossier: str, kind: str) -> Callable[[], bytes]:
    def make() -> bytes:
        import importlib

        dossiers = importlib.import_module(module).DOSSIERS
        d = next(d for d in dossiers if d.name == dossier)
        return next(f for f in d.files if f.kind == kind).make()

    return make


FIXTURES: tuple[Fixture, ...] = (
    Fixture("chenxing_declaration_docx", "申报书.docx",
            _sample_file("samples.chenxing.dossiers", "clean", "declaration_docx"),
            "sd-chenxing-2022", "form_fields"),
    Fixture("chenxing_statement_pdf", "财务报表.pdf",
            _sample_file("samples.chenxing.dossiers", "clean", "statement_pdf"),
            "sd-chenxing-2022", "statements"),
    Fixture("zhejiang_equipment_xlsx", "附件2.xlsx",
            _sample_file("samples.zhejiang.dossiers", "clean", "equipment_xlsx"),
            "zj-future-factory", "structured_tables", kind="equipment_list"),
    # An electronic licence (电子营业执照) as a text PDF: the licence reader without OCR,
    # which would take ~17 s per run on the reference machine.
    Fixture("chenxing_licence_pdf", "电子营业执照.pdf", lambda: licence_text_pdf(),
            "sd-chenxing-2022", "business_licence"),
)


def licence_text_pdf() -> bytes:
    """The clean Chenxing company's licence, laid out like the sample licence image
    (samples/chenxing/license_image.py) but as text: deterministic (reportlab invariant)."""
    import io

    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    from samples.chenxing.dossiers import LUYUAN as c
    from samples.chenxing.license_image import business_term, cn_date
    from samples.render.fonts import reportlab_font

    font = reportlab_font()
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=landscape(A4), invariant=1)
    w, h = landscape(A4)
    pdf.setFont(font, 30)
    pdf.drawCentredString(w / 2, h - 70, "营业执照")
    pdf.setFont(font, 13)
    pdf.drawCentredString(w / 2, h - 95, "（电子营业执照）")
    pdf.setFont(font, 12)
    pdf.drawString(60, h - 135, f"统一社会信用代码  {c.uscc}")
    fields = [("名称", c.name), ("类型", c.entity_type), ("法定代表人", c.legal_rep),
              ("经营范围", c.scope[:40]), ("注册资本", c.capital_text),
              ("成立日期", cn_date(c.established)), ("营业期限", business_term(c)),
              ("住所", c.address)]
    y = h - 175
    for label, value in fields:  # one column, as the electronic licence prints them
        pdf.drawString(60, y, label)
        pdf.drawString(160, y, value)
        y -= 30
    d = c.licence_date
    pdf.drawString(600, 90, "登记机关")
    pdf.drawString(590, 65, f"{d.year}年{d.month:02d}月{d.day:02d}日")
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def _jsonable(value: Any) -> Any:
    import dataclasses

    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        from pydantic import TypeAdapter

        if type(value).__name__ == "StructuredTable":  # the spec is criteria, not a reading
            value = dataclasses.replace(value, spec=None)
            return {"rows": _jsonable(value.rows), "sources": _jsonable(value.sources),
                    "unit_changes": _jsonable(value.unit_changes)}
        return TypeAdapter(type(value)).dump_python(value, mode="json")
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def produce(fx: Fixture, work: Path, cache_dir: Path | None = None) -> dict[str, Any]:
    """``{"document": ..., "readings": ...}`` for one fixture, as the snapshots hold them."""
    from extractor.base import ExtractContext
    from extractor.registry import extract_file

    path = work / fx.name / fx.file_name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(fx.make())
    ocr = None
    if fx.ocr:
        from extractor.ocr.service import make_ocr_service

        # One thread: the same arithmetic on every machine.
        ocr = make_ocr_service("rapidocr", cache_dir=cache_dir or work / "ocr-cache", threads=1)
    doc = extract_file(path, fx.file_name, ExtractContext(ocr=ocr, page_image_dir=None))
    document = doc.model_dump(mode="json")
    for key in VOLATILE_DOCUMENT_FIELDS:
        document.pop(key, None)
    if fx.kind is not None:
        from models.document import DocumentKind

        doc.kind = DocumentKind(fx.kind)
    readings: Any
    if fx.reader == "business_licence":
        from matchers.fields.business_license import read_business_licence

        readings = read_business_licence(doc)
    elif fx.reader == "statements":
        from matchers.fields.financial_statement import read_statements

        readings = read_statements(doc)
    else:
        from criteria.loader import load_programme

        programme = load_programme(fx.programme)
        if fx.reader == "structured_tables":
            from matchers.fields.structured_tables import read_structured_tables

            readings = {k: st for k, st in read_structured_tables([doc], programme).items()
                        if st.rows}
        else:
            from matchers.fields.form_fields import read_form_fields

            readings = read_form_fields(doc, programme)
    return {"document": document, "readings": _jsonable(readings)}


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def snapshot_paths(fx: Fixture) -> dict[str, Path]:
    folder = SNAPSHOT_DIR / fx.name
    return {"document": folder / "document.json", "readings": folder / "readings.json"}
