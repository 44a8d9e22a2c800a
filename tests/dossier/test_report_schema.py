import json

from dossier.report_schema import SCHEMA_PATH, report_json_schema


def test_committed_schema_matches_model() -> None:
    committed = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert committed == report_json_schema(), (
        "docs/report-schema.json drifted from models/report.py: if the change is intended, "
        "run `python -m dossier.report_schema` and document it in docs/report-schema.md")
