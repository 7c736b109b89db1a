"""Bot API methods of the stand-in, looked up case-insensitively like Telegram does."""

from __future__ import annotations

from sandbox.methods import bot_settings, chats, editing, inline, messaging, updates_api
from sandbox.state import Handler

_MODULES = (messaging, editing, chats, bot_settings, updates_api, inline)


def registry() -> dict[str, tuple[str, Handler]]:
    """lower-case name -> (spec name, handler)."""
    table: dict[str, tuple[str, Handler]] = {}
    for module in _MODULES:
        for name, handler in module.HANDLERS.items():
            table[name.lower()] = (name, handler)
    return table
