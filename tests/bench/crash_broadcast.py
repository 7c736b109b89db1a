"""Crash test: kill -9 the dispatcher again and again during a broadcast (not collected by
pytest; tests/e2e/test_outbox_crash.py runs a small one).

Run: .venv/bin/python tests/bench/crash_broadcast.py [--recipients 5000] [--kills 10]

The stand-in (Telegram's pacing on) runs here and counts what each chat receives; the
dispatcher runs as a process of its own (tests/bench/outbox_process.py) on a SQLite outbox.
Once it is sending, it is killed with SIGKILL at a random moment and started again, `kills`
times; the last one drains the outbox. Every recipient must get the alert, and duplicates
(only messages in flight at a kill) must not exceed the kills.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import random
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sandbox import BotApiStandIn, Pacing, StandInConfig  # noqa: E402
from storage.engine import create_engine, create_session_factory  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from tests.bench._broadcast_stage import Arrivals, pending, residents, seed_rows  # noqa: E402

PROCESS = ROOT / "tests" / "bench" / "outbox_process.py"


@dataclass(frozen=True, slots=True)
class CrashRun:
    recipients: int
    reached: int
    duplicates: int
    kills: int
    too_many_requests: int
    seconds: float
    longest_silence: float  # seconds without a message once sending began (a kill's cost)


@dataclass(frozen=True, slots=True)
class CrashPlan:
    recipients: int
    kills: int
    rate: float = 30.0  # the dispatcher's overall limit, messages/second
    lease: float = 60.0  # seconds: the production lease (a dead worker's rows are taken over
    # by the restarted one after its heartbeat goes stale, within seconds)
    kill_after: tuple[float, float] = (1.0, 10.0)  # seconds of sending before a kill
    paced: bool = True  # the stand-in enforcing Telegram's limits
    timeout: float = 1200.0
    seed: int = 1


async def crash_broadcast(plan: CrashPlan, directory: Path) -> CrashRun:
    url = f"sqlite+aiosqlite:///{directory / 'crash.sqlite3'}"
    await upgrade(url)
    engine = create_engine(url)
    factory = create_session_factory(engine)
    config = StandInConfig(pacing=Pacing(enabled=plan.paced), max_lifetime=None)
    rng = random.Random(plan.seed)
    kills, started = 0, time.monotonic()
    try:
        async with BotApiStandIn(config=config) as stand_in, asyncio.timeout(plan.timeout):
            people = residents(stand_in, plan.recipients)
            await seed_rows(engine, people)
            arrivals = Arrivals(stand_in)
            while await pending(factory):
                process = await spawn(url, stand_in, plan)
                try:
                    if kills == plan.kills:  # the last one drains the outbox
                        await process.wait()
                        break
                    before = len(arrivals.times)
                    while len(arrivals.times) == before and await pending(factory):
                        await asyncio.sleep(0.01)  # wait until it is sending
                    await asyncio.sleep(rng.uniform(*plan.kill_after))
                    if process.returncode is None:
                        process.send_signal(signal.SIGKILL)
                        kills += 1
                    await process.wait()
                finally:
                    if process.returncode is None:  # bounded: never left running
                        process.kill()
                        await process.wait()
            reached = sum(1 for person in people if arrivals.per_chat[person] > 0)
            duplicates = sum(n - 1 for n in arrivals.per_chat.values() if n > 1)
            flood = arrivals.too_many_requests()
    finally:
        await engine.dispose()
    gaps = [later - earlier for earlier, later in itertools.pairwise(arrivals.times)]
    silence = max(gaps, default=0.0)
    seconds = time.monotonic() - started
    return CrashRun(plan.recipients, reached, duplicates, kills, flood, seconds, silence)


async def spawn(url: str, stand_in: BotApiStandIn, plan: CrashPlan) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        str(PROCESS),
        *("--database-url", url, "--api-base", stand_in.base_url, "--token", stand_in.token),
        *("--rate", str(plan.rate), "--lease", str(plan.lease), "--until-empty"),
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--recipients", type=int, default=5000)
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    plan = CrashPlan(args.recipients, args.kills, seed=args.seed)
    with tempfile.TemporaryDirectory() as directory:
        run = await crash_broadcast(plan, Path(directory))
    print(f"== crash test: {run.recipients} recipients, ", end="")
    print(f"the dispatcher killed -9 {run.kills} times ==")
    print(f"  recipients reached: {run.reached} of {run.recipients}")
    print(f"  duplicates: {run.duplicates} (must be <= kills: {run.kills}); ", end="")
    print(f"429s: {run.too_many_requests}")
    print(f"  all done in {run.seconds:.1f} s; longest silence {run.longest_silence:.1f} s")


if __name__ == "__main__":
    asyncio.run(main())
