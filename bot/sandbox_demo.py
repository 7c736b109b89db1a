"""Demo data for the sandbox: a city that is already alive when the page first opens.

Everything goes through the domain's use cases (as a resident, staff or a source would), so
the demo shows what the bot really does with such data: staff cards, notices, alerts. It is
seeded once, in one transaction, into the sandbox's own database; every text a visitor reads
is marked "[демо]". Request histories are back-dated (a clock per step) so that they read like
a few days of work; outages, events and bookings are placed relative to now.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from bot.settings import Settings
from domain.address.matcher import AddressCandidate, AddressMatcher
from domain.alerts.events import CityEvent, EventCategory
from domain.alerts.outages import OutageArea, OutageDraft, OutageKind, StreetSpan
from domain.alerts.subscriptions import SavedAddress
from domain.booking.bookings import BookingPolicy
from domain.booking.performers import Genre, Performer
from domain.booking.sites import Equipment, Site, Slot, Sound
from domain.clock import CITY_TZ, Clock, FixedClock, SystemClock
from domain.requests import Actor, Place, RequestStatus
from domain.services import (
    booking,
    city_events,
    follow_up,
    notify,
    outages,
    performers,
    reports,
    staff_actions,
    subscriptions,
    users,
)
from sandbox.cast import CAST, STAFF_CHAT_ID
from storage.engine import create_engine, create_session_factory
from storage.uow import SqlUnitOfWork

S = RequestStatus
MARK = "[демо]"
SOURCE = "demo"
ALSU, TIMUR, EMMA, ARTYOM, ILDAR = 7001, 7002, 7003, 7101, 7201
TIMURS_DISTRICT = "Ново-Савиновский"  # where the planned power cut is, and he follows it
SEEDED_MARKER = ALSU  # the demo resident exists: the demo was seeded (in one transaction)


@dataclass(frozen=True, slots=True)
class Story:
    """One request: who, what, where, how long ago, and what staff did since (hours ago)."""

    author: int
    category: str
    address: str
    description: str
    hours_ago: float
    steps: tuple[tuple[float, RequestStatus, str | None], ...] = ()
    rating: int | None = None


STORIES = (
    Story(
        ALSU,
        "roads",
        "Пушкина 10",
        "Глубокая яма на проезжей части у дома, машины объезжают её по встречной полосе.",
        72,
        (
            (70, S.IN_PROGRESS, None),
            (20, S.RESOLVED, "Яму заделали литым асфальтом, спасибо за сигнал."),
        ),
        rating=5,
    ),
    Story(
        ALSU,
        "lighting",
        "Баумана 15",
        "Во дворе не горят два фонаря, вечером совсем темно.",
        26,
        ((22, S.IN_PROGRESS, None),),
    ),
    Story(
        TIMUR,
        "waste",
        "Чистопольская 20",
        "Контейнерная площадка переполнена, мусор не вывозят третий день.",
        50,
        ((30, S.NEED_INFO, "Уточните, пожалуйста, у какого подъезда стоят контейнеры?"),),
    ),
    Story(
        EMMA,
        "yards",
        "Гвардейская 33",
        "На детской площадке сломаны качели, торчат болты.",
        0.7,
    ),
    Story(
        TIMUR,
        "noise",
        "Декабристов 85",
        "Соседи сверху шумят каждую ночь после полуночи.",
        96,
        (
            (
                90,
                S.REJECTED,
                "Шум в квартирах — вопрос участкового уполномоченного: позвоните по номеру 102.",
            ),
        ),
    ),
    Story(
        EMMA,
        "transport",
        "проспект Победы 100",
        "Не работает светофор на пешеходном переходе, людям приходится перебегать дорогу.",
        5,
        ((4, S.IN_PROGRESS, None),),
    ),
)


@dataclass(frozen=True, slots=True)
class DemoSummary:
    requests: int
    performers: int
    bookings: int
    outages: int
    events: int
    subscriptions: int


async def seed_demo(settings: Settings, clock: Clock | None = None) -> DemoSummary | None:
    """Seed the database of `settings` once; None when it already holds the demo."""
    clock = clock or SystemClock()
    engine = create_engine(settings.database_url)
    try:
        async with SqlUnitOfWork(create_session_factory(engine), clock) as uow:
            summary = await seed_demo_data(
                uow, clock, settings.booking_policy(), settings.default_locale
            )
            if summary is not None:
                await uow.commit()
    finally:
        await engine.dispose()
    return summary


async def seed_demo_data(
    uow: SqlUnitOfWork,
    clock: Clock,
    policy: BookingPolicy,
    default_locale: str = "ru",
    staff_chat_id: int = STAFF_CHAT_ID,
) -> DemoSummary | None:
    """The whole demo in the caller's unit of work (the caller commits)."""
    if await uow.users.get(SEEDED_MARKER) is not None:
        return None
    now = clock.now()
    for member in CAST:
        await users.ensure_user(
            uow,
            clock,
            member.user_id,
            member.first_name,
            None,
            member.language_code,
            default_locale,
        )
    matcher = AddressMatcher(await uow.streets.all())
    for story in STORIES:
        await _tell(uow, now, story, _place(matcher, story.address), staff_chat_id)
    acts = await _performers(uow, clock, staff_chat_id)
    held = await _bookings(uow, clock, policy, staff_chat_id)
    follows = await _subscriptions(uow, clock, _best(matcher, "Баумана 15"))
    published = await _outages(uow, clock, _best(matcher, "Баумана 15"))
    events = await _events(uow, clock)
    return DemoSummary(len(STORIES), acts, held, published, events, follows)


