"""The report's JSON Schema, generated from the pydantic model and committed as
docs/report-schema.json so that any change to the contract shows up in review."""
from __future__ import annotations

import json
from pathlib import Path

from models.report import SCHEMA_VERSION, Report

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "docs" / "report-schema.json"


def report_json_schema() -> dict:
    schema = Report.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://dossier-checker.invalid/report-schema/v{SCHEMA_VERSION}.json"
    schema["properties"]["schema_version"]["const"] = SCHEMA_VERSION
    return schema


def main() -> None:
    SCHEMA_PATH.write_text(json.dumps(report_json_schema(), ensure_ascii=False, indent=2) + "\n",
                           encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")


if __name__ == "__main__":
    main()
