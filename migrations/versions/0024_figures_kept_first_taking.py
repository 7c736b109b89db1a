"""figures: each request's first taking and reopening kept on the request; covering indexes for a period

At a million requests the figures' statements spent their time visiting the period's rows
one by one (and looking up each taking's earliest sibling, each one's reopenings): the first
taking and whether it was reopened are kept on the request, the period's indexes carry what the figures read, and the open requests (overdue
now, the oldest open) have partial indexes of their own.

Revision ID: 0024
Revises: 0017
Create Date: 2026-12-07 21:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SLICE = ["department", "assignee_id", "channel"]
_RECEIVED = [*_SLICE, "status", "first_response_at", "reopened"]
_RESOLVED = [*_SLICE, "status", "deadline_at", "rating", "id", "category"]
_OPEN = "status IN ('in_progress', 'need_info', 'new')"
_BACKFILL = (
    "UPDATE requests SET first_taken_at = (SELECT MIN(at) FROM request_events "
    "WHERE request_events.request_id = requests.id AND request_events.kind = 'taken')"
)

_BACKFILL_REOPENED = (
    "UPDATE requests SET reopened = EXISTS (SELECT 1 FROM request_events "
    "WHERE request_events.request_id = requests.id AND request_events.kind = 'status_changed' "
    "AND from_status = 'resolved' AND to_status = 'new')"
)


def upgrade() -> None:
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("first_taken_at", sa.DateTime(timezone=True)))
        batch_op.add_column(
            sa.Column("reopened", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.drop_index(batch_op.f("ix_requests_created_at"))
        batch_op.drop_index(batch_op.f("ix_requests_resolved_at"))
    op.execute(_BACKFILL)
    op.execute(_BACKFILL_REOPENED)
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_requests_created_at"), ["created_at"], postgresql_include=_RECEIVED
        )
        batch_op.create_index(
            batch_op.f("ix_requests_resolved_at"), ["resolved_at"], postgresql_include=_RESOLVED
        )
        batch_op.create_index(
            batch_op.f("ix_requests_first_taken_at"), ["first_taken_at"], postgresql_include=_SLICE
        )
        batch_op.create_index(batch_op.f("ix_requests_department_id"), ["department", "id"])
        batch_op.create_index(
            "ix_requests_open_deadline",
            ["deadline_at"],
            postgresql_include=_SLICE,
            sqlite_where=sa.text(_OPEN),
            postgresql_where=sa.text(_OPEN),
        )
        batch_op.create_index(
            "ix_requests_open_created",
            ["created_at", "id"],
            sqlite_where=sa.text(_OPEN),
            postgresql_where=sa.text(_OPEN),
        )


def downgrade() -> None:
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.drop_index("ix_requests_open_created")
        batch_op.drop_index("ix_requests_open_deadline")
        batch_op.drop_index(batch_op.f("ix_requests_department_id"))
        batch_op.drop_index(batch_op.f("ix_requests_first_taken_at"))
        batch_op.drop_index(batch_op.f("ix_requests_resolved_at"))
        batch_op.drop_index(batch_op.f("ix_requests_created_at"))
        batch_op.drop_column("reopened")
        batch_op.drop_column("first_taken_at")
        batch_op.create_index(batch_op.f("ix_requests_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_requests_resolved_at"), ["resolved_at"], unique=False)
