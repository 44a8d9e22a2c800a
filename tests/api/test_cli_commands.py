"""`dossier apikey create|list|revoke` and `dossier serve`, mounted on a parser the way
dossier/cli.py mounts them (api.cli_commands.main, the console script)."""
from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from api import cli_commands
from api.cli_commands import API_COMMANDS, add_parsers, run_command
from api.config import Settings
from api.db import ApiKey
from api.keys import hash_key
from api.service import open_database


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    for name in ("DOSSIER_DATABASE_URL", "DOSSIER_API_KEYS", "DOSSIER_API_ALLOW_ANONYMOUS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DOSSIER_DATA_DIR", str(tmp_path))
    return tmp_path


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="dossier")
    sub = parser.add_subparsers(dest="command")
    add_parsers(sub)
    args = parser.parse_args(argv)
    assert args.command in API_COMMANDS
    return run_command(args)


def test_apikey_create_list_revoke(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run("apikey", "create", "测试单位") == 0
    out = capsys.readouterr()
    plain = out.out.strip()
    assert plain.startswith("dck_") and "只显示这一次" in out.err
    db = open_database(Settings.from_env())
    with db.session() as s:
        (row,) = s.query(ApiKey).all()
    db.dispose()
    assert row.name == "测试单位" and row.key_hash == hash_key(plain, row.salt)
    assert (env / "dossier.db").is_file()  # the default database under DOSSIER_DATA_DIR

    assert _run("apikey", "list") == 0
    listed = capsys.readouterr().out
    assert row.id in listed and "测试单位" in listed and "有效" in listed and plain not in listed

    assert _run("apikey", "revoke", row.id) == 0
    assert _run("apikey", "list") == 0
    assert "已吊销" in capsys.readouterr().out
    assert _run("apikey", "revoke", "nosuchkey") == 2
    assert "找不到密钥" in capsys.readouterr().err


def test_serve_refuses_without_keys_and_starts_with_one(env: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    calls: list[tuple] = []
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: calls.append((app, kw)))
    assert _run("serve") == 2 and calls == []
    assert "DOSSIER_API_ALLOW_ANONYMOUS" in capsys.readouterr().err

    monkeypatch.setenv("DOSSIER_API_KEYS", "k-1234567890")
    assert _run("serve", "--host", "0.0.0.0", "--port", "8123") == 0
    app, kw = calls[-1]
    assert kw == {"host": "0.0.0.0", "port": 8123, "workers": 1}
    assert "/v1/checks" in app.openapi()["paths"]

    monkeypatch.delenv("DOSSIER_API_KEYS")
    monkeypatch.setenv("DOSSIER_API_ALLOW_ANONYMOUS", "1")
    assert _run("serve") == 0
    assert "任何人都可访问" in capsys.readouterr().err


def test_bad_environment_is_a_usage_error(env: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DOSSIER_MAX_UPLOAD_MB", "lots")
    assert _run("apikey", "list") == 2
    assert "DOSSIER_MAX_UPLOAD_MB" in capsys.readouterr().err
    assert cli_commands.EXIT_USAGE == 2


def test_the_console_script_mounts_the_api_commands(env: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """`dossier` is api.cli_commands:main: dossier/cli.py's commands plus serve and apikey
    (dossier itself, below api, cannot import them)."""
    import tomllib

    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    assert pyproject["project"]["scripts"]["dossier"] == "api.cli_commands:main"
    assert cli_commands.main(["apikey", "list"]) == 0
    assert "没有密钥" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli_commands.main(["--help"])
    usage = capsys.readouterr().out
    assert all(name in usage for name in ("check", "programs", "batch", "audit-list", "serve",
                                          "apikey"))
