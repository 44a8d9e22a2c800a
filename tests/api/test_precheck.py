"""The pre-check page at / (self-contained, strict CSP), open mode (key-less requests from
the page, owned and rate-limited per client address), signed report links, the settings
behind them, and /docs and /redoc served without a CDN."""
from __future__ import annotations

import re
import uuid
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.db import Job, JobStatus, utcnow
from api.precheck import PAGE_HEADER, PAGE_HEADER_VALUE, ReportLinks, SubmissionLimiter
from models.report import Report, Summary
from models.settings import ConfigError, DossierSettings

from tests.api import stand_ins
from tests.api.conftest import AUTH, PROGRAM, make_settings, running, submit, tiny_files

PAGE = {PAGE_HEADER: PAGE_HEADER_VALUE}
# Any absolute URL: the page and its assets must name nothing outside the server.
ABSOLUTE_URL = re.compile(r"(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}|https?://", re.I)
ASSET = re.compile(r'(?:src|href)="([^"]+)"')


def _code(r) -> str:
    return r.json()["error"]["code"]


def test_page_is_self_contained_with_a_file_input(tmp_path: Path) -> None:
    with running(make_settings(tmp_path)) as client:
        r = client.get("/")
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        html = r.text
        assert 'type="file"' in html and "webkitdirectory" in html
        assert 'id="program"' in html and 'type="date"' in html
        assert "核查结束后即从服务器删除" in html
        csp = r.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        # No inline script or style: the CSP would block them.
        assert "<script>" not in html and "<style" not in html and "style=" not in html
        assets = ASSET.findall(html)
        assert any(a.endswith(".js") for a in assets) and any(a.endswith(".css") for a in assets)
        assert not ABSOLUTE_URL.search(html), ABSOLUTE_URL.search(html)
        for url in assets:
            if url.startswith("data:"):
                continue
            assert url.startswith("/"), url
            got = client.get(url)
            assert got.status_code == 200, url
            assert not ABSOLUTE_URL.search(got.text), (url, ABSOLUTE_URL.search(got.text))


def test_page_tells_whether_a_key_is_needed(tmp_path: Path) -> None:
    with running(make_settings(tmp_path)) as client:
        assert 'data-open="0"' in client.get("/").text
    with running(make_settings(tmp_path / "o", open_precheck=True, precheck_max_per_hour=7)) as client:
        html = client.get("/").text
        assert 'data-open="1"' in html and 'data-max-per-hour="7"' in html


def test_docs_assets_are_served_locally(tmp_path: Path) -> None:
    with running(make_settings(tmp_path)) as client:
        assert client.get("/docs").status_code == 401  # still behind the key
        for page, needed in (("/docs", ("swagger-ui-bundle.js", "swagger-ui.css")),
                             ("/redoc", ("redoc.standalone.js",))):
            r = client.get(page, headers=AUTH)
            assert r.status_code == 200
            assert not re.search(r"https?://", r.text), page
            urls = ASSET.findall(r.text) + re.findall(r"url: '([^']+)'", r.text)
            for name in needed:
                assert any(u.endswith(name) for u in urls), (page, name, urls)
            for url in urls:
                if url == "/openapi.json":
                    continue
                assert url.startswith("/docs-assets/"), url
                got = client.get(url)  # the libraries themselves need no key
                assert got.status_code == 200 and len(got.content) > 1000, url
        assert client.get("/openapi.json", headers=AUTH).status_code == 200


def test_open_mode_accepts_the_page_without_a_key_and_limits_it(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, open_precheck=True, precheck_max_per_hour=2)
    with running(settings, execute=stand_ins.quick_report) as client:
        assert client.get("/v1/programs", headers=PAGE).status_code == 200
        # Not from the page: the API itself still needs a key.
        assert client.get("/v1/programs").status_code == 401
        r = submit(client, tiny_files(), headers=PAGE)
        assert r.status_code == 202, r.text
        job_id = r.json()["id"]
        assert client.get(f"/v1/checks/{job_id}", headers=PAGE).status_code == 200
        svc = client.app.state.service  # type: ignore[attr-defined]
        with svc.db.session() as s:
            assert s.get(Job, uuid.UUID(job_id)).owner == "precheck:testclient"  # type: ignore[union-attr]
        # Listing and deleting stay with keys: one address may be many people.
        assert client.get("/v1/checks", headers=PAGE).status_code == 401
        assert client.delete(f"/v1/checks/{job_id}", headers=PAGE).status_code == 401
        # A key holder's jobs are theirs; the page's key-less jobs are not visible to a key.
        assert client.get(f"/v1/checks/{job_id}", headers=AUTH).status_code == 404
        assert submit(client, tiny_files(), headers=PAGE).status_code == 202
        r = submit(client, tiny_files(), headers=PAGE)
        assert r.status_code == 429 and _code(r) == "TOO_MANY_SUBMISSIONS"
        assert "每小时最多提交 2 份" in r.json()["error"]["message"]
        assert 3500 <= int(r.headers["Retry-After"]) <= 3600
        # Key holders are not limited.
        assert submit(client, tiny_files()).status_code == 202
        # A wrong key from the page is an error, not a fall-back to key-less use.
        r = client.get("/v1/programs", headers={**PAGE, "X-API-Key": "wrong-key-000"})
        assert r.status_code == 401 and _code(r) == "API_KEY_INVALID"


