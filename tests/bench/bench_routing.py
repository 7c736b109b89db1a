"""Benchmark of choosing the handler alone: every router walked vs the index (bot/event_index.py).

Run: .venv/bin/python tests/bench/bench_routing.py [--rounds R]

The bot's own routers, prepared as bot/app.py prepares them; a middleware at the top records
the handler chosen and returns, so no handler, database or Bot API call is timed. The events
are those of tests/bench/bench_updates.py, each in the form state it arrives in. Both ways run
in one process, round after round in turn, so a noisy machine slows both alike. Prints the
microseconds per event of each way, per kind and for the whole mix.
"""
# ruff: noqa: E402 (the imports follow the sys.path set-up)

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

from aiogram import Dispatcher, Router
from aiogram.types import CallbackQuery, Chat, Location, Message, PhotoSize, Sticker, User

from bot.callback_prefixes import check_prefix_first
from bot.event_index import index_events
from bot.i18n import create_i18n
from bot.inline_callables import run_inline
from bot.settings import PROJECT_ROOT
from handlers import create_root_router

PERSON = User(id=7, is_bot=False, first_name="Alsu")
CHAT = Chat(id=7, type="private")
PHOTO = [PhotoSize(file_id="p", file_unique_id="p", width=1, height=1)]
PLACE = Location(latitude=55.8, longitude=49.1)
STICKER = Sticker(
    file_id="s",
    file_unique_id="s",
    type="regular",
    width=1,
    height=1,
    is_animated=False,
    is_video=False,
)


def message(**content: Any) -> Message:
    return Message(
        message_id=1, date=datetime(2026, 1, 1, tzinfo=UTC), chat=CHAT, from_user=PERSON, **content
    )


def press(data: str) -> CallbackQuery:
    shown = message(text="…")
    return CallbackQuery(id="1", from_user=PERSON, chat_instance="c", data=data, message=shown)


# (kind, update type, the event, the form state it arrives in): bench_updates' journey
MIX: list[tuple[str, str, Any, str | None]] = [
    ("/start", "message", message(text="/start"), None),
    ("sticker (no-op)", "message", message(sticker=STICKER), None),
    ("menu: report", "callback_query", press("mn:report"), None),
    ("category", "callback_query", press("ct:3"), "ReportForm:category"),
    ("location", "message", message(location=PLACE), "ReportForm:place"),
    ("photo", "message", message(photo=PHOTO), "ReportForm:photos"),
    ("photos done", "callback_query", press("ph:done"), "ReportForm:photos"),
    ("description", "message", message(text="Яма у дома"), "ReportForm:description"),
    ("submit", "callback_query", press("sm:submit"), "ReportForm:summary"),
    ("/my", "message", message(text="/my"), None),
    ("open card", "callback_query", press("rq:open:1"), None),
    ("/weather (no-op)", "message", message(text="/weather"), None),
    ("stale button (no-op)", "callback_query", press("ct:3"), None),
]


def prepared() -> Router:
    root = create_root_router()
    dispatcher = Dispatcher()
    dispatcher.include_router(root)

    async def chosen(_: Any, __: Any, data: dict[str, Any]) -> Any:
        return data["handler"].callback  # the choice is what is timed, not the handler

    root.message.middleware(chosen)
    root.callback_query.middleware(chosen)
    run_inline(dispatcher)
    check_prefix_first(dispatcher)
    index_events(root)
    return root


async def choose(root: Router, walk: bool, repeat: int) -> dict[str, float]:
    """Microseconds per event of each kind, choosing `repeat` times."""
    spent: dict[str, float] = {}
    for kind, update_type, event, state in MIX:
        data = {"bot": None, "raw_state": state, "event_from_user": PERSON, "event_chat": CHAT}
        data |= {"staff_chat_id": None, "state": None, "uow": None, "user": None}
        propagate = Router.propagate_event.__get__(root) if walk else root.propagate_event
        started = time.perf_counter()
        for _ in range(repeat):
            await propagate(update_type, event, **data)
        spent[kind] = (time.perf_counter() - started) / repeat * 1e6
    return spent


async def main(args: argparse.Namespace) -> None:
    i18n = create_i18n(PROJECT_ROOT / "locales", "ru")
    root = prepared()
    rounds: dict[bool, list[dict[str, float]]] = {True: [], False: []}
    with i18n.context(), i18n.use_locale("ru"):
        for _ in range(args.rounds):
            for walk in (True, False):
                rounds[walk].append(await choose(root, walk, args.repeat))
    print(f"== choosing the handler: median of {args.rounds} rounds, microseconds per event ==")
    print(f"  {'':24} {'every router':>12} {'index':>8}")
    for kind, *_ in MIX:
        walked = statistics.median(r[kind] for r in rounds[True])
        indexed = statistics.median(r[kind] for r in rounds[False])
        print(f"  {kind:24} {walked:12.1f} {indexed:8.1f}")
    totals = {w: statistics.median(sum(r.values()) / len(MIX) for r in rounds[w]) for w in rounds}
    print(f"  {'the mix, per update':24} {totals[True]:12.1f} {totals[False]:8.1f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=200, help="choices per kind a round")
    asyncio.run(main(parser.parse_args()))
