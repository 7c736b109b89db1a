"""`mykazan ...`: the command line of the bot and of its operators."""

import argparse
import asyncio
import json
import logging
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from bot.settings import ConfigError, Settings, load_settings
from domain.clock import SystemClock

logger = logging.getLogger(__name__)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mykazan", description="My Kazan, the city assistant")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser(
        "run",
        help="migrate, then run the bot (long polling or webhook; the sandbox without a token)",
    )
    run.add_argument(
        "--processes",
        type=int,
        default=1,
        help="bot processes on WEB_PORT (webhook mode, PostgreSQL and Redis; README)",
    )
    sandbox = commands.add_parser(
        "sandbox", help="the bot against a local Bot API stand-in, with a web page (no Telegram)"
    )
    sandbox.add_argument("--host", help="where the page is served (default: WEB_HOST)")
    sandbox.add_argument("--port", type=_port, help="its port (default: WEB_PORT)")
    commands.add_parser("migrate", help="upgrade the database and load reference data")
    commands.add_parser("check-config", help="validate the configuration and exit")
    find = commands.add_parser("find-address", help="show how addresses are understood (JSON)")
    find.add_argument("queries", nargs="+", help="addresses, or - to read one per line on stdin")
    find.add_argument("--limit", type=int, default=5)
    streets = commands.add_parser("import-streets", help="load a fuller street register CSV")
    streets.add_argument("file", type=Path)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = load_settings()
        logging.basicConfig(
            level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
        quiet_routine_logs(settings.log_level, args.command)
        if args.command == "find-address":
            logging.getLogger().setLevel(logging.WARNING)  # stdout is JSON; keep stderr quiet
        return _dispatch(args, settings)
    except ConfigError as error:
        print(f"mykazan: configuration error: {error}", file=sys.stderr)  # noqa: T201
        return 2


# Loggers that say the same thing every run or every tick; LOG_LEVEL=DEBUG shows them again.
ROUTINE_LOGGERS = (
    "aiogram.event",  # every update handled
    "aiogram.middlewares",  # every callback query answered
    "alembic.runtime.plugins",
    "apscheduler",  # "Running job ... executed successfully" every 30 s
)


def quiet_routine_logs(level: str, command: str | None) -> None:
    """Keep INFO for what a person reading the log needs; the page address must not drown."""
    if level == "DEBUG":
        return
    names = list(ROUTINE_LOGGERS)
    if command != "migrate":  # `mykazan migrate` is asked for the revisions; `run` is not
        names.append("alembic.runtime.migration")
    for name in names:
        logging.getLogger(name).setLevel(logging.WARNING)


def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "check-config":
        settings.require_token()
        print(f"configuration is valid (database: {_safe_url(settings.database_url)})")  # noqa: T201
        return 0
    if args.command == "migrate":
        asyncio.run(_migrate(settings))
        return 0
    if args.command == "find-address":
        asyncio.run(_find_address(settings, _queries(args.queries), args.limit))
        return 0
    if args.command == "import-streets":
        return asyncio.run(_import_streets(settings, args.file))
    if args.command == "sandbox":
        return _sandbox(settings, args.host, args.port)
    return _run(settings, getattr(args, "processes", 1))


def _run(settings: Settings, processes: int = 1) -> int:
    if settings.bot_token is None:  # `make run` on a fresh machine shows something real
        logger.info("BOT_TOKEN is not set: starting the local sandbox instead")
        return _sandbox(settings, None, None)
    if processes > 1:
        _several_processes_allowed(settings)
    asyncio.run(_migrate_if_needed(settings))
    from bot.processes import run_one, run_processes

    logger.info("telegram mode: the bot talks to %s", settings.telegram_api_base)
    if processes > 1:
        shared = settings.model_copy(update={"web_reuse_port": True})
        return run_processes(shared, processes, run_one)
    return run_one(settings)


def _several_processes_allowed(settings: Settings) -> None:
    """Several processes need webhook mode (two pollers would take each other's updates) and
    shared state: PostgreSQL (SQLite takes one writer) and Redis (FSM, limits, locks)."""
    if not settings.webhook_url:
        raise ConfigError("--processes needs webhook mode: set WEBHOOK_URL")
    if not settings.database_url.startswith("postgresql") or not settings.redis_url:
        raise ConfigError("--processes needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)")


def _sandbox(settings: Settings, host: str | None, port: int | None) -> int:
    from bot.runner import run_until_signalled
    from bot.sandbox_mode import run_sandbox

    where = {"web_host": host or settings.web_host, "web_port": port or settings.web_port}
    asyncio.run(run_until_signalled(settings.model_copy(update=where), run_sandbox))
    return 0


def _port(text: str) -> int:
    port = int(text)
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port (1-65535)")
    return port


def _safe_url(url: str) -> str:
    """The database URL without a password, for logs."""
    head, sep, tail = url.partition("@")
    if not sep or ":" not in head.split("//", 1)[-1]:
        return url
    scheme, _, userinfo = head.partition("//")
    return f"{scheme}//{userinfo.split(':', 1)[0]}:***@{tail}"


def _queries(arguments: Iterable[str]) -> Iterable[str]:
    for argument in arguments:
        if argument == "-":
            yield from (line.strip() for line in sys.stdin if line.strip())
        else:
            yield argument


async def _migrate(settings: Settings) -> None:
    from storage.bootstrap import migrate_and_load

    counts = await migrate_and_load(settings.database_url, settings.data_dir)
    logger.info("database is up to date; reference data: %s", counts)


async def _migrate_if_needed(settings: Settings) -> None:
    """At start: nothing to do when the schema and the reference data are current."""
    from storage.bootstrap import migrate_if_needed

    counts = await migrate_if_needed(settings.database_url, settings.data_dir)
    if counts is None:
        logger.info("database is current: no migration needed")
    else:
        logger.info("database is up to date; reference data: %s", counts)


async def _find_address(settings: Settings, queries: Iterable[str], limit: int) -> None:
    from bot.address_report import candidates_json
    from domain.address.matcher import AddressMatcher
    from storage.engine import create_engine, create_session_factory
    from storage.uow import SqlUnitOfWork

    await _migrate(settings)
    engine = create_engine(settings.database_url)
    try:
        async with SqlUnitOfWork(create_session_factory(engine), SystemClock()) as uow:
            matcher = AddressMatcher(await uow.streets.all())
    finally:
        await engine.dispose()
    for query in queries:
        line = json.dumps(candidates_json(matcher.match(query, limit)), ensure_ascii=False)
        print(line, flush=True)  # noqa: T201


async def _import_streets(settings: Settings, path: Path) -> int:
    from storage.bootstrap import import_street_register

    if not path.is_file():
        print(f"mykazan: no such file: {path}", file=sys.stderr)  # noqa: T201
        return 2
    await _migrate(settings)
    try:
        report = await import_street_register(settings.database_url, path)
    except ValueError as error:  # a wrong header: nothing was written
        print(f"mykazan: {error}", file=sys.stderr)  # noqa: T201
        return 2
    print(json.dumps(report, ensure_ascii=False))  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
