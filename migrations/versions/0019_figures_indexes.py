"""figures' indexes: requests by resolution time, history events by kind and time

/stats and the weekly report count what was resolved, first taken, closed and reopened in a
period: without these, each count reads the whole table (or all the history).

Revision ID: 0019
Revises: 0023
Create Date: 2026-12-07 20:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

_REOPEN = "kind = 'status_changed' AND from_status = 'resolved' AND to_status = 'new'"
_TAKEN = "kind = 'taken'"

revision: str = "0019"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_requests_resolved_at"), ["resolved_at"], unique=False)
    with op.batch_alter_table("request_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_request_events_kind_at"), ["kind", "at"], unique=False
        )
        batch_op.create_index(
            "ix_request_events_reopened",
            ["request_id"],
            unique=False,
            sqlite_where=sa.text(_REOPEN),
            postgresql_where=sa.text(_REOPEN),
        )
        batch_op.create_index(
            "ix_request_events_taken",
            ["request_id", "at"],
            unique=False,
            sqlite_where=sa.text(_TAKEN),
            postgresql_where=sa.text(_TAKEN),
        )


def downgrade() -> None:
    with op.batch_alter_table("request_events", schema=None) as batch_op:
        batch_op.drop_index("ix_request_events_taken")
        batch_op.drop_index("ix_request_events_reopened")
        batch_op.drop_index(batch_op.f("ix_request_events_kind_at"))
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_requests_resolved_at"))
