"""request channel and department: how a request reached the city (bot, phone, city system,
Open311) and which department answers for it

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 19:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CHANNELS = "channel IN ('bot', 'phone', 'city_system', 'open311')"


def upgrade() -> None:
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("channel", sa.String(length=16), server_default="bot", nullable=False)
        )
        batch_op.add_column(sa.Column("department", sa.String(length=32), nullable=True))
        batch_op.create_check_constraint(op.f("ck_requests_channel"), _CHANNELS)
        batch_op.create_index(batch_op.f("ix_requests_created_at"), ["created_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_requests_department_status"), ["department", "status"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_requests_department_status"))
        batch_op.drop_index(batch_op.f("ix_requests_created_at"))
        batch_op.drop_constraint(op.f("ck_requests_channel"), type_="check")
        batch_op.drop_column("department")
        batch_op.drop_column("channel")
