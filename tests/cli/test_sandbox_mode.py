"""`mykazan sandbox` (and `mykazan run` without a token) as real processes: one line with the
page address on stdout once the web server listens, /healthz answers, Ctrl+C stops it, demo
data is seeded once into the sandbox's own database and never into DATABASE_URL."""

import queue
import re
import signal
import socket
import sqlite3
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.sandbox_mode import READY_BANNER, first_update_id, page_address, same_database
from bot.settings import PROJECT_ROOT, Settings
from tests.cli.conftest import COMMAND, Mykazan, sqlite_url

pytestmark = pytest.mark.subprocess

STARTUP_S = 60.0  # migrating a fresh database and seeding the demo take a few seconds
STOP_S = 20.0
DEMO_REQUESTS = 6


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Running:
    """A `mykazan` process with its stdout read line by line in the background."""

    process: subprocess.Popen[str]
    lines: "queue.Queue[str | None]"
    stderr: Path
    started: float

    def first_line(self) -> str:
        try:
            line = self.lines.get(timeout=STARTUP_S)
        except queue.Empty:
            pytest.fail(f"no line on stdout within {STARTUP_S} s:\n{self.log()}")
        if line is None:
            pytest.fail(f"the process ended (rc {self.process.poll()}):\n{self.log()}")
        return line.rstrip("\n")

    def interrupt(self) -> int:
        """Ctrl+C, then the exit code (bounded)."""
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=STOP_S)

    def remaining_lines(self) -> list[str]:
        found = []
        while (line := self.lines.get(timeout=STOP_S)) is not None:
            found.append(line)
        return found

    def log(self) -> str:
        return self.stderr.read_text(encoding="utf-8")


@contextmanager
def running(cli: Mykazan, *args: str, **variables: str) -> Iterator[Running]:
    stderr = cli.workdir / f"stderr-{time.monotonic_ns()}.log"
    with stderr.open("w", encoding="utf-8") as sink:
        started = time.monotonic()
        process = subprocess.Popen(
            [*COMMAND, *args],
            cwd=cli.workdir,
            env=cli.env | variables,
            stdout=subprocess.PIPE,
            stderr=sink,  # a file: logs must never fill a pipe nobody reads
            encoding="utf-8",
        )
        lines: queue.Queue[str | None] = queue.Queue()

        def read() -> None:
            assert process.stdout is not None
            for line in process.stdout:
                lines.put(line)
            lines.put(None)  # end of output

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        try:
            yield Running(process, lines, stderr, started)
        finally:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=STOP_S)
            reader.join(timeout=STOP_S)  # the pipe is at its end once the process is gone
            assert process.stdout is not None
            process.stdout.close()


@pytest.fixture
def sandbox_db(tmp_path: Path) -> Path:
    return tmp_path / "sandbox.sqlite3"


def sandbox_env(database: Path, port: int) -> dict[str, str]:
    return {"SANDBOX_DATABASE_URL": sqlite_url(database), "WEB_PORT": str(port)}


def get(url: str) -> int:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback http
        return int(response.status)


def count_requests(database: Path) -> int:
    with closing(sqlite3.connect(database)) as connection:
        return int(connection.execute("SELECT count(*) FROM requests").fetchone()[0])


