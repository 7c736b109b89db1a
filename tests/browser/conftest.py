"""The sandbox in a real headless Chromium: the page as a visitor uses it.

`mykazan sandbox` runs as a real process (the command people type, on a database of its
own); Playwright drives Debian's `chromium` through `executable_path`, so no browser is
downloaded. Without Playwright or without Chromium every test here skips with the reason.
Screenshots go to test-artifacts/: the ones the tests take, and every open page of a test
that failed (failed-<test>-<context>-<tab>.png).
"""

import importlib.util
import os
import queue
import shutil
import signal
import socket
import subprocess
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from bot.settings import PROJECT_ROOT
from tests.cli.conftest import COMMAND, clean_environment, sqlite_url

if TYPE_CHECKING:
    from playwright.async_api import Browser, BrowserContext

# The `open_context` fixture: keyword options of Browser.new_context → a context.
OpenContext = Callable[..., Awaitable["BrowserContext"]]

DEFAULT_BROWSER = "/usr/bin/chromium"
NO_CHROMIUM = "Chromium not found: install Debian's chromium or set SANDBOX_BROWSER"
NO_PLAYWRIGHT = "Playwright is not installed: pip install -e '.[dev]'"
STARTUP_S = 60.0  # migrating a fresh database and seeding the demo take several seconds
STOP_S = 20.0
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
WAIT_MS = 15_000  # Playwright's default for every action and expectation here
FAILED = pytest.StashKey[bool]()


def chromium_executable() -> Path | None:
    """SANDBOX_BROWSER when set (a missing path means no browser), else Debian's chromium."""
    wanted = os.environ.get("SANDBOX_BROWSER") or DEFAULT_BROWSER
    found = shutil.which(wanted)
    return Path(found) if found else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def chromium() -> Path:
    """Skips before anything is started: the sandbox costs seconds, the check nothing."""
    if importlib.util.find_spec("playwright") is None:
        pytest.skip(NO_PLAYWRIGHT)
    executable = chromium_executable()
    if executable is None:
        pytest.skip(NO_CHROMIUM)
    return executable


@dataclass(frozen=True, slots=True)
class Sandbox:
    url: str  # the page, as printed by `mykazan sandbox`
    log: Path

    @property
    def origin(self) -> str:
        return self.url.removesuffix("/sandbox")


@pytest.fixture(scope="module")
def sandbox(chromium: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    """One sandbox per module (its start is the slow part); tests use different people or
    find their own request by its number, so they do not depend on each other."""
    workdir = tmp_path_factory.mktemp("sandbox")
    env = clean_environment(workdir / "production.sqlite3") | {
        "SANDBOX_DATABASE_URL": sqlite_url(workdir / "sandbox.sqlite3"),
    }
    log = workdir / "sandbox.log"
    with log.open("w", encoding="utf-8") as sink:
        process = subprocess.Popen(
            [*COMMAND, "sandbox", "--port", str(free_port())],
            cwd=workdir,
            env=env,
            stdout=subprocess.PIPE,
            stderr=sink,  # a file: the bot's logs must never fill a pipe nobody reads
            encoding="utf-8",
        )
        try:
            yield Sandbox(url=_first_line(process, log), log=log)
        finally:
            _stop(process)


def _first_line(process: "subprocess.Popen[str]", log: Path) -> str:
    """The page address, the one line the command prints once the server listens (read
    in a thread: a blocked readline cannot be given a timeout)."""
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        lines.put(process.stdout.readline())

    threading.Thread(target=read, daemon=True).start()
    try:
        line = lines.get(timeout=STARTUP_S).strip()
    except queue.Empty:
        line = ""
    if not line.startswith("http://127.0.0.1:"):
        log_text = log.read_text(encoding="utf-8")
        pytest.fail(f"no page address within {STARTUP_S} s (rc {process.poll()}):\n{log_text}")
    return line


def _stop(process: "subprocess.Popen[str]") -> None:
    """Ctrl+C as a person would, then kill if it hangs; bounded either way."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=STOP_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_S)
    assert process.stdout is not None
    process.stdout.close()


@pytest.fixture
async def browser(chromium: Path) -> AsyncIterator["Browser"]:
    """A browser per test: pytest-asyncio gives every test its own event loop, and
    Playwright's objects belong to the loop that made them."""
    from playwright.async_api import async_playwright

    # Chromium refuses to start its sandbox as root (containers, CI); the pages are ours.
    args = ["--no-sandbox"] if os.geteuid() == 0 else []
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=str(chromium), headless=True, args=args, timeout=30_000
        )
        try:
            yield launched
        finally:
            await launched.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Screenshots for people to look at after the run (the folder is git-ignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Remember a failed test body, so its fixtures can keep the pages as they were."""
    report = yield
    if report.when == "call" and report.failed:
        item.stash[FAILED] = True
    return report


@pytest.fixture
async def open_context(
    browser: "Browser", request: pytest.FixtureRequest, artifacts: Path
) -> AsyncIterator[OpenContext]:
    """`await open_context(viewport=...)`: a browser context closed after the test; when the
    test failed, every page it had open is saved first (what was on screen says the most)."""
    opened: list[BrowserContext] = []

    async def open_one(**options: Any) -> "BrowserContext":
        context = await browser.new_context(locale="ru-RU", **options)
        context.set_default_timeout(WAIT_MS)
        opened.append(context)
        return context

    try:
        yield open_one
    finally:
        failed = request.node.stash.get(FAILED, False)
        for number, context in enumerate(opened):
            if failed:
                for tab, page in enumerate(context.pages):
                    path = artifacts / f"failed-{request.node.name}-{number}-{tab}.png"
                    await page.screenshot(path=path)
            await context.close()
