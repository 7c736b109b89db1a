"""The unit of work commits only when told to, and rolls back on errors."""

from dataclasses import replace

import pytest

from domain.clock import FixedClock
from domain.history import EventKind
from domain.ports import UnitOfWork
from domain.requests import Place
from domain.services.my_requests import join_request, my_requests, request_card, withdraw_request
from domain.services.reports import ReportDraft, similar_open_requests, submit_request
from domain.services.users import choose_locale, ensure_user
from storage.uow import SqlUnitOfWork
from tests.storage.samples import ROADS, add_categories, make_user


async def stored_ids(uow: SqlUnitOfWork, *ids: int) -> list[int]:
    async with uow:
        return [user_id for user_id in ids if await uow.users.get(user_id) is not None]


async def test_commit_persists(uow: SqlUnitOfWork) -> None:
    async with uow:
        await uow.users.add(make_user(1))
        await uow.commit()
    assert await stored_ids(uow, 1) == [1]


async def test_leaving_without_commit_discards(uow: SqlUnitOfWork) -> None:
    async with uow:
        await uow.users.add(make_user(1))
    assert await stored_ids(uow, 1) == []


async def test_an_exception_rolls_back_and_propagates(uow: SqlUnitOfWork) -> None:
    with pytest.raises(LookupError):
        async with uow:
            await uow.users.add(make_user(1))
            raise LookupError
    assert await stored_ids(uow, 1) == []


async def test_rollback_then_more_work(uow: SqlUnitOfWork) -> None:
    async with uow:
        await uow.users.add(make_user(1))
        await uow.rollback()
        await uow.users.add(make_user(2))
        await uow.commit()
        await uow.users.add(make_user(3))  # after a commit, a new transaction begins
    assert await stored_ids(uow, 1, 2, 3) == [2]


async def test_must_be_entered_once(uow: SqlUnitOfWork) -> None:
    with pytest.raises(RuntimeError, match="not open"):
        await uow.commit()
    async with uow:
        with pytest.raises(RuntimeError, match="already open"):
            await uow.__aenter__()
    with pytest.raises(RuntimeError, match="not open"):
        _ = uow.session


async def test_services_run_on_it(uow: SqlUnitOfWork, clock: FixedClock) -> None:
    port: UnitOfWork = uow  # structurally a domain UnitOfWork
    async with port:
        user = await ensure_user(port, clock, 77, "Ильдар", "ildar", "tt-RU", "ru")
        await choose_locale(port, 77, "en")
        page = await my_requests(port, 77, page=3)
        await port.commit()
    assert (user.locale, user.locale_chosen) == ("tt", False)
    assert (page.total, page.page, page.pages, page.items) == (0, 0, 1, [])
    async with port:
        again = await ensure_user(port, clock, 77, "Ильдар", "ildar", "ru", "ru")
    assert (again.locale, again.locale_chosen) == ("en", True)


async def test_a_whole_report_through_the_services(uow: SqlUnitOfWork, clock: FixedClock) -> None:
    place = Place("ул. Баумана, 19", district="Вахитовский", lat=55.7887, lon=49.1221)
    draft = ReportDraft("roads", place, "Глубокая яма у остановки", ("p1", "p2"))
    async with uow:
        await add_categories(uow.session, ROADS)
        await ensure_user(uow, clock, 1, "Алсу", None, "tt", "ru")
        await ensure_user(uow, clock, 2, "Ильдар", None, "ru", "ru")
        submitted = await submit_request(uow, clock, 1, draft)
        await uow.commit()
    assert submitted.id is not None

    async with uow:
        nearby = replace(draft, place=replace(place, lat=55.7890, lon=49.1225))
        assert [r.id for r in await similar_open_requests(uow, nearby)] == [submitted.id]
        await join_request(uow, clock, 2, submitted.id)
        card = await request_card(uow, 2, submitted.id)
        await uow.commit()
    assert card.request.photos == ("p1", "p2")
    assert [e.kind for e in card.history] == [EventKind.CREATED, EventKind.FOLLOWER_JOINED]

    async with uow:
        withdrawn = await withdraw_request(uow, clock, 1, submitted.id)
        await uow.commit()
    async with uow:
        assert await uow.requests.get(submitted.id) == withdrawn
        assert await similar_open_requests(uow, draft) == []
        assert (await my_requests(uow, 1, 0)).total == 1
