"""The outbox dispatcher against the Bot API stand-in over HTTP, with a real aiogram Bot.

Each test gets a migrated SQLite copy, writes outbox rows as the use cases would, runs the
dispatcher's loop and reads what people received in the stand-in's world.
"""

import asyncio
import contextlib
from collections import Counter
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.notifier import TelegramSender
from domain.clock import SystemClock
from domain.notifications import Notification, NotificationStatus, Sender
from domain.users import User
from sandbox import BotApiStandIn, Pacing, Person, StandInConfig
from sandbox.events import EventKind, WorldEvent
from sandbox.people import add_group, add_person
from sandbox.reading import ChatReader
from scheduler.outbox import OutboxDispatcher
from scheduler.pacing import Limits, RateLimiter, RetryPolicy
from storage.engine import create_engine, create_session_factory
from storage.models import OutboxRow
from storage.uow import SqlUnitOfWork
from tests.e2e.harness import OutboxPasses, copy_template, sqlite_url
from tests.e2e.waiting import eventually

FAST_RETRIES = RetryPolicy(max_attempts=3, first_delay=0.05, max_delay=0.2)
# Generous enough for the ones that must go through Telegram's limits, small enough to
# keep every test to a few seconds.
QUICK = {
    "lease": timedelta(seconds=3),
    "send_timeout": 1.0,
    "max_wait": 1.0,
    "poll_interval": 0.1,
    "retry": FAST_RETRIES,
}
TOO_LAX = Limits(per_chat_per_second=50, per_chat_burst=50, overall_per_second=1000)


@dataclass
class Outbox:
    """A dispatcher's surroundings: the database, a Bot on the stand-in, and shortcuts."""

    stand_in: BotApiStandIn
    session_factory: async_sessionmaker[AsyncSession]
    bot: Bot
    clock: SystemClock = field(default_factory=SystemClock)

    def dispatcher(
        self, limits: Limits | None = None, sender: Sender | None = None, **options: Any
    ) -> OutboxDispatcher:
        return OutboxDispatcher(
            self.session_factory,
            sender or TelegramSender(self.bot),
            self.clock,
            RateLimiter(limits),
            **{**QUICK, **options},
        )

    def bot_with(self, timeout: float) -> Bot:
        """Another Bot on the stand-in, with its own HTTP timeout (close its session)."""
        return make_bot(self.stand_in, timeout)

    def notice(self, key: str, chat_id: int, text: str, **payload: Any) -> Notification:
        return Notification(
            key=key,
            chat_id=chat_id,
            kind="test",
            payload={"text": text, **payload},
            created_at=self.clock.now(),
        )

    async def add(self, *notifications: Notification) -> None:
        async with SqlUnitOfWork(self.session_factory, SystemClock()) as uow:
            for notification in notifications:
                await uow.outbox.add(notification)
            await uow.commit()

    async def add_people(self, *people: Person) -> None:
        async with SqlUnitOfWork(self.session_factory, SystemClock()) as uow:
            for person in people:
                user = User(id=person.id, first_name="x", locale="ru", created_at=self.clock.now())
                await uow.users.add(user)
            await uow.commit()

    async def rows(self) -> dict[str, OutboxRow]:
        async with SqlUnitOfWork(self.session_factory, SystemClock()) as uow:
            return {row.key: row for row in await uow.session.scalars(select(OutboxRow))}

    async def pending(self) -> int:
        async with SqlUnitOfWork(self.session_factory, SystemClock()) as uow:
            pending = NotificationStatus.PENDING.value
            count = select(func.count()).where(OutboxRow.status == pending)
            return int(await uow.session.scalar(count) or 0)

    async def settled(self, timeout: float = 8.0) -> None:
        async def none_pending() -> bool:
            return not await self.pending()

        await eventually(none_pending, timeout, interval=0.02)

    def calls(self, method: str = "sendMessage", chat_id: int | None = None) -> list[Any]:
        return [
            call
            for call in self.stand_in.calls
            if call.method == method
            and (chat_id is None or str(call.params.get("chat_id")) == str(chat_id))
        ]

    def too_many_requests(self) -> int:
        return sum(1 for call in self.calls() if "Too Many Requests" in (call.error or ""))


