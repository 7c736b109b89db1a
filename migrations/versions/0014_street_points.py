"""street points: coordinates a street register gives for a street or some of its houses

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 16:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "street_points",
        sa.Column("street_id", sa.Integer(), nullable=False),
        sa.Column("house", sa.String(length=32), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["street_id"],
            ["streets.id"],
            name=op.f("fk_street_points_street_id_streets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("street_id", "house", name=op.f("pk_street_points")),
    )


def downgrade() -> None:
    op.drop_table("street_points")
