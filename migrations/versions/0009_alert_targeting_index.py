"""alert targeting index: a large outage's recipients in user-id order from the index alone

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 16:55:00.000000

tests/bench/bench_targeting.py (an outage over 50 streets, 1,000,000 subscriptions): without
it every batch of 1,000 recipients collected the outage's whole audience again through the
(topic, street_id, house_number) index, about 100 ms a batch, 2.3 s in all on PostgreSQL.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The same columns as storage.models.alerts.TARGETING_COLUMNS, written out: a migration
# must not change when the models do.
_COLUMNS = [
    "topic",
    "user_id",
    "scope",
    "street_id",
    "house_number",
    "house",
    "district",
    "address_id",
]


def upgrade() -> None:
    with op.batch_alter_table("alert_subscriptions", schema=None) as batch_op:
        batch_op.create_index("ix_alert_subscriptions_targeting", _COLUMNS, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("alert_subscriptions", schema=None) as batch_op:
        batch_op.drop_index("ix_alert_subscriptions_targeting")
