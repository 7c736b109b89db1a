"""The composition root: everything the bot needs, built once and passed down explicitly."""

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TypedDict

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage
from aiogram.fsm.storage.redis import RedisEventIsolation, RedisStorage
from aiogram.utils.callback_answer import CallbackAnswerMiddleware
from aiogram.utils.i18n import I18n
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from bot.callback_prefixes import check_prefix_first
from bot.deferred_replies import DeferredReplies
from bot.event_index import index_events
from bot.event_isolation import EvictingEventIsolation
from bot.fsm_storage import SqlStorage, create_redis_storage
from bot.i18n import UserLocaleMiddleware, create_i18n
from bot.inline_callables import run_inline
from bot.lean_results import LeanSession
from bot.metrics import Metrics
from bot.metrics_middleware import MetricsMiddleware
from bot.middlewares import (
    SharedLimit,
    ThrottleMiddleware,
    UnitOfWorkMiddleware,
    UserMiddleware,
)
from bot.reply_pacing import PacedReplies, TelegramPace
from bot.settings import Settings
from bot.update_claims import UpdateClaims
from domain.address.matcher import AddressMatcher
from domain.alerts.crowd_rules import CrowdRules
from domain.alerts.places import streets_with_site_points
from domain.booking.bookings import BookingPolicy
from domain.clock import Clock, SystemClock
from domain.contacts import Contact
from domain.districts import DistrictDirectory
from domain.faq.library import FaqLibrary
from domain.geo import DistrictLocator
from domain.public_page import PublicLinks
from handlers import create_root_router
from handlers.staff.access import StaffAccess
from scheduler.pacing import Limits
from scheduler.redis_limiter import RedisKeyedLimit
from storage.contacts_data import read_contacts
from storage.crowd_rules import read_crowd_rules
from storage.engine import create_engine, create_session_factory
from storage.faq_data import load_library
from storage.fsm import SqlFsmRepository
from storage.reference_data import load_district_locator
from storage.uow import SqlUnitOfWork

logger = logging.getLogger(__name__)


class WorkflowData(TypedDict):
    """What every handler may ask for by name (aiogram's dependency injection)."""

    settings: Settings
    session_factory: async_sessionmaker
    clock: Clock
    address_matcher: AddressMatcher
    district_locator: DistrictLocator
    districts: DistrictDirectory
    outbox_wake: asyncio.Event  # set after a commit, so the dispatcher sends at once
    fanout_wake: asyncio.Event  # set after a commit that published an outage or event
    booking_policy: BookingPolicy  # Art-prospect's rules, from the settings
    crowd_rules: CrowdRules  # suspected outages, "is it back?" (data/crowd_outages.toml)
    staff_chat_id: int | None  # where request cards go (None: no staff chat configured)
    staff_access: StaffAccess
    metrics: Metrics  # this application's Prometheus registry and instruments
    faq: FaqLibrary  # the FAQ in effect, reloaded when the admin API changes it
    contacts: list[Contact]  # the city's phone numbers (data/contacts.csv), read at start
    public_links: PublicLinks  # the public pages' address (PUBLIC_BASE_URL), for the cards


@dataclass
class Application:
    settings: Settings
    engine: AsyncEngine
    session_factory: async_sessionmaker
    bot: Bot
    dispatcher: Dispatcher
    i18n: I18n
    clock: Clock
    districts: DistrictDirectory
    outbox_wake: asyncio.Event
    fanout_wake: asyncio.Event
    metrics: Metrics
    faq: FaqLibrary
    pace: TelegramPace  # Telegram's limits, shared by the replies and the outbox
    claims: UpdateClaims  # of the updates that changed nothing, written grouped


def create_bot(settings: Settings) -> Bot:
    # The answers to sends and edits are built without full validation (bot/lean_results.py).
    session = LeanSession(api=TelegramAPIServer.from_base(settings.telegram_api_base))
    return Bot(
        token=settings.require_token(),
        session=session,
        # A reply to a message deleted meanwhile is sent as a plain message, not refused.
        default=DefaultBotProperties(
            parse_mode=ParseMode.HTML,
            link_preview_is_disabled=True,
            allow_sending_without_reply=True,
        ),
    )


def create_fsm(
    settings: Settings, session_factory: async_sessionmaker
) -> tuple[BaseStorage, BaseEventIsolation]:
    if settings.redis_url:
        redis_storage: RedisStorage = create_redis_storage(settings.redis_url)
        return redis_storage, RedisEventIsolation(redis=redis_storage.redis)
    # Not aiogram's SimpleEventIsolation: it keeps a lock for every chat ever seen.
    return SqlStorage(SqlFsmRepository(session_factory)), EvictingEventIsolation()


