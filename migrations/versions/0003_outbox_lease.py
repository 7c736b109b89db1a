"""outbox lease: a fixed place in the chat's order (due_at) and the index to find it

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 15:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("notification_outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("due_at", sa.DateTime(timezone=True), nullable=True))
    # A row never tried still has its planned moment in next_attempt_at; a retried row's
    # place in the queue is when it was written.
    op.execute(
        "UPDATE notification_outbox SET due_at = "
        "CASE WHEN attempts = 0 THEN next_attempt_at ELSE created_at END"
    )
    with op.batch_alter_table("notification_outbox", schema=None) as batch_op:
        batch_op.alter_column("due_at", existing_type=sa.DateTime(timezone=True), nullable=False)
        batch_op.create_index(
            batch_op.f("ix_notification_outbox_chat_id_status_due_at"),
            ["chat_id", "status", "due_at"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("notification_outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notification_outbox_chat_id_status_due_at"))
        batch_op.drop_column("due_at")