def test_one_line_with_the_page_then_health_and_a_clean_stop(
    mykazan: Mykazan, sandbox_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    port = free_port()

    # --port wins over WEB_PORT (which names a port nobody may bind here).
    with running(mykazan, "sandbox", "--port", str(port), **sandbox_env(sandbox_db, 1)) as bot:
        line = bot.first_line()
        seconds = time.monotonic() - bot.started
        assert line == f"http://127.0.0.1:{port}/sandbox"
        started_log = bot.log()
        assert get(f"http://127.0.0.1:{port}/healthz") == 200
        assert bot.interrupt() == 0, bot.log()
        assert bot.remaining_lines() == []  # exactly one line on stdout
        log = bot.log()

    # The address comes last, under a banner; routine lines (the migration's revisions, the
    # scheduler's jobs and ticks) are not at INFO, so they do not bury it.
    before, banner, after = started_log.partition(READY_BANNER)
    assert banner and not after.strip("=\n"), started_log
    assert "Running upgrade" not in log and "apscheduler" not in log, log

    with capsys.disabled():
        print(f"\nmykazan sandbox: {seconds:.2f} s from the command to the page address")  # noqa: T201
    assert "sandbox mode: no Telegram, a local stand-in; open " + line in log
    assert "Traceback" not in log
    assert count_requests(sandbox_db) == DEMO_REQUESTS
    assert not mykazan.database.exists()  # DATABASE_URL was never touched


def test_a_second_start_does_not_seed_again(mykazan: Mykazan, sandbox_db: Path) -> None:
    for _ in range(2):
        port = free_port()
        with running(mykazan, "sandbox", **sandbox_env(sandbox_db, port)) as bot:
            assert bot.first_line() == f"http://127.0.0.1:{port}/sandbox"
            assert bot.interrupt() == 0, bot.log()

    assert count_requests(sandbox_db) == DEMO_REQUESTS


def test_run_without_a_token_serves_the_sandbox(mykazan: Mykazan, sandbox_db: Path) -> None:
    if re.search(r"^\s*BOT_TOKEN\s*=\s*\S", _project_env(), re.M):
        pytest.skip("the project's .env sets BOT_TOKEN, and an empty variable cannot unset it")
    port = free_port()

    with running(mykazan, "run", BOT_TOKEN="", **sandbox_env(sandbox_db, port)) as bot:
        assert bot.first_line() == f"http://127.0.0.1:{port}/sandbox"
        assert get(f"http://127.0.0.1:{port}/healthz") == 200
        assert bot.interrupt() == 0, bot.log()
        log = bot.log()

    assert "BOT_TOKEN is not set: starting the local sandbox instead" in log
    assert "sandbox mode:" in log
    assert not mykazan.database.exists()


def test_with_a_token_run_is_telegram_mode(mykazan: Mykazan, sandbox_db: Path) -> None:
    # Nothing listens at this Bot API address, so the bot stops at its first call; by then
    # the log has said which mode it chose.
    api = f"http://127.0.0.1:{free_port()}"

    result = mykazan(
        "run",
        BOT_TOKEN="123456789:AAExample_token-1",
        TELEGRAM_API_BASE=api,
        **sandbox_env(sandbox_db, free_port()),
    )

    assert result.returncode != 0
    assert f"telegram mode: the bot talks to {api}" in result.stderr
    # Tracebacks name files under the checkout, whose path may itself contain the word.
    assert "sandbox" not in result.stderr.replace(str(PROJECT_ROOT), "")
    assert not sandbox_db.exists()


@pytest.mark.parametrize("spelling", ["same", "relative"])
def test_the_production_database_is_refused(mykazan: Mykazan, spelling: str) -> None:
    # The same file written another way is the same database too.
    url = sqlite_url(mykazan.database if spelling == "same" else Path(mykazan.database.name))

    result = mykazan("sandbox", "--port", str(free_port()), SANDBOX_DATABASE_URL=url)

    assert result.returncode == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert "SANDBOX_DATABASE_URL" in line and "DATABASE_URL" in line
    assert not mykazan.database.exists()


def test_a_port_out_of_range_is_a_usage_error(mykazan: Mykazan) -> None:
    result = mykazan("sandbox", "--port", "70000")

    assert result.returncode == 2
    assert "--port" in result.stderr


def _project_env() -> str:
    env_file = PROJECT_ROOT / ".env"
    return env_file.read_text(encoding="utf-8") if env_file.is_file() else ""


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("postgresql+asyncpg://a:x@db:5432/kzn", "postgresql+asyncpg://b@db:5432/kzn", True),
        ("postgresql+asyncpg://a@db:5432/kzn", "postgresql+asyncpg://a@db:5432/kzn_demo", False),
        ("postgresql+asyncpg://a@db/kzn", "sqlite+aiosqlite:///kzn", False),
        ("sqlite+aiosqlite:///var/x.db", "sqlite+aiosqlite:///./var/../var/x.db", True),
    ],
)
def test_which_databases_are_the_same(first: str, second: str, same: bool) -> None:
    assert same_database(first, second) is same


@pytest.mark.parametrize(
    ("host", "shown"),
    [("127.0.0.1", "127.0.0.1"), ("0.0.0.0", "127.0.0.1"), ("::1", "[::1]")],  # noqa: S104
)
def test_the_page_address_is_one_a_browser_can_open(host: str, shown: str) -> None:
    settings = Settings(_env_file=None, web_host=host, web_port=8090)

    assert page_address(settings) == f"http://{shown}:8090/sandbox"


def test_a_restarted_sandbox_gives_out_update_ids_above_the_earlier_run() -> None:
    """The bot skips an update id it has handled: after a restart on the same database the
    stand-in must not count from the same number again (the first messages were dropped)."""
    first_run = first_update_id(now=1_800_000_000.0)
    handled_by_first_run = first_run + 5_000  # five thousand updates in one run
    assert first_update_id(now=1_800_000_000.0 + 10) > handled_by_first_run
    assert first_run > 800_000_001  # above the fixed start of earlier versions too
