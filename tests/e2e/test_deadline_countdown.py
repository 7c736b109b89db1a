"""Deadlines that count down, with a clock the test moves: the resident's card shows the time
left in working days and hours, the staff card turns 🟢 → 🟡 → 🔴 as the hourly pass finds the
crossings, and a late request is escalated once, to the staff chat's administrators."""

from datetime import datetime

import pytest

from bot.escalation import recipients_for
from domain.clock import CITY_TZ
from sandbox.driver import Person
from sandbox.people import add_group, add_person
from sandbox.server import BotApiStandIn
from sandbox.views import SentMessage
from scheduler.jobs import watch_request_deadlines
from tests.e2e.harness import STAFF_CHAT_ID, START, RunningBot, outbox_idle
from tests.e2e.test_alert_delivery import MovableClock
from tests.e2e.test_report_journeys import CENTRE, file_by_location
from tests.e2e.test_staff_journey import staff_room, the_card

DEADLINE_NOTICE = "⏰ Срок ответа по заявке KZN-000001 истёк"


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(START)


def kazan(month: int, day: int, hour: int) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=CITY_TZ)


async def hourly_pass(bot: RunningBot, clock: MovableClock) -> tuple[int, int]:
    assert bot.app is not None
    recipients = recipients_for(bot.app.bot, STAFF_CHAT_ID)
    done = await watch_request_deadlines(bot.app.session_factory, clock, STAFF_CHAT_ID, recipients)
    await outbox_idle(bot)
    return done.redrawn, done.escalated


async def card_line(person: Person) -> str:
    """The deadline line of the resident's card of KZN-000001, opened afresh."""
    await person.send("/start req_1")
    return next(line for line in person.last_reply().text.splitlines() if "Срок" in line)


def mine(person: Person, fragment: str) -> list[SentMessage]:
    return [m for m in person.replies() if fragment in (m.text or "")]


async def test_countdown_bands_and_one_escalation(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot, clock: MovableClock
) -> None:
    boss, clerk, staff = staff_room(stand_in)
    await boss.send("/start")  # the administrator can be written to; the clerk is no admin
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    # Monday 30 November, 10:00; roads answer in 10 working days: by Monday 14 December.
    assert await card_line(anna) == "Срок ответа: до 14.12.2026 (осталось 10 раб. дней)"
    await the_card(staff, stand_in, "🟢 Срок ответа: до 14.12.2026")

    clock.move_to(kazan(12, 5, 12))  # Saturday: the weekend uses up nothing
    assert await card_line(anna) == "Срок ответа: до 14.12.2026 (осталось 6 раб. дней)"
    assert await hourly_pass(bot, clock) == (0, 0)

    clock.move_to(kazan(12, 8, 1))  # 5 working days and an hour of 10: past half
    assert await hourly_pass(bot, clock) == (1, 0)
    await the_card(staff, stand_in, "🟡 Срок ответа")
    assert await hourly_pass(bot, clock) == (0, 0)  # still yellow: not redrawn again

    clock.move_to(kazan(12, 14, 12))  # the last day's noon: 95 %
    assert await hourly_pass(bot, clock) == (1, 0)
    await the_card(staff, stand_in, "🔴 Срок ответа: до 14.12.2026\n")
    assert await card_line(anna) == "Срок ответа: до 14.12.2026 (осталось 12 часов)"

    clock.move_to(kazan(12, 15, 10))
    assert await hourly_pass(bot, clock) == (1, 1)
    await the_card(staff, stand_in, "🔴 Срок ответа: до 14.12.2026 — просрочено")
    escalation = await boss.wait_for_reply(lambda m: DEADLINE_NOTICE in (m.text or ""))
    assert "Яма посреди дороги" in (escalation.text or "")  # the card itself, to read
    told = await anna.wait_for_reply(lambda m: "срок ответа (14.12.2026) истёк" in (m.text or ""))
    assert "руководителю" in (told.text or "")
    assert await card_line(anna) == ("Срок ответа: до 14.12.2026 — срок истёк 11 часов назад")

    clock.move_to(kazan(12, 16, 10))
    assert await hourly_pass(bot, clock) == (0, 0)
    assert len(mine(boss, DEADLINE_NOTICE)) == 1  # escalated once
    assert len(mine(anna, "истёк, а ответа ещё нет")) == 1
    assert mine(clerk, DEADLINE_NOTICE) == []
    assert not [m for m in staff.messages() if DEADLINE_NOTICE in (m.text or "")]


async def test_administrators_who_never_started_the_bot_leave_it_to_the_chat(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot, clock: MovableClock
) -> None:
    _boss, _clerk, staff = staff_room(stand_in)  # the boss never wrote to the bot
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    clock.move_to(kazan(12, 15, 10))
    assert await hourly_pass(bot, clock) == (1, 1)
    assert [m for m in staff.messages() if DEADLINE_NOTICE in (m.text or "")]
    assert not stand_in.errors


async def test_an_administrator_who_cannot_be_written_to_is_left_out_next_time(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot, clock: MovableClock
) -> None:
    """The boss acted in the staff chat but never opened a chat with the bot: Telegram refuses
    the direct message (403); the bot goes on, and the next escalation goes to the chat."""
    boss = add_person(stand_in.world, first_name="Начальник", has_started=False)
    staff = add_group(stand_in.world, title="Штаб", admins=[boss], chat_id=STAFF_CHAT_ID)
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    card = await the_card(staff, stand_in)
    await boss.press_in(card, "🙋 Взять")  # known to the bot now, yet never wrote to it
    clock.move_to(kazan(12, 1, 10))
    await file_by_location(anna, CENTRE, "Вторая яма, у остановки")  # due a day later

    clock.move_to(kazan(12, 15, 10))
    assert await hourly_pass(bot, clock) == (2, 1)
    assert [e for e in stand_in.errors if "Forbidden" in str(e)], [str(e) for e in stand_in.errors]
    assert mine(boss, DEADLINE_NOTICE) == []
    await anna.wait_for_reply(lambda m: "срок ответа (14.12.2026) истёк" in (m.text or ""))

    clock.move_to(kazan(12, 16, 10))
    assert await hourly_pass(bot, clock) == (1, 1)
    in_chat = [
        m for m in staff.messages() if "⏰ Срок ответа по заявке KZN-000002" in (m.text or "")
    ]
    assert len(in_chat) == 1
