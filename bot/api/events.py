"""City events from the city's calendar and organisers: publish, update, list.

A new event goes at once to those who follow its category (instant), and into the daily or
weekly digest of everyone else; the same source and source_id again updates it quietly.
"""

from bot.api.errors import invalid, not_found
from bot.api.event_models import (
    EventListQuery,
    EventOut,
    EventPage,
    EventPatch,
    EventPath,
    EventPost,
)
from bot.api.routing import ApiCall, Reply, RouteTable
from domain.alerts.events import CityEvent
from domain.errors import InvalidInput, NotFound
from domain.services.city_events import publish_event, update_event

routes = RouteTable("events")


def _check_district(call: ApiCall, district: str | None) -> None:
    known = call.context.districts.names()
    if district is not None and district not in known:
        raise invalid("district", f"unknown district; use {', '.join(sorted(known))}")


@routes.post(
    "/events",
    body=EventPost,
    responses={201: EventOut, 200: EventOut},
    links={name: {"event_id": "$response.body#/id"} for name in ("get_event", "patch_event")},
)
async def post_event(call: ApiCall, body: EventPost) -> Reply:
    """Publish a city event (or update it: same source and source_id)

    201 for a new event, 200 when the source's event already existed.
    """
    _check_district(call, body.district)
    now = call.context.clock.now()
    event = CityEvent(created_at=now, updated_at=now, **body.model_dump())
    async with call.context.uow() as uow:
        try:
            published = await publish_event(uow, call.context.clock, event)
        except InvalidInput as error:
            raise invalid("body", str(error)) from None
        await uow.commit()
    call.context.fanout_wake.set()
    return Reply(EventOut.of(published.event), 201 if published.created else 200)


@routes.patch(
    "/events/{event_id}",
    body=EventPatch,
    responses={200: EventOut},
    errors=(404,),
    path_model=EventPath,
)
async def patch_event(call: ApiCall, path: EventPath, body: EventPatch) -> EventOut:
    """Change an event; `cancelled: true` tells those who were told of it"""
    event_id = path.event_id
    changes = body.model_dump(exclude_unset=True)
    async with call.context.uow() as uow:
        try:
            updated = await update_event(uow, call.context.clock, event_id, changes)
        except NotFound:
            raise not_found(f"event {event_id}") from None
        except InvalidInput as error:
            raise invalid("body", str(error)) from None
        await uow.commit()
    call.context.fanout_wake.set()
    return EventOut.of(updated)


@routes.get("/events", query=EventListQuery, responses={200: EventPage})
async def list_events(call: ApiCall, query: EventListQuery) -> EventPage:
    """List events, oldest first, by category, district and start

    Page with after_id: each page gives next_after_id while more may follow.
    """
    _check_district(call, query.district)
    async with call.context.uow() as uow:
        found = await uow.events.search(
            categories=query.category,
            district=query.district,
            starts_from=query.starts_from,
            after_id=query.after_id,
            limit=query.limit + 1,
        )
    page = found[: query.limit]
    return EventPage(
        items=[EventOut.of(event) for event in page],
        next_after_id=page[-1].id if len(found) > query.limit else None,
    )


@routes.get("/events/{event_id}", responses={200: EventOut}, errors=(404,), path_model=EventPath)
async def get_event(call: ApiCall, path: EventPath) -> EventOut:
    """Read one event"""
    event_id = path.event_id
    async with call.context.uow() as uow:
        event = await uow.events.get(event_id)
    if event is None:
        raise not_found(f"event {event_id}")
    return EventOut.of(event)
