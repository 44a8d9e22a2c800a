"""`dossier serve` and `dossier apikey create|list|revoke`, and the `dossier` console
script (:func:`main`): dossier/cli.py's command line with these commands mounted as a
:class:`~dossier.cli.CommandSet`. The entry point lives here, above dossier, because the
layer contract (tests/test_layers.py) lets api import dossier but not the reverse."""
from __future__ import annotations

import argparse
import sys
from typing import Callable

from api.config import ConfigError, Settings
from dossier import cli

API_COMMANDS = ("serve", "apikey", "worker")
EXIT_OK = 0
EXIT_USAGE = 2


def add_parsers(subparsers: argparse._SubParsersAction) -> None:
    s = subparsers.add_parser("serve", help="启动 HTTP API 服务（需要 API 密钥，见 `dossier apikey`）")
    s.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
    s.add_argument("--port", type=int, default=8000, help="监听端口（默认 8000）")
    s.set_defaults(api_handler=cmd_serve)

    w = subparsers.add_parser(
        "worker",
        help="启动核查工作节点：从任务队列（DOSSIER_BROKER_URL 指定的 Redis）领取任务执行，"
             "可在多台机器上运行",
        description="启动核查工作节点（Celery）。需要 DOSSIER_BROKER_URL（Redis）、与 API 服务相同的 "
                    "DOSSIER_DATABASE_URL，以及各机器共享的 DOSSIER_STORAGE_DIR。"
                    "启动时先加载模型，再开始领取任务。")
    w.add_argument("--concurrency", type=int, default=None,
                   help="同时核查的份数（每份一个进程；默认为 CPU 核数）")
    w.add_argument("--loglevel", default="INFO", help="日志级别（默认 INFO）")
    w.set_defaults(api_handler=cmd_worker)

    k = subparsers.add_parser("apikey", help="管理 API 密钥（保存在服务数据库中，仅存哈希）")
    ksub = k.add_subparsers(dest="apikey_command", required=True)
    c = ksub.add_parser("create", help="创建密钥（只显示一次）")
    c.add_argument("name", help="密钥名称，例如使用方单位")
    c.set_defaults(api_handler=cmd_apikey_create)
    ls = ksub.add_parser("list", help="列出密钥（不显示密钥本身）")
    ls.set_defaults(api_handler=cmd_apikey_list)
    r = ksub.add_parser("revoke", help="吊销密钥")
    r.add_argument("id", help="密钥 ID（见 `dossier apikey list`）")
    r.set_defaults(api_handler=cmd_apikey_revoke)


def run_command(args: argparse.Namespace) -> int:
    handler: Callable[[argparse.Namespace], int] = args.api_handler
    try:
        return handler(args)
    except ConfigError as e:
        print(f"配置错误：{e}", file=sys.stderr)
        return EXIT_USAGE


COMMANDS = cli.CommandSet(names=API_COMMANDS, add_parsers=add_parsers, run=run_command)


def main(argv: list[str] | None = None) -> int:
    """The `dossier` console script: every command, the API's included."""
    return cli.main(argv, extensions=(COMMANDS,))


def _settings() -> Settings:
    return Settings.from_env()


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from api.app import create_app
    from api.service import NO_KEYS, keys_configured, open_database

    settings = _settings()
    # Checked here too so the refusal is one clear line instead of a start-up traceback.
    db = open_database(settings)
    try:
        configured = keys_configured(db, settings)
    finally:
        db.dispose()
    if not configured and not settings.allow_anonymous:
        print(NO_KEYS, file=sys.stderr)
        return EXIT_USAGE
    if not configured:
        print("警告：未配置 API 密钥，DOSSIER_API_ALLOW_ANONYMOUS=1，任何人都可访问本服务",
              file=sys.stderr)
    how = (f"任务队列 {_redact(settings.broker_url)}，由 dossier worker 核查" if settings.broker_url
           else f"工作进程 {settings.workers}")
    print(f"dossier-checker API: http://{args.host}:{args.port}/docs "
          f"(数据库 {_redact(settings.database_url)}，{how})", file=sys.stderr)
    uvicorn.run(create_app(settings), host=args.host, port=args.port, workers=1)
    return EXIT_OK


def cmd_worker(args: argparse.Namespace) -> int:
    import logging
    import os

    from dossier.jobs.cluster import run_worker

    settings = _settings()
    if not settings.broker_url:
        print("未设置 DOSSIER_BROKER_URL：工作节点需要 Redis 任务队列，例如 "
              "DOSSIER_BROKER_URL=redis://127.0.0.1:6379/0；单机使用时无需工作节点，"
              "`dossier serve` 与 `dossier batch` 会自行核查", file=sys.stderr)
        return EXIT_USAGE
    concurrency = args.concurrency or os.cpu_count() or 1
    if concurrency < 1:
        print("--concurrency 至少为 1", file=sys.stderr)
        return EXIT_USAGE
    logging.basicConfig(level=getattr(logging, str(args.loglevel).upper(), logging.INFO),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    print(f"dossier-checker 工作节点：{concurrency} 个核查进程，队列 {_redact(settings.broker_url)}，"
          f"数据库 {_redact(settings.database_url)}，材料目录 {settings.jobs_dir}", file=sys.stderr)
    return run_worker(settings, concurrency, args.loglevel)


def _redact(url: str) -> str:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url.split("@")[-1]


def cmd_apikey_create(args: argparse.Namespace) -> int:
    from api.keys import create_key
    from api.service import open_database

    name = args.name.strip()
    if not name:
        print("密钥名称不能为空", file=sys.stderr)
        return EXIT_USAGE
    db = open_database(_settings())
    try:
        with db.session() as s:
            row, plain = create_key(s, name)
    finally:
        db.dispose()
    print(plain)
    print(f"已创建密钥 {row.id}（{row.name}）。密钥只显示这一次，请妥善保存；"
          f"请求时放在请求头 X-API-Key 中。", file=sys.stderr)
    return EXIT_OK


def cmd_apikey_list(args: argparse.Namespace) -> int:
    from api.keys import list_keys
    from api.service import open_database

    db = open_database(_settings())
    try:
        with db.session() as s:
            rows = list_keys(s)
    finally:
        db.dispose()
    if not rows:
        print("（没有密钥）", file=sys.stderr)
    for row in rows:
        state = f"已吊销 {row.revoked_at:%Y-%m-%d %H:%M}" if row.revoked_at else "有效"
        print(f"{row.id}\t{row.name}\t{row.created_at:%Y-%m-%d %H:%M}\t{state}")
    return EXIT_OK


def cmd_apikey_revoke(args: argparse.Namespace) -> int:
    from api.keys import revoke_key
    from api.service import open_database

    db = open_database(_settings())
    try:
        with db.session() as s:
            row = revoke_key(s, args.id.strip())
    finally:
        db.dispose()
    if row is None:
        print(f"找不到密钥 {args.id}", file=sys.stderr)
        return EXIT_USAGE
    print(f"已吊销密钥 {row.id}（{row.name}）", file=sys.stderr)
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
