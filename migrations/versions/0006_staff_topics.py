"""staff topics: in a forum staff chat, the topic of each category's cards

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 15:44:16.451763
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "staff_topics",
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("thread_id", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["category"],
            ["categories.code"],
            name=op.f("fk_staff_topics_category_categories"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("chat_id", "category", name=op.f("pk_staff_topics")),
    )


def downgrade() -> None:
    op.drop_table("staff_topics")
