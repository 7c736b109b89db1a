"""What every handler of the web chat shares: the stand-in, the cast, places, shutdown."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from aiohttp import web

from sandbox.cast import Cast, Role
from sandbox.driver import Person
from sandbox.model import ChatRecord
from sandbox.reading import Group
from sandbox.server import BotApiStandIn
from sandbox.web.errors import forbidden, not_found
from sandbox.web.places import Place
from sandbox.world import World


@dataclass(slots=True)
class WebSandbox:
    stand_in: BotApiStandIn
    cast: Cast
    prefix: str
    places: list[Place]
    answer_wait: float = 3.0  # how long a button press waits for the bot's callback answer
    inline_wait: float = 5.0  # how long "@bot query" waits for the bot's results
    heartbeat: float = 15.0  # seconds between SSE comments, so proxies keep the stream open
    # Set on the web app's shutdown: event streams end, so the server stops promptly.
    closing: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def world(self) -> World:
        return self.stand_in.world

    def file_url(self, file_id: str) -> str:
        return f"{self.prefix}/files/{file_id}"

    def person(self, user_id: object) -> Person:
        """Someone of the cast (people the page may act as), or 404."""
        try:
            uid = int(str(user_id))
        except ValueError:
            raise not_found(f"no person {user_id!r}") from None
        if uid not in self.cast.roles or uid not in self.world.accounts:
            raise not_found(f"no person {uid}")
        return self.cast.person(uid)

    def role(self, user_id: int) -> Role:
        return self.cast.roles[user_id]

    def chats_of(self, person: Person) -> list[ChatRecord]:
        """Her private chat with the bot, then every group she is in (staff: the staff chat)."""
        groups = [c for c in self.world.chats.values() if not c.is_private]
        return [person.chat, *(c for c in groups if c.is_member(person.id))]

    def chat_for(self, person: Person, chat_id: object) -> tuple[ChatRecord, Group | None]:
        """A chat she sees, with the Group handle the driver wants (None: her private chat)."""
        try:
            cid = int(str(chat_id))
        except ValueError:
            raise not_found(f"no chat {chat_id!r}") from None
        for chat in self.chats_of(person):
            if chat.id == cid:
                return chat, None if chat.is_private else Group(self.world, chat)
        raise forbidden(f"person {person.id} does not see chat {cid}")


WEB_SANDBOX = web.AppKey("sandbox_web", WebSandbox)
