"""The outbox dispatcher of this process, wired to the bot and the renderers."""

from collections.abc import Callable
from functools import partial

from aiogram import Bot
from aiogram.utils.i18n import I18n
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.deferred_replies import DEFERRED_REPLY, render_deferred_reply
from bot.notifier import TelegramSender
from bot.renderers import NotificationRenderer
from bot.reply_pacing import TelegramPace
from domain.clock import Clock
from domain.districts import DistrictDirectory
from domain.services.deadline_bands import DEADLINE_PASSED
from domain.services.incidents import STAFF_INCIDENT
from domain.services.notify import REQUEST_EVENT
from handlers.alerts.crowd_notices import CrowdNotices
from handlers.alerts.notices import AlertNotices
from handlers.booking.notices import BookingRenderers
from handlers.my_requests.deadline_notices import deadline_passed
from handlers.my_requests.notices import request_event
from handlers.performers.notices import PerformerRenderers
from handlers.staff.deadline_notices import DeadlineNotices
from handlers.staff.figures_notices import FiguresNotices
from handlers.staff.incident_notices import incident
from handlers.staff.notices import StaffNotices
from scheduler.outbox import DispatchReport, OutboxDispatcher
from storage.uow import SqlUnitOfWork


def create_outbox_dispatcher(
    bot: Bot,
    session_factory: async_sessionmaker[AsyncSession],
    i18n: I18n,
    districts: DistrictDirectory,
    clock: Clock,
    on_report: Callable[[DispatchReport], None] | None = None,
    pace: TelegramPace | None = None,
) -> OutboxDispatcher:
    """`pace`: the application's (bot/reply_pacing.py), shared with the handlers' replies and,
    through Redis, with the other processes; by default a pace of the dispatcher's own."""
    open_uow = partial(SqlUnitOfWork, session_factory, clock)
    renderer = NotificationRenderer()
    renderer.register(REQUEST_EVENT, partial(request_event, open_uow=open_uow, i18n=i18n))
    StaffNotices(bot, open_uow, i18n, districts, clock).register(renderer)
    DeadlineNotices(bot, open_uow, i18n, districts, clock).register(renderer)
    renderer.register(DEADLINE_PASSED, partial(deadline_passed, open_uow=open_uow, i18n=i18n))
    FiguresNotices(open_uow, i18n, clock).register(renderer)
    renderer.register(STAFF_INCIDENT, partial(incident, open_uow=open_uow, i18n=i18n))
    AlertNotices(open_uow, i18n, districts, clock).register(renderer)
    CrowdNotices(open_uow, i18n, clock).register(renderer)
    PerformerRenderers(open_uow, i18n).register(renderer)
    BookingRenderers(open_uow, i18n, clock).register(renderer)
    renderer.register(DEFERRED_REPLY, render_deferred_reply)
    sender = TelegramSender(bot, renderer)
    pace = pace or TelegramPace.create(bot.id)
    return OutboxDispatcher(
        session_factory, sender, clock, pace.limiter, on_report=on_report, overall=pace.overall
    )
