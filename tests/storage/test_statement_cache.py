"""The statements every update may issue are compiled once per process, not per update.

SQLAlchemy reuses a compiled statement only when the statement has a cache key; the
dialects' `on_conflict_*` inserts have none, which is why the update claim, the form-state
upsert and the person's insert are spelled as text (storage/dialects.upsert).
"""

from typing import Any

import pytest
from sqlalchemy.dialects import sqlite

from storage.first_read import _statement
from storage.fsm import _UPSERT
from storage.models import ProcessedUpdateRow
from storage.repositories.updates import _CLAIM, _CLAIM_MANY
from storage.repositories.users import _ADD

PER_UPDATE = {
    "update claim": _CLAIM,
    "grouped claims": _CLAIM_MANY,
    "form state upsert": _UPSERT,
    "person insert": _ADD,
    "first read": _statement(True, True),
}


@pytest.mark.parametrize("name", PER_UPDATE)
def test_the_statement_has_a_cache_key(name: str) -> None:
    statement: Any = PER_UPDATE[name]
    assert statement._generate_cache_key() is not None, f"{name} would compile every time"


def test_the_dialect_insert_it_replaces_has_none() -> None:
    # The reason for the text: should SQLAlchemy give these a cache key, insert_for will do.
    statement = sqlite.insert(ProcessedUpdateRow).on_conflict_do_nothing()
    assert statement._generate_cache_key() is None
