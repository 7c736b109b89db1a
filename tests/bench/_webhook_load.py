"""Residents on the Bot API stand-in, for the webhook benchmarks (tests/bench/bench_webhook.py).

Each resident walks bench_updates' journey (a report with a photo, /my, the card, a sticker,
an unknown command, a stale button) through the stand-in's driver: the updates reach the bot
as Telegram delivers them, over HTTP to its webhook. A resident's next step comes only after
the bot answered the last (Telegram keeps a chat's order). The time from an update's arrival
to the bot's first Bot API call for that chat is noted (the stand-in's call log).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterator
from itertools import count
from typing import Any

import handlers.my_requests.callbacks as requests_cb
import handlers.reports.callbacks as reports_cb
from handlers import menu
from sandbox.driver import Person
from sandbox.people import add_person
from sandbox.server import BotApiStandIn
from sandbox.updates import QueuedUpdate
from sandbox.views import SentMessage
from tests.bench.bench_updates import DESCRIPTIONS, Spot

Step = Callable[[], Awaitable[Any]]


class Stamps:
    """Arrival times of the updates in flight, per chat, and the latencies measured."""

    def __init__(self, stand_in: BotApiStandIn) -> None:
        self.waiting: dict[int, float] = {}  # chat id -> arrival (perf_counter)
        self.latencies_ms: list[float] = []
        self._callbacks: dict[str, int] = {}
        log_call = stand_in._log_call

        def stamped(method: str, raw: dict[str, Any], error: str | None) -> None:
            chat = raw.get("chat_id") or self._callbacks.pop(raw.get("callback_query_id", ""), 0)
            arrival = self.waiting.pop(int(chat), None) if chat else None
            if arrival is not None:
                self.latencies_ms.append((time.perf_counter() - arrival) * 1000)
            log_call(method, raw, error)

        stand_in._log_call = stamped  # type: ignore[method-assign]

    def arrived(self, chat: int, at: float, queued: QueuedUpdate) -> None:
        self.waiting[chat] = at
        query = queued.update.get("callback_query")
        if query is not None:
            self._callbacks[query["id"]] = chat


class Resident:
    def __init__(self, person: Person, spot: Spot) -> None:
        self.person, self.spot = person, spot
        self.category: tuple[SentMessage, dict[str, Any]] | None = None
        self.steps = self._journey()

    async def press(self, prefix: str, nth: int = 0, *, keep: bool = False) -> None:
        for message in reversed(self.person.replies()):
            found = [
                b
                for row in message.inline_keyboard
                for b in row
                if str(b.get("callback_data", "")).startswith(prefix)
            ]
            if found:
                button = found[nth % len(found)]
                if keep:
                    self.category = (message, button)
                self.person.press_button(message, button)
                return
        await self.person.send("/start", wait=False)  # lost its way: starts over

    def _journey(self) -> Iterator[Step]:
        p, (lat, lon, nth) = self.person, self.spot
        yield lambda: p.send("/start", wait=False)
        yield lambda: p.send_sticker(wait=False)
        yield lambda: self.press(menu.MenuCb(action=menu.MenuAction.REPORT).pack())
        yield lambda: self.press(f"{reports_cb.CategoryCb.__prefix__}:", nth, keep=True)
        yield lambda: p.share_location(lat, lon, wait=False)
        yield lambda: p.send_photo(wait=False)
        yield lambda: self.press(reports_cb.PhotosCb(action=reports_cb.PhotosAction.DONE).pack())
        text = f"{DESCRIPTIONS[p.id % len(DESCRIPTIONS)]}, обращение {p.id}"
        yield lambda: p.send(text, wait=False)
        yield lambda: self.press(
            reports_cb.SummaryCb(action=reports_cb.SummaryAction.SUBMIT).pack()
        )
        anyway = reports_cb.SummaryCb(action=reports_cb.SummaryAction.SUBMIT_ANYWAY).pack()
        if any(anyway in str(m.inline_keyboard) for m in p.replies()[-1:]):
            yield lambda: self.press(anyway)
        yield lambda: p.send("/my", wait=False)
        card = f"{requests_cb.RequestCb.__prefix__}:{requests_cb.RequestAction.OPEN}:"
        yield lambda: self.press(card)
        yield lambda: p.send("/weather", wait=False)
        if self.category is not None:
            old, button = self.category
            yield lambda: self._stale(old, button)

    async def _stale(self, message: SentMessage, button: dict[str, Any]) -> None:
        self.person.press_button(message, button)


class Crowd:
    """Residents who take turns: `step()` sends the next update of a resident not waiting for
    an answer (a new resident joins when all are waiting, or one's journey ended)."""

    def __init__(self, stand_in: BotApiStandIn, spots: Iterator[Spot], stamps: Stamps) -> None:
        self.stand_in, self.spots, self.stamps = stand_in, spots, stamps
        self.idle: list[Resident] = []
        self.names = count()
        self.sent = self.answered = 0
        self.residents = 0  # people (chats) who joined so far
        self.log: list[str] = []  # the bot's, to show its errors
        self.changed = asyncio.Event()
        self._waiting: set[asyncio.Task[None]] = set()
        self._pushed: list[QueuedUpdate] = []
        world = stand_in.world
        push = world.push_update

        def noted(kind: str, payload: dict[str, Any]) -> QueuedUpdate:
            queued = push(kind, payload)
            self._pushed.append(queued)
            return queued

        world.push_update = noted  # type: ignore[method-assign]

    def _resident(self) -> Resident:
        if self.idle:
            return self.idle.pop()
        person = add_person(self.stand_in.world, f"Житель {next(self.names)}")
        self.residents += 1
        return Resident(person, next(self.spots))

    async def step(self, arrival: float) -> None:
        resident = self._resident()
        step = next(resident.steps, None)
        if step is None:
            resident = Resident(add_person(self.stand_in.world, "Житель"), next(self.spots))
            self.residents += 1
            step = next(resident.steps)
        self._pushed.clear()
        await step()
        queued = self._pushed[-1]
        self.stamps.arrived(resident.person.id, arrival, queued)
        self.sent += 1
        task = asyncio.ensure_future(self._idle_when_answered(resident, queued))
        self._waiting.add(task)
        task.add_done_callback(self._waiting.discard)

    async def _idle_when_answered(self, resident: Resident, queued: QueuedUpdate) -> None:
        await queued.acknowledged.wait()
        self.answered += 1
        self.idle.append(resident)
        self.changed.set()

    async def drain(self, timeout: float) -> int:
        """Until every update sent was answered, or `timeout`: how many were not."""
        if self._waiting:
            await asyncio.wait(set(self._waiting), timeout=timeout)
        return len(self._waiting)