@asynccontextmanager
async def running(
    dispatcher: OutboxDispatcher, wake: asyncio.Event | None = None
) -> AsyncIterator["asyncio.Task[None]"]:
    stop = asyncio.Event()
    task = asyncio.create_task(dispatcher.run(stop, wake))
    try:
        yield task
    finally:
        stop.set()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait_for(task, 5)


def make_bot(stand_in: BotApiStandIn, timeout: float = 60.0) -> Bot:
    api = TelegramAPIServer.from_base(stand_in.base_url)
    session = AiohttpSession(api=api, timeout=timeout)
    return Bot(stand_in.token, session, DefaultBotProperties(parse_mode=ParseMode.HTML))


@asynccontextmanager
async def outbox_on(
    stand_in: BotApiStandIn, template: Path, target: Path
) -> AsyncIterator[Outbox]:
    engine: AsyncEngine = create_engine(sqlite_url(copy_template(template, target)))
    bot = make_bot(stand_in)
    try:
        yield Outbox(stand_in, create_session_factory(engine), bot)
    finally:
        await bot.session.close()
        await engine.dispose()


@pytest.fixture
async def outbox(
    stand_in: BotApiStandIn, database_template: Path, tmp_path: Path
) -> AsyncIterator[Outbox]:
    async with outbox_on(stand_in, database_template, tmp_path / "outbox.sqlite3") as built:
        yield built


@pytest.fixture
async def paced_outbox(database_template: Path, tmp_path: Path) -> AsyncIterator[Outbox]:
    """The stand-in answering 429 the way Telegram does when the bot goes too fast."""
    config = StandInConfig(pacing=Pacing(enabled=True), max_lifetime=60.0)
    async with (
        BotApiStandIn(config=config) as stand_in,
        outbox_on(stand_in, database_template, tmp_path / "outbox.sqlite3") as built,
    ):
        yield built


def texts(chat: ChatReader) -> list[str | None]:
    return [message.text for message in chat.replies()]


def numbered(prefix: str, count: int) -> list[str]:
    return [f"{prefix} {i}" for i in range(count)]


async def test_rows_go_out_in_order_with_message_ids_recorded(outbox: Outbox) -> None:
    anna = add_person(outbox.stand_in.world, "Анна")
    boris = add_person(outbox.stand_in.world, "Борис")
    await outbox.add(
        *(outbox.notice(f"a{i}", anna.id, text) for i, text in enumerate(numbered("Анна", 3))),
        outbox.notice("b0", boris.id, "<b>Яма & лужа</b> — заявка принята"),
    )
    async with running(outbox.dispatcher()):
        await outbox.settled()
    assert texts(anna) == numbered("Анна", 3)
    assert texts(boris) == ["<b>Яма & лужа</b> — заявка принята"]  # escaped, shown as typed
    rows = await outbox.rows()
    delivered = {m.text: m.message_id for m in anna.replies() + boris.replies()}
    for key, text in [("a0", "Анна 0"), ("a2", "Анна 2")]:
        assert rows[key].status == "sent"
        assert rows[key].sent_message_id == delivered[text]
        assert rows[key].sent_at is not None
        assert rows[key].attempts == 1


async def test_within_telegram_limits_the_bot_meets_no_429(paced_outbox: Outbox) -> None:
    world = paced_outbox.stand_in.world
    anna, boris = add_person(world, "Анна"), add_person(world, "Борис")
    staff = add_group(world, "Штаб", admins=[boris])
    await paced_outbox.add(
        *(paced_outbox.notice(f"a{i}", anna.id, t) for i, t in enumerate(numbered("А", 4))),
        *(paced_outbox.notice(f"s{i}", staff.id, t) for i, t in enumerate(numbered("С", 3))),
        *(paced_outbox.notice(f"b{i}", boris.id, t) for i, t in enumerate(numbered("Б", 2))),
    )
    async with running(paced_outbox.dispatcher()):
        await paced_outbox.settled()
    assert (texts(anna), texts(boris)) == (numbered("А", 4), numbered("Б", 2))
    assert texts(staff) == numbered("С", 3)
    assert paced_outbox.too_many_requests() == 0


