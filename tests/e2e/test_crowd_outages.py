"""The city hears the crowd (issue 18), over the Bot API stand-in: three "no water" reports
from one building make one suspected-outage card, which staff confirm (everyone who reported
is told) or dismiss with a reason, in the chat of the department that answers for water
when it has one ("is it back?" after "restored": tests/e2e/test_is_back.py)."""

from sqlalchemy import update

from domain.alerts.outages import (
    OutageKind,
)
from domain.alerts.subscriptions import SavedAddress
from domain.clock import StartedClock
from domain.services import subscriptions
from sandbox.driver import Group, Person
from sandbox.people import add_group, add_person
from sandbox.server import BotApiStandIn
from sandbox.views import SentMessage
from scheduler.fanout import FanoutWorker
from storage.models import DepartmentRow
from storage.uow import SqlUnitOfWork
from tests.e2e.harness import RunningBot, outbox_idle
from tests.e2e.test_booking_notices import replay
from tests.e2e.test_staff_journey import staff_room
from tests.e2e.waiting import eventually

WATER_OFF = "Нет воды во всём доме с самого утра"
CONFIRM, DISMISS = "✅ Подтвердить отключение", "✖️ Не отключение"
YES, NO = "Да, есть", "Нет, всё ещё нет"
UTILITIES_CHAT = -1009876500001


def uow(bot: RunningBot, clock: StartedClock) -> SqlUnitOfWork:
    assert bot.app is not None
    return SqlUnitOfWork(bot.app.session_factory, clock)


async def fan_out(bot: RunningBot, clock: StartedClock) -> None:
    """What the bot process's fan-out worker does (the test harness runs none of its own)."""
    assert bot.app is not None
    worker = FanoutWorker(bot.app.session_factory, clock, outbox_wake=bot.app.outbox_wake)
    await worker.drain_once()


async def report_no_water(person: Person, how: str | None = None) -> None:
    """A "no water" request at ул. Баумана, 15; `how` answers "similar requests nearby"."""
    await person.send("/report")
    await person.press("Вода и отопление")
    await person.send("Баумана 15")
    await person.press("Пропустить")
    await person.send(WATER_OFF)
    await person.press("✅ Отправить")
    if how is not None:
        assert "похож" in person.last_reply().text.lower()
        await person.press(how)
    reply = person.last_reply().text
    assert "принята" in reply or "присоедин" in reply.lower(), reply


async def card(staff: Group, showing: str) -> SentMessage:
    """The one suspected-outage card, once it shows `showing` (group edits are paced)."""

    def the_one() -> SentMessage:
        cards = [m for m in staff.messages() if m.from_bot and "Похоже на отключение" in m.text]
        assert len(cards) == 1 and showing in cards[0].text, f"{showing!r} not in {cards}"
        return cards[0]

    return await eventually(the_one)


async def test_three_reports_one_card_confirmed_and_everyone_told(
    stand_in: BotApiStandIn, bot: RunningBot, clock: StartedClock
) -> None:
    boss, _clerk, staff = staff_room(stand_in)
    anna, boris, vera = (add_person(stand_in.world, first_name=n) for n in ("А", "Б", "В"))
    await report_no_water(anna)
    await report_no_water(boris, "Присоединиться к KZN-000001")
    await outbox_idle(bot)
    assert not [m for m in staff.messages() if "Похоже на отключение" in m.text]  # two: not yet
    await report_no_water(vera, "Всё равно отправить свою")

    shown = await card(staff, "Сообщили 3 жителя")
    assert "ул. Баумана, 15" in shown.text and "нет воды" in shown.text
    assert "KZN-000001, KZN-000002" in shown.text  # their requests, grouped
    assert shown.buttons == [[CONFIRM], [DISMISS]]
    confirm = shown.callback_data(CONFIRM)
    assert confirm is not None
    await boss.press_in(shown, CONFIRM)
    await fan_out(bot, clock)
    for person in (anna, boris, vera):
        told = await person.wait_for_reply(lambda m: "Аварийное отключение" in (m.text or ""))
        assert "Холодная вода" in told.text and "ул. Баумана, 15" in told.text
    decided = await card(staff, "✅ Подтверждено (Начальник")
    assert decided.buttons == []
    await replay(stand_in, boss, decided, confirm)  # pressed twice: nothing happens twice
    assert "Уже подтверждено" in boss.last_alert().text
    async with uow(bot, clock) as read:
        assert len(await read.outages.unfinished()) == 1