def test_page_header_without_open_mode_needs_a_key(tmp_path: Path) -> None:
    with running(make_settings(tmp_path), execute=stand_ins.quick_report) as client:
        r = client.get("/v1/programs", headers=PAGE)
        assert r.status_code == 401 and _code(r) == "API_KEY_MISSING"
        assert submit(client, tiny_files(), headers=PAGE).status_code == 401


def _done_job(client: TestClient, owner: str) -> str:
    report = Report(dossier="样例", program=PROGRAM, as_of="2022-12-20", tool_version="test",
                    summary=Summary())
    job_id = uuid.uuid4()
    svc = client.app.state.service  # type: ignore[attr-defined]
    with svc.db.session() as s:
        s.add(Job(id=job_id, program=PROGRAM, as_of=date(2022, 12, 20), status=JobStatus.done.value,
                  created_at=utcnow(), upload_name="样例", file_count=1, total_bytes=1,
                  tool_version="test", owner=owner, source="api",
                  report_json=report.model_dump_json()))
        s.commit()
    return str(job_id)


def test_signed_report_link(tmp_path: Path) -> None:
    from api.keys import env_owner
    from tests.api.conftest import KEY

    settings = make_settings(tmp_path, env_api_keys=(KEY, "other-key-0123456789"))
    with running(settings) as client:
        job_id = _done_job(client, env_owner(KEY))
        assert client.get(f"/v1/checks/{job_id}/report.html").status_code == 401
        r = client.get(f"/v1/checks/{job_id}/report-link", headers=AUTH)
        assert r.status_code == 200
        url = r.json()["url"]
        assert url.startswith(f"/v1/checks/{job_id}/report.html?expires=")
        page = client.get(url)  # no key
        assert page.status_code == 200 and "样例" in page.text
        assert "default-src 'none'" in page.headers["content-security-policy"]
        # Someone else's key gets no link to this job.
        other = {"X-API-Key": "other-key-0123456789"}
        assert client.get(f"/v1/checks/{job_id}/report-link", headers=other).status_code == 404
        # A tampered signature, or a link for another job, is refused.
        bad = client.get(url[:-4] + ("0000" if not url.endswith("0000") else "1111"))
        assert bad.status_code == 401 and _code(bad) == "REPORT_LINK_INVALID"
        other_job = _done_job(client, env_owner(KEY))
        swapped = client.get(url.replace(job_id, other_job))
        assert swapped.status_code == 401
        assert client.get(f"/v1/checks/{job_id}/report.html?sig=abc").status_code == 401


def test_report_links_expire() -> None:
    now = [1000.0]
    links = ReportLinks(ttl_s=60, clock=lambda: now[0])
    expires, sig = links.make("job")
    assert links.valid("job", expires, sig) and not links.valid("other", expires, sig)
    assert not links.valid("job", expires + 1, sig)
    now[0] += 61
    assert not links.valid("job", expires, sig)


def test_submission_limiter_window() -> None:
    now = [0.0]
    limiter = SubmissionLimiter(2, window_s=3600, clock=lambda: now[0])
    assert limiter.acquire("a") is None
    now[0] = 100
    assert limiter.acquire("a") is None
    assert limiter.acquire("b") is None  # per address
    assert limiter.acquire("a") == 3500
    now[0] = 3600  # the first one has left the window
    assert limiter.acquire("a") is None
    assert limiter.acquire("a") == 100
    assert SubmissionLimiter(0).acquire("a") is None  # 0: no limit


def test_settings_from_env() -> None:
    base = {"DOSSIER_DATA_DIR": "/tmp/x"}
    api = DossierSettings.from_env(base).api
    assert api.open_precheck is False and api.precheck_max_per_hour == 20
    api = DossierSettings.from_env({**base, "DOSSIER_OPEN_PRECHECK": "1",
                                    "DOSSIER_PRECHECK_MAX_PER_HOUR": "5"}).api
    assert api.open_precheck is True and api.precheck_max_per_hour == 5
    with pytest.raises(ConfigError, match="DOSSIER_PRECHECK_MAX_PER_HOUR"):
        _ = DossierSettings.from_env({**base, "DOSSIER_PRECHECK_MAX_PER_HOUR": "many"}).api


def test_instances_sharing_a_link_secret_accept_each_others_links(tmp_path: Path) -> None:
    """Several API instances on one database (the cluster) with DOSSIER_LINK_SECRET: a link
    made by one opens on another; without the shared secret it would not."""
    from api.keys import env_owner
    from tests.api.conftest import KEY

    shared = make_settings(tmp_path, link_secret="one-secret-for-every-instance")
    with running(shared) as first:
        job_id = _done_job(first, env_owner(KEY))
        url = first.get(f"/v1/checks/{job_id}/report-link", headers=AUTH).json()["url"]
    with running(shared) as second:
        assert second.get(url).status_code == 200
    with running(make_settings(tmp_path)) as unshared:
        assert unshared.get(url).status_code == 401
    assert DossierSettings.from_env({"DOSSIER_LINK_SECRET": "s"}).api.link_secret == "s"
