"""People who talk to the bot."""

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.clock import Clock
from domain.errors import NotFound
from domain.users import User
from storage.dialects import upsert
from storage.mappers import user_from_row, user_values
from storage.models import UserRow

_ADD = upsert(UserRow, ["id"], [c.name for c in UserRow.__table__.c], returning="id")


class SqlUserRepository:
    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self._session = session
        self._clock = clock  # only for the updated_at bookkeeping column
        self._read_ahead: dict[int, User | None] = {}

    def read_ahead(self, user_id: int, user: User | None) -> None:
        """The person (or their absence) as the update's first statement found them
        (storage/first_read.py): the next `get` answers from it, once; later ones read again."""
        self._read_ahead[user_id] = user

    async def get(self, user_id: int) -> User | None:
        if user_id in self._read_ahead:
            return self._read_ahead.pop(user_id)
        row = await self._session.scalar(
            select(UserRow).where(UserRow.id == user_id).execution_options(populate_existing=True)
        )
        return user_from_row(row) if row is not None else None

    async def add(self, user: User) -> User:
        """Store a new person; if a parallel update stored them first, return that row."""
        inserted = await self._session.scalar(_ADD, user_values(user))
        if inserted is not None:
            return user
        stored = await self.get(user.id)
        assert stored is not None  # the conflict proves the row exists
        return stored

    async def set_locale(self, user_id: int, locale: str) -> None:
        await self._update(user_id, locale=locale, locale_chosen=True)

    async def touch(self, user_id: int, first_name: str, username: str | None) -> None:
        await self._update(user_id, first_name=first_name, username=username)

    async def set_blocked(self, user_id: int, blocked: bool) -> None:
        """The outbox dispatcher marks people who blocked the bot (not in the port yet)."""
        await self._update(user_id, blocked_bot=blocked)

    async def set_phone(self, user_id: int, phone: str | None) -> None:
        await self._update(user_id, phone=phone)

    async def set_consent(self, user_id: int, version: str, at: datetime) -> None:
        await self._update(user_id, consent_version=version, consent_at=at)

    async def _update(self, user_id: int, **values: object) -> None:
        changed = await self._session.scalar(
            update(UserRow)
            .where(UserRow.id == user_id)
            .values(**values, updated_at=self._clock.now())
            .returning(UserRow.id)
        )
        if changed is None:
            raise NotFound(f"user {user_id}")
