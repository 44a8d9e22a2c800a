"""X-API-Key: environment keys, database keys (hashed at rest), revocation, anonymous mode,
refusal to start without any key, and jobs visible only to their submitter."""
from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest

from api.db import ApiKey, Job, utcnow
from api.keys import create_key, env_owner, hash_key, revoke_key
from api.service import StartupRefused, open_database

from tests.api.conftest import AUTH, KEY, PROGRAM, make_settings, running


def _code(r) -> str:
    return r.json()["error"]["code"]


def test_missing_wrong_and_env_keys(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, env_api_keys=(KEY, "second-key-abcdefgh"))
    with running(settings) as client:
        r = client.get("/v1/programs")
        assert r.status_code == 401 and _code(r) == "API_KEY_MISSING"
        assert "X-API-Key" in r.json()["error"]["message"]
        for wrong in ("nope", KEY + "x", "dck_000000000000_" + "a" * 43):
            r = client.get("/v1/programs", headers={"X-API-Key": wrong})
            assert r.status_code == 401 and _code(r) == "API_KEY_INVALID"
        for key in (KEY, "second-key-abcdefgh"):
            assert client.get("/v1/programs", headers={"X-API-Key": key}).status_code == 200
        r = client.post("/v1/checks", data={"program": PROGRAM})
        assert r.status_code == 401
        assert client.get("/healthz").status_code == 200


def test_database_keys_are_hashed_and_revocable(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, env_api_keys=())
    db = open_database(settings)
    with db.session() as s:
        row, plain = create_key(s, "测试单位")
        other, other_plain = create_key(s, "另一单位")
    db.dispose()
    assert plain.startswith(f"dck_{row.id}_") and row.key_hash != plain
    db_file = Path(settings.database_url.removeprefix("sqlite:///"))
    stored = b"".join(p.read_bytes() for p in db_file.parent.glob(db_file.name + "*"))
    assert row.key_hash.encode() in stored and plain.encode() not in stored
    assert row.key_hash == hash_key(plain, row.salt)

    with running(settings) as client:  # starts: database keys count as configured
        ok = client.get("/v1/programs", headers={"X-API-Key": plain})
        assert ok.status_code == 200
        # Right id, wrong secret.
        forged = plain[:-4] + ("AAAA" if not plain.endswith("AAAA") else "BBBB")
        assert client.get("/v1/programs", headers={"X-API-Key": forged}).status_code == 401
        svc = client.app.state.service  # type: ignore[attr-defined]
        with svc.db.session() as s:
            assert revoke_key(s, row.id) is not None
            assert s.get(ApiKey, row.id).revoked  # type: ignore[union-attr]
        r = client.get("/v1/programs", headers={"X-API-Key": plain})
        assert r.status_code == 401 and _code(r) == "API_KEY_INVALID"
        assert client.get("/v1/programs",
                          headers={"X-API-Key": other_plain}).status_code == 200


def test_refuses_to_start_without_any_key(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, env_api_keys=())
    with pytest.raises(StartupRefused, match="DOSSIER_API_ALLOW_ANONYMOUS"):
        with running(settings):
            pass
    # Revoked keys do not count.
    db = open_database(settings)
    with db.session() as s:
        row, _ = create_key(s, "旧密钥")
        revoke_key(s, row.id)
    db.dispose()
    with pytest.raises(StartupRefused):
        with running(settings):
            pass


def test_anonymous_mode_until_the_first_key_exists(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, env_api_keys=(), allow_anonymous=True)
    with running(settings) as client:
        assert client.get("/v1/programs").status_code == 200
        # A wrong key is still wrong.
        assert client.get("/v1/programs", headers={"X-API-Key": "x"}).status_code == 401
        svc = client.app.state.service  # type: ignore[attr-defined]
        with svc.db.session() as s:
            _, plain = create_key(s, "第一把密钥")
        r = client.get("/v1/programs")
        assert r.status_code == 401 and _code(r) == "API_KEY_MISSING"
        assert client.get("/v1/programs", headers={"X-API-Key": plain}).status_code == 200


def test_jobs_are_visible_only_to_their_submitter(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, env_api_keys=(KEY, "other-key-abcdefgh"))
    with running(settings) as client:
        svc = client.app.state.service  # type: ignore[attr-defined]
        job_id = uuid.uuid4()
        with svc.db.session() as s:
            s.add(Job(id=job_id, program=PROGRAM, as_of=date(2022, 12, 20), status="failed",
                      created_at=utcnow(), upload_name="x", file_count=1, total_bytes=1,
                      tool_version="t", owner=env_owner(KEY), error="测试"))
            s.commit()
        assert client.get(f"/v1/checks/{job_id}", headers=AUTH).status_code == 200
        r = client.get(f"/v1/checks/{job_id}", headers={"X-API-Key": "other-key-abcdefgh"})
        assert r.status_code == 404 and _code(r) == "JOB_NOT_FOUND"
