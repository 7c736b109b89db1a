"""Handles that let a test (or the demo) act as people: send, press, read replies."""

from __future__ import annotations

import copy
import logging
from typing import Any, TypedDict, Unpack

from sandbox import incoming
from sandbox.model import Account, CallbackAnswer, CallbackRecord, ChatRecord, InlineQueryRecord
from sandbox.reading import ChatReader, Group, NoReply, UpdateDropped, wait_acknowledged
from sandbox.updates import QueuedUpdate
from sandbox.views import SentMessage, find_button
from sandbox.world import World

logger = logging.getLogger(__name__)

KAZAN_CENTER = (55.796127, 49.106414)
ReplyTarget = SentMessage | dict[str, Any] | int
__all__ = ["Group", "NoReply", "Person", "SendOptions", "UpdateDropped"]


class SendOptions(TypedDict, total=False):
    reply_to: ReplyTarget | None
    thread_id: int | None
    timeout: float | None  # seconds to wait for the bot's confirmation
    wait: bool  # False: return once queued


class Person(ChatReader):
    def __init__(self, world: World, account: Account) -> None:
        self.world = world
        self.account = account
        self._cursors = {}
        self.timeout: float | None = None  # None: the world's ack_timeout

    def __repr__(self) -> str:
        return f"<Person {self.account.id} {self.account.full_name}>"

    @property
    def id(self) -> int:
        return self.account.id

    @property
    def chat(self) -> ChatRecord:
        return self.world.private_chat(self.id)

    def _chat(self, chat: Group | None) -> ChatRecord:
        return chat.chat if chat is not None else self.chat

    def block_bot(self) -> None:
        self.account.blocked_bot = True

    def unblock_bot(self) -> None:
        self.account.blocked_bot = False

    # --- sending: each waits until the bot confirmed the update, unless wait=False ----

    async def send(
        self,
        text: str,
        *,
        chat: Group | None = None,
        reply_to: ReplyTarget | None = None,
        thread_id: int | None = None,
        timeout: float | None = None,
        wait: bool = True,
    ) -> SentMessage:
        content = incoming.text_content(text)
        return await self.submit(
            content, chat=chat, reply_to=reply_to, thread_id=thread_id, timeout=timeout, wait=wait
        )

    async def share_location(
        self,
        latitude: float,
        longitude: float,
        *,
        chat: Group | None = None,
        **how: Unpack[SendOptions],
    ) -> SentMessage:
        return await self.submit(incoming.location_content(latitude, longitude), chat=chat, **how)

    async def share_live_location(
        self,
        latitude: float,
        longitude: float,
        *,
        live_period: int = 900,
        chat: Group | None = None,
        **how: Unpack[SendOptions],
    ) -> SentMessage:
        """Start a live location (Telegram's «Транслировать геопозицию»)."""
        content = incoming.location_content(latitude, longitude)
        content["location"]["live_period"] = live_period
        return await self.submit(content, chat=chat, **how)

    async def move_live_location(
        self, sent: SentMessage, latitude: float, longitude: float, timeout: float | None = None
    ) -> None:
        """The live location moves: Telegram edits the message and sends `edited_message`."""
        message = sent.raw
        message["location"] = {**message["location"], "latitude": latitude, "longitude": longitude}
        message["edit_date"] = message["date"] + 1
        update = self.world.push_update("edited_message", message)
        await wait_acknowledged([update], "live location moved", self._timeout(timeout))

    async def send_photo(
        self,
        caption: str | None = None,
        *,
        chat: Group | None = None,
        image: bytes | None = None,
        **how: Unpack[SendOptions],
    ) -> SentMessage:
        content = incoming.photo_content(self.world, caption, image)
        return await self.submit(content, chat=chat, **how)

    async def send_album(
        self,
        count: int,
        caption: str | None = None,
        *,
        chat: Group | None = None,
        images: list[bytes] | None = None,
        timeout: float | None = None,
        wait: bool = True,
    ) -> list[SentMessage]:
        """``count`` photos sharing one media_group_id, one update each, as Telegram sends.

        ``images`` (JPEG or PNG bytes, one per photo) replace the grey placeholders.
        """
        if images is not None and len(images) != count:
            raise ValueError(f"{len(images)} images for an album of {count}")
        group_id = str(13_000_000_000_000_000 + self.world.next_seq())
        sent, queued = [], []
        for index in range(count):
            image = images[index] if images else None
            content = incoming.photo_content(self.world, caption if index == 0 else None, image)
            content["media_group_id"] = group_id
            message, update = self._post(content, chat, None, None)
            sent.append(message)
            queued += [update] if update else []
        if wait:
            await wait_acknowledged(queued, f"album of {count}", self._timeout(timeout))
        return sent

    async def send_sticker(
        self, emoji: str = "👍", *, chat: Group | None = None, **how: Unpack[SendOptions]
    ) -> SentMessage:
        return await self.submit(incoming.sticker_content(self.world, emoji), chat=chat, **how)

    async def send_voice(
        self, duration: int = 3, *, chat: Group | None = None, **how: Unpack[SendOptions]
    ) -> SentMessage:
        return await self.submit(incoming.voice_content(self.world, duration), chat=chat, **how)

    async def send_contact(
        self, phone: str | None = None, *, chat: Group | None = None, **how: Unpack[SendOptions]
    ) -> SentMessage:
        return await self.submit(incoming.contact_content(self.account, phone), chat=chat, **how)

    async def send_document(
        self,
        data: bytes = b"%PDF-1.4\n%sandbox\n",
        file_name: str = "document.pdf",
        mime_type: str = "application/pdf",
        *,
        chat: Group | None = None,
        **how: Unpack[SendOptions],
    ) -> SentMessage:
        content = incoming.document_content(self.world, data, file_name, mime_type)
        return await self.submit(content, chat=chat, **how)

    async def submit(
        self,
        content: dict[str, Any],
        *,
        chat: Group | None = None,
        reply_to: ReplyTarget | None = None,
        thread_id: int | None = None,
        timeout: float | None = None,
        wait: bool = True,
    ) -> SentMessage:
        """Post any message content as this person and wait for the bot's confirmation."""
        sent, update = self._post(content, chat, reply_to, thread_id)
        if update is None:
            logger.info("privacy mode: the bot does not see message %s", sent.message_id)
        elif wait:
            what = str(content.get("text") or next(iter(content)))
            await wait_acknowledged([update], what, self._timeout(timeout))
        return sent

    # --- buttons -----------------------------------------------------------------------

    async def press(
        self, text: str, *, chat: Group | None = None, timeout: float | None = None
    ) -> SentMessage:
        """Press an inline button on the newest bot message that has it."""
        messages = [m for m in reversed(self.replies(chat)) if m.inline_keyboard]
        exact = [m for m in messages if any(b == text for row in m.buttons for b in row)]
        for message in exact or messages:
            if find_button(message.inline_keyboard, text) is not None:
                return await self.press_in(message, text, timeout=timeout)
        shown = [m.buttons for m in messages[:3]]
        hint = ""
        if any(text in label for row in self.reply_keyboard(chat) or [] for label in row):
            hint = " (it is on the reply keyboard: use press_reply)"
        raise LookupError(
            f"no inline button {text!r} for {self!r}{hint}; newest keyboards: {shown}"
        )

    async def press_in(
        self, message: SentMessage, text: str, *, timeout: float | None = None
    ) -> SentMessage:
        """Press a button on a given (possibly old) message."""
        queued = self._callback_query(message, message.button(text))[1]
        await wait_acknowledged([queued], f"press {text!r}", self._timeout(timeout))
        return message

    def press_button(self, message: SentMessage, button: dict[str, Any]) -> CallbackRecord:
        """Press without waiting (the web chat); ``record.answer`` is set once the bot answers."""
        return self._callback_query(message, button)[0]

    def _callback_query(
        self, message: SentMessage, button: dict[str, Any]
    ) -> tuple[CallbackRecord, QueuedUpdate]:
        if "callback_data" not in button:
            raise ValueError(f"button {button['text']!r} sends no callback query: {button}")
        record = self.world.new_callback(
            self.account, message.chat, message.message_id, button["callback_data"]
        )
        query = {
            "id": record.id,
            "from": self.account.as_user(),
            "message": copy.deepcopy(message.raw),
            "chat_instance": str(abs(message.chat.id) * 1_000_003 % 10**18),
            "data": button["callback_data"],
        }
        self._cursors[message.chat.id] = self.world.seq
        return record, self.world.push_update("callback_query", query)

    def reply_keyboard(self, chat: Group | None = None) -> list[list[str]] | None:
        markup = self._chat(chat).reply_keyboard
        if markup is None:
            return None
        return [
            [b if isinstance(b, str) else b["text"] for b in row] for row in markup["keyboard"]
        ]

    async def press_reply(
        self,
        text: str,
        *,
        chat: Group | None = None,
        location: tuple[float, float] = KAZAN_CENTER,
        timeout: float | None = None,
        wait: bool = True,
    ) -> SentMessage:
        """Press a reply-keyboard button: its text, or a location/contact if it asks for one."""
        record = self._chat(chat)
        markup = record.reply_keyboard
        rows = [
            [{"text": b} if isinstance(b, str) else b for b in row]
            for row in (markup or {}).get("keyboard", [])
        ]
        button = find_button(rows, text)
        if markup is None or button is None:
            raise LookupError(
                f"no reply button {text!r} for {self!r}; keyboard: {self.reply_keyboard(chat)}"
            )
        if markup.get("one_time_keyboard"):
            record.reply_keyboard = None
        if button.get("request_location"):
            return await self.share_location(*location, chat=chat, timeout=timeout, wait=wait)
        if button.get("request_contact"):
            content = incoming.contact_content(self.account, None)
            return await self.submit(content, chat=chat, timeout=timeout, wait=wait)
        return await self.send(button["text"], chat=chat, timeout=timeout, wait=wait)

    # --- inline mode -------------------------------------------------------------------

    async def inline_query(
        self,
        query: str,
        *,
        offset: str = "",
        chat_type: str | None = "private",
        timeout: float | None = None,
    ) -> InlineQueryRecord:
        """Type "@bot query" in a chat; returns once the bot confirmed the update, with the
        bot's results in ``record.answer`` (None if it did not answer)."""
        record = self.world.new_inline_query(self.account, query, offset, chat_type)
        update: dict[str, Any] = {
            "id": record.id,
            "from": self.account.as_user(),
            "query": query,
            "offset": offset,
        }
        if chat_type is not None:
            update["chat_type"] = chat_type
        queued = self.world.push_update("inline_query", update)
        await wait_acknowledged([queued], f"inline {query!r}", self._timeout(timeout))
        return record

    async def choose_inline_result(
        self,
        record: InlineQueryRecord,
        result_id: str,
        *,
        chat: Group | None = None,
        timeout: float | None = None,
    ) -> SentMessage:
        """Tap one of the results: it is posted as her message "via @bot" in the chat."""
        record.result(result_id)  # fails loudly on an id the bot did not offer
        assert record.answer is not None
        content = copy.deepcopy(record.answer.contents[result_id])
        content["via_bot"] = self.world.bot.as_user()
        return await self.submit(content, chat=chat, timeout=timeout)

    # --- reading -----------------------------------------------------------------------

    def alerts(self) -> list[CallbackAnswer]:
        return [a for a in self.world.callback_answers if a.user_id == self.id]

    def last_alert(self) -> CallbackAnswer:
        """The bot's last answer to one of her button presses."""
        answers = self.alerts()
        if not answers:
            raise NoReply(f"the bot has not answered a button press of {self!r}")
        return answers[-1]

    # --- plumbing ----------------------------------------------------------------------

    def _timeout(self, timeout: float | None) -> float:
        return timeout or self.timeout or self.world.ack_timeout

    def _post(
        self,
        content: dict[str, Any],
        chat: Group | None,
        reply_to: ReplyTarget | None,
        thread_id: int | None,
    ) -> tuple[SentMessage, QueuedUpdate | None]:
        record = self._chat(chat)
        if not record.is_member(self.id):
            raise PermissionError(f"{self!r} is not a member of chat {record.id}")
        if record.is_private:
            # Writing to a bot restarts it, as the Telegram app does.
            self.account.blocked_bot, self.account.started_bot = False, True
        replied = _replied_message(record, reply_to)
        message = self.world.post(
            record, self.account, content, reply_to=replied, thread_id=thread_id
        )
        self._cursors[record.id] = self.world.seq
        update = (
            self.world.push_update("message", message)
            if self.world.bot_receives(record, message)
            else None
        )
        return SentMessage(self.world, record, message["message_id"]), update


def _replied_message(chat: ChatRecord, target: ReplyTarget | None) -> dict[str, Any] | None:
    if target is None:
        return None
    if isinstance(target, SentMessage):
        return target.raw
    message_id = target if isinstance(target, int) else int(target["message_id"])
    return chat.messages.get(message_id)
