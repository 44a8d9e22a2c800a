"""The 浙江省“未来工厂” sample generator writes every dossier it promises, in files that
open, identically from run to run, with the defects its expected findings describe (read
back from the files themselves), and every rule of the catalogue is exercised by a sample."""
from __future__ import annotations

from samples.blind import EXERCISED_BY_BLIND

import json
import re
import subprocess
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pdfplumber
import pypdfium2 as pdfium
import pytest
from PIL import Image

from criteria.loader import load_programme
from criteria.schema import Programme
from domain.word_count import word_count
from samples.chenxing.uscc import is_valid_uscc
from samples.generate import EXPECTED_ROOT
from samples.model import Dossier
from samples.zhejiang.company import EQUIPMENT, ORUI, ORUI_EXPIRED, SUZHOU, investment_wan, networking_rate
from samples.zhejiang.declaration_docx import OUTLINE, SECTION_HEADINGS, walk
from samples.zhejiang.dossiers import AS_OF, DOSSIERS, MAX_ONLY, MINIMUM, PROGRAM
from samples.zhejiang.equipment_list import HEADER

ROOT = Path(__file__).resolve().parents[2]
EXPECTED_DIR = EXPECTED_ROOT / PROGRAM
# The programme seed text the criteria cite, committed in the repository (criteria/seeds).
SEED = ROOT / "criteria" / "seeds" / "002_06ad65e4fd380f1f.txt"
DECLARATION = "未来工厂申报书.docx"
NOT_EQUIPMENT = ("工业控制系统与工业软件", "整体解决方案")
YES = {"是", "√", "Y"}
NO = {"否", "×", "N"}
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+(?:\.\d+)*\s*)")


def write(out: Path, d: Dossier) -> Path:
    folder = out / d.program / d.name
    for f in d.files:
        path = folder / f.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(f.make())
    return folder


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("samples")
    for d in DOSSIERS:
        write(target, d)
    return target


@pytest.fixture(scope="module")
def programme() -> Programme:
    return load_programme(PROGRAM)


def by_name(name: str) -> Dossier:
    return next(d for d in DOSSIERS if d.name == name)


def folder(out: Path, name: str) -> Path:
    return out / PROGRAM / name


def declaration(out: Path, name: str) -> docx.document.Document:
    return docx.Document(folder(out, name) / DECLARATION)


def value_of(doc: docx.document.Document, label: str) -> str:
    for row in doc.tables[0].rows:
        cells = row.cells
        for i, cell in enumerate(cells[:-1]):
            if cell.text == label and cells[i + 1].text != label:
                return cells[i + 1].text
    raise KeyError(label)


def number(text: str) -> Decimal:
    return Decimal(text.replace(",", "").rstrip("%"))


def file_of(d: Dossier, kind: str) -> str:
    return next(f.path for f in d.files if f.kind == kind)


# -- reading the equipment list back, whatever its format ----------------------------------

def _list_rows(grid: list[list[str]]) -> list[dict[str, str]]:
    """Data rows under the header row, up to the 合计 row, keyed by header label."""
    clean = [[unicodedata.normalize("NFKC", c or "").replace("\n", "").strip() for c in r] for r in grid]
    header = [unicodedata.normalize("NFKC", h) for h in HEADER]
    start = next(i for i, r in enumerate(clean) if r[:len(header)] == header)
    rows = []
    for r in clean[start + 1:]:
        if not any(r) or r[0].startswith(("合计", "总计")):
            break
        rows.append(dict(zip(header, r)))
    return rows


def equipment_rows(out: Path, d: Dossier) -> list[dict[str, str]]:
    kind = next(f.kind for f in d.files if f.kind.startswith("equipment_"))
    path = folder(out, d.name) / file_of(d, kind)
    if kind == "equipment_xlsx":
        ws = openpyxl.load_workbook(path, data_only=True).active
        grid = [["" if v is None else (v.date().isoformat() if hasattr(v, "date") else
                                       f"{v:g}" if isinstance(v, float) else str(v)) for v in row]
                for row in ws.iter_rows(values_only=True)]
    elif kind == "equipment_docx":
        grid = [[c.text for c in r.cells] for r in docx.Document(path).tables[0].rows]
    else:
        with pdfplumber.open(path) as pdf:
            assert len(pdf.pages) == 1
            (grid,) = pdf.pages[0].extract_tables()
    return _list_rows(grid)


def _flag(text: str) -> bool:
    assert text in YES | NO, text
    return text in YES


