"""Alembic environment. dossier.jobs.migrate hands in the connection to migrate
(``config.attributes["connection"]``), already inside a transaction and holding the
migration lock; the ``sqlalchemy.url`` option is only a fallback for running alembic by hand."""
from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from dossier.jobs.db import Base, make_engine

config = context.config
target_metadata = Base.metadata


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things in place: batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_server_default=True,
    )


def run_offline() -> None:
    # SQL scripts for a DBA to review (`--sql`); SQLite's batch rebuilds need a live database.
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("未提供数据库连接：请通过 dossier.jobs.migrate 运行迁移，或设置 sqlalchemy.url")
    engine = make_engine(url)
    try:
        with engine.connect() as own:
            _configure(own)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
