"""A press is tried only on the handlers of its callback data prefix, with the same result."""

from typing import Any

from aiogram import Router
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, User

from bot.callback_prefixes import check_prefix_first


class FirstCb(CallbackData, prefix="a"):
    n: int


class SecondCb(CallbackData, prefix="ab"):
    n: int


class BareCb(CallbackData, prefix="bare"):
    pass


def press(data: str) -> CallbackQuery:
    user = User(id=1, is_bot=False, first_name="Anna")
    return CallbackQuery(id="1", from_user=user, chat_instance="c", data=data)


async def route(router: Router, data: str) -> tuple[Any, list[str]]:
    checked.clear()
    result = await router.propagate_event("callback_query", press(data))
    return result, list(checked)


checked: list[str] = []


def counted(name: str) -> Any:
    def seen(_: CallbackQuery) -> bool:
        checked.append(name)
        return True

    return seen


def build() -> Router:
    router = Router()

    @router.callback_query(counted("first"), FirstCb.filter())
    async def first(_: CallbackQuery, callback_data: FirstCb) -> str:
        return f"first {callback_data.n}"

    @router.callback_query(counted("second"), SecondCb.filter(), counted("second after"))
    async def second(_: CallbackQuery, callback_data: SecondCb) -> str:
        return f"second {callback_data.n}"

    @router.callback_query(counted("bare"), BareCb.filter())
    async def bare(_: CallbackQuery) -> str:
        return "bare"

    @router.callback_query(counted("any"))
    async def anything(_: CallbackQuery) -> str:
        return "any"

    return router


async def test_the_same_handler_answers_and_only_its_filters_run() -> None:
    plain, indexed = build(), build()
    assert check_prefix_first(indexed) == 3  # the one without a callback data filter: as is
    for data in ("a:1", "ab:2", "bare", "ab", "a:x", "b:1", "abc:1", ""):
        expected, _ = await route(plain, data)
        answer, filters_run = await route(indexed, data)
        assert answer == expected, data
    assert (await route(indexed, "ab:2"))[1] == ["second", "second after"]
    assert (await route(indexed, "b:1"))[1] == ["any"]
    assert (await route(indexed, "bare"))[1] == ["bare"]
