"""A job's life through the API beyond one round trip: listing, progress, webhooks, the
review page's stored crops, deletion, and the housekeeper that applies retention."""
from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api.config import Settings
from api.db import Database, Job, JobCrop, utcnow
from api.housekeeping import Housekeeper
from api.keys import env_owner
from dossier.crops import location_key
from models.findings import Finding, FindingCode, Severity
from models.location import Location
from models.report import Report, Summary
from tests.api import stand_ins
from tests.api.conftest import AUTH, KEY, PROGRAM, make_settings, running, submit, wait_finished

KEY_A = "lifecycle-key-a-0123456789"
KEY_B = "lifecycle-key-b-0123456789"
KEY_C = "lifecycle-key-c-0123456789"
AUTH_A, AUTH_B, AUTH_C = ({"X-API-Key": k} for k in (KEY_A, KEY_B, KEY_C))
# A 1×1 PNG.
PNG = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5E"
       "rkJggg==")
SUMMARY_KEYS = {"id", "status", "program", "as_of", "upload_name", "file_count", "total_bytes",
                "created_at", "started_at", "finished_at", "error", "error_code", "progress",
                "links"}


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Settings]]:
    settings = make_settings(tmp_path_factory.mktemp("api"),
                             env_api_keys=(KEY, KEY_A, KEY_B, KEY_C))
    with running(settings, execute=stand_ins.quick_report) as client:
        yield client, settings


def _db(client: TestClient) -> Database:
    return client.app.state.service.db  # type: ignore[attr-defined]


def _add_row(db: Database, key: str, status: str, *, source: str = "api",
             report: Report | None = None, minutes_ago: int = 0) -> uuid.UUID:
    """A job the runner was never told about (so its status stays as written)."""
    job_id = uuid.uuid4()
    finished = status in ("done", "failed")
    with db.session() as s:
        s.add(Job(id=job_id, program=PROGRAM, as_of=date(2022, 12, 20), status=status,
                  created_at=utcnow() - timedelta(minutes=minutes_ago),
                  finished_at=utcnow() if finished else None,
                  error="测试失败" if status == "failed" else None,
                  error_code="failed" if status == "failed" else None,
                  upload_name=f"{status}-{source}", file_count=1, total_bytes=1,
                  tool_version="t", owner=env_owner(key), source=source,
                  report_json=report.model_dump_json() if report else None))
        s.commit()
    return job_id


def _list(client: TestClient, headers: dict[str, str], **params: Any) -> Any:
    return client.get("/v1/checks", headers=headers, params=params)


def test_list_is_paged_newest_first_and_per_key(service) -> None:
    client, _ = service
    ids = []
    for name in ("甲", "乙", "丙"):
        r = submit(client, {"申报书.pdf": b"%PDF-1.4\n"}, headers=AUTH_A, name=name)
        assert r.status_code == 202, r.text
        ids.append(r.json()["id"])
        time.sleep(0.01)  # distinct creation times
    other = submit(client, {"申报书.pdf": b"%PDF-1.4\n"}, headers=AUTH_B, name="丁").json()["id"]
    for job_id in ids:
        wait_finished(client, job_id, headers=AUTH_A)

    first = _list(client, AUTH_A, per_page=2)
    assert first.status_code == 200, first.text
    body = first.json()
    assert (body["page"], body["per_page"], body["total"]) == (1, 2, 3)
    assert [j["upload_name"] for j in body["items"]] == ["丙", "乙"]
    assert [j["id"] for j in body["items"]] == [ids[2], ids[1]]
    item = body["items"][0]
    assert set(item) == SUMMARY_KEYS  # no report in a listing
    assert item["status"] == "done" and item["links"]["self"] == f"/v1/checks/{ids[2]}"
    assert set(item["progress"]) == {"docs_total", "docs_done", "pages_done"}

    second = _list(client, AUTH_A, per_page=2, page=2).json()
    assert [j["id"] for j in second["items"]] == [ids[0]] and second["total"] == 3
    assert _list(client, AUTH_A, per_page=2, page=3).json()["items"] == []
    assert [j["id"] for j in _list(client, AUTH_A).json()["items"]] == ids[::-1]

    # Each key sees its own jobs only.
    theirs = _list(client, AUTH_B).json()
    assert [j["id"] for j in theirs["items"]] == [other] and theirs["total"] == 1
    assert not any(j["id"] == other for j in _list(client, AUTH).json()["items"])
    assert client.get(f"/v1/checks/{other}", headers=AUTH_A).status_code == 404


