"""The bot's update queue with Telegram's confirmation rules.

An update stays queued until it is confirmed: by a getUpdates call whose offset is
higher than its update_id, or by a 2xx answer of the webhook. Confirmation is what
the driver calls "acknowledged".
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from typing import Any

logger = logging.getLogger(__name__)

# Telegram's default when allowed_updates is empty or never given.
NOT_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


@dataclass(slots=True)
class QueuedUpdate:
    update: dict[str, Any]
    kind: str
    acknowledged: asyncio.Event = field(default_factory=asyncio.Event)
    dropped: bool = False  # forgotten (drop_pending_updates, negative offset) or filtered

    @property
    def update_id(self) -> int:
        return int(self.update["update_id"])


class UpdateQueue:
    def __init__(self, first_update_id: int = 800_000_001, max_pending: int = 10_000) -> None:
        self._next_id = first_update_id
        self._pending: list[QueuedUpdate] = []
        self._max_pending = max_pending
        self._wakeup = asyncio.Event()
        self.allowed_updates: list[str] = []

    def accepts(self, kind: str) -> bool:
        if self.allowed_updates:
            return kind in self.allowed_updates
        return kind not in NOT_BY_DEFAULT

    def push(self, kind: str, payload: dict[str, Any]) -> QueuedUpdate:
        """Queue ``{"update_id": N, kind: payload}``; a filtered kind is dropped at once."""
        queued = QueuedUpdate(update={"update_id": self._next_id, kind: payload}, kind=kind)
        self._next_id += 1
        if not self.accepts(kind):
            logger.warning(
                "update %s (%s) not in allowed_updates; dropped", queued.update_id, kind
            )
            self._forget([queued])
            return queued
        self._pending.append(queued)
        if len(self._pending) > self._max_pending:
            logger.warning("update queue over %d; dropping the oldest", self._max_pending)
            self._forget(self._pending[: -self._max_pending])
            del self._pending[: -self._max_pending]
        self.notify()
        return queued

    def pending(self) -> list[QueuedUpdate]:
        return list(self._pending)

    def take(self, limit: int) -> list[dict[str, Any]]:
        return [queued.update for queued in self._pending[:limit]]

    def confirm_below(self, offset: int) -> None:
        """Confirm every update with update_id < offset, as getUpdates(offset) does."""
        done = [q for q in self._pending if q.update_id < offset]
        if not done:
            return
        self._pending = [q for q in self._pending if q.update_id >= offset]
        for queued in done:
            queued.acknowledged.set()
        self.notify()

    def confirm(self, queued: QueuedUpdate) -> None:
        """Confirm one update, as a webhook's 2xx answer does."""
        if queued in self._pending:
            self._pending.remove(queued)
        queued.acknowledged.set()
        self.notify()

    def keep_last(self, count: int) -> None:
        """A negative getUpdates offset: keep the last ``count`` updates, forget the rest."""
        cut = max(len(self._pending) - count, 0)
        self._forget(self._pending[:cut])
        del self._pending[:cut]
        self.notify()

    def drop_all(self) -> None:
        self._forget(self._pending)
        self._pending = []
        self.notify()

    def _forget(self, updates: list[QueuedUpdate]) -> None:
        for queued in updates:
            queued.dropped = True
            queued.acknowledged.set()

    def notify(self) -> None:
        """Wake every waiter; sync so world code can call it without awaiting."""
        self._wakeup.set()
        self._wakeup = asyncio.Event()

    async def wait_changed(self, timeout: float) -> None:
        """Return after the next change (push, confirmation, notify) or ``timeout`` s."""
        wakeup = self._wakeup
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(wakeup.wait(), timeout)
