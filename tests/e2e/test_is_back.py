""" "Is it back?" over the Bot API stand-in (issue 18): after "restored", "still off" from one
building reopens the outage there and nowhere else; a question that no longer stands takes
away its own buttons only."""

from datetime import timedelta

from domain.alerts.outages import (
    OutageArea,
    OutageChange,
    OutageDraft,
    OutageKind,
    OutageStatus,
    StreetSpan,
)
from domain.clock import StartedClock
from domain.services import outages
from sandbox.driver import Group, Person
from sandbox.people import add_person
from sandbox.server import BotApiStandIn
from sandbox.views import SentMessage
from tests.e2e.harness import RunningBot, outbox_idle
from tests.e2e.test_crowd_outages import NO, YES, fan_out, save_homes, uow
from tests.e2e.test_staff_journey import staff_room
from tests.e2e.waiting import eventually


async def test_still_off_in_one_house_reopens_it_there_only(
    stand_in: BotApiStandIn, bot: RunningBot, clock: StartedClock
) -> None:
    boss, _clerk, staff = staff_room(stand_in)
    in_15 = [add_person(stand_in.world, first_name=n) for n in ("А", "Б", "В")]
    gleb = add_person(stand_in.world, first_name="Глеб")
    for person in (*in_15, gleb):
        await person.send("/start")
    await save_homes(bot, clock, [*((p, "15") for p in in_15), (gleb, "17")])
    street_id = await restored_on_baumana(bot, clock)
    await fan_out(bot, clock)

    def asked(person: Person) -> SentMessage:
        found = [m for m in person.replies() if "Всё ли у вас в порядке" in m.text]
        assert len(found) == 1 and "восстановлена" in found[0].text
        return found[0]

    await gleb.press_in(await eventually(lambda: asked(gleb)), YES)
    assert "Рады" in gleb.last_alert().text
    for n, person in enumerate(in_15):
        question = await eventually(lambda p=person: asked(p))
        await person.press_in(question, NO)
        if n == 0:
            await person.press_in(question, NO)
            assert "уже учтён" in person.last_alert().text  # counted once
    assert "открыто снова" in in_15[-1].last_alert().text

    reopened = await reopened_card(staff, "«всё ещё нет» — 3, «да, есть» — 0")
    assert "ул. Баумана, 15" in reopened.text
    await in_15[0].press_in(asked(in_15[0]), YES)  # back for her after all: the card says so
    assert "Ответ изменён" in in_15[0].last_alert().text
    await reopened_card(staff, "«всё ещё нет» — 2, «да, есть» — 1")
    await gleb.press_in(asked(gleb), NO)  # changed his mind: one "no" is not his building
    await fan_out(bot, clock)
    told = await in_15[0].wait_for_reply(lambda m: "Аварийное отключение" in (m.text or ""))
    assert "ул. Баумана, 15" in told.text
    async with uow(bot, clock) as read:
        off_15 = await outages.covering(
            read, clock, street_id, "15", None, [OutageKind.COLD_WATER]
        )
        off_17 = await outages.covering(
            read, clock, street_id, "17", None, [OutageKind.COLD_WATER]
        )
    assert [o.source for o in off_15] == ["residents"] and off_17 == []
    await outbox_idle(bot)
    assert not any("Аварийное" in m.text for m in gleb.replies())
    assert boss.replies(staff)  # the staff chat has the cards; staff pressed nothing


async def reopened_card(staff: Group, showing: str) -> SentMessage:
    def the_one() -> SentMessage:
        cards = [m for m in staff.messages() if m.from_bot and "Снова отключено" in m.text]
        assert len(cards) == 1 and showing in cards[0].text, f"{showing!r} not in {cards}"
        return cards[0]

    return await eventually(the_one)


async def restored_on_baumana(bot: RunningBot, clock: StartedClock) -> int:
    """A cold-water outage on the whole of Baumana street, restored just now: its street id."""
    async with uow(bot, clock) as write:
        street = next(s for s in await write.streets.all() if s.name == "Баумана")
        assert street.id is not None
        draft = OutageDraft(
            OutageKind.COLD_WATER,
            True,
            OutageArea(streets=(StreetSpan(street.id),)),
            clock.now() - timedelta(hours=2),
            None,
            "Порыв водовода",
            "Водоканал",
        )
        outage = (await outages.publish_outage(write, clock, draft)).outage
        assert outage.id is not None
        await outages.update_outage(
            write, clock, outage.id, OutageChange(status=OutageStatus.RESTORED)
        )
        await write.commit()
    return street.id


async def test_a_stale_question_takes_its_own_buttons_only(
    stand_in: BotApiStandIn, bot: RunningBot, clock: StartedClock
) -> None:
    """The address it asked about is gone: said so, and the unsubscribe button stays."""
    dina = add_person(stand_in.world, first_name="Дина")
    await dina.send("/start")
    await save_homes(bot, clock, [(dina, "15")])
    await restored_on_baumana(bot, clock)
    await fan_out(bot, clock)

    def asked() -> SentMessage:
        found = [m for m in dina.replies() if "Всё ли у вас в порядке" in m.text]
        assert found, "no question yet"
        return found[0]

    question = await eventually(asked)
    async with uow(bot, clock) as write:
        (home,) = await write.subscriptions.addresses(dina.id)
        assert home.id is not None
        await write.subscriptions.remove_address(dina.id, home.id)
        await write.commit()
    before = [b for row in question.buttons for b in row]
    assert any(b.startswith("🔕") for b in before) and YES in before
    await dina.press_in(question, YES)
    assert "больше нет" in dina.last_alert().text

    def buttons_left() -> list[str]:
        shown = [b for row in question.buttons for b in row]
        assert YES not in shown and NO not in shown
        return shown

    assert [b for b in await eventually(buttons_left) if b.startswith("🔕")]  # still there
