"""departments: who answers for which requests (category, district -> department), their
chats, topics and heads; the caller's phone of a request filed by phone

Revision ID: 0018
Revises: 0022
Create Date: 2026-12-07 19:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "departments",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name_ru", sa.String(length=160), nullable=False),
        sa.Column("name_tt", sa.String(length=160), nullable=False),
        sa.Column("name_en", sa.String(length=160), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("thread_id", sa.BigInteger(), nullable=True),
        sa.Column("head_user_id", sa.BigInteger(), nullable=True),
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_departments")),
    )
    op.create_table(
        "department_routes",
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("district", sa.String(length=64), nullable=False),
        sa.Column("department", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["category"],
            ["categories.code"],
            name=op.f("fk_department_routes_category_categories"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["department"],
            ["departments.code"],
            name=op.f("fk_department_routes_department_departments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("category", "district", name=op.f("pk_department_routes")),
    )
    with op.batch_alter_table("department_routes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_department_routes_department"), ["department"], unique=False
        )
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("caller_phone", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.drop_column("caller_phone")
    with op.batch_alter_table("department_routes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_department_routes_department"))
    op.drop_table("department_routes")
    op.drop_table("departments")
