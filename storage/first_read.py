"""What every update needs before its handler runs, read with one statement.

The 'seen' check, the person and the form state were three round trips to the database on
every update, a sticker's included. Here they are one SELECT: a one-row base joined to the
person and the form state (both may be absent), with the seen check as a column. The three
shapes (with or without a person, with or without a form) are built once, with bound
parameters, so SQLAlchemy compiles each once per process and reuses it.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Select, and_, bindparam, exists, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.users import User
from storage.fsm import KEY_COLUMNS, FormEntry, FsmKey, key_values
from storage.mappers import user_from_row
from storage.models import FsmStateRow, ProcessedUpdateRow, UserRow

_UPDATES = ProcessedUpdateRow.__table__
_USERS = UserRow.__table__
_FORMS = FsmStateRow.__table__


@dataclass(frozen=True, slots=True)
class FirstRead:
    seen: bool  # the update id was claimed already: a replay, to be skipped
    user: User | None  # None: not asked for, or not registered yet
    form: FormEntry | None  # None when not asked for; an empty entry when there is none


async def read_first(
    session: AsyncSession, update_id: int, user_id: int | None, form_key: FsmKey | None
) -> FirstRead:
    params: dict[str, Any] = {"update_id": update_id}
    if user_id is not None:
        params["person"] = user_id
    if form_key is not None:
        params |= {f"form_{name}": value for name, value in key_values(form_key).items()}
    statement = _statement(user_id is not None, form_key is not None)
    async with _before_the_transaction(session):
        row = (await session.execute(statement, params)).one()
    user = user_from_row(row) if user_id is not None and row.id is not None else None
    form = None
    if form_key is not None:
        form = FormEntry.from_columns(row.state, row.data)
    return FirstRead(seen=bool(row.seen), user=user, form=form)


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
    columns: list[Any] = [seen]
    base: Any = select(literal(1).label("one")).subquery("base")
    if with_user:
        columns += list(_USERS.c)
        base = base.outerjoin(_USERS, _USERS.c.id == bindparam("person"))
    if with_form:
        columns += [_FORMS.c.state, _FORMS.c.data]
        matches = (_FORMS.c[name] == bindparam(f"form_{name}") for name in KEY_COLUMNS)
        base = base.outerjoin(_FORMS, and_(*matches))
    return select(*columns).select_from(base)
