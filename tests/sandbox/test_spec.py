"""The spec subset, parameter validation and the results the sandbox builds."""

from __future__ import annotations

import json
from pathlib import Path

import aiogram.types
import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from sandbox import BotApiStandIn, Person
from sandbox.errors import ApiError
from sandbox.make_spec_subset import DEFAULT_SOURCE, METHODS, RESPONSE_TYPES, subset
from sandbox.spec import REQUIRED_OVERLAY, SPEC_PATH, check_result, load_spec, validate_params


@pytest.mark.skipif(not DEFAULT_SOURCE.exists(), reason="shared spec not beside the repo")
def test_subset_is_up_to_date() -> None:
    fresh = subset(json.loads(DEFAULT_SOURCE.read_text(encoding="utf-8")))
    assert json.loads(SPEC_PATH.read_text(encoding="utf-8")) == fresh


def test_subset_has_the_implemented_methods_and_attribution() -> None:
    data = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
    assert set(data["methods"]) == set(METHODS)
    assert "Paul Larsen" in data["license"]
    assert "MIT" in (Path(SPEC_PATH).parent / "README.md").read_text(encoding="utf-8")


def test_every_method_has_a_handler() -> None:
    from sandbox.methods import registry

    assert {name for name, _ in registry().values()} == set(METHODS)


@pytest.mark.parametrize("type_name", RESPONSE_TYPES)
def test_aiogram_required_fields_are_known(type_name: str) -> None:
    """The installed aiogram may need fields newer than the spec: the overlay must cover them."""
    spec = load_spec()
    names = spec.types[type_name].get("subtypes") or [type_name]
    for name in names:
        model = getattr(aiogram.types, name, None)
        if model is None:
            continue
        required = {f.alias or n for n, f in model.model_fields.items() if f.is_required()}
        known = {n for n, f in spec.fields(name).items() if f["required"]}
        assert required <= known | set(REQUIRED_OVERLAY.get(name, ())), name


def test_unknown_and_missing_parameters() -> None:
    with pytest.raises(ApiError, match="unknown parameter 'txt'"):
        validate_params("sendMessage", {"chat_id": "1", "txt": "hi"})
    with pytest.raises(ApiError, match="chat_id is empty"):
        validate_params("sendMessage", {"text": "hi"})
    with pytest.raises(ApiError, match="message text is empty"):
        validate_params("sendMessage", {"chat_id": "1"})
    with pytest.raises(ApiError, match="can't parse message_id"):
        validate_params("deleteMessage", {"chat_id": "1", "message_id": "seven"})


def test_values_are_coerced_from_form_strings() -> None:
    params = validate_params(
        "sendMessage",
        {
            "chat_id": "-100123",
            "text": "42",
            "disable_notification": "true",
            "reply_markup": '{"inline_keyboard": [[{"text": "a", "callback_data": "b"}]]}',
            "reply_to_message_id": "5",  # legacy, still accepted by Telegram
        },
    )
    assert params["chat_id"] == -100123 and params["text"] == "42"
    assert params["disable_notification"] is True
    assert params["reply_markup"]["inline_keyboard"][0][0]["text"] == "a"
    assert params["reply_to_message_id"] == 5
    assert (
        validate_params("sendMessage", {"chat_id": "@kazan", "text": "x"})["chat_id"] == "@kazan"
    )


@pytest.mark.parametrize(
    ("markup", "problem"),
    [
        ({"inline_keyboard": [[{"callback_data": "x"}]]}, "needs field 'text'"),
        ({"inline_keyboard": [[{"text": "a", "callback": "x"}]]}, "unknown field for"),
        ({"inline_keyboard": {"text": "a"}}, "is not any of|must be"),
        ({"keyboard": [[{"text": "a", "request_location": "yes"}]]}, "must be Boolean"),
    ],
)
def test_reply_markup_shape(markup: dict[str, object], problem: str) -> None:
    with pytest.raises(ApiError, match=problem):
        validate_params("sendMessage", {"chat_id": 1, "text": "x", "reply_markup": markup})


async def test_inline_button_needs_exactly_one_action(bot: Bot, anna: Person) -> None:
    text_only = InlineKeyboardButton(text="a")
    with pytest.raises(
        TelegramBadRequest, match="Text buttons are unallowed in the inline keyboard"
    ):
        await bot.send_message(
            anna.id, "x", reply_markup=InlineKeyboardMarkup(inline_keyboard=[[text_only]])
        )
    both = InlineKeyboardButton(text="b", callback_data="x", url="https://kzn.ru")
    with pytest.raises(TelegramBadRequest, match="exactly one action"):
        await bot.send_message(
            anna.id, "x", reply_markup=InlineKeyboardMarkup(inline_keyboard=[[both]])
        )


def test_result_check_finds_sandbox_mistakes() -> None:
    good = {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}}
    assert check_result("sendMessage", good) == []
    assert check_result("sendMessage", {"message_id": 1, "chat": good["chat"]}) == [
        "result: Message needs field 'date'"
    ]
    member = {"status": "administrator", "user": {"id": 1, "is_bot": False, "first_name": "A"}}
    assert any("can_send_welcome_messages" in p for p in check_result("getChatMember", member))


async def test_stand_in_logs_calls(stand_in: BotApiStandIn, bot: Bot, anna: Person) -> None:
    await bot.send_message(anna.id, "x")
    with pytest.raises(TelegramBadRequest):
        await bot.send_message(anna.id, "<b>")
    assert [(c.method, c.ok) for c in stand_in.calls] == [
        ("sendMessage", True),
        ("sendMessage", False),
    ]
    assert stand_in.calls[0].params["chat_id"] == anna.id
