"""The 产业大脑 sample generator writes every dossier it promises, in files that open,
identically from run to run, with the defects its expected findings describe; and the
catalogue (criteria/sd-industry-brain.yaml) reads the form the samples print."""
from __future__ import annotations

from samples.blind import EXERCISED_BY_BLIND

import hashlib
import json
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import docx
import pdfplumber
import pypdfium2 as pdfium
import pytest

from criteria.loader import load_programme
from criteria.schema import Programme, UnitRule, ValueRangeRule
from domain.money import parse_number
from samples.chenxing.uscc import is_valid_uscc
from samples.generate import EXPECTED_ROOT
from samples.industry_brain.dossiers import AS_OF, DOSSIERS, PROGRAM
from samples.industry_brain.form import TITLE
from samples.industry_brain.indicators import ANSWERS, BY_ID, INDICATORS
from samples.model import Dossier

ROOT = Path(__file__).resolve().parents[2]
EXPECTED_DIR = EXPECTED_ROOT / PROGRAM
UNIT_IDS = [i.id for i in INDICATORS if i.unit]


def write_dossiers(target: Path) -> None:
    # The lead registers this module in samples.generate; until then write the files here,
    # the same way the generator does (one folder per dossier, files at their paths).
    for d in DOSSIERS:
        for f in d.files:
            path = target / d.name / f.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(f.make())


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("industry_brain")
    write_dossiers(target)
    return target


@pytest.fixture(scope="module")
def programme() -> Programme:
    return load_programme(PROGRAM)


def by_name(name: str) -> Dossier:
    return next(d for d in DOSSIERS if d.name == name)


def indicator_values(out: Path, name: str) -> dict[str, str]:
    """编号 → text of the 指标值 cell of the DOCX indicator table."""
    doc = docx.Document(out / name / "申报书.docx")
    table = doc.tables[1]
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == ["类型", "编号", "指标名称", "指标值"]
    return {r[1]: r[3] for r in rows[1:]}


def cover_values(out: Path, name: str) -> dict[str, str]:
    doc = docx.Document(out / name / "申报书.docx")
    values: dict[str, str] = {}
    for row in doc.tables[0].rows:
        cells = [c.text for c in row.cells]
        for i in range(0, len(cells) - 1, 2):
            values.setdefault(cells[i], cells[i + 1])
    return values


def has_unit(text: str, unit: str) -> bool:
    return unit in text


# -- every dossier, every file -------------------------------------------------------

def test_dossiers_and_files(out: Path) -> None:
    assert [d.name for d in DOSSIERS] == ["clean", "text_pdf", "wrong_units", "percent_out_of_range",
                                          "breakdown_mismatch", "missing_values"]
    for d in DOSSIERS:
        assert d.program == PROGRAM and d.as_of == AS_OF == "2023-06-30"
        on_disk = {p.relative_to(out / d.name).as_posix() for p in (out / d.name).rglob("*") if p.is_file()}
        assert on_disk == {f.path for f in d.files}


def test_files_open_as_their_kind(out: Path) -> None:
    for d in DOSSIERS:
        for f in d.files:
            path = out / d.name / f.path
            if f.kind == "declaration_docx":
                doc = docx.Document(path)
                assert doc.paragraphs[0].text == TITLE
                assert len(doc.tables) == 2 and len(doc.tables[1].rows) == len(INDICATORS) + 1
                styles = {p.style.name for p in doc.paragraphs if p.text.startswith(("一、", "二、", "三、"))}
                assert styles == {"Heading 1"}
            elif f.kind == "declaration_pdf":
                pdf = pdfium.PdfDocument(path)
                text = "".join(pdf[i].get_textpage().get_text_bounded() for i in range(len(pdf)))
                assert TITLE in text and "L5P5" in text  # a real text layer, not a scan
            else:  # pragma: no cover - a new kind must be taught to this test
                pytest.fail(f"unknown kind {f.kind}")