def list_figures(rows: list[dict[str, str]]) -> tuple[int, int, Decimal]:
    """(装备台套数, 联网装备台套数, Σ单价×台套数) as the catalogue's rules compute them."""
    equipment = [r for r in rows if r["设备系统一级分类名称"] not in NOT_EQUIPMENT]
    total = sum(int(r["设备系统台套数"]) for r in equipment)
    networked = sum(int(r["设备系统台套数"]) for r in equipment if _flag(r["是否联网"]))
    invest = sum((Decimal(r["设备系统单价(万元)"]) * int(r["设备系统台套数"]) for r in rows), Decimal(0))
    return total, networked, invest


# -- reading sections back: heading-styled paragraph, body until the next heading ------------

def sections(doc: docx.document.Document) -> dict[str, str]:
    by_heading = {h: k for k, h in SECTION_HEADINGS.items()}
    out: dict[str, list[str]] = {}
    current: str | None = None
    for p in doc.paragraphs:
        if p.style.name.startswith("Heading"):
            current = by_heading.get(_NUMBERING.sub("", p.text).strip())
            if current:
                out[current] = []
        elif current:
            out[current].append(p.text)
    return {k: "".join(v) for k, v in out.items()}


def out_of_range(programme: Programme, texts: dict[str, str]) -> dict[str, str]:
    found = {}
    for r in programme.rules:
        if r.kind == "word_range" and r.section in texts:
            n = word_count(texts[r.section])
            if r.max is not None and n > r.max:
                found[r.section] = "WORD_LIMIT_EXCEEDED"
            elif r.min is not None and n < r.min:
                found[r.section] = "WORD_COUNT_BELOW_MINIMUM"
    return found


# -- every dossier, every file ----------------------------------------------------------------

def test_each_dossier_has_exactly_its_files(out: Path) -> None:
    for d in DOSSIERS:
        base = folder(out, d.name)
        assert {p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file()} == {f.path for f in d.files}
        kinds = [f.kind for f in d.files]
        assert kinds.count("declaration_docx") == 1, d.name
        lists = [k for k in kinds if k.startswith("equipment_")]
        assert len(lists) == (0 if d.name == "missing_attachments" else 1), d.name
        assert kinds.count("licence_jpg") == (0 if d.name == "missing_attachments" else 1), d.name
        assert kinds.count("screenshot_png") == (0 if d.name == "missing_screenshot" else 1), d.name
    formats = {d.name: next((f.kind for f in d.files if f.kind.startswith("equipment_")), None) for d in DOSSIERS}
    assert formats["equipment_in_pdf"] == "equipment_pdf" and formats["equipment_in_docx"] == "equipment_docx"
    assert sum(1 for k in formats.values() if k == "equipment_xlsx") == len(DOSSIERS) - 3


def test_attachment_names_do_not_reveal_the_document_type() -> None:
    giveaways = ("执照", "清单", "设备", "截图", "license", "equipment", "screenshot")
    for d in DOSSIERS:
        for f in d.files:
            if f.kind != "declaration_docx":
                assert not any(g in f.path.lower() for g in giveaways), f.path


def test_files_open_as_their_kind(out: Path) -> None:
    for d in DOSSIERS:
        for f in d.files:
            path = folder(out, d.name) / f.path
            if f.kind == "declaration_docx":
                doc = docx.Document(path)
                assert doc.paragraphs[0].text == "浙江省“未来工厂”申报书" and len(doc.tables) == 1
            elif f.kind == "equipment_xlsx":
                ws = openpyxl.load_workbook(path).active
                assert ws["A1"].value == "企业设备系统购置情况一览表"
                assert [c.value for c in ws[3]] == list(HEADER)
            elif f.kind == "equipment_docx":
                doc = docx.Document(path)
                assert doc.paragraphs[0].text == "企业设备系统购置情况一览表"
                assert [c.text for c in doc.tables[0].rows[0].cells] == list(HEADER)
            elif f.kind == "equipment_pdf":
                pdf = pdfium.PdfDocument(path)
                text = pdf[0].get_textpage().get_text_bounded()
                assert len(pdf) == 1 and "企业设备系统购置情况一览表" in text and "合计" in text
            elif f.kind == "licence_jpg":
                with Image.open(path) as img:
                    assert img.format == "JPEG" and img.size == (2000, 1400)
            elif f.kind == "screenshot_png":
                with Image.open(path) as img:
                    assert img.format == "PNG" and img.size == (1600, 900)
            else:  # pragma: no cover - a new kind must be taught to this test
                pytest.fail(f"unknown kind {f.kind}")


