"""`mykazan run --processes N` for a test or a benchmark, which stops itself: when its parent
goes (its stdin closes) or after MAX_SECONDS, whichever comes first (SIGTERM: a graceful
stop, passed on to the workers).

Run: python tests/e2e/bot_process.py MAX_SECONDS N   (settings from the environment)
"""

import os
import signal
import sys
import threading
from pathlib import Path


def _stop() -> None:
    os.kill(os.getpid(), signal.SIGTERM)


def _when_stdin_closes() -> None:
    sys.stdin.buffer.read()
    _stop()


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from bot.cli import main as cli

    threading.Thread(target=_when_stdin_closes, daemon=True).start()
    deadline = threading.Timer(float(sys.argv[1]), _stop)
    deadline.daemon = True
    deadline.start()
    return cli(["run", "--processes", sys.argv[2]])


if __name__ == "__main__":
    sys.exit(main())
