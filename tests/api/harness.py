"""The real web app (webhook, metrics, admin API) on a migrated SQLite copy, and helpers to
file and move requests through the domain's own services.

Every answer of /api/ that a test receives through `ApiWorld.call` is checked against the
OpenAPI document the server serves: status, media type and body schema.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from aiohttp.test_utils import TestClient
from multidict import CIMultiDictProxy
from sqlalchemy import select

from bot.api.app import OPENAPI_DOCUMENT
from bot.app import Application
from domain.clock import FixedClock
from domain.requests import Actor, Place, Request, RequestStatus
from domain.services.follow_up import rate
from domain.services.reports import ReportDraft, submit_request
from domain.services.staff_actions import change_status, take
from domain.services.users import ensure_user
from storage.models import OutboxRow
from storage.uow import SqlUnitOfWork
from tests.api.openapi_check import check_answer

TOKEN = "test-admin-token-0123456789"
OTHER_TOKEN = "second-admin-token-abcdefgh"
OPEN311_KEY = "open311-partner-key-0123456"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
AUTHOR_ID = 501
STAFF_ID = 777
WEBHOOK_SECRET = "api-test-secret"


@dataclass(frozen=True)
class Answer:
    status: int
    headers: CIMultiDictProxy[str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def error(self) -> dict[str, Any]:
        """The error object of the one error shape."""
        return self.json()["error"]  # type: ignore[no-any-return]


@dataclass
class ApiWorld:
    client: TestClient
    app: Application
    clock: FixedClock

    @property
    def document(self) -> dict[str, Any]:
        return self.client.server.app[OPENAPI_DOCUMENT]

    async def call(
        self,
        method: str,
        path: str,
        *,
        params: Any = None,
        body: Any = None,
        data: bytes | None = None,
        headers: Mapping[str, str] = AUTH,
    ) -> Answer:
        response = await self.client.request(
            method, path, params=params, json=body, data=data, headers=headers
        )
        answer = Answer(response.status, response.headers, await response.read())
        if path.startswith("/api/"):
            check_answer(
                self.document, method, path, answer.status, response.content_type, answer.body
            )
        return answer

    async def get(self, path: str, params: Any = None, **kw: Any) -> Answer:
        return await self.call("GET", path, params=params, **kw)

    async def post(self, path: str, body: Any, **kw: Any) -> Answer:
        return await self.call("POST", path, body=body, **kw)

    def uow(self, staff_chat_id: int | None = None) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.app.session_factory, self.clock, staff_chat_id)

    def staff_uow(self) -> SqlUnitOfWork:
        """A unit of work whose staff cards go to the configured staff chat, as the bot's."""
        return self.uow(self.app.settings.staff_chat_id)

    async def file(
        self,
        category: str = "roads",
        district: str | None = "Вахитовский",
        description: str = "Яма на дороге у остановки",
        label: str = "ул. Баумана, 10",
        author_id: int = AUTHOR_ID,
    ) -> Request:
        async with self.staff_uow() as uow:
            await ensure_user(uow, self.clock, author_id, "Анна", None, "ru", "ru")
            draft = ReportDraft(category, Place(label, district=district), description)
            request = await submit_request(uow, self.clock, author_id, draft)
            await uow.commit()
        return request

    async def take(self, request: Request) -> None:
        assert request.id is not None
        async with self.staff_uow() as uow:
            await ensure_user(uow, self.clock, STAFF_ID, "Сотрудник", None, "ru", "ru")
            await take(uow, self.clock, STAFF_ID, request.id)
            await uow.commit()

    async def resolve(self, request: Request, rating: int | None = None) -> None:
        assert request.id is not None
        async with self.uow() as uow:
            await change_status(
                uow,
                self.clock,
                request.id,
                RequestStatus.RESOLVED,
                actor=Actor.STAFF,
                actor_id=STAFF_ID,
                text="Отремонтировали",
            )
            if rating is not None:
                await rate(uow, self.clock, request.author_id or 0, request.id, rating)
            await uow.commit()

    def later(self, **delta: float) -> None:
        self.clock.set(self.clock.now() + timedelta(**delta))

    async def outbox_rows(self) -> list[tuple[str, int, str, dict[str, Any]]]:
        async with self.uow() as uow:
            rows = await uow.session.execute(
                select(
                    OutboxRow.key, OutboxRow.chat_id, OutboxRow.kind, OutboxRow.payload
                ).order_by(OutboxRow.id)
            )
            return [(key, chat, kind, payload) for key, chat, kind, payload in rows]


def iso(at: datetime) -> str:
    return at.isoformat().replace("+00:00", "Z")
