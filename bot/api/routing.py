"""The declarative route layer: an endpoint is one handler plus its models, registered once.

The same `Endpoint` records are mounted on the aiohttp app (see `mount`) and turned into the
OpenAPI document (bot/api/openapi.py), so the document cannot drift from the server. The
layer also enforces what the record promises: query and body are parsed into the declared
models before the handler runs, and the handler's answer must be the declared model for its
status (a mismatch is a bug, answered 500 and caught by tests/api/test_openapi.py).
"""

import asyncio
import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiohttp import web
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.api.errors import ApiError, ErrorCode, ErrorDetail
from bot.api.parsing import json_response, parse_body, parse_path, parse_query
from domain.address.matcher import AddressMatcher
from domain.clock import Clock
from domain.districts import DistrictDirectory
from domain.faq.library import FaqLibrary
from storage.uow import SqlUnitOfWork

if TYPE_CHECKING:  # the composition root imports the web app, which imports this
    from bot.app import Application

PREFIX = "/api/v1"


@dataclass(frozen=True, slots=True)
class ApiContext:
    """What handlers may use: built once per process from the application (no globals)."""

    session_factory: async_sessionmaker[AsyncSession]
    clock: Clock
    staff_chat_id: int | None
    outbox_wake: asyncio.Event  # set after a commit that queued notifications
    fanout_wake: asyncio.Event  # set after a commit that published an outage or event
    districts: DistrictDirectory
    address_matcher: AddressMatcher
    tokens: tuple[str, ...]
    faq: FaqLibrary  # this process's FAQ, reloaded at once when the API changes it
    data_dir: Path  # reference files: data/faq/faq.csv is re-imported on request

    def uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.session_factory, self.clock, self.staff_chat_id)


def api_context(application: "Application") -> ApiContext:
    """The API's share of the application's workflow data, plus the configured tokens."""
    workflow = application.dispatcher.workflow_data
    return ApiContext(
        session_factory=application.session_factory,
        clock=application.clock,
        staff_chat_id=application.settings.staff_chat_id,
        outbox_wake=application.outbox_wake,
        fanout_wake=application.fanout_wake,
        districts=application.districts,
        address_matcher=workflow["address_matcher"],
        tokens=tuple(t.get_secret_value() for t in application.settings.admin_api_tokens or ()),
        faq=application.faq,
        data_dir=application.settings.data_dir,
    )


@dataclass(frozen=True, slots=True)
class ApiCall:
    request: web.Request
    context: ApiContext


@dataclass(frozen=True, slots=True)
class Reply:
    """A model answered with a status other than the endpoint's first success status."""

    model: BaseModel
    status: int


# A handler is `async def handler(call: ApiCall, [path: P], [query: Q], [body: B]) -> Answer`;
# None answers the endpoint's bodiless status (204).
Answer = BaseModel | Reply | web.StreamResponse | None
Handler = Callable[..., Awaitable[Answer]]
# A response is a model (JSON), a media type name for a streamed body ("text/csv"), or
# NO_CONTENT for a status without a body.
NO_CONTENT = "no content"
ResponseSpec = type[BaseModel] | str


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str  # below PREFIX, aiohttp syntax: "/requests/{number}"
    handler: Handler
    summary: str
    responses: Mapping[int, ResponseSpec]  # success statuses only
    query: type[BaseModel] | None = None
    body: type[BaseModel] | None = None
    errors: tuple[int, ...] = ()  # domain errors the handler raises (404, 409...)
    path_model: type[BaseModel] | None = None  # the {name} segments, parsed like a query
    public: bool = False  # no bearer token needed
    tag: str = "api"
    description: str = ""
    # OpenAPI links from the success answers: handler name -> {path parameter: expression},
    # e.g. {"get_outage": {"outage_id": "$response.body#/id"}}; clients and schemathesis'
    # stateful phase follow them.
    links: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    @property
    def full_path(self) -> str:
        return PREFIX + self.path

    def error_statuses(self) -> list[int]:
        """Every error status this endpoint can answer: the generic ones plus its own."""
        # 422: unknown query parameters are refused even where none are taken.
        statuses = {*self.errors, 422}
        if not self.public:
            statuses.add(401)
        if self.path_model is not None and self.method != "PUT":
            statuses.add(404)  # a path segment that does not fit its schema names nothing
        if self.body is not None:
            statuses.update({400, 413, 415})
        return sorted(statuses)

    def answer(self, result: Answer) -> web.StreamResponse:
        if result is None:
            statuses = [s for s, spec in self.responses.items() if spec == NO_CONTENT]
            if not statuses:
                raise TypeError(
                    f"{self.method} {self.path} answered without a body, not declared so"
                )
            return web.Response(status=statuses[0])
        if isinstance(result, web.StreamResponse):
            if not any(_is_media(spec) for spec in self.responses.values()):
                raise TypeError(f"{self.method} {self.path} streamed an undeclared body")
            return result
        reply = result if isinstance(result, Reply) else Reply(result, self._default_status())
        declared = self.responses.get(reply.status)
        if not isinstance(declared, type) or type(reply.model) is not declared:
            raise TypeError(f"{self.method} {self.path}: {reply.status} is not declared so")
        return json_response(reply.model, reply.status)

    def _default_status(self) -> int:
        return min(s for s, spec in self.responses.items() if not isinstance(spec, str))


