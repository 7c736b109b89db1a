"""Schemathesis against the real admin API served on 127.0.0.1, with a valid bearer token:
every check (schemathesis.toml, plus tests/api/fuzz_checks.py) in every phase (examples,
coverage, fuzzing, then the stateful phase over the links it infers), run by schemathesis'
own engine as `st run` runs it.

A bounded, deterministic run (a few examples per operation, a fixed seed) so that it belongs
in `make test`; `make fuzz` runs the same checks far longer (tests/bench/fuzz_api.py).
"""

import tomllib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import schemathesis
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status, events, from_schema

from bot.settings import PROJECT_ROOT
from tests.api import fuzz_checks
from tests.api.harness import OPEN311_KEY, TOKEN
from tests.api.live import live_api

EXAMPLES = 10  # per operation and phase; `make fuzz` takes hundreds
SEED = 20261207


def fuzz_config(examples: int, seed: int = SEED) -> SchemathesisConfig:
    """The project's schemathesis.toml with the token, every check, this run's size."""
    data = tomllib.loads((PROJECT_ROOT / "schemathesis.toml").read_text(encoding="utf-8"))
    data.update(
        headers={"Authorization": f"Bearer {TOKEN}"},
        seed=seed,
        generation={**data.get("generation", {}), "max-examples": examples},
        workers=1,
        cache={"enabled": False},  # no replay of an earlier run's failures: the same cases
    )
    config = SchemathesisConfig.from_dict(data)
    config.projects.default.checks.update(included_check_names=["all"])
    return config


def run(schema: schemathesis.BaseSchema) -> tuple[list[str], Counter[str]]:
    """Run every phase: each failed check and error in words, and the cases per phase."""
    found: list[str] = []
    cases: Counter[str] = Counter()
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished | events.FuzzScenarioFinished):
            cases[str(getattr(event, "phase", "fuzzing"))] += len(event.recorder.cases)
            for checks in event.recorder.checks.values():
                for check in checks:
                    if check.status == Status.FAILURE and check.failure_info is not None:
                        failure = check.failure_info.failure
                        found.append(f"{event.recorder.label}: {failure.title}: {failure.message}")
        elif isinstance(event, events.NonFatalError | events.FatalError):
            found.append(f"error: {event.info.format()}")
    return sorted(set(found)), cases


@pytest.fixture(scope="module")
def live_url(tmp_path_factory: pytest.TempPathFactory, database_template: Path) -> Iterator[str]:
    with live_api(tmp_path_factory.mktemp("fuzz"), database_template) as url:
        yield url


def test_schemathesis_finds_nothing(live_url: str) -> None:
    config = fuzz_config(EXAMPLES)
    schema = schemathesis.openapi.from_url(f"{live_url}/api/v1/openapi.json", config=config)
    found, cases = run(schema)
    assert found == [], "\n".join(found)
    assert all(cases[phase] > 0 for phase in ("examples", "coverage", "fuzzing", "stateful"))


def test_schemathesis_finds_nothing_in_open311(live_url: str) -> None:
    """The same engine and checks against /open311/v2/openapi.json. The document's api_key
    is pinned to the test key here (a `const`), so that generated requests are filed and the
    link from a filed request to GET requests/{id} is followed; others meet the 403."""
    document = requests.get(f"{live_url}/open311/v2/openapi.json", timeout=10).json()
    document["components"]["schemas"]["NewRequest"]["properties"]["api_key"] = {
        "const": OPEN311_KEY
    }
    config = fuzz_config(EXAMPLES)
    schema = schemathesis.openapi.from_dict(document, config=config)
    schema.config.update(base_url=live_url)
    found, cases = run(schema)
    assert found == [], "\n".join(found)
    assert all(cases[phase] > 0 for phase in ("examples", "coverage", "fuzzing", "stateful")), (
        cases
    )
    listed = requests.get(f"{live_url}/open311/v2/requests.json", timeout=10).json()
    filed = [r for r in listed if r["description"] is not None]  # shown for Open311's only
    assert filed, "no generated request was filed: the POST's success path went untested"


def test_the_check_tells_a_rule_from_a_schema_mismatch() -> None:
    """A 422 to schema-valid input passes only when it names a rule the schema cannot say."""
    rule = b'{"error": {"details": [{"field": "area.streets.0", "problem": "unknown street"}]}}'
    drift = b'{"error": {"details": [{"field": "position", "problem": "Input should be 1"}]}}'
    assert fuzz_checks.unexplained(rule) == []
    assert fuzz_checks.unexplained(drift) == ["position: Input should be 1"]
    assert fuzz_checks.unexplained(b"<html>") == ["not the API's error shape"]