def test_a_second_run_in_a_fresh_process_is_byte_identical(out: Path) -> None:
    script = (
        "import hashlib\n"
        "from samples.industry_brain.dossiers import DOSSIERS\n"
        "for d in DOSSIERS:\n"
        "    for f in d.files:\n"
        "        print(d.name, f.path, hashlib.sha256(f.make()).hexdigest())\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=True, capture_output=True,
                            text=True)
    fresh = {tuple(line.split()[:2]): line.split()[2] for line in result.stdout.splitlines()}
    here = {(d.name, f.path): hashlib.sha256((out / d.name / f.path).read_bytes()).hexdigest()
            for d in DOSSIERS for f in d.files}
    assert fresh == here


# -- expected findings ----------------------------------------------------------------

def test_expected_json_is_committed_and_matches_the_definitions(programme: Programme) -> None:
    assert {p.stem for p in EXPECTED_DIR.glob("*.json")} == {d.name for d in DOSSIERS}
    keys = {f.key for f in programme.fields}
    rule_ids = {r.id for r in programme.rules}
    for d in DOSSIERS:
        data = json.loads((EXPECTED_DIR / f"{d.name}.json").read_text(encoding="utf-8"))
        assert data == d.expected_json()
        for f in data["findings"]:
            assert f["severity"] in ("error", "warning")
            assert f["field"] is None or f["field"] in keys
            assert f["requirement"] is None or f["requirement"] in rule_ids
    assert {d.name for d in DOSSIERS if not d.expected} == {"clean", "text_pdf"}


def test_every_rule_is_exercised_by_a_sample(programme: Programme) -> None:
    findings = [f for d in DOSSIERS for f in d.expected]
    for rule in programme.rules:
        assert rule.id, "every rule needs an id"
        if rule.id in EXERCISED_BY_BLIND[programme.id]:
            continue  # planted by the blind corpora (see samples/blind/__init__.py)
        if isinstance(rule, UnitRule):
            hit = [f for f in findings if f.code == "INVALID_UNIT" and f.field in rule.fields]
        elif isinstance(rule, ValueRangeRule):
            hit = [f for f in findings if f.code == "VALUE_OUT_OF_RANGE" and f.requirement == rule.id]
        elif rule.kind == "breakdown_sum":
            hit = [f for f in findings if f.code == "CALCULATION_MISMATCH" and f.requirement == rule.id]
        else:  # pragma: no cover - a new rule kind must be taught to this test
            pytest.fail(f"rule {rule.id} ({rule.kind}) has no sample mapping")
        assert hit, rule.id


def test_samples_yield_exactly_their_expected_findings(out: Path, ocr_cache: Path) -> None:
    # The checker itself, on the files written above: the planted defects and nothing else.
    from dossier.pipeline import CheckOptions, check_dossier

    for d in DOSSIERS:
        run = check_dossier(out / d.name, PROGRAM, CheckOptions(as_of=date.fromisoformat(AS_OF), cache_dir=ocr_cache))
        got = Counter((f.code.value, f.field, f.severity.value) for f in run.report.findings
                      if f.severity.value in ("error", "warning"))
        want = Counter((f.code, f.field, f.severity) for f in d.expected)
        assert got == want, (d.name, [(f.code.value, f.field, f.message) for f in run.report.findings])


# -- the catalogue reads the printed form ------------------------------------------------

def test_catalogue_fields_are_the_seed_indicators(programme: Programme) -> None:
    assert [i.id for i in programme.indicators] == [i.id for i in INDICATORS]
    assert [i.id for i in INDICATORS][:2] == ["L1P1", "L1P2"] and INDICATORS[-1].id == "L5P5"
    for ind in INDICATORS:
        spec = programme.field(ind.key)
        assert spec.label == ind.name and spec.required
        assert (spec.unit or "") == ind.unit
        assert f"{ind.id} {ind.name}" in spec.aliases
        if ind.unit:
            assert f"{ind.name}({ind.unit})" in spec.aliases
        else:
            assert spec.type == "long_text"
        cat = next(i for i in programme.indicators if i.id == ind.id)
        assert cat.title == ind.name and (cat.unit or "") == ind.unit and cat.description
    assert {i.unit for i in INDICATORS} == {"亿元", "个", "家", "项", "%", "TB", "人", "次", "万元", "等级", ""}


