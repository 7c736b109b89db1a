"""Outer middlewares on every update: throttle, one unit of work, dedupe, the person."""

import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Protocol

from aiogram import BaseMiddleware
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.exceptions import TelegramAPIError
from aiogram.fsm.middleware import FSMContextMiddleware
from aiogram.types import TelegramObject, Update
from aiogram.types import User as TgUser
from redis.exceptions import RedisError
from sqlalchemy.exc import InterfaceError, OperationalError

from bot.fsm_storage import fsm_key
from bot.update_claims import UpdateClaims
from domain.clock import Clock
from domain.errors import ServiceUnavailable
from domain.services.users import ensure_user
from domain.unit_of_work import CityUnitOfWork
from storage.category_cache import CategoryCache
from storage.first_read import read_first
from storage.fsm import FsmBuffer, FsmKey, buffered
from storage.uow import SqlUnitOfWork

logger = logging.getLogger(__name__)
Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]
FORGET_FULL_EVERY = 1000  # updates between sweeps of the throttle's refilled buckets


class SharedLimit(Protocol):
    """A per-person rate kept where every process of the bot sees it (Redis)."""

    async def allow(self, key: int) -> bool: ...


class ThrottleMiddleware(BaseMiddleware):
    """A token bucket per person: a flood from one user is dropped, others are not slowed.

    In memory for one process; with `shared` (REDIS_URL set) the bucket is kept in Redis, so
    a flood spread over several processes is still one flood. Should Redis not answer, the
    process's own bucket decides: a hiccup never drops a person's updates.
    """

    def __init__(
        self,
        rate: float,
        burst: int,
        max_tracked: int = 100_000,
        shared: SharedLimit | None = None,
    ) -> None:
        self._rate = rate
        self._burst = float(burst)
        self._max_tracked = max_tracked
        self._buckets: dict[int, tuple[float, float]] = {}
        self._checks = 0
        self._shared = shared

    def __len__(self) -> int:
        """People whose bucket is not full: a full one is forgotten (a new one starts full)."""
        return len(self._buckets)

    def allow(self, user_id: int, now: float) -> bool:
        tokens, last = self._buckets.get(user_id, (self._burst, now))
        tokens = min(self._burst, tokens + (now - last) * self._rate)
        self._checks += 1
        if self._checks % FORGET_FULL_EVERY == 0:
            self._forget_full(now)
        if len(self._buckets) >= self._max_tracked:
            self._buckets.clear()  # bounded memory; forgetting is harmless (buckets refill)
        if tokens < 1.0:
            self._buckets[user_id] = (tokens, now)
            return False
        self._buckets[user_id] = (tokens - 1.0, now)
        return True

    def _forget_full(self, now: float) -> None:
        """Every person who ever wrote kept a bucket until the table hit its cap (issue 16's
        soak: RSS growing with each new resident); a bucket refilled by now is dropped."""
        full = [
            user_id
            for user_id, (tokens, last) in self._buckets.items()
            if tokens + (now - last) * self._rate >= self._burst
        ]
        for user_id in full:
            del self._buckets[user_id]

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: TgUser | None = data.get("event_from_user")
        if user is not None and not await self._allowed(user.id):
            logger.info("throttled user %s", user.id)
            if isinstance(event, Update) and event.callback_query is not None:
                # Stop the button's spinner; the press itself is dropped like any flood.
                with contextlib.suppress(TelegramAPIError):
                    await event.callback_query.answer()
            return UNHANDLED
        return await handler(event, data)

    async def _allowed(self, user_id: int) -> bool:
        if self._shared is not None:
            try:
                return await self._shared.allow(user_id)
            except (RedisError, OSError):
                logger.warning("shared throttle unavailable; this process decides alone")
        return self.allow(user_id, time.monotonic())


@dataclass(slots=True)
class UpdateInHand:
    """The update being handled, as far as its replies need to know: once its changes are
    committed, a replay would skip it, so a reply that cannot go now must go durably
    (bot/deferred_replies.py) or never."""

    update_id: int
    committed: bool = False
    deferred: int = 0  # replies of this update handed to the outbox so far


current_update: ContextVar[UpdateInHand | None] = ContextVar("current_update", default=None)


