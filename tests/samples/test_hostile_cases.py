"""The hostile-input generators write what they say, and the registry's judging rules
(samples.hostile.cases: evaluate, rest_unchanged) do what their docstring says."""
from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from samples.hostile import cases as hc
from samples.hostile import extra


# ---- generators ------------------------------------------------------------------------

def test_name_generators_write_the_names(tmp_path: Path) -> None:
    gbk = extra.gbk_named_pdf(tmp_path)
    newline = extra.newline_named_pdf(tmp_path)
    rtl = extra.rtl_named_pdf(tmp_path)
    raw_names = set(os.listdir(os.fsencode(tmp_path)))
    assert extra.GBK_NAME_BYTES in raw_names
    with pytest.raises(UnicodeDecodeError):
        extra.GBK_NAME_BYTES.decode("utf-8")
    assert extra.GBK_NAME_BYTES.decode("gbk") == extra.GBK_NAME_TEXT
    assert newline.name == extra.NEWLINE_NAME and "\n" in newline.name
    assert rtl.name == extra.RTL_NAME and "\u202e" in rtl.name
    for p in (gbk, newline, rtl):
        assert p.read_bytes().startswith(b"%PDF-")


def _docx_text(path: Path) -> str:
    import docx

    d = docx.Document(str(path))
    return "\n".join(c.text for t in d.tables for r in t.rows for c in r.cells)


def test_value_declarations_carry_the_values(tmp_path: Path) -> None:
    text = _docx_text(extra.impossible_date_declaration(tmp_path / "a.docx"))
    assert "2022年13月45日" in text and "注册日期" in text
    text = _docx_text(extra.overflow_numbers_declaration(tmp_path / "b.docx"))
    assert "1e999" in text and "-1.8e308" in text


def test_error_cells_xlsx(tmp_path: Path) -> None:
    path = extra.error_cells_xlsx(tmp_path / "附件2.xlsx")
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert 't="e"><v>#DIV/0!</v>' in sheet and 't="e"><v>#REF!</v>' in sheet
    assert "<f>1/0</f>" in sheet and "<f>1/0</f><v>0" not in sheet  # no cached value


def test_broken_file_generators(tmp_path: Path) -> None:
    assert extra.zero_byte_file(tmp_path / "e.docx").stat().st_size == 0
    cut = extra.truncated_pdf(tmp_path / "t.pdf").read_bytes()
    assert cut.startswith(b"%PDF-") and b"%%EOF" not in cut and b"trailer" not in cut

    png = extra.corrupt_idat_png(tmp_path / "c.png").read_bytes()
    from PIL import Image
    img = Image.open(io.BytesIO(png))
    assert img.size == (480, 120)  # the header is fine ...
    with pytest.raises(OSError):
        img.load()  # ... the pixels are not
    i = 8
    while i < len(png):  # and every chunk CRC matches
        (n,) = struct.unpack_from(">I", png, i)
        kind, body = png[i + 4:i + 8], png[i + 8:i + 8 + n]
        assert struct.unpack_from(">I", png, i + 8 + n)[0] == zlib.crc32(kind + body) & 0xFFFFFFFF
        i += 12 + n

    huge = extra.huge_header_png(tmp_path / "h.png")
    assert huge.stat().st_size < 1024
    assert struct.unpack(">II", huge.read_bytes()[16:24]) == (30000, 30000)

    with zipfile.ZipFile(extra.encrypted_zip(tmp_path / "z.zip")) as z:
        assert z.infolist() and all(i.flag_bits & 0x1 for i in z.infolist())
        with pytest.raises(RuntimeError):  # "File ... is encrypted, password required"
            z.read(z.infolist()[0])


def test_many_paragraphs_docx(tmp_path: Path) -> None:
    path = extra.many_paragraphs_docx(tmp_path / "m.docx", paragraphs=2_000)
    import docx

    assert len(docx.Document(str(path)).paragraphs) == 2_000
    with zipfile.ZipFile(extra.many_paragraphs_docx(tmp_path / "big.docx")) as z:
        assert z.read("word/document.xml").count(b"<w:p>") == 200_000


def test_generators_are_deterministic(tmp_path: Path) -> None:
    for make in (extra.corrupt_idat_png, extra.encrypted_zip, extra.error_cells_xlsx,
                 extra.truncated_pdf, extra.impossible_date_declaration):
        a = make(tmp_path / "a" / "f").read_bytes()
        b = make(tmp_path / "b" / "f").read_bytes()
        assert a == b, make.__name__


# ---- registry ------------------------------------------------------------------------

def test_every_case_is_described() -> None:
    assert len(hc.CASES) >= 18
    for case in hc.CASES.values():
        assert case.expect.summary and case.description
        assert case.rel is not None or case.expect.name_shown is not None
    assert set(hc.CHEAP_CASES) <= set(hc.CASES)


def _f(code: str, *paths: str, field: str | None = None, requirement: str | None = None,
       severity: str = "error") -> dict:
    return {"code": code, "severity": severity, "field": field, "requirement": requirement,
            "message": "", "locations": [{"path": p} for p in paths]}


