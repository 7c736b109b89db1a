"""Write ``sandbox/bot_api_spec.json``: the part of the Bot API spec the sandbox serves.

Source: ``api.json`` of PaulSonOfLars/telegram-bot-api-spec (MIT licence,
© 2020 Paul Larsen), shipped unchanged as ``shared/telegram/bot-api-spec.json``.
The subset keeps the implemented methods, every type their parameters can carry
(followed transitively) and the response types the sandbox builds.

Usage: ``python -m sandbox.make_spec_subset [SOURCE] [TARGET]``
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

DEFAULT_SOURCE = Path(__file__).resolve().parents[2] / "shared" / "telegram" / "bot-api-spec.json"
DEFAULT_TARGET = Path(__file__).with_name("bot_api_spec.json")
PRIMITIVES = frozenset({"Integer", "String", "Boolean", "Float", "InputFile", "True"})

METHODS = (
    "getMe",
    "getUpdates",
    "setWebhook",
    "deleteWebhook",
    "getWebhookInfo",
    "sendMessage",
    "sendPhoto",
    "sendDocument",
    "sendLocation",
    "sendMediaGroup",
    "sendChatAction",
    "copyMessage",
    "forwardMessage",
    "editMessageText",
    "editMessageCaption",
    "editMessageReplyMarkup",
    "deleteMessage",
    "answerCallbackQuery",
    "getChat",
    "getChatMember",
    "getChatAdministrators",
    "getFile",
    "setMyCommands",
    "getMyCommands",
    "deleteMyCommands",
    "setChatMenuButton",
    "getChatMenuButton",
    "createForumTopic",
    "answerInlineQuery",
)

# What the sandbox puts into results and updates; their fields that point elsewhere
# stay as names (the validator treats a type it does not know as opaque).
RESPONSE_TYPES = (
    "Update",
    "Message",
    "MessageId",
    "MaybeInaccessibleMessage",
    "InaccessibleMessage",
    "User",
    "Chat",
    "ChatFullInfo",
    "AcceptedGiftTypes",
    "CallbackQuery",
    "MessageEntity",
    "PhotoSize",
    "Document",
    "Location",
    "Contact",
    "Sticker",
    "Voice",
    "File",
    "WebhookInfo",
    "BotCommand",
    "ChatMember",
    "ForumTopic",
    "ForumTopicCreated",
    "MessageOrigin",
    "InlineKeyboardMarkup",
    "MenuButton",
    "InlineQuery",
)


def base_type(name: str) -> str:
    while name.startswith("Array of "):
        name = name.removeprefix("Array of ")
    return name


def referenced(spec_type: dict[str, Any]) -> set[str]:
    names = set(spec_type.get("subtypes", []))
    for field in spec_type.get("fields", []):
        names.update(base_type(kind) for kind in field["types"])
    return names - PRIMITIVES


def subset(spec: dict[str, Any]) -> dict[str, Any]:
    types: dict[str, Any] = spec["types"]
    methods = {name: spec["methods"][name] for name in METHODS}
    wanted: set[str] = set()
    todo = [
        base_type(kind)
        for m in methods.values()
        for f in m.get("fields", [])
        for kind in f["types"]
    ]
    while todo:  # parameter types, followed all the way down
        name = todo.pop()
        if name in PRIMITIVES or name in wanted or name not in types:
            continue
        wanted.add(name)
        todo.extend(referenced(types[name]))
    for name in RESPONSE_TYPES:  # result types: the type and its union members only
        wanted.add(name)
        wanted.update(types[name].get("subtypes", []))
    return {
        "source": "https://github.com/PaulSonOfLars/telegram-bot-api-spec (api.json)",
        "license": "MIT, Copyright (c) 2020 Paul Larsen",
        "version": spec["version"],
        "release_date": spec["release_date"],
        "methods": methods,
        "types": {name: types[name] for name in sorted(wanted)},
    }


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    source = Path(argv[0]) if argv else DEFAULT_SOURCE
    target = Path(argv[1]) if len(argv) > 1 else DEFAULT_TARGET
    result = subset(json.loads(source.read_text(encoding="utf-8")))
    target.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    logger.info("%s: %d methods, %d types", target, len(result["methods"]), len(result["types"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