async def test_429s_are_waited_out_and_nothing_is_sent_twice(paced_outbox: Outbox) -> None:
    world = paced_outbox.stand_in.world
    anna, boris = add_person(world, "Анна"), add_person(world, "Борис")
    await paced_outbox.add(
        *(paced_outbox.notice(f"a{i}", anna.id, t) for i, t in enumerate(numbered("А", 5))),
        *(paced_outbox.notice(f"b{i}", boris.id, t) for i, t in enumerate(numbered("Б", 2))),
    )
    async with running(paced_outbox.dispatcher(TOO_LAX)):  # a limiter that lets it run into 429s
        await paced_outbox.settled()
    assert (texts(anna), texts(boris)) == (numbered("А", 5), numbered("Б", 2))
    assert paced_outbox.too_many_requests() >= 1
    rows = await paced_outbox.rows()
    assert {row.attempts for row in rows.values()} == {1}  # a 429 is not a failed attempt


async def test_a_flood_of_429s_pauses_everyone_then_everything_arrives(
    paced_outbox: Outbox,
) -> None:
    world = paced_outbox.stand_in.world
    people = [add_person(world, f"Житель {i}") for i in range(45)]
    await paced_outbox.add(
        *(paced_outbox.notice(f"p{p.id}", p.id, "Отключение воды") for p in people)
    )
    dispatcher = paced_outbox.dispatcher(TOO_LAX, concurrency=4)
    async with running(dispatcher):
        await paced_outbox.settled()
    assert all(texts(person) == ["Отключение воды"] for person in people)
    # The overall bucket holds 30; after the first 429s from a few chats everyone waits,
    # instead of each of the 15 left running into its own 429.
    assert 1 <= paced_outbox.too_many_requests() <= 4 + 3


async def test_server_errors_are_retried_with_backoff_then_delivered(outbox: Outbox) -> None:
    world = outbox.stand_in.world
    anna, boris = add_person(world, "Анна"), add_person(world, "Борис")
    outbox.stand_in.faults.fail("sendMessage", times=2, status=502, chat_id=anna.id)
    await outbox.add(
        outbox.notice("a0", anna.id, "первое"),
        outbox.notice("a1", anna.id, "второе"),
        outbox.notice("b0", boris.id, "Борису"),
    )
    async with running(outbox.dispatcher()):
        await outbox.settled()
    assert (texts(anna), texts(boris)) == (["первое", "второе"], ["Борису"])
    rows = await outbox.rows()
    assert [rows[key].attempts for key in ("a0", "a1", "b0")] == [3, 1, 1]
    assert rows["a0"].last_error is None  # cleared once it went through
    assert len(outbox.calls(chat_id=anna.id)) == 4  # two 502s, then the two messages


async def test_a_row_that_keeps_failing_is_given_up_and_the_chat_moves_on(outbox: Outbox) -> None:
    anna = add_person(outbox.stand_in.world, "Анна")
    outbox.stand_in.faults.fail("sendMessage", times=FAST_RETRIES.max_attempts)
    await outbox.add(
        outbox.notice("a0", anna.id, "не дойдёт"), outbox.notice("a1", anna.id, "дойдёт")
    )
    async with running(outbox.dispatcher()):
        await outbox.settled()
    assert texts(anna) == ["дойдёт"]
    rows = await outbox.rows()
    assert (rows["a0"].status, rows["a0"].attempts) == ("failed", 3)
    assert rows["a0"].last_error == "gave up after 3 attempts: TelegramServerError: Bad Gateway"


