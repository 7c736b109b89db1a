"""Timestamps go in aware, are kept in UTC, and come out aware UTC on every backend."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import StatementError

from storage.models import UserRow
from storage.uow import SqlUnitOfWork
from tests.storage.samples import make_user

MOSCOW = ZoneInfo("Europe/Moscow")


async def test_aware_datetime_roundtrips_as_utc(uow: SqlUnitOfWork) -> None:
    local = datetime(2026, 3, 2, 12, 30, 15, 123456, tzinfo=MOSCOW)
    async with uow:
        await uow.users.add(make_user(created_at=local))
        await uow.commit()
    async with uow:
        user = await uow.users.get(1001)
    assert user is not None
    assert user.created_at == local
    assert user.created_at.tzinfo is UTC
    assert user.created_at.hour == 9  # Moscow is UTC+3


async def test_stored_wall_time_is_utc(uow: SqlUnitOfWork) -> None:
    async with uow:
        await uow.users.add(make_user(created_at=datetime(2026, 3, 2, 3, 0, tzinfo=MOSCOW)))
        await uow.commit()
        # Read past the type decorator: whatever the backend keeps must mean 00:00 UTC.
        postgres = uow.session.get_bind().dialect.name == "postgresql"
        column = "created_at AT TIME ZONE 'UTC'" if postgres else "created_at"
        raw = await uow.session.scalar(
            text(f"SELECT CAST({column} AS TEXT) FROM users WHERE id = 1001")
        )
    assert str(raw).startswith("2026-03-02 00:00:00")


async def test_naive_datetime_is_refused(uow: SqlUnitOfWork) -> None:
    async with uow:
        with pytest.raises(StatementError, match="naive datetime"):
            await uow.users.add(make_user(created_at=datetime(2026, 3, 2, 9, 0)))  # noqa: DTZ001


async def test_comparison_across_zones(uow: SqlUnitOfWork) -> None:
    at = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    async with uow:
        await uow.users.add(make_user(created_at=at))
        just_before_in_moscow = (at - timedelta(seconds=1)).astimezone(MOSCOW)
        found = await uow.session.scalars(
            select(UserRow.id).where(UserRow.created_at > just_before_in_moscow)
        )
        assert list(found) == [1001]
