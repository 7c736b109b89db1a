"""getMe, commands, menu button, callback answers, chat actions, getFile."""

from __future__ import annotations

import json
import re
import time
from typing import Any

from sandbox import errors
from sandbox.content import CALLBACK_ANSWER_LIMIT, target_chat
from sandbox.errors import bad_request
from sandbox.files import MAX_DOWNLOAD
from sandbox.model import CallbackAnswer, ChatAction, now
from sandbox.state import Call, Handler

CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")


async def get_me(call: Call) -> dict[str, Any]:
    return {
        **call.world.bot.as_user(),
        "can_join_groups": True,
        "can_read_all_group_messages": not call.world.privacy_mode,
        "supports_inline_queries": True,  # the driver can type "@bot query"
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


def _scope_key(call: Call) -> tuple[str, str]:
    scope = call.get("scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True), call.get("language_code") or ""


async def set_my_commands(call: Call) -> bool:
    commands = call.get("commands")
    if len(commands) > 100:
        raise bad_request("too many commands")
    for command in commands:
        if not _COMMAND.fullmatch(command["command"]):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(command["description"]) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
    call.world.commands[_scope_key(call)] = [dict(command) for command in commands]
    return True


async def get_my_commands(call: Call) -> list[dict[str, Any]]:
    return call.world.commands.get(_scope_key(call), [])


async def delete_my_commands(call: Call) -> bool:
    call.world.commands.pop(_scope_key(call), None)
    return True


async def set_chat_menu_button(call: Call) -> bool:
    button = call.get("menu_button") or {"type": "default"}
    if call.get("chat_id") is None:
        call.world.default_menu_button = button
    else:
        chat = target_chat(call.world, call.get("chat_id"), sending=False)
        if not chat.is_private:
            raise bad_request("menu button can be set only in private chats")
        chat.menu_button = button
    return True


async def get_chat_menu_button(call: Call) -> dict[str, Any]:
    if call.get("chat_id") is None:
        return call.world.default_menu_button
    chat = target_chat(call.world, call.get("chat_id"), sending=False)
    return chat.menu_button or call.world.default_menu_button


async def answer_callback_query(call: Call) -> bool:
    record = call.world.callbacks.get(call.get("callback_query_id"))
    late = record is not None and (
        time.monotonic() - record.created_monotonic > call.config.callback_answer_timeout
    )
    if record is None or record.answer is not None or late:
        raise bad_request(errors.QUERY_TOO_OLD)
    if len(call.get("text") or "") > CALLBACK_ANSWER_LIMIT:
        raise bad_request(errors.ANSWER_TOO_LONG)
    record.answer = CallbackAnswer(
        query_id=record.id,
        user_id=record.user_id,
        text=call.get("text"),
        show_alert=bool(call.get("show_alert", False)),
        url=call.get("url"),
        at=now(),
    )
    call.world.record_answer(record.answer, record.chat_id)
    return True


async def send_chat_action(call: Call) -> bool:
    chat = target_chat(call.world, call.get("chat_id"))
    if call.get("action") not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    thread_id = call.get("message_thread_id")
    call.world.record_action(ChatAction(chat.id, call.get("action"), now(), thread_id))
    return True


async def get_file(call: Call) -> dict[str, Any]:
    stored = call.world.files.get(call.get("file_id"))
    if stored is None:
        raise bad_request("invalid file_id")
    if len(stored.data) > MAX_DOWNLOAD:
        raise bad_request("file is too big")
    return stored.as_file()


HANDLERS: dict[str, Handler] = {
    "getMe": get_me,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "setChatMenuButton": set_chat_menu_button,
    "getChatMenuButton": get_chat_menu_button,
    "answerCallbackQuery": answer_callback_query,
    "sendChatAction": send_chat_action,
    "getFile": get_file,
}
