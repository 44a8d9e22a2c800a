"""api/README.md's try-out runs as written: its two bash blocks (start the service; the
curl walk-through) are taken from the README and run with bash, the only change being the
port (a free one instead of 8000) and the service's data folder (a temp one, set beside
the README's own environment). Needs curl, as the README does."""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
from pathlib import Path

import pytest

from tests.api.conftest import wait_healthy

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "api" / "README.md"
SECTION = "### 试用：用 curl 核查一份样例材料"

pytestmark = pytest.mark.skipif(shutil.which("curl") is None, reason="curl not installed")


def try_out_blocks() -> tuple[str, str]:
    text = README.read_text(encoding="utf-8")
    assert SECTION in text, "the README's try-out section is gone"
    section = text.split(SECTION, 1)[1].split("\n### ", 1)[0]
    blocks = re.findall(r"^```bash\n(.*?)^```", section, flags=re.M | re.S)
    assert len(blocks) == 2, "expected a server block and a client block"
    return blocks[0], blocks[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def with_port(block: str, port: int) -> str:
    out = block.replace("--port 8000", f"--port {port}")
    out = out.replace("API=http://127.0.0.1:8000", f"API=http://127.0.0.1:{port}")
    return out


def test_readme_walkthrough_runs(tmp_path: Path) -> None:
    server_block, client_block = try_out_blocks()
    assert "8000" in server_block and "API=http://127.0.0.1:8000" in client_block
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOSSIER_API")}
    env["DOSSIER_DATA_DIR"] = str(tmp_path / "data")
    log = (tmp_path / "serve.log").open("wb")
    # Its own process group: the block's bash and the service it starts stop together.
    server = subprocess.Popen(["bash", "-e", "-c", with_port(server_block, port)], cwd=ROOT, env=env,
                              stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    demo: Path | None = None
    try:
        wait_healthy(f"http://127.0.0.1:{port}", server, what="the README's server block")
        client = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", with_port(client_block, port)],
                                cwd=ROOT, env=env, capture_output=True, text=True, timeout=480)
        out = client.stdout
        m = re.search(r"样例材料与报告在 (\S+)", out)
        demo = Path(m.group(1)) if m else None
        assert client.returncode == 0, (out, client.stderr)
        assert '"id":"sd-chenxing-2022"' in out.replace(" ", "")  # GET /v1/programs
        assert re.search(r"^任务 [0-9a-f-]{36}$", out, flags=re.M)
        statuses = re.findall(r"^(queued|running|done|failed) \{", out, flags=re.M)
        assert statuses and statuses[-1] == "done", out
        assert demo is not None
        job = json.loads((demo / "任务.json").read_text(encoding="utf-8"))
        assert job["status"] == "done" and job["report"]["program"] == "sd-chenxing-2022"
        assert job["report"]["as_of"] == "2022-12-20" and job["report"]["dossier"] == "clean.zip"
        html = (demo / "报告.html").read_text(encoding="utf-8")
        assert "<html" in html and "clean.zip" in html
        assert re.search(r'"url":\s*"/v1/checks/[0-9a-f-]{36}/report\.html\?expires=\d+&sig=[0-9a-f]{64}"', out)
        # The second submission, deleted at once: 204, then 404.
        assert re.search(r"^204\n404$", out, flags=re.M), out
        assert '"status":"ok"' in out.replace(" ", "")  # /healthz
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        log.close()
        if demo is not None and demo.is_dir() and demo.parent == Path(os.environ.get("TMPDIR", "/tmp")):
            shutil.rmtree(demo, ignore_errors=True)
