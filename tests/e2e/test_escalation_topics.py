"""Escalations posted in a chat go where the request's card lives: in a department's forum
topic (message_thread_id), in reply to the card — the deadline pass's fallback (nobody could
be written to directly) and the announcement of a request nobody took in time."""

import pytest
from sqlalchemy import update

from sandbox.driver import Group, Person
from sandbox.server import BotApiStandIn
from sandbox.views import SentMessage
from scheduler.jobs import escalate_unanswered
from storage.models import RequestRow
from tests.e2e.harness import STAFF_CHAT_ID, START, RunningBot
from tests.e2e.test_alert_delivery import MovableClock
from tests.e2e.test_deadline_countdown import DEADLINE_NOTICE, hourly_pass, kazan
from tests.e2e.test_department_figures import TOPIC, roads_chat
from tests.e2e.test_departments_journey import ROADS, card_in
from tests.e2e.test_report_journeys import CENTRE, file_by_location
from tests.e2e.test_staff_journey import staff_room
from tests.e2e.waiting import eventually


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(START)


async def card_in_topic(anna: Person, stand_in: BotApiStandIn, bot: RunningBot) -> Group:
    """A request of the roads department, whose own forum chat has a topic for it; the
    staff chat's administrator and the department's head never wrote to the bot."""
    staff_room(stand_in)
    _head, roads = await roads_chat(stand_in, bot, forum=True)
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    card = await card_in(roads, f"🏢 Подразделение: {ROADS}")
    assert card.raw.get("message_thread_id") == TOPIC
    return roads


async def posted(chat: Group, showing: str) -> SentMessage:
    def found() -> SentMessage:
        messages = [m for m in chat.messages() if m.from_bot and showing in (m.text or "")]
        assert len(messages) == 1, messages
        return messages[0]

    return await eventually(found, timeout=20)


def replies_to_the_card(chat: Group, message: SentMessage) -> bool:
    card = next(m for m in chat.messages() if (m.text or "").startswith("Заявка KZN-000001\n"))
    return message.raw.get("reply_to_message", {}).get("message_id") == card.raw["message_id"]


async def test_the_deadline_fallback_goes_to_the_cards_topic(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot, clock: MovableClock
) -> None:
    roads = await card_in_topic(anna, stand_in, bot)
    clock.move_to(kazan(12, 15, 10))  # past the deadline of 14 December
    assert await hourly_pass(bot, clock) == (1, 1)
    notice = await posted(roads, DEADLINE_NOTICE)
    assert notice.raw.get("message_thread_id") == TOPIC
    assert replies_to_the_card(roads, notice)
    assert not stand_in.errors


async def test_an_untaken_request_is_announced_in_the_cards_topic(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    roads = await card_in_topic(anna, stand_in, bot)
    assert bot.app is not None
    factory = bot.app.session_factory
    async with factory.begin() as session:  # a day passes with nobody taking it
        await session.execute(update(RequestRow).values(first_response_due_at=START))
    assert await escalate_unanswered(factory, bot.clock, STAFF_CHAT_ID) == 1
    bot.app.outbox_wake.set()
    alarm = await posted(roads, "никто не взял")
    assert alarm.raw.get("message_thread_id") == TOPIC
    assert replies_to_the_card(roads, alarm)
