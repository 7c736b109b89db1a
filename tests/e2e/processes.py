"""Several bot processes on one address against a stand-in: `mykazan run --processes N`.

Real OS processes (tests/e2e/bot_process.py: they stop themselves when this process goes or
after `max_seconds`), the workers listening on one 127.0.0.1 port with SO_REUSEPORT. Their
log lines carry their pid, so that a test can tell who handled what.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from sandbox.server import BotApiStandIn

SCRIPT = Path(__file__).with_name("bot_process.py")
READY_LINE = "webhook mode:"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class BotProcess:
    """One worker, read from /proc."""

    pid: int

    def cpu_seconds(self) -> float:
        """User and system CPU time so far (Linux /proc)."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def pss_mb(self) -> float:
        """Its proportional share of memory: pages shared with the others counted in part."""
        for line in Path(f"/proc/{self.pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
        return 0.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def bot_environment(stand_in: BotApiStandIn, port: int, **settings: str) -> dict[str, str]:
    """The processes' settings: the stand-in, one shared port, quick to start."""
    keep = ("PATH", "HOME", "LANG", "PYTHONPATH", "VIRTUAL_ENV", "TMPDIR")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    env |= {
        "BOT_TOKEN": stand_in.token,
        "TELEGRAM_API_BASE": stand_in.base_url,
        "WEBHOOK_URL": f"http://127.0.0.1:{port}",
        "WEB_HOST": "127.0.0.1",
        "WEB_PORT": str(port),
        "WEB_REUSE_PORT": "true",
        "DEFAULT_LOCALE": "ru",
    }
    return env | settings


class BotProcesses:
    def __init__(self, count: int, env: dict[str, str], *, max_seconds: float = 60.0) -> None:
        self.count, self.env, self.max_seconds = count, env, max_seconds
        self.processes: list[BotProcess] = []  # the workers, once ready
        self.log: list[str] = []
        self._parent: asyncio.subprocess.Process | None = None
        self._reader: asyncio.Task[None] | None = None
        self._ready = asyncio.Event()

    def lines_of(self, worker: BotProcess) -> list[str]:
        if self.count == 1:
            return self.log
        return [line for line in self.log if f"[{worker.pid}]" in line]

    async def __aenter__(self) -> BotProcesses:
        self._parent = await asyncio.create_subprocess_exec(
            sys.executable,
            str(SCRIPT),
            str(self.max_seconds),
            str(self.count),
            env=self.env,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        self._reader = asyncio.create_task(self._read_log(self._parent))
        try:
            await self._all_ready(self._parent, timeout=90.0)
        except BaseException:
            await self.stop()
            raise
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    async def _read_log(self, parent: asyncio.subprocess.Process) -> None:
        assert parent.stderr is not None
        async for raw in parent.stderr:
            line = raw.decode(errors="replace").rstrip()
            self.log.append(line)
            if READY_LINE in line:
                tagged = re.search(r"\[(\d+)\]", line)
                pid = int(tagged.group(1)) if tagged and self.count > 1 else parent.pid
                self.processes.append(BotProcess(pid))
                if len(self.processes) == self.count:
                    self._ready.set()

    async def _all_ready(self, parent: asyncio.subprocess.Process, timeout: float) -> None:
        ready = asyncio.ensure_future(self._ready.wait())
        ended = asyncio.ensure_future(parent.wait())
        try:
            await asyncio.wait([ready, ended], timeout=timeout, return_when="FIRST_COMPLETED")
        finally:
            ready.cancel()
            ended.cancel()
        if not self._ready.is_set():
            tail = "\n".join(self.log[-20:])
            raise RuntimeError(f"the bot processes did not start:\n{tail}")

    async def stop(self) -> None:
        """SIGTERM (a graceful stop, passed on to the workers), SIGKILL after 20 s."""
        parent = self._parent
        if parent is None:
            return
        if parent.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                parent.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(parent.wait(), 20.0)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                parent.kill()
            await parent.wait()
        if self._reader is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
