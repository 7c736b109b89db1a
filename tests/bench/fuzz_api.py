"""Schemathesis, the long run, against the admin API (not collected by pytest): `make fuzz`.

Run: .venv/bin/python tests/bench/fuzz_api.py [--max-examples 200] [--seed 1] [st run options]

Serves the real web app on 127.0.0.1 (a migrated SQLite copy with the reference data, the
Bot API stand-in, a bearer token) and runs `st run` on /api/v1/openapi.json with every check
(schemathesis.toml, plus tests/api/fuzz_checks.py through SCHEMATHESIS_HOOKS) and every
phase, stateful included. Prints schemathesis' own report; exits with its status, so a
finding fails `make fuzz`. tests/api/test_fuzz.py is the short run of the same in `make test`.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.api.harness import TOKEN  # noqa: E402
from tests.api.live import live_api  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=200, help="per operation and phase")
    parser.add_argument("--seed", type=int, default=1)
    args, extra = parser.parse_known_args()
    st = Path(sys.executable).with_name("st")
    env = {
        **os.environ,
        "SCHEMATHESIS_HOOKS": "tests.api.fuzz_checks",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    with tempfile.TemporaryDirectory() as workdir, live_api(Path(workdir)) as url:
        command = [
            str(st),
            "run",
            f"{url}/api/v1/openapi.json",
            "--header",
            f"Authorization: Bearer {TOKEN}",
            "--checks",
            "all",
            "--workers",
            "1",
            "--seed",
            str(args.seed),
            "--max-examples",
            str(args.max_examples),
            *extra,
        ]
        return subprocess.run(command, env=env, cwd=ROOT, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
