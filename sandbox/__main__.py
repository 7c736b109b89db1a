"""``python -m sandbox``: run the stand-in on 127.0.0.1:8081 until Ctrl+C."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import sys

from sandbox.server import BotApiStandIn
from sandbox.state import StandInConfig

logger = logging.getLogger(__name__)


async def serve(port: int, token: str, lifetime: float | None) -> None:
    stand_in = BotApiStandIn(token=token, config=StandInConfig(max_lifetime=lifetime))
    base_url = await stand_in.start("127.0.0.1", port)
    # The base URL on stdout is the program's output (scripts read it), not a log line.
    sys.stdout.write(f"{base_url}\n")
    sys.stdout.flush()
    try:
        while stand_in.state.closing is False:
            await asyncio.sleep(0.5)
    finally:
        await stand_in.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sandbox", description=__doc__)
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default="123456:TEST-TOKEN")
    parser.add_argument(
        "--lifetime", type=float, default=0, help="stop after this many seconds (0: never)"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(args.port, args.token, args.lifetime or None))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
