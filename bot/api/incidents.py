"""Incidents from monitoring systems: accepted here, shown in the staff chat
(handlers/staff/incident_notices.py)."""

from pydantic import Field

from bot.api.errors import conflict
from bot.api.parsing import BodyModel, ResponseModel, Timestamp
from bot.api.routing import ApiCall, Reply, RouteTable
from domain.services.incidents import (
    Incident,
    Severity,
    publish_incident,
)

routes = RouteTable("incidents")


class IncidentPost(BodyModel):
    source: str = Field(pattern=r"^[A-Za-z0-9_.-]{1,64}$", description="e.g. zabbix")
    severity: Severity
    title: str = Field(min_length=1, max_length=200)
    details: str = Field("", max_length=3000)
    occurred_at: Timestamp | None = None
    source_id: str | None = Field(
        None,
        min_length=1,
        max_length=128,
        description="the same id posts once; a later post of it that says something new "
        "(severity, title, details, resolved) redraws that message",
    )
    resolved: bool = Field(False, description="true: the incident is over")


class IncidentAccepted(ResponseModel):
    """The incident is queued for the staff chat"""

    id: int
    key: str
    duplicate: bool = Field(description="true: this source_id was posted before")
    updated: bool = Field(
        False, description="true: it was, and its message in the staff chat is redrawn"
    )


@routes.post(
    "/incidents",
    body=IncidentPost,
    responses={201: IncidentAccepted, 200: IncidentAccepted},
    errors=(409,),
)
async def post_incident_endpoint(call: ApiCall, body: IncidentPost) -> Reply:
    """Post an incident to the staff chat

    201 for a new incident; 200 with the first post's id when the source and source_id were
    posted before: if the post says something new (a changed severity, title or details,
    resolved), the incident's message in the staff chat is redrawn with it ("updated").
    409 when no staff chat is configured.
    """
    context = call.context
    if context.staff_chat_id is None:
        raise conflict("no staff chat is configured (STAFF_CHAT_ID): nowhere to post")
    incident = Incident(**body.model_dump())
    async with context.uow() as uow:
        key, added, updated = await publish_incident(uow, context.clock, incident)
        row_id = await uow.admin.notification_id(key)
        await uow.commit()
    assert row_id is not None  # added now, or there before
    context.outbox_wake.set()
    accepted = IncidentAccepted(id=row_id, key=key, duplicate=not added, updated=updated)
    return Reply(accepted, 201 if added else 200)
