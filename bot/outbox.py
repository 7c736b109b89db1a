"""The outbox dispatcher of this process, wired to the bot and the renderers."""

from collections.abc import Callable

from aiogram import Bot
from aiogram.utils.i18n import I18n
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.api.incidents import incident_renderer
from bot.notifier import TelegramSender
from bot.renderers import NotificationRenderer
from domain.clock import Clock
from domain.districts import DistrictDirectory
from domain.services.incidents import STAFF_INCIDENT
from scheduler.outbox import DispatchReport, OutboxDispatcher
from scheduler.pacing import RateLimiter


def create_outbox_dispatcher(
    bot: Bot,
    session_factory: async_sessionmaker[AsyncSession],
    i18n: I18n,
    districts: DistrictDirectory,
    clock: Clock,
    on_report: Callable[[DispatchReport], None] | None = None,
) -> OutboxDispatcher:
    renderer = NotificationRenderer(bot, session_factory, i18n, districts, clock)
    renderer.register(STAFF_INCIDENT, incident_renderer(i18n))
    sender = TelegramSender(bot, renderer)
    return OutboxDispatcher(session_factory, sender, clock, RateLimiter(), on_report=on_report)
