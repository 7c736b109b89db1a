"""figures: a partial index of the moves to a closed status (the flow out by day)

At a million requests the flow out of a full month visited 80 k history rows one by one
(a bitmap over (kind, at), then each row's to_status); the closings' own index carries the
time and the request, so the city's flow out is read from the index alone.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-07 21:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CLOSING = (
    "kind IN ('status_changed', 'answer') "
    "AND to_status IN ('duplicate', 'rejected', 'resolved', 'withdrawn')"
)


def upgrade() -> None:
    with op.batch_alter_table("request_events", schema=None) as batch_op:
        batch_op.create_index(
            "ix_request_events_closings",
            ["at"],
            postgresql_include=["request_id"],
            sqlite_where=sa.text(_CLOSING),
            postgresql_where=sa.text(_CLOSING),
        )


def downgrade() -> None:
    with op.batch_alter_table("request_events", schema=None) as batch_op:
        batch_op.drop_index("ix_request_events_closings")
