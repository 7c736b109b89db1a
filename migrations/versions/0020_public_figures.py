"""public figures: counts kept with each request for the public page, and indexes for its
list of the newest requests by district, category or status

Revision ID: 0020
Revises: 0015
Create Date: 2026-12-07 20:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STATUSES = (
    "status IN ('new', 'in_progress', 'need_info', 'resolved', 'rejected', 'duplicate', "
    "'withdrawn')"
)
# The requests already filed, counted as domain/public_figures.py defines (frozen here: a
# migration must keep meaning what it meant when it ran).
_FILL_COUNTS = (
    "INSERT INTO public_request_counts "
    "(district, category, department, status, requests, on_time) "
    "SELECT COALESCE(district, ''), category, COALESCE(department, ''), status, COUNT(*), "
    "SUM(CASE WHEN status = 'resolved' AND resolved_at IS NOT NULL "
    "AND resolved_at <= deadline_at THEN 1 ELSE 0 END) "
    "FROM requests GROUP BY COALESCE(district, ''), category, COALESCE(department, ''), status"
)
_MINUTES = {
    "postgresql": "FLOOR(EXTRACT(EPOCH FROM (first_response_at - created_at)) / 60)::integer",
    "sqlite": "CAST(ROUND((julianday(first_response_at) - julianday(created_at)) * 86400.0, 3)"
    " / 60 AS INTEGER)",
}
_FILL_RESPONSES = (
    "INSERT INTO public_response_times (minutes, requests) "
    "SELECT b, COUNT(*) FROM (SELECT CASE WHEN m < 120 THEN m WHEN m < 1440 THEN m - m % 10 "
    "ELSE m - m % 60 END AS b FROM (SELECT MIN(MAX({minutes}, 0), 86400) AS m FROM requests "
    "WHERE first_response_at IS NOT NULL) AS answered) AS bucketed GROUP BY b"
)


def upgrade() -> None:
    op.create_table(
        "public_request_counts",
        sa.Column("district", sa.String(length=64), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.Column("department", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("requests", sa.Integer(), nullable=False),
        sa.Column("on_time", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "requests >= 0 AND on_time >= 0 AND on_time <= requests",
            name=op.f("ck_public_request_counts_counts"),
        ),
        sa.CheckConstraint(_STATUSES, name=op.f("ck_public_request_counts_status")),
        sa.PrimaryKeyConstraint(
            "district", "category", "department", "status", name=op.f("pk_public_request_counts")
        ),
    )
    op.create_table(
        "public_response_times",
        sa.Column("minutes", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("requests", sa.Integer(), nullable=False),
        sa.CheckConstraint("requests >= 0", name=op.f("ck_public_response_times_requests")),
        sa.PrimaryKeyConstraint("minutes", name=op.f("pk_public_response_times")),
    )
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_requests_district_category_status_id"),
            ["district", "category", "status", "id"],
        )
        batch_op.create_index(
            batch_op.f("ix_requests_category_status_id"), ["category", "status", "id"]
        )
        batch_op.create_index(
            batch_op.f("ix_requests_status_district_id"), ["status", "district", "id"]
        )
    dialect = op.get_bind().dialect.name
    op.execute(_FILL_COUNTS)
    spelled = _FILL_RESPONSES.format(minutes=_MINUTES[dialect])
    if dialect == "postgresql":  # two-argument MIN/MAX are LEAST/GREATEST there
        spelled = spelled.replace("MIN(MAX(", "LEAST(GREATEST(")
    op.execute(spelled)


def downgrade() -> None:
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_requests_status_district_id"))
        batch_op.drop_index(batch_op.f("ix_requests_category_status_id"))
        batch_op.drop_index(batch_op.f("ix_requests_district_category_status_id"))
    op.drop_table("public_response_times")
    op.drop_table("public_request_counts")
