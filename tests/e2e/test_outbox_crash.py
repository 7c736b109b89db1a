"""kill -9 the dispatcher process during a broadcast: everyone is told, duplicates stay
within the kills (the full run: tests/bench/crash_broadcast.py)."""

from pathlib import Path

from tests.bench.crash_broadcast import CrashPlan, crash_broadcast

# Quicker than Telegram (no pacing in the stand-in, 40 a second), with the production lease
# of 60 s: a restarted dispatcher takes the killed one's claims over once its heartbeat is
# 5 s stale, so three kills and restarts still fit in about half a minute.
PLAN = CrashPlan(
    recipients=400,
    kills=3,
    rate=40.0,
    lease=60.0,
    kill_after=(0.2, 2.0),
    paced=False,
    timeout=120.0,
)


async def test_a_dispatcher_killed_three_times_still_tells_everyone(tmp_path: Path) -> None:
    run = await crash_broadcast(PLAN, tmp_path)
    assert run.kills == 3, run  # each one mid-broadcast: 400 messages take 10 s of sending
    assert run.reached == run.recipients, run
    assert run.duplicates <= run.kills, run
    # Never the lease's minute of silence after a kill: the heartbeat goes stale in 5 s.
    assert run.longest_silence < 20.0, run
