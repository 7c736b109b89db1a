"""The index picks, for every form state and command or button, the handler the full walk
through the real routers picks.

The routers are the bot's own (handlers.create_root_router), prepared as bot/app.py prepares
them. Filters the index reads (states, commands, callback data) and magic filters on the
event's content run for real; every other filter (staff, database, album look-ups) answers
from a seeded table, the same answer on both paths, so each seed is another world of who is
staff and what waits. A recording middleware tells which handler was chosen without calling it.
"""

import random
from datetime import UTC, datetime
from typing import Any

import pytest
from aiogram import Dispatcher, Router
from aiogram.dispatcher.event.bases import REJECTED, UNHANDLED, SkipHandler
from aiogram.dispatcher.event.handler import FilterObject
from aiogram.filters import Command, CommandStart, StateFilter
from aiogram.filters.callback_data import CallbackQueryFilter
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, Chat, Contact, Location, Message, PhotoSize, Sticker, User

from bot.callback_prefixes import check_prefix_first
from bot.event_index import EventIndex, index_events
from bot.inline_callables import run_inline
from handlers import create_root_router

PERSON = User(id=7, is_bot=False, first_name="Alsu", username="alsu")
CHATS = (Chat(id=7, type="private"), Chat(id=-100, type="supergroup"))
SEEDS = (1, 2)
READ = (State, StateFilter, Command, CommandStart, CallbackQueryFilter)


class FakeBot:
    id = 42

    async def me(self) -> User:
        return User(id=42, is_bot=True, first_name="Kazan", username="kazan_bot")


class World:
    """The answers of the filters the index does not read, one table per seed."""

    def __init__(self) -> None:
        self.seed = 0
        self.taken = 0

    def take_over(self, event_filter: FilterObject) -> None:
        number = self.taken = self.taken + 1
        answers = {seed: random.Random(f"{seed}:{number}").random() < 0.6 for seed in SEEDS}

        async def decided(*_: Any, **__: Any) -> bool:
            return answers[self.seed]

        event_filter.callback, event_filter.awaitable, event_filter.varkw = decided, True, True


def prepared(world: World) -> tuple[Router, list[EventIndex]]:
    root = create_root_router()
    dispatcher = Dispatcher()
    dispatcher.include_router(root)
    for router in root.chain_tail:
        for observer in (router.message, router.callback_query):
            filters = [*(observer._handler.filters or ())]
            filters += [f for h in observer.handlers for f in h.filters or ()]
            for event_filter in filters:
                if event_filter.magic is None and not isinstance(event_filter.callback, READ):
                    world.take_over(event_filter)

    async def chosen(_: Any, __: Any, data: dict[str, Any]) -> Any:
        return data["handler"].callback  # which handler, without running it

    root.message.middleware(chosen)
    root.callback_query.middleware(chosen)
    run_inline(dispatcher)
    check_prefix_first(dispatcher)
    return root, index_events(root)


def messages(commands: set[tuple[str, str]], chat: Chat) -> list[Message]:
    base: dict[str, Any] = {"message_id": 1, "date": datetime(2026, 1, 1, tzinfo=UTC)}
    base |= {"chat": chat, "from_user": PERSON}
    texts = [f"{prefix}{name}" for prefix, name in commands]
    texts += ["Яма у дома", "✖️ Отмена", "/START", "/start ref-12", "/weather", "  /help"]
    texts += ["/my@kazan_bot", "/my@other_bot", "/", "Отмена"]
    photo = [PhotoSize(file_id="p", file_unique_id="p", width=1, height=1)]
    contents: list[dict[str, Any]] = [{"text": text} for text in texts]
    contents += [
        {"photo": photo},
        {"photo": photo, "caption": "/my"},
        {"photo": photo, "media_group_id": "album"},
        {"location": Location(latitude=55.79, longitude=49.12)},
        {"contact": Contact(phone_number="+7900", first_name="Alsu", user_id=7)},
        {
            "sticker": Sticker(
                file_id="s",
                file_unique_id="s",
                type="regular",
                width=1,
                height=1,
                is_animated=False,
                is_video=False,
            )
        },
    ]
    return [Message(**base, **content) for content in contents]


