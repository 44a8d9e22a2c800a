"""The 江苏省智能工厂梯度建设 sample generator writes every dossier it promises, in files that
open, identically from run to run, with exactly the defects its expected findings name; and
the catalogue (criteria/js-smart-factory-2025.yaml and its two shared catalogues) agrees with
what the samples print.

The rules are re-evaluated here on the generated files with python-docx / openpyxl and plain
arithmetic (not with the checker), taking thresholds, bands and the scenario → 环节 mapping
from the catalogue: a dossier must break exactly the rules its expected findings name.
"""
from __future__ import annotations

from samples.blind import EXERCISED_BY_BLIND

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import docx
import openpyxl
import pypdfium2 as pdfium
import pytest
from PIL import Image

from criteria.loader import load_catalogues, load_programme
from criteria.schema import (BandRule, CountAtLeastRule, EqualsRule, IdentifierRule, Programme, RegionRule,
                             SumRule, ValueRangeRule)
from samples.chenxing.license_image import licence_jpeg
from samples.chenxing.uscc import is_valid_uscc
from samples.generate import EXPECTED_ROOT, expected_json_text
from samples.jiangsu import dossiers as dossier_mod
from samples.jiangsu.company import CHENGRUI
from samples.jiangsu.declaration_docx import self_assessment_cells
from samples.jiangsu.dossiers import AS_OF, DOSSIERS, PROGRAM
from samples.jiangsu.form import INDICATORS, LEVELS, NOT_APPLICABLE
from samples.jiangsu.scenarios import SCENARIOS, STAGE_LEFT_BLANK, STAGES
from samples.jiangsu.self_assessment import self_assessment_scan_pdf
from samples.model import Dossier

ROOT = Path(__file__).resolve().parents[2]
EXPECTED_DIR = EXPECTED_ROOT / PROGRAM
CLEAN_NAMES = ("clean", "clean_xlsx", "scanned_self_assessment")


def write_dossiers(target: Path) -> None:
    # The lead registers this module in samples.generate; until then write the files here,
    # the way the generator does (one folder per dossier, files at their paths).
    for d in DOSSIERS:
        for f in d.files:
            path = target / d.name / f.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(f.make())


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("jiangsu")
    write_dossiers(target)
    return target


@pytest.fixture(scope="module")
def programme() -> Programme:
    return load_programme(PROGRAM)


def by_name(name: str) -> Dossier:
    return next(d for d in DOSSIERS if d.name == name)


def rules_of(programme: Programme, kind: type) -> list:
    return [r for r in programme.rules if isinstance(r, kind)]


# -- reading what the files say -----------------------------------------------------------

@dataclass
class Declared:
    fields: dict[str, str] = field(default_factory=dict)
    ticked: list[str] = field(default_factory=list)
    self_rows: list[dict[str, str]] = field(default_factory=list)
    scenario_rows: list[dict[str, str]] = field(default_factory=list)
    text: str = ""


def _header_rows(rows: list[list[str]], first: str) -> Iterator[dict[str, str]]:
    header = rows[0]
    assert header[0] == first
    for r in rows[1:]:
        yield dict(zip(header, r))


def read_dossier(folder: Path) -> Declared:
    doc = docx.Document(folder / "申报书.docx")
    got = Declared(text="\n".join(p.text for p in doc.paragraphs))
    for table in doc.tables:
        rows = [[c.text for c in row.cells] for row in table.rows]
        if len(rows[0]) == 2:
            got.fields.update({label: value for label, value in rows})
        elif rows[0][:2] == ["序号", "二级指标"]:
            got.self_rows = list(_header_rows(rows, "序号"))
        elif rows[0][:2] == ["序号", "环节"]:
            got.scenario_rows = list(_header_rows(rows, "序号"))
    got.ticked = [o[1:] for o in got.fields["申报等级"].split() if o.startswith("☑")]
    xlsx = next(folder.glob("*.xlsx"), None)
    if xlsx is not None:
        assert not got.self_rows, "the self-assessment is delivered once"
        ws = openpyxl.load_workbook(xlsx).active
        values = [["" if v is None else str(v) for v in row] for row in ws.iter_rows(min_row=3, values_only=True)]
        got.self_rows = [{k: v for k, v in r.items() if k != "一级指标"} for r in _header_rows(values, "序号")]
    return got


def _number(text: str) -> float | None:
    digits = "".join(ch for ch in text if ch.isdigit() or ch == ".")
    return float(digits) if digits and text not in ("—",) else None


