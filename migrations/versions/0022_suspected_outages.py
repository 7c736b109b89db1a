"""suspected outages from residents' reports, and answers to "is it back?"

Revision ID: 0022
Revises: 0020
Create Date: 2026-12-07 19:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_KINDS = "kind IN ('water', 'power', 'heating')"


def upgrade() -> None:
    op.create_table(
        "suspected_outages",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("street_id", sa.Integer(), nullable=False),
        sa.Column("district", sa.String(length=64), nullable=True),
        sa.Column("houses", sa.JSON(), nullable=False),
        sa.Column("street_wide", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("first_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outage_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("decided_by", sa.String(length=128), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(_KINDS, name=op.f("ck_suspected_outages_kind")),
        sa.CheckConstraint(
            "status IN ('open', 'confirmed', 'dismissed')",
            name=op.f("ck_suspected_outages_status"),
        ),
        sa.ForeignKeyConstraint(
            ["outage_id"],
            ["outages.id"],
            name=op.f("fk_suspected_outages_outage_id_outages"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suspected_outages")),
    )
    op.create_index(
        "uq_suspected_outages_open",
        "suspected_outages",
        ["kind", "street_id"],
        unique=True,
        sqlite_where=sa.text("status = 'open'"),
        postgresql_where=sa.text("status = 'open'"),
    )
    op.create_table(
        "outage_signals",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("street_id", sa.Integer(), nullable=False),
        sa.Column("house", sa.String(length=32), nullable=True),
        sa.Column("district", sa.String(length=64), nullable=True),
        sa.Column("place_text", sa.String(length=200), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("declined_outage_id", sa.Integer(), nullable=True),
        sa.Column("suspicion_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(_KINDS, name=op.f("ck_outage_signals_kind")),
        sa.CheckConstraint(
            "source IN ('request', 'faq', 'declined')", name=op.f("ck_outage_signals_source")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_outage_signals_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["requests.id"],
            name=op.f("fk_outage_signals_request_id_requests"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["suspicion_id"],
            ["suspected_outages.id"],
            name=op.f("fk_outage_signals_suspicion_id_suspected_outages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outage_signals")),
    )
    op.create_index(
        op.f("ix_outage_signals_kind_street_id_created_at"),
        "outage_signals",
        ["kind", "street_id", "created_at"],
    )
    op.create_index(op.f("ix_outage_signals_user_id"), "outage_signals", ["user_id"])
    op.create_index(op.f("ix_outage_signals_suspicion_id"), "outage_signals", ["suspicion_id"])
    op.create_table(
        "outage_back_answers",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("outage_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("street_id", sa.Integer(), nullable=False),
        sa.Column("house", sa.String(length=32), nullable=False),
        sa.Column("back", sa.Boolean(), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["outage_id"],
            ["outages.id"],
            name=op.f("fk_outage_back_answers_outage_id_outages"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_outage_back_answers_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outage_back_answers")),
        sa.UniqueConstraint(
            "outage_id", "user_id", name=op.f("uq_outage_back_answers_outage_id_user_id")
        ),
    )
    op.create_index(
        op.f("ix_outage_back_answers_outage_id_street_id_house"),
        "outage_back_answers",
        ["outage_id", "street_id", "house"],
    )
    op.create_index(op.f("ix_outage_back_answers_user_id"), "outage_back_answers", ["user_id"])


def downgrade() -> None:
    op.drop_table("outage_back_answers")
    op.drop_table("outage_signals")
    op.drop_index("uq_suspected_outages_open", table_name="suspected_outages")
    op.drop_table("suspected_outages")
