"""Two "still off" answers from one building at the same moment on PostgreSQL: the building's
outage is reopened once, and neither answer is lost to the reopening's unique source id."""

import asyncio
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.alerts.crowd_rules import DEFAULT_RULES
from domain.alerts.outages import OutageArea, OutageDraft, OutageKind, OutageStatus, StreetSpan
from domain.alerts.subscriptions import SavedAddress
from domain.clock import FixedClock
from domain.services.crowd import RESIDENTS_SOURCE
from domain.services.is_back import BackOutcome, answer_is_back
from domain.services.outages import publish_outage
from storage.models import OutageRow
from storage.reference_data import load_reference_data
from storage.uow import SqlUnitOfWork
from tests.e2e.waiting import eventually
from tests.storage.samples import DATA_DIR, NOW, make_user

CLOCK = FixedClock(NOW + timedelta(minutes=10))


async def restored_with_residents(engine: AsyncEngine, session_factory) -> tuple[int, dict]:  # type: ignore[no-untyped-def,type-arg]
    async with SqlUnitOfWork(session_factory, CLOCK) as uow:
        await load_reference_data(uow.session, DATA_DIR)
        street = next(s for s in await uow.streets.all() if s.name == "Баумана")
        assert street.id is not None
        homes = {}
        for user_id in (1, 2, 3, 4):
            await uow.users.add(make_user(user_id))
            home = SavedAddress(user_id, "Дом", "ул. Баумана, 15", NOW, street.id, "15")
            homes[user_id] = (await uow.subscriptions.add_address(home)).id
        area = OutageArea(streets=(StreetSpan(street.id),))
        draft = OutageDraft(OutageKind.COLD_WATER, True, area, NOW, None, "", "Водоканал")
        outage = (await publish_outage(uow, CLOCK, draft)).outage
        await uow.outages.save(replace(outage, status=OutageStatus.RESTORED, updated_at=NOW))
        await uow.commit()
    assert outage.id is not None
    return outage.id, homes


async def a_session_waits_on_a_lock(engine: AsyncEngine) -> bool:
    async with engine.connect() as connection:
        waiting = await connection.scalar(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                " AND datname = current_database()"
            )
        )
    return bool(waiting)


async def test_two_answers_crossing_the_threshold_at_once_reopen_once(
    engine: AsyncEngine, session_factory
) -> None:  # type: ignore[no-untyped-def]
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer: its transactions cannot cross")
    outage_id, homes = await restored_with_residents(engine, session_factory)

    async def answer(uow: SqlUnitOfWork, user_id: int) -> BackOutcome:
        return await answer_is_back(
            uow, CLOCK, DEFAULT_RULES, user_id, outage_id, homes[user_id], False
        )

    async def answer_alone(user_id: int) -> BackOutcome:
        async with SqlUnitOfWork(session_factory, CLOCK) as uow:
            outcome = await answer(uow, user_id)
            await uow.commit()
        return outcome

    for user_id in (1, 2):
        await answer_alone(user_id)
    async with SqlUnitOfWork(session_factory, CLOCK) as first:
        third = await answer(first, 3)  # the third "still off": reopens, not committed yet
        fourth_task = asyncio.create_task(answer_alone(4))  # counts the same two before it
        await eventually(lambda: a_session_waits_on_a_lock(engine))
        await first.commit()
    fourth = await fourth_task
    assert third.reopened is not None and fourth.reopened is not None
    assert fourth.reopened.id == third.reopened.id
    assert fourth.tally.still_off == 4
    async with session_factory() as session:
        reopened = await session.scalar(
            select(func.count()).where(OutageRow.source == RESIDENTS_SOURCE)
        )
    assert reopened == 1
