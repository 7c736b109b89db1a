"""Project-wide test set-up. Keep it generic: feature fixtures live beside their tests."""

import os

import pytest

# The real bot's database template and the Bot API stand-in, for tests/e2e and tests/api.
pytest_plugins = ["tests.bot_fixtures"]

# Tests marked with one of these need a real service, named by the environment variable.
SERVICE_MARKERS = {"postgres": "TEST_POSTGRES_URL", "redis": "TEST_REDIS_URL"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        for marker, variable in SERVICE_MARKERS.items():
            if item.get_closest_marker(marker) is not None and not os.environ.get(variable):
                item.add_marker(pytest.mark.skip(reason=f"{variable} is not set"))
