"""reference loads: what the reference data files were when last loaded

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 13:25:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reference_loads",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_reference_loads")),
    )


def downgrade() -> None:
    op.drop_table("reference_loads")