@pytest.mark.parametrize("whose", ["dispatcher", "http client"])
async def test_a_timeout_is_retried_and_delivered_once(outbox: Outbox, whose: str) -> None:
    """The stand-in answers after 1.5 s (and sends nothing); whoever gives up first at
    0.3 s, the dispatcher's send_timeout or aiohttp's (a TelegramNetworkError), retries."""
    anna = add_person(outbox.stand_in.world, "Анна")
    outbox.stand_in.faults.fail("sendMessage", status=504, delay=1.5)
    await outbox.add(outbox.notice("a0", anna.id, "со второй попытки"))
    options: dict[str, Any] = {"send_timeout": 0.3, "lease": timedelta(seconds=2)}
    impatient = None
    if whose == "http client":
        impatient = outbox.bot_with(timeout=0.3)
        options = {"sender": TelegramSender(impatient)}
    try:
        async with running(outbox.dispatcher(**options)):
            await outbox.settled()
    finally:
        if impatient is not None:
            await impatient.session.close()
    assert texts(anna) == ["со второй попытки"]
    row = (await outbox.rows())["a0"]
    assert (row.status, row.attempts) == ("sent", 2)


async def test_a_message_telegram_refuses_fails_at_once(outbox: Outbox) -> None:
    anna = add_person(outbox.stand_in.world, "Анна")
    await outbox.add(
        outbox.notice("long", anna.id, "я" * 5000), outbox.notice("ok", anna.id, "ok")
    )
    async with running(outbox.dispatcher()):
        await outbox.settled()
    assert texts(anna) == ["ok"]
    row = (await outbox.rows())["long"]
    assert (row.status, row.attempts) == ("failed", 1)
    assert "message is too long" in (row.last_error or "")


async def test_a_person_who_blocked_the_bot_is_marked_and_left_alone(outbox: Outbox) -> None:
    world = outbox.stand_in.world
    anna, boris = add_person(world, "Анна"), add_person(world, "Борис")
    await outbox.add_people(anna, boris)
    anna.block_bot()
    await outbox.add(
        *(outbox.notice(f"a{i}", anna.id, t) for i, t in enumerate(numbered("А", 3))),
        *(outbox.notice(f"b{i}", boris.id, t) for i, t in enumerate(numbered("Б", 2))),
    )
    async with running(outbox.dispatcher()):
        await outbox.settled()
        await outbox.add(outbox.notice("a-later", anna.id, "и ещё"))
        await outbox.settled()
    assert (texts(anna), texts(boris)) == ([], numbered("Б", 2))
    assert len(outbox.calls(chat_id=anna.id)) == 1  # the one 403, nothing after it
    rows = await outbox.rows()
    assert {rows[k].status for k in ("a0", "a1", "a2", "a-later")} == {"failed"}
    async with SqlUnitOfWork(outbox.session_factory, SystemClock()) as uow:
        stored = await uow.users.get(anna.id)
    assert stored is not None and stored.blocked_bot


async def test_an_edit_refreshes_the_card_in_place(outbox: Outbox) -> None:
    staff = add_group(outbox.stand_in.world, "Штаб")
    await outbox.add(outbox.notice("card", staff.id, "Заявка 7: новая"))
    async with running(outbox.dispatcher()):
        await outbox.settled()
        [card] = staff.replies()
        await outbox.add(
            outbox.notice(
                "edit-1", staff.id, "Заявка 7: в работе", edit_message_id=card.message_id
            ),
            outbox.notice(
                "edit-2", staff.id, "Заявка 7: в работе", edit_message_id=card.message_id
            ),
        )
        await outbox.settled()
    assert [m.text for m in staff.replies()] == ["Заявка 7: в работе"]
    rows = await outbox.rows()
    # The second edit changes nothing: Telegram says "not modified", which is success.
    assert [rows[k].status for k in ("edit-1", "edit-2")] == ["sent", "sent"]
    assert rows["edit-2"].sent_message_id == card.message_id
    # ...and it is not even asked: the sender remembers what the card shows.
    assert outbox.stand_in.errors == []