def _is_media(spec: ResponseSpec) -> bool:
    return isinstance(spec, str) and spec != NO_CONTENT


class RouteTable:
    """A module's endpoints: `routes = RouteTable("requests")`, then `@routes.get(...)`."""

    def __init__(self, tag: str) -> None:
        self.tag = tag
        self.endpoints: list[Endpoint] = []

    def route(
        self,
        method: str,
        path: str,
        *,
        responses: Mapping[int, ResponseSpec],
        query: type[BaseModel] | None = None,
        body: type[BaseModel] | None = None,
        errors: tuple[int, ...] = (),
        path_model: type[BaseModel] | None = None,
        public: bool = False,
        links: Mapping[str, Mapping[str, str]] | None = None,
    ) -> Callable[[Handler], Handler]:
        """Register the decorated handler; its docstring's first line is the summary and the
        rest the description of the operation in the OpenAPI document."""
        segments = set(re.findall(r"\{([^{}]+)\}", path))
        names = set() if path_model is None else set(path_model.model_json_schema()["properties"])
        if segments != names:
            raise TypeError(f"{method} {path}: path_model must have exactly {sorted(segments)}")

        def register(handler: Handler) -> Handler:
            summary, _, description = (handler.__doc__ or "").strip().partition("\n")
            self.endpoints.append(
                Endpoint(
                    method,
                    path,
                    handler,
                    summary.strip() or handler.__name__,
                    responses,
                    query,
                    body,
                    errors,
                    path_model,
                    public,
                    self.tag,
                    " ".join(description.split()),
                    dict(links or {}),
                )
            )
            return handler

        return register

    def get(self, path: str, **spec: Any) -> Callable[[Handler], Handler]:
        return self.route("GET", path, **spec)

    def post(self, path: str, **spec: Any) -> Callable[[Handler], Handler]:
        return self.route("POST", path, **spec)

    def patch(self, path: str, **spec: Any) -> Callable[[Handler], Handler]:
        return self.route("PATCH", path, **spec)

    def put(self, path: str, **spec: Any) -> Callable[[Handler], Handler]:
        return self.route("PUT", path, **spec)

    def delete(self, path: str, **spec: Any) -> Callable[[Handler], Handler]:
        return self.route("DELETE", path, **spec)


def bind(endpoint: Endpoint, context: ApiContext) -> Callable[[web.Request], Awaitable[Any]]:
    """The aiohttp handler: parse what the endpoint declares, call it, check its answer."""

    async def handle(request: web.Request) -> web.StreamResponse:
        arguments: dict[str, BaseModel] = {}
        if endpoint.query is not None:
            arguments["query"] = parse_query(request.query, endpoint.query)
        elif request.query:
            raise _unknown_parameters(list(request.query))
        if endpoint.body is not None:
            arguments["body"] = await parse_body(request, endpoint.body)
        if endpoint.path_model is not None:  # last, as when handlers read it themselves
            put = endpoint.method == "PUT"
            arguments["path"] = parse_path(request.match_info, endpoint.path_model, put)
        result = await endpoint.handler(ApiCall(request, context), **arguments)
        return endpoint.answer(result)

    return handle


def _unknown_parameters(names: list[str]) -> ApiError:
    details = [ErrorDetail(field=name, problem="unknown parameter") for name in names]
    return ApiError(ErrorCode.VALIDATION_FAILED, "this endpoint takes no parameters", details)
