"""Jobs run by cluster workers: failure codes, progress, the worker's heartbeat, where the
job came from, its completion webhook, when its files were deleted; and job_crops, the
review page's crops stored by the worker that read the files.

Revision ID: 0003
Revises: 0002
Create Date: the Celery/cluster release

The NOT NULL columns have server defaults, so the rows already there get 0 / "api".
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JOB_COLUMNS = ("error_code", "docs_total", "docs_done", "pages_done", "worker", "heartbeat_at",
                "source", "webhook_url", "webhook_status", "files_deleted_at")


def upgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.add_column(sa.Column("error_code", sa.String(32), nullable=True))
        batch.add_column(sa.Column("docs_total", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("docs_done", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("pages_done", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("worker", sa.String(200), nullable=True))
        batch.add_column(sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("source", sa.String(16), nullable=False, server_default="api"))
        batch.add_column(sa.Column("webhook_url", sa.Text(), nullable=True))
        batch.add_column(sa.Column("webhook_status", sa.String(200), nullable=True))
        batch.add_column(sa.Column("files_deleted_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "job_crops",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("job_id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("png_base64", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["job_id"], ["jobs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_job_crops_job_id", "job_crops", ["job_id"])


def downgrade() -> None:
    op.drop_index("ix_job_crops_job_id", table_name="job_crops")
    op.drop_table("job_crops")
    with op.batch_alter_table("jobs") as batch:
        for name in reversed(_JOB_COLUMNS):
            batch.drop_column(name)
