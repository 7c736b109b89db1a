"""figures: the staff's figures kept per day (and first responses per day and month), so
`/stats` sums a period's few thousand rows instead of scanning its requests

Revision ID: 0029
Revises: 0025
Create Date: 2026-12-08 00:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.figure_recount import recount_statements

revision: str = "0029"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COUNTS = (
    "received",
    "duplicates",
    "withdrawn",
    "taken",
    "resolved",
    "resolved_on_time",
    "ever_resolved",
    "reopened",
    "rated",
    "rating_sum",
)


def upgrade() -> None:
    op.create_table(
        "figure_day_counts",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("department", sa.String(length=32), nullable=False),
        sa.Column("assignee_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in _COUNTS),
        sa.PrimaryKeyConstraint(
            "day",
            "department",
            "assignee_id",
            "channel",
            name=op.f("pk_figure_day_counts"),
            postgresql_include=list(_COUNTS),
        ),
    )
    op.create_table(
        "figure_response_times",
        sa.Column("grain", sa.String(length=1), nullable=False),
        sa.Column("period", sa.Date(), nullable=False),
        sa.Column("department", sa.String(length=32), nullable=False),
        sa.Column("facet", sa.String(length=1), nullable=False),
        sa.Column("key", sa.String(length=24), nullable=False),
        sa.Column("minutes", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("requests", sa.Integer(), nullable=False),
        sa.CheckConstraint("grain IN ('d', 'm')", name=op.f("ck_figure_response_times_grain")),
        sa.CheckConstraint(
            "facet IN ('d', 's', 'c')", name=op.f("ck_figure_response_times_facet")
        ),
        sa.PrimaryKeyConstraint(
            "grain",
            "period",
            "department",
            "facet",
            "key",
            "minutes",
            name=op.f("pk_figure_response_times"),
            postgresql_include=["requests"],
        ),
    )
    # The requests already filed, counted as domain/kept_figures.py defines.
    bind = op.get_bind()
    for statement in recount_statements(bind.dialect.name):
        op.execute(sa.text(statement))
    # "Taken" is read from the kept counts now, no longer from the requests' first takings.
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_requests_first_taken_at"))
        batch_op.create_index(
            "ix_requests_rated",
            ["rating", "resolved_at"],
            sqlite_where=sa.text("rating IS NOT NULL"),
            postgresql_where=sa.text("rating IS NOT NULL"),
        )


def downgrade() -> None:
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.drop_index("ix_requests_rated")
        batch_op.create_index(
            batch_op.f("ix_requests_first_taken_at"),
            ["first_taken_at"],
            postgresql_include=["department", "assignee_id", "channel"],
        )
    op.drop_table("figure_response_times")
    op.drop_table("figure_day_counts")