async def _tell(
    uow: SqlUnitOfWork, now: datetime, story: Story, place: Place, staff_chat_id: int
) -> None:
    """A request's life, each step at its own moment in the past. The staff chat gets one
    card per request showing where it stands now, not a card edited through its whole past:
    the group's pace (20 messages a minute) would hold a visitor's new card behind them."""
    draft = reports.ReportDraft(story.category, place, f"{MARK} {story.description}")
    request = await reports.submit_request(
        uow, _ago(now, story.hours_ago), story.author, draft, staff_chat_id=None
    )
    assert request.id is not None
    for hours_ago, status, text in story.steps:
        at = _ago(now, hours_ago)
        if status is S.IN_PROGRESS:
            await staff_actions.take(uow, at, ILDAR, request.id, None)
        else:
            await staff_actions.change_status(
                uow,
                at,
                request.id,
                status,
                actor=Actor.STAFF,
                actor_id=ILDAR,
                text=text,
                staff_chat_id=None,
            )
    if story.rating is not None:
        last = _ago(now, story.steps[-1][0] - 1)
        await follow_up.rate(uow, last, story.author, request.id, story.rating, None)
    latest = (await uow.requests.history(request.id))[-1]
    assert latest.id is not None
    await notify.refresh_staff_card(uow, request.id, latest.id, staff_chat_id, now)


async def _performers(uow: SqlUnitOfWork, clock: Clock, staff_chat_id: int) -> int:
    """Артём approved (he books below); Тимур's duo still waits for staff's look."""
    now = clock.now()
    artyom = await performers.submit_profile(
        uow,
        clock,
        Performer(
            ARTYOM,
            "Артём и гитара",
            Genre.MUSIC,
            1,
            Sound.ACOUSTIC,
            now,
            now,
            equipment=frozenset({Equipment.STAND}),
            description=f"{MARK} Акустика: песни казанских групп и татарская эстрада.",
        ),
        staff_chat_id,
    )
    assert artyom.id is not None
    await performers.decide_performer(uow, clock, artyom.id, approve=True)
    await performers.submit_profile(
        uow,
        clock,
        Performer(
            TIMUR,
            "Дуэт «Ирек»",
            Genre.DANCE,
            2,
            Sound.UP_TO_60_DB,
            now,
            now,
            description=f"{MARK} Современный татарский танец под музыку с колонки.",
        ),
        staff_chat_id,
    )
    return 2


async def _bookings(
    uow: SqlUnitOfWork, clock: Clock, policy: BookingPolicy, staff_chat_id: int
) -> int:
    """The next free slot on Петербургская (confirmed at once) and the next evening on
    Баумана (staff approve it, so the staff chat has a booking card to decide)."""
    sites = {site.code: site for site in await uow.sites.all()}
    now = clock.now()
    soon = _first_slot(sites["peterburgskaya"], now + policy.min_lead + timedelta(minutes=30))
    evening = _evening_slot(sites["bauman"], soon.local_day() + timedelta(days=1))
    for slot in (soon, evening):
        await booking.book(uow, clock, policy, ARTYOM, slot.site_id, slot.starts_at, staff_chat_id)
    return 2


def _first_slot(site: Site, after: datetime) -> Slot:
    day = after.astimezone(CITY_TZ).date()
    for offset in range(7):
        for slot in site.slots_on(day + timedelta(days=offset)):
            if slot.starts_at >= after:
                return slot
    raise LookupError(f"site {site.code} has no slot within a week")  # the data changed


def _evening_slot(site: Site, day: date) -> Slot:
    """The last slot of the first open day from `day`: evenings are what performers want."""
    for offset in range(7):
        slots = site.slots_on(day + timedelta(days=offset))
        if slots:
            return slots[-1]
    raise LookupError(f"site {site.code} is closed all week")


