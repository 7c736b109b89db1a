"""'Download my data' reads everything about the person, and nothing of anyone else."""

import json

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.clock import FixedClock
from domain.services.account import export_data
from storage.models.reference import CategoryRow
from storage.uow import SqlUnitOfWork
from tests.storage.samples import ROADS
from tests.storage.test_account_erasure import (
    LABELS,
    NAME,
    NEIGHBOUR,
    PERSON,
    PHONE,
    STAFF_CHAT,
    STAGE_NAME,
    seed_person,
)


async def test_the_export_gathers_every_part_of_the_account(
    session_factory: async_sessionmaker[AsyncSession], clock: FixedClock
) -> None:
    world = await seed_person(session_factory, clock)
    async with SqlUnitOfWork(session_factory, clock) as uow:
        document = await export_data(uow, clock, PERSON)

    profile = document["profile"]
    assert (profile["telegram_id"], profile["first_name"], profile["phone"]) == (
        PERSON,
        NAME,
        PHONE,
    )
    assert [a["label"] for a in document["saved_addresses"]] == list(LABELS)
    topics = sorted(s["topic"] for s in document["alerts"]["subscriptions"])
    assert topics == ["event:concerts", "outage:hot_water", "outage:hot_water"]
    assert document["alerts"]["preferences"]["events"] == "daily"
    mine = document["requests"]
    assert sorted(r["number"] for r in mine) == ["KZN-000001", "KZN-000002"]
    assert all(r["photos"] == 2 for r in mine)
    commented = next(r for r in mine if r["status"] == "new")
    assert [e["kind"] for e in commented["history"]] == ["created", "comment"]
    assert [f["number"] for f in document["following"]] == ["KZN-000003"]
    performer = document["performer"]
    assert performer["stage_name"] == STAGE_NAME
    assert [b["status"] for b in performer["bookings"]] == [
        "confirmed",  # the past one
        "confirmed",
        "confirmed",
        "pending",  # waiting for staff at the site without auto-approval
    ]
    assert performer["bookings"][1]["site"] == "Площадка fountain"
    assert len(performer["waiting_for"]) == 1

    text = json.dumps(document, ensure_ascii=False)
    for stranger in (NEIGHBOUR, STAFF_CHAT, world.waiting_performer):
        assert str(stranger) not in text
    assert "Соседка" not in text and "photo-a" not in text


async def test_a_request_in_a_retired_category_is_exported_with_its_name(
    session_factory: async_sessionmaker[AsyncSession], clock: FixedClock
) -> None:
    await seed_person(session_factory, clock)
    async with SqlUnitOfWork(session_factory, clock) as uow:
        await uow.session.execute(update(CategoryRow).values(active=False))
        await uow.commit()
    async with SqlUnitOfWork(session_factory, clock) as uow:
        document = await export_data(uow, clock, PERSON)

    named = [r["category"] for r in (*document["requests"], *document["following"])]
    assert named == [{"code": ROADS.code, "name": ROADS.name_ru}] * 3