def stage_of(row: dict[str, str], rule: CountAtLeastRule) -> str | None:
    return row["环节"] or rule.group_of_item.get(row["场景名称"])


def broken_rules(got: Declared, programme: Programme) -> set[str]:
    """Ids of the programme's figure rules this declaration breaks, computed from the files."""
    broken: set[str] = set()
    f = got.fields
    level = got.ticked[0]
    for r in rules_of(programme, SumRule):
        if r.id == "investment_total":
            parts = sum(float(f[programme.field(p.field).label]) for p in r.parts)
            if abs(float(f[programme.field(r.total.field).label]) - parts) > r.abs_tolerance:
                broken.add(r.id)
        else:
            applicable = [float(x["自评分"]) for x in got.self_rows if x["等级"] != NOT_APPLICABLE]
            stated = float(f[programme.field(r.total.field).label])
            if abs(stated - sum(applicable) / len(applicable)) > r.abs_tolerance:
                broken.add(r.id)
    [band] = rules_of(programme, BandRule)
    top = max(b[1] for d in band.bands.values() for b in d.values())
    for x in got.self_rows:
        if x["等级"] in band.skip_levels:
            continue
        low, high = band.bands[x["等级"]][x["符合程度"] if x["符合程度"] not in ("", "—") else ""]
        score = float(x["自评分"])
        if not (score == low if low == high else low <= score < high or score == high == top):
            broken.add(band.id)
    for r in rules_of(programme, CountAtLeastRule):
        if r.when is None or r.when.equals != level:
            continue
        if len(got.scenario_rows) < r.min:
            broken.add(r.id)
        if r.groups and set(r.groups) - {stage_of(x, r) for x in got.scenario_rows}:
            broken.add(r.id)
    for r in rules_of(programme, ValueRangeRule):
        if r.when is None or r.when.equals != level:
            continue
        value = _number(f[programme.field(r.value.field).label])
        assert value is not None
        if value < r.min or (r.min_exclusive and value == r.min):
            broken.add(r.id)
    return broken


# -- every dossier, every file ------------------------------------------------------------

def test_each_dossier_has_exactly_its_files(out: Path) -> None:
    assert len({d.name for d in DOSSIERS}) == len(DOSSIERS)
    for d in DOSSIERS:
        on_disk = {p.relative_to(out / d.name).as_posix() for p in (out / d.name).rglob("*") if p.is_file()}
        assert on_disk == {f.path for f in d.files}, d.name
        kinds = [f.kind for f in d.files]
        assert kinds.count("declaration_docx") == 1 and kinds.count("licence_jpg") == 1, d.name


def test_files_open_as_their_kind(out: Path) -> None:
    for d in DOSSIERS:
        for f in d.files:
            path = out / d.name / f.path
            if f.kind == "declaration_docx":
                doc = docx.Document(path)
                assert doc.paragraphs[0].text == "江苏省智能工厂梯度建设申报书"
                separate = any(g.kind.startswith("self_assessment") for g in d.files)
                assert len(doc.tables) == (3 if separate else 4)
            elif f.kind == "licence_jpg":
                with Image.open(path) as img:
                    assert img.format == "JPEG" and img.size == (2000, 1400)
            elif f.kind == "self_assessment_xlsx":
                ws = openpyxl.load_workbook(path).active
                assert ws["A1"].value == "江苏省企业数字化转型自评价表"
                assert [c.value for c in ws[3]] == ["序号", "一级指标", "二级指标", "等级", "符合程度", "自评分"]
            elif f.kind == "self_assessment_scan_pdf":
                pdf = pdfium.PdfDocument(path)
                assert len(pdf) == 1
                page = pdf[0]
                assert page.get_textpage().get_text_bounded().strip() == "", "a scan has no text layer"
                [image] = [o for o in page.get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE]
                assert image.get_px_size() == (1654, 2339)  # A4 at 200 dpi
            else:  # pragma: no cover - a new kind must be taught to this test
                pytest.fail(f"unknown kind {f.kind}")


def test_a_second_run_in_a_fresh_process_is_byte_identical(out: Path, tmp_path: Path) -> None:
    code = ("import sys; from pathlib import Path; from tests.samples.test_jiangsu_samples import write_dossiers; "
            "write_dossiers(Path(sys.argv[1]))")
    subprocess.run([sys.executable, "-c", code, str(tmp_path)], cwd=ROOT, check=True, capture_output=True)
    for d in DOSSIERS:
        for f in d.files:
            assert (out / d.name / f.path).read_bytes() == (tmp_path / d.name / f.path).read_bytes(), \
                f"{d.name}/{f.path}"