def test_list_filters_by_status_and_hides_batch_jobs(service) -> None:
    client, _ = service
    db = _db(client)
    queued = _add_row(db, KEY_C, "queued", minutes_ago=3)
    failed = _add_row(db, KEY_C, "failed", minutes_ago=2)
    done = _add_row(db, KEY_C, "done", minutes_ago=1)
    _add_row(db, KEY_C, "done", source="batch")

    everything = _list(client, AUTH_C).json()
    assert [j["id"] for j in everything["items"]] == [str(done), str(failed), str(queued)]
    for status, expected in (("queued", queued), ("failed", failed), ("done", done)):
        body = _list(client, AUTH_C, status=status).json()
        assert [j["id"] for j in body["items"]] == [str(expected)] and body["total"] == 1
    assert _list(client, AUTH_C, status="running").json() == {
        "items": [], "page": 1, "per_page": 20, "total": 0}
    failed_item = _list(client, AUTH_C, status="failed").json()["items"][0]
    assert (failed_item["error"], failed_item["error_code"]) == ("测试失败", "failed")


@pytest.mark.parametrize("params", [{"status": "finished"}, {"page": 0}, {"per_page": 0},
                                    {"per_page": 101}, {"page": "x"},
                                    {"page": 10**30}])
def test_list_refuses_bad_parameters(service, params: dict[str, Any]) -> None:
    client, _ = service
    r = _list(client, AUTH_C, **params)
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["code"] == "VALIDATION_ERROR"
    assert error["message"].startswith("请求参数有误：") and set(params) & {
        e["field"] for e in error["details"]["errors"]}


def test_list_needs_a_key(service) -> None:
    client, _ = service
    assert client.get("/v1/checks").status_code == 401


class _Receiver:
    def __init__(self) -> None:
        self.bodies: list[bytes] = []
        received = self.bodies

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                received.append(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *_args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/done"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_webhook_url_is_stored_and_shown(service) -> None:
    client, _ = service
    receiver = _Receiver()
    try:
        r = submit(client, {"申报书.pdf": b"%PDF-1.4\n"}, headers=AUTH_B,
                   webhook_url=f"  {receiver.url}  ")
        assert r.status_code == 202, r.text
        job = wait_finished(client, r.json()["id"], headers=AUTH_B)
    finally:
        receiver.close()
    assert job["webhook"]["url"] == receiver.url
    status = job["webhook"]["status"]
    assert status is None or status.startswith(("已送达", "送达失败"))
    for key in ("id", "status", "program", "as_of", "upload_name", "file_count", "total_bytes",
                "created_at", "started_at", "finished_at", "tool_version", "error", "links",
                "report", "progress", "error_code", "files_deleted_at"):
        assert key in job, key

    plain = wait_finished(client, submit(client, {"a.pdf": b"%PDF-1.4\n"}, headers=AUTH_B)
                          .json()["id"], headers=AUTH_B)
    assert plain["webhook"] is None


@pytest.mark.parametrize(("url", "reason"), [("ftp://example.com/hook", "http"),
                                             ("https://user:pw@example.com/", "用户名或密码"),
                                             ("http:///nohost", "主机")])
def test_invalid_webhook_url_is_422(service, url: str, reason: str) -> None:
    client, settings = service
    before = _list(client, AUTH_B).json()["total"]
    folders = set(settings.jobs_dir.iterdir())
    r = submit(client, {"申报书.pdf": b"%PDF-1.4\n"}, headers=AUTH_B, webhook_url=url)
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["code"] == "INVALID_WEBHOOK_URL" and reason in error["message"]
    assert _list(client, AUTH_B).json()["total"] == before
    # Nothing of the refused upload is left behind.
    assert set(settings.jobs_dir.iterdir()) <= folders


def _report_citing(loc: Location) -> Report:
    finding = Finding(code=FindingCode.MISSING_SEAL, severity=Severity.error,
                      message="营业执照复印件未加盖公章", locations=[loc])
    return Report(dossier="企业戊", program=PROGRAM, as_of="2022-12-20", tool_version="t",
                  summary=Summary(errors=1), findings=[finding])


def _crops(db: Database, job_id: uuid.UUID) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(JobCrop)
                        .where(JobCrop.job_id == job_id)) or 0