async def test_dismissed_with_a_reason_nobody_else_told(
    stand_in: BotApiStandIn, bot: RunningBot, clock: StartedClock
) -> None:
    """Questions to the FAQ count too, from residents whose address the bot knows."""
    boss, clerk, staff = staff_room(stand_in)
    people = [add_person(stand_in.world, first_name=n) for n in ("А", "Б", "В")]
    for person in people:
        await person.send("/start")
    await save_homes(bot, clock, [(p, "15") for p in people])
    for person in people:
        await person.send("нет воды в доме")  # the FAQ's "no water" answer
    shown = await card(staff, "Вопросы в справке: 3")
    await clerk.press_in(shown, DISMISS)
    assert "для сотрудников" in clerk.last_alert().text  # not staff: nothing asked
    await boss.press_in(shown, DISMISS)
    assert "Почему это не отключение" in staff.last_reply().text
    before = [len(p.replies()) for p in people]
    await boss.send("Плановая промывка стояка в 3-м подъезде", chat=staff)
    await card(staff, "✖️ Отклонено (Начальник")
    assert "Плановая промывка стояка" in (await card(staff, "Отклонено")).text
    await outbox_idle(bot)
    assert [len(p.replies()) for p in people] == before  # reporters not spammed
    async with uow(bot, clock) as read:
        assert await read.outages.unfinished() == []


async def save_homes(
    bot: RunningBot, clock: StartedClock, homes: list[tuple[Person, str]]
) -> None:
    """Each person's home on ул. Баумана, following cold water there."""
    async with uow(bot, clock) as write:
        street = next(s for s in await write.streets.all() if s.name == "Баумана")
        for person, house in homes:
            home = SavedAddress(
                person.id, "Дом", f"ул. Баумана, {house}", clock.now(), street.id, house
            )
            saved = await subscriptions.save_address(write, clock, home)
            assert saved.id is not None
            await subscriptions.follow_outages_at_address(
                write, clock, person.id, saved.id, [OutageKind.COLD_WATER]
            )
        await write.commit()


async def test_a_water_card_goes_to_housing_and_utilities_own_chat_and_is_confirmed_there(
    stand_in: BotApiStandIn, bot: RunningBot, clock: StartedClock
) -> None:
    """data/departments.csv routes water_heating to the housing committee: with a chat of its
    own, its head sees the card there (not in the main chat) and confirms it."""
    _boss, _clerk, staff = staff_room(stand_in)
    head = add_person(stand_in.world, first_name="Глава ЖКХ")
    utilities = add_group(stand_in.world, title="ЖКХ", members=[head], chat_id=UTILITIES_CHAT)
    assert bot.app is not None
    async with bot.app.session_factory.begin() as session:  # set through the admin API
        await session.execute(
            update(DepartmentRow)
            .where(DepartmentRow.code == "housing_utilities")
            .values(chat_id=UTILITIES_CHAT, head_user_id=head.id)
        )
    people = [add_person(stand_in.world, first_name=n) for n in ("А", "Б", "В")]
    await report_no_water(people[0])
    await report_no_water(people[1], "Присоединиться к KZN-000001")
    await report_no_water(people[2], "Всё равно отправить свою")

    shown = await card(utilities, "Сообщили 3 жителя")
    await head.press_in(shown, CONFIRM)
    await card(utilities, "✅ Подтверждено (Глава ЖКХ")
    await outbox_idle(bot)
    assert not [m for m in staff.messages() if "Похоже на отключение" in (m.text or "")]
    await fan_out(bot, clock)
    told = await people[0].wait_for_reply(lambda m: "Аварийное отключение" in (m.text or ""))
    assert "ул. Баумана, 15" in told.text
