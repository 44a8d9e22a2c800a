"""The cluster for real: a Redis broker, PostgreSQL (SQLite when no PostgreSQL is
given), two `dossier worker` processes and `dossier serve`. Four dossiers go in through
the API; one worker is killed with SIGKILL while it checks one of them; every job still
ends ``done``, the killed one on the other worker, and each report equals what
`dossier check --format json` prints for the same dossier.

Needs DOSSIER_TEST_REDIS_URL (`bash scripts/ci_redis.sh`; .ci/run sets it)."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.api.conftest import declaration_docx, write_folder

REDIS_URL = os.environ.get("DOSSIER_TEST_REDIS_URL", "")
POSTGRES_URL = os.environ.get("DOSSIER_TEST_POSTGRES_URL", "")
PROGRAM, AS_OF, KEY = "sd-chenxing-2022", "2022-12-20", "cluster-key-0123456789"
DOSSIER = Path(sys.executable).with_name("dossier")
# Each job is held this long before its check starts, so a worker can be killed mid-job.
JOB_DELAY_S = 4
# Hard limit and visibility timeout kept short so the killed worker's job is handed on
# within the test; the visibility timeout must exceed the hard limit.
HARD_S, VISIBILITY_S = 25, 30

pytestmark = pytest.mark.skipif(not REDIS_URL, reason="DOSSIER_TEST_REDIS_URL not set "
                                                      "(bash scripts/ci_redis.sh)")


def _dossiers(root: Path) -> dict[str, Path]:
    """Four small dossiers that differ: a clean declaration, one with a truncated PDF, one
    with a wrong USCC check digit, one with a statement folder."""
    out = {}
    specs = {
        "企业甲": {"申报书.docx": declaration_docx()},
        "企业乙": {"申报书.docx": declaration_docx(), "扫描件.pdf": b"%PDF-1.4\n1 0 obj <<"},
        "企业丙": {"申报书.docx": _declaration("统一社会信用代码", "91370100MA3C4XYZ1Q")},
        "企业丁": {"申报书.docx": _declaration("上年度营业收入（万元）", "1.2e999"),
                 "附件/说明.docx": _declaration("企业简介", "主要生产数控机床。")},
    }
    for name, files in specs.items():
        out[name] = write_folder(root / name, files)
    return out


def _declaration(label: str, value: str) -> bytes:
    import io

    import docx

    doc = docx.Document()
    doc.add_paragraph("山东省数字经济“晨星工厂”申报书")
    t = doc.add_table(rows=3, cols=2)
    for i, (k, v) in enumerate([("企业全称", "山东丙丁机械有限公司"), ("注册日期", "2016年3月1日"),
                                (label, value)]):
        t.cell(i, 0).text, t.cell(i, 1).text = k, v
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(tmp: Path, db_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOSSIER_")}
    env.update(DOSSIER_BROKER_URL=REDIS_URL, DOSSIER_DATABASE_URL=db_url,
               DOSSIER_DATA_DIR=str(tmp / "data"), DOSSIER_STORAGE_DIR=str(tmp / "shared"),
               DOSSIER_API_KEYS=KEY, DOSSIER_JOB_HARD_SECONDS=str(HARD_S),
               DOSSIER_BROKER_VISIBILITY_SECONDS=str(VISIBILITY_S),
               DOSSIER_CACHE_DIR=str(tmp / "cache"), DOSSIER_RETENTION_DAYS="0")
    return env


def _start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([str(DOSSIER), *args], env=env, stdout=log.open("wb"),
                            stderr=subprocess.STDOUT, start_new_session=True)


def _wait(predicate: Any, timeout: float, what: str, logs: list[Path]) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return
        time.sleep(0.3)
    tails = "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}" for p in logs)
    raise AssertionError(f"timed out waiting for {what}\n{tails}")


def _cli_check(folder: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """`dossier check --format json`, started now (it runs while the test waits)."""
    plain = {k: v for k, v in env.items() if k != "DOSSIER_BROKER_URL"}
    return subprocess.Popen([str(DOSSIER), "check", str(folder), "--program", PROGRAM,
                             "--as-of", AS_OF, "--format", "json"], env=plain,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _cli_report(proc: subprocess.Popen[bytes]) -> dict[str, Any]:
    out, err = proc.communicate(timeout=300)
    assert proc.returncode in (0, 1), err.decode(errors="replace")
    return json.loads(out)


@pytest.fixture
def database_url(tmp_path: Path) -> Any:
    if not POSTGRES_URL:
        yield f"sqlite:///{tmp_path / 'data' / 'cluster.db'}"
        return
    # A schema of its own, so the other PostgreSQL tests' tables are not touched.
    from sqlalchemy import create_engine, text

    schema = f"cluster_{uuid.uuid4().hex[:8]}"
    engine = create_engine(POSTGRES_URL)
    with engine.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in POSTGRES_URL else "?"
    yield f"{POSTGRES_URL}{sep}options=-csearch_path%3D{schema}"
    with engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    engine.dispose()


def _flush_queue() -> None:
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    client.close()


def test_two_workers_one_killed_every_job_done(tmp_path: Path, database_url: str) -> None:
    _flush_queue()
    env = _env(tmp_path, database_url)
    gate = tmp_path / "delay-jobs"
    gate.write_text("")
    worker_env = {**env, "DOSSIER_TEST_JOB_DELAY_S": str(JOB_DELAY_S),
                  "DOSSIER_TEST_JOB_DELAY_WHILE": str(gate)}
    dossiers = _dossiers(tmp_path / "in")
    logs = [tmp_path / "worker-a.log", tmp_path / "worker-b.log", tmp_path / "api.log"]
    port = _free_port()
    procs: list[subprocess.Popen[bytes]] = []
    try:
        procs.append(_start(["worker", "--concurrency", "1"], worker_env, logs[0]))
        procs.append(_start(["worker", "--concurrency", "1"], worker_env, logs[1]))
        procs.append(_start(["serve", "--port", str(port)], env, logs[2]))
        for log in logs[:2]:
            _wait(lambda log=log: b" ready." in log.read_bytes(), 120, f"{log.name} ready", logs)
        base = f"http://127.0.0.1:{port}"
        headers = {"X-API-Key": KEY}

        def api_up() -> bool:
            try:
                return httpx.get(f"{base}/healthz", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        _wait(api_up, 60, "the API", logs)
        ids: dict[str, str] = {}
        for name, folder in dossiers.items():
            files = [("files", (p.relative_to(folder).as_posix(), p.read_bytes()))
                     for p in sorted(folder.rglob("*")) if p.is_file()]
            r = httpx.post(f"{base}/v1/checks", headers=headers, files=files, timeout=30,
                           data={"program": PROGRAM, "as_of": AS_OF, "name": name})
            assert r.status_code == 202, r.text
            ids[name] = r.json()["id"]

        def status(job_id: str) -> dict[str, Any]:
            r = httpx.get(f"{base}/v1/checks/{job_id}", headers=headers, timeout=10)
            assert r.status_code == 200, r.text
            return r.json()

        # Kill worker A while it holds a job: SIGKILL, no chance to clean up.
        victim = procs[0]
        held_by_victim = f"{socket.gethostname()}:{victim.pid}"
        victim_job: list[str] = []

        def victim_working() -> bool:
            from sqlalchemy import create_engine, text

            engine = create_engine(database_url)
            try:
                with engine.connect() as conn:
                    row = conn.execute(text("SELECT id FROM jobs WHERE status='running' "
                                            "AND worker=:w"), {"w": held_by_victim}).first()
            finally:
                engine.dispose()
            if row is not None:
                victim_job.append(str(uuid.UUID(str(row[0]))))
            return row is not None

        _wait(victim_working, 60, "worker A to take a job", logs)
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait(10)
        gate.unlink()  # jobs from here on (the hand-over, the batch) run at full speed
        # The CLI's reports, made while the killed worker's job waits to be handed on.
        cli = {name: _cli_check(folder, env) for name, folder in dossiers.items()}

        def all_finished() -> bool:
            return all(status(i)["status"] in ("done", "failed") for i in ids.values())

        _wait(all_finished, VISIBILITY_S + HARD_S + 90, "every job to finish", logs)
        views = {name: status(job_id) for name, job_id in ids.items()}
        assert {n: v["status"] for n, v in views.items()} == dict.fromkeys(ids, "done"), views
        # The killed worker's job was run again, to the end, by the other worker.
        killed = next(v for v in views.values() if v["id"] == victim_job[0])
        assert killed["status"] == "done" and killed["report"] is not None
        from sqlalchemy import create_engine, text

        engine = create_engine(database_url)
        with engine.connect() as conn:
            attempts, worker = conn.execute(
                text("SELECT attempts, worker FROM jobs WHERE id=:i"),
                {"i": uuid.UUID(victim_job[0]) if "postgresql" in database_url
                 else uuid.UUID(victim_job[0]).hex}).one()
        engine.dispose()
        assert attempts == 2 and worker != held_by_victim
        # Each report is the CLI's for the same dossier.
        cli_reports = {name: _cli_report(proc) for name, proc in cli.items()}
        for name in dossiers:
            assert views[name]["report"] == cli_reports[name], name
        # Progress was recorded: every file of each dossier read.
        for name, view in views.items():
            files = sum(1 for p in dossiers[name].rglob("*") if p.is_file())
            assert view["progress"]["docs_total"] == files, (name, view["progress"])
        # Uploads are gone from the shared folder once the jobs ended.
        shared = tmp_path / "shared"
        assert not shared.exists() or not any(shared.iterdir())

        # `dossier batch` with the broker set: the surviving worker checks the folder's
        # dossiers; the batch writes the same reports, the triage list and its state.
        out_dir = tmp_path / "batch-out"
        batch = subprocess.run([str(DOSSIER), "batch", str(tmp_path / "in"), "--program",
                                PROGRAM, "--as-of", AS_OF, "--out", str(out_dir),
                                "--progress", "log"], env=env, capture_output=True,
                               timeout=300)
        assert batch.returncode == 0, batch.stderr.decode(errors="replace")
        assert "由任务队列中的工作节点核查" in batch.stderr.decode()
        for name in dossiers:
            written = json.loads((out_dir / "reports" / f"{name}.json").read_text("utf-8"))
            assert written == cli_reports[name], name
            assert (out_dir / "reports" / f"{name}.html").is_file()
        assert (out_dir / "triage.xlsx").is_file()
        state = json.loads((out_dir / ".batch-state.json").read_text("utf-8"))
        assert {r["outcome"] for r in state["dossiers"].values()} == {"checked"}
        engine = create_engine(database_url)
        with engine.connect() as conn:
            left = conn.execute(text("SELECT count(*) FROM jobs WHERE source='batch'")).scalar()
        engine.dispose()
        assert left == 0  # the batch deletes its jobs once their reports are written
        # A second run finds nothing changed and sends nothing.
        again = subprocess.run([str(DOSSIER), "batch", str(tmp_path / "in"), "--program",
                                PROGRAM, "--as-of", AS_OF, "--out", str(out_dir),
                                "--progress", "log"], env=env, capture_output=True,
                               timeout=120)
        assert again.returncode == 0 and "均未变化" in again.stderr.decode(), again.stderr
    finally:
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait(5)