# -- the planted defects, read back from the files ------------------------------------------

@pytest.mark.parametrize("dossier", DOSSIERS, ids=lambda d: d.name)
def test_files_break_exactly_the_rules_the_expected_findings_name(out: Path, programme: Programme,
                                                                  dossier: Dossier) -> None:
    got = read_dossier(out / dossier.name)
    if dossier.name == "scanned_self_assessment":
        # The scan's bytes are checked to be the drawing of these rows (next test but one).
        header = ("序号", "二级指标", "等级", "符合程度", "自评分")
        got.self_rows = [dict(zip(header, self_assessment_cells(r))) for r in dossier_mod.ADVANCED_ANSWERS]
    assert len(got.ticked) == 1 and got.ticked[0] in LEVELS
    assert [x["二级指标"] for x in got.self_rows] == list(INDICATORS)
    figure_rules = {r.id for r in programme.rules if isinstance(r, (SumRule, BandRule, CountAtLeastRule,
                                                                    ValueRangeRule))}
    expected = {f.requirement for f in dossier.expected if f.requirement in figure_rules}
    assert broken_rules(got, programme) == expected


def test_not_applicable_only_on_questions_1_5_6(out: Path) -> None:
    for d in DOSSIERS:
        for x in read_dossier(out / d.name).self_rows:
            if x["等级"] == NOT_APPLICABLE:
                assert x["序号"] in ("1", "5", "6"), d.name


def test_clean_total_is_the_mean_of_applicable_questions_not_the_sum_over_ten(out: Path) -> None:
    got = read_dossier(out / "clean")
    scores = [float(x["自评分"]) for x in got.self_rows if x["等级"] != NOT_APPLICABLE]
    assert len(scores) == 9
    stated = float(got.fields["数字化转型自评价得分"])
    assert stated == round(sum(scores) / 9, 1) == 72.2
    assert abs(stated - sum(scores) / 10) > 5  # counting 不涉及 as 0 would be caught


def test_clean_variants_state_the_same_table(out: Path) -> None:
    base = read_dossier(out / "clean")
    assert [tuple(x.values()) for x in base.self_rows] == [
        self_assessment_cells(r) for r in dossier_mod.ADVANCED_ANSWERS]
    assert read_dossier(out / "clean_xlsx").self_rows == [
        {**x, "符合程度": "" if x["符合程度"] == "—" else x["符合程度"],
         "自评分": "" if x["自评分"] == "—" else x["自评分"]} for x in base.self_rows]
    scanned = read_dossier(out / "scanned_self_assessment")
    assert "见附件" in scanned.text and not scanned.self_rows
    # The scan is drawn from the very rows the clean declaration prints.
    scan = out / "scanned_self_assessment" / "扫描全能王 2025-09-15 16.12.pdf"
    assert scan.read_bytes() == self_assessment_scan_pdf(CHENGRUI.company.name, dossier_mod.ADVANCED_ANSWERS)


def test_clean_coverage_relies_on_the_catalogue_mapping_for_blank_rows(out: Path, programme: Programme) -> None:
    got = read_dossier(out / "clean")
    rule = next(r for r in rules_of(programme, CountAtLeastRule) if r.id == "advanced_stage_coverage")
    blank = [x for x in got.scenario_rows if not x["环节"]]
    assert {x["场景名称"] for x in blank} == STAGE_LEFT_BLANK
    stated = {x["环节"] for x in got.scenario_rows if x["环节"]}
    assert "运营管理" not in stated  # only the mapping supplies it
    assert {stage_of(x, rule) for x in blank} == {"运营管理"}


def test_maturity_too_low_fails_only_on_maturity(out: Path, programme: Programme) -> None:
    got = read_dossier(out / "maturity_too_low")
    assert got.ticked == ["卓越级"] and got.fields["智能制造能力成熟度自评价等级"] == "2级"
    assert len(got.scenario_rows) >= 20 and float(got.fields["数字化转型自评价得分"]) > 80
    rule = next(r for r in rules_of(programme, CountAtLeastRule) if r.id == "excellent_stage_coverage")
    assert {stage_of(x, rule) for x in got.scenario_rows} == set(STAGES)