def _report(findings: list[dict], docs: list[str], requirements: list[dict] | None = None,
            fields: dict | None = None) -> dict:
    return {"findings": findings, "documents": [{"path": p} for p in docs],
            "requirements": requirements or [], "fields": fields or {}}


GOOD = ["申报书.docx", "附件2.pdf"]


def test_rest_ignores_findings_on_the_hostile_file_and_run_level_limits() -> None:
    base = _report([_f("EMBEDDED_SEAL", "申报书.docx", severity="warning")], GOOD)
    bad = _report([_f("EMBEDDED_SEAL", "申报书.docx", severity="warning"),
                   _f("UNREADABLE_FILE", "scan002.pdf"),
                   _f("RESOURCE_LIMIT", severity="warning")], [*GOOD, "scan002.pdf"])
    assert hc.rest_unchanged(base, bad, "scan002.pdf").unchanged


def test_rest_sees_a_lost_or_new_finding_on_a_good_file() -> None:
    base = _report([_f("INCONSISTENT_VALUE", "申报书.docx", "附件2.pdf", field="revenue_last_year")], GOOD)
    lost = _report([], [*GOOD, "scan002.pdf"])
    diff = hc.rest_unchanged(base, lost, "scan002.pdf")
    assert not diff.unchanged and len(diff.only_baseline) == 1 and not diff.only_hostile
    new = _report([_f("INCONSISTENT_VALUE", "申报书.docx", "附件2.pdf", field="revenue_last_year"),
                   _f("UNREADABLE_FILE", "附件2.pdf")], [*GOOD, "scan002.pdf"])
    assert not hc.rest_unchanged(base, new, "scan002.pdf").unchanged
    # A changed severity counts as a change.
    weaker = _report([_f("INCONSISTENT_VALUE", "申报书.docx", "附件2.pdf", field="revenue_last_year",
                         severity="warning")], GOOD)
    assert not hc.rest_unchanged(base, weaker, "x.pdf").unchanged


def test_rest_allows_a_missing_thing_the_hostile_file_satisfies() -> None:
    base = _report([_f("MISSING_ATTACHMENT", ".", requirement="attachment_6")], GOOD,
                   [{"id": "attachment_6", "evidence": []}])
    bad = _report([], [*GOOD, "附件6.pdf"], [{"id": "attachment_6", "evidence": [{"path": "附件6.pdf"}]}])
    assert hc.rest_unchanged(base, bad, "附件6.pdf").unchanged
    # ... but not another requirement's.
    base2 = _report([_f("MISSING_ATTACHMENT", ".", requirement="attachment_3")], GOOD)
    assert not hc.rest_unchanged(base2, bad, "附件6.pdf").unchanged


def test_rest_treats_new_document_paths_as_the_hostile_file() -> None:
    """The checker may show a name differently (escaped); what is new is the hostile file."""
    base = _report([], GOOD)
    bad = _report([_f("UNREADABLE_FILE", "情况说明\\n(1).pdf")], [*GOOD, "情况说明\\n(1).pdf"])
    assert hc.rest_unchanged(base, bad, extra.NEWLINE_NAME).unchanged


def test_evaluate() -> None:
    case = hc.CASES["truncated_pdf"]
    good = _report([_f("UNREADABLE_FILE", "scan002.pdf")], [*GOOD, "scan002.pdf"])
    assert hc.evaluate(case, good).ok
    assert not hc.evaluate(case, _report([], [*GOOD, "scan002.pdf"])).ok
    twice = _report([_f("UNREADABLE_FILE", "scan002.pdf"), _f("CHECK_FAILED", "scan002.pdf")],
                    [*GOOD, "scan002.pdf"])
    v = hc.evaluate(case, twice)
    assert not v.ok and v.codes == ["CHECK_FAILED", "UNREADABLE_FILE"]

    date_case = hc.CASES["impossible_date"]
    ok = _report([_f("INVALID_VALUE", "申报书.docx", field="establishment_date")], GOOD)
    assert hc.evaluate(date_case, ok).ok
    compared = _report([_f("INVALID_VALUE", "申报书.docx", field="establishment_date"),
                        _f("INCONSISTENT_VALUE", "申报书.docx", "IMG.jpg", field="establishment_date")], GOOD)
    assert not hc.evaluate(date_case, compared).ok

    gbk = hc.CASES["gbk_name"]
    assert hc.evaluate(gbk, _report([], [*GOOD, extra.GBK_NAME_TEXT])).ok
    mangled = os.fsdecode(extra.GBK_NAME_BYTES)
    assert not hc.evaluate(gbk, _report([], [*GOOD, mangled]), _report([], GOOD)).ok

    tiff = hc.CASES["many_page_tiff"]  # a run-level limit counts for the hostile file
    assert hc.evaluate(tiff, _report([_f("RESOURCE_LIMIT", severity="warning")], [*GOOD, "scan003.tif"])).ok
