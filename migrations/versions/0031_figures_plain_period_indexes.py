"""figures: the requests' created_at and resolved_at indexes without the figures' columns

Since 0029 `/stats` sums kept rows, so nothing reads the requests' slice columns from these
indexes any more; carried in them, they were written with every change of a request.

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-08 01:40:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0031"
down_revision: str | None = "0030"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SLICE = ["department", "assignee_id", "channel"]
_RECEIVED = [*_SLICE, "status", "first_response_at", "reopened"]
_RESOLVED = [*_SLICE, "status", "deadline_at", "rating", "id", "category"]


def _recreate(included: dict[str, list[str]]) -> None:
    with op.batch_alter_table("requests", schema=None) as batch_op:
        for column, include in included.items():
            name = batch_op.f(f"ix_requests_{column}")
            batch_op.drop_index(name)
            batch_op.create_index(name, [column], postgresql_include=include)


def upgrade() -> None:
    _recreate({"created_at": [], "resolved_at": []})


def downgrade() -> None:
    _recreate({"created_at": _RECEIVED, "resolved_at": _RESOLVED})
