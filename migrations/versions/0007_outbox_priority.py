"""outbox priority: urgent alerts before normal messages before digests

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 16:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Rows already queued are normal messages: the server default fills them in.
    with op.batch_alter_table("notification_outbox", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("priority", sa.SmallInteger(), server_default="1", nullable=False)
        )
        # The claim now orders by (priority, next_attempt_at): the index follows it.
        batch_op.drop_index(batch_op.f("ix_notification_outbox_status_next_attempt_at"))
        batch_op.create_index(
            batch_op.f("ix_notification_outbox_status_priority_next_attempt_at"),
            ["status", "priority", "next_attempt_at"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("notification_outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notification_outbox_status_priority_next_attempt_at"))
        batch_op.create_index(
            batch_op.f("ix_notification_outbox_status_next_attempt_at"),
            ["status", "next_attempt_at"],
            unique=False,
        )
        batch_op.drop_column("priority")
