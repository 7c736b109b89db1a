"""The outbox dispatcher of this process, wired to the bot and the renderers."""

from collections.abc import Callable

from aiogram import Bot
from aiogram.utils.i18n import I18n
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.alert_renderers import AlertRenderers
from bot.api.incidents import incident_renderer
from bot.booking_renderers import BookingRenderers, outbox_cards
from bot.notifier import TelegramSender
from bot.performer_renderers import PerformerRenderers
from bot.renderers import NotificationRenderer
from domain.clock import Clock
from domain.districts import DistrictDirectory
from domain.services.incidents import STAFF_INCIDENT
from scheduler.limiter import OverallLimit
from scheduler.outbox import DispatchReport, OutboxDispatcher
from scheduler.pacing import RateLimiter
from scheduler.redis_limiter import RedisOverallLimit


def create_outbox_dispatcher(
    bot: Bot,
    session_factory: async_sessionmaker[AsyncSession],
    i18n: I18n,
    districts: DistrictDirectory,
    clock: Clock,
    on_report: Callable[[DispatchReport], None] | None = None,
    redis_url: str | None = None,
) -> OutboxDispatcher:
    """With `redis_url` (settings.redis_url) every process of the bot takes its sends from
    one overall limit kept in Redis; without it the limit is this process's own."""
    renderer = NotificationRenderer(bot, session_factory, i18n, districts, clock)
    AlertRenderers(session_factory, i18n, districts, clock).register(renderer)
    cards = outbox_cards(session_factory)
    renderer.register(STAFF_INCIDENT, incident_renderer(i18n, renderer.chat_locale, cards))
    PerformerRenderers(session_factory, i18n).register(renderer)
    BookingRenderers(session_factory, i18n, clock).register(renderer)
    sender = TelegramSender(bot, renderer)
    overall: OverallLimit | None = None
    if redis_url:
        # One key per bot: its processes share the limit, other bots on the Redis do not.
        overall = RedisOverallLimit.from_url(redis_url, f"mykazan:{bot.id}:outbox:overall")
    return OutboxDispatcher(
        session_factory, sender, clock, RateLimiter(), on_report=on_report, overall=overall
    )