def test_a_second_run_in_a_fresh_process_is_byte_identical(out: Path, tmp_path: Path) -> None:
    names = ["clean", "equipment_in_pdf", "equipment_in_docx", "not_zhejiang"]
    script = (
        "import sys; from pathlib import Path; from tests.samples.test_zhejiang_samples import write, by_name\n"
        f"[write(Path(sys.argv[1]), by_name(n)) for n in {names!r}]\n"
    )
    subprocess.run([sys.executable, "-c", script, str(tmp_path)], cwd=ROOT, check=True, capture_output=True)
    for name in names:
        for f in by_name(name).files:
            assert (folder(out, name) / f.path).read_bytes() == \
                (tmp_path / PROGRAM / name / f.path).read_bytes(), f"{name}/{f.path}"


# -- expected findings and rule coverage -------------------------------------------------------

def test_expected_json_is_committed_for_every_dossier_and_matches_the_definitions(programme: Programme) -> None:
    keys = {f.key for f in programme.fields} | {s.key for s in programme.sections}
    ids = {r.id for r in programme.rules} | {a.id for a in programme.attachments} \
        | {i.id for i in programme.indicators}
    assert {p.stem for p in EXPECTED_DIR.glob("*.json")} == {d.name for d in DOSSIERS}
    for d in DOSSIERS:
        data = json.loads((EXPECTED_DIR / f"{d.name}.json").read_text(encoding="utf-8"))
        assert data == d.expected_json()
        assert data["program"] == PROGRAM and data["as_of"] == AS_OF == "2024-06-30"
        for f in data["findings"]:
            assert f["severity"] in ("error", "warning")
            assert f["field"] is None or f["field"] in keys, f
            assert f["requirement"] is None or f["requirement"] in ids, f


def test_zero_finding_dossiers() -> None:
    assert {d.name for d in DOSSIERS if not d.expected} == {"clean", "equipment_in_pdf", "equipment_in_docx"}


_CODES = {"word_range": {"WORD_LIMIT_EXCEEDED", "WORD_COUNT_BELOW_MINIMUM"}, "equals": {"INCONSISTENT_VALUE"},
          "identifier": {"INVALID_IDENTIFIER"}, "not_expired": {"DOCUMENT_EXPIRED"},
          "region": {"ELIGIBILITY_FAILED"}}


def _exercised_by(rule: object, finding: dict) -> bool:
    kind = rule.kind  # type: ignore[attr-defined]
    if kind in ("ratio", "sum", "evidence_attached"):
        return finding["requirement"] == rule.id  # type: ignore[attr-defined]
    if kind == "narrative_evidence":
        # One finding per indicator lacking a narrative: the requirement is the indicator.
        narrative = {i.id for i in load_programme(PROGRAM).indicators if i.needs_narrative}
        return finding["code"] == "MISSING_EVIDENCE" and finding["requirement"] in narrative
    target = getattr(rule, "field", None) or getattr(rule, "section", None) or getattr(rule, "uscc_field", None)
    return finding["code"] in _CODES[kind] and finding["field"] == target


def test_every_rule_and_required_attachment_is_exercised_by_some_sample(programme: Programme) -> None:
    ids = [r.id for r in programme.rules]
    assert all(ids) and len(set(ids)) == len(ids), "every rule needs a unique id"
    findings = [f.as_json() for d in DOSSIERS for f in d.expected]
    for rule in programme.rules:
        if rule.id in EXERCISED_BY_BLIND[programme.id]:
            continue  # planted by the blind corpora (see samples/blind/__init__.py)
        assert any(_exercised_by(rule, f) for f in findings), rule.id
    for att in programme.attachments:
        if att.required:
            assert {"code": "MISSING_ATTACHMENT", "field": None, "requirement": att.id,
                    "severity": att.missing_severity} in findings, att.id


# -- the catalogue and the generator agree -------------------------------------------------------

def test_outline_sections_are_the_catalogue_sections(programme: Programme) -> None:
    assert SECTION_HEADINGS == {s.key: s.heading for s in programme.sections}
    ranges = {r.section: (r.min, r.max) for r in programme.rules if r.kind == "word_range"}
    assert set(ranges) == set(SECTION_HEADINGS) and len(ranges) == 45
    assert {k for k, (lo, hi) in ranges.items() if lo is None} == set(MAX_ONLY)
    assert all(ranges[k][1] == v for k, v in MAX_ONLY.items())
    assert all(ranges[k][0] == v for k, v in MINIMUM.items())


