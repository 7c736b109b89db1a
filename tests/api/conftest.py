from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.api.routing import api_context
from bot.app import create_application
from bot.open311.context import open311_context
from bot.public.app import public_context
from bot.web import create_web_app
from domain.clock import FixedClock
from sandbox.server import BotApiStandIn
from tests.api.harness import OPEN311_KEY, OTHER_TOKEN, TOKEN, WEBHOOK_SECRET, ApiWorld
from tests.e2e.harness import START, copy_template, settings_for


@pytest.fixture
def settings_overrides() -> dict[str, object]:
    """Overridden by a test module for another configuration (no tokens, no staff chat)."""
    return {}


@pytest.fixture
async def world(
    stand_in: BotApiStandIn,
    database_template: Path,
    tmp_path: Path,
    settings_overrides: dict[str, object],
) -> AsyncIterator[ApiWorld]:
    database = copy_template(database_template, tmp_path / "api.sqlite3")
    values: dict[str, object] = {
        "admin_api_tokens": f"{TOKEN},{OTHER_TOKEN}",
        "open311_api_keys": OPEN311_KEY,
    }
    values.update(settings_overrides)
    settings = settings_for(stand_in, database, **values)
    clock = FixedClock(START)
    async with create_application(settings, clock=clock) as app:
        public = public_context(app)
        web_app = create_web_app(
            app.dispatcher,
            app.bot,
            WEBHOOK_SECRET,
            api=api_context(app),
            metrics=app.metrics,
            public=public,
            open311=open311_context(app),
        )
        async with TestClient(TestServer(web_app)) as client:
            yield ApiWorld(client, app, clock)