def test_out_of_band_row_is_level_4_fully_met_scored_50(out: Path) -> None:
    [row] = [x for x in read_dossier(out / "score_out_of_band").self_rows if x["自评分"] == "50"]
    assert (row["等级"], row["符合程度"]) == ("4", "非常符合")


def test_identity_defects(out: Path) -> None:
    decl = read_dossier(out / "licence_mismatch").fields
    assert decl["企业名称"] != CHENGRUI.company.name and decl["统一社会信用代码"] != CHENGRUI.company.uscc
    assert is_valid_uscc(decl["统一社会信用代码"])
    licence = (out / "licence_mismatch" / "IMG_20250912_1034.jpg").read_bytes()
    assert licence == (out / "clean" / "IMG_20250912_1034.jpg").read_bytes()
    assert licence == licence_jpeg(CHENGRUI.company, dossier_mod._seed("licence", CHENGRUI.company.key))

    bad = read_dossier(out / "invalid_uscc").fields["统一社会信用代码"]
    assert not is_valid_uscc(bad) and bad[:17] == CHENGRUI.company.uscc[:17]

    zj = read_dossier(out / "not_jiangsu").fields
    assert zj["统一社会信用代码"][2:4] == "33" and zj["注册地址"].startswith("浙江省")
    for d in DOSSIERS:
        if d.name != "not_jiangsu":
            assert read_dossier(out / d.name).fields["统一社会信用代码"][2:4] == "32", d.name


# -- expected findings ------------------------------------------------------------------------

def test_expected_json_is_written_for_every_dossier_and_matches_the_definitions() -> None:
    committed = {p.stem for p in EXPECTED_DIR.glob("*.json")}
    assert committed == {d.name for d in DOSSIERS}
    for d in DOSSIERS:
        text = (EXPECTED_DIR / f"{d.name}.json").read_text(encoding="utf-8")
        assert text == expected_json_text(d)
        data = json.loads(text)
        assert data["program"] == PROGRAM and data["as_of"] == AS_OF == "2025-09-30"


def test_clean_samples_expect_nothing_and_defects_expect_something() -> None:
    for d in DOSSIERS:
        assert (not d.expected) == (d.name in CLEAN_NAMES), d.name


# The finding codes each rule kind's check can emit when the rule sets no ``code`` (the
# rule.finding_code(...) defaults and fixed codes in checks/); a kind missing here fails
# the test below, so a new kind must be added deliberately.
DEFAULT_CODES = {
    "any_of": {"ELIGIBILITY_FAILED"},  # checks/any_of.py
    "amount_statement": {"CALCULATION_MISMATCH", "DATE_OUT_OF_RANGE", "INVALID_UNIT"},  # checks/amounts.py
    "band": {"VALUE_OUT_OF_RANGE", "MISSING_FIELD", "OPTION_CONFLICT"},  # checks/figures.py
    "sum": {"CALCULATION_MISMATCH"},  # checks/figures.py
}


def test_every_rule_is_exercised_by_some_sample(programme: Programme) -> None:
    findings = [f for d in DOSSIERS for f in d.expected]
    field_keys = {f.field for f in findings}
    for r in programme.rules:
        assert r.id, "every rule has an id"
        if r.id in EXERCISED_BY_BLIND[programme.id]:
            continue  # planted by the blind corpora (see samples/blind/__init__.py)
        if isinstance(r, (EqualsRule, IdentifierRule)):
            assert r.field in field_keys and any(
                f.field == r.field and f.code == ("INVALID_IDENTIFIER" if isinstance(r, IdentifierRule)
                                                  else "INCONSISTENT_VALUE") for f in findings), r.id
        elif isinstance(r, RegionRule):
            assert any(f.code == "ELIGIBILITY_FAILED" and f.field == r.uscc_field for f in findings), r.id
        elif r.kind == "claimed_scenarios":
            # Findings name the claimed scenario (an indicator id), not the rule.
            scenarios = {i.id for i in programme.indicators}
            assert any(f.code == "MISSING_EVIDENCE" and f.requirement in scenarios for f in findings), r.id
        else:
            hits = [f for f in findings if f.requirement == r.id]
            assert hits, r.id
            # The rule's override, else a code its kind's check emits by default.
            allowed = {r.code} if r.code else DEFAULT_CODES[r.kind]
            assert all(f.code in allowed for f in hits), (r.id, allowed)
    ids = [r.id for r in programme.rules]
    assert len(ids) == len(set(ids))


# -- the catalogue agrees with the seed's structure and with the samples -----------------------

