"""Outages from the utilities and the city's dispatch service: publish, update, list.

Publishing the same outage again (same source and source_id) updates it and tells residents
only what changed, so a source may safely resend its whole feed every few minutes.
"""

from collections.abc import Awaitable, Callable

from bot.api.areas import ResolvedArea, resolve_area
from bot.api.errors import conflict, invalid, not_found
from bot.api.outage_models import (
    AreaIn,
    OutageListQuery,
    OutageOut,
    OutagePage,
    OutagePatch,
    OutagePath,
    OutagePost,
)
from bot.api.routing import ApiCall, Reply, RouteTable
from domain.alerts.outages import Outage, OutageChange, OutageDraft, OutageStatus
from domain.errors import InvalidInput, InvalidTransition, NotFound
from domain.services.outages import Published, publish_outage, update_outage
from storage.uow import SqlUnitOfWork

routes = RouteTable("outages")


def _area(call: ApiCall, area: AreaIn) -> ResolvedArea:
    context = call.context
    return resolve_area(area, context.address_matcher, context.districts.names())


@routes.post(
    "/outages",
    body=OutagePost,
    responses={201: OutageOut, 200: OutageOut},
    errors=(409,),
    links={name: {"outage_id": "$response.body#/id"} for name in ("get_outage", "patch_outage")},
)
async def post_outage(call: ApiCall, body: OutagePost) -> Reply:
    """Publish an outage (or update it: same source and source_id)

    201 for a new outage, 200 when the source's outage already existed. `notified` says what
    residents are told because of this call: an identical resend tells nobody anything.
    """
    resolved = _area(call, body.area)
    draft = OutageDraft(
        kind=body.kind,
        emergency=body.emergency,
        area=resolved.area,
        starts_at=body.starts_at,
        ends_at=body.ends_at,
        description=body.description,
        source=body.source,
        source_id=body.source_id,
        status=OutageStatus(body.status),
    )
    published = await _run(call, lambda uow: publish_outage(uow, call.context.clock, draft))
    names = _street_names(call, published.outage, known=resolved.street_names)
    answer = OutageOut.of(published.outage, names, published.phases)
    return Reply(answer, 201 if published.created else 200)


@routes.patch(
    "/outages/{outage_id}",
    body=OutagePatch,
    responses={200: OutageOut},
    errors=(404, 409),
    path_model=OutagePath,
)
async def patch_outage(call: ApiCall, path: OutagePath, body: OutagePatch) -> OutageOut:
    """Change an outage: its status (started, restored, cancelled...), times, text or area

    A new end time is told to the residents affected; "restored" ends the outage for good.
    """
    outage_id = path.outage_id
    resolved = _area(call, body.area) if body.area is not None else None
    change = OutageChange(
        status=body.status,
        starts_at=body.starts_at,
        ends_at=body.ends_at,
        description=body.description,
        area=resolved.area if resolved else None,
    )
    published = await _run(
        call, lambda uow: update_outage(uow, call.context.clock, outage_id, change)
    )
    names = _street_names(
        call, published.outage, known=resolved.street_names if resolved else None
    )
    return OutageOut.of(published.outage, names, published.phases)


@routes.get("/outages", query=OutageListQuery, responses={200: OutagePage})
async def list_outages(call: ApiCall, query: OutageListQuery) -> OutagePage:
    """List outages, oldest first, filtered by status and kind

    Page with after_id: each page gives next_after_id while more may follow.
    """
    async with call.context.uow() as uow:
        found = await uow.outages.search(
            statuses=query.status, kinds=query.kind, after_id=query.after_id, limit=query.limit + 1
        )
    page = found[: query.limit]
    names = _street_names(call, *page)
    return OutagePage(
        items=[OutageOut.of(outage, names) for outage in page],
        next_after_id=page[-1].id if len(found) > query.limit else None,
    )


@routes.get(
    "/outages/{outage_id}", responses={200: OutageOut}, errors=(404,), path_model=OutagePath
)
async def get_outage(call: ApiCall, path: OutagePath) -> OutageOut:
    """Read one outage"""
    outage_id = path.outage_id
    async with call.context.uow() as uow:
        outage = await uow.outages.get(outage_id)
    if outage is None:
        raise not_found(f"outage {outage_id}")
    return OutageOut.of(outage, _street_names(call, outage))


async def _run(
    call: ApiCall, use_case: Callable[[SqlUnitOfWork], Awaitable[Published]]
) -> Published:
    """One use case in one transaction; domain refusals become 404/409/422."""
    context = call.context
    async with context.uow() as uow:
        try:
            published: Published = await use_case(uow)
        except NotFound as error:
            raise not_found(str(error)) from None
        except InvalidTransition as error:
            raise conflict(str(error)) from None
        except InvalidInput as error:
            raise invalid("body", str(error)) from None
        await uow.commit()
    if published.phases:
        context.fanout_wake.set()
    return published


def _street_names(
    call: ApiCall, *outages: Outage, known: dict[int, str] | None = None
) -> dict[int, str]:
    names = dict(known or {})
    wanted = {span.street_id for o in outages for span in o.area.streets} - names.keys()
    for street in call.context.address_matcher.streets if wanted else ():
        if street.id in wanted:
            names[street.id] = street.label()
    return names
