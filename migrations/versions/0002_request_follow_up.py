"""request follow-up: assignee, first response, rating, duplicate

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 14:49:23.766985
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("assignee_id", sa.BigInteger(), nullable=True))
        batch_op.add_column(
            sa.Column("first_response_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("rating", sa.SmallInteger(), nullable=True))
        batch_op.add_column(sa.Column("duplicate_of", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_requests_assignee_id_users"),
            "users",
            ["assignee_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_requests_duplicate_of_requests"),
            "requests",
            ["duplicate_of"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_check_constraint(op.f("ck_requests_rating"), "rating BETWEEN 1 AND 5")


def downgrade() -> None:
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_requests_rating"), type_="check")
        batch_op.drop_constraint(
            batch_op.f("fk_requests_duplicate_of_requests"), type_="foreignkey"
        )
        batch_op.drop_constraint(batch_op.f("fk_requests_assignee_id_users"), type_="foreignkey")
        batch_op.drop_column("duplicate_of")
        batch_op.drop_column("rating")
        batch_op.drop_column("first_response_at")
        batch_op.drop_column("assignee_id")
