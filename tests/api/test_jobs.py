"""Job round trips through the real service: upload → 202 → poll → report, with the
checks running in the worker process pool."""
from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.config import Settings
from dossier.cli import main as cli_main
from dossier.pipeline import CheckOptions, check_dossier

from tests.api.conftest import (
    AS_OF,
    AUTH,
    PROGRAM,
    job_folders,
    make_settings,
    running,
    submit,
    tiny_files,
    wait_finished,
    write_folder,
    zip_bytes,
)


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Settings]]:
    settings = make_settings(tmp_path_factory.mktemp("api"))
    with running(settings) as client:
        yield client, settings


def _pipeline_report(path: Path) -> dict:
    run = check_dossier(path, PROGRAM, CheckOptions(as_of=date.fromisoformat(AS_OF)))
    return run.report.model_dump(mode="json")


def test_folder_upload_report_equals_pipeline_and_cli(service, tmp_path: Path, capsys) -> None:
    client, settings = service
    files = tiny_files()
    r = submit(client, files, name="企业A")
    assert r.status_code == 202, r.text
    created = r.json()
    assert created["status"] == "queued"
    assert r.headers["location"] == created["links"]["self"] == f"/v1/checks/{created['id']}"
    assert created["links"]["report_html"] == f"/v1/checks/{created['id']}/report.html"

    job = wait_finished(client, created["id"])
    assert job["status"] == "done", job["error"]
    assert (job["upload_name"], job["file_count"], job["program"], job["as_of"]) == (
        "企业A", 2, PROGRAM, AS_OF)
    assert job["total_bytes"] == sum(len(b) for b in files.values())
    assert job["started_at"] and job["finished_at"] and job["error"] is None

    # The same files in a folder of the same name, checked by the pipeline and by the CLI.
    folder = write_folder(tmp_path / "企业A", files)
    expected = _pipeline_report(folder)
    assert job["report"] == expected
    assert cli_main(["check", str(folder), "--program", PROGRAM, "--as-of", AS_OF,
                     "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == job["report"]
    # ...and the report is a real one, not an empty shell.
    codes = {(f["code"], f["field"]) for f in job["report"]["findings"]}
    assert ("MISSING_FIELD", "employees") in codes and ("UNREADABLE_FILE", None) in codes
    assert job["report"]["dossier"] == "企业A"
    assert job["tool_version"] == job["report"]["tool_version"]
    # The upload is gone once the job is over.
    assert job_folders(settings) == []


def test_single_zip_is_checked_as_that_zip(service, tmp_path: Path) -> None:
    client, settings = service
    data = zip_bytes({"材料/申报书.docx": tiny_files()["申报书.docx"],
                      "材料/scan002.pdf": tiny_files()["scan002.pdf"]})
    r = submit(client, {"企业B.zip": data})
    assert r.status_code == 202, r.text
    job = wait_finished(client, r.json()["id"])
    assert job["status"] == "done" and job["upload_name"] == "企业B.zip"
    local = tmp_path / "企业B.zip"
    local.write_bytes(data)
    assert job["report"] == _pipeline_report(local)
    assert {d["path"] for d in job["report"]["documents"]} == {"材料/申报书.docx",
                                                               "材料/scan002.pdf"}
    assert job_folders(settings) == []


def test_zip_with_path_traversal_member_completes_with_a_finding(service, tmp_path: Path) -> None:
    client, settings = service
    outside = settings.data_dir / "evil.pdf"
    data = zip_bytes({"申报书.docx": tiny_files()["申报书.docx"],
                      "../evil.pdf": b"%PDF-1.4 escaped",
                      "../../../../../../tmp/evil-abs.pdf": b"%PDF-1.4 escaped"})
    r = submit(client, {"traversal.zip": data})
    assert r.status_code == 202, r.text
    job = wait_finished(client, r.json()["id"])
    assert job["status"] == "done", job["error"]
    unreadable = {loc["path"]: f["message"] for f in job["report"]["findings"]
                  if f["code"] == "UNREADABLE_FILE" for loc in f["locations"]}
    assert "../evil.pdf" in unreadable and "路径不安全" in unreadable["../evil.pdf"]
    assert not outside.exists() and not (settings.data_dir.parent / "evil.pdf").exists()
    local = tmp_path / "traversal.zip"
    local.write_bytes(data)
    assert job["report"] == _pipeline_report(local)


def test_file_names_are_sanitised(service) -> None:
    client, settings = service
    files = {"../../etc/申报书.docx": tiny_files()["申报书.docx"],
             "C:\\Users\\x\\scan<1>.pdf": b"%PDF-1.4\n",
             "附件\\..\\营业执照|.pdf": b"%PDF-1.4\n"}
    r = submit(client, files, name="../企业C")
    assert r.status_code == 202, r.text
    job = wait_finished(client, r.json()["id"])
    assert job["status"] == "done"
    assert job["upload_name"] == job["report"]["dossier"] == "企业C"
    # A Windows full path keeps its last part only (as python-multipart does for IE).
    assert {d["path"] for d in job["report"]["documents"]} == {
        "etc/申报书.docx", "scan_1_.pdf", "附件/营业执照_.pdf"}
    assert not (settings.data_dir.parent / "etc").exists()


def test_report_html_is_served(service) -> None:
    client, _ = service
    r = submit(client, tiny_files())
    job = wait_finished(client, r.json()["id"])
    html = client.get(r.json()["links"]["report_html"], headers=AUTH)
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert "<html" in html.text and 'data-code="UNREADABLE_FILE"' in html.text
    assert "default-src 'none'" in html.headers["content-security-policy"]
    assert job["report"]["dossier"] == "dossier"  # several files, no name: the default


def test_report_html_of_unfinished_job_is_409(service) -> None:
    from api.db import Job, JobStatus, utcnow
    from api.keys import env_owner
    import uuid

    client, settings = service
    svc = client.app.state.service  # type: ignore[attr-defined]
    job_id = uuid.uuid4()
    with svc.db.session() as s:  # a queued job the runner was never told about
        s.add(Job(id=job_id, program=PROGRAM, as_of=date(2022, 12, 20), status="queued",
                  created_at=utcnow(), upload_name="x", file_count=1, total_bytes=1,
                  tool_version="t", owner=env_owner(AUTH["X-API-Key"])))
        s.commit()
    r = client.get(f"/v1/checks/{job_id}/report.html", headers=AUTH)
    assert r.status_code == 409 and r.json()["error"]["code"] == "REPORT_NOT_READY"
    assert client.get(f"/v1/checks/{job_id}", headers=AUTH).json()["report"] is None
    with svc.db.session() as s:
        s.get(Job, job_id).status = JobStatus.failed.value  # type: ignore[union-attr]
        s.get(Job, job_id).error = "测试失败原因"  # type: ignore[union-attr]
        s.commit()
    r = client.get(f"/v1/checks/{job_id}/report.html", headers=AUTH)
    assert r.status_code == 409 and r.json()["error"]["code"] == "JOB_FAILED"
    assert "测试失败原因" in r.json()["error"]["message"]


def test_unknown_job_is_404(service) -> None:
    client, _ = service
    for job_id in ("00000000-0000-0000-0000-000000000000", "not-a-uuid"):
        r = client.get(f"/v1/checks/{job_id}", headers=AUTH)
        assert r.status_code == 404 and r.json()["error"]["code"] == "JOB_NOT_FOUND"
    r = client.get("/v1/nothing-here", headers=AUTH)
    assert r.status_code == 404 and r.json()["error"]["code"] == "NOT_FOUND"


def test_programs_and_healthz(service) -> None:
    client, _ = service
    r = client.get("/v1/programs", headers=AUTH)
    assert r.status_code == 200
    by_id = {p["id"]: p for p in r.json()}
    assert "晨星工厂" in by_id[PROGRAM]["title"] and by_id[PROGRAM]["year"] == 2022
    h = client.get("/healthz")  # no key needed
    assert h.status_code == 200
    assert h.json()["status"] == "ok" and h.json()["database"] == "sqlite"


def test_openapi_documents_the_v1_api(service) -> None:
    client, _ = service
    spec = client.get("/openapi.json", headers=AUTH).json()
    post = spec["paths"]["/v1/checks"]["post"]
    form = post["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert set(form["required"]) == {"program", "files"} and "as_of" in form["properties"]
    assert {"202", "401", "413", "415", "422"} <= set(post["responses"])
    assert "/v1/checks/{job_id}" in spec["paths"]
    assert "/v1/checks/{job_id}/report.html" in spec["paths"]
    assert "/v1/programs" in spec["paths"] and "/healthz" in spec["paths"]
    schemes = spec["components"]["securitySchemes"]
    assert any(s.get("name") == "X-API-Key" and s.get("in") == "header"
               for s in schemes.values())
    # The report in a job view is the CLI's Report model.
    assert "Report" in spec["components"]["schemas"]
