"""Incidents from monitoring systems: accepted here, shown in the staff chat."""

from datetime import datetime

from aiogram import html
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from pydantic import Field

from bot.api.errors import conflict
from bot.api.parsing import BodyModel, ResponseModel, Timestamp
from bot.api.routing import ApiCall, Reply, RouteTable
from bot.notifier import RenderedMessage, Renderer
from bot.renderers import ChatLocale, fixed_locale
from domain.clock import to_city_time
from domain.notifications import Notification
from domain.services.incidents import Incident, Severity, post_incident

routes = RouteTable("incidents")
ICONS = {Severity.INFO: "ℹ️", Severity.WARNING: "⚠️", Severity.CRITICAL: "🔴"}


class IncidentPost(BodyModel):
    source: str = Field(pattern=r"^[A-Za-z0-9_.-]{1,64}$", description="e.g. zabbix")
    severity: Severity
    title: str = Field(min_length=1, max_length=200)
    details: str = Field("", max_length=3000)
    occurred_at: Timestamp | None = None
    source_id: str | None = Field(
        None, min_length=1, max_length=128, description="the same id posts once"
    )


class IncidentAccepted(ResponseModel):
    """The incident is queued for the staff chat"""

    id: int
    key: str
    duplicate: bool = Field(description="true: this source_id was posted before")


@routes.post(
    "/incidents",
    body=IncidentPost,
    responses={201: IncidentAccepted, 200: IncidentAccepted},
    errors=(409,),
)
async def post_incident_endpoint(call: ApiCall, body: IncidentPost) -> Reply:
    """Post an incident to the staff chat

    201 for a new incident; 200 with the first post's id when the source and source_id were
    posted before. 409 when no staff chat is configured.
    """
    context = call.context
    if context.staff_chat_id is None:
        raise conflict("no staff chat is configured (STAFF_CHAT_ID): nowhere to post")
    incident = Incident(**body.model_dump())
    async with context.uow() as uow:
        key, added = await post_incident(uow, context.clock, context.staff_chat_id, incident)
        row_id = await uow.admin.notification_id(key)
        await uow.commit()
    assert row_id is not None  # added now, or there before
    context.outbox_wake.set()
    return Reply(IncidentAccepted(id=row_id, key=key, duplicate=not added), 201 if added else 200)


def incident_renderer(i18n: I18n, chat_locale: ChatLocale | None = None) -> Renderer:
    """The staff chat's message for an incident, in that chat's language (Russian when no
    `chat_locale` is given); every text from outside is escaped."""
    locale_of = chat_locale or fixed_locale("ru")

    async def render(notification: Notification) -> RenderedMessage:
        payload = notification.payload
        locale = await locale_of(notification.chat_id)
        severity = Severity(payload["severity"])
        at = to_city_time(datetime.fromisoformat(payload["occurred_at"]))
        with i18n.context(), i18n.use_locale(locale):
            lines = [
                _("{icon} <b>Инцидент: {title}</b>").format(
                    icon=ICONS[severity], title=html.quote(payload["title"])
                ),
                _("Источник: {source}, {at}").format(
                    source=html.quote(payload["source"]), at=at.strftime("%d.%m.%Y %H:%M")
                ),
            ]
        if payload.get("details"):
            lines.append(html.quote(payload["details"]))
        return RenderedMessage("\n".join(lines))

    return render
