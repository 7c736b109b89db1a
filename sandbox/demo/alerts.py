"""The demo's alerts: who follows what, and the outages and city events they hear about.

Placed relative to now: an outage going on, a planned one tomorrow, events this week.
"""

from datetime import date, datetime, time, timedelta

from domain.address.matcher import AddressCandidate
from domain.alerts.events import CityEvent, EventCategory
from domain.alerts.outages import OutageArea, OutageDraft, OutageKind, StreetSpan
from domain.alerts.subscriptions import SavedAddress
from domain.clock import CITY_TZ, Clock
from domain.services import city_events, outages, subscriptions
from sandbox.demo.stories import ALSU, MARK, SOURCE, TIMUR, TIMURS_DISTRICT
from storage.uow import SqlUnitOfWork


async def follow_alerts(uow: SqlUnitOfWork, clock: Clock, home: AddressCandidate) -> int:
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


async def publish_outages(uow: SqlUnitOfWork, clock: Clock, bauman: AddressCandidate) -> int:
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


async def publish_events(uow: SqlUnitOfWork, clock: Clock) -> int:
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


def _city_time(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=CITY_TZ)
