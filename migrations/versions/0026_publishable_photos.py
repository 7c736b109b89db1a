"""request photos: staff mark which ones the public pages may show

A resident's photo is never public unless staff marked it so (issue 17): the mark is a column
of the photo's row, false for every photo already stored.

Revision ID: 0026
Revises: 0027
Create Date: 2026-12-07 23:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0026"
down_revision: str | None = "0027"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("request_photos", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("public", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("request_photos", schema=None) as batch_op:
        batch_op.drop_column("public")
