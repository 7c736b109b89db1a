"""`mykazan` as real processes: exit codes, what goes to stdout and stderr, the database."""

import ast
import json
import re
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Mykazan, copy_database

pytestmark = pytest.mark.subprocess

TOKEN = "123456789:AAExample_token-1"
SUBCOMMANDS = ("run", "sandbox", "migrate", "check-config", "find-address", "import-streets")
CANDIDATE_KEYS = {"street", "type", "house", "district", "score"}
REFERENCE_COUNTS = {
    "districts": 7,
    "categories": 10,
    "streets": 546,
    "sites": 16,
    "faq_entries": 47,
    "departments": 8,
}
NEW_STREET = "Тестовая Сиреневая"


def one_line(text: str) -> str:
    lines = text.splitlines()
    assert len(lines) == 1, text
    return lines[0]


def json_lines(result: subprocess.CompletedProcess[str]) -> list[dict[str, Any]]:
    """stdout, every line of which must be one JSON object."""
    assert result.returncode == 0, result.stderr
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(isinstance(obj, dict) for obj in objects)
    return objects


def reference_report(stderr: str) -> dict[str, dict[str, int]]:
    """The counts `migrate` logs: `... reference data: {'districts': {...}, ...}`."""
    match = re.search(r"reference data: (\{.*\})$", stderr, re.M)
    assert match, stderr
    report: dict[str, dict[str, int]] = ast.literal_eval(match.group(1))
    return report


def table_counts(database: Path) -> dict[str, int]:
    with closing(sqlite3.connect(database)) as connection:
        return {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in (*REFERENCE_COUNTS, "alembic_version")
        }


def find(cli: Mykazan, *queries: str, stdin: str = "") -> list[dict[str, Any]]:
    return json_lines(cli("find-address", *queries, stdin=stdin))


