"""`mykazan run --processes N`: N bot processes on one address, started by one command.

The parent migrates the database once (N processes migrating at once would race), imports
the bot once, then forks the workers: each runs the whole bot (web server, handlers, outbox
dispatcher, fan-out, scheduler) and listens on WEB_PORT with SO_REUSEPORT, so the kernel
spreads Telegram's connections over them. What must happen once is shared through the
database and Redis: the outbox and fan-out claim rows with SKIP LOCKED, scheduled jobs claim
their period (scheduler/exclusive.py), the 30 a second budget and FSM state live in Redis.
Each chat's order is Telegram's: a chat's next update comes only after the webhook answered
its previous one, and a worker answers only after handling it.

The parent only supervises: SIGTERM/SIGINT go on to the workers (each stops gracefully);
when a worker ends on its own, the others are stopped too and the parent exits with its
status, so that the service manager (systemd, Docker) restarts the whole. A worker whose
parent dies is sent SIGTERM by the kernel (PR_SET_PDEATHSIG on Linux).
"""

import asyncio
import contextlib
import ctypes
import gc
import logging
import os
import signal
import sys
from collections.abc import Callable

from bot.runner import run_until_signalled  # imported once, before the fork
from bot.settings import Settings

logger = logging.getLogger(__name__)
PR_SET_PDEATHSIG = 1


def run_processes(settings: Settings, count: int, run: Callable[[Settings], int]) -> int:
    """Fork `count` workers, each calling `run(settings)`; returns the exit status."""
    _tag_log_lines_with_the_process()
    gc.collect()
    gc.freeze()  # the imports stay out of the collector's sight: their pages stay shared
    workers: list[int] = []
    for _ in range(count):
        pid = os.fork()
        if pid == 0:
            os._exit(_worker(settings, run))
        workers.append(pid)
    logger.info(
        "%d bot processes on %s:%d: %s",
        count,
        settings.web_host,
        settings.web_port,
        " ".join(map(str, workers)),
    )
    return _supervise(workers)


def _worker(settings: Settings, run: Callable[[Settings], int]) -> int:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    try:
        return run(settings)
    except Exception:
        logger.exception("bot process %d failed", os.getpid())
        return 1
    finally:
        logging.shutdown()
        sys.stdout.flush()


def _supervise(workers: list[int]) -> int:
    def forward(signum: int, _: object) -> None:
        for pid in workers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signum)

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    status, running = 0, set(workers)
    while running:
        pid, wait_status = os.wait()
        if pid not in running:
            continue
        running.discard(pid)
        code = os.waitstatus_to_exitcode(wait_status)
        status = status or (code if code > 0 else 0)
        if running:
            logger.info("bot process %d ended (%d); stopping the others", pid, code)
            forward(signal.SIGTERM, None)
    return status


def _tag_log_lines_with_the_process() -> None:
    for handler in logging.getLogger().handlers:
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s [%(process)d] %(name)s: %(message)s")
        )


def run_one(settings: Settings) -> int:
    """A worker's life: the bot until SIGTERM or SIGINT."""
    asyncio.run(run_until_signalled(settings))
    return 0