async def _subscriptions(uow: SqlUnitOfWork, clock: Clock, home: AddressCandidate) -> int:
    """Алсу follows water at home and concerts city-wide; Тимур, electricity in his district.
    Before the outages are published, so that the demo's alerts reach them."""
    saved = await subscriptions.save_address(
        uow,
        clock,
        SavedAddress(
            ALSU, "Дом", home.label(), clock.now(), home.street.id, home.house, home.district
        ),
    )
    assert saved.id is not None
    water = (OutageKind.COLD_WATER, OutageKind.HOT_WATER)
    added = await subscriptions.follow_outages_at_address(uow, clock, ALSU, saved.id, water)
    added += await subscriptions.follow_events(uow, clock, ALSU, [EventCategory.CONCERTS], None)
    added += await subscriptions.follow_outages_in_district(
        uow, clock, TIMUR, TIMURS_DISTRICT, [OutageKind.ELECTRICITY]
    )
    return added


async def _outages(uow: SqlUnitOfWork, clock: Clock, bauman: AddressCandidate) -> int:
    now = clock.now()
    assert bauman.street.id is not None
    tomorrow = now.astimezone(CITY_TZ).date() + timedelta(days=1)
    drafts = (
        OutageDraft(
            OutageKind.HOT_WATER,
            True,
            OutageArea(streets=(StreetSpan(bauman.street.id),)),
            now - timedelta(hours=1, minutes=30),
            now + timedelta(hours=5),
            f"{MARK} Авария на сетях горячего водоснабжения, бригада уже работает.",
            SOURCE,
            "demo-hot-water-bauman",
        ),
        OutageDraft(
            OutageKind.ELECTRICITY,
            False,
            OutageArea(districts=(TIMURS_DISTRICT,)),
            _city_time(tomorrow, 10),
            _city_time(tomorrow, 16),
            f"{MARK} Плановый ремонт оборудования подстанции.",
            SOURCE,
            "demo-electricity-planned",
        ),
    )
    for draft in drafts:
        await outages.publish_outage(uow, clock, draft)
    return len(drafts)


async def _events(uow: SqlUnitOfWork, clock: Clock) -> int:
    now = clock.now()
    today = now.astimezone(CITY_TZ).date()
    events = (
        _event(
            "Концерт Государственного симфонического оркестра РТ",
            EventCategory.CONCERTS,
            "Концертный зал им. С. Сайдашева, пл. Свободы, 3",
            "Вахитовский",
            _city_time(today + timedelta(days=1), 19),
            _city_time(today + timedelta(days=1), 21),
            now,
            price="от 500 ₽",
        ),
        _event(
            "Выставка «Казань — город на двух реках»",
            EventCategory.EXHIBITIONS,
            "Галерея современного искусства, ул. Карла Маркса, 57",
            "Вахитовский",
            _city_time(today, 10),
            _city_time(today + timedelta(days=14), 18),
            now,
            free=True,
        ),
        _event(
            "Забег по Кремлёвской набережной, 5 км",
            EventCategory.SPORT,
            "Кремлёвская набережная",
            None,
            _city_time(today + timedelta(days=3), 9),
            _city_time(today + timedelta(days=3), 12),
            now,
            free=True,
        ),
    )
    for event in events:
        await city_events.publish_event(uow, clock, event)
    return len(events)


def _event(  # noqa: PLR0913 - an event is this many facts
    title: str,
    category: EventCategory,
    place: str,
    district: str | None,
    starts_at: datetime,
    ends_at: datetime,
    now: datetime,
    *,
    price: str | None = None,
    free: bool = False,
) -> CityEvent:
    return CityEvent(
        f"{MARK} {title}",
        category,
        place,
        district,
        starts_at,
        ends_at,
        SOURCE,
        now,
        now,
        price=price,
        free=free,
        source_id=f"demo-{category.value}",
        description=f"{MARK} Событие для песочницы «Мой Казань».",
    )


def _place(matcher: AddressMatcher, address: str) -> Place:
    candidate = _best(matcher, address)
    return Place(candidate.label(), candidate.district, candidate.street.id, candidate.house)


def _best(matcher: AddressMatcher, address: str) -> AddressCandidate:
    best = matcher.match(address).best
    if best is None:  # the street register changed under the demo: say which address
        raise LookupError(f"the demo address {address!r} is not in the street register")
    return best


def _ago(now: datetime, hours: float) -> FixedClock:
    return FixedClock(now - timedelta(hours=hours))


def _city_time(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=CITY_TZ)