def test_catalogues_list_the_same_forty_scenarios() -> None:
    cats = load_catalogues()
    guide, table = cats["typical-scenarios-2024"], cats["js-scenario-self-evaluation-2025"]
    assert len(guide.items) == len(table.items) == 40
    assert [i.id for i in guide.items] != [i.id for i in table.items]  # 20/21, 29/30 swapped
    assert sorted(i.id for i in guide.items) == sorted(i.id for i in table.items)
    titles = {i.id: i.title for i in guide.items}
    renamed = {i.title for i in table.items if titles[i.id] != i.title}
    assert renamed == {"人机协同制造"}
    assert len({i.group for i in guide.items}) == 15 and len({i.group for i in table.items}) == 15
    for item in table.items:
        assert item.levels and set(item.levels) <= set(LEVELS), item.id
        assert "/" not in item.levels.values()
        assert set(item.levels) >= {"卓越级", "领航级"}, item.id  # every scenario exists from 卓越级 up


def test_indicators_and_mapping_cover_every_scenario(programme: Programme) -> None:
    table = load_catalogues()["js-scenario-self-evaluation-2025"]
    guide = load_catalogues()["typical-scenarios-2024"]
    assert [i.id for i in programme.indicators] == [i.id for i in guide.items]
    coverage = [r for r in rules_of(programme, CountAtLeastRule) if r.groups]
    assert len(coverage) == 4
    mapping = coverage[0].group_of_item
    assert all(r.group_of_item == mapping for r in coverage)
    assert set(mapping) == {i.title for i in guide.items} | {i.title for i in table.items}
    assert set(mapping.values()) == set(STAGES)
    by_id = {i.id: i for i in programme.indicators}
    for item in guide.items:
        assert by_id[item.id].group == mapping[item.title], item.id


def test_sample_scenarios_match_the_catalogue_and_exist_at_the_declared_level(out: Path,
                                                                              programme: Programme) -> None:
    table = {i.title: i for i in load_catalogues()["js-scenario-self-evaluation-2025"].items}
    guide = {i.title: i for i in load_catalogues()["typical-scenarios-2024"].items}
    rule = next(r for r in rules_of(programme, CountAtLeastRule) if r.groups)
    for s in SCENARIOS.values():
        assert rule.group_of_item[s.name] == s.stage, s.name
    by_id = {i.id: i for i in table.values()}
    for d in DOSSIERS:
        got = read_dossier(out / d.name)
        for x in got.scenario_rows:
            item = table.get(x["场景名称"]) or by_id[guide[x["场景名称"]].id]
            assert got.ticked[0] in item.levels, (d.name, x["场景名称"])
            assert x["环节"] in ("", *STAGES)


def test_bands_are_table_3(programme: Programme) -> None:
    [band] = rules_of(programme, BandRule)
    assert band.bands["1"] == {"": (0, 0)}
    for level in range(2, 7):
        base = (level - 2) * 20
        assert band.bands[str(level)] == {"基本符合": (base, base + 7), "比较符合": (base + 7, base + 14),
                                          "非常符合": (base + 14, base + 20)}
    assert band.skip_levels == [NOT_APPLICABLE]


def test_level_thresholds_are_the_seeds(programme: Programme) -> None:
    want = {"基础级": (8, {"生产作业"}, 2, 60), "先进级": (15, {"生产作业", "生产管理", "运营管理"}, 2, 70),
            "卓越级": (20, set(STAGES), 3, 80), "领航级": (25, set(STAGES), 4, 90)}
    for level, (count, groups, maturity, score) in want.items():
        rules = [r for r in programme.rules if r.when is not None and r.when.equals == level]
        counts = [r for r in rules if isinstance(r, CountAtLeastRule)]
        # 建设场景数不低于…个: a minimum number of items (COUNT_BELOW_MINIMUM); the 环节
        # coverage, maturity and score conditions are ELIGIBILITY_FAILED.
        assert all(r.code == ("COUNT_BELOW_MINIMUM" if isinstance(r, CountAtLeastRule) and not r.groups
                              else "ELIGIBILITY_FAILED") for r in rules)
        assert {r.min for r in counts if not r.groups} == {count}
        assert [set(r.groups) for r in counts if r.groups] == [groups]
        ranges = {r.value.field: r for r in rules if isinstance(r, ValueRangeRule)}
        assert ranges["maturity_level"].min == maturity and not ranges["maturity_level"].min_exclusive
        assert ranges["digital_transformation_score"].min == score
        assert ranges["digital_transformation_score"].min_exclusive
