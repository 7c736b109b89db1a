"""Requests for the city's own systems: list, read, change status."""

from bot.api.errors import conflict, invalid, not_found
from bot.api.request_models import (
    RequestDetail,
    RequestFilterQuery,
    RequestListQuery,
    RequestOut,
    RequestPage,
    RequestPath,
    StatusChange,
)
from bot.api.routing import ApiCall, ApiContext, RouteTable
from domain.errors import InvalidInput, InvalidTransition, NotAllowed, NotFound
from domain.requests import Actor
from domain.services.staff_actions import NEEDS_TEXT, change_status

routes = RouteTable("requests")


async def check_filter(context: ApiContext, query: RequestFilterQuery) -> None:
    """An unknown category or district is a typo to report, not an empty result."""
    async with context.uow() as uow:
        if query.category is not None and await uow.categories.get(query.category) is None:
            raise invalid("category", f"unknown category {query.category!r}")
        known = {district.name_ru for district in await uow.districts.all()}
    if query.district is not None and query.district not in known:
        raise invalid("district", f"unknown district {query.district!r}")


def request_id(path: RequestPath) -> int:
    found = path.request_id
    if found is None:
        raise not_found(f"request {path.number!r}")
    return found


@routes.get(
    "/requests",
    query=RequestListQuery,
    responses={200: RequestPage},
    links={
        name: {"number": "$response.body#/items/0/number"}
        for name in ("get_request", "change_request_status")
    },
)
async def list_requests(call: ApiCall, query: RequestListQuery) -> RequestPage:
    """List requests, filtered, oldest first

    Page with after_id: each page gives next_after_id while more may follow.
    """
    await check_filter(call.context, query)
    async with call.context.uow() as uow:
        found = await uow.admin.list_requests(query.to_filter(), query.after_id, query.limit + 1)
    page = found[: query.limit]
    more = len(found) > query.limit
    return RequestPage(
        items=[RequestOut.of(request) for request in page],
        next_after_id=page[-1].id if more else None,
    )


@routes.get(
    "/requests/{number}", responses={200: RequestDetail}, errors=(404,), path_model=RequestPath
)
async def get_request(call: ApiCall, path: RequestPath) -> RequestDetail:
    """Read one request with its history"""
    number = request_id(path)
    async with call.context.uow() as uow:
        request = await uow.requests.get(number)
        if request is None:
            raise not_found(f"request {path.number!r}")
        history = await uow.requests.history(number)
    return RequestDetail.with_history(request, history)


@routes.post(
    "/requests/{number}/status",
    body=StatusChange,
    responses={200: RequestDetail},
    errors=(404, 409),
    path_model=RequestPath,
)
async def change_request_status(
    call: ApiCall, path: RequestPath, body: StatusChange
) -> RequestDetail:
    """Change a request's status as the city's system

    The residents are told exactly as for a staff member's change; an impossible move
    answers 409 with the reason.
    """
    number = request_id(path)
    context = call.context
    if body.comment is not None and body.status not in NEEDS_TEXT:
        raise invalid("comment", f"a move to {body.status} takes no comment")
    async with context.uow() as uow:
        try:
            moved = await change_status(
                uow,
                context.clock,
                number,
                body.status,
                actor=Actor.SYSTEM,
                actor_id=None,
                text=body.comment,
            )
        except NotFound:
            raise not_found(f"request {path.number!r}") from None
        except (InvalidTransition, NotAllowed) as error:
            raise conflict(f"cannot change the status: {error}") from None
        except InvalidInput:
            raise invalid("comment", f"a move to {body.status} needs a comment") from None
        history = await uow.requests.history(number)
        await uow.commit()
    context.outbox_wake.set()
    return RequestDetail.with_history(moved, history)
