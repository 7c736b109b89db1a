"""What every update needs before its handler runs, read with one statement.

The 'seen' check, the person and the form state were three round trips to the database on
every update, a sticker's included. Here they are one SELECT: a one-row base joined to the
person and the form states (both may be absent), with the seen check and the categories'
version (storage/category_cache.py) as columns. The form states are those of every destiny of
the chat's key (the form's own, and the side keys such as the request cards shown,
handlers/my_requests/card_copies.py): one row each, so a handler that reads a side key finds
it read already instead of paying a statement of its own. The shapes
(with or without a person, with or without a form) are built once, with bound parameters, so
SQLAlchemy compiles each once per process and reuses it.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Select, and_, bindparam, exists, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.users import User
from storage.category_cache import VERSION as CATEGORIES_VERSION
from storage.fsm import KEY_COLUMNS, FormEntry, FsmKey, key_values
from storage.mappers import user_from_row
from storage.models import FsmStateRow, ProcessedUpdateRow, UserRow

_UPDATES = ProcessedUpdateRow.__table__
_USERS = UserRow.__table__
_FORMS = FsmStateRow.__table__
_CHAT_KEY = tuple(name for name in KEY_COLUMNS if name != "destiny")  # every destiny


@dataclass(frozen=True, slots=True)
class FirstRead:
    seen: bool  # the update id was claimed already: a replay, to be skipped
    user: User | None  # None: not asked for, or not registered yet
    # None when not asked for; else the state of every destiny of the key that has a row
    # (a destiny missing here has none: all of them were read)
    forms: dict[str, FormEntry] | None
    categories_version: int | None  # storage/category_cache.py (None: no version row)


async def read_first(
    session: AsyncSession, update_id: int, user_id: int | None, form_key: FsmKey | None
) -> FirstRead:
    params: dict[str, Any] = {"update_id": update_id}
    if user_id is not None:
        params["person"] = user_id
    if form_key is not None:
        values = key_values(form_key)
        params |= {f"form_{name}": values[name] for name in _CHAT_KEY}
    statement = _statement(user_id is not None, form_key is not None)
    async with _before_the_transaction(session):
        rows = (await session.execute(statement, params)).all()
    row = rows[0]  # the outer joins keep at least the base row; person columns repeat
    user = user_from_row(row) if user_id is not None and row.id is not None else None
    forms = None
    if form_key is not None:
        forms = {
            found.destiny: FormEntry.from_columns(found.state, found.data)
            for found in rows
            if found.destiny is not None
        }
    return FirstRead(
        seen=bool(row.seen), user=user, forms=forms, categories_version=row.categories_version
    )


@asynccontextmanager
async def _before_the_transaction(session: AsyncSession) -> AsyncIterator[None]:
    """On PostgreSQL, the read goes before the transaction's BEGIN: asyncpg sends BEGIN as a
    round trip of its own when the first statement comes, and an update that changes nothing
    then paid three (BEGIN, the read, ROLLBACK) for one read. Read on its own (autocommit),
    it is one, and a no-op update ends without BEGIN or ROLLBACK; an update that writes
    begins its transaction with its first write. At READ COMMITTED (the default, and ours)
    each statement sees what was committed when it starts, inside a transaction or not, so
    the read sees the same. SQLite's driver (storage/sqlite_driver.py) begins only with a
    write already."""
    if session.bind is None or session.bind.dialect.name != "postgresql":
        yield
        return
    raw = await (await session.connection()).get_raw_connection()
    adapted: Any = raw.dbapi_connection  # SQLAlchemy's asyncpg adapter: BEGINs lazily
    if getattr(adapted, "_started", True):  # a transaction under way (or another adapter)
        yield
        return
    level = adapted.isolation_level
    adapted.set_isolation_level("autocommit")
    try:
        yield
    finally:
        adapted.set_isolation_level(level)


@cache
def _statement(with_user: bool, with_form: bool) -> Select[Any]:
    seen = exists().where(_UPDATES.c.update_id == bindparam("update_id")).label("seen")
    columns: list[Any] = [seen, CATEGORIES_VERSION]
    base: Any = select(literal(1).label("one")).subquery("base")
    if with_user:
        columns += list(_USERS.c)
        base = base.outerjoin(_USERS, _USERS.c.id == bindparam("person"))
    if with_form:
        columns += [_FORMS.c.destiny, _FORMS.c.state, _FORMS.c.data]
        matches = (_FORMS.c[name] == bindparam(f"form_{name}") for name in _CHAT_KEY)
        base = base.outerjoin(_FORMS, and_(*matches))
    return select(*columns).select_from(base)
