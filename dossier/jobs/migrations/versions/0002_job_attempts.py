"""jobs.attempts: how many times a worker has started the job (api/recovery.py).

Revision ID: 0002
Revises: 0001
Create Date: release 0afcf8f, which added the column by hand-written ALTER TABLE at start-up

Same DDL as that ALTER TABLE (INTEGER NOT NULL DEFAULT 0), so databases it altered are
stamped "0002" by dossier.jobs.migrate and look the same as ones upgraded here.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.add_column(sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.drop_column("attempts")
