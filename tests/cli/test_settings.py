"""Settings and the documented set-up: defaults, the variables `.env.example` and the README
name, failing fast on a malformed value, and the `make run` / `make test` promise."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from bot.settings import PROJECT_ROOT, ConfigError, Settings, load_settings

ENV_EXAMPLE = PROJECT_ROOT / ".env.example"
README = PROJECT_ROOT / "README.md"
VARIABLES = sorted(name.upper() for name in Settings.model_fields)
TOKEN = "123456789:AAExample_token-1"
DEFAULT_SQLITE = PROJECT_ROOT / "var" / "mykazan.sqlite3"
MAKEFILE = PROJECT_ROOT / "Makefile"
CI_RUN = PROJECT_ROOT / ".ci" / "run"
INSTALL = "install"


def documented(variable: str) -> object:
    return variable


def env_example_variables() -> dict[str, str]:
    pairs: dict[str, str] = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, sep, value = line.partition("=")
            assert sep, f".env.example: not NAME=value: {line!r}"
            pairs[name.strip()] = value.strip()
    return pairs


def readme_section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"README.md has no '## {title}' section"
    return match.group(1)


def readme_table() -> dict[str, str]:
    """`VARIABLE` -> its default cell, from the configuration table (rows may name two)."""
    defaults: dict[str, str] = {}
    for line in readme_section("Configuration").splitlines():
        if not line.startswith("| `"):
            continue
        names_cell, default_cell = (cell.strip() for cell in line.strip("|").split("|")[:2])
        names = re.findall(r"`([A-Z][A-Z0-9_]*)`", names_cell)
        values = [value.strip() for value in default_cell.split(",")]
        if len(values) != len(names):  # one shared default, such as "—"
            values = [default_cell] * len(names)
        defaults |= dict(zip(names, values, strict=True))
    return defaults


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch) -> None:
    """No setting from the shell, and no developer `.env` behind load_settings()."""
    for variable in VARIABLES:
        monkeypatch.delenv(variable, raising=False)
        monkeypatch.delenv(variable.lower(), raising=False)
    monkeypatch.setitem(Settings.model_config, "env_file", None)


def test_defaults_need_nothing_but_the_token() -> None:
    settings = Settings(_env_file=None)

    assert settings.bot_token is None
    assert settings.telegram_api_base == "https://api.telegram.org"
    assert settings.database_url == "sqlite+aiosqlite:///" + str(DEFAULT_SQLITE)
    assert settings.default_locale == "ru"
    assert settings.redis_url is None
    assert settings.webhook_url is None
    assert (settings.web_host, settings.web_port) == ("127.0.0.1", 8080)
    assert settings.data_dir == PROJECT_ROOT / "data"


@pytest.mark.parametrize("variable", sorted(env_example_variables()))
def test_every_env_example_variable_is_a_setting(variable: str) -> None:
    assert variable in VARIABLES


@pytest.mark.parametrize("variable", [documented(variable) for variable in VARIABLES])
def test_every_setting_is_in_env_example(variable: str) -> None:
    assert variable in env_example_variables()


@pytest.mark.parametrize("variable", [documented(variable) for variable in VARIABLES])
def test_every_setting_is_in_the_readme_table(variable: str) -> None:
    assert variable in readme_table()


def test_readme_table_shows_the_real_defaults() -> None:
    defaults = Settings(_env_file=None).model_dump()
    for variable, shown in readme_table().items():
        actual = defaults[variable.lower()]
        if shown.startswith("—"):
            assert actual is None, variable
        elif variable.endswith("DATABASE_URL"):  # the README names the file in the project
            path = shown.split("`")[1]
            assert actual == f"sqlite+aiosqlite:///{PROJECT_ROOT / path}"
        elif isinstance(actual, Path):  # shown relative to the project, such as `data/`
            assert actual == PROJECT_ROOT / shown.strip("`"), variable
        else:
            assert shown.strip("`") == str(actual), variable


def test_copying_env_example_changes_nothing_but_what_is_filled_in() -> None:
    assert Settings(_env_file=ENV_EXAMPLE).model_dump() == Settings(_env_file=None).model_dump()


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("BOT_TOKEN", "abc"),
        ("TELEGRAM_API_BASE", "ftp://x"),
        ("DATABASE_URL", "mysql://x"),
        ("REDIS_URL", "http://x"),
        ("WEB_PORT", "99999"),
        ("WEB_PORT", "http"),
        ("DEFAULT_LOCALE", "de"),
        ("STAFF_CHAT_ID", "abc"),
        ("THROTTLE_RATE", "0"),
        ("THROTTLE_BURST", "0"),
        ("WEBHOOK_URL", "example.org/hook"),
        ("LOG_LEVEL", "LOUD"),
    ],
)
def test_a_malformed_value_fails_fast_in_one_line_naming_it(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)

    with pytest.raises(ConfigError) as raised:
        load_settings()

    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith(f"{variable}: ")
    assert [name for name in VARIABLES if name in message] == [variable]
    assert raised.value.__cause__ is None  # no pydantic traceback chained behind it


def test_a_malformed_value_in_env_file_fails_fast_too(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("WEB_PORT=99999\n", encoding="utf-8")
    monkeypatch.setitem(Settings.model_config, "env_file", env_file)

    with pytest.raises(ConfigError, match=r"^WEB_PORT: .*\.env"):
        load_settings()


def test_a_malformed_token_is_not_echoed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TOKEN", "123456789:secret value")

    with pytest.raises(ConfigError) as raised:
        load_settings()

    assert "secret" not in str(raised.value)


def test_empty_values_in_env_file_mean_the_default(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("".join(f"{name}=\n" for name in VARIABLES), encoding="utf-8")

    assert Settings(_env_file=env_file).model_dump() == Settings(_env_file=None).model_dump()


def test_an_empty_environment_variable_means_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEB_PORT", "")
    monkeypatch.setenv("REDIS_URL", "")

    settings = load_settings()

    assert (settings.web_port, settings.redis_url) == (8080, None)


def test_the_environment_overrides_env_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(f"BOT_TOKEN={TOKEN}\nWEB_PORT=9000\nDEFAULT_LOCALE=tt\n", encoding="utf-8")
    monkeypatch.setenv("WEB_PORT", "9001")

    settings = Settings(_env_file=env_file)

    assert (settings.web_port, settings.default_locale) == (9001, "tt")
    assert settings.require_token() == TOKEN


def test_valid_values_are_taken_and_urls_lose_a_trailing_slash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TELEGRAM_API_BASE", "http://127.0.0.1:8081/")
    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://mykazan:pw@127.0.0.1:5432/mykazan")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.setenv("STAFF_CHAT_ID", "-1001234567890")
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.org/")

    settings = load_settings()

    assert settings.telegram_api_base == "http://127.0.0.1:8081"
    assert settings.webhook_url == "https://bot.example.org"
    assert settings.database_url.startswith("postgresql+asyncpg://")
    assert settings.redis_url == "redis://127.0.0.1:6379/0"
    assert settings.staff_chat_id == -1001234567890


@pytest.mark.parametrize(
    "given",
    [
        "postgres://mykazan:pw@db.example.org:5432/mykazan",
        "postgresql://mykazan:pw@db.example.org:5432/mykazan",
        "postgresql+asyncpg://mykazan:pw@db.example.org:5432/mykazan",
    ],
)
@pytest.mark.parametrize("variable", ["DATABASE_URL", "SANDBOX_DATABASE_URL"])
def test_a_hosting_providers_postgres_url_means_asyncpg(
    monkeypatch: pytest.MonkeyPatch, variable: str, given: str
) -> None:
    monkeypatch.setenv(variable, given)

    settings = load_settings()

    expected = "postgresql+asyncpg://mykazan:pw@db.example.org:5432/mykazan"
    assert getattr(settings, variable.lower()) == expected


@pytest.mark.parametrize(
    "given", ["postgresql+psycopg2://u@h/db", "sqlite:///var/x.sqlite3", "postgresx://u@h/db"]
)
def test_other_drivers_are_still_refused(monkeypatch: pytest.MonkeyPatch, given: str) -> None:
    monkeypatch.setenv("DATABASE_URL", given)

    with pytest.raises(ConfigError, match=r"^DATABASE_URL: .*postgresql://"):
        load_settings()


def test_require_token_says_to_put_bot_token_into_env() -> None:
    with pytest.raises(ConfigError) as raised:
        Settings(_env_file=None).require_token()

    message = str(raised.value)
    assert "\n" not in message
    assert "put BOT_TOKEN=" in message
    assert "into .env" in message


def test_the_token_is_never_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TOKEN", TOKEN)

    settings = load_settings()

    assert settings.require_token() == TOKEN
    assert TOKEN not in repr(settings)
    assert TOKEN not in str(settings.model_dump())


# The set-up the README promises: two commands, each working from a fresh clone.


def makefile_rules() -> dict[str, list[str]]:
    """target -> prerequisites, for the rules of the Makefile (not its variables)."""
    rules: dict[str, list[str]] = {}
    for line in MAKEFILE.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([^\s#:=][^:=]*):(?!=)\s*(.*)$", line)
        if match:
            for target in match.group(1).split():
                rules[target] = match.group(2).split()
    return rules


def test_readme_set_up_shows_exactly_make_run_and_make_test() -> None:
    blocks = re.findall(r"```\w*\n(.*?)```", readme_section("Set up"), re.S)
    commands = [
        line.split("#", 1)[0].strip()
        for block in blocks
        for line in block.splitlines()
        if line.split("#", 1)[0].strip()
    ]

    assert commands == ["make run", "make test"]


@pytest.mark.parametrize("target", ["run", "test"])
def test_make_targets_install_first(target: str) -> None:
    rules = makefile_rules()
    needed, todo = set(), [target]
    while todo:  # follow prerequisites: `test` needs `lint`, which needs `install`
        for prerequisite in rules.get(todo.pop(), []):
            if prerequisite not in needed:
                needed.add(prerequisite)
                todo.append(prerequisite)

    assert INSTALL in needed
    assert target in rules[".PHONY"]
    assert rules[INSTALL], "install must depend on the step that creates .venv"


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize(("target", "last"), [("run", "mykazan run"), ("test", "pytest")])
def test_make_from_a_fresh_clone_creates_the_venv_then_runs(target: str, last: str) -> None:
    # -n prints without running; -B plans as if nothing were built yet (a fresh clone).
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}
    plan = subprocess.run(
        ["make", "-n", "-B", target],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        encoding="utf-8",
        timeout=60,
        check=True,
    ).stdout.splitlines()

    venv = next(i for i, line in enumerate(plan) if "-m venv .venv" in line)
    install = next(i for i, line in enumerate(plan) if "pip install" in line and "-e" in line)
    assert venv < install < len(plan) - 1
    assert plan[-1].endswith(last)


def test_ci_runs_make_test_with_both_services_exported() -> None:
    script = CI_RUN.read_text(encoding="utf-8")
    commands = [line.strip() for line in script.splitlines() if line.strip()]

    assert commands[-1] == "make test"
    assert re.search(r"\bexport TEST_POSTGRES_URL=", script)
    assert re.search(r"\bexport TEST_REDIS_URL=", script)
    assert os.access(CI_RUN, os.X_OK)
