"""Pacing buckets, idleness, and running the stand-in as ``python -m sandbox``."""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path

import aiohttp
import pytest
from aiogram import Bot

from sandbox import BotApiStandIn, Pacing, Person
from sandbox.errors import ApiError
from sandbox.pacing import Pacer

ROOT = Path(__file__).resolve().parents[2]


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_pacer_limits_a_chat_with_a_small_burst() -> None:
    clock = FakeClock()
    pacer = Pacer(Pacing(enabled=True, per_chat_burst=2), clock)
    pacer.check(1, is_group=False)
    pacer.check(1, is_group=False)
    with pytest.raises(ApiError) as caught:
        pacer.check(1, is_group=False)
    assert (caught.value.code, caught.value.retry_after) == (429, 1)
    clock.now += 1
    pacer.check(1, is_group=False)


def test_pacer_limits_groups_per_minute_and_everything_per_second() -> None:
    clock = FakeClock()
    pacer = Pacer(Pacing(enabled=True, per_chat_burst=100, per_chat_per_second=100), clock)
    for _ in range(20):
        pacer.check(-100, is_group=True)
    with pytest.raises(ApiError, match="retry after 3"):  # a slot frees every 3 s
        pacer.check(-100, is_group=True)

    clock.now += 60
    for chat_id in range(30):
        pacer.check(chat_id, is_group=False)
    with pytest.raises(ApiError, match="retry after 1"):
        pacer.check(99, is_group=False)


def test_pacing_is_off_by_default() -> None:
    pacer = Pacer()
    for _ in range(100):
        pacer.check(1, is_group=True)


async def test_wait_idle_waits_for_background_sends(
    stand_in: BotApiStandIn, bot: Bot, anna: Person
) -> None:
    async def job() -> None:
        for number in range(3):
            await bot.send_message(anna.id, f"{number}")
            await asyncio.sleep(0.01)

    task = asyncio.create_task(job())
    await asyncio.sleep(0)
    # The settle time is far above the job's 10 ms gaps, so a loaded machine (CI runs the
    # whole suite on 2 cores) cannot make a gap look like the end.
    await stand_in.wait_idle(timeout=5, settle=0.5)
    assert [m.text for m in anna.replies()] == ["0", "1", "2"]
    await task


async def test_wait_idle_times_out_on_unconfirmed_updates(
    stand_in: BotApiStandIn, anna: Person
) -> None:
    await anna.send("никто не читает", wait=False)
    with pytest.raises(TimeoutError, match="idle"):
        await stand_in.wait_idle(timeout=0.1)


async def test_python_m_sandbox_serves_until_interrupted() -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "sandbox",
        "--port",
        "0",
        "--lifetime",
        "20",
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        assert process.stdout is not None
        base_url = (await asyncio.wait_for(process.stdout.readline(), 10)).decode().strip()
        assert base_url.startswith("http://127.0.0.1:")
        async with (
            aiohttp.ClientSession() as http,
            http.get(f"{base_url}/bot123456:TEST-TOKEN/getMe") as response,
        ):
            assert (await response.json())["result"]["is_bot"] is True
    finally:
        process.send_signal(signal.SIGINT)
        code = await asyncio.wait_for(process.wait(), 10)
    assert code == 0