def test_report_html_embeds_stored_crops_and_delete_removes_them(service) -> None:
    client, _ = service
    db = _db(client)
    loc = Location(path="营业执照.pdf", page=1, bbox=(10.0, 20.0, 110.0, 60.0))
    job_id = _add_row(db, KEY_C, "done", report=_report_citing(loc))
    key = location_key(loc)
    assert key is not None
    with db.session() as s:
        s.add(JobCrop(job_id=job_id, key=key, png_base64=PNG))
        s.add(JobCrop(job_id=job_id, key="其他.pdf|2|0.0,0.0,1.0,1.0", png_base64="QUJD"))
        s.commit()

    html = client.get(f"/v1/checks/{job_id}/report.html", headers=AUTH_C)
    assert html.status_code == 200, html.text
    assert f'src="data:image/png;base64,{PNG}"' in html.text
    assert "QUJD" not in html.text  # a crop no finding cites is not shown

    assert client.delete(f"/v1/checks/{job_id}", headers=AUTH_C).status_code == 204
    assert _crops(db, job_id) == 0
    with db.session() as s:
        assert s.get(Job, job_id) is None
    assert client.get(f"/v1/checks/{job_id}", headers=AUTH_C).status_code == 404


def test_job_view_shows_progress_and_files_deleted_at(service) -> None:
    client, _ = service
    db = _db(client)
    job_id = _add_row(db, KEY_C, "running")
    deleted = datetime(2024, 5, 1, 8, 0, tzinfo=timezone.utc)
    with db.session() as s:
        job = s.get(Job, job_id)
        assert job is not None
        job.docs_total, job.docs_done, job.pages_done = 7, 3, 12
        job.files_deleted_at = deleted
        s.commit()
    body = client.get(f"/v1/checks/{job_id}", headers=AUTH_C).json()
    assert body["progress"] == {"docs_total": 7, "docs_done": 3, "pages_done": 12}
    assert body["files_deleted_at"] == deleted.isoformat()
    assert body["error_code"] is None and body["webhook"] is None


def test_openapi_lists_the_new_routes(service) -> None:
    client, _ = service
    spec = client.get("/openapi.json", headers=AUTH).json()
    listing = spec["paths"]["/v1/checks"]["get"]
    assert {p["name"] for p in listing["parameters"]} == {"page", "per_page", "status"}
    form = spec["paths"]["/v1/checks"]["post"]["requestBody"]["content"]["multipart/form-data"]
    assert "webhook_url" in form["schema"]["properties"]
    assert "progress" in spec["components"]["schemas"]["JobView"]["properties"]
    assert "webhook" in spec["info"]["description"]
    assert client.app.state.service.housekeeper is not None


def test_housekeeper_sweeps_at_start_and_stops_promptly(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    db = Database(settings.database_url)
    db.create_schema()
    try:
        job_id = _add_row(db, KEY, "done")
        folder = settings.jobs_dir / str(job_id)
        folder.mkdir(parents=True)
        keeper = Housekeeper(db, settings.jobs_dir, 30, interval_s=3600)
        keeper.start()
        deadline = time.monotonic() + 10
        while folder.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not folder.exists()
        started = time.monotonic()
        keeper.stop()
        assert time.monotonic() - started < 2
    finally:
        db.dispose()


def test_housekeeper_survives_a_failing_sweep(tmp_path: Path, monkeypatch) -> None:
    import api.housekeeping as housekeeping

    calls: list[int] = []

    def broken(*_args: object, **_kwargs: object) -> None:
        calls.append(1)
        raise RuntimeError("database away")

    monkeypatch.setattr(housekeeping, "sweep_retention", broken)
    keeper = Housekeeper(None, tmp_path, 30, interval_s=0.01)  # type: ignore[arg-type]
    keeper.start()
    deadline = time.monotonic() + 10
    while len(calls) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    keeper.stop()
    assert len(calls) >= 3