def write_csv(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_help_lists_the_subcommands(mykazan: Mykazan) -> None:
    result = mykazan("--help")

    assert result.returncode == 0
    for subcommand in SUBCOMMANDS:
        assert subcommand in result.stdout


def test_no_subcommand_is_a_usage_error(mykazan: Mykazan) -> None:
    result = mykazan()

    assert result.returncode == 2
    assert result.stdout == ""
    assert "usage: mykazan" in result.stderr


class TestConfiguration:
    # Without BOT_TOKEN, `mykazan run` serves the sandbox: tests/cli/test_sandbox_mode.py.
    def test_check_config_names_a_malformed_web_port(self, mykazan: Mykazan) -> None:
        result = mykazan("check-config", BOT_TOKEN=TOKEN, WEB_PORT="99999")

        assert result.returncode == 2
        assert result.stdout == ""
        assert "WEB_PORT" in one_line(result.stderr)

    def test_several_processes_need_webhook_mode(self, mykazan: Mykazan) -> None:
        result = mykazan("run", "--processes", "2", BOT_TOKEN=TOKEN)

        assert result.returncode == 2
        assert "WEBHOOK_URL" in one_line(result.stderr)

    def test_several_processes_need_postgres_and_redis(self, mykazan: Mykazan) -> None:
        webhook = {"WEBHOOK_URL": "http://127.0.0.1:8443"}
        result = mykazan("run", "--processes", "2", BOT_TOKEN=TOKEN, **webhook)

        assert result.returncode == 2
        assert "REDIS_URL" in one_line(result.stderr)

    def test_a_shared_port_needs_webhook_mode(self, mykazan: Mykazan) -> None:
        result = mykazan("check-config", BOT_TOKEN=TOKEN, WEB_REUSE_PORT="true")

        assert result.returncode == 2
        assert "WEB_REUSE_PORT" in one_line(result.stderr)

    def test_check_config_accepts_a_valid_configuration(self, mykazan: Mykazan) -> None:
        result = mykazan("check-config", BOT_TOKEN=TOKEN)

        assert result.returncode == 0, result.stderr
        assert "valid" in one_line(result.stdout)
        assert TOKEN not in result.stdout + result.stderr

    def test_check_config_hides_the_database_password(self, mykazan: Mykazan) -> None:
        url = "postgresql+asyncpg://mykazan:s3cret@127.0.0.1:5432/mykazan"

        result = mykazan("check-config", BOT_TOKEN=TOKEN, DATABASE_URL=url)

        assert result.returncode == 0, result.stderr
        assert "s3cret" not in result.stdout + result.stderr
        assert "mykazan:***@127.0.0.1" in result.stdout


def test_migrate_twice_loads_the_reference_data_once(mykazan: Mykazan) -> None:
    first = mykazan("migrate")
    second = mykazan("migrate")

    assert (first.returncode, second.returncode) == (0, 0), first.stderr + second.stderr
    assert first.stdout == second.stdout == ""
    assert {name: counts["added"] for name, counts in reference_report(first.stderr).items()} == (
        REFERENCE_COUNTS
    )
    for name, counts in reference_report(second.stderr).items():
        assert counts == {
            "added": 0,
            "updated": 0,
            "unchanged": REFERENCE_COUNTS[name],
            "skipped": 0,
            "retired": 0,
        }
    assert table_counts(mykazan.database) == REFERENCE_COUNTS | {"alembic_version": 1}


QUERIES = ("Баумана 15", "Мира 5", "qxzw vvjj 77", "ul. Baumana, 15, kv. 7")


@pytest.fixture(scope="module")
def answered(migrated: Mykazan) -> subprocess.CompletedProcess[str]:
    """One run for the QUERIES: each find-address run migrates first, which takes a second."""
    return migrated("find-address", *QUERIES)


class TestFindAddress:
    def test_one_json_object_per_query_in_order(
        self, answered: subprocess.CompletedProcess[str]
    ) -> None:
        results = json_lines(answered)

        assert [result["query"] for result in results] == list(QUERIES)
        for result in results:
            assert set(result) == {"query", "details", "candidates"}
            assert all(set(candidate) == CANDIDATE_KEYS for candidate in result["candidates"])

    def test_stderr_stays_quiet(self, answered: subprocess.CompletedProcess[str]) -> None:
        assert answered.stderr == ""

    def test_what_the_queries_are_understood_as(
        self, answered: subprocess.CompletedProcess[str]
    ) -> None:
        baumana, mira, gibberish, latin = json_lines(answered)

        best = baumana["candidates"][0]
        assert (best["street"], best["type"], best["house"]) == ("Баумана", "улица", "15")
        assert mira["candidates"]
        assert {candidate["house"] for candidate in mira["candidates"]} == {"5"}
        assert gibberish["candidates"] == []
        best = latin["candidates"][0]
        assert (best["street"], best["house"], latin["details"]) == ("Баумана", "15", "кв. 7")
        assert baumana["details"] is None

    def test_dash_reads_one_query_per_line_skipping_blank_lines(self, migrated: Mykazan) -> None:
        results = find(migrated, "-", stdin="Баумана 15\n\n  Мира 5  \n")

        assert [result["query"] for result in results] == ["Баумана 15", "Мира 5"]

    def test_arguments_and_dash_keep_their_order(self, migrated: Mykazan) -> None:
        results = find(migrated, "Кремлёвская 1", "-", "Мира 5", stdin="Баумана 15\n")

        assert [result["query"] for result in results] == [
            "Кремлёвская 1",
            "Баумана 15",
            "Мира 5",
        ]

    def test_limit_caps_the_candidates(self, migrated: Mykazan) -> None:
        (result,) = find(migrated, "--limit", "1", "Мира 5")

        assert len(result["candidates"]) == 1

    def test_a_fresh_database_is_migrated_first(self, mykazan: Mykazan) -> None:
        (result,) = find(mykazan, "Баумана 15")

        assert result["candidates"][0]["street"] == "Баумана"
        assert table_counts(mykazan.database)["streets"] == REFERENCE_COUNTS["streets"]


class TestImportStreets:
    def test_adds_good_rows_and_reports_bad_ones_by_line(
        self, migrated_copy: Mykazan, tmp_path: Path
    ) -> None:
        register = write_csv(
            tmp_path / "streets.csv", "name_ru,type_ru", f"{NEW_STREET},улица", "Без Типа,"
        )

        result = migrated_copy("import-streets", str(register))

        assert result.returncode == 0, result.stderr
        report = json.loads(one_line(result.stdout))
        assert (report["added"], report["skipped"]) == (1, 1)
        assert len(report["errors"]) == 1
        assert "line 3" in report["errors"][0]
        (found,) = find(migrated_copy, f"{NEW_STREET} 7")
        best = found["candidates"][0]
        assert (best["street"], best["type"], best["house"]) == (NEW_STREET, "улица", "7")

    def test_a_relative_path_is_read_from_the_working_directory(
        self, migrated_copy: Mykazan
    ) -> None:
        write_csv(migrated_copy.workdir / "streets.csv", "name_ru,type_ru", f"{NEW_STREET},улица")

        result = migrated_copy("import-streets", "streets.csv")

        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["added"] == 1

    def test_a_wrong_header_writes_nothing(self, migrated_copy: Mykazan, tmp_path: Path) -> None:
        register = write_csv(tmp_path / "streets.csv", "name,type", f"{NEW_STREET},улица")
        before = table_counts(migrated_copy.database)

        result = migrated_copy("import-streets", str(register))

        assert result.returncode == 2
        assert result.stdout == ""
        assert "type_ru" in result.stderr.splitlines()[-1]
        assert table_counts(migrated_copy.database) == before

    def test_a_missing_file_is_an_error(self, migrated_copy: Mykazan, tmp_path: Path) -> None:
        result = migrated_copy("import-streets", str(tmp_path / "absent.csv"))

        assert result.returncode == 2
        assert result.stdout == ""
        assert "absent.csv" in one_line(result.stderr)

    def test_a_file_that_is_not_utf8_is_an_error(
        self, migrated_copy: Mykazan, tmp_path: Path
    ) -> None:
        register = tmp_path / "streets.csv"
        register.write_bytes("name_ru,type_ru\nБаумана,улица\n".encode("cp1251"))

        result = migrated_copy("import-streets", str(register))

        assert result.returncode == 2
        assert result.stdout == ""
        assert "Traceback" not in result.stderr


def test_a_copied_database_is_independent(migrated: Mykazan, tmp_path: Path) -> None:
    """The fixtures' promise: writing to a copy leaves the shared database alone."""
    copy = copy_database(migrated.database, tmp_path / "copy.sqlite3")
    with closing(sqlite3.connect(copy)) as connection, connection:
        connection.execute("DELETE FROM street_districts")
        connection.execute("DELETE FROM streets")

    assert table_counts(copy)["streets"] == 0
    assert table_counts(migrated.database)["streets"] == REFERENCE_COUNTS["streets"]
