"""reference_versions: a number the database moves with every change of the categories

Each bot process keeps the categories in memory (storage/category_cache.py) and reads this
number with the update's first statement; when it moved, the process reloads them. The
number is moved by triggers, in the same transaction as the change, whoever makes it: the
data loader, an operator's SQL, a future admin endpoint. (On SQLite a future migration that
rebuilds the categories table in batch mode drops its triggers: it must create them again;
tests/storage/test_category_cache.py would fail otherwise.)

Revision ID: 0028
Revises: 0026
Create Date: 2026-12-07 23:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0028"
down_revision: str | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Recreated if missing (the tests empty every table), then moved.
_BUMP = (
    "INSERT INTO reference_versions (name, version) VALUES ('categories', 0) "
    "ON CONFLICT (name) DO NOTHING; "
    "UPDATE reference_versions SET version = version + 1 WHERE name = 'categories';"
)
_SQLITE_EVENTS = ("insert", "update", "delete")


def upgrade() -> None:
    op.create_table(
        "reference_versions",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_reference_versions")),
    )
    op.execute("INSERT INTO reference_versions (name, version) VALUES ('categories', 1)")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION categories_changed() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN {_BUMP} RETURN NULL; END $$"
        )
        # Per statement: one bump per change, TRUNCATE included.
        op.execute(
            "CREATE TRIGGER categories_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            "ON categories FOR EACH STATEMENT EXECUTE FUNCTION categories_changed()"
        )
        return
    for event in _SQLITE_EVENTS:  # SQLite has row triggers only, one event each
        op.execute(
            f"CREATE TRIGGER categories_changed_{event} AFTER {event.upper()} ON categories "
            f"BEGIN {_BUMP} END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER categories_changed ON categories")
        op.execute("DROP FUNCTION categories_changed()")
    else:
        for event in _SQLITE_EVENTS:
            op.execute(f"DROP TRIGGER categories_changed_{event}")
    op.drop_table("reference_versions")