async def test_an_edit_of_a_message_that_is_gone_sends_it_anew(outbox: Outbox) -> None:
    """A card deleted by hand (or posted in an earlier life of the chat) comes back."""
    staff = add_group(outbox.stand_in.world, "Штаб")
    await outbox.add(outbox.notice("card", staff.id, "Заявка 7: новая"))
    async with running(outbox.dispatcher()):
        await outbox.settled()
        [card] = staff.replies()
        staff.delete(card)
        await outbox.add(
            outbox.notice(
                "edit-1", staff.id, "Заявка 7: в работе", edit_message_id=card.message_id
            )
        )
        await outbox.settled()
        [anew] = staff.replies()
        await outbox.add(
            outbox.notice("edit-2", staff.id, "Заявка 7: решена", edit_message_id=anew.message_id)
        )
        await outbox.settled()
    assert anew.message_id != card.message_id and anew.text == "Заявка 7: решена"
    rows = await outbox.rows()
    assert [rows[k].status for k in ("edit-1", "edit-2")] == ["sent", "sent"]
    assert rows["edit-1"].sent_message_id == anew.message_id


async def test_a_commit_with_a_wake_up_is_delivered_at_once(outbox: Outbox) -> None:
    anna = add_person(outbox.stand_in.world, "Анна")
    wake, passes = asyncio.Event(), OutboxPasses()
    dispatcher = outbox.dispatcher(poll_interval=30.0)
    passes.watch(dispatcher)
    async with running(dispatcher, wake):
        await eventually(lambda: passes.last_idle)  # found nothing: asleep now, up to 30 s
        started = asyncio.get_running_loop().time()
        await outbox.add(outbox.notice("a0", anna.id, "Сразу"))
        wake.set()
        await outbox.settled(timeout=2.0)
        assert asyncio.get_running_loop().time() - started < 1.0
    assert texts(anna) == ["Сразу"]


def kill_on_send(outbox: Outbox, task: "asyncio.Task[None]", nth: int) -> Callable[[], None]:
    """Cancel the dispatcher the moment the stand-in stores its nth message: that send is
    in flight (done at Telegram, not yet recorded) when the process dies."""
    sent = 0

    def listener(event: WorldEvent) -> None:
        nonlocal sent
        if event.kind is EventKind.MESSAGE_SENT:
            sent += 1
            if sent == nth:
                task.cancel()

    return outbox.stand_in.world.events.subscribe(listener)


def collapse(values: Sequence[str | None]) -> list[str | None]:
    return [v for i, v in enumerate(values) if i == 0 or values[i - 1] != v]


@pytest.mark.parametrize("concurrency", [1, 4])
async def test_a_killed_dispatcher_loses_nothing_and_repeats_at_most_what_was_in_flight(
    outbox: Outbox, concurrency: int
) -> None:
    world = outbox.stand_in.world
    people = [add_person(world, name) for name in ("Анна", "Борис", "Вера")]
    expected = {p.id: numbered(str(p.id), 4) for p in people}
    await outbox.add(
        *(
            outbox.notice(f"{p.id}:{i}", p.id, text)
            for p in people
            for i, text in enumerate(expected[p.id])
        )
    )
    options: dict[str, Any] = {
        "concurrency": concurrency,
        "lease": timedelta(seconds=1.5),
        "max_wait": 0.2,
    }
    stop = asyncio.Event()
    first = asyncio.create_task(outbox.dispatcher(**options).run(stop))
    unsubscribe = kill_on_send(outbox, first, nth=5)
    with contextlib.suppress(asyncio.CancelledError):
        await asyncio.wait_for(first, 5)
    unsubscribe()
    async with running(outbox.dispatcher(**options)):  # the restarted process
        await outbox.settled()
    received = Counter(text for p in people for text in texts(p))
    duplicates = sum(count - 1 for count in received.values())
    assert set(received) == {text for texts_ in expected.values() for text in texts_}
    assert 1 <= duplicates <= concurrency
    for person in people:  # a repeat sits right after itself: the chat's order holds
        assert collapse(texts(person)) == expected[person.id]
