"""The command line as people use it: `mykazan ...` run as a real process.

Every run gets a clean environment (no setting inherited from the developer's shell), its
own SQLite file, a temporary working directory and a timeout. Migrating costs about a
second, so the read-only tests share one migrated database per module and the tests that
write work on a copy of it.
"""

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bot.settings import PROJECT_ROOT, Settings

TIMEOUT_S = 60
SETTINGS_VARIABLES = frozenset(name.upper() for name in Settings.model_fields)
_CONSOLE_SCRIPT = Path(sys.executable).with_name("mykazan")
# The installed console script when there is one; the module otherwise (same `main`).
COMMAND = (
    [str(_CONSOLE_SCRIPT)] if _CONSOLE_SCRIPT.is_file() else [sys.executable, "-m", "bot.cli"]
)
SQLITE_SIDECARS = ("", "-wal", "-shm")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "subprocess: runs `mykazan` as a real process (about a second each)"
    )


def sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


def copy_database(source: Path, target: Path) -> Path:
    """Copy an SQLite file with its WAL sidecars, if the last writer left any."""
    for suffix in SQLITE_SIDECARS:
        origin = source.with_name(source.name + suffix)
        if origin.exists():
            shutil.copyfile(origin, target.with_name(target.name + suffix))
    return target


def clean_environment(database: Path) -> dict[str, str]:
    """os.environ without any setting, plus the few that make a run reproducible.

    The environment overrides `.env`, so pinning these also shields the tests from a
    developer's own `.env` at the project root.
    """
    env = {
        key: value for key, value in os.environ.items() if key.upper() not in SETTINGS_VARIABLES
    }
    env |= {
        "DATABASE_URL": sqlite_url(database),
        "DATA_DIR": str(PROJECT_ROOT / "data"),
        "LOG_LEVEL": "INFO",
        "PYTHONIOENCODING": "utf-8",
    }
    return env


@dataclass(frozen=True, slots=True)
class Mykazan:
    """`mykazan` bound to a working directory and an environment."""

    workdir: Path
    database: Path
    env: dict[str, str] = field(repr=False)

    def __call__(
        self, *args: str, stdin: str = "", **variables: str
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*COMMAND, *args],
            cwd=self.workdir,
            env=self.env | variables,
            input=stdin,
            capture_output=True,
            encoding="utf-8",
            timeout=TIMEOUT_S,
            check=False,
        )


def _mykazan(workdir: Path) -> Mykazan:
    database = workdir / "db.sqlite3"
    return Mykazan(workdir=workdir, database=database, env=clean_environment(database))


@pytest.fixture
def mykazan(tmp_path: Path) -> Mykazan:
    """A fresh, not yet migrated database in an empty working directory."""
    return _mykazan(tmp_path)


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Mykazan:
    """One migrated database per module, for tests that only read it."""
    cli = _mykazan(tmp_path_factory.mktemp("migrated"))
    result = cli("migrate")
    assert result.returncode == 0, result.stderr
    return cli


@pytest.fixture
def migrated_copy(migrated: Mykazan, tmp_path: Path) -> Mykazan:
    """A private copy of the migrated database, for tests that write."""
    copy_database(migrated.database, tmp_path / "db.sqlite3")
    return _mykazan(tmp_path)
