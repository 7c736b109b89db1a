from datetime import timedelta

import pytest
from sqlalchemy import select

from domain.clock import FixedClock
from domain.errors import NotFound
from storage.models import UserRow
from storage.uow import SqlUnitOfWork
from tests.storage.samples import NOW, make_user


async def test_get_unknown_is_none(uow: SqlUnitOfWork) -> None:
    async with uow:
        assert await uow.users.get(42) is None


async def test_add_then_get(uow: SqlUnitOfWork) -> None:
    user = make_user(2**40, blocked_bot=True, locale_chosen=True, username=None)
    async with uow:
        assert await uow.users.add(user) == user
        await uow.commit()
    async with uow:
        assert await uow.users.get(2**40) == user  # Telegram ids do not fit in 32 bits


async def test_add_of_an_existing_person_returns_the_stored_row(uow: SqlUnitOfWork) -> None:
    first = make_user(first_name="Alsu")
    async with uow:
        await uow.users.add(first)
        await uow.commit()
    async with uow:
        again = await uow.users.add(make_user(first_name="Other", created_at=NOW + timedelta(1)))
        assert again == first
        await uow.commit()  # the duplicate did not break the transaction


async def test_set_locale_marks_it_chosen(uow: SqlUnitOfWork) -> None:
    async with uow:
        await uow.users.add(make_user(locale="ru"))
        await uow.users.set_locale(1001, "en")
        stored = await uow.users.get(1001)
    assert stored is not None
    assert (stored.locale, stored.locale_chosen) == ("en", True)


async def test_touch_updates_names_and_the_bookkeeping_time(
    uow: SqlUnitOfWork, clock: FixedClock
) -> None:
    async with uow:
        await uow.users.add(make_user())
        clock.set(NOW + timedelta(hours=1))
        await uow.users.touch(1001, "Алсу", None)
        stored = await uow.users.get(1001)
        updated_at = await uow.session.scalar(select(UserRow.updated_at))
    assert stored is not None
    assert (stored.first_name, stored.username) == ("Алсу", None)
    assert stored.created_at == NOW
    assert updated_at == NOW + timedelta(hours=1)


async def test_set_blocked(uow: SqlUnitOfWork) -> None:
    async with uow:
        await uow.users.add(make_user())
        await uow.users.set_blocked(1001, True)
        stored = await uow.users.get(1001)
    assert stored is not None
    assert stored.blocked_bot


@pytest.mark.parametrize("method", ["set_locale", "touch", "set_blocked"])
async def test_updating_an_unknown_person_raises(uow: SqlUnitOfWork, method: str) -> None:
    arguments: dict[str, tuple[object, ...]] = {
        "set_locale": ("tt",),
        "touch": ("A", None),
        "set_blocked": (True,),
    }
    async with uow:
        with pytest.raises(NotFound):
            await getattr(uow.users, method)(404, *arguments[method])
