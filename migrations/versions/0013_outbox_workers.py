"""outbox workers: claims tagged with the dispatcher holding them, and its heartbeat

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 13:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "outbox_workers",
        sa.Column("worker_id", sa.String(length=32), nullable=False),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("worker_id", name=op.f("pk_outbox_workers")),
    )
    with op.batch_alter_table("notification_outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claimed_by", sa.String(length=32), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_notification_outbox_claimed_by"), ["claimed_by"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("notification_outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notification_outbox_claimed_by"))
        batch_op.drop_column("claimed_by")
    op.drop_table("outbox_workers")
