"""Read-only views of messages for tests and the demo: SentMessage and button lookup."""

from __future__ import annotations

from typing import Any

from sandbox.html_render import render_html
from sandbox.model import ChatRecord
from sandbox.world import World


def find_button(rows: list[list[dict[str, Any]]], text: str) -> dict[str, Any] | None:
    """Exact text first, then a unique case-insensitive substring; ambiguity is an error."""
    buttons = [button for row in rows for button in row]
    for button in buttons:
        if button.get("text") == text:
            return button
    wanted = text.casefold()
    partial = [b for b in buttons if wanted in str(b.get("text", "")).casefold()]
    if len(partial) > 1:
        names = ", ".join(repr(b["text"]) for b in partial)
        raise LookupError(f"{text!r} matches several buttons: {names}")
    return partial[0] if partial else None


class SentMessage:
    """A live view of one message: reading it again shows later edits."""

    def __init__(self, world: World, chat: ChatRecord, message_id: int) -> None:
        self.world = world
        self.chat = chat
        self.message_id = message_id

    def __repr__(self) -> str:
        state = " deleted" if self.deleted else (" edited" if self.edited else "")
        return f"<SentMessage {self.chat.id}/{self.message_id}{state} {self.text!r}>"

    @property
    def raw(self) -> dict[str, Any]:
        """The message's Telegram JSON (the last version if it was deleted)."""
        return self.chat.messages.get(self.message_id) or self.chat.deleted[self.message_id]

    @property
    def deleted(self) -> bool:
        return self.message_id not in self.chat.messages

    @property
    def edited(self) -> bool:
        return "edit_date" in self.raw

    @property
    def from_bot(self) -> bool:
        return self.raw.get("from", {}).get("id") == self.world.bot.id

    @property
    def text(self) -> str | None:
        return self.raw.get("text", self.raw.get("caption"))

    @property
    def entities(self) -> list[dict[str, Any]]:
        key = "entities" if "text" in self.raw else "caption_entities"
        return list(self.raw.get(key, []))

    @property
    def html(self) -> str | None:
        return None if self.text is None else render_html(self.text, self.entities)

    @property
    def inline_keyboard(self) -> list[list[dict[str, Any]]]:
        return self.raw.get("reply_markup", {}).get("inline_keyboard", [])

    @property
    def buttons(self) -> list[list[str]]:
        return [[button["text"] for button in row] for row in self.inline_keyboard]

    def button(self, text: str) -> dict[str, Any]:
        button = find_button(self.inline_keyboard, text)
        if button is None:
            raise LookupError(f"no button {text!r} on {self!r}; buttons: {self.buttons}")
        return button

    def callback_data(self, text: str) -> str | None:
        return self.button(text).get("callback_data")

    @property
    def reply_keyboard(self) -> list[list[str]] | None:
        """Rows of the reply keyboard sent with this message, if any."""
        markup = self.chat.reply_markups.get(self.message_id, {})
        if "keyboard" not in markup:
            return None
        return [
            [b if isinstance(b, str) else b["text"] for b in row] for row in markup["keyboard"]
        ]

    @property
    def reply_markup(self) -> dict[str, Any] | None:
        """Whatever markup came with the message: inline or reply keyboard, remove, force."""
        return self.raw.get("reply_markup") or self.chat.reply_markups.get(self.message_id)

    @property
    def photo(self) -> dict[str, Any] | None:
        """The largest PhotoSize."""
        sizes = self.raw.get("photo")
        return sizes[-1] if sizes else None

    @property
    def document(self) -> dict[str, Any] | None:
        return self.raw.get("document")

    @property
    def location(self) -> dict[str, Any] | None:
        return self.raw.get("location")

    @property
    def media_group(self) -> list[SentMessage]:
        group_id = self.raw.get("media_group_id")
        if group_id is None:
            return [self]
        return [
            SentMessage(self.world, self.chat, mid)
            for mid, message in self.chat.messages.items()
            if message.get("media_group_id") == group_id
        ]


def bot_messages(world: World, chat: ChatRecord) -> list[SentMessage]:
    return [
        SentMessage(world, chat, mid)
        for mid, message in chat.messages.items()
        if message.get("from", {}).get("id") == world.bot.id
    ]


def touched_after(world: World, chat: ChatRecord, seq: int) -> list[tuple[int, SentMessage]]:
    """Bot messages sent or edited after world sequence ``seq``, oldest change first."""
    return sorted(
        (touched, SentMessage(world, chat, mid))
        for mid, touched in chat.touched.items()
        if touched > seq
    )