class UnitOfWorkMiddleware(BaseMiddleware):
    """One database transaction per update, written at its end.

    One statement opens every update (storage/first_read.py): whether its id was claimed
    already, the person and the form state. An update that changed something is claimed inside
    the commit, together with whatever the handler changed and the buffered form state: one
    replayed after a crash is either fully done (and skipped) or not done at all (and handled
    again). An update that changed nothing commits nothing; its claim is written with others
    off its path (bot/update_claims.py). Nothing is written while the handler waits for
    Telegram, so SQLite's single writer is held briefly.
    """

    def __init__(
        self,
        claims: UpdateClaims,
        forms: FSMContextMiddleware | None = None,
        categories: CategoryCache | None = None,
    ) -> None:
        self._claims = claims
        self._forms = forms  # given when the form state lives in our database
        # The process's categories, checked against the version the first read brings.
        self._categories = categories or CategoryCache()

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        assert isinstance(event, Update)
        try:
            return await self._handle(handler, event, data)
        except (OperationalError, InterfaceError, ConnectionError) as error:
            if not _is_outage(error):
                raise
            # Not the person's fault: leave the update unconfirmed so it is handled again.
            raise ServiceUnavailable(str(error)) from error

    async def _handle(self, handler: Handler, event: Update, data: dict[str, Any]) -> Any:
        clock: Clock = data["clock"]
        if event.update_id in self._claims:
            return _skipped(event.update_id)
        async with SqlUnitOfWork(data["session_factory"], clock, data["staff_chat_id"]) as uow:
            person: TgUser | None = data.get("event_from_user")
            form_key = self._form_key(data)
            first = await read_first(
                uow.session, event.update_id, person.id if person else None, form_key
            )
            if first.seen:
                return _skipped(event.update_id)
            if person is not None:
                uow.users.read_ahead(person.id, first.user)
            uow.categories.read_through(self._categories, first.categories_version)
            buffer = FsmBuffer(uow.session, clock)
            if form_key is not None and first.forms is not None:
                buffer.preload(form_key, first.forms)
            in_hand = UpdateInHand(event.update_id)
            current_update.set(in_hand)  # this update's task only (a context of its own)

            async def claim(_: object) -> None:
                # The first commit that carries a change claims the update.
                if not in_hand.committed and (uow.wrote or buffer.dirty):
                    if not await uow.updates.claim(event.update_id, clock.now()):
                        raise DuplicateUpdate(event.update_id)
                    in_hand.committed = True

            uow.before_commit(claim)
            uow.before_commit(buffer.flush)
            handed: CityUnitOfWork = uow  # handlers see one port (mypy checks the fit)
            data["uow"] = handed
            try:
                with buffered(buffer):
                    result = await handler(event, data)
                if not (in_hand.committed or uow.wrote or buffer.dirty):
                    self._claims.add(event.update_id)  # nothing to commit: claimed later
                    return result
                await uow.commit()
                data["outbox_wake"].set()  # notifications this update queued go out now
            except DuplicateUpdate:
                # Another process handled the same delivery at the same time; its work stands.
                logger.warning("update %s was handled concurrently; rolled back", event.update_id)
                return UNHANDLED
            return result

    def _form_key(self, data: dict[str, Any]) -> FsmKey | None:
        if self._forms is None:
            return None
        context = self._forms.resolve_event_context(data["bot"], data)
        return fsm_key(context.key) if context is not None else None


def _skipped(update_id: int) -> Any:
    logger.info("update %s was already handled; skipped", update_id)
    return UNHANDLED


class DuplicateUpdate(Exception):
    """The update id was claimed by someone else between our check and our commit."""


def _is_outage(error: Exception) -> bool:
    """A lost connection or a busy database, not a bug such as a missing column."""
    if isinstance(error, ConnectionError | InterfaceError):
        return True
    text = str(error).lower()
    invalidated = getattr(error, "connection_invalidated", False)
    return bool(invalidated) or any(
        sign in text for sign in ("database is locked", "connection", "could not connect")
    )


class UserMiddleware(BaseMiddleware):
    """Loads (or registers) the person behind the update, for the locale and for handlers."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        tg_user: TgUser | None = data.get("event_from_user")
        if tg_user is not None and not tg_user.is_bot:
            data["user"] = await ensure_user(
                data["uow"],
                data["clock"],
                tg_user.id,
                tg_user.first_name,
                tg_user.username,
                tg_user.language_code,
                data["settings"].default_locale,
            )
        return await handler(event, data)