def presses(prefixes: set[tuple[str, str]], chat: Chat) -> list[CallbackQuery]:
    shown = Message(message_id=2, date=datetime(2026, 1, 1, tzinfo=UTC), chat=chat, text="…")
    data = [f"{prefix}:1:2" for _, prefix in prefixes] + [p for _, p in prefixes]
    data += ["zz:1", "x"]
    return [
        CallbackQuery(id="1", from_user=PERSON, chat_instance="c", data=d, message=shown)
        for d in data
    ]


async def pick(root: Router, event: Any, update_type: str, state: str | None) -> tuple[Any, Any]:
    data: dict[str, Any] = {"bot": FakeBot(), "raw_state": state, "event_from_user": PERSON}
    data["event_chat"] = event.chat if isinstance(event, Message) else event.message.chat
    walked = await Router.propagate_event(root, update_type, event, **data)  # every router
    indexed = await root.propagate_event(update_type, event, **data)
    return walked, indexed


@pytest.mark.usefixtures("russian")  # «✖️ Отмена» filters compare with the catalogue's text
async def test_every_state_and_key_reaches_the_handler_the_routers_pick() -> None:
    world = World()
    root, indexes = prepared(world)
    assert [index.update_type for index in indexes] == ["message", "callback_query"]
    compared = answered = 0
    for index in indexes:
        states = [*sorted(s for s in index._states if s is not None), None, "Gone:state"]
        for seed, state, chat in ((s, st, c) for s in SEEDS for st in states for c in CHATS):
            world.seed = seed
            events: list[Any] = (
                messages(index._keys, chat)
                if index.update_type == "message"
                else presses(index._keys, chat)
            )
            for event in events:
                walked, indexed = await pick(root, event, index.update_type, state)
                assert indexed == walked, (index.update_type, seed, state, event)
                compared += 1
                answered += walked is not UNHANDLED
    assert compared > 5000
    assert answered > compared // 2  # mostly events some handler takes, not only misses


async def test_a_message_in_a_form_is_offered_to_few_handlers() -> None:
    world = World()
    world.seed = SEEDS[0]
    root, (messages_index, presses_index) = prepared(world)
    text = messages(set(), CHATS[0])[0]
    in_form = messages_index.candidates("ReportForm:description", text)
    assert 0 < len(in_form) < len(messages_index._entries) // 5
    press = presses({min(presses_index._keys)}, CHATS[0])[0]
    assert len(presses_index.candidates(None, press)) < len(presses_index._entries) // 5


def nested() -> tuple[Router, list[str]]:
    """Handlers that give up in each way aiogram knows; the log says who was called."""
    called: list[str] = []
    root, form, after = Router(name="root"), Router(name="form"), Router(name="after")
    inner = Router(name="inner")
    form.message.filter(StateFilter("F:a"), lambda _: {"from_router": "form"})

    @form.message(StateFilter("F:a"))
    async def skips(_: Message) -> None:
        called.append("skips")
        raise SkipHandler

    @form.message(StateFilter("F:a"))
    async def unhandled(_: Message, from_router: str) -> Any:
        called.append(f"unhandled {from_router}")
        return UNHANDLED

    @form.message()
    async def not_reached(_: Message) -> str:  # its router's turn ended with UNHANDLED
        return "not reached"

    @inner.message(Command("go"))
    async def rejects(_: Message) -> Any:
        called.append("rejects")
        return REJECTED

    @inner.message()
    async def not_reached_either(_: Message) -> str:
        return "not reached"

    @after.message()
    async def last(_: Message, event_router: Router) -> str:
        return f"last in {event_router.name}"

    form.include_router(inner)
    root.include_routers(form, after)
    return root, called


async def test_skip_unhandled_and_rejected_continue_the_search_as_aiogram_does() -> None:
    text = messages(set(), CHATS[0])[0].model_copy(update={"text": "/go"})
    results = []
    for with_index in (False, True):
        root, called = nested()
        if with_index:
            assert len(index_events(root)) == 2
        results.append(
            (await root.propagate_event("message", text, raw_state="F:a", bot=FakeBot()), called)
        )
    assert (
        results[0]
        == results[1]
        == (
            "last in after",
            ["skips", "unhandled form", "rejects"],
        )
    )


def test_a_router_with_an_outer_middleware_keeps_the_full_walk() -> None:
    root, _ = nested()

    async def outer(handler: Any, event: Any, data: dict[str, Any]) -> Any:
        return await handler(event, data)

    root.sub_routers[1].message.outer_middleware(outer)
    assert [index.update_type for index in index_events(root)] == ["callback_query"]
