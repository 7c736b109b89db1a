"""The outbox dispatcher of this process, wired to the bot and the renderers."""

from aiogram import Bot
from aiogram.utils.i18n import I18n
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.notifier import TelegramSender
from bot.renderers import NotificationRenderer
from domain.clock import Clock
from domain.districts import DistrictDirectory
from scheduler.outbox import OutboxDispatcher
from scheduler.pacing import RateLimiter


def create_outbox_dispatcher(
    bot: Bot,
    session_factory: async_sessionmaker[AsyncSession],
    i18n: I18n,
    districts: DistrictDirectory,
    clock: Clock,
) -> OutboxDispatcher:
    renderer = NotificationRenderer(bot, session_factory, i18n, districts, clock)
    return OutboxDispatcher(session_factory, TelegramSender(bot, renderer), clock, RateLimiter())