def test_unit_and_range_rules_cover_every_unit_and_percentage(programme: Programme) -> None:
    unit_rules = [r for r in programme.rules if isinstance(r, UnitRule)]
    covered = {k for r in unit_rules for k in r.fields}
    assert covered == {BY_ID[i].key for i in UNIT_IDS}
    assert {BY_ID[i].unit for i in UNIT_IDS} <= {u for r in unit_rules for u in r.units}
    ranges = [r for r in programme.rules if isinstance(r, ValueRangeRule)]
    percent_keys = {i.key for i in INDICATORS if i.unit == "%"}
    assert {r.value.field for r in ranges} == percent_keys == {"l1p10_industry_concentration"}
    assert all((r.min, r.max) == (0, 100) for r in ranges)


# -- the defects are really in the files -------------------------------------------------

def test_clean_docx_writes_every_figure_with_its_unit(out: Path) -> None:
    values = indicator_values(out, "clean")
    assert list(values) == [i.id for i in INDICATORS]
    for ind in INDICATORS:
        text = values[ind.id]
        assert text, ind.id
        if ind.unit:
            assert has_unit(text, ind.unit), (ind.id, text)
            if ind.id != "L5P5":
                assert text == ANSWERS[ind.id].figure + ind.unit
                assert parse_number(text) is not None
    assert 0 <= parse_number(values["L1P10"]) <= 100
    cover = cover_values(out, "clean")
    assert cover["产业大脑名称"] == "潍坊市动力装备产业大脑"
    code = cover["统一社会信用代码"]
    assert is_valid_uscc(code) and code[2:4] == "37"
    doc = docx.Document(out / "clean" / "申报书.docx")
    assert 'vMerge w:val="restart"' in doc.tables[1]._tbl.xml  # 类型 merged down, as in the seed


def test_text_pdf_has_the_same_figures_with_units_in_their_own_column(out: Path) -> None:
    docx_values = indicator_values(out, "clean")
    rows: list[list[str]] = []
    with pdfplumber.open(out / "text_pdf" / "申报书.pdf") as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                rows.extend([(c or "").replace("\n", "") for c in row] for row in table)
    by_id = {r[0]: r for r in rows if r and r[0] in BY_ID}
    assert list(by_id) == [i.id for i in INDICATORS]
    assert ["编号", "指标名称", "指标值", "单位"] in rows
    for ind in INDICATORS:
        _, name, value, unit = by_id[ind.id]
        assert name == ind.name and unit == ind.unit
        if ind.unit:
            assert ind.unit not in value  # the unit is only in the 单位 column
            assert parse_number(value) == parse_number(docx_values[ind.id]) or ind.id == "L5P5"
        else:
            assert value == docx_values[ind.id]


def test_wrong_units_defects(out: Path) -> None:
    values = indicator_values(out, "wrong_units")
    assert values["L1P1"] == "3,486.2万吨" and "亿元" not in values["L1P1"]
    assert values["L1P4"] == "1,268" and "家" not in values["L1P4"]
    assert "家" not in "产业链企业数量" and "亿元" not in "产业规模"  # the label does not supply it
    clean = indicator_values(out, "clean")
    assert {k for k in values if values[k] != clean[k]} == {"L1P1", "L1P4"}


def test_percent_out_of_range_defect(out: Path) -> None:
    values = indicator_values(out, "percent_out_of_range")
    assert values["L1P10"] == "135%" and parse_number(values["L1P10"]) > 100
    clean = indicator_values(out, "clean")
    assert {k for k in values if values[k] != clean[k]} == {"L1P10"}


def test_missing_values_defects(out: Path) -> None:
    values = indicator_values(out, "missing_values")
    assert values["L2P3"] == "" and values["L4P4"] == ""
    assert all(v.strip() for k, v in values.items() if k not in ("L2P3", "L4P4"))
