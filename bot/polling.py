"""Long polling that confirms an update only after it was handled.

aiogram's own polling asks for the next batch (which confirms the previous offset to Telegram)
while handlers may still be running, so a crash then loses those updates. Here a batch is
handled completely first; the next getUpdates call confirms it. Updates of one chat run in
order; different chats run concurrently. A crash replays the unconfirmed batch, and the
processed-update table makes the replay skip what was already committed.

An update whose handling raised (handlers/errors.py raises only transient failures: the
database or Telegram unavailable) is handled again after a growing pause, for about half a
minute, before it is given up and logged; the next batch waits meanwhile, which keeps each
chat's order and does not hammer a service that is down.
"""

import asyncio
import contextlib
import logging
from collections import defaultdict
from collections.abc import Coroutine, Sequence
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramNetworkError, TelegramRetryAfter, TelegramServerError
from aiogram.types import Update

logger = logging.getLogger(__name__)
POLL_TIMEOUT_S = 25
MAX_BACKOFF_S = 30.0
HANDLE_ATTEMPTS = 6
FIRST_RETRY_PAUSE_S = 1.0  # doubled after each attempt: 1, 2, 4, 8, 16 s


def chat_key(update: Update) -> int:
    """The chat (or, without one, the user) whose updates must be handled in order."""
    event = update.event
    chat = getattr(event, "chat", None) or getattr(getattr(event, "message", None), "chat", None)
    if chat is not None:
        return int(chat.id)
    user = getattr(event, "from_user", None)
    return int(user.id) if user is not None else 0


async def handle_batch(
    dispatcher: Dispatcher, bot: Bot, updates: Sequence[Update], **kwargs: Any
) -> list[Update]:
    """Handle a batch; returns the updates whose handling raised (already logged)."""
    by_chat: dict[int, list[Update]] = defaultdict(list)
    for update in updates:
        by_chat[chat_key(update)].append(update)
    failed: list[Update] = []

    async def run_chat(chat_updates: list[Update]) -> None:
        for update in chat_updates:
            try:
                await dispatcher.feed_update(bot, update, **kwargs)
            except Exception as error:
                logger.warning("update %s not handled yet: %r", update.update_id, error)
                failed.append(update)

    await asyncio.gather(*(run_chat(chat_updates) for chat_updates in by_chat.values()))
    return failed


async def poll(
    dispatcher: Dispatcher,
    bot: Bot,
    stop: asyncio.Event,
    poll_timeout: int = POLL_TIMEOUT_S,
    **kwargs: Any,
) -> None:
    allowed = dispatcher.resolve_used_update_types()
    offset: int | None = None
    backoff = 1.0
    while not stop.is_set():
        try:
            updates = await _until_stopped(
                bot.get_updates(offset=offset, timeout=poll_timeout, allowed_updates=allowed),
                stop,
            )
            if updates is None:
                break
        except TelegramRetryAfter as error:
            await _sleep_or_stop(stop, error.retry_after)
            continue
        except (TelegramNetworkError, TelegramServerError) as error:
            logger.warning("getUpdates failed (%s); retrying in %.0f s", error, backoff)
            await _sleep_or_stop(stop, backoff)
            backoff = min(backoff * 2, MAX_BACKOFF_S)
            continue
        backoff = 1.0
        if not updates:
            continue
        await _handle_with_retries(dispatcher, bot, updates, **kwargs)
        offset = updates[-1].update_id + 1
    if offset is not None:
        # Confirm the last batch; the update this call may return stays unconfirmed.
        with contextlib.suppress(TelegramNetworkError, TelegramServerError):
            await bot.get_updates(offset=offset, timeout=0, limit=1, allowed_updates=allowed)


async def _until_stopped(
    call: Coroutine[Any, Any, list[Update]], stop: asyncio.Event
) -> list[Update] | None:
    """The long poll, abandoned (nothing is confirmed by an abandoned call) when asked to stop."""
    fetch = asyncio.ensure_future(call)
    stopped = asyncio.ensure_future(stop.wait())
    await asyncio.wait({fetch, stopped}, return_when=asyncio.FIRST_COMPLETED)
    if fetch.done():
        stopped.cancel()
        return fetch.result()
    fetch.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await fetch
    return None


async def _handle_with_retries(
    dispatcher: Dispatcher, bot: Bot, updates: Sequence[Update], **kwargs: Any
) -> None:
    pending = list(updates)
    for attempt in range(1, HANDLE_ATTEMPTS + 1):
        pending = await handle_batch(dispatcher, bot, pending, **kwargs)
        if not pending:
            return
        if attempt < HANDLE_ATTEMPTS:
            await asyncio.sleep(FIRST_RETRY_PAUSE_S * 2 ** (attempt - 1))
    ids = ", ".join(str(u.update_id) for u in pending)
    logger.error("giving up on updates %s after %d attempts", ids, HANDLE_ATTEMPTS)


async def _sleep_or_stop(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)