def test_no_heading_can_be_mistaken_for_another_sections(programme: Programme) -> None:
    own = {s.key: [s.heading, *s.aliases] for s in programme.sections}
    for key, headings in own.items():
        for other, others in own.items():
            if other != key:
                assert not any(o.startswith(h) for h in headings for o in others), (key, other)
    for node in walk(OUTLINE):
        if node.key is None:  # group headings and fixed intros open no section
            assert not any(node.title.startswith(h) for hs in own.values() for h in hs), node.title


def test_word_ranges_are_the_seeds() -> None:
    """Each word_range line cites the seed line(s) it encodes; its numbers are printed there."""
    seed = SEED.read_text(encoding="utf-8").splitlines()
    yaml_lines = (ROOT / "criteria" / f"{PROGRAM}.yaml").read_text(encoding="utf-8").splitlines()
    cited = 0
    for line in yaml_lines:
        if "kind: word_range" not in line:
            continue
        lines = [int(n) for n in re.findall(r"L(\d+)", line.split("#", 1)[1])]
        text = "".join(seed[n - 1] for n in range(lines[0], lines[-1] + 1)).replace(" ", "")
        for bound in re.findall(r"(?:min|max): (\d+)", line):
            assert bound in text, line
        cited += 1
    assert cited == 45


# -- the declaration and its defects ------------------------------------------------------------

def test_clean_declaration_layout_and_figures(out: Path) -> None:
    doc = declaration(out, "clean")
    assert [p.text for p in doc.paragraphs[1:4]] == [
        f"申报单位（盖章）：{ORUI.name}", "未来工厂名称：瓯瑞电气智能低压电器未来工厂", "填报日期：2024年06月20日"]
    assert value_of(doc, "企业名称") == ORUI.name
    assert value_of(doc, "统一社会信用代码") == ORUI.uscc and is_valid_uscc(ORUI.uscc) and ORUI.uscc[2:4] == "33"
    assert value_of(doc, "企业规模").split() == ["☑大型", "□中型", "□小型"]
    assert value_of(doc, "建设类型").count("☑") == 1
    assert value_of(doc, "智能制造软硬件累计投入(万元)") == "7,018.00"
    assert value_of(doc, "设备总数(台套)") == "170" and value_of(doc, "装备联网率(%)") == "87.06"
    headings = [p for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert {p.style.name for p in headings} == {"Heading 1", "Heading 2", "Heading 3", "Heading 4"}


def test_body_paragraphs_never_look_like_headings(out: Path, programme: Programme) -> None:
    """Section boundaries are only where the outline puts heading-styled paragraphs."""
    starts = [h for s in programme.sections for h in (s.heading, *s.aliases)]
    for name in ("clean", "sections_out_of_range"):
        for p in declaration(out, name).paragraphs[4:]:
            if p.style.name.startswith("Heading") or p.text.startswith("附件"):
                continue
            assert not re.match(r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]|案例)", p.text), p.text
            assert not any(p.text.startswith(h) for h in starts), p.text


def test_clean_sections_are_all_within_their_ranges(out: Path, programme: Programme) -> None:
    texts = sections(declaration(out, "clean"))
    assert len(texts) == 24 and not out_of_range(programme, texts)
    # Every 1.3 and 3.x indicator (needs_narrative) has its description.
    narrated = [i.id for i in programme.indicators if i.needs_narrative]
    assert narrated == ["1.3", "3.1.1", "3.1.2", "3.1.3", "3.2.1", "3.2.2", "3.2.3", "3.2.4", "3.2.5", "3.3.1",
                        "3.3.2", "3.3.3", "3.4.1", "3.4.2", "3.4.3", "3.4.4", "3.5"]
    for ind in narrated:
        assert any(k.startswith("s_" + ind.replace(".", "_") + "_") for k in texts), ind


def test_section_length_defects(out: Path, programme: Programme) -> None:
    short = sections(declaration(out, "section_too_short"))
    assert out_of_range(programme, short) == {"s_2_1_2_a_supply_sales_collaboration": "WORD_COUNT_BELOW_MINIMUM"}
    assert 270 <= word_count(short["s_2_1_2_a_supply_sales_collaboration"]) <= 320
    long = sections(declaration(out, "section_too_long"))
    assert out_of_range(programme, long) == {"s_1_3_a_digital_twin": "WORD_LIMIT_EXCEEDED"}
    assert 400 <= word_count(long["s_1_3_a_digital_twin"]) <= 440