def create_dispatcher(
    settings: Settings,
    session_factory: async_sessionmaker,
    i18n: I18n,
    workflow: WorkflowData,
    claims: UpdateClaims,
    throttle: SharedLimit | None = None,
) -> Dispatcher:
    storage, isolation = create_fsm(settings, session_factory)
    # aiogram's FSM middleware is registered below, after the unit of work, so that the form
    # state is read and written through the update's transaction (disable_fsm only defers it).
    dispatcher = Dispatcher(
        storage=storage, events_isolation=isolation, disable_fsm=True, **workflow
    )
    # Order matters: drop floods before touching the database; the person is loaded inside
    # the unit of work; the locale middleware (per event type) reads the loaded person.
    # Metrics outermost: the time and outcome of everything below, floods included.
    metrics = workflow["metrics"]
    dispatcher.update.outer_middleware(MetricsMiddleware(metrics))
    limiter = ThrottleMiddleware(settings.throttle_rate, settings.throttle_burst, shared=throttle)
    dispatcher.update.outer_middleware(limiter)
    metrics.track("throttle_buckets", limiter)
    if isinstance(isolation, EvictingEventIsolation):
        metrics.track("conversation_locks", isolation)
    # With the form state in our database, the update's first statement reads it too.
    forms = dispatcher.fsm if isinstance(storage, SqlStorage) else None
    dispatcher.update.outer_middleware(UnitOfWorkMiddleware(claims, forms))
    dispatcher.update.outer_middleware(UserMiddleware())
    dispatcher.update.outer_middleware(dispatcher.fsm)
    dispatcher.shutdown.register(dispatcher.fsm.close)
    UserLocaleMiddleware(i18n).setup(dispatcher)
    dispatcher.callback_query.middleware(CallbackAnswerMiddleware())
    root = create_root_router()
    dispatcher.include_router(root)
    run_inline(dispatcher)  # after every router is in: their sync filters skip the thread
    check_prefix_first(dispatcher)  # a press is tried only on handlers of its prefix
    index_events(root)  # a message or a press goes only to handlers its state and key allow
    return dispatcher


@asynccontextmanager
async def create_application(
    settings: Settings, clock: Clock | None = None
) -> AsyncIterator[Application]:
    """Build everything for one process; the database must already be migrated."""
    engine = create_engine(settings.database_url)
    session_factory = create_session_factory(engine)
    clock = clock or SystemClock()
    async with SqlUnitOfWork(session_factory, clock) as uow:
        # A street named by a city site with a map point gets that point (typed addresses
        # on it then have coordinates for "nearby"), unless the register gives its own.
        registered = AddressMatcher(await uow.streets.all())
        streets = streets_with_site_points(await uow.sites.all(active_only=False), registered)
        districts = DistrictDirectory(await uow.districts.all())
        locator = await load_district_locator(uow.session)
        faq = await load_library(uow.faq, settings.data_dir)
    i18n = create_i18n(settings.locales_dir, settings.default_locale)
    workflow = WorkflowData(
        settings=settings,
        session_factory=session_factory,
        clock=clock,
        address_matcher=AddressMatcher(streets),
        district_locator=locator,
        districts=districts,
        outbox_wake=asyncio.Event(),
        fanout_wake=asyncio.Event(),
        booking_policy=settings.booking_policy(),
        crowd_rules=read_crowd_rules(settings.data_dir),
        staff_chat_id=settings.staff_chat_id,
        staff_access=StaffAccess(settings.staff_chat_id),
        metrics=Metrics(),
        faq=faq,
        contacts=read_contacts(settings.data_dir),
        public_links=PublicLinks(settings.public_base_url),
    )
    bot = create_bot(settings)
    limits = Limits(
        per_group_per_minute=settings.group_messages_per_minute,
        overall_per_second=settings.messages_per_second,
    )
    pace = TelegramPace.create(bot.id, settings.redis_url, limits)
    # Every call the handlers make is paced and retried on a 429 (bot/reply_pacing.py).
    deferred = DeferredReplies(session_factory, clock)
    bot.session.middleware(PacedReplies(pace.limiter, pace.overall, defer=deferred.keep))
    throttle = None
    if settings.redis_url:  # several processes: one person's flood is counted once
        prefix = f"mykazan:{bot.id}:throttle"
        throttle = RedisKeyedLimit.from_url(
            settings.redis_url, prefix, settings.throttle_rate, settings.throttle_burst
        )
    claims = UpdateClaims(session_factory, clock)
    workflow["metrics"].track("update_claims_unwritten", claims)
    workflow["metrics"].track("pacing_chats", pace.limiter)
    dispatcher = create_dispatcher(settings, session_factory, i18n, workflow, claims, throttle)
    try:
        yield Application(
            settings,
            engine,
            session_factory,
            bot,
            dispatcher,
            i18n,
            clock,
            districts,
            workflow["outbox_wake"],
            workflow["fanout_wake"],
            workflow["metrics"],
            faq,
            pace,
            claims,
        )
    finally:
        await claims.drain()
        await dispatcher.storage.close()
        await bot.session.close()
        await pace.aclose()
        if throttle is not None:
            await throttle.aclose()
        await engine.dispose()
