"""departments: the codes the administrators removed, so the reference loader keeps them out

Departments are seeded from data/departments.csv by adding what is missing; a department
removed through the admin API (DELETE /api/v1/departments/{code}) would come back at the
next `mykazan migrate` without a record that it was removed on purpose.

Revision ID: 0027
Revises: 0029
Create Date: 2026-12-08 00:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0027"
down_revision: str | None = "0029"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "removed_departments",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_removed_departments")),
    )


def downgrade() -> None:
    op.drop_table("removed_departments")