def test_every_section_is_out_of_range_in_the_stress_sample(out: Path, programme: Programme) -> None:
    found = out_of_range(programme, sections(declaration(out, "sections_out_of_range")))
    expected = {f.field: f.code for f in by_name("sections_out_of_range").expected}
    assert found == expected and len(found) == 45


def test_clean_equipment_list_agrees_with_the_declaration(out: Path) -> None:
    for name in ("clean", "equipment_in_pdf", "equipment_in_docx"):
        rows = equipment_rows(out, by_name(name))
        assert len(rows) == len(EQUIPMENT) == 21, name
        total, networked, invest = list_figures(rows)
        doc = declaration(out, name)
        assert total == int(value_of(doc, "设备总数(台套)")) == 170
        rate = Decimal(networked * 100) / total
        assert abs(rate - number(value_of(doc, "装备联网率(%)"))) < Decimal("0.01")
        assert invest == number(value_of(doc, "智能制造软硬件累计投入(万元)")) == investment_wan()
    spellings = {r[k] for r in equipment_rows(out, by_name("clean")) for k in ("是否国产", "是否联网")}
    assert spellings == YES | NO


def test_totals_row_is_the_sum_of_all_quantities(out: Path) -> None:
    ws = openpyxl.load_workbook(folder(out, "clean") / "附件2.xlsx").active
    totals = [row for row in ws.iter_rows(values_only=True) if row[0] == "合计"]
    assert totals and totals[0][8] == sum(r.quantity for r in EQUIPMENT) == 175


def test_rate_mismatch_is_off_by_more_than_two_points(out: Path) -> None:
    total, networked, _ = list_figures(equipment_rows(out, by_name("rate_mismatch")))
    stated = number(value_of(declaration(out, "rate_mismatch"), "装备联网率(%)"))
    assert abs(stated - Decimal(networked * 100) / total) > 2 and networking_rate() == Decimal("87.06")


def test_investment_mismatch_is_off_by_more_than_one_percent(out: Path) -> None:
    _, _, invest = list_figures(equipment_rows(out, by_name("investment_mismatch")))
    stated = number(value_of(declaration(out, "investment_mismatch"), "智能制造软硬件累计投入(万元)"))
    assert abs(stated - invest) / stated > Decimal("0.01")


def test_equipment_count_mismatch_keeps_the_rate(out: Path) -> None:
    total, networked, _ = list_figures(equipment_rows(out, by_name("equipment_count_mismatch")))
    doc = declaration(out, "equipment_count_mismatch")
    assert int(value_of(doc, "设备总数(台套)")) == 186 != total
    assert abs(number(value_of(doc, "装备联网率(%)")) - Decimal(networked * 100) / total) < 2


def test_missing_screenshot_text_still_promises_screenshots(out: Path) -> None:
    text = "\n".join(p.text for p in declaration(out, "missing_screenshot").paragraphs)
    assert text.count("截图") >= 10
    assert "screenshot_png" not in {f.kind for f in by_name("missing_screenshot").files}


def test_missing_fields_defects(out: Path) -> None:
    doc = declaration(out, "missing_fields")
    assert value_of(doc, "所属行业") == "" and value_of(doc, "联系电话") == ""
    assert "☑" not in value_of(doc, "企业规模")
    assert value_of(doc, "建设类型").count("☑") == 2


def test_identity_defects(out: Path) -> None:
    doc = declaration(out, "licence_mismatch")
    name, code = value_of(doc, "企业名称"), value_of(doc, "统一社会信用代码")
    assert name != ORUI.name and code != ORUI.uscc and is_valid_uscc(code) and code[2:4] == "33"

    doc = declaration(out, "invalid_uscc")
    code = value_of(doc, "统一社会信用代码")
    assert not is_valid_uscc(code) and code[:17] == ORUI.uscc[:17]

    doc = declaration(out, "not_zhejiang")
    assert value_of(doc, "统一社会信用代码") == SUZHOU.uscc and SUZHOU.uscc[2:4] == "32"
    assert value_of(doc, "注册地址").startswith("江苏省苏州市")

    assert ORUI_EXPIRED.term_end is not None and ORUI_EXPIRED.term_end.isoformat() < AS_OF
    assert ORUI.term_end is None


def test_missing_attachments_lack_licence_and_list() -> None:
    kinds = {f.kind for f in by_name("missing_attachments").files}
    assert kinds == {"declaration_docx", "screenshot_png"}


def test_generated_files_are_not_huge(out: Path) -> None:
    for d in DOSSIERS:
        for f in d.files:
            assert (folder(out, d.name) / f.path).stat().st_size < 1_500_000, f.path
